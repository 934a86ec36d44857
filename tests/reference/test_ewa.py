"""Exponentially weighted averages against the recursive definition."""

from __future__ import annotations

import numpy as np
import pytest

from dlgrade.reference.ewa import exponentially_weighted_average
from tests.support.graded_source import extract_graded


def test_hand_computed_three_steps():
    averages = exponentially_weighted_average(np.array([10.0, 20.0, 0.0]), 0.5)
    np.testing.assert_allclose(averages, [5.0, 12.5, 6.25])


def test_hand_computed_bias_correction():
    averages = exponentially_weighted_average(np.array([10.0, 20.0, 0.0]), 0.5, True)
    np.testing.assert_allclose(averages, [10.0, 12.5 / 0.75, 6.25 / 0.875])


@pytest.mark.parametrize("beta", [0.0, 0.5, 0.9, 0.98])
@pytest.mark.parametrize("bias_correction", [False, True])
def test_matches_the_recursive_definition(beta, bias_correction):
    thetas = np.random.default_rng(0).normal(20, 5, size=40)
    v, expected = 0.0, []
    for t, theta in enumerate(thetas, start=1):
        v = beta * v + (1 - beta) * theta
        expected.append(v / (1 - beta**t) if bias_correction else v)
    result = exponentially_weighted_average(thetas, beta, bias_correction)
    assert result.shape == (40,)
    np.testing.assert_allclose(result, expected, rtol=1e-12)


@pytest.mark.parametrize("beta", [0.5, 0.9, 0.999])
def test_bias_correction_makes_v1_equal_theta1(beta):
    averages = exponentially_weighted_average(np.array([7.25, 1.0]), beta, bias_correction=True)
    assert averages[0] == pytest.approx(7.25, rel=1e-12)


def test_constant_series_is_unbiased_only_with_correction():
    thetas = np.full(5, 3.0)
    np.testing.assert_allclose(exponentially_weighted_average(thetas, 0.9, True), thetas)
    assert exponentially_weighted_average(thetas, 0.9)[0] == pytest.approx(0.3)


def test_extracted_source_is_self_contained():
    thetas = np.array([1.0, 4.0, -2.0])
    np.testing.assert_allclose(
        extract_graded(exponentially_weighted_average)(thetas, 0.8, True),
        exponentially_weighted_average(thetas, 0.8, True),
    )
