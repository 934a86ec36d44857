"""Hand-written batchnorm_softmax notebooks, as students of each course generation write them.

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
import matplotlib.pyplot as plt
from testCases import *

%matplotlib inline
np.random.seed(1)
"""

NEW_SETUP = """import numpy as np
import math
import matplotlib.pyplot as plt
from public_tests import *

%load_ext autoreload
%autoreload 2
"""

BODIES = {
    "batchnorm_forward": """def batchnorm_forward(Z, gamma, beta, epsilon=1e-8):
    #START
    mu = 1 / Z.shape[1] * np.sum(Z, axis=1, keepdims=True)
    var = 1 / Z.shape[1] * np.sum((Z - mu) ** 2, axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    Z_tilde = np.multiply(gamma, Z_norm) + beta
    #END
    cache = {"Z_norm": Z_norm, "mu": mu, "var": var, "gamma": gamma, "epsilon": epsilon}
    return Z_tilde, cache
""",
    "batchnorm_backward": """def batchnorm_backward(dZ_tilde, cache):
    Z_norm = cache["Z_norm"]
    gamma = cache["gamma"]
    var = cache["var"]
    epsilon = cache["epsilon"]
    m = dZ_tilde.shape[1]
    #START
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True)
    dgamma = np.sum(np.multiply(dZ_tilde, Z_norm), axis=1, keepdims=True)
    dZ_norm = dZ_tilde * gamma
    dZ = (1. / m) / np.sqrt(var + epsilon) * (m * dZ_norm - np.sum(dZ_norm, axis=1, keepdims=True) - Z_norm * np.sum(dZ_norm * Z_norm, axis=1, keepdims=True))
    #END
    return dZ, dgamma, dbeta
""",
    "batchnorm_running_averages": """def batchnorm_running_averages(running_mean, running_var, mu, var, momentum=0.9):
    #START
    running_mean = momentum * running_mean + (1 - momentum) * mu
    running_var = momentum * running_var + (1 - momentum) * var
    #END
    return running_mean, running_var
""",
    "batchnorm_inference": """def batchnorm_inference(Z, gamma, beta, running_mean, running_var, epsilon=1e-8):
    #START
    Z_norm = (Z - running_mean) / np.sqrt(running_var + epsilon)
    Z_tilde = gamma * Z_norm + beta
    #END
    return Z_tilde
""",
    "softmax": """def softmax(Z):
    #START
    t = np.exp(Z - np.max(Z, axis=0, keepdims=True))
    A = t / np.sum(t, axis=0, keepdims=True)
    #END
    return A
""",
    "softmax_cross_entropy": """def softmax_cross_entropy(A, Y):
    m = Y.shape[1]
    #START
    logprobs = np.multiply(Y, np.log(np.clip(A, 1e-300, None)))
    cost = - np.sum(logprobs) / m
    #END
    return cost
""",
    "softmax_backward": """def softmax_backward(A, Y):
    #START
    dZ = A - Y
    #END
    return dZ
""",
    "one_hot": """def one_hot(labels, C):
    #START
    labels = labels.reshape(-1)
    Y = np.zeros((C, labels.shape[0]))
    Y[labels, np.arange(labels.shape[0])] = 1
    #END
    return Y
""",
}

# One realistic mistake each (the catalogue's hint must be shown for it).
SOFTMAX_WITHOUT_SHIFT = """def softmax(Z):
    #START
    exp_Z = np.exp(Z)
    A = exp_Z / np.sum(exp_Z, axis=0, keepdims=True)
    #END
    return A
"""

FORWARD_UNBIASED_VARIANCE = """def batchnorm_forward(Z, gamma, beta, epsilon=1e-8):
    #START
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.var(Z, axis=1, ddof=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    Z_tilde = gamma * Z_norm + beta
    #END
    cache = {"Z_norm": Z_norm, "mu": mu, "var": var, "gamma": gamma, "epsilon": epsilon}
    return Z_tilde, cache
"""

INFERENCE_UNFINISHED = """def batchnorm_inference(Z, gamma, beta, running_mean, running_var, epsilon=1e-8):
    #START
    Z_norm = None
    Z_tilde = None
    #END
    return Z_tilde
"""

ONE_HOT_SYNTAX_ERROR = """def one_hot(labels, C):
    #START
    labels = labels.reshape(-1)
    Y = np.eye(C)[labels].T)
    #END
    return Y
"""

OLD_CHECK_CELLS = {
    "batchnorm_forward": 'Z = np.random.randn(3, 4)\nZ_tilde, cache = batchnorm_forward(Z, np.ones((3, 1)), np.zeros((3, 1)))\nprint("Z_tilde = " + str(Z_tilde))\nprint("mu = " + str(cache["mu"]))',
    "softmax": 'print("softmax = " + str(softmax(np.array([[1., 2.], [3., 4.]]))))',
    "softmax_cross_entropy": 'print("cost = " + str(softmax_cross_entropy(np.array([[0.7], [0.3]]), np.array([[1.], [0.]]))))',
}

NEW_TEST_CELLS = {name: f"{name}_test({name})" for name in BODIES}

MODEL = """def model(X, labels, C, num_epochs=100, learning_rate=0.1, print_cost=True):
    n_x, m = X.shape
    W = np.random.randn(C, n_x) * 0.01
    gamma, beta = np.ones((C, 1)), np.zeros((C, 1))
    running_mean, running_var = np.zeros((C, 1)), np.ones((C, 1))
    Y = one_hot(labels, C)
    costs = []
    for i in range(num_epochs):
        Z = np.dot(W, X)
        Z_tilde, cache = batchnorm_forward(Z, gamma, beta)
        running_mean, running_var = batchnorm_running_averages(running_mean, running_var, cache["mu"], cache["var"])
        A = softmax(Z_tilde)
        cost = softmax_cross_entropy(A, Y)
        dZ_tilde = softmax_backward(A, Y) / m
        dZ, dgamma, dbeta = batchnorm_backward(dZ_tilde, cache)
        W = W - learning_rate * np.dot(dZ, X.T)
        gamma = gamma - learning_rate * dgamma
        beta = beta - learning_rate * dbeta
        if print_cost and i % 10 == 0:
            print("Cost after epoch %i: %f" % (i, cost))
            costs.append(cost)
    return W, gamma, beta, running_mean, running_var, costs
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
    cells: list = [("markdown", "# Batch Normalization and Softmax Regression")]
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
        "X = np.random.randn(4, 60)\nlabels = np.random.randint(0, 3, 60)\nW, gamma, beta, rm, rv, costs = model(X, labels, 3)"
    )
    cells.append("plt.plot(costs)\nplt.ylabel('cost')\nplt.xlabel('epochs (per tens)')\nplt.show()")
    return cells
