"""Seeded shuffling and partitioning of a data set into mini-batches (week 2).

Data layout: examples are columns, X has shape (n_x, m) and Y has shape (1, m).
`random_mini_batches` is graded: self-contained given `import numpy as np` and
`import math`, and it consumes the global legacy generator exactly like the course
(`np.random.seed(seed)`, then one `np.random.permutation(m)`), so seeded batches match
the course's to the bit.
"""

from __future__ import annotations

import math

import numpy as np


def random_mini_batches(
    X: np.ndarray, Y: np.ndarray, mini_batch_size: int = 64, seed: int = 0
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Shuffle the columns of (X, Y) together, then cut them into mini-batches.

    floor(m / mini_batch_size) full batches come first, then one smaller batch with the
    m % mini_batch_size remaining columns when that is not 0. So m < mini_batch_size
    gives a single batch of m, and an exact multiple gives no empty batch. As in the
    course, Y is reshaped to (1, m): labels with several rows are not supported.

    Inputs:
    - X: input data, of shape (n_x, m)
    - Y: labels, of shape (1, m)
    - mini_batch_size: columns per full batch
    - seed: seeds NumPy's global generator before the permutation

    Returns:
    - mini_batches: list of (mini_batch_X (n_x, b), mini_batch_Y (1, b)) pairs
    """
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []

    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))

    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(0, num_complete_minibatches):
        # YOUR CODE STARTS HERE
        mini_batch_X = shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        mini_batch_Y = shuffled_Y[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        # YOUR CODE ENDS HERE
        mini_batch = (mini_batch_X, mini_batch_Y)
        mini_batches.append(mini_batch)

    if m % mini_batch_size != 0:
        # YOUR CODE STARTS HERE
        mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size :]
        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size :]
        # YOUR CODE ENDS HERE
        mini_batch = (mini_batch_X, mini_batch_Y)
        mini_batches.append(mini_batch)

    return mini_batches
