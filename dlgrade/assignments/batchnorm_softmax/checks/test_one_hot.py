"""Checks of one_hot: shape (C, m), C rows even for absent classes, labels (m,) or (1, m)."""

import numpy as np
import pytest

from dlgrade.grader.checking.authoring import expect_like_reference, mistakes_of
from dlgrade.reference.softmax_layer import one_hot

MISTAKES = mistakes_of(__file__)

EXERCISE = "one_hot"
pytestmark = pytest.mark.exercise(EXERCISE)


def check(student, labels, C):
    return expect_like_reference(
        student,
        EXERCISE,
        one_hot,
        labels,
        C,
        mistakes=MISTAKES,
        name="Y",
    )


@pytest.mark.points(2)
def test_example_case(student):
    """example case (labels of shape (m,))"""
    check(student, np.array([1, 2, 3, 0, 2, 1]), 4)


def test_row_of_labels(student):
    """labels of shape (1, m)"""
    check(student, np.array([[2, 0, 1, 1, 0]]), 3)


@pytest.mark.hidden
@pytest.mark.points(2)
def test_random_labels_with_absent_class(student, rng):
    """hidden: random labels, the last class absent"""
    C, m = int(rng.integers(4, 8)), int(rng.integers(5, 12))
    labels = rng.integers(0, C - 1, size=m)
    check(student, labels, C)


def test_one_example(student):
    """a single example"""
    check(student, np.array([4]), 6)
