"""The environment of a user's machine, for the benchmarks' timed processes.

Python caches compiled bytecode (`__pycache__`) unless told not to; some containers and
CI machines set PYTHONDONTWRITEBYTECODE, and this workplace does. The baseline's NumPy
was compiled when pip installed it, but an editable checkout of the grader then
recompiles its ~60 modules and pytest re-rewrites the checks on every run (~50 ms of
`grade submit`), a cost no user who ran the grader once pays. Timed processes run with
caching on, after a warm-up run that writes the caches.
"""

from __future__ import annotations

import os
import sys

NO_BYTECODE_CACHE = "PYTHONDONTWRITEBYTECODE"


def cache_bytecode_here() -> None:
    """This process and the ones it starts cache bytecode, as on a user's machine."""
    os.environ.pop(NO_BYTECODE_CACHE, None)
    sys.dont_write_bytecode = False
