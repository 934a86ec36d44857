"""Checks of forward_propagation_with_dropout: inverted dropout on both hidden layers.

The exact comparisons assume the course's draw order (seed 1, then rand for D1, then
for D2); the mask-statistics check does not: it only uses the student's own cache, so a
student whose draws differ keeps partial credit. Bool masks count as 0/1 masks.
"""

import numpy as np
import pytest

from dlgrade.grader.checking import expect_true, mistake_outputs
from dlgrade.grader.checking.authoring import assignment_module
from dlgrade.grader.checking.compare import find_difference, matching_mistake
from dlgrade.reference.cases_week1 import forward_propagation_with_dropout_test_case
from dlgrade.reference.dropout import forward_propagation_with_dropout
from dlgrade.reference.network import relu, sigmoid

cases = assignment_module(__file__, "cases.py")

EXERCISE = "forward_propagation_with_dropout"
pytestmark = pytest.mark.exercise(EXERCISE)
CACHE_LENGTH = 14  # (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


def expect_forward(student, X, parameters, keep_prob):
    cases.expect_student_matches(
        student, EXERCISE, forward_propagation_with_dropout, X, parameters, keep_prob,
        name="(A3, cache)",
    )  # fmt: skip


@pytest.mark.points(2)
def test_course_case(student):
    """course test case: keep_prob = 0.7"""
    X, parameters = forward_propagation_with_dropout_test_case()
    expect_forward(student, X, parameters, 0.7)


@pytest.mark.hidden
@pytest.mark.points(2)
def test_random_network(student, rng):
    """another network, other m and keep_prob"""
    net = cases.random_network(rng)
    expect_forward(student, net.X, net.parameters, float(rng.uniform(0.55, 0.9)))


@pytest.mark.hidden
def test_keep_everything(student, rng):
    """keep_prob = 1.0: the plain forward pass"""
    net = cases.random_network(rng)
    expect_forward(student, net.X, net.parameters, 1.0)


@pytest.mark.hidden
def test_one_example(student, rng):
    """a single example (m = 1)"""
    net = cases.random_network(rng, m=1)
    expect_forward(student, net.X, net.parameters, 0.6)


@pytest.mark.hidden
def test_mask_statistics(student, rng):
    """masks keep about keep_prob of the units, scaled by 1/keep_prob (any draw order)"""
    net = cases.random_network(rng, m=200, sizes=(4, 20, 10))
    keep_prob = 0.8
    args = (net.X, net.parameters, keep_prob)
    got = student.call(EXERCISE, *args)
    hint = matching_mistake(got, mistake_outputs(cases.MISTAKES, EXERCISE, *args))
    A3, Z1, D1, A1, Z2, D2, A2 = unpack(got, hint)
    for label, mask in (("D1", D1), ("D2", D2)):
        kept = float(mask.mean())
        expect_true(
            abs(kept - keep_prob) < 0.04,
            f"{label} keeps {kept:.0%} of the units; with keep_prob = {keep_prob} it should "
            f"keep about {keep_prob:.0%}",
            mistake=hint,
        )
    W1, b1 = net.parameters["W1"], net.parameters["b1"]
    W2, b2 = net.parameters["W2"], net.parameters["b2"]
    W3, b3 = net.parameters["W3"], net.parameters["b3"]
    relations = (
        ("Z1", Z1, W1 @ net.X + b1),
        ("A1", A1, relu(Z1) * D1 / keep_prob),
        ("Z2", Z2, W2 @ A1 + b2),
        ("A2", A2, relu(Z2) * D2 / keep_prob),
        ("A3", A3, sigmoid(W3 @ A2 + b3)),
    )
    for label, actual, expected in relations:
        difference = find_difference(actual, expected, name=f"{label} (from your own masks)")
        expect_true(difference is None, str(difference), mistake=hint)


def unpack(got, hint):
    """(A3, Z1, D1, A1, Z2, D2, A2) as float arrays of consistent shapes, or Mismatch."""
    expect_true(
        isinstance(got, (list, tuple)) and len(got) == 2
        and isinstance(got[1], (list, tuple)) and len(got[1]) == CACHE_LENGTH,
        f"return (A3, cache) with the {CACHE_LENGTH}-element cache of the course",
        mistake=hint,
    )  # fmt: skip
    cache = got[1]
    arrays = [cases.as_array(value) for value in (got[0], *cache[0:3], *cache[5:8])]
    names = ("A3", "Z1", "D1", "A1", "Z2", "D2", "A2")
    for name, array in zip(names, arrays, strict=True):
        expect_true(array is not None, f"{name} should be an array", mistake=hint)
    A3, Z1, D1, A1, Z2, D2, A2 = arrays
    for label, mask, layer in (("D1", D1, Z1), ("D2", D2, Z2)):
        expect_true(
            mask.shape == layer.shape and np.isin(mask, (0, 1)).all(),
            f"{label} should be a 0/1 mask of its layer's shape {layer.shape}",
            mistake=hint,
        )
    return A3, Z1, D1, A1, Z2, D2, A2
