"""Result dataclasses (submission -> exercises -> tests) and their serialization.

Pure data and pure functions only: building results from a pytest run lives in
`grader.checking`, rendering in `grader.reports`. Every field documented here is
part of the report contract (see docs/ARCHITECTURE.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = 1

TestStatus = Literal["passed", "failed", "error"]
ExerciseStatus = Literal["passed", "partial", "failed", "missing", "error"]
Visibility = Literal["visible", "hidden", "after_due_date", "after_published"]


@dataclass
class TestResult:
    """One graded check of one exercise.

    `status` is "failed" when the student's answer is wrong or the student's code
    raised; "error" when the grader could not run the check (worker crash, check bug).
    """

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
        return asdict(self)


@dataclass
class ExerciseResult:
    """All checks of one graded function."""

    name: str
    max_score: float
    tests: list[TestResult] = field(default_factory=list)
    title: str = ""
    message: str = ""
    found: bool = True

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
            "tests": [t.to_dict() for t in self.tests],
        }


@dataclass
class SubmissionInfo:
    path: str
    sha256: str
    format: Literal["ipynb", "py", "unknown"]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SubmissionResult:
    """The whole grade of one submission. A crash still produces one of these (score 0)."""

    assignment: str
    assignment_version: str
    submission: SubmissionInfo
    notebook_version: str = ""
    exercises: list[ExerciseResult] = field(default_factory=list)
    execution_time: float = 0.0
    isolation: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    error: str | None = None
    grader_version: str = ""

    @property
    def score(self) -> float:
        return round(sum(e.score for e in self.exercises), 6)

    @property
    def max_score(self) -> float:
        return round(sum(e.max_score for e in self.exercises), 6)

    def flat_tests(self) -> list[TestResult]:
        return [t for e in self.exercises for t in e.tests]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "grader_version": self.grader_version,
            "assignment": self.assignment,
            "assignment_version": self.assignment_version,
            "notebook_version": self.notebook_version,
            "score": self.score,
            "max_score": self.max_score,
            "execution_time": round(self.execution_time, 4),
            "submission": self.submission.to_dict(),
            "isolation": self.isolation,
            "problems": list(self.problems),
            "error": self.error,
            "exercises": [e.to_dict() for e in self.exercises],
            "tests": [gradescope_test(t) for t in self.flat_tests()],
        }


def gradescope_test(test: TestResult) -> dict[str, Any]:
    """One test in Gradescope's `results.json` form (status is only passed/failed there)."""
    output = test.message
    if test.mistake:
        output = f"{output}\nLikely mistake: {test.mistake}" if output else test.mistake
    return {
        "name": f"{test.exercise}: {test.name}",
        "number": test.number,
        "score": test.score,
        "max_score": test.max_score,
        "status": "passed" if test.status == "passed" else "failed",
        "output": output,
        "output_format": "text",
        "visibility": test.visibility,
        "tags": [test.exercise],
    }
