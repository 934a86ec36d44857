"""The deployments a course runs the grader in, as zygotes the attack tests run against.

- `root`: a hosted autograder container or a server, as root (namespaces, unique uid);
- `user-namespaces`: an instructor's laptop or server as an ordinary user, with user
  namespaces;
- `user-no-namespaces`: the same user where namespaces cannot be created (Docker's
  default seccomp profile, restricted user namespaces, CI runners): Landlock and seccomp.

As root, the user modes are real: the zygote drops to an otherwise unused uid right
after starting (before its first worker), and in the last mode also installs the filter
that Docker's profile puts on a process. Run as an ordinary user, the suite runs the two
user modes as that user and says that the root mode could not run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dlgrade.grader.sandbox import Zygote
from tests.grader.sandbox.deployments import GRADING_UID, MODES, NOT_ROOT


@pytest.fixture(
    scope="module",
    # no id is a prefix of another: `-k "[user-namespaces"` selects one deployment
    params=[pytest.param("root", marks=NOT_ROOT), "user-namespaces", "user-no-namespaces"],
)
def mode(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def zygote(mode):
    with Zygote(**MODES[mode]) as started:
        yield started


@pytest.fixture
def grading_uid(mode) -> int:
    """The uid of the grading user in this deployment (whose files student code targets)."""
    return 0 if mode == "root" else GRADING_UID


@pytest.fixture
def world_readable_dir():
    """A fresh directory anyone may read, outside /tmp (which root workers never see)."""
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="dlgrade-attack-", dir="/var/tmp"))
    path.chmod(0o755)
    yield path
    import shutil

    shutil.rmtree(path, ignore_errors=True)
