"""Running collected checks for submissions, one submission after the other, outside pytest.

Pytest collects an assignment's checks once; when every check needs nothing from pytest
at run time (only the `student`, `rng` and `version` fixtures, its own parameters and
our markers), the collected functions form a `CheckPlan` that runs for any submissions
without pytest's per-item protocol, and a grading process may keep it for its next
chunks (`CheckPlans`). Each submission runs all its checks in collection order, so one
sandbox is alive at a time: calls alternating between 16 workers cost ~35 % more, their
caches always cold.

Each outcome is a `records.CheckRecord`, exactly as the plugin records a check-major run.
"""

from __future__ import annotations

import functools
import hashlib
import time
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest

from dlgrade.grader.checking.proxy import StudentProxy
from dlgrade.grader.checking.records import PASSED, CheckRecord, Outcome, describe_exception

if TYPE_CHECKING:
    from dlgrade.grader.checking.submissions import SubmissionChecks

PER_SUBMISSION_FIXTURES = frozenset({"student", "rng", "version"})
# Marks a planned check may carry: any other (skip, xfail, usefixtures, filterwarnings...)
# acts inside pytest's protocol, so such a session runs every check within it.
PLANNABLE_MARKS = frozenset({"exercise", "points", "hidden", "parametrize"})


@dataclass(frozen=True)
class TestInfo:
    """What grading needs to know about one collected check."""

    __test__ = False  # not a test class, whatever pytest thinks of the name

    exercise: str
    weight: float
    visibility: str
    name: str
    test_id: str  # node id: stable across runs and batches, part of the rng seed

    def record(
        self, submission: str, outcome: Outcome, *, output: str = "", duration: float = 0.0
    ) -> CheckRecord:
        """This check's record for one submission."""
        return CheckRecord(self.test_id, submission, self.exercise, self.weight,
                           self.visibility, self.name, outcome, output, duration)  # fmt: skip


@dataclass(frozen=True)
class PlannedCheck:
    """A collected check function with its arguments (stand-ins for per-submission ones)."""

    info: TestInfo
    function: Callable[..., Any]
    arguments: Mapping[str, Any]


@dataclass(frozen=True)
class CheckPlan:
    """An assignment's checks as one pytest session collected them, in collection order.

    `report`: that session's pytest-json-report dict (its collection errors say which
    check modules are broken); `plugin_names`: the plugins it had loaded.
    """

    checks: tuple[PlannedCheck, ...]
    report: dict[str, Any] = field(default_factory=dict)
    plugin_names: tuple[str, ...] = ()


def is_plannable(item: pytest.Item) -> bool:
    """True when a check can run outside pytest's protocol: no fixture (autouse ones
    included) but the per-submission ones and its parameters, no mark but ours."""
    fixture_info = getattr(item, "_fixtureinfo", None)
    callspec = getattr(item, "callspec", None)
    parameters = set(callspec.params) if callspec is not None else set()
    marks = {mark.name for mark in item.iter_markers()}
    return (
        fixture_info is not None
        and set(fixture_info.names_closure) <= PER_SUBMISSION_FIXTURES | parameters
        and marks <= PLANNABLE_MARKS
    )


def planned_check(item: pytest.Function, info: TestInfo) -> PlannedCheck:
    """The plan entry of a plannable item: its function, its parameters' values."""
    params = item.callspec.params if hasattr(item, "callspec") else {}
    arguments = {name: params.get(name) for name in item._fixtureinfo.argnames}
    return PlannedCheck(info, item.obj, arguments)


def run_plan(
    plan: CheckPlan,
    submissions: Mapping[str, SubmissionChecks],
    proxies: Mapping[str, StudentProxy],
) -> dict[str, list[CheckRecord]]:
    """Each submission's records, its checks run in collection order.

    A submission's sandbox is closed after its last check (Ctrl-C included). Warnings
    are dropped, as pytest's protocol would have caught them per item.
    """
    records: dict[str, list[CheckRecord]] = {key: [] for key in submissions}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for key, submission in submissions.items():
            names = {spec.name for spec in submission.exercises}
            try:
                for check in plan.checks:
                    if check.info.exercise in names:
                        record = run_check(
                            check.function, check.arguments, check.info, submission, proxies[key]
                        )
                        records[key].append(record)
            finally:
                proxies[key].close()
    return records


def run_check(
    function: Callable[..., Any],
    arguments: Mapping[str, Any],
    info: TestInfo,
    submission: SubmissionChecks,
    proxy: StudentProxy,
) -> CheckRecord:
    """One submission's run of a check. Ctrl-C propagates."""
    started = time.perf_counter()
    proxy.open()
    proxy.begin_test(next(s.timeout for s in submission.exercises if s.name == info.exercise))
    values = dict(arguments)
    if "student" in values:
        values["student"] = proxy
    if "version" in values:
        values["version"] = submission.version
    if "rng" in values:
        values["rng"] = seeded_rng(submission.seed, info.test_id)
    try:
        function(**values)
        outcome = PASSED
    except (KeyboardInterrupt, pytest.exit.Exception):
        raise
    except BaseException as exc:  # noqa: BLE001 - pytest.skip/fail are BaseExceptions too
        outcome = describe_exception(exc, when="call", test_id=info.test_id)
    return info.record(
        submission.key, outcome, output=proxy.output, duration=time.perf_counter() - started
    )


def seeded_rng(seed: int, test_id: str) -> np.random.Generator:
    """The `rng` of check `test_id` for a submission seeded `seed` (independent of any batch)."""
    return np.random.default_rng([seed % 2**64, _test_digest(test_id)])


@functools.lru_cache(maxsize=4096)
def _test_digest(test_id: str) -> int:
    return int.from_bytes(hashlib.sha256(test_id.encode()).digest()[:8], "little")


class CheckPlans:
    """A grading process's plans, one per checks directory, for as long as its files are
    unchanged (the checks, and the assignment's modules next to them: cases, mistakes)."""

    def __init__(self) -> None:
        self._plans: dict[Path, tuple[tuple, CheckPlan]] = {}

    def get(self, checks_dir: Path) -> CheckPlan | None:
        """The plan kept for `checks_dir`, or None (none yet, or a file changed since)."""
        kept = self._plans.get(Path(checks_dir).resolve())
        return kept[1] if kept is not None and kept[0] == files_signature(checks_dir) else None

    def put(self, checks_dir: Path, plan: CheckPlan, signature: tuple) -> None:
        """Keep `plan`, collected while the files had `signature` (`files_signature`)."""
        self._plans[Path(checks_dir).resolve()] = (signature, plan)


def files_signature(checks_dir: Path) -> tuple:
    """Path, size and mtime of every Python file of the checks' assignment folder."""
    signature = []
    for path in sorted(Path(checks_dir).resolve().parent.rglob("*.py")):
        try:
            stat = path.stat()
        except OSError:
            continue
        signature.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(signature)
