"""Checks of initialize_adam: (v, s), both zeros keyed "dW{l}", "db{l}" like the gradients."""

import pytest

from dlgrade.grader.checking.authoring import assignment_module
from dlgrade.reference.cases_optimization import initialize_adam_test_case
from dlgrade.reference.optimizers import initialize_adam

cases = assignment_module(__file__, "cases.py")

EXERCISE = "initialize_adam"
pytestmark = pytest.mark.exercise(EXERCISE)


def expect_state(student, parameters):
    cases.expect_like_reference(student, EXERCISE, initialize_adam, parameters, name="(v, s)")


@pytest.mark.points(2)
def test_course_case(student):
    """course test case: 2 layers"""
    expect_state(student, initialize_adam_test_case())


@pytest.mark.hidden
@pytest.mark.points(2)
def test_deeper_network(student, rng):
    """a 4-layer network with other sizes"""
    expect_state(student, cases.network(rng, cases.hidden_layer_sizes(rng, 3)))


@pytest.mark.hidden
def test_single_layer(student, rng):
    """a single layer (L = 1)"""
    expect_state(student, cases.network(rng, cases.hidden_layer_sizes(rng, 0)))
