"""Checks of update_lr (sample assignment)."""

from pathlib import Path

import pytest

from dlgrade.grader.checking import (
    expect_close,
    import_file,
    load_mistakes,
    mistake_outputs,
    reference_call,
)

SAMPLE = Path(__file__).resolve().parents[1]
solution = import_file(SAMPLE / "solution.py")
MISTAKES = load_mistakes(SAMPLE / "mistakes.py")

pytestmark = pytest.mark.exercise("update_lr")


@pytest.mark.parametrize("epoch_num", [2, 10], ids=["epoch 2", "epoch 10"])
def test_course_case(student, epoch_num):
    """course test case"""
    args = (0.5, epoch_num, 1)
    expect_close(
        student.call("update_lr", *args),
        reference_call(solution.update_lr, *args),
        name="learning rate",
        mistakes=mistake_outputs(MISTAKES, "update_lr", *args),
    )


@pytest.mark.hidden
@pytest.mark.points(2)
def test_random_rates(student, rng):
    """hidden: random rates"""
    for _ in range(3):
        args = (float(rng.uniform(0.01, 1)), int(rng.integers(0, 50)), float(rng.uniform(0, 2)))
        expect_close(student.call("update_lr", *args), reference_call(solution.update_lr, *args))
