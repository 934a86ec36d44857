from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dlgrade.grader.kit.build import Kit, build_kit

GRADE_IN_KIT = Path(__file__).with_name("grade_in_kit.py")


@pytest.fixture(scope="session")
def kit(tmp_path_factory) -> Kit:
    """The student kit of every assignment, built once."""
    return build_kit(out=tmp_path_factory.mktemp("kit"))


@pytest.fixture(scope="session")
def kit_tree(kit, tmp_path_factory) -> Path:
    """The kit's wheel unpacked: what a student's site-packages would hold."""
    tree = tmp_path_factory.mktemp("kit-tree")
    with zipfile.ZipFile(kit.wheel) as wheel:
        wheel.extractall(tree)
    return tree


def grade_with_kit(tree: Path, items: list[tuple[str, str]]) -> list[dict]:
    """Reports of `items` ([path, slug]) graded by the kit in a process that sees only it."""
    finished = subprocess.run(
        [sys.executable, str(GRADE_IN_KIT), str(tree)],
        input=json.dumps(items),
        capture_output=True,
        text=True,
        cwd=tree,
        check=False,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    return json.loads(finished.stdout)
