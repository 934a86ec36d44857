"""From check records to results: hand-built records, hand-computed scores."""

from __future__ import annotations

from dlgrade.grader.checking.compare import NotGradedHere
from dlgrade.grader.checking.records import CheckRecord, Outcome, describe_exception
from dlgrade.grader.checking.scoring import collect_results
from tests.grader.checking.fake_sandbox import Spec

SPECS = (Spec("update_lr", "LR", 6, 1.0), Spec("initialize_adam", "Adam", 2, 1.0))


def entry(exercise, status, *, weight=1.0, submission="s", message="", mistake=None, **extra):
    return CheckRecord(
        test_id=f"test_x.py::test_{exercise}",
        submission=submission,
        exercise=exercise,
        weight=weight,
        visibility="visible",
        name=f"{exercise} {status}",
        outcome=Outcome(status, message, mistake, **extra),
        duration=1.0,
    )


def test_points_are_split_by_weight_and_only_passed_tests_score():
    report = [
        entry("update_lr", "passed", weight=1),
        entry("update_lr", "failed", weight=2, message="differs", mistake="hint"),
        entry("initialize_adam", "passed"),
        entry("update_lr", "passed", submission="other"),
    ]
    update_lr, adam = collect_results(report, submission="s", exercises=SPECS)
    # 6 points over weights 1 + 2: 2 and 4
    assert [(t.number, t.score, t.max_score, t.status) for t in update_lr.tests] == [
        ("1.1", 2.0, 2.0, "passed"),
        ("1.2", 0.0, 4.0, "failed"),
    ]
    assert (update_lr.status, update_lr.score) == ("partial", 2.0)
    assert (update_lr.tests[1].message, update_lr.tests[1].mistake) == ("differs", "hint")
    assert update_lr.tests[0].duration == 1.0
    assert (adam.status, adam.score, adam.tests[0].number) == ("passed", 2.0, "2.1")


def test_skipped_tests_do_not_count():
    report = [
        entry("update_lr", "passed"),
        entry("update_lr", "skipped"),
        entry("initialize_adam", "passed"),
    ]
    update_lr, _ = collect_results(report, submission="s", exercises=SPECS)
    assert [(t.score, t.max_score) for t in update_lr.tests] == [(6.0, 6.0)]


def test_a_kits_hidden_share_is_neither_awarded_nor_lost():
    # a student kit: 3 of update_lr's 6 points belong to hidden checks it does not hold
    report = [entry("update_lr", "passed"), entry("update_lr", "failed", weight=2)]
    update_lr, adam = collect_results(
        report, submission="s", exercises=SPECS, ungraded={"update_lr": 0.5}
    )
    assert [(t.score, t.max_score) for t in update_lr.tests] == [(1.0, 1.0), (0.0, 2.0)]
    assert (update_lr.max_score, update_lr.ungraded_points) == (3.0, 3.0)
    assert adam.ungraded_points == 0.0


def test_a_case_the_kit_cannot_judge_counts_as_ungraded():
    not_recorded = describe_exception(NotGradedHere("not recorded"), when="call", test_id="t")
    assert (not_recorded.status, not_recorded.ungraded) == ("skipped", True)
    report = [
        entry("update_lr", "passed"),
        entry("update_lr", "skipped", message="not recorded", ungraded=True),
        entry("initialize_adam", "passed"),
    ]
    update_lr, _ = collect_results(report, submission="s", exercises=SPECS)
    assert [(t.name, t.score, t.max_score) for t in update_lr.tests] == [
        ("update_lr passed", 3.0, 3.0)
    ]
    assert (update_lr.status, update_lr.max_score, update_lr.ungraded_points) == (
        "passed",
        3.0,
        3.0,
    )


def test_run_error_zeroes_everything_with_its_message():
    report = [entry("update_lr", "passed"), entry("initialize_adam", "passed")]
    results = collect_results(report, submission="s", exercises=SPECS, run_error="crashed")
    assert [(e.status, e.score, e.max_score, e.message) for e in results] == [
        ("error", 0.0, 6.0, "crashed"),
        ("error", 0.0, 2.0, "crashed"),
    ]


def test_broken_module_zeroes_its_exercise_or_all():
    report = [entry("update_lr", "passed"), entry("initialize_adam", "passed")]
    one = collect_results(report, submission="s", exercises=SPECS, broken={"initialize_adam": "b"})
    assert [e.status for e in one] == ["passed", "error"]
    every = collect_results(report, submission="s", exercises=SPECS, broken={"*": "b"})
    assert [e.status for e in every] == ["error", "error"]


def test_undefined_function_is_missing():
    report = [entry("update_lr", "failed"), entry("initialize_adam", "passed")]
    update_lr, adam = collect_results(
        report, submission="s", exercises=SPECS, defined=frozenset({"initialize_adam"})
    )
    assert (update_lr.status, update_lr.found, adam.found) == ("missing", False, True)


def test_a_status_scoring_does_not_know_is_an_error_with_a_message():
    update_lr, _ = collect_results(
        [entry("update_lr", "xfailed"), entry("initialize_adam", "passed")],
        submission="s",
        exercises=SPECS,
    )
    assert (update_lr.tests[0].status, update_lr.tests[0].message) == (
        "error",
        "the check did not report a result",
    )
