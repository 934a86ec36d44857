"""Checks of update_lr (tiny batch-test assignment)."""

from pathlib import Path

import pytest

from dlgrade.grader.checking import (
    expect_close,
    import_file,
    load_mistakes,
    mistake_outputs,
    reference_call,
)

ROOT = Path(__file__).resolve().parents[1]
solution = import_file(ROOT / "solution.py")
MISTAKES = load_mistakes(ROOT / "mistakes.py")

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
def test_random_rates(student, rng):
    """hidden: random rates"""
    args = (float(rng.uniform(0.01, 1)), int(rng.integers(1, 50)), float(rng.uniform(0.1, 2)))
    expect_close(student.call("update_lr", *args), reference_call(solution.update_lr, *args))
