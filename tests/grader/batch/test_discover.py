"""Layouts, student ids and safe zip extraction (no grading: fast)."""

import stat
import zipfile
from pathlib import Path

import pytest

from dlgrade.grader.batch import zips as zips_module
from dlgrade.grader.batch.discover import BatchInputError, discover, sanitize_student_id
from tests.grader.batch.samples import GOOD, make_zip, write


def students(found):
    return {task.student: task for task in found.tasks}


def test_one_folder_per_student_ignores_helper_modules(tmp_path):
    write(tmp_path / "subs" / "alice" / "Optimization.ipynb", "{}")
    write(tmp_path / "subs" / "alice" / "opt_utils_v1a.py", GOOD)
    write(tmp_path / "subs" / "bob" / "bob.py", GOOD)
    found = discover(tmp_path / "subs", assignment="tiny", extract_dir=tmp_path / "x")
    tasks = students(found)
    assert list(tasks) == ["alice", "bob"]
    assert Path(tasks["alice"].path).name == "Optimization.ipynb"
    assert Path(tasks["bob"].path).name == "bob.py"
    assert found.layout == "folders"


def test_nbgrader_submitted_layout(tmp_path):
    course = tmp_path / "course"
    write(course / "submitted" / "alice" / "tiny" / "tiny.py", GOOD)
    write(course / "submitted" / "bob" / "tiny" / "tiny.py", GOOD)
    write(course / "submitted" / "bob" / "other_assignment" / "x.py", GOOD)
    found = discover(course, assignment="tiny", extract_dir=tmp_path / "x")
    tasks = students(found)
    assert list(tasks) == ["alice", "bob"]
    assert Path(tasks["bob"].path).parent.name == "tiny"
    assert found.layout == "nbgrader"


def test_flat_files_named_by_student_and_canvas_names(tmp_path):
    write(tmp_path / "alice.py", GOOD)
    write(tmp_path / "smithjane_12345_67890_Optimization_methods.ipynb", "{}")
    write(tmp_path / "notes.txt", "not a submission")
    found = discover(tmp_path, assignment="tiny", extract_dir=tmp_path / "x")
    tasks = students(found)
    assert sorted(tasks) == ["alice", "smithjane"]
    assert tasks["smithjane"].lms_id == "12345"
    assert any("notes.txt" in warning for warning in found.warnings)


def test_same_name_twice_gets_distinct_ids(tmp_path):
    write(tmp_path / "alice.py", GOOD)
    write(tmp_path / "alice.ipynb", "{}")
    assert sorted(students(discover(tmp_path, assignment="t", extract_dir=tmp_path / "x"))) == [
        "alice",
        "alice=2",
    ]


def test_sha256_is_of_the_file_bytes(tmp_path):
    import hashlib

    path = write(tmp_path / "s" / "alice.py", GOOD)
    (task,) = discover(tmp_path / "s", assignment="t", extract_dir=tmp_path / "x").tasks
    assert task.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "contents, reason",
    [({}, "no notebook"), ({"a.ipynb": "{}", "b.ipynb": "{}"}, "holds 2 notebooks")],
    ids=["empty folder", "two notebooks"],
)
def test_unlocatable_submission_is_a_task_with_its_error(tmp_path, contents, reason):
    folder = tmp_path / "subs" / "carol"
    folder.mkdir(parents=True)
    for name, text in contents.items():
        write(folder / name, text)
    (task,) = discover(tmp_path / "subs", assignment="t", extract_dir=tmp_path / "x").tasks
    assert task.path is None
    assert reason in task.error


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("alice", "alice"),
        ("Jane Doe", "Jane Doe"),
        ("Ana María López", "Ana María López"),  # Unicode letters are kept
        ("Ana Mari\u0301a Lo\u0301pez", "Ana María López"),  # a macOS zip's NFD, as NFC
        ("王小明", "王小明"),
        ("../../etc", "etc"),
        ("a/b\\c", "a_b_c"),
        ("=HYPERLINK()", "HYPERLINK()"),
        ("..", "student"),
        ("gradebook.csv", "student_gradebook.csv"),
        ("x" * 200, "x" * 80),
        ("名" * 100, "名" * 66),  # 200 bytes of UTF-8 at most
    ],
)
def test_student_ids_are_safe_directory_names(raw, expected):
    assert sanitize_student_id(raw) == expected


def test_zip_of_student_folders_wrapped_in_one_folder(tmp_path):
    archive = make_zip(
        tmp_path / "export.zip",
        {"export/alice/nb.py": GOOD, "export/bob/nb.py": GOOD, "__MACOSX/._x": "junk"},
    )
    found = discover(archive, assignment="t", extract_dir=tmp_path / "out" / ".submissions")
    assert sorted(students(found)) == ["alice", "bob"]
    assert found.layout == "zip (folders)"
    assert all(Path(t.path).is_relative_to(tmp_path / "out") for t in found.tasks)


@pytest.mark.parametrize(
    "member", ["../evil.py", "/tmp/evil.py", "alice/../../evil.py", "C:/evil.py"]
)
def test_zip_member_escaping_the_folder_is_refused(tmp_path, member):
    archive = make_zip(tmp_path / "bad.zip", {"alice/nb.py": GOOD, member: "print('pwned')"})
    target = tmp_path / "deep" / "out"
    with pytest.raises(BatchInputError, match="unsafe"):
        discover(archive, assignment="t", extract_dir=target)
    assert not (tmp_path / "evil.py").exists()
    assert not (tmp_path / "deep" / "evil.py").exists()
    assert not target.exists()


def test_zip_symlink_member_is_refused(tmp_path):
    archive = tmp_path / "link.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        info = zipfile.ZipInfo("alice/nb.py")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        bundle.writestr(info, "/etc/passwd")
    with pytest.raises(BatchInputError, match="symbolic link"):
        discover(archive, assignment="t", extract_dir=tmp_path / "x")


def test_zip_inflating_beyond_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(zips_module, "MAX_ZIP_MEMBER_BYTES", 1000)
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("alice/nb.py", "#" * 100_000)
    with pytest.raises(BatchInputError, match="zip bomb"):
        discover(archive, assignment="t", extract_dir=tmp_path / "x")


@pytest.mark.parametrize("kind", ["missing", "empty folder", "plain file"])
def test_unusable_submissions_argument(tmp_path, kind):
    target = tmp_path / "subs"
    if kind == "empty folder":
        target.mkdir()
    elif kind == "plain file":
        target.write_text("hello")
    with pytest.raises(BatchInputError):
        discover(target, assignment="t", extract_dir=tmp_path / "x")


def _secret(tmp_path: Path) -> Path:
    target = tmp_path / "elsewhere" / "passwd"
    write(target, "root:x:0:0:SECRET-LINE:/root:/bin/bash\n")
    return target


@pytest.mark.parametrize(
    "layout",
    ["linked-file-in-folder", "linked-flat-file", "linked-student-folder", "linked-nbgrader-dir"],
)
def test_symlinks_are_an_error_row_and_never_followed(tmp_path, layout):
    subs = tmp_path / "subs"
    write(subs / "alice" / "notebook.py", GOOD)
    target = _secret(tmp_path)
    if layout == "linked-file-in-folder":
        (subs / "mallory").mkdir()
        (subs / "mallory" / "notebook.ipynb").symlink_to(target)
    elif layout == "linked-flat-file":
        (subs / "mallory.ipynb").symlink_to(target)
    elif layout == "linked-student-folder":
        (subs / "mallory").symlink_to(target.parent)
    else:
        (subs / "mallory").mkdir()
        (subs / "mallory" / "tiny").symlink_to(target.parent, target_is_directory=True)
    tasks = students(discover(subs, assignment="tiny", extract_dir=tmp_path / "x"))
    assert tasks["alice"].error is None
    assert tasks["mallory"].path is None and tasks["mallory"].sha256 == ""
    assert "symbolic link" in tasks["mallory"].error and "SECRET" not in tasks["mallory"].error


def test_a_named_pipe_is_refused_without_reading_it(tmp_path):
    import os

    write(tmp_path / "alice.py", GOOD)
    os.mkfifo(tmp_path / "mallory.ipynb")  # reading it would block discovery forever
    tasks = students(discover(tmp_path, assignment="tiny", extract_dir=tmp_path / "x"))
    assert "not a regular file" in tasks["mallory"].error and tasks["alice"].error is None


def test_a_renamed_id_never_takes_a_real_students_id(tmp_path):
    """`o:neil` made safe is `o_neil`, a real student; `o_neil-2` is another real one."""
    for name in ("o_neil", "o_neil-2", "o:neil", "o'neil"):
        write(tmp_path / name / "notebook.py", GOOD)
    found = discover(tmp_path, assignment="t", extract_dir=tmp_path / "x")
    by_folder = {Path(task.display_path).parent.name: task.student for task in found.tasks}
    assert by_folder == {"o_neil": "o_neil", "o_neil-2": "o_neil-2", "o:neil": "o_neil=2",
                         "o'neil": "o'neil"}  # fmt: skip
    assert any(
        "renamed 'o:neil'" in warning and "o_neil=2" in warning for warning in found.warnings
    )


def test_control_characters_in_names_are_escaped_in_the_log_and_gradebook(tmp_path):
    import io

    from dlgrade.grader.batch import run_batch
    from tests.grader.batch.samples import TINY_ROOT

    subs = tmp_path / "subs"
    write(subs / "alice" / "notebook.py", GOOD)
    write(subs / "evil\x1b]0;pwned\x07\x1b[2J.txt", "x")  # ignored, with a warning
    (subs / "mallory\x1b[31m").mkdir()  # a student folder without a notebook: an error row
    out = tmp_path / "out"
    summary = run_batch(submissions=subs, assignment="tiny", out_dir=out, jobs=1,
                        assignments_root=TINY_ROOT, progress_stream=io.StringIO())  # fmt: skip
    written = [summary.text(), (out / "batch.log").read_text(), (out / "gradebook.csv").read_text()]
    assert all("\x1b" not in text and "\x07" not in text for text in written)
    assert "\\x1b" in written[1] and "\\x1b" in written[2]


@pytest.mark.parametrize("wrapped", [False, True], ids=["flat-zip", "zip-with-a-top-folder"])
def test_a_member_name_too_long_for_a_file_system_costs_only_its_student(tmp_path, wrapped):
    long_name = "n" * 300 + ".ipynb"
    top = "course/" if wrapped else ""
    archive = make_zip(tmp_path / "class.zip", {
        f"{top}alice/notebook.py": GOOD,
        f"{top}bob/{long_name}": "{}",
        f"{top}{long_name}": "{}",
    })  # fmt: skip
    found = discover(archive, assignment="tiny", extract_dir=tmp_path / "x")
    tasks = students(found)
    assert tasks["alice"].error is None and tasks["alice"].path
    assert "was refused" in tasks["bob"].error and "255 bytes" in tasks["bob"].error
    flat = [t for t in tasks.values() if t.student.startswith("nnnn")]
    assert len(flat) == 1 and "255 bytes" in flat[0].error and flat[0].path is None
    assert sum("refused zip member" in warning for warning in found.warnings) == 2


def test_a_late_canvas_resubmission_is_one_row_with_the_latest_file(tmp_path):
    write(tmp_path / "smithjane_12345_11111_Optimization.ipynb", "{}")
    write(tmp_path / "smithjane_LATE_12345_22222_Optimization-1.ipynb", "{}")
    write(tmp_path / "doejohn_777_33333_Optimization.ipynb", "{}")
    found = discover(tmp_path, assignment="tiny", extract_dir=tmp_path / "x")
    tasks = students(found)
    assert sorted(tasks) == ["doejohn", "smithjane"]
    assert "22222" in tasks["smithjane"].path and tasks["smithjane"].late
    assert not tasks["doejohn"].late
    assert any("12345" in w and "22222" in w and "11111" in w for w in found.warnings)


def test_nbgrader_folder_named_otherwise_and_its_timestamp(tmp_path):
    course = tmp_path / "course" / "submitted"
    write(course / "alice" / "C2W2_optim" / "Optimization.py", GOOD)
    write(course / "alice" / "C2W2_optim" / "timestamp.txt", "2026-11-30 23:59:01.123 UTC\n")
    write(course / "alice" / "other" / "x.py", GOOD)
    found = discover(course.parent, assignment="optimization", extract_dir=tmp_path / "x",
                     nbgrader_name="C2W2_optim")  # fmt: skip
    alice = students(found)["alice"]
    assert alice.error is None and "C2W2_optim" in alice.path
    assert alice.submitted == "2026-11-30 23:59:01.123 UTC"
