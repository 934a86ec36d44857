"""Checks of update_parameters_with_adam: bias-corrected moments, W -= lr v^ / (sqrt(s^) + eps).

A new (2021) notebook returns (parameters, v, s, v_corrected, s_corrected); an old one
returns (parameters, v, s), and is graded on those three values. The course case has
t = 2, where correcting with beta ** 2 instead of beta ** t goes unnoticed: the hidden
cases use other t, a running (non-zero) v and s, and a large epsilon, which shows
whether epsilon sits inside or outside the square root.
"""

import pytest

from dlgrade.grader.checking.authoring import assignment_module
from dlgrade.reference.cases_optimization import (
    grads_with_backward_extras,
    update_parameters_with_adam_test_case,
)
from dlgrade.reference.optimizers import update_parameters_with_adam

cases = assignment_module(__file__, "cases.py")

EXERCISE = "update_parameters_with_adam"
pytestmark = pytest.mark.exercise(EXERCISE)
NEW_NAMES = "(parameters, v, s, v_corrected, s_corrected)"
OLD_NAMES = "(parameters, v, s)"


def first_three(value):
    """What an old notebook's Adam returns (and what it is graded on)."""
    return tuple(value[:3]) if isinstance(value, list | tuple) else value


def expect_step(student, version, parameters, grads, v, s, t, **hyperparameters):
    cases.expect_like_reference(
        student, EXERCISE, update_parameters_with_adam,
        parameters, grads, v, s, t, **hyperparameters,
        name=OLD_NAMES if version == "old" else NEW_NAMES,
        view=first_three if version == "old" else (lambda value: value),
    )  # fmt: skip


def running_state(rng, layer_sizes):
    """Parameters, grads and the non-zero moments of a run already under way."""
    parameters = cases.network(rng, layer_sizes)
    v = cases.like(rng, parameters)
    s = cases.like(rng, parameters, positive=True)
    return parameters, cases.like(rng, parameters), v, s


@pytest.mark.points(2)
def test_course_case(student, version):
    """course test case: t = 2, default hyperparameters"""
    expect_step(student, version, *update_parameters_with_adam_test_case(), 2)


@pytest.mark.points(2)
def test_course_case_large_epsilon(student, version):
    """course test case with learning_rate = 0.02, beta1 = 0.8, beta2 = 0.888, epsilon = 1e-2"""
    hyperparameters = dict(learning_rate=0.02, beta1=0.8, beta2=0.888, epsilon=1e-2)
    expect_step(student, version, *update_parameters_with_adam_test_case(), 2, **hyperparameters)


@pytest.mark.hidden
@pytest.mark.points(2)
@pytest.mark.parametrize("t", [1, 3, 10], ids=["t = 1", "t = 3", "t = 10"])
def test_running_moments(student, rng, version, t):
    """a run under way: non-zero v and s, other hyperparameters"""
    hyperparameters = dict(
        learning_rate=float(rng.uniform(0.005, 0.05)),
        beta1=float(rng.uniform(0.8, 0.95)),
        beta2=float(rng.uniform(0.9, 0.999)),
        epsilon=1e-8,
    )
    state = running_state(rng, cases.hidden_layer_sizes(rng, 2))
    expect_step(student, version, *state, t, **hyperparameters)


@pytest.mark.hidden
def test_large_epsilon_single_layer(student, rng, version):
    """a large epsilon (0.5), t = 5, a single layer"""
    state = running_state(rng, cases.hidden_layer_sizes(rng, 0))
    expect_step(student, version, *state, 5, learning_rate=0.1, epsilon=0.5)


@pytest.mark.hidden
def test_grads_with_the_backward_pass_extras(student, rng, version):
    """grads holding dZ{l} and dA{l-1} too, as the course's backward pass returns them"""
    parameters, grads, v, s = running_state(rng, cases.hidden_layer_sizes(rng, 2))
    grads = grads_with_backward_extras(grads, parameters, rng)
    expect_step(student, version, parameters, grads, v, s, 4)
