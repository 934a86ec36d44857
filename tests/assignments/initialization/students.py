"""Hand-written Initialization notebooks, as students of each course generation write them.

Each notebook is a list of cells (a string is a code cell, ("markdown", text) a markdown
cell) for tests.support.notebooks.write_notebook. Graded cells are built from the bodies
below so that one notebook can swap a single function for a wrong or unfinished one.
"""

# ruff: noqa: E501 (students' code is kept verbatim, long lines included)

from __future__ import annotations

OLD_SETUP = """import numpy as np
import matplotlib.pyplot as plt
import sklearn
import sklearn.datasets
from init_utils import sigmoid, relu, compute_loss, forward_propagation, backward_propagation
from init_utils import update_parameters, predict, load_dataset, plot_decision_boundary, predict_dec

%matplotlib inline
plt.rcParams['figure.figsize'] = (7.0, 4.0) # set default size of plots
plt.rcParams['image.interpolation'] = 'nearest'
plt.rcParams['image.cmap'] = 'gray'

# load image dataset: blue/red dots in circles
train_X, train_Y, test_X, test_Y = load_dataset()
"""

NEW_SETUP = """import numpy as np
import matplotlib.pyplot as plt
import sklearn
import sklearn.datasets
from public_tests import *
from init_utils import sigmoid, relu, compute_loss, forward_propagation, backward_propagation
from init_utils import update_parameters, predict, load_dataset, plot_decision_boundary, predict_dec

%matplotlib inline
%load_ext autoreload
%autoreload 2

train_X, train_Y, test_X, test_Y = load_dataset()
"""

MODEL = """def model(X, Y, learning_rate = 0.01, num_iterations = 15000, print_cost = True, initialization = "he"):
    grads = {}
    costs = [] # to keep track of the loss
    m = X.shape[1] # number of examples
    layers_dims = [X.shape[0], 10, 5, 1]

    # Initialize parameters dictionary.
    if initialization == "zeros":
        parameters = initialize_parameters_zeros(layers_dims)
    elif initialization == "random":
        parameters = initialize_parameters_random(layers_dims)
    elif initialization == "he":
        parameters = initialize_parameters_he(layers_dims)

    for i in range(num_iterations):
        a3, cache = forward_propagation(X, parameters)
        cost = compute_loss(a3, Y)
        grads = backward_propagation(X, Y, cache)
        parameters = update_parameters(parameters, grads, learning_rate)
        if print_cost and i % 1000 == 0:
            print("Cost after iteration {}: {}".format(i, cost))
            costs.append(cost)

    plt.plot(costs)
    plt.ylabel('cost')
    plt.xlabel('iterations (per hundreds)')
    plt.title("Learning rate =" + str(learning_rate))
    plt.show()
    return parameters
"""

# --- bodies of the graded functions (between the markers), old style -------------------

ZEROS_OLD = """    parameters = {}
    L = len(layers_dims)            # number of layers in the network

    for l in range(1, L):
        ### START CODE HERE ### (≈ 2 lines of code)
        parameters['W' + str(l)] = np.zeros((layers_dims[l], layers_dims[l-1]))
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
        ### END CODE HERE ###
    return parameters
"""

RANDOM_OLD = """    np.random.seed(3)               # This seed makes sure your "random" numbers will be the as ours
    parameters = {}
    L = len(layers_dims)            # integer representing the number of layers

    for l in range(1, L):
        ### START CODE HERE ### (≈ 2 lines of code)
        parameters['W' + str(l)] = np.random.randn(layers_dims[l], layers_dims[l-1]) * 10
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
        ### END CODE HERE ###

    return parameters
"""

HE_OLD = """    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1 # integer representing the number of layers

    for l in range(1, L + 1):
        ### START CODE HERE ### (≈ 2 lines of code)
        parameters['W' + str(l)] = np.random.randn(layers_dims[l], layers_dims[l-1]) * np.sqrt(2./layers_dims[l-1])
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
        ### END CODE HERE ###

    return parameters
"""

# --- new style: same logic, other markers and students' own spellings ------------------

ZEROS_NEW = """    parameters = {}
    L = len(layers_dims)            # number of layers in the network

    for l in range(1, L):
        #(≈ 2 lines of code)
        # YOUR CODE STARTS HERE
        parameters["W" + str(l)] = np.zeros(shape=(layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros(shape=(layers_dims[l], 1))
        # YOUR CODE ENDS HERE
    return parameters
"""

RANDOM_NEW = """    np.random.seed(3)               # This seed makes sure your "random" numbers will be the as ours
    parameters = {}
    L = len(layers_dims)            # integer representing the number of layers

    for l in range(1, L):
        #(≈ 2 lines of code)
        # YOUR CODE STARTS HERE
        W = np.random.randn(layers_dims[l], layers_dims[l - 1])
        parameters['W' + str(l)] = np.multiply(W, 10)
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
        # YOUR CODE ENDS HERE

    return parameters
"""

HE_NEW = """    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1 # integer representing the number of layers

    for l in range(1, L + 1):
        #(≈ 2 lines of code)
        # YOUR CODE STARTS HERE
        he = np.sqrt(2 / layers_dims[l - 1])
        parameters[f"W{l}"] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * he
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
        # YOUR CODE ENDS HERE

    return parameters
"""

# --- wrong and unfinished bodies -----------------------------------------------------------

HE_XAVIER = HE_NEW.replace("np.sqrt(2 / layers_dims[l - 1])", "np.sqrt(1 / layers_dims[l - 1])")
RANDOM_WITHOUT_TEN = RANDOM_OLD.replace(" * 10\n", "\n")
HE_UNFINISHED = """    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1 # integer representing the number of layers

    for l in range(1, L + 1):
        #(≈ 2 lines of code)
        # YOUR CODE STARTS HERE
        parameters["W" + str(l)] = None
        parameters["b" + str(l)] = None
        # YOUR CODE ENDS HERE

    return parameters
"""
ZEROS_SYNTAX_ERROR = ZEROS_NEW.replace("layers_dims[l - 1]))", "layers_dims[l - 1])")

DOCSTRINGS = {
    "initialize_parameters_zeros": "layers_dims -- python array (list) containing the size of each layer.",
    "initialize_parameters_random": "layers_dims -- python array (list) containing the size of each layer.",
    "initialize_parameters_he": "layers_dims -- python array (list) containing the size of each layer.",
}


def graded_cell(name: str, body: str, *, style: str, header_name: str | None = None) -> str:
    """One graded cell: the `def` line (optionally another name), docstring, body."""
    header = f"# GRADED FUNCTION: {name}\n\n" if style == "new" else f"# GRADED FUNCTION: {name}\n"
    docstring = f'    """\n    Arguments:\n    {DOCSTRINGS[name]}\n    """\n'
    return f"{header}def {header_name or name}(layers_dims):\n{docstring}{body}"


def old_notebook(bodies: dict[str, str] | None = None) -> list:
    """A 2017-2020 notebook: printed expected outputs, no tests, stale outputs saved."""
    bodies = {**OLD_BODIES, **(bodies or {})}
    return [
        ("markdown", "# Initialization\n\nWelcome to the first assignment of week 1."),
        OLD_SETUP,
        ("markdown", "## 1 - Neural Network model"),
        MODEL,
        ("markdown", "## 2 - Zero initialization"),
        graded_cell(
            "initialize_parameters_zeros", bodies["initialize_parameters_zeros"], style="old"
        ),
        'parameters = initialize_parameters_zeros([3,2,1])\nprint("W1 = " + str(parameters["W1"]))\nprint("b1 = " + str(parameters["b1"]))\nprint("W2 = " + str(parameters["W2"]))\nprint("b2 = " + str(parameters["b2"]))',
        'parameters = model(train_X, train_Y, initialization = "zeros")\nprint ("On the train set:")\npredictions_train = predict(train_X, train_Y, parameters)',
        ("markdown", "## 3 - Random initialization"),
        graded_cell(
            "initialize_parameters_random", bodies["initialize_parameters_random"], style="old"
        ),
        'parameters = initialize_parameters_random([3, 2, 1])\nprint("W1 = " + str(parameters["W1"]))\nprint("b1 = " + str(parameters["b1"]))',
        ("markdown", "## 4 - He initialization"),
        graded_cell("initialize_parameters_he", bodies["initialize_parameters_he"], style="old"),
        'parameters = initialize_parameters_he([2, 4, 1])\nprint("W1 = " + str(parameters["W1"]))\nprint("b1 = " + str(parameters["b1"]))',
        'parameters = model(train_X, train_Y, initialization = "he")\nplt.title("Model with He initialization")\naxes = plt.gca()\naxes.set_xlim([-1.5,1.5])\nplot_decision_boundary(lambda x: predict_dec(parameters, x.T), train_X, train_Y)',
    ]


def new_notebook(bodies: dict[str, str] | None = None, names: dict[str, str] | None = None) -> list:
    """A 2021+ notebook: GRADED FUNCTION headers, public_tests calls at top level.

    `names` renames a graded function's `def` (a student who mistyped the name).
    """
    bodies = {**NEW_BODIES, **(bodies or {})}
    names = names or {}

    def cell(name: str) -> str:
        return graded_cell(name, bodies[name], style="new", header_name=names.get(name))

    return [
        (
            "markdown",
            "# Initialization\n\nWelcome to the first assignment of Improving Deep Neural Networks!",
        ),
        NEW_SETUP,
        "plt.scatter(train_X[0, :], train_X[1, :], c=train_Y, s=40, cmap=plt.cm.Spectral);",
        MODEL,
        ("markdown", "<a name='ex-1'></a>\n### Exercise 1 - initialize_parameters_zeros"),
        cell("initialize_parameters_zeros"),
        'parameters = initialize_parameters_zeros([3,2,1])\nprint("W1 = " + str(parameters["W1"]))\n\ninitialize_parameters_zeros_test(initialize_parameters_zeros)',
        'parameters = model(train_X, train_Y, initialization = "zeros")\nprint ("On the train set:")\npredictions_train = predict(train_X, train_Y, parameters)',
        ("markdown", "### Exercise 2 - initialize_parameters_random"),
        cell("initialize_parameters_random"),
        'parameters = initialize_parameters_random([3, 2, 1])\nprint("W1 = " + str(parameters["W1"]))\n\ninitialize_parameters_random_test(initialize_parameters_random)',
        ("markdown", "### Exercise 3 - initialize_parameters_he"),
        cell("initialize_parameters_he"),
        'parameters = initialize_parameters_he([2, 4, 1])\nprint("W1 = " + str(parameters["W1"]))\n\ninitialize_parameters_he_test(initialize_parameters_he)',
        'parameters = model(train_X, train_Y, initialization = "he")\nprint ("On the train set:")\npredictions_train = predict(train_X, train_Y, parameters)\nplot_decision_boundary(lambda x: predict_dec(parameters, x.T), train_X, train_Y)',
    ]


OLD_BODIES = {
    "initialize_parameters_zeros": ZEROS_OLD,
    "initialize_parameters_random": RANDOM_OLD,
    "initialize_parameters_he": HE_OLD,
}
NEW_BODIES = {
    "initialize_parameters_zeros": ZEROS_NEW,
    "initialize_parameters_random": RANDOM_NEW,
    "initialize_parameters_he": HE_NEW,
}
