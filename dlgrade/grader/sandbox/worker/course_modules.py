"""The course's helper modules, optional-library stubs and the import guard of the worker.

Built once in the zygote, before any fork, so every worker inherits them for free:

- `reg_utils`, `init_utils`, `opt_utils` (network helpers, mean cost), `opt_utils_v1a`
  (summed cost), `gc_utils` (vector helpers), `testCases`/`test_cases` (every
  `*_test_case`), backed by reference/network.py, gc_vectors.py, cases_*.py loaded BY
  FILE PATH under private names (never the `reference` package: the graded reference
  functions must not be in the worker's memory). Other names raise a clear error when
  called (data loaders and plots are imported by notebooks but never needed to grade).
- `public_tests`, `test_utils`, `dlai_tools(.testing_utils)`: permissive modules whose
  every attribute is a no-op callable (`from public_tests import *` works).
- A meta-path finder serving permissive stubs for plotting/data libraries (always:
  importing real matplotlib costs hundreds of ms and grading never needs it) and
  refusing `grader`, `reference`, `pytest` with an ImportError.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
import types
from collections.abc import Callable

STUBBED_LIBRARIES = frozenset(
    {"matplotlib", "sklearn", "h5py", "scipy", "PIL", "tensorflow", "keras", "IPython",
     "seaborn", "tqdm", "pylab", "ipywidgets", "pandas"}
)  # fmt: skip
PREBUILT_STUBS = (
    "matplotlib matplotlib.pyplot sklearn sklearn.datasets sklearn.linear_model scipy scipy.io "
    "h5py PIL"
).split()
BLOCKED_PACKAGES = frozenset({"dlgrade", "grader", "reference", "assignments", "pytest", "_pytest"})
NETWORK_HELPERS = (
    "sigmoid relu initialize_parameters forward_propagation backward_propagation "
    "compute_cost update_parameters predict"
).split()
GC_HELPERS = "sigmoid relu dictionary_to_vector vector_to_dictionary gradients_to_vector".split()
REFERENCE_FILES = ("network", "gc_vectors", "cases_week1", "cases_optimization")
# What each real course module holds (the public copies of the notebooks' helper files):
# a name absent there is absent here, so no helper does a graded function's job (the
# old network helpers' update_parameters stood in for update_parameters_with_gd).
_OPTIMIZATION_HELPERS = (
    "sigmoid relu initialize_parameters compute_cost forward_propagation backward_propagation "
    "predict"
)  # the old opt_utils and opt_utils_v1a name the same functions (v1a sums the cost)
COURSE_CONTENTS = {
    "reg_utils": "sigmoid relu initialize_parameters compute_cost forward_propagation "
    "backward_propagation update_parameters predict",
    "init_utils": "sigmoid relu compute_loss forward_propagation backward_propagation "
    "update_parameters predict",
    "opt_utils": _OPTIMIZATION_HELPERS,
    "opt_utils_v1a": _OPTIMIZATION_HELPERS,
}
COURSE_MODULES = (*COURSE_CONTENTS, "gc_utils", "testCases", "test_cases")
PERMISSIVE_MODULES = ("public_tests", "test_utils", "dlai_tools", "dlai_tools.testing_utils")


def _unavailable(module: str, name: str) -> Callable[..., object]:
    def unavailable(*args: object, **kwargs: object) -> object:
        raise NotImplementedError(
            f"{module}.{name} is not available in the grader "
            "(plots and datasets are not needed to grade)"
        )

    unavailable.__name__ = name
    return unavailable


def _noop(*args: object, **kwargs: object) -> None:
    """Stands for any test helper of the course: grading uses its own checks."""


def _strict_getattr(module: str) -> Callable[[str], object]:
    def module_getattr(name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        return _unavailable(module, name)

    return module_getattr


def _permissive_getattr(name: str) -> object:
    if name.startswith("__"):
        raise AttributeError(name)
    return _noop


def load_reference_files(reference_dir: str) -> tuple[dict[str, types.ModuleType], list[str]]:
    """Load the helper files of reference/ by path; a missing or broken one is a problem."""
    loaded, problems = {}, []
    for stem in REFERENCE_FILES:
        path = os.path.join(reference_dir, f"{stem}.py")
        try:
            spec = importlib.util.spec_from_file_location(f"_course_{stem}", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            loaded[stem] = module
        except Exception as error:  # noqa: BLE001 - written in parallel; degrade, do not die
            problems.append(f"course helpers from {path}: {type(error).__name__}: {error}")
    return loaded, problems


def _module(name: str, attributes: dict[str, object], getattr_hook: Callable) -> types.ModuleType:
    module = types.ModuleType(name, f"The course's {name} module, as provided by the grader.")
    module.__dict__.update(attributes)
    module.__getattr__ = getattr_hook
    module.__all__ = sorted(attributes)
    return module


def _pick(module: types.ModuleType | None, names: list[str]) -> dict[str, object]:
    return {n: getattr(module, n) for n in names if module is not None and hasattr(module, n)}


def _test_cases(sources: list[types.ModuleType | None]) -> dict[str, object]:
    found = {}
    for module in sources:
        if module is not None:
            found.update({n: v for n, v in vars(module).items() if n.endswith("_test_case")})
    return found


def build_course_modules(reference: dict[str, types.ModuleType]) -> dict[str, types.ModuleType]:
    """Every helper module a course notebook imports, keyed by its import name."""
    network, gc = reference.get("network"), reference.get("gc_vectors")
    helpers = _pick(network, NETWORK_HELPERS)
    helpers.update(_pick(network, ["compute_cost_sum"]))
    if "compute_cost" in helpers:
        helpers["compute_loss"] = helpers["compute_cost"]  # init_utils' name for it
    summed = dict(helpers)
    if "compute_cost_sum" in summed:
        summed["compute_cost"] = summed["compute_cost_sum"]  # opt_utils_v1a sums the cost
    cases = _test_cases([reference.get("cases_week1"), reference.get("cases_optimization")])
    contents = {
        name: {key: (summed if name == "opt_utils_v1a" else helpers)[key]
               for key in names.split() if key in helpers}
        for name, names in COURSE_CONTENTS.items()
    }  # fmt: skip
    contents.update({"gc_utils": _pick(gc, GC_HELPERS), "testCases": cases, "test_cases": cases})
    modules = {
        name: _module(name, attrs, _strict_getattr(name)) for name, attrs in contents.items()
    }
    for name in PERMISSIVE_MODULES:
        modules[name] = _module(name, {}, _permissive_getattr)
    modules["dlai_tools"].__path__ = []
    modules["dlai_tools"].testing_utils = modules["dlai_tools.testing_utils"]
    return modules


class _Stub:
    """Stands for any object of a stubbed library: callable, indexable, subclassable."""

    def __getattr__(self, name: str) -> _Stub:
        if name.startswith("__"):
            raise AttributeError(name)
        return self

    def __call__(self, *args: object, **kwargs: object) -> _Stub:
        return self

    def __getitem__(self, key: object) -> _Stub:
        return self

    def __setitem__(self, key: object, value: object) -> None:
        pass

    def __iter__(self):
        return iter(())

    def __mro_entries__(self, bases: tuple) -> tuple:
        return (object,)


class _StubLoader(importlib.abc.Loader):
    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        module = types.ModuleType(spec.name, "A stub: this library is not needed to grade.")
        module.__path__ = []
        module.__getattr__ = lambda name: _Stub() if not name.startswith("__") else _raise(name)
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        pass


def _raise(name: str) -> object:
    raise AttributeError(name)


class ImportGuard(importlib.abc.MetaPathFinder):
    """Serves stubs for optional libraries and refuses the grader's own packages."""

    def find_spec(self, fullname: str, path: object = None, target: object = None):
        top = fullname.partition(".")[0]
        if top in BLOCKED_PACKAGES:
            raise ImportError(
                f"student code cannot import {fullname!r}: the grader, its reference "
                "and its checks are not available to submissions",
                name=fullname,
            )
        if top in STUBBED_LIBRARIES:
            return importlib.machinery.ModuleSpec(fullname, _StubLoader(), is_package=True)
        return None


class UnavailableModule(importlib.abc.MetaPathFinder):
    """Last finder: says why a module the worker cannot load is missing.

    Workers run under an unprivileged uid that may not read the interpreter's own
    directory, so only what the zygote preloaded (numpy, common standard modules, the
    course helpers) can be imported; a bare "No module named" would mislead a student.
    """

    def find_spec(self, fullname: str, path: object = None, target: object = None):
        raise ModuleNotFoundError(
            f"module {fullname!r} is not available to code graded in the sandbox (available: "
            "numpy, common standard-library modules and the course's helper modules)",
            name=fullname,
        )


def restrict_to(allowed: list[str] | None) -> None:
    """In a worker: only the helper modules its assignment declares can be imported
    (None: all of them). The others leave sys.modules, so importing one says it is not
    available."""
    if allowed is None:
        return
    for name in COURSE_MODULES:
        if name not in allowed:
            sys.modules.pop(name, None)


def install(reference_dir: str) -> list[str]:
    """Put the course modules and the import guard in place; returns load problems."""
    reference, problems = load_reference_files(reference_dir)
    for name in [n for n in sys.modules if n.partition(".")[0] in STUBBED_LIBRARIES]:
        del sys.modules[name]
    sys.modules.update(build_course_modules(reference))
    for name in [n for n in sys.modules if n.startswith("_course_")]:
        del sys.modules[name]
    sys.meta_path.insert(0, ImportGuard())
    sys.meta_path.append(UnavailableModule())
    for name in PREBUILT_STUBS:  # what the course's notebooks import: built once, not per worker
        importlib.import_module(name)
    return problems
