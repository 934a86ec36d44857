"""Keep only the student's definitions: imports, defs, classes and constant assignments.

The notebook is never executed as a whole. Each code cell is parsed on its own with
`ast` (a syntax error loses only that cell); statements that would *do* something at
load time (training loops, plots, prints, test calls, `sys.exit()`) are blanked out, so
line N of a kept chunk is still line N of its cell and tracebacks point at the right line.
Standard library only: extracting a 40-cell notebook takes a few milliseconds.
"""

from __future__ import annotations

import ast
import builtins
import re
from collections.abc import Container, Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Literal

from dlgrade.grader.ipython_syntax import is_cell_magic, parse_cell
from dlgrade.grader.loading import Cell, Submission

_Names = Container[str]  # what a statement may read: `name in known`

MarkerStyle = Literal["new", "old", "mixed", "none"]

_NEW_MARKER = re.compile(r"#\s*YOUR\s+CODE\s+STARTS\s+HERE", re.IGNORECASE)
_GRADED_FUNCTION = re.compile(r"#\s*GRADED\s+FUNCTION\b", re.IGNORECASE)
_OLD_MARKER = re.compile(r"#\s*START\s+CODE\s+HERE", re.IGNORECASE)

_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError"})
_BUILTIN_NAMES = frozenset(dir(builtins))


@dataclass(frozen=True)
class CodeChunk:
    """The kept code of one code cell; dropped statements are blank lines (numbering kept)."""

    cell: int
    source: str


@dataclass(frozen=True)
class ExtractionProblem:
    """Something of the student's code that was lost, e.g. a syntax error in cell 7, line 3."""

    cell: int
    line: int | None
    message: str


@dataclass(frozen=True)
class StudentCode:
    """Everything the sandbox needs: chunks to execute in order (later definitions win)."""

    chunks: tuple[CodeChunk, ...]
    functions: frozenset[str]
    problems: tuple[ExtractionProblem, ...]
    marker_style: MarkerStyle
    imported_modules: frozenset[str]


@dataclass(frozen=True)
class CellExtraction:
    """What one cell contributes; `bound` feeds the next cells' constant-assignment check."""

    chunk: CodeChunk | None
    functions: frozenset[str]
    modules: frozenset[str]
    bound: frozenset[str]
    problems: tuple[ExtractionProblem, ...]


def extract_code(submission: Submission) -> StudentCode:
    """Keep the definitions of every code cell of `submission`, in notebook order."""
    code_cells = [cell for cell in submission.cells if cell.cell_type == "code"]
    known = set(_BUILTIN_NAMES)  # grows cell by cell; never copied (20,000 cells stay linear)
    chunks, functions, modules, problems = [], set(), set(), []
    for cell in code_cells:
        result = extract_cell(cell, known)
        known.update(result.bound)
        functions.update(result.functions)
        modules.update(result.modules)
        problems.extend(result.problems)
        if result.chunk is not None:
            chunks.append(result.chunk)
    return StudentCode(
        chunks=tuple(chunks),
        functions=frozenset(functions),
        problems=tuple(problems),
        marker_style=marker_style(cell.source for cell in code_cells),
        imported_modules=frozenset(modules),
    )


def extract_cell(cell: Cell, known: AbstractSet[str]) -> CellExtraction:
    """Kept code of one cell; `known` holds names bound by kept code of earlier cells.

    A constant assignment is kept only if every name it reads is known, so that executing
    the kept code cannot fail on a name whose defining statement was dropped.
    """
    if is_cell_magic(cell.source):
        return CellExtraction(None, frozenset(), frozenset(), frozenset(), ())
    try:
        return _extract_parsed(cell, known)
    except SyntaxError as exc:
        problem = ExtractionProblem(cell.index, exc.lineno, _syntax_message(exc))
    except (RecursionError, MemoryError, ValueError) as exc:
        # Nested too deeply for Python's parser, or a NUL byte: the cell cannot be read,
        # and that must cost this cell only, never the grading process.
        problem = ExtractionProblem(
            cell.index, None, f"{type(exc).__name__}: this cell cannot be read ({exc}); skipped"
        )
    return CellExtraction(None, frozenset(), frozenset(), frozenset(), (problem,))


class _Scope:
    """Names bound so far: the earlier cells' (shared, read-only here) plus this cell's."""

    def __init__(self, earlier: AbstractSet[str], *layers: set[str]) -> None:
        self.earlier, self.layers = earlier, layers

    def __contains__(self, name: object) -> bool:
        return name in self.earlier or any(name in layer for layer in self.layers)


def _extract_parsed(cell: Cell, known: AbstractSet[str]) -> CellExtraction:
    lines, tree = parse_cell(cell.source)
    added: set[str] = set()
    bound = _Scope(known, added)
    kept_lines = [""] * len(lines)
    kept_nodes: list[ast.stmt] = []
    problems: list[ExtractionProblem] = []
    for group in _line_groups(tree.body):
        group_added: set[str] = set()
        group_bound, kept = _Scope(known, added, group_added), []
        for node in group:
            if _keep_top_level(node, group_bound):
                kept.append(node)
                group_added.update(_bound_names(node))
        if len(kept) == len(group):
            added |= group_added
            kept_nodes.extend(group)
            _copy_lines(lines, kept_lines, group, bound)
        elif kept:
            problems.append(_shared_line_problem(cell, group, kept))
    return CellExtraction(
        chunk=CodeChunk(cell.index, "\n".join(kept_lines)) if kept_nodes else None,
        functions=frozenset(_function_names(kept_nodes)),
        modules=frozenset(_imported_modules(kept_nodes, bound)),
        bound=frozenset(added - known),
        problems=tuple(problems),
    )


def marker_style(sources: Iterable[str]) -> MarkerStyle:
    """Which generation's answer markers the code cells use (a hint for version detection).

    `# GRADED FUNCTION:` counts as "new" only when no `### START CODE HERE ###` marker is
    present: old notebooks carry that comment too, and must not read as "mixed".
    """
    text = "\n".join(sources)
    new, old = bool(_NEW_MARKER.search(text)), bool(_OLD_MARKER.search(text))
    if new and old:
        return "mixed"
    if new or (not old and _GRADED_FUNCTION.search(text)):
        return "new"
    return "old" if old else "none"


def _line_groups(body: list[ast.stmt]) -> Iterator[list[ast.stmt]]:
    """Statements grouped when they share a physical line (`import numpy as np; print(1)`)."""
    group: list[ast.stmt] = []
    for node in body:
        if group and _first_line(node) <= group[-1].end_lineno:
            group.append(node)
            continue
        if group:
            yield group
        group = [node]
    if group:
        yield group


def _keep_top_level(node: ast.stmt, known: _Names) -> bool:
    """Whether a module-level statement only defines things (nothing runs at load time).

    An import of the grader itself (`from dlgrade.kit import check`, the student kit's
    check from a notebook cell) is the student's tool, not their code: dropped."""
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return not _imports_the_grader(node)
    if isinstance(node, _DEFINITIONS):
        return True
    if isinstance(node, ast.Try):
        return _is_import_guard(node)
    return _is_constant_assignment(node, known)


def _imports_the_grader(node: ast.Import | ast.ImportFrom) -> bool:
    if isinstance(node, ast.ImportFrom):
        return node.level == 0 and (node.module or "").partition(".")[0] == "dlgrade"
    return any(alias.name.partition(".")[0] == "dlgrade" for alias in node.names)


def _keep_nested(node: ast.stmt, known: _Names) -> bool:
    return isinstance(node, ast.Pass) or _keep_top_level(node, known)


def _is_import_guard(node: ast.Try) -> bool:
    """`try: import x` / `except ImportError: ...`: kept, with its non-definitions as `pass`."""
    catches = all(_handler_names(handler) <= _IMPORT_ERRORS for handler in node.handlers)
    has_import = any(isinstance(stmt, (ast.Import, ast.ImportFrom)) for stmt in node.body)
    return bool(node.handlers) and catches and has_import


def _handler_names(handler: ast.ExceptHandler) -> set[str]:
    if handler.type is None:
        return {"<bare except>"}
    exprs = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return {expr.id if isinstance(expr, ast.Name) else "<expr>" for expr in exprs}


def _is_constant_assignment(node: ast.stmt, known: _Names) -> bool:
    """`NAME = value` where value calls nothing and reads only names bound by kept code."""
    if isinstance(node, ast.Assign):
        targets, values = node.targets, [node.value]
    elif isinstance(node, ast.AnnAssign):
        targets = [node.target]
        values = [node.annotation] + ([node.value] if node.value is not None else [])
    else:
        return False
    if not all(_only_names(target) for target in targets):
        return False
    return all(
        _calls_nothing(value) and all(name in known for name in _reads(value)) for value in values
    )


def _only_names(target: ast.expr) -> bool:
    if isinstance(target, (ast.Tuple, ast.List)):
        return all(_only_names(element) for element in target.elts)
    if isinstance(target, ast.Starred):
        return _only_names(target.value)
    return isinstance(target, ast.Name)


def _evaluated_now(expr: ast.AST) -> Iterator[ast.AST]:
    """Nodes of `expr` evaluated when the assignment runs: lambda bodies are not."""
    yield expr
    children = (
        [*expr.args.defaults, *(d for d in expr.args.kw_defaults if d is not None)]
        if isinstance(expr, ast.Lambda)
        else ast.iter_child_nodes(expr)
    )
    for child in children:
        yield from _evaluated_now(child)


def _calls_nothing(expr: ast.expr) -> bool:
    return not any(
        isinstance(node, (ast.Call, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr))
        for node in _evaluated_now(expr)
    )


def _reads(expr: ast.expr) -> set[str]:
    """Free names read by `expr` now (comprehension variables excluded)."""
    nodes = [node for node in _evaluated_now(expr) if isinstance(node, ast.Name)]
    stored = {node.id for node in nodes if isinstance(node.ctx, ast.Store)}
    return {node.id for node in nodes if isinstance(node.ctx, ast.Load)} - stored


def _bound_names(node: ast.stmt) -> set[str]:
    """Module-level names a kept statement binds (imports, defs, assignment targets)."""
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return {alias.asname or alias.name.split(".")[0] for alias in node.names} - {"*"}
    if isinstance(node, _DEFINITIONS):
        return {node.name}
    if isinstance(node, ast.Try):
        return {name for child in _try_statements(node) for name in _bound_names(child)}
    targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
    return {n.id for t in targets if t is not None for n in ast.walk(t) if isinstance(n, ast.Name)}


def _try_statements(node: ast.Try) -> list[ast.stmt]:
    handlers = [stmt for handler in node.handlers for stmt in handler.body]
    return [*node.body, *handlers, *node.orelse, *node.finalbody]


def _copy_lines(
    lines: list[str], kept_lines: list[str], group: list[ast.stmt], known: _Names
) -> None:
    """Copy a kept group's lines; inside an import guard, blank what is not a definition."""
    start, last = _first_line(group[0]), group[-1].end_lineno
    kept_lines[start - 1 : last] = lines[start - 1 : last]
    for node in group:
        if isinstance(node, ast.Try):
            _blank_inside_guard(node, lines, kept_lines, known)


def _blank_inside_guard(
    node: ast.Try, lines: list[str], kept_lines: list[str], known: _Names
) -> None:
    for child in _try_statements(node):
        if isinstance(child, ast.Try) and _is_import_guard(child):
            _blank_inside_guard(child, lines, kept_lines, known)
        elif not _keep_nested(child, known):
            start, end = _first_line(child), child.end_lineno
            kept_lines[start - 1 : end] = [""] * (end - start + 1)
            kept_lines[start - 1] = " " * child.col_offset + "pass"


def _first_line(node: ast.stmt) -> int:
    decorators = getattr(node, "decorator_list", [])
    return min([node.lineno, *(decorator.lineno for decorator in decorators)])


def _function_names(body: list[ast.stmt]) -> Iterator[str]:
    """Top-level function names, including `name = lambda ...` and defs in import guards."""
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.name
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Lambda):
            yield from (t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.Try):
            yield from _function_names(_try_statements(node))


def _imported_modules(nodes: list[ast.stmt], known: _Names) -> Iterator[str]:
    """Top-level package of every absolute import in kept code (function bodies included)."""
    for node in nodes:
        if isinstance(node, ast.Try):  # an import guard: skip what it blanked
            yield from _imported_modules(
                [child for child in _try_statements(node) if _keep_nested(child, known)], known
            )
        else:
            yield from _statement_imports(node)


def _statement_imports(node: ast.stmt) -> Iterator[str]:
    """Imports in `node` and its nested statements (expressions cannot hold imports)."""
    if isinstance(node, ast.Import):
        yield from (alias.name.split(".")[0] for alias in node.names)
    elif isinstance(node, ast.ImportFrom):
        if node.level == 0 and node.module:
            yield node.module.split(".")[0]
    else:
        for child in _child_statements(node):
            yield from _statement_imports(child)


def _child_statements(node: ast.stmt) -> Iterator[ast.stmt]:
    for name in ("body", "orelse", "finalbody", "handlers"):
        for child in getattr(node, name, ()):
            yield from (child.body if isinstance(child, ast.ExceptHandler) else [child])
    for case in getattr(node, "cases", ()):
        yield from case.body


SKIPPED_CELL = ". This cell was skipped; fix it and re-run the cell."


def _syntax_message(exc: SyntaxError) -> str:
    code = f": {exc.text.strip()!r}" if exc.text and exc.text.strip() else ""
    return f"SyntaxError: {exc.msg}{code}{SKIPPED_CELL}"


def _shared_line_problem(
    cell: Cell, group: list[ast.stmt], kept: list[ast.stmt]
) -> ExtractionProblem:
    names = ", ".join(sorted({name for node in kept for name in _bound_names(node)}))
    return ExtractionProblem(
        cell.index,
        group[0].lineno,
        f"Skipped a line that mixes definitions ({names}) with code that runs "
        "(e.g. `import x; print(x)`); put each statement on its own line.",
    )
