"""Checks of l1_penalty: lambd / (2m) * sum |W{l}| over every layer, biases excluded.

Cases have negative weights (a missing abs shows), non-zero biases (penalizing them
shows), any depth (a hard-coded 3 layers shows) and lambd = 0.
"""

import numpy as np
import pytest

from dlgrade.grader.checking.authoring import assignment_module, expect_like_reference, mistakes_of
from dlgrade.reference.regularization import l1_penalty

MISTAKES = mistakes_of(__file__)
support = assignment_module(__file__, "support.py")

EXERCISE = "l1_penalty"
pytestmark = pytest.mark.exercise(EXERCISE)


def check(student, parameters, lambd, m):
    return expect_like_reference(
        student,
        EXERCISE,
        l1_penalty,
        parameters,
        lambd,
        m,
        mistakes=MISTAKES,
        name="penalty",
    )


@pytest.mark.points(2)
def test_example_case(student):
    """example case: a 3-layer network, lambd = 0.7, m = 5"""
    parameters, _, _ = support.network(np.random.RandomState(1), [4, 3, 2, 1], state_keys=())
    check(student, parameters, 0.7, 5)


@pytest.mark.hidden
@pytest.mark.points(2)
def test_random_network(student, rng):
    """hidden: random depth, lambd and m"""
    dims = [int(n) for n in rng.integers(1, 6, size=int(rng.integers(2, 6)))]
    parameters, _, _ = support.network(rng, dims, state_keys=())
    check(student, parameters, float(rng.uniform(0.1, 3)), int(rng.integers(1, 50)))


def test_biases_not_penalized(student):
    """zero weights and non-zero biases cost nothing"""
    parameters = {"W1": np.zeros((2, 3)), "b1": np.array([[1.5], [-2.0]])}
    parameters.update(W2=np.zeros((1, 2)), b2=np.array([[3.0]]))
    check(student, parameters, 1.0, 4)


def test_lambda_zero(student):
    """lambd = 0"""
    parameters, _, _ = support.network(np.random.RandomState(2), [3, 2, 1], state_keys=())
    check(student, parameters, 0.0, 3)
