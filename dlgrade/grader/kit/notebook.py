"""`check()` from a notebook cell: grade the notebook's current functions, show the report.

The code comes from the live kernel's input history (every cell run so far, in the order
run, so the latest definition of a function wins as it does in the kernel) or, outside
a kernel, from a saved notebook. It is written to a temporary notebook and graded by
`grade submit` in a separate Python process: the kernel has already run the student's
code (which may have changed numpy, or anything else), so the checks must not run here.
That process runs the student's code in the sandbox as always.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dlgrade.grader.errors import GraderError

# Seconds for a whole check: the grader's own per-call limits and time budget apply
# inside; this only guards against a grading process that never ends.
CHECK_TIMEOUT = 300.0


class CheckError(GraderError):
    """check() cannot find the code to grade, or the grading process failed."""


def check(
    exercise: str | None = None,
    *,
    notebook: str | Path | None = None,
    assignment: str | None = None,
    show: bool = True,
) -> dict[str, Any] | None:
    """Grade this notebook's functions with the visible cases and show the report.

    `exercise`: show only that function's result (all are graded). `notebook`: grade this
    saved file instead of the kernel's history. With `show=False`, returns the report as
    a dict instead of displaying it.
    """
    try:
        report, html = grade_notebook(notebook, assignment)
        if exercise is not None:
            report, html = only_exercise(report, exercise), None
    except GraderError as error:
        if not show:
            raise
        print(f"check(): {error}", file=sys.stderr)  # a message, not a traceback, in a cell
        return None
    if not show:
        return report
    display(report, html)
    return None


def grade_notebook(
    notebook: str | Path | None, assignment: str | None
) -> tuple[dict[str, Any], str]:
    """The report (as a dict) and the HTML page of the kernel's code or of `notebook`."""
    with tempfile.TemporaryDirectory(prefix="dlgrade-check-") as work:
        path = Path(notebook) if notebook is not None else None
        if path is None:
            path = Path(work) / "history.ipynb"
            path.write_text(history_notebook(kernel_history()), encoding="utf-8")
        report = grade_in_subprocess(path, Path(work) / "report", assignment)
        try:
            html = (Path(work) / "report" / "report.html").read_text(encoding="utf-8")
        except OSError as error:
            raise CheckError(f"the grader wrote no HTML report ({error})") from None
    return report, html


def kernel_history() -> list[str]:
    """The code of every cell the running IPython kernel executed, in order."""
    shell = _ipython()
    if shell is None:
        raise CheckError(
            "check() found no notebook to grade: this is not a Jupyter/IPython kernel. "
            "Call check(notebook='path/to/your_notebook.ipynb') with your saved notebook, "
            "or run `grade submit your_notebook.ipynb` in a terminal."
        )
    history = [str(cell) for cell in shell.user_ns.get("In", []) if str(cell).strip()]
    if not history:
        raise CheckError(
            "check() found no code in this kernel's history: run your notebook's cells "
            "first, or call check(notebook='path/to/your_notebook.ipynb')."
        )
    return history


def _ipython() -> Any:
    if "IPython" not in sys.modules:
        return None
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def history_notebook(cells: Sequence[str]) -> str:
    """An nbformat-4 notebook with one code cell per history entry."""
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"language_info": {"name": "python"}},
        "cells": [
            {
                "cell_type": "code",
                "id": f"history-{number}",
                "metadata": {},
                "execution_count": None,
                "outputs": [],
                "source": source,
            }
            for number, source in enumerate(cells, start=1)
        ],
    }
    return json.dumps(notebook, indent=1)


def grade_in_subprocess(path: Path, out_dir: Path, assignment: str | None) -> dict[str, Any]:
    """`grade submit --json` on `path` in a fresh interpreter; its report.json as a dict.

    Run from the report's folder with `-E`: neither the notebook's folder (a `numpy.py`
    there) nor PYTHON* variables set by the student's code decide what it imports.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-E", "-m", "dlgrade.grader.kit.cli", "submit", str(path.resolve())]
    command += ["--out", str(out_dir), "--json"]
    if assignment is not None:
        command += ["--assignment", assignment]
    try:
        finished = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=CHECK_TIMEOUT,
            env={**os.environ, "NO_COLOR": "1"},
            cwd=out_dir,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise CheckError(
            f"grading took longer than {CHECK_TIMEOUT:.0f} s and was stopped"
        ) from None
    if finished.returncode != 0:
        reason = (finished.stderr.strip() or finished.stdout.strip()).splitlines()
        raise CheckError(reason[-1] if reason else f"grading failed ({finished.returncode})")
    try:
        return json.loads(finished.stdout)
    except ValueError:
        raise CheckError("the grader's report could not be read; run `grade submit` in a "
                         "terminal to see what went wrong") from None  # fmt: skip


def only_exercise(report: dict[str, Any], exercise: str) -> dict[str, Any]:
    """The report narrowed to one exercise; says which names exist when it is not graded."""
    found = [e for e in report["exercises"] if e["name"] == exercise]
    if not found:
        names = ", ".join(e["name"] for e in report["exercises"])
        raise CheckError(
            f"{exercise!r} is not a graded function of this notebook (graded: {names})"
        )
    (chosen,) = found
    points = {key: chosen.get(key, 0.0) for key in ("score", "max_score", "ungraded_points")}
    return {**report, **points, "exercises": found}


def report_text(report: dict[str, Any]) -> str:
    """A plain-text report: one line per exercise, then each failed check's message."""
    lines = [f"Visible cases: {report['score']:.4g} / {report['max_score']:.4g} points"]
    for exercise in report["exercises"]:
        lines.append(
            f"  {exercise['name']}: {exercise['score']:.4g}/{exercise['max_score']:.4g} "
            f"{exercise['status']}"
        )
        for test in exercise["tests"]:
            if test["status"] != "passed":
                hint = f" Likely mistake: {test['mistake']}" if test.get("mistake") else ""
                message = (test["message"].strip().splitlines() or [""])[0]
                lines.append(f"    - {test['name']}: {message}{hint}")
        if exercise.get("message") and not exercise["tests"]:
            lines.append(f"    - {exercise['message']}")
    if report.get("ungraded_points"):
        lines.append(
            f"{report['ungraded_points']:.4g} more points come from hidden cases that your "
            "instructor's grader checks."
        )
    lines.extend(f"Problem: {problem}" for problem in report.get("problems", []))
    return "\n".join(lines)


def display(report: dict[str, Any], html: str | None) -> None:
    """HTML inline in a Jupyter front end, text anywhere else."""
    shell = _ipython()
    # a Jupyter front end's kernel (Colab and VS Code subclass it); a terminal IPython is not
    if shell is not None and "ZMQInteractiveShell" in {c.__name__ for c in type(shell).__mro__}:
        from IPython.display import HTML
        from IPython.display import display as show

        show(HTML(_framed(html) if html is not None else _text_as_html(report_text(report))))
        return
    print(report_text(report))


def _framed(page: str) -> str:
    """The report page in an iframe: its styles must not restyle the notebook around it."""
    import html

    return (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" title="dlgrade report" '
        'style="width: 100%; height: 640px; border: 1px solid #ddd;"></iframe>'
    )


def _text_as_html(text: str) -> str:
    import html

    return f"<pre>{html.escape(text)}</pre>"
