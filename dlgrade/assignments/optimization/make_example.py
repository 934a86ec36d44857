"""Write `example_submission.ipynb`, the notebook `grade demo` grades.

A new-generation optimization notebook rendered from the reference with three typical
catalogued mistakes swapped in, so the demo shows partial scores and named mistakes.
Run `python assignments/optimization/make_example.py` after changing the reference or
the catalogue; tests/assignments/optimization checks the committed file is up to date.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dlgrade.grader.assignments import get_assignment
from dlgrade.grader.checking import load_mistakes
from dlgrade.grader.notebooks import notebook_text, render_notebook

HERE = Path(__file__).resolve().parent
EXAMPLE_PATH = HERE / "example_submission.ipynb"
EXAMPLE_MISTAKES = (
    "momentum_without_one_minus_beta",
    "adam_epsilon_inside_the_root",
    "schedule_without_floor",
)


def example_notebook() -> Any:
    """The reference notebook with the EXAMPLE_MISTAKES in place of the right functions."""
    assignment = get_assignment("optimization")
    catalogue = {m.name: m for m in load_mistakes(HERE / "mistakes.py")}
    chosen = [catalogue[name] for name in EXAMPLE_MISTAKES]
    return render_notebook(assignment, sources={m.exercise: m.source for m in chosen})


def main() -> None:
    EXAMPLE_PATH.write_text(notebook_text(example_notebook()), encoding="utf-8")
    print(f"wrote {EXAMPLE_PATH}")


if __name__ == "__main__":
    main()
