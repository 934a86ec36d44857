"""The course's helper modules, optional-library stubs and the import guard of the worker.

Built once in the zygote, before any fork, so every worker inherits them for free:

- the helper modules the assignments declare (`reg_utils`, `opt_utils_v1a`, `testCases`,
  ...; see grader/helper_modules.py), sent as data: each names the reference helper files
  it is built from (network.py, gc_vectors.py, cases_*.py, loaded BY FILE PATH under
  private names: never the `reference` package, whose graded functions must not be in
  the worker's memory) and the functions it holds. Other names raise a clear error when
  called (data loaders and plots are imported by notebooks but never needed to grade).
  A worker keeps only its assignment's modules (`restrict_to`).
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


def helper_files(spec: dict) -> list[str]:
    """The reference helper files (stems) the declared modules are built from."""
    return sorted({stem for entry in spec.values() for stem in entry.get("files", ())})


def load_reference_files(
    reference_dir: str, stems: list[str]
) -> tuple[dict[str, types.ModuleType], list[str]]:
    """Load the helper files of reference/ by path; a missing or broken one is a problem."""
    loaded, problems = {}, []
    for stem in stems:
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


def _first(sources: list[types.ModuleType], name: str) -> object | None:
    return next((getattr(m, name) for m in sources if hasattr(m, name)), None)


def _contents(files: dict[str, types.ModuleType], entry: dict) -> dict[str, object]:
    """What one declared module holds: its functions, renamed ones, its files' test cases."""
    sources = [files[stem] for stem in entry.get("files", ()) if stem in files]
    wanted = {name: name for name in entry.get("functions", ())}
    wanted.update(entry.get("renamed", {}))
    contents = {}
    for name, source_name in wanted.items():
        found = _first(sources, source_name)
        if found is not None:
            contents[name] = found
    if entry.get("test_cases"):
        for module in sources:
            contents.update({n: v for n, v in vars(module).items() if n.endswith("_test_case")})
    return contents


def build_course_modules(
    files: dict[str, types.ModuleType], spec: dict
) -> dict[str, types.ModuleType]:
    """Every declared helper module (and the permissive test helpers), keyed by import name."""
    modules = {
        name: _module(name, _contents(files, entry), _strict_getattr(name))
        for name, entry in spec.items()
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


def restrict_to(allowed: list[str] | None, installed: list[str]) -> None:
    """In a worker: only the helper modules its assignment declares can be imported
    (None: all `installed` ones). The others leave sys.modules, so importing one says it
    is not available."""
    if allowed is None:
        return
    for name in installed:
        if name not in allowed:
            sys.modules.pop(name, None)


def install(reference_dir: str, spec: dict) -> list[str]:
    """Put the declared course modules and the import guard in place; returns load
    problems."""
    files, problems = load_reference_files(reference_dir, helper_files(spec))
    for name in [n for n in sys.modules if n.partition(".")[0] in STUBBED_LIBRARIES]:
        del sys.modules[name]
    sys.modules.update(build_course_modules(files, spec))
    for name in [n for n in sys.modules if n.startswith("_course_")]:
        del sys.modules[name]
    sys.meta_path.insert(0, ImportGuard())
    sys.meta_path.append(UnavailableModule())
    for name in PREBUILT_STUBS:  # what the course's notebooks import: built once, not per worker
        importlib.import_module(name)
    return problems
