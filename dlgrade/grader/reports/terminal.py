"""The summary `grade submit` prints: one row per exercise, a total, problems, errors."""

from __future__ import annotations

import shutil
import textwrap

import click

from dlgrade.grader.reports.formatting import (
    exercise_reason,
    format_score,
    percentage,
    problem_lines,
    ungraded_note,
)
from dlgrade.grader.results import SubmissionResult, printable

STATUS_COLORS = {
    "passed": "green",
    "partial": "yellow",
    "failed": "red",
    "missing": "magenta",
    "error": "red",
}
MAX_NAME_WIDTH = 40
MIN_REASON_WIDTH = 24
MAX_REASON_LINES = 4
ELLIPSIS = "…"


def terminal_width() -> int:
    """The terminal's width (COLUMNS, then the tty), 100 when there is none."""
    return max(40, shutil.get_terminal_size((100, 24)).columns)


def format_summary(result: SubmissionResult, *, color: bool, width: int | None = None) -> str:
    """Compact table of `result`, no line wider than `width` (default: the terminal's).

    Columns: exercise, points ("8/10"), status, reason; a long reason (a hint a student
    must read whole) wraps onto lines of its own under the reason column. Colour (ANSI
    via click.style) only when `color` is true: the CLI passes `sys.stdout.isatty()`
    so that piped or logged output stays clean.
    """
    width = terminal_width() if width is None else width
    style = _styler(color)
    rows = [
        (e.name, format_score(e.score, e.max_score), e.status, exercise_reason(e))
        for e in result.exercises
    ]
    name_width = min(MAX_NAME_WIDTH, max([len("exercise")] + [len(r[0]) for r in rows]))
    points_width = max([len("points")] + [len(r[1]) for r in rows])
    status_width = max(len(s) for s in STATUS_COLORS)
    fixed = points_width + status_width + 6
    # Narrow terminal: shorten the names (ellipsized) before the reasons, which must be read.
    name_width = max(len("exercise"), min(name_width, width - fixed - MIN_REASON_WIDTH))
    reason_width = max(10, width - name_width - fixed)

    def line(name: str, points: str, status: str, reason: str, status_color: str | None) -> str:
        padding = " " * (status_width - len(status))
        status_cell = (style(status, fg=status_color) if status_color else status) + padding
        wrapped = _wrap(reason, reason_width)
        text = (
            f"{_fit(name, name_width).ljust(name_width)}  {points.rjust(points_width)}  "
            f"{status_cell}  {wrapped[0]}"
        )
        indent = " " * (name_width + points_width + status_width + 6)
        return "\n".join([text.rstrip(), *(indent + more for more in wrapped[1:])])

    title = " ".join(p for p in (result.assignment, result.assignment_version) if p)
    lines = [_fit(f"{title or 'submission'}: {result.submission.path}", width)]
    if result.warning:
        lines.append(style(_fit(f"Warning: {result.warning}", width), fg="yellow", bold=True))
    if rows:
        lines.append(style(line("exercise", "points", "status", "reason", None), bold=True))
        lines.extend(line(*row, STATUS_COLORS.get(row[2])) for row in rows)
    percent = percentage(result.score, result.max_score)
    total = f"Total: {format_score(result.score, result.max_score)} points ({percent:.0f}%)"
    lines.append(style(_fit(total, width), bold=True))
    lines.extend(textwrap.wrap(ungraded_note(result), width))
    problems = problem_lines(result)
    if problems:
        lines.append(_fit("Problems while reading the submission (that code was skipped):", width))
        lines.extend("  " + _fit(problem, width - 2) for problem in problems)
    if result.error:
        lines.append(style(_fit(f"Error: {result.error}", width), fg="red", bold=True))
    return "\n".join(lines)


def _fit(text: str, width: int) -> str:
    """Single printable line of at most `width` characters, ellipsized when cut.

    Control characters (a student's own ANSI escapes included) are replaced, so
    student text can neither colour nor move the cursor of the grader's terminal.
    """
    text = printable(" ".join(text.split()))
    return text if len(text) <= width else text[: max(0, width - 1)] + ELLIPSIS


def _wrap(text: str, width: int) -> list[str]:
    """`text` on lines of at most `width` (printable), MAX_REASON_LINES at most."""
    lines = textwrap.wrap(printable(" ".join(text.split())), width) or [""]
    if len(lines) > MAX_REASON_LINES:
        lines = lines[: MAX_REASON_LINES - 1] + [
            _fit(" ".join(lines[MAX_REASON_LINES - 1 :]), width)
        ]
    return lines


def _styler(color: bool):
    """click.style when colouring, else an identity that ignores style options."""
    if color:
        return click.style
    return lambda text, **_options: text
