"""dlgrade: a sandboxed autograder for the "Improving Deep Neural Networks" notebooks.

The public library API lives in the submodules; the CLI (`grader.cli`) is a thin
click adapter over it.
"""

__version__ = "0.1.0"
