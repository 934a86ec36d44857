"""The pytest plugin of a grading run: fixtures, markers, sandbox lifetime, metadata.

One plugin object per run (`runner.run_checks` creates it); it holds that run's
submissions and nothing global. Every check is parametrized over the submissions
with session scope, so pytest runs all tests of one submission together; the
submission's sandbox opens at its first test and closes right after its last one.

Fixtures: `student` (a `StudentProxy`), `rng` (a `numpy.random.Generator` seeded from
the submission seed and the test id), `version` (the submission's version string).
Markers: `exercise(name)`, `points(weight)`, `hidden`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest

from grader.checking.collect import describe_exception, readable_name
from grader.checking.proxy import StudentProxy

if TYPE_CHECKING:
    from grader.checking.runner import SubmissionChecks

SUBMISSION_FIXTURE = "_dlgrade_submission"
MARKERS = (
    "exercise(name): the graded function this check belongs to",
    "points(weight): relative weight of this check within its exercise (default 1)",
    "hidden: the check's result is hidden from students in reports",
)


@dataclass(frozen=True)
class TestInfo:
    """What the plugin knows about one collected check item."""

    submission: str
    exercise: str
    weight: float
    visibility: str
    name: str
    test_id: str  # node id without the submission part: stable across runs


INFO = pytest.StashKey[TestInfo]()


class CheckingPlugin:
    """Pytest hooks and fixtures of one grading run over `submissions`."""

    def __init__(self, submissions: list[SubmissionChecks]) -> None:
        self.submissions = {s.key: s for s in submissions}
        self.order = {s.key: index for index, s in enumerate(submissions)}
        self.proxies = {s.key: StudentProxy(s.sandbox) for s in submissions}
        self.internal_errors: list[str] = []
        self.interrupted = False
        self.plugin_names: tuple[str, ...] = ()

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
    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        if SUBMISSION_FIXTURE in metafunc.fixturenames:
            keys = list(self.submissions)
            ids = [_submission_id(index) for index in range(len(keys))]
            metafunc.parametrize(SUBMISSION_FIXTURE, keys, ids=ids, indirect=True, scope="session")

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(
        self, session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        """Attach `TestInfo`, drop checks of exercises outside a submission's version."""
        kept, dropped = [], []
        for item in items:
            info = self._test_info(item)
            if info is None:
                dropped.append(item)
            else:
                item.stash[INFO] = info
                kept.append(item)
        kept.sort(key=lambda item: self.order[item.stash[INFO].submission])  # stable
        if dropped:
            config.hook.pytest_deselected(items=dropped)
        items[:] = kept

    def _test_info(self, item: pytest.Item) -> TestInfo | None:
        callspec = getattr(item, "callspec", None)
        key = callspec.params.get(SUBMISSION_FIXTURE) if callspec else None
        marker = item.get_closest_marker("exercise")
        if key is None or marker is None or not marker.args:
            return None
        exercise = marker.args[0]
        if exercise not in {spec.name for spec in self.submissions[key].exercises}:
            return None
        points = item.get_closest_marker("points")
        weight = float(points.args[0]) if points and points.args else 1.0
        if not weight > 0:
            raise ValueError(f"{item.nodeid}: points({weight}) must be a positive weight")
        index = self.order[key]
        case_id = _strip_part(callspec.id, _submission_id(index))
        base_id = item.nodeid.split("[", 1)[0]
        function = getattr(item, "function", None)
        return TestInfo(
            submission=key,
            exercise=exercise,
            weight=weight,
            visibility="hidden" if item.get_closest_marker("hidden") else "visible",
            name=readable_name(getattr(function, "__doc__", None), item.originalname, case_id),
            test_id=f"{base_id}[{case_id}]" if case_id else base_id,
        )

    # ---- running -------------------------------------------------------------------

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        info = item.stash[INFO]
        submission = self.submissions[info.submission]
        timeout = next(s.timeout for s in submission.exercises if s.name == info.exercise)
        proxy = self.proxies[info.submission]
        proxy.open()
        proxy.begin_test(timeout)

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_teardown(self, item: pytest.Item, nextitem: pytest.Item | None) -> None:
        key = item.stash[INFO].submission
        if nextitem is None or nextitem.stash[INFO].submission != key:
            self.proxies[key].close()

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        self.close_all()

    def close_all(self) -> None:
        for proxy in self.proxies.values():
            proxy.close()

    def pytest_json_runtest_metadata(self, item: pytest.Item, call: pytest.CallInfo) -> dict:
        info = item.stash.get(INFO, None)
        if info is None:
            return {}
        metadata: dict[str, Any] = {}
        if call.when == "setup":
            metadata.update(
                submission=info.submission,
                exercise=info.exercise,
                weight=info.weight,
                visibility=info.visibility,
                name=info.name,
            )
        if call.excinfo is not None:
            metadata.update(
                describe_exception(call.excinfo.value, when=call.when, test_id=info.test_id)
            )
        elif call.when == "call":
            metadata["status"] = "passed"
        if call.when == "teardown":
            output = self.proxies[info.submission].output
            if output:
                metadata["output"] = output
        return metadata

    # ---- fixtures --------------------------------------------------------------------

    @pytest.fixture(scope="session", autouse=True)
    def _dlgrade_submission(self, request: pytest.FixtureRequest) -> str:
        return request.param

    @pytest.fixture(scope="session")
    def student(self, _dlgrade_submission: str) -> StudentProxy:
        """The submission's functions: `student.call("name", *args, seed=None, **kwargs)`."""
        return self.proxies[_dlgrade_submission]

    @pytest.fixture(scope="session")
    def version(self, _dlgrade_submission: str) -> str:
        """The submission's notebook version, e.g. "new" or "old"."""
        return self.submissions[_dlgrade_submission].version

    @pytest.fixture
    def rng(self, request: pytest.FixtureRequest, _dlgrade_submission: str) -> np.random.Generator:
        """Random inputs: fixed for a given submission and test, unpredictable across files."""
        seed = self.submissions[_dlgrade_submission].seed
        test_id = request.node.stash[INFO].test_id
        digest = int.from_bytes(hashlib.sha256(test_id.encode()).digest()[:8], "little")
        return np.random.default_rng([seed % 2**64, digest])


def _submission_id(index: int) -> str:
    return f"@{index}"


def _strip_part(full_id: str, part: str) -> str:
    """`full_id` ("a-b-@0") without the id `part` pytest joined into it with "-"."""
    if full_id == part:
        return ""
    if full_id.endswith(f"-{part}"):
        return full_id[: -len(part) - 1]
    if full_id.startswith(f"{part}-"):
        return full_id[len(part) + 1 :]
    return full_id.replace(f"-{part}-", "-", 1)
