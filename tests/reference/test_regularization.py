"""reference.regularization: the course's published L2 values, the L2/L1 penalties and their
gradients by hand and by finite differences, and the regularized backward pass."""

from __future__ import annotations

import numpy as np
import pytest

from dlgrade.reference import network
from dlgrade.reference.cases_week1 import (
    backward_propagation_with_regularization_test_case,
    compute_cost_with_regularization_test_case,
)
from dlgrade.reference.regularization import (
    backward_propagation_with_regularization,
    compute_cost_with_regularization,
    l1_penalty,
    l1_penalty_gradient,
    l2_penalty,
    l2_penalty_gradient,
)


def test_published_cost_of_the_course_case() -> None:
    a3, Y, parameters = compute_cost_with_regularization_test_case()
    cost = compute_cost_with_regularization(a3, Y, parameters, lambd=0.1)
    assert cost == pytest.approx(1.7864859451590758, rel=1e-12)
    assert isinstance(cost, np.floating) and np.ndim(cost) == 0


def test_published_gradients_of_the_course_case() -> None:
    """The notebook's expected output for lambd = 0.7."""
    X, Y, cache = backward_propagation_with_regularization_test_case()
    grads = backward_propagation_with_regularization(X, Y, cache, lambd=0.7)
    np.testing.assert_allclose(
        grads["dW1"],
        [[-0.25604646, 0.12298827, -0.28297129], [-0.17706303, 0.34536094, -0.4410571]],
    )
    np.testing.assert_allclose(
        grads["dW2"],
        [[0.79276486, 0.85133918], [-0.0957219, -0.01720463], [-0.13100772, -0.03750433]],
        rtol=1e-6,
    )
    np.testing.assert_allclose(grads["dW3"], [[-1.77691347, -0.11832879, -0.09397446]])


def test_penalties_by_hand() -> None:
    parameters = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[100.0]]), "W2": np.array([[3.0]])}
    # weights only: squares 1 + 4 + 9 = 14, absolutes 1 + 2 + 3 = 6; lambd = 0.5, m = 4
    assert l2_penalty(parameters, 0.5, 4) == pytest.approx(0.5 / 8 * 14)
    assert l1_penalty(parameters, 0.5, 4) == pytest.approx(0.5 / 8 * 6)


def test_cost_with_zero_lambda_is_the_plain_cost() -> None:
    a3, Y, parameters = compute_cost_with_regularization_test_case()
    assert compute_cost_with_regularization(a3, Y, parameters, 0.0) == pytest.approx(
        network.compute_cost(a3, Y), rel=1e-15
    )


@pytest.mark.parametrize(("lambd", "m"), [(0.7, 5), (3.0, 2)])
def test_l2_gradient_term_matches_finite_differences(lambd, m, assert_gradient) -> None:
    W = np.random.default_rng(1).standard_normal((3, 4))
    assert_gradient(lambda w: l2_penalty({"W1": w}, lambd, m), W, l2_penalty_gradient(W, lambd, m))


@pytest.mark.parametrize(("lambd", "m"), [(0.7, 5), (3.0, 2)])
def test_l1_gradient_term_matches_finite_differences(lambd, m, assert_gradient) -> None:
    W = np.array([[0.5, -1.2, 2.0], [-0.3, 0.8, -2.5]])  # away from the kink at 0
    assert_gradient(lambda w: l1_penalty({"W1": w}, lambd, m), W, l1_penalty_gradient(W, lambd, m))


def test_l1_subgradient_is_zero_at_zero() -> None:
    np.testing.assert_array_equal(l1_penalty_gradient(np.zeros((2, 2)), 1.0, 1), np.zeros((2, 2)))


@pytest.mark.parametrize("lambd", [0.0, 0.7])
@pytest.mark.parametrize("key", ["W1", "b1", "W2", "b2", "W3", "b3"])
def test_backward_with_regularization_matches_finite_differences(
    key, lambd, three_layer_data, assert_gradient
) -> None:
    X, Y, parameters = three_layer_data
    _, cache = network.forward_propagation(X, parameters)
    grads = backward_propagation_with_regularization(X, Y, cache, lambd)

    def cost(value: np.ndarray) -> float:
        changed = {**parameters, key: value}
        A3, _ = network.forward_propagation(X, changed)
        return compute_cost_with_regularization(A3, Y, changed, lambd)

    assert_gradient(cost, parameters[key], grads[f"d{key}"])
    assert set(grads) == set(network.GRADIENT_KEYS)
