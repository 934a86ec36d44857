"""The local backend: a few worker processes, each with ONE zygote for its whole life.

Workers are forked from a warm fork server (`forkserver`: imports, collected checks
and report template loaded once) or, when it cannot start, are fresh interpreters
(`python -c ...`); never forks of this process: they share no socket with any zygote
client here, each starts its own zygote, and unlike multiprocessing's spawn/forkserver
they never re-import the caller's `__main__` (a script calling `run_batch` needs no
`if __name__ == "__main__"` guard). Parent and worker talk over a socket pair with
multiprocessing's `Connection` (both sides trusted): one chunk out, its summary rows
back; the reports are already on disk by then.

If a worker dies mid-chunk (it should not: student code runs in sandboxes), the chunk
is retried one submission at a time in a fresh worker, so a submission that kills the
grading process costs only itself. Ctrl-C (SIGINT, or SIGTERM to a worker) interrupts
the current pytest session cleanly: sandboxes are closed, nothing half-written is kept.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from dlgrade.grader import SINGLE_THREADED_BLAS
from dlgrade.grader.batch.chunks import ChunkJob, lost_rows
from dlgrade.grader.batch.forkserver import (
    ForkedProcess,
    ForkServer,
    ForkServerError,
    python_process,
)

log = logging.getLogger(__name__)


Rows = list[dict[str, Any]]
STOP_GRACE_SECONDS = 10.0
PACKAGE_PARENT = str(Path(__file__).resolve().parents[3])
WORKER_CODE = (
    "import sys; from dlgrade.grader.batch.worker import worker_main as m; m(int(sys.argv[1]))"
)


@dataclass
class _Worker:
    process: subprocess.Popen | ForkedProcess
    connection: Connection
    job: ChunkJob | None = None
    attempt: int = 1


def run_local(jobs: Sequence[ChunkJob], *, workers: int, on_rows: Callable[[Rows], None]) -> None:
    """Grade `jobs` on `workers` processes, calling `on_rows` as each chunk finishes.

    Raises KeyboardInterrupt after stopping every worker when interrupted.
    """
    queue: deque[tuple[ChunkJob, int]] = deque((job, 1) for job in jobs)
    pool: list[_Worker] = []
    launcher = _Launcher(jobs[0] if jobs else None)
    try:
        for number in range(max(1, min(workers, len(queue)))):
            pool.append(launcher.start(wait_for_server=number > 0))
            _dispatch(pool[-1], queue)
        while busy := [w for w in pool if w.job is not None]:
            ready = wait([w.connection for w in busy])
            for index, worker in enumerate(pool):
                if worker.job is None or worker.connection not in ready:
                    continue
                rows = _receive(worker)
                if rows is None:
                    pool[index] = _replace_dead(worker, queue, on_rows, launcher)
                    continue
                worker.job = None
                on_rows(rows)
                _dispatch(worker, queue)
    except KeyboardInterrupt:
        _stop_all(pool, interrupt=True)
        raise
    else:
        _stop_all(pool, interrupt=False)
    finally:
        launcher.close()  # after the pool: the server reports how its children ended


class _Launcher:
    """Starts grading processes: forked from a warm server while one runs, else fresh
    interpreters (a server that cannot start or dies only costs speed). The first one
    starts as an interpreter if the server is still warming up: it then warms up on the
    core the server leaves idle, and grades meanwhile."""

    def __init__(self, job: ChunkJob | None) -> None:
        self.env = {**SINGLE_THREADED_BLAS, **os.environ}
        self.env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [PACKAGE_PARENT, self.env.get("PYTHONPATH")])
        )
        self.server: ForkServer | None = None
        if job is not None:
            try:
                self.server = ForkServer.launch(
                    assignment=job.assignment, assignments_root=job.assignments_root, env=self.env
                )
            except OSError as error:
                log.warning("fork server not started (%s): grading processes start cold", error)
                self.server = None

    def start(self, *, wait_for_server: bool = True) -> _Worker:
        forked = self._forked(wait_for_server)
        if forked is not None:
            return forked
        ours, theirs = socket.socketpair()
        try:
            process = python_process(WORKER_CODE, theirs, env=self.env)
        finally:
            theirs.close()
        return _Worker(process, Connection(ours.detach()))

    def _forked(self, wait_for_server: bool) -> _Worker | None:
        """A grading process from the server, or None (no server, still warming up, or it
        failed: then its connection is closed, so a child it may have forked ends)."""
        if self.server is None:
            return None
        ours, theirs = socket.socketpair()
        try:
            if wait_for_server or not self.server.warming_up:
                return _Worker(self.server.fork(theirs.fileno()), Connection(ours.detach()))
        except ForkServerError as error:
            log.warning("%s; grading processes start as interpreters from now on", error)
            self.close()
        finally:
            theirs.close()
        ours.close()
        return None

    def close(self) -> None:
        """Stop the server; processes it forked live on until told to stop."""
        if self.server is not None:
            self.server.close()
            self.server = None


def _dispatch(worker: _Worker, queue: deque[tuple[ChunkJob, int]]) -> None:
    if queue:
        worker.job, worker.attempt = queue.popleft()
        worker.connection.send(worker.job)


def _receive(worker: _Worker) -> Rows | None:
    try:
        return worker.connection.recv()
    except (EOFError, OSError):
        return None


def _replace_dead(
    worker: _Worker,
    queue: deque[tuple[ChunkJob, int]],
    on_rows: Callable[[Rows], None],
    launcher: _Launcher,
) -> _Worker:
    """Retry a dead worker's chunk one submission at a time; give up on a second death."""
    job, attempt = worker.job, worker.attempt
    code = worker.process.wait()
    worker.connection.close()
    if attempt == 1 and len(job.tasks) > 1:
        queue.extendleft(reversed([(replace(job, tasks=(task,)), 2) for task in job.tasks]))
    elif attempt == 1:
        queue.appendleft((job, 2))
    else:
        on_rows(lost_rows(job, f"the grading process died (exit status {code}) twice on it"))
    fresh = launcher.start()
    _dispatch(fresh, queue)
    return fresh


def _stop_all(pool: list[_Worker], *, interrupt: bool) -> None:
    """Ask idle workers to stop, interrupt busy ones (SIGTERM), kill any straggler."""
    for worker in pool:
        try:
            if interrupt and worker.job is not None:
                worker.process.terminate()
            else:
                worker.connection.send(None)
        except (OSError, ValueError):
            pass
    for worker in pool:
        try:
            worker.process.wait(STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            worker.process.kill()
            worker.process.wait()
        worker.connection.close()
