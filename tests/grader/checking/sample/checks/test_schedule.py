"""Checks of schedule_lr_decay (sample assignment; the "new" version only)."""

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

pytestmark = pytest.mark.exercise("schedule_lr_decay")

CASES = [(0.5, 100, 1, 1000), (0.5, 2000, 1, 1000)]


@pytest.mark.parametrize("args", CASES, ids=["epoch 100", "epoch 2000"])
def test_schedule(student, args):
    expect_close(
        student.call("schedule_lr_decay", *args),
        reference_call(solution.schedule_lr_decay, *args),
        mistakes=mistake_outputs(MISTAKES, "schedule_lr_decay", *args),
    )
