"""Inverted dropout on the two hidden layers of the 3-layer net (graded, Regularization notebook).

Data layout: features x examples, X (n_x, m), Y (1, m); W1 (n_1, n_x), W2 (n_2, n_1),
W3 (1, n_2), b{l} (n_l, 1).

Randomness follows the course exactly so masks match a student's: the forward pass calls
np.random.seed(1) on the GLOBAL legacy generator, then np.random.rand for D1 (n_1, m) and
then for D2 (n_2, m). Masks are int arrays (0/1); each kept unit is scaled by 1/keep_prob so
the expected activation is unchanged, and the backward pass reuses the SAME masks.
The graded functions are self-contained (numpy and the course helpers `relu`, `sigmoid`)
because their source is rendered into student notebooks and run in the sandbox.
"""

from __future__ import annotations

import numpy as np

from dlgrade.reference.network import relu, sigmoid


def forward_propagation_with_dropout(
    X: np.ndarray, parameters: dict[str, np.ndarray], keep_prob: float = 0.5
) -> tuple[np.ndarray, tuple]:
    """Forward pass with inverted dropout after each hidden ReLU.

    Inputs: X (n_x, m); parameters W1, b1, W2, b2, W3, b3; keep_prob in (0, 1].
    Returns (A3, cache): A3 (1, m) and the 14-tuple cache
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3), where A1/A2 are the
    masked-and-rescaled activations and D1 (n_1, m), D2 (n_2, m) the int masks.
    Self-contained given the notebook's `from reg_utils import relu, sigmoid`.
    """
    np.random.seed(1)
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    W3 = parameters["W3"]
    b3 = parameters["b3"]
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    # YOUR CODE STARTS HERE
    D1 = np.random.rand(A1.shape[0], A1.shape[1])
    D1 = (D1 < keep_prob).astype(int)
    A1 = A1 * D1
    A1 = A1 / keep_prob
    # YOUR CODE ENDS HERE
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    # YOUR CODE STARTS HERE
    D2 = np.random.rand(A2.shape[0], A2.shape[1])
    D2 = (D2 < keep_prob).astype(int)
    A2 = A2 * D2
    A2 = A2 / keep_prob
    # YOUR CODE ENDS HERE
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache


def backward_propagation_with_dropout(
    X: np.ndarray, Y: np.ndarray, cache: tuple, keep_prob: float
) -> dict[str, np.ndarray]:
    """Gradients of the mean cross-entropy through the dropped-out net.

    Inputs: X (n_x, m), Y (1, m), cache the 14-tuple of forward_propagation_with_dropout,
    keep_prob the value used forward. dA2 and dA1 are masked by D2/D1 and divided by
    keep_prob, the derivative of the forward's A * D / keep_prob.
    Returns dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1 (shapes of Z/A/W/b).
    Self-contained (numpy only).
    """
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1.0 / m * np.dot(dZ3, A2.T)
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    # YOUR CODE STARTS HERE
    dA2 = dA2 * D2
    dA2 = dA2 / keep_prob
    # YOUR CODE ENDS HERE
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1.0 / m * np.dot(dZ2, A1.T)
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    # YOUR CODE STARTS HERE
    dA1 = dA1 * D1
    dA1 = dA1 / keep_prob
    # YOUR CODE ENDS HERE
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1.0 / m * np.dot(dZ1, X.T)
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
