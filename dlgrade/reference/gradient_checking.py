"""Gradient checking, graded in the Gradient Checking notebook: the 1-D warm-up and the N-dim net.

Data layout: features x examples; for the N-dim check X (4, m), Y (1, m) or the course's
1-D (m,), parameters W1 (5, 4), b1 (5, 1), W2 (3, 5), b2 (3, 1), W3 (1, 3), b3 (1, 1)
flattened to theta (47, 1) by reference.gc_vectors.

Both checks return the relative difference ||grad - gradapprox|| / (||grad|| + ||gradapprox||)
with the two-sided approximation (J(theta + eps) - J(theta - eps)) / (2 eps). The course's
threshold is 2e-7. `forward_propagation`/`backward_propagation` here are the notebook's 1-D
J = theta * x, NOT the network's (reference.network); reference/__init__ exports neither.
"""

from __future__ import annotations

import numpy as np

from dlgrade.reference.gc_vectors import (
    dictionary_to_vector,
    forward_propagation_n,
    gradients_to_vector,
    vector_to_dictionary,
)

COURSE_THRESHOLD = 2e-7


def forward_propagation(x: float, theta: float) -> float:
    """The notebook's 1-D cost J(theta) = theta * x (scalars, or arrays broadcast together)."""
    # YOUR CODE STARTS HERE
    J = theta * x
    # YOUR CODE ENDS HERE
    return J


def backward_propagation(x: float, theta: float) -> float:
    """dJ/dtheta of forward_propagation: x."""
    # YOUR CODE STARTS HERE
    dtheta = x
    # YOUR CODE ENDS HERE
    return dtheta


def relative_difference(grad: np.ndarray, gradapprox: np.ndarray) -> float:
    """||grad - gradapprox|| / (||grad|| + ||gradapprox||), the course's formula (2-norms)."""
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return numerator / denominator


def gradient_check(x: float, theta: float, epsilon: float = 1e-7, print_msg: bool = False) -> float:
    """Check backward_propagation against a two-sided difference of forward_propagation.

    Inputs: x, theta scalars; epsilon the step. Returns the relative difference (scalar).
    Self-contained (the formula and the message are written out, not taken from the
    helpers above) because a notebook gets this function's source.
    """
    # YOUR CODE STARTS HERE
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    # YOUR CODE ENDS HERE
    # YOUR CODE STARTS HERE
    grad = backward_propagation(x, theta)
    # YOUR CODE ENDS HERE
    # YOUR CODE STARTS HERE
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    # YOUR CODE ENDS HERE
    if print_msg:
        if difference > 2e-7:
            print(f"There is a mistake in the backward propagation! difference = {difference}")
        else:
            print(f"Your backward propagation works perfectly fine! difference = {difference}")
    return difference


def gradient_check_n(
    parameters: dict[str, np.ndarray],
    gradients: dict[str, np.ndarray],
    X: np.ndarray,
    Y: np.ndarray,
    epsilon: float = 1e-7,
    print_msg: bool = False,
) -> float:
    """Check `gradients` (dW1 ... db3) against two-sided differences of forward_propagation_n.

    Inputs: parameters and gradients as in the module docstring, X (4, m), Y (1, m) or (m,).
    Each of the 47 components is perturbed in a fresh COPY of theta (+eps, then -eps), so one
    perturbation never leaks into another. Returns the relative difference (scalar).
    Self-contained given numpy and the gc_utils helpers (a notebook gets its source).
    """
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        # YOUR CODE STARTS HERE
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        # YOUR CODE ENDS HERE
        # YOUR CODE STARTS HERE
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        # YOUR CODE ENDS HERE
        # YOUR CODE STARTS HERE
        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)
        # YOUR CODE ENDS HERE
    # YOUR CODE STARTS HERE
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    # YOUR CODE ENDS HERE
    if print_msg:
        if difference > 2e-7:
            print(f"There is a mistake in the backward propagation! difference = {difference}")
        else:
            print(f"Your backward propagation works perfectly fine! difference = {difference}")
    return difference
