"""Checks of batchnorm_forward: per-unit statistics over the batch, epsilon, gamma and beta.

Edge cases: a one-example batch (variance 0: an unbiased variance gives nan, epsilon keeps
it finite) and a large epsilon (separates sqrt(var + eps) from sqrt(var) + eps, which agree
to 1e-8 at the default epsilon). Shapes always have n != m, so statistics over the wrong
axis cannot hide.
"""

from pathlib import Path

import pytest

from dlgrade.grader.checking import import_file, load_mistakes, mistake_outputs, reference_call
from dlgrade.reference.batchnorm import batchnorm_forward

ASSIGNMENT = Path(__file__).resolve().parents[1]
MISTAKES = load_mistakes(ASSIGNMENT / "mistakes.py")
support = import_file(ASSIGNMENT / "support.py")

EXERCISE = "batchnorm_forward"
NAMES = ("Z_tilde", "cache")
pytestmark = pytest.mark.exercise(EXERCISE)


def check(student, *args, **kwargs):
    """Same inputs to the student and the reference; the cache may hold extra keys."""
    support.expect_returns(
        student.call(EXERCISE, *args, **kwargs),
        reference_call(batchnorm_forward, *args, **kwargs),
        NAMES,
        mistakes=mistake_outputs(MISTAKES, EXERCISE, *args, **kwargs),
        allow_extra_keys=True,
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
