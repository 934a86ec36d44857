"""Known wrong versions of the Initialization notebook's functions, each with a hint.

Self-contained (numpy only): `grade selftest` injects each one into a notebook as the
student's definition and checks that it loses points on its own exercise only. Written the
way students write them, with the course's loop variable `l`.
"""

# ruff: noqa: E741

import numpy as np

from dlgrade.grader.checking import mistake


@mistake(
    "initialize_parameters_zeros",
    "W{l} has shape (layers_dims[l], layers_dims[l-1]): one row per unit of layer l, "
    "one column per unit of the previous layer; yours is transposed.",
)
def zeros_transposed_weights(layers_dims):
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters["W" + str(l)] = np.zeros((layers_dims[l - 1], layers_dims[l]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


@mistake(
    "initialize_parameters_zeros",
    "b{l} is a column vector of shape (layers_dims[l], 1): np.zeros((layers_dims[l], 1)), "
    "not the 1-D np.zeros(layers_dims[l]).",
)
def zeros_flat_biases(layers_dims):
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros(layers_dims[l])
    return parameters


@mistake(
    "initialize_parameters_zeros",
    "the loop must reach the output layer: for l in range(1, L) with L = len(layers_dims) "
    "gives W1, b1, ..., W{L-1}, b{L-1}.",
)
def zeros_missing_last_layer(layers_dims):
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L - 1):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


@mistake(
    "initialize_parameters_random",
    "this exercise asks for LARGE weights: multiply np.random.randn(...) by 10.",
)
def random_without_times_ten(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


@mistake(
    "initialize_parameters_random",
    "the scale here is 10, not the 0.01 of course 1: multiply np.random.randn(...) by 10.",
)
def random_times_one_hundredth(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 0.01
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


@mistake(
    "initialize_parameters_random",
    "use np.random.randn (standard normal), not np.random.rand (uniform on [0, 1)).",
)
def random_uniform_draws(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters["W" + str(l)] = np.random.rand(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


@mistake(
    "initialize_parameters_random",
    "biases start at zero (np.zeros((layers_dims[l], 1))); drawing them at random also "
    "shifts every later weight draw.",
)
def random_biases_drawn(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.random.randn(layers_dims[l], 1)
    return parameters


@mistake(
    "initialize_parameters_he",
    "He initialization scales by sqrt(2 / layers_dims[l-1]); sqrt(1 / n) is Xavier's.",
)
def he_xavier_scale(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        scale = np.sqrt(1 / layers_dims[l - 1])
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * scale
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


@mistake(
    "initialize_parameters_he",
    "the He scale uses the size of the PREVIOUS layer (the fan-in), "
    "sqrt(2 / layers_dims[l-1]), not sqrt(2 / layers_dims[l]).",
)
def he_current_layer_size(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        scale = np.sqrt(2 / layers_dims[l])
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * scale
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


@mistake(
    "initialize_parameters_he",
    "multiply by sqrt(2 / layers_dims[l-1]); dividing by it makes the weights larger "
    "instead of smaller.",
)
def he_divided_by_scale(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        scale = np.sqrt(2 / layers_dims[l - 1])
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) / scale
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
