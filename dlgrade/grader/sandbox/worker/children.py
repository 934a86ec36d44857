"""Ended children for a select loop: SIGCHLD as a readable fd, and a non-blocking reap.

Used by the zygote (loaded by path, like its other siblings) and by the batch's fork
server; standard library only.
"""

import os
import signal
from collections.abc import Iterator


class ChildWatch:
    """Makes SIGCHLD wake a `select` on `fileno()`; `ended()` reaps what has ended."""

    def __init__(self) -> None:
        self._read, self._write = os.pipe()
        os.set_blocking(self._read, False)
        os.set_blocking(self._write, False)
        signal.signal(signal.SIGCHLD, lambda signum, frame: None)
        signal.set_wakeup_fd(self._write, warn_on_full_buffer=False)

    def fileno(self) -> int:
        return self._read

    def ended(self) -> Iterator[tuple[int, int]]:
        """(pid, wait status) of each child that has ended, without blocking."""
        try:
            while len(os.read(self._read, 4096)) == 4096:
                pass
        except BlockingIOError:
            pass  # drained
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            yield pid, status

    def forget_in_child(self) -> None:
        """In a child just forked: signals back to normal, the pipe closed."""
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.close(self._read)
        os.close(self._write)
