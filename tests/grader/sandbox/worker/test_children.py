"""ChildWatch: SIGCHLD wakes a select, each ended child is reaped once with its status.

Run in a fresh interpreter: the watch takes over SIGCHLD and reaps any child, which
must not happen to the children (zygotes) of the test process itself.
"""

import subprocess
import sys
import textwrap
from pathlib import Path

from dlgrade import grader

SCRIPT = textwrap.dedent(
    """
    import os, select, signal, sys
    sys.path.insert(0, sys.argv[1])
    from children import ChildWatch

    watch = ChildWatch()
    assert list(watch.ended()) == []  # no child yet: nothing, and no blocking
    codes = {}
    for code in (3, 0):
        pid = os.fork()
        if pid == 0:
            watch.forget_in_child()
            handler = signal.getsignal(signal.SIGCHLD)
            os._exit(code if handler == signal.SIG_DFL else 99)
        codes[pid] = code
    ended = {}
    while len(ended) < 2:
        assert select.select([watch], [], [], 10)[0] == [watch], "SIGCHLD did not wake us"
        ended.update((pid, os.waitstatus_to_exitcode(s)) for pid, s in watch.ended())
    assert ended == codes, (ended, codes)
    assert list(watch.ended()) == []
    print("ok")
    """
)


def test_ended_children_wake_the_loop_and_are_reaped_with_their_status():
    folder = str(Path(grader.sandbox.worker.__file__).parent)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, folder], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout.strip()) == (0, "ok"), done.stderr
