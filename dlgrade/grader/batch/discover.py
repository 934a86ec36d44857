"""Find one submission per student in the layouts instructors have, and unpack LMS zips safely.

Layouts (each top-level entry of SUBMISSIONS is one student):
  folders   SUBMISSIONS/<student>/<notebook>.ipynb (helper .py files beside it are fine)
  nbgrader  SUBMISSIONS[/submitted]/<student>/<assignment>/<notebook>.ipynb
  flat      SUBMISSIONS/<student>.ipynb or .py (Canvas names `name_<userid>_<subid>_file.ipynb`)
  zip       any of the above inside a .zip, as downloaded from an LMS

A student whose submission cannot be located (empty folder, two notebooks) still becomes a
task, with `error` set, so the gradebook has a row for them saying why.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from dlgrade.grader.batch.zips import IGNORED_NAMES, BatchInputError, extract_zip
from dlgrade.grader.errors import SubmissionError
from dlgrade.grader.loading import find_submission_file, read_submission_bytes
from dlgrade.grader.results import printable

SUBMISSION_SUFFIXES = (".ipynb", ".py")
# Files run_batch writes into OUT next to the student folders: no student may be named so.
RESERVED_IDS = frozenset({"gradebook.csv", "canvas.csv", "summary.html", "batch.log"})
MAX_ID_LENGTH = 80
CANVAS_FILE = re.compile(r"^(?P<name>[^_]+)(?P<late>_LATE)?_(?P<user>\d+)_(?P<submission>\d+)_")
MOODLE_FOLDER = re.compile(r"^(?P<name>.+?)_(?P<user>\d+)_assignsubmission_\w+?_?$")


@dataclass(frozen=True)
class SubmissionTask:
    """One student's submission, as the batch grades it.

    `path` is the file to grade (None when it could not be located; `error` says why),
    `display_path` what reports show, `sha256` the file's bytes' digest (the resume key).
    """

    student: str
    path: str | None
    display_path: str
    sha256: str = ""
    lms_id: str = ""
    error: str | None = None
    submitted: str = ""  # nbgrader's timestamp.txt, when the submission has one
    late: bool = False  # Canvas named the file _LATE_


@dataclass(frozen=True)
class Discovery:
    tasks: tuple[SubmissionTask, ...]
    layout: str
    warnings: tuple[str, ...] = field(default=())


def discover(
    submissions: Path,
    *,
    assignment: str,
    extract_dir: Path,
    exclude: Path | None = None,
    nbgrader_name: str | None = None,
) -> Discovery:
    """The tasks of `submissions` (a folder or a .zip), sorted by student id.

    Zips are unpacked into `extract_dir` (inside OUT, so remote workers can read them).
    `exclude` (the output folder) is never taken for a student, even inside SUBMISSIONS.
    `nbgrader_name`: the assignment's folder name in nbgrader's layout, when it is not
    the slug (`submitted/<student>/C2W2_optim/`).
    """
    submissions = Path(submissions)
    if not submissions.exists():
        raise BatchInputError(
            f"submissions not found: '{submissions}'. Pass a folder (one entry per student) "
            "or a .zip downloaded from your LMS."
        )
    if submissions.is_file() and zipfile.is_zipfile(submissions):
        refused: list[str] = []
        root = extract_zip(submissions, extract_dir / _safe_name(submissions.stem), refused)
        top = _single_top_folder(root)
        found = discover(
            top, assignment=assignment, extract_dir=extract_dir, nbgrader_name=nbgrader_name
        )
        tasks = _with_refused_members(found.tasks, refused, root, top)
        notes = tuple(f"refused zip member {printable(m)!r}: {REFUSED_NAME}" for m in refused)
        return Discovery(tasks, f"zip ({found.layout})", (*found.warnings, *notes))
    if not submissions.is_dir():
        raise BatchInputError(
            f"'{submissions}' is neither a folder nor a zip archive; pass the folder holding "
            "one notebook or folder per student, or the LMS's zip download."
        )
    root = submissions / "submitted" if (submissions / "submitted").is_dir() else submissions
    excluded = Path(exclude).resolve() if exclude is not None else None
    entries = sorted(
        p for p in root.iterdir() if _visible(p) and (excluded is None or p.resolve() != excluded)
    )
    raw: list[tuple[str, SubmissionTask]] = []
    kinds, warnings = set(), []
    for entry in entries:
        if entry.is_symlink() and (entry.is_dir() or entry.suffix.lower() in SUBMISSION_SUFFIXES):
            name, lms_id = (
                _folder_identity(entry.name) if entry.is_dir() else _file_identity(entry.stem)
            )
            error = f"'{entry.name}' is a symbolic link; symlinks are not accepted (not followed)"
            raw.append((name, _task(name, None, error, lms_id)))
            continue
        if entry.is_dir():
            name, lms_id = _folder_identity(entry.name)
            file, error, kind = _locate_in_folder(entry, nbgrader_name or assignment)
        elif entry.suffix.lower() in SUBMISSION_SUFFIXES:
            name, lms_id = _file_identity(entry.stem)
            file, error, kind = entry, None, "flat"
        else:
            warnings.append(f"ignored {entry.name}: not a folder, .ipynb or .py file")
            continue
        kinds.add(kind)
        task = _task(name, file, error, lms_id)
        if kind == "nbgrader" and file is not None:
            task = replace(task, submitted=_nbgrader_timestamp(file.parent))
        if kind == "flat" and (canvas := CANVAS_FILE.match(entry.stem)):
            task = replace(task, late=bool(canvas["late"]))
        raw.append((name, task))
    if not raw:
        raise BatchInputError(
            f"no submissions found in '{root}': expected one folder, .ipynb or .py file per "
            "student (or nbgrader's submitted/<student>/<assignment>/ layout)."
        )
    raw, superseded = _latest_per_canvas_id(raw, root)
    warnings.extend(superseded)
    tasks, renames = _unique_ids(raw)
    return Discovery(tasks, "+".join(sorted(kinds)) or "none", (*warnings, *renames))


def _latest_per_canvas_id(
    raw: list[tuple[str, SubmissionTask]], root: Path
) -> tuple[list[tuple[str, SubmissionTask]], list[str]]:
    """One submission per Canvas user: the latest (Canvas numbers submissions in order),
    so a `_LATE_` resubmission and the first attempt are not two rows with one ID."""
    latest: dict[str, tuple[int, str, SubmissionTask]] = {}
    kept, notes = [], []
    for name, task in raw:
        canvas = CANVAS_FILE.match(Path(task.display_path).stem) if task.lms_id else None
        if canvas is None:
            kept.append((name, task))
            continue
        number = int(canvas["submission"])
        previous = latest.get(task.lms_id)
        if previous is not None:
            older, newer = sorted([previous, (number, name, task)], key=lambda item: item[0])
            notes.append(
                f"Canvas user {task.lms_id}: graded submission {newer[0]} "
                f"({Path(newer[2].display_path).name}), not the earlier {older[0]}"
            )
            latest[task.lms_id] = newer
        else:
            latest[task.lms_id] = (number, name, task)
    kept += [(name, task) for _, name, task in latest.values()]
    return kept, notes


def _nbgrader_timestamp(folder: Path) -> str:
    """The first line of nbgrader's timestamp.txt (when the student submitted), or ""."""
    stamp = folder / "timestamp.txt"
    if stamp.is_symlink() or not stamp.is_file() or stamp.stat().st_size > 200:
        return ""
    text = stamp.read_text("utf-8", "replace").strip()
    return printable(text.splitlines()[0][:40]) if text else ""


# What a file system (Linux, macOS, Windows) cannot hold in a name, control characters,
# and `=` (kept for renamed ids): everything else, Unicode letters included, stays.
_UNSAFE_IN_IDS = re.compile(r'[\x00-\x1f\x7f-\x9f/\\:*?"<>|=]+')
MAX_ID_BYTES = 200


def sanitize_student_id(name: str) -> str:
    """`name` as a directory name any file system holds: `Ana María López` stays itself;
    separators and control characters become `_`; no dot, dash or space first (hidden
    files, options) or dot or space last (Windows); NFC (macOS zips store NFD)."""
    cleaned = _UNSAFE_IN_IDS.sub("_", unicodedata.normalize("NFC", name))
    cleaned = cleaned.lstrip("._ -+@").rstrip(". ")[:MAX_ID_LENGTH]
    while len(cleaned.encode("utf-8")) > MAX_ID_BYTES:
        cleaned = cleaned[:-1]
    cleaned = cleaned or "student"
    return f"student_{cleaned}" if cleaned.lower() in RESERVED_IDS else cleaned


RENAMED_SEPARATOR = "="  # never in a sanitized id, so a renamed id is nobody's real id


def _unique_ids(
    raw: list[tuple[str, SubmissionTask]],
) -> tuple[tuple[SubmissionTask, ...], tuple[str, ...]]:
    """Student ids, and a line per renamed submission for the run log.

    A name already safe keeps itself as its id (the first of several equal ones, in a
    stable order). The others get their sanitized name if it is free, else that name
    with `=2`, `=3`, ...: `=` is never in a sanitized name, so a renamed id cannot take
    a real student's id (`o'neil` beside `o_neil` and `o_neil-2` is `o_neil=2`).
    """
    ordered = sorted(raw, key=lambda item: (item[0], item[1].display_path))
    taken: set[str] = set()
    ids: dict[int, str] = {}
    for index, (name, _) in enumerate(ordered):
        if sanitize_student_id(name) == name and name.casefold() not in taken:
            taken.add(name.casefold())
            ids[index] = name
    renames = []
    for index, (name, task) in enumerate(ordered):
        if index in ids:
            continue
        base = sanitize_student_id(name)
        student, number = base, 1
        while student.casefold() in taken:
            number += 1
            student = f"{base}{RENAMED_SEPARATOR}{number}"
        taken.add(student.casefold())
        ids[index] = student
        renames.append(f"renamed {name!r} ({task.display_path}) to student id {student!r}")
    tasks = [_with_student(task, ids[index]) for index, (_, task) in enumerate(ordered)]
    return tuple(sorted(tasks, key=lambda t: t.student)), tuple(renames)


def _with_student(task: SubmissionTask, student: str) -> SubmissionTask:
    return replace(task, student=student)


def _task(name: str, file: Path | None, error: str | None, lms_id: str) -> SubmissionTask:
    if file is None:
        return SubmissionTask(name, None, name, "", lms_id, error)
    try:
        digest = hashlib.sha256(read_submission_bytes(file, follow_symlinks=False)).hexdigest()
    except SubmissionError as exc:
        return SubmissionTask(name, None, str(file), "", lms_id, str(exc))
    return SubmissionTask(name, str(file), str(file), digest, lms_id, error)


def _locate_in_folder(folder: Path, assignment: str) -> tuple[Path | None, str | None, str]:
    """The notebook of one student folder, descending into nbgrader's <assignment>/ level."""
    has_files = any(
        p.suffix.lower() in SUBMISSION_SUFFIXES and (p.is_symlink() or p.is_file())
        for p in folder.iterdir()
    )
    linked = sorted(p.name for p in folder.iterdir() if p.is_symlink() and p.is_dir())
    if linked and not has_files:
        error = f"'{linked[0]}' in '{folder}' is a symbolic link; symlinks are not accepted"
        return None, error, "folders"
    subfolders = sorted(
        p for p in folder.iterdir() if p.is_dir() and not p.is_symlink() and _visible(p)
    )
    if not has_files and subfolders:
        wanted = _normalized(assignment)
        matching = [p for p in subfolders if _normalized(p.name) == wanted]
        if len(subfolders) == 1 or matching:
            chosen = (matching or subfolders)[0]
            file, error, _ = _locate_in_folder(chosen, assignment)
            return file, error, "nbgrader"
        names = ", ".join(p.name for p in subfolders)
        error = (
            f"'{folder}' holds several assignment folders ({names}), none named "
            f"'{assignment}'; keep only the one to grade"
        )
        return None, error, "nbgrader"
    try:
        return find_submission_file(folder), None, "folders"
    except (SubmissionError, OSError) as exc:
        return None, str(exc), "folders"


def _folder_identity(name: str) -> tuple[str, str]:
    match = MOODLE_FOLDER.match(name)
    return (match["name"], match["user"]) if match else (name, "")


def _file_identity(stem: str) -> tuple[str, str]:
    match = CANVAS_FILE.match(stem)
    return (match["name"], match["user"]) if match else (stem, "")


def _normalized(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _visible(path: Path) -> bool:
    return not path.name.startswith((".", "~")) and path.name not in IGNORED_NAMES


def _single_top_folder(root: Path) -> Path:
    """LMS zips often wrap everything in one folder: descend into it."""
    entries = [p for p in root.iterdir() if _visible(p)]
    if len(entries) == 1 and entries[0].is_dir() and _holds_folders(entries[0]):
        return entries[0]
    return root


def _holds_folders(folder: Path) -> bool:
    return any(p.is_dir() for p in folder.iterdir() if _visible(p))


def _safe_name(name: str) -> str:
    return sanitize_student_id(name) or "submissions"


REFUSED_NAME = "its name is longer than a file system allows (255 bytes); it was not unpacked"


def _with_refused_members(
    tasks: tuple[SubmissionTask, ...], refused: list[str], root: Path, top: Path
) -> tuple[SubmissionTask, ...]:
    """Say in each student's row that a member of theirs was refused (a row of its own
    when the member was the student's flat file)."""
    if not refused:
        return tasks
    skip = len(top.relative_to(root).parts)

    def entry_of(task: SubmissionTask) -> str:  # the student's folder or file under `top`
        return Path(task.path).relative_to(top).parts[0] if task.path else task.display_path

    by_entry = {entry_of(task): task for task in tasks}
    extra, updated = [], {}
    for member in refused:
        parts = PurePosixPath(member).parts[skip:]
        owner = by_entry.get(parts[0]) if len(parts) > 1 else None
        reason = f"'{printable(parts[-1][:60])}...' was refused: {REFUSED_NAME}"
        if owner is not None and owner.path is None:  # its notebook was the refused member
            current = updated.get(owner.student, owner)
            error = "; ".join(filter(None, [current.error, reason]))
            updated[owner.student] = _with_error(current, error)
        elif owner is None:  # the student's only member: a row of its own says why
            name = parts[0] if len(parts) > 1 else PurePosixPath(parts[0]).stem
            student = sanitize_student_id(name[:60])
            if student in by_entry or any(t.student == student for t in [*tasks, *extra]):
                student += RENAMED_SEPARATOR + "refused"
            extra.append(SubmissionTask(student, None, name[:60], "", "", reason))
    kept = [updated.get(task.student, task) for task in tasks]
    return tuple(sorted([*kept, *extra], key=lambda t: t.student))


def _with_error(task: SubmissionTask, error: str) -> SubmissionTask:
    return replace(task, error=error)
