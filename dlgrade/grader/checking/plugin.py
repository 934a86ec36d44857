"""The pytest plugin of a grading run: fixtures, markers, fan-out over submissions, records.

One plugin object per run (`runner.run_checks` creates it); it holds that run's
submissions and nothing global. Each check is collected once per session, not once per
submission: pytest's per-item cost (hooks, fixtures, reports; ~0.7 ms) would otherwise
be paid submissions x checks times. Each check function is called once per submission
whose version has the check's exercise, with that submission's `student`, `rng` and
`version`, and each outcome is a `records.CheckRecord`, so scoring reads the same data
whichever way a run was made.
A submission sees its checks in collection order, as in a one-submission run; its
sandbox opens at its first check and closes after its last.

Two orders, same results. Planned (the usual case, see `plan.py`): when every check is
plannable, the collected checks become `plan`, which `pytest_runtestloop` runs one
submission after the other, without pytest's per-item protocol. Check-major (a check
needs another fixture or mark, whose setup and teardown must surround the call): pytest
runs each item once and `pytest_pyfunc_call` runs it for every submission in place.

Fixtures: `student` (a `StudentProxy`), `rng` (a `numpy.random.Generator` seeded from
the submission seed and the test id), `version` (the submission's version string); they
are only valid as arguments of a check function (another fixture receives a stand-in).
Markers: `exercise(name)`, `points(weight)`, `hidden`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pytest

from dlgrade.grader.checking.plan import (
    CheckPlan,
    TestInfo,
    is_plannable,
    planned_check,
    run_check,
    run_plan,
)
from dlgrade.grader.checking.proxy import StudentProxy
from dlgrade.grader.checking.records import CheckRecord, describe_exception, readable_name

if TYPE_CHECKING:
    from dlgrade.grader.checking.submissions import SubmissionChecks

MARKERS = (
    "exercise(name): the graded function this check belongs to",
    "points(weight): relative weight of this check within its exercise (default 1)",
    "hidden: the check's result is hidden from students in reports",
)


INFO = pytest.StashKey[TestInfo]()


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

    `records[key]` after the run: one record per check the submission ran, in collection
    order.
    """

    def __init__(self, submissions: list[SubmissionChecks]) -> None:
        self.submissions = {s.key: s for s in submissions}
        self.proxies = {
            s.key: StudentProxy(s.sandbox, time_budget=s.time_budget) for s in submissions
        }
        self.internal_errors: list[str] = []
        self.interrupted = False
        self.plugin_names: tuple[str, ...] = ()
        self.plan: CheckPlan | None = None  # set at collection when every check is plannable
        self._items: list[pytest.Item] = []  # the checks run, in collection order
        self._keys: dict[str, tuple[str, ...]] = {}  # node id -> keys of its submissions
        self._last_item: dict[str, str] = {}  # submission key -> node id of its last check
        # node id -> key -> record (check-major runs)
        self._records: dict[str, dict[str, CheckRecord]] = {}
        self._planned_records: dict[str, list[CheckRecord]] | None = None

    @property
    def records(self) -> dict[str, list[CheckRecord]]:
        """Each submission's records, in collection order."""
        if self._planned_records is not None:
            return self._planned_records
        records: dict[str, list[CheckRecord]] = {key: [] for key in self.submissions}
        for item in self._items:
            for key, record in self._records.get(item.nodeid, {}).items():
                records[key].append(record)
        return records

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
        """Attach `TestInfo`; make the plan, or drop checks no submission has an exercise for.

        A plan holds every check of every exercise (a later chunk may have a version the
        submissions of this session do not), so it can be kept for other submissions.
        """
        infos = [(item, self._test_info(item)) for item in items]
        checks = [(item, info) for item, info in infos if info is not None]
        if all(is_plannable(item) for item, _ in checks):
            self.plan = CheckPlan(tuple(planned_check(item, info) for item, info in checks))
        kept, dropped = [], []
        for item, info in infos:
            keys = self._keys_for(info.exercise) if info is not None else ()
            if not keys:
                dropped.append(item)
                continue
            item.stash[INFO] = info
            kept.append(item)
            self._keys[item.nodeid] = keys
            for key in keys:
                self._last_item[key] = item.nodeid
        if dropped:
            config.hook.pytest_deselected(items=dropped)
        items[:] = kept
        self._items = list(kept)

    def _keys_for(self, exercise: str) -> tuple[str, ...]:
        return tuple(
            key
            for key, submission in self.submissions.items()
            if any(spec.name == exercise for spec in submission.exercises)
        )

    def _test_info(self, item: pytest.Item) -> TestInfo | None:
        marker = item.get_closest_marker("exercise")
        if marker is None or not marker.args:
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
            exercise=marker.args[0],
            weight=weight,
            visibility="hidden" if item.get_closest_marker("hidden") else "visible",
            name=readable_name(getattr(function, "__doc__", None), item.originalname, case_id),
            test_id=f"{base_id}[{case_id}]" if case_id else base_id,
        )

    # ---- running -------------------------------------------------------------------

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session: pytest.Session) -> bool | None:
        """A planned session runs its plan instead of pytest's loop over the items."""
        if self.plan is None:
            return None
        self._planned_records = run_plan(self.plan, self.submissions, self.proxies)
        return True

    @pytest.hookimpl(tryfirst=True)
    def pytest_pyfunc_call(self, pyfuncitem: pytest.Function) -> bool | None:
        """Run the check once per submission it applies to; each outcome is recorded, not raised."""
        info = pyfuncitem.stash.get(INFO, None)
        if info is None:
            return None
        arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
        records = self._records.setdefault(pyfuncitem.nodeid, {})
        for key in self._keys[pyfuncitem.nodeid]:
            submission, proxy = self.submissions[key], self.proxies[key]
            records[key] = run_check(pyfuncitem.obj, arguments, info, submission, proxy)
        return True

    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo) -> None:
        """A failing setup or teardown of a check (or a crash around the call) is every one's."""
        info = item.stash.get(INFO, None)
        if info is None or call.excinfo is None:
            return
        outcome = describe_exception(call.excinfo.value, when=call.when, test_id=info.test_id)
        records = self._records.setdefault(item.nodeid, {})
        for key in self._keys.get(item.nodeid, ()):
            ran = records.get(key)  # a teardown failure overrides what the call gave
            records[key] = replace(ran, outcome=outcome) if ran else info.record(key, outcome)

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_teardown(self, item: pytest.Item, nextitem: pytest.Item | None) -> None:
        for key in self._keys.get(item.nodeid, ()):
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
