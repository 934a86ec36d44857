"""reference.dropout: the course's seed-1 masks and published values, inverted scaling,
keep_prob = 1 as the identity, and the backward pass against finite differences."""

from __future__ import annotations

import numpy as np
import pytest

from dlgrade.reference import network
from dlgrade.reference.cases_week1 import (
    backward_propagation_with_dropout_test_case,
    forward_propagation_with_dropout_test_case,
)
from dlgrade.reference.dropout import (
    backward_propagation_with_dropout,
    forward_propagation_with_dropout,
)


def test_published_forward_output_of_the_course_case() -> None:
    X, parameters = forward_propagation_with_dropout_test_case()
    A3, _ = forward_propagation_with_dropout(X, parameters, keep_prob=0.7)
    np.testing.assert_allclose(
        A3, [[0.36974721, 0.00305176, 0.04565099, 0.49683389, 0.36974721]], rtol=1e-6
    )


def test_published_backward_output_of_the_course_case() -> None:
    X, Y, cache = backward_propagation_with_dropout_test_case()
    grads = backward_propagation_with_dropout(X, Y, cache, keep_prob=0.8)
    np.testing.assert_allclose(
        grads["dA1"],
        [[0.36544439, 0.0, -0.00188233, 0.0, -0.17408748], [0.65515713, 0.0, -0.00337459, 0, 0]],
        atol=1e-8,
    )
    np.testing.assert_allclose(
        grads["dA2"],
        [
            [0.58180856, 0.0, -0.00299679, 0.0, -0.27715731],
            [0.0, 0.53159854, 0.0, 0.53159854, -0.34089673],
            [0.0, 0.0, -0.00292733, 0.0, 0.0],
        ],
        atol=1e-8,
    )


def test_keep_prob_one_is_the_plain_forward(three_layer_data) -> None:
    X, _, parameters = three_layer_data
    A3, cache = forward_propagation_with_dropout(X, parameters, keep_prob=1.0)
    plain_A3, plain_cache = network.forward_propagation(X, parameters)
    np.testing.assert_array_equal(A3, plain_A3)
    without_masks = cache[:1] + cache[2:6] + cache[7:]
    for ours, plain in zip(without_masks, plain_cache, strict=True):
        np.testing.assert_array_equal(ours, plain)
    assert cache[1].all() and cache[6].all()


def test_masks_are_seed_1_rand_draws_below_keep_prob_in_order(three_layer_data) -> None:
    X, _, parameters = three_layer_data
    keep_prob = 0.6
    _, cache = forward_propagation_with_dropout(X, parameters, keep_prob)
    Z1, D1, A1, Z2, D2, A2 = cache[0], cache[1], cache[2], cache[5], cache[6], cache[7]
    rng = np.random.RandomState(1)
    np.testing.assert_array_equal(D1, rng.rand(*Z1.shape) < keep_prob)
    np.testing.assert_array_equal(D2, rng.rand(*Z2.shape) < keep_prob)
    assert set(np.unique(D1)) <= {0, 1} and np.issubdtype(D1.dtype, np.integer)
    # Inverted dropout: kept units are scaled up by 1 / keep_prob, dropped ones are 0.
    np.testing.assert_allclose(A1, np.maximum(Z1, 0) * D1 / keep_prob)
    np.testing.assert_allclose(A2, np.maximum(Z2, 0) * D2 / keep_prob)


def test_same_call_twice_gives_identical_arrays(three_layer_data) -> None:
    X, _, parameters = three_layer_data
    first = forward_propagation_with_dropout(X, parameters, 0.5)[1]
    np.random.seed(99)
    second = forward_propagation_with_dropout(X, parameters, 0.5)[1]
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("keep_prob", [0.2, 0.5, 0.86])
def test_mask_keeps_about_keep_prob_of_units(keep_prob) -> None:
    """200 x 500 units per mask: the kept fraction is within 0.005 (3 sigma) of keep_prob."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((3, 500))
    parameters = {
        "W1": rng.standard_normal((200, 3)),
        "b1": np.zeros((200, 1)),
        "W2": rng.standard_normal((200, 200)) / np.sqrt(200),
        "b2": np.zeros((200, 1)),
        "W3": rng.standard_normal((1, 200)) / np.sqrt(200),
        "b3": np.zeros((1, 1)),
    }
    _, cache = forward_propagation_with_dropout(X, parameters, keep_prob)
    for mask in (cache[1], cache[6]):
        assert np.mean(mask) == pytest.approx(keep_prob, abs=0.005)


@pytest.mark.parametrize("keep_prob", [0.5, 0.86])
@pytest.mark.parametrize("key", ["W1", "b1", "W2", "b2", "W3", "b3"])
def test_backward_matches_finite_differences_with_the_same_masks(
    key, keep_prob, three_layer_data, assert_gradient
) -> None:
    """The forward reseeds, so for fixed shapes the masks are fixed and J(params) is smooth."""
    X, Y, parameters = three_layer_data
    _, cache = forward_propagation_with_dropout(X, parameters, keep_prob)
    grads = backward_propagation_with_dropout(X, Y, cache, keep_prob)

    def cost(value: np.ndarray) -> float:
        A3, _ = forward_propagation_with_dropout(X, {**parameters, key: value}, keep_prob)
        return network.compute_cost(A3, Y)

    assert_gradient(cost, parameters[key], grads[f"d{key}"])
    assert set(grads) == set(network.GRADIENT_KEYS)
