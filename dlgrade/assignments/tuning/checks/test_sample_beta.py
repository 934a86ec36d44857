"""Checks of sample_beta: seeded samples judged by the distribution of 1 - beta.

As for sample_learning_rate, values are not compared (a correct sampler may draw in
another order): 4000 seeded samples must lie in [low, high] with 1 - beta log-uniform
between 1 - high and 1 - low (each quarter of the log range holds a quarter, 5 sigma).
"""

import numpy as np
import pytest

from dlgrade.grader.checking import expect_true, mistake_outputs
from dlgrade.grader.checking.authoring import assignment_module, mistakes_of
from dlgrade.grader.checking.compare import matching_mistake

MISTAKES = mistakes_of(__file__)
support = assignment_module(__file__, "support.py")

EXERCISE = "sample_beta"
SAMPLES = 4000
pytestmark = pytest.mark.exercise(EXERCISE)


def check_distribution(student, seed, *bounds):
    """`bounds` () for the defaults (0.9, 0.999), else (low, high)."""
    low, high = bounds or (0.9, 0.999)
    got = student.call(EXERCISE, *bounds, size=SAMPLES, seed=seed)
    betas = support.as_samples(got, (SAMPLES,), "betas")
    mistakes = mistake_outputs(MISTAKES, EXERCISE, *bounds, size=SAMPLES, seed=seed)
    hint = matching_mistake(betas, mistakes, rtol=1e-12, atol=0.0)
    outside = (betas < low) | (betas > high) | ~np.isfinite(betas)
    expect_true(
        not outside.any(),
        f"{int(outside.sum())} of {SAMPLES} betas lie outside [{low:.6g}, {high:.6g}]",
        mistake=hint,
    )
    support.expect_log_uniform(
        1 - betas,
        1 - high,
        1 - low,
        what="values of 1 - beta",
        mistakes=[(h, 1 - np.asarray(out, dtype=float)) for h, out in mistakes],
    )


@pytest.mark.points(2)
def test_default_bounds(student):
    """default bounds 0.9 to 0.999: 1 - beta log-uniform"""
    check_distribution(student, 1)


@pytest.mark.hidden
@pytest.mark.points(2)
def test_other_bounds(student, rng):
    """hidden: other bounds"""
    low, high = 1 - 10 ** rng.uniform(-1.3, -0.5), 1 - 10 ** rng.uniform(-5, -3.5)
    check_distribution(student, int(rng.integers(2**31)), float(low), float(high))


def test_one_sample(student):
    """size=None gives one number within the bounds"""
    got = student.call(EXERCISE, 0.8, 0.99, seed=5)
    value = np.asarray(got, dtype=float) if isinstance(got, (int, float, np.ndarray)) else None
    expect_true(
        value is not None and value.size == 1 and 0.8 <= float(value.reshape(-1)[0]) <= 0.99,
        f"sample_beta(0.8, 0.99) should return one number in [0.8, 0.99]; got {got!r}",
    )


def test_shape(student):
    """size=(20, 50) gives that shape"""
    support.as_samples(student.call(EXERCISE, size=(20, 50), seed=6), (20, 50), "betas")
