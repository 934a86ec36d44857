"""The course's optimization test cases: seeds, draw order, shapes and independence."""

from __future__ import annotations

import numpy as np
import pytest

from dlgrade.reference import cases_optimization as cases

SHAPES = {"W1": (2, 3), "b1": (2, 1), "W2": (3, 3), "b2": (3, 1)}


def course_draws() -> tuple[dict, dict]:
    """testCases.py's order: W1, b1, W2, b2, then dW1, db1, dW2, db2, after seed 1."""
    np.random.seed(1)
    parameters = {name: np.random.randn(*shape) for name, shape in SHAPES.items()}
    grads = {"d" + name: np.random.randn(*shape) for name, shape in SHAPES.items()}
    return parameters, grads


def assert_same(actual: dict, expected: dict) -> None:
    assert list(actual) == list(expected)
    for key in expected:
        np.testing.assert_array_equal(actual[key], expected[key])


def test_gd_case():
    parameters, grads, learning_rate = cases.update_parameters_with_gd_test_case()
    expected_parameters, expected_grads = course_draws()
    assert_same(parameters, expected_parameters)
    assert_same(grads, expected_grads)
    assert learning_rate == 0.01


def test_gd_case_first_value_is_seed_one_randn():
    parameters, _, _ = cases.update_parameters_with_gd_test_case()
    assert parameters["W1"][0, 0] == pytest.approx(1.6243453636632417, rel=1e-15)


@pytest.mark.parametrize(
    "make",
    [cases.update_parameters_with_momentum_test_case, cases.update_parameters_with_adam_test_case],
)
def test_stateful_cases_have_course_draws_and_zero_state(make):
    parameters, grads, *states = make()
    expected_parameters, expected_grads = course_draws()
    assert_same(parameters, expected_parameters)
    assert_same(grads, expected_grads)
    for state in states:
        assert sorted(state) == ["dW1", "dW2", "db1", "db2"]
        assert all(
            state["d" + k].shape == s and not state["d" + k].any() for k, s in SHAPES.items()
        )


@pytest.mark.parametrize(
    "make", [cases.initialize_velocity_test_case, cases.initialize_adam_test_case]
)
def test_initializer_cases(make):
    assert_same(make(), course_draws()[0])


def test_random_mini_batches_case():
    X, Y, size = cases.random_mini_batches_test_case()
    np.random.seed(1)
    np.testing.assert_array_equal(X, np.random.randn(12288, 148))
    np.testing.assert_array_equal(Y, np.random.randn(1, 148) < 0.5)
    assert size == 64 and Y.dtype == bool


def test_cases_do_not_depend_on_prior_global_state():
    np.random.seed(123)
    first = cases.update_parameters_with_gd_test_case()[0]
    np.random.rand(10)
    second = cases.update_parameters_with_gd_test_case()[0]
    assert_same(first, second)
