"""The pytest plugin of a grading run: fixtures, markers, fan-out over submissions, records.

One plugin object per run (`runner.run_checks` creates it); it holds that run's
submissions and nothing global. Each check is collected once per session, not once per
submission: pytest's per-item cost (hooks, fixtures, reports; ~0.7 ms) would otherwise
be paid submissions x checks times. Each check function is called once per submission
whose version has the check's exercise, with that submission's `student`, `rng` and
`version`, and each outcome is recorded in the shape of a pytest-json-report test entry
(`collect.report_entry`), so scoring reads the same data whichever way a run was made.
A submission sees its checks in collection order, as in a one-submission run; its
sandbox opens at its first check and closes after its last.

Two orders, same results. Submission-major (the usual case): when no check needs a
fixture other than `student`, `rng`, `version` and its own parameters, pytest's protocol
runs each item once and only records the call; after the loop, each submission runs all
its checks in turn, so one sandbox is alive at a time (calls that alternate between 16
workers cost ~35 % more, their caches always cold). Check-major (any other fixture,
which may need its setup and teardown around the call): `pytest_pyfunc_call` runs the
check for every submission in place.

Fixtures: `student` (a `StudentProxy`), `rng` (a `numpy.random.Generator` seeded from
the submission seed and the test id), `version` (the submission's version string); they
are only valid as arguments of a check function (another fixture receives a stand-in).
Markers: `exercise(name)`, `points(weight)`, `hidden`.
"""

from __future__ import annotations

import hashlib
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest

from grader.checking.collect import describe_exception, readable_name, report_entry
from grader.checking.proxy import StudentProxy

if TYPE_CHECKING:
    from grader.checking.runner import SubmissionChecks

MARKERS = (
    "exercise(name): the graded function this check belongs to",
    "points(weight): relative weight of this check within its exercise (default 1)",
    "hidden: the check's result is hidden from students in reports",
)


@dataclass(frozen=True)
class TestInfo:
    """What the plugin knows about one collected check item."""

    exercise: str
    weight: float
    visibility: str
    name: str
    test_id: str  # node id: stable across runs and batches, part of the rng seed
    submissions: tuple[str, ...]  # keys of the submissions this check applies to, in order


INFO = pytest.StashKey[TestInfo]()
PER_SUBMISSION_FIXTURES = frozenset({"student", "rng", "version"})


class PerSubmissionValue:
    """Stand-in fixture value: the real one differs per submission, see `pytest_pyfunc_call`."""

    def __init__(self, fixture: str) -> None:
        self.fixture = fixture

    def __getattr__(self, attribute: str) -> Any:
        raise RuntimeError(
            f"the `{self.fixture}` fixture is set per submission and only in a check "
            "function's own arguments; request it there, not from another fixture"
        )


class CheckingPlugin:
    """Pytest hooks and fixtures of one grading run over `submissions`.

    `reports[key]` is `{"tests": [entry, ...]}` after the run: one pytest-json-report
    style entry per check the submission ran, in collection order.
    """

    def __init__(self, submissions: list[SubmissionChecks]) -> None:
        self.submissions = {s.key: s for s in submissions}
        self.proxies = {s.key: StudentProxy(s.sandbox) for s in submissions}
        self.internal_errors: list[str] = []
        self.interrupted = False
        self.plugin_names: tuple[str, ...] = ()
        self.submission_major = False
        self._items: list[pytest.Item] = []  # the checks kept, in collection order
        self._last_item: dict[str, str] = {}  # submission key -> node id of its last check
        self._entries: dict[str, dict[str, dict]] = {}  # node id -> key -> entry of this run
        # node id -> (check function, its arguments), recorded in submission-major order
        self._planned: dict[str, tuple[Callable[..., Any], dict[str, Any]]] = {}

    @property
    def reports(self) -> dict[str, dict[str, list[dict]]]:
        """Each submission's entries, in collection order."""
        reports: dict[str, dict[str, list[dict]]] = {key: {"tests": []} for key in self.submissions}
        for item in self._items:
            for key, entry in self._entries.get(item.nodeid, {}).items():
                reports[key]["tests"].append(entry)
        return reports

    # ---- configuration -------------------------------------------------------------

    @pytest.hookimpl(tryfirst=True)
    def pytest_configure(self, config: pytest.Config) -> None:
        for marker in MARKERS:
            config.addinivalue_line("markers", marker)
        if not hasattr(config.option, "tbstyle"):  # read by pytest-json-report; the
            config.option.tbstyle = "no"  # terminal plugin that defines it is off

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        manager = session.config.pluginmanager
        self.plugin_names = tuple(
            sorted(name for name, plugin in manager.list_name_plugin() if plugin is not None)
        )

    @pytest.hookimpl(trylast=True)
    def pytest_report_teststatus(self, report: Any, config: pytest.Config) -> tuple[str, str, str]:
        """Stand-in for the terminal plugin's implementation, which pytest-json-report needs."""
        outcome = report.outcome
        if report.when in ("collect", "setup", "teardown") and outcome == "failed":
            outcome = "error"
        return outcome, "", ""

    def pytest_internalerror(self, excrepr: Any, excinfo: Any) -> bool:
        self.internal_errors.append(f"{excinfo.typename}: {excinfo.value}")
        return True  # handled: keeps pytest from printing it on stderr

    def pytest_keyboard_interrupt(self, excinfo: Any) -> None:
        self.interrupted = isinstance(excinfo.value, KeyboardInterrupt)

    # ---- collection ----------------------------------------------------------------

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(
        self, session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        """Attach `TestInfo`; drop checks no submission's version has an exercise for."""
        kept, dropped = [], []
        for item in items:
            info = self._test_info(item)
            if info is None:
                dropped.append(item)
                continue
            item.stash[INFO] = info
            kept.append(item)
            for key in info.submissions:
                self._last_item[key] = item.nodeid
        if dropped:
            config.hook.pytest_deselected(items=dropped)
        items[:] = kept
        self._items = list(kept)
        self.submission_major = all(_needs_only_per_submission_fixtures(item) for item in kept)

    def _test_info(self, item: pytest.Item) -> TestInfo | None:
        marker = item.get_closest_marker("exercise")
        if marker is None or not marker.args:
            return None
        exercise = marker.args[0]
        keys = tuple(
            key
            for key, submission in self.submissions.items()
            if any(spec.name == exercise for spec in submission.exercises)
        )
        if not keys:
            return None
        points = item.get_closest_marker("points")
        weight = float(points.args[0]) if points and points.args else 1.0
        if not weight > 0:
            raise ValueError(f"{item.nodeid}: points({weight}) must be a positive weight")
        callspec = getattr(item, "callspec", None)
        case_id = callspec.id if callspec else ""
        base_id = item.nodeid.split("[", 1)[0]
        function = getattr(item, "function", None)
        return TestInfo(
            exercise=exercise,
            weight=weight,
            visibility="hidden" if item.get_closest_marker("hidden") else "visible",
            name=readable_name(getattr(function, "__doc__", None), item.originalname, case_id),
            test_id=f"{base_id}[{case_id}]" if case_id else base_id,
            submissions=keys,
        )

    # ---- running -------------------------------------------------------------------

    @pytest.hookimpl(tryfirst=True)
    def pytest_pyfunc_call(self, pyfuncitem: pytest.Function) -> bool | None:
        """Run the check once per submission it applies to; each outcome is recorded, not raised."""
        info = pyfuncitem.stash.get(INFO, None)
        if info is None:
            return None
        arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
        if self.submission_major:
            self._planned[pyfuncitem.nodeid] = (pyfuncitem.obj, arguments)
            return True
        entries = self._entries.setdefault(pyfuncitem.nodeid, {})
        for key in info.submissions:
            entries[key] = self._run_one(pyfuncitem.obj, arguments, info, key)
        return True

    @pytest.hookimpl(wrapper=True)
    def pytest_runtestloop(self, session: pytest.Session) -> Any:
        """In submission-major order, the recorded calls run after pytest's loop."""
        result = yield
        if self.submission_major and not (session.shouldfail or session.shouldstop):
            self._run_submission_major()
        return result

    def _run_submission_major(self) -> None:
        """Each submission's planned checks in collection order, one sandbox at a time.

        A check whose setup or teardown failed already has its (error) entry. Warnings
        are dropped, as pytest's own protocol would have caught them per item.
        """
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self._run_planned()

    def _run_planned(self) -> None:
        for key in self.submissions:
            try:
                for item in self._items:
                    info, planned = item.stash[INFO], self._planned.get(item.nodeid)
                    entries = self._entries.setdefault(item.nodeid, {})
                    if planned is None or key not in info.submissions or key in entries:
                        continue
                    entries[key] = self._run_one(*planned, info, key)
            finally:
                self.proxies[key].close()

    def _run_one(
        self, function: Callable[..., Any], arguments: dict[str, Any], info: TestInfo, key: str
    ) -> dict:
        """One submission's run of a check: its outcome as a test entry. Ctrl-C propagates."""
        submission = self.submissions[key]
        proxy = self.proxies[key]
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
            outcome: dict[str, Any] = {"status": "passed"}
        except (KeyboardInterrupt, pytest.exit.Exception):
            raise
        except BaseException as exc:  # noqa: BLE001 - pytest.skip/fail are BaseExceptions too
            outcome = describe_exception(exc, when="call", test_id=info.test_id)
        return report_entry(
            info.test_id,
            submission=key,
            exercise=info.exercise,
            weight=info.weight,
            visibility=info.visibility,
            name=info.name,
            outcome=outcome,
            output=proxy.output,
            duration=time.perf_counter() - started,
        )

    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo) -> None:
        """A failing setup or teardown of a check (or a crash around the call) is every one's."""
        info = item.stash.get(INFO, None)
        if info is None or call.excinfo is None:
            return
        outcome = describe_exception(call.excinfo.value, when=call.when, test_id=info.test_id)
        entries = self._entries.setdefault(item.nodeid, {})
        for key in info.submissions:
            if key in entries:
                entries[key]["metadata"].update(outcome)
                continue
            entries[key] = report_entry(
                info.test_id,
                submission=key,
                exercise=info.exercise,
                weight=info.weight,
                visibility=info.visibility,
                name=info.name,
                outcome=outcome,
            )

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_teardown(self, item: pytest.Item, nextitem: pytest.Item | None) -> None:
        info = item.stash.get(INFO, None)
        for key in info.submissions if info else ():
            if self._last_item.get(key) == item.nodeid:
                self.proxies[key].close()

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        self.close_all()

    def close_all(self) -> None:
        for proxy in self.proxies.values():
            proxy.close()

    # ---- fixtures --------------------------------------------------------------------

    @pytest.fixture(scope="session")
    def student(self) -> Any:
        """The submission's functions: `student.call("name", *args, seed=None, **kwargs)`."""
        return PerSubmissionValue("student")

    @pytest.fixture(scope="session")
    def version(self) -> Any:
        """The submission's notebook version, e.g. "new" or "old"."""
        return PerSubmissionValue("version")

    @pytest.fixture(scope="session")
    def rng(self) -> Any:
        """Random inputs: fixed for a given submission and test, unpredictable across files."""
        return PerSubmissionValue("rng")


def _needs_only_per_submission_fixtures(item: pytest.Item) -> bool:
    """True when a check can run outside pytest's protocol for its item: it uses no
    fixture (autouse ones included) but the per-submission ones and its parameters."""
    fixture_info = getattr(item, "_fixtureinfo", None)
    callspec = getattr(item, "callspec", None)
    parameters = set(callspec.params) if callspec is not None else set()
    return fixture_info is not None and set(fixture_info.names_closure) <= (
        PER_SUBMISSION_FIXTURES | parameters
    )


def seeded_rng(seed: int, test_id: str) -> np.random.Generator:
    """The `rng` of check `test_id` for a submission seeded `seed` (independent of any batch)."""
    digest = int.from_bytes(hashlib.sha256(test_id.encode()).digest()[:8], "little")
    return np.random.default_rng([seed % 2**64, digest])
