"""Batch normalization of pre-activations (week 3): forward, backward, test-time statistics.

Data layout: Z holds one layer's pre-activations with units as rows and the examples
of the mini-batch as columns, shape (n, m); gamma, beta and all statistics have shape
(n, 1), one value per unit. Statistics are over the mini-batch axis (axis=1), and the
variance is the biased one (1/m), as in the lecture.

Every function is self-contained given `import numpy as np` (gradable), with the
student part between the `# YOUR CODE STARTS/ENDS HERE` markers.

The forward cache is a dict with keys "Z_norm" (n, m), "mu" (n, 1), "var" (n, 1),
"gamma" (n, 1) and "epsilon" (float). `cache["mu"]` and `cache["var"]` are the batch
statistics to feed `batchnorm_running_averages` during training.
"""

from __future__ import annotations

import numpy as np


def batchnorm_forward(
    Z: np.ndarray, gamma: np.ndarray, beta: np.ndarray, epsilon: float = 1e-8
) -> tuple[np.ndarray, dict[str, object]]:
    """Normalize each unit over the mini-batch, then scale by gamma and shift by beta.

    A unit with zero variance gives Z_norm = 0 (not NaN) thanks to epsilon.

    Inputs:
    - Z: pre-activations, of shape (n, m)
    - gamma: learnable scale, of shape (n, 1)
    - beta: learnable shift, of shape (n, 1)
    - epsilon: added to the variance before the square root

    Returns a tuple of:
    - Z_tilde: gamma * Z_norm + beta, of shape (n, m)
    - cache: dict described in the module docstring
    """
    # YOUR CODE STARTS HERE
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.mean(np.square(Z - mu), axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    Z_tilde = gamma * Z_norm + beta
    # YOUR CODE ENDS HERE
    cache = {"Z_norm": Z_norm, "mu": mu, "var": var, "gamma": gamma, "epsilon": epsilon}
    return Z_tilde, cache


def batchnorm_backward(
    dZ_tilde: np.ndarray, cache: dict[str, object]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients of batch normalization, in the compact closed form.

    Why the closed form: differentiating through mu and var (both depend on every
    example) collapses, per unit, to
    dZ = gamma / (m sqrt(var + eps)) * (m dZ_tilde - sum(dZ_tilde) - Z_norm sum(dZ_tilde Z_norm)).

    Inputs:
    - dZ_tilde: upstream gradient, of shape (n, m)
    - cache: from batchnorm_forward

    Returns a tuple of:
    - dZ: gradient with respect to Z, of shape (n, m)
    - dgamma: gradient with respect to gamma, of shape (n, 1)
    - dbeta: gradient with respect to beta, of shape (n, 1)
    """
    Z_norm = cache["Z_norm"]
    gamma = cache["gamma"]
    var = cache["var"]
    epsilon = cache["epsilon"]
    m = dZ_tilde.shape[1]
    # YOUR CODE STARTS HERE
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True)
    dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)
    dZ = gamma / (m * np.sqrt(var + epsilon)) * (m * dZ_tilde - dbeta - Z_norm * dgamma)
    # YOUR CODE ENDS HERE
    return dZ, dgamma, dbeta


def batchnorm_running_averages(
    running_mean: np.ndarray,
    running_var: np.ndarray,
    mu: np.ndarray,
    var: np.ndarray,
    momentum: float = 0.9,
) -> tuple[np.ndarray, np.ndarray]:
    """Fold one mini-batch's statistics into the test-time estimates (an EWA).

    running = momentum * running + (1 - momentum) * batch. The batch variances are the
    biased (1/m) ones, so running_var tends to (m - 1) / m times the true variance.

    Inputs:
    - running_mean, running_var: current estimates, of shape (n, 1)
    - mu, var: this mini-batch's statistics (cache["mu"], cache["var"]), of shape (n, 1)
    - momentum: weight of the past, in [0, 1)

    Returns a tuple of:
    - running_mean, running_var: new arrays of shape (n, 1)
    """
    # YOUR CODE STARTS HERE
    running_mean = momentum * running_mean + (1 - momentum) * mu
    running_var = momentum * running_var + (1 - momentum) * var
    # YOUR CODE ENDS HERE
    return running_mean, running_var


def batchnorm_inference(
    Z: np.ndarray,
    gamma: np.ndarray,
    beta: np.ndarray,
    running_mean: np.ndarray,
    running_var: np.ndarray,
    epsilon: float = 1e-8,
) -> np.ndarray:
    """Test-time batch norm: normalize with the running statistics, not the batch's.

    Why: at test time examples may come one at a time, so there is no batch to average.

    Inputs:
    - Z: pre-activations, of shape (n, m) (any m, including 1)
    - gamma, beta: learned scale and shift, of shape (n, 1)
    - running_mean, running_var: training estimates, of shape (n, 1)
    - epsilon: added to the variance before the square root

    Returns:
    - Z_tilde: of shape (n, m)
    """
    # YOUR CODE STARTS HERE
    Z_norm = (Z - running_mean) / np.sqrt(running_var + epsilon)
    Z_tilde = gamma * Z_norm + beta
    # YOUR CODE ENDS HERE
    return Z_tilde
