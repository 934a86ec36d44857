"""`grade kit`: a student kit, a wheel that grades the visible cases and holds no answers.

Building: lay the kit out (layout.py), then grade the reference notebooks, the template
and every catalogued mistake with the kit's own visible checks while the real reference
and catalogue are wrapped by recorders (recording.py), so the kit replays exactly the
calls its checks make. The hidden checks' share of each exercise comes from grading the
reference with the full grader. Last, the kit is searched for solutions (leaks.py) and
refused if any is found.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from dlgrade.grader import __version__
from dlgrade.grader.assignments import (
    Assignment,
    available_assignments,
    get_assignment,
    load_assignment,
)
from dlgrade.grader.checking.mistakes import (
    MISTAKE_ATTRIBUTE,
    Mistake,
    forget_modules,
    import_file,
)
from dlgrade.grader.errors import KitError
from dlgrade.grader.grading import GradingSession
from dlgrade.grader.kit import RECORDING_NAME, layout
from dlgrade.grader.kit.leaks import (
    Leak,
    find_leaks,
    functions_that_compute,
    graded_bodies,
    hidden_checks,
)
from dlgrade.grader.kit.recording import Recording, recording_wrapper
from dlgrade.grader.notebooks import write_mistake_notebooks, write_reference_notebooks
from dlgrade.grader.packaging import package_files, wheel_bytes
from dlgrade.grader.results import SubmissionResult
from dlgrade.grader.selftest import load_mistakes

DISTRIBUTION = "dlgrade-kit"
# What grading the visible cases needs: no nbformat/nbconvert (they write notebooks).
KIT_REQUIRES = (
    "numpy>=1.23",
    "pytest>=7.4",
    "click>=8.1",
    "jinja2>=3.1",
    "pytest-json-report>=1.5",
    "tomli>=2; python_version < '3.11'",
)


@dataclass(frozen=True)
class Kit:
    wheel: Path
    templates: tuple[Path, ...]
    assignments: tuple[str, ...]
    recorded_calls: int
    size: int


def build_kit(*, assignments: Sequence[str] = (), out: Path) -> Kit:
    """Write the student kit of `assignments` (default: all) to the folder `out`."""
    chosen = [get_assignment(slug) for slug in assignments] or list(
        available_assignments().values()
    )
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dlgrade-kit-") as work:
        tree = Path(work) / "kit"
        layout.copy_engine(tree)
        folders = {a.slug: layout.write_assignment(a, tree) for a in chosen}
        imports, roots = layout.reference_imports(tree), layout.helper_file_roots(chosen)
        standins = layout.write_reference(tree, imports, roots)
        recording = Recording()
        with GradingSession.start() as session:  # one zygote for every grading of the build
            for assignment in chosen:
                kit_assignment = load_assignment(folders[assignment.slug])
                references = write_reference_notebooks(assignment, Path(work))
                recorded = record_assignment(assignment, kit_assignment, standins, recording,
                                             list(references.values()), session)  # fmt: skip
                layout.write_mistake_standins(folders[assignment.slug], assignment.slug, recorded)
                shares = hidden_shares(assignment, references, session)
                layout.append_ungraded(folders[assignment.slug], shares)
        solving = drop_computing_helpers(tree, imports, roots, recording)
        count = recording.write(tree / "dlgrade" / "reference" / RECORDING_NAME)
        files = package_files(tree, ["dlgrade"])
        refuse_leaks(files, chosen, solving)
        name, data = wheel_bytes(
            files,
            name=DISTRIBUTION,
            version=__version__,
            requires=KIT_REQUIRES,
            scripts={"grade": "dlgrade.grader.kit.cli:main"},
            top_level=["dlgrade"],
            summary="Student kit: checks the visible cases of " + ", ".join(folders),
        )
    wheel = out / name
    wheel.write_bytes(data)
    templates = []
    for assignment in chosen:
        template = out / f"{assignment.slug}.ipynb"
        template.write_bytes(assignment.template_path.read_bytes())
        templates.append(template)
    return Kit(wheel, tuple(templates), tuple(folders), count, len(data))


def drop_computing_helpers(
    tree: Path, imports: Mapping[str, set[str]], roots: set[str], recording: Recording
) -> dict[str, str]:
    """Rewrite the helper files without the functions that compute a graded function on
    its recorded inputs; returns those still there (a check imports them)."""
    solving = functions_that_compute(recording, layout.helper_functions(tree))
    if solving:
        dropped = {name.partition(".")[2] for name in solving}
        layout.write_helper_files(tree, imports, roots - dropped)
        solving = functions_that_compute(recording, layout.helper_functions(tree))
    return solving


def refuse_leaks(
    files: Mapping[str, bytes], chosen: Sequence[Assignment], solving: Mapping[str, str]
) -> None:
    """Raise KitError naming every solution or hidden check the kit's files would hold."""
    leaks = find_leaks(
        files, graded_bodies(available_assignments().values()), hidden_checks(chosen)
    )
    leaks += [
        Leak(f"dlgrade/reference/{name.partition('.')[0]}.py", f"computes {reference}")
        for name, reference in solving.items()
    ]
    if leaks:
        raise KitError(
            "the kit would hand out solutions; nothing was written:\n"
            + "\n".join(f"  {leak}" for leak in leaks)
        )


def record_assignment(
    assignment: Assignment,
    kit_assignment: Assignment,
    standins: Mapping[str, Sequence[str]],
    recording: Recording,
    references: Sequence[Path],
    session: GradingSession,
) -> list[Mistake]:
    """Grade the reference notebooks (each generation), the template and every catalogued
    mistake with the kit's checks, recording what the stand-ins will replay. Returns the
    mistakes whose outcomes were recorded."""
    catalogue = load_mistakes(assignment)
    workdir = Path(references[0]).parent
    mistakes = write_mistake_notebooks(assignment, catalogue, workdir)
    notebooks = [assignment.template_path, *references, *mistakes]
    mistakes_path = kit_assignment.directory / "mistakes.py"
    with recorders(standins, mistakes_path, assignment.slug, recording):
        grade_all(notebooks, kit_assignment, session)
    names = {name for name, _ in recording.plain}
    return [v for v in catalogue if layout.mistake_name(assignment.slug, v) in names]


def hidden_shares(
    assignment: Assignment, references: Mapping[str, Path], session: GradingSession
) -> dict[str, dict[str, float]]:
    """Version -> exercise -> the share of its points the full grader's hidden checks hold,
    from grading the reference notebooks (`references`: version -> path)."""
    graded = grade_all(list(references.values()), assignment, session)
    return {
        version: {
            exercise.name: sum(t.max_score for t in exercise.tests if t.visibility != "visible")
            / exercise.max_score
            for exercise in result.exercises
            if exercise.max_score > 0
        }
        for version, result in zip(references, graded, strict=True)
    }


def grade_all(
    paths: Sequence[Path], assignment: Assignment, session: GradingSession
) -> list[SubmissionResult]:
    from dlgrade.grader.grading import grade_prepared_many, prepare_submission

    root = assignment.directory.parent
    prepared = [
        prepare_submission(path, assignment=assignment.slug, assignments_root=root)
        for path in paths
    ]
    return grade_prepared_many(prepared, session)


@contextlib.contextmanager
def recorders(
    standins: Mapping[str, Sequence[str]], mistakes_path: Path, slug: str, recording: Recording
) -> Iterator[None]:
    """Wrap the reference functions the stand-ins answer for and the kit's catalogue module
    in recorders; undo it all after (the modules the kit's checks import are evicted, so
    nothing keeps a wrapper)."""
    patches: list[tuple[dict, str, object]] = []
    for module_name, names in standins.items():
        namespace = vars(importlib.import_module(module_name))
        for name in names:
            recorded = layout.recorded_name(module_name, name)
            patches.append((namespace, name, namespace[name]))
            namespace[name] = recording_wrapper(recording, recorded, namespace[name])
    catalogue = vars(import_file(mistakes_path))
    for name, function in list(catalogue.items()):
        if inspect.isfunction(function) and hasattr(function, MISTAKE_ATTRIBUTE):
            variant = Mistake(name, "", "", function)
            patches.append((catalogue, name, function))
            wrapper = recording_wrapper(recording, layout.mistake_name(slug, variant), function)
            catalogue[name] = wrapper
    folder, keep = str(mistakes_path.parent.resolve()), str(mistakes_path.resolve())
    forget_modules(lambda name, file: file.startswith(folder) and file != keep)
    try:
        yield
    finally:
        for namespace, name, original in reversed(patches):
            namespace[name] = original
        forget_modules(lambda name, file: file.startswith(folder))
