"""Checks of initialize_parameters_xavier: seed 3, randn * sqrt(1 / n_{l-1}), zero biases.

The course's draw order is fixed (seed 3, W1 first), so values are compared number for
number; a property check also measures the weights' variance on a wide layer (about
1 / n_{l-1}, within 5 %: 60000 draws put the sample variance within 0.6 % at one standard
deviation), so a wrong scale is named even where a seeding difference hides the values.
"""

import numpy as np
import pytest

from dlgrade.grader.checking import (
    Mismatch,
    mistake_outputs,
)
from dlgrade.grader.checking.authoring import expect_like_reference, mistakes_of
from dlgrade.reference.initialization import initialize_parameters_xavier

MISTAKES = mistakes_of(__file__)

EXERCISE = "initialize_parameters_xavier"
pytestmark = pytest.mark.exercise(EXERCISE)


def check(student, layers_dims):
    return expect_like_reference(
        student,
        EXERCISE,
        initialize_parameters_xavier,
        layers_dims,
        mistakes=MISTAKES,
        name="parameters",
    )


@pytest.mark.points(2)
def test_example_case(student):
    """example case: layers_dims = [2, 4, 1]"""
    check(student, [2, 4, 1])


@pytest.mark.hidden
@pytest.mark.points(2)
def test_random_depth(student, rng):
    """hidden: random depth and layer sizes"""
    check(student, [int(n) for n in rng.integers(1, 9, size=int(rng.integers(3, 6)))])


def test_single_layer(student):
    """a single layer: layers_dims = [5, 3]"""
    check(student, [5, 3])


def test_weight_variance(student):
    """weights of a wide layer have variance 1 / n_prev"""
    n_prev, n = 400, 150
    parameters = student.call(EXERCISE, [n_prev, n])
    W1 = parameters.get("W1") if isinstance(parameters, dict) else None
    if not isinstance(W1, np.ndarray) or W1.shape != (n, n_prev):
        raise Mismatch(f"parameters['W1'] should be an array of shape {(n, n_prev)}")
    variance = float(np.var(W1))
    if abs(variance * n_prev - 1.0) > 0.05:
        hints = [
            hint
            for hint, out in mistake_outputs(MISTAKES, EXERCISE, [n_prev, n])
            if abs(float(np.var(out["W1"])) - variance) <= 0.05 * variance
        ]
        raise Mismatch(
            f"the variance of W1 is {variance:.3g} = {variance * n_prev:.3g} / n_prev; "
            f"Xavier initialization gives 1 / n_prev = {1 / n_prev:.3g}",
            hints[0] if hints else None,
        )
