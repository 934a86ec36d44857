"""The distributed backend: the same chunk tasks on a Dask cluster (`--scheduler ADDRESS`).

Needs the `dask` extra (`pip install -e ".[dask]"`); nothing here imports Dask until a
scheduler is given. SUBMISSIONS and OUT must be on a file system the workers share
(the usual case on a SLURM cluster; on Kubernetes mount one volume in every pod):
workers read the notebooks and write the reports themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dlgrade.grader.batch.chunks import ChunkJob, lost_rows
from dlgrade.grader.batch.discover import BatchInputError

Rows = list[dict[str, Any]]
EXTRA_HINT = 'pip install -e ".[dask]"  (or: pip install "dask[distributed]")'


def run_dask(jobs: Sequence[ChunkJob], *, scheduler: str, on_rows: Callable[[Rows], None]) -> None:
    """Submit every chunk to the cluster at `scheduler`; `on_rows` as each one finishes."""
    try:
        from distributed import Client, as_completed

        from dlgrade.grader.batch.dask_worker import ZygotePlugin, grade_chunk_task
    except ImportError as missing:
        raise BatchInputError(
            f"--scheduler needs Dask's distributed scheduler, which is not installed "
            f"({missing}). Install the extra: {EXTRA_HINT}"
        ) from None
    try:
        client = Client(scheduler, timeout=30)
    except (OSError, TimeoutError, ValueError) as error:
        raise BatchInputError(
            f"could not connect to the Dask scheduler at {scheduler!r}: {error}. Check the "
            "address (e.g. tcp://host:8786) and that the scheduler is running."
        ) from None
    with client:
        client.register_plugin(ZygotePlugin())
        futures = {client.submit(grade_chunk_task, job, pure=False): job for job in jobs}
        try:
            for future in as_completed(futures):
                job = futures.pop(future)
                try:
                    on_rows(future.result())
                except Exception as crash:  # noqa: BLE001 - a lost task must not stop the batch
                    on_rows(
                        lost_rows(job, f"the Dask task failed: {type(crash).__name__}: {crash}")
                    )
                future.release()
        except KeyboardInterrupt:
            client.cancel(list(futures))
            raise
