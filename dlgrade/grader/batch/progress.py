"""One progress line (done/total, rate, ETA) on a terminal; nothing at all when piped."""

from __future__ import annotations

import time
from typing import TextIO

REFRESH_SECONDS = 0.1


class Progress:
    """Redraws `graded 120/1000 (3 errors, 40 skipped)  41.3/s  ETA 0:21` in place.

    Disabled (every method a no-op) unless `stream` is a TTY, so logs and pipes stay clean.
    The rate counts graded submissions only: skipped ones cost nothing.
    """

    def __init__(self, total: int, stream: TextIO, *, enabled: bool | None = None) -> None:
        self.total = total
        self.stream = stream
        self.enabled = stream.isatty() if enabled is None else enabled
        self.graded = self.errors = self.skipped = 0
        self.started = time.monotonic()
        self._drawn_at = 0.0

    def skip(self, count: int) -> None:
        self.skipped += count
        self._draw()

    def advance(self, graded: int, errors: int = 0) -> None:
        self.graded += graded
        self.errors += errors
        self._draw()

    def close(self) -> None:
        if self.enabled:
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()

    def line(self) -> str:
        done = self.graded + self.skipped
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.graded / elapsed
        remaining = self.total - done
        eta = format_duration(remaining / rate) if rate > 0 else "--:--"
        return (
            f"graded {done}/{self.total} ({self.errors} errors, {self.skipped} skipped)"
            f"  {rate:.1f}/s  ETA {eta}"
        )

    def _draw(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self._drawn_at < REFRESH_SECONDS):
            return
        self._drawn_at = now
        self.stream.write("\r\x1b[2K" + self.line())
        self.stream.flush()


def format_duration(seconds: float) -> str:
    """`75.2` -> `1:15`, `3725` -> `1:02:05`."""
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
