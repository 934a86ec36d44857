"""Assignment metadata and recognizing which assignment and notebook generation a file is."""

from __future__ import annotations

import pytest

from dlgrade.grader.assignments import available_assignments, detect_assignment, get_assignment
from dlgrade.grader.errors import AssignmentNotFound


def test_every_shipped_assignment_loads_with_100_points_in_its_default_version():
    known = available_assignments()
    assert len(known) == 6
    for assignment in known.values():
        assert assignment.max_score == pytest.approx(100), assignment.slug
        for version in assignment.versions:
            assert assignment.exercises_for(version), (assignment.slug, version)
        for spec in assignment.exercises:
            assert callable(spec.reference_function()), spec.name
            assert 0 < spec.timeout <= 10


def test_unknown_slug_names_the_known_ones():
    with pytest.raises(AssignmentNotFound, match="known assignments: .*optimization"):
        get_assignment("optimisation")


def test_our_metadata_wins_over_function_names():
    found = detect_assignment(
        {"initialize_parameters_he"}, {"dlgrade": {"assignment": "optimization"}}
    )
    assert found.slug == "optimization"


@pytest.mark.parametrize(
    ("names", "slug"),
    [
        ({"initialize_parameters_he", "initialize_parameters_zeros"}, "initialization"),
        ({"update_parameters_with_adam", "random_mini_batches", "helper"}, "optimization"),
        ({"gradient_check_n", "gradient_check"}, "gradient_checking"),
        ({"compute_cost_with_regularization"}, "regularization"),
        ({"batchnorm_forward", "softmax"}, "batchnorm_softmax"),
    ],
)
def test_graded_names_identify_the_assignment(names, slug):
    assert detect_assignment(names, {}).slug == slug


def test_no_graded_name_is_an_error_that_says_how_to_fix_it():
    with pytest.raises(AssignmentNotFound, match="pass --assignment"):
        detect_assignment({"my_helper"}, {})


@pytest.mark.parametrize(
    ("names", "markers", "imported", "version"),
    [
        ({"update_parameters_with_adam", "update_lr"}, "new", set(), "new"),
        ({"update_parameters_with_adam", "schedule_lr_decay"}, "old", set(), "new"),
        ({"update_parameters_with_adam"}, "old", {"testCases"}, "old"),
        ({"update_parameters_with_adam"}, "new", set(), "old"),
        ({"update_parameters_with_adam"}, "none", {"public_tests", "opt_utils_v1a"}, "new"),
    ],
    ids=[
        "new functions",
        "new function beats old markers",
        "old",
        "no new-only function",
        "imports the new notebooks' public tests",
    ],
)
def test_optimization_version_follows_functions_and_imports_not_markers(
    names, markers, imported, version
):
    assignment = get_assignment("optimization")
    assert assignment.detect_version(names, markers, imported) == version


def test_old_optimization_set_lacks_the_decay_exercises():
    old = {e.name for e in get_assignment("optimization").exercises_for("old")}
    assert "update_lr" not in old and "schedule_lr_decay" not in old
    assert "update_parameters_with_adam" in old


@pytest.mark.parametrize("item_id", [["Ckiv2"], {"id": 1}, 7, None])
def test_a_graded_item_id_of_another_type_is_ignored(item_id):
    from dlgrade.grader.assignments import detect_assignment

    found = detect_assignment(
        {"update_lr", "schedule_lr_decay"}, {"coursera": {"graded_item_id": item_id}}
    )
    assert found.slug == "optimization"


@pytest.mark.parametrize(
    ("item_id", "slug"),
    [("XOESP", "initialization"), ("SXQaI", "regularization"), ("n6NBD", "gradient_checking"),
     ("Ckiv2", "optimization")],
)  # fmt: skip
def test_coursera_item_ids_name_the_assignment(item_id, slug):
    from dlgrade.grader.assignments import detect_assignment

    assert detect_assignment(set(), {"coursera": {"graded_item_id": item_id}}).slug == slug


def test_the_tensorflow_notebook_is_named_as_not_graded_here():
    from dlgrade.grader.assignments import detect_assignment
    from dlgrade.grader.errors import AssignmentNotFound

    with pytest.raises(AssignmentNotFound, match="TensorFlow .* which this grader does not grade"):
        detect_assignment(set(), {"coursera": {"graded_item_id": "BFd89"}})


def test_a_notebook_of_another_course_sharing_one_name_is_not_taken_for_ours():
    """Course 1's deep-network notebook defines forward_propagation, like gradient_checking."""
    from dlgrade.grader.assignments import detect_assignment
    from dlgrade.grader.errors import AssignmentNotFound

    course_one = {"forward_propagation", "linear_forward", "L_model_forward", "two_layer_model"}
    with pytest.raises(AssignmentNotFound, match="another course.*--assignment gradient_checking"):
        detect_assignment(course_one, {})


@pytest.mark.parametrize(
    ("given", "names", "expected"),
    [
        ("regularization", {"update_parameters_with_gd", "update_lr", "initialize_adam"},
         "looks like optimization"),
        ("optimization", {"update_lr", "helper"}, "defines only 1 of the 8"),
        ("optimization", {"update_lr", "schedule_lr_decay", "initialize_adam",
                          "random_mini_batches", "initialize_velocity",
                          "update_parameters_with_gd"}, None),
    ],
    ids=["another-assignment", "a-minority", "right"],
)  # fmt: skip
def test_a_given_assignment_that_contradicts_the_notebook_is_named(given, names, expected):
    from dlgrade.grader.assignments import assignment_mismatch, get_assignment

    warning = assignment_mismatch(get_assignment(given), names, {})
    assert warning is None if expected is None else expected in warning


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('slug = "x"\ntitle = "unclosed\n', "is not valid TOML: .*line 2"),
        ('slug = "x"\n[[exercises]]\ntitle = "no name"\npoints = 3\n', "lacks 'name'"),
        ('slug = "x"\n[[exercises]]\nname = "f"\npoints = "many"\n',
         "'f' has a value of the wrong type"),
    ],
    ids=["bad-toml", "missing-key", "wrong-type"],
)  # fmt: skip
def test_a_malformed_assignment_toml_names_the_file_line_and_what_was_expected(
    tmp_path, toml, expected
):
    from dlgrade.grader.assignments import load_assignment
    from dlgrade.grader.errors import AssignmentConfigError

    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "assignment.toml").write_text(toml)
    with pytest.raises(AssignmentConfigError, match=expected) as raised:
        load_assignment(tmp_path / "x")
    assert "assignment.toml" in str(raised.value)
