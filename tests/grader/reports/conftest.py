"""Fixtures: fresh hand-built results per test (tests may mutate them)."""

from __future__ import annotations

import pytest

from dlgrade.grader.results import SubmissionResult
from tests.grader.reports.samples import build_crash_result, build_mixed_result


@pytest.fixture
def mixed_result() -> SubmissionResult:
    return build_mixed_result()


@pytest.fixture
def crash_result() -> SubmissionResult:
    return build_crash_result()
