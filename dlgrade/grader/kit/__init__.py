"""The student kit: `grade kit` builds it (build.py), `check()` runs it from a notebook
(notebook.py), its `grade` command is cli.py's. Standard library only here."""

from pathlib import Path

RECORDING_NAME = "recorded_calls.bin"
# A student kit ships its recording beside the reference stand-ins it answers for.
KIT_RECORDING = Path(__file__).resolve().parents[2] / "reference" / RECORDING_NAME
