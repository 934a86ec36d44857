"""reference.numerical against closed-form gradients and hand-computed relative errors."""

from __future__ import annotations

import numpy as np
import pytest

from dlgrade.reference.numerical import numerical_gradient, relative_error


def test_gradient_of_sum_of_squares_is_two_x() -> None:
    x = np.array([[1.0, -2.0, 0.5], [3.0, 0.0, -0.25]])
    np.testing.assert_allclose(numerical_gradient(lambda v: np.sum(v**2), x), 2 * x, atol=1e-8)


def test_gradient_of_quadratic_form_is_symmetrized_matrix_times_x() -> None:
    A = np.array([[2.0, 1.0, 0.0], [-1.0, 3.0, 4.0], [0.5, 0.0, 1.0]])
    x = np.array([0.3, -1.2, 2.0])
    np.testing.assert_allclose(numerical_gradient(lambda v: v @ A @ v, x), (A + A.T) @ x, atol=1e-7)


def test_gradient_of_sine_sum_is_cosine_in_3d() -> None:
    x = np.linspace(-2, 2, 24).reshape(2, 3, 4)
    grad = numerical_gradient(lambda v: np.sum(np.sin(v)), x)
    assert grad.shape == x.shape
    np.testing.assert_allclose(grad, np.cos(x), atol=1e-8)


def test_never_mutates_the_callers_array() -> None:
    x = np.array([[1.5, -0.5], [2.0, 4.0]])
    before = x.copy()
    numerical_gradient(lambda v: np.prod(v), x)
    np.testing.assert_array_equal(x, before)


def test_integer_input_is_differentiated_as_float() -> None:
    x = np.array([1, 2, 3])
    np.testing.assert_allclose(numerical_gradient(lambda v: np.sum(v**3), x), 3 * x**2, rtol=1e-7)


def test_non_scalar_function_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="scalar"):
        numerical_gradient(lambda v: v * 2, np.ones(3))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ([1.0, 2.0], [1.0, 2.0], 0.0),
        ([1.0], [3.0], 0.5),  # |1 - 3| / (1 + 3)
        ([2.0, -1.0], [2.0, 1.0], 1.0),  # |-1 - 1| / (1 + 1)
        ([0.0, 0.0], [0.0, 0.0], 0.0),  # the 1e-8 floor keeps 0 vs 0 at 0
        ([0.0], [1e-9], 0.1),  # 1e-9 / max(1e-8, 1e-9)
    ],
)
def test_relative_error_by_hand(a: list, b: list, expected: float) -> None:
    assert relative_error(np.array(a), np.array(b)) == pytest.approx(expected)


@pytest.mark.parametrize(("shape_a", "shape_b"), [((3,), (3, 1)), ((2, 2), (4,)), ((1, 3), (3, 1))])
def test_relative_error_refuses_different_shapes(shape_a: tuple, shape_b: tuple) -> None:
    with pytest.raises(ValueError, match="shape"):
        relative_error(np.zeros(shape_a), np.zeros(shape_b))
