"""Gradebook, Canvas CSV and class summary, rebuilt from per-student report.json files."""

import csv
import io

from dlgrade.grader.assignments import load_assignment
from dlgrade.grader.batch.discover import SubmissionTask
from dlgrade.grader.batch.outputs import write_outputs
from dlgrade.grader.reports.json_report import write_json
from dlgrade.grader.results import ExerciseResult, SubmissionInfo, SubmissionResult
from dlgrade.grader.results import TestResult as CheckResult
from tests.grader.batch.samples import TINY_ROOT

TINY = load_assignment(TINY_ROOT / "tiny")
HOSTILE_HINT = "<script>alert(1)</script> divide by (1 + decay_rate * epoch_num)"


def report(out, student, update_lr, scale, *, mistake=None, error=None):
    """A report with one test per exercise scoring the given points (of 6 and 4)."""

    def exercise(name, score, max_score, hint=None):
        status = "passed" if score == max_score else "failed"
        test = CheckResult("case", name, status, score, max_score, mistake=hint)
        return ExerciseResult(name=name, max_score=max_score, tests=[test])

    result = SubmissionResult(
        assignment="tiny",
        assignment_version="1",
        submission=SubmissionInfo(f"/s/{student}.py", "0" * 64, "py"),
        exercises=[exercise("update_lr", update_lr, 6, mistake), exercise("scale", scale, 4)],
        error=error,
    )
    write_json(result, out / student / "report.json")


def task(student, lms_id="", error=None):
    return SubmissionTask(
        student, None if error else f"/s/{student}.py", student, "", lms_id, error
    )


def rows_of(text):
    return list(csv.reader(io.StringIO(text)))


def test_gradebook_columns_sorted_rows_and_failures(tmp_path):
    report(tmp_path, "bob", 6, 4)
    report(tmp_path, "alice", 0, 4, mistake="wrong parentheses")
    report(tmp_path, "@evil", 0, 0, error="=cmd|' /C calc'!A0")
    tasks = [task("bob"), task("zoe", error="no notebook"), task("alice"), task("@evil")]
    write_outputs(tasks, tmp_path, TINY, {})
    rows = rows_of((tmp_path / "gradebook.csv").read_text())
    assert rows == [
        [
            "student",
            "score",
            "max_score",
            "update_lr",
            "scale",
            "error",
            "warning",
            "submitted",
            "late",
        ],
        ["'@evil", "0", "10", "0", "0", "'=cmd|' /C calc'!A0", "", "", ""],
        ["alice", "4", "10", "0", "4", "", "", "", ""],
        ["bob", "10", "10", "6", "4", "", "", "", ""],
        ["zoe", "0", "10", "", "", "no notebook", "", "", ""],
    ]


def test_canvas_csv_header_points_possible_and_ids(tmp_path):
    report(tmp_path, "smithjane", 6, 4)
    report(tmp_path, "bob", 6, 0)
    write_outputs([task("smithjane", lms_id="12345"), task("bob")], tmp_path, TINY, {})
    rows = rows_of((tmp_path / "canvas.csv").read_text())
    assert rows == [
        ["Student", "ID", "SIS User ID", "Section", "Tiny (batch tests)"],
        ["Points Possible", "", "", "", "10"],
        ["bob", "", "bob", "", "6"],
        ["smithjane", "12345", "", "", "10"],
    ]


def test_canvas_scales_a_smaller_exercise_set_and_leaves_ungraded_students_blank(tmp_path):
    """An old-generation notebook is graded on fewer points (here update_lr only: 6 of 6):
    Canvas gets the assignment's points scaled, 10 of 10, as its report's 100 % says."""
    old = SubmissionResult(
        assignment="tiny", assignment_version="1",
        submission=SubmissionInfo("/s/old.py", "0" * 64, "py"),
        exercises=[ExerciseResult(name="update_lr", max_score=6, tests=[
            CheckResult("case", "update_lr", "passed", 6, 6)])],
    )  # fmt: skip
    write_json(old, tmp_path / "old" / "report.json")
    report(tmp_path, "third", 2, 4 / 3)
    write_outputs([task("old"), task("third"), task("later")], tmp_path, TINY, {})
    rows = rows_of((tmp_path / "canvas.csv").read_text())
    assert rows[2:] == [["later", "", "later", "", ""], ["old", "", "old", "", "10"],
                        ["third", "", "third", "", "3.333333"]]  # fmt: skip
    gradebook = rows_of((tmp_path / "gradebook.csv").read_text())
    assert gradebook[3][:3] == ["third", "3.333333", "10"]  # the report's precision


def test_summary_counts_mistakes_and_escapes_student_text(tmp_path):
    for index in range(3):
        report(tmp_path, f"s{index}", 0, 4, mistake=HOSTILE_HINT)
    report(tmp_path, "top", 6, 4)
    tasks = [task(f"s{i}") for i in range(3)] + [task("top"), task("<b>x", error="<i>lost</i>")]
    write_outputs(tasks, tmp_path, TINY, {})
    page = (tmp_path / "summary.html").read_text()
    assert "<script>" not in page and "<b>x" not in page and "<i>lost" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;x" in page
    # 3 of 4 graded students made the mistake; 1 of 4 passed update_lr, 4 of 4 scale.
    assert ">3</td>" in page
    assert "1 / 4" in page and "4 / 4" in page
    assert "http" not in page.replace("http-equiv", "")  # self-contained: nothing fetched


def test_the_summary_counts_only_graded_students_and_speaks_to_the_instructor(tmp_path):
    report(tmp_path, "bob", 6, 4)
    tasks = [task("bob"), task("dan", error="Notebook 'dan.ipynb' is not valid JSON (line 1); "
                             "open it in Jupyter, save it, and submit again")]  # fmt: skip
    write_outputs(tasks, tmp_path, TINY, {})
    page = (tmp_path / "summary.html").read_text()
    assert "2 students,\n1 graded" in page
    assert "is not valid JSON (line 1)" in page and "submit again" not in page
