"""Checks of gradient_check (1-D): two-sided difference and the relative difference.

The expected difference is the course formula applied to the student's own
forward_propagation and backward_propagation (see cases.expect_gradient_check), so a
mistake there costs points only in its own exercise. For J = theta * x the two-sided
difference is exact up to rounding, so a correct check returns rounding noise: the same
noise as the course formula on the same values, which is required to 0.1 % (the course
accepts anything below 2e-7, even a constant 0.0). Two hidden cases make the answer large
and deterministic: theta so large (1e8) that theta +- epsilon loses digits, and the
same with another epsilon, which must be used. An old (2017-2020) notebook has no
print_msg argument.
"""

import pytest

from dlgrade.grader.checking.authoring import assignment_module

cases = assignment_module(__file__, "cases.py")

EXERCISE = "gradient_check"
pytestmark = pytest.mark.exercise(EXERCISE)


@pytest.mark.points(2)
def test_course_case(student):
    """course test case: x = 2, theta = 4 (a difference below 2e-7)"""
    cases.expect_gradient_check(student, 2, 4)


def test_course_case_with_message(student, version):
    """course test case: x = 3, theta = 4, print_msg=True in the new notebook"""
    kwargs = {"print_msg": True} if version == "new" else {}
    cases.expect_gradient_check(student, 3, 4, **kwargs)


@pytest.mark.hidden
def test_random_numbers(student, rng):
    """other x and theta (a difference below 2e-7)"""
    cases.expect_gradient_check(student, float(rng.uniform(0.5, 5)), float(rng.uniform(-5, 5)))


@pytest.mark.hidden
@pytest.mark.points(2)
def test_large_theta(student, rng):
    """theta = 1e8: theta +- epsilon loses digits, the difference is a fixed number"""
    cases.expect_gradient_check(student, float(rng.uniform(1, 5)), 1e8)


@pytest.mark.hidden
@pytest.mark.points(2)
def test_other_epsilon(student, rng):
    """theta = 1e8 with epsilon = 1e-4: the epsilon argument is used"""
    cases.expect_gradient_check(student, float(rng.uniform(1, 5)), 1e8, epsilon=1e-4)
