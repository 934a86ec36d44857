"""Dask-worker side of the distributed backend (imports `distributed`: load it lazily).

A worker plugin gives each Dask worker process one zygote and one set of kept check
plans for its lifetime, as the local backend's workers have. Grading runs in-process
pytest sessions, which must not overlap in one process, so a lock serializes chunks
when a worker has several threads: start workers with `--nthreads 1` and as many
processes as cores.
"""

from __future__ import annotations

import threading
from typing import Any

from distributed import WorkerPlugin, get_worker

from dlgrade.grader.batch.chunks import ChunkJob, grade_chunk_safely

PLUGIN_NAME = "dlgrade-zygote"


class ZygotePlugin(WorkerPlugin):
    """Starts one zygote per Dask worker process and stops it with the worker."""

    name = PLUGIN_NAME

    def setup(self, worker: Any) -> None:
        from dlgrade.grader.grading import GradingSession

        self.lock = threading.Lock()
        self.session = GradingSession.start()

    def teardown(self, worker: Any) -> None:
        self.session.close()


def grade_chunk_task(job: ChunkJob) -> list[dict[str, Any]]:
    """The Dask task: grade one chunk with this worker's zygote (one chunk at a time)."""
    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if plugin is None:  # registered after this worker started and not yet set up
        return grade_chunk_safely(job)
    with plugin.lock:
        return grade_chunk_safely(job, plugin.session)
