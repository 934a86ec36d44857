"""Checks of softmax: per column, stable for large logits.

Logits around 1000 overflow np.exp without the max shift (the result turns into nan);
C != m everywhere so a softmax over rows cannot hide. A property check (columns sum to
1, entries in [0, 1]) runs on the hidden case too, so its message says what is wrong even
when the values are only slightly off.
"""

import numpy as np
import pytest

from dlgrade.grader.checking import (
    expect_close,
    expect_true,
    reference_call,
)
from dlgrade.grader.checking.authoring import assignment_module, expect_like_reference, mistakes_of
from dlgrade.reference.softmax_layer import softmax

MISTAKES = mistakes_of(__file__)
support = assignment_module(__file__, "support.py")

EXERCISE = "softmax"
pytestmark = pytest.mark.exercise(EXERCISE)


def check(student, Z):
    return expect_like_reference(
        student,
        EXERCISE,
        softmax,
        Z,
        mistakes=MISTAKES,
        name="A",
    )


@pytest.mark.points(2)
def test_example_case(student):
    """example case (4 classes, 3 examples)"""
    check(student, support.fixed_normal(51, 4, 3, scale=2.0))


@pytest.mark.hidden
@pytest.mark.points(2)
def test_random_logits(student, rng):
    """hidden: random logits"""
    C, m = int(rng.integers(3, 7)), int(rng.integers(7, 12))
    Z = rng.normal(rng.uniform(-5, 5), rng.uniform(1, 5), size=(C, m))
    got = student.call(EXERCISE, Z)
    columns = np.sum(np.asarray(got, dtype=float), axis=0) if np.shape(got) == Z.shape else None
    expect_true(
        columns is not None and np.allclose(columns, 1.0),
        f"A must have shape {Z.shape} and each column (one example) must sum to 1",
    )
    expect_close(got, reference_call(softmax, Z), name="A")


def test_large_logits(student):
    """large logits (about 1000)"""
    check(student, np.array([[1000.0, -5.0], [1001.0, -3.0], [999.0, 20.0]]))


def test_one_example(student):
    """a single example"""
    check(student, support.fixed_normal(52, 5, 1, scale=3.0))
