"""A check's outcome from what it raised, and its display name."""

from __future__ import annotations

import pytest

from dlgrade.grader.checking.compare import Mismatch, NotGradedHere
from dlgrade.grader.checking.proxy import StudentFailure
from dlgrade.grader.checking.records import Outcome, describe_exception, readable_name


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
        (StudentFailure("f raised X"), Outcome("failed", "f raised X")),
        (StudentFailure("died", status="error"), Outcome("error", "died")),
        (Mismatch("W1 differs", "hint"), Outcome("failed", "W1 differs", "hint")),
        (AssertionError("plain"), Outcome("failed", "plain")),
        (AssertionError(), Outcome("failed", "the check failed")),
        (KeyError("x"), Outcome("error", "internal error in check t.py::test_a: KeyError: 'x'")),
        (NotGradedHere("kit"), Outcome("skipped", "kit", ungraded=True)),
        (pytest.skip.Exception("n/a"), Outcome("skipped", "n/a")),
    ],
    ids=[
        "student failure",
        "grader failure",
        "mismatch",
        "assert",
        "bare assert",
        "bug",
        "not graded here",
        "skip",
    ],  # fmt: skip
)
def test_describe_exception(exception, expected):
    assert describe_exception(exception, when="call", test_id="t.py::test_a") == expected


def test_describe_exception_names_the_failing_phase():
    described = describe_exception(ValueError("v"), when="setup", test_id="t.py::test_a")
    assert described.message == "internal error in check t.py::test_a (setup): ValueError: v"
