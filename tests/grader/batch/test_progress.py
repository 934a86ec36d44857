"""The progress line: count, rate and ETA on a terminal, silence when piped."""

import io

import pytest

from dlgrade.grader.batch.progress import Progress, format_duration


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_quiet_when_piped():
    stream = io.StringIO()
    progress = Progress(10, stream)
    progress.skip(2)
    progress.advance(3, errors=1)
    progress.close()
    assert stream.getvalue() == ""


def test_terminal_shows_count_rate_and_eta():
    stream = FakeTerminal()
    progress = Progress(10, stream)
    progress.skip(2)
    progress.advance(3, errors=1)
    progress.close()
    last = stream.getvalue().split("\r")[-1]
    assert "graded 5/10 (1 errors, 2 skipped)" in last
    assert "/s" in last and "ETA" in last
    assert stream.getvalue().endswith("\n")


@pytest.mark.parametrize(
    "seconds, text", [(0, "0:00"), (59.4, "0:59"), (75.2, "1:15"), (3725, "1:02:05")]
)
def test_format_duration(seconds, text):
    assert format_duration(seconds) == text
