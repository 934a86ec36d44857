"""End to end: hand-written tuning notebooks in both generations' forms, the
reference, the committed template and every catalogued mistake, graded in the real sandbox.

The assignment has one version ("new"): a notebook written in the old generation's style
(### START CODE HERE ###, printed checks) is graded on the same exercise set.
"""

from __future__ import annotations

import pytest

from dlgrade.grader.assignments import get_assignment
from dlgrade.grader.checking import load_mistakes
from tests.assignments.tuning import students
from tests.support.grading import assert_only_lost, mistakes_shown, scores
from tests.support.notebooks import code_cell_number, locates
from tests.support.notebooks import write_notebook as write_student_notebook

ASSIGNMENT = get_assignment("tuning")
MISTAKES = load_mistakes(ASSIGNMENT.directory / "mistakes.py")
HINTS = {mistake.name: mistake.hint for mistake in MISTAKES}


def test_points_sum_to_100():
    assert sum(spec.points for spec in ASSIGNMENT.exercises) == 100


@pytest.mark.parametrize("style", ["old", "new"], ids=["old-style notebook", "new-style notebook"])
def test_correct_notebook_scores_full_marks(grade, tmp_path, style):
    path = write_student_notebook(tmp_path / "Tuning.ipynb", students.notebook(style), style=style)
    result = grade(path)
    assert (result.error, result.problems) == (None, ())
    assert (result.score, result.max_score) == (100.0, 100.0)
    assert {test.status for test in result.flat_tests()} == {"passed"}


@pytest.mark.parametrize(
    ("style", "bodies", "exercise", "variant"),
    [
        (
            "old",
            {"schedule_lr_decay": students.SCHEDULE_WITHOUT_FLOOR},
            "schedule_lr_decay",
            "schedule_without_floor",
        ),
        (
            "new",
            {"exponentially_weighted_average": students.EWA_CORRECTION_WITHOUT_POWER},
            "exponentially_weighted_average",
            "ewa_correction_without_power",
        ),
        (
            "new",
            {"sample_learning_rate": students.LEARNING_RATE_UNIFORM},
            "sample_learning_rate",
            "learning_rate_uniform",
        ),
    ],
    ids=["staircase without floor", "bias correction with beta", "uniform learning rates"],
)
def test_one_mistake_loses_its_exercise_only_with_hint(
    grade, tmp_path, style, bodies, exercise, variant
):
    cells = students.notebook(style, bodies)
    result = grade(write_student_notebook(tmp_path / "submission.ipynb", cells, style=style))
    assert_only_lost(result, exercise)
    assert mistakes_shown(result, exercise) == {HINTS[variant]}


def test_unfinished_exercise_scores_zero_others_full(grade, tmp_path):
    cells = students.notebook(
        "new", {"update_parameters_with_nesterov": students.NESTEROV_UNFINISHED}
    )
    result = grade(write_student_notebook(tmp_path / "unfinished.ipynb", cells))
    assert scores(result)["update_parameters_with_nesterov"] == 0.0
    assert_only_lost(result, "update_parameters_with_nesterov")
    failed = [t for t in result.flat_tests() if t.status != "passed"]
    assert failed and all(t.status == "failed" and "None" in t.message for t in failed)


def test_syntax_error_loses_only_that_cell_and_is_located(grade, tmp_path):
    cells = students.notebook("old", {"l1_penalty": students.L1_SYNTAX_ERROR})
    cell_number = 1 + next(
        i for i, c in enumerate(cells) if isinstance(c, str) and "def l1_penalty" in c
    )
    lines = cells[cell_number - 1].splitlines()
    line_number = 1 + next(i for i, line in enumerate(lines) if "range(L)" in line)
    result = grade(write_student_notebook(tmp_path / "syntax.ipynb", cells, style="old"))
    assert scores(result)["l1_penalty"] == 0.0
    assert_only_lost(result, "l1_penalty")
    assert any(
        locates(p, code_cell_number(cells, cell_number), line_number) for p in result.problems
    )


def test_misnamed_function_is_missing(grade, tmp_path):
    cells = students.notebook("new", names={"sample_beta": "sample_betas"})
    result = grade(write_student_notebook(tmp_path / "missing.ipynb", cells))
    status = {exercise.name: exercise.status for exercise in result.exercises}
    assert status["sample_beta"] == "missing"
    assert_only_lost(result, "sample_beta")
