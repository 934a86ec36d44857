"""Trusted-side handle of one worker process: deadline-bounded RPC, kill, sweep, reap.

Nothing read from the worker is trusted: frames longer than `Limits.max_message_bytes`
are refused before reading them, every message is decoded by the trusted copy of the
codec (plain data only, never pickle or eval), and replies must echo the request id.
A worker that breaks any of this is killed and reported, never believed.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import socket
import time
from dataclasses import dataclass

from dlgrade.grader.sandbox.limits import Limits
from dlgrade.grader.sandbox.worker import codec
from dlgrade.grader.sandbox.zygote import Zygote, hidden_paths, scratch_directory

REAP_TIMEOUT = 5.0
HELLO_TIMEOUT = 10.0


@dataclass
class WorkerLost(Exception):
    """The request got no usable reply; `kind` is a CallOutcome error type."""

    kind: str
    message: str


def describe_status(status: int, limits: Limits) -> str:
    """Why a worker process ended, from its wait status, for the student."""
    code = os.waitstatus_to_exitcode(status)
    if code >= 0:
        return (
            f"student code ended the worker process with exit code {code} (e.g. os._exit({code}))"
        )
    name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
    hint = {
        "SIGXCPU": f" (CPU time limit of {limits.cpu_seconds} s reached)",
        "SIGSEGV": " (a segmentation fault)",
        # pid 1 of a namespace ignores SIGXCPU: the CPU limit then shows as SIGKILL
        "SIGKILL": f" (CPU time limit of {limits.cpu_seconds} s reached, or stopped from outside)",
    }.get(name, "")
    return f"the worker was killed by {name}{hint}"


class Worker:
    """One forked worker: request/reply with deadlines, then `close()` kills everything."""

    def __init__(
        self, zygote: Zygote, limits: Limits, mode: str, helper_modules: list[str] | None = None
    ) -> None:
        self.limits = limits
        self.scratch = scratch_directory(in_memory=mode == "auto")
        self._channel, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        status_read, status_write = os.pipe()
        self._status = os.fdopen(status_read, "rb", buffering=0)
        self._status_text = b""
        config = {
            "mode": mode,
            "limits": limits.to_wire(),
            "scratch": self.scratch,
            "hidden_paths": hidden_paths(),
            "helper_modules": helper_modules,
        }
        if zygote.uid != os.getuid():  # a zygote started for another user (tests, doctor)
            os.chown(self.scratch, zygote.uid, -1)
        try:
            zygote.spawn(config, theirs, status_write)
        finally:
            theirs.close()
            os.close(status_write)
        self.pid = int(self._status_field("pid", HELLO_TIMEOUT) or 0)
        self.exit_status: int | None = None
        self._next_id = 0
        self._closed = False
        self._pending = bytearray()  # read from the channel, not yet consumed
        self.isolation: dict = {}  # what the worker reports in its hello
        header, _ = self._receive(time.monotonic() + HELLO_TIMEOUT)
        self.isolation = header.get("isolation", {})

    def _status_field(self, key: str, timeout: float) -> str | None:
        """Read a "key value" line of the status pipe, waiting up to `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            for line in self._status_text.splitlines():
                name, _, value = line.decode().partition(" ")
                if name == key:
                    return value
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._status], [], [], remaining)[0]:
                return None
            chunk = self._status.read(4096)
            if not chunk:
                return None
            self._status_text += chunk

    def request(self, header: dict, value: object, timeout: float) -> tuple[dict, object]:
        """Send one request and return the decoded reply, or raise WorkerLost."""
        deadline = time.monotonic() + timeout
        self._next_id += 1
        request_id = self._next_id
        payload = codec.pack_message({**header, "id": request_id}, value, path="argument")
        try:
            self._channel.settimeout(max(timeout, 0.001))
            codec.send_frame(self._channel, payload)
        except OSError:
            raise self._lost(timed_out=False) from None
        reply, result = self._receive(deadline)
        if reply.get("id") != request_id:
            self.close()
            raise WorkerLost("UnsupportedValue", "the worker sent a reply to another request")
        return reply, result

    def _receive(self, deadline: float) -> tuple[dict, object]:
        try:
            prefix = self._read(codec.FRAME_LENGTH.size, deadline)
            (size,) = codec.FRAME_LENGTH.unpack(prefix)
            if size > self.limits.max_message_bytes:
                self.close()
                raise WorkerLost(
                    "UnsupportedValue",
                    f"the worker tried to send {size} bytes, more than the limit of "
                    f"{self.limits.max_message_bytes} bytes",
                )
            return codec.unpack_message(self._read(size, deadline))
        except codec.WireError as error:
            self.close()
            raise WorkerLost(
                "UnsupportedValue", f"the worker sent malformed data: {error}"
            ) from None

    def _read(self, size: int, deadline: float) -> bytes:
        """`size` bytes from the worker before `deadline`, or raise WorkerLost."""

        def receive(limit: int) -> bytes:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            self._channel.settimeout(remaining)
            try:
                return self._channel.recv(limit)
            except TimeoutError:
                raise
            except OSError:
                return b""

        try:
            return codec.take_bytes(self._pending, size, receive)
        except TimeoutError:
            raise self._lost(timed_out=True) from None
        except EOFError:
            raise self._lost(timed_out=False) from None

    def _lost(self, *, timed_out: bool) -> WorkerLost:
        if timed_out:
            self.close()
            return WorkerLost("Timeout", "")
        status = self._status_field("status", 1.0)
        self.close()
        status = self._status_field("status", 0) if status is None else status
        if status is None:
            return WorkerLost("WorkerDied", "the worker stopped answering")
        return WorkerLost("WorkerDied", describe_status(int(status), self.limits))

    def close(self) -> None:
        """Kill the worker and everything it started, reap it, remove the scratch. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._channel.close()
        if self.pid:
            _kill(self.pid)
            if not self.isolation.get("pid_namespace"):
                unique = self.isolation.get("unique_uid")
                sweep(self.pid, self.isolation.get("unprivileged_uid") if unique else None)
            status = self._status_field("status", REAP_TIMEOUT)
            self.exit_status = int(status) if status is not None else None
        self._status.close()
        shutil.rmtree(self.scratch, ignore_errors=True)


def _kill(pid: int, *, group: bool = False) -> None:
    try:
        (os.killpg if group else os.kill)(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _stat(pid: str) -> tuple[int, int, int, str] | None:
    """(uid, process group, session, state) of a process, or None when it is gone."""
    try:
        uid = os.stat(f"/proc/{pid}").st_uid
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rpartition(b")")[2].split()
        return uid, int(fields[2]), int(fields[3]), fields[0].decode()
    except (OSError, IndexError, ValueError):
        return None


def leftovers(pid: int, uid: int | None) -> list[int]:
    """Live processes of a worker without a pid namespace: its session, group or uid."""
    found = []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        stat = _stat(entry) if entry.isdigit() else None
        if stat is None or stat[3] == "Z" or int(entry) == os.getpid():
            continue
        if stat[1] == pid or stat[2] == pid or (uid is not None and uid >= 1000 and stat[0] == uid):
            found.append(int(entry))
    return found


def sweep(pid: int, uid: int | None, rounds: int = 100) -> None:
    """Kill the worker's process group, session and (unique) uid until nothing is left.

    The worker itself (killed already, not yet reaped: its pid, hence its session and
    group ids, cannot be reused meanwhile) is not waited for: it cannot fork once
    SIGKILL is pending, and waiting for it to turn zombie cost 5 ms a submission.
    """
    _kill(pid, group=True)
    unique_uid = uid if uid is not None and uid != os.getuid() else None
    for _ in range(rounds):
        remaining = [other for other in leftovers(pid, unique_uid) if other != pid]
        if not remaining:
            return
        for other in remaining:
            _kill(other)
        time.sleep(0.005)
