"""Extraction: which statements of a student's notebook are kept, and where they land."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlgrade.grader.extraction import StudentCode, extract_code, marker_style
from dlgrade.grader.loading import Cell, Submission, load_submission

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "extraction"
PARSEABLE = [
    "old_generation.ipynb",
    "new_generation.ipynb",
    "magics.ipynb",
    "redefined.ipynb",
    "runaway.ipynb",
    "syntax_error.ipynb",
    "exported.py",
    "plain_module.py",
]


def extract_fixture(name: str) -> tuple[Submission, StudentCode]:
    submission = load_submission(FIXTURES / name)
    return submission, extract_code(submission)


def extract_cells(*sources: str) -> StudentCode:
    cells = tuple(Cell(n, "code", source, {}) for n, source in enumerate(sources, 1))
    return extract_code(Submission(Path("inline.ipynb"), "ipynb", "0" * 64, cells, {}))


def run_chunks(code: StudentCode) -> dict:
    """Execute the kept chunks in order, as the worker does, in a fresh namespace."""
    namespace: dict = {}
    for chunk in code.chunks:
        exec(compile(chunk.source, f"<cell {chunk.cell}>", "exec"), namespace)
    return namespace


@pytest.mark.parametrize("name", PARSEABLE)
def test_kept_chunks_compile_and_keep_the_cells_line_numbers(name: str) -> None:
    submission, code = extract_fixture(name)
    sources = {cell.index: cell.source.split("\n") for cell in submission.cells}
    for chunk in code.chunks:
        original = sources[chunk.cell]
        kept = chunk.source.split("\n")
        compile(chunk.source, f"<cell {chunk.cell}>", "exec")
        assert len(kept) == len(original)
        for kept_line, original_line in zip(kept, original, strict=True):
            indent = original_line[: len(original_line) - len(original_line.lstrip())]
            # A magic, or a dropped statement inside an import guard, becomes `pass`.
            replaced = original_line.strip() and kept_line == indent + "pass"
            assert kept_line in ("", original_line) or replaced


def test_old_generation_keeps_definitions_and_drops_prints_plots_and_training() -> None:
    submission, code = extract_fixture("old_generation.ipynb")
    assert code.functions == {"update_parameters_with_gd", "random_mini_batches", "model"}
    assert [chunk.cell for chunk in code.chunks] == [2, 4, 7, 10, 11]
    assert code.marker_style == "old"
    assert code.imported_modules == {
        "numpy",
        "matplotlib",
        "scipy",
        "math",
        "sklearn",
        "opt_utils",
        "testCases",
    }
    assert code.problems == ()
    imports = code.chunks[0].source.split("\n")
    assert imports[9] == "from testCases import *"
    assert all(line == "" for line in imports[10:])  # %matplotlib and plt.rcParams[...] = ...
    constants = code.chunks[3].source.split("\n")
    assert constants == ["", "mini_batch_size = 64", "beta = 0.9"]  # train_X is never loaded


def test_new_generation_keeps_graded_functions_and_the_students_own_helper() -> None:
    _, code = extract_fixture("new_generation.ipynb")
    assert code.functions == {"initialize_parameters_zeros", "he_scale", "initialize_parameters_he"}
    assert [chunk.cell for chunk in code.chunks] == [2, 5, 9, 10]
    assert code.marker_style == "new"
    assert code.imported_modules == {"numpy", "matplotlib", "sklearn", "public_tests", "init_utils"}
    assert code.problems == ()


def test_new_generation_kept_code_computes_he_initialization() -> None:
    """Executing the kept chunks works without the course helpers once they are stubbed."""
    _, code = extract_fixture("new_generation.ipynb")
    namespace = run_chunks(
        StudentCode(
            chunks=code.chunks[1:],  # skip the import cell: public_tests lives in the worker
            functions=code.functions,
            problems=(),
            marker_style="new",
            imported_modules=frozenset(),
        )
    )
    import numpy as np

    namespace["np"] = np
    parameters = namespace["initialize_parameters_he"]([2, 4, 1])
    assert parameters["W1"][0, 0] == pytest.approx(1.78862847)  # published course value
    assert parameters["b1"].shape == (4, 1)


def test_magics_shell_escapes_and_help_become_blank_or_pass() -> None:
    _, code = extract_fixture("magics.ipynb")
    assert code.functions == {"initialize_adam"}  # %%timeit cell dropped whole
    assert [chunk.cell for chunk in code.chunks] == [1, 3]
    assert code.chunks[0].source.split("\n") == ["", "", "", "import numpy as np", "", "", ""]
    assert code.problems == ()


@pytest.mark.parametrize(
    "magic_line",
    ["    %time y = 1", "    !ls -la", "    np.dot?", "    ??np.dot", "    files = !ls"],
)
def test_magic_inside_a_function_becomes_pass_at_its_indentation(magic_line: str) -> None:
    code = extract_cells(f"import numpy as np\ndef f():\n{magic_line}\n    return 2")
    assert code.chunks[0].source.split("\n")[2] == "    pass"
    assert run_chunks(code)["f"]() == 2


def test_percent_inside_brackets_is_python_not_a_magic() -> None:
    code = extract_cells("def remainder(a, b):\n    return (a\n%\nb)")
    assert run_chunks(code)["remainder"](7, 4) == 3


def test_later_definition_wins_when_chunks_run_in_order() -> None:
    _, code = extract_fixture("redefined.ipynb")
    assert [chunk.cell for chunk in code.chunks] == [1, 2, 5]  # the call in cell 3 is dropped
    update_lr = run_chunks(code)["update_lr"]
    assert update_lr(0.5, 2, 1) == pytest.approx(0.5 / (1 + 1 * 2))


def test_top_level_loops_exits_asserts_and_main_blocks_never_run() -> None:
    _, code = extract_fixture("runaway.ipynb")
    assert [chunk.cell for chunk in code.chunks] == [1, 2, 3, 6]
    assert code.chunks[1].source == "t = 0\n\n"  # the constant stays, the loop goes
    assert code.functions == {"schedule_lr_decay", "sigmoid"}
    namespace = run_chunks(code)  # would hang on `while True` or exit on `sys.exit()`
    assert namespace["EPSILON"] == 1e-8
    assert namespace["learning_rates"] == [0.1, 0.01, 1e-8]
    assert namespace["t"] == 0
    # The default argument calls int(): kept, because it is part of a def.
    assert namespace["schedule_lr_decay"](0.5, 2000, 1) == pytest.approx(0.5 / 3)
    guard = code.chunks[3].source.split("\n")
    assert guard == [
        "try:",
        "    import h5py",
        "except ImportError:",
        "    pass",
        "    h5py = None",
    ]


def test_syntax_error_loses_only_its_cell_and_reports_cell_and_line() -> None:
    _, code = extract_fixture("syntax_error.ipynb")
    assert code.functions == {"schedule_lr_decay", "initialize_velocity"}
    ((cell, line, message),) = [(p.cell, p.line, p.message) for p in code.problems]
    assert (cell, line) == (4, 4)  # the unmatched ")" of update_lr, 4th line of the cell
    assert "SyntaxError" in message and "epoch_num))" in message


def test_nbconvert_export_drops_get_ipython_calls() -> None:
    _, code = extract_fixture("exported.py")
    assert code.functions == {"update_parameters_with_gd"}
    assert [chunk.cell for chunk in code.chunks] == [1, 2]
    assert "get_ipython" not in "".join(chunk.source for chunk in code.chunks)
    assert code.marker_style == "new"
    assert code.imported_modules == {"numpy", "matplotlib", "opt_utils_v1a", "public_tests"}


@pytest.mark.parametrize(
    ("statement", "kept"),
    [
        ("layers_dims = [2, 4, 1]", True),
        ("EPSILON = 1e-8", True),
        ("a = b = 3", True),
        ("n: int = 3", True),
        ("sizes = [k * 2 for k in (1, 2)]", True),
        ("sigmoid = lambda z: 1 / (1 + exp(-z))", True),
        ("train_X, train_Y = load_dataset()", False),
        ("parameters = model(train_X, train_Y, [2, 1])", False),
        ("eps = float('1e-8')", False),
        ("g = lambda z, k=abs(-2): z", False),
        ("n = train_X.shape[0]", False),
        ("config['lr'] = 0.1", False),
        ("total += 1", False),
        ("print('cost after epoch', 0)", False),
        ("for i in range(3):\n    pass", False),
        ("with open('f') as f:\n    pass", False),
        ("if __name__ == '__main__':\n    main()", False),
        ("assert 1 == 1", False),
        ("class Adam:\n    beta1 = 0.9", True),
        ("import numpy as np", True),
        ("from dlgrade.kit import check", False),  # the student kit's tool, not their code
        ("import dlgrade.kit", False),
        ("from dlgradex import f", True),
        ("from .dlgrade import f", True),
        ("@staticmethod\n@decorate(1)\ndef f():\n    pass", True),
    ],
)
def test_only_definitions_and_constant_assignments_are_kept(statement: str, kept: bool) -> None:
    code = extract_cells(statement)
    expected = (statement,) if kept else ()
    assert tuple(chunk.source for chunk in code.chunks) == expected


def test_constant_may_read_names_bound_by_earlier_kept_cells() -> None:
    code = extract_cells("import numpy as np\nBASE = 2", "dims = [BASE, np.pi]", "m = X.shape")
    assert [chunk.cell for chunk in code.chunks] == [1, 2]


@pytest.mark.parametrize(
    ("line", "kept", "problem_line"),
    [
        ("import os; import sys", "import os; import sys", None),
        ("import os; print(os)", None, 1),
    ],
)
def test_statements_sharing_a_line_are_kept_only_together(
    line: str, kept: str | None, problem_line: int | None
) -> None:
    code = extract_cells(line)
    assert [chunk.source for chunk in code.chunks] == ([kept] if kept else [])
    assert [problem.line for problem in code.problems] == ([problem_line] if problem_line else [])


def test_markdown_and_raw_cells_are_never_code() -> None:
    cells = (
        Cell(1, "markdown", "def from_markdown():\n    pass", {}),
        Cell(2, "raw", "def from_raw():\n    pass", {}),
        Cell(3, "code", "def from_code():\n    pass", {}),
    )
    code = extract_code(Submission(Path("nb.ipynb"), "ipynb", "0" * 64, cells, {}))
    assert code.functions == {"from_code"}
    assert [chunk.cell for chunk in code.chunks] == [3]


@pytest.mark.parametrize(
    ("sources", "style"),
    [
        (["# GRADED FUNCTION: f\n# YOUR CODE STARTS HERE"], "new"),
        (["#  graded function: f"], "new"),
        (["#   Your Code Starts Here"], "new"),
        (["# GRADED FUNCTION: f\n### START CODE HERE ### (approx. 2 lines)"], "old"),
        (["### START CODE HERE ###", "# YOUR CODE STARTS HERE"], "mixed"),
        (["def f():\n    return 1"], "none"),
    ],
)
def test_marker_style(sources: list[str], style: str) -> None:
    assert marker_style(sources) == style


@pytest.mark.parametrize(
    ("source", "modules"),
    [
        (
            "def f():\n    import scipy.io\n    from math import floor\n    return floor",
            {"scipy", "math"},
        ),
        (
            "try:\n    import h5py\nexcept (ImportError, ModuleNotFoundError):\n    h5py = None",
            {"h5py"},
        ),
        ("try:\n    import h5py\nexcept Exception:\n    h5py = None", set()),
        ("from . import sibling\nimport os.path as osp", {"os"}),
    ],
    ids=["in-function", "import-guard", "broad-except-is-not-a-guard", "relative-and-dotted"],
)
def test_imported_modules_are_top_level_packages_of_kept_imports(
    source: str, modules: set[str]
) -> None:
    assert extract_cells(source).imported_modules == modules


def test_cell_magic_drops_the_whole_cell_even_after_blank_lines() -> None:
    code = extract_cells("\n\n%%capture\ndef hidden():\n    pass", "def visible():\n    pass")
    assert code.functions == {"visible"}
    assert [chunk.cell for chunk in code.chunks] == [2]


@pytest.mark.parametrize(
    ("hostile", "errors"),
    [
        # which of the two the parser raises depends on the Python version
        ("x = 1" + "+1" * 100_000, {"RecursionError", "MemoryError"}),
        ("z = " + "-" * 100_000 + "1", {"RecursionError", "MemoryError"}),
        ("w = 'a\x00b'", {"SyntaxError"}),
    ],
    ids=["deep expression", "deep unary chain", "NUL byte"],
)
def test_a_cell_python_cannot_read_costs_only_that_cell(hostile, errors):
    code = extract_cells(hostile, "def kept():\n    return 1\n")
    [problem] = code.problems
    assert problem.cell == 1 and problem.message.split(":")[0] in errors
    assert code.functions == frozenset({"kept"})
    assert [chunk.cell for chunk in code.chunks] == [2]


def test_twenty_thousand_tiny_cells_are_all_extracted():
    """Extraction is linear in the cells: each used to copy every name bound before it."""
    from dlgrade.grader.loading import split_module

    source = "\n".join(f"# In[{i}]:\nvalue_{i} = {i}\n" for i in range(20_000))
    cells = split_module(source + "\n# In[x]:\ntotal = value_0 + value_19999\n")
    code = extract_code(Submission(Path("big.py"), "py", "0" * 64, cells, {}))
    assert len(code.chunks) == 20_001 and "total = value_0" in code.chunks[-1].source
