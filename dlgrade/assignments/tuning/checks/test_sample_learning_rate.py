"""Checks of sample_learning_rate: seeded samples judged by their distribution.

Why not compare values: a correct sampler may draw in another order than the reference
(np.random.uniform(log_low, log_high) vs log_high - (...) * rand), so each check seeds
the call and looks at 4000 samples: all within [low, high] and each quarter of the
log10 range holding a quarter of them (binomial bound, 5 sigma). A wrong sampler whose
draws equal a catalogued mistake's (same seed) is named.
"""

import numpy as np
import pytest

from dlgrade.grader.checking import expect_true, mistake_outputs
from dlgrade.grader.checking.authoring import assignment_module, mistakes_of

MISTAKES = mistakes_of(__file__)
support = assignment_module(__file__, "support.py")

EXERCISE = "sample_learning_rate"
WHAT = "learning rates"
SAMPLES = 4000
pytestmark = pytest.mark.exercise(EXERCISE)


def check_distribution(student, seed, *bounds):
    """`bounds` () for the defaults (1e-4, 1), else (low, high)."""
    low, high = bounds or (1e-4, 1.0)
    got = student.call(EXERCISE, *bounds, size=SAMPLES, seed=seed)
    samples = support.as_samples(got, (SAMPLES,), WHAT)
    mistakes = mistake_outputs(MISTAKES, EXERCISE, *bounds, size=SAMPLES, seed=seed)
    support.expect_log_uniform(samples, low, high, what=WHAT, mistakes=mistakes)


@pytest.mark.points(2)
def test_default_bounds(student):
    """default bounds 1e-4 to 1: every decade gets its share"""
    check_distribution(student, 1)


@pytest.mark.hidden
@pytest.mark.points(2)
def test_other_bounds(student, rng):
    """hidden: other bounds"""
    low, high = 10 ** rng.uniform(-7, -4), 10 ** rng.uniform(-2.5, 0)
    check_distribution(student, int(rng.integers(2**31)), float(low), float(high))


def test_one_sample(student):
    """size=None gives one number within the bounds"""
    got = student.call(EXERCISE, 1e-3, 1e-1, seed=5)
    value = np.asarray(got, dtype=float) if isinstance(got, (int, float, np.ndarray)) else None
    expect_true(
        value is not None and value.size == 1 and 1e-3 <= float(value.reshape(-1)[0]) <= 1e-1,
        f"sample_learning_rate(1e-3, 1e-1) should return one number in [0.001, 0.1]; got {got!r}",
    )


def test_shape(student):
    """size=(20, 50) gives that shape"""
    support.as_samples(student.call(EXERCISE, size=(20, 50), seed=6), (20, 50), WHAT)
