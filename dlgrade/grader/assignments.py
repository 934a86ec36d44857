"""Assignment metadata (`assignments/<slug>/assignment.toml`) and recognizing a submission.

An assignment directory holds `assignment.toml`, the student `template.ipynb`, the
check modules under `checks/` and the catalogue of known mistakes in `mistakes.py`.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dlgrade.assignments as _assignments_package
from dlgrade.grader.errors import AssignmentConfigError, AssignmentNotFound
from dlgrade.grader.helper_modules import HelperModule, merged, parse_helper_modules

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on Python 3.10
    import tomli as tomllib

ASSIGNMENTS_DIR = Path(_assignments_package.__file__).resolve().parent
METADATA_KEY = "dlgrade"
NEW_GENERATION_MODULES = frozenset({"public_tests", "test_utils", "dlai_tools"})


@dataclass(frozen=True)
class ExerciseSpec:
    """One graded function: its points, its per-call time limit and the versions that have it."""

    name: str
    title: str
    points: float
    timeout: float
    versions: tuple[str, ...]
    reference: str = ""  # "module:function" of the reference implementation

    def reference_function(self):
        """The reference implementation (imported lazily: `reference` is trusted-side only)."""
        import importlib

        module_name, _, attribute = (self.reference or f"reference:{self.name}").partition(":")
        if module_name.split(".")[0] == "reference":  # assignment.toml names it as the course does
            module_name = f"dlgrade.{module_name}"
        return getattr(importlib.import_module(module_name), attribute or self.name)


# Seconds of student code per submission, all calls together: a notebook sleeping just
# under every call's limit held a grading process 60 times longer than a normal one.
# A whole correct notebook runs well under a second; one infinite loop costs one limit.
DEFAULT_TIME_BUDGET = 30.0


@dataclass(frozen=True)
class Assignment:
    slug: str
    title: str
    version: str
    directory: Path
    versions: tuple[str, ...]
    exercises: tuple[ExerciseSpec, ...]
    graded_item_ids: frozenset[str]
    version_signatures: Mapping[str, frozenset[str]]
    time_budget: float = DEFAULT_TIME_BUDGET
    # The course helper modules its notebooks may import (reg_utils, testCases, ...), as
    # declared in its [helper_modules.NAME] tables (see grader.helper_modules).
    helpers: tuple[HelperModule, ...] = ()
    # A student kit's assignment (written by `grade kit`): notebook version -> exercise ->
    # the share of its points held by the hidden checks the kit leaves out. Empty here.
    ungraded: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    @property
    def checks_dir(self) -> Path:
        return self.directory / "checks"

    @property
    def template_path(self) -> Path:
        return self.directory / "template.ipynb"

    @property
    def default_version(self) -> str:
        return self.versions[0]

    @property
    def max_score(self) -> float:
        return sum(e.points for e in self.exercises_for(self.default_version))

    @property
    def helper_modules(self) -> tuple[str, ...]:
        """The names of the course helper modules its notebooks may import."""
        return tuple(helper.name for helper in self.helpers)

    def exercises_for(self, version: str) -> tuple[ExerciseSpec, ...]:
        return tuple(e for e in self.exercises if version in e.versions)

    def exercise(self, name: str) -> ExerciseSpec:
        for spec in self.exercises:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def detect_version(
        self,
        defined: Iterable[str],
        marker_style: str = "none",
        imported: Iterable[str] = (),
    ) -> str:
        """The notebook generation: by the functions it has, then by what it imports.

        `version_signatures[v]` lists functions only version `v` has (e.g. the new
        optimization notebook's `update_lr`); `defined` should include functions whose
        cell could not be parsed, so a syntax error cannot turn a new notebook into an
        old one with fewer exercises. The new notebooks' test modules (`public_tests`,
        `test_utils`, `dlai_tools`) never existed in the old ones. Marker text is
        unreliable (students copy code across versions), so it only breaks ties.
        """
        names = set(defined)
        for version in self.versions:
            if names & self.version_signatures.get(version, frozenset()):
                return version
        if "old" not in self.versions:
            return self.default_version
        if set(imported) & NEW_GENERATION_MODULES and "new" in self.versions:
            return "new"
        if marker_style == "new" and not self.version_signatures.get("new"):
            return "new"
        # A notebook with none of the new-only functions is graded on the old set,
        # so an old notebook can score 100 % on its own exercise set.
        return "old"


def _parse_exercise(
    raw: Mapping[str, Any], versions: tuple[str, ...], source: Path
) -> ExerciseSpec:
    if not isinstance(raw, Mapping):
        raise AssignmentConfigError(f"{source}: each [[exercises]] entry must be a table")
    try:
        return ExerciseSpec(
            name=str(raw["name"]),
            title=str(raw.get("title", raw["name"])),
            points=float(raw["points"]),
            timeout=float(raw.get("timeout", 5.0)),
            versions=tuple(raw.get("versions", versions)),
            reference=str(raw.get("reference", "")),
        )
    except KeyError as missing:
        name = raw.get("name", "(no name)")
        raise AssignmentConfigError(
            f"{source}: the [[exercises]] entry {name!r} lacks {missing} (every exercise needs "
            "name and points; title, timeout, versions and reference are optional)"
        ) from None
    except (TypeError, ValueError) as error:
        raise AssignmentConfigError(
            f"{source}: the [[exercises]] entry {raw.get('name', '(no name)')!r} has a value of "
            f"the wrong type ({error}): points and timeout are numbers, versions a list"
        ) from None


def load_assignment(directory: Path) -> Assignment:
    """Read one `assignment.toml` (remembered while the file is unchanged).

    A batch prepares every submission against its assignment: parsing the file each
    time cost a millisecond a submission.
    """
    source = directory / "assignment.toml"
    try:
        stat = source.stat()
    except OSError:
        return _parse_assignment(directory, 0, 0)  # raises the usual error
    return _parse_assignment(directory, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _parse_assignment(directory: Path, mtime_ns: int, size: int) -> Assignment:
    source = directory / "assignment.toml"
    with source.open("rb") as handle:
        try:
            raw = tomllib.load(handle)
        except tomllib.TOMLDecodeError as error:  # its message names the line and column
            raise AssignmentConfigError(f"{source} is not valid TOML: {error}") from None
    versions = tuple(raw.get("versions", {}).keys()) or ("new",)
    detect = raw.get("detect", {})
    signatures = {
        version: frozenset(table.get("only_functions", ()))
        for version, table in raw.get("versions", {}).items()
    }
    return Assignment(
        slug=str(raw.get("slug", directory.name)),
        title=str(raw.get("title", directory.name)),
        version=str(raw.get("version", "0")),
        directory=directory,
        versions=versions,
        exercises=tuple(_parse_exercise(e, versions, source) for e in raw.get("exercises", ())),
        graded_item_ids=frozenset(detect.get("graded_item_ids", ())),
        version_signatures=signatures,
        time_budget=float(raw.get("time_budget", DEFAULT_TIME_BUDGET)),
        helpers=parse_helper_modules(raw.get("helper_modules", {}), source),
        ungraded=_parse_ungraded(raw.get("kit", {}).get("ungraded", {}), source),
    )


def _parse_ungraded(raw: Any, source: Path) -> dict[str, dict[str, float]]:
    try:
        return {
            str(version): {str(name): float(share) for name, share in shares.items()}
            for version, shares in raw.items()
        }
    except (AttributeError, TypeError, ValueError) as error:
        raise AssignmentConfigError(
            f"{source}: [kit.ungraded.VERSION] must map exercise names to numbers ({error})"
        ) from None


def available_assignments(root: Path = ASSIGNMENTS_DIR) -> dict[str, Assignment]:
    """Every assignment shipped with the grader, by slug, in name order."""
    found = {}
    for toml in sorted(root.glob("*/assignment.toml")):
        assignment = load_assignment(toml.parent)
        found[assignment.slug] = assignment
    return found


def course_helper_modules(root: Path = ASSIGNMENTS_DIR) -> dict[str, HelperModule]:
    """Every helper module the assignments under `root` declare, by name (the zygote
    builds them all; each worker keeps its assignment's)."""
    return merged((a.slug, a.helpers) for a in available_assignments(root).values())


def get_assignment(slug: str, root: Path = ASSIGNMENTS_DIR) -> Assignment:
    """The assignment named `slug`; reads only its own metadata when the slug is a folder."""
    if slug.isidentifier() and (root / slug / "assignment.toml").is_file():
        assignment = load_assignment(root / slug)
        if assignment.slug == slug:
            return assignment
    known = available_assignments(root)
    if slug not in known:
        names = ", ".join(known) or "none"
        raise AssignmentNotFound(
            f"unknown assignment {slug!r}; known assignments: {names} (see `grade list`)"
        )
    return known[slug]


def assignment_mismatch(
    chosen: Assignment, defined: Iterable[str], notebook_metadata: Mapping[str, Any],
    root: Path = ASSIGNMENTS_DIR,
) -> str | None:  # fmt: skip
    """Why `chosen` (given with --assignment) looks wrong for this notebook, or None.

    A wrong --assignment silently zeroes a whole class: say so when the notebook's own
    metadata or functions point to another assignment, or when it defines fewer than
    half of `chosen`'s graded functions while defining some of another's.
    """
    try:
        detected = detect_assignment(defined, notebook_metadata, root)
    except AssignmentNotFound:
        detected = None
    names = set(defined)
    graded = {e.name for e in chosen.exercises}
    if detected is not None and detected.slug != chosen.slug:
        return (
            f"graded as {chosen.slug}, but this notebook looks like {detected.slug} "
            f"(it defines {len(names & graded)} of {chosen.slug}'s {len(graded)} graded "
            "functions): check --assignment"
        )
    if names and len(names & graded) * 2 < len(graded):
        return (
            f"this notebook defines only {len(names & graded)} of the {len(graded)} graded "
            f"functions of {chosen.slug}: check that it is this assignment's notebook"
        )
    return None


# Graded names that notebooks of other courses define too (course 1's deep network): one
# of them alone does not make a notebook this course's.
SHARED_WITH_OTHER_COURSES = frozenset(
    {"forward_propagation", "backward_propagation", "initialize_parameters", "compute_cost",
     "update_parameters", "sigmoid", "relu", "predict", "model"}
)  # fmt: skip

# Coursera items of the course that are not graded here, by graded_item_id.
OTHER_COURSE_ITEMS = {"BFd89": "the TensorFlow introduction notebook of week 3"}


def detect_assignment(
    defined: Iterable[str],
    notebook_metadata: Mapping[str, Any],
    root: Path = ASSIGNMENTS_DIR,
) -> Assignment:
    """Recognize the assignment: our own metadata, Coursera's item id, then graded names."""
    known = available_assignments(root)
    ours = notebook_metadata.get(METADATA_KEY, {})
    slug = ours.get("assignment") if isinstance(ours, Mapping) else None
    if isinstance(slug, str) and slug in known:
        return known[slug]
    coursera = notebook_metadata.get("coursera", {})
    item_id = coursera.get("graded_item_id") if isinstance(coursera, Mapping) else None
    item_id = item_id if isinstance(item_id, str) else None  # student-controlled metadata
    for assignment in known.values():
        if item_id and item_id in assignment.graded_item_ids:
            return assignment
    if item_id in OTHER_COURSE_ITEMS:
        raise AssignmentNotFound(
            f"this is {OTHER_COURSE_ITEMS[item_id]} (Coursera item {item_id}), which this "
            "grader does not grade; it grades the NumPy assignments listed by `grade list`"
        )
    names = set(defined)
    overlap = {slug: len(names & {e.name for e in a.exercises}) for slug, a in known.items()}
    best = max(overlap.values(), default=0)
    winners = [slug for slug, count in overlap.items() if count == best]
    matched = names & {e.name for e in known[winners[0]].exercises} if winners else set()
    if best == 1 and len(winners) == 1 and matched <= SHARED_WITH_OTHER_COURSES:
        only = sorted(matched)[0]
        raise AssignmentNotFound(
            f"could not tell which assignment this submission is for: it defines only one "
            f"graded function ({only}, of {winners[0]}); it may be a notebook of another "
            f"course. If it is {winners[0]}, pass --assignment {winners[0]}."
        )
    if best == 0:
        raise AssignmentNotFound(
            "could not tell which assignment this submission is for: no notebook metadata "
            f"({METADATA_KEY}.assignment or coursera.graded_item_id) matched and it defines "
            "none of the graded functions of any assignment; pass --assignment "
            f"(one of: {', '.join(known)})"
        )
    if len(winners) > 1:
        raise AssignmentNotFound(
            f"this submission matches several assignments equally ({', '.join(winners)}); "
            "pass --assignment to choose"
        )
    return known[winners[0]]
