"""Checks of schedule_lr_decay: lr0 / (1 + decay_rate * floor(epoch_num / time_interval)).

Epochs between two decay steps are where a missing or misplaced floor shows; the
default time_interval (1000) must be kept. New notebook only.
"""

import pytest

from dlgrade.grader.checking.authoring import assignment_module
from dlgrade.reference.lr_decay import schedule_lr_decay

cases = assignment_module(__file__, "cases.py")

EXERCISE = "schedule_lr_decay"
pytestmark = pytest.mark.exercise(EXERCISE)


def expect_rate(student, *args):
    cases.expect_like_reference(student, EXERCISE, schedule_lr_decay, *args, name="learning_rate")


@pytest.mark.points(2)
@pytest.mark.parametrize("epoch_num", [10, 100], ids=["epoch 10", "epoch 100"])
def test_course_case(student, epoch_num):
    """course test case: learning_rate0 = 0.5, decay_rate = 0.3, time_interval = 100"""
    expect_rate(student, 0.5, epoch_num, 0.3, 100)


@pytest.mark.hidden
@pytest.mark.points(2)
def test_between_decay_steps(student, rng):
    """epochs between two decay steps (the rate is a staircase)"""
    time_interval = int(rng.integers(10, 50))
    learning_rate0, decay_rate = float(rng.uniform(0.1, 1.0)), float(rng.uniform(0.2, 0.9))
    for steps, fraction in ((1, 0.3), (3, 0.7)):
        epoch_num = int(steps * time_interval + fraction * time_interval)
        expect_rate(student, learning_rate0, epoch_num, decay_rate, time_interval)


@pytest.mark.hidden
def test_default_interval(student, rng):
    """the default time_interval of 1000 epochs"""
    expect_rate(student, float(rng.uniform(0.1, 1.0)), 2600, float(rng.uniform(0.2, 0.9)))
