"""Batch throughput: N generated submissions of an assignment, graded by `run_batch`.

    python benchmarks/batch_throughput.py --n 1000 [--runs 3] [--assignment optimization]
        [--hostile 0.015] [--jobs N] [--keep DIR]

Submissions are notebooks rendered from the reference (both notebook generations), most
with one or two catalogued mistakes, each made unique (its own hash, hence its own hidden
cases). A fraction is hostile: an infinite loop, os._exit, a memory bomb, a fork storm;
their per-call timeouts dominate their cost. The same submissions are graded `--runs`
times (a fresh output folder each time); prints the median submissions/s, the peak
memory of the batch process and of its largest child (a grading process), and the
baseline `python -c "import numpy"` (median, interleaved with the runs) so figures taken
on a busier or slower machine can be compared: `rate x baseline` is the number of
submissions graded in the time of one numpy import. Target (issue 14): 80/s here.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from environment import cache_bytecode_here

HOSTILE = {
    "infinite loop": "def {name}(*args, **kwargs):\n    while True:\n        pass\n",
    "os._exit": "import os\n\ndef {name}(*args, **kwargs):\n    os._exit(1)\n",
    "memory bomb": "def {name}(*args, **kwargs):\n    x = [bytearray(1 << 30) for _ in range(9)]\n",
    "fork storm": "import os\n\ndef {name}(*args, **kwargs):\n    while True:\n        os.fork()\n",
}


def generate(out: Path, n: int, slug: str, hostile_fraction: float, seed: int = 0) -> int:
    """Write `n` notebooks into out/<student>/; returns how many are hostile."""
    from dlgrade.grader.assignments import get_assignment
    from dlgrade.grader.checking import load_mistakes
    from dlgrade.grader.notebooks import notebook_text, render_notebook

    assignment = get_assignment(slug)
    mistakes = load_mistakes(assignment.directory / "mistakes.py")
    names = [spec.name for spec in assignment.exercises_for(assignment.default_version)]
    rng = random.Random(seed)
    hostile_count = round(n * hostile_fraction)
    for index in range(n):
        sources: dict[str, str] = {}
        if index < hostile_count:
            kind = list(HOSTILE)[index % len(HOSTILE)]
            name = rng.choice(names)
            sources[name] = HOSTILE[kind].format(name=name)
        else:
            for mistake in rng.sample(mistakes, k=rng.choice([0, 0, 1, 1, 2])):
                sources.setdefault(mistake.exercise, mistake.source)
        style = "old" if rng.random() < 0.2 else "new"
        notebook = render_notebook(assignment, style=style, sources=sources, explanations=False)
        text = notebook_text(notebook).replace("Check your work", f"Check your work ({index})")
        folder = out / f"student{index:05d}"
        folder.mkdir(parents=True)
        (folder / f"{slug}.ipynb").write_text(text, encoding="utf-8")
    return hostile_count


def baseline_seconds(runs: int = 3) -> list[float]:
    """Wall times of `python -c "import numpy"` (the machine-speed yardstick)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import numpy"], check=True)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--assignment", default="optimization")
    parser.add_argument("--hostile", type=float, default=0.015, help="fraction (0.015 = 1.5%%)")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--keep", type=Path, default=None, help="work directory to keep")
    args = parser.parse_args()
    cache_bytecode_here()  # as on a user's machine (environment.py)

    from dlgrade.grader.batch import run_batch

    work = args.keep or Path(tempfile.mkdtemp(prefix="dlgrade-bench-"))
    submissions = work / "submissions"
    started = time.perf_counter()
    hostile = generate(submissions, args.n, args.assignment, args.hostile)
    generated = time.perf_counter() - started
    baseline_seconds(1)  # warm the file cache
    rates, seconds, base_times, errors, backend = [], [], [], 0, ""
    for run in range(args.runs):
        base_times += baseline_seconds()
        out = work / f"out{run}"
        shutil.rmtree(out, ignore_errors=True)
        summary = run_batch(
            submissions=submissions, assignment=args.assignment, out_dir=out, jobs=args.jobs
        )
        rates.append(summary.rate)
        seconds.append(summary.seconds)
        errors, backend = summary.errors, summary.backend
    base_times += baseline_seconds()
    parent_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rate, base = statistics.median(rates), statistics.median(base_times)
    report = {
        "n": args.n,
        "hostile": hostile,
        "assignment": args.assignment,
        "generate_seconds": round(generated, 1),
        "runs": args.runs,
        "batch_seconds": [round(s, 1) for s in seconds],
        "submissions_per_second": [round(r, 1) for r in rates],
        "median_submissions_per_second": round(rate, 1),
        "baseline_import_numpy_ms": round(base * 1000),
        "submissions_per_baseline": round(rate * base, 2),
        "errors": errors,
        "backend": backend,
        "peak_rss_batch_process_mib": round(parent_mib, 1),
        "peak_rss_largest_child_mib": round(child_mib, 1),
        "work_dir": str(work) if args.keep else None,
    }
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)  # N notebooks and N x 3 reports per run
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
