"""The trust boundary: student code runs in isolated workers, called by plain-data RPC.

See docs/ARCHITECTURE.md ("Contract: sandbox"). Layout:
  limits.py   Limits, CallOutcome              sandbox.py  Sandbox (one per submission)
  zygote.py   Zygote (warm fork server handle) client.py   one worker: RPC, kill, sweep
  worker/     the untrusted side, loaded by file path in a clean interpreter
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dlgrade.grader.sandbox.limits import CallOutcome, Limits
    from dlgrade.grader.sandbox.sandbox import Sandbox
    from dlgrade.grader.sandbox.zygote import Zygote

__all__ = ["CallOutcome", "Limits", "Sandbox", "Zygote"]

# Exports resolve lazily: `grade submit` starts the zygote (stdlib only) before the rest
# of the sandbox pulls in numpy, so the worker interpreter boots while numpy loads here.
_EXPORTS = {
    "CallOutcome": "dlgrade.grader.sandbox.limits",
    "Limits": "dlgrade.grader.sandbox.limits",
    "Sandbox": "dlgrade.grader.sandbox.sandbox",
    "Zygote": "dlgrade.grader.sandbox.zygote",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'dlgrade.grader.sandbox' has no attribute {name!r}")
