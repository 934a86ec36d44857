"""Unpacking an LMS zip of submissions, refusing anything that could escape the folder.

Refused as a whole: absolute or `..` member paths, symlinks, encrypted members, too
many members, a member or a total inflating past the limits (a zip bomb). A member whose
name no file system can hold is skipped alone (`refused`): it costs its own student.
"""

from __future__ import annotations

import re
import shutil
import stat
import zipfile
from pathlib import Path, PurePosixPath

from dlgrade.grader.errors import GraderError

IGNORED_NAMES = ("__MACOSX", ".ipynb_checkpoints", "__pycache__")
MAX_ZIP_MEMBERS = 20_000
MAX_ZIP_MEMBER_BYTES = 64 * 1024**2
MAX_ZIP_TOTAL_BYTES = 2 * 1024**3


class BatchInputError(GraderError):
    """SUBMISSIONS cannot be used at all (missing, empty, a refused zip)."""


def extract_zip(archive: Path, target: Path, refused: list[str] | None = None) -> Path:
    """Unpack `archive` into a fresh `target`, refusing anything that could escape it.

    Refused: absolute or `..` member paths, symlinks, encrypted members, more than
    MAX_ZIP_MEMBERS members, a member over MAX_ZIP_MEMBER_BYTES or a total over
    MAX_ZIP_TOTAL_BYTES (checked on the bytes actually read, not the declared sizes).
    A member whose name no file system can hold (a part over 255 bytes) is skipped
    alone and appended to `refused`: it costs its own student, not the class.
    """
    try:
        with zipfile.ZipFile(archive) as bundle:
            members = bundle.infolist()
            _check_members(archive, members)
            if target.exists():
                shutil.rmtree(target)
            target.mkdir(parents=True)
            total = 0
            for member in members:
                if member.is_dir() or member.filename.split("/")[0] in IGNORED_NAMES:
                    continue
                parts = PurePosixPath(member.filename).parts
                if any(len(part.encode("utf-8", "surrogateescape")) > 255 for part in parts):
                    if refused is not None:
                        refused.append(member.filename)
                    continue
                destination = target.joinpath(*PurePosixPath(member.filename).parts)
                destination.parent.mkdir(parents=True, exist_ok=True)
                total += _copy_member(bundle, member, destination, archive, total)
    except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
        raise BatchInputError(f"cannot unpack '{archive}': {exc}") from None
    return target


def _check_members(archive: Path, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_ZIP_MEMBERS:
        raise BatchInputError(
            f"'{archive}' has {len(members)} members, more than the {MAX_ZIP_MEMBERS} allowed; "
            "split the download into several zips"
        )
    for member in members:
        path = PurePosixPath(member.filename.replace("\\", "/"))
        mode = member.external_attr >> 16
        if path.is_absolute() or ".." in path.parts or re.match(r"^[A-Za-z]:", member.filename):
            problem = "its path leaves the extraction folder"
        elif stat.S_ISLNK(mode):
            problem = "it is a symbolic link"
        elif member.flag_bits & 0x1:
            problem = "it is encrypted"
        else:
            continue
        raise BatchInputError(
            f"refusing to unpack '{archive}': member '{member.filename}' is unsafe ({problem}). "
            "An LMS download never contains such members; re-download the zip or unpack it "
            "yourself and pass the folder."
        )


def _copy_member(
    bundle: zipfile.ZipFile, member: zipfile.ZipInfo, destination: Path, archive: Path, total: int
) -> int:
    """Copy one member, counting the bytes really inflated (declared sizes can lie)."""
    written = 0
    with bundle.open(member) as source, destination.open("wb") as sink:
        while block := source.read(1 << 20):
            written += len(block)
            if written > MAX_ZIP_MEMBER_BYTES or total + written > MAX_ZIP_TOTAL_BYTES:
                raise BatchInputError(
                    f"refusing to unpack '{archive}': member '{member.filename}' inflates beyond "
                    f"the limits ({MAX_ZIP_MEMBER_BYTES // 1024**2} MiB per file, "
                    f"{MAX_ZIP_TOTAL_BYTES // 1024**3} GiB in all); is it a zip bomb?"
                )
            sink.write(block)
    return written
