"""Atomic report writes: an interrupted batch never leaves a half-written report behind.

A report is written to a temporary file in the target's own directory (same file
system, so the final `os.replace` is atomic), flushed to disk, then renamed over the
target. Readers see either the old complete file or the new complete file.

Flushing each file (two fsyncs: the file, its directory) costs a journal commit per
report; a batch instead writes a chunk's reports with `durable=False` and commits them
together with `sync_file_system` (Linux's syncfs), ~5 % of its time.
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from dlgrade.grader.errors import GraderError

DEFAULT_MODE = 0o644


class ReportWriteError(GraderError):
    """A report could not be written (directory missing and not creatable, disk full, ...)."""


def write_text_atomic(
    path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8", durable: bool = True
) -> Path:
    """Write `text` to `path` atomically and return the path written.

    Missing parent directories are created. An existing file keeps its permission
    bits; a new one gets 0o644 (reports are meant to be read by others). On any
    failure the temporary file is removed and the previous content of `path`, if
    any, is left untouched. `durable=False` skips the flush to disk (still atomic for
    readers and against an interrupted process; `sync_file_system` flushes later).
    """
    target = Path(path)
    data = text.encode(encoding)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = target.stat().st_mode & 0o777 if target.exists() else DEFAULT_MODE
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise ReportWriteError(
            f"could not prepare to write the report {target}: {exc.strerror or exc}; "
            "check that the output directory exists or can be created, and is writable"
        ) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise ReportWriteError(
                f"could not write the report {target}: {exc.strerror or exc}; "
                "the previous file (if any) was left unchanged; check free disk space "
                "and permissions of the output directory"
            ) from exc
        raise
    if durable:
        _fsync_directory(target.parent)
    return target


@functools.cache
def file_system_sync() -> Callable[[int], int] | None:
    """The C `syncfs(fd)` of this platform's libc, returning 0 or the error number; None
    when there is none (not Linux: then every report is flushed on its own). ctypes is
    imported here: `grade submit` never needs it."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        syncfs = libc.syncfs
    except (OSError, AttributeError):
        return None
    syncfs.argtypes, syncfs.restype = [ctypes.c_int], ctypes.c_int

    def sync(fd: int) -> int:
        return 0 if syncfs(fd) == 0 else ctypes.get_errno()

    return sync


def sync_file_system(directory: str | os.PathLike[str]) -> None:
    """Flush to disk everything written on the file system holding `directory`.

    Raises ReportWriteError when the flush fails (an I/O error: what was written may be
    lost) or when this platform has no `file_system_sync()`.
    """
    syncfs = file_system_sync()
    if syncfs is None:
        raise ReportWriteError("this platform cannot flush a file system (no syncfs)")
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError as exc:
        raise ReportWriteError(f"could not open {directory} to flush the reports: {exc}") from exc
    try:
        error = syncfs(fd)
        if error:
            raise ReportWriteError(
                f"flushing the reports under {directory} to disk failed: {os.strerror(error)}; "
                "check the disk (the reports may be incomplete after a power loss)"
            )
    finally:
        os.close(fd)


def _fsync_directory(directory: Path) -> None:
    """Persist the rename itself (best effort: not every platform can open a directory)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
