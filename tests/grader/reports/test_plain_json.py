"""to_plain: whatever a result carries, the JSON written is strict and UTF-8 encodable."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from dlgrade.grader.reports.plain_data import json_text, plain_json_text, safe_text, to_plain


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


@pytest.mark.parametrize(
    "data",
    [
        {"score": 1.5, "tests": [{"name": "ε", "output": "x"}], "isolation": {"pid": 1}},
        {"score": math.nan},
        {"output": "a\udcffb"},
        {"value": np.float64(2.0), "items": (1, 2)},
        {"paths": [Path("a")], "set": {2, 1}},
    ],
    ids=["plain", "nan", "lone surrogate", "numpy and tuple", "path and set"],
)
@pytest.mark.parametrize("compact", [True, False])
def test_plain_json_text_is_the_text_of_to_plain(data, compact):
    text = plain_json_text(data, compact=compact)
    assert text == json_text(to_plain(data), compact=compact)
    text.encode("utf-8")
