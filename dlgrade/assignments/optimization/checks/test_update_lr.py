"""Checks of update_lr: learning_rate0 / (1 + decay_rate * epoch_num) (new notebook only)."""

import pytest

from dlgrade.grader.checking.authoring import assignment_module
from dlgrade.reference.lr_decay import update_lr

cases = assignment_module(__file__, "cases.py")

EXERCISE = "update_lr"
pytestmark = pytest.mark.exercise(EXERCISE)


def expect_rate(student, *args):
    cases.expect_like_reference(student, EXERCISE, update_lr, *args, name="learning_rate")


@pytest.mark.points(2)
def test_course_case(student):
    """course test case: learning_rate0 = 0.5, epoch_num = 2, decay_rate = 1"""
    expect_rate(student, 0.5, 2, 1)


def test_first_epoch(student):
    """epoch 0 keeps the initial rate"""
    expect_rate(student, 0.3, 0, 0.7)


@pytest.mark.hidden
@pytest.mark.points(2)
def test_random_rates(student, rng):
    """other rates and decay rates, an early and a late epoch"""
    learning_rate0, decay_rate = float(rng.uniform(0.01, 1.0)), float(rng.uniform(0.05, 0.9))
    for epoch_num in (3, 40):
        expect_rate(student, learning_rate0, epoch_num, decay_rate)
