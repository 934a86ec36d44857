"""Checks of batchnorm_backward: the closed form through mu and var, gamma, sums per unit.

The cache is built by the trusted reference forward pass, so a wrong forward pass never
costs points here. gamma is never all ones and n != m, so a missing gamma or a sum over
the wrong axis cannot hide; a large epsilon checks that it is used inside the square root.
"""

import numpy as np
import pytest

from dlgrade.grader.checking.authoring import assignment_module, expect_like_reference, mistakes_of
from dlgrade.reference.batchnorm import batchnorm_backward, batchnorm_forward

MISTAKES = mistakes_of(__file__)
support = assignment_module(__file__, "support.py")

EXERCISE = "batchnorm_backward"
NAMES = ("dZ", "dgamma", "dbeta")
pytestmark = pytest.mark.exercise(EXERCISE)


def check(student, Z, gamma, beta, dZ_tilde, epsilon=1e-8):
    """Forward on the trusted side, then the same (dZ_tilde, cache) to both backward passes."""
    _, cache = batchnorm_forward(Z, gamma, beta, epsilon)
    expect_like_reference(
        student, EXERCISE, batchnorm_backward, dZ_tilde, cache, mistakes=MISTAKES, names=NAMES
    )


@pytest.mark.points(2)
def test_example_case(student):
    """example case (3 units, 4 examples)"""
    Z = support.fixed_normal(11, 3, 4, scale=2.0, shift=1.0)
    gamma, beta = support.fixed_normal(12, 3, 1, shift=1.0), support.fixed_normal(13, 3, 1)
    check(student, Z, gamma, beta, support.fixed_normal(14, 3, 4))


@pytest.mark.hidden
@pytest.mark.points(2)
@pytest.mark.parametrize("m_range", [(2, 3), (6, 12)], ids=["two examples", "random batch"])
def test_random_layer(student, rng, m_range):
    """hidden: random layer"""
    n, m = int(rng.integers(3, 6)), int(rng.integers(*m_range))
    Z = rng.normal(rng.uniform(-2, 2), rng.uniform(0.5, 3), size=(n, m))
    gamma, beta = rng.normal(1.0, 0.7, size=(n, 1)), rng.normal(size=(n, 1))
    check(student, Z, gamma, beta, rng.normal(size=(n, m)))


def test_large_epsilon(student):
    """epsilon = 0.5"""
    Z = support.fixed_normal(15, 2, 5, scale=0.4)
    gamma, beta = np.array([[1.5], [-0.5]]), np.array([[0.1], [0.2]])
    check(student, Z, gamma, beta, support.fixed_normal(16, 2, 5), epsilon=0.5)
