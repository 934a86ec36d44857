"""`grade gradescope`: the autograder zip Gradescope expects, built from this installation.

At the zip's root: `setup.sh` (a virtualenv with the pinned dependencies and this grader
from the wheel in the zip), `run_autograder` (grades the one notebook submitted, see
run.py), `requirements.txt`, the wheel, and `dlgrade-autograder.json` (the assignment
and the visibility of hidden cases). The wheel is written here from the installed
packages (a wheel is a zip with a RECORD): no build backend, no network, and it works
from an editable checkout and from an installed grader alike.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from dlgrade import grader
from dlgrade.grader import __version__
from dlgrade.grader.assignments import ASSIGNMENTS_DIR, get_assignment
from dlgrade.grader.gradescope.run import CONFIG_NAME
from dlgrade.grader.packaging import EXECUTABLE, REGULAR, add_file, package_files, wheel_bytes
from dlgrade.grader.reports.gradescope import HIDDEN_CASE_VISIBILITIES

DISTRIBUTION = "dlgrade"
PACKAGES = ("dlgrade",)

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once, as root, in /autograder/source (AUTOGRADER_ROOT for tests).
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys, venv, ensurepip; assert sys.version_info >= (3, 10)' 2>/dev/null
then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y python3 python3-venv python3-pip
fi
"$PYTHON" -m venv "$ROOT/venv"
"$ROOT/venv/bin/python" -m pip install --quiet --upgrade pip
"$ROOT/venv/bin/python" -m pip install --quiet -r "$SOURCE/requirements.txt"
"$ROOT/venv/bin/python" -m pip install --quiet --no-deps "$SOURCE"/*.whl
cp "$SOURCE/run_autograder" "$ROOT/run_autograder" 2>/dev/null || true
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for every submission; it always leaves results/results.json.
ROOT="${AUTOGRADER_ROOT:-/autograder}"
if ! "$ROOT/venv/bin/python" -m dlgrade.grader.gradescope.run --root "$ROOT"; then
    if [ ! -s "$ROOT/results/results.json" ]; then
        mkdir -p "$ROOT/results"
        printf '{"score": 0, "tests": [], "output": "%s"}\\n' \\
            "The autograder could not start; please tell your instructor." \\
            > "$ROOT/results/results.json"
    fi
fi
exit 0
"""


@dataclass(frozen=True)
class Autograder:
    path: Path
    size: int
    wheel: str
    requirements: tuple[str, ...]


def build_autograder(
    *,
    assignment: str,
    out: Path,
    hidden_cases: str = "visible",
    assignments_root: Path = ASSIGNMENTS_DIR,
) -> Autograder:
    """Write the autograder zip for `assignment` to `out`."""
    chosen = get_assignment(assignment, assignments_root)
    if hidden_cases not in HIDDEN_CASE_VISIBILITIES:
        raise ValueError(f"hidden_cases must be one of {', '.join(HIDDEN_CASE_VISIBILITIES)}")
    wheel_name, wheel = build_wheel()
    requirements = pinned_requirements()
    config = {"assignment": chosen.slug, "hidden_cases": hidden_cases, "grader": __version__}
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        add_file(bundle, "setup.sh", SETUP_SH.encode(), EXECUTABLE)
        add_file(bundle, "run_autograder", RUN_AUTOGRADER.encode(), EXECUTABLE)
        add_file(bundle, "requirements.txt", ("\n".join(requirements) + "\n").encode(), REGULAR)
        add_file(bundle, CONFIG_NAME, (json.dumps(config, indent=1) + "\n").encode(), REGULAR)
        add_file(bundle, wheel_name, wheel, REGULAR)
    return Autograder(out, out.stat().st_size, wheel_name, tuple(requirements))


def pinned_requirements() -> list[str]:
    """This grader's runtime dependencies, pinned to the versions installed here for this
    Python; another Python (Gradescope's Ubuntu 22.04 has 3.10) gets the declared ranges,
    since a pin may not exist there (NumPy 2.3 and later need Python 3.11)."""
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    lines = []
    for requirement in importlib.metadata.requires(DISTRIBUTION) or []:
        spec, _, marker = (part.strip() for part in requirement.partition(";"))
        if "extra ==" in marker:
            continue  # optional extras (test, dask)
        name = re.split(r"[<>=!~\[ ]", spec, maxsplit=1)[0]
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            lines.append(requirement)  # a backport this Python does not need
            continue
        extra = f" and ({marker})" if marker else ""
        lines.append(f'{name}=={version}; python_version == "{here}"{extra}')
        lines.append(f'{spec}; python_version != "{here}"{extra}')
    return sorted(lines, key=str.lower)


def build_wheel() -> tuple[str, bytes]:
    """A pure-Python wheel of the grader's packages, as (file name, bytes)."""
    root = Path(grader.__file__).resolve().parents[2]
    return wheel_bytes(
        package_files(root, PACKAGES),
        name=DISTRIBUTION,
        version=importlib.metadata.version(DISTRIBUTION),
        requires=importlib.metadata.requires(DISTRIBUTION) or [],
        scripts={"grade": "dlgrade.grader.cli:main"},
        top_level=PACKAGES,
    )
