"""Entry point of the zygote: `python -I zygote.py <control fd> <reference dir>`.

Started once per grading process with a scrubbed environment. It imports numpy and
builds the course helper modules (the slow part, ~0.1 s), then forks one supervisor +
worker per submission on request, in a millisecond or two. It loads its sibling files
by path under private names and never imports `grader` or `reference` as packages, so
nothing of the grader is in memory that a worker could find (e.g. through `gc`).

Control protocol (SOCK_SEQPACKET, one JSON object per message):
    zygote -> {"ready": true, "problems": [...], "pid": n}
    trusted -> {"op": "spawn", "config": {...}} + fds [worker channel, status pipe]
    zygote -> {"ok": true, "supervisor": pid} or {"ok": false, "error": "..."}
EOF of the control socket (the grading process is gone) ends the zygote.
"""

import importlib
import importlib.util
import json
import os
import signal
import socket
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SIBLINGS = ("codec", "course_modules", "isolation", "runtime")
# Modules notebooks import, loaded before the workers drop privileges: as an unprivileged
# uid a worker may be unable to read the Python installation (e.g. under /root/.pyenv).
PRELOADED = (
    "math copy random time json collections itertools functools operator string re "
    "warnings signal struct traceback dataclasses typing statistics fractions decimal "
    "pprint heapq bisect enum abc numbers contextlib inspect textwrap datetime csv glob "
    "pathlib encodings.idna numpy.linalg numpy.random numpy.fft numpy.polynomial numpy.ma "
    "numpy.testing"
).split()


def load_siblings() -> dict:
    """Load the worker modules by file path as `_sandbox_<name>` (dependency order)."""
    modules = {}
    for name in SIBLINGS:
        spec = importlib.util.spec_from_file_location(
            f"_sandbox_{name}", os.path.join(HERE, f"{name}.py")
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        modules[name] = module
    return modules


def spawn(modules: dict, control: socket.socket, request: dict, fds: list) -> dict:
    """Fork the supervisor of one worker; the parent keeps nothing of it."""
    if request.get("op") != "spawn" or len(fds) != 2:
        for fd in fds:
            os.close(fd)
        return {"ok": False, "error": f"bad request {request.get('op')!r} with {len(fds)} fds"}
    channel_fd, status_fd = fds
    config = request["config"]
    pid = os.fork()
    if pid == 0:
        control.close()
        limits = config["limits"]
        modules["isolation"].supervise(
            config,
            channel_fd,
            status_fd,
            lambda fd, report: modules["runtime"].serve(fd, report, limits),
        )
    os.close(channel_fd)
    os.close(status_fd)
    return {"ok": True, "supervisor": pid}


def main(argv: list) -> None:
    control = socket.socket(fileno=int(argv[1]))
    import numpy  # noqa: F401 - the point of the zygote: workers inherit it imported

    for name in PRELOADED:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    modules = load_siblings()
    problems = modules["course_modules"].install(argv[2])
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # supervisors are reaped automatically
    control.send(json.dumps({"ready": True, "problems": problems, "pid": os.getpid()}).encode())
    while True:
        message, fds, _flags, _address = socket.recv_fds(control, 1 << 16, 4)
        if not message:
            return
        try:
            reply = spawn(modules, control, json.loads(message), fds)
        except Exception as error:  # noqa: BLE001 - report, keep serving
            reply = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        control.send(json.dumps(reply).encode())


if __name__ == "__main__":
    main(sys.argv)
