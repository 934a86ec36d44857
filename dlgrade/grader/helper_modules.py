"""The course's helper modules (`reg_utils`, `testCases`, ...) as each assignment declares
them in its `assignment.toml`; the sandbox builds them from this data::

    [helper_modules.opt_utils_v1a]
    files = ["network"]                      # helper files of reference/, loaded by path
    functions = ["sigmoid", "relu", "predict"]
    renamed = { compute_cost = "compute_cost_sum" }   # name in the module = name in the file

    [helper_modules.testCases]
    files = ["cases_week1", "cases_optimization"]
    test_cases = true                        # every *_test_case function of those files

A module holds only what the course's own file holds: no helper does a graded
function's job. Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dlgrade.grader.errors import AssignmentConfigError


@dataclass(frozen=True)
class HelperModule:
    """One importable course module, built from reference helper files."""

    name: str
    files: tuple[str, ...]
    functions: tuple[str, ...] = ()
    renamed: Mapping[str, str] = field(default_factory=dict)
    test_cases: bool = False

    def to_wire(self) -> dict[str, Any]:
        """What the zygote is sent (JSON)."""
        return {"files": list(self.files), "functions": list(self.functions),
                "renamed": dict(self.renamed), "test_cases": self.test_cases}  # fmt: skip


def parse_helper_modules(raw: Any, source: Path) -> tuple[HelperModule, ...]:
    """The `[helper_modules.NAME]` tables of an assignment.toml."""
    if not isinstance(raw, Mapping):
        raise AssignmentConfigError(
            f"{source}: helper_modules must be tables, [helper_modules.NAME] with files = "
            "[...] and functions = [...] (or test_cases = true)"
        )
    modules = []
    for name, table in raw.items():
        try:
            modules.append(
                HelperModule(
                    name=str(name),
                    files=tuple(str(f) for f in table["files"]),
                    functions=tuple(str(f) for f in table.get("functions", ())),
                    renamed={str(k): str(v) for k, v in table.get("renamed", {}).items()},
                    test_cases=bool(table.get("test_cases", False)),
                )
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise AssignmentConfigError(
                f'{source}: [helper_modules.{name}] needs files = ["reference file", ...] '
                f"and functions, renamed or test_cases ({type(error).__name__}: {error})"
            ) from None
    return tuple(modules)


def merged(declared: Iterable[tuple[str, tuple[HelperModule, ...]]]) -> dict[str, HelperModule]:
    """Every assignment's modules by name; one name declared two ways is an error."""
    modules: dict[str, HelperModule] = {}
    owners: dict[str, str] = {}
    for owner, helpers in declared:
        for helper in helpers:
            known = modules.setdefault(helper.name, helper)
            if known != helper:
                first = owners[helper.name]
                raise AssignmentConfigError(
                    f"the helper module {helper.name} is declared differently by {first} and "
                    f"{owner}: one module, one content"
                )
            owners.setdefault(helper.name, owner)
    return modules


def wire_spec(modules: Mapping[str, HelperModule]) -> dict[str, dict[str, Any]]:
    return {name: module.to_wire() for name, module in sorted(modules.items())}
