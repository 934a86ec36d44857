"""End to end: hand-written batchnorm_softmax notebooks in both generations' forms, the
reference, the committed template and every catalogued mistake, graded in the real sandbox.

The assignment has one version ("new"): a notebook written in the old generation's style
(### START CODE HERE ###, printed checks) is graded on the same exercise set.
"""

from __future__ import annotations

import pytest

from dlgrade.grader.assignments import get_assignment
from dlgrade.grader.checking import load_mistakes
from tests.assignments.batchnorm_softmax import students
from tests.support.grading import assert_only_lost, mistakes_shown, scores
from tests.support.notebooks import code_cell_number, locates
from tests.support.notebooks import write_notebook as write_student_notebook

ASSIGNMENT = get_assignment("batchnorm_softmax")
MISTAKES = load_mistakes(ASSIGNMENT.directory / "mistakes.py")
HINTS = {mistake.name: mistake.hint for mistake in MISTAKES}


def test_points_sum_to_100():
    assert sum(spec.points for spec in ASSIGNMENT.exercises) == 100


@pytest.mark.parametrize("style", ["old", "new"], ids=["old-style notebook", "new-style notebook"])
def test_correct_notebook_scores_full_marks(grade, tmp_path, style):
    path = write_student_notebook(
        tmp_path / "BatchNorm.ipynb", students.notebook(style), style=style
    )
    result = grade(path)
    assert (result.error, result.problems) == (None, ())
    assert (result.score, result.max_score) == (100.0, 100.0)
    assert {test.status for test in result.flat_tests()} == {"passed"}


@pytest.mark.parametrize(
    ("style", "bodies", "exercise", "variant"),
    [
        ("new", {"softmax": students.SOFTMAX_WITHOUT_SHIFT}, "softmax", "softmax_without_shift"),
        (
            "old",
            {"batchnorm_forward": students.FORWARD_UNBIASED_VARIANCE},
            "batchnorm_forward",
            "forward_unbiased_variance",
        ),
    ],
    ids=["softmax without the max shift", "unbiased variance"],
)
def test_one_mistake_loses_its_exercise_only_with_hint(
    grade, tmp_path, style, bodies, exercise, variant
):
    cells = students.notebook(style, bodies)
    result = grade(write_student_notebook(tmp_path / "submission.ipynb", cells, style=style))
    assert_only_lost(result, exercise)
    assert mistakes_shown(result, exercise) == {HINTS[variant]}


def test_unfinished_exercise_scores_zero_others_full(grade, tmp_path):
    cells = students.notebook("new", {"batchnorm_inference": students.INFERENCE_UNFINISHED})
    result = grade(write_student_notebook(tmp_path / "unfinished.ipynb", cells))
    assert scores(result)["batchnorm_inference"] == 0.0
    assert_only_lost(result, "batchnorm_inference")
    failed = [t for t in result.flat_tests() if t.status != "passed"]
    assert failed and all("Z_tilde is None" in t.message for t in failed)


def test_syntax_error_loses_only_that_cell_and_is_located(grade, tmp_path):
    cells = students.notebook("new", {"one_hot": students.ONE_HOT_SYNTAX_ERROR})
    cell_number = 1 + next(
        i for i, c in enumerate(cells) if isinstance(c, str) and "def one_hot" in c
    )
    lines = cells[cell_number - 1].splitlines()
    line_number = 1 + next(i for i, line in enumerate(lines) if ".T)" in line)
    result = grade(write_student_notebook(tmp_path / "syntax.ipynb", cells))
    assert scores(result)["one_hot"] == 0.0
    assert_only_lost(result, "one_hot")
    assert any(
        locates(p, code_cell_number(cells, cell_number), line_number) for p in result.problems
    )


def test_misnamed_function_is_missing(grade, tmp_path):
    cells = students.notebook("new", names={"softmax_backward": "softmax_backwards"})
    result = grade(write_student_notebook(tmp_path / "missing.ipynb", cells))
    status = {exercise.name: exercise.status for exercise in result.exercises}
    assert status["softmax_backward"] == "missing"
    assert_only_lost(result, "softmax_backward")
