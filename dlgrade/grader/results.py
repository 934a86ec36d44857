"""Result dataclasses (submission -> exercises -> tests) and their serialization.

Pure data and pure functions only: building results from a pytest run lives in
`grader.checking`, rendering in `grader.reports`. Every field documented here is
part of the report contract (see docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

SCHEMA_VERSION = 1

TestStatus = Literal["passed", "failed", "error"]
ExerciseStatus = Literal["passed", "partial", "failed", "missing", "error"]
Visibility = Literal["visible", "hidden", "after_due_date", "after_published"]


# Student-controlled text (messages quoting their values, their output, their exception
# messages) is clipped: a 220-byte submission returning a 7 MB string made a 99 MB report.
MESSAGE_LIMIT = 4096
OUTPUT_LIMIT = 8192


_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))}
_CONTROLS.update({c: f"\\u{c:04x}" for c in (0x200E, 0x200F, *range(0x202A, 0x202F),
                                                  *range(0x2066, 0x206A))})  # fmt: skip


# the same without newlines and tabs, for multi-line text (built once: reports call it a lot)
_CONTROLS_BUT_LAYOUT = {c: e for c, e in _CONTROLS.items() if chr(c) not in "\n\t"}


def printable(text: str, *, keep_layout: bool = False) -> str:
    """`text` with control characters (terminal escapes, bidi overrides) shown as escapes:
    student-chosen file names reach terminals, logs and spreadsheets. `keep_layout`
    leaves newlines and tabs (multi-line messages and printed output)."""
    return str(text).translate(_CONTROLS_BUT_LAYOUT if keep_layout else _CONTROLS)


def clip(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """`text` cut to `limit` characters, saying how much was cut."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}[... {len(text) - limit} more characters cut]"


@dataclass(frozen=True)
class TestResult:
    """One graded check of one exercise.

    `status` is "failed" when the student's answer is wrong or the student's code
    raised; "error" when the grader could not run the check (worker crash, check bug).
    """

    __test__ = False  # a result, not a pytest test class, despite its name

    name: str
    exercise: str
    status: TestStatus
    score: float
    max_score: float
    message: str = ""
    mistake: str | None = None
    output: str = ""
    visibility: Visibility = "visible"
    number: str = ""
    duration: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        # every field is a plain scalar: a shallow dict (asdict deep-copies, 30x slower)
        return dict(vars(self))


@dataclass(frozen=True)
class ExerciseResult:
    """All checks of one graded function."""

    name: str
    max_score: float
    tests: tuple[TestResult, ...] = ()
    title: str = ""
    message: str = ""
    found: bool = True
    # Points of checks this grader does not hold (a student kit's hidden cases): neither
    # awarded nor lost here, the instructor's grader decides them. Not in max_score.
    ungraded_points: float = 0.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "tests", tuple(self.tests))  # built once, never appended to

    @property
    def score(self) -> float:
        return round(sum(t.score for t in self.tests), 6)

    @property
    def status(self) -> ExerciseStatus:
        if not self.found:
            return "missing"
        if self.tests and all(t.status == "error" for t in self.tests):
            return "error"
        if self.max_score > 0 and self.score >= self.max_score - 1e-9:
            return "passed"
        if self.score > 0:
            return "partial"
        return "failed"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "score": self.score,
            "max_score": self.max_score,
            "status": self.status,
            "message": self.message,
            "ungraded_points": self.ungraded_points,
            "tests": [t.to_dict() for t in self.tests],
        }


@dataclass(frozen=True)
class SubmissionInfo:
    path: str
    sha256: str
    format: Literal["ipynb", "py", "unknown"]

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass(frozen=True)
class SubmissionResult:
    """The whole grade of one submission. A crash still produces one of these (score 0)."""

    assignment: str
    assignment_version: str
    submission: SubmissionInfo
    notebook_version: str = ""
    exercises: tuple[ExerciseResult, ...] = ()
    execution_time: float = 0.0
    isolation: dict[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    error: str | None = None
    grader_version: str = ""
    assignment_title: str = ""
    # The assignment's full points (its default generation). A notebook of a generation
    # with fewer exercises is scaled to it in exports (Canvas, Gradescope): 75/75 -> 100.
    points_possible: float = 0.0
    warning: str | None = None  # e.g. --assignment contradicts what the notebook looks like

    def __post_init__(self) -> None:
        object.__setattr__(self, "exercises", tuple(self.exercises))
        object.__setattr__(self, "problems", tuple(self.problems))

    @property
    def score(self) -> float:
        return round(sum(e.score for e in self.exercises), 6)

    @property
    def max_score(self) -> float:
        return round(sum(e.max_score for e in self.exercises), 6)

    @property
    def ungraded_points(self) -> float:
        return round(sum(e.ungraded_points for e in self.exercises), 6)

    def flat_tests(self) -> list[TestResult]:
        return [t for e in self.exercises for t in e.tests]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "grader_version": self.grader_version,
            "assignment": self.assignment,
            "assignment_title": self.assignment_title,
            "assignment_version": self.assignment_version,
            "notebook_version": self.notebook_version,
            "score": self.score,
            "max_score": self.max_score,
            "points_possible": self.points_possible or self.max_score,
            "ungraded_points": self.ungraded_points,
            "execution_time": round(self.execution_time, 4),
            "submission": self.submission.to_dict(),
            "isolation": self.isolation,
            "problems": list(self.problems),
            "error": self.error,
            "warning": self.warning,
            "exercises": [e.to_dict() for e in self.exercises],
            "tests": gradescope_tests(self, placeholders=False),
        }


class ExerciseIdentity(Protocol):
    """What a result needs of an exercise's spec (`grader.assignments.ExerciseSpec`)."""

    name: str
    title: str
    points: float


def error_exercise(
    spec: ExerciseIdentity, number: int, message: str, *, test_name: str = "checks"
) -> ExerciseResult:
    """An exercise the grader could not check: one error test worth all its points (every
    zero-score result is made of these)."""
    test = TestResult(
        name=test_name,
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


MAX_STUDENT_OUTPUT_CHARS = 2000


def gradescope_tests(
    result: SubmissionResult, *, placeholders: bool = True
) -> list[dict[str, Any]]:
    """The tests in Gradescope's `results.json` form, numbered "exercise.test" by position.

    An exercise without tests (e.g. missing) still gets one failed entry worth its points,
    so the points it lost are visible there too.
    """
    entries: list[dict[str, Any]] = []
    for exercise_number, exercise in enumerate(result.exercises, start=1):
        if not exercise.tests and placeholders:
            entries.append(_untested_exercise_entry(exercise, f"{exercise_number}.1"))
        for test_number, test in enumerate(exercise.tests, start=1):
            entries.append(_test_entry(test, f"{exercise_number}.{test_number}"))
    return entries


def _finite(value: float) -> float:
    """Gradescope needs a number: a non-finite score (a grader bug) counts as 0."""
    return float(value) if math.isfinite(value) else 0.0


def _test_entry(test: TestResult, number: str) -> dict[str, Any]:
    return {
        "score": _finite(test.score),
        "max_score": _finite(test.max_score),
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
    return {
        "score": _finite(exercise.score),
        "max_score": _finite(exercise.max_score),
        "status": "passed" if exercise.status == "passed" else "failed",
        "name": f"{exercise.name}: {exercise.status}",
        "name_format": "text",
        "number": number,
        "output": exercise.message or f"{exercise.name}: {exercise.status}",
        "output_format": "text",
        "tags": [exercise.name],
        "visibility": "visible",
        "extra_data": {"exercise": exercise.name, "mistake": None},
    }


def _test_output(test: TestResult) -> str:
    """The named mistake first (what to fix), then what differs, then what the code printed."""
    parts = [f"Likely mistake: {test.mistake}"] if test.mistake else []
    if test.message.strip():
        parts.append(test.message.strip())
    if test.output.strip():
        excerpt = test.output
        if len(excerpt) > MAX_STUDENT_OUTPUT_CHARS:
            excerpt = excerpt[:MAX_STUDENT_OUTPUT_CHARS] + "\n... (output truncated)"
        parts.append(f"Your code printed:\n{excerpt}")
    return "\n\n".join(parts)
