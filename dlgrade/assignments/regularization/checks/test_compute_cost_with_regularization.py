"""Checks of compute_cost_with_regularization: cross-entropy + lambd / (2m) * sum of W**2."""

import pytest

from dlgrade.grader.checking.authoring import assignment_module
from dlgrade.reference.cases_week1 import compute_cost_with_regularization_test_case
from dlgrade.reference.regularization import compute_cost_with_regularization

cases = assignment_module(__file__, "cases.py")

EXERCISE = "compute_cost_with_regularization"
pytestmark = pytest.mark.exercise(EXERCISE)


def expect_cost(student, A3, Y, parameters, lambd):
    cases.expect_student_matches(
        student, EXERCISE, compute_cost_with_regularization, A3, Y, parameters, lambd, name="cost"
    )


@pytest.mark.points(2)
def test_course_case(student):
    """course test case: lambd = 0.1 (cost 1.7864859451590758)"""
    A3, Y, parameters = compute_cost_with_regularization_test_case()
    expect_cost(student, A3, Y, parameters, 0.1)


@pytest.mark.hidden
@pytest.mark.points(2)
def test_random_network(student, rng):
    """another network, other m and lambd"""
    net = cases.random_network(rng)
    lambd = float(rng.uniform(0.3, 2.0))
    expect_cost(student, cases.predictions(rng, net.m), net.Y, net.parameters, lambd)


@pytest.mark.hidden
def test_lambda_zero(student, rng):
    """lambd = 0: the plain cross-entropy"""
    net = cases.random_network(rng)
    expect_cost(student, cases.predictions(rng, net.m), net.Y, net.parameters, 0.0)


@pytest.mark.hidden
def test_one_example(student, rng):
    """a single example (m = 1)"""
    net = cases.random_network(rng, m=1)
    expect_cost(student, cases.predictions(rng, 1), net.Y, net.parameters, 0.7)


@pytest.mark.hidden
def test_biases_not_penalized(student, rng):
    """large biases do not change the penalty"""
    net = cases.random_network(rng)
    parameters = {k: v * 20 if k.startswith("b") else v for k, v in net.parameters.items()}
    A3 = cases.predictions(rng, net.m)
    expect_cost(student, A3, net.Y, parameters, 0.5)
