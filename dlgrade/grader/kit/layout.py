"""The files of a student kit, laid out in a folder: the grader's engine, each assignment
with only its visible checks, the course helper files its notebooks import, and
stand-ins where the reference and the mistake catalogue were.

    dlgrade/grader/...                      the engine, unchanged
    dlgrade/reference/network.py, ...       course helper files, pruned to what is used
    dlgrade/reference/optimizers.py, ...    stand-ins replaying the recorded outcomes
    dlgrade/reference/recorded_calls.bin    the recording (see recording.py)
    dlgrade/assignments/<slug>/             assignment.toml (+ [kit.ungraded]), template,
                                            checks/ (visible only), cases.py (pruned),
                                            mistakes.py (stand-ins)
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import dlgrade
from dlgrade.grader.assignments import Assignment, course_helper_modules
from dlgrade.grader.checking.mistakes import Mistake
from dlgrade.grader.errors import KitError
from dlgrade.grader.helper_modules import wire_spec
from dlgrade.grader.kit.strip import pruned_source, referenced_names, visible_checks_source
from dlgrade.grader.sandbox.worker import course_modules

REFERENCE_PACKAGE = "dlgrade.reference"
PACKAGE_ROOT = Path(dlgrade.__file__).resolve().parent
# What an assignment folder holds that a kit must not: the catalogue's code (near-solutions)
# and the demo notebook (the reference with three mistakes).
LEFT_OUT = ("mistakes.py", "make_example.py", "example_submission.ipynb")


def copy_engine(tree: Path) -> None:
    """The grader package, the package markers and the notebook entry point."""
    shutil.copytree(
        PACKAGE_ROOT / "grader", tree / "dlgrade" / "grader", ignore=_ignored, dirs_exist_ok=True
    )
    for module in ("__init__.py", "kit.py"):  # kit.py: `from dlgrade.kit import check`
        shutil.copy2(PACKAGE_ROOT / module, tree / "dlgrade" / module)
    (tree / "dlgrade" / "assignments").mkdir(parents=True, exist_ok=True)
    shutil.copy2(
        PACKAGE_ROOT / "assignments" / "__init__.py",
        tree / "dlgrade" / "assignments" / "__init__.py",
    )


def _ignored(directory: str, names: list[str]) -> list[str]:
    return [name for name in names if name == "__pycache__" or name.endswith(".pyc")]


def write_assignment(assignment: Assignment, tree: Path) -> Path:
    """The assignment's folder in the kit, with the full catalogue's code still in place
    (recording needs it; `write_mistake_standins` replaces it). Returns the folder."""
    target = tree / "dlgrade" / "assignments" / assignment.slug
    (target / "checks").mkdir(parents=True, exist_ok=True)
    kept_checks = []
    for path in sorted(assignment.checks_dir.glob("test_*.py")):
        source = visible_checks_source(path.read_text(encoding="utf-8"))
        if source is not None:
            (target / "checks" / path.name).write_text(source, encoding="utf-8")
            kept_checks.append(source)
    used = set().union(*(referenced_names(ast.parse(source)) for source in kept_checks))
    for path in sorted(assignment.directory.iterdir()):
        if path.name in LEFT_OUT or not path.is_file():
            continue
        if path.suffix == ".py":
            text = pruned_source(path.read_text(encoding="utf-8"), used)
            (target / path.name).write_text(text, encoding="utf-8")
        elif path.suffix in (".toml", ".ipynb"):
            shutil.copy2(path, target / path.name)
    shutil.copy2(assignment.directory / "mistakes.py", target / "mistakes.py")
    return target


def reference_imports(tree: Path) -> dict[str, set[str]]:
    """Module -> names that the kit's code imports from the reference package."""
    imports: dict[str, set[str]] = {}
    for path in (tree / "dlgrade" / "assignments").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not node.module:
                continue
            if node.module == REFERENCE_PACKAGE:
                for alias in node.names:
                    imports.setdefault(f"{REFERENCE_PACKAGE}.{alias.name}", set())
            elif node.module.startswith(f"{REFERENCE_PACKAGE}."):
                names = {alias.name for alias in node.names}
                imports.setdefault(node.module, set()).update(names)
    return imports


def helper_file_stems() -> list[str]:
    """The reference helper files any assignment's helper modules are built from (the
    kit ships them, pruned: the zygote loads those its assignments declare)."""
    return course_modules.helper_files(wire_spec(course_helper_modules()))


def helper_file_roots(assignments: Sequence[Assignment]) -> set[str]:
    """Names of the helper files' functions that the assignments' notebooks can import."""
    roots = set()
    for assignment in assignments:
        for helper in assignment.helpers:
            roots |= set(helper.functions) | set(helper.renamed.values())
            if helper.test_cases:
                for stem in helper.files:
                    source = (PACKAGE_ROOT / "reference" / f"{stem}.py").read_text("utf-8")
                    roots |= {
                        node.name
                        for node in ast.parse(source).body
                        if isinstance(node, ast.FunctionDef) and node.name.endswith("_test_case")
                    }
    return roots


def write_reference(
    tree: Path, imports: Mapping[str, set[str]], roots: Iterable[str]
) -> dict[str, list[str]]:
    """The kit's reference package: helper files pruned to `roots` and to what the checks
    import from them, stand-ins for every other imported name. Returns module -> the
    names that stand-ins answer for (what recording must cover)."""
    package = tree / "dlgrade" / "reference"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text(
        '"""A student kit holds no reference: its visible cases\' outcomes are recorded."""\n',
        encoding="utf-8",
    )
    helper_modules = {f"{REFERENCE_PACKAGE}.{stem}" for stem in helper_file_stems()}
    write_helper_files(tree, imports, roots)
    standins = {}
    for module, names in sorted(imports.items()):
        if module in helper_modules:
            continue
        if not names:
            raise KitError(f"a check imports the module {module} itself; import its functions")
        standins[module] = sorted(names)
        stem = module.rpartition(".")[2]
        (package / f"{stem}.py").write_text(reference_standins(module, names), encoding="utf-8")
    return standins


def write_helper_files(tree: Path, imports: Mapping[str, set[str]], roots: Iterable[str]) -> None:
    """The course helper files, keeping `roots` and what the kit's checks import of them."""
    stems = helper_file_stems()
    needed = set(roots)
    for stem in stems:
        needed |= imports.get(f"{REFERENCE_PACKAGE}.{stem}", set())
    for stem in stems:
        source = (PACKAGE_ROOT / "reference" / f"{stem}.py").read_text(encoding="utf-8")
        target = tree / "dlgrade" / "reference" / f"{stem}.py"
        target.write_text(pruned_source(source, needed), encoding="utf-8")


def helper_functions(tree: Path) -> dict[str, Callable[..., Any]]:
    """ "stem.name" -> each public function the kit's helper files define."""
    found = {}
    for stem in helper_file_stems():
        path = tree / "dlgrade" / "reference" / f"{stem}.py"
        spec = importlib.util.spec_from_file_location(f"_dlgrade_kit_helper_{stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for name, value in vars(module).items():
            if inspect.isfunction(value) and value.__module__ == module.__name__:
                if not name.startswith("_"):
                    found[f"{stem}.{name}"] = value
    return found


def recorded_name(module: str, function: str) -> str:
    """The recording's name of a function: as assignment.toml names references."""
    return f"{module.removeprefix('dlgrade.')}:{function}"


def reference_standins(module: str, names: Iterable[str]) -> str:
    lines = [
        f'"""Stand-ins for {module} in a student kit: the outcomes recorded on the visible',
        'cases, replayed (grader/kit/recording.py). The reference itself is not here."""',
        "",
        "from dlgrade.grader.kit.recording import replay",
    ]
    for name in sorted(names):
        lines += ["", "", f"def {name}(*args, **kwargs):"]
        lines.append(f"    return replay({recorded_name(module, name)!r}, args, kwargs)")
    return "\n".join(lines) + "\n"


def mistake_name(slug: str, mistake: Mistake) -> str:
    return f"assignments.{slug}.mistakes:{mistake.name}"


def write_mistake_standins(folder: Path, slug: str, mistakes: Sequence[Mistake]) -> None:
    """Replace the catalogue's code with stand-ins for the `mistakes` given (those whose
    outcomes were recorded): the hints stay, the wrong implementations go."""
    lines = [
        f'"""The catalogued mistakes of {slug} in a student kit: their hints, and their',
        'outcomes on the visible cases replayed (grader/kit/recording.py)."""',
        "",
        "from dlgrade.grader.checking import mistake",
        "from dlgrade.grader.kit.recording import replay",
    ]
    for variant in mistakes:
        lines += ["", "", f"@mistake({variant.exercise!r}, {variant.hint!r})"]
        lines.append(f"def {variant.name}(*args, **kwargs):")
        lines.append(f"    return replay({mistake_name(slug, variant)!r}, args, kwargs)")
    (folder / "mistakes.py").write_text("\n".join(lines) + "\n", encoding="utf-8")


def append_ungraded(folder: Path, shares: Mapping[str, Mapping[str, float]]) -> None:
    """Write each version's share of exercise points held by hidden checks into the kit's
    assignment.toml (read back as `Assignment.ungraded`)."""
    lines = ["", "# Written by `grade kit`: the share of each exercise's points that hidden"]
    lines.append("# checks hold. The kit cannot award them; the instructor's grader does.")
    for version, by_exercise in shares.items():
        lines.append(f"[kit.ungraded.{version}]")
        lines += [f"{name} = {share!r}" for name, share in by_exercise.items()]
    with (folder / "assignment.toml").open("a", encoding="utf-8") as toml:
        toml.write("\n".join(lines) + "\n")
