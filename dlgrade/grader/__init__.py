"""dlgrade: a sandboxed autograder for the "Improving Deep Neural Networks" notebooks.

The public library API lives in the submodules; the CLI (`grader.cli`) is a thin
click adapter over it.
"""

__version__ = "0.1.0"

# Grading computes on small arrays in several processes at once: BLAS threads only spin
# (they took ~1.5 % of a batch's CPU). The CLI and the grading processes a batch starts
# get these unless the user set them; they act when set before NumPy is imported.
SINGLE_THREADED_BLAS = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
