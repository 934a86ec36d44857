"""Batch norm: hand values, finite differences (two checkers), zero variance, running stats."""

from __future__ import annotations

import numpy as np
import pytest

from dlgrade.reference import batchnorm as bn
from dlgrade.reference.numerical import numerical_gradient, relative_error
from tests.support.graded_source import extract_graded

GRADED = [
    bn.batchnorm_forward,
    bn.batchnorm_backward,
    bn.batchnorm_running_averages,
    bn.batchnorm_inference,
]


def central_difference(f, x, h=1e-5):
    """Plain two-sided differences, written here independently of reference.numerical."""
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[index] += h
        minus[index] -= h
        grad[index] = (f(plus) - f(minus)) / (2 * h)
    return grad


@pytest.fixture
def batch():
    rng = np.random.default_rng(42)
    Z = rng.normal(3.0, 2.0, size=(4, 6))
    gamma = rng.normal(1.0, 0.5, size=(4, 1))
    beta = rng.normal(0.0, 1.0, size=(4, 1))
    upstream = rng.standard_normal((4, 6))
    return Z, gamma, beta, upstream


@pytest.mark.parametrize("function", GRADED, ids=lambda f: f.__name__)
def test_graded_source_is_self_contained_and_template_ready(function):
    assert callable(extract_graded(function))


def test_forward_hand_example():
    Z = np.array([[1.0, 3.0], [4.0, 0.0]])
    Z_tilde, cache = bn.batchnorm_forward(Z, np.array([[2.0], [1.0]]), np.array([[0.5], [0.0]]))
    # unit 0: mu 2, var 1 -> Z_norm [-1, 1]; unit 1: mu 2, var 4 -> Z_norm [1, -1]
    np.testing.assert_allclose(cache["mu"], [[2.0], [2.0]])
    np.testing.assert_allclose(cache["var"], [[1.0], [4.0]])
    np.testing.assert_allclose(Z_tilde, [[-1.5, 2.5], [1.0, -1.0]], rtol=1e-7)


def test_forward_output_has_mean_beta_and_std_gamma(batch):
    Z, gamma, beta, _ = batch
    Z_tilde, _ = bn.batchnorm_forward(Z, gamma, beta)
    np.testing.assert_allclose(Z_tilde.mean(axis=1, keepdims=True), beta, atol=1e-12)
    np.testing.assert_allclose(Z_tilde.std(axis=1, keepdims=True), np.abs(gamma), rtol=1e-7)


@pytest.mark.parametrize("checker", ["project", "local"])
@pytest.mark.parametrize("wrt", ["Z", "gamma", "beta"])
def test_backward_matches_finite_differences(batch, checker, wrt):
    Z, gamma, beta, upstream = batch
    inputs = {"Z": Z, "gamma": gamma, "beta": beta}

    def loss(value):
        arguments = {**inputs, wrt: value}
        return float(np.sum(bn.batchnorm_forward(**arguments)[0] * upstream))

    _, cache = bn.batchnorm_forward(Z, gamma, beta)
    analytic = dict(
        zip(["Z", "gamma", "beta"], bn.batchnorm_backward(upstream, cache), strict=True)
    )
    if checker == "project":
        numeric = numerical_gradient(loss, inputs[wrt])
    else:
        numeric = central_difference(loss, inputs[wrt].copy())
    assert analytic[wrt].shape == inputs[wrt].shape
    assert relative_error(analytic[wrt], numeric) < 1e-6


def test_zero_variance_units_stay_finite():
    Z = np.array([[2.0, 2.0, 2.0, 2.0], [1.0, -1.0, 3.0, 5.0], [0.0, 0.0, 0.0, 0.0]])
    gamma, beta = np.full((3, 1), 1.5), np.array([[0.25], [0.0], [-1.0]])
    Z_tilde, cache = bn.batchnorm_forward(Z, gamma, beta)
    assert np.all(np.isfinite(Z_tilde))
    np.testing.assert_allclose(Z_tilde[[0, 2]], [[0.25] * 4, [-1.0] * 4])
    grads = bn.batchnorm_backward(np.arange(12.0).reshape(3, 4), cache)
    assert all(np.all(np.isfinite(g)) for g in grads)


def test_running_averages_closed_form_with_fixed_batch_statistics():
    mu, var = np.array([[1.0], [-2.0]]), np.array([[4.0], [0.5]])
    running_mean, running_var = np.zeros((2, 1)), np.ones((2, 1))
    for _ in range(10):
        running_mean, running_var = bn.batchnorm_running_averages(
            running_mean, running_var, mu, var
        )
    np.testing.assert_allclose(running_mean, mu * (1 - 0.9**10), rtol=1e-12)
    np.testing.assert_allclose(running_var, var + (1 - var) * 0.9**10, rtol=1e-12)


def test_running_averages_converge_to_the_population_statistics():
    rng = np.random.default_rng(5)
    true_mean, true_std, m = np.array([[3.0], [-1.0]]), np.array([[2.0], [0.5]]), 200
    running_mean, running_var = np.zeros((2, 1)), np.ones((2, 1))
    ones, zeros = np.ones((2, 1)), np.zeros((2, 1))
    for _ in range(300):
        Z = rng.normal(true_mean, true_std, size=(2, m))
        _, cache = bn.batchnorm_forward(Z, ones, zeros)
        running_mean, running_var = bn.batchnorm_running_averages(
            running_mean, running_var, cache["mu"], cache["var"]
        )
    # Standard deviations of the EWAs are about 0.016 sigma and 0.023 sigma^2: 6+ sigmas here.
    np.testing.assert_allclose(running_mean, true_mean, atol=0.1 * true_std.max())
    expected_var = (m - 1) / m * true_std**2  # batch variances are the biased 1/m ones
    np.testing.assert_allclose(running_var, expected_var, rtol=0.15)


def test_inference_equals_training_when_running_stats_are_the_batch_stats(batch):
    Z, gamma, beta, _ = batch
    Z_tilde, cache = bn.batchnorm_forward(Z, gamma, beta)
    inferred = bn.batchnorm_inference(Z, gamma, beta, cache["mu"], cache["var"])
    np.testing.assert_allclose(inferred, Z_tilde, rtol=1e-12)


def test_inference_handles_a_single_example():
    Z = np.array([[5.0], [0.0]])
    out = bn.batchnorm_inference(
        Z,
        np.array([[2.0], [1.0]]),
        np.array([[1.0], [0.0]]),
        np.array([[1.0], [0.0]]),
        np.array([[4.0], [1.0]]),
    )
    np.testing.assert_allclose(out, [[5.0], [0.0]], rtol=1e-7)  # 2 * (5 - 1) / 2 + 1
