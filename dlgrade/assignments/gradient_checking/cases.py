"""Inputs and the comparison every gradient-checking check makes (trusted side only).

Network of the N-dimensional check (reference/gc_vectors.py): X (4, m), Y (1, m) or the
course's (m,), W1 (5, 4), b1 (5, 1), W2 (3, 5), b2 (3, 1), W3 (1, 3), b3 (1, 1).

A correct check returns a difference made of rounding errors only (about 1e-10 to 1e-7):
comparisons there use an absolute tolerance, and the cases that tell right from wrong
are those where the difference is large and deterministic (a wrong gradient, or a theta
so large that theta +- epsilon loses digits).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dlgrade.grader.checking import (
    StudentFailure,
    authoring,
    expect_close,
    mistake_outputs,
    reference_call,
)
from dlgrade.grader.checking.compare import find_difference
from dlgrade.reference.gc_vectors import (
    PARAMETER_KEYS,
    PARAMETER_SHAPES,
    backward_propagation_n,
    backward_propagation_n_with_course_bugs,
    forward_propagation_n,
)
from dlgrade.reference.gradient_checking import backward_propagation, forward_propagation

MISTAKES = authoring.mistakes_of(__file__)
COURSE_THRESHOLD = 2e-7

Params = dict[str, np.ndarray]


def expect_like_reference(
    student: Any, exercise: str, reference: Any, *args: Any, **options: Any
) -> Any:
    """`authoring.expect_like_reference` with this catalogue; look-alike mistakes never named."""
    options.setdefault("name", "difference")
    return authoring.expect_like_reference(
        student, exercise, reference, *args, mistakes=MISTAKES, distinct=True, **options
    )


def expect_gradient_check(student: Any, x: Any, theta: float, **kwargs: Any) -> None:
    """Grade gradient_check against the course formula applied to the student's OWN costs.

    The student's gradient_check calls their forward_propagation and backward_propagation;
    computing the expected difference from those same functions' values grades the check
    itself, so a wrong forward_propagation loses points once, in its own exercise.
    """
    epsilon = kwargs.get("epsilon", 1e-7)
    J_plus = _own_value(student, "forward_propagation", forward_propagation, x, theta + epsilon)
    J_minus = _own_value(student, "forward_propagation", forward_propagation, x, theta - epsilon)
    grad = _own_value(student, "backward_propagation", backward_propagation, x, theta)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = np.linalg.norm(grad - gradapprox) / (
            np.linalg.norm(grad) + np.linalg.norm(gradapprox)
        )
    got = student.call("gradient_check", x, theta, **kwargs)
    # Below the course's threshold the difference is rounding noise, but a correct check
    # computes the same noise (the same float operations on the same values): matching it
    # to 0.1 % rejects a constant such as 0.0, which the course's own tests accept.
    tolerance = {"rtol": 1e-3, "atol": 1e-12} if expected < COURSE_THRESHOLD else {}
    if find_difference(got, expected, name="difference", **tolerance) is None:
        return
    outputs = mistake_outputs(MISTAKES, "gradient_check", x, theta, **kwargs)
    expect_close(
        got,
        expected,
        name="difference",
        mistakes=outputs,
        distinct=True,
        **tolerance,
    )


def _own_value(student: Any, function: str, reference: Any, *args: Any) -> Any:
    """The student's function's value, or the reference's when theirs fails or is not numeric."""
    try:
        value = student.call(function, *args)
    except StudentFailure:
        value = None
    if value is None or np.asarray(value).dtype.kind not in "biuf":
        return reference_call(reference, *args)
    return np.asarray(value, dtype=float)


def network_parameters(rng: np.random.Generator) -> Params:
    """Random parameters of the fixed 3-layer net (scale 0.5 keeps the sigmoid unsaturated)."""
    return {key: 0.5 * rng.standard_normal(PARAMETER_SHAPES[key]) for key in PARAMETER_KEYS}


def network_data(rng: np.random.Generator, m: int) -> tuple[np.ndarray, np.ndarray]:
    """X (4, m) random, Y (1, m) of 0/1 labels."""
    return rng.standard_normal((4, m)), (rng.random((1, m)) < 0.5).astype(float)


def gradients(X: np.ndarray, Y: np.ndarray, parameters: Params, *, course_bugs: bool) -> dict:
    """The 11 gradients of the net: correct, or with the notebook's two planted bugs."""
    _, cache = forward_propagation_n(X, Y, parameters)
    backward = backward_propagation_n_with_course_bugs if course_bugs else backward_propagation_n
    return backward(X, Y, cache)
