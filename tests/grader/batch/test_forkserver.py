"""The fork server: ready or says why, forks grading processes it reports the end of,
warms up on the assignment's template, and ends with its parent's socket."""

import os
import signal
import socket
import subprocess
import sys
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from dlgrade.grader.assignments import get_assignment
from dlgrade.grader.batch.chunks import ChunkJob
from dlgrade.grader.batch.discover import SubmissionTask
from dlgrade.grader.batch.forkserver import ForkServer, ForkServerError, warm_up
from dlgrade.grader.batch.local import PACKAGE_PARENT
from tests.grader.batch.samples import GOOD, TINY_ROOT, write

ENV = {**os.environ, "PYTHONPATH": PACKAGE_PARENT}


@pytest.fixture
def server():
    started = ForkServer.start(assignment="tiny", assignments_root=str(TINY_ROOT), env=ENV)
    yield started
    started.close()


def forked(server: ForkServer):
    ours, theirs = socket.socketpair()
    process = server.fork(theirs.fileno())
    theirs.close()
    return process, Connection(ours.detach())


def job_for(student: str, path: Path, out: Path) -> ChunkJob:
    task = SubmissionTask(student, str(path), str(path))
    return ChunkJob((task,), "tiny", str(out), str(TINY_ROOT))


def test_a_forked_grading_process_grades_and_stops_when_told(server, tmp_path):
    process, connection = forked(server)
    path = write(tmp_path / "alice" / "notebook.py", GOOD)
    connection.send(job_for("alice", path, tmp_path))
    (row,) = connection.recv()
    assert (row["student"], row["score"]) == ("alice", 10.0)
    connection.send(None)
    assert process.wait(10) == 0


def test_signals_reach_a_forked_process_and_its_end_is_reported(server):
    process, _connection = forked(server)
    with pytest.raises(subprocess.TimeoutExpired):
        process.wait(0.05)
    process.kill()
    assert process.wait(10) == -signal.SIGKILL
    process.kill()  # ended: nothing to signal, no error
    assert process.wait() == -signal.SIGKILL


def test_forked_processes_outlive_the_server(server, tmp_path):
    process, connection = forked(server)
    server.close()
    assert server.process.returncode == 0
    path = write(tmp_path / "bob" / "notebook.py", GOOD)
    connection.send(job_for("bob", path, tmp_path))
    assert connection.recv()[0]["score"] == 10.0
    connection.send(None)
    assert process.wait(10) == -1  # ended, but nobody is left to say how


def test_a_launched_server_warms_up_without_blocking_its_parent():
    server = ForkServer.launch(assignment="tiny", assignments_root=str(TINY_ROOT), env=ENV)
    try:
        assert server.warming_up  # its interpreter has not even imported the grader yet
        server.wait_ready()
        assert not server.warming_up
        process, connection = forked(server)
        connection.send(None)
        assert process.wait(10) == 0
    finally:
        server.close()


def test_without_pidfds_the_server_refuses_to_fork_and_the_child_is_gone():
    """On a kernel without pidfds the parent is told, and starts interpreters instead."""
    code = (
        "import os, sys; from dlgrade.grader.batch import forkserver\n"
        "def no_pidfd(pid): raise OSError(38, 'Function not implemented')\n"
        "os.pidfd_open = no_pidfd\n"
        "forkserver.serve(int(sys.argv[1]), 'tiny', sys.argv[2])\n"
    )
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(theirs.fileno()), str(TINY_ROOT)],
        pass_fds=[theirs.fileno()],
        env=ENV,
    )
    theirs.close()
    server = ForkServer(process, ours)
    mine, child_end = socket.socketpair()
    try:
        with pytest.raises(ForkServerError, match="could not fork: no pidfd"):
            server.fork(child_end.fileno())
        child_end.close()
        mine.settimeout(10)
        assert mine.recv(1) == b""  # the forked child, killed, holds the other end no more
    finally:
        server.close()
        mine.close()


def test_a_server_that_cannot_warm_up_says_why(tmp_path):
    with pytest.raises(ForkServerError, match="not ready: AssignmentNotFound.*nothing-here"):
        ForkServer.start(assignment="nothing-here", assignments_root=str(tmp_path), env=ENV)


def test_warming_up_grades_the_template_and_keeps_its_checks():
    plans = warm_up("optimization", get_assignment("optimization").directory.parent)
    assert plans.get(get_assignment("optimization").checks_dir) is not None


def test_without_a_template_warming_up_keeps_no_plan():
    plans = warm_up("tiny", Path(TINY_ROOT))
    assert plans.get(TINY_ROOT / "tiny" / "checks") is None


def test_a_batch_ending_during_the_warm_up_leaves_no_traceback(capfd):
    """The server then finds its parent gone when it says it is ready: it just exits."""
    server = ForkServer.launch(assignment="tiny", assignments_root=str(TINY_ROOT), env=ENV)
    server.close()  # long before the warm-up ends
    assert server.process.returncode == 0
    assert "Traceback" not in capfd.readouterr().err
