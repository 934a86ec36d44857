"""Checks of initialize_parameters_he: seed 3, randn * sqrt(2 / n_{l-1}), zero biases.

The exact comparisons assume the course's draw order (W1, W2, ... and nothing else);
the spread check does not, so a student whose draws differ keeps partial credit.
Hidden sizes are distinct and never 2, so the fan-out or an inverted scale always shows.
"""

import numpy as np
import pytest

from dlgrade.grader.checking.authoring import assignment_module
from dlgrade.reference.initialization import initialize_parameters_he

cases = assignment_module(__file__, "cases.py")

EXERCISE = "initialize_parameters_he"
pytestmark = pytest.mark.exercise(EXERCISE)


@pytest.mark.points(2)
def test_course_case(student):
    """course test case: layers_dims = [2, 4, 1] (W1[0, 0] = 1.78862847)"""
    cases.expect_initializer(student, EXERCISE, initialize_parameters_he, [2, 4, 1])


def test_notebook_network(student):
    """the notebook's network: layers_dims = [2, 10, 5, 1]"""
    cases.expect_initializer(student, EXERCISE, initialize_parameters_he, cases.NOTEBOOK_NETWORK)


@pytest.mark.hidden
@pytest.mark.points(2)
def test_deeper_network(student, rng):
    """a deeper network with other layer sizes"""
    layers_dims = cases.hidden_layers(rng, hidden_layers=4)
    cases.expect_initializer(student, EXERCISE, initialize_parameters_he, layers_dims)


@pytest.mark.hidden
def test_single_layer(student, rng):
    """a single layer (logistic regression)"""
    layers_dims = cases.hidden_layers(rng, hidden_layers=0)
    cases.expect_initializer(student, EXERCISE, initialize_parameters_he, layers_dims)


@pytest.mark.hidden
def test_weight_spread(student):
    """weights have standard deviation sqrt(2 / n_prev) (whatever the draw order)"""
    cases.expect_weight_spread(
        student, EXERCISE, lambda n_prev: float(np.sqrt(2.0 / n_prev)), "sqrt(2 / n_prev)"
    )
