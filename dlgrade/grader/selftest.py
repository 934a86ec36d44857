"""`grade selftest`: prove that the reference and the checks are right.

For every assignment: the reference, rendered as a notebook of each generation, must
score 100 %; the committed template must score 0 with no grader error; and every
catalogued mistake, injected in place of the reference, must lose points on its own
exercise and nowhere else, with its hint shown. A check that cannot fail shows up here
as an uncaught mistake.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dlgrade.grader.assignments import Assignment, available_assignments, get_assignment
from dlgrade.grader.checking.mistakes import Mistake
from dlgrade.grader.checking.mistakes import load_mistakes as load_catalogue
from dlgrade.grader.notebooks import write_mistake_notebooks, write_reference_notebooks
from dlgrade.grader.results import SubmissionResult

GradeMany = Callable[[list[Path], str], list[SubmissionResult]]


@dataclass(frozen=True)
class SelftestCase:
    assignment: str
    kind: str  # "reference", "template" or "mistake"
    name: str
    passed: bool
    detail: str
    exercise: str = ""


@dataclass
class SelftestReport:
    cases: list[SelftestCase] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.cases) and all(case.passed for case in self.cases)

    @property
    def assignments(self) -> list[str]:
        return sorted({case.assignment for case in self.cases})

    def mistakes(self) -> list[SelftestCase]:
        return [case for case in self.cases if case.kind == "mistake"]

    def summary_line(self) -> str:
        mistakes = self.mistakes()
        caught = sum(case.passed for case in mistakes)
        failures = sum(not case.passed for case in self.cases if case.kind != "mistake")
        line = (
            f"selftest: {len(self.assignments)} assignments, "
            f"{caught} of {len(mistakes)} mistakes caught"
        )
        return line + (f", {failures} other failures" if failures else "")

    def table(self) -> str:
        rows = [("assignment", "kind", "name", "result", "detail")]
        rows += [
            (c.assignment, c.kind, c.name, "ok" if c.passed else "FAIL", c.detail)
            for c in self.cases
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        lines = [
            "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True))
            + f"  {row[4]}"
            for row in rows
        ]
        return "\n".join(lines)


def load_mistakes(assignment: Assignment) -> list[Mistake]:
    """The catalogue in `assignments/<slug>/mistakes.py` (none when it has no such file)."""
    path = assignment.directory / "mistakes.py"
    return load_catalogue(path) if path.exists() else []


def judge_reference(
    slug: str, label: str, result: SubmissionResult, version: str | None = None
) -> SelftestCase:
    """Full marks, no error, and (when given) recognized as notebook generation `version`."""
    full = result.max_score > 0 and result.score >= result.max_score - 1e-9
    lost = [
        f"{e.name} {e.score:g}/{e.max_score:g}" for e in result.exercises if e.status != "passed"
    ]
    detail = f"{result.score:g}/{result.max_score:g}" + (
        f" (lost: {', '.join(lost)})" if lost else ""
    )
    recognized = version is None or result.notebook_version == version
    if not recognized:
        detail += f"; graded as a {result.notebook_version!r} notebook, not {version!r}"
    passed = full and recognized and result.error is None
    return SelftestCase(slug, "reference", label, passed, detail)


def judge_template(slug: str, result: SubmissionResult) -> SelftestCase:
    errors = [t for t in result.flat_tests() if t.status == "error"]
    passed = result.score == 0 and result.error is None and not errors and not result.problems
    detail = f"{result.score:g}/{result.max_score:g}"
    if result.problems:
        detail += f"; the template does not read cleanly: {result.problems[0]}"
    if errors:
        reason = (errors[0].message.strip().splitlines() or ["(no message)"])[0]
        detail += f"; grader errors in {errors[0].exercise}: {reason}"
    return SelftestCase(slug, "template", "template.ipynb", passed, detail)


def judge_mistake(slug: str, mistake: Mistake, result: SubmissionResult) -> SelftestCase:
    by_name = {e.name: e for e in result.exercises}
    target = by_name.get(mistake.exercise)
    problems = []
    if target is None:
        problems.append(f"exercise {mistake.exercise} is not graded")
    else:
        if target.score >= target.max_score - 1e-9:
            problems.append("lost no points")
        if not any(t.mistake == mistake.hint for t in target.tests):
            problems.append("hint not shown")
    misleading = {t.mistake for t in result.flat_tests() if t.mistake} - {mistake.hint}
    if misleading:
        problems.append("also named other mistakes: " + "; ".join(sorted(misleading)))
    others = [e for e in result.exercises if e.name != mistake.exercise and e.status != "passed"]
    if others:
        problems.append("also lost points on " + ", ".join(e.name for e in others))
    if target is not None and not problems:
        detail = f"{target.score:g}/{target.max_score:g} on {mistake.exercise}"
    else:
        detail = "; ".join(problems)
    return SelftestCase(slug, "mistake", mistake.name, not problems, detail, mistake.exercise)


def selftest_assignment(
    assignment: Assignment, grade_many: GradeMany, workdir: Path
) -> list[SelftestCase]:
    """Every selftest case of one assignment, graded together by `grade_many(paths, slug)`."""
    slug = assignment.slug
    notebooks: list[Path] = []
    judges: list[Callable[[SubmissionResult], SelftestCase]] = []
    for version, path in write_reference_notebooks(assignment, workdir).items():
        label = f"reference ({version} notebook)"
        notebooks.append(path)
        judges.append(
            lambda result, label=label, version=version: judge_reference(
                slug, label, result, version
            )
        )
    notebooks.append(assignment.template_path)
    judges.append(lambda result: judge_template(slug, result))
    catalogue = load_mistakes(assignment)
    notebooks += write_mistake_notebooks(assignment, catalogue, workdir)
    judges += [lambda result, m=m: judge_mistake(slug, m, result) for m in catalogue]
    results = grade_many(notebooks, slug)
    return [judge(result) for judge, result in zip(judges, results, strict=True)]


def run_selftest(*, slugs: Sequence[str] | None = None) -> SelftestReport:
    """Run the self-test over the chosen assignments (default: all)."""
    from dlgrade.grader.grading import GradingSession, grade_prepared_many, prepare_submission

    chosen = [get_assignment(s) for s in slugs] if slugs else list(available_assignments().values())
    report = SelftestReport()
    session = GradingSession.start()

    def grade_many(paths: list[Path], slug: str) -> list[SubmissionResult]:
        prepared = [prepare_submission(path, assignment=slug) for path in paths]
        return grade_prepared_many(prepared, session)

    with session, tempfile.TemporaryDirectory(prefix="dlgrade-selftest-") as workdir:
        for assignment in chosen:
            report.cases.extend(selftest_assignment(assignment, grade_many, Path(workdir)))
    return report
