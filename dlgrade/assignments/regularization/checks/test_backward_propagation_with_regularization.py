"""Checks of backward_propagation_with_regularization: the plain backward pass with
lambd / m * W{l} added to each dW{l}. Extra keys in the returned dict are tolerated."""

import pytest

from dlgrade.grader.checking.authoring import assignment_module
from dlgrade.reference.cases_week1 import backward_propagation_with_regularization_test_case
from dlgrade.reference.regularization import backward_propagation_with_regularization

cases = assignment_module(__file__, "cases.py")

EXERCISE = "backward_propagation_with_regularization"
pytestmark = pytest.mark.exercise(EXERCISE)


def expect_gradients(student, X, Y, cache, lambd):
    cases.expect_student_matches(
        student,
        EXERCISE,
        backward_propagation_with_regularization,
        X,
        Y,
        cache,
        lambd,
        name="gradients",
        allow_extra_keys=True,
    )


@pytest.mark.points(2)
def test_course_case(student):
    """course test case: lambd = 0.7"""
    X, Y, cache = backward_propagation_with_regularization_test_case()
    expect_gradients(student, X, Y, cache, 0.7)


@pytest.mark.hidden
@pytest.mark.points(2)
def test_random_network(student, rng):
    """another network, other m and lambd"""
    net = cases.random_network(rng)
    lambd = float(rng.uniform(0.3, 2.0))
    expect_gradients(student, net.X, net.Y, cases.plain_cache(net), lambd)


@pytest.mark.hidden
def test_lambda_zero(student, rng):
    """lambd = 0: the plain backward pass"""
    net = cases.random_network(rng)
    expect_gradients(student, net.X, net.Y, cases.plain_cache(net), 0.0)


@pytest.mark.hidden
def test_one_example(student, rng):
    """a single example (m = 1)"""
    net = cases.random_network(rng, m=1)
    expect_gradients(student, net.X, net.Y, cases.plain_cache(net), 0.7)
