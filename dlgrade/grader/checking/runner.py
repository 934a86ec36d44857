"""Run an assignment's checks for some submissions: one hermetic in-process pytest session.

Hermetic: third-party plugins do not autoload (PYTEST_DISABLE_PLUGIN_AUTOLOAD), no
PYTEST_ADDOPTS/PYTEST_PLUGINS from the environment, the shipped empty `pytest.ini`
instead of any user config, rootdir and confcutdir at the checks directory, no cache,
no terminal output at all. Each check's outcome is a `records.CheckRecord`;
pytest-json-report's dict says only which check modules failed to load.

Never raises for a grading problem: a crash anywhere (a check module that does not
import, an exception in a hook, a usage error) gives the affected exercises a zero
score with a message, and every submission key is present in the result::

    results = run_checks(assignment.checks_dir, [
        SubmissionChecks(key="alice", sandbox=lambda: Sandbox(code), exercises=specs,
                         version="new", seed=1234),
    ])
    results["alice"]  # list[ExerciseResult] in `specs` order
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
import pytest_jsonreport.plugin as jsonreport_module
from pytest_jsonreport.plugin import JSONReport

from dlgrade.grader.checking.mistakes import forget_modules
from dlgrade.grader.checking.plan import CheckPlan, CheckPlans, files_signature, run_plan
from dlgrade.grader.checking.plugin import CheckingPlugin
from dlgrade.grader.checking.proxy import StudentProxy
from dlgrade.grader.checking.records import CheckRecord
from dlgrade.grader.checking.scoring import ALL_EXERCISES, collect_results
from dlgrade.grader.checking.submissions import SubmissionChecks
from dlgrade.grader.results import ExerciseResult, error_exercise

INI_FILE = Path(__file__).with_name("pytest.ini")
# Third-party plugins that could change a run if loaded anyway, and builtin ones a
# grading run does not use: each of those costs start-up time or per-test hook calls
# (blocking them halves the latency of a one-submission run). Not "legacypath":
# pytest-json-report reads `session.fspath`, which that plugin provides.
BLOCKED_PLUGINS = (
    "cacheprovider", "terminal", "randomly", "xdist", "faulthandler", "pastebin", "logging",
    "doctest", "junitxml", "setuponly", "setupplan", "stepwise",
    "threadexception", "unraisableexception", "unittest", "subtests",
)  # fmt: skip
CLEARED_VARIABLES = ("PYTEST_ADDOPTS", "PYTEST_PLUGINS", "PYTEST_DEBUG", "PYTEST_CURRENT_TEST")
EXERCISE_MARK = re.compile(r"mark\.exercise\(\s*['\"]([A-Za-z_][A-Za-z0-9_]*)['\"]")
OK_EXIT_CODES = (
    pytest.ExitCode.OK,
    pytest.ExitCode.TESTS_FAILED,
    pytest.ExitCode.NO_TESTS_COLLECTED,
)


@dataclass(frozen=True)
class SessionOutcome:
    """What one pytest session left behind, before it is turned into results."""

    report: dict[str, Any]  # pytest-json-report's: collection errors
    records: dict[str, list[CheckRecord]]  # submission key -> its checks' records
    exit_code: int | None
    run_error: str | None
    defined: dict[str, frozenset[str] | None]
    plugin_names: tuple[str, ...]
    console: str  # anything pytest tried to print (kept out of stdout/stderr)
    plan: CheckPlan | None = None  # the collected checks, when they can run without pytest


def run_checks(
    checks_dir: Path, submissions: Sequence[SubmissionChecks], *, plans: CheckPlans | None = None
) -> dict[str, list[ExerciseResult]]:
    """Grade `submissions` with the check modules in `checks_dir`; one result list per key.

    `plans`: a grading process's kept plans; a plan kept for `checks_dir` runs without
    any pytest session, and a session that makes one leaves it there.
    """
    submissions = list(submissions)
    if len({s.key for s in submissions}) != len(submissions):
        raise ValueError("submission keys must be unique")
    if not submissions:
        return {}
    checks_dir = Path(checks_dir)
    kept = plans.get(checks_dir) if plans is not None else None
    if kept is not None:
        outcome = run_kept_plan(kept, submissions)
    else:
        signature = files_signature(checks_dir) if plans is not None else ()
        outcome = run_session(checks_dir, submissions)
        if plans is not None and outcome.plan is not None and outcome.run_error is None:
            plans.put(checks_dir, outcome.plan, signature)
    broken = broken_exercises(checks_dir, outcome.report)
    results = {}
    for submission in submissions:
        try:
            results[submission.key] = collect_results(
                outcome.records.get(submission.key, []),
                submission=submission.key,
                exercises=submission.exercises,
                defined=outcome.defined.get(submission.key),
                run_error=outcome.run_error,
                broken=broken,
                ungraded=submission.ungraded,
            )
        except Exception as exc:  # a malformed report must still give a result
            message = (
                f"grader problem: could not read the check results ({type(exc).__name__}: {exc})"
            )
            results[submission.key] = [
                error_exercise(spec, number, message)
                for number, spec in enumerate(submission.exercises, start=1)
            ]
    return results


def run_session(checks_dir: Path, submissions: list[SubmissionChecks]) -> SessionOutcome:
    """Run pytest once over `checks_dir` for all `submissions`; never raises but Ctrl-C."""
    plugin = CheckingPlugin(submissions)
    json_plugin = JSONReport()
    if not checks_dir.is_dir():
        message = f"grader problem: the checks directory {checks_dir} does not exist"
        return SessionOutcome({}, {}, None, message, {}, (), "")
    console = io.StringIO()
    exit_code, run_error = None, None
    try:
        with _hermetic_environment(), _fresh_check_modules(checks_dir):
            with contextlib.redirect_stdout(console), contextlib.redirect_stderr(console):
                exit_code = pytest.main(
                    pytest_arguments(checks_dir), plugins=[jsonreport_module, json_plugin, plugin]
                )
    except Exception as exc:  # pytest itself failed: every exercise gets an error
        run_error = f"grader problem: the checks could not run ({type(exc).__name__}: {exc})"
    finally:
        defined = {key: proxy.defined for key, proxy in plugin.proxies.items()}
        plugin.close_all()
    if plugin.interrupted:
        raise KeyboardInterrupt
    if run_error is None and exit_code not in OK_EXIT_CODES:
        details = "; ".join(plugin.internal_errors) or _last_line(console.getvalue())
        run_error = f"grader problem: the checks stopped ({_exit_name(exit_code)}: {details})"
    report = json_plugin.report or {}
    plan = plugin.plan
    if plan is not None:
        plan = replace(plan, report=report, plugin_names=plugin.plugin_names)
    return SessionOutcome(
        report=report,
        records=plugin.records,
        exit_code=exit_code,
        run_error=run_error,
        defined=defined,
        plugin_names=plugin.plugin_names,
        console=console.getvalue(),
        plan=plan,
    )


def run_kept_plan(plan: CheckPlan, submissions: list[SubmissionChecks]) -> SessionOutcome:
    """What a session would give `submissions`, from a plan an earlier session made."""
    proxies = {s.key: StudentProxy(s.sandbox, time_budget=s.time_budget) for s in submissions}
    console = io.StringIO()
    records, run_error = {}, None
    try:
        with contextlib.redirect_stdout(console), contextlib.redirect_stderr(console):
            records = run_plan(plan, {s.key: s for s in submissions}, proxies)
    except Exception as exc:  # a bug of ours: every exercise gets an error
        run_error = f"grader problem: the checks could not run ({type(exc).__name__}: {exc})"
    finally:
        for proxy in proxies.values():
            proxy.close()
    return SessionOutcome(
        report=plan.report,
        records=records,
        exit_code=int(pytest.ExitCode.OK),
        run_error=run_error,
        defined={key: proxy.defined for key, proxy in proxies.items()},
        plugin_names=plan.plugin_names,
        console=console.getvalue(),
        plan=plan,
    )


def pytest_arguments(checks_dir: Path) -> list[str]:
    """Command line of a hermetic, silent session over `checks_dir`."""
    blocked = [argument for name in BLOCKED_PLUGINS for argument in ("-p", f"no:{name}")]
    return [
        str(checks_dir),
        "-c", str(INI_FILE),
        f"--rootdir={checks_dir}",
        f"--confcutdir={checks_dir}",
        "--import-mode=importlib",
        "--assert=plain",
        "--strict-markers",
        "--continue-on-collection-errors",
        "--capture=sys",
        *blocked,
        "--json-report-file=none",
        "--json-report-omit", "log", "streams", "keywords", "traceback",
    ]  # fmt: skip


def broken_exercises(checks_dir: Path, report: dict[str, Any]) -> dict[str, str]:
    """Exercise -> message for each check module that failed to load.

    A module that does not import cannot say which exercise it checks, so its text
    is searched for `mark.exercise("name")`; when none is found, all exercises are
    affected (key "*").
    """
    broken: dict[str, str] = {}
    for collector in report.get("collectors", []):
        if collector.get("outcome") != "failed" or not collector.get("nodeid"):
            continue
        path = checks_dir / collector["nodeid"].split("::", 1)[0]
        reason = _last_line(collector.get("longrepr", "")) or "unknown error"
        message = f"grader problem: check module {path.name} could not be loaded ({reason})"
        for exercise in _exercises_named_in(path) or [ALL_EXERCISES]:
            broken.setdefault(exercise, message)
    return broken


def _exercises_named_in(path: Path) -> list[str]:
    try:
        return EXERCISE_MARK.findall(path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return []


def _last_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return re.sub(r"^E\s+", "", lines[-1]) if lines else ""


def _exit_name(exit_code: Any) -> str:
    try:
        return pytest.ExitCode(exit_code).name.lower().replace("_", " ")
    except ValueError:
        return f"exit code {exit_code}"


@contextlib.contextmanager
def _hermetic_environment() -> Iterator[None]:
    """Block plugin autoloading and user pytest options; restore the environment after."""
    saved = {
        name: os.environ.get(name)
        for name in (*CLEARED_VARIABLES, "PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    }
    for name in CLEARED_VARIABLES:
        os.environ.pop(name, None)
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextlib.contextmanager
def _fresh_check_modules(checks_dir: Path) -> Iterator[None]:
    """Make pytest import this directory's check modules, not same-named cached ones.

    In importlib mode pytest reuses any `sys.modules` entry with the name it derives
    from the file's path (e.g. "test_adam"), so two assignments with the same file
    names would collide: drop such entries before the run and ours after it.
    """
    roots = tuple({str(checks_dir.absolute()), str(checks_dir.resolve())})
    names = _derived_module_names(checks_dir)
    forget_modules(lambda name, file: name in names and not file.startswith(roots))
    try:
        yield
    finally:
        forget_modules(lambda name, file: file.startswith(roots))


def _derived_module_names(checks_dir: Path) -> set[str]:
    """Module names pytest's importlib mode gives the files under `checks_dir`."""
    names = set()
    for path in checks_dir.rglob("*.py"):
        parts = path.relative_to(checks_dir).with_suffix("").parts
        if parts and parts[-1] == "__init__":
            parts = parts[:-1]
        if parts:
            names.add(".".join(parts))
    return names
