"""Helpers shared by this assignment's check modules (trusted side, loaded by path).

- `network`: parameters, gradients and optimizer state of any depth, course key names.
- `expect_log_uniform`: judge seeded samples by their distribution, not by their values
  (the draw order of a correct sampler may legitimately differ from the reference's).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from dlgrade.grader.checking.authoring import expect_returns, named
from dlgrade.grader.checking.compare import Mismatch, expect_close, matching_mistake
from dlgrade.grader.checking.proxy import reference_call

Arrays = dict[str, np.ndarray]
BIN_COUNT = 4
SIGMAS = 5.0  # binomial bound per bin: a correct sampler fails about once in 10^6 runs


def network(
    generator: np.random.Generator | np.random.RandomState,
    layers_dims: Sequence[int],
    state_keys: Sequence[str] = ("v",),
) -> tuple[Arrays, Arrays, dict[str, Arrays]]:
    """(parameters, grads, {state name: state}) for layers_dims [n_0, ..., n_L].

    parameters W{l} (n_l, n_{l-1}), b{l} (n_l, 1); grads and each state keyed dW{l}, db{l}
    with the same shapes. A state named "s" (squared-gradient average) is non-negative.
    """
    parameters: Arrays = {}
    grads: Arrays = {}
    states: dict[str, Arrays] = {key: {} for key in state_keys}
    for layer in range(1, len(layers_dims)):
        n, n_prev = layers_dims[layer], layers_dims[layer - 1]
        for kind, shape in {"W": (n, n_prev), "b": (n, 1)}.items():
            parameters[f"{kind}{layer}"] = generator.normal(size=shape)
            grads[f"d{kind}{layer}"] = generator.normal(size=shape)
            for key, state in states.items():
                value = generator.normal(scale=0.5, size=shape)
                state[f"d{kind}{layer}"] = np.square(value) if key == "s" else value
    return parameters, grads, states


def as_samples(got: Any, shape: tuple[int, ...], what: str) -> np.ndarray:
    """The student's samples as a float array of `shape`, or Mismatch."""
    try:
        samples = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        samples = None
    if samples is None or samples.shape != shape:
        found = "no numbers" if samples is None else f"shape {samples.shape}"
        raise Mismatch(f"{what} with size={shape} should have shape {shape}; got {found}")
    return samples


def expect_log_uniform(
    samples: np.ndarray,
    low: float,
    high: float,
    *,
    what: str,
    mistakes: Sequence[tuple[str, Any]] = (),
) -> None:
    """Require samples in [low, high] whose log10 is uniform: equal counts in equal bins.

    Each of BIN_COUNT equal-width bins of log10 must hold n / BIN_COUNT samples within
    SIGMAS binomial standard deviations.
    """
    hint = matching_mistake(samples, mistakes, rtol=1e-12, atol=0.0)
    tolerance = 1e-12 * max(abs(low), abs(high))
    outside = (samples < low - tolerance) | (samples > high + tolerance) | ~np.isfinite(samples)
    if outside.any():
        first = float(samples[tuple(np.argwhere(outside)[0])])
        raise Mismatch(
            f"{int(outside.sum())} of {samples.size} {what} lie outside [{low:.6g}, {high:.6g}] "
            f"(e.g. {first:.6g})",
            hint,
        )
    position = (np.log10(samples) - math.log10(low)) / (math.log10(high) - math.log10(low))
    counts = np.histogram(np.clip(position, 0.0, 1.0), bins=BIN_COUNT, range=(0.0, 1.0))[0]
    n, p = samples.size, 1.0 / BIN_COUNT
    bound = SIGMAS * math.sqrt(n * p * (1 - p))
    if np.any(np.abs(counts - n * p) > bound):
        shares = ", ".join(f"{count / n:.0%}" for count in counts)
        raise Mismatch(
            f"{what} are not uniform on a log scale: the {BIN_COUNT} equal slices of "
            f"[log10({low:.6g}), log10({high:.6g})] got {shares} of {n} samples, "
            f"expected {p:.0%} each (within {bound / n:.1%})",
            hint,
        )


def expect_three_steps(
    student: Any,
    exercise: str,
    reference: Any,
    rng: np.random.Generator,
    *hyperparameters: float,
    names: Sequence[str],
) -> None:
    """Three update steps from a zero state on a random 2-layer network, each side's own
    `(parameters, state)` fed back as a training loop does; compared after the last."""
    parameters, _, _ = network(rng, [3, 2, 1], ())
    zeros = {f"d{key}": np.zeros_like(value) for key, value in parameters.items()}
    mine = theirs = (parameters, zeros)
    for _ in range(3):
        grads = {f"d{key}": rng.normal(size=value.shape) for key, value in parameters.items()}
        mine = student.call(exercise, *mine, grads, *hyperparameters)
        theirs = reference_call(reference, *theirs, grads, *hyperparameters)
        if not isinstance(mine, (list, tuple)) or len(mine) != 2:
            expect_returns(mine, theirs, names)
    expect_close(named(mine, names), named(theirs, names), name="after 3 steps")
