"""End to end: hand-written Regularization notebooks of both generations, the reference,
the committed template and every catalogued mistake, graded in the real sandbox."""

from __future__ import annotations

import pytest

from dlgrade.grader.assignments import get_assignment
from dlgrade.grader.checking import load_mistakes
from tests.assignments.regularization import students
from tests.support.grading import assert_only_lost, mistakes_shown, scores
from tests.support.notebooks import code_cell_number, locates
from tests.support.notebooks import write_notebook as write_student_notebook

ASSIGNMENT = get_assignment("regularization")
MISTAKES = load_mistakes(ASSIGNMENT.directory / "mistakes.py")
HINTS = {mistake.name: mistake.hint for mistake in MISTAKES}


@pytest.mark.parametrize("style", ["old", "new"], ids=["old generation", "new generation"])
def test_correct_notebook_scores_full_marks(grade, tmp_path, style):
    cells = students.notebook(style)
    result = grade(write_student_notebook(tmp_path / "Regularization.ipynb", cells, style=style))
    assert result.error is None
    assert result.notebook_version == style
    assert (result.score, result.max_score) == (pytest.approx(100.0), 100.0)
    assert all(test.status == "passed" for test in result.flat_tests())


@pytest.mark.parametrize(
    ("style", "exercise", "cell", "variant"),
    [
        (
            "new",
            "compute_cost_with_regularization",
            students.COST_WITHOUT_M,
            "cost_without_one_over_m",
        ),
        (
            "old",
            "forward_propagation_with_dropout",
            students.FORWARD_WITHOUT_RESCALE,
            "dropout_forward_without_rescale",
        ),
    ],
    ids=["L2 cost without 1/m", "dropout without / keep_prob"],
)
def test_one_mistake_loses_its_exercise_only_with_hint(
    grade, tmp_path, style, exercise, cell, variant
):
    cells = students.notebook(style, {exercise: cell})
    result = grade(write_student_notebook(tmp_path / "submission.ipynb", cells, style=style))
    assert_only_lost(result, exercise)
    assert mistakes_shown(result, exercise) == {HINTS[variant]}


def test_unfinished_exercise_scores_zero_others_full(grade, tmp_path):
    exercise = "backward_propagation_with_dropout"
    cells = students.notebook("new", {exercise: students.BACKWARD_DROPOUT_UNFINISHED})
    result = grade(write_student_notebook(tmp_path / "unfinished.ipynb", cells))
    assert scores(result)[exercise] == 0.0
    assert_only_lost(result, exercise)
    assert all(t.status == "failed" for t in result.flat_tests() if t.status != "passed")


def test_syntax_error_loses_only_that_cell_and_is_located(grade, tmp_path):
    exercise = "forward_propagation_with_dropout"
    cells = students.notebook("new", {exercise: students.FORWARD_DROPOUT_SYNTAX_ERROR})
    cell_number = 1 + cells.index(students.FORWARD_DROPOUT_SYNTAX_ERROR)
    lines = students.FORWARD_DROPOUT_SYNTAX_ERROR.splitlines()
    line_number = 1 + lines.index("    A2 = A2 * D2)")
    result = grade(write_student_notebook(tmp_path / "syntax.ipynb", cells))
    assert scores(result)[exercise] == 0.0
    assert_only_lost(result, exercise)
    assert any(
        locates(p, code_cell_number(cells, cell_number), line_number) for p in result.problems
    )


def test_misnamed_function_is_missing(grade, tmp_path):
    exercise = "compute_cost_with_regularization"
    cells = students.notebook("new", names={exercise: "compute_cost_with_regularisation"})
    result = grade(write_student_notebook(tmp_path / "missing.ipynb", cells))
    status = {e.name: e.status for e in result.exercises}
    assert status[exercise] == "missing"
    assert_only_lost(result, exercise)
