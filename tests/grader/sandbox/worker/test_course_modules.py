"""The course's helper modules: what the real ones hold, and never a graded function."""

from __future__ import annotations

import itertools

import pytest

from dlgrade.grader.assignments import available_assignments
from dlgrade.grader.grading import grade_submission
from dlgrade.grader.sandbox.worker import course_modules
from dlgrade.grader.sandbox.zygote import REFERENCE_DIR

ASSIGNMENTS = available_assignments()


@pytest.fixture(scope="module")
def modules():
    reference, problems = course_modules.load_reference_files(str(REFERENCE_DIR))
    assert problems == []
    return course_modules.build_course_modules(reference)


def public_names(module) -> set[str]:
    return {name for name in vars(module) if not name.startswith("_")}


@pytest.mark.parametrize("name", sorted(course_modules.COURSE_CONTENTS))
def test_each_network_helper_module_holds_what_the_real_one_does(modules, name):
    assert public_names(modules[name]) == set(course_modules.COURSE_CONTENTS[name].split())


def test_no_optimization_helper_has_an_update_rule(modules):
    """The public opt_utils_v1a (and opt_utils) have no update_parameters."""
    assert "update_parameters" not in public_names(modules["opt_utils_v1a"])
    assert "update_parameters" not in public_names(modules["opt_utils"])


@pytest.mark.parametrize("slug", sorted(ASSIGNMENTS))
def test_no_helper_an_assignment_allows_is_named_like_its_graded_functions(modules, slug):
    assignment = ASSIGNMENTS[slug]
    allowed = assignment.helper_modules
    assert allowed is not None, f"{slug}: declare helper_modules in its assignment.toml"
    assert set(allowed) <= set(course_modules.COURSE_MODULES)
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
