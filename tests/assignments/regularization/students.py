"""Hand-written Regularization notebooks, as students of each course generation write them.

Each notebook is a list of cells (a string is a code cell, ("markdown", text) a markdown
cell) for tests.support.notebooks.write_notebook. Graded cells are whole function cells
so that one notebook can swap a single function for a wrong or unfinished one.
"""

# ruff: noqa: E501 (students' code is kept verbatim, long lines included)

from __future__ import annotations

OLD_SETUP = """# import packages
import numpy as np
import matplotlib.pyplot as plt
from reg_utils import sigmoid, relu, plot_decision_boundary, initialize_parameters, load_2D_dataset, predict_dec
from reg_utils import compute_cost, predict, forward_propagation, backward_propagation, update_parameters
import sklearn
import sklearn.datasets
import scipy.io
from testCases import *

%matplotlib inline
plt.rcParams['figure.figsize'] = (7.0, 4.0) # set default size of plots

train_X, train_Y, test_X, test_Y = load_2D_dataset()
"""

NEW_SETUP = OLD_SETUP.replace(
    "from testCases import *", "from testCases import *\nfrom public_tests import *"
)

MODEL = """def model(X, Y, learning_rate = 0.3, num_iterations = 30000, print_cost = True, lambd = 0, keep_prob = 1):
    grads = {}
    costs = []                            # to keep track of the cost
    m = X.shape[1]                        # number of examples
    layers_dims = [X.shape[0], 20, 3, 1]
    parameters = initialize_parameters(layers_dims)
    for i in range(0, num_iterations):
        if keep_prob == 1:
            a3, cache = forward_propagation(X, parameters)
        elif keep_prob < 1:
            a3, cache = forward_propagation_with_dropout(X, parameters, keep_prob)
        if lambd == 0:
            cost = compute_cost(a3, Y)
        else:
            cost = compute_cost_with_regularization(a3, Y, parameters, lambd)
        assert (lambd == 0 or keep_prob == 1)
        if lambd == 0 and keep_prob == 1:
            grads = backward_propagation(X, Y, cache)
        elif lambd != 0:
            grads = backward_propagation_with_regularization(X, Y, cache, lambd)
        elif keep_prob < 1:
            grads = backward_propagation_with_dropout(X, Y, cache, keep_prob)
        parameters = update_parameters(parameters, grads, learning_rate)
        if print_cost and i % 10000 == 0:
            print("Cost after iteration {}: {}".format(i, cost))
        if print_cost and i % 1000 == 0:
            costs.append(cost)
    plt.plot(costs)
    plt.show()
    return parameters
"""

COST_OLD = """# GRADED FUNCTION: compute_cost_with_regularization

def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    W3 = parameters["W3"]

    cross_entropy_cost = compute_cost(A3, Y) # This gives you the cross-entropy part of the cost

    ### START CODE HERE ### (approx. 1 line)
    L2_regularization_cost = (1./m)*(lambd/2)*(np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))
    ### END CODER HERE ###

    cost = cross_entropy_cost + L2_regularization_cost

    return cost
"""

BACKWARD_L2_OLD = """# GRADED FUNCTION: backward_propagation_with_regularization

def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache

    dZ3 = A3 - Y

    ### START CODE HERE ### (approx. 1 line)
    dW3 = 1./m * np.dot(dZ3, A2.T) + (lambd/m)*W3
    ### END CODE HERE ###
    db3 = 1./m * np.sum(dZ3, axis=1, keepdims = True)

    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    ### START CODE HERE ### (approx. 1 line)
    dW2 = 1./m * np.dot(dZ2, A1.T) + (lambd/m)*W2
    ### END CODE HERE ###
    db2 = 1./m * np.sum(dZ2, axis=1, keepdims = True)

    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    ### START CODE HERE ### (approx. 1 line)
    dW1 = 1./m * np.dot(dZ1, X.T) + (lambd/m)*W1
    ### END CODE HERE ###
    db1 = 1./m * np.sum(dZ1, axis=1, keepdims = True)

    gradients = {"dZ3": dZ3, "dW3": dW3, "db3": db3,"dA2": dA2,
                 "dZ2": dZ2, "dW2": dW2, "db2": db2, "dA1": dA1,
                 "dZ1": dZ1, "dW1": dW1, "db1": db1}

    return gradients
"""

FORWARD_DROPOUT_OLD = """# GRADED FUNCTION: forward_propagation_with_dropout

def forward_propagation_with_dropout(X, parameters, keep_prob = 0.5):
    np.random.seed(1)

    # retrieve parameters
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    W3 = parameters["W3"]
    b3 = parameters["b3"]

    # LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    ### START CODE HERE ### (approx. 4 lines)         # Steps 1-4 below correspond to the Steps 1-4 described above.
    D1 = np.random.rand(A1.shape[0], A1.shape[1])     # Step 1: initialize matrix D1 = np.random.rand(..., ...)
    D1 = D1 < keep_prob                               # Step 2: convert entries of D1 to 0 or 1 (using keep_prob as the threshold)
    A1 = A1 * D1                                      # Step 3: shut down some neurons of A1
    A1 = A1 / keep_prob                               # Step 4: scale the value of neurons that haven't been shut down
    ### END CODE HERE ###
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    ### START CODE HERE ### (approx. 4 lines)
    D2 = np.random.rand(A2.shape[0], A2.shape[1])
    D2 = D2 < keep_prob
    A2 = A2 * D2
    A2 = A2 / keep_prob
    ### END CODE HERE ###
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)

    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)

    return A3, cache
"""

BACKWARD_DROPOUT_OLD = """# GRADED FUNCTION: backward_propagation_with_dropout

def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache

    dZ3 = A3 - Y
    dW3 = 1./m * np.dot(dZ3, A2.T)
    db3 = 1./m * np.sum(dZ3, axis=1, keepdims = True)
    dA2 = np.dot(W3.T, dZ3)
    ### START CODE HERE ### (≈ 2 lines of code)
    dA2 = dA2 * D2              # Step 1: Apply mask D2 to shut down the same neurons as during the forward propagation
    dA2 = dA2 / keep_prob       # Step 2: Scale the value of neurons that haven't been shut down
    ### END CODE HERE ###
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1./m * np.dot(dZ2, A1.T)
    db2 = 1./m * np.sum(dZ2, axis=1, keepdims = True)

    dA1 = np.dot(W2.T, dZ2)
    ### START CODE HERE ### (≈ 2 lines of code)
    dA1 = dA1 * D1
    dA1 = dA1 / keep_prob
    ### END CODE HERE ###
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1./m * np.dot(dZ1, X.T)
    db1 = 1./m * np.sum(dZ1, axis=1, keepdims = True)

    gradients = {"dZ3": dZ3, "dW3": dW3, "db3": db3,"dA2": dA2,
                 "dZ2": dZ2, "dW2": dW2, "db2": db2, "dA1": dA1,
                 "dZ1": dZ1, "dW1": dW1, "db1": db1}

    return gradients
"""


def to_new(cell: str) -> str:
    """The same code with the 2021+ markers (students' code did not change much)."""
    return (
        cell.replace(
            "### START CODE HERE ###", "#(≈ lines of code)\n    # YOUR CODE STARTS HERE  #"
        )
        .replace("### END CODE HERE ###", "# YOUR CODE ENDS HERE")
        .replace("### END CODER HERE ###", "# YOUR CODE ENDS HERE")
    )


COST_NEW = to_new(COST_OLD).replace(
    "(1./m)*(lambd/2)*(np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))",
    "lambd / (2 * m) * (np.sum(W1**2) + np.sum(W2**2) + np.sum(W3**2))",
)
BACKWARD_L2_NEW = to_new(BACKWARD_L2_OLD).replace("(lambd/m)*W", "np.multiply(lambd / m, W")
BACKWARD_L2_NEW = (
    BACKWARD_L2_NEW.replace("lambd / m, W3", "lambd / m, W3)")
    .replace("lambd / m, W2", "lambd / m, W2)")
    .replace("lambd / m, W1", "lambd / m, W1)")
)
FORWARD_DROPOUT_NEW = (
    to_new(FORWARD_DROPOUT_OLD)
    .replace("D1 = D1 < keep_prob ", "D1 = (D1 < keep_prob).astype(int) ")
    .replace("D2 = D2 < keep_prob", "D2 = (D2 < keep_prob).astype(int)")
)
BACKWARD_DROPOUT_NEW = to_new(BACKWARD_DROPOUT_OLD)

# --- wrong, unfinished and broken cells ---------------------------------------------------

COST_WITHOUT_M = COST_NEW.replace("lambd / (2 * m) *", "lambd / 2 *")
FORWARD_WITHOUT_RESCALE = FORWARD_DROPOUT_OLD.replace(
    "    A1 = A1 / keep_prob ", "    # A1 = A1 / keep_prob "
).replace("    A2 = A2 / keep_prob\n", "\n")
BACKWARD_DROPOUT_UNFINISHED = (
    BACKWARD_DROPOUT_NEW.replace("dA2 = dA2 * D2 ", "dA2 = None ")
    .replace("dA2 = dA2 / keep_prob ", "dA2 = None ")
    .replace("dA1 = dA1 * D1", "dA1 = None")
    .replace("dA1 = dA1 / keep_prob", "dA1 = None")
)
FORWARD_DROPOUT_SYNTAX_ERROR = FORWARD_DROPOUT_NEW.replace("A2 = A2 * D2\n", "A2 = A2 * D2)\n")

EXERCISE_CELLS = {
    "compute_cost_with_regularization": (
        "COST",
        'a3, Y_assess, parameters = compute_cost_with_regularization_test_case()\ncost = compute_cost_with_regularization(a3, Y_assess, parameters, lambd=0.1)\nprint("cost = " + str(cost))',
    ),
    "backward_propagation_with_regularization": (
        "BACKWARD_L2",
        'X_assess, Y_assess, cache = backward_propagation_with_regularization_test_case()\ngrads = backward_propagation_with_regularization(X_assess, Y_assess, cache, lambd = 0.7)\nprint ("dW1 = \\n"+ str(grads["dW1"]))',
    ),
    "forward_propagation_with_dropout": (
        "FORWARD_DROPOUT",
        'X_assess, parameters = forward_propagation_with_dropout_test_case()\nA3, cache = forward_propagation_with_dropout(X_assess, parameters, keep_prob = 0.7)\nprint ("A3 = " + str(A3))',
    ),
    "backward_propagation_with_dropout": (
        "BACKWARD_DROPOUT",
        'X_assess, Y_assess, cache = backward_propagation_with_dropout_test_case()\ngradients = backward_propagation_with_dropout(X_assess, Y_assess, cache, keep_prob = 0.8)\nprint ("dA1 = \\n" + str(gradients["dA1"]))',
    ),
}


def notebook(
    style: str, cells: dict[str, str] | None = None, names: dict[str, str] | None = None
) -> list:
    """A notebook of `style` ("old" or "new"); `cells` replaces graded cells by exercise,
    `names` renames a graded function's `def` (a student who mistyped the name)."""
    cells, names = cells or {}, names or {}
    out: list = [
        ("markdown", "# Regularization\n\nWelcome to the second assignment of this week."),
        OLD_SETUP if style == "old" else NEW_SETUP,
        MODEL,
    ]
    out.append(
        'parameters = model(train_X, train_Y)\nprint ("On the training set:")\npredictions_train = predict(train_X, train_Y, parameters)'
    )
    for number, (exercise, (prefix, demo)) in enumerate(EXERCISE_CELLS.items(), start=1):
        source = cells.get(exercise) or globals()[f"{prefix}_{style.upper()}"]
        if exercise in names:
            source = source.replace(f"def {exercise}(", f"def {names[exercise]}(")
        out.append(("markdown", f"### Exercise {number} - {exercise}"))
        out.append(source)
        out.append(demo if style == "old" else f"{demo}\n\n{exercise}_test({exercise})")
    out.append(
        'parameters = model(train_X, train_Y, keep_prob = 0.86, learning_rate = 0.3)\nplt.title("Model with dropout")\nplot_decision_boundary(lambda x: predict_dec(parameters, x.T), train_X, train_Y)'
    )
    return out
