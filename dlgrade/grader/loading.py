"""Read a submission (`.ipynb`, `.py`, or a folder holding one) into plain cells.

Standard library only, on purpose: importing nbformat costs ~0.2 s (jsonschema), more
than the latency budget of `grade submit` allows, so the nbformat-4 structure is
checked here by hand. Every failure is a `SubmissionError` that names the file, says
what was tried and how to fix it; never a traceback.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from dlgrade.grader.errors import SubmissionError

CELL_TYPES = ("code", "markdown", "raw")
NOTEBOOK_SUFFIXES = (".ipynb", ".json")
MODULE_SUFFIXES = (".py",)
BINARY_SNIFF_BYTES = 8192

# `# In[12]:` (nbconvert) or `# %%` (Jupytext / VS Code percent format) on a line of its own.
# Matched against the line without trailing space: `\s*:?\s*$` on the raw line backtracks
# quadratically on a marker followed by a long run of spaces and any other character.
_CELL_MARKER = re.compile(r"^#\s*(?:In\s*\[[^\]]*\](?:\s*:)?|%%.*)$")

SubmissionFormat = Literal["ipynb", "py"]

# Notebooks are a few MiB even with plots saved; a larger file would only cost the
# trusted process memory and time (it is parsed there) before any check runs.
SUBMISSION_SUFFIXES = (*NOTEBOOK_SUFFIXES, *MODULE_SUFFIXES)
MAX_SUBMISSION_BYTES = 64 * 2**20


@dataclass(frozen=True)
class Cell:
    """One notebook cell; a `.py` file is one code cell, or one per `# In[ ]:`/`# %%` marker.

    `first_line` is the 1-based line of the file where `source` starts (1 for notebooks),
    so a "cell 3, line 2" of a `.py` file can be traced back to the file.
    """

    index: int
    cell_type: str
    source: str
    metadata: dict = field(default_factory=dict)
    first_line: int = 1


@dataclass(frozen=True)
class Submission:
    """A loaded submission: its cells in order, notebook-level metadata, and raw-byte hash."""

    path: Path
    format: SubmissionFormat
    sha256: str
    cells: tuple[Cell, ...]
    metadata: dict = field(default_factory=dict)


def load_submission(path: str | Path) -> Submission:
    """Load `path` (a notebook, a module, or a folder holding exactly one of them).

    Raises SubmissionError with a message that names the file and how to fix it.
    """
    path = Path(path)
    if not path.exists():
        raise SubmissionError(
            f"Submission not found: '{path}'. Check the path (it must be an .ipynb or .py "
            "file, or a folder holding one)."
        )
    inside_folder = path.is_dir()
    if inside_folder:
        path = find_submission_file(path)
    raw = read_submission_bytes(path, follow_symlinks=not inside_folder)
    text = decode_text(raw, path)
    if path.suffix.lower() in MODULE_SUFFIXES:
        return Submission(path, "py", _sha256(raw), split_module(text), {})
    if path.suffix.lower() in NOTEBOOK_SUFFIXES:
        cells, metadata = parse_notebook(text, path)
        return Submission(path, "ipynb", _sha256(raw), cells, metadata)
    raise SubmissionError(
        f"Cannot grade '{path}': unsupported file type '{path.suffix or '(none)'}'. "
        "Submit the Jupyter notebook (.ipynb) or a Python module (.py)."
    )


def find_submission_file(folder: Path) -> Path:
    """The one submission in `folder`: exactly one `.ipynb`, or failing that exactly one `.py`.

    Hidden files and `.ipynb_checkpoints` are ignored; sub-folders are not searched. A
    symbolic link is refused, never followed: its target could be any file the grading
    user may read (a copy of the reference, /etc/passwd) and would reach the report.
    """
    entries = [p for p in folder.iterdir() if not p.name.startswith((".", "~"))]
    for entry in sorted(entries):
        if entry.is_symlink() and entry.suffix.lower() in SUBMISSION_SUFFIXES:
            raise SubmissionError(
                f"'{entry}' is a symbolic link; symlinks are not accepted. Put the notebook "
                "file itself in the folder."
            )
    visible = sorted(p for p in entries if not p.is_symlink() and p.is_file())
    notebooks = [p for p in visible if p.suffix.lower() == ".ipynb"]
    modules = [p for p in visible if p.suffix.lower() == ".py"]
    for kind, candidates in (("notebooks (.ipynb)", notebooks), ("modules (.py)", modules)):
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            names = ", ".join(p.name for p in candidates)
            raise SubmissionError(
                f"Folder '{folder}' holds {len(candidates)} {kind}: {names}. "
                "Pass the file to grade instead of the folder, or keep only one."
            )
    seen = ", ".join(p.name for p in visible) or "nothing"
    raise SubmissionError(
        f"Folder '{folder}' holds no notebook (.ipynb) and no module (.py); found: {seen}. "
        "Put your notebook in the folder or pass its path directly."
    )


def decode_text(raw: bytes, path: Path) -> str:
    """UTF-8 text of `raw` (BOM tolerated, newlines normalized to `\\n`), or SubmissionError."""
    if not raw.strip():
        raise SubmissionError(
            f"Submission '{path}' is empty. Save the notebook in Jupyter (File > Save) "
            "and submit the saved file."
        )
    if b"\x00" in raw[:BINARY_SNIFF_BYTES]:
        raise SubmissionError(_binary_message(path))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SubmissionError(_binary_message(path, f" (byte {exc.start})")) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_notebook(text: str, path: Path) -> tuple[tuple[Cell, ...], dict]:
    """Cells and metadata of an nbformat-4 notebook given as JSON text.

    Tolerates any 4.x minor, missing cell ids/outputs/metadata, and `source` given as a
    string or a list of strings.
    """
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SubmissionError(
            f"Notebook '{path}' is not valid JSON (line {exc.lineno}, column {exc.colno}: "
            f"{exc.msg}); the file is probably truncated or corrupted. Open it in Jupyter, "
            "save it, and submit again (or download it again from Coursera)."
        ) from None
    except (RecursionError, ValueError, MemoryError) as exc:  # nesting or a huge number
        raise SubmissionError(
            f"Notebook '{path}' cannot be read: {type(exc).__name__} ({str(exc)[:200]}). It is "
            "not a notebook Jupyter writes; open it in Jupyter, save it, and submit again."
        ) from None
    if not isinstance(document, dict) or not (
        "cells" in document or "worksheets" in document or "nbformat" in document
    ):
        raise SubmissionError(
            f"'{path}' is JSON but not a Jupyter notebook (expected an object with 'cells' "
            "and 'nbformat'). Submit the .ipynb file of your assignment."
        )
    _require_nbformat_4(document, path)
    cells = document.get("cells")
    if not isinstance(cells, list):
        raise SubmissionError(
            f"Notebook '{path}' has no 'cells' list. Open it in Jupyter and save it again."
        )
    parsed = tuple(_parse_cell(raw_cell, index, path) for index, raw_cell in enumerate(cells, 1))
    return parsed, _as_metadata(document.get("metadata"), path, "the notebook")


def split_module(text: str) -> tuple[Cell, ...]:
    """Code cells of a `.py` module, split at `# In[ ]:` / `# %%` markers when there are any.

    Marker lines belong to no cell. Text before the first marker becomes a cell only if it
    holds code (the shebang/encoding preamble of nbconvert exports does not).
    """
    lines = text.split("\n")
    starts = [n for n, line in enumerate(lines) if _CELL_MARKER.match(line.rstrip())]
    if not starts:
        return (Cell(1, "code", text, {}, 1),)
    segments = [(0, starts[0])] if _has_code(lines[: starts[0]]) else []
    ends = starts[1:] + [len(lines)]
    segments += [(start + 1, end) for start, end in zip(starts, ends, strict=True)]
    return tuple(
        Cell(index, "code", "\n".join(lines[start:end]), {}, start + 1)
        for index, (start, end) in enumerate(segments, 1)
    )


def _require_nbformat_4(document: dict, path: Path) -> None:
    version = document.get("nbformat", 3 if "worksheets" in document else 4)
    if version == 4:
        return
    if isinstance(version, int) and version < 4:
        raise SubmissionError(
            f"Notebook '{path}' uses the old nbformat {version}, the grader reads "
            "nbformat 4: open it in Jupyter and save it again to convert it to nbformat 4."
        )
    raise SubmissionError(
        f"Notebook '{path}' declares nbformat {version!r}; the grader reads nbformat 4. "
        "Save it from a current Jupyter (File > Save) and submit again."
    )


def _parse_cell(raw_cell: Any, index: int, path: Path) -> Cell:
    where = f"cell {index} of notebook '{path}'"
    if not isinstance(raw_cell, dict):
        raise SubmissionError(
            f"The {where} is not a JSON object; the file is corrupted. "
            "Open it in Jupyter and save it again."
        )
    cell_type = raw_cell.get("cell_type")
    if cell_type not in CELL_TYPES:
        raise SubmissionError(
            f"The {where} has cell_type {cell_type!r}, expected one of {', '.join(CELL_TYPES)}. "
            "Open the notebook in Jupyter and save it again."
        )
    source = raw_cell.get("source", "")
    if isinstance(source, list) and all(isinstance(part, str) for part in source):
        source = "".join(source)
    if not isinstance(source, str):
        raise SubmissionError(
            f"The {where} has a 'source' that is neither a string nor a list of strings. "
            "Open the notebook in Jupyter and save it again."
        )
    metadata = _as_metadata(raw_cell.get("metadata"), path, where)
    return Cell(index, cell_type, source.replace("\r\n", "\n").replace("\r", "\n"), metadata)


def _as_metadata(value: Any, path: Path, where: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SubmissionError(
            f"The metadata of {where} ('{path}') is not a JSON object. "
            "Open the notebook in Jupyter and save it again."
        )
    return value


def _has_code(lines: list[str]) -> bool:
    return any(line.strip() and not line.lstrip().startswith("#") for line in lines)


def read_submission_bytes(path: Path, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of a regular file, its size checked before reading.

    Opened without blocking (a named pipe would hang the grader) and, unless
    `follow_symlinks`, refused when it is a symbolic link (the target is never opened).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if not follow_symlinks and os.path.islink(path):
            raise SubmissionError(
                f"'{path}' is a symbolic link; symlinks are not accepted. Submit the "
                "notebook file itself."
            ) from None
        raise _unreadable(path, exc) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SubmissionError(
                f"'{path}' is not a regular file (a pipe, device or socket); submit the "
                "notebook file itself."
            )
        if info.st_size > MAX_SUBMISSION_BYTES:
            raise SubmissionError(
                f"Submission '{path}' is {info.st_size / 2**20:.0f} MiB, more than the "
                f"{MAX_SUBMISSION_BYTES // 2**20} MiB a notebook may have. Clear its outputs "
                "in Jupyter (Edit > Clear Outputs of All Cells), save, and submit again."
            )
        try:
            return handle.read(MAX_SUBMISSION_BYTES + 1)
        except OSError as exc:
            raise _unreadable(path, exc) from None


def _unreadable(path: Path, exc: OSError) -> SubmissionError:
    return SubmissionError(
        f"Cannot read submission '{path}': {exc.strerror or exc}. "
        "Check that the file exists and is readable."
    )


def _binary_message(path: Path, detail: str = "") -> str:
    return (
        f"Submission '{path}' is a binary file, not UTF-8 text{detail}. Submit the .ipynb "
        "notebook itself (not a zip, PDF or screenshot), saved from Jupyter."
    )


def _sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()
