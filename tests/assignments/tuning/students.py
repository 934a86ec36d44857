"""Hand-written tuning notebooks, as students of each course generation write them.

A notebook is a list of cells (a string is a code cell, ("markdown", text) a markdown cell)
for tests.support.notebooks.write_notebook. Graded functions are written with `#START` /
`#END` placeholders, replaced by each generation's markers, so one notebook can swap a
single function for a wrong, unfinished or broken one.
"""

# ruff: noqa: E501 (students' code is kept verbatim, long lines included)

from __future__ import annotations

from collections.abc import Mapping

MARKERS = {
    "old": ("### START CODE HERE ###", "### END CODE HERE ###"),
    "new": ("# YOUR CODE STARTS HERE", "# YOUR CODE ENDS HERE"),
}

OLD_SETUP = """import numpy as np
import math
import matplotlib.pyplot as plt
from testCases import *

%matplotlib inline
"""

NEW_SETUP = """import numpy as np
import math
import matplotlib.pyplot as plt
from public_tests import *

%load_ext autoreload
%autoreload 2
"""

BODIES = {
    "normalize_inputs": """def normalize_inputs(X, mu, sigma2, epsilon=1e-8):
    #START
    X_norm = (X - mu) / np.sqrt(sigma2 + epsilon)
    #END
    return X_norm
""",
    "initialize_parameters_xavier": """def initialize_parameters_xavier(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        #START
        parameters['W' + str(l)] = np.random.randn(layers_dims[l], layers_dims[l-1]) * np.sqrt(1. / layers_dims[l-1])
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
        #END
    return parameters
""",
    "l1_penalty": """def l1_penalty(parameters, lambd, m):
    L = len(parameters) // 2
    total = 0
    #START
    for l in range(L):
        total = total + np.sum(np.abs(parameters["W" + str(l+1)]))
    penalty = lambd / (2 * m) * total
    #END
    return penalty
""",
    "exponentially_weighted_average": """def exponentially_weighted_average(thetas, beta, bias_correction=False):
    T = thetas.shape[0]
    averages = np.zeros(T)
    v = 0
    for t in range(1, T + 1):
        #START
        v = beta * v + (1 - beta) * thetas[t-1]
        if bias_correction:
            averages[t-1] = v / (1 - beta ** t)
        else:
            averages[t-1] = v
        #END
    return averages
""",
    "update_parameters_with_rmsprop": """def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(L):
        #START
        s["dW" + str(l+1)] = beta2 * s["dW" + str(l+1)] + (1 - beta2) * np.power(grads["dW" + str(l+1)], 2)
        s["db" + str(l+1)] = beta2 * s["db" + str(l+1)] + (1 - beta2) * np.power(grads["db" + str(l+1)], 2)
        parameters["W" + str(l+1)] = parameters["W" + str(l+1)] - learning_rate * grads["dW" + str(l+1)] / (np.sqrt(s["dW" + str(l+1)]) + epsilon)
        parameters["b" + str(l+1)] = parameters["b" + str(l+1)] - learning_rate * grads["db" + str(l+1)] / (np.sqrt(s["db" + str(l+1)]) + epsilon)
        #END
    return parameters, s
""",
    "update_parameters_with_nesterov": """def update_parameters_with_nesterov(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(L):
        #START
        v["dW" + str(l+1)] = beta * v["dW" + str(l+1)] + (1 - beta) * grads["dW" + str(l+1)]
        v["db" + str(l+1)] = beta * v["db" + str(l+1)] + (1 - beta) * grads["db" + str(l+1)]
        parameters["W" + str(l+1)] -= learning_rate * (beta * v["dW" + str(l+1)] + (1 - beta) * grads["dW" + str(l+1)])
        parameters["b" + str(l+1)] -= learning_rate * (beta * v["db" + str(l+1)] + (1 - beta) * grads["db" + str(l+1)])
        #END
    return parameters, v
""",
    "exponential_lr_decay": """def exponential_lr_decay(learning_rate0, epoch_num, base=0.95):
    #START
    learning_rate = learning_rate0 * (base ** epoch_num)
    #END
    return learning_rate
""",
    "schedule_lr_decay": """def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    #START
    learning_rate = learning_rate0 / (1 + decay_rate * (epoch_num // time_interval))
    #END
    return learning_rate
""",
    "sample_learning_rate": """def sample_learning_rate(low=1e-4, high=1.0, size=None):
    #START
    r = np.random.uniform(math.log10(low), math.log10(high), size)
    learning_rate = 10 ** r
    #END
    return learning_rate
""",
    "sample_beta": """def sample_beta(low=0.9, high=0.999, size=None):
    #START
    r = np.random.uniform(np.log10(1 - high), np.log10(1 - low), size)
    beta = 1 - np.power(10, r)
    #END
    return beta
""",
}

# One realistic mistake each (the catalogue's hint must be shown for it).
SCHEDULE_WITHOUT_FLOOR = """def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    #START
    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num / time_interval)
    #END
    return learning_rate
"""

EWA_CORRECTION_WITHOUT_POWER = """def exponentially_weighted_average(thetas, beta, bias_correction=False):
    T = thetas.shape[0]
    averages = np.zeros(T)
    v = 0
    for t in range(1, T + 1):
        #START
        v = beta * v + (1 - beta) * thetas[t-1]
        if bias_correction:
            averages[t-1] = v / (1 - beta)
        else:
            averages[t-1] = v
        #END
    return averages
"""

LEARNING_RATE_UNIFORM = """def sample_learning_rate(low=1e-4, high=1.0, size=None):
    #START
    learning_rate = np.random.uniform(low, high, size)
    #END
    return learning_rate
"""

NESTEROV_UNFINISHED = """def update_parameters_with_nesterov(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(L):
        #START
        v["dW" + str(l+1)] = None
        v["db" + str(l+1)] = None
        parameters["W" + str(l+1)] = None
        parameters["b" + str(l+1)] = None
        #END
    return parameters, v
"""

L1_SYNTAX_ERROR = """def l1_penalty(parameters, lambd, m):
    L = len(parameters) // 2
    total = 0
    #START
    for l in range(L)
        total = total + np.sum(np.abs(parameters["W" + str(l+1)]))
    penalty = lambd / (2 * m) * total
    #END
    return penalty
"""

OLD_CHECK_CELLS = {
    "exponentially_weighted_average": 'temps = np.array([4., 9., 6., 5., 12.])\nprint("v = " + str(exponentially_weighted_average(temps, 0.9, bias_correction=True)))',
    "schedule_lr_decay": 'print("Updated learning rate after epoch 100: " + str(schedule_lr_decay(0.5, 100, 0.3, 100)))',
}

NEW_TEST_CELLS = {name: f"{name}_test({name})" for name in BODIES}

MODEL = """def model(X, Y, layers_dims, num_epochs=300, learning_rate0=0.1, decay_rate=1, lambd=0.1):
    parameters = initialize_parameters_xavier(layers_dims)
    v = {}
    for key in parameters:
        v["d" + key] = np.zeros(parameters[key].shape)
    X = normalize_inputs(X, np.mean(X, axis=1, keepdims=True), np.var(X, axis=1, keepdims=True))
    costs = []
    for i in range(num_epochs):
        learning_rate = schedule_lr_decay(learning_rate0, i, decay_rate, time_interval=100)
        W = parameters["W1"]
        A = 1 / (1 + np.exp(-(np.dot(W, X) + parameters["b1"])))
        cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)) + l1_penalty(parameters, lambd, X.shape[1])
        grads = {"dW1": np.dot(A - Y, X.T) / X.shape[1], "db1": np.mean(A - Y, axis=1, keepdims=True)}
        parameters, v = update_parameters_with_nesterov(parameters, grads, v, 0.9, learning_rate)
        costs.append(cost)
    return parameters, exponentially_weighted_average(np.array(costs), 0.9, bias_correction=True)
"""


def graded_cell(name: str, body: str, *, style: str) -> str:
    start, end = MARKERS[style]
    code = body.replace("#START", start).replace("#END", end)
    return f"# GRADED FUNCTION: {name}\n\n{code}" if style == "new" else code


def notebook(
    style: str,
    bodies: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
) -> list:
    """A whole notebook; `bodies` swaps some functions' code, `names` renames some `def`s."""
    chosen = {**BODIES, **(bodies or {})}
    cells: list = [("markdown", "# Practical Tuning Toolbox")]
    cells.append(OLD_SETUP if style == "old" else NEW_SETUP)
    if style == "new":
        cells.append("%matplotlib inline")
    for name, body in chosen.items():
        cells.append(("markdown", f"## {name}"))
        code = graded_cell(name, body, style=style)
        if names and name in names:
            code = code.replace(f"def {name}(", f"def {names[name]}(")
        cells.append(code)
        if style == "old" and name in OLD_CHECK_CELLS:
            cells.append(OLD_CHECK_CELLS[name])
        if style == "new":
            cells.append(NEW_TEST_CELLS[name])
    cells.append(MODEL)
    cells.append(
        "X = np.random.randn(2, 50)\nY = (X[0:1] > 0).astype(float)\nparameters, smoothed = model(X, Y, [2, 1])"
    )
    cells.append(
        "plt.plot(smoothed)\nplt.ylabel('cost (smoothed)')\nplt.xlabel('epoch')\nplt.show()"
    )
    cells.append("alphas = sample_learning_rate(size=1000)\nplt.hist(np.log10(alphas))\nplt.show()")
    return cells
