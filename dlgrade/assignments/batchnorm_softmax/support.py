"""Helpers shared by this assignment's check modules (trusted side, loaded by path).

Why: the graded functions return tuples (e.g. `(dZ, dgamma, dbeta)`); comparing them as
`{name: element}` makes a mismatch say "dgamma differs at [1, 0]" instead of
"return value[1] differs at [1, 0]", and a wrong tuple length is reported as such.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from dlgrade.grader.checking import Mismatch, expect_close


def named(value: Any, names: Sequence[str]) -> Any:
    """A returned tuple as {name: element}; any other value unchanged."""
    if isinstance(value, (list, tuple)) and len(value) == len(names):
        return dict(zip(names, value, strict=True))
    return value


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
    if not isinstance(got, (list, tuple)) or len(got) != len(names):
        shown = f"{len(got)} values" if isinstance(got, (list, tuple)) else type(got).__name__
        raise Mismatch(f"returned {shown}, expected a tuple ({', '.join(names)})")
    expect_close(
        named(got, names),
        named(expected, names),
        mistakes=[(hint, named(output, names)) for hint, output in mistakes],
        allow_extra_keys=allow_extra_keys,
        rtol=rtol,
        atol=atol,
    )


def fixed_normal(seed: int, *shape: int, scale: float = 1.0, shift: float = 0.0) -> np.ndarray:
    """A reproducible normal array of `shape` for the visible cases (global RNG untouched)."""
    return np.random.RandomState(seed).randn(*shape) * scale + shift
