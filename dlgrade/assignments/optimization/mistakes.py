# ruff: noqa: E741 - the course names layers `l`, and these variants are written as students do
"""Mistakes students really make in the optimization notebook, each with the hint they see.

Every variant is self-contained (numpy and math only, as a student's notebook cell) and
returns what the NEW notebook's function returns, so `grade selftest` can inject its
source into a rendered notebook. Each differs from the correct formula in one place only.
"""

import math

import numpy as np

from dlgrade.grader.checking import mistake

# ---- update_parameters_with_gd ------------------------------------------------------------


@mistake(
    "update_parameters_with_gd",
    "Gradient descent moves AGAINST the gradient: W = W - learning_rate * dW (you added it).",
)
def gd_adds_the_gradient(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] + learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] + learning_rate * grads["db" + str(l)]
    return parameters


@mistake(
    "update_parameters_with_gd",
    "The biases must be updated too: b = b - learning_rate * db for every layer.",
)
def gd_forgets_the_biases(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
    return parameters


@mistake(
    "update_parameters_with_gd",
    "Layers are numbered 1..L: loop with range(1, L + 1) (range(1, L) skips the last layer).",
)
def gd_skips_the_last_layer(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters


@mistake(
    "update_parameters_with_gd",
    "Count the layers from parameters (L = len(parameters) // 2): grads from a backward pass "
    "also holds dZ and dA, so len(grads) // 2 walks past the last layer.",
)
def gd_counts_layers_in_grads(parameters, grads, learning_rate):
    L = len(grads) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters


# ---- random_mini_batches --------------------------------------------------------------------


@mistake(
    "random_mini_batches",
    "The last mini-batch starts at num_complete_minibatches * mini_batch_size; do not reuse "
    "the loop variable k, which does not exist when m < mini_batch_size (no full batch).",
)
def mini_batches_tail_from_loop_variable(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(0, num_complete_minibatches):
        mini_batch_X = shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        mini_batch_Y = shuffled_Y[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        mini_batches.append((mini_batch_X, mini_batch_Y))
    if m % mini_batch_size != 0:
        mini_batch_X = shuffled_X[:, (k + 1) * mini_batch_size :]  # noqa: F821
        mini_batch_Y = shuffled_Y[:, (k + 1) * mini_batch_size :]  # noqa: F821
        mini_batches.append((mini_batch_X, mini_batch_Y))
    return mini_batches


@mistake(
    "random_mini_batches",
    "When m is not a multiple of mini_batch_size, the m % mini_batch_size examples left "
    "over form one last, smaller mini-batch: you dropped them.",
)
def mini_batches_drop_the_tail(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(0, num_complete_minibatches):
        mini_batch_X = shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        mini_batch_Y = shuffled_Y[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        mini_batches.append((mini_batch_X, mini_batch_Y))
    return mini_batches


@mistake(
    "random_mini_batches",
    "Add the smaller last mini-batch only when m % mini_batch_size != 0: when m is an exact "
    "multiple you appended an empty batch.",
)
def mini_batches_empty_last_batch(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(0, num_complete_minibatches):
        mini_batch_X = shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        mini_batch_Y = shuffled_Y[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        mini_batches.append((mini_batch_X, mini_batch_Y))
    mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size :]
    mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size :]
    mini_batches.append((mini_batch_X, mini_batch_Y))
    return mini_batches


@mistake(
    "random_mini_batches",
    "Shuffle X and Y with the SAME permutation (one np.random.permutation(m) call), or the "
    "labels no longer belong to their examples.",
)
def mini_batches_two_permutations(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []
    shuffled_X = X[:, list(np.random.permutation(m))]
    shuffled_Y = Y[:, list(np.random.permutation(m))].reshape((1, m))
    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(0, num_complete_minibatches):
        mini_batch_X = shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        mini_batch_Y = shuffled_Y[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        mini_batches.append((mini_batch_X, mini_batch_Y))
    if m % mini_batch_size != 0:
        mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size :]
        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size :]
        mini_batches.append((mini_batch_X, mini_batch_Y))
    return mini_batches


# ---- initialize_velocity ----------------------------------------------------------------------


@mistake(
    "initialize_velocity",
    "The velocity is keyed like the gradients: v['dW1'], v['db1'], ... (not 'W1', 'b1').",
)
def velocity_with_parameter_keys(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["W" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["b" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v


@mistake(
    "initialize_velocity",
    "Layers are numbered 1..L: loop with range(1, L + 1) (range(1, L) skips the last layer).",
)
def velocity_skips_the_last_layer(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v


@mistake(
    "initialize_velocity",
    "v['db{l}'] has the shape of b{l}, (n_l, 1): take the shape from parameters['b' + str(l)].",
)
def velocity_bias_shaped_like_weights(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
    return v


# ---- update_parameters_with_momentum ------------------------------------------------------


@mistake(
    "update_parameters_with_momentum",
    "Momentum: v = beta * v + (1 - beta) * dW; you left out the (1 - beta) factor.",
)
def momentum_without_one_minus_beta(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        v["dW" + str(l)] = beta * v["dW" + str(l)] + grads["dW" + str(l)]
        v["db" + str(l)] = beta * v["db" + str(l)] + grads["db" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v["db" + str(l)]
    return parameters, v


@mistake(
    "update_parameters_with_momentum",
    "Update the parameters with the velocity: W = W - learning_rate * v['dW'], not with the "
    "raw gradient.",
)
def momentum_updates_with_the_raw_gradient(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        v["db" + str(l)] = beta * v["db" + str(l)] + (1 - beta) * grads["db" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters, v


@mistake(
    "update_parameters_with_momentum",
    "Compute the new velocity first, then update the parameters with it (you used the "
    "velocity of the previous step).",
)
def momentum_uses_the_old_velocity(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v["db" + str(l)]
        v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        v["db" + str(l)] = beta * v["db" + str(l)] + (1 - beta) * grads["db" + str(l)]
    return parameters, v


@mistake(
    "update_parameters_with_momentum",
    "beta weighs the previous velocity and (1 - beta) the new gradient; you swapped them.",
)
def momentum_swaps_beta(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        v["dW" + str(l)] = (1 - beta) * v["dW" + str(l)] + beta * grads["dW" + str(l)]
        v["db" + str(l)] = (1 - beta) * v["db" + str(l)] + beta * grads["db" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v["db" + str(l)]
    return parameters, v


@mistake(
    "update_parameters_with_momentum",
    "Count the layers from parameters (L = len(parameters) // 2): grads from a backward pass "
    "also holds dZ and dA, so len(grads) // 2 walks past the last layer.",
)
def momentum_counts_layers_in_grads(parameters, grads, v, beta, learning_rate):
    L = len(grads) // 2
    for l in range(1, L + 1):
        v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        v["db" + str(l)] = beta * v["db" + str(l)] + (1 - beta) * grads["db" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v["db" + str(l)]
    return parameters, v


# ---- initialize_adam -------------------------------------------------------------------------


@mistake(
    "initialize_adam",
    "v and s are keyed like the gradients: v['dW1'], s['db1'], ... (not 'W1', 'b1').",
)
def adam_state_with_parameter_keys(parameters):
    L = len(parameters) // 2
    v = {}
    s = {}
    for l in range(1, L + 1):
        v["W" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["b" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
        s["W" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        s["b" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v, s


@mistake(
    "initialize_adam",
    "Layers are numbered 1..L: loop with range(1, L + 1) (range(1, L) skips the last layer).",
)
def adam_state_skips_the_last_layer(parameters):
    L = len(parameters) // 2
    v = {}
    s = {}
    for l in range(1, L):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
        s["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        s["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v, s


# ---- update_parameters_with_adam ------------------------------------------------------------


@mistake(
    "update_parameters_with_adam",
    "Adam: add epsilon after the square root, sqrt(s_corrected) + epsilon, not inside it.",
)
def adam_epsilon_inside_the_root(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected = {}
    s_corrected = {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - beta1**t)
            s[g] = beta2 * s[g] + (1 - beta2) * np.square(grads[g])
            s_corrected[g] = s[g] / (1 - beta2**t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[
                g
            ] / np.sqrt(s_corrected[g] + epsilon)
    return parameters, v, s, v_corrected, s_corrected


@mistake(
    "update_parameters_with_adam",
    "Bias correction divides by (1 - beta ** t), with t the step number: you squared beta "
    "(1 - beta ** 2), which is right only at t = 2.",
)
def adam_correction_with_beta_squared(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected = {}
    s_corrected = {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - beta1**2)
            s[g] = beta2 * s[g] + (1 - beta2) * np.square(grads[g])
            s_corrected[g] = s[g] / (1 - beta2**2)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(s_corrected[g]) + epsilon
            )
    return parameters, v, s, v_corrected, s_corrected


@mistake(
    "update_parameters_with_adam",
    "Bias correction divides by (1 - beta ** t), beta raised to the step number t, not by "
    "(1 - beta).",
)
def adam_correction_without_power(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected = {}
    s_corrected = {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - beta1)
            s[g] = beta2 * s[g] + (1 - beta2) * np.square(grads[g])
            s_corrected[g] = s[g] / (1 - beta2)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(s_corrected[g]) + epsilon
            )
    return parameters, v, s, v_corrected, s_corrected


@mistake(
    "update_parameters_with_adam",
    "Adam corrects the bias of both averages: v_corrected = v / (1 - beta1 ** t) and "
    "s_corrected = s / (1 - beta2 ** t), and the update uses the corrected values.",
)
def adam_without_bias_correction(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected = {}
    s_corrected = {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g]
            s[g] = beta2 * s[g] + (1 - beta2) * np.square(grads[g])
            s_corrected[g] = s[g]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(s_corrected[g]) + epsilon
            )
    return parameters, v, s, v_corrected, s_corrected


@mistake(
    "update_parameters_with_adam",
    "Keep v and s uncorrected: store the bias-corrected values in v_corrected and "
    "s_corrected, not back into v and s (the correction would compound every step).",
)
def adam_corrects_the_stored_moments(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected = {}
    s_corrected = {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v[g] = v[g] / (1 - beta1**t)
            v_corrected[g] = v[g]
            s[g] = beta2 * s[g] + (1 - beta2) * np.square(grads[g])
            s[g] = s[g] / (1 - beta2**t)
            s_corrected[g] = s[g]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(s_corrected[g]) + epsilon
            )
    return parameters, v, s, v_corrected, s_corrected


@mistake(
    "update_parameters_with_adam",
    "The second moment averages the SQUARED gradients: s = beta2 * s + (1 - beta2) * dW ** 2.",
)
def adam_second_moment_not_squared(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected = {}
    s_corrected = {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - beta1**t)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g]
            s_corrected[g] = s[g] / (1 - beta2**t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(np.abs(s_corrected[g])) + epsilon
            )
    return parameters, v, s, v_corrected, s_corrected


@mistake(
    "update_parameters_with_adam",
    "Count the layers from parameters (L = len(parameters) // 2): grads from a backward pass "
    "also holds dZ and dA, so len(grads) // 2 walks past the last layer.",
)
def adam_counts_layers_in_grads(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(grads) // 2
    v_corrected = {}
    s_corrected = {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - beta1**t)
            s[g] = beta2 * s[g] + (1 - beta2) * np.square(grads[g])
            s_corrected[g] = s[g] / (1 - beta2**t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(s_corrected[g]) + epsilon
            )
    return parameters, v, s, v_corrected, s_corrected


# ---- update_lr ------------------------------------------------------------------------------


@mistake(
    "update_lr",
    "Mind the parentheses: learning_rate0 / (1 + decay_rate * epoch_num), the whole "
    "denominator in brackets.",
)
def update_lr_wrong_parentheses(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 / (1 + decay_rate) * epoch_num
    return learning_rate


@mistake(
    "update_lr",
    "The rate must DEcrease: divide learning_rate0 by (1 + decay_rate * epoch_num), do not "
    "multiply.",
)
def update_lr_multiplies(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 * (1 + decay_rate * epoch_num)
    return learning_rate


@mistake(
    "update_lr",
    "This is inverse-time decay, learning_rate0 / (1 + decay_rate * epoch_num), not the "
    "exponential decay decay_rate ** epoch_num * learning_rate0.",
)
def update_lr_exponential(learning_rate0, epoch_num, decay_rate):
    learning_rate = decay_rate**epoch_num * learning_rate0
    return learning_rate


# ---- schedule_lr_decay ----------------------------------------------------------------------


@mistake(
    "schedule_lr_decay",
    "The schedule is a staircase: use np.floor(epoch_num / time_interval) so the rate only "
    "changes every time_interval epochs.",
)
def schedule_without_floor(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num / time_interval)
    return learning_rate


@mistake(
    "schedule_lr_decay",
    "Round DOWN with np.floor(epoch_num / time_interval): round() steps the rate down half an "
    "interval too early.",
)
def schedule_rounds(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * round(epoch_num / time_interval))
    return learning_rate


@mistake(
    "schedule_lr_decay",
    "Only epoch_num / time_interval is floored: learning_rate0 / (1 + decay_rate * "
    "np.floor(epoch_num / time_interval)), not the whole decay_rate * epoch_num / time_interval.",
)
def schedule_floors_the_product(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + np.floor(decay_rate * epoch_num / time_interval))
    return learning_rate


@mistake(
    "schedule_lr_decay",
    "The decay is counted in intervals: divide epoch_num by time_interval (you decay every "
    "epoch, like update_lr).",
)
def schedule_ignores_the_interval(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)
    return learning_rate
