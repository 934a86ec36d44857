"""Checks of initialize_velocity: zeros keyed "dW{l}", "db{l}" with the parameters' shapes.

Returning an empty or partial dict fails: missing and extra keys are named.
"""

import pytest

from dlgrade.grader.checking.authoring import assignment_module
from dlgrade.reference.cases_optimization import initialize_velocity_test_case
from dlgrade.reference.optimizers import initialize_velocity

cases = assignment_module(__file__, "cases.py")

EXERCISE = "initialize_velocity"
pytestmark = pytest.mark.exercise(EXERCISE)


def expect_velocity(student, parameters):
    cases.expect_like_reference(student, EXERCISE, initialize_velocity, parameters, name="v")


@pytest.mark.points(2)
def test_course_case(student):
    """course test case: 2 layers"""
    expect_velocity(student, initialize_velocity_test_case())


@pytest.mark.hidden
@pytest.mark.points(2)
def test_deeper_network(student, rng):
    """a 4-layer network with other sizes"""
    expect_velocity(student, cases.network(rng, cases.hidden_layer_sizes(rng, 3)))


@pytest.mark.hidden
def test_single_layer(student, rng):
    """a single layer (L = 1)"""
    expect_velocity(student, cases.network(rng, cases.hidden_layer_sizes(rng, 0)))
