"""Render assignment notebooks from the reference: the template (blanked) and full solutions.

Used by `grade release` (templates never drift from the reference), by `grade selftest`
(the reference and each catalogued mistake rendered as a notebook and graded like a
student's) and by tests. Notebooks are written with nbformat, validated.

The reference marks the part a student writes with `# YOUR CODE STARTS HERE` and
`# YOUR CODE ENDS HERE`; only assignment statements may stand between the markers, and
blanking turns each into `target = None`, as the course's templates do.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from dlgrade.grader.assignments import Assignment, ExerciseSpec
from dlgrade.grader.errors import GraderError

START_MARKER = "# YOUR CODE STARTS HERE"
END_MARKER = "# YOUR CODE ENDS HERE"
OLD_START_MARKER = "### START CODE HERE ###"
OLD_END_MARKER = "### END CODE HERE ###"
_MARKER = re.compile(r"^\s*#\s*YOUR CODE (STARTS|ENDS) HERE\s*$")


class ReleaseError(GraderError):
    """The reference cannot be turned into a template (e.g. markers missing)."""


def reference_source(spec: ExerciseSpec) -> str:
    """Source of the reference implementation of one exercise, dedented, no decorators."""
    source = textwrap.dedent(inspect.getsource(spec.reference_function()))
    return source.rstrip() + "\n"


def blank_solution(source: str, *, name: str = "function") -> str:
    """Replace the right-hand side of every assignment between markers by `None`."""
    lines = source.splitlines()
    tree = ast.parse(source)
    regions: list[tuple[int, int]] = []
    start = None
    for number, line in enumerate(lines, start=1):
        match = _MARKER.match(line)
        if match and match.group(1) == "STARTS":
            start = number
        elif match and start is not None:
            regions.append((start, number))
            start = None
    if not regions:
        raise ReleaseError(f"{name}: no '{START_MARKER}' / '{END_MARKER}' markers in the reference")
    replaced: dict[int, str | None] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.stmt):
            continue
        inside = any(a < node.lineno and node.end_lineno < b for a, b in regions)
        if not inside:
            continue
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            indent = lines[node.lineno - 1][: node.col_offset]
            replaced[node.lineno] = f"{indent}{ast.unparse(target)} = None"
            for extra in range(node.lineno + 1, node.end_lineno + 1):
                replaced[extra] = None
        else:
            raise ReleaseError(
                f"{name}, line {node.lineno}: only assignments may stand between the markers "
                f"(found {type(node).__name__})"
            )
    out = []
    for number, line in enumerate(lines, start=1):
        if number in replaced:
            if replaced[number] is not None:
                out.append(replaced[number])
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def to_old_markers(source: str) -> str:
    """The same code with the 2017-2020 notebooks' marker comments."""
    return source.replace(START_MARKER, OLD_START_MARKER).replace(END_MARKER, OLD_END_MARKER)


def graded_cell(spec: ExerciseSpec, body: str, style: str) -> str:
    header = f"# GRADED FUNCTION: {spec.name}\n\n" if style == "new" else ""
    return header + (to_old_markers(body) if style == "old" else body)


def render_notebook(
    assignment: Assignment,
    *,
    version: str | None = None,
    style: str = "new",
    blank: bool = False,
    sources: Mapping[str, str] | None = None,
    explanations: bool = True,
) -> Any:
    """An nbformat v4 notebook for an assignment.

    `sources` overrides the code of some exercises (e.g. a catalogued mistake); the other
    exercises get the reference, blanked when `blank` is true.
    """
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    version = version or assignment.default_version
    meta = assignment_texts(assignment)
    cells = [new_markdown_cell(f"# {assignment.title}\n\n{meta['intro']}".rstrip())]
    setup = meta["setup_old"] if style == "old" and meta["setup_old"] else meta["setup"]
    cells.append(new_code_cell(setup.rstrip()))
    for number, spec in enumerate(assignment.exercises_for(version), start=1):
        if explanations:
            text = meta["explanations"].get(spec.name, "")
            cells.append(
                new_markdown_cell(f"## Exercise {number}: {spec.title}\n\n{text}".rstrip())
            )
        if sources is not None and spec.name in sources:
            body = sources[spec.name]
        else:
            body = reference_source(spec)
            if blank:
                body = blank_solution(body, name=spec.name)
        cells.append(new_code_cell(graded_cell(spec, body, style).rstrip()))
    cells.append(
        new_markdown_cell(
            "## Check your work\n\nSave the notebook, then run in a terminal:\n\n"
            f"```\ngrade submit {assignment.slug}.ipynb\n```\n\n"
            "The grader re-runs your functions on the course's test cases and on hidden "
            "ones, and tells you what is wrong."
        )
    )
    for index, cell in enumerate(cells, start=1):
        cell["id"] = f"{assignment.slug}-{index}"  # stable ids: releases must be reproducible
    notebook = new_notebook(cells=cells)
    notebook.metadata.update(
        {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
            "dlgrade": {"assignment": assignment.slug, "notebook_version": version},
        }
    )
    nbformat.validate(notebook)
    return notebook


def assignment_texts(assignment: Assignment) -> dict[str, Any]:
    """Intro, setup code and per-exercise explanations from `assignment.toml`."""
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    raw = tomllib.loads((assignment.directory / "assignment.toml").read_text("utf-8"))
    return {
        "intro": raw.get("intro", ""),
        "setup": raw.get("setup", "import numpy as np\n"),
        "setup_old": raw.get("setup_old", ""),
        "explanations": {e["name"]: e.get("explanation", "") for e in raw.get("exercises", ())},
    }


def notebook_text(notebook: Any) -> str:
    import nbformat

    return nbformat.writes(notebook).rstrip("\n") + "\n"


def write_notebook(notebook: Any, path: Path) -> None:
    path.write_text(notebook_text(notebook), encoding="utf-8")


def write_reference_notebooks(assignment: Assignment, folder: Path) -> dict[str, Path]:
    """The reference as a notebook of each generation, in that generation's marker style,
    written into `folder`: version -> path."""
    paths = {}
    for version in assignment.versions:
        style = "old" if version == "old" else "new"
        paths[version] = Path(folder) / f"{assignment.slug}-reference-{version}.ipynb"
        write_notebook(render_notebook(assignment, version=version, style=style), paths[version])
    return paths


def write_mistake_notebooks(
    assignment: Assignment, mistakes: Iterable[Any], folder: Path
) -> list[Path]:
    """The reference with each catalogued mistake (a `Mistake`) in place of its exercise's
    code, one notebook each, written into `folder`."""
    paths = []
    for mistake in mistakes:
        path = Path(folder) / f"{assignment.slug}-mistake-{mistake.name}.ipynb"
        write_notebook(
            render_notebook(assignment, sources={mistake.exercise: mistake.source}), path
        )
        paths.append(path)
    return paths
