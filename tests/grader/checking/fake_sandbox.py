"""An in-process stand-in for `grader.sandbox.Sandbox`, for the checking tests only.

It runs "student" source in this process (no isolation at all) and reports through
the same `CallOutcome` shape as the real sandbox, so the proxy and the plugin can be
tested without starting workers. A function raising `FakeTimeout` simulates a hang.
"""

from __future__ import annotations

import contextlib
import copy
import io
import traceback
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Spec:
    """ExerciseSpec look-alike (only the fields the checking framework reads)."""

    name: str
    title: str
    points: float
    timeout: float
    versions: tuple[str, ...] = ("new", "old")


class FakeTimeout(Exception):
    """Raised by test "student" code to stand for a call that never returns."""


@dataclass(frozen=True)
class FakeOutcome:
    ok: bool
    value: object = None
    error_type: str = ""
    error_message: str = ""
    traceback: tuple[str, ...] = ()
    stdout: str = ""
    wall_time: float = 0.0


class FakeSandbox:
    """Holds the namespace of `source` (one "cell"); records calls and open/close events."""

    def __init__(self, source: str, events: list[str] | None = None, name: str = "") -> None:
        self.lines = source.splitlines()
        self.namespace: dict[str, Any] = {}
        exec(compile(source, "<cell 3>", "exec"), self.namespace)
        self.defined = frozenset(k for k in self.namespace if k != "__builtins__")
        self.calls: list[tuple[str, tuple, float | None, int | None]] = []
        self.events = events if events is not None else []
        self.name = name

    def __enter__(self) -> FakeSandbox:
        self.events.append(f"open {self.name}")
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.events.append(f"close {self.name}")

    def call(
        self,
        function: str,
        *args: Any,
        seed: int | None = None,
        timeout: float | None = None,
        **kwargs: Any,
    ) -> FakeOutcome:
        self.calls.append((function, args, timeout, seed))
        if function not in self.defined:
            return FakeOutcome(ok=False, error_type="NotDefined", error_message=function)
        args, kwargs = copy.deepcopy(args), copy.deepcopy(kwargs)
        if seed is not None:
            np.random.seed(seed)
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                value = self.namespace[function](*args, **kwargs)
        except FakeTimeout:
            return FakeOutcome(ok=False, error_type="Timeout", stdout=printed.getvalue())
        except Exception as exc:
            frames = tuple(
                f"cell 3, line {frame.lineno}, in {frame.name}: "
                f"{self.lines[frame.lineno - 1].strip()}"
                for frame in traceback.extract_tb(exc.__traceback__)
                if frame.filename == "<cell 3>"
            )
            return FakeOutcome(
                ok=False,
                error_type=type(exc).__name__,
                error_message=str(exc),
                traceback=frames,
                stdout=printed.getvalue(),
            )
        if callable(value):
            return FakeOutcome(
                ok=False,
                error_type="UnsupportedValue",
                error_message="a function",
                stdout=printed.getvalue(),
            )
        return FakeOutcome(ok=True, value=value, stdout=printed.getvalue())
