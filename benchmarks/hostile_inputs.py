"""Loading and extracting hostile-but-valid files stays linear in their size.

For each shape of input (a `.py` export with a cell marker followed by a long run of
spaces, and a notebook of many tiny cells), times load + extract at size N and 2N
(median of several runs) and prints the ratio: about 2 when linear, about 4 when
quadratic. Target (issue 17): every ratio at most 2.6.

    python benchmarks/hostile_inputs.py [--runs 5] [--n 20000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from dlgrade.grader.extraction import extract_code
from dlgrade.grader.loading import load_submission

TARGET_RATIO = 2.6


def long_marker_line(n: int) -> str:
    return "# In[1]" + " " * (n * 20) + "x\n" + "def f():\n    return 1\n"


def tiny_cells(n: int) -> str:
    cells = [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "source": f"value_{i} = {i}\n"}
        for i in range(n)
    ]  # fmt: skip
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells})


SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "py export, marker + spaces": (".py", long_marker_line),
    "notebook of tiny cells": (".ipynb", tiny_cells),
}


def seconds(path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        extract_code(load_submission(path))
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--n", type=int, default=20_000)
    args = parser.parse_args()
    worst = 0.0
    with tempfile.TemporaryDirectory() as work:
        for name, (suffix, make) in SHAPES.items():
            timings = []
            for n in (args.n, 2 * args.n):
                path = Path(work) / f"input{suffix}"
                path.write_text(make(n))
                timings.append((path.stat().st_size, seconds(path, args.runs)))
            ratio = timings[1][1] / timings[0][1]
            worst = max(worst, ratio)
            sizes = " -> ".join(f"{size / 2**20:.1f} MiB: {s * 1000:.0f} ms" for size, s in timings)
            print(f"{name}: {sizes}; ratio {ratio:.2f}")
    verdict = "meets" if worst <= TARGET_RATIO else "MISSES"
    print(f"worst ratio {worst:.2f} ({verdict} the target of {TARGET_RATIO}: linear is 2)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
