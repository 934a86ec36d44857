"""The course's helper modules: what the real ones hold, and never a graded function."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from dlgrade.grader.assignments import available_assignments, course_helper_modules
from dlgrade.grader.errors import AssignmentConfigError
from dlgrade.grader.grading import grade_submission
from dlgrade.grader.helper_modules import HelperModule, merged, wire_spec
from dlgrade.grader.sandbox.worker import course_modules
from dlgrade.grader.sandbox.zygote import REFERENCE_DIR

ASSIGNMENTS = available_assignments()
SPEC = wire_spec(course_helper_modules())
# What each real course module holds (the public copies of the notebooks' helper files):
# the assignments' declarations must give exactly this, so no helper does a graded
# function's job (the old network helpers' update_parameters stood in for gd).
_OPTIMIZATION = "sigmoid relu initialize_parameters compute_cost forward_propagation " \
    "backward_propagation predict"  # fmt: skip
REAL_COURSE_MODULES = {
    "reg_utils": "sigmoid relu initialize_parameters compute_cost forward_propagation "
    "backward_propagation update_parameters predict",
    "init_utils": "sigmoid relu compute_loss forward_propagation backward_propagation "
    "update_parameters predict",
    "opt_utils": _OPTIMIZATION,
    "opt_utils_v1a": _OPTIMIZATION,
    "gc_utils": "sigmoid relu dictionary_to_vector vector_to_dictionary gradients_to_vector",
}


@pytest.fixture(scope="module")
def modules():
    stems = course_modules.helper_files(SPEC)
    files, problems = course_modules.load_reference_files(str(REFERENCE_DIR), stems)
    assert problems == [] and stems == ["cases_optimization", "cases_week1", "gc_vectors",
                                        "network"]  # fmt: skip
    return course_modules.build_course_modules(files, SPEC)


def public_names(module) -> set[str]:
    return {name for name in vars(module) if not name.startswith("_")}


@pytest.mark.parametrize("name", sorted(REAL_COURSE_MODULES))
def test_each_helper_module_holds_what_the_real_one_does(modules, name):
    assert public_names(modules[name]) == set(REAL_COURSE_MODULES[name].split())


def test_opt_utils_v1a_sums_the_cost_where_opt_utils_averages_it(modules):
    Y, a3 = np.array([[1, 0]]), np.array([[0.8, 0.3]])
    assert modules["opt_utils_v1a"].compute_cost(a3, Y) == pytest.approx(
        2 * modules["opt_utils"].compute_cost(a3, Y)
    )


def test_test_cases_modules_hold_every_course_case(modules):
    names = public_names(modules["testCases"])
    assert names == public_names(modules["test_cases"])
    assert {"update_parameters_with_adam_test_case", "gradient_check_n_test_case"} <= names
    assert all(name.endswith("_test_case") for name in names)


def test_one_module_declared_two_ways_is_an_error():
    one = HelperModule("opt_utils", ("network",), ("sigmoid",))
    other = HelperModule("opt_utils", ("network",), ("sigmoid", "update_parameters"))
    with pytest.raises(AssignmentConfigError, match="declared differently by a and b"):
        merged([("a", (one,)), ("b", (other,))])


def test_no_optimization_helper_has_an_update_rule(modules):
    """The public opt_utils_v1a (and opt_utils) have no update_parameters."""
    assert "update_parameters" not in public_names(modules["opt_utils_v1a"])
    assert "update_parameters" not in public_names(modules["opt_utils"])


@pytest.mark.parametrize("slug", sorted(ASSIGNMENTS))
def test_no_helper_an_assignment_allows_is_named_like_its_graded_functions(modules, slug):
    assignment = ASSIGNMENTS[slug]
    allowed = assignment.helper_modules
    assert allowed, f"{slug}: declare its [helper_modules.NAME] in its assignment.toml"
    graded = {exercise.name for exercise in assignment.exercises}
    helpers = set().union(*(public_names(modules[name]) for name in allowed))
    assert helpers & graded == set()


EXPLOITS = [  # (assignment, graded function, helper module, helper): each held full marks
    ("tuning", "initialize_parameters_xavier", "init_utils", "initialize_parameters"),
    ("tuning", "initialize_parameters_xavier", "reg_utils", "initialize_parameters"),
    ("optimization", "update_parameters_with_gd", "opt_utils", "update_parameters"),
    ("optimization", "update_parameters_with_gd", "reg_utils", "update_parameters"),
    ("initialization", "initialize_parameters_he", "reg_utils", "initialize_parameters"),
]


@pytest.mark.parametrize(("slug", "graded", "module", "helper"), EXPLOITS)
def test_a_helper_cannot_stand_in_for_a_graded_function(tmp_path, slug, graded, module, helper):
    path = tmp_path / "submission.py"
    path.write_text(f"from {module} import {helper} as {graded}\n")
    result = grade_submission(path=path, assignment=slug)
    exercise = next(e for e in result.exercises if e.name == graded)
    assert exercise.score == 0 and result.score == 0


@pytest.mark.parametrize(
    ("slug", "module"),
    [
        (s, m)
        for s, m in itertools.product(["tuning", "batchnorm_softmax"], ["reg_utils", "gc_utils"])
    ],
)
def test_a_helper_module_an_assignment_does_not_declare_cannot_be_imported(tmp_path, slug, module):
    path = tmp_path / "submission.py"
    path.write_text(f"import {module}\n\ndef probe():\n    return 1\n")
    result = grade_submission(path=path, assignment=slug)
    assert any(module in problem and "not available" in problem for problem in result.problems)
