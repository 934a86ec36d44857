"""Checks of exponential_lr_decay: base**epoch_num * learning_rate0, epochs from 0."""

import pytest

from dlgrade.grader.checking.authoring import expect_like_reference, mistakes_of
from dlgrade.reference.lr_decay import exponential_lr_decay

MISTAKES = mistakes_of(__file__)

EXERCISE = "exponential_lr_decay"
pytestmark = pytest.mark.exercise(EXERCISE)


def check(student, *args, **kwargs):
    return expect_like_reference(
        student,
        EXERCISE,
        exponential_lr_decay,
        *args,
        mistakes=MISTAKES,
        name="learning rate",
        **kwargs,
    )


@pytest.mark.points(2)
def test_example_case(student):
    """example case: learning_rate0 = 0.5, epoch 10, default base 0.95"""
    check(student, 0.5, 10)


def test_first_epoch(student):
    """epoch 0 gives learning_rate0"""
    check(student, 0.2, 0)


def test_other_base(student):
    """base = 0.5, epoch 3"""
    check(student, 0.8, 3, base=0.5)


@pytest.mark.hidden
@pytest.mark.points(2)
def test_random_schedule(student, rng):
    """hidden: random rate, epoch and base"""
    lr0, epoch, base = float(rng.uniform(0.01, 1)), int(rng.integers(1, 60)), rng.uniform(0.8, 1)
    check(student, lr0, epoch, base=float(base))
