"""write_text_atomic: complete file or previous file, never a torn one, never temp litter."""

from __future__ import annotations

import os
import stat

import pytest

from dlgrade.grader.reports.files import ReportWriteError, write_text_atomic


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
