"""Source transformations for a student kit: pure functions over Python source text.

A kit's check modules are the full grader's without their hidden checks, and every
module it ships keeps only what its kept code uses: a helper that only a hidden case
needed (a generator of random networks) would tell how the hidden cases are made.
Comments and docstrings go too (they describe the hidden cases); a check's docstring
keeps its first line, its name in the report.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

Binding = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Assign | ast.AnnAssign


def is_hidden_mark(node: ast.expr) -> bool:
    """`pytest.mark.hidden` (or `mark.hidden`, called or not)."""
    if isinstance(node, ast.Call):
        node = node.func
    return isinstance(node, ast.Attribute) and node.attr == "hidden" and _is_mark(node.value)


def _is_mark(node: ast.expr) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "mark") or (
        isinstance(node, ast.Name) and node.id == "mark"
    )


def module_is_hidden(tree: ast.Module) -> bool:
    """A module whose `pytestmark` holds the hidden mark: all its checks are hidden."""
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "pytestmark"
            for target in statement.targets
        ):
            marks = statement.value.elts if isinstance(statement.value, ast.List) else []
            if any(is_hidden_mark(mark) for mark in [statement.value, *marks]):
                return True
    return False


def is_check(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.FunctionDef) and statement.name.startswith("test_")


def visible_checks_source(source: str) -> str | None:
    """A check module without its hidden checks and what only they used; None when
    nothing visible is left."""
    tree = ast.parse(source)
    if module_is_hidden(tree):
        return None
    tree.body = [
        statement
        for statement in tree.body
        if not (is_check(statement) and any(map(is_hidden_mark, statement.decorator_list)))
    ]
    if not any(is_check(statement) for statement in tree.body):
        return None
    roots = {s.name for s in tree.body if is_check(s)} | {"pytestmark"}
    return pruned_source(tree, roots)


def pruned_source(tree: ast.Module | str, roots: Iterable[str]) -> str:
    """`tree` keeping only the module-level bindings `roots` need, transitively, and every
    statement that binds nothing (it may matter at import). Docstrings are dropped but for
    the first line of each check's (its display name)."""
    if isinstance(tree, str):
        tree = ast.parse(tree)
    body = [statement for statement in tree.body if not _is_docstring(statement)]
    needed = set(roots)
    kept: list[ast.stmt] = []
    changed = True
    while changed:
        changed = False
        for statement in body:
            if any(statement is k for k in kept):
                continue
            names = bound_names(statement)
            if names is None or names & needed:
                kept.append(statement)
                needed |= referenced_names(statement)
                changed = True
    order = {id(statement): index for index, statement in enumerate(body)}
    kept.sort(key=lambda statement: order[id(statement)])
    tree.body = [_trimmed(statement, needed) for statement in kept]
    for statement in tree.body:
        _strip_docstrings(statement)
    return ast.unparse(ast.fix_missing_locations(tree)) + "\n"


def bound_names(statement: ast.stmt) -> set[str] | None:
    """The module-level names a removable statement binds; None when it is not removable."""
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {statement.name}
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        if isinstance(statement, ast.ImportFrom) and statement.module == "__future__":
            return None
        return {(alias.asname or alias.name).partition(".")[0] for alias in statement.names}
    if isinstance(statement, ast.Assign):
        targets = statement.targets
        return {t.id for t in targets} if all(isinstance(t, ast.Name) for t in targets) else None
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return {statement.target.id}
    return None


def referenced_names(node: ast.AST) -> set[str]:
    """Every name and attribute name used under `node` (attributes: `cases.network`)."""
    found = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            found.add(child.id)
        elif isinstance(child, ast.Attribute):
            found.add(child.attr)
    return found


def _trimmed(statement: ast.stmt, needed: set[str]) -> ast.stmt:
    """An import statement without the names nothing uses."""
    if isinstance(statement, ast.ImportFrom) and statement.module != "__future__":
        statement.names = [a for a in statement.names if (a.asname or a.name) in needed]
    return statement


def _is_docstring(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def _strip_docstrings(node: ast.AST) -> None:
    for child in ast.walk(node):
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if child.body and _is_docstring(child.body[0]):
            docstring = child.body[0].value.value
            if is_check(child) and docstring.strip():
                child.body[0].value.value = docstring.strip().splitlines()[0]
            else:
                child.body = child.body[1:] or [ast.Pass()]
