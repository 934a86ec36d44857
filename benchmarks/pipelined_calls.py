"""The most that pipelining a submission's calls could save: `python benchmarks/pipelined_calls.py`.

Issue 14 proposed sending a submission's ~36 calls to its worker a few at a time
instead of one round trip each. The worker already reads requests one after the other
from its socket, so writing k requests before reading k replies shows, with the
protocol as it is, what a round trip costs when k calls are in flight: the CPU of this
process and of the worker (from /proc), per call, for k = 1, 2, 4, 10, 36. It uses the
client's private channel on purpose: it measures an idea, not an API. Linux only.
"""

from __future__ import annotations

import statistics
import time

import numpy as np
from sandboxes import code, cpu_ms

from dlgrade.grader.sandbox import Sandbox, Zygote
from dlgrade.grader.sandbox.worker import codec

CALLS = 3600
STEP = "def step(parameters, lr):\n    return {k: v * lr for k, v in parameters.items()}\n"


def per_call_cpu(sandbox: Sandbox, in_flight: int) -> tuple[float, float]:
    """(this process, worker) CPU in microseconds per call, `in_flight` calls at a time."""
    worker = sandbox._worker  # noqa: SLF001 - the experiment drives the wire directly
    parameters = {"W1": np.ones((5, 4)), "b1": np.zeros((5, 1))}
    arguments = {"args": (parameters, 0.1), "kwargs": {}}
    worker_before, ours_before = cpu_ms(sandbox.worker_pid)[0], time.process_time()
    for _ in range(CALLS // in_flight):
        ids = []
        for _ in range(in_flight):
            worker._next_id += 1  # noqa: SLF001
            ids.append(worker._next_id)  # noqa: SLF001
            header = {"op": "call", "function": "step", "seed": 1, "id": ids[-1]}
            codec.send_frame(worker._channel, codec.pack_message(header, arguments))  # noqa: SLF001
        for request_id in ids:
            reply, _ = worker._receive(time.monotonic() + 5)  # noqa: SLF001
            assert reply["id"] == request_id and reply["ok"], reply
    ours = time.process_time() - ours_before
    theirs = cpu_ms(sandbox.worker_pid)[0] - worker_before
    return 1e6 * ours / CALLS, 1e3 * theirs / CALLS


def main(repeats: int = 3) -> None:
    with Zygote() as zygote, Sandbox(code(STEP), zygote=zygote) as sandbox:
        sandbox.call("step", {"W1": np.ones(2)}, 0.1)  # the worker is up and warm
        for in_flight in (1, 2, 4, 10, 36):
            runs = [per_call_cpu(sandbox, in_flight) for _ in range(repeats)]
            ours = statistics.median(r[0] for r in runs)
            theirs = statistics.median(r[1] for r in runs)
            print(
                f"{in_flight:2d} in flight: {ours:5.0f} us here + {theirs:5.0f} us in the worker"
                f" = {ours + theirs:5.0f} us of CPU a call"
            )


if __name__ == "__main__":
    main()
