"""Parameter update rules of week 2: gradient descent, momentum, Nesterov, RMSprop, Adam.

Data layout (the course's): `parameters` is a dict {"W1", "b1", ..., "WL", "bL"} with
W{l} of shape (n_l, n_{l-1}) and b{l} of shape (n_l, 1); `grads` has the same shapes
under "dW{l}", "db{l}". Optimizer state (v, s) is a dict keyed like `grads`.

Every function here is graded (or gradable): it is self-contained given `import numpy
as np`, and the student-written part sits between `# YOUR CODE STARTS HERE` and
`# YOUR CODE ENDS HERE` as single-target assignments, so a template tool can blank
each right-hand side. In-place behaviour is the course's: `parameters[key] = ...`
rebinds keys of the caller's dict (the dict is mutated and returned) but never writes
into the caller's arrays.
"""

from __future__ import annotations

import numpy as np


def update_parameters_with_gd(
    parameters: dict[str, np.ndarray], grads: dict[str, np.ndarray], learning_rate: float
) -> dict[str, np.ndarray]:
    """One step of (batch or mini-batch) gradient descent: W{l} -= lr * dW{l}.

    Inputs:
    - parameters: W{l} (n_l, n_{l-1}), b{l} (n_l, 1) for l = 1..L
    - grads: dW{l}, db{l} of the same shapes
    - learning_rate: scalar step size

    Returns:
    - parameters: the same dict, its keys rebound to the updated arrays
    """
    L = len(parameters) // 2
    for l in range(1, L + 1):
        # YOUR CODE STARTS HERE
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
        # YOUR CODE ENDS HERE
    return parameters


def initialize_velocity(parameters: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Zero velocity for momentum and Nesterov, keyed like the gradients.

    Inputs:
    - parameters: W{l} (n_l, n_{l-1}), b{l} (n_l, 1)

    Returns:
    - v: dict with v["dW{l}"] zeros (n_l, n_{l-1}) and v["db{l}"] zeros (n_l, 1)
    """
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        # YOUR CODE STARTS HERE
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
        # YOUR CODE ENDS HERE
    return v


def update_parameters_with_momentum(
    parameters: dict[str, np.ndarray],
    grads: dict[str, np.ndarray],
    v: dict[str, np.ndarray],
    beta: float,
    learning_rate: float,
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Momentum: v = beta v + (1 - beta) g (an EWA of the gradients), W -= lr v.

    Inputs:
    - parameters: W{l} (n_l, n_{l-1}), b{l} (n_l, 1)
    - grads: dW{l}, db{l} of the same shapes
    - v: velocity dict, v["dW{l}"], v["db{l}"] of the same shapes
    - beta: momentum coefficient in [0, 1)
    - learning_rate: scalar step size

    Returns a tuple of:
    - parameters: updated (keys rebound)
    - v: updated velocity (keys rebound)
    """
    L = len(parameters) // 2
    for l in range(1, L + 1):
        # YOUR CODE STARTS HERE
        v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        v["db" + str(l)] = beta * v["db" + str(l)] + (1 - beta) * grads["db" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v["db" + str(l)]
        # YOUR CODE ENDS HERE
    return parameters, v


def update_parameters_with_nesterov(
    parameters: dict[str, np.ndarray],
    grads: dict[str, np.ndarray],
    v: dict[str, np.ndarray],
    beta: float,
    learning_rate: float,
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Nesterov momentum in look-ahead form, with the course's damped velocity.

    Why this form: true Nesterov evaluates the gradient at theta - lr * beta * v, which an
    update rule that only receives `grads` cannot do. Tracking the look-ahead point
    phi = theta - lr * beta * v instead (Sutskever et al. 2013, CS231n) turns it into an
    update that uses the gradient at the current parameters:

        v   = beta * v + (1 - beta) * g          (same v as update_parameters_with_momentum)
        phi = phi - lr * (beta * v + (1 - beta) * g)

    This is CS231n's `v_prev = v; v = mu*v - a*g; x += -mu*v_prev + (1 + mu)*v` with
    a = lr * (1 - beta) and its velocity equal to -lr * v. `parameters` holds phi.

    Inputs:
    - parameters: W{l} (n_l, n_{l-1}), b{l} (n_l, 1), the look-ahead point
    - grads: dW{l}, db{l} of the same shapes, evaluated at `parameters`
    - v: velocity dict, v["dW{l}"], v["db{l}"] of the same shapes
    - beta: momentum coefficient in [0, 1)
    - learning_rate: scalar step size

    Returns a tuple of:
    - parameters: updated (keys rebound)
    - v: updated velocity (keys rebound)
    """
    L = len(parameters) // 2
    for l in range(1, L + 1):
        # YOUR CODE STARTS HERE
        v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        v["db" + str(l)] = beta * v["db" + str(l)] + (1 - beta) * grads["db" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * (
            beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        )
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * (
            beta * v["db" + str(l)] + (1 - beta) * grads["db" + str(l)]
        )
        # YOUR CODE ENDS HERE
    return parameters, v


def initialize_rmsprop(parameters: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Zero squared-gradient average for RMSprop, keyed like the gradients.

    Inputs:
    - parameters: W{l} (n_l, n_{l-1}), b{l} (n_l, 1)

    Returns:
    - s: dict with s["dW{l}"] zeros (n_l, n_{l-1}) and s["db{l}"] zeros (n_l, 1)
    """
    L = len(parameters) // 2
    s = {}
    for l in range(1, L + 1):
        # YOUR CODE STARTS HERE
        s["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        s["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
        # YOUR CODE ENDS HERE
    return s


def update_parameters_with_rmsprop(
    parameters: dict[str, np.ndarray],
    grads: dict[str, np.ndarray],
    s: dict[str, np.ndarray],
    beta2: float,
    learning_rate: float,
    epsilon: float = 1e-8,
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """RMSprop: s = beta2 s + (1 - beta2) g**2, W -= lr g / (sqrt(s) + eps).

    Epsilon sits outside the square root, as in the lecture and in Adam below.

    Inputs:
    - parameters: W{l} (n_l, n_{l-1}), b{l} (n_l, 1)
    - grads: dW{l}, db{l} of the same shapes
    - s: squared-gradient average, s["dW{l}"], s["db{l}"] of the same shapes
    - beta2: decay of the average, in [0, 1)
    - learning_rate: scalar step size
    - epsilon: keeps the division finite when s is 0

    Returns a tuple of:
    - parameters: updated (keys rebound)
    - s: updated average (keys rebound)
    """
    L = len(parameters) // 2
    for l in range(1, L + 1):
        # YOUR CODE STARTS HERE
        s["dW" + str(l)] = beta2 * s["dW" + str(l)] + (1 - beta2) * np.square(grads["dW" + str(l)])
        s["db" + str(l)] = beta2 * s["db" + str(l)] + (1 - beta2) * np.square(grads["db" + str(l)])
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads[
            "dW" + str(l)
        ] / (np.sqrt(s["dW" + str(l)]) + epsilon)
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads[
            "db" + str(l)
        ] / (np.sqrt(s["db" + str(l)]) + epsilon)
        # YOUR CODE ENDS HERE
    return parameters, s


def initialize_adam(
    parameters: dict[str, np.ndarray],
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Zero first (v) and second (s) moment estimates for Adam, keyed like the gradients.

    Inputs:
    - parameters: W{l} (n_l, n_{l-1}), b{l} (n_l, 1)

    Returns a tuple of:
    - v: dict with v["dW{l}"] zeros (n_l, n_{l-1}) and v["db{l}"] zeros (n_l, 1)
    - s: dict of zeros with the same keys and shapes
    """
    L = len(parameters) // 2
    v = {}
    s = {}
    for l in range(1, L + 1):
        # YOUR CODE STARTS HERE
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
        s["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        s["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
        # YOUR CODE ENDS HERE
    return v, s


def update_parameters_with_adam(
    parameters: dict[str, np.ndarray],
    grads: dict[str, np.ndarray],
    v: dict[str, np.ndarray],
    s: dict[str, np.ndarray],
    t: int,
    learning_rate: float = 0.01,
    beta1: float = 0.9,
    beta2: float = 0.999,
    epsilon: float = 1e-8,
) -> tuple[
    dict[str, np.ndarray],
    dict[str, np.ndarray],
    dict[str, np.ndarray],
    dict[str, np.ndarray],
    dict[str, np.ndarray],
]:
    """Adam: bias-corrected momentum and RMSprop combined (the 2021 notebook's 5-tuple).

    Course order per layer: v, v_corrected, s, s_corrected, then the update
    W -= lr * v_corrected / (sqrt(s_corrected) + eps). Only v and s carry state; the
    corrections divide by (1 - beta**t) and are returned for inspection (the pre-2021
    notebook returned only (parameters, v, s)).

    Inputs:
    - parameters: W{l} (n_l, n_{l-1}), b{l} (n_l, 1)
    - grads: dW{l}, db{l} of the same shapes
    - v, s: first and second moment dicts keyed like grads
    - t: number of Adam steps taken so far including this one (t >= 1)
    - learning_rate, beta1, beta2, epsilon: the usual hyperparameters

    Returns a tuple of:
    - parameters: updated (keys rebound)
    - v, s: updated moment estimates (keys rebound)
    - v_corrected, s_corrected: new dicts, v / (1 - beta1**t) and s / (1 - beta2**t)
    """
    L = len(parameters) // 2
    v_corrected = {}
    s_corrected = {}
    for l in range(1, L + 1):
        # YOUR CODE STARTS HERE
        v["dW" + str(l)] = beta1 * v["dW" + str(l)] + (1 - beta1) * grads["dW" + str(l)]
        v["db" + str(l)] = beta1 * v["db" + str(l)] + (1 - beta1) * grads["db" + str(l)]
        v_corrected["dW" + str(l)] = v["dW" + str(l)] / (1 - beta1**t)
        v_corrected["db" + str(l)] = v["db" + str(l)] / (1 - beta1**t)
        s["dW" + str(l)] = beta2 * s["dW" + str(l)] + (1 - beta2) * np.square(grads["dW" + str(l)])
        s["db" + str(l)] = beta2 * s["db" + str(l)] + (1 - beta2) * np.square(grads["db" + str(l)])
        s_corrected["dW" + str(l)] = s["dW" + str(l)] / (1 - beta2**t)
        s_corrected["db" + str(l)] = s["db" + str(l)] / (1 - beta2**t)
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v_corrected[
            "dW" + str(l)
        ] / (np.sqrt(s_corrected["dW" + str(l)]) + epsilon)
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v_corrected[
            "db" + str(l)
        ] / (np.sqrt(s_corrected["db" + str(l)]) + epsilon)
        # YOUR CODE ENDS HERE
    return parameters, v, s, v_corrected, s_corrected
