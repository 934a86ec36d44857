"""reference.gc_vectors: vector packing order, and backward_propagation_n (correct and with the
notebook's planted bugs) against finite differences of forward_propagation_n."""

from __future__ import annotations

import numpy as np
import pytest

from dlgrade.reference import gc_vectors

SHAPES = {"W1": (5, 4), "b1": (5, 1), "W2": (3, 5), "b2": (3, 1), "W3": (1, 3), "b3": (1, 1)}


@pytest.fixture
def problem() -> tuple:
    """X (4, 6), Y (1, 6), parameters of the course's 4-5-3-1 net with numbered entries."""
    rng = np.random.default_rng(7)
    X = rng.standard_normal((4, 6))
    Y = np.array([[1.0, 0.0, 1.0, 1.0, 0.0, 0.0]])
    # Scale 0.5 keeps A3 away from 0 and 1, where log(1 - A3) loses the digits FD needs.
    parameters = {key: 0.5 * rng.standard_normal(shape) for key, shape in SHAPES.items()}
    return X, Y, parameters


def _numbered_parameters() -> dict:
    """Entries 0..46 laid out in the course's order, so packing is checkable by eye."""
    values = iter(range(47))
    return {
        key: np.array([[float(next(values)) for _ in range(c)] for _ in range(r)])
        for key, (r, c) in SHAPES.items()
    }


def test_dictionary_to_vector_order_and_keys() -> None:
    theta, keys = gc_vectors.dictionary_to_vector(_numbered_parameters())
    assert theta.shape == (47, 1)
    np.testing.assert_array_equal(theta[:, 0], np.arange(47.0))
    assert keys == ["W1"] * 20 + ["b1"] * 5 + ["W2"] * 15 + ["b2"] * 3 + ["W3"] * 3 + ["b3"]


def test_vector_to_dictionary_inverts_packing() -> None:
    parameters = gc_vectors.vector_to_dictionary(np.arange(47.0).reshape(47, 1))
    expected = _numbered_parameters()
    assert set(parameters) == set(expected)
    for key, value in expected.items():
        np.testing.assert_array_equal(parameters[key], value)


def test_gradients_to_vector_uses_d_keys_in_the_same_order() -> None:
    gradients = {f"d{key}": value for key, value in _numbered_parameters().items()}
    gradients["dZ1"] = np.full((5, 2), 99.0)  # intermediates are not packed
    np.testing.assert_array_equal(gc_vectors.gradients_to_vector(gradients)[:, 0], np.arange(47.0))


def test_forward_cost_by_hand_with_zero_weights() -> None:
    """All weights 0 and b3 = 0 -> A3 = 1/2 everywhere -> cost log 2."""
    parameters = {key: np.zeros(shape) for key, shape in SHAPES.items()}
    cost, cache = gc_vectors.forward_propagation_n(np.ones((4, 3)), np.array([1, 0, 1]), parameters)
    assert cost == pytest.approx(np.log(2))
    assert len(cache) == 12


@pytest.mark.parametrize("key", list(SHAPES))
def test_backward_n_matches_finite_differences(key, problem, assert_gradient) -> None:
    X, Y, parameters = problem
    _, cache = gc_vectors.forward_propagation_n(X, Y, parameters)
    grads = gc_vectors.backward_propagation_n(X, Y, cache)

    def cost(value: np.ndarray) -> float:
        return gc_vectors.forward_propagation_n(X, Y, {**parameters, key: value})[0]

    assert_gradient(cost, parameters[key], grads[f"d{key}"])


@pytest.mark.parametrize(("key", "factor"), [("W1", 1), ("b1", 4), ("W2", 2), ("b2", 1), ("W3", 1)])
def test_course_bugs_scale_dw2_by_2_and_db1_by_4(key, factor, problem, central_difference) -> None:
    X, Y, parameters = problem
    _, cache = gc_vectors.forward_propagation_n(X, Y, parameters)
    buggy = gc_vectors.backward_propagation_n_with_course_bugs(X, Y, cache)

    def cost(value: np.ndarray) -> float:
        return gc_vectors.forward_propagation_n(X, Y, {**parameters, key: value})[0]

    approx = central_difference(cost, parameters[key])
    np.testing.assert_allclose(buggy[f"d{key}"], factor * approx, rtol=1e-5, atol=1e-8)
