"""render_json/write_json: the report contract, strictly valid JSON, UTF-8 kept readable."""

from __future__ import annotations

import json
import math
from dataclasses import replace

import pytest

from dlgrade.grader import results
from dlgrade.grader.reports.json_report import render_json, write_json
from tests.grader.reports.samples import ADAM_MISTAKE, ISOLATION, with_test

CONTRACT_TOP_KEYS = {
    "schema_version",
    "assignment",
    "assignment_version",
    "score",
    "max_score",
    "execution_time",
    "submission",
    "isolation",
    "exercises",
    "tests",
}
CONTRACT_TEST_KEYS = {"name", "status", "score", "max_score", "message", "visibility"}


def _strict_loads(text: str):
    def reject(constant: str):
        raise AssertionError(f"non-JSON constant {constant} in output")

    return json.loads(text, parse_constant=reject)


def test_contract_keys_and_hand_computed_values(mixed_result):
    data = _strict_loads(render_json(mixed_result))
    assert CONTRACT_TOP_KEYS <= data.keys()
    assert data["schema_version"] == 1
    assert (data["assignment"], data["assignment_version"]) == ("optimization", "2021.1")
    assert (data["score"], data["max_score"]) == (6, 16)  # 4 + 2 + 0 + 0 + 0 of 4+6+2+3+1
    assert data["execution_time"] == pytest.approx(0.4321)
    assert data["submission"] == {
        "path": "student <b>42</b>.ipynb",
        "sha256": "ab" * 32,
        "format": "ipynb",
    }
    assert data["isolation"] == ISOLATION
    assert [e["status"] for e in data["exercises"]] == [
        "passed",
        "partial",
        "failed",
        "missing",
        "error",
    ]
    assert [(e["score"], e["max_score"]) for e in data["exercises"]] == [
        (4, 4),
        (2, 6),
        (0, 2),
        (0, 3),
        (0, 1),
    ]
    for exercise in data["exercises"]:
        assert {"name", "score", "max_score", "status", "tests"} <= exercise.keys()
        for test in exercise["tests"]:
            assert CONTRACT_TEST_KEYS <= test.keys()
    adam_tests = data["exercises"][1]["tests"]
    assert adam_tests[1]["mistake"] == ADAM_MISTAKE
    assert adam_tests[2]["visibility"] == "hidden"
    assert len(data["tests"]) == 7  # 2 + 3 + 1 + 0 + 1 flattened
    assert all(t["status"] in {"passed", "failed"} for t in data["tests"])


def test_crash_result_is_a_complete_report_with_the_message(crash_result):
    data = _strict_loads(render_json(crash_result))
    assert CONTRACT_TOP_KEYS <= data.keys()
    assert (data["score"], data["max_score"]) == (0, 0)
    assert data["exercises"] == [] and data["tests"] == []
    assert data["error"] == "could not start the sandbox: fork failed"


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_numbers_become_null_not_bare_constants(mixed_result, bad):
    mixed_result = with_test(mixed_result, 0, 0, score=bad)
    mixed_result.isolation["cpu_seconds"] = bad
    text = render_json(mixed_result)
    data = _strict_loads(text)
    assert data["exercises"][0]["tests"][0]["score"] is None
    assert data["isolation"]["cpu_seconds"] is None


def test_non_ascii_is_kept_readable_and_output_is_pretty(mixed_result):
    mixed_result = with_test(mixed_result, 1, 1, message="ε inside √(ŝ)")
    text = render_json(mixed_result)
    assert "ε inside √(ŝ)" in text
    assert text.startswith("{\n  ") and text.endswith("}\n")


@pytest.mark.parametrize("bad", [0.5, math.nan])
def test_compact_json_holds_the_same_data_on_one_line(mixed_result, bad):
    mixed_result = with_test(mixed_result, 0, 0, score=bad)
    mixed_result = with_test(mixed_result, 1, 1, message="ε inside √(ŝ)\nsecond line")
    compact = render_json(mixed_result, compact=True)
    assert compact.count("\n") == 1 and compact.endswith("}\n")
    assert _strict_loads(compact) == _strict_loads(render_json(mixed_result))


def test_write_json_survives_undecodable_student_output(mixed_result, tmp_path):
    undecodable = results.ExerciseResult(
        name="f",
        max_score=1,
        tests=[results.TestResult("t", "f", "failed", 0, 1, output="bytes \udcff here")],
    )
    mixed_result = replace(mixed_result, exercises=(*mixed_result.exercises, undecodable))
    path = write_json(mixed_result, tmp_path / "r.json")
    data = _strict_loads(path.read_bytes().decode("utf-8"))
    assert data["exercises"][-1]["tests"][0]["output"] == "bytes \ufffd here"


@pytest.fixture(scope="module")
def validator():
    import jsonschema

    from dlgrade.grader.reports.json_report import SCHEMA_PATH

    schema = json.loads(SCHEMA_PATH.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_real_reports_validate_against_the_shipped_schema(validator, tmp_path):
    """A graded notebook with mistakes, an unreadable one (as `grade batch` reports it)."""
    import io

    from dlgrade.grader.batch import run_batch
    from dlgrade.grader.commands import DEMO_SUBMISSION
    from dlgrade.grader.grading import grade_submission
    from tests.grader.batch.samples import GOOD, NOT_A_NOTEBOOK, TINY_ROOT, write

    validator.validate(json.loads(render_json(grade_submission(path=DEMO_SUBMISSION))))
    write(tmp_path / "subs" / "alice.py", GOOD)
    write(tmp_path / "subs" / "dave.ipynb", NOT_A_NOTEBOOK)
    run_batch(submissions=tmp_path / "subs", assignment="tiny", out_dir=tmp_path / "out",
              jobs=1, assignments_root=TINY_ROOT, progress_stream=io.StringIO())  # fmt: skip
    for student in ("alice", "dave"):
        validator.validate(json.loads((tmp_path / "out" / student / "report.json").read_text()))


@pytest.mark.parametrize(
    "broken",
    [{"score": -1}, {"schema_version": 2}, {"submission": {"path": "x"}}, {"surprise": 1}],
    ids=["negative-score", "other-version", "incomplete-submission", "unknown-key"],
)
def test_the_schema_refuses_what_the_contract_excludes(validator, broken):
    import jsonschema

    from dlgrade.grader.commands import DEMO_SUBMISSION
    from dlgrade.grader.grading import grade_submission

    report = json.loads(render_json(grade_submission(path=DEMO_SUBMISSION))) | broken
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(report)
