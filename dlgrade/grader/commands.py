"""Library functions behind the CLI commands that grade one submission or describe assignments.

Kept apart from `grader.cli` so that everything a command does is callable (and tested)
without click, and apart from `grader.grading` so grading never depends on report I/O.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dlgrade.grader.assignments import ASSIGNMENTS_DIR, available_assignments
from dlgrade.grader.reports.formats import DEFAULT_FORMATS, DEFAULT_REPORT_DIR, write_reports
from dlgrade.grader.results import SubmissionResult

DEMO_SUBMISSION = ASSIGNMENTS_DIR / "optimization" / "example_submission.ipynb"


@dataclass
class SubmitOutcome:
    """A graded submission and the report files written for it."""

    result: SubmissionResult
    written: dict[str, Path] = field(default_factory=dict)

    @property
    def json_text(self) -> str:
        from dlgrade.grader.reports.json_report import render_json

        return render_json(self.result)

    def summary(self, *, color: bool) -> str:
        from dlgrade.grader.reports.terminal import format_summary

        return format_summary(self.result, color=color)


def submit_and_report(
    *,
    path: str | Path,
    assignment: str | None = None,
    out_dir: Path = DEFAULT_REPORT_DIR,
    formats: Sequence[str] = DEFAULT_FORMATS,
    seed: int | None = None,
) -> SubmitOutcome:
    """Grade one submission and write its reports (`grade submit`)."""
    from dlgrade.grader.grading import grade_submission

    result = grade_submission(path=path, assignment=assignment, seed=seed)
    return SubmitOutcome(result=result, written=write_reports(result, out_dir, formats))


def demo_submission() -> Path:
    """The bundled example: an optimization notebook with a few typical mistakes."""
    return DEMO_SUBMISSION


def describe_assignments(*, as_json: bool = False) -> str:
    """The assignments, their exercises and points (`grade list`)."""
    known = available_assignments()
    if as_json:
        payload = [
            {
                "slug": a.slug,
                "title": a.title,
                "version": a.version,
                "notebook_versions": list(a.versions),
                "max_score": a.max_score,
                "exercises": [
                    {
                        "name": e.name,
                        "title": e.title,
                        "points": e.points,
                        "timeout": e.timeout,
                        "versions": list(e.versions),
                    }
                    for e in a.exercises
                ],
            }
            for a in known.values()
        ]
        return json.dumps(payload, indent=2) + "\n"
    lines = []
    for a in known.values():
        lines.append(f"{a.slug}: {a.title} (version {a.version}, {a.max_score:g} points)")
        for e in a.exercises:
            only = "" if set(e.versions) == set(a.versions) else f"  [{', '.join(e.versions)}]"
            lines.append(f"  {e.name:<44} {e.points:>5g} pts{only}")
    return "\n".join(lines) if lines else "no assignments installed"


def describe_isolation(*, as_json: bool = False) -> str:
    """What isolates student code on this machine (`grade doctor`): one real worker's report."""
    from dlgrade.grader.sandbox import assessment

    isolation = assessment.probe()
    verdict = assessment.assess(isolation)
    if as_json:
        return json.dumps({**verdict.to_dict(), "isolation": isolation}, indent=2) + "\n"
    return verdict.text()


def submit_warnings(result: SubmissionResult) -> list[str]:
    """What `grade submit` says on stderr: a contradicted --assignment, weak isolation."""
    found = [f"warning: {result.warning}"] if result.warning else []
    isolation = isolation_warning(result)
    return found + ([isolation] if isolation else [])


def isolation_warning(result: SubmissionResult) -> str | None:
    """A warning for `grade submit` when the worker that graded `result` was weakly isolated."""
    from dlgrade.grader.sandbox import assessment

    if not result.isolation:
        return None  # no worker ran (an unreadable submission)
    verdict = assessment.assess(result.isolation)
    if verdict.level != "weak":
        return None
    return "warning: " + assessment.weak_isolation_message(verdict, for_batch=False)
