"""End to end: hand-written Optimization notebooks of both generations, the reference, the
committed template, every catalogued mistake and the `grade demo` example, graded in the
real sandbox."""

from __future__ import annotations

import pytest

from dlgrade.grader.assignments import get_assignment
from dlgrade.grader.checking import import_file, load_mistakes
from dlgrade.grader.notebooks import notebook_text, render_notebook, write_notebook
from tests.assignments.optimization import students
from tests.support.grading import hints_shown, lost
from tests.support.notebooks import code_cell_number, locates
from tests.support.notebooks import write_notebook as write_student_notebook

ASSIGNMENT = get_assignment("optimization")
MISTAKES = load_mistakes(ASSIGNMENT.directory / "mistakes.py")
HINTS = {mistake.name: mistake.hint for mistake in MISTAKES}
NEW_EXERCISES = [spec.name for spec in ASSIGNMENT.exercises_for("new")]
OLD_EXERCISES = [spec.name for spec in ASSIGNMENT.exercises_for("old")]


def points(name: str) -> float:
    return ASSIGNMENT.exercise(name).points


@pytest.mark.parametrize(
    ("style", "cells", "exercises"),
    [
        ("old", students.old_notebook(), OLD_EXERCISES),
        ("new", students.new_notebook(), NEW_EXERCISES),
    ],
    ids=["old generation", "new generation"],
)
def test_correct_notebook_scores_full_marks(grade, tmp_path, style, cells, exercises):
    result = grade(write_student_notebook(tmp_path / "Optimization.ipynb", cells, style=style))
    assert result.error is None
    assert result.notebook_version == style
    assert [e.name for e in result.exercises] == exercises
    assert result.score == result.max_score == sum(points(name) for name in exercises)
    assert all(test.status == "passed" for test in result.flat_tests())


@pytest.mark.parametrize(
    ("style", "replace", "exercise", "mistake"),
    [
        (
            "new",
            {"update_parameters_with_adam": students.ADAM_EPSILON_INSIDE},
            "update_parameters_with_adam",
            "adam_epsilon_inside_the_root",
        ),
        (
            "new",
            {"schedule_lr_decay": students.SCHEDULE_WITHOUT_FLOOR},
            "schedule_lr_decay",
            "schedule_without_floor",
        ),
        (
            "old",
            {"random_mini_batches": students.MINI_BATCHES_TAIL_FROM_K},
            "random_mini_batches",
            "mini_batches_tail_from_loop_variable",
        ),
        (
            "old",
            {"update_parameters_with_momentum": students.MOMENTUM_WITHOUT_ONE_MINUS_BETA},
            "update_parameters_with_momentum",
            "momentum_without_one_minus_beta",
        ),
    ],
    ids=[
        "Adam epsilon inside sqrt",
        "schedule without floor",
        "last batch from loop variable",
        "momentum without 1 - beta",
    ],
)
def test_one_mistake_loses_its_exercise_only_with_hint(
    grade, tmp_path, style, replace, exercise, mistake
):
    notebook = students.new_notebook(replace) if style == "new" else students.old_notebook(replace)
    result = grade(write_student_notebook(tmp_path / "student.ipynb", notebook, style=style))
    assert result.notebook_version == style
    assert list(lost(result)) == [exercise]
    assert HINTS[mistake] in hints_shown(result)


def test_unfinished_notebook_scores_finished_exercises_only(grade, tmp_path):
    unfinished = {
        "update_parameters_with_adam": students.ADAM_NEW.split("    for l in")[0]
        + "    return None\n",
        "schedule_lr_decay": students.SCHEDULE.replace(
            "(1 / (1 + decay_rate * np.floor(epoch_num / time_interval))) * learning_rate0", "None"
        ),
    }
    result = grade(
        write_student_notebook(tmp_path / "student.ipynb", students.new_notebook(unfinished))
    )
    assert lost(result) == {name: points(name) for name in unfinished}
    assert result.score == 100 - sum(points(name) for name in unfinished)
    assert all(e.status == "failed" for e in result.exercises if e.name in unfinished)


def test_syntax_error_loses_only_that_exercise_and_names_cell_and_line(grade, tmp_path):
    cells = students.new_notebook({"update_lr": students.UPDATE_LR_SYNTAX_ERROR})
    path = write_student_notebook(tmp_path / "student.ipynb", cells)
    result = grade(path)
    assert lost(result) == {"update_lr": points("update_lr")}
    cell = 1 + next(i for i, c in enumerate(cells) if "def update_lr" in str(c))
    assert any(locates(p, code_cell_number(cells, cell), 5) for p in result.problems), (
        result.problems
    )


def test_missing_function_is_reported_missing(grade, tmp_path):
    result = grade(
        write_student_notebook(
            tmp_path / "student.ipynb", students.new_notebook({"initialize_adam": None})
        )
    )
    exercise = next(e for e in result.exercises if e.name == "initialize_adam")
    assert exercise.status == "missing"
    assert "initialize_adam" in exercise.message
    assert lost(result) == {"initialize_adam": points("initialize_adam")}


@pytest.mark.parametrize("version", ["new", "old"])
def test_reference_scores_full_marks(grade, tmp_path, version):
    path = tmp_path / "reference.ipynb"
    write_notebook(render_notebook(ASSIGNMENT, version=version, style=version), path)
    result = grade(path)
    assert result.notebook_version == version
    assert result.score == result.max_score
    assert result.max_score == (100 if version == "new" else 75)


def test_demo_example_is_current_and_loses_exactly_its_three_mistakes(grade):
    make_example = import_file(ASSIGNMENT.directory / "make_example.py")
    assert make_example.EXAMPLE_PATH.read_text("utf-8") == notebook_text(
        make_example.example_notebook()
    )
    result = grade(make_example.EXAMPLE_PATH)
    # Expected losses from the checks' weights (points split by weight within an exercise):
    # - momentum without (1 - beta) is wrong in every case: all 15 points;
    # - epsilon inside the root only shows where epsilon is large: the course case with
    #   epsilon = 1e-2 (weight 2) and the epsilon = 0.5 case (weight 1), of 12;
    # - the missing floor shows at epoch 10 (2), between decay steps (2) and at epoch 2600
    #   with the default interval (1), but not at epoch 100, a multiple of the interval: 5 of 7.
    assert lost(result) == {
        "update_parameters_with_momentum": 15.0,
        "update_parameters_with_adam": round(25 * 3 / 12, 6),
        "schedule_lr_decay": round(15 * 5 / 7, 6),
    }
    assert hints_shown(result) == {
        HINTS["momentum_without_one_minus_beta"],
        HINTS["adam_epsilon_inside_the_root"],
        HINTS["schedule_without_floor"],
    }


def test_stored_course_mini_batch_case_equals_the_course_generation():
    import numpy as np

    from dlgrade.reference.cases_optimization import random_mini_batches_test_case

    cases = import_file(ASSIGNMENT.directory / "cases.py")
    X, Y, mini_batch_size = random_mini_batches_test_case()
    stored_X, stored_Y, stored_size = cases.course_mini_batch_case(16)
    np.testing.assert_array_equal(stored_X, X[:16])
    np.testing.assert_array_equal(stored_Y, Y)
    assert stored_size == mini_batch_size == 64
