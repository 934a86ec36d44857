"""render_html: everything student-controlled is escaped, nothing is fetched, all is shown."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from dlgrade.grader.reports.html_report import render_html, write_html
from tests.grader.reports.samples import ADAM_MISTAKE, with_problem, with_test

# Tags the template itself uses; student text must never add any other.
TEMPLATE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "div", "h1", "h2",
    "h3", "p", "code", "table", "thead", "tbody", "tr", "th", "td", "a", "span", "section",
    "strong", "pre", "ol", "ul", "li", "details", "summary", "footer", "dl", "dt", "dd",
}  # fmt: skip


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


def _parse(page: str) -> _TagCollector:
    collector = _TagCollector()
    collector.feed(page)
    return collector


def test_hostile_text_is_escaped_and_never_evaluated(mixed_result):
    page = render_html(mixed_result)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in page and "{% raw %}" in page  # shown literally, not rendered
    assert "<b>42</b>" not in page and "&lt;b&gt;42&lt;/b&gt;" in page


@pytest.mark.parametrize(
    "field", ["message", "mistake", "output", "name", "path", "problem", "error", "isolation"]
)
def test_no_student_field_can_inject_markup(mixed_result, field):
    payload = '"><img src=x onerror=alert(1)><iframe>'
    if field == "path":
        submission = replace(mixed_result.submission, path=payload)
        mixed_result = replace(mixed_result, submission=submission)
    elif field == "problem":
        mixed_result = with_problem(mixed_result, payload)
    elif field == "error":
        mixed_result = replace(mixed_result, error=payload)
    elif field == "isolation":
        mixed_result.isolation[payload] = payload
    else:
        mixed_result = with_test(mixed_result, 1, 1, **{field: payload})
    parsed = _parse(render_html(mixed_result))
    assert parsed.tags <= TEMPLATE_TAGS, parsed.tags - TEMPLATE_TAGS
    assert "onerror" not in parsed.attributes and "src" not in parsed.attributes


@pytest.mark.parametrize("result_name", ["mixed_result", "crash_result"])
def test_page_is_self_contained(request, result_name):
    page = render_html(request.getfixturevalue(result_name))
    for fetching in ("http://", "https://", "src=", "<script", "<link", "@import", "url(", "//"):
        assert fetching not in page.replace("<!DOCTYPE", ""), fetching
    assert page.lstrip().startswith("<!DOCTYPE html>")


def test_page_shows_every_part_of_the_result(mixed_result):
    page = render_html(mixed_result, title="Optimization Methods")
    assert "Optimization Methods" in page and "optimization" in page and "2021.1" in page
    assert "6/16" in page and "37.5%" in page  # 6 of 16 points
    for name in (
        "initialize_velocity",
        "update_parameters_with_adam",
        "schedule_lr_decay",
        "update_lr",
        "random_mini_batches",
    ):
        assert name in page
    for label in ("passed", "partial", "failed", "missing", "error"):
        assert f"{label}</span>" in page  # status as text, not colour alone
    assert f"Likely mistake:</strong> {ADAM_MISTAKE}" in page
    assert "hello from the student" in page and "<details>" in page
    assert "hidden</span>" in page
    assert "cell 7, line 3: SyntaxError: invalid syntax" in page
    assert "network namespace</dt><dd>not available" in page
    assert "process</dt><dd>active" in page
    assert "0.1.0" in page and "0.43 s" in page
    assert "width: 100.0%" in page and "width: 33.3%" in page  # 4/4 and 2/6 bars


def test_crash_page_shows_the_error(crash_result):
    page = render_html(crash_result)
    assert "could not start the sandbox: fork failed" in page
    assert "0/0" in page


def test_write_html_writes_valid_utf8_even_with_lone_surrogates(mixed_result, tmp_path):
    mixed_result = with_test(mixed_result, 1, 1, output="bad \udcff byte")
    path = write_html(mixed_result, tmp_path / "report.html")
    assert "bad \ufffd byte" in path.read_bytes().decode("utf-8")


def test_jinja2_is_not_imported_until_html_is_rendered():
    code = (
        "import sys, dlgrade.grader.reports as r; before = 'jinja2' in sys.modules; "
        "from dlgrade.grader.reports.html_report import render_html; "
        "import dlgrade.grader.results as g; "
        "render_html(g.SubmissionResult('a', '1', g.SubmissionInfo('p', 's', 'py'))); "
        "print(before, 'jinja2' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def _exercise_order(page: str) -> list[str]:
    import re

    return re.findall(r'<section class="exercise [a-z]+" id="ex-([\w-]+)">', page)


def test_exercises_that_lost_points_come_first(mixed_result):
    order = _exercise_order(render_html(mixed_result))
    assert order[-1] == "initialize-velocity" and len(order) == 5  # the only one passed


def test_a_hint_named_by_several_cases_is_shown_once_for_the_exercise(mixed_result):
    for index in range(1, len(mixed_result.exercises[1].tests)):
        mixed_result = with_test(mixed_result, 1, index, status="failed", mistake=ADAM_MISTAKE)
    page = render_html(mixed_result)
    assert page.count("Likely mistake:") == 1 and page.count(ADAM_MISTAKE) == 1


def test_control_characters_from_student_output_are_shown_escaped(mixed_result):
    mixed_result = with_test(mixed_result, 1, 1, output="ok\x1b[31mred\x07\nnext line\n")
    page = render_html(mixed_result)
    assert "\x1b" not in page and "\\x1b[31mred\\x07\nnext line" in page
    assert "\ufffd" not in page  # not a box glyph


def test_how_it_was_graded_is_folded_away(mixed_result):
    page = render_html(mixed_result)
    folded = page.split('<details class="how">', 1)[1].split("</details>", 1)[0]
    assert "<summary>How this was graded</summary>" in folded and "network namespace" in folded
