"""Checks of update_parameters_with_rmsprop: squared-gradient EWA, epsilon after the root.

Networks of 1 to 4 layers (a hard-coded depth shows), a large epsilon (separates
sqrt(s) + eps from sqrt(s + eps), equal to 1e-8 at the default), and three steps in a
row with the student's own state fed back, as a training loop does.
"""

import numpy as np
import pytest

from dlgrade.grader.checking.authoring import (
    assignment_module,
    expect_like_reference,
    mistakes_of,
)
from dlgrade.reference.cases_optimization import grads_with_backward_extras
from dlgrade.reference.optimizers import update_parameters_with_rmsprop

MISTAKES = mistakes_of(__file__)
support = assignment_module(__file__, "support.py")

EXERCISE = "update_parameters_with_rmsprop"
NAMES = ("parameters", "s")
pytestmark = pytest.mark.exercise(EXERCISE)


def check(student, parameters, grads, s, *args, **kwargs):
    return expect_like_reference(
        student,
        EXERCISE,
        update_parameters_with_rmsprop,
        parameters,
        grads,
        s,
        *args,
        mistakes=MISTAKES,
        names=NAMES,
        name_crashes=True,
        **kwargs,
    )


@pytest.mark.points(2)
def test_example_case(student):
    """example case: 2 layers, beta2 = 0.999, learning_rate = 0.01"""
    parameters, grads, states = support.network(np.random.RandomState(1), [3, 2, 1], ("s",))
    check(student, parameters, grads, states["s"], 0.999, 0.01)


@pytest.mark.hidden
@pytest.mark.points(2)
def test_random_network(student, rng):
    """hidden: random depth and hyperparameters"""
    dims = [int(n) for n in rng.integers(1, 5, size=int(rng.integers(2, 6)))]
    parameters, grads, states = support.network(rng, dims, ("s",))
    check(student, parameters, grads, states["s"], float(rng.uniform(0.8, 0.999)), 0.05)


def test_large_epsilon(student):
    """epsilon = 0.1"""
    parameters, grads, states = support.network(np.random.RandomState(2), [2, 3, 1], ("s",))
    check(student, parameters, grads, states["s"], 0.9, 0.1, epsilon=0.1)


@pytest.mark.hidden
def test_three_steps(student, rng):
    """hidden: three steps from s = 0, the state fed back"""
    support.expect_three_steps(
        student, EXERCISE, update_parameters_with_rmsprop, rng, 0.9, 0.01, names=NAMES
    )


@pytest.mark.hidden
def test_grads_with_the_backward_pass_extras(student, rng):
    """hidden: grads holding dZ{l} and dA{l-1} too, as a backward pass returns them"""
    parameters, grads, states = support.network(rng, [3, 4, 2, 1], ("s",))
    grads = grads_with_backward_extras(grads, parameters, rng)
    check(student, parameters, grads, states["s"], float(rng.uniform(0.8, 0.999)), 0.05)
