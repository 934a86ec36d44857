"""What protects a grade: a worker's `isolation` report read as mechanisms, exposures, advice.

Pure functions over the report a worker sends at start (see worker/isolation.py), so
`grade doctor`, the warning of `grade submit` and the refusal of `grade batch` all say
the same thing. `probe()` starts one real worker to get that report on this machine.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Literal

Level = Literal["strong", "partial", "weak"]


@dataclass(frozen=True)
class Mechanism:
    name: str
    active: bool
    protects: str  # what it stops, in the words of an instructor
    exposure: str  # what a student can do without it (and nothing else covering it)
    remedy: str  # how to get it


@dataclass(frozen=True)
class Assessment:
    level: Level
    mechanisms: tuple[Mechanism, ...]

    @property
    def exposures(self) -> tuple[str, ...]:
        return tuple(m.exposure for m in self.mechanisms if not m.active and m.exposure)

    @property
    def remedies(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.remedy for m in self.mechanisms if not m.active and m.remedy))

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "active": [m.name for m in self.mechanisms if m.active],
            "missing": [m.name for m in self.mechanisms if not m.active],
            "exposures": list(self.exposures),
            "remedies": list(self.remedies),
        }

    def text(self) -> str:
        """The `grade doctor` page."""
        lines = [f"isolation of student code on this machine: {self.level}", ""]
        for mechanism in self.mechanisms:
            mark = "yes" if mechanism.active else "no "
            lines.append(f"  [{mark}] {mechanism.name}: {mechanism.protects}")
        if self.exposures:
            lines += ["", "what student code could still do here:"]
            lines += [f"  - {exposure}" for exposure in self.exposures]
        if self.remedies:
            lines += ["", "how to get more:"] + [f"  - {remedy}" for remedy in self.remedies]
        return "\n".join(lines)


LANDLOCK_REMEDY = "run on Linux 5.13 or later with Landlock enabled (most distributions since 2022)"
NAMESPACE_REMEDY = (
    "allow user namespaces (sysctl kernel.unprivileged_userns_clone=1, or on Ubuntu 23.10+ "
    "kernel.apparmor_restrict_unprivileged_userns=0), or run the grader as root"
)
SIGNAL_REMEDY = "Linux 6.12 or later (Landlock ABI 6) scopes signals without namespaces"


def assess(isolation: dict[str, Any]) -> Assessment:
    """Read a worker's isolation report."""
    get = lambda key: bool(isolation.get(key))  # noqa: E731
    abi = int(isolation.get("landlock_abi") or 0)
    mechanisms = (
        Mechanism("separate process", get("process"),
                  "student code never shares memory with the checks or the scores",
                  "change the grade directly", "this should always be there: report a bug"),
        Mechanism("resource limits", bool(isolation.get("rlimits")),
                  "memory, CPU time, processes, file size and open files are bounded",
                  "exhaust the machine's memory or processes", ""),
        Mechanism("filesystem allow-list (Landlock)", get("filesystem_allowlist"),
                  "only the standard library, NumPy and its own scratch directory are reachable",
                  "read every file the grading user can read (a copy of the reference, "
                  "private keys) and write every file it owns (its virtualenv, ~/.bashrc)",
                  LANDLOCK_REMEDY),
        Mechanism("system-call filter (seccomp)", get("seccomp"),
                  "no network sockets, SysV IPC, ptrace, mounts or new namespaces",
                  "open network connections and leave SysV IPC objects for the next student",
                  "run on Linux with seccomp (every mainstream kernel)"),
        Mechanism("network cut", get("network_namespace") or get("tcp_denied") and get("seccomp"),
                  "no connection to the network or the loopback",
                  "reach services on the machine or the network",
                  "Linux 6.7 or later (Landlock ABI 4), or user namespaces"),
        Mechanism("own process space", get("pid_namespace") or get("signals_scoped"),
                  "cannot see or signal the grader or other students' workers",
                  "kill the grading process and other processes of the grading user",
                  SIGNAL_REMEDY if abi < 6 else NAMESPACE_REMEDY),
        Mechanism("private /tmp and mounts", get("mount_namespace"),
                  "its /tmp and /dev/shm are its own; the grader's folders are covered",
                  "" if get("filesystem_allowlist") else "plant files in /tmp for later runs",
                  NAMESPACE_REMEDY),
        Mechanism("unprivileged identity", isolation.get("unprivileged_uid") is not None,
                  "it does not run as root", "act as root on the machine",
                  "run as an ordinary user, or as root (each worker then gets its own uid)"),
        Mechanism("scrubbed environment", get("scrubbed_env"),
                  "no variable of the grader (tokens, paths) reaches student code",
                  "read the grader's environment", ""),
    )  # fmt: skip
    contained = get("filesystem_allowlist") or (get("unique_uid") and get("mount_namespace"))
    if not contained:
        level: Level = "weak"
    elif all(m.active for m in mechanisms if m.name != "private /tmp and mounts"):
        level = "strong"
    else:
        level = "partial"
    return Assessment(level, mechanisms)


@functools.cache
def probe() -> dict[str, Any]:
    """The isolation report of one real worker on this machine (cached per process)."""
    from dlgrade.grader.sandbox.sandbox import Sandbox

    @dataclass(frozen=True)
    class _Empty:
        chunks: tuple = ()

    with Sandbox(_Empty()) as sandbox:
        return dict(sandbox.isolation)


def weak_isolation_message(assessment: Assessment, *, for_batch: bool) -> str:
    """Why the isolation is weak and what to do; `for_batch` adds how to proceed anyway."""
    lines = ["Student code would run here with only weak isolation: it could "
             + "; ".join(assessment.exposures[:3]) + "."]  # fmt: skip
    lines += [f"To fix: {remedy}." for remedy in assessment.remedies[:2]]
    if for_batch:
        lines.append(
            "Run `grade doctor` for details, or pass --allow-weak-isolation to grade anyway "
            "(only for submissions you trust)."
        )
    return " ".join(lines)
