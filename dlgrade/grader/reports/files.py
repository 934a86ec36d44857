"""Atomic report writes: an interrupted batch never leaves a half-written report behind.

A report is written to a temporary file in the target's own directory (same file
system, so the final `os.replace` is atomic), flushed to disk, then renamed over the
target. Readers see either the old complete file or the new complete file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from dlgrade.grader.errors import GraderError

DEFAULT_MODE = 0o644


class ReportWriteError(GraderError):
    """A report could not be written (directory missing and not creatable, disk full, ...)."""


def write_text_atomic(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> Path:
    """Write `text` to `path` atomically and return the path written.

    Missing parent directories are created. An existing file keeps its permission
    bits; a new one gets 0o644 (reports are meant to be read by others). On any
    failure the temporary file is removed and the previous content of `path`, if
    any, is left untouched.
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
    _fsync_directory(target.parent)
    return target


def _fsync_directory(directory: Path) -> None:
    """Persist the rename itself (best effort: not every platform can open a directory)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
