"""From a pytest-json-report dict to results: hand-built reports, hand-computed scores."""

from __future__ import annotations

import pytest

from dlgrade.grader.checking.compare import Mismatch, NotGradedHere
from dlgrade.grader.checking.proxy import StudentFailure
from dlgrade.grader.checking.scoring import (
    collect_results,
    describe_exception,
    readable_name,
)
from tests.grader.checking.fake_sandbox import Spec

SPECS = (Spec("update_lr", "LR", 6, 1.0), Spec("initialize_adam", "Adam", 2, 1.0))


def entry(exercise, status, *, weight=1.0, submission="s", outcome=None, **extra):
    metadata = {
        "submission": submission,
        "exercise": exercise,
        "weight": weight,
        "visibility": "visible",
        "name": f"{exercise} {status}",
        "status": status,
        **extra,
    }
    return {
        "nodeid": f"test_x.py::test_{exercise}",
        "outcome": outcome or ("passed" if status == "passed" else "failed"),
        "setup": {"duration": 0.25},
        "call": {"duration": 0.5},
        "teardown": {"duration": 0.25},
        "metadata": metadata,
    }


def test_points_are_split_by_weight_and_only_passed_tests_score():
    report = {
        "tests": [
            entry("update_lr", "passed", weight=1),
            entry("update_lr", "failed", weight=2, message="differs", mistake="hint"),
            entry("initialize_adam", "passed"),
            entry("update_lr", "passed", submission="other"),
        ]
    }
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
    report = {
        "tests": [
            entry("update_lr", "passed"),
            entry("update_lr", "skipped", outcome="skipped"),
            entry("initialize_adam", "passed"),
        ]
    }
    update_lr, _ = collect_results(report, submission="s", exercises=SPECS)
    assert [(t.score, t.max_score) for t in update_lr.tests] == [(6.0, 6.0)]


def test_a_kits_hidden_share_is_neither_awarded_nor_lost():
    # a student kit: 3 of update_lr's 6 points belong to hidden checks it does not hold
    report = {"tests": [entry("update_lr", "passed"), entry("update_lr", "failed", weight=2)]}
    update_lr, adam = collect_results(
        report, submission="s", exercises=SPECS, ungraded={"update_lr": 0.5}
    )
    assert [(t.score, t.max_score) for t in update_lr.tests] == [(1.0, 1.0), (0.0, 2.0)]
    assert (update_lr.max_score, update_lr.ungraded_points) == (3.0, 3.0)
    assert adam.ungraded_points == 0.0


def test_a_case_the_kit_cannot_judge_counts_as_ungraded():
    not_recorded = describe_exception(NotGradedHere("not recorded"), when="call", test_id="t")
    report = {
        "tests": [
            entry("update_lr", "passed"),
            entry("update_lr", outcome="skipped", **not_recorded),
            entry("initialize_adam", "passed"),
        ]
    }
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
    report = {"tests": [entry("update_lr", "passed"), entry("initialize_adam", "passed")]}
    results = collect_results(report, submission="s", exercises=SPECS, run_error="crashed")
    assert [(e.status, e.score, e.max_score, e.message) for e in results] == [
        ("error", 0.0, 6.0, "crashed"),
        ("error", 0.0, 2.0, "crashed"),
    ]


def test_broken_module_zeroes_its_exercise_or_all():
    report = {"tests": [entry("update_lr", "passed"), entry("initialize_adam", "passed")]}
    one = collect_results(report, submission="s", exercises=SPECS, broken={"initialize_adam": "b"})
    assert [e.status for e in one] == ["passed", "error"]
    every = collect_results(report, submission="s", exercises=SPECS, broken={"*": "b"})
    assert [e.status for e in every] == ["error", "error"]


def test_undefined_function_is_missing():
    report = {"tests": [entry("update_lr", "failed"), entry("initialize_adam", "passed")]}
    update_lr, adam = collect_results(
        report, submission="s", exercises=SPECS, defined=frozenset({"initialize_adam"})
    )
    assert (update_lr.status, update_lr.found, adam.found) == ("missing", False, True)


def test_status_falls_back_to_the_outcome_without_metadata_status():
    bare = entry("update_lr", "passed")
    del bare["metadata"]["status"]
    errored = entry("initialize_adam", "passed", outcome="error")
    del errored["metadata"]["status"]
    update_lr, adam = collect_results({"tests": [bare, errored]}, submission="s", exercises=SPECS)
    assert update_lr.tests[0].status == "passed"
    assert (adam.tests[0].status, adam.tests[0].message) == (
        "error",
        "the check did not report a result",
    )


@pytest.mark.parametrize(
    ("docstring", "function", "case", "name"),
    [
        ("course test case\n\nmore text", "test_course", "", "course test case"),
        ("hidden", "test_small", "m < mini_batch_size", "hidden: m < mini_batch_size"),
        (None, "test_random_inputs", "", "random inputs"),
        ("", "test_shapes", "3 layers", "shapes: 3 layers"),
    ],
)
def test_readable_names(docstring, function, case, name):
    assert readable_name(docstring, function, case) == name


@pytest.mark.parametrize(
    ("exception", "expected"),
    [
        (StudentFailure("f raised X"), {"status": "failed", "message": "f raised X"}),
        (StudentFailure("died", status="error"), {"status": "error", "message": "died"}),
        (
            Mismatch("W1 differs", "hint"),
            {"status": "failed", "message": "W1 differs", "mistake": "hint"},
        ),
        (AssertionError("plain"), {"status": "failed", "message": "plain"}),
        (AssertionError(), {"status": "failed", "message": "the check failed"}),
        (
            KeyError("x"),
            {"status": "error", "message": "internal error in check t.py::test_a: KeyError: 'x'"},
        ),
    ],
    ids=["student failure", "grader failure", "mismatch", "assert", "bare assert", "bug"],
)
def test_describe_exception(exception, expected):
    assert describe_exception(exception, when="call", test_id="t.py::test_a") == expected


def test_describe_exception_names_the_failing_phase():
    described = describe_exception(ValueError("v"), when="setup", test_id="t.py::test_a")
    assert described["message"] == "internal error in check t.py::test_a (setup): ValueError: v"
