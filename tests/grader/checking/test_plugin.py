"""Fan-out: one pytest item per check runs every submission of a batch, as if each ran alone.

Each result of a batch is compared with the same submission graded in a run of its
own (field by field, durations aside), and the random inputs each submission receives
are derived by hand from the documented seeding: sha256 of the test id without any
batch part, combined with the submission's seed.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
import pytest

from dlgrade.grader.checking.runner import SubmissionChecks, run_checks, run_session
from tests.grader.checking.fake_sandbox import FakeSandbox
from tests.grader.checking.test_runner import (
    AUTOUSE_FIXTURE,
    CHECKS,
    OLD_SPECS,
    SOLUTION,
    SPECS,
    copy_checks,
    submission,
)

WRONG = SOLUTION.replace("np.zeros_like", "np.ones_like")
CRASHING = SOLUTION.replace(
    "    return learning_rate0 / (1 + decay_rate * epoch_num)",
    "    zero = epoch_num - epoch_num\n    return learning_rate0 / zero",
)
TIMING_OUT = "from tests.grader.checking.fake_sandbox import FakeTimeout\n" + SOLUTION.replace(
    "    return learning_rate0 / (1 + decay_rate * math.floor(epoch_num / time_interval))",
    "    raise FakeTimeout()",
)
MISSING = SOLUTION.replace("def initialize_velocity(", "def initialise_velocity(")
CHATTY = SOLUTION.replace(
    "    return learning_rate0 / (1 + decay_rate * epoch_num)",
    "    print('epoch', epoch_num)\n    return learning_rate0 / (1 + decay_rate * epoch_num)",
)
OLD = re.sub(r"def schedule_lr_decay.*?\n\n\n", "", SOLUTION, flags=re.DOTALL)
BATCH = [  # key, source, specs, version, seed
    ("ok", SOLUTION, SPECS, "new", 1),
    ("wrong", WRONG, SPECS, "new", 2),
    ("crashing", CRASHING, SPECS, "new", 3),
    ("timing out", TIMING_OUT, SPECS, "new", 4),
    ("missing", MISSING, SPECS, "new", 5),
    ("chatty", CHATTY, SPECS, "new", 6),
    ("old", OLD, OLD_SPECS, "old", 7),
]


def comparable(exercises):
    """Everything a report shows about a submission's results, durations aside."""
    return [
        (e.name, e.status, e.score, e.found, e.message, [comparable_test(t) for t in e.tests])
        for e in exercises
    ]


def comparable_test(test):
    return (
        test.number,
        test.name,
        test.status,
        test.score,
        test.max_score,
        test.message,
        test.mistake,
        test.output,
        test.visibility,
    )


def grade(entries, checks=CHECKS, plans=None):
    submissions = [
        submission(key, source, specs=specs, version=version, seed=seed)
        for key, source, specs, version, seed in entries
    ]
    return run_checks(checks, submissions, plans=plans)


def test_a_batch_gives_each_submission_the_results_it_gets_alone():
    batch = grade(BATCH)
    for entry in BATCH:
        [alone] = grade([entry]).values()
        assert comparable(batch[entry[0]]) == comparable(alone), entry[0]


def test_both_orders_give_every_submission_the_same_results(tmp_path):
    submission_major = grade(BATCH)
    check_major = grade(BATCH, checks=copy_checks(tmp_path, AUTOUSE_FIXTURE))
    for key, *_ in BATCH:
        assert comparable(check_major[key]) == comparable(submission_major[key]), key


@pytest.mark.parametrize(
    ("check", "one_sandbox_at_a_time"),
    [
        ("def test_x(student, rng, version):\n    pass\n", True),
        ("@pytest.mark.parametrize('n', [1, 2])\ndef test_x(student, n):\n    pass\n", True),
        ("def test_x(student, tmp_path):\n    pass\n", False),
        (
            "@pytest.fixture\ndef extra():\n    return 1\ndef test_x(student, extra):\n    pass\n",
            False,
        ),
        ("def setup_module():\n    pass\ndef test_x(student):\n    pass\n", False),
        ("@pytest.mark.skipif(False, reason='no')\ndef test_x(student):\n    pass\n", False),
    ],
    ids=[
        "per-submission fixtures",
        "parameters",
        "tmp_path",
        "own fixture",
        "setup_module",
        "skipif",
    ],
)
def test_checks_run_submission_major_unless_a_fixture_needs_its_item(
    tmp_path, check, one_sandbox_at_a_time
):
    module = "import pytest\npytestmark = pytest.mark.exercise('update_lr')\n" + check
    checks = copy_checks(tmp_path, ("test_extra.py", module))
    events: list[str] = []
    results = run_checks(checks, [submission(key, SOLUTION, events=events) for key in ("a", "b")])
    if one_sandbox_at_a_time:
        assert events == ["open a", "close a", "open b", "close b"]
    else:
        assert events == ["open a", "open b", "close a", "close b"]
    assert all(e.status == "passed" for key in "ab" for e in results[key])


def test_batch_outcomes_are_the_ones_each_submission_earned():
    batch = grade(BATCH)
    statuses = {key: [e.status for e in results] for key, results in batch.items()}
    assert statuses == {
        "ok": ["passed", "passed", "passed"],
        "wrong": ["passed", "failed", "passed"],
        "crashing": ["failed", "passed", "passed"],
        "timing out": ["passed", "passed", "failed"],
        "missing": ["passed", "missing", "passed"],
        "chatty": ["passed", "passed", "passed"],
        "old": ["passed", "passed"],
    }
    crash = batch["crashing"][0].tests[0].message
    assert crash.startswith("update_lr raised ZeroDivisionError: float division by zero")
    hung = "schedule_lr_decay did not finish within 1 s (infinite loop?)"
    assert [t.message for t in batch["timing out"][2].tests] == [
        hung,
        f"schedule_lr_decay was not run on this case: on an earlier case, {hung}",
    ]
    assert batch["missing"][1].tests[0].message.endswith("Did you mean `initialise_velocity`?")
    hidden_epochs = "".join(f"epoch {epoch}\n" for _, epoch, _ in expected_rate_inputs(6))
    assert [t.output for t in batch["chatty"][0].tests] == [
        "epoch 2\n",
        "epoch 10\n",
        hidden_epochs,
    ]
    assert all(t.output == "" for t in batch["ok"][0].tests)


def expected_rate_inputs(seed):
    """The hidden inputs of test_lr.py::test_random_rates, drawn as that check draws them."""
    digest = hashlib.sha256(b"test_lr.py::test_random_rates").digest()[:8]
    rng = np.random.default_rng([seed, int.from_bytes(digest, "little")])
    return [
        (float(rng.uniform(0.01, 1)), int(rng.integers(0, 50)), float(rng.uniform(0, 2)))
        for _ in range(3)
    ]


def test_each_submission_draws_its_own_random_stream_seeded_by_test_id():
    seeds = {"x": 11, "y": 5, "twin of x": 11}
    sandboxes = {key: FakeSandbox(SOLUTION) for key in seeds}
    run_checks(
        CHECKS,
        [
            SubmissionChecks(
                key=key, sandbox=sandboxes[key], exercises=SPECS, version="new", seed=seed
            )
            for key, seed in seeds.items()
        ],
    )
    for key, seed in seeds.items():
        hidden = [args for name, args, _, _ in sandboxes[key].calls if name == "update_lr"][2:]
        assert hidden == expected_rate_inputs(seed), key


def test_each_check_is_collected_once_however_many_submissions(tmp_path):
    """Sample checks: test_lr 3 (2 course cases + hidden), test_schedule 2, test_velocity 2."""
    planned = run_session(CHECKS, [submission(str(n), SOLUTION) for n in range(5)])
    assert len(planned.plan.checks) == 7
    assert planned.report.get("tests", []) == []  # no item went through pytest's protocol
    check_major = run_session(
        copy_checks(tmp_path, AUTOUSE_FIXTURE), [submission(str(n), SOLUTION) for n in range(5)]
    )
    assert check_major.plan is None
    assert len(check_major.report["tests"]) == 7  # one pytest item per check
    for outcome in (planned, check_major):
        assert [len(records) for records in outcome.records.values()] == [7] * 5


@pytest.mark.parametrize(
    ("fixture_body", "message_end"),
    [
        ("raise OSError('no disk')", "(setup): OSError: no disk"),
        (
            "student.call('update_lr', 1, 1, 1)",
            "(setup): RuntimeError: the `student` fixture is set per submission and only in "
            "a check function's own arguments; request it there, not from another fixture",
        ),
    ],
    ids=["fixture raises", "fixture uses student"],
)
def test_a_failing_check_setup_is_an_error_for_every_submission(
    tmp_path, fixture_body, message_end
):
    conftest = (
        "import pytest\n@pytest.fixture(autouse=True)\n"
        f"def broken(request, student):\n    if 'schedule' in request.node.name:\n"
        f"        {fixture_body}\n"
    )
    checks = copy_checks(tmp_path, ("conftest.py", conftest))
    results = run_checks(checks, [submission("s", SOLUTION), submission("t", WRONG)])
    for key in "st":
        schedule = results[key][2]
        assert [t.status for t in schedule.tests] == ["error", "error"]
        assert schedule.tests[0].message == (
            f"internal error in check test_schedule.py::test_schedule[epoch 100] {message_end}"
        )
        assert results[key][0].status == "passed"
    assert results["t"][1].status == "failed"


def test_a_skipped_check_counts_for_no_submission(tmp_path):
    skipping = (
        "import pytest\npytestmark = pytest.mark.exercise('update_lr')\n"
        "@pytest.mark.points(6)\n"
        "def test_only_new(student, version):\n"
        "    if version != 'new':\n        pytest.skip('new version only')\n"
        "    raise AssertionError('new checked')\n"
    )
    checks = copy_checks(tmp_path, ("test_skipping.py", skipping))
    results = run_checks(
        checks,
        [
            submission("new", SOLUTION),
            submission("old", OLD, specs=OLD_SPECS, version="old"),
        ],
    )
    # update_lr weights 1, 1, 2 (+ 6 when the extra check counts): 4 points split by weight
    assert [t.max_score for t in results["new"][0].tests] == pytest.approx([0.4, 0.4, 0.8, 2.4])
    assert results["new"][0].tests[3].message == "new checked"
    assert [t.max_score for t in results["old"][0].tests] == [1.0, 1.0, 2.0]


def test_ctrl_c_in_one_submission_stops_the_batch_and_closes_every_sandbox(tmp_path):
    interrupt = (
        "import pytest\npytestmark = pytest.mark.exercise('schedule_lr_decay')\n"
        "def test_interrupt(student, version):\n"
        "    if version == 'old':\n        raise KeyboardInterrupt\n"
    )
    checks = copy_checks(tmp_path, ("test_interrupt.py", interrupt))
    events: list[str] = []
    specs = (*OLD_SPECS, SPECS[2])  # the old submission gets schedule_lr_decay checked too
    with pytest.raises(KeyboardInterrupt):
        run_checks(
            checks,
            [
                submission("a", SOLUTION, events=events),
                submission("b", SOLUTION, events=events, specs=specs, version="old"),
            ],
        )
    assert sorted(events) == ["close a", "close b", "open a", "open b"]
