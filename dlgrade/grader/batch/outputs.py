"""Class-level outputs, rebuilt from every student's report.json at the end of a run.

gradebook.csv  student,score,max_score, one column per exercise (assignment order), error
canvas.csv     Canvas gradebook import: Student, ID, SIS User ID, Section, <assignment>
summary.html   score histogram, pass rate per exercise, most frequent named mistakes
batch.log      one line per graded student and per run (appended, so runs accumulate)

Rebuilding from the reports (not from this run's memory) is what makes a resumed batch's
outputs include the work of earlier runs.
"""

from __future__ import annotations

import csv
import io
import logging
import statistics
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from dlgrade.grader.assignments import Assignment
from dlgrade.grader.batch.discover import SubmissionTask
from dlgrade.grader.batch.state import read_report, report_path
from dlgrade.grader.reports.files import write_text_atomic
from dlgrade.grader.results import printable

TEMPLATE_DIR = Path(__file__).parent / "templates"
HISTOGRAM_BINS = 10
TOP_MISTAKES = 15
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class GradebookRow:
    student: str
    score: float
    max_score: float
    exercises: dict[str, float] = field(default_factory=dict)
    error: str = ""
    lms_id: str = ""
    pending: bool = False  # not graded yet (an interrupted run): no score to export
    warning: str = ""  # e.g. the notebook looks like another assignment than --assignment
    submitted: str = ""  # nbgrader's timestamp.txt
    late: bool = False  # Canvas's _LATE_ file name


@dataclass
class ClassStats:
    """Aggregates for the summary page, built while reading the reports one at a time."""

    scores: list[float] = field(default_factory=list)  # percentages, one per graded student
    exercise_passed: Counter = field(default_factory=Counter)
    exercise_seen: Counter = field(default_factory=Counter)
    mistakes: Counter = field(default_factory=Counter)  # (exercise, hint) -> students
    errors: list[tuple[str, str]] = field(default_factory=list)


def collect(
    tasks: Sequence[SubmissionTask],
    out_dir: Path,
    assignment: Assignment,
    failures: dict[str, str],
) -> tuple[list[GradebookRow], ClassStats]:
    """One row per task (sorted by student) from its report.json, or its failure if none."""
    rows, stats = [], ClassStats()
    for task in sorted(tasks, key=lambda t: t.student):
        report = read_report(report_path(out_dir, task.student))
        if report is None:
            pending = not (failures.get(task.student) or task.error)
            reason = failures.get(task.student) or task.error or "not graded yet (interrupted?)"
            rows.append(
                GradebookRow(task.student, 0.0, assignment.max_score, {}, reason, pending=pending)
            )
            stats.errors.append((task.student, reason))
            continue
        row = _row_from_report(task, report)
        row.submitted, row.late = task.submitted, task.late
        rows.append(row)
        _add_to_stats(stats, report, row)
    return rows, stats


def _row_from_report(task: SubmissionTask, report: dict[str, Any]) -> GradebookRow:
    exercises = {
        str(e.get("name")): float(e.get("score", 0.0))
        for e in report.get("exercises", [])
        if isinstance(e, dict)
    }
    return GradebookRow(
        student=task.student,
        score=float(report.get("score") or 0.0),
        max_score=float(report.get("max_score") or 0.0),
        exercises=exercises,
        error=str(report.get("error") or ""),
        lms_id=task.lms_id,
        warning=str(report.get("warning") or ""),
    )


def _add_to_stats(stats: ClassStats, report: dict[str, Any], row: GradebookRow) -> None:
    if row.error:
        stats.errors.append((row.student, row.error))
    stats.scores.append(100.0 * row.score / row.max_score if row.max_score else 0.0)
    seen_mistakes = set()
    for exercise in report.get("exercises", []):
        name = str(exercise.get("name"))
        stats.exercise_seen[name] += 1
        stats.exercise_passed[name] += exercise.get("status") == "passed"
        for test in exercise.get("tests", []):
            if test.get("mistake"):
                seen_mistakes.add((name, str(test["mistake"])))
    stats.mistakes.update(seen_mistakes)


def exercise_columns(assignment: Assignment) -> list[str]:
    """Every exercise of every notebook version, in assignment.toml order, once."""
    return list(dict.fromkeys(spec.name for spec in assignment.exercises))


def gradebook_csv(rows: Iterable[GradebookRow], columns: Sequence[str]) -> str:
    """The gradebook; an exercise the student's notebook version lacks is an empty cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = ["student", "score", "max_score", *columns, "error", "warning", "submitted", "late"]
    writer.writerow(header)
    for row in rows:
        cells = [_number(row.exercises[c]) if c in row.exercises else "" for c in columns]
        writer.writerow(
            [_cell(row.student), _number(row.score), _number(row.max_score), *cells]
            + [_cell(instructor_wording(row.error)), _cell(row.warning)]
            + [_cell(row.submitted), "late" if row.late else ""]
        )
    return buffer.getvalue()


def instructor_wording(message: str) -> str:
    """What went wrong, without the advice written for the student ("open it in Jupyter,
    save it, and submit again"): the first sentence or clause of a grader message."""
    for end in ("; ", ". "):
        head, found, _ = message.partition(end)
        if found and len(head) >= 20:
            message = head
    return message.rstrip(".;")


@dataclass(frozen=True)
class Totals:
    """The class as the outputs show it (every run's work): it always adds up."""

    students: int = 0
    graded: int = 0  # a report without an error
    ungradable: int = 0  # an error: unreadable, not found, the grader failed
    pending: int = 0  # not graded yet (an interrupted run)
    mismatched: int = 0  # graded, with a warning that --assignment looks wrong


def canvas_csv(rows: Iterable[GradebookRow], assignment: Assignment) -> str:
    """Canvas's gradebook import: Student, ID, SIS User ID, Section, one assignment column.

    Canvas matches a row by ID (its user id, known when the files came from a Canvas
    download named `name_<userid>_<submissionid>_file`) or else by SIS User ID (then the
    student id, i.e. the folder or file name). The second row gives the points possible.
    A score is scaled to the assignment's points: an old-generation notebook's 75 of 75
    is 100 of 100 here, as its report's percentage says. A student not graded yet is
    left blank, never 0.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["Student", "ID", "SIS User ID", "Section", assignment.title])
    writer.writerow(["Points Possible", "", "", "", _number(assignment.max_score)])
    for row in rows:
        sis = "" if row.lms_id else row.student
        exported = "" if row.pending else _number(_scaled(row, assignment.max_score))
        writer.writerow([_cell(row.student), row.lms_id, _cell(sis), "", exported])
    return buffer.getvalue()


def _scaled(row: GradebookRow, points: float) -> float:
    return row.score / row.max_score * points if row.max_score else 0.0


def _number(value: float) -> str:
    """Six decimals at most, as report.json has them (96.666667, not 96.67)."""
    return f"{round(value, 6):.6f}".rstrip("0").rstrip(".")


def _cell(text: str) -> str:
    """Neutralize spreadsheet formulas (CSV injection) in text cells; one line only."""
    text = printable(" ".join(str(text).split()))
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def class_totals(rows: Sequence[GradebookRow]) -> Totals:
    """How the class stands in these rows (every run's work, not only this one's)."""
    pending = sum(row.pending for row in rows)
    ungradable = sum(bool(row.error) and not row.pending for row in rows)
    return Totals(
        students=len(rows),
        graded=len(rows) - pending - ungradable,
        ungradable=ungradable,
        pending=pending,
        mismatched=sum(bool(row.warning) for row in rows),
    )


def summary_context(
    rows: Sequence[GradebookRow], stats: ClassStats, assignment: Assignment, totals: Totals
) -> dict[str, Any]:
    """Plain view data for summary.html; all arithmetic decided here, not in the template."""
    counts = [0] * HISTOGRAM_BINS
    for percent in stats.scores:
        counts[min(int(percent // (100 / HISTOGRAM_BINS)), HISTOGRAM_BINS - 1)] += 1
    tallest = max(counts) or 1
    width = 100 // HISTOGRAM_BINS
    histogram = [
        {"label": f"{i * width}-{(i + 1) * width}%", "count": c, "height": 100 * c / tallest}
        for i, c in enumerate(counts)
    ]
    exercises = [
        {
            "name": name,
            "seen": stats.exercise_seen[name],
            "passed": stats.exercise_passed[name],
            "rate": 100.0 * stats.exercise_passed[name] / stats.exercise_seen[name],
        }
        for name in exercise_columns(assignment)
        if stats.exercise_seen[name]
    ]
    mistakes = [
        {"exercise": exercise, "hint": hint, "students": count}
        for (exercise, hint), count in stats.mistakes.most_common(TOP_MISTAKES)
    ]
    return {
        "title": assignment.title,
        "slug": assignment.slug,
        "version": assignment.version,
        "students": len(rows),
        "graded": totals.graded,
        "pending": totals.pending,
        "mean": statistics.fmean(stats.scores) if stats.scores else 0.0,
        "median": statistics.median(stats.scores) if stats.scores else 0.0,
        "histogram": histogram,
        "exercises": exercises,
        "mistakes": mistakes,
        "errors": [(student, instructor_wording(why)) for student, why in stats.errors[:50]],
        "more_errors": max(0, len(stats.errors) - 50),
        "generated": time.strftime("%Y-%m-%d %H:%M"),
    }


def render_summary(context: dict[str, Any]) -> str:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return environment.get_template("summary.html.j2").render(**context)


def write_outputs(
    tasks: Sequence[SubmissionTask],
    out_dir: Path,
    assignment: Assignment,
    failures: dict[str, str],
) -> tuple[dict[str, Path], Totals]:
    """Rebuild gradebook.csv, canvas.csv and summary.html (atomically); kind -> path, and
    the totals of the class they show."""
    rows, stats = collect(tasks, out_dir, assignment, failures)
    totals = class_totals(rows)
    context = summary_context(rows, stats, assignment, totals)
    paths = {
        "gradebook": write_text_atomic(
            out_dir / "gradebook.csv", gradebook_csv(rows, exercise_columns(assignment))
        ),
        "canvas": write_text_atomic(out_dir / "canvas.csv", canvas_csv(rows, assignment)),
        "summary": write_text_atomic(out_dir / "summary.html", render_summary(context)),
    }
    return paths, totals


class RunLog:
    """OUT/batch.log: a line per run event and per graded student, flushed as it goes."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._handle: TextIO = path.open("a", encoding="utf-8")
        self.path = path

    def write(self, message: str) -> None:
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        self._handle.write(f"{stamp} {printable(' '.join(message.split()))}\n")
        self._handle.flush()

    def row(self, row: dict[str, Any]) -> None:
        text = f"{row['status']:<7} {row['student']} {_number(row['score'])}/"
        text += f"{_number(row['max_score'])} in {row['seconds']:.3f} s"
        self.write(text + (f" error: {row['error']}" if row.get("error") else ""))

    def handler(self) -> logging.Handler:
        """A logging handler writing warnings into this log (degraded paths)."""
        log = self

        class _ToRunLog(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                log.write(f"{record.levelname.lower()}: {record.getMessage()}")

        return _ToRunLog(logging.WARNING)

    def close(self) -> None:
        self._handle.close()
