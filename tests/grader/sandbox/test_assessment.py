"""What protects a grade: real workers' reports read as levels, exposures and advice."""

from __future__ import annotations

import dataclasses
import io
import json

import pytest
from click.testing import CliRunner

from dlgrade.grader.batch import run_batch
from dlgrade.grader.cli import cli
from dlgrade.grader.errors import WeakIsolation
from dlgrade.grader.sandbox import Sandbox, assessment
from dlgrade.grader.sandbox.worker.confine import landlock_abi
from tests.grader.batch.samples import GOOD, TINY_ROOT, write
from tests.grader.sandbox.test_sandbox_tamper import code


def isolation_of(zygote, mode: str = "auto") -> dict:
    with Sandbox(code("x = 1"), zygote=zygote, isolation=mode) as sandbox:
        return dict(sandbox.isolation)


@pytest.fixture(scope="module")
def weak(zygote) -> dict:
    """The report of a worker with rlimits only (an old kernel, macOS)."""
    return isolation_of(zygote, "rlimits")


def test_every_deployment_of_this_machine_is_strong(zygote, mode):
    verdict = assessment.assess(isolation_of(zygote))
    # without namespaces, signals and TCP need Landlock ABI 6 (Linux 6.12); this machine has it
    strong = mode != "user-no-namespaces" or landlock_abi() >= 6
    assert verdict.level == ("strong" if strong else "partial")
    assert verdict.exposures == () or not strong


def test_rlimits_alone_are_weak_and_say_what_a_student_could_do(weak):
    verdict = assessment.assess(weak)
    assert verdict.level == "weak"
    assert any("read every file the grading user can read" in e for e in verdict.exposures)
    assert any("Landlock" in remedy for remedy in verdict.remedies)
    assert "[no ] filesystem allow-list (Landlock)" in verdict.text()


@pytest.mark.parametrize(
    ("changes", "level", "missing"),
    [
        ({"seccomp": False}, "partial", "system-call filter (seccomp)"),
        ({"signals_scoped": False, "pid_namespace": False}, "partial", "own process space"),
        ({"tcp_denied": False, "network_namespace": False}, "partial", "network cut"),
        ({"filesystem_allowlist": False, "unique_uid": False}, "weak",
         "filesystem allow-list (Landlock)"),
    ],
)  # fmt: skip
def test_each_missing_mechanism_is_named(zygote, changes, level, missing):
    verdict = assessment.assess({**isolation_of(zygote), **changes})
    assert verdict.level == level and missing in verdict.to_dict()["missing"]


def test_doctor_prints_the_level_and_every_mechanism():
    result = CliRunner().invoke(cli, ["doctor", "--json"])
    found = json.loads(result.output)
    assert result.exit_code == 0 and found["level"] in ("strong", "partial", "weak")
    assert len(found["active"]) + len(found["missing"]) == 9 and "isolation" in found


def test_a_batch_refuses_weak_isolation_unless_allowed(monkeypatch, weak, tmp_path):
    monkeypatch.setattr(assessment, "probe", lambda: weak)
    write(tmp_path / "subs" / "alice" / "notebook.py", GOOD)
    arguments = dict(submissions=tmp_path / "subs", assignment="tiny",
                     assignments_root=TINY_ROOT, progress_stream=io.StringIO())  # fmt: skip
    with pytest.raises(WeakIsolation, match="--allow-weak-isolation"):
        run_batch(out_dir=tmp_path / "refused", **arguments)
    assert not (tmp_path / "refused" / "alice").exists()
    summary = run_batch(out_dir=tmp_path / "out", allow_weak_isolation=True, **arguments)
    assert summary.to_dict()["graded"] == 1


def test_grade_batch_says_how_to_proceed_with_status_2(monkeypatch, weak, tmp_path):
    monkeypatch.setattr(assessment, "probe", lambda: weak)
    write(tmp_path / "subs" / "alice.py", GOOD)
    result = CliRunner().invoke(
        cli, ["batch", str(tmp_path / "subs"), "-a", "optimization", "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2 and "grade doctor" in result.output


def test_submit_warns_on_stderr_when_its_worker_was_weakly_isolated(weak):
    from dlgrade.grader.commands import DEMO_SUBMISSION, isolation_warning
    from dlgrade.grader.grading import grade_submission

    result = grade_submission(path=DEMO_SUBMISSION)
    assert isolation_warning(result) is None
    weakened = dataclasses.replace(result, isolation=weak)
    assert isolation_warning(weakened).startswith("warning: Student code would run here")
