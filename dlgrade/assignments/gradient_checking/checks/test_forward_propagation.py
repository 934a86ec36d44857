"""Checks of forward_propagation: the 1-D cost J(theta) = theta * x."""

import pytest

from dlgrade.grader.checking.authoring import assignment_module
from dlgrade.reference.gradient_checking import forward_propagation

cases = assignment_module(__file__, "cases.py")

EXERCISE = "forward_propagation"
pytestmark = pytest.mark.exercise(EXERCISE)


@pytest.mark.points(2)
def test_course_case(student):
    """course test case: x = 2, theta = 4 (J = 8)"""
    cases.expect_like_reference(student, EXERCISE, forward_propagation, 2, 4, name="J")


@pytest.mark.hidden
@pytest.mark.points(2)
def test_random_numbers(student, rng):
    """other x and theta, negative ones included"""
    x, theta = (float(value) for value in rng.uniform(-5, 5, size=2))
    cases.expect_like_reference(student, EXERCISE, forward_propagation, x, theta, name="J")


@pytest.mark.hidden
def test_array_of_inputs(student, rng):
    """x an array: J = theta * x elementwise"""
    x, theta = rng.uniform(-3, 3, size=(2, 3)), float(rng.uniform(1.5, 4))
    cases.expect_like_reference(student, EXERCISE, forward_propagation, x, theta, name="J")
