"""The grading pipeline end to end: seeds, crashes become results, hostile code is contained."""

from __future__ import annotations

import pytest

import dlgrade.grader.checking.runner as runner
from dlgrade.grader.assignments import get_assignment
from dlgrade.grader.errors import SubmissionError
from dlgrade.grader.grading import (
    grade_prepared,
    grade_submission,
    prepare_submission,
    submission_seed,
)
from dlgrade.grader.notebooks import render_notebook, write_notebook
from dlgrade.grader.sandbox import Zygote
from tests.support.notebooks import write_notebook as write_student_notebook

OPTIMIZATION = get_assignment("optimization")


@pytest.fixture(scope="module")
def zygote():
    with Zygote() as shared:
        shared.start()
        yield shared


@pytest.fixture(scope="module")
def reference_notebook(tmp_path_factory):
    path = tmp_path_factory.mktemp("reference") / "optimization.ipynb"
    write_notebook(render_notebook(OPTIMIZATION), path)
    return path


def test_seed_is_stable_per_file_and_differs_between_files():
    first = submission_seed("a" * 64, OPTIMIZATION)
    assert first == submission_seed("a" * 64, OPTIMIZATION)
    assert first != submission_seed("b" * 64, OPTIMIZATION)
    assert submission_seed("a" * 64, OPTIMIZATION, override=7) == 7


def test_grading_the_same_file_twice_gives_the_same_report(reference_notebook, zygote):
    first = grade_submission(path=reference_notebook, zygote=zygote).to_dict()
    second = grade_submission(path=reference_notebook, zygote=zygote).to_dict()
    assert first["score"] == second["score"] == 100
    assert _without_timings(first) == _without_timings(second)
    assert first["isolation"]["process"] is True


def _without_timings(report: dict) -> list[dict]:
    """Every test of a report, minus its duration: timings differ between runs, nothing else."""
    return [
        {key: value for key, value in test.items() if key != "duration"}
        for exercise in report["exercises"]
        for test in exercise["tests"]
    ]


def test_a_crash_in_the_checks_becomes_a_zero_result_listing_every_exercise(
    reference_notebook, zygote, monkeypatch
):
    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(runner, "run_checks", explode)
    result = grade_prepared(prepare_submission(reference_notebook), zygote=zygote)
    assert result.score == 0 and result.max_score == 100
    assert "disk on fire" in result.error
    assert [e.name for e in result.exercises] == [e.name for e in OPTIMIZATION.exercises_for("new")]
    assert {e.status for e in result.exercises} == {"error"}


HOSTILE_CELLS = [
    "import numpy as np\nimport math\nimport os\n",
    # Wrong on purpose, and tries to make every comparison pass.
    "# GRADED FUNCTION: update_lr\n"
    "def update_lr(learning_rate0, epoch_num, decay_rate):\n"
    "    np.allclose = lambda *a, **k: True\n"
    "    np.testing.assert_allclose = lambda *a, **k: None\n"
    "    return 0.0\n",
    # Takes the worker down in the middle of a call.
    "# GRADED FUNCTION: update_parameters_with_gd\n"
    "def update_parameters_with_gd(parameters, grads, learning_rate):\n"
    "    os._exit(0)\n",
    # Tries to reach the reference implementation.
    "# GRADED FUNCTION: schedule_lr_decay\n"
    "def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):\n"
    "    from reference import schedule_lr_decay as answer\n"
    "    return answer(learning_rate0, epoch_num, decay_rate, time_interval)\n",
]


def test_hostile_code_loses_its_own_points_and_nothing_else(tmp_path, reference_notebook, zygote):
    path = write_student_notebook(tmp_path / "hostile.ipynb", HOSTILE_CELLS)
    result = grade_submission(path=path, assignment="optimization", zygote=zygote)
    by_name = {e.name: e for e in result.exercises}
    assert by_name["update_lr"].score == 0
    assert by_name["update_parameters_with_gd"].score == 0
    assert "exit" in by_name["update_parameters_with_gd"].tests[0].message.lower()
    assert by_name["schedule_lr_decay"].score == 0
    assert "cannot import" in by_name["schedule_lr_decay"].tests[0].message
    assert {by_name[n].status for n in ("random_mini_batches", "update_parameters_with_adam")} == {
        "missing"
    }
    assert result.error is None


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            [
                "import numpy as np\n",
                "def update_lr(learning_rate0, epoch_num, decay_rate):\n    return (\n",
            ],
            "update_lr could not be read: code cell 2 (the one starting `def update_lr("
            "learning_rate0, epoch_num, decay_ra…`), line 2: SyntaxError",
        ),
        (
            [
                "import numpy as np\n",
                (
                    "markdown",
                    "def update_lr(learning_rate0, epoch_num, decay_rate):\n    return 1\n",
                ),
            ],
            "update_lr is written in markdown cell 1 (the one starting `def update_lr("
            "learning_rate0, epoch_num, decay_ra…`), which is never run",
        ),
    ],
    ids=["syntax error", "markdown cell"],
)
def test_a_missing_function_says_where_it_is_when_the_notebook_has_it(
    tmp_path, zygote, cells, expected
):
    path = write_student_notebook(tmp_path / "lost.ipynb", cells)
    result = grade_submission(path=path, assignment="optimization", zygote=zygote)
    update_lr = next(e for e in result.exercises if e.name == "update_lr")
    assert update_lr.status == "missing"
    assert update_lr.message.startswith(expected)


def test_a_bug_while_reading_code_is_a_clear_submission_error(reference_notebook, monkeypatch):
    from dlgrade import grader

    def explode(submission):
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(grader.extraction, "extract_code", explode)
    with pytest.raises(SubmissionError, match="could not read the code .*extractor bug"):
        prepare_submission(reference_notebook)


def test_a_submission_past_its_time_budget_fails_the_rest_with_that_reason(tmp_path):
    """Each call sleeps just under its 1 s limit; the assignment allows 1.5 s in all."""
    import shutil

    from tests.grader.batch.samples import TINY_ROOT

    root = tmp_path / "root"
    shutil.copytree(TINY_ROOT, root)
    toml = root / "tiny" / "assignment.toml"
    toml.write_text(
        toml.read_text().replace('version = "1"\n', 'version = "1"\ntime_budget = 1.5\n')
    )
    notebook = tmp_path / "slow.py"
    notebook.write_text(
        "import time\n\n"
        "def update_lr(learning_rate0, epoch_num, decay_rate):\n"
        "    time.sleep(0.6)\n"
        "    return learning_rate0 / (1 + decay_rate * epoch_num)\n\n"
        "def scale(x, factor):\n    time.sleep(0.6)\n    return x * factor\n"
    )
    prepared = prepare_submission(notebook, assignment="tiny", assignments_root=root)
    result = grade_prepared(prepared)
    messages = [t.message for e in result.exercises for t in e.tests if t.status == "failed"]
    assert 0 < result.score < result.max_score
    assert messages and all("whole time budget of 1.5 s" in m for m in messages)


UNFINISHED = [
    "import numpy as np\nfrom opt_utils_v1a import initialize_parameters\n",
    "# GRADED FUNCTION: update_parameters_with_gd\n\n"
    "def update_parameters_with_gd(parameters, grads, learning_rate):\n"
    "    L = len(parameters) // 2\n    for l in range(1, L + 1):\n"
    '        # (approx. 2 lines)\n        # parameters["W" + str(l)] =\n'
    '        parameters["W" + str(l)] = None -\n    return parameters\n',
    "# GRADED FUNCTION: update_lr\n\ndef update_lr(learning_rate0, epoch_num, decay_rate):\n"
    "    learning_rate = None +\n    return learning_rate\n",
]


@pytest.mark.parametrize("style", ["new", "old"])
def test_an_unfinished_template_whose_cells_do_not_parse_is_recognised_and_graded_zero(
    tmp_path, style
):
    """No metadata, no parsable graded cell: the `def` lines still name the assignment."""
    path = write_student_notebook(tmp_path / "Optimization.ipynb", UNFINISHED, style=style)
    result = grade_submission(path=path)
    assert result.assignment == "optimization" and result.score == 0
    gd = next(e for e in result.exercises if e.name == "update_parameters_with_gd")
    assert gd.status == "missing" and "code cell 2 (" in gd.message
