"""A grading process's life (forked by the fork server or started as an interpreter):
one zygote, the kept check plans, chunks from the batch process until it says stop.

Its own module so that the fork server and the local pool both use it without importing
each other."""

from __future__ import annotations

import logging
import signal
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from dlgrade.grader.batch.chunks import grade_chunk_safely

if TYPE_CHECKING:
    from dlgrade.grader.checking.plan import CheckPlans

log = logging.getLogger(__name__)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def worker_main(fd: int, plans: CheckPlans | None = None) -> None:
    """A worker's life: one grading session (its zygote, and `plans`: those a fork server
    collected), chunks until told to stop or the parent is gone."""
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent stops us with SIGTERM
    connection = Connection(fd)
    try:
        from dlgrade.grader.grading import GradingSession

        with GradingSession.start(plans) as session:
            while True:
                try:
                    job = connection.recv()
                except (EOFError, OSError):
                    return  # the parent died (kill -9): nothing to report to
                if job is None:
                    return
                connection.send(grade_chunk_safely(job, session))
    except KeyboardInterrupt:
        return  # stopped by the parent (SIGTERM): it reports the interruption once
    except BaseException as error:  # noqa: BLE001 - pytest may raise anything mid-session
        log.warning("grading process ended by %s: %s", type(error).__name__, error)
        return
