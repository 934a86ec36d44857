"""Re-execute a graded reference function from its source alone, as a notebook would."""

from __future__ import annotations

import ast
import inspect
import math
import textwrap

import numpy as np


def extract_graded(function):
    """Check the source is template-ready and return it re-executed with only np and math.

    Template-ready: paired `# YOUR CODE STARTS HERE` / `# YOUR CODE ENDS HERE` markers
    around single-target assignments only, which `grade release` can blank to `None`.
    """
    source = textwrap.dedent(inspect.getsource(function))
    lines = source.splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip() == "# YOUR CODE STARTS HERE"]
    ends = [i for i, line in enumerate(lines) if line.strip() == "# YOUR CODE ENDS HERE"]
    assert starts and len(starts) == len(ends), f"{function.__name__}: unpaired markers"
    for start, end in zip(starts, ends, strict=True):
        statements = ast.parse(textwrap.dedent("\n".join(lines[start + 1 : end]))).body
        assert statements, f"{function.__name__}: empty student block"
        for statement in statements:
            assert isinstance(statement, ast.Assign) and len(statement.targets) == 1, (
                f"{function.__name__}: line {statement.lineno} of a student block is not a "
                "single-target assignment"
            )
    namespace = {"np": np, "math": math}
    exec(compile(source, f"<extracted {function.__name__}>", "exec"), namespace)
    return namespace[function.__name__]
