"""Weight initializations of the Initialization notebook (graded) plus Xavier (lectures).

Data layout: features x examples, X (n_x, m), Y (1, m). Every initializer takes
layers_dims = [n_0, n_1, ..., n_L] (n_0 = n_x) and returns {"W{l}": (n_l, n_{l-1}),
"b{l}": (n_l, 1)} for l = 1..L, biases zero.

The graded ones are self-contained (numpy only, literal seed) because their source is
rendered into student notebooks and run in the sandbox. The random ones seed NumPy's GLOBAL
legacy generator with np.random.seed(3) and then call np.random.randn once per layer, W1
first, exactly like the course, so a student's seeded output can be compared number for
number.
"""

from __future__ import annotations

import numpy as np

Parameters = dict[str, np.ndarray]


def initialize_parameters_zeros(layers_dims: list[int]) -> dict[str, np.ndarray]:
    """All-zero weights and biases: fails to break symmetry (the notebook's point).

    layers_dims [n_0, ..., n_L] -> {"W{l}": (n_l, n_{l-1}), "b{l}": (n_l, 1)}.
    Draws nothing from the RNG.
    """
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        # YOUR CODE STARTS HERE
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
        # YOUR CODE ENDS HERE
    return parameters


def initialize_parameters_random(layers_dims: list[int]) -> dict[str, np.ndarray]:
    """Large random weights, randn * 10: breaks symmetry but saturates the sigmoid.

    layers_dims [n_0, ..., n_L] -> {"W{l}": (n_l, n_{l-1}), "b{l}": (n_l, 1) zeros}.
    Seeds the global generator with 3 (the course's seed) and draws W1, W2, ... in order.
    """
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        # YOUR CODE STARTS HERE
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
        # YOUR CODE ENDS HERE
    return parameters


def initialize_parameters_he(layers_dims: list[int]) -> dict[str, np.ndarray]:
    """He et al. 2015, randn * sqrt(2 / n_{l-1}): keeps ReLU activations' variance ~constant.

    layers_dims [n_0, ..., n_L] -> {"W{l}": (n_l, n_{l-1}), "b{l}": (n_l, 1) zeros}.
    Seeds the global generator with 3 (the course's seed) and draws W1, W2, ... in order.
    """
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        # YOUR CODE STARTS HERE
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(
            2.0 / layers_dims[l - 1]
        )
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
        # YOUR CODE ENDS HERE
    return parameters


def initialize_parameters_xavier(layers_dims: list[int]) -> dict[str, np.ndarray]:
    """Xavier-style, randn * sqrt(1 / n_{l-1}): Var(W) = 1/n, the lectures' tanh choice.

    layers_dims [n_0, ..., n_L] -> {"W{l}": (n_l, n_{l-1}), "b{l}": (n_l, 1) zeros}.
    Seeds the global generator with 3 (the course's seed) and draws W1, W2, ... in order.
    Self-contained: graded in the `tuning` assignment.
    """
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        # YOUR CODE STARTS HERE
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(
            1.0 / layers_dims[l - 1]
        )
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
        # YOUR CODE ENDS HERE
    return parameters
