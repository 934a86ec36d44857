# ruff: noqa: E501 - the edit tables quote notebook lines verbatim
"""End to end: replicas of the course's real notebooks (tests/fixtures/course, both
generations), graded without --assignment, and realistic variants of them.

Each correct replica must be recognized (assignment and generation) and score 100 %.
Each variant makes one edit a real student makes; it must lose the points a careful TA
would take (the whole exercise when the function is absent or cannot run, some when a
mistake only shows on some inputs, none when the code is right) with a message that says
why, and nothing on any other exercise.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dlgrade.grader.assignments import get_assignment
from tests.support.grading import hints_shown, lost
from tests.support.notebooks import code_cell_number

COURSE = Path(__file__).resolve().parents[1] / "fixtures" / "course"

REPLICAS = [
    ("old", "Initialization", "initialization", 100),
    ("old", "Regularization", "regularization", 100),
    ("old", "Gradient Checking", "gradient_checking", 100),
    ("old", "Optimization methods", "optimization", 75),
    ("new", "Initialization", "initialization", 100),
    ("new", "Regularization", "regularization", 100),
    ("new", "Gradient_Checking", "gradient_checking", 100),
    ("new", "Optimization_methods", "optimization", 100),
]


def points(slug: str, exercise: str) -> float:
    return get_assignment(slug).exercise(exercise).points


def load(generation: str, name: str) -> dict:
    return json.loads((COURSE / generation / f"{name}.ipynb").read_text("utf-8"))


def code_cell(notebook: dict, snippet: str) -> dict:
    """The one code cell whose source contains `snippet` (a `def name(` picks a function)."""
    hits = [
        c for c in notebook["cells"] if c["cell_type"] == "code" and snippet in "".join(c["source"])
    ]
    assert len(hits) == 1, f"{snippet!r} is in {len(hits)} code cells"
    return hits[0]


def edit(notebook: dict, function: str, old: str, new: str) -> None:
    """Replace `old` (which must occur) by `new` in the cell defining `function`."""
    cell = code_cell(notebook, f"def {function}(")
    source = "".join(cell["source"])
    assert old in source, f"{old!r} not in {function}"
    cell["source"] = source.replace(old, new).splitlines(keepends=True)


def write(tmp_path: Path, notebook: dict, name: str = "submission.ipynb") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("generation", "name", "slug", "max_score"), REPLICAS)
def test_replica_is_recognized_and_scores_full_marks(grade, generation, name, slug, max_score):
    result = grade(COURSE / generation / f"{name}.ipynb")
    assert result.error is None
    assert (result.assignment, result.notebook_version) == (slug, generation)
    assert result.score == result.max_score == max_score
    assert all(test.status == "passed" for test in result.flat_tests())


def test_fixtures_are_the_builder_output():
    """The committed replicas are what build.py writes (edit the nb_*.py, then rebuild)."""
    import runpy

    built = runpy.run_path(str(COURSE / "build.py"))["NOTEBOOKS"]
    for generation, notebooks in built.items():
        for name, notebook in notebooks.items():
            assert load(generation, name) == json.loads(json.dumps(notebook)), name


# (id, generation, notebook, [(function, old, new)], slug, exercise that loses, all of it?, hint)
MISTAKES = [
    (
        "He init with sqrt(1/n)", "old", "Initialization",
        [("initialize_parameters_he", "np.sqrt(2./layers_dims[l-1])", "np.sqrt(1./layers_dims[l-1])")],
        "initialization", "initialize_parameters_he", True, "sqrt(1 / n) is Xavier's",
    ),
    (
        "random init without * 10", "new", "Initialization",
        [("initialize_parameters_random", "layers_dims[l-1])*10", "layers_dims[l-1])")],
        "initialization", "initialize_parameters_random", True, "multiply np.random.randn(...) by 10",
    ),
    (
        "L2 cost without 1/m", "new", "Regularization",
        [("compute_cost_with_regularization", "lambd / (2 * m) *", "lambd / 2 *")],
        "regularization", "compute_cost_with_regularization", False, "average it over the m",
    ),
    (
        "dropout without / keep_prob", "old", "Regularization",
        [
            ("forward_propagation_with_dropout", "A1 = A1 / keep_prob  ", "A1 = A1  "),
            ("forward_propagation_with_dropout", "A2 = A2 / keep_prob  ", "A2 = A2  "),
        ],
        "regularization", "forward_propagation_with_dropout", False, "divides the kept activations",
    ),
    (
        "dropout backward with a fresh mask", "new", "Regularization",
        [(
            "backward_propagation_with_dropout",
            "    dA2 = np.multiply(dA2, D2) / keep_prob",
            "    D2 = np.random.rand(*dA2.shape) < keep_prob\n    dA2 = np.multiply(dA2, D2) / keep_prob",
        )],
        "regularization", "backward_propagation_with_dropout", False, "reuse the masks D1, D2",
    ),
    (
        "theta_minus copied from theta_plus", "new", "Gradient_Checking",
        [("gradient_check_n", "theta_minus = np.copy(parameters_values)", "theta_minus = np.copy(theta_plus)")],
        "gradient_checking", "gradient_check_n", True, "fresh copy of parameters_values",
    ),
    (
        "theta perturbed in place", "old", "Gradient Checking",
        [
            ("gradient_check_n", "thetaplus = np.copy(parameters_values)", "thetaplus = parameters_values"),
            ("gradient_check_n", "thetaminus = np.copy(parameters_values)", "thetaminus = parameters_values"),
        ],
        "gradient_checking", "gradient_check_n", True, "",
    ),
    (
        "Adam epsilon inside the root", "new", "Optimization_methods",
        [
            ("update_parameters_with_adam", '(np.sqrt(s_corrected["dW" + str(l)]) + epsilon)', 'np.sqrt(s_corrected["dW" + str(l)] + epsilon)'),
            ("update_parameters_with_adam", '(np.sqrt(s_corrected["db" + str(l)]) + epsilon)', 'np.sqrt(s_corrected["db" + str(l)] + epsilon)'),
        ],
        "optimization", "update_parameters_with_adam", False, "add epsilon after the square root",
    ),
    (
        "Adam without bias correction", "old", "Optimization methods",
        [
            ("update_parameters_with_adam", " / (1 - np.power(beta1, t))", ""),
            ("update_parameters_with_adam", " / (1 - np.power(beta2, t))", ""),
        ],
        "optimization", "update_parameters_with_adam", True, "corrects the bias of both averages",
    ),
    (
        "schedule without floor", "new", "Optimization_methods",
        [("schedule_lr_decay", "np.floor(epoch_num / time_interval)", "epoch_num / time_interval")],
        "optimization", "schedule_lr_decay", False, "np.floor(epoch_num / time_interval)",
    ),
    (
        "last mini-batch from the loop variable", "old", "Optimization methods",
        [
            ("random_mini_batches", "shuffled_X[:, num_complete_minibatches * mini_batch_size : m]", "shuffled_X[:, (k+1) * mini_batch_size : m]"),
            ("random_mini_batches", "shuffled_Y[:, num_complete_minibatches * mini_batch_size : m]", "shuffled_Y[:, (k+1) * mini_batch_size : m]"),
        ],
        "optimization", "random_mini_batches", False, "The last mini-batch starts at",
    ),
    (
        "momentum steps with the raw gradient", "old", "Optimization methods",
        [
            ("update_parameters_with_momentum", 'learning_rate * v["dW" + str(l+1)]', "learning_rate * grads['dW' + str(l+1)]"),
            ("update_parameters_with_momentum", 'learning_rate * v["db" + str(l+1)]', "learning_rate * grads['db' + str(l+1)]"),
        ],
        "optimization", "update_parameters_with_momentum", True, "not with the raw gradient",
    ),
    (
        "empty velocity dict", "new", "Optimization_methods",
        [
            ("initialize_velocity", 'v["dW" + str(l)] = np.zeros((parameters["W" + str(l)].shape[0], parameters["W" + str(l)].shape[1]))', "pass"),
            ("initialize_velocity", 'v["db" + str(l)] = np.zeros_like(parameters["b" + str(l)])', "pass"),
        ],
        "optimization", "initialize_velocity", True, "",
    ),
    (
        "gradient_check returns a constant 0.0", "new", "Gradient_Checking",
        [("gradient_check", "    return difference", "    return 0.0")],
        # Even where the true difference is rounding noise, a correct check returns that
        # noise (about 3e-10 here), not 0.0: the course's own tests accept 0.0, we do not.
        "gradient_checking", "gradient_check", True, "",
    ),
    (
        "old template left as None", "old", "Initialization",
        [
            ("initialize_parameters_zeros", "np.zeros((layers_dims[l], layers_dims[l-1]))", "None"),
            ("initialize_parameters_zeros", "np.zeros((layers_dims[l], 1))", "None"),
        ],
        "initialization", "initialize_parameters_zeros", True, "",
    ),
    (
        "new template left empty (an IndentationError)", "new", "Initialization",
        [(
            "initialize_parameters_zeros",
            "        parameters['W' + str(l)] = np.zeros(shape=(layers_dims[l], layers_dims[l - 1]))\n"
            "        parameters['b' + str(l)] = np.zeros(shape=(layers_dims[l], 1))\n",
            "\n\n",
        )],
        "initialization", "initialize_parameters_zeros", True, "",
    ),
    (
        "new template left empty (returns the test cell's global)", "new", "Optimization_methods",
        [("update_lr", "    learning_rate = (1 / (1 + decay_rate * epoch_num)) * learning_rate0\n", "")],
        "optimization", "update_lr", True, "",
    ),
    (
        "syntax error in a graded cell", "new", "Regularization",
        [("backward_propagation_with_regularization", "dW3 = 1./m * (dZ3 @ A2.T) + lambd", "dW3 = 1./m * (dZ3 @ A2.T + lambd")],
        "regularization", "backward_propagation_with_regularization", True, "",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("generation", "name", "edits", "slug", "exercise", "all_points", "hint"),
    [pytest.param(*case[1:], id=case[0]) for case in MISTAKES],
)
def test_mistake_loses_its_exercise_only(
    grade, tmp_path, generation, name, edits, slug, exercise, all_points, hint
):
    notebook = load(generation, name)
    for function, old, new in edits:
        edit(notebook, function, old, new)
    result = grade(write(tmp_path, notebook))
    assert (result.assignment, result.notebook_version) == (slug, generation)
    assert set(lost(result)) == {exercise}, lost(result)
    if all_points:
        assert lost(result)[exercise] == points(slug, exercise)
    failed = [t for t in result.flat_tests() if t.exercise == exercise and t.status != "passed"]
    assert failed and all(t.message for t in failed)
    if hint:
        assert any(hint in shown for shown in hints_shown(result)), hints_shown(result)


def test_syntax_error_names_its_cell_and_line(grade, tmp_path):
    notebook = load("new", "Regularization")
    edit(
        notebook,
        "backward_propagation_with_regularization",
        "(dZ3 @ A2.T) + lambd",
        "(dZ3 @ A2.T + lambd",
    )
    cell = 1 + notebook["cells"].index(
        code_cell(notebook, "def backward_propagation_with_regularization(")
    )
    result = grade(write(tmp_path, notebook))
    number = code_cell_number(notebook["cells"], cell)
    assert any(
        f"code cell {number} (" in problem and "SyntaxError" in problem
        for problem in result.problems
    )


def harmless_variants() -> list:
    """Edits that change nothing a TA grades: (id, generation, name, mutate)."""

    def without(line):
        def mutate(nb):
            cell = code_cell(nb, line)
            cell["source"] = "".join(cell["source"]).replace(line + "\n", "").splitlines(True)

        return mutate

    def star_import(nb):
        cell = code_cell(nb, "from opt_utils import load_params_and_grads")
        source = "".join(cell["source"])
        start = source.index("from opt_utils import load_params_and_grads")
        end = source.index("\nfrom testCases")
        cell["source"] = (source[:start] + "from opt_utils_v1a import *" + source[end:]).splitlines(
            True
        )

    def never_run(nb):
        cell = code_cell(nb, "def update_parameters_with_adam(")
        cell["execution_count"], cell["outputs"] = None, []

    def error_saved(nb):
        cell = code_cell(nb, "difference = gradient_check_n(parameters, gradients, X, Y)")
        cell["outputs"] = [{
            "output_type": "error", "ename": "NameError", "evalue": "name 'dictionary_to_vector' is not defined",
            "traceback": ["\u001b[0;31mNameError\u001b[0m  Traceback (most recent call last)",
                          "\u001b[0;31mNameError\u001b[0m: name 'dictionary_to_vector' is not defined"],
        }]  # fmt: skip

    def outside_markers(nb):
        edit(
            nb, "update_parameters_with_gd",
            "    for l in range(1, L + 1):",
            "    for key in list(parameters):\n"
            "        parameters[key] = parameters[key] - learning_rate * grads['d' + key]\n"
            "    for l in []:",
        )  # fmt: skip

    def bugs_fixed(nb):
        edit(nb, "backward_propagation_n", "np.dot(dZ2, A1.T) * 2", "np.dot(dZ2, A1.T)")
        edit(nb, "backward_propagation_n", "4./m * np.sum(dZ1", "1./m * np.sum(dZ1")

    def spaced_marker(nb):
        edit(nb, "compute_cost_with_regularization", "# GRADED FUNCTION:", "#  GRADED FUNCTION :")

    return [
        ("public_tests import deleted (optimization)", "new", "Optimization_methods", without("from public_tests import *")),
        ("public_tests import deleted (gradient checking)", "new", "Gradient_Checking", without("from public_tests import *")),
        ("public_tests import deleted (regularization)", "new", "Regularization", without("from public_tests import *")),
        ("helpers from opt_utils_v1a import *", "old", "Optimization methods", star_import),
        ("graded cell never run", "old", "Optimization methods", never_run),
        ("error traceback saved in the outputs", "old", "Gradient Checking", error_saved),
        ("code outside the markers", "new", "Optimization_methods", outside_markers),
        ("planted bugs of backward_propagation_n fixed", "old", "Gradient Checking", bugs_fixed),
        ("spaces in the GRADED FUNCTION marker", "new", "Regularization", spaced_marker),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("generation", "name", "mutate"),
    [pytest.param(*case[1:], id=case[0]) for case in harmless_variants()],
)
def test_harmless_edit_keeps_full_marks(grade, tmp_path, generation, name, mutate):
    notebook = load(generation, name)
    mutate(notebook)
    result = grade(write(tmp_path, notebook))
    assert result.notebook_version == generation
    assert result.score == result.max_score, lost(result)
