"""Learning-rate decay schedules named in the week-2 lectures.

All functions map (initial rate, epoch number) to a scalar rate; no arrays involved.
Epochs are counted from 0, as in the 2021 notebook's training loop
(`for i in range(num_epochs): learning_rate = update_lr(learning_rate0, i, ...)`), so
every schedule returns learning_rate0 (times k for the 1/sqrt schedule) at epoch 0.
`update_lr` and `schedule_lr_decay` are graded in the 2021 notebook; the other two are
written the same way (self-contained given `import numpy as np` and `import math`).
"""

from __future__ import annotations

import math

import numpy as np


def update_lr(learning_rate0: float, epoch_num: int, decay_rate: float) -> float:
    """Inverse-time decay: lr = lr0 / (1 + decay_rate * epoch_num).

    Inputs:
    - learning_rate0: initial learning rate (scalar)
    - epoch_num: epoch number, from 0
    - decay_rate: decay rate (scalar, >= 0)

    Returns:
    - learning_rate: the decayed learning rate (scalar)
    """
    # YOUR CODE STARTS HERE
    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)
    # YOUR CODE ENDS HERE
    return learning_rate


def schedule_lr_decay(
    learning_rate0: float, epoch_num: int, decay_rate: float, time_interval: int = 1000
) -> float:
    """Staircase inverse-time decay: lr0 / (1 + decay_rate * floor(epoch_num / time_interval)).

    The rate stays constant for `time_interval` epochs, then steps down.

    Inputs:
    - learning_rate0: initial learning rate (scalar)
    - epoch_num: epoch number, from 0
    - decay_rate: decay rate (scalar, >= 0)
    - time_interval: number of epochs between two decreases

    Returns:
    - learning_rate: the decayed learning rate (scalar)
    """
    # YOUR CODE STARTS HERE
    learning_rate = learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))
    # YOUR CODE ENDS HERE
    return learning_rate


def exponential_lr_decay(learning_rate0: float, epoch_num: int, base: float = 0.95) -> float:
    """Exponential decay: lr = base**epoch_num * lr0 (the lecture's 0.95**t * alpha0).

    Inputs:
    - learning_rate0: initial learning rate (scalar)
    - epoch_num: epoch number, from 0
    - base: decay factor per epoch, in (0, 1]

    Returns:
    - learning_rate: the decayed learning rate (scalar)
    """
    # YOUR CODE STARTS HERE
    learning_rate = base**epoch_num * learning_rate0
    # YOUR CODE ENDS HERE
    return learning_rate


def inverse_sqrt_lr_decay(learning_rate0: float, epoch_num: int, k: float = 1.0) -> float:
    """Inverse square-root decay: lr = k / sqrt(epoch_num + 1) * lr0.

    The lecture writes k / sqrt(t) * alpha0 with epochs counted from 1; our epochs
    count from 0, hence t = epoch_num + 1 (finite at epoch 0, equal to k * lr0 there).

    Inputs:
    - learning_rate0: initial learning rate (scalar)
    - epoch_num: epoch number, from 0
    - k: scale constant (scalar, > 0)

    Returns:
    - learning_rate: the decayed learning rate (scalar)
    """
    # YOUR CODE STARTS HERE
    learning_rate = k / math.sqrt(epoch_num + 1) * learning_rate0
    # YOUR CODE ENDS HERE
    return learning_rate
