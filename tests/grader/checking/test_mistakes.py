"""Mistake registry: tagging, collecting, student-ready source, outputs on shared inputs."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from dlgrade.grader.checking.mistakes import (
    collect_mistakes,
    import_file,
    load_mistakes,
    mistake,
    mistake_outputs,
)

SAMPLE = Path(__file__).parent / "sample"


def test_decorator_tags_without_changing_the_function():
    @mistake("update_lr", "hint")
    def variant(x):
        return x + 1

    assert variant(1) == 2


def test_collect_finds_tagged_functions_in_definition_order():
    found = load_mistakes(SAMPLE / "mistakes.py")
    assert [(m.name, m.exercise) for m in found] == [
        ("update_lr_wrong_parentheses", "update_lr"),
        ("update_lr_power_of_epoch", "update_lr"),
        ("schedule_without_floor", "schedule_lr_decay"),
        ("velocity_with_parameter_keys", "initialize_velocity"),
    ]


def test_source_is_renamed_undecorated_and_runs_on_its_own():
    variant = next(
        m for m in load_mistakes(SAMPLE / "mistakes.py") if m.name == "schedule_without_floor"
    )
    assert variant.source.startswith("def schedule_lr_decay(learning_rate0, epoch_num,")
    assert "@mistake" not in variant.source
    namespace: dict = {}
    exec(variant.source, namespace)
    # 0.5 / (1 + 1 * 100 / 1000) = 0.5 / 1.1, the value without floor
    assert math.isclose(namespace["schedule_lr_decay"](0.5, 100, 1, 1000), 0.5 / 1.1)


def test_outputs_skip_other_exercises_and_variants_that_raise():
    found = load_mistakes(SAMPLE / "mistakes.py")
    # decay_rate = 1 makes update_lr_power_of_epoch divide by zero: skipped
    outputs = mistake_outputs(found, "update_lr", 0.5, 2, 1)
    assert outputs == [("divide by (1 + decay_rate * epoch_num), not (1 + decay_rate)", 0.5)]


def test_outputs_use_copies_and_the_seed():
    module = import_file(SAMPLE / "mistakes.py")

    @mistake("noise", "noisy")
    def noisy(values):
        values[0] = 100.0
        return np.random.rand()

    module_like = type(module)("fake_module")
    noisy.__module__ = "fake_module"
    module_like.noisy = noisy
    values = np.zeros(1)
    [(hint, value)] = mistake_outputs(collect_mistakes(module_like), "noise", values, seed=5)
    np.random.seed(5)
    assert (hint, value, values[0]) == ("noisy", np.random.rand(), 0.0)


def test_imported_tagged_functions_belong_to_their_own_module():
    module = import_file(SAMPLE / "mistakes.py")
    importer = type(module)("importer")
    importer.schedule_without_floor = module.schedule_without_floor
    assert collect_mistakes(importer) == []


def test_import_file_imports_once_per_path():
    assert import_file(SAMPLE / "mistakes.py") is import_file(SAMPLE / "mistakes.py")
