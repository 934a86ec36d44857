"""What one run of one check left: frozen records the plugin and the plan gather and
scoring reads. pytest-json-report still reports the session itself (its collection
errors say which check modules are broken); a check's outcome never travels as its dict.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from dlgrade.grader.checking.compare import Mismatch, NotGradedHere
from dlgrade.grader.checking.proxy import StudentFailure

# "skipped": the check did not apply (e.g. pytest.skip); "ungraded" outcomes are skipped
# too, but their points are the instructor's (a student kit's unrecorded case).
STATUSES = ("passed", "failed", "error", "skipped")


@dataclass(frozen=True)
class Outcome:
    """How a check ended for one submission."""

    status: str  # one of STATUSES
    message: str = ""
    mistake: str | None = None
    ungraded: bool = False


PASSED = Outcome("passed")


@dataclass(frozen=True)
class CheckRecord:
    """One submission's run of one check."""

    test_id: str
    submission: str
    exercise: str
    weight: float
    visibility: str
    name: str
    outcome: Outcome
    output: str = ""
    duration: float = 0.0


def describe_exception(exc: BaseException, *, when: str, test_id: str) -> Outcome:
    """The outcome of a check phase that raised `exc`.

    Student failures and mismatches are "failed" with their own message; any other
    exception is a bug in the check, reported as "error".
    """
    if isinstance(exc, StudentFailure):
        return Outcome(exc.status, exc.message)
    if isinstance(exc, Mismatch):
        return Outcome("failed", exc.message, exc.mistake)
    if isinstance(exc, NotGradedHere):
        return Outcome("skipped", str(exc), ungraded=True)
    if isinstance(exc, pytest.skip.Exception):
        return Outcome("skipped", str(exc.msg))
    if isinstance(exc, (AssertionError, pytest.fail.Exception)):
        return Outcome("failed", str(exc) or "the check failed")
    phase = "" if when == "call" else f" ({when})"
    message = f"internal error in check {test_id}{phase}: {type(exc).__name__}: {exc}"
    return Outcome("error", message)


def readable_name(docstring: str | None, function_name: str, case_id: str) -> str:
    """A test's display name: docstring's first line (or function name), then the case id."""
    lines = (docstring or "").strip().splitlines()
    base = lines[0].strip() if lines else function_name.removeprefix("test_").replace("_", " ")
    return f"{base}: {case_id}" if case_id else base
