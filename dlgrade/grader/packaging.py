"""Pure-Python wheels written from files in memory: no build backend, no network.

A wheel is a zip with a `.dist-info` folder whose RECORD lists every file's digest. The
Gradescope autograder ships the installed grader this way, and a student kit ships the
files `grade kit` generated.
"""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

DATA_SUFFIXES = (".py", ".toml", ".ipynb", ".j2", ".html", ".css", ".ini", ".json", ".bin")
EXECUTABLE = 0o100755 << 16
REGULAR = 0o100644 << 16
FIXED_TIME = (2026, 1, 1, 0, 0, 0)  # reproducible archives


def package_files(root: Path, packages: Iterable[str]) -> dict[str, bytes]:
    """Every data file (by suffix) of `packages` under `root`, keyed by its POSIX path."""
    files: dict[str, bytes] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*")):
            if path.is_file() and path.suffix in DATA_SUFFIXES and "__pycache__" not in path.parts:
                files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


def wheel_bytes(
    files: Mapping[str, bytes],
    *,
    name: str,
    version: str,
    requires: Iterable[str],
    scripts: Mapping[str, str],
    top_level: Iterable[str],
    summary: str = "",
) -> tuple[str, bytes]:
    """A `py3-none-any` wheel holding `files`, as (file name, bytes)."""
    normalized = name.replace("-", "_")
    info_dir = f"{normalized}-{version}.dist-info"
    contents = dict(files)
    metadata = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}",
                "Requires-Python: >=3.10", *(f"Requires-Dist: {r}" for r in requires)]  # fmt: skip
    if summary:
        metadata.append(f"Summary: {summary}")
    contents[f"{info_dir}/METADATA"] = ("\n".join(metadata) + "\n").encode()
    contents[f"{info_dir}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: dlgrade\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    entry_points = "".join(f"{script} = {target}\n" for script, target in scripts.items())
    contents[f"{info_dir}/entry_points.txt"] = f"[console_scripts]\n{entry_points}".encode()
    contents[f"{info_dir}/top_level.txt"] = ("\n".join(top_level) + "\n").encode()
    record = [f"{path},sha256={_digest(data)},{len(data)}" for path, data in contents.items()]
    contents[f"{info_dir}/RECORD"] = ("\n".join([*record, f"{info_dir}/RECORD,,"]) + "\n").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as wheel:
        for path, data in contents.items():
            add_file(wheel, path, data, REGULAR)
    return f"{normalized}-{version}-py3-none-any.whl", buffer.getvalue()


def add_file(bundle: zipfile.ZipFile, name: str, data: bytes, mode: int) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.external_attr, info.compress_type = mode, zipfile.ZIP_DEFLATED
    bundle.writestr(info, data)


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
