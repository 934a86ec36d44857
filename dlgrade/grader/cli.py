"""Command-line interface: a thin click adapter over the library API.

Each command declares its options and calls one keyword-only library function. Domain
errors (`grader.errors.GraderError`) become a message and exit status 2 here, once; no
traceback ever reaches the user.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from dlgrade.grader import SINGLE_THREADED_BLAS, __version__
from dlgrade.grader.errors import GraderError
from dlgrade.grader.reports.formats import DEFAULT_FORMATS, DEFAULT_REPORT_DIR, FORMATS

F = TypeVar("F", bound=Callable[..., Any])


class UsageProblem(click.ClickException):
    """A domain error shown as `Error: ...` with exit status 2 (usage / unreadable input)."""

    exit_code = 2


class GraderGroup(click.Group):
    """Runs a command; a domain error from any of them becomes a UsageProblem, here once."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except GraderError as error:
            raise UsageProblem(str(error)) from None


def assignment_slugs(help_text: str) -> Callable[[F], F]:
    """The repeatable `--assignment/-a SLUG` option, passed as `slugs`."""
    return click.option(
        "--assignment", "-a", "slugs", multiple=True, metavar="SLUG", help=help_text
    )


@click.group(cls=GraderGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="grade")
@click.option(
    "--verbose",
    "-v",
    count=True,
    help="Say on stderr what the grader does when it has to degrade (-v), or everything (-vv).",
)
def cli(verbose: int) -> None:
    """Grade notebooks of the "Improving Deep Neural Networks" course, safely.

    Student code runs in an isolated worker process; the checks, the scores and the
    reports never share a process with it.
    """
    configure_logging(verbose)


def configure_logging(verbosity: int) -> None:
    """Quiet by default; -v: warnings and information (degraded paths); -vv: debug."""
    import logging

    shown = {0: logging.CRITICAL + 1, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(shown)  # batch.log still gets warnings when stderr shows nothing
    handler.setFormatter(logging.Formatter("grade: %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("dlgrade")
    logger.handlers[:] = [handler]
    logger.setLevel(min(shown, logging.INFO))
    logger.propagate = False


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--assignment", "-a", metavar="SLUG", help="Assignment to grade against (default: detected)."
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_REPORT_DIR,
    show_default=True,
    help="Directory for the report files.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the JSON report on stdout and nothing else."
)
@click.option(
    "--format",
    "formats",
    type=click.Choice(list(FORMATS)),
    multiple=True,
    help="Report files to write (repeatable; default: json and html). "
    "gradescope writes Gradescope's results.json.",
)
@click.option(
    "--seed",
    type=int,
    default=None,
    help="Seed of the hidden cases (default: from the file's hash).",
)
def submit(
    path: Path,
    assignment: str | None,
    out_dir: Path,
    as_json: bool,
    formats: tuple[str, ...],
    seed: int | None,
) -> None:
    """Grade one notebook (.ipynb), module (.py) or folder holding one submission.

    Writes report.json and report.html into --out and prints a summary. Exit status 0
    when grading ran (whatever the score), 2 for a usage error or an unreadable file.
    """
    from dlgrade.grader.commands import submit_and_report

    outcome = submit_and_report(
        path=path,
        assignment=assignment,
        out_dir=out_dir,
        formats=formats or DEFAULT_FORMATS,
        seed=seed,
    )
    from dlgrade.grader.commands import submit_warnings

    for warning in submit_warnings(outcome.result):
        click.echo(warning, err=True)
    if as_json:
        click.echo(outcome.json_text, nl=False)
        return
    click.echo(outcome.summary(color=sys.stdout.isatty()))
    for kind, written in outcome.written.items():
        click.echo(f"{kind} report: {written}")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def doctor(as_json: bool) -> None:
    """Say what isolates student code on this machine and how to get more.

    Starts one worker and reads which mechanisms protected it (filesystem allow-list,
    system-call filter, namespaces, resource limits, ...), what student code could still
    do here, and what would close that gap (a newer kernel, user namespaces, root).
    """
    from dlgrade.grader.commands import describe_isolation

    click.echo(describe_isolation(as_json=as_json), nl=not as_json)


@cli.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_REPORT_DIR,
    show_default=True,
    help="Directory for the demo's report files.",
)
def demo(out_dir: Path) -> None:
    """Grade a bundled example submission that has a few typical mistakes.

    Shows what a student sees: the score, what is wrong in each exercise, and where the
    HTML report is.
    """
    from dlgrade.grader.commands import demo_submission, submit_and_report

    outcome = submit_and_report(
        path=demo_submission(), assignment=None, out_dir=out_dir, formats=DEFAULT_FORMATS
    )
    click.echo(outcome.summary(color=sys.stdout.isatty()))
    for kind, written in outcome.written.items():
        click.echo(f"{kind} report: {written}")
    click.echo(f"Open {outcome.written.get('html', out_dir)} in a browser to see the full report.")


@cli.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print the assignments as JSON.")
def list_assignments(as_json: bool) -> None:
    """List the assignments, their exercises and points."""
    from dlgrade.grader.commands import describe_assignments

    click.echo(describe_assignments(as_json=as_json), nl=not as_json)


@cli.command()
@assignment_slugs("Only these assignments (repeatable).")
def selftest(slugs: tuple[str, ...]) -> None:
    """Prove the reference and the checks right (for the course's CI).

    Grades the reference of every assignment (must score 100 %), every template (must
    score 0 with no grader error) and every catalogued mistake (must lose points on its
    own exercise only, with its hint shown). Exits 1 on any failure.
    """
    from dlgrade.grader.selftest import run_selftest

    report = run_selftest(slugs=list(slugs) or None)
    click.echo(report.table())
    click.echo(report.summary_line())
    if not report.ok:
        sys.exit(1)


@cli.command()
@assignment_slugs("Only these assignments (repeatable).")
@click.option(
    "--check", is_flag=True, help="Only report templates that differ; exit 1 if any does."
)
def release(slugs: tuple[str, ...], check: bool) -> None:
    """Regenerate the student templates from the reference.

    Each template is the reference with the code between `# YOUR CODE STARTS HERE` and
    `# YOUR CODE ENDS HERE` blanked, so templates never drift from what is graded.
    """
    from dlgrade.grader.release import release_templates

    statuses = release_templates(slugs=list(slugs) or None, check=check)
    for status in statuses:
        state = "up to date" if status.up_to_date else ("differs" if check else "written")
        click.echo(f"{status.assignment}: {status.path} {state}")
    if check and not all(status.up_to_date for status in statuses):
        sys.exit(1)


@cli.command()
@assignment_slugs("Assignment to put in the kit (repeatable; default: all).")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("kit"),
    show_default=True,
    help="Folder for the kit's wheel and template notebooks.",
)
def kit(slugs: tuple[str, ...], out: Path) -> None:
    """Build the student kit: a wheel that grades the visible cases, without the answers.

    The kit holds the grader's engine and the visible checks; the reference and the
    catalogue of mistakes are replaced by their outcomes on the visible cases, recorded
    here. Hidden checks stay out; their points are reported as graded by the instructor.
    The build is refused if any graded function's code or hidden check would be in it.
    """
    from dlgrade.grader.kit.build import build_kit

    built = build_kit(assignments=slugs, out=out)
    click.echo(
        f"student kit for {', '.join(built.assignments)}: {built.wheel} "
        f"({built.size / 1024:.0f} KiB, {built.recorded_calls} recorded outcomes)"
    )
    for template in built.templates:
        click.echo(f"template: {template}")
    click.echo(f"Students install it with: pip install {built.wheel.name}")


@cli.command()
@click.option("--assignment", "-a", required=True, metavar="SLUG", help="Assignment to grade.")
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("autograder.zip"),
    show_default=True,
    help="Where to write the autograder zip.",
)
@click.option(
    "--hidden-cases",
    type=click.Choice(["visible", "after_published", "after_due_date", "hidden"]),
    default="visible",
    show_default=True,
    help="When students see the hidden (randomized) cases' results on Gradescope.",
)
def gradescope(assignment: str, out: Path, hidden_cases: str) -> None:
    """Build the autograder zip to upload to a Gradescope programming assignment.

    The zip holds setup.sh (installs this grader and its pinned dependencies from a
    wheel inside the zip), run_autograder (grades the one notebook a student uploads
    and always writes results.json) and the assignment's settings.
    """
    from dlgrade.grader.gradescope.build import build_autograder

    built = build_autograder(assignment=assignment, out=out, hidden_cases=hidden_cases)
    click.echo(f"autograder for {assignment}: {built.path} ({built.size / 1024:.0f} KiB)")
    click.echo("Upload it in Gradescope: Configure Autograder > Zip file upload.")


@cli.command()
@click.argument("submissions", type=click.Path(path_type=Path))
@click.option("--assignment", "-a", required=True, metavar="SLUG", help="Assignment to grade.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Directory for the per-student reports, the gradebook and the summary.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Grading processes (default: two per core).",
)
@click.option("--force", is_flag=True, help="Regrade submissions whose reports are up to date.")
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help='Run on a Dask cluster (e.g. tcp://host:8786; needs pip install -e ".[dask]").',
)
@click.option(
    "--nbgrader-name",
    metavar="NAME",
    default=None,
    help="The assignment's folder name in nbgrader's submitted/<student>/NAME/ layout "
    "(default: the slug).",
)
@click.option(
    "--allow-weak-isolation",
    is_flag=True,
    help="Grade even where student code could only be isolated by resource limits "
    "(see grade doctor).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON.")
def batch(
    submissions: Path,
    assignment: str,
    out_dir: Path,
    jobs: int | None,
    force: bool,
    scheduler: str | None,
    nbgrader_name: str | None,
    allow_weak_isolation: bool,
    as_json: bool,
) -> None:
    """Grade every submission in SUBMISSIONS (folder or LMS zip) in parallel.

    One folder or file per student, nbgrader's submitted/<student>/<assignment>/, or a
    zip of either. Writes OUT/<student>/report.json, report.html and results.json, then
    OUT/gradebook.csv, canvas.csv, summary.html and batch.log. A re-run skips what is up
    to date. Ctrl-C keeps what was graded and exits with status 130.
    """
    import json

    from dlgrade.grader.batch import BatchInterrupted, run_batch

    try:
        summary = run_batch(
            submissions=submissions,
            assignment=assignment,
            out_dir=out_dir,
            jobs=jobs,
            force=force,
            scheduler=scheduler,
            allow_weak_isolation=allow_weak_isolation,
            nbgrader_name=nbgrader_name,
        )
    except KeyboardInterrupt as interrupt:
        if isinstance(interrupt, BatchInterrupted):
            click.echo(interrupt.summary.text(), err=True)
        click.echo("Interrupted: run the same command again to grade the rest.", err=True)
        sys.exit(130)
    click.echo(json.dumps(summary.to_dict(), indent=2) if as_json else summary.text())
    if summary.nothing_graded:
        click.echo("No submission could be graded: see the gradebook's error column.", err=True)
        sys.exit(3)


def main(group: click.Group = cli) -> None:
    """Console-script entry point: never lets a Python traceback reach the user."""
    for name, value in SINGLE_THREADED_BLAS.items():
        os.environ.setdefault(name, value)
    try:
        group(standalone_mode=True)
    except Exception as crash:  # noqa: BLE001 - last line of defence at the edge
        click.echo(f"grade: internal error: {type(crash).__name__}: {crash}", err=True)
        click.echo("Please report this, with the command you ran.", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
