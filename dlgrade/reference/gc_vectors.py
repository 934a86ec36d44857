"""Gradient-checking helpers of the course's gc_utils: parameter <-> vector and the N-dim net.

Data layout (the course's): features x examples. X has shape (n_x, m) = (4, m), Y has
shape (1, m) (the course's test case passes a 1-D (m,) Y, which broadcasts the same way).
The network is fixed: W1 (5, 4), b1 (5, 1), W2 (3, 5), b2 (3, 1), W3 (1, 3), b3 (1, 1),
47 numbers flattened in the order W1, b1, W2, b2, W3, b3 (row-major within each array).

This file is loaded BY PATH into the untrusted sandbox worker as `gc_utils`, so it imports
numpy only (hence its own relu/sigmoid) and holds no graded function.
"""

from __future__ import annotations

import numpy as np

PARAMETER_KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")
PARAMETER_SHAPES = {
    "W1": (5, 4),
    "b1": (5, 1),
    "W2": (3, 5),
    "b2": (3, 1),
    "W3": (1, 3),
    "b3": (1, 1),
}
GRADIENT_KEYS = ("dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1")


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Elementwise logistic function; any shape in, same shape out."""
    return 1 / (1 + np.exp(-x))


def relu(x: np.ndarray) -> np.ndarray:
    """Elementwise max(0, x); any shape in, same shape out."""
    return np.maximum(0, x)


def _stack_columns(arrays: dict[str, np.ndarray], keys: tuple[str, ...]) -> np.ndarray:
    """Concatenate the arrays under `keys`, each flattened row-major, into one (n, 1) column."""
    return np.concatenate([np.reshape(arrays[key], (-1, 1)) for key in keys], axis=0)


def dictionary_to_vector(parameters: dict[str, np.ndarray]) -> tuple[np.ndarray, list[str]]:
    """Flatten W1, b1, W2, b2, W3, b3 into theta (47, 1).

    Returns (theta, keys) where keys[i] names the parameter theta[i] came from, as in gc_utils.
    """
    theta = _stack_columns(parameters, PARAMETER_KEYS)
    keys = [key for key in PARAMETER_KEYS for _ in range(np.size(parameters[key]))]
    return theta, keys


def vector_to_dictionary(theta: np.ndarray) -> dict[str, np.ndarray]:
    """Inverse of dictionary_to_vector. theta (47, 1) -> {"W1": (5, 4), ..., "b3": (1, 1)}.

    Like gc_utils, the arrays are reshaped slices (views) of theta: callers that perturb
    theta must pass a copy.
    """
    parameters = {}
    start = 0
    for key in PARAMETER_KEYS:
        shape = PARAMETER_SHAPES[key]
        stop = start + shape[0] * shape[1]
        parameters[key] = theta[start:stop].reshape(shape)
        start = stop
    return parameters


def gradients_to_vector(gradients: dict[str, np.ndarray]) -> np.ndarray:
    """Flatten dW1, db1, dW2, db2, dW3, db3 into a (47, 1) column aligned with theta."""
    return _stack_columns(gradients, tuple(f"d{key}" for key in PARAMETER_KEYS))


def forward_propagation_n(
    X: np.ndarray, Y: np.ndarray, parameters: dict[str, np.ndarray]
) -> tuple[float, tuple]:
    """Mean cross-entropy cost of the 3-layer net and its cache.

    Inputs: X (4, m); Y (1, m) or (m,); parameters as in the module docstring.
    Returns (cost, cache), cache = (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) with
    Z1, A1 (5, m), Z2, A2 (3, m), Z3, A3 (1, m).
    """
    m = X.shape[1]
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    log_probs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
    cost = 1.0 / m * np.sum(log_probs)
    return cost, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)


def _backward(X: np.ndarray, Y: np.ndarray, cache: tuple, *, planted_bugs: bool) -> dict:
    """Shared body of the correct and the notebook's buggy backward pass (see callers)."""
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1.0 / m * np.dot(dZ3, A2.T)
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1.0 / m * np.dot(dZ2, A1.T) * (2 if planted_bugs else 1)
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1.0 / m * np.dot(dZ1, X.T)
    db1 = (4.0 if planted_bugs else 1.0) / m * np.sum(dZ1, axis=1, keepdims=True)
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


def backward_propagation_n(X: np.ndarray, Y: np.ndarray, cache: tuple) -> dict[str, np.ndarray]:
    """Correct gradients of forward_propagation_n's cost.

    Inputs: X (4, m), Y (1, m) or (m,), cache from forward_propagation_n.
    Returns the 11 keys dZ3 ... db1, each shaped like its Z/A/W/b.
    """
    return _backward(X, Y, cache, planted_bugs=False)


def backward_propagation_n_with_course_bugs(
    X: np.ndarray, Y: np.ndarray, cache: tuple
) -> dict[str, np.ndarray]:
    """The notebook's backward pass with its two planted bugs, which gradient checking must find.

    dW2 is doubled (`... * 2`) and db1 uses 4/m instead of 1/m; shapes as backward_propagation_n.
    """
    return _backward(X, Y, cache, planted_bugs=True)
