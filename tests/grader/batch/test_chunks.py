"""Chunking: every task once and in order, bounded sizes shrinking towards the end."""

import os

import pytest

from dlgrade.grader.batch.chunks import ChunkJob, make_chunks

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


HOSTILE_NOTEBOOKS = {
    "nested-metadata": '{"nbformat": 4, "nbformat_minor": 5, "cells": [], "metadata": {"x": '
    + "[" * 50_000
    + "]" * 50_000
    + "}}",
    "huge-number": '{"nbformat": 4, "nbformat_minor": 5, "cells": [], "metadata": {"x": '
    + "9" * 5_000
    + "}}",
    "item-id-a-list": '{"nbformat": 4, "nbformat_minor": 5, "cells": [], '
    '"metadata": {"coursera": {"graded_item_id": ["Ckiv2"]}}}',
}


def chunk_of(tmp_path, hostile: str) -> ChunkJob:
    from dlgrade.grader.batch.discover import SubmissionTask
    from tests.grader.batch.samples import GOOD, TINY_ROOT, write

    tasks = []
    for name, text in [("alice", GOOD), ("mallory", hostile), ("zoe", GOOD)]:
        path = tmp_path / "subs" / (f"{name}.py" if text == GOOD else f"{name}.ipynb")
        write(path, text)
        tasks.append(SubmissionTask(name, str(path), str(path), "0" * 64))
    return ChunkJob(tuple(tasks), "tiny", str(tmp_path / "out"), str(TINY_ROOT))


@pytest.mark.parametrize("hostile", sorted(HOSTILE_NOTEBOOKS))
def test_a_hostile_file_costs_only_its_own_student(tmp_path, hostile):
    from dlgrade.grader.batch.chunks import grade_chunk

    rows = {
        row["student"]: row
        for row in grade_chunk(chunk_of(tmp_path, HOSTILE_NOTEBOOKS[hostile]), None)
    }
    assert rows["alice"]["score"] == rows["zoe"]["score"] == rows["alice"]["max_score"] > 0
    # unreadable (its reason in the row), or read and graded as the empty notebook it is
    assert rows["mallory"]["score"] == 0
    assert (rows["mallory"]["error"] is not None) is (hostile != "item-id-a-list")
    assert "Traceback" not in (rows["mallory"]["error"] or "")


def test_a_submission_that_makes_the_grader_fail_costs_only_itself(tmp_path, monkeypatch):
    """Whatever the cause, grading the chunk again one by one finds whose it was."""
    from dlgrade import grader
    from dlgrade.grader.batch.chunks import grade_chunk
    from tests.grader.batch.samples import GOOD

    real = grader.grading.grade_prepared_many

    def failing_on_mallory(items, session=None):
        if any("mallory" in str(item.submission.path) for item in items):
            raise RuntimeError("a grader bug that only mallory's notebook triggers")
        return real(items, session)

    monkeypatch.setattr(grader.grading, "grade_prepared_many", failing_on_mallory)
    rows = {row["student"]: row for row in grade_chunk(chunk_of(tmp_path, GOOD), None)}
    assert rows["alice"]["score"] == rows["zoe"]["score"] == rows["alice"]["max_score"] > 0
    assert rows["mallory"]["score"] == 0 and "grader" in rows["mallory"]["error"]


def _finished_chunk(tmp_path, students):
    from dlgrade.grader.batch.discover import SubmissionTask
    from tests.grader.reports.samples import build_mixed_result

    return [
        (SubmissionTask(name, f"/subs/{name}.ipynb", f"/subs/{name}.ipynb", "0" * 64),
         build_mixed_result())
        for name in students
    ]  # fmt: skip


def _report_files(out_dir):
    return sorted(str(path.relative_to(out_dir)) for path in out_dir.rglob("*") if path.is_file())


def test_a_chunk_commits_its_reports_to_disk_with_report_json_last(tmp_path, monkeypatch):
    """A resumed batch trusts report.json: it must never reach the disk before the rest."""
    from dlgrade.grader.batch.chunks import write_chunk_reports
    from dlgrade.grader.reports import files

    on_disk_at_each_flush = []
    monkeypatch.setattr(files, "file_system_sync", lambda: lambda fd: 0)
    monkeypatch.setattr(os, "fsync", lambda fd: pytest.fail("a report flushed on its own"))
    real_sync = files.sync_file_system
    monkeypatch.setattr(
        files,
        "sync_file_system",
        lambda folder: on_disk_at_each_flush.append(_report_files(folder)) or real_sync(folder),
    )
    write_chunk_reports(_finished_chunk(tmp_path, ["alice", "bob"]), tmp_path)
    others = [f"{s}/{n}" for s in ("alice", "bob") for n in ("report.html", "results.json")]
    everything = sorted(others + ["alice/report.json", "bob/report.json"])
    assert on_disk_at_each_flush == [sorted(others), everything]
    assert _report_files(tmp_path) == everything


def test_without_a_file_system_flush_each_report_is_flushed_as_written(tmp_path, monkeypatch):
    from dlgrade.grader.batch.chunks import write_chunk_reports
    from dlgrade.grader.reports import files

    flushed = []
    real_fsync = os.fsync
    monkeypatch.setattr(files, "file_system_sync", lambda: None)
    monkeypatch.setattr(os, "fsync", lambda fd: flushed.append(fd) or real_fsync(fd))
    write_chunk_reports(_finished_chunk(tmp_path, ["alice"]), tmp_path)
    assert len(flushed) == 6  # three reports, each file and its folder
    expected = ["alice/report.html", "alice/report.json", "alice/results.json"]
    assert _report_files(tmp_path) == expected
