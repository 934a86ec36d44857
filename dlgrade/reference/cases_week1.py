"""The course's week-1 test-case generators (testCases.py / test_cases.py of the notebooks).

Data layout: features x examples, X (n_x, m), Y (1, m) (the gradient-checking case keeps the
course's 1-D Y (m,)). Each generator seeds the GLOBAL legacy generator with np.random.seed(1)
and draws in the course's order; the hard-coded caches are the course's printed arrays (they
are the seeded forward passes rounded to 8 decimals), kept literally so that expected outputs
computed from them match the notebook's.

Plain data generators: numpy only, no graded module imported, because the sandbox worker may
load this file by path as the students' `testCases` / `test_cases`.
"""

from __future__ import annotations

import numpy as np

Y_REGULARIZATION = [[1, 1, 0, 1, 0]]
A3_REGULARIZATION = [[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]]

_Z1 = [
    [-1.52855314, 3.32524635, 2.13994541, 2.60700654, -0.75942115],
    [-1.98043538, 4.1600994, 0.79051021, 1.46493512, -0.45506242],
]
_W1 = [[-1.09989127, -0.17242821, -0.87785842], [0.04221375, 0.58281521, -1.10061918]]
_B1 = [[1.14472371], [0.90159072]]
_W2 = [[0.50249434, 0.90085595], [-0.68372786, -0.12289023], [-0.93576943, -0.26788808]]
_B2 = [[0.53035547], [-0.69166075], [-0.39675353]]
_W3 = [[-0.6871727, -0.84520564, -0.67124613]]
_B3 = [[-0.0126646]]


def _seeded_three_layer(n_x: int, m: int, n_1: int, n_2: int) -> tuple:
    """Seed 1, then X (n_x, m), W1, b1, W2, b2, W3 (1, n_2), b3 (1, 1) in the course's order."""
    np.random.seed(1)
    X = np.random.randn(n_x, m)
    parameters = {
        "W1": np.random.randn(n_1, n_x),
        "b1": np.random.randn(n_1, 1),
        "W2": np.random.randn(n_2, n_1),
        "b2": np.random.randn(n_2, 1),
        "W3": np.random.randn(1, n_2),
        "b3": np.random.randn(1, 1),
    }
    return X, parameters


def compute_cost_with_regularization_test_case() -> tuple:
    """(a3 (1, 5), Y (1, 5), parameters W1 (2, 3) ... b3 (1, 1)).

    With lambd = 0.1 the course's cost is 1.7864859451590758.
    """
    np.random.seed(1)
    Y_assess = np.array(Y_REGULARIZATION)
    parameters = {
        "W1": np.random.randn(2, 3),
        "b1": np.random.randn(2, 1),
        "W2": np.random.randn(3, 2),
        "b2": np.random.randn(3, 1),
        "W3": np.random.randn(1, 3),
        "b3": np.random.randn(1, 1),
    }
    a3 = np.array(A3_REGULARIZATION)
    return a3, Y_assess, parameters


def backward_propagation_with_regularization_test_case() -> tuple:
    """(X (3, 5), Y (1, 5), the 12-tuple cache of the plain forward pass on them)."""
    np.random.seed(1)
    X_assess = np.random.randn(3, 5)
    Y_assess = np.array(Y_REGULARIZATION)
    A1 = [
        [0.0, 3.32524635, 2.13994541, 2.60700654, 0.0],
        [0.0, 4.1600994, 0.79051021, 1.46493512, 0.0],
    ]
    Z2 = [
        [0.53035547, 5.94892323, 2.31780174, 3.16005701, 0.53035547],
        [-0.69166075, -3.47645987, -2.25194702, -2.65416996, -0.69166075],
        [-0.39675353, -4.62285846, -2.61101729, -3.22874921, -0.39675353],
    ]
    A2 = [
        [0.53035547, 5.94892323, 2.31780174, 3.16005701, 0.53035547],
        [0.0, 0.0, 0.0, 0.0, 0.0],
        [0.0, 0.0, 0.0, 0.0, 0.0],
    ]
    Z3 = [[-0.3771104, -4.10060224, -1.60539468, -2.18416951, -0.3771104]]
    cache = tuple(
        np.array(a) for a in (_Z1, A1, _W1, _B1, Z2, A2, _W2, _B2, Z3, A3_REGULARIZATION, _W3, _B3)
    )
    return X_assess, Y_assess, cache


def forward_propagation_with_dropout_test_case() -> tuple:
    """(X (3, 5), parameters W1 (2, 3), b1 (2, 1), W2 (3, 2), b2 (3, 1), W3 (1, 3), b3 (1, 1))."""
    return _seeded_three_layer(n_x=3, m=5, n_1=2, n_2=3)


def backward_propagation_with_dropout_test_case() -> tuple:
    """(X (3, 5), Y (1, 5), the 14-tuple cache of the dropout forward with keep_prob = 0.5).

    The masks are the course's boolean ones (older notebooks stored bool, newer int).
    """
    np.random.seed(1)
    X_assess = np.random.randn(3, 5)
    Y_assess = np.array(Y_REGULARIZATION)
    D1 = [[True, False, True, True, True], [True, True, True, True, False]]
    A1 = [[0.0, 0.0, 4.27989081, 5.21401307, 0.0], [0.0, 8.32019881, 1.58102041, 2.92987024, 0.0]]
    Z2 = [
        [0.53035547, 8.02565606, 4.10524802, 5.78975856, 0.53035547],
        [-0.69166075, -1.71413186, -3.81223329, -4.61667916, -0.69166075],
        [-0.39675353, -2.62563561, -4.82528105, -6.0607449, -0.39675353],
    ]
    D2 = [
        [True, False, True, False, True],
        [False, True, False, True, True],
        [False, False, True, False, False],
    ]
    A2 = [
        [1.06071093, 0.0, 8.21049603, 0.0, 1.06071093],
        [0.0, 0.0, 0.0, 0.0, 0.0],
        [0.0, 0.0, 0.0, 0.0, 0.0],
    ]
    Z3 = [[-0.7415562, -0.0126646, -5.65469333, -0.0126646, -0.7415562]]
    A3 = [[0.32266394, 0.49683389, 0.00348883, 0.49683389, 0.32266394]]
    cache = tuple(
        np.array(a) for a in (_Z1, D1, A1, _W1, _B1, Z2, D2, A2, _W2, _B2, Z3, A3, _W3, _B3)
    )
    return X_assess, Y_assess, cache


def gradient_check_n_test_case() -> tuple:
    """(X (4, 3), y (3,) = [1, 1, 0], parameters W1 (5, 4) ... b3 (1, 1)), as in the course."""
    np.random.seed(1)
    x = np.random.randn(4, 3)
    y = np.array([1, 1, 0])
    parameters = {
        "W1": np.random.randn(5, 4),
        "b1": np.random.randn(5, 1),
        "W2": np.random.randn(3, 5),
        "b2": np.random.randn(3, 1),
        "W3": np.random.randn(1, 3),
        "b3": np.random.randn(1, 1),
    }
    return x, y, parameters
