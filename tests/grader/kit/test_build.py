"""`grade kit`: the kit grades the visible cases exactly as the full grader does, and
holds neither the reference, nor the catalogue's code, nor a hidden check."""

from __future__ import annotations

import ast
import inspect
import textwrap
import zipfile
from pathlib import Path

import pytest

from dlgrade.grader.assignments import available_assignments
from dlgrade.grader.grading import GradingSession, grade_prepared_many, prepare_submission
from dlgrade.grader.kit.build import build_kit
from dlgrade.grader.kit.leaks import find_leaks, graded_bodies, hidden_checks, normalized_body
from dlgrade.grader.notebooks import write_mistake_notebooks, write_reference_notebooks
from dlgrade.grader.selftest import load_mistakes
from tests.grader.kit.conftest import grade_with_kit

COURSE_NOTEBOOKS = sorted((Path(__file__).parents[2] / "fixtures" / "course").glob("*/*.ipynb"))
ASSIGNMENTS = list(available_assignments().values())


def kit_files(kit) -> dict[str, bytes]:
    with zipfile.ZipFile(kit.wheel) as wheel:
        return {name: wheel.read(name) for name in wheel.namelist()}


def test_the_kit_holds_no_solution_and_no_hidden_check(kit):
    files = kit_files(kit)
    assert find_leaks(files, graded_bodies(ASSIGNMENTS), hidden_checks(ASSIGNMENTS)) == []
    # nor the catalogue's wrong implementations (near-solutions, one bug away)
    variants = {
        normalized_body(ast.parse(textwrap.dedent(inspect.getsource(m.function))).body[0])
        for assignment in ASSIGNMENTS
        for m in load_mistakes(assignment)
    }
    assert find_leaks(files, dict.fromkeys(variants, "a catalogued mistake"), {}) == []
    # the course's own helpers that compute a graded function (gradient descent, Xavier)
    network = files["dlgrade/reference/network.py"].decode()
    assert "def update_parameters(" not in network and "def initialize_parameters(" not in network
    assert "def forward_propagation(" in network  # what graded code may call stays
    assert not [name for name in files if name.endswith("example_submission.ipynb")]
    assert not [name for name in files if name.endswith("make_example.py")]


def test_the_kit_ships_what_grading_needs(kit):
    files = kit_files(kit)
    for assignment in ASSIGNMENTS:
        folder = f"dlgrade/assignments/{assignment.slug}"
        assert f"{folder}/assignment.toml" in files and f"{folder}/template.ipynb" in files
        assert b"[kit.ungraded." in files[f"{folder}/assignment.toml"]
    assert "dlgrade/reference/recorded_calls.bin" in files
    metadata = next(v for k, v in files.items() if k.endswith("METADATA")).decode()
    assert "Name: dlgrade-kit" in metadata and "nbconvert" not in metadata
    assert kit.recorded_calls > 100
    assert [t.name for t in kit.templates] == [f"{a.slug}.ipynb" for a in ASSIGNMENTS]


@pytest.fixture(scope="module")
def notebooks(tmp_path_factory) -> list[tuple[str, str]]:
    """[path, slug]: each reference generation, the template, every catalogued mistake,
    and the course's real notebooks of both generations."""
    work = tmp_path_factory.mktemp("kit-notebooks")
    items = []
    for assignment in ASSIGNMENTS:
        items.append((str(assignment.template_path), assignment.slug))
        written = [
            *write_reference_notebooks(assignment, work).values(),
            *write_mistake_notebooks(assignment, load_mistakes(assignment), work),
        ]
        items += [(str(path), assignment.slug) for path in written]
    return items + [(str(path), "") for path in COURSE_NOTEBOOKS]


@pytest.fixture(scope="module")
def both_graders(notebooks, kit_tree) -> list[tuple[str, dict, dict]]:
    with GradingSession.start() as session:
        prepared = [prepare_submission(path, assignment=slug or None) for path, slug in notebooks]
        full = [result.to_dict() for result in grade_prepared_many(prepared, session)]
    items = [(path, p.assignment.slug) for (path, _), p in zip(notebooks, prepared, strict=True)]
    kit = grade_with_kit(kit_tree, items)
    return list(zip([path for path, _ in notebooks], full, kit, strict=True))


def visible(tests: list[dict]) -> list[tuple]:
    return [(t["name"], t["status"], t["mistake"]) for t in tests if t["visibility"] == "visible"]


def test_the_kit_and_the_full_grader_agree_on_every_visible_case(both_graders):
    assert len(both_graders) > 100
    for path, full, kit in both_graders:
        assert [e["name"] for e in kit["exercises"]] == [e["name"] for e in full["exercises"]]
        for full_exercise, kit_exercise in zip(full["exercises"], kit["exercises"], strict=True):
            where = f"{Path(path).name}: {full_exercise['name']}"
            assert visible(kit_exercise["tests"]) == visible(full_exercise["tests"]), where
            visible_points = sum(
                t["max_score"] for t in full_exercise["tests"] if t["visibility"] == "visible"
            )
            assert kit_exercise["max_score"] == pytest.approx(visible_points), where
            assert kit_exercise["max_score"] + kit_exercise["ungraded_points"] == pytest.approx(
                full_exercise["max_score"]
            ), where


def test_the_reference_scores_every_visible_point_and_the_template_none(both_graders):
    for path, _, kit in both_graders:
        name = Path(path).name
        if "-reference-" in name:
            assert kit["score"] == pytest.approx(kit["max_score"]) and kit["max_score"] > 0, name
            assert kit["ungraded_points"] > 0, name
        if name == "template.ipynb":
            assert kit["score"] == 0 and not kit["error"], path


def test_every_mistake_a_visible_case_shows_is_named_by_the_kit(both_graders):
    named = 0
    for path, full, kit in both_graders:
        shown = {t["mistake"] for e in full["exercises"] for t in e["tests"]
                 if t["visibility"] == "visible" and t["mistake"]}  # fmt: skip
        kit_named = {t["mistake"] for e in kit["exercises"] for t in e["tests"] if t["mistake"]}
        assert kit_named == shown, Path(path).name
        named += bool(shown)
    assert named > 50  # most catalogued mistakes show on a visible case


@pytest.mark.parametrize(
    ("files", "solving", "said"),
    [
        ({"dlgrade/x.py": "update_lr"}, {}, "has the body of the reference"),
        ({}, {"network.update_parameters": "reference.optimizers:update_parameters_with_gd"},
         "network.py: computes reference.optimizers:update_parameters_with_gd"),
    ],
    ids=["a reference body", "a helper that computes a graded function"],
)  # fmt: skip
def test_a_kit_that_would_hold_a_solution_is_refused(files, solving, said):
    from dlgrade.grader.errors import KitError
    from dlgrade.grader.kit.build import refuse_leaks
    from dlgrade.reference import lr_decay

    sources = {path: inspect.getsource(getattr(lr_decay, name)).encode()
               for path, name in files.items()}  # fmt: skip
    with pytest.raises(KitError, match="would hand out solutions") as refused:
        refuse_leaks(sources, ASSIGNMENTS, solving)
    assert said in str(refused.value)


def test_a_kit_of_one_assignment_holds_only_that_one(tmp_path):
    kit = build_kit(assignments=["optimization"], out=tmp_path)
    with zipfile.ZipFile(kit.wheel) as wheel:
        names = wheel.namelist()
        network = wheel.read("dlgrade/reference/network.py").decode()
    folders = {name.split("/")[2] for name in names if name.startswith("dlgrade/assignments/")}
    assert folders == {"__init__.py", "optimization"}
    assert [t.name for t in kit.templates] == ["optimization.ipynb"]
    assert "def update_parameters(" not in network and "def compute_cost_sum(" in network
    assert not any(name.endswith(("dropout.py", "regularization.py")) for name in names)
