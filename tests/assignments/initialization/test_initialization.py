"""End to end: hand-written Initialization notebooks of both generations, the reference,
the committed template and every catalogued mistake, graded in the real sandbox."""

from __future__ import annotations

import pytest

from dlgrade.grader.assignments import get_assignment
from dlgrade.grader.checking import load_mistakes
from tests.assignments.initialization import students
from tests.support.grading import assert_only_lost, mistakes_shown, scores
from tests.support.notebooks import code_cell_number, locates
from tests.support.notebooks import write_notebook as write_student_notebook

ASSIGNMENT = get_assignment("initialization")
MISTAKES = load_mistakes(ASSIGNMENT.directory / "mistakes.py")
HINTS = {mistake.name: mistake.hint for mistake in MISTAKES}


@pytest.mark.parametrize(
    ("style", "cells"),
    [("old", students.old_notebook()), ("new", students.new_notebook())],
    ids=["old generation", "new generation"],
)
def test_correct_notebook_scores_full_marks(grade, tmp_path, style, cells):
    result = grade(write_student_notebook(tmp_path / "Initialization.ipynb", cells, style=style))
    assert result.error is None
    assert result.notebook_version == style
    assert (result.score, result.max_score) == (100.0, 100.0)
    assert all(test.status == "passed" for test in result.flat_tests())


@pytest.mark.parametrize(
    ("style", "bodies", "exercise", "variant"),
    [
        (
            "new",
            {"initialize_parameters_he": students.HE_XAVIER},
            "initialize_parameters_he",
            "he_xavier_scale",
        ),
        (
            "old",
            {"initialize_parameters_random": students.RANDOM_WITHOUT_TEN},
            "initialize_parameters_random",
            "random_without_times_ten",
        ),
    ],
    ids=["He with sqrt(1/n)", "random without * 10"],
)
def test_one_mistake_loses_its_exercise_only_with_hint(
    grade, tmp_path, style, bodies, exercise, variant
):
    build = students.new_notebook if style == "new" else students.old_notebook
    path = write_student_notebook(tmp_path / "submission.ipynb", build(bodies), style=style)
    result = grade(path)
    assert_only_lost(result, exercise)
    assert mistakes_shown(result, exercise) == {HINTS[variant]}


def test_unfinished_exercise_scores_zero_others_full(grade, tmp_path):
    cells = students.new_notebook({"initialize_parameters_he": students.HE_UNFINISHED})
    result = grade(write_student_notebook(tmp_path / "unfinished.ipynb", cells))
    assert scores(result)["initialize_parameters_he"] == 0.0
    assert_only_lost(result, "initialize_parameters_he")
    assert all(t.status == "failed" for t in result.flat_tests() if t.status != "passed")


def test_syntax_error_loses_only_that_cell_and_is_located(grade, tmp_path):
    cells = students.new_notebook({"initialize_parameters_zeros": students.ZEROS_SYNTAX_ERROR})
    cell_number = 1 + next(i for i, c in enumerate(cells) if "def initialize_parameters_zeros" in c)
    broken = cells[cell_number - 1].splitlines()
    line_number = 1 + next(i for i, line in enumerate(broken) if 'parameters["W"' in line)
    result = grade(write_student_notebook(tmp_path / "syntax.ipynb", cells))
    assert scores(result)["initialize_parameters_zeros"] == 0.0
    assert_only_lost(result, "initialize_parameters_zeros")
    assert any(
        locates(p, code_cell_number(cells, cell_number), line_number) for p in result.problems
    )


def test_misnamed_function_is_missing(grade, tmp_path):
    cells = students.new_notebook(
        names={"initialize_parameters_random": "initialize_parameter_random"}
    )
    result = grade(write_student_notebook(tmp_path / "missing.ipynb", cells))
    status = {exercise.name: exercise.status for exercise in result.exercises}
    assert status["initialize_parameters_random"] == "missing"
    assert_only_lost(result, "initialize_parameters_random")
