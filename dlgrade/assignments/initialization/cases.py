"""Inputs and comparisons shared by the Initialization checks (trusted side only).

Every initializer takes layers_dims = [n_0, ..., n_L] and returns {"W{l}": (n_l, n_{l-1}),
"b{l}": (n_l, 1)}. Hidden networks use distinct consecutive sizes of at least 3, so that
scaling by the wrong layer's size (or dividing instead of multiplying by sqrt(2 / 2))
can never coincide with the right answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from dlgrade.grader.checking import (
    authoring,
    expect_true,
    mistake_outputs,
)
from dlgrade.grader.checking.compare import matching_mistake

MISTAKES = authoring.mistakes_of(__file__)
as_array = authoring.as_array
NOTEBOOK_NETWORK = [2, 10, 5, 1]  # layers_dims of the notebook's model() on the circles data
STATISTICS_NETWORK = [200, 100, 1]  # W1 has 20 000 draws: its spread is known within ~1 %


def hidden_layers(rng: np.random.Generator, hidden_layers: int) -> list[int]:
    """[n_0, n_1, ..., n_hidden, 1] with n_0..n_hidden distinct, drawn from 3..11."""
    sizes = rng.choice(np.arange(3, 12), size=hidden_layers + 1, replace=False)
    return [int(size) for size in sizes] + [1]


def expect_initializer(
    student: Any, exercise: str, reference: Callable[..., Any], layers_dims: list[int]
) -> dict[str, Any]:
    """Call the student's and the reference initializer on `layers_dims` and compare.

    Both seed themselves (np.random.seed(3) inside), so no seed is passed. Returns the
    student's parameters for further property checks.
    """
    return authoring.expect_like_reference(
        student, exercise, reference, list(layers_dims), mistakes=MISTAKES, name="parameters"
    )


def expect_weight_spread(
    student: Any, exercise: str, scale: Callable[[int], float], name: str
) -> None:
    """Property check independent of the draw order: shapes, zero biases, W's mean and std.

    `scale(n_prev)` is the intended standard deviation of W{l}'s entries. A student whose
    draws come in another order (e.g. an extra draw) still passes this one.
    """
    layers_dims = STATISTICS_NETWORK
    got = student.call(exercise, list(layers_dims))
    hint = matching_mistake(got, mistake_outputs(MISTAKES, exercise, list(layers_dims)))
    kind = type(got).__name__
    expect_true(isinstance(got, dict), f"returned a {kind}, expected a dict", mistake=hint)
    for layer in range(1, len(layers_dims)):
        shape = (layers_dims[layer], layers_dims[layer - 1])
        W, b = as_array(got.get(f"W{layer}")), as_array(got.get(f"b{layer}"))
        expect_true(
            W is not None and W.shape == shape,
            f"W{layer} should be an array of shape {shape}",
            mistake=hint,
        )
        expect_true(
            b is not None and b.shape == (shape[0], 1) and not b.any(),
            f"b{layer} should be zeros of shape {(shape[0], 1)}",
            mistake=hint,
        )
    W1 = as_array(got["W1"])
    expected_std = scale(layers_dims[0])
    std, mean = float(W1.std()), float(W1.mean())
    expect_true(
        abs(std / expected_std - 1) < 0.05,
        f"W1's entries have standard deviation {std:.4g}; {name} gives {expected_std:.4g}",
        mistake=hint,
    )
    expect_true(
        abs(mean) < 5 * expected_std / np.sqrt(W1.size),
        f"W1's entries have mean {mean:.4g}; a standard normal draw gives about 0",
        mistake=hint,
    )
