"""Shared fixtures of the reference tests: an independent finite-difference gradient and
a helper that checks an analytic gradient against BOTH it and reference.numerical."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from dlgrade.reference.numerical import numerical_gradient


def simple_central_difference(
    f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-5
) -> np.ndarray:
    """Textbook (f(x + h e_i) - f(x - h e_i)) / 2h over x.flat, written apart from reference."""
    point = np.array(x, dtype=float)
    grad = np.zeros(point.size)
    for i in range(point.size):
        step = np.zeros(point.size)
        step[i] = h
        step = step.reshape(point.shape)
        grad[i] = (f(point + step) - f(point - step)) / (2 * h)
    return grad.reshape(point.shape)


@pytest.fixture
def central_difference() -> Callable:
    return simple_central_difference


@pytest.fixture
def assert_gradient() -> Callable:
    """assert_gradient(f, x, analytic): analytic agrees with both finite-difference methods."""

    def check(f: Callable[[np.ndarray], float], x: np.ndarray, analytic: np.ndarray) -> None:
        analytic = np.asarray(analytic, dtype=float)
        for method, approx in (
            ("reference.numerical", numerical_gradient(f, x)),
            ("simple central difference", simple_central_difference(f, x)),
        ):
            assert approx.shape == analytic.shape
            np.testing.assert_allclose(
                analytic, approx, rtol=1e-5, atol=1e-8, err_msg=f"against {method}"
            )

    return check


@pytest.fixture
def three_layer_data() -> tuple:
    """A small random problem for the 3-layer net: X (4, 7), Y (1, 7), parameters 4-5-3-1."""
    rng = np.random.default_rng(2024)
    X = rng.standard_normal((4, 7))
    Y = (rng.random((1, 7)) > 0.5).astype(float)
    dims = [4, 5, 3, 1]
    parameters = {}
    for layer in range(1, len(dims)):
        parameters[f"W{layer}"] = rng.standard_normal((dims[layer], dims[layer - 1]))
        parameters[f"b{layer}"] = rng.standard_normal((dims[layer], 1)) * 0.1
    return X, Y, parameters
