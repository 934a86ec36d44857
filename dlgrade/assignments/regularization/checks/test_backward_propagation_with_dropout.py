"""Checks of backward_propagation_with_dropout: the forward pass's masks and 1/keep_prob
applied to dA2 and dA1. Extra keys in the returned dict are tolerated.

Every call is seeded (SEED) on both sides, although the right answer draws nothing: a
student who draws fresh masks then gets a reproducible value that the catalogue can name.
"""

import numpy as np
import pytest

from dlgrade.grader.checking import expect_true
from dlgrade.grader.checking.authoring import assignment_module
from dlgrade.reference.cases_week1 import backward_propagation_with_dropout_test_case
from dlgrade.reference.dropout import backward_propagation_with_dropout

cases = assignment_module(__file__, "cases.py")

EXERCISE = "backward_propagation_with_dropout"
pytestmark = pytest.mark.exercise(EXERCISE)
SEED = 2


def expect_gradients(student, X, Y, cache, keep_prob):
    return cases.expect_student_matches(
        student, EXERCISE, backward_propagation_with_dropout, X, Y, cache, keep_prob,
        seed=SEED, name="gradients", allow_extra_keys=True,
    )  # fmt: skip


@pytest.mark.points(2)
def test_course_case(student):
    """course test case: keep_prob = 0.8"""
    X, Y, cache = backward_propagation_with_dropout_test_case()
    expect_gradients(student, X, Y, cache, 0.8)


@pytest.mark.hidden
@pytest.mark.points(2)
def test_random_network(student, rng):
    """another network, other m and keep_prob"""
    net = cases.random_network(rng)
    keep_prob = float(rng.uniform(0.55, 0.9))
    expect_gradients(student, net.X, net.Y, cases.dropout_cache(net, keep_prob), keep_prob)


@pytest.mark.hidden
def test_keep_everything(student, rng):
    """keep_prob = 1.0: the plain backward pass"""
    net = cases.random_network(rng)
    expect_gradients(student, net.X, net.Y, cases.dropout_cache(net, 1.0), 1.0)


@pytest.mark.hidden
def test_one_example(student, rng):
    """a single example (m = 1)"""
    net = cases.random_network(rng, m=1)
    expect_gradients(student, net.X, net.Y, cases.dropout_cache(net, 0.6), 0.6)


@pytest.mark.hidden
def test_dropped_units_get_no_gradient(student, rng):
    """dA1 and dA2 are zero wherever the forward pass dropped the unit"""
    net = cases.random_network(rng, m=20, sizes=(4, 8, 6))
    keep_prob = 0.6
    cache = cases.dropout_cache(net, keep_prob)
    got = student.call(EXERCISE, net.X, net.Y, cache, keep_prob, seed=SEED)
    expect_true(isinstance(got, dict), "return a dict of gradients")
    fresh_masks = cases.hint_of("dropout_backward_fresh_masks")
    for label, mask in (("dA1", cache[1]), ("dA2", cache[6])):
        gradient = cases.as_array(got.get(label))
        expect_true(
            gradient is not None and gradient.shape == mask.shape,
            f"{label} should be an array of shape {mask.shape}",
        )
        leaked = int(np.count_nonzero(gradient[mask == 0]))
        expect_true(
            leaked == 0,
            f"{label} is non-zero at {leaked} of the {int((mask == 0).sum())} units the "
            "forward pass dropped",
            mistake=fresh_masks,
        )
