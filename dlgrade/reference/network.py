"""The 3-layer network the course's helper modules provide (reg_utils, init_utils, opt_utils).

Architecture: LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID.

Data layout (the course's): features x examples. X has shape (n_x, m), Y has shape
(1, m); W{l} has shape (n_l, n_{l-1}) and b{l} has shape (n_l, 1).

This file is loaded BY PATH into the untrusted sandbox worker to stand in for the course
helper modules, so it imports numpy only and holds no graded function. Names, signatures,
caches and seeds follow the course helpers exactly, because student code calls them.
"""

from __future__ import annotations

import numpy as np

Parameters = dict[str, np.ndarray]
Cache = tuple[np.ndarray, ...]

GRADIENT_KEYS = ("dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1")


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Elementwise logistic function; any shape in, same shape out."""
    return 1 / (1 + np.exp(-x))


def relu(x: np.ndarray) -> np.ndarray:
    """Elementwise max(0, x); any shape in, same shape out."""
    return np.maximum(0, x)


def initialize_parameters(layer_dims: list[int]) -> Parameters:
    """The helpers' default initialization: seed 3, randn / sqrt(n_{l-1}), zero biases.

    Inputs:
    - layer_dims: [n_0, n_1, ..., n_L], n_0 = n_x.

    Returns {"W1": (n_1, n_0), "b1": (n_1, 1), ..., "WL", "bL"}. Seeds the global
    legacy generator (np.random.seed(3)) and draws W1, W2, ... in layer order.
    """
    np.random.seed(3)
    parameters: Parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(
            layer_dims[l - 1]
        )
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def linear_relu_forward(A_prev: np.ndarray, W: np.ndarray, b: np.ndarray) -> tuple:
    """One hidden layer. A_prev (n_prev, m), W (n, n_prev), b (n, 1) -> (Z, A), both (n, m)."""
    Z = np.dot(W, A_prev) + b
    return Z, relu(Z)


def forward_propagation(X: np.ndarray, parameters: Parameters) -> tuple[np.ndarray, Cache]:
    """Forward pass of the 3-layer net.

    Inputs:
    - X: (n_x, m); parameters: W1 (n_1, n_x), b1 (n_1, 1), W2 (n_2, n_1), b2 (n_2, 1),
      W3 (1, n_2), b3 (1, 1).

    Returns (A3, cache): A3 (1, m) sigmoid outputs and the course's 12-tuple cache
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) that backward_propagation unpacks.
    """
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1, A1 = linear_relu_forward(X, W1, b1)
    Z2, A2 = linear_relu_forward(A1, W2, b2)
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)


def linear_backward(dZ: np.ndarray, A_prev: np.ndarray, m: int) -> tuple:
    """Gradients of a linear layer's weights for the MEAN cost.

    dZ (n, m), A_prev (n_prev, m) -> (dW (n, n_prev), db (n, 1)).
    """
    dW = 1.0 / m * np.dot(dZ, A_prev.T)
    db = 1.0 / m * np.sum(dZ, axis=1, keepdims=True)
    return dW, db


def relu_backward(dA: np.ndarray, A: np.ndarray) -> np.ndarray:
    """dZ = dA where the unit was active. dA, A: (n, m) -> (n, m).

    Uses the ReLU's OUTPUT A (as the course does): A > 0 iff Z > 0.
    """
    return np.multiply(dA, np.int64(A > 0))


def backward_propagation(X: np.ndarray, Y: np.ndarray, cache: Cache) -> dict[str, np.ndarray]:
    """Backward pass of the mean cross-entropy cost through the 3-layer net.

    Inputs:
    - X: (n_x, m); Y: (1, m) labels in {0, 1}; cache: forward_propagation's 12-tuple.

    Returns {"dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1",
    "db1"}; every dW{l}/db{l} has the shape of W{l}/b{l}, dZ{l}/dA{l} that of Z{l}.
    """
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3, db3 = linear_backward(dZ3, A2, m)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = relu_backward(dA2, A2)
    dW2, db2 = linear_backward(dZ2, A1, m)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = relu_backward(dA1, A1)
    dW1, db1 = linear_backward(dZ1, X, m)
    return {
        "dZ3": dZ3,
        "dW3": dW3,
        "db3": db3,
        "dA2": dA2,
        "dZ2": dZ2,
        "dW2": dW2,
        "db2": db2,
        "dA1": dA1,
        "dZ1": dZ1,
        "dW1": dW1,
        "db1": db1,
    }


def cross_entropy_terms(a3: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Per-example loss -y log a - (1 - y) log(1 - a). a3, Y: (1, m) -> (1, m)."""
    return np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)


def compute_cost(a3: np.ndarray, Y: np.ndarray) -> float:
    """Mean cross-entropy (reg_utils / init_utils). a3, Y: (1, m) -> scalar.

    np.nansum as in the course: 0 * log(0) terms count as 0 instead of poisoning the cost.
    """
    m = Y.shape[1]
    return 1.0 / m * np.nansum(cross_entropy_terms(a3, Y))


def compute_cost_sum(a3: np.ndarray, Y: np.ndarray) -> float:
    """SUMMED cross-entropy (opt_utils_v1a.compute_cost). a3, Y: (1, m) -> scalar.

    The optimization notebook sums over mini-batches and divides by m itself.
    """
    return np.sum(cross_entropy_terms(a3, Y))


def update_parameters(
    parameters: Parameters, grads: dict[str, np.ndarray], learning_rate: float
) -> Parameters:
    """One gradient-descent step: W{l} - lr * dW{l}, b{l} - lr * db{l}.

    Returns a NEW dict with the same keys and shapes; the caller's arrays are untouched.
    """
    n_layers = len(parameters) // 2
    updated: Parameters = {}
    for l in range(1, n_layers + 1):
        updated[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        updated[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return updated


def predict(X: np.ndarray, y: np.ndarray, parameters: Parameters) -> np.ndarray:
    """0/1 predictions, 1 where A3 > 0.5. X (n_x, m) -> (1, m) int64.

    y is accepted for the course's signature (it prints the accuracy); nothing is printed.
    """
    a3, _ = forward_propagation(X, parameters)
    return (a3 > 0.5).astype(np.int64)
