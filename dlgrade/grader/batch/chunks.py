"""The unit of work of both backends: grade a chunk of submissions, write their reports.

A grading process collects the checks in one pytest session and keeps them (a
`CheckPlan`) for its later chunks, which then run without pytest's start-up; each
submission still gets its own sandbox, exactly as in `grade submit`. The
reports are written here, in the worker, so the parent only receives one small row per
student and its memory stays flat however large the batch.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dlgrade.grader.assignments import ASSIGNMENTS_DIR, Assignment, get_assignment
from dlgrade.grader.batch.discover import SubmissionTask
from dlgrade.grader.errors import GraderError
from dlgrade.grader.grading import GradingSession, unreadable_result
from dlgrade.grader.reports.formats import FORMATS
from dlgrade.grader.results import SubmissionInfo, SubmissionResult

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from dlgrade.grader.grading import PreparedSubmission

# Every format for every student, report.json last: its presence tells a resumed batch
# that the student is complete (state.py), so it is written once the others are on disk.
COMPLETION_FORMAT = "json"
BATCH_FORMATS = (*(name for name in FORMATS if name != COMPLETION_FORMAT), COMPLETION_FORMAT)


@dataclass(frozen=True)
class ChunkJob:
    """Submissions graded together, and where their reports go (plain, picklable data)."""

    tasks: tuple[SubmissionTask, ...]
    assignment: str
    out_dir: str
    assignments_root: str = str(ASSIGNMENTS_DIR)


def make_chunks(
    tasks: list[SubmissionTask], job: ChunkJob, *, workers: int, max_size: int
) -> list[ChunkJob]:
    """Split `tasks` in order into chunks of at most `max_size`, smaller towards the end.

    Guided self-scheduling: each chunk takes 1/(4 x workers) of what remains, so the
    processes get at least ~4 chunks each and finish together instead of the last
    full-size chunks running on a half-idle machine.
    """
    chunks, start = [], 0
    while start < len(tasks):
        size = min(max_size, -(-(len(tasks) - start) // (4 * max(1, workers))))
        chunk = tuple(tasks[start : start + size])
        chunks.append(ChunkJob(chunk, job.assignment, job.out_dir, job.assignments_root))
        start += size
    return chunks


def summary_row(task: SubmissionTask, result: SubmissionResult, seconds: float) -> dict[str, Any]:
    """What the parent learns about one graded student (small, so memory stays flat)."""
    return {
        "student": task.student,
        "status": "error" if result.error else "graded",
        "score": result.score,
        "max_score": result.max_score,
        "seconds": round(seconds, 4),
        "error": result.error,
    }


def grade_chunk(job: ChunkJob, session: GradingSession | None = None) -> list[dict[str, Any]]:
    """Grade `job`'s submissions and write each one's reports; one summary row per task.

    `session`: the grading process's, kept from chunk to chunk. Never raises for a
    submission problem: unreadable ones get a zero-score report.
    """
    from dlgrade.grader.grading import prepare_submission

    started = time.perf_counter()
    root = Path(job.assignments_root)
    assignment = get_assignment(job.assignment, root)
    finished: list[tuple[SubmissionTask, SubmissionResult]] = []
    prepared: list[tuple[SubmissionTask, PreparedSubmission]] = []
    for task in job.tasks:
        try:
            if task.path is None:
                raise GraderError(task.error or "the submission could not be located")
            item = prepare_submission(task.path, assignment=job.assignment, assignments_root=root)
            prepared.append((task, item))
        except GraderError as error:
            finished.append((task, _unreadable(task, assignment, str(error))))
        except Exception as crash:  # noqa: BLE001 - a hostile file costs its own student only
            message = f"the grader could not read this submission ({type(crash).__name__})"
            finished.append((task, _unreadable(task, assignment, message)))
    finished.extend(_grade_each_alone_on_failure(prepared, assignment, session))
    seconds = (time.perf_counter() - started) / max(1, len(job.tasks))
    results = [
        (task, replace(graded, submission=replace(graded.submission, path=task.display_path)))
        for task, graded in finished
    ]
    write_chunk_reports(results, Path(job.out_dir))
    return [summary_row(task, result, seconds) for task, result in results]


def write_chunk_reports(
    results: list[tuple[SubmissionTask, SubmissionResult]], out_dir: Path
) -> None:
    """Every report of a chunk's students, in `BATCH_FORMATS` order, report.json last.

    Where the file system can be flushed at once (Linux), the chunk's reports are
    committed to disk together: the others, one flush, the report.json files, one flush
    (instead of two fsyncs a file). Elsewhere each file is flushed as it is written.
    """
    from dlgrade.grader.reports.files import file_system_sync, sync_file_system
    from dlgrade.grader.reports.formats import write_reports

    grouped = file_system_sync() is not None
    others, last = BATCH_FORMATS[:-1], BATCH_FORMATS[-1:]
    for formats in (others, last):
        for task, result in results:
            folder = out_dir / task.student
            write_reports(result, folder, formats, compact_json=True, durable=not grouped)
        if grouped and results:
            sync_file_system(out_dir)


def _grade_each_alone_on_failure(
    prepared: list[tuple[SubmissionTask, PreparedSubmission]],
    assignment: Assignment,
    session: GradingSession | None,
) -> list[tuple[SubmissionTask, SubmissionResult]]:
    """Grade the chunk together; if that fails, each submission alone, so that the one
    which makes the grader fail gets the error and its neighbours their grades."""
    from dlgrade.grader.grading import grade_prepared_many

    try:
        graded = grade_prepared_many([item for _, item in prepared], session)
        return list(zip((task for task, _ in prepared), graded, strict=True))
    except Exception:  # noqa: BLE001 - find out whose submission it was, below
        if len(prepared) > 1:
            return [
                pair
                for one in prepared
                for pair in _grade_each_alone_on_failure([one], assignment, session)
            ]
    task, _ = prepared[0]
    message = "grading this submission failed in the grader; it was not graded"
    return [(task, _unreadable(task, assignment, message))]


def grade_chunk_safely(
    job: ChunkJob, session: GradingSession | None = None
) -> list[dict[str, Any]]:
    """`grade_chunk`, with a grader failure (e.g. a full disk) reported as error rows."""
    try:
        return grade_chunk(job, session)
    except Exception as crash:  # noqa: BLE001 - one chunk's failure must not stop the batch
        log.warning("a chunk of %d submissions failed: %s: %s", len(job.tasks),
                    type(crash).__name__, crash)  # fmt: skip
        return lost_rows(job, f"grading failed: {type(crash).__name__}: {crash}")


def _unreadable(task: SubmissionTask, assignment: Assignment, message: str) -> SubmissionResult:
    info = SubmissionInfo(path=task.display_path, sha256=task.sha256, format="unknown")
    return unreadable_result(assignment, info, message)


def lost_rows(job: ChunkJob, reason: str) -> list[dict[str, Any]]:
    """Rows for a chunk whose worker died or failed before reporting (no report written)."""
    return [
        {
            "student": task.student,
            "status": "error",
            "score": 0.0,
            "max_score": 0.0,
            "seconds": 0.0,
            "error": reason,
        }
        for task in job.tasks
    ]
