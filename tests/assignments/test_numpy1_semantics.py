"""Correct code that only NumPy 2 rejects scores full marks, as on the course's NumPy 1.x,
and the report says which rule made the difference (patterns from real notebooks)."""

from __future__ import annotations

import pytest

from dlgrade.grader.assignments import get_assignment
from dlgrade.grader.grading import NUMPY1_NOTE, grade_submission
from dlgrade.grader.notebooks import render_notebook, write_notebook

CHECK_N_SCALAR_SLOTS = """
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        thetaplus = np.copy(parameters_values)
        thetaplus[i][0] = np.copy(parameters_values)[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaplus))
        thetaminus = np.copy(parameters_values)
        thetaminus[i][0] = np.copy(parameters_values)[i] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaminus))
        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = np.float(numerator / denominator)
    return difference
"""

COST_SUM_OF_GENERATOR = """
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    cross_entropy_cost = compute_cost(A3, Y)
    weights = (parameters["W" + str(l)] for l in range(1, 4))
    L2_regularization_cost = lambd / (2 * m) * np.sum(np.sum(np.square(W)) for W in weights)
    cost = cross_entropy_cost + L2_regularization_cost
    return cost
"""

CASES = {
    "gradient_check_n": ("gradient_checking", CHECK_N_SCALAR_SLOTS,
                         ["one-element array assigned", "np.float (removed in NumPy 2"]),
    "compute_cost_with_regularization": ("regularization", COST_SUM_OF_GENERATOR,
                                         ["np.sum of a generator"]),
}  # fmt: skip


@pytest.mark.parametrize("style", ["new", "old"])
@pytest.mark.parametrize("exercise", sorted(CASES))
def test_code_the_course_numpy_ran_scores_full_marks_and_says_why(tmp_path, exercise, style):
    slug, source, rules = CASES[exercise]
    assignment = get_assignment(slug)
    path = tmp_path / f"{slug}.ipynb"
    notebook = render_notebook(assignment, version=style, style=style, sources={exercise: source})
    write_notebook(notebook, path)
    result = grade_submission(path=path)
    graded = next(e for e in result.exercises if e.name == exercise)
    assert graded.score == graded.max_score, graded.message
    notes = [p for p in result.problems if p.startswith(NUMPY1_NOTE + exercise)]
    assert all(any(rule in note for note in notes) for rule in rules), result.problems


def test_the_reference_needs_no_compatibility_rule(tmp_path):
    path = tmp_path / "reference.ipynb"
    write_notebook(render_notebook(get_assignment("gradient_checking")), path)
    assert not [p for p in grade_submission(path=path).problems if p.startswith(NUMPY1_NOTE)]


def test_the_retry_on_numpy_1_semantics_starts_from_the_callers_arguments():
    """The first attempt mutated its argument before NumPy 2 refused; the retry on the
    rewritten code gets a pristine copy, so the step is applied once."""
    import numpy as np

    from dlgrade.grader.sandbox import Sandbox
    from tests.grader.sandbox.test_sandbox_tamper import code

    source = (
        "import numpy as np\n"
        "def step(parameters):\n"
        "    parameters['W'] += 1\n"
        "    slots = np.zeros((1, 1))\n"
        "    slots[0][0] = parameters['W'][0]\n"
        "    return parameters, slots\n"
        "def plain(x):\n"
        "    return x\n"
    )
    with Sandbox(code(source)) as sandbox:
        first = sandbox.call("plain", 1)
        outcome = sandbox.call("step", {"W": np.zeros((1, 1))})
        notes = list(sandbox.compatibility_notes)
    assert first.value == 1
    parameters, slots = outcome.value
    assert parameters["W"].tolist() == [[1.0]] and slots.tolist() == [[1.0]]
    assert notes == ["step: a one-element array assigned to a single array element (an error "
                     "in NumPy 2, allowed by the course's NumPy 1.x)"]  # fmt: skip
