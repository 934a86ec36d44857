"""Self-contained HTML report (Jinja2 template shipped in the package, no network at all).

Everything the student controls (messages, printed output, problems, the path)
reaches the page only through Jinja2 autoescaping, and is never itself rendered
as a template. jinja2 is imported lazily: `grade submit --format json` must not
pay its import time; the compiled template is cached for batches.
"""

from __future__ import annotations

import functools
import math
import os
from pathlib import Path
from typing import Any

from dlgrade.grader.reports.files import write_text_atomic
from dlgrade.grader.reports.formatting import (
    exercise_reason,
    format_score,
    percentage,
    problem_lines,
    ungraded_note,
)
from dlgrade.grader.reports.plain_data import safe_text
from dlgrade.grader.results import ExerciseResult, SubmissionResult, TestResult, printable

TEMPLATE_DIR = Path(__file__).parent / "templates"
TEMPLATE_NAME = "report.html.j2"
STATUS_ICONS = {
    "passed": "\u2713",  # check mark
    "partial": "\u25d0",  # half circle
    "failed": "\u2717",  # ballot x
    "missing": "?",
    "error": "!",
}


def render_html(result: SubmissionResult, *, title: str | None = None) -> str:
    """The report page of `result` as one HTML string (inline CSS, no scripts).

    `title` is the assignment's human title; it defaults to the slug, prettified.
    """
    return safe_text(_template().render(report=report_context(result, title=title)))


def write_html(
    result: SubmissionResult, path: str | os.PathLike[str], *, title: str | None = None
) -> Path:
    """Write `render_html(result)` to `path` atomically; returns the path."""
    return write_text_atomic(path, render_html(result, title=title))


@functools.lru_cache(maxsize=1)
def _template() -> Any:
    """Compile the template once per process (batches render thousands of reports)."""
    import jinja2

    class ViewEnvironment(jinja2.Environment):
        """`view.key` reads the key first: the template's views are plain dicts, and
        Jinja's attribute-first lookup raised and caught an AttributeError for each."""

        def getattr(self, obj: Any, attribute: str) -> Any:
            if type(obj) is dict and attribute in obj:
                return obj[attribute]
            return super().getattr(obj, attribute)

    environment = ViewEnvironment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        bytecode_cache=_bytecode_cache(jinja2),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template(TEMPLATE_NAME)


def _bytecode_cache(jinja2: Any) -> Any:
    """Compiled templates cached per user: compiling costs ~70 ms, a tenth of `grade submit`.

    Jinja keys the cache on the template's source checksum, so an edited template is
    recompiled. Without a writable cache directory, templates are compiled each time.
    """
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    directory = Path(root) / "dlgrade" / f"jinja-{jinja2.__version__}"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(directory)) if os.access(directory, os.W_OK) else None


def report_context(result: SubmissionResult, *, title: str | None = None) -> dict[str, Any]:
    """Plain view data for the template: all arithmetic and wording decided here."""
    slug = result.assignment or "unknown assignment"
    return {
        "title": title
        or result.assignment_title
        or slug.replace("_", " ").replace("-", " ").capitalize(),
        "slug": slug,
        "version": result.assignment_version,
        "score": format_score(result.score, result.max_score),
        "percent": _percent_text(percentage(result.score, result.max_score)),
        # what lost points first: that is what the student came to read
        "exercises": sorted(
            (_exercise_view(e) for e in result.exercises),
            key=lambda view: view["status"] == "passed",
        ),
        "problems": problem_lines(result),
        "error": result.error or "",
        "warning": result.warning or "",
        "ungraded": ungraded_note(result),
        "isolation": _isolation_rows(result.isolation),
        "submission": {
            "path": result.submission.path,
            "sha256": result.submission.sha256,
            "format": result.submission.format,
        },
        "grader_version": result.grader_version or "unknown",
        "execution_time": _seconds_text(result.execution_time),
    }


def _exercise_view(exercise: ExerciseResult) -> dict[str, Any]:
    status = exercise.status
    hints = [t.mistake for t in exercise.tests if t.mistake]
    # a hint named by several cases is said once, for the exercise
    shared = hints[0] if len(hints) > 1 and len(set(hints)) == 1 else ""
    return {
        "name": exercise.name,
        "anchor": "ex-" + "".join(c if c.isalnum() else "-" for c in exercise.name),
        "title": exercise.title,
        "score": format_score(exercise.score, exercise.max_score),
        "percent": _percent_text(percentage(exercise.score, exercise.max_score)),
        "status": status,
        "icon": STATUS_ICONS.get(status, "?"),
        "reason": printable(exercise_reason(exercise), keep_layout=True),
        "message": printable(exercise.message, keep_layout=True),
        "mistake": shared,
        "tests": [_test_view(t, shared) for t in exercise.tests],
    }


def _test_view(test: TestResult, shared_hint: str = "") -> dict[str, Any]:
    status = test.status if test.status in STATUS_ICONS else "error"
    return {
        "name": test.name,
        "status": status,
        "icon": STATUS_ICONS[status],
        "score": format_score(test.score, test.max_score),
        "message": printable(test.message, keep_layout=True),
        "mistake": "" if test.mistake == shared_hint else (test.mistake or ""),
        "output": printable(test.output, keep_layout=True),
        "output_lines": len(test.output.splitlines()),
        "hidden": test.visibility != "visible",
        "visibility": test.visibility.replace("_", " "),
    }


def _isolation_rows(isolation: dict[str, Any]) -> list[tuple[str, str]]:
    """("network namespace", "active") rows; booleans read as active / not available."""
    return [
        (str(key).replace("_", " "), _isolation_value(value)) for key, value in isolation.items()
    ]


def _isolation_value(value: Any) -> str:
    if isinstance(value, bool):
        return "active" if value else "not available"
    if value is None:
        return "none"
    if isinstance(value, dict):
        return ", ".join(f"{k}={_isolation_value(v)}" for k, v in value.items()) or "none"
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(_isolation_value(v) for v in value) or "none"
    return str(value)


def _percent_text(percent: float) -> str:
    """CSS-safe percentage with one decimal ("83.3")."""
    return f"{percent:.1f}"


def _seconds_text(seconds: float) -> str:
    return f"{seconds:.2f} s" if math.isfinite(seconds) else "unknown"
