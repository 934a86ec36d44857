"""L2 regularization of the 3-layer net (graded) and the lectures' L1 penalty.

Data layout: features x examples, X (n_x, m), Y (1, m); parameters W{l} (n_l, n_{l-1}),
b{l} (n_l, 1). Penalties apply to weights only, never to biases (as the course does).

Conventions (lectures):
- L2: lambd / (2m) * sum_l ||W{l}||_F^2, gradient lambd / m * W{l}.
- L1: lambd / (2m) * sum_l ||W{l}||_1 (the lecture's normalization), gradient
  lambd / (2m) * sign(W{l}) (the subgradient 0 at W = 0).

Trusted side only (the worker never loads this file), so importing `network` is fine.
"""

from __future__ import annotations

import numpy as np

from reference.network import Cache, Parameters, backward_propagation, compute_cost

COURSE_WEIGHT_KEYS = ("W1", "W2", "W3")


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
    """lambd / (2m) * sum of absolute entries of every W{l} in `parameters`."""
    absolutes = sum(np.sum(np.abs(parameters[key])) for key in _weight_keys(parameters))
    return lambd / (2 * m) * absolutes


def l1_penalty_gradient(W: np.ndarray, lambd: float, m: int) -> np.ndarray:
    """(Sub)gradient of l1_penalty w.r.t. W: lambd / (2m) * sign(W). W (n_l, n_{l-1})."""
    return lambd / (2 * m) * np.sign(W)


def compute_cost_with_regularization(
    A3: np.ndarray, Y: np.ndarray, parameters: Parameters, lambd: float
) -> np.float64:
    """Mean cross-entropy plus lambd / (2m) * (||W1||^2 + ||W2||^2 + ||W3||^2).

    Inputs: A3 (1, m) sigmoid outputs, Y (1, m), parameters with W1, W2, W3, lambd >= 0.
    Returns a NumPy float64 scalar (the new notebook's tests check the type).
    """
    m = Y.shape[1]
    weights = {key: parameters[key] for key in COURSE_WEIGHT_KEYS}
    return np.float64(compute_cost(A3, Y) + l2_penalty(weights, lambd, m))


def backward_propagation_with_regularization(
    X: np.ndarray, Y: np.ndarray, cache: Cache, lambd: float
) -> dict[str, np.ndarray]:
    """Gradients of compute_cost_with_regularization: the plain backward pass + lambd/m * W{l}.

    Inputs: X (n_x, m), Y (1, m), cache the 12-tuple (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3,
    A3, W3, b3) of network.forward_propagation.
    Returns dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1 (shapes of Z/A/W/b);
    only the dW{l} differ from network.backward_propagation.
    """
    m = X.shape[1]
    weights = {"W1": cache[2], "W2": cache[6], "W3": cache[10]}
    gradients = dict(backward_propagation(X, Y, cache))
    for key, W in weights.items():
        gradients[f"d{key}"] = gradients[f"d{key}"] + l2_penalty_gradient(W, lambd, m)
    return gradients
