"""reference.gradient_checking: the course's published differences, closed forms for the 1-D
check, and the N-dim check's copy discipline and printing."""

from __future__ import annotations

import numpy as np
import pytest

from dlgrade.reference import gc_vectors, gradient_checking
from dlgrade.reference.cases_week1 import gradient_check_n_test_case
from dlgrade.reference.gradient_checking import gradient_check, gradient_check_n
from dlgrade.reference.numerical import numerical_gradient


@pytest.fixture
def course_case() -> tuple:
    X, Y, parameters = gradient_check_n_test_case()
    _, cache = gc_vectors.forward_propagation_n(X, Y, parameters)
    return X, Y, parameters, cache


def test_published_difference_with_the_notebooks_buggy_backward(course_case) -> None:
    X, Y, parameters, cache = course_case
    gradients = gc_vectors.backward_propagation_n_with_course_bugs(X, Y, cache)
    assert gradient_check_n(parameters, gradients, X, Y) == pytest.approx(
        0.2850931567761623, rel=1e-9
    )


def test_published_difference_with_the_correct_backward(course_case) -> None:
    X, Y, parameters, cache = course_case
    difference = gradient_check_n(parameters, gc_vectors.backward_propagation_n(X, Y, cache), X, Y)
    assert difference == pytest.approx(1.19e-7, abs=0.01e-7)
    assert difference < gradient_checking.COURSE_THRESHOLD
    assert np.ndim(difference) == 0


def test_gradients_from_our_own_finite_differences_pass(course_case) -> None:
    X, Y, parameters, _ = course_case
    gradients = {
        f"d{key}": numerical_gradient(
            lambda v, key=key: gc_vectors.forward_propagation_n(X, Y, {**parameters, key: v})[0],
            parameters[key],
        )
        for key in gc_vectors.PARAMETER_KEYS
    }
    assert gradient_check_n(parameters, gradients, X, Y) < 2e-7


def test_check_n_leaves_parameters_untouched_and_prints_nothing(course_case, capsys) -> None:
    X, Y, parameters, cache = course_case
    before = {key: value.copy() for key, value in parameters.items()}
    gradient_check_n(parameters, gc_vectors.backward_propagation_n(X, Y, cache), X, Y)
    for key, value in before.items():
        np.testing.assert_array_equal(parameters[key], value)
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    ("backward", "word"),
    [
        (gc_vectors.backward_propagation_n_with_course_bugs, "mistake"),
        (gc_vectors.backward_propagation_n, "fine"),
    ],
)
def test_check_n_prints_the_verdict_on_request(course_case, capsys, backward, word) -> None:
    X, Y, parameters, cache = course_case
    gradient_check_n(parameters, backward(X, Y, cache), X, Y, print_msg=True)
    assert word in capsys.readouterr().out


def test_one_dimensional_published_difference() -> None:
    """The old notebook's x, theta = 2, 4 printed difference = 2.919335883291695e-10."""
    assert gradient_check(2, 4) == pytest.approx(2.919335883291695e-10, rel=1e-6)


@pytest.mark.parametrize(("x", "theta"), [(3, 4), (2, 4), (-1.5, 0.25), (100.0, -7.0)])
def test_one_dimensional_check_passes_theta_times_x(x, theta, capsys) -> None:
    difference = gradient_check(x, theta)
    assert 0 <= difference < 1e-7
    assert np.ndim(difference) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(("factor", "expected"), [(2.0, 1 / 3), (-1.0, 1.0), (1.5, 0.2)])
def test_one_dimensional_check_catches_a_wrong_backward(monkeypatch, factor, expected) -> None:
    """With grad = c * x and approx = x the difference is |c - 1| / (|c| + 1)."""
    monkeypatch.setattr(gradient_checking, "backward_propagation", lambda x, theta: factor * x)
    assert gradient_check(3, 4) == pytest.approx(expected, rel=1e-6)


def test_one_dimensional_functions_by_hand() -> None:
    assert gradient_checking.forward_propagation(3, 4) == 12
    assert gradient_checking.backward_propagation(3, 4) == 3
