"""End to end: hand-written Gradient Checking notebooks of both generations, the reference,
the committed template and every catalogued mistake, graded in the real sandbox."""

from __future__ import annotations

import pytest

from dlgrade.grader.assignments import get_assignment
from dlgrade.grader.checking import load_mistakes
from tests.assignments.gradient_checking import students
from tests.support.grading import hints_shown, lost
from tests.support.notebooks import code_cell_number, locates
from tests.support.notebooks import write_notebook as write_student_notebook

ASSIGNMENT = get_assignment("gradient_checking")
MISTAKES = load_mistakes(ASSIGNMENT.directory / "mistakes.py")
HINTS = {mistake.name: mistake.hint for mistake in MISTAKES}


@pytest.mark.parametrize("style", ["old", "new"], ids=["old generation", "new generation"])
def test_correct_notebook_scores_full_marks(grade, tmp_path, style):
    path = write_student_notebook(tmp_path / "gc.ipynb", students.notebook(style), style=style)
    result = grade(path)
    assert result.error is None
    assert result.notebook_version == style
    assert (result.score, result.max_score) == (100.0, 100.0)


@pytest.mark.parametrize(
    ("style", "replace", "exercise", "mistake"),
    [
        ("new", {"gradient_check_n": students.CHECK_N_MINUS_FROM_PLUS}, "gradient_check_n",
         "check_n_minus_from_plus"),
        ("old", {"gradient_check": students.CHECK_WITHOUT_TWO_OLD}, "gradient_check",
         "check_without_the_two"),
    ],
    ids=["theta_minus from theta_plus", "two-sided difference without the 2"],
)  # fmt: skip
def test_one_mistake_loses_its_exercise_only_with_hint(
    grade, tmp_path, style, replace, exercise, mistake
):
    cells = students.notebook(style, replace)
    result = grade(write_student_notebook(tmp_path / "gc.ipynb", cells, style=style))
    assert list(lost(result)) == [exercise]
    assert HINTS[mistake] in hints_shown(result)


def test_unfinished_syntax_error_and_missing(grade, tmp_path):
    """gradient_check still None, a syntax error in backward_propagation, no forward."""
    replace = {
        "gradient_check": students.CHECK_NEW.replace("(J_plus - J_minus) / (2 * epsilon)", "None"),
        "backward_propagation": students.NEW["backward_propagation"].replace(
            "dtheta = x", "dtheta = (x"
        ),
        "forward_propagation": None,
    }
    cells = students.notebook("new", replace)
    result = grade(write_student_notebook(tmp_path / "gc.ipynb", cells))
    assert lost(result) == {"forward_propagation": 10, "backward_propagation": 10,
                            "gradient_check": 30}  # fmt: skip
    statuses = {e.name: e.status for e in result.exercises}
    assert statuses["forward_propagation"] == statuses["backward_propagation"] == "missing"
    cell = 1 + next(i for i, c in enumerate(cells) if "def backward_propagation" in str(c))
    assert any(locates(p, code_cell_number(cells, cell), 5) for p in result.problems), (
        result.problems
    )
