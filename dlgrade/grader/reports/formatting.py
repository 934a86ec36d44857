"""Wording shared by every human-facing report, so terminal, HTML and Gradescope agree."""

from __future__ import annotations

import math

from dlgrade.grader.results import ExerciseResult, SubmissionResult, TestResult


def format_points(value: float) -> str:
    """Points without noise: 8.0 -> "8", 2.5 -> "2.5", 1/3 -> "0.33"; NaN -> "?"."""
    if not math.isfinite(value):
        return "?"
    return f"{round(value, 2):g}"


def format_score(score: float, max_score: float) -> str:
    """Score as "8/10" (points earned / points available)."""
    return f"{format_points(score)}/{format_points(max_score)}"


def percentage(score: float, max_score: float) -> float:
    """Score as a percentage in [0, 100]; 0 when nothing could be earned."""
    if max_score <= 0 or not math.isfinite(score) or not math.isfinite(max_score):
        return 0.0
    return min(100.0, max(0.0, 100.0 * score / max_score))


def first_line(text: str) -> str:
    """The first non-blank line of `text`, stripped ("" if none)."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def first_failure(exercise: ExerciseResult) -> TestResult | None:
    """The first test of `exercise` that did not pass, in check order."""
    return next((t for t in exercise.tests if t.status != "passed"), None)


def exercise_reason(exercise: ExerciseResult) -> str:
    """One line saying why an exercise lost points ("" when it passed).

    A named mistake comes first (it tells a student what to fix), then the first failing
    test's message. A missing exercise says so.
    """
    if exercise.status == "passed":
        return ""
    if exercise.status == "missing":
        return first_line(exercise.message) or f"{exercise.name} is not defined in the submission"
    failure = first_failure(exercise)
    if failure is None:
        return first_line(exercise.message)
    named = next((t.mistake for t in exercise.tests if t.mistake), None)
    if named:
        return f"Likely mistake: {first_line(named)}"
    reason = first_line(failure.message)
    if reason:
        return reason
    return first_line(exercise.message) or f"check '{failure.name}' {failure.status}"


def problem_lines(result: SubmissionResult) -> list[str]:
    """Extraction/loading problems, one line each, in the order they were found."""
    return [first_line(problem) or problem for problem in result.problems if problem.strip()]


def ungraded_note(result: SubmissionResult) -> str:
    """What a student kit could not check (its hidden cases' points), or "" when nothing."""
    if result.ungraded_points <= 0:
        return ""
    return (
        f"These points are for the visible cases only. {format_points(result.ungraded_points)} "
        "more points come from hidden cases that your instructor's grader checks."
    )
