"""Splits, input normalization, log-scale sampling and early stopping."""

from __future__ import annotations

import numpy as np
import pytest

from dlgrade.reference import practical as pr


def tagged_data(m: int) -> tuple[np.ndarray, np.ndarray]:
    """Column i holds i (and 100 i), its label is i: alignment can be read back."""
    X = np.vstack([np.arange(m), 100 * np.arange(m)]).astype(float)
    return X, np.arange(m).reshape(1, m)


@pytest.mark.parametrize(
    ("m", "ratios", "sizes"),
    [
        (100, (0.98, 0.01, 0.01), (98, 1, 1)),
        (100, (0.7, 0.29, 0.01), (70, 29, 1)),
        (10, (0.98, 0.01, 0.01), (10, 0, 0)),
        (7, (0.6, 0.2, 0.2), (5, 1, 1)),
        (1000, (0.6, 0.2, 0.2), (600, 200, 200)),
    ],
)
def test_split_sizes(m, ratios, sizes):
    X, Y = tagged_data(m)
    parts = pr.train_dev_test_split(X, Y, ratios)
    assert tuple(part_X.shape[1] for part_X, _ in parts) == sizes


def test_split_is_disjoint_aligned_and_seeded():
    X, Y = tagged_data(50)
    parts = pr.train_dev_test_split(X, Y, (0.6, 0.2, 0.2), seed=9)
    order = np.concatenate([part_Y[0] for _, part_Y in parts])
    np.random.seed(9)
    np.testing.assert_array_equal(order, np.random.permutation(50))
    for part_X, part_Y in parts:
        np.testing.assert_array_equal(part_X, X[:, part_Y[0]])


@pytest.mark.parametrize(
    ("X_shape", "Y_shape", "ratios"),
    [
        ((2, 10), (1, 10), (0.5, 0.4)),
        ((2, 10), (1, 10), (0.5, 0.4, 0.4)),
        ((2, 10), (1, 10), (1.2, -0.1, -0.1)),
        ((2, 10), (1, 9), (0.8, 0.1, 0.1)),
        ((2, 10), (10,), (0.8, 0.1, 0.1)),
    ],
)
def test_split_rejects_bad_arguments(X_shape, Y_shape, ratios):
    with pytest.raises(ValueError, match="train_dev_test_split|ratios"):
        pr.train_dev_test_split(np.zeros(X_shape), np.zeros(Y_shape), ratios)


def test_normalization_statistics_hand_example():
    mu, sigma2 = pr.normalization_statistics(np.array([[0.0, 2.0, 4.0], [1.0, 1.0, 1.0]]))
    np.testing.assert_allclose(mu, [[2.0], [1.0]])
    np.testing.assert_allclose(sigma2, [[8.0 / 3.0], [0.0]])


def test_normalized_training_data_has_zero_mean_unit_variance():
    X = np.random.default_rng(0).normal([[5.0], [-3.0]], [[4.0], [0.1]], size=(2, 500))
    X_norm = pr.normalize_inputs(X, *pr.normalization_statistics(X))
    np.testing.assert_allclose(X_norm.mean(axis=1), 0.0, atol=1e-12)
    # epsilon shrinks the variance to sigma2 / (sigma2 + 1e-8): 1 - 1e-6 for sigma = 0.1
    np.testing.assert_allclose(X_norm.var(axis=1), 1.0, rtol=1e-5)


def test_dev_data_is_normalized_with_the_training_statistics():
    mu, sigma2 = pr.normalization_statistics(np.array([[0.0, 2.0, 4.0]]))
    X_dev = np.array([[2.0, 6.0]])
    expected = [[0.0, 4.0 / np.sqrt(8.0 / 3.0)]]
    np.testing.assert_allclose(pr.normalize_inputs(X_dev, mu, sigma2), expected, rtol=1e-7)


def test_constant_feature_normalizes_to_zero():
    X = np.array([[3.0, 3.0, 3.0]])
    assert np.array_equal(pr.normalize_inputs(X, *pr.normalization_statistics(X)), np.zeros((1, 3)))


def test_default_learning_rate_draws_are_the_lectures_formula():
    np.random.seed(21)
    drawn = [pr.sample_learning_rate() for _ in range(5)]
    np.random.seed(21)
    lecture = [10 ** (-4 * np.random.rand()) for _ in range(5)]
    np.testing.assert_allclose(drawn, lecture, rtol=1e-12)


def test_learning_rates_spread_evenly_over_decades():
    np.random.seed(0)
    samples = pr.sample_learning_rate(1e-4, 1.0, size=20000)
    assert samples.shape == (20000,) and samples.min() >= 1e-4 and samples.max() <= 1.0
    counts = np.histogram(np.log10(samples), bins=[-4, -3, -2, -1, 0])[0]
    # Each share has standard deviation sqrt(0.25 * 0.75 / 20000) ~ 0.003; 0.02 is > 6 of them.
    np.testing.assert_allclose(counts / 20000, 0.25, atol=0.02)


def test_beta_samples_stay_in_range_and_are_log_uniform_in_one_minus_beta():
    np.random.seed(1)
    betas = pr.sample_beta(0.9, 0.999, size=(100, 100))
    assert betas.shape == (100, 100)
    assert betas.min() >= 0.9 and betas.max() <= 0.999
    counts = np.histogram(np.log10(1 - betas), bins=[-3, -2, -1])[0]
    np.testing.assert_allclose(counts / 10000, 0.5, atol=0.03)


def test_scalar_samples_are_floats():
    np.random.seed(3)
    assert np.ndim(pr.sample_learning_rate()) == 0 and np.ndim(pr.sample_beta()) == 0


@pytest.mark.parametrize(
    ("sampler", "low", "high"),
    [
        (pr.sample_learning_rate, 0.0, 1.0),
        (pr.sample_learning_rate, 0.1, 0.01),
        (pr.sample_beta, 0.9, 1.0),
        (pr.sample_beta, 0.99, 0.9),
    ],
)
def test_samplers_reject_bad_bounds(sampler, low, high):
    with pytest.raises(ValueError, match="low"):
        sampler(low, high)


@pytest.mark.parametrize(
    ("costs", "patience", "expected"),
    [
        ([5.0, 4.0, 3.0, 3.5, 3.6, 2.0, 1.0], None, 6),
        ([5.0, 4.0, 3.0, 3.5, 3.6, 2.0, 1.0], 2, 2),
        ([5.0, 4.0, 3.0, 3.5, 3.6, 2.0, 1.0], 3, 6),
        ([1.0, 2.0, 1.0, 3.0], None, 0),
        ([7.0], 1, 0),
        ([3.0, 2.0, 2.0, 1.0], 1, 1),
    ],
)
def test_early_stopping_epoch(costs, patience, expected):
    assert pr.early_stopping_epoch(costs, patience) == expected


@pytest.mark.parametrize(("costs", "patience"), [([], None), ([1.0, 2.0], 0)])
def test_early_stopping_rejects_bad_arguments(costs, patience):
    with pytest.raises(ValueError, match="early_stopping_epoch|patience"):
        pr.early_stopping_epoch(costs, patience)
