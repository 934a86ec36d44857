"""Inverted dropout on the two hidden layers of the 3-layer net (graded, Regularization notebook).

Data layout: features x examples, X (n_x, m), Y (1, m); W1 (n_1, n_x), W2 (n_2, n_1),
W3 (1, n_2), b{l} (n_l, 1).

Randomness follows the course exactly so masks match a student's: the forward pass calls
np.random.seed(1) on the GLOBAL legacy generator, then np.random.rand for D1 (n_1, m) and
then for D2 (n_2, m). Masks are int arrays (0/1); each kept unit is scaled by 1/keep_prob so
the expected activation is unchanged, and the backward pass reuses the SAME masks.
Trusted side only, so importing `network` is fine.
"""

from __future__ import annotations

import numpy as np

from reference.network import Parameters, linear_backward, relu, relu_backward, sigmoid

COURSE_SEED = 1


def dropout_mask(shape: tuple[int, int], keep_prob: float) -> np.ndarray:
    """One draw of np.random.rand(*shape), kept where < keep_prob. Returns int 0/1, `shape`."""
    D = np.random.rand(shape[0], shape[1])
    return (D < keep_prob).astype(int)


def forward_propagation_with_dropout(
    X: np.ndarray, parameters: Parameters, keep_prob: float = 0.5
) -> tuple[np.ndarray, tuple]:
    """Forward pass with inverted dropout after each hidden ReLU.

    Inputs: X (n_x, m); parameters W1, b1, W2, b2, W3, b3; keep_prob in (0, 1].
    Returns (A3, cache): A3 (1, m) and the 14-tuple cache
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3), where A1/A2 are the
    masked-and-rescaled activations and D1 (n_1, m), D2 (n_2, m) the int masks.
    """
    np.random.seed(COURSE_SEED)
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1 = np.dot(W1, X) + b1
    D1 = dropout_mask(Z1.shape, keep_prob)
    A1 = relu(Z1) * D1 / keep_prob
    Z2 = np.dot(W2, A1) + b2
    D2 = dropout_mask(Z2.shape, keep_prob)
    A2 = relu(Z2) * D2 / keep_prob
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


def backward_propagation_with_dropout(
    X: np.ndarray, Y: np.ndarray, cache: tuple, keep_prob: float
) -> dict[str, np.ndarray]:
    """Gradients of the mean cross-entropy through the dropped-out net.

    Inputs: X (n_x, m), Y (1, m), cache the 14-tuple of forward_propagation_with_dropout,
    keep_prob the value used forward. dA2 and dA1 are masked by D2/D1 and divided by
    keep_prob, the derivative of the forward's A * D / keep_prob.
    Returns dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1 (shapes of Z/A/W/b).
    """
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3, db3 = linear_backward(dZ3, A2, m)
    dA2 = np.dot(W3.T, dZ3) * D2 / keep_prob
    dZ2 = relu_backward(dA2, A2)
    dW2, db2 = linear_backward(dZ2, A1, m)
    dA1 = np.dot(W2.T, dZ2) * D1 / keep_prob
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
