"""Shared fixture of the assignments' end-to-end tests."""

from __future__ import annotations

import pytest

from dlgrade.grader.grading import grade_prepared, prepare_submission
from dlgrade.grader.sandbox import Zygote


@pytest.fixture(scope="module")
def grade():
    """Grade a notebook path through the real pipeline, sharing one zygote in this module."""
    with Zygote() as zygote:
        zygote.start()
        yield lambda path: grade_prepared(prepare_submission(path), zygote=zygote)
