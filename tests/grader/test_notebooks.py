"""Rendering notebooks from the reference, blanking solutions, and `grade release`."""

from __future__ import annotations

import json

import pytest

from dlgrade.grader.assignments import available_assignments, get_assignment
from dlgrade.grader.notebooks import (
    ReleaseError,
    blank_solution,
    notebook_text,
    render_notebook,
    to_old_markers,
)
from dlgrade.grader.release import check_templates

SOLVED = """def update(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        # YOUR CODE STARTS HERE
        parameters["W" + str(l)] = (
            parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        )
        parameters["b" + str(l)] -= learning_rate * grads["db" + str(l)]
        # YOUR CODE ENDS HERE
    return parameters
"""


def test_blanking_keeps_targets_and_replaces_every_right_hand_side_by_none():
    blanked = blank_solution(SOLVED)
    assert blanked.splitlines()[3:7] == [
        "        # YOUR CODE STARTS HERE",
        "        parameters['W' + str(l)] = None",
        "        parameters['b' + str(l)] = None",
        "        # YOUR CODE ENDS HERE",
    ]
    assert "learning_rate * grads" not in blanked
    assert "L = len(parameters) // 2" in blanked  # outside the markers: kept
    compile(blanked, "<template>", "exec")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("def f(x):\n    return x\n", "no '# YOUR CODE STARTS HERE'"),
        (
            "def f(x):\n    # YOUR CODE STARTS HERE\n    print(x)\n    # YOUR CODE ENDS HERE\n",
            "only assignments may stand between the markers",
        ),
    ],
    ids=["no markers", "statement that is not an assignment"],
)
def test_blanking_refuses_a_reference_it_cannot_turn_into_a_template(source, message):
    with pytest.raises(ReleaseError, match=message):
        blank_solution(source, name="f")


def test_old_markers_are_the_2017_notebooks_comments():
    old = to_old_markers(SOLVED)
    assert "### START CODE HERE ###" in old and "### END CODE HERE ###" in old
    assert "YOUR CODE" not in old


def test_rendering_is_reproducible_and_tagged_with_the_assignment():
    assignment = get_assignment("optimization")
    first = notebook_text(render_notebook(assignment, blank=True))
    assert first == notebook_text(render_notebook(assignment, blank=True))
    notebook = json.loads(first)
    assert notebook["metadata"]["dlgrade"] == {
        "assignment": "optimization",
        "notebook_version": "new",
    }
    graded = [c for c in notebook["cells"] if "# GRADED FUNCTION:" in "".join(c["source"])]
    assert len(graded) == len(assignment.exercises_for("new"))


def test_a_replaced_source_stands_in_for_the_reference():
    assignment = get_assignment("optimization")
    wrong = "def update_lr(learning_rate0, epoch_num, decay_rate):\n    return 42\n"
    text = notebook_text(render_notebook(assignment, sources={"update_lr": wrong}))
    assert "return 42" in text


def test_committed_templates_equal_the_ones_generated_from_the_reference():
    statuses = check_templates(list(available_assignments().values()))
    stale = [s.assignment for s in statuses if not s.up_to_date]
    assert not stale, f"run `grade release` to regenerate: {stale}"
