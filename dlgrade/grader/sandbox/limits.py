"""Resource limits of a worker and the outcome of one call (the sandbox's public data).

Both are plain frozen dataclasses: `Limits` travels to the worker as a dict (see
`Limits.to_wire`), `CallOutcome` is built on the trusted side only, from decoded
plain data, so nothing in it can carry student behaviour (no lying `__eq__`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Limits:
    """Per-worker bounds. Times in seconds, sizes in bytes."""

    call_timeout: float = 5.0  # wall seconds per call (per exercise in assignment.toml)
    load_timeout: float = 5.0  # executing the kept definitions
    cpu_seconds: int = 30  # RLIMIT_CPU of each worker process
    # RLIMIT_AS: the interpreter with numpy maps ~120 MiB and course code needs a few more;
    # at 1 GiB a gigabyte-sized allocation fails at once instead of being zeroed first.
    memory_bytes: int = 1024**3
    max_processes: int = 32  # RLIMIT_NPROC (counted per unprivileged uid)
    max_file_bytes: int = 16 * 1024**2  # RLIMIT_FSIZE
    max_open_files: int = 64  # RLIMIT_NOFILE
    max_output_bytes: int = 64 * 1024  # captured stdout+stderr kept per call
    max_message_bytes: int = 256 * 1024**2  # largest frame either side accepts

    def to_wire(self) -> dict[str, float]:
        """The limits as plain JSON data for the worker."""
        return asdict(self)


@dataclass(frozen=True)
class CallOutcome:
    """What one call of a student function did, as seen from the trusted side.

    `error_type` is the student's exception type name, or one of the sandbox's own:
    "Timeout", "WorkerDied", "MemoryLimit", "UnsupportedValue", "NotDefined".
    `traceback` holds student frames only: "cell 5, line 3, in f: <code line>".
    """

    ok: bool
    value: object = None
    error_type: str = ""
    error_message: str = ""
    traceback: tuple[str, ...] = ()
    stdout: str = ""
    wall_time: float = 0.0
