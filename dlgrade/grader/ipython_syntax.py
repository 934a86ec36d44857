"""IPython syntax in notebook cells that is not Python: magics, shell escapes, help.

Standard library only. Lines are rewritten to `pass` with their indentation, so line N
of the parsed cell is still line N of the student's cell.
"""

from __future__ import annotations

import ast
import re

# IPython syntax that is not Python. Replaced line by line by `pass` (same indentation).
MAGIC_OR_SHELL = re.compile(r"^[%!]")  # %matplotlib inline, !pip install x, %%timeit
ASSIGNED_MAGIC = re.compile(r"^[\w., ]+=\s*[%!]")  # files = !ls ; t = %timeit -o f()
HELP = re.compile(r"^(?:\?{1,2}[\w.]+|[\w.]+(?:\(\))?\?{1,2})$")  # np.dot? ??np.dot
GET_IPYTHON = re.compile(r"^get_ipython\(\)")  # nbconvert form of magics/shell escapes


def is_cell_magic(source: str) -> bool:
    """True when the cell starts with a `%%` cell magic (`%%timeit`, `%%capture`...): dropped."""
    first = next((line.strip() for line in source.split("\n") if line.strip()), "")
    return first.startswith("%%")


def parse_cell(source: str) -> tuple[list[str], ast.Module]:
    """The cell's lines with IPython-only lines (magics, `!shell`, `obj?`) as `pass`, parsed.

    Lines are only rewritten when they stop the cell from parsing (a `%` line may be the
    continuation of a bracketed expression), except `get_ipython()` lines, which parse but
    would fail in the worker. Each rewritten line keeps its indentation. Raises SyntaxError.
    """
    lines = [
        _as_pass(line) if GET_IPYTHON.match(line.lstrip()) else line for line in source.split("\n")
    ]
    try:
        return lines, ast.parse("\n".join(lines))
    except SyntaxError:
        lines = [_as_pass(line) if _is_ipython_line(line.strip()) else line for line in lines]
        return lines, ast.parse("\n".join(lines))


def _is_ipython_line(stripped: str) -> bool:
    return bool(
        MAGIC_OR_SHELL.match(stripped) or ASSIGNED_MAGIC.match(stripped) or HELP.match(stripped)
    )


def _as_pass(line: str) -> str:
    return line[: len(line) - len(line.lstrip())] + "pass"
