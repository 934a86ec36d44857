"""write_text_atomic: complete file or previous file, never a torn one, never temp litter."""

from __future__ import annotations

import errno
import os
import stat
import sys

import pytest

from dlgrade.grader.reports import files
from dlgrade.grader.reports.files import (
    ReportWriteError,
    file_system_sync,
    sync_file_system,
    write_text_atomic,
)


def test_writes_text_as_utf8_and_leaves_only_the_target(tmp_path):
    target = tmp_path / "report.json"
    returned = write_text_atomic(target, "ε √ ok\n")
    assert returned == target
    assert target.read_bytes() == "ε √ ok\n".encode()
    assert os.listdir(tmp_path) == ["report.json"]


def test_replaces_existing_content_and_keeps_its_permissions(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("old")
    target.chmod(0o600)
    write_text_atomic(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert os.listdir(tmp_path) == ["report.html"]


def test_new_file_is_world_readable_and_parents_are_created(tmp_path):
    target = tmp_path / "out" / "alice" / "report.json"
    write_text_atomic(target, "{}")
    assert target.read_text() == "{}"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


@pytest.mark.parametrize("failing_call", ["fsync", "replace", "chmod"])
def test_failed_write_keeps_the_old_file_and_removes_the_temp_file(
    tmp_path, monkeypatch, failing_call
):
    target = tmp_path / "results.json"
    target.write_text("previous complete report")

    def fail(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing_call, fail)
    with pytest.raises(ReportWriteError, match="results.json.*No space left on device"):
        write_text_atomic(target, "new report")
    monkeypatch.undo()
    assert target.read_text() == "previous complete report"
    assert os.listdir(tmp_path) == ["results.json"]


def test_unencodable_text_fails_before_touching_anything(tmp_path):
    target = tmp_path / "r.txt"
    target.write_text("old")
    with pytest.raises(UnicodeEncodeError):
        write_text_atomic(target, "ε", encoding="ascii")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["r.txt"]


def test_unwritable_location_is_a_report_error_naming_the_path(tmp_path):
    blocker = tmp_path / "not_a_dir"
    blocker.write_text("")
    with pytest.raises(ReportWriteError, match="not_a_dir"):
        write_text_atomic(blocker / "report.json", "{}")


def test_a_report_written_not_durable_is_complete_without_any_flush(tmp_path, monkeypatch):
    def no_flush(*_args):
        raise AssertionError("flushed although durable=False")

    monkeypatch.setattr(os, "fsync", no_flush)
    target = tmp_path / "report.html"
    write_text_atomic(target, "<p>ok</p>", durable=False)
    assert target.read_text() == "<p>ok</p>"
    assert os.listdir(tmp_path) == ["report.html"]


def test_a_durable_report_flushes_the_file_and_its_directory(tmp_path, monkeypatch):
    flushed = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: flushed.append(fd) or real_fsync(fd))
    write_text_atomic(tmp_path / "report.json", "{}")
    assert len(flushed) == 2


def test_linux_flushes_a_whole_file_system_at_once():
    assert (file_system_sync() is not None) == sys.platform.startswith("linux")


def test_syncing_the_file_system_of_a_written_report_succeeds(tmp_path):
    if file_system_sync() is None:
        with pytest.raises(ReportWriteError, match="no syncfs"):
            sync_file_system(tmp_path)
        return
    write_text_atomic(tmp_path / "report.json", "{}", durable=False)
    sync_file_system(tmp_path)
    assert (tmp_path / "report.json").read_text() == "{}"


@pytest.mark.parametrize(
    ("sync", "message"),
    [
        (lambda fd: errno.EIO, "flushing the reports under .* failed: Input/output error"),
        (None, "cannot flush a file system"),
    ],
    ids=["io-error", "no-syncfs"],
)
def test_a_failed_file_system_flush_is_a_report_error(tmp_path, monkeypatch, sync, message):
    monkeypatch.setattr(files, "file_system_sync", lambda: sync)
    with pytest.raises(ReportWriteError, match=message):
        sync_file_system(tmp_path)


def test_flushing_a_missing_folder_is_a_report_error(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "file_system_sync", lambda: lambda fd: 0)
    with pytest.raises(ReportWriteError, match="could not open .*gone"):
        sync_file_system(tmp_path / "gone")
