"""Checks of batchnorm_inference: the running statistics, not the test batch's, and epsilon.

A one-example batch exposes normalizing with the batch's own statistics (it always gives
beta); a large epsilon separates sqrt(var + eps) from sqrt(var) + eps.
"""

import pytest

from dlgrade.grader.checking.authoring import assignment_module, expect_like_reference, mistakes_of
from dlgrade.reference.batchnorm import batchnorm_inference

MISTAKES = mistakes_of(__file__)
support = assignment_module(__file__, "support.py")

EXERCISE = "batchnorm_inference"
pytestmark = pytest.mark.exercise(EXERCISE)


def check(student, *args, **kwargs):
    return expect_like_reference(
        student,
        EXERCISE,
        batchnorm_inference,
        *args,
        mistakes=MISTAKES,
        name="Z_tilde",
        **kwargs,
    )


def layer(seed: int, n: int, m: int):
    """(Z, gamma, beta, running_mean, running_var) with running stats unlike the batch's."""
    Z = support.fixed_normal(seed, n, m, scale=1.5, shift=0.5)
    gamma = support.fixed_normal(seed + 1, n, 1, shift=1.0)
    beta = support.fixed_normal(seed + 2, n, 1)
    running_mean = support.fixed_normal(seed + 3, n, 1)
    running_var = support.fixed_normal(seed + 4, n, 1) ** 2 + 0.5
    return Z, gamma, beta, running_mean, running_var


@pytest.mark.points(2)
def test_example_case(student):
    """example case (3 units, 4 test examples)"""
    check(student, *layer(31, 3, 4))


def test_one_example(student):
    """a single test example"""
    check(student, *layer(36, 4, 1))


@pytest.mark.hidden
def test_random_layer(student, rng):
    """hidden: random layer"""
    n, m = int(rng.integers(2, 6)), int(rng.integers(6, 10))
    Z = rng.normal(rng.uniform(-2, 2), 2.0, size=(n, m))
    gamma, beta = rng.normal(1.0, 0.5, (n, 1)), rng.normal(size=(n, 1))
    check(student, Z, gamma, beta, rng.normal(size=(n, 1)), rng.uniform(0.2, 3.0, (n, 1)))


def test_large_epsilon(student):
    """epsilon = 0.5"""
    check(student, *layer(41, 2, 3), epsilon=0.5)
