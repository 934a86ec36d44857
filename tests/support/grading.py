"""Reading graded results in end-to-end tests: scores, lost points, hints, mistake rounds."""

from __future__ import annotations

from collections.abc import Iterable

from dlgrade.grader.checking.mistakes import Mistake
from dlgrade.grader.results import SubmissionResult


def scores(result: SubmissionResult) -> dict[str, float]:
    return {exercise.name: exercise.score for exercise in result.exercises}


def lost(result: SubmissionResult) -> dict[str, float]:
    """Points lost per exercise, only where some were lost."""
    return {
        e.name: round(e.max_score - e.score, 6) for e in result.exercises if e.score < e.max_score
    }


def assert_only_lost(result: SubmissionResult, exercise: str) -> None:
    """`exercise` lost points and every other exercise has full marks."""
    assert set(lost(result)) == {exercise}, lost(result)


def hints_shown(result: SubmissionResult) -> set[str]:
    return {test.mistake for test in result.flat_tests() if test.mistake}


def mistakes_shown(result: SubmissionResult, exercise: str) -> set[str]:
    return {t.mistake for t in result.flat_tests() if t.exercise == exercise and t.mistake}


def mistake_rounds(mistakes: Iterable[Mistake]) -> list[dict[str, Mistake]]:
    """Catalogued mistakes grouped so each notebook holds at most one per exercise."""
    rounds: list[dict[str, Mistake]] = []
    for mistake in mistakes:
        target = next((r for r in rounds if mistake.exercise not in r), None)
        if target is None:
            rounds.append(target := {})
        target[mistake.exercise] = mistake
    return rounds
