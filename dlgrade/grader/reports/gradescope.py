"""Gradescope's `results.json`, in the form Gradescope documents (see DESIGN.md).

Gradescope shows `output` at the top of the results page and one box per test.
Statuses there are only "passed"/"failed", and `number` ("exercise.test", both
1-based) orders the boxes, so we number by position rather than trusting the
checks to have numbered themselves consistently.
"""

from __future__ import annotations

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
)
from dlgrade.grader.reports.plain_data import plain_json_text, to_plain
from dlgrade.grader.results import SCHEMA_VERSION, SubmissionResult, gradescope_tests

HIDDEN_CASE_VISIBILITIES = ("visible", "after_published", "after_due_date", "hidden")


def to_gradescope(result: SubmissionResult, *, hidden_cases: str = "visible") -> dict[str, Any]:
    """`result` as a Gradescope `results.json` object (leaderboard omitted).

    The top-level `score` is the grader's total, so Gradescope does not re-add
    the tests (a crash result has no tests and scores 0). Scores are scaled to the
    assignment's points (an old-generation notebook's 75 of 75 is 100 of 100).
    `hidden_cases`: Gradescope visibility of our hidden cases. They are hidden *inputs*
    (fresh random values), not secrets, so by default a student sees why they lost
    points; an instructor may choose `after_published` or `after_due_date`.
    """
    return to_plain(gradescope_data(result, hidden_cases=hidden_cases))


def gradescope_data(result: SubmissionResult, *, hidden_cases: str = "visible") -> dict[str, Any]:
    """`to_gradescope(result)` before `to_plain` (what the writer serializes directly)."""
    if hidden_cases not in HIDDEN_CASE_VISIBILITIES:
        raise ValueError(f"hidden_cases must be one of {HIDDEN_CASE_VISIBILITIES}")
    factor = _scale(result)
    tests = gradescope_tests(result)
    for test in tests:
        test["score"], test["max_score"] = test["score"] * factor, test["max_score"] * factor
        if test["visibility"] == "hidden":
            test["visibility"] = hidden_cases
    return {
        "score": _points(result.score * factor),
        "execution_time": round(_points(result.execution_time), 3),
        "output": summary_text(result),
        "output_format": "text",
        "test_output_format": "text",
        "test_name_format": "text",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "extra_data": {
            "assignment": result.assignment,
            "assignment_version": result.assignment_version,
            "schema_version": SCHEMA_VERSION,
            "grader_version": result.grader_version,
            "isolation": result.isolation,
        },
        "tests": tests,
    }


def summary_text(result: SubmissionResult) -> str:
    """Short plain-text summary shown above the tests: total, problems, crash message."""
    title = " ".join(part for part in (result.assignment, result.assignment_version) if part)
    total = format_score(result.score, result.max_score)
    percent = percentage(result.score, result.max_score)
    lines = [f"{title or 'submission'}: {total} points ({percent:.0f}%)"]
    if result.warning:
        lines.append(f"Warning: {result.warning}")
    if result.error:
        lines.append(f"The grader could not grade this submission: {result.error}")
    problems = problem_lines(result)
    if problems:
        lines.append("Problems while reading the submission (that code was skipped):")
        lines.extend(f"- {problem}" for problem in problems)
    lost = [e for e in result.exercises if e.status != "passed"]
    if lost:
        lines.append("Exercises that lost points:")
        lines.extend(f"- {e.name} ({e.status}): {exercise_reason(e)}" for e in lost)
    return "\n".join(lines)


def render_gradescope(
    result: SubmissionResult, *, compact: bool = False, hidden_cases: str = "visible"
) -> str:
    """`to_gradescope(result)` as the text of a results.json (ends with a newline).

    `compact` drops the indentation (batches: only the unindented encoder is in C).
    """
    text = plain_json_text(gradescope_data(result, hidden_cases=hidden_cases), compact=compact)
    return text + "\n"


def write_gradescope(
    result: SubmissionResult,
    path: str | os.PathLike[str],
    *,
    compact: bool = False,
    hidden_cases: str = "visible",
) -> Path:
    """Write `render_gradescope(result)` to `path` (usually /autograder/results/results.json)."""
    text = render_gradescope(result, compact=compact, hidden_cases=hidden_cases)
    return write_text_atomic(path, text)


def _scale(result: SubmissionResult) -> float:
    """Factor from the result's own points to the assignment's (1 when they agree)."""
    if result.points_possible > 0 and result.max_score > 0:
        return result.points_possible / result.max_score
    return 1.0


def _points(value: float) -> float:
    """Gradescope needs a number: a non-finite score (a grader bug) counts as 0."""
    return float(value) if math.isfinite(value) else 0.0
