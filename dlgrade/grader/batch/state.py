"""Resume: which submissions a re-run may skip because their report is already up to date.

OUT/<student>/report.json is written last and atomically for each student, so its presence
means the student's reports are complete. It is up to date when it was made from the same
bytes (sha256), by the same grader version, for the same assignment and assignment version.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dlgrade.grader.batch.discover import SubmissionTask

REPORT_NAME = "report.json"


def report_path(out_dir: Path, student: str) -> Path:
    return Path(out_dir) / student / REPORT_NAME


def read_report(path: Path) -> dict[str, Any] | None:
    """The report's JSON object, or None when missing or unreadable (then it is regraded)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def is_up_to_date(
    report: dict[str, Any] | None,
    task: SubmissionTask,
    *,
    assignment: str,
    assignment_version: str,
    grader_version: str,
) -> bool:
    """True when `report` grades exactly `task`'s bytes with this grader and assignment."""
    if report is None:
        return False
    submission = report.get("submission")
    sha256 = submission.get("sha256") if isinstance(submission, dict) else None
    return (
        sha256 == task.sha256
        and report.get("assignment") == assignment
        and report.get("assignment_version") == assignment_version
        and report.get("grader_version") == grader_version
    )


def plan(
    tasks: Sequence[SubmissionTask],
    out_dir: Path,
    *,
    assignment: str,
    assignment_version: str,
    grader_version: str,
    force: bool = False,
) -> tuple[list[SubmissionTask], list[SubmissionTask]]:
    """Split `tasks` into (to grade, skipped as up to date); `force` grades everything."""
    if force:
        return list(tasks), []
    to_grade, skipped = [], []
    for task in tasks:
        report = read_report(report_path(out_dir, task.student))
        fresh = is_up_to_date(
            report,
            task,
            assignment=assignment,
            assignment_version=assignment_version,
            grader_version=grader_version,
        )
        (skipped if fresh else to_grade).append(task)
    return to_grade, skipped
