"""L2 regularization of the 3-layer net (graded) and the lectures' L1 penalty.

Data layout: features x examples, X (n_x, m), Y (1, m); parameters W{l} (n_l, n_{l-1}),
b{l} (n_l, 1). Penalties apply to weights only, never to biases (as the course does).

Conventions (lectures):
- L2: lambd / (2m) * sum_l ||W{l}||_F^2, gradient lambd / m * W{l}.
- L1: lambd / (2m) * sum_l ||W{l}||_1 (the lecture's normalization), gradient
  lambd / (2m) * sign(W{l}) (the subgradient 0 at W = 0).

The graded functions are self-contained (numpy and the course helper `compute_cost` only)
because their source is rendered into student notebooks and run in the sandbox; the
penalty helpers above them are for the lectures' L1/L2 comparisons and the tests.
"""

from __future__ import annotations

import numpy as np

from dlgrade.reference.network import Parameters, compute_cost


def _weight_keys(parameters: Parameters) -> list[str]:
    """The W{l} keys present, in layer order (biases are never penalized)."""
    return sorted((key for key in parameters if key.startswith("W")), key=lambda k: int(k[1:]))


def l2_penalty(parameters: Parameters, lambd: float, m: int) -> float:
    """lambd / (2m) * sum of squared entries of every W{l} in `parameters`."""
    squares = sum(np.sum(np.square(parameters[key])) for key in _weight_keys(parameters))
    return 1.0 / m * lambd / 2 * squares


def l2_penalty_gradient(W: np.ndarray, lambd: float, m: int) -> np.ndarray:
    """d(l2_penalty)/dW = lambd / m * W. W (n_l, n_{l-1}) -> same shape."""
    return lambd / m * W


def l1_penalty(parameters: Parameters, lambd: float, m: int) -> float:
    """lambd / (2m) * sum of absolute entries of every W{l} in `parameters`.

    Self-contained (graded in the `tuning` assignment): parameters {"W{l}", "b{l}"} of
    any depth, biases never penalized; returns a scalar.
    """
    # YOUR CODE STARTS HERE
    weight_keys = sorted(
        (key for key in parameters if key.startswith("W")), key=lambda k: int(k[1:])
    )
    absolutes = sum(np.sum(np.abs(parameters[key])) for key in weight_keys)
    penalty = lambd / (2 * m) * absolutes
    # YOUR CODE ENDS HERE
    return penalty


def l1_penalty_gradient(W: np.ndarray, lambd: float, m: int) -> np.ndarray:
    """(Sub)gradient of l1_penalty w.r.t. W: lambd / (2m) * sign(W). W (n_l, n_{l-1})."""
    return lambd / (2 * m) * np.sign(W)


def compute_cost_with_regularization(
    A3: np.ndarray, Y: np.ndarray, parameters: dict[str, np.ndarray], lambd: float
) -> np.float64:
    """Mean cross-entropy plus lambd / (2m) * (||W1||^2 + ||W2||^2 + ||W3||^2).

    Inputs: A3 (1, m) sigmoid outputs, Y (1, m), parameters with W1, W2, W3, lambd >= 0.
    Returns a NumPy float64 scalar (the new notebook's tests check the type).
    Self-contained given the notebook's `from reg_utils import compute_cost`.
    """
    m = Y.shape[1]
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    W3 = parameters["W3"]
    cross_entropy_cost = compute_cost(A3, Y)
    # YOUR CODE STARTS HERE
    L2_regularization_cost = (
        lambd / (2 * m) * (np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))
    )
    # YOUR CODE ENDS HERE
    cost = np.float64(cross_entropy_cost + L2_regularization_cost)
    return cost


def backward_propagation_with_regularization(
    X: np.ndarray, Y: np.ndarray, cache: tuple, lambd: float
) -> dict[str, np.ndarray]:
    """Gradients of compute_cost_with_regularization: the plain backward pass + lambd/m * W{l}.

    Inputs: X (n_x, m), Y (1, m), cache the 12-tuple (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3,
    A3, W3, b3) of network.forward_propagation.
    Returns dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1 (shapes of Z/A/W/b);
    only the dW{l} differ from network.backward_propagation. Self-contained (numpy only).
    """
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    # YOUR CODE STARTS HERE
    dW3 = 1.0 / m * np.dot(dZ3, A2.T) + lambd / m * W3
    # YOUR CODE ENDS HERE
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    # YOUR CODE STARTS HERE
    dW2 = 1.0 / m * np.dot(dZ2, A1.T) + lambd / m * W2
    # YOUR CODE ENDS HERE
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    # YOUR CODE STARTS HERE
    dW1 = 1.0 / m * np.dot(dZ1, X.T) + lambd / m * W1
    # YOUR CODE ENDS HERE
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)
    gradients = {
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
    return gradients
