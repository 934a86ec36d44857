"""Turn result dictionaries into strictly valid JSON data.

`SubmissionResult.to_dict()` can carry values JSON cannot express or UTF-8 cannot
encode: NaN scores from a broken check, numpy scalars in the isolation dict, tuples,
paths, lone surrogates in a student's captured output. Every serializer passes its
data through `to_plain` so the written file always parses.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from os import PathLike
from typing import Any


def safe_text(text: str) -> str:
    """Return `text` encodable as UTF-8 (lone surrogates become U+FFFD)."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raw = text.encode("utf-16-le", errors="surrogatepass")
        return raw.decode("utf-16-le", errors="replace")
    return text


def finite_or_none(value: float) -> float | None:
    """Non-finite floats (NaN, +-inf) have no JSON form: they become null."""
    return value if math.isfinite(value) else None


def to_plain(value: Any) -> Any:
    """Recursively convert `value` to JSON-safe data (dict/list/str/int/float/bool/None).

    Numpy scalars and 0-d arrays are unwrapped with `.item()` (duck-typed: this
    package must not import numpy); other numpy arrays become nested lists; sets are
    sorted for deterministic output; anything else unknown becomes its `str()`.
    """
    kind = type(value)  # exact plain types first: a report has hundreds of nodes
    if kind is str:
        return safe_text(value)
    if kind is dict:
        return {safe_text(str(key)): to_plain(item) for key, item in value.items()}
    if kind is float:
        return finite_or_none(value)
    if kind is list:
        return [to_plain(item) for item in value]
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return finite_or_none(float(value))
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, Mapping):
        return {safe_text(str(key)): to_plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted((to_plain(item) for item in value), key=repr)
    if isinstance(value, PathLike):
        return safe_text(str(value))
    if hasattr(value, "dtype") and hasattr(value, "tolist"):
        return to_plain(value.tolist())
    return safe_text(str(value))


def json_text(data: Any, *, compact: bool = False) -> str:
    """`data` (already plain, see `to_plain`) as strict UTF-8 JSON text, no trailing newline.

    Indented by default; `compact` drops the indentation (only the unindented encoder
    is written in C, and a batch writes two JSON files per student).
    """
    layout: dict[str, Any] = {"separators": (",", ":")} if compact else {"indent": 2}
    return json.dumps(data, ensure_ascii=False, allow_nan=False, **layout)


def plain_json_text(data: Any, *, compact: bool = False) -> str:
    """`json_text(to_plain(data))`, without walking `data` when it is plain already.

    The JSON encoder refuses exactly what `to_plain` would change in our reports
    (non-finite floats, non-JSON types), and a lone surrogate shows when encoding to
    UTF-8; either way the text is made again from `to_plain(data)`. Dict keys must be
    strings (the encoder would write `True` as "true" where `to_plain` writes "True").
    """
    try:
        text = json_text(data, compact=compact)
        text.encode("utf-8")
    except (TypeError, ValueError):  # UnicodeEncodeError is a ValueError
        return json_text(to_plain(data), compact=compact)
    return text
