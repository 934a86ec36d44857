"""The `student` side of a check: calls into the sandbox, failures in a student's words.

Checks never touch student code directly. `StudentProxy.call("name", *args)` asks the
sandbox (any object with the `SandboxLike` shape, see docs/ARCHITECTURE.md) to run
the student's function and returns the decoded value, or raises `StudentFailure`
(an AssertionError) whose message says what happened::

    update_parameters_with_adam raised ZeroDivisionError: division by zero
      cell 12, line 7, in update_parameters_with_adam: s_corrected = s / (1 - beta2 ** 0)

`reference_call` runs a trusted reference function the way the worker runs the
student's one: on copies of the arguments, after seeding NumPy's global generator.
"""

from __future__ import annotations

import copy
import difflib
import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, Protocol, TypeVar

import numpy as np

log = logging.getLogger(__name__)

MAX_OUTPUT_CHARS = 2000

T = TypeVar("T")


class CallOutcomeLike(Protocol):
    """What `Sandbox.call` returns (grader.sandbox.CallOutcome)."""

    ok: bool
    value: object
    error_type: str
    error_message: str
    traceback: tuple[str, ...]
    stdout: str
    wall_time: float


class SandboxLike(Protocol):
    """The part of `grader.sandbox.Sandbox` the checks use."""

    defined: frozenset[str]

    def call(
        self,
        function: str,
        *args: Any,
        seed: int | None = None,
        timeout: float | None = None,
        **kwargs: Any,
    ) -> CallOutcomeLike: ...


SandboxSource = SandboxLike | Callable[[], AbstractContextManager[SandboxLike]]


# A function that hung, ran out of memory or killed its process on one case is not run
# again for that submission: each further call would cost its full time or memory limit
# (a batch would wait minutes on one notebook) and almost surely fail the same way.
COSTLY_FAILURES = frozenset({"Timeout", "MemoryLimit", "WorkerDied"})


class StudentFailure(AssertionError):
    """The student's code did not return a usable value.

    `status` is "failed" for the student's doing (exception, timeout, unreadable value,
    a worker killed while running their code) and "error" when the grader could not run
    the code at all (no sandbox, the sandbox itself failed).
    """

    def __init__(self, message: str, *, output: str = "", status: str = "failed") -> None:
        super().__init__(message)
        self.message = message
        self.output = output
        self.status = status


class StudentProxy:
    """One submission's functions, as seen by the checks.

    `source` is a sandbox (owned by the caller) or a zero-argument factory returning a
    context manager that yields one (opened on first use, closed by `close`).
    """

    def __init__(self, source: SandboxSource, *, time_budget: float | None = None) -> None:
        self._source = source
        self.time_budget = time_budget  # seconds of student code for the whole submission
        self.time_spent = 0.0
        self._sandbox: SandboxLike | None = None
        self._context: AbstractContextManager[SandboxLike] | None = None
        self._defined: frozenset[str] | None = None
        self.open_error: str | None = None
        self.timeout: float | None = None
        self._outputs: list[str] = []
        self._costly: dict[str, str] = {}  # function -> its costly failure's message

    @property
    def defined(self) -> frozenset[str] | None:
        """Names the student's code defines (kept after `close`), None if never opened."""
        return self._defined

    def open(self) -> None:
        """Start the sandbox if needed; a failure is kept in `open_error`, not raised."""
        if self._sandbox is not None or self.open_error is not None:
            return
        if hasattr(self._source, "call"):
            self._sandbox = self._source
        else:
            try:
                context = self._source()
                self._sandbox = context.__enter__()
                self._context = context
            except Exception as exc:  # any failure to start is reported per test
                self.open_error = f"{type(exc).__name__}: {exc}"
                return
        self._defined = frozenset(self._sandbox.defined)

    def close(self) -> None:
        """Close a sandbox this proxy opened; it reopens on the next call if needed."""
        context, self._context, self._sandbox = self._context, None, None
        if context is not None:
            try:
                context.__exit__(None, None, None)
            except Exception as error:  # a failing cleanup must not change any grade
                log.warning("closing a sandbox failed: %s: %s", type(error).__name__, error)

    def _within_budget(self, function: str, limit: float | None) -> tuple[float | None, bool]:
        """The call's time limit, lowered to what is left of the submission's budget."""
        if self.time_budget is None:
            return limit, False
        left = self.time_budget - self.time_spent
        if left <= 0:
            raise StudentFailure(self._budget_message(function))
        if limit is None or left < limit:
            return left, True
        return limit, False

    def _budget_message(self, function: str) -> str:
        return (
            f"{function} was not run on this case: the submission's code used its whole time "
            f"budget of {self.time_budget:g} s (all calls together); make the slow functions "
            "faster (a loop that does not end, or a sleep?)"
        )

    def begin_test(self, timeout: float | None) -> None:
        """Reset the per-test state: the default timeout and the collected output."""
        self.timeout = timeout
        self._outputs = []

    @property
    def output(self) -> str:
        """What the student's code printed during the current test (truncated)."""
        return _excerpt("".join(self._outputs))

    def call(
        self,
        function: str,
        *args: Any,
        seed: int | None = None,
        timeout: float | None = None,
        **kwargs: Any,
    ) -> Any:
        """Run the student's `function` on `args` and return its value, or raise StudentFailure."""
        self.open()
        if self._sandbox is None:
            message = f"the grader could not start a sandbox for your code ({self.open_error})"
            raise StudentFailure(message, status="error")
        defined = self._defined or frozenset()
        if function not in defined:
            raise StudentFailure(not_defined_message(function, defined))
        limit = self.timeout if timeout is None else timeout
        if function in self._costly:
            raise StudentFailure(
                f"{function} was not run on this case: on an earlier case, {self._costly[function]}"
            )
        limit, capped = self._within_budget(function, limit)
        try:
            outcome = self._sandbox.call(function, *args, seed=seed, timeout=limit, **kwargs)
        except Exception as exc:
            message = f"the grader could not run {function}: {type(exc).__name__}: {exc}"
            raise StudentFailure(message, status="error") from exc
        self.time_spent += outcome.wall_time
        if capped and outcome.error_type == "Timeout":
            raise StudentFailure(self._budget_message(function))
        if outcome.stdout:
            self._outputs.append(outcome.stdout)
        if outcome.ok:
            return outcome.value
        # A worker that died (os._exit, a segfault, a kill) died running the student's
        # code: that is the student's failure, explained, not a grader error.
        message = failure_message(function, outcome, timeout=limit, defined=defined)
        if outcome.error_type in COSTLY_FAILURES:
            self._costly[function] = message
        raise StudentFailure(message, output=_excerpt(outcome.stdout))


def failure_message(
    function: str, outcome: CallOutcomeLike, *, timeout: float | None, defined: frozenset[str]
) -> str:
    """Explain a failed call in a student's terms, with the student's own traceback lines."""
    kind, detail = outcome.error_type, outcome.error_message
    if kind == "Timeout":
        limit = f"within {timeout:g} s" if timeout else "in time"
        return f"{function} did not finish {limit} (infinite loop?)"
    if kind == "NotDefined":
        return not_defined_message(function, defined)
    if kind == "UnsupportedValue":
        return f"{function} returned a value the grader cannot read: {detail}"
    if kind == "MemoryLimit":
        return (
            f"{function} used more memory than allowed ({detail})"
            if detail
            else (f"{function} used more memory than allowed")
        )
    if kind == "WorkerDied":
        return f"the process running {function} stopped unexpectedly ({detail or 'no details'})"
    lines = [f"{function} raised {kind}: {detail}" if detail else f"{function} raised {kind}"]
    lines += [f"  {frame}" for frame in outcome.traceback]
    return "\n".join(lines)


def not_defined_message(function: str, defined: frozenset[str]) -> str:
    """Say what was looked for and, when a defined name is close, that it may be a typo.

    Not the list of every defined name: with the course's helpers and test cases that is
    ~30 names, and a student cannot act on it."""
    public = sorted(name for name in defined if not name.startswith("_"))
    message = (
        f"{function} is not defined in your notebook (looked for a top-level "
        f"`def {function}(...)` in the code cells that ran)"
    )
    close = difflib.get_close_matches(function, public, n=1)
    return f"{message}. Did you mean `{close[0]}`?" if close else message


def reference_call(
    function: Callable[..., T], *args: Any, seed: int | None = None, **kwargs: Any
) -> T:
    """Call a trusted function like the worker calls the student's one.

    Arguments are copied (the reference may update them in place) and, when `seed` is
    given, NumPy's global legacy generator is seeded with it first, as the worker does.
    The generator is not restored afterwards (saving its state cost more than the call):
    checks draw their inputs from the `rng` fixture, never from the global generator.
    """
    args, kwargs = fresh_copy(args), fresh_copy(kwargs)
    if seed is not None:
        np.random.seed(seed)
    return function(*args, **kwargs)


def fresh_copy(value: T) -> T:
    """A deep copy sharing nothing, as the worker receives values (arrays copied).

    Plain containers and arrays are copied directly (deepcopy's memo costs more than
    the copy); anything else goes through `copy.deepcopy`.
    """
    kind = type(value)
    if kind is np.ndarray:
        return value.copy()
    if kind is dict:
        return {key: fresh_copy(item) for key, item in value.items()}
    if kind is list:
        return [fresh_copy(item) for item in value]
    if kind is tuple:
        return tuple(fresh_copy(item) for item in value)
    if value is None or kind in (bool, int, float, str):
        return value
    return copy.deepcopy(value)


def _excerpt(text: str) -> str:
    if len(text) <= MAX_OUTPUT_CHARS:
        return text
    return text[:MAX_OUTPUT_CHARS] + f"\n... ({len(text) - MAX_OUTPUT_CHARS} more characters)"
