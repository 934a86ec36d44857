"""Checks of one_hot: shape (C, m), C rows even for absent classes, labels (m,) or (1, m)."""

from pathlib import Path

import numpy as np
import pytest

from dlgrade.grader.checking import (
    expect_close,
    load_mistakes,
    mistake_outputs,
    reference_call,
)
from dlgrade.reference.softmax_layer import one_hot

ASSIGNMENT = Path(__file__).resolve().parents[1]
MISTAKES = load_mistakes(ASSIGNMENT / "mistakes.py")

EXERCISE = "one_hot"
pytestmark = pytest.mark.exercise(EXERCISE)


def check(student, labels, C):
    expect_close(
        student.call(EXERCISE, labels, C),
        reference_call(one_hot, labels, C),
        name="Y",
        mistakes=mistake_outputs(MISTAKES, EXERCISE, labels, C),
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
