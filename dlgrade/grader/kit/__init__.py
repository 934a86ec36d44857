"""The student kit: `grade kit` builds it (build.py), `check()` runs it from a notebook.

Standard library only here: the CLI asks `is_kit()` before anything else is imported.
"""

from pathlib import Path

RECORDING_NAME = "recorded_calls.bin"
# A student kit ships its recording beside the reference stand-ins it answers for.
KIT_RECORDING = Path(__file__).resolve().parents[2] / "reference" / RECORDING_NAME


def is_kit() -> bool:
    """True in a student kit (its recording stands where the full grader's reference is)."""
    return KIT_RECORDING.is_file()
