"""The student kit's notebook entry point::

from dlgrade.kit import check
check()                               # every graded function of this notebook
check("update_parameters_with_adam")  # one of them
"""

from dlgrade.grader.kit.notebook import check

__all__ = ["check"]
