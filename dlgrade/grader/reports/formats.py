"""The report files, declared once: name, file, renderer. The CLI's choices, `grade submit`,
`grade batch` and the docs all read this table.

Renderers are imported when used: `grade submit --json` must not pay for Jinja.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dlgrade.grader.reports.files import write_text_atomic
from dlgrade.grader.results import SubmissionResult


@dataclass(frozen=True)
class ReportFormat:
    name: str
    file_name: str
    renderer: str  # "module:function", called as renderer(result[, compact=...]) -> text
    compactable: bool  # takes compact= (JSON without indentation, for batches)

    def render(self, result: SubmissionResult, *, compact: bool) -> str:
        module, _, function = self.renderer.partition(":")
        render = getattr(importlib.import_module(module), function)
        return render(result, compact=compact) if self.compactable else render(result)

    def write(
        self, result: SubmissionResult, target: Path, *, compact: bool, durable: bool = True
    ) -> Path:
        """Write this report of `result` to `target` atomically (see `write_text_atomic`)."""
        return write_text_atomic(target, self.render(result, compact=compact), durable=durable)


_HERE = "dlgrade.grader.reports"
FORMATS = {
    f.name: f
    for f in (
        ReportFormat("json", "report.json", f"{_HERE}.json_report:render_json", True),
        ReportFormat("html", "report.html", f"{_HERE}.html_report:render_html", False),
        ReportFormat("gradescope", "results.json", f"{_HERE}.gradescope:render_gradescope", True),
    )
}
DEFAULT_FORMATS = ("json", "html")  # what `grade submit` writes unless told otherwise
DEFAULT_REPORT_DIR = Path("grade-report")  # where `grade submit` and `grade demo` write them


def write_reports(
    result: SubmissionResult,
    out_dir: Path,
    formats: Sequence[str],
    *,
    compact_json: bool = False,
    durable: bool = True,
) -> dict[str, Path]:
    """Write each requested report atomically into `out_dir`; returns name -> path.

    `compact_json`: report.json and results.json without indentation (batches: they
    are read by programs, and indenting takes the pure-Python JSON encoder).
    `durable=False`: not flushed to disk one by one (the caller syncs the file system).
    """
    unknown = [name for name in formats if name not in FORMATS]
    if unknown:
        raise ValueError(f"unknown report format {unknown[0]!r}; choose from {sorted(FORMATS)}")
    return {
        name: FORMATS[name].write(
            result, Path(out_dir) / FORMATS[name].file_name, compact=compact_json, durable=durable
        )  # fmt: skip
        for name in formats
    }
