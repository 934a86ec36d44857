"""Known student mistakes: wrong variants of graded functions, with a hint for each.

An assignment's `mistakes.py` holds self-contained wrong implementations (NumPy, math
and the course helper functions only: `grade selftest` injects their source into the
sandbox as if a student had written it)::

    import numpy as np
    from dlgrade.grader.checking import mistake

    @mistake("schedule_lr_decay", "the decay must use floor(epoch_num / time_interval)")
    def schedule_without_floor(learning_rate0, epoch_num, decay_rate, time_interval=1000):
        return learning_rate0 / (1 + decay_rate * epoch_num / time_interval)

A check module loads them with `MISTAKES = load_mistakes(Path(__file__).parent.parent /
"mistakes.py")` (or `collect_mistakes(module)`), computes their outputs with
`mistake_outputs(MISTAKES, "schedule_lr_decay", ...)` and passes them to
`expect_close(..., mistakes=...)`, which names the matching hint.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.util
import inspect
import logging
import re
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

from dlgrade.grader.checking.compare import Mismatch
from dlgrade.grader.checking.proxy import StudentFailure, reference_call

log = logging.getLogger(__name__)

MISTAKE_ATTRIBUTE = "__dlgrade_mistake__"

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Mistake:
    """One wrong variant of a graded function.

    `source` is the variant's code with the decorator removed and the function
    renamed to `exercise`, ready to stand in for a student's definition.
    """

    name: str
    exercise: str
    hint: str
    function: Callable[..., Any]

    @functools.cached_property
    def source(self) -> str:
        # Lazy: reading source (inspect + tokenize) costs ~1 ms per mistake, and only
        # `grade selftest` needs it, not every grading that imports a catalogue.
        return student_source(self.function, self.exercise)


def mistake(exercise: str, hint: str) -> Callable[[F], F]:
    """Tag a function as a known wrong variant of `exercise` (no global registry)."""

    def tag(function: F) -> F:
        setattr(function, MISTAKE_ATTRIBUTE, (exercise, hint))
        return function

    return tag


def collect_mistakes(module: ModuleType) -> list[Mistake]:
    """The tagged functions defined in `module`, in definition order."""
    found = []
    for function in vars(module).values():
        tag = getattr(function, MISTAKE_ATTRIBUTE, None)
        if tag is None or not inspect.isfunction(function):
            continue
        if function.__module__ != module.__name__:
            continue  # imported from elsewhere: belongs to that module
        exercise, hint = tag
        found.append(
            Mistake(
                name=function.__name__,
                exercise=exercise,
                hint=hint,
                function=function,
            )
        )
    return found


def student_source(function: Callable[..., Any], exercise: str) -> str:
    """`function`'s source without decorators, its `def` renamed to `exercise`."""
    source = textwrap.dedent(inspect.getsource(function))
    tree = ast.parse(source)
    definition = tree.body[0]
    if not isinstance(definition, ast.FunctionDef):
        raise TypeError(f"{function.__name__} is not a plain function definition")
    lines = source.splitlines(keepends=True)[definition.lineno - 1 :]
    header = lines[0]
    prefix = f"def {definition.name}"
    if not header.lstrip().startswith(prefix):
        raise ValueError(f"cannot find `{prefix}` on the first line of {function.__name__}")
    lines[0] = header.replace(prefix, f"def {exercise}", 1)
    return "".join(lines)


def mistake_outputs(
    mistakes: Sequence[Mistake], exercise: str, *args: Any, seed: int | None = None, **kwargs: Any
) -> list[tuple[str, Any]]:
    """`(hint, output)` of every variant of `exercise` on copies of the same inputs.

    A variant that raises on these inputs is skipped: it cannot match a value.
    """
    outputs = []
    for variant in mistakes:
        if variant.exercise != exercise:
            continue
        try:
            outputs.append(
                (variant.hint, reference_call(variant.function, *args, seed=seed, **kwargs))
            )
        except Exception as error:  # a crashing variant simply cannot be the student's value
            log.debug("mistake %s raised %s on these inputs", variant.name, type(error).__name__)
            continue
    return outputs


_RAISED = re.compile(r"^\S+ raised (\w+)")


def crash_hint(
    mistakes: Sequence[Mistake], exercise: str, error_type: str, *args: Any, **kwargs: Any
) -> str | None:
    """The hint of the first variant of `exercise` raising `error_type` on these inputs."""
    for variant in mistakes:
        if variant.exercise != exercise:
            continue
        try:
            reference_call(variant.function, *args, **kwargs)
        except Exception as error:  # the variant's own crash is what we look for
            if type(error).__name__ == error_type or (
                error_type == "NameError" and isinstance(error, NameError)
            ):
                return variant.hint
    return None


def call_naming_crashes(
    student: Any, mistakes: Sequence[Mistake], exercise: str, *args: Any, **kwargs: Any
) -> Any:
    """The student's return value; a crash that a catalogued variant shares on the same
    inputs (e.g. a KeyError from counting layers in `grads`) fails with that variant's hint."""
    try:
        return student.call(exercise, *args, **kwargs)
    except StudentFailure as failure:
        raised = _RAISED.match(failure.message)
        if raised is None or failure.status != "failed":
            raise
        hint = crash_hint(mistakes, exercise, raised.group(1), *args, **kwargs)
        if hint is None:
            raise
        raise Mismatch(failure.message, hint) from failure


def load_mistakes(path: str | Path) -> list[Mistake]:
    """The mistakes of the module file at `path` (imported once per process, by path)."""
    return collect_mistakes(import_file(path))


def import_file(path: str | Path) -> ModuleType:
    """Import a Python file by path under a name unique to that path (no sys.path change)."""
    path = Path(path).resolve()
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:12]
    name = f"_dlgrade_{path.stem}_{digest}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def forget_modules(condition: Callable[[str, str], bool]) -> None:
    """Drop from `sys.modules` every module for which `condition(name, file)` holds, so
    the next import (by pytest or `import_file`) loads its file again."""
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None) or ""
        if condition(name, file):
            del sys.modules[name]
