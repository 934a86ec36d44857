"""random_mini_batches: sizes, alignment, seeding and the course's published output."""

from __future__ import annotations

import numpy as np
import pytest

from dlgrade.reference import cases_optimization as cases
from dlgrade.reference.mini_batches import random_mini_batches
from tests.support.graded_source import extract_graded


def labelled_data(m: int) -> tuple[np.ndarray, np.ndarray]:
    """Columns tagged by their index so alignment and permutation can be read back."""
    X = np.vstack([np.arange(m), 10 * np.arange(m)]).astype(float)
    Y = np.arange(m).reshape(1, m) % 2 == 0
    return X, Y


@pytest.mark.parametrize(
    ("m", "size", "expected_sizes"),
    [(5, 64, [5]), (128, 64, [64, 64]), (148, 64, [64, 64, 20]), (7, 1, [1] * 7), (64, 64, [64])],
)
def test_batch_sizes(m, size, expected_sizes):
    X, Y = labelled_data(m)
    batches = random_mini_batches(X, Y, size, seed=3)
    assert [bx.shape for bx, _ in batches] == [(2, n) for n in expected_sizes]
    assert [by.shape for _, by in batches] == [(1, n) for n in expected_sizes]


@pytest.mark.parametrize(("m", "size"), [(5, 64), (128, 32), (148, 64)])
def test_batches_concatenate_to_an_aligned_permutation(m, size):
    X, Y = labelled_data(m)
    batches = random_mini_batches(X, Y, size, seed=1)
    all_X = np.hstack([bx for bx, _ in batches])
    all_Y = np.hstack([by for _, by in batches])
    order = all_X[0].astype(int)
    assert sorted(order) == list(range(m))
    np.testing.assert_array_equal(all_X, X[:, order])
    np.testing.assert_array_equal(all_Y, Y[:, order])


def test_shuffle_is_the_seeded_global_permutation():
    X, Y = labelled_data(30)
    batches = random_mini_batches(X, Y, 8, seed=11)
    np.random.seed(11)
    expected_order = np.random.permutation(30)
    np.testing.assert_array_equal(np.hstack([bx[0] for bx, _ in batches]), expected_order)


def test_same_seed_same_batches_and_other_seed_differs():
    X, Y = labelled_data(50)
    first = random_mini_batches(X, Y, 16, seed=4)
    again = random_mini_batches(X, Y, 16, seed=4)
    other = random_mini_batches(X, Y, 16, seed=5)
    for (a, _), (b, _) in zip(first, again, strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first[0][0], other[0][0])


def test_course_case_gives_published_sanity_values():
    X, Y, size = cases.random_mini_batches_test_case()
    batches = random_mini_batches(X, Y, size)
    assert [bx.shape[1] for bx, _ in batches] == [64, 64, 20]
    np.testing.assert_allclose(
        batches[0][0][0][0:3], [0.90085595, -0.7612069, 0.2344157], atol=1e-8
    )


def test_extracted_source_behaves_like_the_module():
    extracted = extract_graded(random_mini_batches)
    X, Y = labelled_data(21)
    for (a, ya), (b, yb) in zip(
        extracted(X, Y, 8, seed=2), random_mini_batches(X, Y, 8, seed=2), strict=True
    ):
        np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(ya, yb)
