"""The kit as a student gets it: a fresh virtualenv with only the kit's wheel (and, for
the notebook test, Jupyter's kernel and nbclient), used from the shell and from a cell."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import nbformat
import pytest

from dlgrade.grader.assignments import get_assignment
from dlgrade.grader.notebooks import render_notebook

RUN_NOTEBOOK = Path(__file__).with_name("run_notebook.py")


def run(command: list, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)


@pytest.fixture(scope="module")
def student_env(kit, tmp_path_factory) -> Path:
    """A virtualenv with the kit installed from its wheel; returns its bin folder."""
    home = tmp_path_factory.mktemp("student-venv")
    venv.EnvBuilder(with_pip=True).create(home)
    bin_dir = home / ("Scripts" if sys.platform == "win32" else "bin")
    installed = run(
        [bin_dir / "python", "-m", "pip", "install", "-q", kit.wheel, "ipykernel", "nbclient"]
    )
    assert installed.returncode == 0, installed.stderr[-3000:]
    return bin_dir


def test_the_kit_has_no_reference_to_import(student_env, tmp_path):
    probe = run([student_env / "python", "-c", "import dlgrade.reference.optimizers as m; "
                 "import inspect; print(inspect.getsource(m))"], cwd=tmp_path)  # fmt: skip
    assert probe.returncode == 0, probe.stderr
    assert "replay(" in probe.stdout and "np." not in probe.stdout


def test_grade_in_the_shell_checks_the_visible_cases(student_env, kit, tmp_path):
    optimization = next(t for t in kit.templates if t.name == "optimization.ipynb")
    graded = run([student_env / "grade", "submit", optimization, "--json", "--out", tmp_path])
    assert graded.returncode == 0, graded.stderr
    report = json.loads(graded.stdout)
    assert report["score"] == 0 and report["max_score"] > 0 and report["ungraded_points"] > 0
    help_text = run([student_env / "grade", "--help"]).stdout
    assert "submit" in help_text and "selftest" not in help_text and "batch" not in help_text


def test_check_from_a_notebook_cell(student_env, tmp_path):
    notebook = render_notebook(get_assignment("optimization"), version="new", style="new")
    cells = [
        "from dlgrade.kit import check\n"
        "report = check(show=False)\n"
        "print('SCORE', report['score'] == report['max_score'], report['ungraded_points'] > 0)",
        "check()",
        "def update_lr(learning_rate0, epoch_num, decay_rate):\n    return -1.0",
        "mine = check('update_lr', show=False)\n"
        "print('UPDATE_LR', mine['exercises'][0]['status'], len(mine['exercises']))",
        "check('no_such_function')",
    ]
    notebook.cells += [nbformat.v4.new_code_cell(source) for source in cells]
    source, executed = tmp_path / "student.ipynb", tmp_path / "executed.ipynb"
    nbformat.write(notebook, source)
    finished = run([student_env / "python", RUN_NOTEBOOK, source, executed], cwd=tmp_path)
    assert finished.returncode == 0, finished.stderr[-3000:]
    outputs = [cell.get("outputs", []) for cell in nbformat.read(executed, as_version=4).cells]
    score, shown, _, one, missing = outputs[-5:]
    assert _text(score) == "SCORE True True\n"
    html = next(o["data"]["text/html"] for o in shown if o.get("output_type") == "display_data")
    assert "<iframe srcdoc=" in html and "hidden cases" in html
    assert _text(one) == "UPDATE_LR failed 1\n"  # the latest definition is graded
    assert "is not a graded function of this notebook" in _text(missing)
    assert not any(o.get("output_type") == "error" for o in score + shown + one + missing)


def _text(outputs: list) -> str:
    return "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
