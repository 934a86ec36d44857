"""`Sandbox`: the student's code in an isolated worker, called by name over plain-data RPC.

One Sandbox per submission. The worker is forked from a warm zygote (milliseconds),
loads the extracted chunks, and answers calls. A call that times out, crashes the
worker, or breaks the protocol costs that call only: the worker is killed with every
process it started, and the next call forks a fresh one and reloads the code.
`close()` (also `__exit__`) leaves no process behind and removes the scratch directory.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Protocol

from dlgrade.grader.sandbox.client import Worker, WorkerLost
from dlgrade.grader.sandbox.limits import CallOutcome, Limits
from dlgrade.grader.sandbox.worker import codec
from dlgrade.grader.sandbox.zygote import Zygote

ISOLATION_MODES = ("auto", "rlimits")
DEFAULT_LIMITS = Limits()  # frozen: safe to share


class _Chunk(Protocol):
    cell: int
    source: str


class _Code(Protocol):
    chunks: tuple[_Chunk, ...]


class Sandbox:
    """The untrusted side of one submission. Context manager.

    `isolation="rlimits"` forces the degraded mode of a machine without namespaces
    (separate process, setsid, rlimits, scrubbed environment, scratch directory).
    """

    def __init__(
        self,
        code: _Code,
        *,
        limits: Limits = DEFAULT_LIMITS,
        zygote: Zygote | None = None,
        isolation: str = "auto",
        helper_modules: Sequence[str] | None = None,
    ) -> None:
        if isolation not in ISOLATION_MODES:
            raise ValueError(f"isolation must be one of {ISOLATION_MODES}, not {isolation!r}")
        self.limits = limits
        self._mode = isolation
        self._helper_modules = list(helper_modules) if helper_modules is not None else None
        self._own_zygote = zygote is None
        self._zygote = (zygote or Zygote()).start()
        self._chunks = [[int(chunk.cell), str(chunk.source)] for chunk in code.chunks]
        self._worker: Worker | None = None
        self._broken: CallOutcome | None = None
        self.defined: frozenset[str] = frozenset()
        self.load_problems: tuple[str, ...] = ()
        self.isolation: dict[str, object] = {}
        self.startup_seconds = 0.0
        self.scratch_directories: list[str] = []  # every worker's, for audits and tests
        # NumPy 1.x rules that made a difference ("function: what"), in order, once each
        self.compatibility_notes: dict[str, None] = {}
        started = time.perf_counter()
        first = self._fresh_worker()
        self.startup_seconds = time.perf_counter() - started
        if first is not None:
            self._broken = first
            self.load_problems = (f"loading the code failed: {first.error_message}",)

    def _fresh_worker(self) -> CallOutcome | None:
        """Fork a worker and load the code; a failure is returned as the outcome to report."""
        self._worker = Worker(self._zygote, self.limits, self._mode, self._helper_modules)
        self.scratch_directories.append(self._worker.scratch)
        self.isolation = {**self._worker.isolation, "zygote_restarts": self._zygote.restarts}
        try:
            reply, _ = self._worker.request(
                {"op": "load", "chunks": self._chunks}, None, self.limits.load_timeout
            )
        except WorkerLost as lost:
            return self._outcome_of_loss(lost, self.limits.load_timeout, "loading the code")
        if not self.defined and not self.load_problems:
            self.defined = frozenset(str(name) for name in reply.get("defined", ()))
            self.load_problems = tuple(str(problem) for problem in reply.get("problems", ()))
        return None

    def call(
        self, function: str, *args: object, seed: int | None = None,
        timeout: float | None = None, **kwargs: object,
    ) -> CallOutcome:  # fmt: skip
        """Call the student's `function` with copies of plain-data arguments."""
        if self._broken is not None:
            return self._broken
        limit = self.limits.call_timeout if timeout is None else timeout
        started = time.perf_counter()
        if self._worker is None:
            failure = self._fresh_worker()
            if failure is not None:
                return failure
        header = {"op": "call", "function": function, "seed": seed}
        arguments = {"args": tuple(args), "kwargs": dict(kwargs)}
        try:
            reply, value = self._worker.request(header, arguments, limit)
        except WorkerLost as lost:
            return self._outcome_of_loss(lost, limit, f"{function}()", started)
        except codec.WireError as error:
            raise TypeError(f"arguments of {function} are not plain data: {error}") from None
        notes = reply.get("compat")
        if isinstance(notes, list):
            self.compatibility_notes.update(dict.fromkeys(str(n)[:300] for n in notes[:20]))
        return _outcome(reply, value, time.perf_counter() - started)

    def _outcome_of_loss(
        self, lost: WorkerLost, limit: float, doing: str, started: float | None = None
    ) -> CallOutcome:
        self._worker.close()
        self._worker = None
        message = lost.message
        if lost.kind == "Timeout":
            message = f"{doing} did not finish within {limit:g} s; the worker was stopped"
        elapsed = time.perf_counter() - started if started is not None else 0.0
        return CallOutcome(ok=False, error_type=lost.kind, error_message=message, wall_time=elapsed)

    @property
    def worker_pid(self) -> int | None:
        """Pid (in this process's namespace) of the current worker, None between workers."""
        return self._worker.pid if self._worker is not None else None

    def close(self) -> None:
        """Kill every process of the submission and remove its scratch. Idempotent."""
        if self._worker is not None:
            self._worker.close()
            self._worker = None
        if self._own_zygote:
            self._zygote.close()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _outcome(reply: dict, value: object, wall_time: float) -> CallOutcome:
    """A CallOutcome from a decoded reply, with every field coerced to its plain type."""
    stdout = str(reply.get("stdout", ""))
    if reply.get("ok") is True:
        return CallOutcome(ok=True, value=value, stdout=stdout, wall_time=wall_time)
    frames = reply.get("traceback", ())
    return CallOutcome(
        ok=False,
        error_type=str(reply.get("error_type", "Error"))[:200],
        error_message=str(reply.get("error_message", "")),
        traceback=tuple(str(frame) for frame in frames) if isinstance(frames, list) else (),
        stdout=stdout,
        wall_time=wall_time,
    )
