"""The trust boundary: student code runs in isolated workers, called by plain-data RPC.

See docs/ARCHITECTURE.md ("Contract: sandbox"). Layout:
  limits.py   Limits, CallOutcome              sandbox.py  Sandbox (one per submission)
  zygote.py   Zygote (warm fork server handle) client.py   one worker: RPC, kill, sweep
  worker/     the untrusted side, loaded by file path in a clean interpreter
"""

from grader.sandbox.limits import CallOutcome, Limits
from grader.sandbox.sandbox import Sandbox
from grader.sandbox.zygote import Zygote

__all__ = ["CallOutcome", "Limits", "Sandbox", "Zygote"]
