"""Turn a submission's `CheckRecord`s into `ExerciseResult`s: pure functions.

Scoring: an exercise's points are split among its tests by weight (`max_score = points *
weight / sum of weights`); a passed test earns its max_score, anything else 0. Skipped
tests do not count.

A student kit holds only the visible checks: the share of an exercise's points its hidden
checks hold (`ungraded`), and the weight of a visible check whose recorded outcomes do
not cover the student's inputs (`NotGradedHere`), are the instructor's to grade. They are
reported as `ungraded_points`, never awarded and never lost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Protocol

from dlgrade.grader.checking.records import CheckRecord
from dlgrade.grader.results import (
    OUTPUT_LIMIT,
    ExerciseIdentity,
    ExerciseResult,
    TestResult,
    clip,
    error_exercise,
)

ALL_EXERCISES = "*"


class ExerciseSpecLike(ExerciseIdentity, Protocol):
    """The part of `grader.assignments.ExerciseSpec` grading needs: a result's identity
    and the per-call time limit."""

    timeout: float


def collect_results(
    records: Sequence[CheckRecord],
    *,
    submission: str,
    exercises: Sequence[ExerciseSpecLike],
    defined: frozenset[str] | None = None,
    run_error: str | None = None,
    broken: Mapping[str, str] | None = None,
    ungraded: Mapping[str, float] | None = None,
) -> list[ExerciseResult]:
    """The results of one submission (its `records`), one per exercise in `exercises` order.

    `defined`: names the student's code defines (None if unknown: then every
    exercise counts as found). `run_error`: the run as a whole failed, every exercise
    gets 0 with this message. `broken`: exercise name (or "*") -> message for check
    modules that could not be loaded. `ungraded`: exercise -> the share of its points held
    by checks this grader does not have (a student kit's hidden ones).
    """
    broken, ungraded = broken or {}, ungraded or {}
    by_exercise = _records_by_exercise(records, submission)
    results = []
    for number, spec in enumerate(exercises, start=1):
        found = defined is None or spec.name in defined
        problem = run_error or broken.get(spec.name) or broken.get(ALL_EXERCISES)
        entries = by_exercise.get(spec.name, [])
        if problem is None and not entries:
            problem = f"grader problem: no checks ran for {spec.name}"
        if problem is not None:
            result = error_exercise(spec, number, problem)
        else:
            tests, ungraded_points = _score_tests(entries, spec, number, ungraded.get(spec.name, 0))
            result = ExerciseResult(
                name=spec.name,
                max_score=round(float(spec.points) - ungraded_points, 6),
                title=spec.title,
                tests=tests,
                ungraded_points=ungraded_points,
            )
        if not found:
            result = replace(result, found=False, message=missing_message(spec.name))
        results.append(result)
    return results


def missing_message(function: str) -> str:
    return (
        f"{function} was not found: looked for a top-level `def {function}(...)` in your notebook"
    )


def _records_by_exercise(
    records: Sequence[CheckRecord], submission: str
) -> dict[str, list[CheckRecord]]:
    grouped: dict[str, list[CheckRecord]] = {}
    for record in records:
        if record.submission != submission:
            continue
        if record.outcome.status == "skipped" and not record.outcome.ungraded:
            continue
        grouped.setdefault(record.exercise, []).append(record)
    return grouped


def _score_tests(
    records: list[CheckRecord], spec: ExerciseSpecLike, number: int, ungraded_share: float = 0.0
) -> tuple[list[TestResult], float]:
    """The scored tests, and the points left to the instructor (see the module docstring)."""
    total_weight = sum(record.weight for record in records)
    points = float(spec.points) * (1.0 - ungraded_share)
    ungraded_points = float(spec.points) * ungraded_share
    tests = []
    for record in records:
        max_score = points * record.weight / total_weight
        outcome = record.outcome
        if outcome.ungraded:
            ungraded_points += max_score
            continue
        status = outcome.status if outcome.status in ("passed", "failed", "error") else "error"
        message = outcome.message
        if status != "passed" and not message:
            message = "the check did not report a result"
        tests.append(
            TestResult(
                name=record.name,
                exercise=spec.name,
                status=status,
                score=max_score if status == "passed" else 0.0,
                max_score=max_score,
                message=clip(str(message)),
                mistake=outcome.mistake,
                output=clip(record.output, OUTPUT_LIMIT),
                visibility=record.visibility,
                number=f"{number}.{len(tests) + 1}",
                duration=round(record.duration, 6),
            )
        )
    return tests, round(ungraded_points, 6)
