# ruff: noqa: E501 - student code is written as students write it, long lines included
"""Hand-written student notebooks of the gradient-checking assignment, in both generations."""

from __future__ import annotations

from dlgrade.grader.assignments import get_assignment
from dlgrade.grader.notebooks import assignment_texts

# The notebook ships forward_propagation_n / backward_propagation_n (given code, not graded).
_SETUP = assignment_texts(get_assignment("gradient_checking"))["setup"]
GIVEN = "# The network's cost" + _SETUP.split("# The network's cost", 1)[1]

SETUP = "import numpy as np\nfrom testCases import *\nfrom gc_utils import sigmoid, relu, dictionary_to_vector, vector_to_dictionary, gradients_to_vector\n"

FORWARD = """def forward_propagation(x, theta):
    ### START CODE HERE ### (approx. 1 line)
    J = np.dot(theta, x)
    ### END CODE HERE ###
    return J
"""

BACKWARD = """def backward_propagation(x, theta):
    ### START CODE HERE ### (approx. 1 line)
    dtheta = x
    ### END CODE HERE ###
    return dtheta
"""

CHECK_OLD = """def gradient_check(x, theta, epsilon = 1e-7):
    ### START CODE HERE ### (approx. 5 lines)
    thetaplus = theta + epsilon
    thetaminus = theta - epsilon
    J_plus = forward_propagation(x, thetaplus)
    J_minus = forward_propagation(x, thetaminus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    ### END CODE HERE ###
    grad = backward_propagation(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    if difference < 1e-7:
        print ("The gradient is correct!")
    else:
        print ("The gradient is wrong!")
    return difference
"""

CHECK_N_OLD = """def gradient_check_n(parameters, gradients, X, Y, epsilon = 1e-7):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        ### START CODE HERE ### (approx. 3 lines)
        thetaplus = np.copy(parameters_values)
        thetaplus[i][0] = thetaplus[i][0] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaplus))
        ### END CODE HERE ###
        ### START CODE HERE ### (approx. 3 lines)
        thetaminus = np.copy(parameters_values)
        thetaminus[i][0] = thetaminus[i][0] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaminus))
        ### END CODE HERE ###
        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    if difference > 2e-7:
        print ("There is a mistake in the backward propagation! difference = " + str(difference))
    else:
        print ("Your backward propagation works perfectly fine! difference = " + str(difference))
    return difference
"""


def _new(source: str) -> str:
    return (
        source.replace("### START CODE HERE ### (approx. 1 line)", "# YOUR CODE STARTS HERE")
        .replace("### START CODE HERE ### (approx. 5 lines)", "# YOUR CODE STARTS HERE")
        .replace("### START CODE HERE ### (approx. 3 lines)", "# YOUR CODE STARTS HERE")
        .replace("### END CODE HERE ###", "# YOUR CODE ENDS HERE")
    )


CHECK_NEW = (
    _new(CHECK_OLD)
    .replace("epsilon = 1e-7):", "epsilon=1e-7, print_msg=False):")
    .replace("    if difference < 1e-7:", "    if print_msg and difference < 2e-7:")
    .replace(
        '    else:\n        print ("The gradient is wrong!")',
        '    elif print_msg:\n        print ("The gradient is wrong!")',
    )
)
CHECK_N_NEW = (
    _new(CHECK_N_OLD)
    .replace("epsilon = 1e-7):", "epsilon=1e-7, print_msg=False):")
    .replace("    if difference > 2e-7:", "    if print_msg and difference > 2e-7:")
    .replace('    else:\n        print ("Your', '    elif print_msg:\n        print ("Your')
)

# One realistic mistake each
CHECK_N_MINUS_FROM_PLUS = CHECK_N_NEW.replace(
    "thetaminus = np.copy(parameters_values)", "thetaminus = np.copy(thetaplus)"
)
CHECK_WITHOUT_TWO_OLD = CHECK_OLD.replace("/ (2 * epsilon)", "/ epsilon")

NEW = {
    "forward_propagation": _new(FORWARD),
    "backward_propagation": _new(BACKWARD),
    "gradient_check": CHECK_NEW,
    "gradient_check_n": CHECK_N_NEW,
}
OLD = {
    "forward_propagation": FORWARD,
    "backward_propagation": BACKWARD,
    "gradient_check": CHECK_OLD,
    "gradient_check_n": CHECK_N_OLD,
}


def notebook(style: str, replace: dict[str, str | None] | None = None) -> list:
    functions = {**(NEW if style == "new" else OLD), **(replace or {})}
    cells: list = [
        ("markdown", "# Gradient Checking"),
        SETUP + ("from public_tests import *\n" if style == "new" else ""),
    ]
    for name in ("forward_propagation", "backward_propagation", "gradient_check"):
        if functions[name] is not None:
            cells.append(
                (f"# GRADED FUNCTION: {name}\n\n" if style == "new" else "") + functions[name]
            )
        cells.append("x, theta = 3, 4\nprint(" + name + ")")
    cells.append(GIVEN)
    cells.append(
        (("# GRADED FUNCTION: gradient_check_n\n\n") if style == "new" else "")
        + functions["gradient_check_n"]
    )
    cells.append(
        "X, Y, parameters = gradient_check_n_test_case()\ncost, cache = forward_propagation_n(X, Y, parameters)\n"
        "gradients = backward_propagation_n(X, Y, cache)\ndifference = gradient_check_n(parameters, gradients, X, Y, 1e-7)"
    )
    return cells
