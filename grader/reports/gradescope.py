"""Gradescope's `results.json`, in the form Gradescope documents (see DESIGN.md).

Gradescope shows `output` at the top of the results page and one box per test.
Statuses there are only "passed"/"failed", and `number` ("exercise.test", both
1-based) orders the boxes, so we number by position rather than trusting the
checks to have numbered themselves consistently.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

from grader.reports.files import write_text_atomic
from grader.reports.formatting import exercise_reason, format_score, percentage, problem_lines
from grader.reports.plain import to_plain
from grader.results import SCHEMA_VERSION, ExerciseResult, SubmissionResult, TestResult

MAX_STUDENT_OUTPUT_CHARS = 2000


def to_gradescope(result: SubmissionResult) -> dict[str, Any]:
    """`result` as a Gradescope `results.json` object (leaderboard omitted).

    The top-level `score` is the grader's total, so Gradescope does not re-add
    the tests (a crash result has no tests and scores 0).
    """
    tests: list[dict[str, Any]] = []
    for exercise_number, exercise in enumerate(result.exercises, start=1):
        if exercise.tests:
            for test_number, test in enumerate(exercise.tests, start=1):
                tests.append(_test_entry(test, f"{exercise_number}.{test_number}"))
        else:
            tests.append(_untested_exercise_entry(exercise, f"{exercise_number}.1"))
    return to_plain(
        {
            "score": _points(result.score),
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
    )


def summary_text(result: SubmissionResult) -> str:
    """Short plain-text summary shown above the tests: total, problems, crash message."""
    title = " ".join(part for part in (result.assignment, result.assignment_version) if part)
    total = format_score(result.score, result.max_score)
    percent = percentage(result.score, result.max_score)
    lines = [f"{title or 'submission'}: {total} points ({percent:.0f}%)"]
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


def write_gradescope(result: SubmissionResult, path: str | os.PathLike[str]) -> Path:
    """Write `to_gradescope(result)` to `path` (usually /autograder/results/results.json)."""
    text = json.dumps(to_gradescope(result), indent=2, ensure_ascii=False, allow_nan=False)
    return write_text_atomic(path, text + "\n")


def _test_entry(test: TestResult, number: str) -> dict[str, Any]:
    return {
        "score": _points(test.score),
        "max_score": _points(test.max_score),
        "status": "passed" if test.status == "passed" else "failed",
        "name": f"{test.exercise}: {test.name}",
        "name_format": "text",
        "number": number,
        "output": _test_output(test),
        "output_format": "text",
        "tags": [test.exercise],
        "visibility": test.visibility,
        "extra_data": {"exercise": test.exercise, "mistake": test.mistake},
    }


def _untested_exercise_entry(exercise: ExerciseResult, number: str) -> dict[str, Any]:
    """A missing exercise has no tests; without a box its lost points would be invisible."""
    return {
        "score": _points(exercise.score),
        "max_score": _points(exercise.max_score),
        "status": "passed" if exercise.status == "passed" else "failed",
        "name": f"{exercise.name}: {exercise.status}",
        "name_format": "text",
        "number": number,
        "output": exercise_reason(exercise),
        "output_format": "text",
        "tags": [exercise.name],
        "visibility": "visible",
        "extra_data": {"exercise": exercise.name, "mistake": None},
    }


def _test_output(test: TestResult) -> str:
    parts = [test.message.strip()] if test.message.strip() else []
    if test.mistake:
        parts.append(f"Likely mistake: {test.mistake}")
    if test.output.strip():
        excerpt = test.output
        if len(excerpt) > MAX_STUDENT_OUTPUT_CHARS:
            excerpt = excerpt[:MAX_STUDENT_OUTPUT_CHARS] + "\n... (output truncated)"
        parts.append(f"Your code printed:\n{excerpt}")
    return "\n\n".join(parts)


def _points(value: float) -> float:
    """Gradescope needs a number: a non-finite score (a grader bug) counts as 0."""
    return float(value) if math.isfinite(value) else 0.0
