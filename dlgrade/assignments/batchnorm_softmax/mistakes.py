"""Wrong variants of the batchnorm_softmax graded functions that students really write.

Each function is self-contained (numpy only) because `grade selftest` injects its source
into a notebook in place of the student's definition. Shapes follow the reference:
Z, Z_tilde (n, m); gamma, beta, statistics (n, 1); A, Y, logits (C, m).
"""

from __future__ import annotations

import numpy as np

from dlgrade.grader.checking.mistakes import mistake


@mistake(
    "batchnorm_forward",
    "batch norm averages each unit over the examples of the mini-batch: "
    "use np.mean(Z, axis=1, keepdims=True), not axis=0.",
)
def forward_over_units(Z, gamma, beta, epsilon=1e-8):
    mu = np.mean(Z, axis=0, keepdims=True)
    var = np.mean(np.square(Z - mu), axis=0, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    Z_tilde = gamma * Z_norm + beta
    cache = {"Z_norm": Z_norm, "mu": mu, "var": var, "gamma": gamma, "epsilon": epsilon}
    return Z_tilde, cache


@mistake(
    "batchnorm_forward",
    "use the mini-batch variance 1/m * sum((Z - mu)**2) (np.var's default), "
    "not the unbiased 1/(m - 1) one.",
)
def forward_unbiased_variance(Z, gamma, beta, epsilon=1e-8):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.var(Z, axis=1, ddof=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    Z_tilde = gamma * Z_norm + beta
    cache = {"Z_norm": Z_norm, "mu": mu, "var": var, "gamma": gamma, "epsilon": epsilon}
    return Z_tilde, cache


@mistake(
    "batchnorm_forward",
    "epsilon goes inside the square root: np.sqrt(var + epsilon), not np.sqrt(var) + epsilon.",
)
def forward_epsilon_outside_sqrt(Z, gamma, beta, epsilon=1e-8):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.mean(np.square(Z - mu), axis=1, keepdims=True)
    Z_norm = (Z - mu) / (np.sqrt(var) + epsilon)
    Z_tilde = gamma * Z_norm + beta
    cache = {"Z_norm": Z_norm, "mu": mu, "var": var, "gamma": gamma, "epsilon": epsilon}
    return Z_tilde, cache


@mistake(
    "batchnorm_forward",
    "after normalizing, scale and shift with the learnable parameters: "
    "Z_tilde = gamma * Z_norm + beta.",
)
def forward_without_gamma_beta(Z, gamma, beta, epsilon=1e-8):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.mean(np.square(Z - mu), axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    Z_tilde = Z_norm
    cache = {"Z_norm": Z_norm, "mu": mu, "var": var, "gamma": gamma, "epsilon": epsilon}
    return Z_tilde, cache


@mistake(
    "batchnorm_backward",
    "mu and var depend on every example of the batch, so dZ needs the two correction terms: "
    "gamma / (m * sqrt(var + eps)) * (m * dZ_tilde - dbeta - Z_norm * dgamma).",
)
def backward_constant_statistics(dZ_tilde, cache):
    Z_norm = cache["Z_norm"]
    gamma = cache["gamma"]
    var = cache["var"]
    epsilon = cache["epsilon"]
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True)
    dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)
    dZ = gamma * dZ_tilde / np.sqrt(var + epsilon)
    return dZ, dgamma, dbeta


@mistake(
    "batchnorm_backward",
    "dZ is scaled by gamma: Z_tilde = gamma * Z_norm + beta, so every path to Z goes "
    "through gamma.",
)
def backward_without_gamma(dZ_tilde, cache):
    Z_norm = cache["Z_norm"]
    var = cache["var"]
    epsilon = cache["epsilon"]
    m = dZ_tilde.shape[1]
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True)
    dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)
    dZ = 1 / (m * np.sqrt(var + epsilon)) * (m * dZ_tilde - dbeta - Z_norm * dgamma)
    return dZ, dgamma, dbeta


@mistake(
    "batchnorm_backward",
    "dgamma and dbeta sum over the examples: np.sum(..., axis=1, keepdims=True), "
    "one value per unit, shape (n, 1).",
)
def backward_sums_over_units(dZ_tilde, cache):
    Z_norm = cache["Z_norm"]
    gamma = cache["gamma"]
    var = cache["var"]
    epsilon = cache["epsilon"]
    m = dZ_tilde.shape[1]
    dbeta = np.sum(dZ_tilde, axis=0, keepdims=True)
    dgamma = np.sum(dZ_tilde * Z_norm, axis=0, keepdims=True)
    dZ = (
        gamma
        / (m * np.sqrt(var + epsilon))
        * (
            m * dZ_tilde
            - np.sum(dZ_tilde, axis=1, keepdims=True)
            - Z_norm * np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)
        )
    )
    return dZ, dgamma, dbeta


@mistake(
    "batchnorm_running_averages",
    "momentum is the weight of the past: running = momentum * running + (1 - momentum) * batch, "
    "not the other way round.",
)
def running_weights_swapped(running_mean, running_var, mu, var, momentum=0.9):
    running_mean = (1 - momentum) * running_mean + momentum * mu
    running_var = (1 - momentum) * running_var + momentum * var
    return running_mean, running_var


@mistake(
    "batchnorm_running_averages",
    "weight the new batch statistics by (1 - momentum), or the average grows without bound.",
)
def running_without_one_minus_momentum(running_mean, running_var, mu, var, momentum=0.9):
    running_mean = momentum * running_mean + mu
    running_var = momentum * running_var + var
    return running_mean, running_var


@mistake(
    "batchnorm_inference",
    "at test time normalize with running_mean and running_var, not with the statistics of "
    "the test batch (a batch of one example would always give beta).",
)
def inference_with_batch_statistics(Z, gamma, beta, running_mean, running_var, epsilon=1e-8):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.var(Z, axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    Z_tilde = gamma * Z_norm + beta
    return Z_tilde


@mistake(
    "batchnorm_inference",
    "epsilon goes inside the square root: np.sqrt(running_var + epsilon).",
)
def inference_epsilon_outside_sqrt(Z, gamma, beta, running_mean, running_var, epsilon=1e-8):
    Z_norm = (Z - running_mean) / (np.sqrt(running_var) + epsilon)
    Z_tilde = gamma * Z_norm + beta
    return Z_tilde


@mistake(
    "batchnorm_inference",
    "test time uses the learned scale and shift too: Z_tilde = gamma * Z_norm + beta.",
)
def inference_without_gamma_beta(Z, gamma, beta, running_mean, running_var, epsilon=1e-8):
    Z_tilde = (Z - running_mean) / np.sqrt(running_var + epsilon)
    return Z_tilde


@mistake(
    "softmax",
    "each column (one example) must sum to 1: sum the exponentials over axis=0 "
    "with keepdims=True, not axis=1.",
)
def softmax_over_rows(Z):
    exp_Z = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    A = exp_Z / np.sum(exp_Z, axis=1, keepdims=True)
    return A


@mistake(
    "softmax",
    "normalize each column separately: divide by np.sum(exp_Z, axis=0, keepdims=True), "
    "not by the sum of the whole matrix.",
)
def softmax_over_all_entries(Z):
    exp_Z = np.exp(Z - np.max(Z))
    A = exp_Z / np.sum(exp_Z)
    return A


@mistake(
    "softmax",
    "subtract each column's maximum before np.exp: large logits overflow to inf and give nan.",
)
def softmax_without_shift(Z):
    with np.errstate(over="ignore", invalid="ignore"):
        exp_Z = np.exp(Z)
        A = exp_Z / np.sum(exp_Z, axis=0, keepdims=True)
    return A


@mistake(
    "softmax_cross_entropy",
    "the cost is the mean over the m examples: divide the sum by m = Y.shape[1].",
)
def cross_entropy_without_mean(A, Y):
    cost = -np.sum(Y * np.log(np.maximum(A, np.finfo(np.float64).tiny)))
    return cost


@mistake(
    "softmax_cross_entropy",
    "divide by the number of examples m, not by the number of entries C * m "
    "(np.mean over the whole matrix).",
)
def cross_entropy_mean_over_entries(A, Y):
    cost = -np.mean(Y * np.log(np.maximum(A, np.finfo(np.float64).tiny)))
    return cost


@mistake(
    "softmax_cross_entropy",
    "softmax regression uses -sum(Y * log(A)) / m only; the (1 - Y) * log(1 - A) term "
    "belongs to the binary (sigmoid) loss.",
)
def cross_entropy_binary_formula(A, Y):
    m = Y.shape[1]
    tiny = np.finfo(np.float64).tiny
    cost = -np.sum(Y * np.log(np.maximum(A, tiny)) + (1 - Y) * np.log(np.maximum(1 - A, tiny))) / m
    return cost


@mistake(
    "softmax_cross_entropy",
    "a probability can underflow to exactly 0 and 0 * log(0) gives nan: clip A from below, "
    "e.g. np.log(np.maximum(A, np.finfo(np.float64).tiny)).",
)
def cross_entropy_without_clipping(A, Y):
    m = Y.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        cost = -np.sum(Y * np.log(A)) / m
    return cost


@mistake("softmax_backward", "the gradient is A - Y (prediction minus label), not Y - A.")
def backward_sign_flipped(A, Y):
    dZ = Y - A
    return dZ


@mistake(
    "softmax_backward",
    "return A - Y without the 1/m: as in the course's other backward passes the 1/m is "
    "applied later, in dW and db.",
)
def backward_divided_by_m(A, Y):
    dZ = (A - Y) / Y.shape[1]
    return dZ


@mistake(
    "one_hot",
    "one column per example: np.eye(C)[labels] has shape (m, C), transpose it to (C, m).",
)
def one_hot_rows(labels, C):
    Y = np.eye(C)[np.reshape(labels, -1)]
    return Y


@mistake(
    "one_hot",
    "use the given number of classes C, even when the largest class does not appear "
    "among the labels.",
)
def one_hot_classes_from_labels(labels, C):
    labels = np.reshape(labels, -1)
    Y = np.eye(np.max(labels) + 1)[labels].T
    return Y


@mistake(
    "one_hot",
    "labels may come with shape (1, m): flatten them with np.reshape(labels, -1) before "
    "indexing, or the result gets an extra axis.",
)
def one_hot_without_flatten(labels, C):
    Y = np.eye(C)[labels].T
    return Y
