"""Checks of update_parameters_with_nesterov (look-ahead form): v first, then the step.

beta = 0 must reduce to gradient descent; networks of 1 to 4 layers; three steps in a row
with the student's own velocity fed back.
"""

import numpy as np
import pytest

from dlgrade.grader.checking.authoring import (
    assignment_module,
    expect_like_reference,
    mistakes_of,
)
from dlgrade.reference.cases_optimization import grads_with_backward_extras
from dlgrade.reference.optimizers import update_parameters_with_nesterov

MISTAKES = mistakes_of(__file__)
support = assignment_module(__file__, "support.py")

EXERCISE = "update_parameters_with_nesterov"
NAMES = ("parameters", "v")
pytestmark = pytest.mark.exercise(EXERCISE)


def check(student, *args):
    return expect_like_reference(
        student,
        EXERCISE,
        update_parameters_with_nesterov,
        *args,
        mistakes=MISTAKES,
        names=NAMES,
        name_crashes=True,
    )


@pytest.mark.points(2)
def test_example_case(student):
    """example case: 2 layers, beta = 0.9, learning_rate = 0.01"""
    parameters, grads, states = support.network(np.random.RandomState(3), [3, 2, 1])
    check(student, parameters, grads, states["v"], 0.9, 0.01)


@pytest.mark.hidden
@pytest.mark.points(2)
def test_random_network(student, rng):
    """hidden: random depth and hyperparameters"""
    dims = [int(n) for n in rng.integers(1, 5, size=int(rng.integers(2, 6)))]
    parameters, grads, states = support.network(rng, dims)
    check(student, parameters, grads, states["v"], float(rng.uniform(0.5, 0.99)), 0.1)


def test_beta_zero(student):
    """beta = 0 is plain gradient descent"""
    parameters, grads, states = support.network(np.random.RandomState(4), [2, 3, 1])
    check(student, parameters, grads, states["v"], 0.0, 0.1)


@pytest.mark.hidden
def test_three_steps(student, rng):
    """hidden: three steps from v = 0, the velocity fed back"""
    support.expect_three_steps(
        student, EXERCISE, update_parameters_with_nesterov, rng, 0.9, 0.05, names=NAMES
    )


@pytest.mark.hidden
def test_grads_with_the_backward_pass_extras(student, rng):
    """hidden: grads holding dZ{l} and dA{l-1} too, as a backward pass returns them"""
    parameters, grads, states = support.network(rng, [3, 4, 2, 1], ("v",))
    grads = grads_with_backward_extras(grads, parameters, rng)
    check(student, parameters, grads, states["v"], float(rng.uniform(0.5, 0.99)), 0.1)
