"""The student kit's `grade`: the full grader's commands a student uses, nothing else
(the others need the reference or are the instructor's)."""

from __future__ import annotations

from dlgrade.grader import cli as full

STUDENT_COMMANDS = ("submit", "doctor", "list")

student_cli = full.GraderGroup(
    name="grade",
    commands={name: full.cli.commands[name] for name in STUDENT_COMMANDS},
    callback=full.cli.callback,
    params=full.cli.params,
    help="Check a notebook of the course on its visible cases (student kit). The hidden "
    "cases are graded by your instructor.",
    context_settings=full.cli.context_settings,
)


def main() -> None:
    """The kit's console script."""
    full.main(student_cli)


if __name__ == "__main__":
    main()
