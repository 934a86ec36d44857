"""The leak detector must find a graded function however it is disguised."""

from __future__ import annotations

import ast
import json
import textwrap

import numpy as np
import pytest

from dlgrade.grader.assignments import get_assignment
from dlgrade.grader.kit.leaks import (
    find_leaks,
    functions_that_compute,
    graded_bodies,
    hidden_checks,
    normalized_body,
)
from dlgrade.grader.kit.recording import Recording, recording_wrapper

REFERENCE = textwrap.dedent(
    '''
    def update_lr(learning_rate0, epoch_num, decay_rate):
        """Inverse-time decay."""
        learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)
        return learning_rate
    '''
)
BODIES = {normalized_body(ast.parse(REFERENCE).body[0]): "reference.lr_decay:update_lr"}


@pytest.mark.parametrize(
    "path, text",
    [
        ("kit/helpers.py", REFERENCE),
        (
            "kit/renamed.py",
            "def decay(a, b, c):\n    lr = a / (1 + c * b)\n    return lr\n",
        ),
        (
            "kit/nested.py",
            "class Tools:\n    def f(self_lr0, n, r):\n        x = self_lr0 / (1 + r * n)\n"
            "        return x\n",
        ),
        (
            "kit/example.ipynb",
            json.dumps({"cells": [{"cell_type": "code", "source": REFERENCE.splitlines(True)}]}),
        ),
    ],
    ids=["verbatim", "renamed", "nested in a class", "in a notebook"],
)
def test_a_graded_body_is_found(path, text):
    (leak,) = find_leaks({path: text.encode()}, BODIES, {})
    assert leak.path == path and "reference.lr_decay:update_lr" in leak.what


@pytest.mark.parametrize(
    "text",
    [
        "def update_lr(learning_rate0, epoch_num, decay_rate):\n"
        "    return replay('reference.lr_decay:update_lr', (learning_rate0,), {})\n",
        "def decay(a, b, c):\n    return a / (1 + c * b) ** 2\n",
        "def broken(:\n",
    ],
    ids=["stand-in", "different formula", "not python"],
)
def test_what_is_not_the_body_is_not_a_leak(text):
    assert find_leaks({"kit/ok.py": text.encode()}, BODIES, {}) == []


def test_the_real_reference_and_hidden_checks_are_found_in_the_full_grader():
    optimization = get_assignment("optimization")
    bodies = graded_bodies([optimization])
    assert len(bodies) >= len(optimization.exercises) - 1  # two may share a body
    hidden = hidden_checks([optimization])
    module = "dlgrade/assignments/optimization/checks/test_update_parameters_with_adam.py"
    text = (optimization.checks_dir / "test_update_parameters_with_adam.py").read_bytes()
    leaks = find_leaks({module: text}, bodies, hidden)
    assert any("def test_running_moments(" in leak.what for leak in leaks)


def gradient_step(parameters, grads, learning_rate):
    for key in list(parameters):
        parameters[key] = parameters[key] - learning_rate * grads["d" + key]
    return parameters


def test_a_helper_that_computes_a_graded_function_is_found_whatever_its_code():
    recording = Recording()
    step = recording_wrapper(recording, "reference.optimizers:update_parameters_with_gd",
                             gradient_step)  # fmt: skip
    for scale in (1.0, 2.0):  # the reference changes its arguments: recorded before the call
        parameters = {"W1": np.ones((2, 3)) * scale, "b1": np.zeros((2, 1))}
        step(parameters, {"dW1": np.full((2, 3), 0.5), "db1": np.ones((2, 1))}, 0.1)

    def course_update_parameters(parameters, grads, learning_rate):  # other code, same values
        return {k: v - learning_rate * grads[f"d{k}"] for k, v in parameters.items()}

    def ascent(parameters, grads, learning_rate):
        return {k: v + learning_rate * grads[f"d{k}"] for k, v in parameters.items()}

    helpers = {"network.update_parameters": course_update_parameters, "network.ascent": ascent,
               "network.crashes": lambda parameters: parameters["nope"]}  # fmt: skip
    assert functions_that_compute(recording, helpers) == {
        "network.update_parameters": "reference.optimizers:update_parameters_with_gd"
    }
