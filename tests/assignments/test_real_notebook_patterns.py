"""Patterns seen in real notebooks (both generations) that must grade as the course would."""

from __future__ import annotations

import re

import nbformat
import pytest

from dlgrade.grader.assignments import get_assignment
from dlgrade.grader.grading import grade_submission
from dlgrade.grader.notebooks import render_notebook, write_notebook


def full_marks(path) -> bool:
    result = grade_submission(path=path)
    return result.error is None and result.score == result.max_score > 0


def test_a_new_notebook_with_the_old_code_markers_is_graded_as_new(tmp_path):
    """Students copy code across generations: old `### START CODE HERE` in a new notebook."""
    path = tmp_path / "Optimization_methods.ipynb"
    write_notebook(
        render_notebook(get_assignment("optimization"), version="new", style="old"), path
    )
    result = grade_submission(path=path)
    assert result.notebook_version == "new" and result.score == result.max_score == 100


@pytest.mark.parametrize("slug", ["regularization", "gradient_checking"])
def test_a_py_export_without_any_marker_or_comment(tmp_path, slug):
    notebook = render_notebook(get_assignment(slug))
    code = "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    stripped = "\n".join(line for line in code.splitlines() if not line.lstrip().startswith("#"))
    assert "# In[" not in stripped and "YOUR CODE" not in stripped
    path = tmp_path / f"{slug}.py"
    path.write_text(stripped)
    assert full_marks(path)


def test_a_definition_replaced_by_a_later_cell_is_graded_as_replaced(tmp_path):
    """The first (wrong) cell still shows its saved output; the later definition wins."""
    notebook = render_notebook(get_assignment("optimization"))
    wrong = "def update_lr(learning_rate0, epoch_num, decay_rate):\n    return 0.0\n"
    index = next(i for i, c in enumerate(notebook.cells) if "def update_lr(" in c.source)
    stale = nbformat.v4.new_code_cell(wrong, execution_count=7, outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="learning rate 0.0\n")])  # fmt: skip
    notebook.cells.insert(index, stale)
    path = tmp_path / "Optimization_methods.ipynb"
    write_notebook(notebook, path)
    assert full_marks(path)


@pytest.mark.parametrize("name", ["Regularization+-+v2.ipynb", "Regularization (1).ipynb",
                                  "Régularisation_v2 copy.ipynb"])  # fmt: skip
def test_file_names_from_downloads_are_graded(tmp_path, name):
    path = tmp_path / name
    write_notebook(render_notebook(get_assignment("regularization")), path)
    result = grade_submission(path=path)
    assert result.assignment == "regularization" and result.score == result.max_score
    assert re.search(re.escape(name), result.submission.path)
