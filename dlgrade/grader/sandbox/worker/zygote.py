"""Entry point of the zygote: `python -I zygote.py <control fd> <reference dir>`.

Started once per grading process with a scrubbed environment. It imports numpy and
builds the course helper modules (the slow part, ~0.1 s), then forks one worker per
submission on request (as a user: a supervisor that forks the worker), in a millisecond
or two. It loads its sibling files by path under private names and never imports
`grader` or `reference` as packages, so nothing of the grader is in memory that a worker
could find (e.g. through `gc`).

Control protocol (SOCK_SEQPACKET, one JSON object per message):
    zygote -> {"ready": true, "problems": [...], "pid": n}
    trusted -> {"op": "spawn", "config": {...}} + fds [worker channel, status pipe]
    zygote -> {"ok": true, "pid": pid} or {"ok": false, "error": "..."}
The status pipe then gets "pid <worker pid>" and, once it ended, "status <wait status>"
(from the zygote, which reaps the workers it forked, or from a supervisor). EOF of the
control socket (the grading process is gone) ends the zygote.
"""

import importlib
import importlib.util
import json
import os
import select
import socket
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SIBLINGS = ("children", "codec", "confine", "course_modules", "namespaces", "isolation")
SIBLINGS += ("numpy1", "runtime")  # in dependency order
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


class Spawner:
    """Forks workers and reaps them; as root a worker is the zygote's own child.

    `children` maps each live child to the status pipe the zygote reports on (None for a
    supervisor, which reports itself).
    """

    def __init__(self, modules: dict, control: socket.socket, courses: list) -> None:
        self.modules = modules
        self.courses = courses  # the course helper modules installed (names)
        self.isolation = modules["isolation"]
        self.namespaces = modules["namespaces"]
        self.control = control
        self.watch = modules["children"].ChildWatch()
        self.children: dict[int, int | None] = {}
        self.isolation.preload()
        self.own_pid_namespace = self._own_pid_namespace()
        self.private_network = self.namespaces.leave_host_network()
        self.shared_user_network = self.namespaces.shared_user_network()

    def _own_pid_namespace(self) -> int | None:
        """An fd of the zygote's pid namespace if each child can get a new one, else None.

        Tried in a throwaway child first: a zygote that could not return to its own
        namespace after an unshare could not fork a second worker.
        """
        if os.geteuid() != 0:
            return None
        try:
            fd = os.open("/proc/self/ns/pid", os.O_RDONLY)
        except OSError:
            return None
        pid = os.fork()
        if pid == 0:
            works = self.namespaces.next_child_in_new_pid_namespace() and (
                self.namespaces.children_in_own_pid_namespace(fd)
            )
            os._exit(0 if works else 1)
        _, status = os.waitpid(pid, 0)
        if status != 0:
            os.close(fd)
            return None
        return fd

    def spawn(self, request: dict, fds: list) -> dict:
        """Fork the worker (or its supervisor) of one request."""
        if request.get("op") != "spawn" or len(fds) != 2:
            for fd in fds:
                os.close(fd)
            return {"ok": False, "error": f"bad request {request.get('op')!r} with {len(fds)} fds"}
        channel_fd, status_fd = fds
        config = request["config"]
        direct = config["mode"] == "rlimits" or os.geteuid() == 0
        new_pid_namespace = (
            direct
            and config["mode"] == "auto"
            and (self.own_pid_namespace is not None)
            and self.namespaces.next_child_in_new_pid_namespace()
        )
        try:
            pid = os.fork()
        except BaseException:
            self._back_to_own_pid_namespace(new_pid_namespace)
            raise
        if pid == 0:
            self._child(config, channel_fd, status_fd, direct, new_pid_namespace)
        self._back_to_own_pid_namespace(new_pid_namespace)
        os.close(channel_fd)
        if direct:
            os.write(status_fd, f"pid {pid}\n".encode())
            self.children[pid] = status_fd
        else:
            os.close(status_fd)
            self.children[pid] = None
        return {"ok": True, "pid": pid}

    def _back_to_own_pid_namespace(self, left: bool) -> None:
        if left and not self.namespaces.children_in_own_pid_namespace(self.own_pid_namespace):
            os._exit(1)  # cannot fork in our own namespace any more: the grader restarts us

    def _child(self, config, channel_fd, status_fd, direct, new_pid_namespace) -> None:
        self.control.close()
        self.watch.forget_in_child()
        self.modules["course_modules"].restrict_to(config.get("helper_modules"), self.courses)
        limits = config["limits"]
        serve = lambda fd, report: self.modules["runtime"].serve(fd, report, limits)  # noqa: E731
        if direct:
            os.close(status_fd)
            self.isolation.become_worker(
                config,
                channel_fd,
                serve,
                pid_namespace=new_pid_namespace,
                network_namespace=self.private_network,
            )
        self.isolation.supervise(config, channel_fd, status_fd, serve, self.shared_user_network)

    def reap(self) -> None:
        """Collect ended children; report each worker's wait status on its pipe."""
        for pid, status in self.watch.ended():
            status_fd = self.children.pop(pid, None)
            if status_fd is not None:
                try:
                    os.write(status_fd, f"status {status}\n".encode())
                except OSError:
                    pass  # the grader stopped listening
                os.close(status_fd)


def main(argv: list) -> None:
    control = socket.socket(fileno=int(argv[1]))
    import numpy  # noqa: F401 - the point of the zygote: workers inherit it imported

    for name in PRELOADED:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    modules = load_siblings()
    modules["numpy1"].install()  # student code runs with the course's NumPy 1.x semantics
    courses = json.loads(argv[3])  # the helper modules the assignments declare
    problems = modules["course_modules"].install(argv[2], courses)
    modules["confine"].preload()  # before a drop below: the readable paths are opened
    if "--deny-namespaces" in argv:
        modules["confine"].install_seccomp(namespaces_only=True)
    if "--as-uid" in argv:
        modules["isolation"].drop_identity(int(argv[argv.index("--as-uid") + 1]))
        modules["isolation"].set_dumpable()  # as a user's own process is (uid_map needs it)
    spawner = Spawner(modules, control, list(courses))
    control.send(json.dumps({"ready": True, "problems": problems, "pid": os.getpid()}).encode())
    while True:
        readable, _, _ = select.select([control, spawner.watch], [], [])
        if spawner.watch in readable:
            spawner.reap()
        if control not in readable:
            continue
        message, fds, _flags, _address = socket.recv_fds(control, 1 << 16, 4)
        if not message:
            return
        try:
            reply = spawner.spawn(json.loads(message), fds)
        except Exception as error:  # noqa: BLE001 - report, keep serving
            reply = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        control.send(json.dumps(reply).encode())


if __name__ == "__main__":
    main(sys.argv)
