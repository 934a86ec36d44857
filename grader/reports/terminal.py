"""The summary `grade submit` prints: one row per exercise, a total, problems, errors."""

from __future__ import annotations

import click

from grader.reports.formatting import exercise_reason, format_score, percentage, problem_lines
from grader.results import SubmissionResult

STATUS_COLORS = {
    "passed": "green",
    "partial": "yellow",
    "failed": "red",
    "missing": "magenta",
    "error": "red",
}
MAX_NAME_WIDTH = 40
MIN_REASON_WIDTH = 10
ELLIPSIS = "…"


def format_summary(result: SubmissionResult, *, color: bool, width: int = 100) -> str:
    """Compact table of `result`, no line wider than `width` characters.

    Columns: exercise, points ("8/10"), status, one-line reason. Colour (ANSI via
    click.style) only when `color` is true: the CLI passes `sys.stdout.isatty()`
    so that piped or logged output stays clean.
    """
    style = _styler(color)
    rows = [
        (e.name, format_score(e.score, e.max_score), e.status, exercise_reason(e))
        for e in result.exercises
    ]
    name_width = min(MAX_NAME_WIDTH, max([len("exercise")] + [len(r[0]) for r in rows]))
    points_width = max([len("points")] + [len(r[1]) for r in rows])
    status_width = max(len(s) for s in STATUS_COLORS)
    reason_width = max(MIN_REASON_WIDTH, width - name_width - points_width - status_width - 6)

    def line(name: str, points: str, status: str, reason: str, status_color: str | None) -> str:
        padding = " " * (status_width - len(status))
        status_cell = (style(status, fg=status_color) if status_color else status) + padding
        text = (
            f"{_fit(name, name_width).ljust(name_width)}  {points.rjust(points_width)}  "
            f"{status_cell}  {_fit(reason, reason_width)}"
        )
        return text.rstrip()

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
    text = " ".join(text.split())
    text = "".join(char if char.isprintable() else "\ufffd" for char in text)
    return text if len(text) <= width else text[: max(0, width - 1)] + ELLIPSIS


def _styler(color: bool):
    """click.style when colouring, else an identity that ignores style options."""
    if color:
        return click.style
    return lambda text, **_options: text
