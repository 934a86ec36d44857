"""Checks of schedule_lr_decay: lr0 / (1 + decay_rate * floor(epoch_num / time_interval)).

Edge cases where the mistakes hide: an epoch between two steps (no floor, or np.round),
an exact multiple of the interval, an epoch before the first step, and the default
time_interval of 1000.
"""

import pytest

from dlgrade.grader.checking import expect_close, mistake_outputs
from dlgrade.grader.checking.authoring import expect_like_reference, mistakes_of
from dlgrade.reference.lr_decay import schedule_lr_decay

MISTAKES = mistakes_of(__file__)

EXERCISE = "schedule_lr_decay"
pytestmark = pytest.mark.exercise(EXERCISE)
COURSE_VALUE = 0.38461538461538464  # the course's published value for (0.5, 100, 0.3, 100)


def check(student, *args):
    return expect_like_reference(
        student,
        EXERCISE,
        schedule_lr_decay,
        *args,
        mistakes=MISTAKES,
        name="learning rate",
    )


@pytest.mark.points(2)
def test_course_case(student):
    """course test case: learning_rate0 = 0.5, epoch 100, decay_rate = 0.3, interval 100"""
    expect_close(
        student.call(EXERCISE, 0.5, 100, 0.3, 100),
        COURSE_VALUE,
        name="learning rate",
        mistakes=mistake_outputs(MISTAKES, EXERCISE, 0.5, 100, 0.3, 100),
    )


@pytest.mark.parametrize(
    "args",
    [(0.5, 170, 0.3, 100), (0.5, 200, 0.3, 100), (0.5, 50, 0.3, 100)],
    ids=["epoch between two steps", "epoch an exact multiple", "epoch before the first step"],
)
def test_edges(student, args):
    """edge case"""
    check(student, *args)


def test_default_interval(student):
    """default time_interval (1000) at epoch 2500"""
    check(student, 0.1, 2500, 1.0)


@pytest.mark.hidden
@pytest.mark.points(2)
def test_random_schedule(student, rng):
    """hidden: random rate, epoch, decay and interval"""
    interval = int(rng.integers(10, 200))
    epoch = interval * int(rng.integers(1, 6)) + int(rng.integers(1, interval))
    check(student, float(rng.uniform(0.01, 1)), epoch, float(rng.uniform(0.1, 2)), interval)
