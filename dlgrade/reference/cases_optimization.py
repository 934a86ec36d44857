"""The course's own test cases for the optimization notebook (week 2).

Reproduces `testCases.py` of the "Optimization methods" notebook: same seeds, same
order of `np.random.randn` calls, same shapes, so the notebook's printed "Expected
Output" values hold for the reference. Layout as in reference/optimizers.py:
parameters {"W1", "b1", "W2", "b2"} of shapes (2, 3), (2, 1), (3, 3), (3, 1) and grads
with the same shapes under "dW1", "db1", ... . Each function reseeds NumPy's global
generator itself, so the cases do not depend on what ran before.
"""

from __future__ import annotations

import numpy as np

Params = dict[str, np.ndarray]
_SHAPES = {"W1": (2, 3), "b1": (2, 1), "W2": (3, 3), "b2": (3, 1)}


def _draw(prefix: str = "") -> Params:
    """One randn draw per array of the 2-layer case, in the course's key order."""
    return {prefix + name: np.random.randn(*shape) for name, shape in _SHAPES.items()}


def _zeros() -> Params:
    """Zero optimizer state keyed like the gradients."""
    return {"d" + name: np.zeros(shape) for name, shape in _SHAPES.items()}


def update_parameters_with_gd_test_case() -> tuple[Params, Params, float]:
    """Seed 1; W1, b1, W2, b2 then dW1, db1, dW2, db2 from randn; learning rate 0.01."""
    np.random.seed(1)
    learning_rate = 0.01
    parameters = _draw()
    grads = _draw("d")
    return parameters, grads, learning_rate


def random_mini_batches_test_case() -> tuple[np.ndarray, np.ndarray, int]:
    """Seed 1; X (12288, 148) from randn, boolean labels Y (1, 148); batch size 64.

    Expected: batches of 64, 64 and 20 columns.
    """
    np.random.seed(1)
    mini_batch_size = 64
    X = np.random.randn(12288, 148)
    Y = np.random.randn(1, 148) < 0.5
    return X, Y, mini_batch_size


def initialize_velocity_test_case() -> Params:
    """Seed 1; parameters W1, b1, W2, b2 from randn."""
    np.random.seed(1)
    return _draw()


def update_parameters_with_momentum_test_case() -> tuple[Params, Params, Params]:
    """Seed 1; parameters and grads as for gradient descent, zero velocity.

    The notebook calls it with beta = 0.9 and learning_rate = 0.01.
    """
    np.random.seed(1)
    parameters = _draw()
    grads = _draw("d")
    v = _zeros()
    return parameters, grads, v


def initialize_adam_test_case() -> Params:
    """Seed 1; parameters W1, b1, W2, b2 from randn."""
    np.random.seed(1)
    return _draw()


def update_parameters_with_adam_test_case() -> tuple[Params, Params, Params, Params]:
    """Seed 1; zero v and s, then parameters and grads as for gradient descent.

    The pre-2021 notebook calls it with t = 2 and the default hyperparameters.
    """
    np.random.seed(1)
    v, s = _zeros(), _zeros()
    parameters = _draw()
    grads = _draw("d")
    return parameters, grads, v, s


def grads_with_backward_extras(
    grads: Params, parameters: Params, generator: np.random.Generator, m: int = 4
) -> Params:
    """Not a course case: `grads` as the course's backward passes return it, with dZ{l}
    (n_l, m) and dA{l-1} (n_{l-1}, m) beside dW{l} and db{l}. The notebooks' models feed
    that dict straight into the update rules, so counting layers with len(grads) // 2
    walks past the last layer."""
    extended = dict(grads)
    for l in range(1, len(parameters) // 2 + 1):
        n, n_prev = parameters[f"W{l}"].shape
        extended[f"dZ{l}"] = generator.standard_normal((n, m))
        extended[f"dA{l - 1}"] = generator.standard_normal((n_prev, m))
    return extended
