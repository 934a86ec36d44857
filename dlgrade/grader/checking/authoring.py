"""How a check is written: what every check module and its assignment's helpers import.

The core idiom: call the student's function and the reference on copies of the same
inputs, compare, and name a catalogued mistake when the student's value is its output::

    import pytest

    from dlgrade.grader.checking.authoring import expect_like_reference, mistakes_of
    from dlgrade.reference.softmax_layer import softmax_backward

    MISTAKES = mistakes_of(__file__)
    pytestmark = pytest.mark.exercise("softmax_backward")

    def test_example_case(student):
        \"\"\"example case (3 classes, 4 examples)\"\"\"
        expect_like_reference(student, "softmax_backward", softmax_backward, A, Y,
                              mistakes=MISTAKES, name="dZ")

A check module lives in `assignments/<slug>/checks/`; its assignment's own helpers
(`cases.py`, `support.py`) are loaded with `assignment_module(__file__, "cases.py")`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from dlgrade.grader.checking.compare import Mismatch, expect_close, find_difference
from dlgrade.grader.checking.mistakes import (
    Mistake,
    call_naming_crashes,
    import_file,
    load_mistakes,
    mistake_outputs,
)
from dlgrade.grader.checking.proxy import reference_call


def assignment_folder(module_file: str | Path) -> Path:
    """The assignment folder of a check module (in `checks/`) or of a helper beside it."""
    folder = Path(module_file).resolve().parent
    return folder.parent if folder.name == "checks" else folder


def assignment_module(module_file: str | Path, name: str) -> ModuleType:
    """The assignment's helper module `name` ("cases.py"), imported once by path."""
    return import_file(assignment_folder(module_file) / name)


def mistakes_of(module_file: str | Path) -> list[Mistake]:
    """The assignment's catalogue of mistakes (its `mistakes.py`)."""
    return load_mistakes(assignment_folder(module_file) / "mistakes.py")


def _same(value: Any) -> Any:
    return value


def expect_like_reference(
    student: Any,
    exercise: str,
    reference: Callable[..., Any],
    *args: Any,
    mistakes: Sequence[Mistake],
    name: str = "return value",
    names: Sequence[str] | None = None,
    view: Callable[[Any], Any] = _same,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    distinct: bool = False,
    name_crashes: bool = False,
    allow_extra_keys: bool = False,
    **kwargs: Any,
) -> Any:
    """Compare `view` of the student's and the reference's values; returns the student's.

    `names`: the function returns a tuple, compared as {name: element} (a mismatch says
    "dgamma differs", a wrong length is said as such). `view` selects what is graded
    (an old notebook's Adam: its first three values). `distinct`: never name a mistake
    whose output equals the expected one or another mistake's. `name_crashes`: a crash
    that a catalogued variant shares on these inputs fails with that variant's hint.
    `kwargs` (with `seed`) go to both calls. The catalogue runs only for a wrong value.
    """
    if name_crashes:
        got = call_naming_crashes(student, mistakes, exercise, *args, **kwargs)
    else:
        got = student.call(exercise, *args, **kwargs)
    expected = view(reference_call(reference, *args, **kwargs))
    actual = view(got)
    if names is not None:
        _expect_tuple(actual, names)
        actual, expected = named(actual, names), named(expected, names)
    tolerance = {"rtol": rtol, "atol": atol, "allow_extra_keys": allow_extra_keys}
    if find_difference(actual, expected, name=name, **tolerance) is None:
        return got  # right: no need to run the catalogue
    outputs = [
        (hint, named(view(output), names) if names is not None else view(output))
        for hint, output in mistake_outputs(mistakes, exercise, *args, **kwargs)
    ]
    expect_close(actual, expected, name=name, mistakes=outputs, distinct=distinct, **tolerance)
    return got


def named(value: Any, names: Sequence[str]) -> Any:
    """A returned tuple as {name: element}; any other value unchanged."""
    if isinstance(value, (list, tuple)) and len(value) == len(names):
        return dict(zip(names, value, strict=True))
    return value


def _expect_tuple(got: Any, names: Sequence[str]) -> None:
    if not isinstance(got, (list, tuple)) or len(got) != len(names):
        shown = f"{len(got)} values" if isinstance(got, (list, tuple)) else type(got).__name__
        raise Mismatch(f"returned {shown}, expected a tuple ({', '.join(names)})")


def expect_returns(
    got: Any,
    expected: Sequence[Any],
    names: Sequence[str],
    *,
    mistakes: Sequence[tuple[str, Any]] = (),
    allow_extra_keys: bool = False,
    rtol: float = 1e-6,
    atol: float = 1e-8,
) -> None:
    """Compare a returned tuple element by element, naming the elements `names`."""
    _expect_tuple(got, names)
    expect_close(
        named(got, names),
        named(expected, names),
        mistakes=[(hint, named(output, names)) for hint, output in mistakes],
        allow_extra_keys=allow_extra_keys,
        rtol=rtol,
        atol=atol,
    )


def as_array(value: Any) -> np.ndarray | None:
    """`value` as a float array (bool masks become 0/1), or None if it is not numeric data."""
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return array if array.ndim else None
