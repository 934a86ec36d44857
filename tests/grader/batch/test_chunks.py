"""Chunking: every task once and in order, bounded sizes shrinking towards the end."""

import pytest

from grader.batch.chunks import ChunkJob, make_chunks

TEMPLATE = ChunkJob((), "tiny", "/out", "/root")


@pytest.mark.parametrize(
    ("tasks", "workers", "max_size"),
    [(1000, 4, 16), (100, 4, 16), (37, 2, 8), (10, 4, 16), (3, 1, 16), (5, 0, 16)],
)
def test_chunks_cover_the_tasks_in_order_and_shrink(tasks, workers, max_size):
    chunks = make_chunks(list(range(tasks)), TEMPLATE, workers=workers, max_size=max_size)
    sizes = [len(chunk.tasks) for chunk in chunks]
    assert [task for chunk in chunks for task in chunk.tasks] == list(range(tasks))
    assert max(sizes) <= max_size and min(sizes) >= 1
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[-1] == 1  # the processes run out of work together
    assert len(chunks) >= min(tasks, 4 * max(1, workers))
    assert all(c.assignment == "tiny" and c.assignments_root == "/root" for c in chunks)


def test_a_large_batch_starts_with_full_chunks():
    sizes = [len(c.tasks) for c in make_chunks(list(range(1000)), TEMPLATE, workers=4, max_size=16)]
    assert sizes[:40] == [16] * 40


def test_no_tasks_no_chunks():
    assert make_chunks([], TEMPLATE, workers=4, max_size=16) == []
