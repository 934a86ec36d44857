"""Softmax: stability, invariance, hand-computed cost, gradient by finite differences."""

from __future__ import annotations

import importlib

import numpy as np
import pytest

from dlgrade.reference.numerical import numerical_gradient, relative_error
from tests.support.graded_source import extract_graded

# The package exports the function `softmax`, which hides the module of the same name.
sm = importlib.import_module("dlgrade.reference.softmax_layer")

GRADED = [sm.softmax, sm.softmax_cross_entropy, sm.softmax_backward, sm.one_hot]


def central_difference(f, x, h=1e-5):
    """Plain two-sided differences, written here independently of reference.numerical."""
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[index] += h
        minus[index] -= h
        grad[index] = (f(plus) - f(minus)) / (2 * h)
    return grad


@pytest.mark.parametrize("function", GRADED, ids=lambda f: f.__name__)
def test_graded_source_is_self_contained_and_template_ready(function):
    assert callable(extract_graded(function))


def test_hand_example():
    A = sm.softmax(np.array([[0.0, 1.0], [np.log(3.0), 1.0]]))
    np.testing.assert_allclose(A, [[0.25, 0.5], [0.75, 0.5]], rtol=1e-12)


def test_huge_logits_do_not_overflow():
    Z = np.array([[1000.0, -1000.0, 1000.0], [-1000.0, 1000.0, 1000.0], [0.0, 0.0, -1000.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        A = sm.softmax(Z)
    assert np.all(np.isfinite(A))
    np.testing.assert_allclose(A.sum(axis=0), 1.0)
    np.testing.assert_allclose(A[:, 0], [1.0, 0.0, 0.0])
    np.testing.assert_allclose(A[:, 2], [0.5, 0.5, 0.0])


def test_invariant_to_a_constant_per_column():
    Z = np.random.default_rng(1).standard_normal((4, 5))
    shift = np.array([[3.0, -50.0, 0.0, 700.0, -700.0]])
    np.testing.assert_allclose(sm.softmax(Z + shift), sm.softmax(Z), rtol=1e-12)


def test_cross_entropy_hand_example():
    A = np.array([[0.25, 0.5], [0.75, 0.5]])
    Y = np.array([[0.0, 1.0], [1.0, 0.0]])
    expected = -(np.log(0.75) + np.log(0.5)) / 2
    assert sm.softmax_cross_entropy(A, Y) == pytest.approx(expected, rel=1e-12)


def test_cross_entropy_zero_probability_on_a_wrong_class_is_not_nan():
    A = sm.softmax(np.array([[1000.0], [-1000.0]]))
    assert sm.softmax_cross_entropy(A, np.array([[1.0], [0.0]])) == pytest.approx(0.0, abs=1e-12)
    assert np.isfinite(sm.softmax_cross_entropy(A, np.array([[0.0], [1.0]])))


@pytest.mark.parametrize("checker", ["project", "local"])
def test_backward_is_the_gradient_of_m_times_the_mean_cost(checker):
    rng = np.random.default_rng(2)
    Z = rng.standard_normal((4, 5))
    Y = sm.one_hot(np.array([0, 3, 1, 1, 2]), 4)
    m = Y.shape[1]

    def summed_loss(logits):
        return float(m * sm.softmax_cross_entropy(sm.softmax(logits), Y))

    analytic = sm.softmax_backward(sm.softmax(Z), Y)
    if checker == "project":
        numeric = numerical_gradient(summed_loss, Z)
    else:
        numeric = central_difference(summed_loss, Z.copy())
    assert relative_error(analytic, numeric) < 1e-6


@pytest.mark.parametrize("shape", [(6,), (1, 6)])
def test_one_hot_round_trip(shape):
    labels = np.array([2, 0, 1, 2, 4, 3]).reshape(shape)
    Y = sm.one_hot(labels, 5)
    assert Y.shape == (5, 6)
    np.testing.assert_array_equal(Y.sum(axis=0), 1.0)
    np.testing.assert_array_equal(np.argmax(Y, axis=0), labels.reshape(-1))
    assert Y[4, 4] == 1.0 and Y[0, 1] == 1.0
