"""Reference solutions of the tiny batch-test assignment (trusted side)."""

import numpy as np


def update_lr(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / (1 + decay_rate * epoch_num)


def scale(x, factor):
    """x: array of any shape -> same shape, every element times `factor`."""
    return np.asarray(x) * factor
