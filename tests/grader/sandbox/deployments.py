"""The deployments a course runs the grader in (see conftest.py), as Zygote options."""

from __future__ import annotations

import os
import pwd

import pytest


def _unused_uid() -> int:
    """A uid no account and no process has (so every process of it is ours)."""
    owners = {os.stat(f"/proc/{p}").st_uid for p in os.listdir("/proc") if p.isdigit()}
    for uid in range(61_000, 62_000):
        try:
            pwd.getpwuid(uid)
        except KeyError:
            if uid not in owners:
                return uid
    raise RuntimeError("no unused uid in 61000-61999")


IS_ROOT = os.geteuid() == 0
GRADING_UID = _unused_uid() if IS_ROOT else os.getuid()
MODES = {
    "root": {},
    "user-namespaces": {"as_uid": GRADING_UID} if IS_ROOT else {},
    "user-no-namespaces": {
        **({"as_uid": GRADING_UID} if IS_ROOT else {}),
        "deny_namespaces": True,
    },
}
NOT_ROOT = pytest.mark.skipif(not IS_ROOT, reason="the root deployment needs the suite run as root")
