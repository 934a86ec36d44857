"""Write student notebooks for tests, in either course generation's on-disk form.

The *content* of a test notebook (the student's code, good or broken) is written by hand
in the test modules; this only gives it the container each generation used:

- old (2017-2020): nbformat 4.2, no cell ids, stale outputs and execution counts saved;
- new (2021 onward): nbformat 4.5 with cell ids, Coursera and nbgrader metadata.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

Markdown = tuple[str, str]  # ("markdown", text)


def _lines(source: str) -> list[str]:
    parts = source.splitlines(keepends=True)
    return parts


def notebook_dict(
    cells: Sequence[str | Markdown], *, style: str = "new", metadata: dict | None = None
) -> dict:
    """An nbformat-4 notebook as a JSON-ready dict. A plain string is a code cell."""
    out = []
    for index, cell in enumerate(cells, start=1):
        if isinstance(cell, tuple):
            kind, text = cell
            entry = {"cell_type": kind, "metadata": {}, "source": _lines(text)}
        else:
            entry = {
                "cell_type": "code",
                "execution_count": index if style == "old" else None,
                "metadata": {},
                "outputs": (
                    [{"name": "stdout", "output_type": "stream", "text": ["stale output\n"]}]
                    if style == "old"
                    else []
                ),
                "source": _lines(cell),
            }
            if style == "new" and "GRADED FUNCTION" in cell:
                name = cell.split("GRADED FUNCTION:", 1)[1].split()[0]
                entry["metadata"] = {"nbgrader": {"grade_id": name, "solution": True}}
        if style == "new":
            entry["id"] = f"cell-{index:03d}"
        out.append(entry)
    meta = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python", "version": "3.7.6" if style == "new" else "3.6.0"},
    }
    if style == "new":
        meta["coursera"] = {"schema_names": ["DLSC2W1-A1"]}
    meta.update(metadata or {})
    return {
        "cells": out,
        "metadata": meta,
        "nbformat": 4,
        "nbformat_minor": 5 if style == "new" else 2,
    }


def write_notebook(
    path: Path,
    cells: Sequence[str | Markdown],
    *,
    style: str = "new",
    metadata: dict | None = None,
) -> Path:
    """Write a notebook to `path` (parents created) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = notebook_dict(cells, style=style, metadata=metadata)
    path.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return path


def code_cell_number(cells: Sequence, position: int) -> int:
    """The number a Jupyter user counts for the cell at 1-based `position` among `cells`
    (code cells only: plain strings here, or nbformat dicts with cell_type "code")."""

    def is_code(cell: object) -> bool:
        return isinstance(cell, str) or (isinstance(cell, dict) and cell.get("cell_type") == "code")

    return sum(1 for cell in cells[:position] if is_code(cell))


def locates(problem: str, code_number: int, line: int) -> bool:
    """Whether a reported problem names that code cell and line."""
    return f"code cell {code_number} (" in problem and f"), line {line}:" in problem
