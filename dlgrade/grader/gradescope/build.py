"""`grade gradescope`: the autograder zip Gradescope expects, built from this installation.

At the zip's root: `setup.sh` (a virtualenv with the pinned dependencies and this grader
from the wheel in the zip), `run_autograder` (grades the one notebook submitted, see
run.py), `requirements.txt`, the wheel, and `dlgrade-autograder.json` (the assignment
and the visibility of hidden cases). The wheel is written here from the installed
packages (a wheel is a zip with a RECORD): no build backend, no network, and it works
from an editable checkout and from an installed grader alike.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import io
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
from dlgrade.grader.reports.gradescope import HIDDEN_CASE_VISIBILITIES

DISTRIBUTION = "dlgrade"
PACKAGES = ("dlgrade",)
DATA_SUFFIXES = (".py", ".toml", ".ipynb", ".j2", ".html", ".css", ".ini", ".json")
EXECUTABLE = 0o100755 << 16
REGULAR = 0o100644 << 16

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
        _add(bundle, "setup.sh", SETUP_SH.encode(), EXECUTABLE)
        _add(bundle, "run_autograder", RUN_AUTOGRADER.encode(), EXECUTABLE)
        _add(bundle, "requirements.txt", ("\n".join(requirements) + "\n").encode(), REGULAR)
        _add(bundle, CONFIG_NAME, (json.dumps(config, indent=1) + "\n").encode(), REGULAR)
        _add(bundle, wheel_name, wheel, REGULAR)
    return Autograder(out, out.stat().st_size, wheel_name, tuple(requirements))


def _add(bundle: zipfile.ZipFile, name: str, data: bytes, mode: int) -> None:
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.external_attr, info.compress_type = mode, zipfile.ZIP_DEFLATED
    bundle.writestr(info, data)


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
    version = importlib.metadata.version(DISTRIBUTION)
    info_dir = f"{DISTRIBUTION}-{version}.dist-info"
    files: dict[str, bytes] = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*")):
            if path.is_file() and path.suffix in DATA_SUFFIXES and "__pycache__" not in path.parts:
                files[path.relative_to(root).as_posix()] = path.read_bytes()
    requires = importlib.metadata.requires(DISTRIBUTION) or []
    metadata = ["Metadata-Version: 2.1", f"Name: {DISTRIBUTION}", f"Version: {version}",
                "Requires-Python: >=3.10", *(f"Requires-Dist: {r}" for r in requires)]  # fmt: skip
    files[f"{info_dir}/METADATA"] = ("\n".join(metadata) + "\n").encode()
    files[f"{info_dir}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: dlgrade\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    files[f"{info_dir}/entry_points.txt"] = b"[console_scripts]\ngrade = dlgrade.grader.cli:main\n"
    files[f"{info_dir}/top_level.txt"] = ("\n".join(PACKAGES) + "\n").encode()
    record = [f"{name},sha256={_digest(data)},{len(data)}" for name, data in files.items()]
    files[f"{info_dir}/RECORD"] = ("\n".join([*record, f"{info_dir}/RECORD,,"]) + "\n").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in files.items():
            _add(wheel, name, data, REGULAR)
    return f"{DISTRIBUTION}-{version}-py3-none-any.whl", buffer.getvalue()


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
