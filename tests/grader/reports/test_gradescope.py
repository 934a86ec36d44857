"""to_gradescope: checked against Gradescope's documented results.json format (DESIGN.md)."""

from __future__ import annotations

import json

import pytest

from dlgrade.grader.reports.gradescope import to_gradescope, write_gradescope
from tests.grader.reports.samples import ADAM_MISTAKE, with_test

# From DESIGN.md, "Gradescope results.json (as Gradescope documents it)".
TOP_LEVEL_FIELDS = {
    "score",
    "execution_time",
    "output",
    "output_format",
    "test_output_format",
    "test_name_format",
    "visibility",
    "stdout_visibility",
    "extra_data",
    "tests",
    "leaderboard",
}
TEST_FIELDS = {
    "score",
    "max_score",
    "status",
    "name",
    "name_format",
    "number",
    "output",
    "output_format",
    "tags",
    "visibility",
    "extra_data",
}
FORMATS = {"text", "html", "simple_format", "md", "ansi"}
VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}


def assert_valid_results_json(doc: dict) -> None:
    """Structural check of a results.json document, written from the documentation."""
    assert set(doc) <= TOP_LEVEL_FIELDS, set(doc) - TOP_LEVEL_FIELDS
    assert "leaderboard" not in doc
    assert isinstance(doc["score"], (int, float)) and not isinstance(doc["score"], bool)
    assert isinstance(doc["execution_time"], (int, float)) and doc["execution_time"] >= 0
    assert isinstance(doc["output"], str)
    for key in ("output_format", "test_output_format", "test_name_format"):
        assert doc[key] == "text"
    assert doc["visibility"] in VISIBILITIES
    assert doc["stdout_visibility"] in VISIBILITIES
    assert isinstance(doc["extra_data"], dict)
    assert isinstance(doc["tests"], list)
    for test in doc["tests"]:
        assert set(test) == TEST_FIELDS, set(test) ^ TEST_FIELDS
        assert isinstance(test["score"], (int, float)) and isinstance(
            test["max_score"], (int, float)
        )
        assert test["status"] in {"passed", "failed"}
        assert (test["status"] == "failed") == (test["score"] < test["max_score"])
        assert isinstance(test["name"], str) and test["name"]
        assert test["name_format"] in FORMATS and test["output_format"] in FORMATS
        assert isinstance(test["number"], str)
        assert isinstance(test["output"], str)
        assert isinstance(test["tags"], list) and all(isinstance(t, str) for t in test["tags"])
        assert test["visibility"] in VISIBILITIES
        assert isinstance(test["extra_data"], dict)
    json.dumps(doc, allow_nan=False)  # serializable, no NaN/Infinity


def _number_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def test_mixed_result_is_valid_and_totals_match_hand_sums(mixed_result):
    doc = to_gradescope(mixed_result)
    assert_valid_results_json(doc)
    assert doc["score"] == 6
    assert sum(t["score"] for t in doc["tests"]) == 6
    assert sum(t["max_score"] for t in doc["tests"]) == 16  # the missing exercise keeps its 3
    assert doc["stdout_visibility"] == "hidden" and doc["visibility"] == "visible"
    assert doc["extra_data"] == {
        "assignment": "optimization",
        "assignment_version": "2021.1",
        "schema_version": 1,
        "grader_version": "0.1.0",
        "isolation": mixed_result.isolation,
    }


def test_numbers_are_unique_and_in_report_order(mixed_result):
    numbers = [t["number"] for t in to_gradescope(mixed_result)["tests"]]
    keys = [_number_key(n) for n in numbers]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert numbers[:3] == ["1.1", "1.2", "2.1"]


def test_tests_carry_exercise_mistake_visibility_and_feedback(mixed_result):
    by_name = {t["name"]: t for t in to_gradescope(mixed_result)["tests"]}
    failed = by_name["update_parameters_with_adam: random case 1"]
    assert failed["extra_data"] == {
        "exercise": "update_parameters_with_adam",
        "mistake": ADAM_MISTAKE,
    }
    assert failed["tags"] == ["update_parameters_with_adam"]
    assert "W1 differs" in failed["output"]
    assert failed["output"].startswith(f"Likely mistake: {ADAM_MISTAKE}")  # what to fix first
    assert "hello from the student" in failed["output"]
    # hidden cases are fresh inputs, not secrets: visible unless the instructor says otherwise
    assert by_name["update_parameters_with_adam: hidden case"]["visibility"] == "visible"
    chosen = to_gradescope(mixed_result, hidden_cases="after_published")["tests"]
    hidden = [t for t in chosen if t["name"] == "update_parameters_with_adam: hidden case"]
    assert hidden[0]["visibility"] == "after_published"
    assert by_name["random_mini_batches: m < batch"]["status"] == "failed"  # "error" is not allowed


def test_summary_output_mentions_total_problems_and_lost_points(mixed_result):
    output = to_gradescope(mixed_result)["output"]
    assert "6/16" in output
    assert "cell 7, line 3: SyntaxError" in output
    assert "update_lr" in output and "initialize_velocity" not in output


def test_crash_result_scores_zero_with_the_message(crash_result):
    doc = to_gradescope(crash_result)
    assert_valid_results_json(doc)
    assert doc["score"] == 0 and doc["tests"] == []
    assert "could not start the sandbox: fork failed" in doc["output"]


@pytest.mark.parametrize("field", ["score", "max_score"])
def test_non_finite_points_still_give_valid_json(mixed_result, field):
    mixed_result = with_test(mixed_result, 0, 0, **{field: float("nan")})
    doc = to_gradescope(mixed_result)
    json.dumps(doc, allow_nan=False)
    assert doc["tests"][0][field] == 0


@pytest.mark.parametrize("compact", [False, True], ids=["indented", "compact"])
def test_write_gradescope_writes_the_same_document(mixed_result, tmp_path, compact):
    mixed_result = with_test(mixed_result, 1, 1, message="ε inside √(ŝ)\ud800 lone surrogate")
    path = write_gradescope(mixed_result, tmp_path / "results" / "results.json", compact=compact)
    text = path.read_text(encoding="utf-8")
    assert json.loads(text) == json.loads(
        json.dumps(to_gradescope(mixed_result)).replace("\\ud800", "\\ufffd")
    )
    assert (text.count("\n") == 1) == compact


def test_a_smaller_generation_is_scaled_to_the_assignments_points(mixed_result):
    """An old notebook graded on fewer exercises: its score is exported on the full points."""
    import dataclasses

    full = dataclasses.replace(mixed_result, points_possible=2 * mixed_result.max_score)
    doc = to_gradescope(full)
    assert doc["score"] == pytest.approx(2 * mixed_result.score)
    assert sum(t["max_score"] for t in doc["tests"]) == pytest.approx(2 * mixed_result.max_score)
    assert_valid_results_json(doc)
