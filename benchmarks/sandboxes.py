"""What the sandbox benchmarks share: student code in the shape `Sandbox` takes (cells
already extracted), and the CPU a process and its reaped children used, from /proc."""

from __future__ import annotations

import os
from dataclasses import dataclass

from dlgrade.grader.extraction import CodeChunk


@dataclass(frozen=True)
class Code:
    """The part of `extraction.StudentCode` a sandbox reads."""

    chunks: tuple[CodeChunk, ...]


def code(*sources: str) -> Code:
    """`sources` as the chunks of cells 1, 2, ..."""
    return Code(tuple(CodeChunk(cell, source) for cell, source in enumerate(sources, start=1)))


def cpu_ms(pid: int) -> tuple[float, float]:
    """(own, reaped children's) CPU of `pid` in ms, from /proc/<pid>/stat (Linux)."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rpartition(")")[2].split()
    utime, stime, cutime, cstime = (int(f) for f in fields[11:15])
    tick = 1000 / os.sysconf("SC_CLK_TCK")
    return (utime + stime) * tick, (cutime + cstime) * tick
