"""Find solutions in a student kit: the bodies of graded reference functions, compared by
normalized AST, and the hidden checks of the full grader.

Normalized: docstrings dropped and every name renamed by order of first use, so a copy
with other variable names is still found. Notebooks' code cells are searched too.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import textwrap
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from dlgrade.grader.assignments import Assignment
from dlgrade.grader.checking.compare import find_difference
from dlgrade.grader.kit.recording import Recording, codec_copy
from dlgrade.grader.kit.strip import is_check, is_hidden_mark, module_is_hidden

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class Leak:
    path: str
    what: str

    def __str__(self) -> str:
        return f"{self.path}: {self.what}"


def normalized_body(function: FunctionNode) -> str:
    """The function's body with docstring dropped and names canonical, as an AST dump."""
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    names: dict[str, str] = {}

    def canonical(name: str) -> str:
        return names.setdefault(name, f"v{len(names)}")

    for argument in ast.walk(function.args):
        if isinstance(argument, ast.arg):
            canonical(argument.arg)
    module = ast.Module(
        body=[_renamed(statement, canonical) for statement in body], type_ignores=[]
    )
    return ast.dump(module, annotate_fields=False, include_attributes=False)


def _renamed(node: ast.AST, canonical) -> ast.AST:
    copy = ast.parse(ast.unparse(node)) if not isinstance(node, ast.Module) else node
    for child in ast.walk(copy):
        if isinstance(child, ast.Name):
            child.id = canonical(child.id)
        elif isinstance(child, ast.arg):
            child.arg = canonical(child.arg)
    return copy.body[0] if len(copy.body) == 1 else copy


def graded_bodies(assignments: Iterable[Assignment]) -> dict[str, str]:
    """Normalized body -> "reference.module:function" of every graded reference function."""
    bodies = {}
    for assignment in assignments:
        for spec in assignment.exercises:
            function = inspect.unwrap(spec.reference_function())
            tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
            definition = tree.body[0]
            if isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef)):
                bodies[normalized_body(definition)] = spec.reference or spec.name
    return bodies


def hidden_checks(assignments: Iterable[Assignment]) -> dict[str, list[str]]:
    """Kit path of each check module -> the `def` line and the docstring's first line of
    each of its hidden checks (other modules may well have a visible check of that name)."""
    found: dict[str, list[str]] = {}
    for assignment in assignments:
        for path in sorted(assignment.checks_dir.glob("test_*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            module_hidden = module_is_hidden(tree)
            needles = found.setdefault(
                f"dlgrade/assignments/{assignment.slug}/checks/{path.name}", []
            )
            for statement in tree.body:
                if is_check(statement) and (
                    module_hidden or any(map(is_hidden_mark, statement.decorator_list))
                ):
                    needles.append(f"def {statement.name}(")
                    docstring = (ast.get_docstring(statement) or "").strip()
                    if docstring:
                        needles.append(docstring.splitlines()[0])
    return found


def find_leaks(
    files: Mapping[str, bytes], bodies: Mapping[str, str], hidden: Mapping[str, list[str]]
) -> list[Leak]:
    """Every graded function body in `files` (path -> content), and every hidden check
    in the kit file of its module."""
    leaks = []
    for path, data in files.items():
        text = data.decode("utf-8", errors="replace")
        for needle in hidden.get(path, ()):
            if needle in text:
                leaks.append(Leak(path, f"holds a hidden check ({needle!r})"))
        for source in _python_sources(path, text):
            for function in _functions(source):
                reference = bodies.get(normalized_body(function))
                if reference is not None:
                    what = f"function {function.name} has the body of the reference {reference}"
                    leaks.append(Leak(path, what))
    return leaks


def _python_sources(path: str, text: str) -> list[str]:
    if path.endswith(".py"):
        return [text]
    if path.endswith(".ipynb"):
        cells = json.loads(text).get("cells", [])
        return [
            "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in cells
            if c.get("cell_type") == "code"
        ]
    return []


def _functions(source: str) -> list[FunctionNode]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    return [
        node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]


def functions_that_compute(
    recording: Recording, functions: Mapping[str, Callable[..., Any]], prefix: str = "reference."
) -> dict[str, str]:
    """Name of each of `functions` that gives a recorded reference function's value on
    every one of its recorded inputs, and on those inputs with their numbers scaled by
    random factors of either sign -> that reference function: a helper that *is* a
    solution whatever its code looks like (the course's `update_parameters` computes
    gradient descent), not one that agrees on a single point by chance."""
    found = {}
    for reference_name, calls in _calls_by_function(recording, prefix).items():
        reference = _reference(reference_name)
        trials = [*calls, *_perturbed(reference, calls)]
        for helper_name, helper in functions.items():
            if helper_name not in found and all(_gives(helper, *trial) for trial in trials):
                found[helper_name] = reference_name
    return found


def _reference(name: str) -> Callable[..., Any]:
    module, _, function = name.partition(":")
    return getattr(importlib.import_module(f"dlgrade.{module}"), function)


def _perturbed(reference: Callable[..., Any], calls: list[tuple], rounds: int = 3) -> list[tuple]:
    """(args, kwargs, the reference's value) for each call's inputs scaled at random."""
    rng = np.random.default_rng(0)
    trials = []
    for args, kwargs, _ in calls:
        for _ in range(rounds):
            args2, kwargs2 = _scaled([args, kwargs], rng)
            try:
                with np.errstate(all="ignore"):
                    value = reference(*codec_copy(args2), **codec_copy(kwargs2))
            except Exception:  # noqa: BLE001 - inputs the reference refuses prove nothing
                continue
            trials.append((args2, kwargs2, value))
    return trials


def _scaled(value: Any, rng: np.random.Generator) -> Any:
    """`value` with every number and numeric array multiplied by factors in (-2, 2) (ints
    become floats: where the reference refuses them, that trial is skipped)."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "iuf":
        return value * rng.uniform(-2, 2, value.shape)
    if type(value) in (int, float):
        return value * float(rng.uniform(-2, 2))
    if isinstance(value, dict):
        return {key: _scaled(item, rng) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_scaled(item, rng) for item in value)
    return value


def _calls_by_function(recording: Recording, prefix: str) -> dict[str, list[tuple]]:
    calls: dict[str, list[tuple]] = {}
    for (name, digest), (args, kwargs) in recording.arguments.items():
        outcome = recording.plain.get((name, digest))
        if name.startswith(prefix) and outcome is not None and not outcome.raised:
            if (name, digest) not in recording.state_dependent:
                calls.setdefault(name, []).append((args, kwargs, outcome.value))
    return calls


def _gives(function: Callable[..., Any], args: list, kwargs: dict, value: Any) -> bool:
    try:
        with np.errstate(all="ignore"):
            got = function(*codec_copy(args), **codec_copy(kwargs))
    except Exception:  # noqa: BLE001 - a helper that cannot take these inputs is no solution
        return False
    return find_difference(got, value) is None
