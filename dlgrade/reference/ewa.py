"""Exponentially weighted averages, the building block of momentum, RMSprop and Adam.

Data layout: a 1-D series theta_1..theta_T of shape (T,), one value per time step.
The function is self-contained given `import numpy as np` (gradable).
"""

from __future__ import annotations

import numpy as np


def exponentially_weighted_average(
    thetas: np.ndarray, beta: float, bias_correction: bool = False
) -> np.ndarray:
    """Running averages v_t = beta v_{t-1} + (1 - beta) theta_t for t = 1..T, with v_0 = 0.

    With bias correction each v_t is divided by (1 - beta**t), which removes the pull
    towards v_0 = 0 in the first steps (so the corrected v_1 equals theta_1).

    Inputs:
    - thetas: the series, of shape (T,)
    - beta: averaging weight in [0, 1); about 1 / (1 - beta) steps are averaged
    - bias_correction: whether to divide by (1 - beta**t)

    Returns:
    - averages: float array of shape (T,), averages[t - 1] = v_t (corrected if asked)
    """
    T = thetas.shape[0]
    averages = np.zeros(T)
    v = 0.0
    for t in range(1, T + 1):
        # YOUR CODE STARTS HERE
        v = beta * v + (1 - beta) * thetas[t - 1]
        averages[t - 1] = v / (1 - beta**t) if bias_correction else v
        # YOUR CODE ENDS HERE
    return averages
