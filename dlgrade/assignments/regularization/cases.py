"""Inputs shared by the Regularization checks (trusted side only).

The 3-layer network is LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID with
X (n_x, m), Y (1, m), W1 (n_1, n_x), W2 (n_2, n_1), W3 (1, n_2), b{l} (n_l, 1).
Hidden networks have other sizes than the course's (3, 2, 3, 1 with m = 5), labels
of both classes, and weights large enough that the L2 term and the dropout scaling
change every gradient visibly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from dlgrade.grader.checking import authoring, reference_call
from dlgrade.reference import network
from dlgrade.reference.dropout import forward_propagation_with_dropout

MISTAKES = authoring.mistakes_of(__file__)
as_array = authoring.as_array
SIZE_RANGES = ((2, 6), (3, 7), (2, 6))  # [low, high) of n_x, n_1, n_2


@dataclass(frozen=True)
class Network:
    """A random problem for the 3-layer network: X (n_x, m), Y (1, m), parameters."""

    X: np.ndarray
    Y: np.ndarray
    parameters: dict[str, np.ndarray]

    @property
    def m(self) -> int:
        return self.X.shape[1]


def random_network(
    rng: np.random.Generator, *, m: int | None = None, sizes: tuple[int, int, int] | None = None
) -> Network:
    """A network of random sizes (n_x 2-5, n_1 3-6, n_2 2-5; m 6-12 unless given)."""
    n_x, n_1, n_2 = sizes or tuple(int(rng.integers(low, high)) for low, high in SIZE_RANGES)
    m = int(rng.integers(6, 13)) if m is None else m
    Y = (rng.random((1, m)) < 0.5).astype(int)
    Y[0, 0], Y[0, -1] = 1, 0  # both classes present whenever m > 1
    dims = {"W1": (n_1, n_x), "b1": (n_1, 1), "W2": (n_2, n_1), "b2": (n_2, 1)}
    dims.update({"W3": (1, n_2), "b3": (1, 1)})
    parameters = {key: rng.standard_normal(shape) for key, shape in dims.items()}
    return Network(X=rng.standard_normal((n_x, m)), Y=Y, parameters=parameters)


def plain_cache(net: Network) -> tuple:
    """The 12-tuple cache of the plain forward pass (reg_utils.forward_propagation)."""
    return network.forward_propagation(net.X, net.parameters)[1]


def dropout_cache(net: Network, keep_prob: float) -> tuple:
    """The 14-tuple cache of the reference dropout forward pass (seed 1 inside)."""
    return reference_call(forward_propagation_with_dropout, net.X, net.parameters, keep_prob)[1]


def predictions(rng: np.random.Generator, m: int) -> np.ndarray:
    """Sigmoid outputs strictly inside (0, 1), shape (1, m)."""
    return rng.uniform(0.05, 0.95, size=(1, m))


def expect_student_matches(
    student: Any, exercise: str, reference: Any, *args: Any, **options: Any
) -> Any:
    """`authoring.expect_like_reference` with this catalogue (`seed=` reaches both calls)."""
    return authoring.expect_like_reference(
        student, exercise, reference, *args, mistakes=MISTAKES, **options
    )


def hint_of(variant: str) -> str:
    """The hint of the catalogued mistake named `variant` (one source of truth for texts)."""
    return next(mistake.hint for mistake in MISTAKES if mistake.name == variant)
