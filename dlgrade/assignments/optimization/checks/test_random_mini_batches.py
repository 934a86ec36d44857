"""Checks of random_mini_batches: one seeded permutation, full batches, then the remainder.

The function seeds NumPy itself (np.random.seed(seed), then np.random.permutation(m)), so
batches compare element for element. The edge cases are where real mistakes hide: the
last batch built from the loop variable crashes when m < mini_batch_size, an exact
multiple must not add an empty batch, and batches of one example.
"""

import numpy as np
import pytest

from dlgrade.grader.checking import Mismatch, call_naming_crashes, expect_true
from dlgrade.grader.checking.authoring import assignment_module
from dlgrade.reference.mini_batches import random_mini_batches

cases = assignment_module(__file__, "cases.py")

EXERCISE = "random_mini_batches"
pytestmark = pytest.mark.exercise(EXERCISE)

COURSE_FEATURES = 16  # of the course case's 12288 rows: the batching is the same, the RPC light


def data(rng, n_x, m):
    """X (n_x, m) random, Y (1, m) of 0/1 labels."""
    return rng.standard_normal((n_x, m)), (rng.random((1, m)) < 0.5).astype(float)


def expect_batches(student, X, Y, mini_batch_size, seed):
    cases.expect_like_reference(
        student, EXERCISE, random_mini_batches, X, Y, mini_batch_size, seed, name="mini_batches"
    )


@pytest.mark.points(2)
def test_course_case(student):
    """course test case: 148 examples, mini_batch_size = 64 (batches of 64, 64, 20)"""
    X, Y, mini_batch_size = cases.course_mini_batch_case(COURSE_FEATURES)
    expect_batches(student, X, Y, mini_batch_size, 0)


@pytest.mark.hidden
@pytest.mark.points(2)
def test_random_sizes(student, rng):
    """other sizes, another seed"""
    X, Y = data(rng, int(rng.integers(2, 6)), int(rng.integers(21, 40)))
    expect_batches(student, X, Y, int(rng.choice([4, 8])), int(rng.integers(0, 1000)))


@pytest.mark.hidden
@pytest.mark.points(2)
def test_fewer_examples_than_a_batch(student, rng):
    """m < mini_batch_size: a single batch of all m examples"""
    X, Y = data(rng, 3, int(rng.integers(3, 10)))
    expect_batches(student, X, Y, 64, int(rng.integers(0, 1000)))


@pytest.mark.hidden
def test_exact_multiple(student, rng):
    """m an exact multiple of mini_batch_size: no empty last batch"""
    X, Y = data(rng, 2, 12)
    expect_batches(student, X, Y, 4, int(rng.integers(0, 1000)))


@pytest.mark.hidden
def test_one_example_batches(student, rng):
    """mini_batch_size = 1: one batch per example"""
    X, Y = data(rng, 2, 5)
    expect_batches(student, X, Y, 1, int(rng.integers(0, 1000)))


@pytest.mark.hidden
def test_batches_keep_examples_and_labels_together(student, rng):
    """every example keeps its label (a property, whatever the shuffle)"""
    m = 24
    X = np.vstack([np.arange(m, dtype=float), rng.standard_normal(m)])
    Y = (np.arange(m) % 2).reshape(1, m).astype(float)
    batches = call_naming_crashes(student, cases.MISTAKES, EXERCISE, X, Y, 10, 3)
    expect_true(isinstance(batches, list | tuple) and len(batches) == 3, "expected 3 mini-batches")
    try:
        columns = np.hstack([np.asarray(batch[0], dtype=float) for batch in batches])
        labels = np.hstack([np.asarray(batch[1], dtype=float) for batch in batches])
    except (TypeError, ValueError, IndexError) as error:
        raise Mismatch(f"the mini-batches are not (X, Y) pairs of arrays ({error})") from None
    expect_true(columns.shape == (2, m) and labels.shape == (1, m), "mini-batch shapes are wrong")
    expect_true(
        sorted(columns[0]) == list(range(m)), "the mini-batches do not hold every example once"
    )
    expect_true(
        np.array_equal(labels[0], columns[0] % 2),
        "a label was separated from its example: shuffle X and Y with the same permutation",
    )
