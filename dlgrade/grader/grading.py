"""Grade one submission end to end: load, extract, sandbox, check, build the result.

`grade_submission` is the library entry point behind `grade submit` and `grade demo`;
`grade batch` calls the same building blocks so that both give identical scores.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from dlgrade.grader import __version__
from dlgrade.grader.assignments import (
    ASSIGNMENTS_DIR,
    Assignment,
    ExerciseSpec,
    assignment_mismatch,
    detect_assignment,
    get_assignment,
)
from dlgrade.grader.errors import SubmissionError
from dlgrade.grader.missing import describe_cell, explain_missing
from dlgrade.grader.results import (
    ExerciseResult,
    SubmissionInfo,
    SubmissionResult,
    clip,
    error_exercise,
)

if TYPE_CHECKING:
    from dlgrade.grader.checking.plan import CheckPlans
    from dlgrade.grader.extraction import StudentCode
    from dlgrade.grader.loading import Submission
    from dlgrade.grader.sandbox import Zygote


@dataclass
class GradingSession:
    """What a process grading many groups keeps from one to the next: the zygote its
    sandboxes fork from (None: each sandbox starts a worker interpreter of its own) and
    the check plans pytest collected (None: every group runs a pytest session)."""

    zygote: Zygote | None = None
    plans: CheckPlans | None = None

    @classmethod
    def start(cls, plans: CheckPlans | None = None) -> GradingSession:
        """A session with a running zygote and `plans` (new ones when not given)."""
        from dlgrade.grader.checking.plan import CheckPlans
        from dlgrade.grader.sandbox.zygote import Zygote

        return cls(Zygote().start(), plans if plans is not None else CheckPlans())

    def close(self) -> None:
        if self.zygote is not None:
            self.zygote.close()

    def __enter__(self) -> GradingSession:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


DEFINITION = re.compile(r"^[ \t]*def[ \t]+([A-Za-z_]\w*)[ \t]*\(", re.MULTILINE)


@dataclass(frozen=True)
class PreparedSubmission:
    """A loaded and extracted submission, matched to its assignment and notebook version."""

    submission: Submission
    code: StudentCode
    assignment: Assignment
    notebook_version: str
    seed: int
    problems: tuple[str, ...] = field(default=())
    warning: str | None = None  # --assignment contradicts what the notebook looks like
    # cell index -> names after `def` in that cell, read from the raw text of every cell
    # (even one that does not parse or is not code)
    written: dict[int, frozenset[str]] = field(default_factory=dict)


def submission_seed(sha256: str, assignment: Assignment, override: int | None = None) -> int:
    """Seed of the hidden randomized cases: unpredictable before the file exists, yet stable.

    The same file always gets the same cases (so `grade submit` and `grade batch` agree,
    and a re-run reproduces a grade); editing the notebook changes them.
    """
    if override is not None:
        return override
    digest = hashlib.sha256(f"{sha256}:{assignment.slug}:{assignment.version}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


def prepare_submission(
    path: str | Path,
    *,
    assignment: str | None = None,
    seed: int | None = None,
    assignments_root: Path = ASSIGNMENTS_DIR,
) -> PreparedSubmission:
    """Load and extract; raises SubmissionError / AssignmentNotFound for unusable input.

    `assignments_root` lets batch tests grade against a small assignment of their own.
    """
    from dlgrade.grader.extraction import extract_code
    from dlgrade.grader.loading import load_submission

    submission = load_submission(path)
    try:
        code = extract_code(submission)
    except Exception as crash:  # noqa: BLE001 - a grader bug must not become a traceback
        raise SubmissionError(
            f"the grader could not read the code of '{path}' ({type(crash).__name__}: "
            f"{crash}); please report this with the notebook"
        ) from crash
    written = {
        cell.index: frozenset(m.group(1) for m in DEFINITION.finditer(cell.source))
        for cell in submission.cells
    }
    mentioned = frozenset().union(*written.values())
    # Functions written in code cells, parsed or not: an unfinished template whose
    # graded cells do not parse is still recognised (and graded 0, with the reason).
    in_code = frozenset().union(
        *(written[cell.index] for cell in submission.cells if cell.cell_type == "code")
    )
    names = code.functions | in_code
    chosen = (
        get_assignment(assignment, assignments_root)
        if assignment
        else detect_assignment(names, submission.metadata, assignments_root)
    )
    warning = (
        assignment_mismatch(chosen, names, submission.metadata, assignments_root)
        if assignment
        else None
    )
    version = chosen.detect_version(
        code.functions | mentioned, code.marker_style, code.imported_modules
    )
    problems = tuple(
        describe_cell(submission, p.cell)
        + (f", line {p.line}" if p.line else "")
        + f": {p.message}"
        for p in code.problems
    )
    return PreparedSubmission(
        submission=submission,
        code=code,
        assignment=chosen,
        notebook_version=version,
        seed=submission_seed(submission.sha256, chosen, seed),
        problems=problems,
        warning=warning,
        written=written,
    )


def error_exercises(specs: Sequence[ExerciseSpec], message: str) -> list[ExerciseResult]:
    """Every exercise at zero with one "error" test carrying `message` (nothing is missing)."""
    return [
        error_exercise(spec, number, message, test_name="grading")
        for number, spec in enumerate(specs, start=1)
    ]


def unreadable_result(
    assignment: Assignment, submission: SubmissionInfo, message: str
) -> SubmissionResult:
    """A submission that could not even be read: zero on every exercise of the default
    version, the reason as its error (nothing of the file is known but where it is)."""
    return SubmissionResult(
        assignment=assignment.slug,
        assignment_version=assignment.version,
        assignment_title=assignment.title,
        points_possible=assignment.max_score,
        notebook_version=assignment.default_version,
        submission=submission,
        exercises=error_exercises(assignment.exercises_for(assignment.default_version), message),
        error=message,
        grader_version=__version__,
    )


def crash_result(
    prepared: PreparedSubmission, message: str, elapsed: float = 0.0
) -> SubmissionResult:
    """A zero-score result that still lists every exercise, for a crash after reading."""
    specs = prepared.assignment.exercises_for(prepared.notebook_version)
    return _result(prepared, error_exercises(specs, message), {}, elapsed, error=message)


def _result(
    prepared: PreparedSubmission,
    exercises: list[ExerciseResult],
    isolation: dict,
    elapsed: float,
    *,
    error: str | None = None,
    extra_problems: tuple[str, ...] = (),
) -> SubmissionResult:
    submission = prepared.submission
    exercises = [
        explain_missing(exercise, submission, prepared.code.problems, prepared.written)
        for exercise in exercises
    ]
    return SubmissionResult(
        assignment=prepared.assignment.slug,
        assignment_version=prepared.assignment.version,
        assignment_title=prepared.assignment.title,
        points_possible=prepared.assignment.max_score,
        notebook_version=prepared.notebook_version,
        submission=SubmissionInfo(
            path=str(submission.path), sha256=submission.sha256, format=submission.format
        ),
        exercises=exercises,
        execution_time=elapsed,
        isolation=isolation,
        problems=[clip(problem) for problem in prepared.problems + extra_problems],
        warning=prepared.warning,
        error=error,
        grader_version=__version__,
    )


NUMPY1_NOTE = "graded with the course's NumPy 1.x semantics: "


class _TimedSandbox:
    """Opens the submission's sandbox lazily and records what a report needs from it."""

    def __init__(self, prepared: PreparedSubmission, zygote: Zygote | None) -> None:
        self.prepared = prepared
        self.zygote = zygote
        self.isolation: dict = {}
        self.load_problems: tuple[str, ...] = ()
        self.compatibility_notes: tuple[str, ...] = ()
        self.opened_at: float | None = None
        self.closed_at: float | None = None

    @contextmanager
    def __call__(self) -> Iterator[object]:
        from dlgrade.grader.sandbox import Limits, Sandbox

        self.opened_at = time.perf_counter()
        sandbox = Sandbox(
            self.prepared.code,
            limits=Limits(),
            zygote=self.zygote,
            helper_modules=self.prepared.assignment.helper_modules,
        )
        try:
            self.isolation = dict(sandbox.isolation)
            self.load_problems = tuple(sandbox.load_problems)
            yield sandbox
        finally:
            sandbox.close()
            self.compatibility_notes = tuple(sandbox.compatibility_notes)[:20]
            self.closed_at = time.perf_counter()

    def elapsed(self) -> float:
        if self.opened_at is None or self.closed_at is None:
            return 0.0
        return self.closed_at - self.opened_at


def grade_prepared_many(
    prepared: Sequence[PreparedSubmission], session: GradingSession | None = None
) -> list[SubmissionResult]:
    """Grade several prepared submissions, one pytest session per assignment. Never raises.

    Batch grading and the self-test use this to pay pytest's start-up once per group
    rather than once per submission; each submission still gets its own sandbox, opened
    before its first check and closed after its last. A `session` kept by a process that
    grades many groups lets a later group skip pytest altogether.
    """
    session = session if session is not None else GradingSession()
    results: list[SubmissionResult | None] = [None] * len(prepared)
    groups: dict[str, list[int]] = {}
    for index, item in enumerate(prepared):
        groups.setdefault(item.assignment.slug, []).append(index)
    for indices in groups.values():
        timers = {i: _TimedSandbox(prepared[i], session.zygote) for i in indices}
        started = time.perf_counter()
        try:
            from dlgrade.grader.checking.runner import SubmissionChecks, run_checks

            checks = [
                SubmissionChecks(
                    key=str(i),
                    sandbox=timers[i],
                    exercises=prepared[i].assignment.exercises_for(prepared[i].notebook_version),
                    version=prepared[i].notebook_version,
                    seed=prepared[i].seed,
                    time_budget=prepared[i].assignment.time_budget,
                    ungraded=prepared[i].assignment.ungraded.get(prepared[i].notebook_version, {}),
                )
                for i in indices
            ]
            checks_dir = prepared[indices[0]].assignment.checks_dir
            graded = run_checks(checks_dir, checks, plans=session.plans)
            for i in indices:
                timer = timers[i]
                results[i] = _result(
                    prepared[i],
                    graded[str(i)],
                    timer.isolation,
                    timer.elapsed(),
                    extra_problems=timer.load_problems
                    + tuple(f"{NUMPY1_NOTE}{note}" for note in timer.compatibility_notes),
                )
        except Exception as crash:  # noqa: BLE001 - a crash must still produce a result
            message = f"the grader failed on this submission: {type(crash).__name__}: {crash}"
            elapsed = time.perf_counter() - started
            for i in indices:
                results[i] = crash_result(prepared[i], message, elapsed)
    return [r for r in results if r is not None]


def grade_prepared(
    prepared: PreparedSubmission,
    *,
    zygote: Zygote | None = None,
    started: float | None = None,
) -> SubmissionResult:
    """Run the checks of one prepared submission in its own sandbox. Never raises."""
    started = time.perf_counter() if started is None else started
    result = grade_prepared_many([prepared], GradingSession(zygote))[0]
    return replace(result, execution_time=time.perf_counter() - started)


def grade_submission(
    *,
    path: str | Path,
    assignment: str | None = None,
    seed: int | None = None,
    zygote: Zygote | None = None,
) -> SubmissionResult:
    """Grade one notebook or module.

    Raises SubmissionError for an unreadable submission and AssignmentNotFound when the
    assignment cannot be determined; every later failure becomes a zero-score result.
    A `zygote` passed in is reused and left running (for callers grading many files);
    otherwise one is started for this submission and closed afterwards.
    """
    started = time.perf_counter()
    from dlgrade.grader.sandbox.zygote import Zygote

    own = zygote is None
    # Start the clean worker interpreter first: it imports numpy on the other core while
    # this process loads the notebook and imports pytest.
    zygote = Zygote() if zygote is None else zygote
    zygote.start()
    try:
        prepared = prepare_submission(path, assignment=assignment, seed=seed)
        return grade_prepared(prepared, zygote=zygote, started=started)
    finally:
        if own:
            zygote.close()
