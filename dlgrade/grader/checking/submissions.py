"""The submissions a check session grades: the one type that the plan, the plugin and the
runner share (kept apart so that none of them imports another to get it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from dlgrade.grader.checking.proxy import SandboxSource
from dlgrade.grader.checking.scoring import ExerciseSpecLike


@dataclass(frozen=True)
class SubmissionChecks:
    """One submission to check.

    `sandbox`: an open sandbox (the caller closes it) or a zero-argument factory
    returning a context manager that yields one (opened at the submission's first
    test, closed after its last). `exercises`: the ExerciseSpecs of its version, in
    report order. `seed`: seeds the `rng` fixture (see docs/ARCHITECTURE.md, Seeds).
    """

    key: str
    sandbox: SandboxSource
    exercises: Sequence[ExerciseSpecLike]
    version: str
    seed: int
    time_budget: float | None = None  # seconds of student code in all (None: no budget)
    # exercise -> share of its points held by checks this grader lacks (a student kit's)
    ungraded: Mapping[str, float] = field(default_factory=dict)
