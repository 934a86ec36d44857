# ruff: noqa: E501 - student code is written as students write it, long lines included
"""Hand-written student notebooks of the optimization assignment, in both generations.

Written the way students write them (loops over range(L) with str(l + 1), np.multiply,
code left around the markers), independently of reference/ and of mistakes.py.
"""

from __future__ import annotations

OLD_SETUP = """import numpy as np
import matplotlib.pyplot as plt
import scipy.io
import math
import sklearn
import sklearn.datasets

from opt_utils import load_params_and_grads, initialize_parameters, forward_propagation, backward_propagation
from opt_utils import compute_cost, predict, predict_dec, plot_decision_boundary, load_dataset
from testCases import *

%matplotlib inline
plt.rcParams['figure.figsize'] = (7.0, 4.0)
"""

NEW_SETUP = """import numpy as np
import matplotlib.pyplot as plt
import scipy.io
import math
import sklearn
import sklearn.datasets

from opt_utils_v1a import load_params_and_grads, initialize_parameters, forward_propagation, backward_propagation
from opt_utils_v1a import compute_cost, predict, predict_dec, plot_decision_boundary, load_dataset
from copy import deepcopy
from testCases import *
from public_tests import *
"""

GD = """def update_parameters_with_gd(parameters, grads, learning_rate):
    L = len(parameters) // 2 # number of layers in the neural networks

    # Update rule for each parameter
    for l in range(L):
        # START
        parameters["W" + str(l+1)] = parameters["W" + str(l+1)] - learning_rate * grads['dW' + str(l+1)]
        parameters["b" + str(l+1)] = parameters["b" + str(l+1)] - learning_rate * grads['db' + str(l+1)]
        # END
    return parameters
"""

MINI_BATCHES = """def random_mini_batches(X, Y, mini_batch_size = 64, seed = 0):
    np.random.seed(seed)            # To make your "random" minibatches the same as ours
    m = X.shape[1]                  # number of training examples
    mini_batches = []

    # Step 1: Shuffle (X, Y)
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1,m))

    inc = mini_batch_size

    # Step 2 - Partition (shuffled_X, shuffled_Y).
    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(0, num_complete_minibatches):
        mini_batch_X = shuffled_X[:, k * inc : (k + 1) * inc]
        mini_batch_Y = shuffled_Y[:, k * inc : (k + 1) * inc]
        mini_batch = (mini_batch_X, mini_batch_Y)
        mini_batches.append(mini_batch)

    # For handling the end case (last mini-batch < mini_batch_size)
    if m % mini_batch_size != 0:
        mini_batch_X = shuffled_X[:, num_complete_minibatches * inc : m]
        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * inc : m]
        mini_batch = (mini_batch_X, mini_batch_Y)
        mini_batches.append(mini_batch)

    return mini_batches
"""

MINI_BATCHES_TAIL_FROM_K = MINI_BATCHES.replace(
    "shuffled_X[:, num_complete_minibatches * inc : m]", "shuffled_X[:, (k + 1) * inc :]"
).replace("shuffled_Y[:, num_complete_minibatches * inc : m]", "shuffled_Y[:, (k + 1) * inc :]")

VELOCITY = """def initialize_velocity(parameters):
    L = len(parameters) // 2 # number of layers in the neural networks
    v = {}

    # Initialize velocity
    for l in range(L):
        v["dW" + str(l+1)] = np.zeros_like(parameters["W" + str(l+1)])
        v["db" + str(l+1)] = np.zeros_like(parameters["b" + str(l+1)])

    return v
"""

MOMENTUM = """def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2 # number of layers in the neural networks

    # Momentum update for each parameter
    for l in range(L):
        # compute velocities
        v["dW" + str(l+1)] = beta * v["dW" + str(l+1)] + (1 - beta) * grads['dW' + str(l+1)]
        v["db" + str(l+1)] = beta * v["db" + str(l+1)] + (1 - beta) * grads['db' + str(l+1)]
        # update parameters
        parameters["W" + str(l+1)] = parameters["W" + str(l+1)] - learning_rate * v["dW" + str(l+1)]
        parameters["b" + str(l+1)] = parameters["b" + str(l+1)] - learning_rate * v["db" + str(l+1)]

    return parameters, v
"""

MOMENTUM_WITHOUT_ONE_MINUS_BETA = MOMENTUM.replace(
    "(1 - beta) * grads['dW' + str(l+1)]", "grads['dW' + str(l+1)]"
).replace("(1 - beta) * grads['db' + str(l+1)]", "grads['db' + str(l+1)]")

ADAM_INIT = """def initialize_adam(parameters) :
    L = len(parameters) // 2 # number of layers in the neural networks
    v = {}
    s = {}

    for l in range(L):
        v["dW" + str(l+1)] = np.zeros((parameters["W" + str(l+1)].shape[0], parameters["W" + str(l+1)].shape[1]))
        v["db" + str(l+1)] = np.zeros((parameters["b" + str(l+1)].shape[0], 1))
        s["dW" + str(l+1)] = np.zeros((parameters["W" + str(l+1)].shape[0], parameters["W" + str(l+1)].shape[1]))
        s["db" + str(l+1)] = np.zeros((parameters["b" + str(l+1)].shape[0], 1))

    return v, s
"""

ADAM_NEW = """def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate = 0.01,
                                beta1 = 0.9, beta2 = 0.999,  epsilon = 1e-8):
    L = len(parameters) // 2                 # number of layers in the neural networks
    v_corrected = {}                         # Initializing first moment estimate, python dictionary
    s_corrected = {}                         # Initializing second moment estimate, python dictionary

    # Perform Adam update on all parameters
    for l in range(1, L + 1):
        # YOUR CODE STARTS HERE
        v["dW" + str(l)] = beta1 * v["dW" + str(l)] + (1 - beta1) * grads["dW" + str(l)]
        v["db" + str(l)] = beta1 * v["db" + str(l)] + (1 - beta1) * grads["db" + str(l)]
        v_corrected["dW" + str(l)] = v["dW" + str(l)] / (1 - np.power(beta1, t))
        v_corrected["db" + str(l)] = v["db" + str(l)] / (1 - np.power(beta1, t))
        s["dW" + str(l)] = beta2 * s["dW" + str(l)] + (1 - beta2) * np.multiply(grads["dW" + str(l)], grads["dW" + str(l)])
        s["db" + str(l)] = beta2 * s["db" + str(l)] + (1 - beta2) * np.multiply(grads["db" + str(l)], grads["db" + str(l)])
        s_corrected["dW" + str(l)] = s["dW" + str(l)] / (1 - np.power(beta2, t))
        s_corrected["db" + str(l)] = s["db" + str(l)] / (1 - np.power(beta2, t))
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v_corrected["dW" + str(l)] / (np.sqrt(s_corrected["dW" + str(l)]) + epsilon)
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v_corrected["db" + str(l)] / (np.sqrt(s_corrected["db" + str(l)]) + epsilon)
        # YOUR CODE ENDS HERE

    return parameters, v, s, v_corrected, s_corrected
"""

ADAM_EPSILON_INSIDE = ADAM_NEW.replace(
    'np.sqrt(s_corrected["dW" + str(l)]) + epsilon', 'np.sqrt(s_corrected["dW" + str(l)] + epsilon)'
).replace(
    'np.sqrt(s_corrected["db" + str(l)]) + epsilon', 'np.sqrt(s_corrected["db" + str(l)] + epsilon)'
)

ADAM_OLD = (
    ADAM_NEW.replace("for l in range(1, L + 1):", "for l in range(1, L + 1):")
    .replace("# YOUR CODE STARTS HERE", "### START CODE HERE ### (approx. 2 lines)")
    .replace("# YOUR CODE ENDS HERE", "### END CODE HERE ###")
    .replace("return parameters, v, s, v_corrected, s_corrected", "return parameters, v, s")
)

UPDATE_LR = """def update_lr(learning_rate0, epoch_num, decay_rate):
    # YOUR CODE STARTS HERE
    learning_rate = (1 / (1 + decay_rate * epoch_num)) * learning_rate0
    # YOUR CODE ENDS HERE
    return learning_rate
"""

SCHEDULE = """def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    # YOUR CODE STARTS HERE
    learning_rate = (1 / (1 + decay_rate * np.floor(epoch_num / time_interval))) * learning_rate0
    # YOUR CODE ENDS HERE
    return learning_rate
"""

SCHEDULE_WITHOUT_FLOOR = SCHEDULE.replace(
    "np.floor(epoch_num / time_interval)", "epoch_num / time_interval"
)

UPDATE_LR_SYNTAX_ERROR = UPDATE_LR.replace("decay_rate * epoch_num))", "decay_rate * epoch_num)")

MODEL = """def model(X, Y, layers_dims, optimizer, learning_rate = 0.0007, mini_batch_size = 64, beta = 0.9,
          beta1 = 0.9, beta2 = 0.999,  epsilon = 1e-8, num_epochs = 5000, print_cost = True, decay=None, decay_rate=1):
    L = len(layers_dims)
    costs = []
    t = 0
    seed = 10
    m = X.shape[1]
    learning_rate0 = learning_rate
    parameters = initialize_parameters(layers_dims)
    if optimizer == "gd":
        pass
    elif optimizer == "momentum":
        v = initialize_velocity(parameters)
    elif optimizer == "adam":
        v, s = initialize_adam(parameters)
    for i in range(num_epochs):
        seed = seed + 1
        minibatches = random_mini_batches(X, Y, mini_batch_size, seed)
        cost_total = 0
        for minibatch in minibatches:
            (minibatch_X, minibatch_Y) = minibatch
            a3, caches = forward_propagation(minibatch_X, parameters)
            cost_total += compute_cost(a3, minibatch_Y)
            grads = backward_propagation(minibatch_X, minibatch_Y, caches)
            if optimizer == "gd":
                parameters = update_parameters_with_gd(parameters, grads, learning_rate)
            elif optimizer == "momentum":
                parameters, v = update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)
            elif optimizer == "adam":
                t = t + 1 # Adam counter
                parameters, v, s, _, _ = update_parameters_with_adam(parameters, grads, v, s,
                                                               t, learning_rate, beta1, beta2,  epsilon)
        cost_avg = cost_total / m
        if decay:
            learning_rate = decay(learning_rate0, i, decay_rate)
        if print_cost and i % 1000 == 0:
            print ("Cost after epoch %i: %f" %(i, cost_avg))
        if print_cost and i % 100 == 0:
            costs.append(cost_avg)
    return parameters
"""

TRAINING = """train_X, train_Y = load_dataset()
layers_dims = [train_X.shape[0], 5, 2, 1]
parameters = model(train_X, train_Y, layers_dims, optimizer = "adam")
predictions = predict(train_X, train_Y, parameters)
plt.title("Model with Adam optimization")
axes = plt.gca()
plot_decision_boundary(lambda x: predict_dec(parameters, x.T), train_X, train_Y)
"""

NEW_FUNCTIONS = {
    "update_parameters_with_gd": GD.replace("# START", "# YOUR CODE STARTS HERE").replace(
        "# END", "# YOUR CODE ENDS HERE"
    ),
    "random_mini_batches": MINI_BATCHES,
    "initialize_velocity": VELOCITY,
    "update_parameters_with_momentum": MOMENTUM,
    "initialize_adam": ADAM_INIT,
    "update_parameters_with_adam": ADAM_NEW,
    "update_lr": UPDATE_LR,
    "schedule_lr_decay": SCHEDULE,
}

NEW_TEST_CALLS = {
    "update_parameters_with_gd": "parameters, grads, learning_rate = update_parameters_with_gd_test_case()\n"
    "parameters = update_parameters_with_gd(parameters, grads, learning_rate)\n"
    'print("W1 =\\n" + str(parameters["W1"]))\nupdate_parameters_with_gd_test(update_parameters_with_gd)',
    "random_mini_batches": "t_X, t_Y, mini_batch_size = random_mini_batches_test_case()\n"
    "mini_batches = random_mini_batches(t_X, t_Y, mini_batch_size)\n"
    "random_mini_batches_test(random_mini_batches)",
    "update_parameters_with_adam": "update_parameters_with_adam_test(update_parameters_with_adam)",
    "update_lr": "update_lr_test(update_lr)",
    "schedule_lr_decay": "schedule_lr_decay_test(schedule_lr_decay)",
}

OLD_FUNCTIONS = {
    "update_parameters_with_gd": GD.replace(
        "# START", "### START CODE HERE ### (approx. 2 lines)"
    ).replace("# END", "### END CODE HERE ###"),
    "random_mini_batches": MINI_BATCHES,
    "initialize_velocity": VELOCITY,
    "update_parameters_with_momentum": MOMENTUM,
    "initialize_adam": ADAM_INIT,
    "update_parameters_with_adam": ADAM_OLD,
}


def new_notebook(replace: dict[str, str | None] | None = None) -> list:
    """A 2021-style notebook; `replace` maps a function to other code (None: leave it out)."""
    functions = {**NEW_FUNCTIONS, **(replace or {})}
    cells: list = [
        ("markdown", "# Optimization Methods\n\nUntil now, you've always used GD."),
        NEW_SETUP,
    ]
    cells.append("%matplotlib inline\nplt.rcParams['figure.figsize'] = (7.0, 4.0)")
    for name, source in functions.items():
        cells.append(("markdown", f"### Exercise - {name}"))
        if source is not None:
            cells.append(f"# GRADED FUNCTION: {name}\n\n{source}")
        if name in NEW_TEST_CALLS:
            cells.append(NEW_TEST_CALLS[name])
    cells += [MODEL, TRAINING, "plt.plot(np.squeeze([1, 2, 3]))\nplt.show()"]
    return cells


def old_notebook(replace: dict[str, str] | None = None) -> list:
    """A 2017-2020 notebook: old markers, printed expected outputs, Adam returns 3 values."""
    functions = {**OLD_FUNCTIONS, **(replace or {})}
    cells: list = [("markdown", "# Optimization Methods"), OLD_SETUP]
    for name, source in functions.items():
        cells.append(("markdown", f"**Exercise**: Implement `{name}`."))
        cells.append(source)
        cells.append(f"# the expected output is printed below\nprint({name})")
    cells.append(
        MODEL.replace("parameters, v, s, _, _ = update", "parameters, v, s = update")
        .replace("decay=None, decay_rate=1", "")
        .replace(
            "        if decay:\n            learning_rate = decay(learning_rate0, i, decay_rate)\n",
            "",
        )
    )
    cells.append(TRAINING)
    return cells
