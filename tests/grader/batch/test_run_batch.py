"""End to end on the tiny assignment: scores as `grade submit`, robustness, resume, Dask."""

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dlgrade import grader
from dlgrade.grader.batch import BatchInterrupted, BatchSummary, run_batch
from dlgrade.grader.cli import cli
from dlgrade.grader.grading import grade_prepared, prepare_submission
from dlgrade.grader.sandbox import Zygote
from tests.grader.batch.samples import (
    GOOD,
    HOSTILE,
    NOT_A_NOTEBOOK,
    TINY_ROOT,
    WRONG_PARENTHESES,
    write,
)

CLASS = {
    "alice": GOOD,
    "bob": WRONG_PARENTHESES,
    "carol": GOOD.replace("x * factor", "x * factor * 1.0"),
    "mallory": HOSTILE,
}


@pytest.fixture(scope="module")
def class_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("class")
    for student, source in CLASS.items():
        write(root / student / "notebook.py", source)
    write(root / "dave" / "notebook.ipynb", NOT_A_NOTEBOOK)
    (root / "erin").mkdir()
    return root


@pytest.fixture(scope="module")
def first_run(class_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    summary = run_batch(
        submissions=class_dir,
        assignment="tiny",
        out_dir=out,
        jobs=2,
        assignments_root=TINY_ROOT,
        progress_stream=io.StringIO(),
    )
    return out, summary


def gradebook(out: Path) -> list[dict[str, str]]:
    with (out / "gradebook.csv").open() as handle:
        return list(csv.DictReader(handle))


def test_every_student_has_a_row_with_the_expected_score(first_run):
    out, summary = first_run
    scores = {row["student"]: float(row["score"]) for row in gradebook(out)}
    # bob: the catalogued mistake loses update_lr's 6 points; mallory's code kills its
    # worker or loops forever; dave's file is not a notebook; erin's folder is empty.
    assert scores == {"alice": 10, "bob": 4, "carol": 10, "dave": 0, "erin": 0, "mallory": 0}
    assert (summary.students, summary.graded, summary.skipped) == (6, 6, 0)
    assert summary.errors == 2


def test_scores_equal_single_submission_grading(first_run, class_dir):
    out, _ = first_run
    rows = {row["student"]: row for row in gradebook(out)}
    with Zygote() as zygote:
        for student in ("alice", "bob", "mallory"):
            prepared = prepare_submission(
                class_dir / student / "notebook.py", assignment="tiny", assignments_root=TINY_ROOT
            )
            alone = grade_prepared(prepared, zygote=zygote)
            assert float(rows[student]["score"]) == alone.score
            for exercise in alone.exercises:
                assert float(rows[student][exercise.name]) == exercise.score


def test_per_student_reports_are_written(first_run):
    out, _ = first_run
    for student in ("alice", "dave", "erin"):
        assert {p.name for p in (out / student).iterdir()} == {
            "report.json",
            "report.html",
            "results.json",
        }
    dave = json.loads((out / "dave" / "report.json").read_text())
    assert "not valid JSON" in dave["error"]
    gradescope = json.loads((out / "bob" / "results.json").read_text())
    assert gradescope["score"] == 4
    assert (out / "summary.html").exists() and (out / "canvas.csv").exists()
    assert "mallory" in (out / "batch.log").read_text()


def test_rerun_skips_up_to_date_and_regrades_an_edited_file(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    for student in ("alice", "bob"):
        write(subs / student / "notebook.py", CLASS[student])
    (subs / "erin").mkdir(parents=True)

    def batch():
        return run_batch(
            submissions=subs, assignment="tiny", out_dir=out, assignments_root=TINY_ROOT
        )

    first = batch()
    assert (first.graded, first.skipped) == (3, 0)
    again = batch()
    assert (again.graded, again.skipped) == (0, 3)
    write(subs / "bob" / "notebook.py", GOOD)
    edited = batch()
    assert (edited.graded, edited.skipped) == (1, 2)
    assert {r["student"]: float(r["score"]) for r in gradebook(out)} == {
        "alice": 10,
        "bob": 10,
        "erin": 0,
    }


def test_interrupted_partial_output_is_resumed(class_dir, tmp_path):
    """A kill leaves some students complete, others missing or half-written (temp files)."""
    subset = tmp_path / "subset"
    for student in ("alice", "bob", "carol"):
        write(subset / student / "notebook.py", CLASS[student])
    out = tmp_path / "out"
    run_batch(submissions=subset, assignment="tiny", out_dir=out, assignments_root=TINY_ROOT)
    (out / "carol" / "report.json").unlink()
    (out / "carol" / ".report.json.abc123.tmp").write_text('{"half": ')
    summary = run_batch(
        submissions=subset, assignment="tiny", out_dir=out, assignments_root=TINY_ROOT
    )
    assert (summary.graded, summary.skipped) == (1, 2)
    scores = {row["student"]: float(row["score"]) for row in gradebook(out)}
    assert scores == {"alice": 10, "bob": 4, "carol": 10}
    forced = run_batch(
        submissions=subset, assignment="tiny", out_dir=out, assignments_root=TINY_ROOT, force=True
    )
    assert (forced.graded, forced.skipped) == (3, 0)


def test_dask_local_cluster_gives_the_same_gradebook(first_run, class_dir, tmp_path):
    import distributed

    out, _ = first_run
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        summary = run_batch(
            submissions=class_dir,
            assignment="tiny",
            out_dir=tmp_path / "dask",
            scheduler=cluster.scheduler_address,
            assignments_root=TINY_ROOT,
        )
    assert summary.backend.startswith("dask")
    assert gradebook(tmp_path / "dask") == gradebook(out)


def test_cli_reports_bad_input_with_status_2(tmp_path):
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "nope"), "-a", "tiny", "--out", "o"])
    assert result.exit_code == 2
    assert "unknown assignment" in result.output or "not found" in result.output


def test_cli_interrupt_exits_130_and_says_how_to_resume(monkeypatch, tmp_path):
    summary = BatchSummary(6, 2, 0, 0, 1.0, "folders", "2 local processes", str(tmp_path))

    def interrupted(**kwargs):
        raise BatchInterrupted(summary)

    monkeypatch.setattr(grader.batch, "run_batch", interrupted)
    result = CliRunner().invoke(cli, ["batch", str(tmp_path), "-a", "tiny", "--out", "o"])
    assert result.exit_code == 130
    assert "run the same command again" in result.output


@pytest.mark.parametrize("cores", [1, 2, 8])
def test_default_jobs_is_two_grading_processes_per_usable_core(monkeypatch, cores):
    monkeypatch.setattr(grader.batch.os, "sched_getaffinity", lambda pid: set(range(cores)))
    assert grader.batch.default_jobs() == 2 * cores


def test_a_symlinked_submission_scores_zero_with_the_reason_and_its_target_unread(tmp_path):
    """A link to a correct solution elsewhere (or to /etc/passwd) is never followed."""
    subs = tmp_path / "subs"
    write(subs / "alice" / "notebook.py", GOOD)
    solution = tmp_path / "elsewhere" / "solution.py"
    write(solution, GOOD + "\n# SOLUTION-MARKER\n")
    (subs / "mallory").mkdir()
    (subs / "mallory" / "notebook.py").symlink_to(solution)
    out = tmp_path / "out"
    run_batch(submissions=subs, assignment="tiny", out_dir=out, jobs=1,
              assignments_root=TINY_ROOT, progress_stream=io.StringIO())  # fmt: skip
    rows = {row["student"]: row for row in gradebook(out)}
    assert float(rows["alice"]["score"]) == float(rows["alice"]["max_score"]) > 0
    assert float(rows["mallory"]["score"]) == 0 and "symbolic link" in rows["mallory"]["error"]
    written = "".join(p.read_text() for p in out.rglob("*") if p.is_file())
    assert "SOLUTION-MARKER" not in written


def test_a_huge_return_value_or_output_keeps_the_report_small(tmp_path):
    """A 220-byte submission returning megabytes made a 99 MB report.json."""
    subs = tmp_path / "subs"
    write(subs / "mallory" / "notebook.py", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    print("y" * 3_000_000)
    return "x" * 3_000_000

def scale(x, factor):
    return {f"k{i}": i for i in range(150_000)}
""")  # fmt: skip
    out = tmp_path / "out"
    run_batch(submissions=subs, assignment="tiny", out_dir=out, jobs=1,
              assignments_root=TINY_ROOT, progress_stream=io.StringIO())  # fmt: skip
    sizes = {p.name: p.stat().st_size for p in (out / "mallory").iterdir()}
    assert max(sizes.values()) < 200_000, sizes
    report = json.loads((out / "mallory" / "report.json").read_text())
    assert report["score"] == 0 and "more characters cut" in json.dumps(report)


def test_counts_add_up_and_outlive_a_rerun_and_errors_read_for_instructors(class_dir, tmp_path):
    """6 students: 4 graded, dave's file is not a notebook, erin's folder is empty."""
    out = tmp_path / "out"
    arguments = dict(submissions=class_dir, assignment="tiny", out_dir=out, jobs=2,
                     assignments_root=TINY_ROOT, progress_stream=io.StringIO())  # fmt: skip
    for summary in (run_batch(**arguments), run_batch(**arguments)):  # the re-run grades none
        counts = (summary.totals.graded, summary.totals.ungradable, summary.totals.pending)
        assert counts == (4, 2, 0) and sum(counts) == summary.students == 6
        assert "class of 6: 4 graded, 2 could not be graded" in summary.text()
    dave = {row["student"]: row for row in gradebook(out)}["dave"]
    assert "not valid JSON" in dave["error"] and "Coursera" not in dave["error"]


def test_nothing_graded_exits_3_with_the_reason(tmp_path):
    subs = tmp_path / "subs"
    for student in ("ann", "ben"):
        write(subs / f"{student}.ipynb", NOT_A_NOTEBOOK)
    result = CliRunner().invoke(cli, ["batch", str(subs), "-a", "optimization",
                                      "--out", str(tmp_path / "out")])  # fmt: skip
    assert result.exit_code == 3 and "No submission could be graded" in result.output


def test_an_output_folder_inside_the_submissions_is_not_a_student(tmp_path):
    subs = tmp_path / "subs"
    write(subs / "alice" / "notebook.py", GOOD)
    arguments = dict(submissions=subs, assignment="tiny", out_dir=subs / "graded", jobs=1,
                     assignments_root=TINY_ROOT, progress_stream=io.StringIO())  # fmt: skip
    run_batch(**arguments)
    again = run_batch(**arguments)  # `graded/` now holds alice/report.json, a .py-less folder
    assert again.students == 1 and [row["student"] for row in gradebook(subs / "graded")] == [
        "alice"
    ]


def test_a_wrong_assignment_is_flagged_on_every_row_and_in_the_summary(tmp_path):
    from dlgrade.grader.assignments import get_assignment
    from dlgrade.grader.notebooks import render_notebook, write_notebook

    subs = tmp_path / "subs"
    for student in ("ann", "ben"):
        (subs / student).mkdir(parents=True)
        write_notebook(render_notebook(get_assignment("optimization")), subs / student / "n.ipynb")
    summary = run_batch(submissions=subs, assignment="regularization", out_dir=tmp_path / "o",
                        jobs=1, progress_stream=io.StringIO())  # fmt: skip
    rows = gradebook(tmp_path / "o")
    assert all("looks like optimization" in row["warning"] for row in rows)
    assert any("2 of 2 notebooks look like another assignment" in w for w in summary.warnings)


@pytest.mark.parametrize("verbosity", [0, 1])
def test_a_degraded_path_is_logged_to_batch_log_and_shown_with_verbose(
    tmp_path, monkeypatch, capsys, verbosity
):
    """Without a fork server grading only goes slower: it says so, quietly by default."""
    import logging

    from dlgrade import grader
    from dlgrade.grader.cli import configure_logging

    def no_server(**kwargs):
        raise OSError("no fork server here")

    monkeypatch.setattr(grader.batch.local.ForkServer, "launch", no_server)
    write(tmp_path / "subs" / "alice.py", GOOD)
    configure_logging(verbosity)
    try:
        run_batch(submissions=tmp_path / "subs", assignment="tiny", out_dir=tmp_path / "out",
                  jobs=1, assignments_root=TINY_ROOT, progress_stream=io.StringIO())  # fmt: skip
    finally:
        logging.getLogger("dlgrade").handlers.clear()
    said = "fork server not started (no fork server here)"
    assert said in (tmp_path / "out" / "batch.log").read_text()
    assert (said in capsys.readouterr().err) is (verbosity == 1)
