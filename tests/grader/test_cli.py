"""The CLI: help and README stay in sync, exit codes, and --json prints only JSON."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from dlgrade.grader.cli import cli
from dlgrade.grader.commands import DEMO_SUBMISSION

README = Path(__file__).resolve().parents[2] / "README.md"
CONTRACT_KEYS = {
    "schema_version",
    "assignment",
    "assignment_version",
    "score",
    "max_score",
    "execution_time",
    "submission",
    "isolation",
    "exercises",
    "tests",
}


def readme_commands() -> set[str]:
    return set(re.findall(r"^### `grade ([a-z-]+)`", README.read_text("utf-8"), re.MULTILINE))


def test_every_command_has_help_text_and_a_readme_section():
    commands = set(cli.commands)
    assert commands == readme_commands()
    for name, command in cli.commands.items():
        assert command.help and len(command.help.strip()) > 40, name
        for option in command.params:
            if isinstance(option, click.Option):
                assert option.help, f"{name} {option.name} has no help"


def test_readme_quickstart_has_exactly_the_two_commands():
    text = README.read_text("utf-8")
    block = text.split("## Quickstart", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    assert [line for line in block.strip().splitlines()] == [
        "pip install -e . && grade demo",
        'pip install -e ".[test]" && pytest',
    ]


def test_ci_runs_the_readme_test_command():
    ci = (README.parent / ".ci" / "run").read_text("utf-8")
    assert 'pip install -e ".[test]" && pytest' in ci


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_submit_json_prints_one_contract_object_and_nothing_else(runner, tmp_path):
    result = runner.invoke(cli, ["submit", str(DEMO_SUBMISSION), "--json", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert CONTRACT_KEYS <= report.keys()
    assert report["assignment"] == "optimization"
    assert 0 < report["score"] < report["max_score"] == 100
    assert (tmp_path / "report.json").exists() and (tmp_path / "report.html").exists()


def test_submit_gradescope_format_writes_results_json(runner, tmp_path):
    result = runner.invoke(
        cli, ["submit", str(DEMO_SUBMISSION), "--format", "gradescope", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    written = json.loads((tmp_path / "results.json").read_text("utf-8"))
    assert {"score", "execution_time", "tests"} <= written.keys()
    assert not (tmp_path / "report.html").exists()


@pytest.mark.parametrize(
    ("content", "arguments", "expected"),
    [
        (None, [], "not found"),
        ("{ not json", [], "not valid JSON"),
        ("", [], "empty"),
        (
            '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}',
            ["-a", "nope"],
            "unknown assignment 'nope'",
        ),
        (
            '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}',
            [],
            "could not tell which assignment",
        ),
    ],
    ids=["missing file", "corrupt json", "empty file", "unknown assignment", "undetectable"],
)
def test_unusable_input_exits_2_with_a_message_and_no_traceback(
    runner, tmp_path, content, arguments, expected
):
    path = tmp_path / "submission.ipynb"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = runner.invoke(cli, ["submit", str(path), "--out", str(tmp_path / "out"), *arguments])
    assert result.exit_code == 2
    assert expected in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "arguments",
    [
        ["gradescope", "-a", "nope", "--out", "{tmp}/a.zip"],
        ["kit", "-a", "nope", "--out", "{tmp}/kit"],
        ["selftest", "-a", "nope"],
        ["release", "-a", "nope", "--check"],
    ],
    ids=["gradescope", "kit", "selftest", "release"],
)
def test_every_command_turns_a_domain_error_into_exit_2(runner, tmp_path, arguments):
    result = runner.invoke(cli, [a.format(tmp=tmp_path) for a in arguments])
    assert result.exit_code == 2, result.output
    assert "nope" in result.output and "Traceback" not in result.output


def test_list_names_every_assignment(runner):
    result = runner.invoke(cli, ["list", "--json"])
    assert result.exit_code == 0
    slugs = {entry["slug"] for entry in json.loads(result.stdout)}
    assert slugs == {
        "initialization",
        "regularization",
        "gradient_checking",
        "optimization",
        "batchnorm_softmax",
        "tuning",
    }


def test_release_check_reports_templates_up_to_date(runner):
    result = runner.invoke(cli, ["release", "--check"])
    assert result.exit_code == 0, result.output
    assert result.output.count("up to date") == 6


def test_demo_grades_the_bundled_example_and_names_its_report(runner, tmp_path):
    result = runner.invoke(cli, ["demo", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Likely mistake" in result.output
    assert str(tmp_path / "report.html") in result.output


def test_installed_console_script_runs_without_traceback(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "dlgrade.grader.cli", "submit", str(tmp_path / "absent.ipynb")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr + completed.stdout


def test_submit_warns_when_the_given_assignment_contradicts_the_notebook(tmp_path):
    runner = (
        CliRunner(mix_stderr=False)
        if "mix_stderr" in CliRunner.__init__.__code__.co_varnames
        else CliRunner()
    )
    result = runner.invoke(cli, ["submit", str(DEMO_SUBMISSION), "-a", "regularization",
                                 "--out", str(tmp_path)])  # fmt: skip
    assert result.exit_code == 0
    assert "warning: graded as regularization, but this notebook looks like optimization" in (
        result.stderr
    )


def readme_section(command: str) -> str:
    text = README.read_text("utf-8")
    return text.split(f"### `grade {command}`", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_the_readme_usage_line_of_each_command_matches_its_options(command):
    """The README's reference is checked against the commands' own options, both ways."""
    section = readme_section(command)
    usage = next(line for line in section.splitlines() if line.startswith(f"`grade {command}"))
    documented = set(re.findall(r"--[a-z][a-z-]*", usage))
    declared = {
        name
        for option in cli.commands[command].params
        if isinstance(option, click.Option)
        for name in option.opts
        if name.startswith("--")
    } - {"--help"}
    assert documented == declared, (command, documented ^ declared)
