"""Kept plans: checks collected by one session, run for later submissions without pytest.

Every result of a run from a kept plan is compared with a fresh session's for the same
submission (field by field, durations aside); the kept run is shown to start no pytest
session at all by making `pytest.main` unusable during it.
"""

from __future__ import annotations

from dlgrade.grader.checking import runner
from dlgrade.grader.checking.plan import CheckPlans
from dlgrade.grader.checking.runner import run_checks
from tests.grader.checking.test_plugin import BATCH, OLD, comparable, grade
from tests.grader.checking.test_runner import (
    AUTOUSE_FIXTURE,
    CHECKS,
    OLD_SPECS,
    SOLUTION,
    copy_checks,
    submission,
)


def no_pytest(*args, **kwargs):
    raise AssertionError("a kept plan must not start a pytest session")


def test_a_kept_plan_gives_every_submission_a_fresh_sessions_results(monkeypatch):
    plans = CheckPlans()
    run_checks(CHECKS, [submission("first", SOLUTION)], plans=plans)
    assert plans.get(CHECKS) is not None
    monkeypatch.setattr(runner.pytest, "main", no_pytest)
    kept = grade(BATCH, plans=plans)
    monkeypatch.undo()
    fresh = grade(BATCH)
    for key, *_ in BATCH:
        assert comparable(kept[key]) == comparable(fresh[key]), key


def test_a_plan_made_for_old_notebooks_checks_every_exercise_of_new_ones(monkeypatch):
    plans = CheckPlans()
    run_checks(CHECKS, [submission("old", OLD, specs=OLD_SPECS, version="old")], plans=plans)
    monkeypatch.setattr(runner.pytest, "main", no_pytest)
    [results] = run_checks(CHECKS, [submission("new", SOLUTION)], plans=plans).values()
    assert [(e.name, e.status, len(e.tests)) for e in results] == [
        ("update_lr", "passed", 3),
        ("initialize_velocity", "passed", 2),
        ("schedule_lr_decay", "passed", 2),
    ]


def test_a_plan_is_dropped_when_a_file_of_the_assignment_changes(tmp_path):
    checks = copy_checks(tmp_path)
    plans = CheckPlans()
    run_checks(checks, [submission("s", SOLUTION)], plans=plans)
    failing = (
        "import pytest\npytestmark = pytest.mark.exercise('update_lr')\n"
        "def test_new(student):\n    raise AssertionError('a new check')\n"
    )
    (checks / "test_new.py").write_text(failing)
    assert plans.get(checks) is None
    [results] = run_checks(checks, [submission("s", SOLUTION)], plans=plans).values()
    assert results[0].tests[-1].message == "a new check"
    assert plans.get(checks) is not None


def test_no_plan_is_kept_from_a_check_major_session(tmp_path):
    checks = copy_checks(tmp_path, AUTOUSE_FIXTURE)
    plans = CheckPlans()
    [results] = run_checks(checks, [submission("s", SOLUTION)], plans=plans).values()
    assert [e.status for e in results] == ["passed"] * 3
    assert plans.get(checks) is None


def test_a_kept_plan_still_reports_a_check_module_that_did_not_load(tmp_path, monkeypatch):
    broken = "import pytest\npytestmark = pytest.mark.exercise('update_lr')\n("
    checks = copy_checks(tmp_path, ("test_broken.py", broken))
    plans = CheckPlans()
    fresh = run_checks(checks, [submission("s", SOLUTION)], plans=plans)["s"]
    monkeypatch.setattr(runner.pytest, "main", no_pytest)
    kept = run_checks(checks, [submission("s", SOLUTION)], plans=plans)["s"]
    assert comparable(kept) == comparable(fresh)
    assert kept[0].message.startswith("grader problem: check module test_broken.py")
    assert [e.status for e in kept[1:]] == ["passed", "passed"]
