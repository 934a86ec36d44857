"""check()'s pieces that need no kernel: the history notebook, narrowing, the text report."""

from __future__ import annotations

import json
import sys

import pytest

from dlgrade.grader.extraction import extract_code
from dlgrade.grader.kit.notebook import (
    CheckError,
    check,
    history_notebook,
    kernel_history,
    only_exercise,
    report_text,
)
from dlgrade.grader.loading import load_submission

REPORT = {
    "score": 4.0,
    "max_score": 6.0,
    "ungraded_points": 9.0,
    "problems": ["cell 3, line 1: invalid syntax"],
    "exercises": [
        {"name": "update_lr", "score": 4.0, "max_score": 4.0, "status": "passed",
         "ungraded_points": 6.0, "message": "", "tests": []},
        {"name": "schedule_lr_decay", "score": 0.0, "max_score": 2.0, "status": "failed",
         "ungraded_points": 3.0, "message": "", "tests": [
             {"name": "course test case", "status": "failed", "message": "differs\nmore",
              "mistake": "use np.floor"}]},
    ],
}  # fmt: skip


def test_the_history_notebook_keeps_every_cell_in_order_and_later_definitions_win(tmp_path):
    cells = ["import numpy as np", "def f():\n    return 1", "from dlgrade.kit import check",
             "def f():\n    return 2", "check()"]  # fmt: skip
    path = tmp_path / "history.ipynb"
    path.write_text(history_notebook(cells), encoding="utf-8")
    code = extract_code(load_submission(path))
    assert [chunk.source.strip() for chunk in code.chunks] == [
        "import numpy as np", "def f():\n    return 1", "def f():\n    return 2"
    ]  # fmt: skip
    assert not code.problems
    assert json.loads(path.read_text())["nbformat"] == 4


def test_one_exercise_takes_its_points():
    narrowed = only_exercise(REPORT, "schedule_lr_decay")
    assert (narrowed["score"], narrowed["max_score"], narrowed["ungraded_points"]) == (0, 2, 3)
    assert [e["name"] for e in narrowed["exercises"]] == ["schedule_lr_decay"]


def test_an_exercise_that_is_not_graded_names_those_that_are():
    with pytest.raises(CheckError, match="graded: update_lr, schedule_lr_decay"):
        only_exercise(REPORT, "update_parameters")


def test_the_text_report_says_what_failed_the_hint_and_the_hidden_points():
    text = report_text(REPORT)
    assert text.splitlines()[0] == "Visible cases: 4 / 6 points"
    assert "course test case: differs Likely mistake: use np.floor" in text
    assert "9 more points come from hidden cases" in text
    assert "Problem: cell 3, line 1: invalid syntax" in text


def test_outside_a_kernel_check_says_how_to_grade_a_saved_notebook(capsys):
    with pytest.raises(CheckError, match=r"check\(notebook="):
        kernel_history()
    assert check() is None  # shown: a message, not a traceback
    assert "check(notebook='path/to/your_notebook.ipynb')" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("returncode", "stdout", "stderr", "said"),
    [
        (2, "", "Error: Submission not found: 'x.ipynb'", "Submission not found"),
        (0, "not json", "", "could not be read"),
        (1, "", "", r"grading failed \(1\)"),
    ],
    ids=["usage error", "unreadable output", "silent failure"],
)
def test_a_failed_grading_process_is_a_message(monkeypatch, tmp_path, returncode, stdout,
                                               stderr, said):  # fmt: skip
    import subprocess

    from dlgrade.grader.kit import notebook

    def finished(command, **kwargs):
        return subprocess.CompletedProcess(command, returncode, stdout, stderr)

    monkeypatch.setattr(notebook.subprocess, "run", finished)
    with pytest.raises(CheckError, match=said):
        notebook.grade_in_subprocess(tmp_path / "x.ipynb", tmp_path / "out", None)


@pytest.mark.parametrize(
    ("shell_class", "html"),
    [("ZMQInteractiveShell", True), ("ColabShell", True), ("TerminalInteractiveShell", False)],
)
def test_html_in_a_jupyter_front_end_and_text_elsewhere(monkeypatch, capsys, shell_class, html):
    from dlgrade.grader.kit import notebook

    class ZMQInteractiveShell:
        pass

    classes = {
        "ZMQInteractiveShell": ZMQInteractiveShell,
        "ColabShell": type("Shell", (ZMQInteractiveShell,), {}),  # Colab's subclass
        "TerminalInteractiveShell": type("TerminalInteractiveShell", (), {}),
    }
    shell = classes[shell_class]()
    shown = []
    monkeypatch.setattr(notebook, "_ipython", lambda: shell)
    fake_display = type(sys)("IPython.display")
    fake_display.HTML = lambda text: text
    fake_display.display = shown.append
    monkeypatch.setitem(sys.modules, "IPython.display", fake_display)
    monkeypatch.setitem(sys.modules, "IPython", type(sys)("IPython"))
    notebook.display(REPORT, "<html>page</html>")
    if html:
        assert len(shown) == 1 and shown[0].startswith("<iframe srcdoc=") and "page" in shown[0]
    else:
        assert not shown and "Visible cases: 4 / 6 points" in capsys.readouterr().out
