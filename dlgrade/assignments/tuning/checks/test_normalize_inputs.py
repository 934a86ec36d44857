"""Checks of normalize_inputs: the given training statistics, the square root, epsilon.

The dev-set cases pass statistics unlike the dev data's own, so recomputing them from X
cannot pass; a constant feature (variance 0) must map to 0, and a large epsilon separates
sqrt(sigma2 + eps) from sqrt(sigma2) + eps.
"""

import numpy as np
import pytest

from dlgrade.grader.checking.authoring import expect_like_reference, mistakes_of
from dlgrade.reference.practical import normalization_statistics, normalize_inputs

MISTAKES = mistakes_of(__file__)

EXERCISE = "normalize_inputs"
pytestmark = pytest.mark.exercise(EXERCISE)


def check(student, X, mu, sigma2, **kwargs):
    return expect_like_reference(
        student,
        EXERCISE,
        normalize_inputs,
        X,
        mu,
        sigma2,
        mistakes=MISTAKES,
        name="X_norm",
        **kwargs,
    )


def data(seed: int, n_x: int, m: int, shift: float, scale: float) -> np.ndarray:
    return np.random.RandomState(seed).randn(n_x, m) * scale + shift


def test_training_set(student):
    """example case: the training set with its own statistics"""
    X_train = data(1, 3, 6, shift=2.0, scale=3.0)
    check(student, X_train, *normalization_statistics(X_train))


@pytest.mark.points(2)
def test_dev_set_with_training_statistics(student):
    """a dev set normalized with the training statistics"""
    X_train, X_dev = data(2, 3, 8, 1.0, 2.0), data(3, 3, 4, -1.0, 0.5)
    check(student, X_dev, *normalization_statistics(X_train))


@pytest.mark.hidden
@pytest.mark.points(2)
def test_random_sets(student, rng):
    """hidden: random training and test sets"""
    n_x = int(rng.integers(2, 6))
    X_train = rng.normal(rng.uniform(-5, 5, (n_x, 1)), rng.uniform(0.5, 4, (n_x, 1)), (n_x, 9))
    X_test = rng.normal(rng.uniform(-5, 5, (n_x, 1)), rng.uniform(0.5, 4, (n_x, 1)), (n_x, 5))
    check(student, X_test, *normalization_statistics(X_train))


def test_constant_feature(student):
    """a constant feature (training variance 0)"""
    X_train = np.array([[1.0, 2.0, 3.0, 6.0], [4.0, 4.0, 4.0, 4.0]])
    check(student, np.array([[0.0, 5.0], [4.0, 4.0]]), *normalization_statistics(X_train))


def test_large_epsilon(student):
    """epsilon = 1.0"""
    X_train = data(4, 2, 5, 0.0, 0.7)
    check(student, data(5, 2, 3, 0.5, 1.0), *normalization_statistics(X_train), epsilon=1.0)
