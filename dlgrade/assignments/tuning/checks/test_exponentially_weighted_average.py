"""Checks of exponentially_weighted_average: v_0 = 0, beta on the past, beta**t correction."""

import numpy as np
import pytest

from dlgrade.grader.checking.authoring import expect_like_reference, mistakes_of
from dlgrade.reference.ewa import exponentially_weighted_average

MISTAKES = mistakes_of(__file__)

EXERCISE = "exponentially_weighted_average"
pytestmark = pytest.mark.exercise(EXERCISE)
TEMPERATURES = np.array([4.0, 9.0, 6.0, 5.0, 12.0, 8.0, 10.0, 7.0])


def check(student, thetas, beta, **kwargs):
    return expect_like_reference(
        student,
        EXERCISE,
        exponentially_weighted_average,
        thetas,
        beta,
        mistakes=MISTAKES,
        name="averages",
        **kwargs,
    )


@pytest.mark.points(2)
def test_without_correction(student):
    """example case: beta = 0.9, no bias correction"""
    check(student, TEMPERATURES, 0.9)


@pytest.mark.points(2)
def test_with_correction(student):
    """example case: beta = 0.9, bias correction"""
    check(student, TEMPERATURES, 0.9, bias_correction=True)


@pytest.mark.hidden
@pytest.mark.points(2)
@pytest.mark.parametrize("correct", [False, True], ids=["no correction", "bias correction"])
def test_random_series(student, rng, correct):
    """hidden: random series and beta"""
    thetas = rng.normal(rng.uniform(-10, 10), 3.0, size=int(rng.integers(10, 30)))
    check(student, thetas, float(rng.uniform(0.5, 0.98)), bias_correction=correct)


def test_beta_zero(student):
    """beta = 0 returns the series itself"""
    check(student, TEMPERATURES[:5], 0.0)
