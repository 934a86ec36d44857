"""Checks of gradient_check_n: the two-sided check over the 47 parameters of the 3-layer net.

The student's gradient_check_n runs the notebook's own forward_propagation_n; the
gradients are passed in, correct or wrong, so the returned difference is compared with
the reference's on the same gradients. Where gradients are wrong the difference is
large and fixed (0.2850931567761623 with the notebook's two planted bugs); where they
are right it is rounding noise, about 1.19e-7 on the course case, compared loosely.
"""

import pytest

from dlgrade.grader.checking.authoring import assignment_module
from dlgrade.reference.cases_week1 import gradient_check_n_test_case
from dlgrade.reference.gradient_checking import gradient_check_n

cases = assignment_module(__file__, "cases.py")

EXERCISE = "gradient_check_n"
pytestmark = pytest.mark.exercise(EXERCISE)


def expect_difference(student, parameters, grads, X, Y, **kwargs):
    cases.expect_like_reference(
        student, EXERCISE, gradient_check_n, parameters, grads, X, Y, **kwargs
    )


@pytest.mark.points(2)
def test_course_case_with_the_planted_bugs(student):
    """course test case, the notebook's buggy backward pass (difference 0.2850931567761623)"""
    X, Y, parameters = gradient_check_n_test_case()
    grads = cases.gradients(X, Y, parameters, course_bugs=True)
    expect_difference(student, parameters, grads, X, Y)


def test_course_case_with_correct_gradients(student):
    """course test case, a correct backward pass (difference about 1.19e-7)"""
    X, Y, parameters = gradient_check_n_test_case()
    grads = cases.gradients(X, Y, parameters, course_bugs=False)
    expect_difference(student, parameters, grads, X, Y, rtol=0.1, atol=0.0)


@pytest.mark.hidden
@pytest.mark.points(2)
def test_one_wrong_gradient(student, rng):
    """random parameters and data, one gradient array scaled by mistake"""
    X, Y = cases.network_data(rng, int(rng.integers(3, 8)))
    parameters = cases.network_parameters(rng)
    grads = cases.gradients(X, Y, parameters, course_bugs=False)
    key = "d" + str(rng.choice(["W1", "b1", "W2", "b2", "W3", "b3"]))
    grads[key] = grads[key] * float(rng.uniform(1.5, 3.0)) + 0.05
    expect_difference(student, parameters, grads, X, Y, rtol=1e-5)


@pytest.mark.hidden
def test_one_wrong_entry(student, rng):
    """random parameters, a single wrong entry in db3 (the last of the 47)"""
    X, Y = cases.network_data(rng, 4)
    parameters = cases.network_parameters(rng)
    grads = cases.gradients(X, Y, parameters, course_bugs=False)
    grads["db3"] = grads["db3"] + float(rng.uniform(0.2, 0.5))
    expect_difference(student, parameters, grads, X, Y, rtol=1e-5)


@pytest.mark.hidden
def test_other_epsilon_with_message(student, rng, version):
    """the planted bugs with epsilon = 1e-5 (and print_msg=True in the new notebook)"""
    X, Y = cases.network_data(rng, 5)
    parameters = cases.network_parameters(rng)
    grads = cases.gradients(X, Y, parameters, course_bugs=True)
    kwargs = {"print_msg": True} if version == "new" else {}
    expect_difference(student, parameters, grads, X, Y, epsilon=1e-5, rtol=1e-5, **kwargs)


@pytest.mark.hidden
def test_correct_gradients_with_a_large_epsilon(student, rng):
    """correct gradients, epsilon = 3e-2: the difference is the epsilon's truncation error"""
    X, Y = cases.network_data(rng, 5)
    parameters = cases.network_parameters(rng)
    grads = cases.gradients(X, Y, parameters, course_bugs=False)
    # At 3e-2 the two-sided difference departs from the gradient by O(epsilon^2): 1e-6 or
    # more (over 300 random nets), while an epsilon of 1e-7 gives rounding noise under 1e-7.
    # atol = 2e-7 ignores that noise, so a hard-coded 1e-7 is recognised by its hint.
    expect_difference(student, parameters, grads, X, Y, epsilon=3e-2, rtol=1e-3, atol=2e-7)
