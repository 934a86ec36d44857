"""Checks of update_parameters_with_gd: W{l} -= lr * dW{l}, b{l} -= lr * db{l}, every layer."""

import pytest

from dlgrade.grader.checking.authoring import assignment_module
from dlgrade.reference.cases_optimization import (
    grads_with_backward_extras,
    update_parameters_with_gd_test_case,
)
from dlgrade.reference.optimizers import update_parameters_with_gd

cases = assignment_module(__file__, "cases.py")

EXERCISE = "update_parameters_with_gd"
pytestmark = pytest.mark.exercise(EXERCISE)


def expect_step(student, parameters, grads, learning_rate):
    cases.expect_like_reference(
        student, EXERCISE, update_parameters_with_gd, parameters, grads, learning_rate,
        name="parameters",
    )  # fmt: skip


@pytest.mark.points(2)
def test_course_case(student):
    """course test case: 2 layers, learning_rate = 0.01"""
    expect_step(student, *update_parameters_with_gd_test_case())


@pytest.mark.hidden
@pytest.mark.points(2)
def test_deeper_network(student, rng):
    """a 4-layer network, another learning rate"""
    parameters = cases.network(rng, cases.hidden_layer_sizes(rng, 3))
    expect_step(student, parameters, cases.like(rng, parameters), float(rng.uniform(0.05, 0.5)))


@pytest.mark.hidden
def test_single_layer(student, rng):
    """a single layer (L = 1)"""
    parameters = cases.network(rng, cases.hidden_layer_sizes(rng, 0))
    expect_step(student, parameters, cases.like(rng, parameters), float(rng.uniform(0.05, 0.5)))


@pytest.mark.hidden
def test_grads_with_the_backward_pass_extras(student, rng):
    """grads holding dZ{l} and dA{l-1} too, as the course's backward pass returns them"""
    parameters = cases.network(rng, cases.hidden_layer_sizes(rng, 2))
    grads = grads_with_backward_extras(cases.like(rng, parameters), parameters, rng)
    expect_step(student, parameters, grads, float(rng.uniform(0.05, 0.5)))
