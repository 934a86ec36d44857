"""The project's own finite-difference checker, independent of the course's gradient checking.

Shapes are whatever the caller's arrays have: numerical_gradient returns an array shaped
like x, relative_error compares two arrays of one shape. (The course's data layout,
features x examples X (n_x, m), Y (1, m), does not matter here.)

Used by the tests of both reference halves and by the checks, so the two names and their
signatures are a contract.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def numerical_gradient(
    f: Callable[[np.ndarray], float], x: np.ndarray, eps: float = 1e-6
) -> np.ndarray:
    """Central differences (f(x + eps e_i) - f(x - eps e_i)) / (2 eps) for every element i.

    Inputs:
    - f: maps an array shaped like x to a scalar (it may read but should not keep the array).
    - x: any-shape numeric array; never modified (f sees a float64 working copy).
    - eps: step; the truncation error is O(eps^2), the rounding error O(1e-16 / eps).

    Returns grad, float64, same shape as x.
    """
    point = np.array(x, dtype=np.float64, copy=True)
    grad = np.zeros_like(point)
    for index in np.ndindex(point.shape):
        original = point[index]
        point[index] = original + eps
        f_plus = _scalar(f(point), "x + eps")
        point[index] = original - eps
        f_minus = _scalar(f(point), "x - eps")
        point[index] = original
        grad[index] = (f_plus - f_minus) / (2 * eps)
    return grad


def _scalar(value: object, where: str) -> float:
    """f's value as a float; a non-scalar f is a caller bug, so say what came back."""
    array = np.asarray(value)
    if array.size != 1:
        raise ValueError(
            f"numerical_gradient needs f to return a scalar, but f({where}) returned an array "
            f"of shape {array.shape}; reduce it (e.g. np.sum) or take one element."
        )
    return float(array.reshape(()))


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """Largest elementwise |a - b| / max(1e-8, |a| + |b|) (CS231n's rel_error).

    About 1e-7 or less means two gradients agree; the 1e-8 floor keeps 0 vs 0 at 0.
    Raises ValueError when the shapes differ (broadcasting would hide a bug).
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(
            f"relative_error compares arrays of one shape, got {a.shape} and {b.shape}; "
            "reshape one of them (e.g. a column (n, 1) vs a flat (n,))."
        )
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))
