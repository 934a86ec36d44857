"""Turn pytest-json-report style test entries into `ExerciseResult`s: pure functions.

The plugin records one entry per (submission, check) with `report_entry`, whose
metadata says `submission`, `exercise`, `weight`, `visibility`, `name`, `status`,
`message`, `mistake`, `output`; `collect_results` only reads it. Scoring: an exercise's points are
split among its tests by weight (`max_score = points * weight / sum of weights`); a
passed test earns its max_score, anything else 0. Skipped tests do not count.

A student kit holds only the visible checks: the share of an exercise's points its hidden
checks hold (`ungraded`), and the weight of a visible check whose recorded outcomes do
not cover the student's inputs (`NotGradedHere`), are the instructor's to grade. They are
reported as `ungraded_points`, never awarded and never lost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, Protocol

import pytest

from dlgrade.grader.checking.compare import Mismatch, NotGradedHere
from dlgrade.grader.checking.proxy import StudentFailure
from dlgrade.grader.results import OUTPUT_LIMIT, ExerciseResult, TestResult, clip

ALL_EXERCISES = "*"


class ExerciseSpecLike(Protocol):
    """The part of `grader.assignments.ExerciseSpec` grading needs."""

    name: str
    title: str
    points: float
    timeout: float


def readable_name(docstring: str | None, function_name: str, case_id: str) -> str:
    """A test's display name: docstring's first line (or function name), then the case id."""
    lines = (docstring or "").strip().splitlines()
    base = lines[0].strip() if lines else function_name.removeprefix("test_").replace("_", " ")
    return f"{base}: {case_id}" if case_id else base


def describe_exception(exc: BaseException, *, when: str, test_id: str) -> dict[str, Any]:
    """Status and message of a test phase that raised `exc`.

    Student failures and mismatches are "failed" with their own message; any other
    exception is a bug in the check, reported as "error".
    """
    if isinstance(exc, StudentFailure):
        return {"status": exc.status, "message": exc.message}
    if isinstance(exc, Mismatch):
        return {"status": "failed", "message": exc.message, "mistake": exc.mistake}
    if isinstance(exc, NotGradedHere):
        return {"status": "skipped", "ungraded": True, "message": str(exc)}
    if isinstance(exc, pytest.skip.Exception):
        return {"status": "skipped", "message": str(exc.msg)}
    if isinstance(exc, (AssertionError, pytest.fail.Exception)):
        return {"status": "failed", "message": str(exc) or "the check failed"}
    phase = "" if when == "call" else f" ({when})"
    return {
        "status": "error",
        "message": f"internal error in check {test_id}{phase}: {type(exc).__name__}: {exc}",
    }


def report_entry(
    nodeid: str,
    *,
    submission: str,
    exercise: str,
    weight: float,
    visibility: str,
    name: str,
    outcome: Mapping[str, Any],
    output: str = "",
    duration: float = 0.0,
) -> dict[str, Any]:
    """One submission's run of one check, shaped like a pytest-json-report test entry.

    `outcome`: `{"status": "passed"}` or what `describe_exception` says. The plugin
    runs each check for many submissions within one pytest item, so it writes these
    entries itself; `collect_results` reads them like the ones pytest-json-report makes.
    """
    status = outcome.get("status", "error")
    metadata: dict[str, Any] = {
        "submission": submission,
        "exercise": exercise,
        "weight": weight,
        "visibility": visibility,
        "name": name,
        **outcome,
    }
    if output:
        metadata["output"] = output
    return {
        "nodeid": nodeid,
        "outcome": status if status in ("passed", "skipped") else "failed",
        "metadata": metadata,
        "call": {"duration": duration},
    }


def collect_results(
    report: Mapping[str, Any],
    *,
    submission: str,
    exercises: Sequence[ExerciseSpecLike],
    defined: frozenset[str] | None = None,
    run_error: str | None = None,
    broken: Mapping[str, str] | None = None,
    ungraded: Mapping[str, float] | None = None,
) -> list[ExerciseResult]:
    """The results of one submission, one per exercise in `exercises` order.

    `defined`: names the student's code defines (None if unknown: then every
    exercise counts as found). `run_error`: the run as a whole failed, every exercise
    gets 0 with this message. `broken`: exercise name (or "*") -> message for check
    modules that could not be loaded. `ungraded`: exercise -> the share of its points held
    by checks this grader does not have (a student kit's hidden ones).
    """
    broken, ungraded = broken or {}, ungraded or {}
    by_exercise = _tests_by_exercise(report, submission)
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


def error_exercise(spec: ExerciseSpecLike, number: int, message: str) -> ExerciseResult:
    """An exercise the grader could not check: one error test worth all its points."""
    test = TestResult(
        name="checks",
        exercise=spec.name,
        status="error",
        score=0.0,
        max_score=float(spec.points),
        message=message,
        number=f"{number}.1",
    )
    return ExerciseResult(
        name=spec.name,
        max_score=float(spec.points),
        title=spec.title,
        tests=[test],
        message=message,
    )


def missing_message(function: str) -> str:
    return (
        f"{function} was not found: looked for a top-level `def {function}(...)` in your notebook"
    )


def _tests_by_exercise(report: Mapping[str, Any], submission: str) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for entry in report.get("tests", []):
        metadata = entry.get("metadata") or {}
        if metadata.get("submission") != submission or "exercise" not in metadata:
            continue
        if _status(entry) == "skipped" and not metadata.get("ungraded"):
            continue
        grouped.setdefault(metadata["exercise"], []).append(entry)
    return grouped


def _status(entry: Mapping[str, Any]) -> str:
    metadata = entry.get("metadata") or {}
    outcome = entry.get("outcome", "")
    if outcome in ("skipped", "xfailed"):
        return "skipped"
    if "status" in metadata:
        return metadata["status"]
    return {"passed": "passed", "failed": "failed"}.get(outcome, "error")


def _score_tests(
    entries: list[dict], spec: ExerciseSpecLike, number: int, ungraded_share: float = 0.0
) -> tuple[list[TestResult], float]:
    """The scored tests, and the points left to the instructor (see the module docstring)."""
    total_weight = sum(float(e["metadata"].get("weight", 1.0)) for e in entries)
    points = float(spec.points) * (1.0 - ungraded_share)
    ungraded_points = float(spec.points) * ungraded_share
    tests = []
    for entry in entries:
        metadata = entry["metadata"]
        max_score = points * float(metadata.get("weight", 1.0)) / total_weight
        if metadata.get("ungraded"):
            ungraded_points += max_score
            continue
        status = _status(entry)
        if status not in ("passed", "failed", "error"):
            status = "error"
        message = metadata.get("message", "")
        if status != "passed" and not message:
            message = "the check did not report a result"
        tests.append(
            TestResult(
                name=metadata.get("name", entry.get("nodeid", "")),
                exercise=spec.name,
                status=status,
                score=max_score if status == "passed" else 0.0,
                max_score=max_score,
                message=clip(str(message)),
                mistake=metadata.get("mistake"),
                output=clip(str(metadata.get("output", "")), OUTPUT_LIMIT),
                visibility=metadata.get("visibility", "visible"),
                number=f"{number}.{len(tests) + 1}",
                duration=_duration(entry),
            )
        )
    return tests, round(ungraded_points, 6)


def _duration(entry: Mapping[str, Any]) -> float:
    phases = (entry.get(when) or {} for when in ("setup", "call", "teardown"))
    return round(sum(float(phase.get("duration", 0.0)) for phase in phases), 6)
