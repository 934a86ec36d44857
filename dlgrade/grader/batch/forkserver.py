"""A warm template of the local backend's grading processes: a fork server.

A grading process started as a fresh interpreter spends ~0.5 s of CPU before its first
submission: importing pytest, numpy and the grader, collecting the checks, compiling
the report template. A batch starts one per job at once, on a machine it then keeps
busy, so each of them pays that again. The fork server pays it once: it imports the
grading modules, grades the assignment's template notebook (which loads everything a
grading process loads lazily, and keeps the collected checks), then forks each grading
process on request. Its children start warm and share its memory until they write to it.

Why not fork the batch process itself: `run_batch` may be running inside a threaded
program (or a pytest session), which is not safe to fork. Why not multiprocessing's
forkserver: it re-imports the caller's `__main__`. The server is started like the
grading processes were, `python -c ...`, and runs nothing but this module.

Protocol over a SOCK_SEQPACKET socket pair (both sides trusted), one JSON object each:
    server -> {"ready": true} or {"ready": false, "error": "..."}
    parent -> {"op": "fork"} + one fd (the new grading process's end of its connection)
    server -> {"pid": n} + a pidfd of the child (signals reach it, never a reused pid)
    server -> {"exited": n, "code": c} once a child ended (Popen's returncode convention)
EOF on the control socket (the batch ended, or its process was killed) ends the server;
its children see their own connections close and end too.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from dlgrade.grader.errors import GraderError
from dlgrade.grader.sandbox.worker.children import ChildWatch

if TYPE_CHECKING:
    from dlgrade.grader.checking.plan import CheckPlans

READY_TIMEOUT = 120.0
REPLY_TIMEOUT = 10.0
SERVER_CODE = (
    "import sys; from dlgrade.grader.batch.forkserver import serve as s; "
    "s(int(sys.argv[1]), sys.argv[2], sys.argv[3])"
)


def python_process(
    code: str, end: socket.socket, *args: str, env: dict[str, str]
) -> subprocess.Popen:
    """A fresh interpreter running `code` with socket `end` inherited (its fd: argv[1])."""
    return subprocess.Popen(
        [sys.executable, "-c", code, str(end.fileno()), *args],
        pass_fds=[end.fileno()],
        env=env,
        stdin=subprocess.DEVNULL,
    )


class ForkServerError(GraderError):
    """The fork server could not start or stopped answering (grading goes on without it)."""


class ForkServer:
    """Parent side: start the server, fork grading processes, learn how they ended."""

    def __init__(self, process: subprocess.Popen, control: socket.socket) -> None:
        self.process = process
        self._control = control
        self._ready = False
        self._exit_codes: dict[int, int] = {}

    @classmethod
    def launch(cls, *, assignment: str, assignments_root: str, env: dict[str, str]) -> ForkServer:
        """Start a server that warms up for `assignment`; returns at once."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            process = python_process(SERVER_CODE, theirs, assignment, assignments_root, env=env)
        finally:
            theirs.close()
        return cls(process, ours)

    @classmethod
    def start(cls, *, assignment: str, assignments_root: str, env: dict[str, str]) -> ForkServer:
        """`launch`, then wait until the server is ready (ForkServerError if it is not)."""
        server = cls.launch(assignment=assignment, assignments_root=assignments_root, env=env)
        try:
            server.wait_ready()
        except ForkServerError:
            server.close()
            raise
        return server

    @property
    def warming_up(self) -> bool:
        """True while the server has not said whether it is ready (does not wait)."""
        if not self._ready and select.select([self._control], [], [], 0)[0]:
            self.wait_ready()
        return not self._ready

    def wait_ready(self) -> None:
        """Wait for the end of the warm-up; raises ForkServerError (with the server's
        reason) when the server cannot fork."""
        if self._ready:
            return
        ready, _ = self._message(READY_TIMEOUT)
        if not ready.get("ready"):
            raise ForkServerError(f"the fork server is not ready: {ready.get('error')}")
        self._ready = True

    def fork(self, connection_fd: int) -> ForkedProcess:
        """A new grading process serving `connection_fd` (the caller closes its copy)."""
        self.wait_ready()
        try:
            socket.send_fds(self._control, [b'{"op": "fork"}'], [connection_fd])
        except OSError as error:
            raise ForkServerError(f"the fork server is gone ({error})") from None
        while True:
            reply, fds = self._message(REPLY_TIMEOUT)
            if "pid" in reply and len(fds) == 1:
                return ForkedProcess(self, int(reply["pid"]), fds[0])
            for fd in fds:
                os.close(fd)
            if "error" in reply:
                raise ForkServerError(f"the fork server could not fork: {reply['error']}")

    def exit_code(self, pid: int, timeout: float) -> int | None:
        """How child `pid` ended (None if the server does not say within `timeout`)."""
        while pid not in self._exit_codes:
            try:
                _, fds = self._message(timeout)
            except ForkServerError:
                return None
            for fd in fds:  # a pidfd nobody asked for
                os.close(fd)
        return self._exit_codes.pop(pid)

    def _message(self, timeout: float) -> tuple[dict, list[int]]:
        """The next message (exit notices are recorded on the way)."""
        if self._control.fileno() < 0:
            raise ForkServerError("the fork server was stopped")
        readable, _, _ = select.select([self._control], [], [], timeout)
        data, fds = (b"", []) if not readable else _receive(self._control)
        if not data:
            for fd in fds:
                os.close(fd)
            code = self.process.poll()
            state = "stopped answering" if code is None else f"exited with status {code}"
            raise ForkServerError(f"the fork server {state}")
        message = json.loads(data)
        if "exited" in message:
            self._exit_codes[int(message["exited"])] = int(message["code"])
        return message, fds

    def close(self) -> None:
        """Stop the server (its children, if any are left, are not waited for)."""
        self._control.close()
        try:
            self.process.wait(REPLY_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _receive(control: socket.socket) -> tuple[bytes, list[int]]:
    try:
        data, fds, _flags, _address = socket.recv_fds(control, 1 << 16, 1)
    except OSError:
        return b"", []
    return data, fds


class ForkedProcess:
    """A grading process forked by the server, with the part of Popen's API the pool uses."""

    def __init__(self, server: ForkServer, pid: int, pidfd: int) -> None:
        self.server = server
        self.pid = pid
        self._pidfd = pidfd
        self.returncode: int | None = None

    def terminate(self) -> None:
        self._signal(signal.SIGTERM)

    def kill(self) -> None:
        self._signal(signal.SIGKILL)

    def _signal(self, signum: int) -> None:
        if self.returncode is None:
            try:
                signal.pidfd_send_signal(self._pidfd, signum)
            except ProcessLookupError:
                pass  # already ended

    def wait(self, timeout: float | None = None) -> int:
        """Wait for the end; raises subprocess.TimeoutExpired as Popen.wait does."""
        if self.returncode is not None:
            return self.returncode
        if not select.select([self._pidfd], [], [], timeout)[0]:
            raise subprocess.TimeoutExpired(f"grading process {self.pid}", timeout or 0.0)
        code = self.server.exit_code(self.pid, REPLY_TIMEOUT)
        self.returncode = -1 if code is None else code
        os.close(self._pidfd)
        return self.returncode


def serve(control_fd: int, assignment: str, assignments_root: str) -> None:
    """The server's life: warm up, then fork on request until the parent is gone.

    A parent gone while the server talks (a short batch ends during the warm-up) is the
    normal end, not an error: no traceback reaches the instructor's terminal.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the batch process's to handle
    control = socket.socket(fileno=control_fd)
    try:
        _serve(control, assignment, assignments_root)
    except (BrokenPipeError, ConnectionResetError):
        pass


def _serve(control: socket.socket, assignment: str, assignments_root: str) -> None:
    try:
        plans = warm_up(assignment, Path(assignments_root))
    except Exception as error:  # noqa: BLE001 - reported: the parent starts interpreters
        reason = f"{type(error).__name__}: {error}"
        control.send(json.dumps({"ready": False, "error": reason}).encode())
        return
    watch = ChildWatch()
    control.send(b'{"ready": true}')
    while True:
        readable, _, _ = select.select([control, watch], [], [])
        if watch in readable:
            for pid, status in watch.ended():
                code = os.waitstatus_to_exitcode(status)
                control.send(json.dumps({"exited": pid, "code": code}).encode())
        if control not in readable:
            continue
        data, fds = _receive(control)
        if not data:
            return
        if len(fds) != 1:
            for fd in fds:
                os.close(fd)
            control.send(b'{"error": "a fork request carries one fd"}')
            continue
        pid = os.fork()
        if pid == 0:
            control.close()
            watch.forget_in_child()
            _grading_process(fds[0], plans)
        os.close(fds[0])
        try:
            pidfd = os.pidfd_open(pid)
        except OSError as error:  # a kernel without pidfds (before Linux 5.3)
            os.kill(pid, signal.SIGKILL)  # it has not been given any work yet
            control.send(json.dumps({"error": f"no pidfd for the child ({error})"}).encode())
            continue
        socket.send_fds(control, [json.dumps({"pid": pid}).encode()], [pidfd])
        os.close(pidfd)


def _grading_process(connection_fd: int, plans: CheckPlans) -> None:
    """A forked child's life; never returns (the server's state is not ours to finalize)."""
    from dlgrade.grader.batch.worker import worker_main

    try:
        worker_main(connection_fd, plans)
    finally:
        os._exit(0)


def warm_up(assignment: str, assignments_root: Path) -> CheckPlans:
    """Load what a grading process needs; returns the check plans its children keep.

    Grades the assignment's template notebook (reports to a scratch folder) when it has
    one: collecting the checks, importing their modules and compiling the report
    template happen here, once, instead of in every grading process. Its zygote starts
    first, so that its interpreter loads numpy on another core while this one imports.
    """
    from dlgrade.grader.grading import GradingSession

    with GradingSession.start() as session:
        from dlgrade.grader.assignments import get_assignment
        from dlgrade.grader.batch.chunks import ChunkJob, grade_chunk
        from dlgrade.grader.batch.discover import SubmissionTask

        template = get_assignment(assignment, assignments_root).template_path
        if not template.is_file():
            return session.plans
        scratch = tempfile.mkdtemp(prefix="dlgrade-warm-up-")
        try:
            task = SubmissionTask("template", str(template), str(template))
            job = ChunkJob((task,), assignment, scratch, str(assignments_root))
            grade_chunk(job, session)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return session.plans
