"""Command-line interface: a thin click adapter over the library API."""

from __future__ import annotations

import click

from grader import __version__


@click.group()
@click.version_option(__version__, prog_name="grade")
def main() -> None:
    """Grade notebooks of the "Improving Deep Neural Networks" course, safely."""


@main.command()
def demo() -> None:
    """Grade a bundled example submission and show where its report is."""
    click.echo("grade demo: not implemented yet")
