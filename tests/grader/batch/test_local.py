"""The local pool: grading processes forked from the warm server or started fresh,
the same rows either way, and a grading process that dies costs only its submission."""

import shutil
from pathlib import Path

import pytest

import dlgrade.grader.batch.local as local
from dlgrade.grader.batch.chunks import ChunkJob
from dlgrade.grader.batch.discover import SubmissionTask
from dlgrade.grader.batch.forkserver import ForkServerError
from tests.grader.batch.samples import GOOD, TINY_ROOT, WRONG_PARENTHESES, write

# A check of the grader's own that ends its process (as a grader bug or an out-of-memory
# kill would) when the student's scale returns 666: not something student code can do.
CRASHING_CHECK = """
import os

import pytest

pytestmark = pytest.mark.exercise("scale")


def test_grader_survives(student):
    if student.call("scale", 1.0, 1.0) == 666.0:
        os._exit(13)
"""
KILLER = GOOD.replace("return x * factor", "return 666.0 if x == 1.0 else x * factor")


@pytest.fixture(params=["fork server", "fresh interpreters"])
def launch(request, monkeypatch):
    """Both ways of starting grading processes (the second is the server's fallback)."""
    if request.param == "fresh interpreters":

        def no_server(**kwargs):
            raise ForkServerError("disabled by the test")

        monkeypatch.setattr(local.ForkServer, "start", no_server)
    return request.param


def run(tasks: list[SubmissionTask], root: Path, out: Path, *, workers: int = 2) -> dict:
    rows: dict[str, dict] = {}
    jobs = [ChunkJob(tuple(tasks), "tiny", str(out), str(root))]
    local.run_local(jobs, workers=workers, on_rows=lambda got: rows.update(
        (row["student"], row) for row in got
    ))  # fmt: skip
    return rows


def task(folder: Path, student: str, source: str) -> SubmissionTask:
    path = write(folder / student / "notebook.py", source)
    return SubmissionTask(student, str(path), str(path))


def test_the_pool_grades_every_submission_of_every_chunk(launch, tmp_path):
    tasks = [task(tmp_path, "alice", GOOD), task(tmp_path, "bob", WRONG_PARENTHESES)]
    jobs = [ChunkJob((t,), "tiny", str(tmp_path / "out"), str(TINY_ROOT)) for t in tasks]
    rows: list[dict] = []
    local.run_local(jobs, workers=2, on_rows=rows.extend)
    assert {row["student"]: row["score"] for row in rows} == {"alice": 10.0, "bob": 4.0}
    assert all((tmp_path / "out" / s / "report.json").is_file() for s in ("alice", "bob"))


def test_a_dying_grading_process_costs_only_its_submission(launch, tmp_path):
    root = tmp_path / "root"
    shutil.copytree(TINY_ROOT, root)
    (root / "tiny" / "checks" / "test_grader_crash.py").write_text(CRASHING_CHECK)
    tasks = [task(tmp_path, "alice", GOOD), task(tmp_path, "mallory", KILLER)]
    rows = run(tasks, root, tmp_path / "out")
    assert (rows["alice"]["status"], rows["alice"]["score"]) == ("graded", 10.0)
    assert rows["mallory"]["status"] == "error"
    assert rows["mallory"]["error"] == "the grading process died (exit status 13) twice on it"
