"""Softmax regression output layer (week 3): activation, cross-entropy cost, gradient.

Data layout: one column per example. Logits Z, probabilities A and one-hot labels Y
all have shape (C, m) for C classes and m examples; integer labels have shape (m,)
or (1, m).

Gradient convention (the course's): `softmax_backward` returns dZ = A - Y, the
gradient of each example's own loss -sum_c y_c log a_c. The 1/m of the mean cost is
applied later, in dW = 1/m dZ A_prev^T and db = 1/m sum(dZ), exactly as in the
course's other backward passes; equivalently, A - Y is the gradient of m * cost.

Every function is self-contained given `import numpy as np` (gradable).
"""

from __future__ import annotations

import numpy as np


def softmax(Z: np.ndarray) -> np.ndarray:
    """Column-wise softmax, stable for any finite logits.

    Why subtract the column max: softmax is invariant to adding a constant to a column,
    and after the shift every exponent is <= 0, so exp never overflows.

    Inputs:
    - Z: logits, of shape (C, m)

    Returns:
    - A: probabilities, of shape (C, m); each column sums to 1
    """
    # YOUR CODE STARTS HERE
    Z_shifted = Z - np.max(Z, axis=0, keepdims=True)
    exp_Z = np.exp(Z_shifted)
    A = exp_Z / np.sum(exp_Z, axis=0, keepdims=True)
    # YOUR CODE ENDS HERE
    return A


def softmax_cross_entropy(A: np.ndarray, Y: np.ndarray) -> np.floating:
    """Mean cross-entropy cost: -1/m * sum(Y * log(A)).

    A is clipped below at the smallest positive float before the log. Why: softmax of
    far-apart logits underflows to exact zeros, and 0 * log(0) must count as its limit
    0, not NaN. A true class with probability 0 then costs about 708 instead of inf.

    Inputs:
    - A: predicted probabilities, of shape (C, m)
    - Y: one-hot labels, of shape (C, m)

    Returns:
    - cost: NumPy scalar
    """
    m = Y.shape[1]
    # YOUR CODE STARTS HERE
    log_A = np.log(np.maximum(A, np.finfo(np.float64).tiny))
    cost = -np.sum(Y * log_A) / m
    # YOUR CODE ENDS HERE
    return cost


def softmax_backward(A: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Gradient of the per-example loss with respect to the logits: dZ = A - Y.

    Valid because each column of Y sums to 1. See the module docstring for why the 1/m
    is not applied here.

    Inputs:
    - A: softmax probabilities, of shape (C, m)
    - Y: one-hot labels, of shape (C, m)

    Returns:
    - dZ: of shape (C, m)
    """
    # YOUR CODE STARTS HERE
    dZ = A - Y
    # YOUR CODE ENDS HERE
    return dZ


def one_hot(labels: np.ndarray, C: int) -> np.ndarray:
    """One-hot encode integer labels as columns (the course's convert_to_one_hot).

    Inputs:
    - labels: integers in [0, C), of shape (m,) or (1, m)
    - C: number of classes

    Returns:
    - Y: float array of shape (C, m), Y[labels[i], i] = 1 and zeros elsewhere
    """
    # YOUR CODE STARTS HERE
    Y = np.eye(C)[np.reshape(labels, -1)].T
    # YOUR CODE ENDS HERE
    return Y
