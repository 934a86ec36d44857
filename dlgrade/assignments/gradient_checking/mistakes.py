"""Mistakes students really make in the gradient-checking notebook, each with its hint.

Every variant is self-contained: numpy, plus what the notebook defines or imports
(forward_propagation / backward_propagation of the 1-D exercise, forward_propagation_n,
and dictionary_to_vector, vector_to_dictionary, gradients_to_vector from gc_utils), so
`grade selftest` can inject its source into a rendered notebook. The N-dimensional
variants use the reference's forward_propagation_n on the trusted side (same code as
the notebook's), imported below under the notebook's name.
"""

import numpy as np

from dlgrade.grader.checking import mistake
from dlgrade.reference.gc_vectors import (
    dictionary_to_vector,
    forward_propagation_n,
    gradients_to_vector,
    vector_to_dictionary,
)
from dlgrade.reference.gradient_checking import backward_propagation, forward_propagation

# ---- forward_propagation (J = theta * x) ----------------------------------------------------


@mistake(
    "forward_propagation",
    "forward_propagation returns the cost J = theta * x; x alone is its derivative "
    "(that is backward_propagation's job).",
)
def forward_returns_the_derivative(x, theta):
    J = x
    return J


@mistake("forward_propagation", "The cost is the product J = theta * x, not the sum theta + x.")
def forward_adds(x, theta):
    J = theta + x
    return J


# ---- backward_propagation (dJ/dtheta = x) ---------------------------------------------------


@mistake(
    "backward_propagation",
    "The derivative of J = theta * x with respect to theta is x, not theta.",
)
def backward_returns_theta(x, theta):
    dtheta = theta
    return dtheta


@mistake(
    "backward_propagation",
    "backward_propagation returns the derivative dJ/dtheta = x, not the cost theta * x.",
)
def backward_returns_the_cost(x, theta):
    dtheta = theta * x
    return dtheta


# ---- gradient_check (1-D) -------------------------------------------------------------------


@mistake(
    "gradient_check",
    "The two-sided difference divides by 2 * epsilon: (J_plus - J_minus) / (2 * epsilon).",
)
def check_without_the_two(x, theta, epsilon=1e-7, print_msg=False):
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / epsilon
    grad = backward_propagation(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    return difference


@mistake(
    "gradient_check",
    "Use the epsilon argument, not the number 1e-7: theta + epsilon, theta - epsilon and "
    "(J_plus - J_minus) / (2 * epsilon).",
)
def check_hard_coded_epsilon(x, theta, epsilon=1e-7, print_msg=False):
    theta_plus = theta + 1e-7
    theta_minus = theta - 1e-7
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * 1e-7)
    grad = backward_propagation(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    return difference


@mistake(
    "gradient_check",
    "theta_minus is theta - epsilon: computing it from theta_plus gives theta itself and "
    "halves the approximation.",
)
def check_minus_from_plus(x, theta, epsilon=1e-7, print_msg=False):
    theta_plus = theta + epsilon
    theta_minus = theta_plus - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    return difference


@mistake(
    "gradient_check",
    "The relative difference divides by the sum of BOTH norms: "
    "np.linalg.norm(grad) + np.linalg.norm(gradapprox).",
)
def check_divides_by_one_norm(x, theta, epsilon=1e-7, print_msg=False):
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad)
    difference = numerator / denominator
    return difference


@mistake(
    "gradient_check",
    "Take norms: np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + "
    "np.linalg.norm(gradapprox)); without them the difference can be negative.",
)
def check_without_norms(x, theta, epsilon=1e-7, print_msg=False):
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    numerator = grad - gradapprox
    denominator = grad + gradapprox
    difference = numerator / denominator
    return difference


# ---- gradient_check_n -----------------------------------------------------------------------


@mistake(
    "gradient_check_n",
    "theta_minus must be a fresh copy of parameters_values with epsilon subtracted: building "
    "it from theta_plus, or perturbing parameters_values in place without np.copy, leaves "
    "theta_minus = theta and halves the approximation (difference about 0.333).",
)
def check_n_minus_from_plus(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        theta_minus = np.copy(theta_plus)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    return difference


@mistake(
    "gradient_check_n",
    "The two-sided difference divides by 2 * epsilon: (J_plus[i] - J_minus[i]) / (2 * epsilon).",
)
def check_n_without_the_two(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        gradapprox[i] = (J_plus[i] - J_minus[i]) / epsilon
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    return difference


@mistake(
    "gradient_check_n",
    "Pass the PERTURBED vector to the cost: vector_to_dictionary(theta_plus) and "
    "vector_to_dictionary(theta_minus), not parameters_values.",
)
def check_n_unperturbed_cost(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(parameters_values))
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(parameters_values))
        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    return difference


@mistake(
    "gradient_check_n",
    "The relative difference divides by norm(grad) + norm(gradapprox), the sum of the two "
    "norms, not by the norm of the sum.",
)
def check_n_norm_of_the_sum(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad + gradapprox)
    difference = numerator / denominator
    return difference


@mistake(
    "gradient_check_n",
    "Use the epsilon argument, not the number 1e-7: theta_plus[i] + epsilon, theta_minus[i] - "
    "epsilon and (J_plus[i] - J_minus[i]) / (2 * epsilon).",
)
def check_n_hard_coded_epsilon(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + 1e-7
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - 1e-7
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * 1e-7)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    return difference
