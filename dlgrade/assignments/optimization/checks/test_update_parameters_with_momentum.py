"""Checks of update_parameters_with_momentum: v = beta v + (1 - beta) g, then W -= lr v.

The course case starts from zero velocity; the hidden ones start from a non-zero one,
where updating with the previous velocity or swapping beta and (1 - beta) shows.
"""

import pytest

from dlgrade.grader.checking.authoring import assignment_module
from dlgrade.reference.cases_optimization import (
    grads_with_backward_extras,
    update_parameters_with_momentum_test_case,
)
from dlgrade.reference.optimizers import update_parameters_with_momentum

cases = assignment_module(__file__, "cases.py")

EXERCISE = "update_parameters_with_momentum"
pytestmark = pytest.mark.exercise(EXERCISE)


def expect_step(student, parameters, grads, v, beta, learning_rate):
    cases.expect_like_reference(
        student, EXERCISE, update_parameters_with_momentum,
        parameters, grads, v, beta, learning_rate, name="(parameters, v)",
    )  # fmt: skip


def random_step(rng, layer_sizes):
    parameters = cases.network(rng, layer_sizes)
    beta, learning_rate = float(rng.uniform(0.6, 0.95)), float(rng.uniform(0.05, 0.5))
    return parameters, cases.like(rng, parameters), cases.like(rng, parameters), beta, learning_rate


@pytest.mark.points(2)
def test_course_case(student):
    """course test case: zero velocity, beta = 0.9, learning_rate = 0.01"""
    parameters, grads, v = update_parameters_with_momentum_test_case()
    expect_step(student, parameters, grads, v, 0.9, 0.01)


@pytest.mark.hidden
@pytest.mark.points(2)
def test_running_velocity(student, rng):
    """a non-zero velocity from earlier steps, other beta and learning rate"""
    expect_step(student, *random_step(rng, cases.hidden_layer_sizes(rng, 2)))


@pytest.mark.hidden
def test_single_layer(student, rng):
    """a single layer (L = 1)"""
    expect_step(student, *random_step(rng, cases.hidden_layer_sizes(rng, 0)))


@pytest.mark.hidden
def test_grads_with_the_backward_pass_extras(student, rng):
    """grads holding dZ{l} and dA{l-1} too, as the course's backward pass returns them"""
    parameters, grads, v, beta, learning_rate = random_step(rng, cases.hidden_layer_sizes(rng, 2))
    grads = grads_with_backward_extras(grads, parameters, rng)
    expect_step(student, parameters, grads, v, beta, learning_rate)
