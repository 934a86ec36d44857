"""Hand-built results covering every exercise status (and a crash), for the report tests."""

from __future__ import annotations

from dataclasses import replace

from dlgrade.grader.results import ExerciseResult, SubmissionInfo, SubmissionResult, TestResult

HOSTILE_MESSAGE = "<script>alert(1)</script> and {{ 7*7 }} and {% raw %}"
ADAM_MESSAGE = "W1 differs: max abs error 3.1e-03 at (0, 1)\nexpected 0.1, got 0.2"
ADAM_MISTAKE = "epsilon added inside the square root"
ISOLATION = {
    "process": True,
    "rlimits": ["RLIMIT_AS", "RLIMIT_CPU"],
    "network_namespace": False,
    "pid_namespace": False,
    "unprivileged_uid": None,
    "scrubbed_env": True,
}


def _test(exercise: str, name: str, status: str, score: float, max_score: float, **kw):
    return TestResult(
        name=name, exercise=exercise, status=status, score=score, max_score=max_score, **kw
    )


def build_mixed_result() -> SubmissionResult:
    """Passed 4/4, partial 2/6, failed 0/2, missing 0/3, error 0/1: total 6/16."""
    adam = "update_parameters_with_adam"
    return SubmissionResult(
        assignment="optimization",
        assignment_version="2021.1",
        submission=SubmissionInfo(path="student <b>42</b>.ipynb", sha256="ab" * 32, format="ipynb"),
        exercises=[
            ExerciseResult(
                name="initialize_velocity",
                max_score=4,
                title="Velocity initialization",
                tests=[
                    _test("initialize_velocity", "shapes", "passed", 2, 2),
                    _test("initialize_velocity", "zeros", "passed", 2, 2),
                ],
            ),
            ExerciseResult(
                name=adam,
                max_score=6,
                tests=[
                    _test(adam, "public case", "passed", 2, 2),
                    _test(
                        adam,
                        "random case 1",
                        "failed",
                        0,
                        2,
                        message=ADAM_MESSAGE,
                        mistake=ADAM_MISTAKE,
                        output="t = 2\nhello from the student\n",
                    ),
                    _test(adam, "hidden case", "failed", 0, 2, visibility="hidden"),
                ],
            ),
            ExerciseResult(
                name="schedule_lr_decay",
                max_score=2,
                tests=[
                    _test("schedule_lr_decay", "hostile", "failed", 0, 2, message=HOSTILE_MESSAGE)
                ],
            ),
            ExerciseResult(
                name="update_lr",
                max_score=3,
                found=False,
                message="update_lr is not defined in the notebook",
            ),
            ExerciseResult(
                name="random_mini_batches",
                max_score=1,
                tests=[
                    _test(
                        "random_mini_batches",
                        "m < batch",
                        "error",
                        0,
                        1,
                        message="worker died (signal 9)",
                    )
                ],
            ),
        ],
        execution_time=0.4321,
        isolation=dict(ISOLATION),
        problems=["cell 7, line 3: SyntaxError: invalid syntax"],
        grader_version="0.1.0",
    )


def build_crash_result() -> SubmissionResult:
    """What the pipeline produces when grading could not even start."""
    return SubmissionResult(
        assignment="optimization",
        assignment_version="2021.1",
        submission=SubmissionInfo(path="broken.ipynb", sha256="", format="unknown"),
        error="could not start the sandbox: fork failed",
        grader_version="0.1.0",
    )


def with_test(
    result: SubmissionResult, exercise: int, test: int, **changes: object
) -> SubmissionResult:
    """`result` with test `test` of exercise `exercise` changed (results are immutable)."""
    chosen = result.exercises[exercise]
    tests = list(chosen.tests)
    tests[test] = replace(tests[test], **changes)
    exercises = list(result.exercises)
    exercises[exercise] = replace(chosen, tests=tuple(tests))
    return replace(result, exercises=tuple(exercises))


def with_problem(result: SubmissionResult, problem: str) -> SubmissionResult:
    return replace(result, problems=(*result.problems, problem))
