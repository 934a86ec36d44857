"""Inputs and the one comparison every optimization check makes (trusted side only).

Data layout as in reference/optimizers.py: parameters {"W1", "b1", ..., "WL", "bL"},
W{l} (n_l, n_{l-1}), b{l} (n_l, 1); grads and optimizer state keyed "dW{l}", "db{l}".

`expect_like_reference` calls the student and the reference on the same inputs and
names a catalogued mistake when the student's value equals its output, or when the
student's code crashes exactly where a catalogued variant crashes (e.g. the last
mini-batch built from the loop variable, undefined when m < mini_batch_size).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from dlgrade.grader.checking import authoring

MISTAKES = authoring.mistakes_of(__file__)

Params = dict[str, np.ndarray]


def network(rng: np.random.Generator, layer_sizes: Sequence[int], scale: float = 1.0) -> Params:
    """Random W{l} (n_l, n_{l-1}) and b{l} (n_l, 1) for layer_sizes = [n_0, ..., n_L]."""
    parameters = {}
    for l in range(1, len(layer_sizes)):  # noqa: E741 - the course's layer index
        parameters[f"W{l}"] = scale * rng.standard_normal((layer_sizes[l], layer_sizes[l - 1]))
        parameters[f"b{l}"] = scale * rng.standard_normal((layer_sizes[l], 1))
    return parameters


def like(rng: np.random.Generator, parameters: Params, *, positive: bool = False) -> Params:
    """Random arrays keyed "dW{l}", "db{l}" with the shapes of `parameters` (grads, v or s)."""
    draw = {f"d{key}": rng.standard_normal(value.shape) for key, value in parameters.items()}
    return {key: np.abs(value) for key, value in draw.items()} if positive else draw


# The course case's labels: randn(1, 148) < 0.5 drawn after its (12288, 148) X, with seed 1.
# Stored so a grading does not draw 1.8 million normals (40 ms) to get 148 booleans;
# tests/assignments/optimization checks them against random_mini_batches_test_case().
COURSE_LABELS = (
    "1110100000011101101011111101111010110111110111110001111111100111011010101111111110110111"
    "111110110111111111000011111101011000011111111011110010111111"
)


@functools.cache
def course_mini_batch_case(features: int) -> tuple[np.ndarray, np.ndarray, int]:
    """The course's random_mini_batches case, X cut to its first `features` rows.

    X (features, 148), Y (1, 148) bool, mini_batch_size 64. The course draws X row by row
    after np.random.seed(1), so its first rows are randn(features, 148) with that seed.
    """
    state = np.random.get_state()
    np.random.seed(1)
    X = np.random.randn(features, 148)
    np.random.set_state(state)
    Y = np.array([[bit == "1" for bit in COURSE_LABELS]])
    X.flags.writeable = Y.flags.writeable = False
    return X, Y, 64


def hidden_layer_sizes(rng: np.random.Generator, hidden_layers: int) -> list[int]:
    """[n_0, ..., n_L] with `hidden_layers` hidden layers, sizes 2..6, a single output unit."""
    return [int(n) for n in rng.integers(2, 7, size=hidden_layers + 1)] + [1]


def expect_like_reference(
    student: Any, exercise: str, reference: Callable[..., Any], *args: Any, **options: Any
) -> Any:
    """The optimization checks' comparison: `authoring.expect_like_reference` with this
    catalogue, crashes a variant shares named, and look-alike mistakes never named."""
    return authoring.expect_like_reference(
        student, exercise, reference, *args, mistakes=MISTAKES, distinct=True,
        name_crashes=True, **options,
    )  # fmt: skip
