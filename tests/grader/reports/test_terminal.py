"""format_summary: compact, width-bounded, coloured only when asked."""

from __future__ import annotations

import re

import pytest

from dlgrade.grader.reports.terminal import format_summary
from tests.grader.reports.samples import ADAM_MISTAKE, with_problem, with_test

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _row(text: str, exercise: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(exercise))


def test_plain_text_has_no_ansi_codes(mixed_result):
    assert not ANSI.search(format_summary(mixed_result, color=False))


def test_student_escape_sequences_are_neutralized(mixed_result):
    mixed_result = with_test(mixed_result, 1, 1, message="\x1b[2J\x1b[31mgotcha\x07", mistake=None)
    text = format_summary(mixed_result, color=False)
    assert "\x1b" not in text and "\x07" not in text
    assert "gotcha" in _row(text, "update_parameters_with_adam")


def test_colour_adds_ansi_codes_but_not_content(mixed_result):
    coloured = format_summary(mixed_result, color=True)
    assert ANSI.search(coloured)
    assert ANSI.sub("", coloured) == format_summary(mixed_result, color=False)


def test_rows_show_points_status_and_first_line_of_the_reason(mixed_result):
    text = format_summary(mixed_result, color=False)
    assert re.search(r"initialize_velocity\s+4/4\s+passed$", _row(text, "initialize_velocity"))
    adam = _row(text, "update_parameters_with_adam")
    assert re.search(r"2/6\s+partial\s+Likely mistake: epsilon added inside the square root$", adam)
    assert re.search(r"0/3\s+missing\s+update_lr is not defined", _row(text, "update_lr"))
    assert re.search(r"0/1\s+error\s+worker died", _row(text, "random_mini_batches"))
    assert "Total: 6/16 points (38%)" in text
    assert "cell 7, line 3: SyntaxError: invalid syntax" in text


def test_first_failure_message_is_the_reason_when_no_mistake_is_named(mixed_result):
    mixed_result = with_test(mixed_result, 1, 1, mistake=None)
    row = _row(format_summary(mixed_result, color=False), "update_parameters_with_adam")
    assert re.search(r"2/6\s+partial\s+W1 differs: max abs error 3.1e-03 at \(0, 1\)$", row)


@pytest.mark.parametrize("width", [60, 80, 100])
def test_no_line_exceeds_the_width(mixed_result, width):
    mixed_result = with_test(mixed_result, 1, 1, message="x" * 300)
    mixed_result = with_problem(mixed_result, "cell 9, line 1: " + "y" * 300)
    text = format_summary(mixed_result, color=False, width=width)
    assert max(len(line) for line in text.splitlines()) <= width
    assert "…" in text


def test_crash_shows_the_error_and_a_zero_total(crash_result):
    text = format_summary(crash_result, color=False)
    assert "Error: could not start the sandbox: fork failed" in text
    assert "Total: 0/0 points (0%)" in text


@pytest.mark.parametrize("columns", [60, 120, 200])
def test_the_terminals_width_is_used_and_a_long_hint_wraps_whole(
    mixed_result, monkeypatch, columns
):
    monkeypatch.setenv("COLUMNS", str(columns))
    text = format_summary(mixed_result, color=False)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= columns
    joined = " ".join(line.strip() for line in lines)
    assert ADAM_MISTAKE in joined  # the whole hint is there, wrapped, not cut at ~48 characters
