"""Resume decisions: a report is up to date only for the same bytes, grader and assignment."""

import json

import pytest

from dlgrade.grader.batch.discover import SubmissionTask
from dlgrade.grader.batch.state import is_up_to_date, plan, read_report

TASK = SubmissionTask("alice", "/s/alice.py", "/s/alice.py", sha256="abc")
FRESH = {
    "assignment": "tiny",
    "assignment_version": "1",
    "grader_version": "0.1.0",
    "submission": {"sha256": "abc"},
}
CURRENT = {"assignment": "tiny", "assignment_version": "1", "grader_version": "0.1.0"}


def test_same_bytes_grader_and_assignment_is_up_to_date():
    assert is_up_to_date(FRESH, TASK, **CURRENT)


@pytest.mark.parametrize(
    "change",
    [
        {"submission": {"sha256": "edited"}},
        {"grader_version": "0.0.9"},
        {"assignment_version": "0"},
        {"assignment": "other"},
        {"submission": None},
    ],
    ids=["file edited", "grader upgraded", "assignment revised", "other assignment", "broken"],
)
def test_any_change_means_regrade(change):
    assert not is_up_to_date({**FRESH, **change}, TASK, **CURRENT)


def test_missing_report_means_regrade():
    assert not is_up_to_date(None, TASK, **CURRENT)


@pytest.mark.parametrize("text", ["", "{trunc", "[1, 2]"])
def test_unreadable_report_reads_as_none(tmp_path, text):
    path = tmp_path / "report.json"
    path.write_text(text)
    assert read_report(path) is None


def test_plan_skips_fresh_and_force_regrades_all(tmp_path):
    other = SubmissionTask("bob", "/s/bob.py", "/s/bob.py", sha256="def")
    (tmp_path / "alice").mkdir()
    (tmp_path / "alice" / "report.json").write_text(json.dumps(FRESH))
    to_grade, skipped = plan([TASK, other], tmp_path, **CURRENT)
    assert [t.student for t in to_grade] == ["bob"]
    assert [t.student for t in skipped] == ["alice"]
    to_grade, skipped = plan([TASK, other], tmp_path, **CURRENT, force=True)
    assert len(to_grade) == 2 and skipped == []
