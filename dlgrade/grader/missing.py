"""Why a graded function was not found, when the notebook says: the student's function
may sit in a cell that did not parse (skipped whole) or in a markdown cell."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from dlgrade.grader.extraction import SKIPPED_CELL, ExtractionProblem
from dlgrade.grader.loading import Submission
from dlgrade.grader.results import ExerciseResult


def explain_missing(
    exercise: ExerciseResult,
    submission: Submission,
    problems: Sequence[ExtractionProblem],
    written: Mapping[int, frozenset[str]],
) -> ExerciseResult:
    """A missing exercise whose cell could not be read says why, once; its cases point to it.

    `written`: cell index -> the names after `def` in that cell's raw text."""
    why = None if exercise.found else why_missing(exercise.name, submission, problems, written)
    if why is None:
        return exercise
    pointer = f"not run: {exercise.name} could not be read (the exercise says why)"
    tests = tuple(replace(test, message=pointer) for test in exercise.tests)
    return replace(exercise, message=why, tests=tests)


def why_missing(
    name: str,
    submission: Submission,
    problems: Sequence[ExtractionProblem],
    written: Mapping[int, frozenset[str]],
) -> str | None:
    """Where a function the grader could not find actually is, when the notebook says.

    "not found" is baffling to a student whose function sits in a cell with a syntax
    error (skipped whole) or in a markdown cell; say which cell and why.
    """
    by_cell = {p.cell: p for p in problems}
    for cell in submission.cells:
        if name not in written.get(cell.index, frozenset()):
            continue
        where = describe_cell(submission, cell.index)
        if cell.cell_type != "code":
            return f"{name} is written in {where}, which is never run: make it a code cell"
        problem = by_cell.get(cell.index)
        if problem is not None:
            line = f", line {problem.line}" if problem.line else ""
            reason = problem.message.removesuffix(SKIPPED_CELL)
            return (
                f"{name} could not be read: {where}{line}: {reason}. The whole cell was "
                "skipped; fix it and grade again."
            )
    return None


def describe_cell(submission: Submission, index: int) -> str:
    """A cell as a Jupyter user finds it: its kind, its number among cells of that kind,
    and its first line (notebooks show no cell numbers, and markdown cells count too)."""
    cell = next(c for c in submission.cells if c.index == index)
    number = sum(1 for c in submission.cells if c.cell_type == cell.cell_type and c.index <= index)
    first = next((line.strip() for line in cell.source.splitlines() if line.strip()), "")
    first = first if len(first) <= 50 else first[:49] + "…"
    where = f"{cell.cell_type} cell {number}"
    return f"{where} (the one starting `{first}`)" if first else where
