"""Checks of batchnorm_running_averages: an EWA of the batch statistics, momentum on the past.

Cases: the default momentum, momentum 0 (the batch statistics themselves), a random
momentum, and three batches in a row where the student's own estimates are fed back,
as a training loop does.
"""

import numpy as np
import pytest

from dlgrade.grader.checking import (
    expect_close,
    reference_call,
)
from dlgrade.grader.checking.authoring import (
    assignment_module,
    expect_like_reference,
    expect_returns,
    mistakes_of,
    named,
)
from dlgrade.reference.batchnorm import batchnorm_running_averages

MISTAKES = mistakes_of(__file__)
support = assignment_module(__file__, "support.py")

EXERCISE = "batchnorm_running_averages"
NAMES = ("running_mean", "running_var")
pytestmark = pytest.mark.exercise(EXERCISE)


def check(student, *args, **kwargs):
    return expect_like_reference(
        student,
        EXERCISE,
        batchnorm_running_averages,
        *args,
        mistakes=MISTAKES,
        names=NAMES,
        **kwargs,
    )


def statistics(seed: int, n: int) -> tuple[np.ndarray, ...]:
    """(running_mean, running_var, mu, var), each (n, 1); variances positive."""
    rows = np.random.RandomState(seed).rand(4, n, 1)
    return rows[0] - 0.5, rows[1] + 0.5, 2 * rows[2] - 1, 2 * rows[3] + 0.1


@pytest.mark.points(2)
def test_example_case(student):
    """example case (default momentum 0.9)"""
    check(student, *statistics(21, 3))


def test_momentum_zero(student):
    """momentum = 0 keeps only the batch statistics"""
    check(student, *statistics(22, 2), momentum=0.0)


@pytest.mark.hidden
def test_random_momentum(student, rng):
    """hidden: random momentum"""
    n = int(rng.integers(2, 6))
    arrays = [rng.normal(size=(n, 1)), rng.uniform(0.1, 2, (n, 1))] * 2
    check(student, *arrays, momentum=float(rng.uniform(0.5, 0.99)))


@pytest.mark.hidden
@pytest.mark.points(2)
def test_three_batches(student, rng):
    """hidden: three mini-batches in a row, the estimates fed back"""
    n = int(rng.integers(2, 5))
    student_state = reference_state = (np.zeros((n, 1)), np.ones((n, 1)))
    for _ in range(3):
        mu, var = rng.normal(size=(n, 1)), rng.uniform(0.1, 2.0, (n, 1))
        student_state = student.call(EXERCISE, *student_state, mu, var, 0.8)
        reference_state = reference_call(batchnorm_running_averages, *reference_state, mu, var, 0.8)
        if not isinstance(student_state, (list, tuple)) or len(student_state) != 2:
            expect_returns(student_state, reference_state, NAMES)
    expect_close(
        named(student_state, NAMES),
        named(reference_state, NAMES),
        name="estimates after three batches",
    )
