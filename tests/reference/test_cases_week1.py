"""reference.cases_week1: the course's generators draw seed-1 numbers in the course's order,
and their hard-coded caches really are the (rounded) forward passes they claim to be."""

from __future__ import annotations

import numpy as np
import pytest

from dlgrade.reference import cases_week1, network
from dlgrade.reference.dropout import forward_propagation_with_dropout

GENERATORS = [
    cases_week1.compute_cost_with_regularization_test_case,
    cases_week1.backward_propagation_with_regularization_test_case,
    cases_week1.forward_propagation_with_dropout_test_case,
    cases_week1.backward_propagation_with_dropout_test_case,
    cases_week1.gradient_check_n_test_case,
]


def _seed_1_draws(*shapes: tuple) -> list:
    rng = np.random.RandomState(1)
    return [rng.randn(*shape) for shape in shapes]


@pytest.mark.parametrize("generator", GENERATORS)
def test_same_call_twice_gives_identical_data(generator) -> None:
    first = generator()
    np.random.seed(42)
    second = generator()
    for a, b in zip(first, second, strict=True):
        if isinstance(a, dict):
            for key in a:
                np.testing.assert_array_equal(a[key], b[key])
        elif isinstance(a, tuple):
            for x, y in zip(a, b, strict=True):
                np.testing.assert_array_equal(x, y)
        else:
            np.testing.assert_array_equal(a, b)


def test_dropout_forward_case_is_x_then_parameters_from_seed_1() -> None:
    X, parameters = cases_week1.forward_propagation_with_dropout_test_case()
    shapes = [(3, 5), (2, 3), (2, 1), (3, 2), (3, 1), (1, 3), (1, 1)]
    expected = _seed_1_draws(*shapes)
    actual = [X] + [parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3")]
    for a, e in zip(actual, expected, strict=True):
        np.testing.assert_array_equal(a, e)


def test_regularization_cost_case_draws_parameters_without_x() -> None:
    a3, Y, parameters = cases_week1.compute_cost_with_regularization_test_case()
    expected = _seed_1_draws((2, 3), (2, 1), (3, 2), (3, 1), (1, 3), (1, 1))
    for key, e in zip(("W1", "b1", "W2", "b2", "W3", "b3"), expected, strict=True):
        np.testing.assert_array_equal(parameters[key], e)
    assert a3.shape == Y.shape == (1, 5)


def test_gradient_check_case_is_the_courses() -> None:
    X, Y, parameters = cases_week1.gradient_check_n_test_case()
    shapes = [(4, 3), (5, 4), (5, 1), (3, 5), (3, 1), (1, 3), (1, 1)]
    expected = _seed_1_draws(*shapes)
    np.testing.assert_array_equal(X, expected[0])
    for key, e in zip(("W1", "b1", "W2", "b2", "W3", "b3"), expected[1:], strict=True):
        np.testing.assert_array_equal(parameters[key], e)
    np.testing.assert_array_equal(Y, [1, 1, 0])


def test_regularization_backward_cache_is_the_rounded_forward_pass() -> None:
    X, Y, cache = cases_week1.backward_propagation_with_regularization_test_case()
    _, parameters = cases_week1.forward_propagation_with_dropout_test_case()
    _, recomputed = network.forward_propagation(X, parameters)
    assert len(cache) == 12 and Y.shape == (1, 5)
    for stored, fresh in zip(cache, recomputed, strict=True):
        np.testing.assert_allclose(stored, fresh, atol=1e-8)


def test_dropout_backward_cache_is_the_rounded_keep_half_forward_pass() -> None:
    X, Y, cache = cases_week1.backward_propagation_with_dropout_test_case()
    _, parameters = cases_week1.forward_propagation_with_dropout_test_case()
    _, recomputed = forward_propagation_with_dropout(X, parameters, keep_prob=0.5)
    assert len(cache) == 14 and Y.shape == (1, 5)
    for stored, fresh in zip(cache, recomputed, strict=True):
        np.testing.assert_allclose(stored, fresh, atol=1e-8)


def test_regularization_cost_case_a3_is_the_forward_output_of_the_backward_case() -> None:
    a3, _, _ = cases_week1.compute_cost_with_regularization_test_case()
    X, _, _ = cases_week1.backward_propagation_with_regularization_test_case()
    _, parameters = cases_week1.forward_propagation_with_dropout_test_case()
    np.testing.assert_allclose(a3, network.forward_propagation(X, parameters)[0], atol=1e-8)
