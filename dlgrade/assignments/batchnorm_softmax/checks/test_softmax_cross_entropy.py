"""Checks of softmax_cross_entropy: the multi-class loss, averaged over m, robust to zeros.

Probabilities that underflowed to exactly 0 must not turn the cost into nan (0 * log 0
counts as 0). C > 2 everywhere, so the binary formula and a mean over C * m entries differ
from the right answer.
"""

import numpy as np
import pytest

from dlgrade.grader.checking.authoring import assignment_module, expect_like_reference, mistakes_of
from dlgrade.reference.softmax_layer import one_hot, softmax, softmax_cross_entropy

MISTAKES = mistakes_of(__file__)
support = assignment_module(__file__, "support.py")

EXERCISE = "softmax_cross_entropy"
pytestmark = pytest.mark.exercise(EXERCISE)


def check(student, A, Y):
    return expect_like_reference(
        student,
        EXERCISE,
        softmax_cross_entropy,
        A,
        Y,
        mistakes=MISTAKES,
        name="cost",
    )


@pytest.mark.points(2)
def test_example_case(student):
    """example case (3 classes, 5 examples)"""
    A = softmax(support.fixed_normal(61, 3, 5, scale=2.0))
    check(student, A, one_hot(np.array([0, 2, 1, 2, 0]), 3))


@pytest.mark.hidden
@pytest.mark.points(2)
def test_random_predictions(student, rng):
    """hidden: random predictions and labels"""
    C, m = int(rng.integers(3, 7)), int(rng.integers(4, 12))
    A = softmax(rng.normal(0, 3, size=(C, m)))
    check(student, A, one_hot(rng.integers(0, C, size=m), C))


def test_probabilities_underflowed_to_zero(student):
    """probabilities that underflowed to exactly 0"""
    A = np.array([[0.9, 0.0, 0.2], [0.1, 1.0, 0.0], [0.0, 0.0, 0.8]])
    check(student, A, one_hot(np.array([0, 1, 2]), 3))


def test_one_example(student):
    """a single example"""
    A = softmax(support.fixed_normal(62, 4, 1))
    check(student, A, one_hot(np.array([3]), 4))
