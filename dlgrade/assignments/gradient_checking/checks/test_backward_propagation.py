"""Checks of backward_propagation: dJ/dtheta of J = theta * x, which is x."""

import pytest

from dlgrade.grader.checking.authoring import assignment_module
from dlgrade.reference.gradient_checking import backward_propagation

cases = assignment_module(__file__, "cases.py")

EXERCISE = "backward_propagation"
pytestmark = pytest.mark.exercise(EXERCISE)


@pytest.mark.points(2)
def test_course_case(student):
    """course test case: x = 2, theta = 4 (dtheta = 2)"""
    cases.expect_like_reference(student, EXERCISE, backward_propagation, 2, 4, name="dtheta")


@pytest.mark.hidden
@pytest.mark.points(2)
def test_random_numbers(student, rng):
    """other x and theta, negative ones included"""
    x, theta = (float(value) for value in rng.uniform(-5, 5, size=2))
    cases.expect_like_reference(student, EXERCISE, backward_propagation, x, theta, name="dtheta")


@pytest.mark.hidden
def test_array_of_inputs(student, rng):
    """x an array: dtheta = x, elementwise"""
    x, theta = rng.uniform(-3, 3, size=(2, 3)), float(rng.uniform(1.5, 4))
    cases.expect_like_reference(student, EXERCISE, backward_propagation, x, theta, name="dtheta")
