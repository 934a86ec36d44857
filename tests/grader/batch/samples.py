"""Submissions and helpers shared by the batch tests."""

import zipfile
from pathlib import Path

TINY_ROOT = Path(__file__).resolve().parent / "assignment_root"

GOOD = """
import numpy as np

def update_lr(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / (1 + decay_rate * epoch_num)

def scale(x, factor):
    return x * factor
"""

# The catalogued mistake: loses all of update_lr (6 points), keeps scale (4 points).
WRONG_PARENTHESES = """
def update_lr(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / (1 + decay_rate) * epoch_num

def scale(x, factor):
    return x * factor
"""

# Kills its worker in one exercise and loops forever in the other: scores 0.
HOSTILE = """
import os

def update_lr(learning_rate0, epoch_num, decay_rate):
    os._exit(3)

def scale(x, factor):
    while True:
        pass
"""

NOT_A_NOTEBOOK = "this is not JSON {"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def make_zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as bundle:
        for name, text in members.items():
            bundle.writestr(name, text)
    return path
