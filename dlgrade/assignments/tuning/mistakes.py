"""Wrong variants of the tuning graded functions that students really write.

Each function is self-contained (numpy and math only) because `grade selftest` injects its
source into a notebook in place of the student's definition. Shapes follow the reference:
X (n_x, m), mu and sigma2 (n_x, 1), parameters W{l} (n_l, n_{l-1}) and b{l} (n_l, 1),
thetas (T,).
"""

# Students name the layer index `l`, as the course does: keep their way of writing it.
# ruff: noqa: E741

from __future__ import annotations

import math

import numpy as np

from dlgrade.grader.checking import mistake


@mistake(
    "normalize_inputs",
    "use the training statistics mu and sigma2 you are given; recomputing them from X "
    "normalizes dev and test data differently from the training data.",
)
def normalize_with_own_statistics(X, mu, sigma2, epsilon=1e-8):
    mu = np.mean(X, axis=1, keepdims=True)
    sigma2 = np.var(X, axis=1, keepdims=True)
    X_norm = (X - mu) / np.sqrt(sigma2 + epsilon)
    return X_norm


@mistake(
    "normalize_inputs",
    "divide by the standard deviation np.sqrt(sigma2 + epsilon), not by the variance: "
    "unit variance needs the square root.",
)
def normalize_by_variance(X, mu, sigma2, epsilon=1e-8):
    X_norm = (X - mu) / (sigma2 + epsilon)
    return X_norm


@mistake(
    "normalize_inputs",
    "epsilon goes inside the square root: np.sqrt(sigma2 + epsilon).",
)
def normalize_epsilon_outside_sqrt(X, mu, sigma2, epsilon=1e-8):
    X_norm = (X - mu) / (np.sqrt(sigma2) + epsilon)
    return X_norm


@mistake(
    "initialize_parameters_xavier",
    "Xavier scales by np.sqrt(1 / n_{l-1}); np.sqrt(2 / n_{l-1}) is He initialization (for ReLU).",
)
def xavier_with_he_scale(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(
            2 / layers_dims[l - 1]
        )
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


@mistake(
    "initialize_parameters_xavier",
    "the variance is 1 / n_{l-1}, so multiply by its square root np.sqrt(1 / n_{l-1}), "
    "not by 1 / n_{l-1}.",
)
def xavier_without_sqrt(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = (
            np.random.randn(layers_dims[l], layers_dims[l - 1]) / (layers_dims[l - 1])
        )
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


@mistake(
    "initialize_parameters_xavier",
    "scale by the number of inputs of the layer, layers_dims[l - 1], not by its number of "
    "units layers_dims[l].",
)
def xavier_with_current_layer(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(
            1 / layers_dims[l]
        )
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


@mistake(
    "l1_penalty",
    "L1 sums absolute values np.abs(W); summing squares is the L2 penalty.",
)
def l1_with_squares(parameters, lambd, m):
    L = len(parameters) // 2
    total = 0
    for l in range(1, L + 1):
        total += np.sum(np.square(parameters["W" + str(l)]))
    penalty = lambd / (2 * m) * total
    return penalty


@mistake(
    "l1_penalty",
    "only the weights W{l} are penalized, never the biases b{l}.",
)
def l1_with_biases(parameters, lambd, m):
    penalty = lambd / (2 * m) * sum(np.sum(np.abs(value)) for value in parameters.values())
    return penalty


@mistake(
    "l1_penalty",
    "the lectures' L1 term is lambd / (2 * m) * sum(|W|): you are missing the 1/2.",
)
def l1_without_half(parameters, lambd, m):
    L = len(parameters) // 2
    total = 0
    for l in range(1, L + 1):
        total += np.sum(np.abs(parameters["W" + str(l)]))
    penalty = lambd / m * total
    return penalty


@mistake(
    "l1_penalty",
    "take the absolute value of every weight (np.abs) before summing: negative weights "
    "must not cancel positive ones.",
)
def l1_without_abs(parameters, lambd, m):
    L = len(parameters) // 2
    total = 0
    for l in range(1, L + 1):
        total += np.sum(parameters["W" + str(l)])
    penalty = lambd / (2 * m) * total
    return penalty


@mistake(
    "exponentially_weighted_average",
    "bias correction divides by (1 - beta**t), beta to the power of the step t, not by (1 - beta).",
)
def ewa_correction_without_power(thetas, beta, bias_correction=False):
    averages = np.zeros(thetas.shape[0])
    v = 0.0
    for t in range(1, thetas.shape[0] + 1):
        v = beta * v + (1 - beta) * thetas[t - 1]
        averages[t - 1] = v / (1 - beta) if bias_correction else v
    return averages


@mistake(
    "exponentially_weighted_average",
    "apply the bias correction to the reported value only; the recursion must keep "
    "using the uncorrected v.",
)
def ewa_correction_stored(thetas, beta, bias_correction=False):
    averages = np.zeros(thetas.shape[0])
    v = 0.0
    for t in range(1, thetas.shape[0] + 1):
        v = beta * v + (1 - beta) * thetas[t - 1]
        if bias_correction:
            v = v / (1 - beta**t)
        averages[t - 1] = v
    return averages


@mistake(
    "exponentially_weighted_average",
    "start from v_0 = 0, not from the first value of the series (bias correction is what "
    "fixes the start-up).",
)
def ewa_starting_at_first_value(thetas, beta, bias_correction=False):
    averages = np.zeros(thetas.shape[0])
    v = thetas[0]
    for t in range(1, thetas.shape[0] + 1):
        v = beta * v + (1 - beta) * thetas[t - 1]
        averages[t - 1] = v / (1 - beta**t) if bias_correction else v
    return averages


@mistake(
    "exponentially_weighted_average",
    "beta weighs the past: v = beta * v + (1 - beta) * theta, not the other way round.",
)
def ewa_weights_swapped(thetas, beta, bias_correction=False):
    averages = np.zeros(thetas.shape[0])
    v = 0.0
    for t in range(1, thetas.shape[0] + 1):
        v = (1 - beta) * v + beta * thetas[t - 1]
        averages[t - 1] = v / (1 - beta**t) if bias_correction else v
    return averages


@mistake(
    "update_parameters_with_rmsprop",
    "add epsilon after the square root: np.sqrt(s) + epsilon, not np.sqrt(s + epsilon).",
)
def rmsprop_epsilon_inside_sqrt(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = grads["d" + p + str(l)]
            s["d" + p + str(l)] = beta2 * s["d" + p + str(l)] + (1 - beta2) * np.square(g)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * g / np.sqrt(
                s["d" + p + str(l)] + epsilon
            )
    return parameters, s


@mistake(
    "update_parameters_with_rmsprop",
    "RMSprop averages the squared gradients: (1 - beta2) * np.square(dW).",
)
def rmsprop_gradient_not_squared(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = grads["d" + p + str(l)]
            s["d" + p + str(l)] = beta2 * s["d" + p + str(l)] + (1 - beta2) * g
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * g / (
                np.sqrt(s["d" + p + str(l)]) + epsilon
            )
    return parameters, s


@mistake(
    "update_parameters_with_rmsprop",
    "weight the new squared gradient by (1 - beta2): s = beta2 * s + (1 - beta2) * dW**2.",
)
def rmsprop_without_one_minus_beta(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = grads["d" + p + str(l)]
            s["d" + p + str(l)] = beta2 * s["d" + p + str(l)] + np.square(g)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * g / (
                np.sqrt(s["d" + p + str(l)]) + epsilon
            )
    return parameters, s


@mistake(
    "update_parameters_with_rmsprop",
    "divide by the square root of s: learning_rate * dW / (np.sqrt(s) + epsilon).",
)
def rmsprop_without_sqrt(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = grads["d" + p + str(l)]
            s["d" + p + str(l)] = beta2 * s["d" + p + str(l)] + (1 - beta2) * np.square(g)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * g / (
                s["d" + p + str(l)] + epsilon
            )
    return parameters, s


@mistake(
    "update_parameters_with_rmsprop",
    "count the layers from parameters (L = len(parameters) // 2): grads from a backward pass "
    "also holds dZ and dA, so len(grads) // 2 walks past the last layer.",
)
def rmsprop_counts_layers_in_grads(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(grads) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = grads["d" + p + str(l)]
            s["d" + p + str(l)] = beta2 * s["d" + p + str(l)] + (1 - beta2) * np.square(g)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * g / (
                np.sqrt(s["d" + p + str(l)]) + epsilon
            )
    return parameters, s


@mistake(
    "update_parameters_with_nesterov",
    "Nesterov steps by beta * v + (1 - beta) * dW with the v you just updated (the "
    "look-ahead); stepping by v alone, or by the look-ahead of the old v, is plain momentum.",
)
def nesterov_as_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            v["d" + p + str(l)] = beta * v["d" + p + str(l)] + (1 - beta) * grads["d" + p + str(l)]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v["d" + p + str(l)]
    return parameters, v


@mistake(
    "update_parameters_with_nesterov",
    "the velocity is an exponentially weighted average: v = beta * v + (1 - beta) * dW, "
    "and the step uses (1 - beta) * dW too.",
)
def nesterov_without_one_minus_beta(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = grads["d" + p + str(l)]
            v["d" + p + str(l)] = beta * v["d" + p + str(l)] + g
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * (
                beta * v["d" + p + str(l)] + g
            )
    return parameters, v


@mistake(
    "update_parameters_with_nesterov",
    "count the layers from parameters (L = len(parameters) // 2): grads from a backward pass "
    "also holds dZ and dA, so len(grads) // 2 walks past the last layer.",
)
def nesterov_counts_layers_in_grads(parameters, grads, v, beta, learning_rate):
    L = len(grads) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = grads["d" + p + str(l)]
            v["d" + p + str(l)] = beta * v["d" + p + str(l)] + (1 - beta) * g
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * (
                beta * v["d" + p + str(l)] + (1 - beta) * g
            )
    return parameters, v


@mistake(
    "exponential_lr_decay",
    "epochs count from 0: the rate is base**epoch_num * learning_rate0, so epoch 0 gives "
    "learning_rate0 itself.",
)
def exponential_off_by_one(learning_rate0, epoch_num, base=0.95):
    learning_rate = base ** (epoch_num + 1) * learning_rate0
    return learning_rate


@mistake(
    "exponential_lr_decay",
    "the lectures' exponential decay is base**epoch_num * learning_rate0 "
    "(e.g. 0.95**t * alpha0), not learning_rate0 * exp(-base * epoch_num).",
)
def exponential_with_exp(learning_rate0, epoch_num, base=0.95):
    learning_rate = learning_rate0 * np.exp(-base * epoch_num)
    return learning_rate


@mistake(
    "exponential_lr_decay",
    "this is the exponential schedule base**epoch_num * learning_rate0, not the "
    "inverse-time decay learning_rate0 / (1 + decay * epoch_num).",
)
def exponential_as_inverse_time(learning_rate0, epoch_num, base=0.95):
    learning_rate = learning_rate0 / (1 + base * epoch_num)
    return learning_rate


@mistake(
    "schedule_lr_decay",
    "the decay must use floor(epoch_num / time_interval): the rate stays constant between "
    "two steps.",
)
def schedule_without_floor(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num / time_interval)
    return learning_rate


@mistake(
    "schedule_lr_decay",
    "mind the parentheses: decay_rate * epoch_num // time_interval floors the product; "
    "write decay_rate * (epoch_num // time_interval).",
)
def schedule_precedence(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num // time_interval)
    return learning_rate


@mistake(
    "schedule_lr_decay",
    "round down with np.floor, not np.round: the step happens when a whole interval has passed.",
)
def schedule_with_round(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * np.round(epoch_num / time_interval))
    return learning_rate


@mistake(
    "sample_learning_rate",
    "sampling uniformly between low and high puts almost every sample in the top decade: "
    "sample the exponent r uniformly, then return 10**r.",
)
def learning_rate_uniform(low=1e-4, high=1.0, size=None):
    learning_rate = np.random.uniform(low, high, size)
    return learning_rate


@mistake(
    "sample_learning_rate",
    "use the bounds you are given: r between math.log10(low) and math.log10(high), "
    "not the lecture's fixed r = -4 * np.random.rand().",
)
def learning_rate_fixed_exponent(low=1e-4, high=1.0, size=None):
    r = -4 * np.random.random_sample(size)
    learning_rate = 10**r
    return learning_rate


@mistake(
    "sample_learning_rate",
    "mixing logarithms: with 10**r the exponent bounds are math.log10(low) and "
    "math.log10(high), not the natural logarithms.",
)
def learning_rate_natural_log_bounds(low=1e-4, high=1.0, size=None):
    r = np.random.uniform(math.log(low), math.log(high), size)
    learning_rate = 10**r
    return learning_rate


@mistake(
    "sample_beta",
    "sampling beta uniformly puts most samples where 1 - beta is large: sample 1 - beta on "
    "a log scale, beta = 1 - 10**r.",
)
def beta_uniform(low=0.9, high=0.999, size=None):
    beta = np.random.uniform(low, high, size)
    return beta


@mistake(
    "sample_beta",
    "put 1 - beta on the log scale, not beta: r between log10(1 - high) and "
    "log10(1 - low), then beta = 1 - 10**r.",
)
def beta_itself_on_log_scale(low=0.9, high=0.999, size=None):
    r = np.random.uniform(math.log10(low), math.log10(high), size)
    beta = 10**r
    return beta


@mistake(
    "sample_beta",
    "use the bounds you are given: r between math.log10(1 - high) and math.log10(1 - low), "
    "not the lecture's fixed [-3, -1].",
)
def beta_fixed_exponent(low=0.9, high=0.999, size=None):
    r = -3 + 2 * np.random.random_sample(size)
    beta = 1 - 10**r
    return beta
