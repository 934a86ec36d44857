"""What `run_autograder` does inside Gradescope: grade the one notebook submitted.

Gradescope unpacks the autograder zip into /autograder/source, runs setup.sh once, then
for each submission puts the student's files in /autograder/submission and runs
/autograder/run_autograder, which must leave /autograder/results/results.json. Whatever
happens (no notebook, two notebooks, an unreadable file, a grader crash), a valid
results.json with the score and the reason is written: never nothing.

    python -m dlgrade.grader.gradescope.run [--root /autograder]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from dlgrade.grader.errors import GraderError
from dlgrade.grader.loading import NOTEBOOK_SUFFIXES

CONFIG_NAME = "dlgrade-autograder.json"
IGNORED_PARTS = (".ipynb_checkpoints", "__MACOSX", "__pycache__")


class NoSubmission(GraderError):
    """The submission folder holds no notebook, or more than one."""


def find_notebook(submission: Path) -> Path:
    """The one notebook (or, failing that, the one .py module) the student uploaded."""
    files = [
        path for path in sorted(submission.rglob("*"))
        if path.is_file() and not path.is_symlink()
        and not any(part in IGNORED_PARTS or part.startswith(".") for part in path.parts[-3:])
    ]  # fmt: skip
    notebooks = [p for p in files if p.suffix.lower() in NOTEBOOK_SUFFIXES]
    modules = [p for p in files if p.suffix.lower() == ".py"]
    for kind, found in (("notebooks", notebooks), (".py files", modules)):
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            names = ", ".join(p.name for p in found)
            raise NoSubmission(
                f"Your submission holds {len(found)} {kind} ({names}); upload only the "
                "notebook of this assignment and submit again."
            )
    seen = ", ".join(p.name for p in files) or "nothing"
    raise NoSubmission(
        f"No notebook (.ipynb) was found in your submission (it holds: {seen}). Upload the "
        "notebook of this assignment, saved from Jupyter, and submit again."
    )


def failure_results(reason: str, started: float) -> dict[str, Any]:
    """A valid results.json for a submission that could not be graded: 0 and why."""
    return {
        "score": 0.0,
        "execution_time": round(time.monotonic() - started, 3),
        "output": f"Your submission could not be graded: {reason}",
        "output_format": "text",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": [],
    }


def grade_for_gradescope(*, root: Path, config: dict[str, Any]) -> dict[str, Any]:
    """The results.json object for the submission under `root`/submission."""
    started = time.monotonic()
    try:
        from dlgrade.grader.grading import grade_submission
        from dlgrade.grader.reports.gradescope import gradescope_data
        from dlgrade.grader.reports.plain_data import to_plain

        notebook = find_notebook(root / "submission")
        result = grade_submission(path=notebook, assignment=config["assignment"])
        data = to_plain(gradescope_data(result, hidden_cases=config.get("hidden_cases", "visible")))
        data["execution_time"] = round(time.monotonic() - started, 3)
        return data
    except GraderError as error:
        return failure_results(str(error), started)
    except Exception as crash:  # noqa: BLE001 - a grader bug still yields a results.json
        return failure_results(
            f"the grader failed ({type(crash).__name__}); your instructor has been told "
            "nothing automatically, so please let them know.",
            started,
        )


def run(root: Path) -> Path:
    """Grade and write root/results/results.json; returns its path."""
    started = time.monotonic()
    results = root / "results" / "results.json"
    results.parent.mkdir(parents=True, exist_ok=True)
    try:
        config = json.loads((root / "source" / CONFIG_NAME).read_text("utf-8"))
        data = grade_for_gradescope(root=root, config=config)
    except Exception as crash:  # noqa: BLE001 - even a broken autograder answers
        data = failure_results(f"the autograder is misconfigured ({crash})", started)
    results.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("/autograder"))
    args = parser.parse_args()
    run(args.root)


if __name__ == "__main__":
    main()
