"""Domain errors. The CLI turns each of them into a `click.ClickException`, once, at the edge."""

from __future__ import annotations


class GraderError(Exception):
    """Base class of every error the grader reports to a user as a message, not a traceback."""


class SubmissionError(GraderError):
    """The submission cannot be read: missing, corrupt, empty, or not a notebook/module."""


class AssignmentNotFound(GraderError):
    """No assignment matches the slug given or the submission's content."""


class AssignmentConfigError(GraderError):
    """An assignment.toml that cannot be read: the message names the file, the line, and
    what was expected."""


class SandboxError(GraderError):
    """The isolated worker could not be started at all (not a student failure)."""


class WeakIsolation(GraderError):
    """This machine offers student code only weak isolation, and the caller did not accept it."""


class KitError(GraderError):
    """A student kit cannot be built as asked (the message says why and what to change)."""
