"""The report files, declared once: name, file, writer. The CLI's choices, `grade submit`,
`grade batch` and the docs all read this table.

Writers are imported when used: `grade submit --json` must not pay for Jinja.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dlgrade.grader.results import SubmissionResult


@dataclass(frozen=True)
class ReportFormat:
    name: str
    file_name: str
    writer: str  # "module:function", called as writer(result, path[, compact=...])
    compactable: bool  # takes compact= (JSON without indentation, for batches)

    def write(self, result: SubmissionResult, target: Path, *, compact: bool) -> Path:
        module, _, function = self.writer.partition(":")
        write = getattr(importlib.import_module(module), function)
        return write(result, target, compact=compact) if self.compactable else write(result, target)


FORMATS = {
    f.name: f
    for f in (
        ReportFormat("json", "report.json", "dlgrade.grader.reports.json_report:write_json", True),
        ReportFormat("html", "report.html", "dlgrade.grader.reports.html_report:write_html", False),
        ReportFormat(
            "gradescope", "results.json", "dlgrade.grader.reports.gradescope:write_gradescope", True
        ),
    )
}
DEFAULT_FORMATS = ("json", "html")  # what `grade submit` writes unless told otherwise
DEFAULT_REPORT_DIR = Path("grade-report")  # where `grade submit` and `grade demo` write them


def write_reports(
    result: SubmissionResult, out_dir: Path, formats: Sequence[str], *, compact_json: bool = False
) -> dict[str, Path]:
    """Write each requested report atomically into `out_dir`; returns name -> path.

    `compact_json`: report.json and results.json without indentation (batches: they
    are read by programs, and indenting takes the pure-Python JSON encoder).
    """
    unknown = [name for name in formats if name not in FORMATS]
    if unknown:
        raise ValueError(f"unknown report format {unknown[0]!r}; choose from {sorted(FORMATS)}")
    return {
        name: FORMATS[name].write(
            result, Path(out_dir) / FORMATS[name].file_name, compact=compact_json
        )  # fmt: skip
        for name in formats
    }
