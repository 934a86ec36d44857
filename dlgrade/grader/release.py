"""`grade release`: regenerate every student template from the reference.

Templates are the reference with the code between the markers blanked, so they can
never drift from what is graded. `check_templates` reports committed templates that
differ from the generated ones (the test suite and `grade release --check` use it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dlgrade.grader.assignments import Assignment, available_assignments, get_assignment
from dlgrade.grader.notebooks import notebook_text, render_notebook


@dataclass(frozen=True)
class TemplateStatus:
    assignment: str
    path: Path
    up_to_date: bool


def template_text(assignment: Assignment) -> str:
    """The template notebook's file content, exactly as `grade release` writes it."""
    return notebook_text(render_notebook(assignment, blank=True))


def check_templates(assignments: list[Assignment] | None = None) -> list[TemplateStatus]:
    """Whether each committed template equals the one generated from the reference."""
    chosen = assignments if assignments is not None else list(available_assignments().values())
    statuses = []
    for assignment in chosen:
        path = assignment.template_path
        current = path.read_text("utf-8") if path.exists() else None
        statuses.append(TemplateStatus(assignment.slug, path, current == template_text(assignment)))
    return statuses


def release_templates(
    *, slugs: list[str] | None = None, check: bool = False
) -> list[TemplateStatus]:
    """Write (or with `check`, only compare) the templates; returns their status before."""
    known = available_assignments()
    chosen = [get_assignment(s) for s in slugs] if slugs else list(known.values())
    statuses = check_templates(chosen)
    if not check:
        for assignment, status in zip(chosen, statuses, strict=True):
            if not status.up_to_date:
                status.path.write_text(template_text(assignment), encoding="utf-8")
    return statuses
