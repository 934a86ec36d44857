"""Report writers: contract JSON, Gradescope `results.json`, HTML page, terminal summary.

Each takes a `grader.results.SubmissionResult` and nothing else; every file is
written atomically (`write_text_atomic`).
"""

from dlgrade.grader.reports.files import ReportWriteError, write_text_atomic
from dlgrade.grader.reports.gradescope import to_gradescope, write_gradescope
from dlgrade.grader.reports.html_report import render_html, write_html
from dlgrade.grader.reports.json_report import render_json, write_json
from dlgrade.grader.reports.terminal import format_summary

__all__ = [
    "ReportWriteError",
    "format_summary",
    "render_html",
    "render_json",
    "to_gradescope",
    "write_gradescope",
    "write_html",
    "write_json",
    "write_text_atomic",
]
