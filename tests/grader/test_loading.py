"""Loading submissions: notebooks of both generations, .py exports, folders, broken files."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

import dlgrade.grader.loading as loading
from dlgrade.grader.errors import SubmissionError
from dlgrade.grader.loading import load_submission

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "extraction"


def test_old_generation_notebook_keeps_every_cell_in_order() -> None:
    path = FIXTURES / "old_generation.ipynb"
    submission = load_submission(path)
    assert submission.format == "ipynb"
    assert submission.path == path
    assert submission.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    kinds = [cell.cell_type for cell in submission.cells]
    assert kinds == ["markdown", "code", "markdown", "code", "code", "markdown"] + ["code"] * 6
    assert [cell.index for cell in submission.cells] == list(range(1, 13))
    graded = submission.cells[3].source
    assert graded.startswith("# GRADED FUNCTION: update_parameters_with_gd\n\ndef ")
    assert graded.endswith("    return parameters")


def test_new_generation_notebook_keeps_coursera_and_nbgrader_metadata() -> None:
    submission = load_submission(FIXTURES / "new_generation.ipynb")
    assert submission.metadata["coursera"]["graded_item_id"] == "XRpbd"
    graded = submission.cells[4]
    assert graded.metadata == {
        "nbgrader": {"grade_id": "initialize_parameters_zeros", "solution": True}
    }
    assert [c.cell_type for c in submission.cells if c.cell_type != "code"] == [
        "markdown",
        "markdown",
        "raw",
        "markdown",
    ]


def _minimal_cell(source: object, **extra: object) -> dict:
    return {"cell_type": "code", "source": source, **extra}


@pytest.mark.parametrize("minor", [0, 1, 2, 4, 5])
@pytest.mark.parametrize(
    "cell",
    [
        _minimal_cell("import numpy as np\nEPSILON = 1e-8"),
        _minimal_cell(["import numpy as np\n", "EPSILON = 1e-8"]),
        _minimal_cell(["import numpy as np\r\n", "EPSILON = 1e-8"], metadata=None),
        _minimal_cell("import numpy as np\nEPSILON = 1e-8", id="abc", outputs=[], metadata={}),
    ],
    ids=["string-no-ids-outputs-metadata", "list", "crlf-null-metadata", "complete"],
)
def test_tolerates_any_nbformat4_minor_and_missing_optional_fields(
    tmp_path: Path, minor: int, cell: dict
) -> None:
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"cells": [cell], "nbformat": 4, "nbformat_minor": minor}))
    (loaded,) = load_submission(path).cells
    assert (loaded.index, loaded.cell_type) == (1, "code")
    assert loaded.source == "import numpy as np\nEPSILON = 1e-8"


def _write(name: str, content: bytes):
    def make(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_bytes(content)
        return path

    return make


def _fixture(name: str):
    return lambda tmp_path: FIXTURES / name


def _folder(*names: str):
    def make(tmp_path: Path) -> Path:
        for name in names:
            (tmp_path / name).write_text("import numpy as np\n")
        return tmp_path

    return make


def _notebook_json(document: object, name: str = "nb.ipynb"):
    return _write(name, json.dumps(document).encode())


@pytest.mark.parametrize(
    ("make_path", "named", "fragments"),
    [
        (lambda tmp: tmp / "missing.ipynb", "missing.ipynb", ["not found", "Check the path"]),
        (_fixture("corrupt.ipynb"), "corrupt.ipynb", ["not valid JSON", "line 4", "Jupyter"]),
        (_fixture("truncated.ipynb"), "truncated.ipynb", ["not valid JSON", "truncated"]),
        (_fixture("empty.ipynb"), "empty.ipynb", ["is empty", "Save"]),
        (_write("blank.ipynb", b"  \n\n"), "blank.ipynb", ["is empty"]),
        (_fixture("not_a_notebook.ipynb"), "not_a_notebook.ipynb", ["not a Jupyter notebook"]),
        (_notebook_json([1, 2]), "nb.ipynb", ["not a Jupyter notebook"]),
        (
            _fixture("nbformat3.ipynb"),
            "nbformat3.ipynb",
            ["nbformat 3", "open it in Jupyter and save it again to convert it to nbformat 4"],
        ),
        (_notebook_json({"cells": [], "nbformat": 5}), "nb.ipynb", ["nbformat 5"]),
        (_notebook_json({"nbformat": 4}), "nb.ipynb", ["no 'cells' list"]),
        (
            _notebook_json({"cells": [{"cell_type": "python", "source": ""}], "nbformat": 4}),
            "nb.ipynb",
            ["cell 1", "cell_type 'python'"],
        ),
        (
            _notebook_json({"cells": [{"cell_type": "code", "source": 3}], "nbformat": 4}),
            "nb.ipynb",
            ["cell 1", "'source'"],
        ),
        (
            _notebook_json({"cells": [], "nbformat": 4, "metadata": []}),
            "nb.ipynb",
            ["metadata", "not a JSON object"],
        ),
        (_write("shot.ipynb", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "shot.ipynb", ["binary"]),
        (_write("latin.py", "x = 'é'\n".encode("latin-1")), "latin.py", ["binary", "byte 5"]),
        (_write("answers.docx", b"print(1)\n"), "answers.docx", ["unsupported file type"]),
        (_folder(), "", ["no notebook (.ipynb) and no module (.py)", "found: nothing"]),
        (_folder("notes.txt"), "", ["found: notes.txt"]),
        (_folder("a.py", "b.py"), "", ["2 modules (.py): a.py, b.py"]),
        (
            _fixture("two_notebooks"),
            "two_notebooks",
            ["2 notebooks", "Optimization_methods.ipynb, Optimization_methods_v2.ipynb"],
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_unreadable_submission_is_a_clear_error_naming_the_file(
    tmp_path: Path, make_path, named: str, fragments: list[str]
) -> None:
    path = make_path(tmp_path)
    with pytest.raises(SubmissionError) as raised:
        load_submission(path)
    message = str(raised.value)
    assert str(path) in message and named in message
    for fragment in fragments:
        assert fragment in message


def test_nbconvert_export_is_split_at_in_markers_with_file_lines() -> None:
    path = FIXTURES / "exported.py"
    file_lines = path.read_text().split("\n")
    submission = load_submission(path)
    assert submission.format == "py"
    # Hand-counted: the lines right after "# In[1]:", "# In[2]:", "# In[3]:", "# In[ ]:".
    assert [cell.first_line for cell in submission.cells] == [9, 23, 38, 46]
    assert [cell.index for cell in submission.cells] == [1, 2, 3, 4]
    for cell in submission.cells:
        cell_lines = cell.source.split("\n")
        start = cell.first_line - 1
        assert file_lines[start : start + len(cell_lines)] == cell_lines
        assert not any(line.startswith("# In[") for line in cell_lines)
    graded_cell = submission.cells[1].source.split("\n")
    assert graded_cell[2] == "# GRADED FUNCTION: update_parameters_with_gd"


def test_module_without_markers_is_one_code_cell() -> None:
    path = FIXTURES / "plain_module.py"
    (cell,) = load_submission(path).cells
    assert (cell.index, cell.cell_type, cell.first_line) == (1, "code", 1)
    assert cell.source == path.read_text()


def test_percent_markers_split_cells_and_code_before_the_first_marker_is_a_cell(
    tmp_path: Path,
) -> None:
    path = tmp_path / "solution.py"
    path.write_text("import numpy as np\n# %%\nEPS = 1e-8\n# %% [markdown]\n# notes\n")
    cells = load_submission(path).cells
    assert [(c.first_line, c.source) for c in cells] == [
        (1, "import numpy as np"),
        (3, "EPS = 1e-8"),
        (5, "# notes\n"),
    ]


def test_bom_and_crlf_are_normalized_but_hashed_as_raw_bytes(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbfimport numpy as np\r\nEPS = 1e-8\r\n"
    path = tmp_path / "solution.py"
    path.write_bytes(raw)
    submission = load_submission(str(path))
    assert submission.cells[0].source == "import numpy as np\nEPS = 1e-8\n"
    assert submission.sha256 == hashlib.sha256(raw).hexdigest()


def test_folder_with_one_notebook_ignores_checkpoints_hidden_files_and_helpers() -> None:
    submission = load_submission(FIXTURES / "one_notebook")
    assert submission.path == FIXTURES / "one_notebook" / "submission.ipynb"
    assert submission.cells[0].source == "import numpy as np"


@pytest.mark.parametrize(
    ("names", "chosen"),
    [(["solution.py"], "solution.py"), (["a.py", "b.py", "nb.ipynb"], "nb.ipynb")],
)
def test_folder_prefers_the_single_notebook_then_the_single_module(
    tmp_path: Path, names: list[str], chosen: str
) -> None:
    for name in names:
        text = json.dumps({"cells": [], "nbformat": 4}) if name.endswith(".ipynb") else "x = 1"
        (tmp_path / name).write_text(text)
    assert load_submission(tmp_path).path == tmp_path / chosen


def test_loading_does_not_import_nbformat() -> None:
    """The latency budget of `grade submit` cannot afford nbformat's import (~0.2 s)."""
    code = (
        "import sys, dlgrade.grader.loading, dlgrade.grader.extraction; "
        "print('nbformat' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_an_oversized_submission_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    path = tmp_path / "huge.ipynb"
    path.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    monkeypatch.setattr(loading, "MAX_SUBMISSION_BYTES", 16)
    with pytest.raises(SubmissionError, match="Clear its outputs"):
        load_submission(path)


def test_a_symlinked_notebook_in_a_submitted_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.py"
    secret.write_text("SECRET = 'root:x:0:0'\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "notebook.py").symlink_to(secret)
    with pytest.raises(SubmissionError, match="symbolic link") as raised:
        load_submission(tmp_path / "sub")
    assert "root:x" not in str(raised.value)


@pytest.mark.parametrize(
    ("line", "is_marker"),
    [
        ("# In[12]:", True),
        ("# In[ ]:   ", True),
        ("# %% cell title", True),
        ("# In[1]" + " " * 60_000 + "x", False),  # backtracked quadratically (20 s)
        ("# In[1]: x = 1", False),
    ],
    ids=["nbconvert", "trailing-space", "percent", "long-spaces-then-text", "code-after"],
)
def test_cell_markers_in_py_exports(line, is_marker):
    cells = loading.split_module(f"{line}\ndef f():\n    return 1\n")
    assert (cells[0].source.startswith("def f")) is is_marker


@pytest.mark.parametrize(
    "metadata",
    ["[" * 50_000 + "]" * 50_000, "9" * 5_000],
    ids=["nested-50000-deep", "5000-digit-number"],
)
def test_a_notebook_python_cannot_parse_is_a_submission_error(tmp_path, metadata):
    path = tmp_path / "hostile.ipynb"
    path.write_text('{"nbformat": 4, "nbformat_minor": 5, "cells": [], "metadata": {"x": '
                    + metadata + "}}")  # fmt: skip
    with pytest.raises(SubmissionError, match="cannot be read"):
        load_submission(path)


@pytest.mark.parametrize("target", ["/dev/zero", "fifo"], ids=["link-to-dev-zero", "named-pipe"])
def test_a_submission_that_is_not_a_regular_file_is_refused_before_reading(tmp_path, target):
    import os

    path = tmp_path / "notebook.ipynb"
    if target == "fifo":
        os.mkfifo(path)  # reading it would block for ever
    else:
        path.symlink_to(target)  # reading it would never end
    with pytest.raises(SubmissionError, match="not a regular file"):
        load_submission(path)
