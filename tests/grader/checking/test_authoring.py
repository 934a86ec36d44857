"""The one comparison idiom checks are written with: student vs reference vs catalogue."""

from __future__ import annotations

import numpy as np
import pytest

from dlgrade.grader.checking import Mismatch, StudentFailure, StudentProxy, mistake
from dlgrade.grader.checking.authoring import (
    as_array,
    assignment_folder,
    expect_like_reference,
    mistakes_of,
)
from dlgrade.grader.checking.mistakes import collect_mistakes
from tests.grader.checking.fake_sandbox import FakeSandbox


def step(x, scale=2.0):
    return x * scale, x.sum()


@mistake("step", "square the input instead")
def squared(x, scale=2.0):
    return x * x, x.sum()


@mistake("step", "a variant that gives the same as another")
def also_squared(x, scale=2.0):
    return x * x, x.sum()


@mistake("step", "index the last layer")
def crashes(x, scale=2.0):
    raise KeyError("dW9")


MISTAKES = collect_mistakes(__import__(__name__, fromlist=["_"]))
X = np.array([1.0, 3.0])


def student(body: str) -> StudentProxy:
    proxy = StudentProxy(FakeSandbox(f"def step(x, scale=2.0):\n    {body}\n"))
    proxy.open()
    return proxy


def test_a_right_value_is_returned():
    got = expect_like_reference(student("return x * scale, x.sum()"), "step", step, X,
                                mistakes=MISTAKES, names=("y", "total"))  # fmt: skip
    np.testing.assert_array_equal(got[0], [2.0, 6.0])


@pytest.mark.parametrize(
    ("body", "options", "message", "hint"),
    [
        ("return x * x, x.sum()", {}, "y", "square the input instead"),
        ("return x * x, x.sum()", {"distinct": True}, "y", None),  # two variants look alike
        ("return x * 3, x.sum()", {}, "y", None),
        ("return x * scale", {}, "expected a tuple (y, total)", None),
        ("return x * scale, x.sum(), 0", {}, "returned 3 values", None),
    ],
    ids=[
        "mistake named",
        "look-alikes not named",
        "unknown mistake",
        "not a tuple",
        "wrong length",
    ],  # fmt: skip
)
def test_a_wrong_value_says_what_differs_and_which_mistake(body, options, message, hint):
    with pytest.raises(Mismatch) as raised:
        expect_like_reference(student(body), "step", step, X, mistakes=MISTAKES,
                              names=("y", "total"), **options)  # fmt: skip
    assert message in raised.value.message and raised.value.mistake == hint


def test_view_grades_only_part_of_the_value():
    got = expect_like_reference(student("return x * scale, -1.0"), "step", step, X,
                                mistakes=MISTAKES, view=lambda value: value[0])  # fmt: skip
    assert got[1] == -1.0


@pytest.mark.parametrize("name_crashes", [True, False])
def test_a_crash_a_variant_shares_is_named_only_when_asked(name_crashes):
    failing = student("return {}['dW9']")
    expected = Mismatch if name_crashes else StudentFailure
    with pytest.raises(expected) as raised:
        expect_like_reference(failing, "step", step, X, mistakes=MISTAKES,
                              name_crashes=name_crashes)  # fmt: skip
    if name_crashes:
        assert raised.value.mistake == "index the last layer"


def test_the_assignment_folder_of_a_check_and_of_a_helper():
    from dlgrade.grader.assignments import get_assignment

    folder = get_assignment("optimization").directory
    assert assignment_folder(folder / "checks" / "test_update_lr.py") == folder
    assert assignment_folder(folder / "cases.py") == folder
    hints = {m.name for m in mistakes_of(folder / "checks" / "test_update_lr.py")}
    assert "schedule_without_floor" in hints


@pytest.mark.parametrize(
    ("value", "shape"),
    [([[1, 2]], (1, 2)), (np.array([True, False]), (2,)), (3.0, None), ("text", None)],
)
def test_as_array(value, shape):
    array = as_array(value)
    assert (array.shape if array is not None else None) == shape
