"""The report contract as JSON (what `grade submit --json` prints and batches store)."""

from __future__ import annotations

import os
from pathlib import Path

from dlgrade.grader.reports.files import write_text_atomic
from dlgrade.grader.reports.plain_data import plain_json_text
from dlgrade.grader.results import SubmissionResult

# The JSON Schema of report.json (shipped with the package; the README points to it).
SCHEMA_PATH = Path(__file__).with_name("report.schema.json")


def render_json(result: SubmissionResult, *, compact: bool = False) -> str:
    """Pretty, UTF-8 (non-ASCII kept as is), strictly valid JSON of `result.to_dict()`.

    Non-finite numbers become null (bare NaN/Infinity are not JSON and break
    `jq`, browsers and LMS importers). Ends with a newline. `compact` drops the
    indentation (a third of the cost: only the unindented encoder is written in C).
    """
    return plain_json_text(result.to_dict(), compact=compact) + "\n"


def write_json(
    result: SubmissionResult, path: str | os.PathLike[str], *, compact: bool = False
) -> Path:
    """Write `render_json(result, compact=compact)` to `path` atomically; returns the path."""
    return write_text_atomic(path, render_json(result, compact=compact))
