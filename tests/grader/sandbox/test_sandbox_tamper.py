"""Attacks on the sandbox, each bounded, each with its exact expected outcome.

Every attack must end in a clean failed call or in honest plain data, leave the caller
alive, change nothing outside the worker's scratch and leave no process behind.
Each attack runs in every deployment of conftest.py (root; an ordinary user with user
namespaces; that user without namespaces, as in Docker), and must hold in each.
"""

from __future__ import annotations

import os
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from dlgrade import grader
from dlgrade.grader.sandbox import Limits, Sandbox, Zygote
from dlgrade.grader.sandbox.worker.confine import landlock_abi
from tests.grader.sandbox.deployments import MODES, NOT_ROOT

REPO = Path(grader.__file__).resolve().parents[2]
SMALL = Limits(call_timeout=2.0, load_timeout=3.0, memory_bytes=1024**3, max_processes=8)


@dataclass(frozen=True)
class Chunk:
    cell: int
    source: str


@dataclass(frozen=True)
class Code:
    chunks: tuple[Chunk, ...]


def code(source: str, cell: int = 1) -> Code:
    return Code((Chunk(cell, textwrap.dedent(source)),))


def live_processes_of(uid: int) -> list[int]:
    """Pids of non-zombie processes owned by `uid`, from /proc."""
    pids = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.stat(f"/proc/{entry}").st_uid != uid:
                continue
            state = Path(f"/proc/{entry}/stat").read_bytes().rpartition(b")")[2].split()[0]
        except (OSError, IndexError):
            continue
        if state != b"Z":
            pids.append(int(entry))
    return pids


def fingerprint(paths: list[Path]) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_size, p.stat().st_mtime_ns) for p in paths if p.exists()}


def ours(pid: int) -> bool:
    """The zygote and the test's own children (victims), which share the grading uid."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes().rpartition(b")")[2].split()
    except OSError:
        return False
    return int(stat[1]) == os.getpid()


def run_attack(zygote, source, function, *args, limits=SMALL, **kwargs):
    """Load `source`, call `function`, close; assert the worker left no process behind."""
    sandbox = Sandbox(code(source), limits=limits, zygote=zygote)
    try:
        outcome = sandbox.call(function, *args, **kwargs)
        uid = sandbox.isolation["unprivileged_uid"]
    finally:
        sandbox.close()
    assert left_behind(uid) == []
    return outcome, sandbox


def left_behind(uid: int, patience: float = 2.0) -> list[int]:
    """Processes of `uid` but ours still alive after `patience` seconds (a supervisor
    exits right after reporting the worker's status; a leftover would live on)."""
    deadline = time.monotonic() + patience
    while True:
        alive = [pid for pid in live_processes_of(uid) if not ours(pid)]
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.01)


def test_workers_are_isolated_here(zygote, mode, grading_uid):
    """Every mode of this machine gives the allow-list; namespaces where they exist."""
    with Sandbox(code("x = 1"), zygote=zygote) as sandbox:
        isolation = sandbox.isolation
    abi = landlock_abi()
    assert isolation["filesystem_allowlist"] is (abi >= 1) and isolation["seccomp"]
    assert isolation["tcp_denied"] is (abi >= 4) and isolation["signals_scoped"] is (abi >= 6)
    namespaces = mode != "user-no-namespaces"
    assert isolation["network_namespace"] is isolation["pid_namespace"] is namespaces
    assert isolation["user_namespace"] is (mode == "user-namespaces")
    if mode == "root":
        assert isolation["unprivileged_uid"] >= 200_000 and isolation["unique_uid"]
    else:
        assert isolation["unprivileged_uid"] == grading_uid and not isolation["unique_uid"]
    assert isolation["scrubbed_env"] and isolation["process"] and isolation["no_new_privs"]
    assert set(isolation["rlimits"]) >= {"RLIMIT_AS", "RLIMIT_CPU", "RLIMIT_NPROC"}


def test_patching_numpy_at_import_and_in_the_call_cannot_fool_the_caller(zygote):
    source = """
    import numpy as np
    np.allclose = lambda *a, **k: True
    np.array_equal = lambda *a, **k: True
    def f(x):
        np.linalg.norm = lambda *a, **k: 0.0
        np.isclose = lambda *a, **k: True
        return np.zeros_like(x)
    """
    outcome, _ = run_attack(zygote, source, "f", np.ones(3))
    assert outcome.ok and type(outcome.value) is np.ndarray
    assert not np.allclose(outcome.value, np.ones(3))  # the caller's numpy is untouched


@pytest.mark.parametrize(
    "patch",
    [
        "builtins.isinstance = lambda *a: True; builtins.len = lambda x: 0; builtins.type = str",
        "builtins.length = builtins.len; del builtins.len",  # same size, other names
    ],
    ids=["replaced", "renamed"],
)
@pytest.mark.parametrize("when", ["import", "call"])
def test_patching_builtins_cannot_corrupt_the_reply(zygote, when, patch):
    source = f"""
    import builtins
    {patch if when == "import" else ""}
    def f(x):
        {patch if when == "call" else ""}
        return {{"double": 2 * x, "n": 3}}
    """
    outcome, _ = run_attack(zygote, source, "f", np.arange(4))
    assert outcome.ok
    assert outcome.value["n"] == 3 and np.array_equal(outcome.value["double"], [0, 2, 4, 6])


def test_a_statement_failing_after_builtins_were_deleted_is_reported(zygote):
    source = """
    import builtins
    del builtins.len, builtins.isinstance
    raise ValueError("after the deletion")

    def f():
        return [1, 2]
    """
    outcome, sandbox = run_attack(zygote, source, "f")
    assert (outcome.ok, outcome.value) == (True, [1, 2])
    assert sandbox.load_problems == ("cell 1, line 4: ValueError: after the deletion",)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("class Liar:\n    def __eq__(self, other): return True\nreturn Liar()", "a Liar object"),
        ("class F(float):\n    def __eq__(self, o): return True\nreturn [F(1.0)]", "value[0]"),
        ("return (1, {'dW1': lambda: 0})", "return value[1]['dW1'] is a function"),
        ("return (i for i in range(3))", "a generator"),
        ("return np.array([object()])", "dtype object"),
    ],
)
def test_unsupported_return_values_are_refused_with_their_path(zygote, body, expected):
    source = "import numpy as np\ndef f():\n" + textwrap.indent(body, "    ")
    outcome, _ = run_attack(zygote, source, "f")
    assert (outcome.ok, outcome.error_type) == (False, "UnsupportedValue")
    assert expected in outcome.error_message


def test_an_ndarray_subclass_arrives_as_a_plain_array(zygote):
    source = """
    import numpy as np
    class Liar(np.ndarray):
        def __eq__(self, other): return np.ones(self.shape, bool)
        def __array_finalize__(self, obj): pass
    def f():
        return np.array([1.0, 2.0]).view(Liar)
    """
    outcome, _ = run_attack(zygote, source, "f")
    assert type(outcome.value) is np.ndarray
    assert (outcome.value == np.array([5.0, 5.0])).tolist() == [False, False]


def test_os_exit_costs_one_call_and_the_next_call_works(zygote):
    source = "import os\ndef die():\n    os._exit(3)\ndef ok():\n    return 7"
    with Sandbox(code(source), limits=SMALL, zygote=zygote) as sandbox:
        died = sandbox.call("die")
        after = sandbox.call("ok")
    assert (died.error_type, "exit code 3" in died.error_message) == ("WorkerDied", True)
    assert (after.ok, after.value) == (True, 7)


def test_system_exit_is_an_ordinary_failure(zygote):
    outcome, _ = run_attack(zygote, "import sys\ndef f():\n    sys.exit(4)", "f")
    assert (outcome.error_type, outcome.error_message) == (
        "SystemExit",
        "student code called sys.exit(4)",
    )
    assert outcome.traceback == ("cell 1, line 3, in f: sys.exit(4)",)


@pytest.mark.parametrize(
    "body",
    [
        "while True:\n    pass",
        "for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGALRM):\n"
        "    signal.signal(s, signal.SIG_IGN)\ntime.sleep(30)",
    ],
    ids=["busy-loop", "ignored-signals-sleep"],
)
def test_a_hanging_call_times_out_and_the_worker_is_replaced(zygote, body):
    source = (
        "import signal, time\ndef f():\n"
        + textwrap.indent(body, "    ")
        + "\ndef g():\n    return 1"
    )
    with Sandbox(code(source), limits=SMALL, zygote=zygote) as sandbox:
        first = sandbox.worker_pid
        outcome = sandbox.call("f", timeout=1.0)
        after = sandbox.call("g")
        assert sandbox.worker_pid != first
    assert (outcome.error_type, outcome.error_message) == (
        "Timeout", "f() did not finish within 1 s; the worker was stopped",
    )  # fmt: skip
    assert (after.ok, after.value) == (True, 1)


def test_cpu_time_is_limited_even_below_the_wall_timeout(zygote):
    limits = Limits(call_timeout=10.0, cpu_seconds=1)
    outcome, _ = run_attack(zygote, "def f():\n    while True:\n        pass", "f", limits=limits)
    assert outcome.error_type == "WorkerDied" and "CPU time limit of 1 s" in outcome.error_message


@pytest.mark.parametrize(
    "body", ["return bytearray(10**9)", "return np.ones((20_000, 20_000))"], ids=["bytes", "numpy"]
)
def test_a_memory_bomb_hits_the_address_space_limit(zygote, body):
    limits = Limits(memory_bytes=512 * 1024**2)
    source = "import numpy as np\ndef f():\n    " + body
    outcome, _ = run_attack(zygote, source, "f", limits=limits)
    assert (outcome.ok, outcome.error_type) == (False, "MemoryLimit")


def test_a_fork_storm_is_capped_and_cleaned_up(zygote):
    source = """
    import os, time
    def f():
        for _ in range(40):
            if os.fork() == 0:
                time.sleep(20)
                os._exit(0)
    """
    outcome, _ = run_attack(zygote, source, "f")  # run_attack asserts nothing is left
    assert outcome.error_type == "BlockingIOError"


@pytest.mark.parametrize("how", ["returns", "raises"])
def test_a_forked_process_never_answers_for_a_later_call(zygote, how):
    # A child returning from (or raising in) the student's function would otherwise
    # reply too, and its stale reply would be taken for the answer to the next call.
    ending = "return 'parent' if child else 'child'"
    if how == "raises":
        ending = "raise ValueError('parent' if child else 'child')"
    source = f"""
    import os
    def f():
        child = os.fork()
        {ending}
    def g(x):
        return x + 1
    """
    with Sandbox(code(source), limits=SMALL, zygote=zygote) as sandbox:
        first = sandbox.call("f")
        later = [sandbox.call("g", n) for n in range(5)]
    assert (first.value if how == "returns" else first.error_message) == "parent"
    assert [(o.ok, o.value) for o in later] == [(True, n + 1) for n in range(5)]


def test_leftover_and_daemonized_children_are_killed_on_close(zygote):
    source = """
    import os, time
    def f():
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                time.sleep(30)
            os._exit(0)
        if os.fork() == 0:
            time.sleep(30)
            os._exit(0)
        return "spawned"
    """
    outcome, _ = run_attack(zygote, source, "f")
    assert (outcome.ok, outcome.value) == (True, "spawned")


@pytest.mark.parametrize(
    "target",
    [
        REPO / "pyproject.toml",
        REPO / "new_file.py",
        REPO / "dlgrade" / "grader" / "results.py",  # also covered by an empty read-only mount
        REPO / "dlgrade" / "reference" / "optimizers.py",
    ],
)
def test_writing_into_the_checkout_fails(zygote, target):
    watched = [REPO / "pyproject.toml", REPO / "dlgrade" / "grader" / "results.py", target]
    before = fingerprint(watched)
    source = "def f(path):\n    with open(path, 'a') as h:\n        h.write('pwned')"
    outcome, _ = run_attack(zygote, source, "f", str(target))
    # EACCES (allow-list), EROFS (covered) or ENOENT (a checkout under the private /tmp)
    assert outcome.error_type in ("PermissionError", "OSError", "FileNotFoundError")
    assert fingerprint(watched) == before and not (REPO / "new_file.py").exists()


def test_writing_into_an_output_directory_fails_and_scratch_is_private(zygote, tmp_path):
    report = tmp_path / "report.json"
    report.write_text("{}")
    source = """
    import os
    def f(path):
        with open("scratch.txt", "w") as h:
            h.write("mine")
        try:
            open(path, "w").write("pwned")
        except OSError as e:
            return [type(e).__name__, os.listdir(".")]
    """
    outcome, sandbox = run_attack(zygote, source, "f", str(report))
    # hidden by the private /tmp (FileNotFoundError) or refused by the allow-list
    assert outcome.value[0] in ("FileNotFoundError", "PermissionError")
    assert outcome.value[1] == ["scratch.txt"]
    assert report.read_text() == "{}"
    assert not any(Path(d).exists() for d in sandbox.scratch_directories)


def test_the_reference_and_the_grader_cannot_be_imported_or_read(zygote):
    source = """
    import importlib.util
    import reference
    from dlgrade import reference
    from dlgrade.grader.sandbox import sandbox
    from grader.sandbox import sandbox
    import pytest
    def by_path(path):
        spec = importlib.util.spec_from_file_location("r", path)
        spec.loader.exec_module(importlib.util.module_from_spec(spec))
    """
    with Sandbox(code(source), limits=SMALL, zygote=zygote) as sandbox:
        problems = sandbox.load_problems
        reference_file = REPO / "dlgrade" / "reference" / "initialization.py"
        outcome = sandbox.call("by_path", str(reference_file))
    assert [p.split(":")[0:2] for p in problems] == [
        [f"cell 1, line {line}", " ImportError"] for line in range(3, 8)
    ]
    assert "cannot import 'reference'" in problems[0]
    assert "cannot import 'dlgrade'" in problems[1]
    assert outcome.error_type in ("FileNotFoundError", "PermissionError")


def test_a_segfault_is_reported_with_its_signal(zygote):
    outcome, _ = run_attack(zygote, "import ctypes\ndef f():\n    ctypes.string_at(0)", "f")
    assert outcome.error_type == "WorkerDied"
    assert outcome.error_message.startswith("the worker was killed by SIGSEGV")


def test_the_worker_cannot_kill_the_grader_or_the_zygote(zygote):
    source = """
    import os, signal
    def f(pids):
        errors = []
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError as e:
                errors.append(type(e).__name__)
        return errors
    """
    outcome, _ = run_attack(zygote, source, "f", [os.getpid(), zygote.pid])
    # another pid namespace (ProcessLookupError), or Landlock's signal scope (PermissionError)
    assert set(outcome.value) <= {"ProcessLookupError", "PermissionError"}
    assert len(outcome.value) == 2
    assert zygote.restarts == 0 and os.kill(zygote.pid, 0) is None


def test_an_output_flood_is_truncated(zygote):
    source = """
    import os
    def f():
        os.write(1, b"c" * 10**6)
        for _ in range(10_000):
            print("x" * 999)
        return 1
    """
    limits = Limits(max_output_bytes=1000)
    outcome, _ = run_attack(zygote, source, "f", limits=limits)
    assert (outcome.ok, outcome.value) == (True, 1)
    kept, _, note = outcome.stdout.partition("\n[... ")
    assert kept == ("x" * 999 + "\n")[:1000]
    assert note == f"{10_000 * 1000 - 1000} more characters of output dropped]"


def test_a_huge_return_value_is_refused(zygote):
    limits = Limits(max_message_bytes=1024**2)
    outcome, _ = run_attack(
        zygote, "import numpy as np\ndef f():\n    return np.zeros(10**6)", "f", limits=limits
    )
    assert outcome.error_type == "UnsupportedValue" and "over 1048576" in outcome.error_message


def test_a_forged_oversized_frame_on_the_channel_is_refused(zygote):
    source = """
    import os, struct
    def f():
        for fd in range(3, 1024):  # the zygote holds fds of its own, so the channel's is high
            try:
                os.write(fd, struct.pack(">Q", 2**40))
            except OSError:
                pass
        return 1
    def g():
        return 2
    """
    with Sandbox(code(source), limits=SMALL, zygote=zygote) as sandbox:
        forged = sandbox.call("f")
        after = sandbox.call("g")
    assert forged.error_type == "UnsupportedValue"
    assert f"tried to send {2**40} bytes" in forged.error_message
    assert after.value == 2


def test_the_environment_of_the_grader_does_not_reach_student_code(monkeypatch, mode):
    monkeypatch.setenv("DLGRADE_SECRET_TOKEN", "s3cr3t-value")
    source = """
    import os
    def f():
        leaked = []
        for pid in ["self", "1", *map(str, range(2, 50))]:
            try:
                leaked.append(open(f"/proc/{pid}/environ", "rb").read().decode("latin-1"))
            except OSError:
                pass
        return [dict(os.environ), leaked]
    """
    fresh = Zygote(**MODES[mode])
    with fresh, Sandbox(code(source), limits=SMALL, zygote=fresh) as sandbox:
        outcome = sandbox.call("f")
    environment, proc_environs = outcome.value
    assert set(environment) == {"HOME", "PATH", "LANG", "TMPDIR"}
    assert not any("s3cr3t" in text for text in [*environment.values(), *proc_environs])


@pytest.mark.parametrize("deployment", [pytest.param("root", marks=NOT_ROOT), "user-namespaces"])
def test_workers_share_their_zygotes_empty_network_namespace_not_the_hosts(deployment):
    """The network is cut once per zygote (see isolation.py): its workers share its empty
    namespace (as a user, with the user namespace owning it), another zygote has its
    own, the grader keeps the host's."""
    source = """
    import os
    def f():
        return [os.readlink(f"/proc/self/ns/{name}") for name in ("net", "user")]
    """
    with Zygote(**MODES[deployment]) as zygote, Zygote(**MODES[deployment]) as other:
        first, _ = run_attack(zygote, source, "f")
        second, _ = run_attack(zygote, source, "f")
        elsewhere, _ = run_attack(other, source, "f")
    (net, user), (net2, user2) = first.value, second.value
    host_net, host_user = (os.readlink(f"/proc/self/ns/{name}") for name in ("net", "user"))
    assert net == net2 != host_net and elsewhere.value[0] not in (net, host_net)
    if deployment == "user-namespaces":
        assert user == user2 != host_user and elsewhere.value[1] not in (user, host_user)


def test_mutating_arguments_in_place_cannot_touch_the_callers_data(zygote):
    source = "def f(p):\n    p['W'] += 1\n    p['W'][0, 0] = 99\n    p['k'].append(1)\n    return p"
    parameters = {"W": np.zeros((2, 2)), "k": []}
    outcome, _ = run_attack(zygote, source, "f", parameters)
    assert outcome.value["W"].tolist() == [[99.0, 1.0], [1.0, 1.0]] and outcome.value["k"] == [1]
    assert parameters["W"].tolist() == [[0.0, 0.0], [0.0, 0.0]] and parameters["k"] == []
