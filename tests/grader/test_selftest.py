"""`grade selftest`: the whole self-test passes, and its judges can fail."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from dlgrade.grader.checking.mistakes import Mistake
from dlgrade.grader.results import ExerciseResult, SubmissionInfo, SubmissionResult, TestResult
from dlgrade.grader.selftest import judge_mistake, judge_reference, judge_template, run_selftest


def test_the_selftest_of_every_assignment_is_green():
    report = run_selftest()
    failures = [case for case in report.cases if not case.passed]
    assert not failures, report.table()
    assert len(report.assignments) == 6
    caught = re.fullmatch(
        r"selftest: 6 assignments, (\d+) of (\d+) mistakes caught", report.summary_line()
    )
    assert caught and caught.group(1) == caught.group(2)
    # the issue asks for at least two catalogued mistakes per exercise
    per_exercise: dict[tuple[str, str], int] = {}
    for case in report.mistakes():
        per_exercise[(case.assignment, case.exercise)] = (
            per_exercise.get((case.assignment, case.exercise), 0) + 1
        )
    from dlgrade.grader.assignments import available_assignments

    for assignment in available_assignments().values():
        for spec in assignment.exercises:
            assert per_exercise.get((assignment.slug, spec.name), 0) >= 2, (
                assignment.slug,
                spec.name,
            )


def _result(*exercises: ExerciseResult) -> SubmissionResult:
    return SubmissionResult(
        assignment="demo",
        assignment_version="1",
        submission=SubmissionInfo(path="x.ipynb", sha256="0" * 64, format="ipynb"),
        exercises=list(exercises),
    )


def _exercise(name: str, score: float, *, mistake: str | None = None, status="passed"):
    test = TestResult(
        name="case",
        exercise=name,
        status=status if score < 10 else "passed",
        score=score,
        max_score=10,
        mistake=mistake,
    )
    return ExerciseResult(name=name, max_score=10, tests=[test])


MISTAKE = Mistake(name="no_floor", exercise="f", hint="use floor", function=lambda: None)


@pytest.mark.parametrize(
    ("exercises", "caught", "detail"),
    [
        (
            (_exercise("f", 5, mistake="use floor", status="failed"), _exercise("g", 10)),
            True,
            "5/10 on f",
        ),
        ((_exercise("f", 10), _exercise("g", 10)), False, "lost no points"),
        ((_exercise("f", 5, status="failed"), _exercise("g", 10)), False, "hint not shown"),
        (
            (
                _exercise("f", 5, mistake="use floor", status="failed"),
                _exercise("g", 0, status="failed"),
            ),
            False,
            "also lost points on g",
        ),
        (
            (
                _exercise("f", 5, mistake="use floor", status="failed"),
                _exercise("g", 10),
                _exercise("h", 10),
            ),
            True,
            "5/10 on f",
        ),
    ],
    ids=["caught", "not caught", "hint missing", "collateral damage", "caught among others"],
)
def test_a_mistake_is_caught_only_when_it_loses_points_on_its_own_exercise_with_its_hint(
    exercises, caught, detail
):
    case = judge_mistake("demo", MISTAKE, _result(*exercises))
    assert case.passed is caught
    assert detail in case.detail


def test_reference_must_score_everything_and_template_nothing():
    full = _result(_exercise("f", 10))
    partial = _result(_exercise("f", 4, status="failed"))
    assert judge_reference("demo", "reference", full).passed
    assert not judge_reference("demo", "reference", partial).passed
    assert judge_template("demo", _result(_exercise("f", 0, status="failed"))).passed
    assert not judge_template("demo", partial).passed
    assert not judge_template("demo", _result(_exercise("f", 0, status="error"))).passed


def test_a_mistake_that_also_names_another_hint_is_not_caught():
    f = _exercise("f", 5, mistake="use floor", status="failed")
    other = TestResult("other", "f", "failed", score=0, max_score=0, mistake="x")
    f = replace(f, tests=(*f.tests, other))
    case = judge_mistake("demo", MISTAKE, _result(f, _exercise("g", 10)))
    assert not case.passed and "also named other mistakes: x" in case.detail


def test_reference_must_be_recognized_as_its_generation_and_template_read_cleanly():
    full = replace(_result(_exercise("f", 10)), notebook_version="old")
    assert judge_reference("demo", "reference", full, "old").passed
    wrong = judge_reference("demo", "reference", full, "new")
    assert not wrong.passed and "graded as a 'old' notebook" in wrong.detail
    template = _result(_exercise("f", 0, status="failed"))
    template = replace(template, problems=("cell 3, line 1: SyntaxError: invalid syntax",))
    assert not judge_template("demo", template).passed
