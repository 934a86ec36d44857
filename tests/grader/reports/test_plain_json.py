"""to_plain: whatever a result carries, the JSON written is strict and UTF-8 encodable."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from grader.reports.plain import safe_text, to_plain


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (math.nan, None),
        (-math.inf, None),
        (np.float64(1.5), 1.5),
        (np.int64(3), 3),
        (np.bool_(True), True),
        (np.arange(3), [0, 1, 2]),
        ((1, (2,)), [1, [2]]),
        ({3, 1}, [1, 3]),
        (Path("a/b"), "a/b"),
        ({"k": (np.float32(0.5),)}, {"k": [0.5]}),
    ],
)
def test_to_plain(value, expected):
    plain = to_plain(value)
    assert plain == expected
    json.dumps(plain, allow_nan=False)


def test_safe_text_replaces_only_lone_surrogates():
    assert safe_text("ok ε") == "ok ε"
    assert safe_text("a\udcffb") == "a\ufffdb"
    safe_text("a\udcffb").encode("utf-8")
