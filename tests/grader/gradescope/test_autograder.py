"""The autograder zip, run as Gradescope runs it: unpacked into a stand-in for /autograder,
setup.sh into a fresh virtualenv (the grader from the zip's wheel), then run_autograder
on a correct, a wrong and a broken submission, and on none or two notebooks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import jsonschema
import pytest

from dlgrade.grader.assignments import get_assignment
from dlgrade.grader.commands import DEMO_SUBMISSION
from dlgrade.grader.gradescope.build import build_autograder
from dlgrade.grader.grading import grade_submission
from dlgrade.grader.notebooks import render_notebook, write_notebook

TEST = {
    "type": "object",
    "required": ["score", "max_score", "status", "name", "number", "output", "visibility"],
    "properties": {
        "score": {"type": "number"}, "max_score": {"type": "number"},
        "status": {"enum": ["passed", "failed"]}, "name": {"type": "string"},
        "name_format": {"enum": ["text", "html", "simple_format", "md", "ansi"]},
        "number": {"type": "string", "pattern": r"^\d+(\.\d+)*$"},
        "output": {"type": "string"},
        "output_format": {"enum": ["text", "html", "simple_format", "md", "ansi"]},
        "tags": {"type": "array", "items": {"type": "string"}},
        "visibility": {"enum": ["hidden", "after_due_date", "after_published", "visible"]},
        "extra_data": {"type": "object"},
    },
}  # fmt: skip
RESULTS = {  # Gradescope's results.json, as it documents it (shared/DESIGN.md)
    "type": "object",
    "required": ["score", "execution_time", "output", "tests"],
    "properties": {
        "score": {"type": "number", "minimum": 0},
        "execution_time": {"type": "number", "minimum": 0},
        "output": {"type": "string", "minLength": 1},
        "output_format": {"enum": ["text", "html", "simple_format", "md", "ansi"]},
        "test_output_format": {"enum": ["text", "html", "simple_format", "md", "ansi"]},
        "test_name_format": {"enum": ["text", "html", "simple_format", "md", "ansi"]},
        "visibility": {"enum": ["hidden", "after_due_date", "after_published", "visible"]},
        "stdout_visibility": {"enum": ["hidden", "after_due_date", "after_published", "visible"]},
        "extra_data": {"type": "object"},
        "tests": {"type": "array", "items": TEST},
        "leaderboard": {"type": "array"},
    },
}  # fmt: skip


@pytest.fixture(scope="module")
def autograder(tmp_path_factory) -> Path:
    """/autograder after Gradescope's setup: source/ unpacked, setup.sh run."""
    root = tmp_path_factory.mktemp("autograder")
    built = build_autograder(assignment="optimization", out=root / "autograder.zip")
    with zipfile.ZipFile(built.path) as bundle:
        bundle.extractall(root / "source")
        assert {"setup.sh", "run_autograder", "requirements.txt"} <= set(bundle.namelist())
    env = {**os.environ, "AUTOGRADER_ROOT": str(root)}
    env.pop("PYTHONPATH", None)
    subprocess.run(["bash", str(root / "source" / "setup.sh")], check=True, env=env,
                   cwd=root / "source", capture_output=True, timeout=600)  # fmt: skip
    return root


def run_autograder(root: Path, files: dict[str, Path | str]) -> dict:
    submission = root / "submission"
    shutil.rmtree(submission, ignore_errors=True)
    shutil.rmtree(root / "results", ignore_errors=True)
    submission.mkdir()
    for name, content in files.items():
        target = submission / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copy(content, target)
        else:
            target.write_text(content)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["AUTOGRADER_ROOT"] = str(root)
    completed = subprocess.run(["bash", str(root / "run_autograder")], env=env, cwd="/",
                               capture_output=True, timeout=300)  # fmt: skip
    assert completed.returncode == 0
    results = json.loads((root / "results" / "results.json").read_text())
    jsonschema.validate(results, RESULTS)
    return results


@pytest.fixture(scope="module")
def correct(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("nb") / "Optimization_methods.ipynb"
    write_notebook(render_notebook(get_assignment("optimization")), path)
    return path


def test_the_grader_comes_from_the_zips_wheel(autograder):
    python = autograder / "venv" / "bin" / "python"
    where = subprocess.run([str(python), "-c", "import dlgrade; print(dlgrade.__file__)"],
                           capture_output=True, text=True, check=True, cwd="/")  # fmt: skip
    assert str(autograder / "venv") in where.stdout


@pytest.mark.parametrize("name", ["correct", "wrong"])
def test_scores_equal_grade_submission(autograder, correct, name):
    path = correct if name == "correct" else DEMO_SUBMISSION
    results = run_autograder(autograder, {f"sub/{path.name}": path, "notes.txt": "hello"})
    expected = grade_submission(path=path)
    assert results["score"] == pytest.approx(expected.score)
    assert sum(t["score"] for t in results["tests"]) == pytest.approx(expected.score)
    assert (expected.score == 100) is (name == "correct")
    if name == "wrong":
        lost = [t for t in results["tests"] if t["status"] == "failed"]
        assert lost and all(t["visibility"] == "visible" for t in lost)
        assert any(t["output"].startswith("Likely mistake:") for t in lost)


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        ({"broken.ipynb": "this is not JSON {"}, "not valid JSON"),
        ({"readme.md": "my work"}, "No notebook (.ipynb) was found"),
        ({"a.ipynb": "{}", "b.ipynb": "{}"}, "holds 2 notebooks"),
    ],
    ids=["broken", "none", "two"],
)
def test_a_submission_that_cannot_be_graded_still_gets_a_results_json(autograder, files, reason):
    results = run_autograder(autograder, files)
    assert results["score"] == 0 and results["tests"] == [] and reason in results["output"]


def test_the_zip_records_its_settings_and_a_valid_wheel(tmp_path):
    import hashlib
    import io
    from base64 import urlsafe_b64encode

    built = build_autograder(assignment="regularization", out=tmp_path / "a.zip",
                             hidden_cases="after_published")  # fmt: skip
    with zipfile.ZipFile(built.path) as bundle:
        config = json.loads(bundle.read("dlgrade-autograder.json"))
        wheel = zipfile.ZipFile(io.BytesIO(bundle.read(built.wheel)))
        modes = {info.filename: info.external_attr >> 16 for info in bundle.infolist()}
    assert config["assignment"] == "regularization" and config["hidden_cases"] == "after_published"
    assert modes["setup.sh"] & 0o111 and modes["run_autograder"] & 0o111
    record = next(n for n in wheel.namelist() if n.endswith(".dist-info/RECORD"))
    for line in wheel.read(record).decode().splitlines():
        name, digest, size = line.split(",")
        if digest:
            data = wheel.read(name)
            expected = urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert (digest, int(size)) == (f"sha256={expected}", len(data))
    assert (
        "dlgrade/reference/optimizers.py" in wheel.namelist()
    )  # the autograder is the instructor's
    pinned = {line.split("==")[0] for line in built.requirements if "==" in line.split(";")[0]}
    assert {"numpy", "pytest", "click", "nbformat", "pytest-json-report"} <= pinned


def test_hidden_cases_follow_the_instructors_choice(tmp_path):
    from dlgrade.grader.gradescope.run import grade_for_gradescope

    (tmp_path / "submission").mkdir()
    shutil.copy(DEMO_SUBMISSION, tmp_path / "submission" / "nb.ipynb")
    config = {"assignment": "optimization", "hidden_cases": "after_due_date"}
    results = grade_for_gradescope(root=tmp_path, config=config)
    visibilities = {t["visibility"] for t in results["tests"]}
    assert visibilities == {"visible", "after_due_date"}
