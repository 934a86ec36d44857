"""Checks of initialize_velocity (sample assignment)."""

from pathlib import Path

import numpy as np
import pytest

from dlgrade.grader.checking import (
    expect_close,
    import_file,
    load_mistakes,
    mistake_outputs,
    reference_call,
)

SAMPLE = Path(__file__).resolve().parents[1]
solution = import_file(SAMPLE / "solution.py")
MISTAKES = load_mistakes(SAMPLE / "mistakes.py")

pytestmark = pytest.mark.exercise("initialize_velocity")


def parameters_for(layer_sizes, rng):
    parameters = {}
    for layer in range(1, len(layer_sizes)):
        parameters[f"W{layer}"] = rng.standard_normal((layer_sizes[layer], layer_sizes[layer - 1]))
        parameters[f"b{layer}"] = rng.standard_normal((layer_sizes[layer], 1))
    return parameters


def test_course_case(student, rng):
    """course test case"""
    parameters = parameters_for([3, 2, 1], rng)
    expect_close(
        student.call("initialize_velocity", parameters),
        reference_call(solution.initialize_velocity, parameters),
        mistakes=mistake_outputs(MISTAKES, "initialize_velocity", parameters),
    )


@pytest.mark.hidden
@pytest.mark.points(2)
def test_deeper_network(student, rng, version):
    """hidden: four layers"""
    parameters = parameters_for([5, 4, 3, 2, 1], rng)
    got = student.call("initialize_velocity", parameters)
    expect_close(got, reference_call(solution.initialize_velocity, parameters))
    assert version in ("new", "old")
    assert np.all(got["dW4"] == 0)
