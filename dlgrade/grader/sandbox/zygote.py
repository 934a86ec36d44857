"""Trusted-side handle of the zygote: one clean, warm interpreter that forks workers.

`Zygote().start()` returns at once, so the interpreter start (numpy import, course
helper modules) overlaps with the grader's own imports; the first `spawn` waits for
readiness. A zygote that died (e.g. killed by a student when no namespace protects it)
is restarted on the next spawn. Workers are never children of the grading process:
they are forked by the zygote, so the grading process's memory never reaches them.
"""

from __future__ import annotations

import json
import os
import select
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dlgrade.grader.errors import SandboxError

ZYGOTE_SCRIPT = Path(__file__).resolve().parent / "worker" / "zygote.py"
REFERENCE_DIR = Path(__file__).resolve().parents[2] / "reference"
STARTUP_TIMEOUT = 60.0
SPAWN_TIMEOUT = 10.0
ZYGOTE_ENV = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "HOME": "/nonexistent",
    # one BLAS thread: forking a multi-threaded process is unsafe, workers are one core each
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}


class Zygote:
    """A fork server for workers. Context manager; `close()` is idempotent."""

    def __init__(
        self, *, reference_dir: str | Path = REFERENCE_DIR, as_uid: int | None = None,
        deny_namespaces: bool = False, helper_modules: Mapping[str, Any] | None = None,
    ) -> None:  # fmt: skip
        """`as_uid` (as root): the zygote becomes that uid once it has started, as if an
        ordinary user ran the grader; `deny_namespaces`: it cannot create namespaces, as
        under Docker's default seccomp profile. Both exist to test those deployments.
        `helper_modules`: the course modules to build, as `helper_modules.wire_spec` gives
        them (default: those every installed assignment declares)."""
        self.reference_dir = Path(reference_dir)
        self.helper_modules = helper_modules
        self.as_uid, self.deny_namespaces = as_uid, deny_namespaces
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._control: socket.socket | None = None
        self._stderr = None
        self._ready: dict | None = None
        self.restarts = 0
        self.startup_seconds: float | None = None

    def start(self) -> Zygote:
        """Start the interpreter if it is not running; does not wait for it."""
        with self._lock:
            if self._process is None:
                self._launch()
        return self

    def _launch(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._stderr = tempfile.TemporaryFile()
        self._started_at = time.perf_counter()
        command = [sys.executable, "-I", str(ZYGOTE_SCRIPT), str(theirs.fileno())]
        command += [str(self.reference_dir), json.dumps(self._helper_spec())]
        if self.as_uid is not None:
            command += ["--as-uid", str(self.as_uid)]
        if self.deny_namespaces:
            command.append("--deny-namespaces")
        self._process = subprocess.Popen(
            command,
            pass_fds=[theirs.fileno()],
            env=dict(ZYGOTE_ENV),
            cwd="/",
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._stderr,
            start_new_session=True,
        )
        theirs.close()
        self._control, self._ready = ours, None

    def _helper_spec(self) -> Mapping[str, Any]:
        if self.helper_modules is None:
            from dlgrade.grader.assignments import course_helper_modules
            from dlgrade.grader.helper_modules import wire_spec

            self.helper_modules = wire_spec(course_helper_modules())
        return self.helper_modules

    @property
    def problems(self) -> tuple[str, ...]:
        """Why course helper modules could not be built (empty when all is well)."""
        with self._lock:
            return tuple(self._wait_ready()["problems"])

    @property
    def pid(self) -> int:
        with self._lock:
            return self._wait_ready()["pid"]

    @property
    def uid(self) -> int:
        """The uid the zygote (and so each worker's supervisor) runs as."""
        if self.as_uid is not None:
            return self.as_uid
        return os.getuid()

    def _wait_ready(self) -> dict:
        if self._process is None or self._process.poll() is not None:
            self.restarts += self._process is not None
            self._discard()
            self._launch()
        if self._ready is None:
            self._ready = json.loads(self._receive(STARTUP_TIMEOUT, "start"))
            self.startup_seconds = time.perf_counter() - self._started_at
        return self._ready

    def _receive(self, timeout: float, doing: str) -> bytes:
        readable, _, _ = select.select([self._control], [], [], timeout)
        message = self._control.recv(1 << 16) if readable else b""
        if not message:
            detail = self._stderr_tail()
            self._discard()
            raise SandboxError(
                f"the sandbox's worker interpreter ({sys.executable} {ZYGOTE_SCRIPT}) failed to "
                f"{doing} within {timeout:g} s. Its stderr ends with: {detail or '(nothing)'}"
            )
        return message

    def _stderr_tail(self) -> str:
        try:
            self._stderr.seek(0)
            return self._stderr.read()[-2000:].decode("utf-8", "replace").strip()
        except (OSError, ValueError, AttributeError):
            return ""

    def spawn(self, config: dict, channel: socket.socket, status_fd: int) -> int:
        """Fork a worker (as a user: a supervisor + worker) for `config`; returns its pid."""
        with self._lock:
            for attempt in (1, 2):
                self._wait_ready()
                try:
                    request = json.dumps({"op": "spawn", "config": config}).encode()
                    socket.send_fds(self._control, [request], [channel.fileno(), status_fd])
                    reply = json.loads(self._receive(SPAWN_TIMEOUT, "fork a worker"))
                    break
                except (OSError, SandboxError):
                    if attempt == 2:
                        raise
                    self._discard()  # died between the check and the request: restart once
                    self.restarts += 1
            if not reply.get("ok"):
                raise SandboxError(f"the zygote could not start a worker: {reply.get('error')}")
            return int(reply["pid"])

    def _discard(self) -> None:
        if self._control is not None:
            self._control.close()
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait()
        if self._stderr is not None:
            self._stderr.close()
        self._process = self._control = self._stderr = self._ready = None

    def close(self) -> None:
        """Stop the zygote (workers are stopped by their Sandbox). Idempotent."""
        with self._lock:
            self._discard()

    def __enter__(self) -> Zygote:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            if getattr(self, "_process", None) is not None:
                self._discard()
        except Exception:  # noqa: BLE001, S110 - never raise from a finalizer
            pass


SHARED_MEMORY = "/dev/shm"


def scratch_directory(*, in_memory: bool = False) -> str:
    """A fresh empty directory for one worker (private to the grading user).

    `in_memory` (for workers that mount their own bounded tmpfs and use this one only if
    that fails): in /dev/shm when the OS has it. A batch makes and removes one per
    submission, and on a disk file system that churn of inodes cost a tenth of the
    grader's time. Workers without a mount namespace keep a disk directory: they write
    to it, and a disk is a bigger place to fill than memory.
    """
    in_memory = in_memory and os.path.isdir(SHARED_MEMORY) and os.access(SHARED_MEMORY, os.W_OK)
    return tempfile.mkdtemp(prefix="dlgrade-scratch-", dir=SHARED_MEMORY if in_memory else None)


_HIDDEN = tuple(str(REFERENCE_DIR.parent / name) for name in ("grader", "reference", "assignments"))


def hidden_paths() -> list[str]:
    """Directories a worker must not even read: the grader, the reference, the checks."""
    return list(_HIDDEN)  # resolved once: this runs for every worker
