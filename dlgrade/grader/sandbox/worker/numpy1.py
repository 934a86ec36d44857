"""NumPy 1.x semantics for student code, where NumPy 2 rejects what the course's NumPy ran.

Students write and test their notebooks on the course's NumPy 1.x; the worker runs
NumPy 2. A careful teaching assistant grades the code the student ran, so the worker
gives back, for student code only, what NumPy 2 removed and course code meets:

- names removed in NumPy 1.24-2.0 (`np.float`, `np.int`, `np.product`, `np.NaN`, ...);
- `np.sum(generator)` (NumPy 1.x summed it with Python's `sum`);
- `np.array(x, copy=False)` (NumPy 1.x copied when it had to);
- a one-element array assigned to a scalar slot (`theta[i][0] = values[i] + eps`) or
  converted with `float()` / `int()` (deprecated in 1.25, an error in NumPy 2): the
  cells are compiled with those statements routed through helpers that retry the NumPy
  1.x way only when NumPy 2 refused.

Each rule notes itself in `USED` only when it changed the outcome (NumPy 2 would have
raised); the worker reports the notes with the call, and the report says so. Loaded by
path in the zygote like its siblings; imports only the standard library and numpy.
"""

from __future__ import annotations

import ast
import builtins
import operator
import types

import numpy as np

USED: set[str] = set()  # notes of rules that made a difference since the last report
_REFUSALS = (
    (ValueError, "setting an array element with a sequence"),
    (TypeError, "only 0-dimensional arrays can be converted"),
    (TypeError, "only length-1 arrays can be converted"),
    (TypeError, "only size-1 arrays can be converted"),
)


def refused_by_numpy2(error: BaseException) -> bool:
    """Whether `error` is NumPy 2 refusing a one-element array where NumPy 1.x took it
    (then the call is run again on the rewritten code)."""
    return any(isinstance(error, kind) and text in str(error) for kind, text in _REFUSALS)


ALIASES = {
    "float": float, "int": int, "bool": bool, "object": object, "complex": complex,
    "str": str, "long": int, "unicode": str,
    "product": np.prod, "cumproduct": np.cumprod, "sometrue": np.any, "alltrue": np.all,
    "asscalar": lambda a: a.item(), "round_": np.round,
    "NaN": np.nan, "NAN": np.nan, "Inf": np.inf, "Infinity": np.inf, "PINF": np.inf,
    "infty": np.inf, "NINF": -np.inf, "PZERO": 0.0, "NZERO": -0.0,
    "float_": np.float64, "complex_": np.complex128, "string_": np.bytes_,
    "unicode_": np.str_, "int0": np.intp, "uint0": np.uintp, "bool8": np.bool_,
}  # fmt: skip
SETITEM, AUGSET, SCALAR = "__dlgrade_setitem__", "__dlgrade_augset__", "__dlgrade_scalar__"
_AUGMENTED = {
    ast.Add: operator.iadd, ast.Sub: operator.isub, ast.Mult: operator.imul,
    ast.Div: operator.itruediv, ast.FloorDiv: operator.ifloordiv, ast.Pow: operator.ipow,
    ast.Mod: operator.imod, ast.MatMult: operator.imatmul,
}  # fmt: skip
_OPERATORS = {function.__name__: function for function in _AUGMENTED.values()}


def install() -> None:
    """In the zygote: the removed names and the NumPy 1.x behaviours of np.sum, np.array."""
    original_getattr = getattr(np, "__getattr__", None)

    def numpy_getattr(name: str) -> object:
        if name in ALIASES:
            USED.add(f"np.{name} (removed in NumPy 2; the course's NumPy 1.x had it)")
            return ALIASES[name]
        if original_getattr is None:
            raise AttributeError(f"module 'numpy' has no attribute {name!r}")
        return original_getattr(name)

    np.__getattr__ = numpy_getattr
    np.sum = _sum
    np.array = _array


_numpy_sum, _numpy_array = np.sum, np.array


def _sum(a, *args, **kwargs):
    if isinstance(a, types.GeneratorType):
        USED.add("np.sum of a generator (NumPy 1.x summed it with Python's sum)")
        result = builtins.sum(a)
        out = kwargs.get("out")
        if out is not None:
            out[...] = result
            return out
        return result
    return _numpy_sum(a, *args, **kwargs)


_sum.__doc__, _sum.__name__ = _numpy_sum.__doc__, "sum"


def _array(obj, *args, copy=True, **kwargs):
    if copy is False:
        try:
            return _numpy_array(obj, *args, copy=False, **kwargs)
        except ValueError:
            USED.add("np.array(..., copy=False) that needs a copy (NumPy 1.x made one)")
            return _numpy_array(obj, *args, copy=None, **kwargs)
    return _numpy_array(obj, *args, copy=copy, **kwargs)


_array.__doc__, _array.__name__ = _numpy_array.__doc__, "array"


def _one_element(value: object) -> bool:
    return isinstance(value, np.ndarray) and value.ndim > 0 and value.size == 1


def setitem(container, index, value) -> None:
    """`container[index] = value`, with NumPy 1.x's one-element arrays into scalar slots."""
    try:
        container[index] = value
    except (ValueError, TypeError):
        if not (_one_element(value) and isinstance(container, np.ndarray)):
            raise
        container[index] = value.reshape(())  # raises again if that was not the problem
        USED.add(
            "a one-element array assigned to a single array element (an error in NumPy 2, "
            "allowed by the course's NumPy 1.x)"
        )


def augset(container, index, operation: str, value) -> None:
    """`container[index] <op>= value` under the same rule."""
    setitem(container, index, _OPERATORS[operation](container[index], value))


def scalar(convert, value, *rest):
    """`float(value)` / `int(value)`, with NumPy 1.x's conversion of one-element arrays."""
    try:
        return convert(value, *rest)
    except TypeError:
        if rest or not _one_element(value) or convert not in (float, int, complex):
            raise
        USED.add(
            f"{convert.__name__}() of a one-element array (an error in NumPy 2, allowed by "
            "the course's NumPy 1.x)"
        )
        return convert(value.reshape(()))


HELPERS = {SETITEM: setitem, AUGSET: augset, SCALAR: scalar}


class _Rewrite(ast.NodeTransformer):
    """Routes item assignments and float()/int() calls through the helpers."""

    def visit_Assign(self, node: ast.Assign) -> ast.AST:
        self.generic_visit(node)
        if len(node.targets) != 1 or not isinstance(node.targets[0], ast.Subscript):
            return node
        target = node.targets[0]
        call = _call(SETITEM, [target.value, _index(target.slice), node.value])
        return ast.copy_location(ast.Expr(call), node)

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.AST:
        self.generic_visit(node)
        operation = _AUGMENTED.get(type(node.op))
        if not isinstance(node.target, ast.Subscript) or operation is None:
            return node
        target = node.target
        arguments = [target.value, _index(target.slice), ast.Constant(operation.__name__)]
        call = _call(AUGSET, [*arguments, node.value])
        return ast.copy_location(ast.Expr(call), node)

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name not in ("float", "int") or node.keywords or len(node.args) != 1:
            return node
        return ast.copy_location(_call(SCALAR, [node.func, *node.args]), node)


def _index(slice_node: ast.expr) -> ast.expr:
    """A subscript's index as an expression (a slice `a:b` becomes `slice(a, b)`)."""
    if isinstance(slice_node, ast.Slice):
        parts = [slice_node.lower, slice_node.upper, slice_node.step]
        arguments = [part or ast.Constant(None) for part in parts]
        return ast.Call(ast.Name("slice", ast.Load()), arguments, [])
    if isinstance(slice_node, ast.Tuple):
        return ast.Tuple([_index(element) for element in slice_node.elts], ast.Load())
    return slice_node


def _call(helper: str, arguments: list[ast.expr]) -> ast.Call:
    return ast.Call(ast.Name(helper, ast.Load()), arguments, [])


def rewrite(tree: ast.Module) -> ast.Module:
    """`tree` with the NumPy 1.x routing applied (line numbers kept for tracebacks)."""
    return ast.fix_missing_locations(_Rewrite().visit(tree))


def take_notes() -> list[str]:
    """The rules that made a difference since the last call, and forget them."""
    notes = sorted(USED)
    USED.clear()
    return notes
