"""Code that runs on the untrusted side of the sandbox.

Every module here imports only the standard library and numpy, and is loaded BY FILE
PATH in a clean interpreter (`python -I worker/zygote.py`), never as part of the
`grader` package: the worker's memory must not contain the grader, the reference
implementation or the checks. The trusted side imports `codec` normally (it is pure).
"""
