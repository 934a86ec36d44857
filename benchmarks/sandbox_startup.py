"""Print the sandbox's startup and call costs: `python benchmarks/sandbox_startup.py`.

zygote start (once per grading process), fork + load of a 10-function submission
(once per submission), and the round trip of a small array call. Then the CPU a
sandbox's whole life costs (no call), split between this process, the zygote (fork)
and the worker (read from the zygote's /proc stat: the workers it reaped), on Linux.
"""

from __future__ import annotations

import statistics
import sys
import time

import numpy as np
from sandboxes import Code, code, cpu_ms

from dlgrade.grader.sandbox import Sandbox, Zygote

FUNCTIONS = "\n".join(
    f"def f{i}(x, scale={i}):\n    y = np.tanh(x) * scale\n    return {{'y': y, 'n': x.shape}}\n"
    for i in range(10)
)


def main(repeats: int = 30) -> None:
    submission = code("import numpy as np\nfrom opt_utils_v1a import *\n", FUNCTIONS)
    started = time.perf_counter()
    with Zygote() as zygote:
        zygote.pid  # noqa: B018 - wait until ready
        print(f"zygote ready: {1000 * (time.perf_counter() - started):.0f} ms (once per process)")
        starts, calls, closes = [], [], []
        for mode in ("auto", "rlimits"):
            starts.clear(), calls.clear(), closes.clear()
            for _ in range(repeats):
                t0 = time.perf_counter()
                sandbox = Sandbox(submission, zygote=zygote, isolation=mode)
                t1 = time.perf_counter()
                for _ in range(10):
                    sandbox.call("f3", np.ones((5, 4)))
                t2 = time.perf_counter()
                sandbox.close()
                starts.append(t1 - t0), calls.append((t2 - t1) / 10)
                closes.append(time.perf_counter() - t2)
            print(
                f"[{mode}] fork+load 10 functions: {1000 * statistics.median(starts):.1f} ms;"
                f" small-array call: {1000 * statistics.median(calls):.2f} ms;"
                f" close: {1000 * statistics.median(closes):.1f} ms"
            )

    if sys.platform.startswith("linux"):
        print_lifecycle_cpu(submission)


def print_lifecycle_cpu(submission: Code, count: int = 500) -> None:
    with Zygote() as zygote:
        for _ in range(10):
            Sandbox(submission, zygote=zygote).close()
        time.sleep(0.2)  # let the zygote reap
        before, ours = cpu_ms(zygote.pid), time.process_time()
        for _ in range(count):
            Sandbox(submission, zygote=zygote).close()
        time.sleep(0.2)
        after, ours = cpu_ms(zygote.pid), time.process_time() - ours
    zygote_ms, workers_ms = ((b - a) / count for a, b in zip(before, after, strict=True))
    print(
        f"CPU a sandbox's life (fork, isolation, load, exit; {count} sandboxes): "
        f"this process {1000 * ours / count:.2f} ms, zygote {zygote_ms:.2f} ms, "
        f"worker {workers_ms:.2f} ms"
    )


if __name__ == "__main__":
    main()
