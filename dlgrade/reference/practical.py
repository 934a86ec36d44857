"""Practical aspects from the lectures: data splits, input normalization, log-scale
hyperparameter sampling and early stopping.

Data layout: examples are columns, X has shape (n_x, m) and Y has shape (k, m) (k = 1
for the course's binary labels). These are helpers, not graded functions: they check
their inputs and raise ValueError with a message that says how to fix the call.
Randomness uses NumPy's global legacy generator, like the course: the split seeds it
itself (like random_mini_batches), the samplers leave seeding to the caller.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

Split = tuple[np.ndarray, np.ndarray]
_FLOOR_TOLERANCE = 1e-9


def train_dev_test_split(
    X: np.ndarray,
    Y: np.ndarray,
    ratios: Sequence[float] = (0.98, 0.01, 0.01),
    seed: int = 0,
) -> tuple[Split, Split, Split]:
    """Shuffle the examples with a seeded permutation, then split them into train/dev/test.

    Sizes: n_dev = floor(ratios[1] * m), n_test = floor(ratios[2] * m) (with a 1e-9
    tolerance so 0.29 * 100 counts as 29), and train takes everything else, so no example
    is lost and the small sets never exceed their share. The default 98/1/1 is the
    lecture's advice for big data sets. Order after shuffling: train, dev, test.

    Inputs:
    - X: inputs, of shape (n_x, m)
    - Y: labels, of shape (k, m)
    - ratios: (train, dev, test) fractions, each >= 0, summing to 1
    - seed: seeds NumPy's global generator before np.random.permutation(m)

    Returns a tuple of three (X_part (n_x, m_part), Y_part (k, m_part)) pairs:
    train, dev and test, disjoint and together a permutation of the columns.
    """
    m = _check_split_inputs(X, Y, ratios)
    n_dev = math.floor(ratios[1] * m + _FLOOR_TOLERANCE)
    n_test = math.floor(ratios[2] * m + _FLOOR_TOLERANCE)
    n_train = m - n_dev - n_test
    np.random.seed(seed)
    permutation = np.random.permutation(m)
    bounds = (0, n_train, n_train + n_dev, m)
    parts = [permutation[start:stop] for start, stop in zip(bounds[:-1], bounds[1:], strict=True)]
    train, dev, test = ((X[:, part], Y[:, part]) for part in parts)
    return train, dev, test


def _check_split_inputs(X: np.ndarray, Y: np.ndarray, ratios: Sequence[float]) -> int:
    """Validate split arguments; return m, the number of examples (columns)."""
    if X.ndim != 2 or Y.ndim != 2 or X.shape[1] != Y.shape[1]:
        raise ValueError(
            f"train_dev_test_split needs X (n_x, m) and Y (k, m) with the same m; got X "
            f"{X.shape} and Y {Y.shape}. Reshape labels of shape (m,) with Y.reshape(1, -1)."
        )
    if len(ratios) != 3 or min(ratios) < 0 or abs(sum(ratios) - 1.0) > 1e-6:
        raise ValueError(
            f"ratios must be three non-negative fractions (train, dev, test) summing to 1; "
            f"got {tuple(ratios)}."
        )
    return X.shape[1]


def normalization_statistics(X_train: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-feature mean and (biased, 1/m) variance of the training set.

    Compute these once, on the training set only, and reuse them on dev and test data
    so that every split goes through the same transformation.

    Inputs:
    - X_train: training inputs, of shape (n_x, m)

    Returns a tuple of:
    - mu: per-feature mean, of shape (n_x, 1)
    - sigma2: per-feature variance, of shape (n_x, 1)
    """
    mu = np.mean(X_train, axis=1, keepdims=True)
    sigma2 = np.mean(np.square(X_train - mu), axis=1, keepdims=True)
    return mu, sigma2


def normalize_inputs(
    X: np.ndarray, mu: np.ndarray, sigma2: np.ndarray, epsilon: float = 1e-8
) -> np.ndarray:
    """Zero-mean, unit-variance inputs: (X - mu) / sqrt(sigma2 + epsilon).

    The lecture's slide writes x /= sigma^2 ("normalize variances"), but its stated
    goal is unit variance, which needs dividing by the standard deviation; that is
    what we do. Epsilon keeps constant features finite (they map to 0).

    Inputs:
    - X: inputs to normalize (train, dev or test), of shape (n_x, m)
    - mu, sigma2: training statistics from normalization_statistics, of shape (n_x, 1)
    - epsilon: added to the variance before the square root

    Returns:
    - X_norm: of shape (n_x, m)
    """
    # YOUR CODE STARTS HERE
    X_norm = (X - mu) / np.sqrt(sigma2 + epsilon)
    # YOUR CODE ENDS HERE
    return X_norm


def sample_learning_rate(
    low: float = 1e-4, high: float = 1.0, size: int | tuple[int, ...] | None = None
) -> float | np.ndarray:
    """Sample a learning rate uniformly on a log scale between low and high.

    r = log10(high) - (log10(high) - log10(low)) * u with u = np.random.rand(), then
    10**r; with the defaults this is the lecture's r = -4 * np.random.rand(),
    alpha = 10**r, draw for draw. Each decade gets the same share of samples.

    Inputs:
    - low, high: bounds, 0 < low < high
    - size: None for one float, else the output shape (as for np.random.random_sample)

    Returns:
    - a float in (low, high], or an array of them of shape `size`
    """
    if not 0 < low < high:
        raise ValueError(f"sample_learning_rate needs 0 < low < high; got low={low}, high={high}.")
    # YOUR CODE STARTS HERE
    log_low, log_high = math.log10(low), math.log10(high)
    r = log_high - (log_high - log_low) * np.random.random_sample(size)
    learning_rate = 10**r
    # YOUR CODE ENDS HERE
    return learning_rate


def sample_beta(
    low: float = 0.9, high: float = 0.999, size: int | tuple[int, ...] | None = None
) -> float | np.ndarray:
    """Sample an averaging coefficient beta so that 1 - beta is log-uniform.

    Why not sample beta itself: 1 / (1 - beta) is the averaging window, and it is
    sensitive near 1 (0.999 -> 0.9995 doubles it), so 1 - beta is drawn on a log scale
    between 1 - high and 1 - low (the lecture's r in [-3, -1], beta = 1 - 10**r).

    Inputs:
    - low, high: bounds for beta, 0 <= low < high < 1
    - size: None for one float, else the output shape

    Returns:
    - a float in [low, high], or an array of them of shape `size`
    """
    if not 0 <= low < high < 1:
        raise ValueError(f"sample_beta needs 0 <= low < high < 1; got low={low}, high={high}.")
    # YOUR CODE STARTS HERE
    log_min, log_max = math.log10(1 - high), math.log10(1 - low)
    r = log_min + (log_max - log_min) * np.random.random_sample(size)
    beta = 1 - 10**r
    # YOUR CODE ENDS HERE
    return beta


def early_stopping_epoch(dev_costs: Sequence[float], patience: int | None = None) -> int:
    """Index of the epoch whose parameters early stopping keeps.

    Without patience: the epoch of the lowest dev cost (the first one on ties). With
    patience p: scan the epochs in order and stop once p epochs in a row brought no
    strict improvement; return the best epoch seen up to then, which is what a training
    loop that cannot see the future would keep.

    Inputs:
    - dev_costs: dev-set cost after each epoch, of length T >= 1
    - patience: number of epochs without improvement tolerated (>= 1), or None

    Returns:
    - best_epoch: an index in [0, T)
    """
    if len(dev_costs) == 0:
        raise ValueError("early_stopping_epoch needs at least one dev cost; got none.")
    if patience is not None and patience < 1:
        raise ValueError(f"patience must be None or an integer >= 1; got {patience}.")
    best_epoch = 0
    for epoch, cost in enumerate(dev_costs):
        if cost < dev_costs[best_epoch]:
            best_epoch = epoch
        elif patience is not None and epoch - best_epoch >= patience:
            break
    return best_epoch
