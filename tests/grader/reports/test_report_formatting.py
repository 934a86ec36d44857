"""Shared wording: points, percentages, one-line reasons."""

from __future__ import annotations

import math

import pytest

from dlgrade.grader.reports.formatting import first_line, format_points, format_score, percentage


@pytest.mark.parametrize(
    ("value", "text"),
    [(8.0, "8"), (2.5, "2.5"), (1 / 3, "0.33"), (0.0, "0"), (10, "10"), (math.nan, "?")],
)
def test_format_points(value, text):
    assert format_points(value) == text


def test_format_score():
    assert format_score(8.0, 10.0) == "8/10"


@pytest.mark.parametrize(
    ("score", "max_score", "expected"),
    [(6, 16, 37.5), (0, 0, 0.0), (5, 4, 100.0), (-1, 4, 0.0), (math.nan, 4, 0.0)],
)
def test_percentage_is_bounded(score, max_score, expected):
    assert percentage(score, max_score) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"), [("\n  a b \nc", "a b"), ("", ""), ("  \n\t\n", ""), ("one", "one")]
)
def test_first_line(text, expected):
    assert first_line(text) == expected
