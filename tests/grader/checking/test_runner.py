"""Whole runs over the sample assignment with the fake sandbox: scores, messages, isolation.

Sample points: update_lr 4 (tests weighted 1, 1, 2), initialize_velocity 3 (1, 2),
schedule_lr_decay 2 (1, 1; "new" version only). So every max score below is
points * weight / total weight, computed by hand.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dlgrade.grader.checking.runner import SubmissionChecks, run_checks, run_session
from tests.grader.checking.fake_sandbox import FakeSandbox, Spec

SAMPLE = Path(__file__).parent / "sample"
CHECKS = SAMPLE / "checks"
SOLUTION = (SAMPLE / "solution.py").read_text()
SPECS = (
    Spec("update_lr", "Learning rate decay", 4, 2.0),
    Spec("initialize_velocity", "Velocity", 3, 1.0),
    Spec("schedule_lr_decay", "Scheduled decay", 2, 1.0, versions=("new",)),
)
OLD_SPECS = SPECS[:2]
IMPORTS = "import math\nimport numpy as np\n"


def submission(key, source, *, specs=SPECS, version="new", seed=7, events=None):
    return SubmissionChecks(
        key=key,
        sandbox=lambda: FakeSandbox(source, events, key),
        exercises=specs,
        version=version,
        seed=seed,
    )


def summary(results):
    """(name, status, score, max_score) per exercise."""
    return [(e.name, e.status, e.score, e.max_score) for e in results]


def test_correct_submission_scores_full_marks():
    [results] = run_checks(CHECKS, [submission("ok", SOLUTION)]).values()
    assert summary(results) == [
        ("update_lr", "passed", 4.0, 4.0),
        ("initialize_velocity", "passed", 3.0, 3.0),
        ("schedule_lr_decay", "passed", 2.0, 2.0),
    ]
    update_lr = results[0].tests
    assert [(t.number, t.name, t.max_score, t.visibility) for t in update_lr] == [
        ("1.1", "course test case: epoch 2", 1.0, "visible"),
        ("1.2", "course test case: epoch 10", 1.0, "visible"),
        ("1.3", "hidden: random rates", 2.0, "hidden"),
    ]
    assert [t.name for t in results[2].tests] == ["schedule: epoch 100", "schedule: epoch 2000"]
    assert all(t.status == "passed" and t.message == "" for r in results for t in r.tests)


def test_partially_wrong_submission_names_the_mistakes():
    source = IMPORTS + (
        "def update_lr(learning_rate0, epoch_num, decay_rate):\n"
        "    return learning_rate0 / (1 + decay_rate) * epoch_num\n"
        "def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):\n"
        "    return learning_rate0 / (1 + decay_rate * epoch_num / time_interval)\n"
        "def initialize_velocity(parameters):\n"
        "    return {k: np.zeros_like(v) for k, v in parameters.items()}\n"
    )
    [results] = run_checks(CHECKS, [submission("partial", source)]).values()
    assert summary(results) == [
        ("update_lr", "failed", 0.0, 4.0),
        ("initialize_velocity", "failed", 0.0, 3.0),
        ("schedule_lr_decay", "partial", 1.0, 2.0),
    ]
    first = results[0].tests[0]
    # 0.5 / (1 + 1) * 2 = 0.5 against 0.5 / (1 + 1 * 2) = 0.166667
    assert first.message == (
        "learning rate differs: got 0.5, expected 0.166667 (abs error 0.3333, rel error 2)"
    )
    assert first.mistake == "divide by (1 + decay_rate * epoch_num), not (1 + decay_rate)"
    velocity = results[1].tests[0]
    assert velocity.message == "key 'dW1' is missing; keys returned: ['W1', 'b1', 'W2', 'b2']"
    assert velocity.mistake == "the velocity keys are dW1, db1, ... (gradient names)"
    schedule = results[2].tests
    assert [(t.status, t.mistake) for t in schedule] == [
        ("failed", "use floor(epoch_num / time_interval)"),
        ("passed", None),
    ]


def test_student_exception_fails_only_that_exercise():
    source = SOLUTION.replace(
        "    return learning_rate0 / (1 + decay_rate * epoch_num)",
        "    zero = epoch_num - epoch_num\n    return learning_rate0 / zero",
    )
    [results] = run_checks(CHECKS, [submission("crash", source)]).values()
    assert summary(results)[0] == ("update_lr", "failed", 0.0, 4.0)
    assert summary(results)[1:] == [
        ("initialize_velocity", "passed", 3.0, 3.0),
        ("schedule_lr_decay", "passed", 2.0, 2.0),
    ]
    line = (
        SOLUTION.splitlines().index("    return learning_rate0 / (1 + decay_rate * epoch_num)") + 2
    )
    assert results[0].tests[0].message == (
        "update_lr raised ZeroDivisionError: float division by zero\n"
        f"  cell 3, line {line}, in update_lr: return learning_rate0 / zero"
    )


def test_missing_function_is_reported_missing_and_scores_zero():
    source = SOLUTION.replace("def initialize_velocity(", "def initialise_velocity(")
    [results] = run_checks(CHECKS, [submission("missing", source)]).values()
    velocity = results[1]
    assert (velocity.status, velocity.score, velocity.found) == ("missing", 0.0, False)
    assert velocity.message == (
        "initialize_velocity was not found: looked for a top-level "
        "`def initialize_velocity(...)` in your notebook"
    )
    assert velocity.tests[0].message.endswith("Did you mean `initialise_velocity`?")
    assert [t.score for t in velocity.tests] == [0.0, 0.0]
    assert results[0].status == "passed"


def test_timeout_is_reported_with_the_exercise_time_limit():
    source = "from tests.grader.checking.fake_sandbox import FakeTimeout\n" + SOLUTION.replace(
        "    return learning_rate0 / (1 + decay_rate * epoch_num)",
        "    raise FakeTimeout()",
    )
    [results] = run_checks(CHECKS, [submission("slow", source)]).values()
    hung = "update_lr did not finish within 2 s (infinite loop?)"
    assert [t.message for t in results[0].tests] == [
        hung,
        f"update_lr was not run on this case: on an earlier case, {hung}",
        f"update_lr was not run on this case: on an earlier case, {hung}",
    ]
    assert results[0].score == 0.0 and results[1].score == 3.0


def test_printed_output_is_attached_to_the_test():
    source = SOLUTION.replace(
        "    return learning_rate0 / (1 + decay_rate * epoch_num)",
        "    print('epoch', epoch_num)\n    return learning_rate0 / (1 + decay_rate * epoch_num)",
    )
    [results] = run_checks(CHECKS, [submission("chatty", source)]).values()
    assert [t.output for t in results[0].tests[:2]] == ["epoch 2\n", "epoch 10\n"]
    assert results[0].status == "passed"


def test_old_version_runs_only_its_own_exercises():
    source = re.sub(r"def schedule_lr_decay.*?\n\n\n", "", SOLUTION, flags=re.DOTALL)
    assert "schedule_lr_decay" not in source
    [results] = run_checks(
        CHECKS, [submission("old", source, specs=OLD_SPECS, version="old")]
    ).values()
    assert summary(results) == [
        ("update_lr", "passed", 4.0, 4.0),
        ("initialize_velocity", "passed", 3.0, 3.0),
    ]


# An autouse fixture (even one doing nothing) makes a session run check-major.
AUTOUSE_FIXTURE = (
    "conftest.py",
    "import pytest\n@pytest.fixture(autouse=True)\ndef f():\n    yield\n",
)


@pytest.mark.parametrize(
    ("extra", "expected_events"),
    [
        ((), ["open a", "close a", "open b", "close b", "open c", "close c"]),
        ((AUTOUSE_FIXTURE,), ["open a", "open b", "close b", "open c", "close a", "close c"]),
    ],
    ids=["submission-major", "check-major"],
)
def test_each_sandbox_opens_at_its_first_check_and_closes_after_its_last(
    tmp_path, extra, expected_events
):
    """Check files run in name order: test_lr.py, test_schedule.py, test_velocity.py.

    Submission-major: one sandbox at a time. Check-major: b's only exercise is update_lr,
    checked first; c's is initialize_velocity, checked last.
    """
    events: list[str] = []
    wrong = SOLUTION.replace("np.zeros_like", "np.ones_like")
    results = run_checks(
        copy_checks(tmp_path, *extra),
        [
            submission("a", wrong, events=events),
            submission("b", SOLUTION, events=events, specs=SPECS[:1]),
            submission("c", SOLUTION, events=events, specs=SPECS[1:2]),
        ],
    )
    assert events == expected_events
    assert [sum(e.score for e in results[key]) for key in "abc"] == [6.0, 4.0, 3.0]


def test_random_inputs_depend_on_the_seed_not_on_the_batch():
    def hidden_inputs(keys_and_seeds):
        sandboxes = {key: FakeSandbox(SOLUTION) for key, _ in keys_and_seeds}
        checks = [
            SubmissionChecks(
                key=key, sandbox=sandboxes[key], exercises=SPECS, version="new", seed=seed
            )
            for key, seed in keys_and_seeds
        ]
        run_checks(CHECKS, checks)
        return {
            key: [c[1] for c in s.calls if c[0] == "update_lr"][2:] for key, s in sandboxes.items()
        }

    alone = hidden_inputs([("x", 11)])["x"]
    batch = hidden_inputs([("y", 5), ("x", 11)])
    assert batch["x"] == alone and len(alone) == 3
    assert batch["y"] != alone


def test_sandbox_that_cannot_start_gives_error_results():
    def broken():
        raise OSError("fork failed")

    checks = SubmissionChecks(key="k", sandbox=broken, exercises=SPECS, version="new", seed=1)
    [results] = run_checks(CHECKS, [checks]).values()
    assert [(e.status, e.score) for e in results] == [("error", 0.0)] * 3
    assert results[0].tests[0].message == (
        "the grader could not start a sandbox for your code (OSError: fork failed)"
    )


def copy_checks(tmp_path: Path, *extra: tuple[str, str]) -> Path:
    target = tmp_path / "sample"
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns("__pycache__"))
    for name, text in extra:
        (target / "checks" / name).write_text(text)
    return target / "checks"


def test_check_module_with_syntax_error_zeroes_only_its_exercise(tmp_path):
    broken = "import pytest\npytestmark = pytest.mark.exercise('schedule_lr_decay')\ndef test_x(:\n"
    checks = copy_checks(tmp_path, ("test_broken.py", broken))
    [results] = run_checks(checks, [submission("s", SOLUTION)]).values()
    assert summary(results) == [
        ("update_lr", "passed", 4.0, 4.0),
        ("initialize_velocity", "passed", 3.0, 3.0),
        ("schedule_lr_decay", "error", 0.0, 2.0),
    ]
    assert results[2].message.startswith(
        "grader problem: check module test_broken.py could not be loaded ("
    )
    assert "SyntaxError" in results[2].message


def test_unattributable_broken_module_zeroes_every_exercise(tmp_path):
    checks = copy_checks(tmp_path, ("test_broken.py", "raise RuntimeError('oops')\n"))
    [results] = run_checks(checks, [submission("s", SOLUTION)]).values()
    assert [(e.status, e.score) for e in results] == [("error", 0.0)] * 3
    assert "RuntimeError: oops" in results[0].message


def test_exception_in_a_check_is_an_internal_error(tmp_path):
    buggy = (
        "import pytest\npytestmark = pytest.mark.exercise('schedule_lr_decay')\n"
        "def test_bug(student):\n    {}['x']\n"
    )
    checks = copy_checks(tmp_path, ("test_bug.py", buggy))
    [results] = run_checks(checks, [submission("s", SOLUTION)]).values()
    [bug] = [t for t in results[2].tests if t.name == "bug"]
    assert (bug.status, bug.message) == (
        "error",
        "internal error in check test_bug.py::test_bug: KeyError: 'x'",
    )
    # three equally weighted tests: the two real ones keep their 2/3 points each
    assert results[2].score == pytest.approx(4 / 3)


def test_crash_inside_pytest_gives_error_results_not_an_exception(tmp_path):
    conftest = "def pytest_collection_modifyitems(items):\n    raise RuntimeError('hook bug')\n"
    checks = copy_checks(tmp_path, ("conftest.py", conftest))
    results = run_checks(checks, [submission("s", SOLUTION), submission("t", SOLUTION)])
    assert set(results) == {"s", "t"}
    for exercises in results.values():
        assert [(e.status, e.score) for e in exercises] == [("error", 0.0)] * 3
        assert exercises[0].message == (
            "grader problem: the checks stopped (internal error: RuntimeError: hook bug)"
        )


def test_missing_checks_directory_gives_error_results(tmp_path):
    [results] = run_checks(tmp_path / "nowhere", [submission("s", SOLUTION)]).values()
    assert [(e.status, e.score) for e in results] == [("error", 0.0)] * 3
    assert results[0].message == (
        f"grader problem: the checks directory {tmp_path / 'nowhere'} does not exist"
    )


def test_usage_error_gives_error_results(tmp_path):
    conftest = "import pytest\ndef pytest_configure(config):\n    raise pytest.UsageError('bad')\n"
    checks = copy_checks(tmp_path, ("conftest.py", conftest))
    [results] = run_checks(checks, [submission("s", SOLUTION)]).values()
    assert [(e.status, e.score) for e in results] == [("error", 0.0)] * 3
    assert results[0].message == "grader problem: the checks stopped (usage error: ERROR: bad)"


def test_invalid_weight_is_a_grader_error_for_everything(tmp_path):
    bad = (
        "import pytest\npytestmark = pytest.mark.exercise('update_lr')\n"
        "@pytest.mark.points(0)\ndef test_weightless(student):\n    pass\n"
    )
    checks = copy_checks(tmp_path, ("test_bad.py", bad))
    [results] = run_checks(checks, [submission("s", SOLUTION)]).values()
    assert [e.status for e in results] == ["error"] * 3
    assert "points(0.0) must be a positive weight" in results[0].message


def test_ctrl_c_stops_the_run(tmp_path):
    interrupt = (
        "import pytest\npytestmark = pytest.mark.exercise('update_lr')\n"
        "def test_interrupt(student):\n    raise KeyboardInterrupt\n"
    )
    checks = copy_checks(tmp_path, ("test_interrupt.py", interrupt))
    with pytest.raises(KeyboardInterrupt):
        run_checks(checks, [submission("s", SOLUTION)])


def test_exercise_without_checks_is_a_grader_error():
    specs = (*SPECS, Spec("update_parameters_with_adam", "Adam", 5, 1.0))
    source = SOLUTION + "\ndef update_parameters_with_adam():\n    pass\n"
    [results] = run_checks(CHECKS, [submission("s", source, specs=specs)]).values()
    assert (results[3].status, results[3].score, results[3].max_score) == ("error", 0.0, 5.0)
    assert results[3].message == "grader problem: no checks ran for update_parameters_with_adam"


def test_same_file_names_in_two_check_directories_do_not_collide(tmp_path):
    first = copy_checks(tmp_path / "one")
    second = copy_checks(tmp_path / "two")
    (second / "test_lr.py").write_text(
        "import pytest\npytestmark = pytest.mark.exercise('update_lr')\n"
        "def test_always_fails(student):\n    raise AssertionError('second directory')\n"
    )
    run_checks(first, [submission("s", SOLUTION)])
    [results] = run_checks(second, [submission("s", SOLUTION)]).values()
    assert [t.message for t in results[0].tests] == ["second directory"]
    [again] = run_checks(first, [submission("s", SOLUTION)]).values()
    assert again[0].score == 4.0


def test_nothing_is_printed_and_the_environment_is_restored(capfd, monkeypatch):
    monkeypatch.setenv("PYTEST_ADDOPTS", "--definitely-not-an-option")
    monkeypatch.delenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    results = run_checks(CHECKS, [submission("s", SOLUTION), submission("t", SOLUTION + "\n")])
    assert all(e.status == "passed" for e in results["s"] + results["t"])
    assert capfd.readouterr() == ("", "")
    assert os.environ["PYTEST_ADDOPTS"] == "--definitely-not-an-option"
    assert "PYTEST_DISABLE_PLUGIN_AUTOLOAD" not in os.environ


def test_no_third_party_plugin_is_loaded():
    outcome = run_session(CHECKS, [submission("s", SOLUTION)])
    third_party = [
        name
        for name in outcome.plugin_names
        if any(word in name for word in ("benchmark", "metadata", "randomly", "xdist", "cov"))
    ]
    assert third_party == []
    assert "pytest_jsonreport.plugin" in outcome.plugin_names
    assert "cacheprovider" not in outcome.plugin_names
    assert not (CHECKS / ".pytest_cache").exists()


def test_no_submissions_gives_no_results():
    assert run_checks(CHECKS, []) == {}


FRESH_PROCESS_SCRIPT = """
import json
from pathlib import Path
from dlgrade.grader.checking.runner import SubmissionChecks, run_checks
from tests.grader.checking.fake_sandbox import FakeSandbox, Spec

sample = Path("tests/grader/checking/sample")
source = (sample / "solution.py").read_text()
specs = (Spec("update_lr", "", 4, 2.0), Spec("initialize_velocity", "", 3, 1.0))
checks = [SubmissionChecks(key="k", sandbox=lambda: FakeSandbox(source), exercises=specs,
                           version="old", seed=3)]
for _ in range(2):
    results = run_checks(sample / "checks", checks)
print(json.dumps([[e.name, e.status, e.score] for e in results["k"]]))
"""


def test_a_fresh_interpreter_prints_nothing_but_its_own_output():
    """Outside this test session no pytest plugin is preloaded: the production situation."""
    root = Path(__file__).resolve().parents[3]
    environment = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", FRESH_PROCESS_SCRIPT],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout) == [
        ["update_lr", "passed", 4.0],
        ["initialize_velocity", "passed", 3.0],
    ]
