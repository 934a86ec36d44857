"""Compare a student's value with the reference's and explain the first difference.

Grade values, not types: a Python float equals a NumPy scalar or a one-element array
of the same value, a bool mask equals a 0/1 int mask, a list of tuples equals a list
of lists, and ints compare with floats by value. Containers must match exactly:
missing or extra dict keys and wrong lengths are named, so an empty `{}` or `[]`
never passes against a non-empty expected value.

Example (inside a check module)::

    got = student.call("update_lr", 0.5, 2, 1)
    expect_close(got, reference_call(update_lr, 0.5, 2, 1), name="learning rate",
                 mistakes=mistake_outputs(MISTAKES, "update_lr", 0.5, 2, 1))

A failed comparison raises `Mismatch` (an AssertionError): `.message` says which key
or element differs and by how much; `.mistake` names a known mistake when the wrong
value equals that mistake's output.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

DEFAULT_NAME = "return value"
_NOTHING = object()  # "no value given" where None is a value


class Mismatch(AssertionError):
    """A student's value differs from the expected one.

    `message` describes the difference in words; `mistake` is the hint of the known
    mistake whose output the value equals, or None.
    """

    def __init__(self, message: str, mistake: str | None = None) -> None:
        text = message if mistake is None else f"{message}\nThis matches a known mistake: {mistake}"
        super().__init__(text)
        self.message = message
        self.mistake = mistake


class NotGradedHere(Exception):
    """A case this grader cannot judge: a student kit holds no recorded outcome of the
    reference for these inputs. The case's points are left to the instructor's grader."""


def expect_close(
    actual: Any,
    expected: Any,
    *,
    name: str = DEFAULT_NAME,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    mistakes: Sequence[tuple[str, Any]] = (),
    distinct: bool = False,
    allow_extra_keys: bool = False,
) -> None:
    """Raise `Mismatch` unless `actual` equals `expected` within `atol + rtol * |expected|`.

    Walks nested dicts, lists, tuples, arrays and scalars. `mistakes` holds
    `(hint, wrong_output)` pairs (see `mistakes.mistake_outputs`): when `actual`
    matches a wrong output under the same tolerance, the hint is attached. With
    `distinct`, a wrong output equal to `expected` or to another mistake's output is
    never named: two variants with the same output on these inputs cannot be told
    apart, and naming the wrong one would mislead (other cases tell them apart).
    """
    difference = find_difference(
        actual, expected, name=name, rtol=rtol, atol=atol, allow_extra_keys=allow_extra_keys
    )
    if difference is None:
        return
    hint = matching_mistake(
        actual,
        mistakes,
        rtol=rtol,
        atol=atol,
        allow_extra_keys=allow_extra_keys,
        distinct_from=expected if distinct else _NOTHING,
    )
    raise Mismatch(difference, hint)


def expect_equal(
    actual: Any,
    expected: Any,
    *,
    name: str = DEFAULT_NAME,
    mistakes: Sequence[tuple[str, Any]] = (),
    allow_extra_keys: bool = False,
) -> None:
    """Like `expect_close` with zero tolerance: for ints, strings, masks and structures."""
    expect_close(
        actual,
        expected,
        name=name,
        rtol=0.0,
        atol=0.0,
        mistakes=mistakes,
        allow_extra_keys=allow_extra_keys,
    )


def expect_true(condition: object, message: str, *, mistake: str | None = None) -> None:
    """Raise `Mismatch(message, mistake)` unless `condition` holds (property checks)."""
    if not condition:
        raise Mismatch(message, mistake)


def find_difference(
    actual: Any,
    expected: Any,
    *,
    name: str = DEFAULT_NAME,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    allow_extra_keys: bool = False,
) -> str | None:
    """Describe the first difference between `actual` and `expected`, or None if they match."""
    walker = _Walker(rtol=rtol, atol=atol, allow_extra_keys=allow_extra_keys)
    # inf - inf and overflows are expected while comparing: they mark a difference
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        return walker.difference(actual, expected, name, top=True)


def matching_mistake(
    actual: Any,
    mistakes: Sequence[tuple[str, Any]],
    *,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    allow_extra_keys: bool = False,
    distinct_from: Any = _NOTHING,
) -> str | None:
    """The hint of the first (hint, wrong output) pair that `actual` matches, else None.

    With `distinct_from` (the right answer), a pair counts only if its output differs
    from the right answer and from every other pair's output; that is checked for the
    matching pairs alone, so naming a mistake costs O(k) comparisons, not O(k^2).
    """
    tolerance = {"rtol": rtol, "atol": atol, "allow_extra_keys": allow_extra_keys}
    for index, (hint, wrong_output) in enumerate(mistakes):
        if not _same(actual, wrong_output, **tolerance):
            continue
        if distinct_from is _NOTHING or _is_distinct(index, mistakes, distinct_from, rtol, atol):
            return hint
    return None


def _is_distinct(
    index: int, outputs: Sequence[tuple[str, Any]], expected: Any, rtol: float, atol: float
) -> bool:
    """Output `index` differs from `expected` and from every other output."""
    output = outputs[index][1]
    if _same(output, expected, rtol=rtol, atol=atol):
        return False
    return not any(
        _same(output, other, rtol=rtol, atol=atol)
        for j, (_, other) in enumerate(outputs)
        if j != index
    )


def _same(a: Any, b: Any, *, rtol: float, atol: float, allow_extra_keys: bool = False) -> bool:
    """`a` matches `b`; values of kinds that cannot be compared never match."""
    try:
        return (
            find_difference(a, b, rtol=rtol, atol=atol, allow_extra_keys=allow_extra_keys) is None
        )
    except TypeError:
        return False


_NUMERIC_TYPES = frozenset({np.ndarray, float, int, np.float64})


class _Walker:
    """Recursive comparison; each method returns a description of the difference or None."""

    def __init__(self, *, rtol: float, atol: float, allow_extra_keys: bool) -> None:
        self.rtol = rtol
        self.atol = atol
        self.allow_extra_keys = allow_extra_keys

    def difference(self, actual: Any, expected: Any, label: str, *, top: bool) -> str | None:
        if type(expected) in _NUMERIC_TYPES:  # the common case first: no ABC checks
            return self.numeric(actual, expected, label)
        if isinstance(expected, Mapping):
            return self.mapping(actual, expected, label, top=top)
        if isinstance(expected, (list, tuple)):
            if isinstance(actual, np.ndarray) and _as_float_array(expected) is not None:
                return self.numeric(actual, expected, label)
            return self.sequence(actual, expected, label, top=top)
        if expected is None:
            return None if actual is None else f"{label} is {describe(actual)}, expected None"
        if isinstance(expected, str):
            return None if actual == expected else f"{label} is {actual!r}, expected {expected!r}"
        if _as_float_array(expected) is not None:
            return self.numeric(actual, expected, label)
        raise TypeError(f"cannot compare an expected value of type {type(expected).__name__}")

    def mapping(self, actual: Any, expected: Mapping, label: str, *, top: bool) -> str | None:
        if not isinstance(actual, Mapping):
            return f"{label} is {describe(actual)}, expected a dict with keys {list(expected)}"
        where = "" if top else f" from {label}"
        if not actual and expected:
            return f"{label} is an empty dict, expected keys {list(expected)}"
        for key in expected:
            if key not in actual:
                return f"key {key!r} is missing{where}; keys returned: {list(actual)}"
        if not self.allow_extra_keys:
            for key in actual:
                if key not in expected:
                    return f"unexpected key {key!r}{where}; expected keys: {list(expected)}"
        for key, value in expected.items():
            child = str(key) if top and label == DEFAULT_NAME else f"{label}[{key!r}]"
            difference = self.difference(actual[key], value, child, top=False)
            if difference is not None:
                return difference
        return None

    def sequence(self, actual: Any, expected: Sequence, label: str, *, top: bool) -> str | None:
        if not isinstance(actual, (list, tuple)):
            kind = "tuple" if isinstance(expected, tuple) else "list"
            return f"{label} is {describe(actual)}, expected a {kind} of {len(expected)} elements"
        if len(actual) != len(expected):
            if top and isinstance(expected, tuple):
                return f"returned {len(actual)} values, expected {len(expected)}"
            return f"{label} has {len(actual)} elements, expected {len(expected)}"
        names = _tuple_names(label, len(expected))
        for index, (got, want) in enumerate(zip(actual, expected, strict=True)):
            child = names[index] if names else f"{label}[{index}]"
            difference = self.difference(got, want, child, top=False)
            if difference is not None:
                return difference
        return None

    def numeric(self, actual: Any, expected: Any, label: str) -> str | None:
        want = _as_float_array(expected)
        if want is None:
            raise TypeError(f"cannot compare an expected value of dtype {expected.dtype}")
        got = _as_float_array(actual)
        if got is None:
            return f"{label} is {describe(actual)}, expected {describe(expected)}"
        if want.ndim == 0:
            if got.size != 1:
                return f"{label} has shape {got.shape}, expected a single number"
            got = got.reshape(())
        elif got.shape != want.shape:
            if got.ndim == 0:
                return f"{label} is a single number, expected an array of shape {want.shape}"
            return f"{label} has shape {got.shape}, expected {want.shape}"
        return _value_difference(got, want, label, self.rtol, self.atol)


_TUPLE_OF_NAMES = re.compile(r"^\((\w+(?:, \w+)+)\)$")


def _tuple_names(label: str, length: int) -> list[str] | None:
    """The student's own names for the values of a tuple labelled "(parameters, v, s)":
    a message then says `parameters['W1']`, not `(parameters, v, s)[0]['W1']`."""
    match = _TUPLE_OF_NAMES.match(label)
    names = match.group(1).split(", ") if match else []
    return names if len(names) == length else None


def _value_difference(
    got: np.ndarray, want: np.ndarray, label: str, rtol: float, atol: float
) -> str | None:
    """Compare two float arrays of the same shape (or two 0-d arrays) element by element.

    Runs under `np.errstate` set by `find_difference` (inf - inf is expected here).
    """
    if got.tobytes() == want.tobytes():
        return None  # bit for bit equal (the usual right answer): nothing to compute
    error = np.abs(got - want)
    bad = ~(error <= atol + rtol * np.abs(want))
    if not bad.any():
        return None
    bad &= ~(np.isnan(got) & np.isnan(want)) & ~(np.isinf(got) & (got == want))
    if not bad.any():
        return None
    nonfinite = bad & ~np.isfinite(got)
    if nonfinite.any():
        index = _first_index(nonfinite)
        where = "" if got.ndim == 0 else f" at {_format_index(index)}"
        got_text, want_text = _format_number(got[index]), _format_number(want[index])
        return f"{label} contains {got_text}{where}, expected {want_text}"
    relative = np.where(want != 0, error / np.abs(want), np.inf)
    index = np.unravel_index(int(np.argmax(np.where(bad, error, -1.0))), got.shape)
    max_abs, max_rel = _format_error(error[bad].max()), _format_error(relative[bad].max())
    got_text, want_text = _format_number(got[index]), _format_number(want[index])
    if got.ndim == 0:
        return (
            f"{label} differs: got {got_text}, expected {want_text} "
            f"(abs error {max_abs}, rel error {max_rel})"
        )
    return (
        f"{label} differs at {_format_index(index)}: got {got_text}, expected {want_text} "
        f"(max abs error {max_abs}, max rel error {max_rel}; "
        f"{int(bad.sum())} of {bad.size} elements differ)"
    )


def _as_float_array(value: Any) -> np.ndarray | None:
    """`value` as a float64 array when it is numeric data (bools, numbers, arrays), else None."""
    if isinstance(value, (str, bytes, Mapping)) or value is None:
        return None
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biuf":
            return None
        return value.astype(np.float64, copy=False)
    if isinstance(value, (bool, int, float, np.bool_, np.integer, np.floating)):
        return np.asarray(value, dtype=np.float64)
    if isinstance(value, (list, tuple)):
        try:
            array = np.asarray(value)
        except (ValueError, TypeError):
            return None
        return _as_float_array(array) if array.dtype.kind in "biuf" and array.size else None
    return None


def _first_index(mask: np.ndarray) -> tuple[int, ...]:
    return tuple(int(i) for i in np.argwhere(mask)[0]) if mask.ndim else ()


def _format_index(index: tuple) -> str:
    return "[" + ", ".join(str(int(i)) for i in index) + "]"


def _format_number(value: Any) -> str:
    value = float(value)
    if np.isnan(value):
        return "NaN"
    if np.isinf(value):
        return "inf" if value > 0 else "-inf"
    return f"{value:.6g}"


def _format_error(value: Any) -> str:
    value = float(value)
    return "inf" if np.isinf(value) else f"{value:.4g}"


def describe(value: Any) -> str:
    """A short phrase for what a value is, e.g. "an array of shape (2, 3)" or "None"."""
    if value is None:
        return "None"
    if isinstance(value, bool):
        return f"the bool {value}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, Mapping):
        return f"a dict with keys {list(value)}" if value else "an empty dict"
    if isinstance(value, (list, tuple)):
        kind = "tuple" if isinstance(value, tuple) else "list"
        return f"a {kind} of {len(value)} elements" if value else f"an empty {kind}"
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return (
                f"the number {_format_number(value)}"
                if value.dtype.kind in "biuf"
                else "a 0-d array"
            )
        return f"an array of shape {value.shape}"
    if isinstance(value, (int, float, np.number)):
        return f"the number {_format_number(value)}"
    return f"a {type(value).__name__}"
