"""Execute a notebook with a real Jupyter kernel (nbclient), as a student's Jupyter would.

Run with the kit's virtualenv's Python: `python run_notebook.py IN.ipynb OUT.ipynb`.
"""

import sys

import nbformat
from nbclient import NotebookClient

notebook = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(notebook, timeout=180, kernel_name="python3", allow_errors=True).execute()
nbformat.write(notebook, sys.argv[2])
