"""Latency of `grade submit` on a complete optimization notebook, as a ratio to a baseline.

The baseline is `python -c "import numpy"`, measured in the same run and interleaved
with the measured command, so machine load affects both alike. Target (issue 14): the
median of `grade submit` at most 3x the median of the baseline. Both run with bytecode
caching on, after a warm-up run, as on a user's machine (environment.py).

    python benchmarks/submit_latency.py [--runs 9] [--assignment optimization]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from environment import cache_bytecode_here

TARGET_RATIO = 3.0  # issue 14


def wall_time(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def complete_notebook(slug: str, directory: Path) -> Path:
    """The reference rendered as a student notebook: every exercise present and correct."""
    from dlgrade.grader.assignments import get_assignment
    from dlgrade.grader.notebooks import render_notebook, write_notebook

    path = directory / f"{slug}.ipynb"
    write_notebook(render_notebook(get_assignment(slug)), path)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--assignment", default="optimization")
    args = parser.parse_args()
    cache_bytecode_here()  # as on a user's machine (environment.py)
    grade = shutil.which("grade") or sys.exit("`grade` is not on PATH: pip install -e . first")
    with tempfile.TemporaryDirectory() as work:
        notebook = complete_notebook(args.assignment, Path(work))
        submit = [grade, "submit", str(notebook), "--out", str(Path(work) / "out")]
        baseline = [sys.executable, "-c", "import numpy"]
        wall_time(submit)  # warm the file cache and write the .pyc files, outside the sample
        wall_time(baseline)
        base_times, submit_times = [], []
        for _ in range(args.runs):
            base_times.append(wall_time(baseline))
            submit_times.append(wall_time(submit))
    base, graded = statistics.median(base_times), statistics.median(submit_times)
    ratio = graded / base
    verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
    print(f"baseline  python -c 'import numpy': median {base * 1000:.0f} ms over {args.runs} runs")
    print(f"grade submit ({args.assignment}, complete): median {graded * 1000:.0f} ms")
    print(f"ratio {ratio:.2f} ({verdict} the target of {TARGET_RATIO:g}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
