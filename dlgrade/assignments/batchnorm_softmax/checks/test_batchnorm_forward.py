"""Checks of batchnorm_forward: per-unit statistics over the batch, epsilon, gamma and beta.

Edge cases: a one-example batch (variance 0: an unbiased variance gives nan, epsilon keeps
it finite) and a large epsilon (separates sqrt(var + eps) from sqrt(var) + eps, which agree
to 1e-8 at the default epsilon). Shapes always have n != m, so statistics over the wrong
axis cannot hide.
"""

import pytest

from dlgrade.grader.checking.authoring import assignment_module, expect_like_reference, mistakes_of
from dlgrade.reference.batchnorm import batchnorm_forward

MISTAKES = mistakes_of(__file__)
support = assignment_module(__file__, "support.py")

EXERCISE = "batchnorm_forward"
NAMES = ("Z_tilde", "cache")
pytestmark = pytest.mark.exercise(EXERCISE)


def check(student, *args, **kwargs):
    """Same inputs to the student and the reference; the cache may hold extra keys."""
    return expect_like_reference(
        student,
        EXERCISE,
        batchnorm_forward,
        *args,
        mistakes=MISTAKES,
        names=NAMES,
        allow_extra_keys=True,
        **kwargs,
    )


@pytest.mark.points(2)
def test_example_case(student):
    """example case (3 units, 4 examples)"""
    Z = support.fixed_normal(1, 3, 4, scale=2.0, shift=1.0)
    gamma = support.fixed_normal(2, 3, 1, shift=1.0)
    beta = support.fixed_normal(3, 3, 1)
    check(student, Z, gamma, beta)


@pytest.mark.hidden
@pytest.mark.points(2)
def test_random_layer(student, rng):
    """hidden: random layer size and batch size"""
    n, m = int(rng.integers(2, 6)), int(rng.integers(6, 12))
    Z = rng.normal(rng.uniform(-3, 3), rng.uniform(0.5, 4), size=(n, m))
    gamma, beta = rng.normal(1.0, 0.5, size=(n, 1)), rng.normal(0.0, 1.0, size=(n, 1))
    check(student, Z, gamma, beta)


def test_one_example_batch(student):
    """a batch of one example (variance 0)"""
    Z = support.fixed_normal(4, 3, 1)
    check(student, Z, support.fixed_normal(5, 3, 1), support.fixed_normal(6, 3, 1))


def test_large_epsilon(student):
    """epsilon = 0.5"""
    Z = support.fixed_normal(7, 2, 5, scale=0.3)
    gamma, beta = support.fixed_normal(8, 2, 1), support.fixed_normal(9, 2, 1)
    check(student, Z, gamma, beta, epsilon=0.5)
