"""Checks of initialize_parameters_zeros: exact zeros of the right shapes, every layer."""

import pytest

from dlgrade.grader.checking.authoring import assignment_module
from dlgrade.reference.initialization import initialize_parameters_zeros

cases = assignment_module(__file__, "cases.py")

EXERCISE = "initialize_parameters_zeros"
pytestmark = pytest.mark.exercise(EXERCISE)


@pytest.mark.points(2)
def test_course_case(student):
    """course test case: layers_dims = [3, 2, 1]"""
    cases.expect_initializer(student, EXERCISE, initialize_parameters_zeros, [3, 2, 1])


def test_notebook_network(student):
    """the notebook's network: layers_dims = [2, 10, 5, 1]"""
    cases.expect_initializer(student, EXERCISE, initialize_parameters_zeros, cases.NOTEBOOK_NETWORK)


@pytest.mark.hidden
@pytest.mark.points(2)
def test_deeper_network(student, rng):
    """a deeper network with other layer sizes"""
    layers_dims = cases.hidden_layers(rng, hidden_layers=4)
    cases.expect_initializer(student, EXERCISE, initialize_parameters_zeros, layers_dims)


@pytest.mark.hidden
def test_single_layer(student, rng):
    """a single layer (logistic regression)"""
    layers_dims = cases.hidden_layers(rng, hidden_layers=0)
    cases.expect_initializer(student, EXERCISE, initialize_parameters_zeros, layers_dims)
