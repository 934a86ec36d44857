"""Checking framework (trusted side): pytest plugin, student proxy, comparisons, runner.

A check module lives in `assignments/<slug>/checks/test_*.py`; it is an ordinary
pytest module written with `authoring` (see its docstring): it calls the student's code
through the `student` fixture and the trusted reference with identical inputs and seeds,
compares, and names a catalogued mistake::

    import pytest
    from dlgrade.grader.checking.authoring import expect_like_reference, mistakes_of
    from dlgrade.reference.lr_decay import update_lr

    pytestmark = pytest.mark.exercise("update_lr")
    MISTAKES = mistakes_of(__file__)

    @pytest.mark.parametrize("epoch", [0, 2, 100], ids=["first epoch", "epoch 2", "epoch 100"])
    def test_course_case(student, epoch):
        \"\"\"course test case\"\"\"
        expect_like_reference(student, "update_lr", update_lr, 0.5, epoch, 1,
                              mistakes=MISTAKES, name="learning rate")

    @pytest.mark.hidden
    @pytest.mark.points(2)
    def test_random_inputs(student, rng):
        \"\"\"hidden: random learning rate\"\"\"
        lr0 = float(rng.uniform(0.01, 1.0))
        expect_like_reference(student, "update_lr", update_lr, lr0, 7, 0.3, mistakes=MISTAKES)

Fixtures: `student`, `rng`, `version`. Markers: `exercise(name)`, `points(weight)`,
`hidden`. `runner.run_checks` runs the checks of many submissions in one session:
each check is one pytest item that the plugin calls once per submission (fan-out).
Decisions: a test's max score is points * weight / sum of its exercise's weights; a
skipped test does not count; a bare `assert` failure is a failed check with its message;
any other exception in a check is a grader error ("internal error in check ...").
"""

from dlgrade.grader.checking.compare import (
    Mismatch,
    expect_close,
    expect_equal,
    expect_true,
    find_difference,
    matching_mistake,
)
from dlgrade.grader.checking.mistakes import (
    Mistake,
    call_naming_crashes,
    collect_mistakes,
    import_file,
    load_mistakes,
    mistake,
    mistake_outputs,
)
from dlgrade.grader.checking.proxy import StudentFailure, StudentProxy, reference_call
from dlgrade.grader.checking.runner import SubmissionChecks, run_checks

__all__ = [
    "Mismatch",
    "Mistake",
    "StudentFailure",
    "StudentProxy",
    "SubmissionChecks",
    "call_naming_crashes",
    "collect_mistakes",
    "expect_close",
    "expect_equal",
    "expect_true",
    "find_difference",
    "import_file",
    "load_mistakes",
    "matching_mistake",
    "mistake",
    "mistake_outputs",
    "reference_call",
    "run_checks",
]
