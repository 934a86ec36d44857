"""Batch grading for instructors (`grade batch`): many submissions, in parallel, resumable.

    summary = run_batch(submissions=Path("submissions"), assignment="optimization",
                        out_dir=Path("graded"))

Modules: discover (layouts, safe zips), state (resume), chunks (the unit of work),
local (process pool), dask_backend (+ dask_worker: a Dask cluster), outputs (gradebook,
Canvas CSV, summary page, run log), progress (the terminal line).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from dlgrade.grader import __version__
from dlgrade.grader.assignments import ASSIGNMENTS_DIR, get_assignment
from dlgrade.grader.batch.chunks import ChunkJob, make_chunks
from dlgrade.grader.batch.discover import BatchInputError
from dlgrade.grader.batch.discover import discover as discover_submissions
from dlgrade.grader.batch.outputs import RunLog, Totals, write_outputs
from dlgrade.grader.batch.progress import Progress
from dlgrade.grader.batch.state import plan
from dlgrade.grader.errors import WeakIsolation
from dlgrade.grader.results import printable

__all__ = ["BatchInputError", "BatchInterrupted", "BatchSummary", "run_batch"]

EXTRACT_DIR = ".submissions"
LOG_NAME = "batch.log"
MAX_CHUNK = 16


@dataclass
class BatchSummary:
    """What a batch run did; `interrupted` runs are resumed by running the same command."""

    students: int
    graded: int
    skipped: int
    errors: int
    seconds: float
    layout: str
    backend: str
    out_dir: str
    outputs: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    interrupted: bool = False
    # the class as the outputs show it, earlier runs included: always adds up to students
    totals: Totals = field(default_factory=Totals)

    @property
    def nothing_graded(self) -> bool:
        """Every submission failed (exit status 3 of `grade batch`)."""
        return self.students > 0 and self.totals.graded == 0 and not self.interrupted

    @property
    def rate(self) -> float:
        """Graded submissions per second (skipped ones excluded)."""
        return self.graded / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "rate": round(self.rate, 2)}

    def text(self) -> str:
        head = "interrupted after" if self.interrupted else "this run:"
        lines = [
            f"{head} {self.graded} graded in {self.seconds:.1f} s ({self.rate:.1f}/s, "
            f"{self.backend}), {self.skipped} up to date and skipped",
            f"class of {self.students}: {self.totals.graded} graded, {self.totals.ungradable} "
            f"could not be graded (see the gradebook's error column), {self.totals.pending} "
            "not graded yet",
            *(f"warning: {warning}" for warning in self.warnings),
            *(f"{kind}: {path}" for kind, path in self.outputs.items()),
        ]
        return "\n".join(printable(line) for line in lines)


PROCESSES_PER_CORE = 2


def default_jobs() -> int:
    """Two grading processes per core this process may use.

    A grading process waits while its student's code runs (and a whole time limit on a
    hung call): a second one per core keeps the core busy meanwhile (~20 % faster here).
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return PROCESSES_PER_CORE * cores


def require_strong_enough_isolation() -> None:
    """Refuse to grade a class where a student's code could reach the grading user's files."""
    from dlgrade.grader.sandbox import assessment

    verdict = assessment.assess(assessment.probe())
    if verdict.level == "weak":
        raise WeakIsolation(assessment.weak_isolation_message(verdict, for_batch=True))


def run_batch(
    *,
    submissions: Path,
    assignment: str,
    out_dir: Path,
    jobs: int | None = None,
    force: bool = False,
    scheduler: str | None = None,
    assignments_root: Path = ASSIGNMENTS_DIR,
    progress_stream: TextIO | None = None,
    allow_weak_isolation: bool = False,
    nbgrader_name: str | None = None,
) -> BatchSummary:
    """Grade every submission in `submissions` against `assignment`, writing into `out_dir`.

    Per student: OUT/<student>/report.json, report.html, results.json (Gradescope); then
    OUT/gradebook.csv, canvas.csv, summary.html, and batch.log. Up-to-date reports are
    skipped unless `force`. Raises BatchInputError / AssignmentNotFound for unusable input,
    KeyboardInterrupt (after writing the outputs of what was graded) when interrupted.
    Raises WeakIsolation, before grading anything, when this machine can isolate student
    code only weakly (rlimits alone) unless `allow_weak_isolation`.
    """
    started = time.perf_counter()
    chosen = get_assignment(assignment, Path(assignments_root))
    if not allow_weak_isolation and scheduler is None:
        require_strong_enough_isolation()
    out_dir = Path(out_dir)
    found = discover_submissions(
        Path(submissions), assignment=assignment, extract_dir=out_dir / EXTRACT_DIR,
        exclude=out_dir, nbgrader_name=nbgrader_name,
    )  # fmt: skip
    to_grade, skipped = plan(
        found.tasks,
        out_dir,
        assignment=chosen.slug,
        assignment_version=chosen.version,
        grader_version=__version__,
        force=force,
    )
    workers = max(1, jobs or default_jobs())
    backend = f"dask at {scheduler}" if scheduler else f"{workers} local processes"
    log = RunLog(out_dir / LOG_NAME)
    degraded = log.handler()  # the batch process's degraded paths go into batch.log too
    logging.getLogger("dlgrade").addHandler(degraded)
    log.write(
        f"start: {len(found.tasks)} submissions ({found.layout}) from {submissions}, "
        f"{len(to_grade)} to grade, {len(skipped)} up to date; {backend}; grader {__version__}"
    )
    for warning in found.warnings:
        log.write(f"warning: {warning}")
    progress = Progress(len(found.tasks), progress_stream or sys.stderr)
    progress.skip(len(skipped))
    failures: dict[str, str] = {}
    counts = {"graded": 0, "errors": 0}

    def on_rows(rows: list[dict[str, Any]]) -> None:
        errors = [row for row in rows if row["status"] == "error"]
        failures.update((row["student"], str(row["error"])) for row in errors)
        counts["graded"] += len(rows)
        counts["errors"] += len(errors)
        for row in rows:
            log.row(row)
        progress.advance(len(rows), len(errors))

    template = ChunkJob((), chosen.slug, str(out_dir), str(assignments_root))
    chunks = make_chunks(to_grade, template, workers=workers, max_size=MAX_CHUNK)
    interrupted = False
    try:
        _run_backend(chunks, workers=workers, scheduler=scheduler, on_rows=on_rows)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        progress.close()
    written, totals = write_outputs(found.tasks, out_dir, chosen, failures)
    warnings = list(found.warnings)
    if totals.mismatched:
        warnings.append(
            f"{totals.mismatched} of {totals.students} notebooks look like another assignment "
            f"than {chosen.slug!r} (see the gradebook's warning column): check --assignment"
        )
    summary = BatchSummary(
        students=len(found.tasks),
        graded=counts["graded"],
        skipped=len(skipped),
        errors=counts["errors"],
        seconds=time.perf_counter() - started,
        layout=found.layout,
        backend=backend,
        out_dir=str(out_dir),
        outputs={kind: str(path) for kind, path in written.items()} | {"log": str(log.path)},
        warnings=warnings,
        interrupted=interrupted,
        totals=totals,
    )
    log.write(("interrupted: " if interrupted else "done: ") + summary.text().splitlines()[0])
    logging.getLogger("dlgrade").removeHandler(degraded)
    log.close()
    if interrupted:
        raise BatchInterrupted(summary)
    return summary


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM: what was graded is written; `summary` says how far it got."""

    def __init__(self, summary: BatchSummary) -> None:
        super().__init__("batch interrupted")
        self.summary = summary


def _run_backend(
    chunks: list[ChunkJob], *, workers: int, scheduler: str | None, on_rows: Any
) -> None:
    if not chunks:
        return
    if scheduler:
        from dlgrade.grader.batch.dask_backend import run_dask

        run_dask(chunks, scheduler=scheduler, on_rows=on_rows)
    else:
        from dlgrade.grader.batch.local import run_local

        run_local(chunks, workers=workers, on_rows=on_rows)
