"""Latency of the student kit's `check()` from a notebook, as a ratio to a baseline.

Builds the kit, installs it in a fresh virtualenv (as a student would), then times
`check(notebook=..., show=False)` called from a Python process that has already imported
`dlgrade.kit` (a kernel where the student ran the import cell), interleaved with the
baseline `python -c "import numpy"` of that virtualenv. What check() costs is a fresh
grading process (`grade submit`), so the ratio should be that of submit_latency.py.

    python benchmarks/check_latency.py [--runs 9] [--assignment optimization]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

from environment import cache_bytecode_here

DRIVER = """
import json, sys, time
from dlgrade.kit import check
times = []
for _ in range(int(sys.argv[2])):
    started = time.perf_counter()
    report = check(notebook=sys.argv[1], show=False)
    times.append(time.perf_counter() - started)
    assert report["score"] == report["max_score"], report["score"]
    sys.stdin.readline()  # the benchmark runs the baseline between two checks
    print(json.dumps(times[-1]), flush=True)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--assignment", default="optimization")
    args = parser.parse_args()
    cache_bytecode_here()  # as on a user's machine (environment.py)
    from dlgrade.grader.assignments import get_assignment
    from dlgrade.grader.kit.build import build_kit
    from dlgrade.grader.notebooks import render_notebook, write_notebook

    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        kit = build_kit(assignments=[args.assignment], out=root / "kit")
        venv.EnvBuilder(with_pip=True).create(root / "venv")
        python = str(root / "venv" / "bin" / "python")
        subprocess.run([python, "-m", "pip", "install", "-q", str(kit.wheel)], check=True)
        notebook = root / "complete.ipynb"
        write_notebook(render_notebook(get_assignment(args.assignment)), notebook)
        baseline = [python, "-c", "import numpy"]
        subprocess.run(baseline, check=True)  # warm the file cache
        driver = subprocess.Popen(
            [python, "-c", DRIVER, str(notebook), str(args.runs + 1)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=root,
        )
        base_times, check_times = [], []
        for run in range(args.runs + 1):
            driver.stdin.write("\n")
            driver.stdin.flush()
            elapsed = json.loads(driver.stdout.readline())
            started = time.perf_counter()
            subprocess.run(baseline, check=True)
            if run:  # the first of each warms caches
                base_times.append(time.perf_counter() - started)
                check_times.append(elapsed)
        driver.wait()
    base, checked = statistics.median(base_times), statistics.median(check_times)
    print(f"baseline  python -c 'import numpy': median {base * 1000:.0f} ms over {args.runs} runs")
    print(f"check() ({args.assignment}, complete, kit in a fresh venv): median "
          f"{checked * 1000:.0f} ms")  # fmt: skip
    print(f"ratio {checked / base:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
