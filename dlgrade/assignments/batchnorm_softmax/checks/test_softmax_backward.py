"""Checks of softmax_backward: dZ = A - Y, without the 1/m (applied later in dW, db)."""

import numpy as np
import pytest

from dlgrade.grader.checking.authoring import assignment_module, expect_like_reference, mistakes_of
from dlgrade.reference.softmax_layer import one_hot, softmax, softmax_backward

MISTAKES = mistakes_of(__file__)
support = assignment_module(__file__, "support.py")

EXERCISE = "softmax_backward"
pytestmark = pytest.mark.exercise(EXERCISE)


def check(student, A, Y):
    return expect_like_reference(
        student,
        EXERCISE,
        softmax_backward,
        A,
        Y,
        mistakes=MISTAKES,
        name="dZ",
    )


@pytest.mark.points(2)
def test_example_case(student):
    """example case (3 classes, 4 examples)"""
    A = softmax(support.fixed_normal(71, 3, 4))
    check(student, A, one_hot(np.array([1, 0, 2, 2]), 3))


@pytest.mark.hidden
def test_random_predictions(student, rng):
    """hidden: random predictions and labels"""
    C, m = int(rng.integers(3, 7)), int(rng.integers(5, 10))
    check(student, softmax(rng.normal(0, 2, (C, m))), one_hot(rng.integers(0, C, m), C))


def test_one_example(student):
    """a single example"""
    check(student, softmax(support.fixed_normal(72, 4, 1)), one_hot(np.array([2]), 4))


def test_perfect_predictions(student):
    """perfect predictions give a zero gradient"""
    Y = one_hot(np.array([0, 1, 1]), 2)
    check(student, Y.copy(), Y)
