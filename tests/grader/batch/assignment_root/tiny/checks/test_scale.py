"""Checks of scale (tiny batch-test assignment)."""

from pathlib import Path

import pytest

from dlgrade.grader.checking import expect_close, import_file, reference_call

solution = import_file(Path(__file__).resolve().parents[1] / "solution.py")

pytestmark = pytest.mark.exercise("scale")


def test_scale(student, rng):
    x = rng.standard_normal((3, 2))
    expect_close(student.call("scale", x, 3.0), reference_call(solution.scale, x, 3.0))
