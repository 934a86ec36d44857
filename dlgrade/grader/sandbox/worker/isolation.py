"""Isolation of one worker: namespaces, rlimits, identity, scratch, environment, fds.

The namespaces themselves, and the mounts inside them, are made by namespaces.py
(imported as `spaces`); this module puts a worker together and supervises it.

As root, the worker is forked by the zygote itself, which first asks for a new pid
namespace for its next child (and returns to its own right after the fork): the worker
is pid 1 of that namespace, unshares its own mount namespace, and the zygote reaps it
and reports on the status pipe "pid <outer pid>" then "status <wait status>". The
network is cut once, for the zygote: it moves into an empty network namespace of its
own at start, which its workers inherit (creating and destroying one per worker cost
~1 ms of CPU, a few % of a batch). Workers of one zygote share it; no interface is up
(not even loopback) and they cannot raise one, and in a batch only one of them lives at
a time (submission order), so what it still allows (an abstract unix socket between
two live workers of the same grading process) connects nobody.
One fork per submission: forking and tearing down a numpy-sized process is most of a
worker's cost. As a user (no CLONE_NEWPID for the zygote), a supervisor does it; the
zygote makes one user namespace owning one empty network namespace at start (by a
throwaway child: `spaces.shared_user_network`), for the same reason as root's:

    supervisor (setsid; setns into the zygote's USER and NET; unshare PID|NS)
      └── worker: pid 1 of its own pid namespace, runs the student code

(Where that cannot be made, the supervisor tries unshare USER|NET|PID|NS of its own.)

The supervisor only waits for the worker and reports on the status pipe; it cannot be
signalled by the worker (invisible in another pid namespace). Killing the worker, pid 1 of
its namespace, makes the kernel kill every process the student started. As root the
worker drops to a uid/gid unique per worker (200000 + its outer pid, no groups), so
RLIMIT_NPROC counts only its own processes and it cannot write the grader, the
reference, the checks or any report. Its /tmp, /dev/shm and scratch are private
size-bounded tmpfs mounts, /proc is its own, and the grader's package directories are
covered by empty read-only mounts so their source cannot even be read.

Every step is tried and recorded; what fails is skipped (a Mac gets rlimits + setsid
only). `mode="rlimits"` forces that degraded path, so it is tested too.
"""

from __future__ import annotations

import os
import resource
import signal
import time

import _sandbox_confine as confine
import _sandbox_namespaces as spaces

PR_SET_NO_NEW_PRIVS, PR_SET_DUMPABLE = 38, 4
UID_BASE = 200_000
SAFE_PATH = "/usr/local/bin:/usr/bin:/bin"


def preload() -> None:
    """In the zygote: what every worker needs, loaded before the first fork."""
    confine.libc()


def become_worker(
    config: dict, channel_fd: int, serve, *, pid_namespace: bool, network_namespace: bool
) -> None:
    """Run in a child of the zygote (pid 1 of a new pid namespace as root); never returns."""
    try:
        outer_pid = int(os.readlink("/proc/self"))  # the zygote's /proc: our outer pid
        namespaces = spaces.own_namespaces(
            config["mode"], pid_namespace=pid_namespace, network_namespace=network_namespace
        )
        uid = UID_BASE + outer_pid
        serve(channel_fd, enter_worker(config, channel_fd, namespaces, uid, outer_uid=0))
    finally:
        os._exit(70)


def set_rlimits(limits: dict, *, other_processes: int = 0) -> list[str]:
    """Apply the worker's rlimits; returns the names of those that took effect.

    `other_processes`: those of the same real uid that are not the worker's (RLIMIT_NPROC
    counts them too when the worker keeps the grading user's uid).
    """
    nproc = int(limits["max_processes"]) + other_processes
    wanted = {
        "RLIMIT_AS": (int(limits["memory_bytes"]),) * 2,
        "RLIMIT_CPU": (int(limits["cpu_seconds"]),) * 2,
        "RLIMIT_NPROC": (nproc, nproc),
        "RLIMIT_FSIZE": (int(limits["max_file_bytes"]),) * 2,
        "RLIMIT_NOFILE": (int(limits["max_open_files"]),) * 2,
        "RLIMIT_CORE": (0, 0),
    }
    applied = []
    for name, (soft, hard) in wanted.items():
        resource_id = getattr(resource, name, None)
        if resource_id is None:
            continue
        try:
            current_hard = resource.getrlimit(resource_id)[1]
            if current_hard != resource.RLIM_INFINITY:
                soft, hard = min(soft, current_hard), min(hard, current_hard)
            resource.setrlimit(resource_id, (soft, hard))
            applied.append(name)
        except (ValueError, OSError):
            continue
    return applied


def _processes_of(uid: int) -> int:
    count = 0
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        try:
            count += entry.isdigit() and os.stat(f"/proc/{entry}").st_uid == uid
        except OSError:
            continue
    return count


def drop_identity(uid: int) -> int | None:
    """As root: become `uid` (gid = uid, no groups). Returns the uid now in force, or None."""
    if os.geteuid() != 0:
        return None
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    return uid


def set_dumpable() -> bool:
    """Undo the kernel's reset of the dumpable flag after a change of uid."""
    libc = confine.libc()
    return libc is not None and libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) == 0


def no_new_privileges() -> bool:
    libc = confine.libc()
    return libc is not None and libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0


def scrub_environment(home: str) -> None:
    """Nothing of the grading process's environment reaches student code."""
    os.environ.clear()
    os.environ.update({"HOME": home, "PATH": SAFE_PATH, "LANG": "C.UTF-8", "TMPDIR": "/tmp"})


def close_fds_except(keep: set[int], *, keep_stdio: bool = False) -> None:
    """Close every fd but `keep`; stdin/stdout/stderr -> /dev/null (C-level writes vanish)."""
    if not keep_stdio:
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            if fd != null:
                os.dup2(null, fd)
        if null > 2:
            os.close(null)
    low = 3
    for fd in sorted(keep):
        os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, 1 << 16)


def enter_worker(
    config: dict, channel_fd: int, namespaces: dict, uid: int, *, outer_uid: int,
    other_processes: int = 0,
) -> dict[str, object]:  # fmt: skip
    """Turn this freshly forked process into the worker; returns the isolation report.

    `uid` is the unique unprivileged identity to take when running as real root;
    `outer_uid` the zygote's uid outside any user namespace.
    """
    os.setsid()  # its own session and group: the trusted side kills/sweeps by this id
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # oversize writes fail with EFBIG instead
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    drop = config["mode"] == "auto" and os.geteuid() == 0 and not namespaces["user_namespace"]
    uid, gid = (uid, uid) if drop else (os.getuid(), os.getgid())
    report: dict[str, object] = {"process": True, "mode": config["mode"], **namespaces}
    report.update(scratch_tmpfs=False, private_proc=False, hidden_paths=[])
    if namespaces["mount_namespace"]:
        report.update(spaces.private_mounts(uid, gid, list(config["hidden_paths"])))
    scratch = "/tmp" if report["scratch_tmpfs"] else config["scratch"]
    if drop and scratch != "/tmp":
        os.chown(scratch, uid, gid)
    os.chdir(scratch)
    confined = config["mode"] == "auto"
    writable = ["/tmp", "/dev/shm"] if report["scratch_tmpfs"] else [scratch]
    # In its own mount namespace a worker hides the standard library's site-packages
    # under an empty mount: its folder then takes one Landlock rule instead of ~200
    hidden = []
    if confined and namespaces["mount_namespace"]:
        hidden = [path for path in confine.hideable_packages() if spaces.hide(path)]
        report["hidden_paths"] = [*report["hidden_paths"], *hidden]
    packages_hidden = len(hidden) == len(confine.hideable_packages())
    ruleset = (
        confine.prepare_landlock(writable, packages_hidden=packages_hidden) if confined else None
    )
    report["rlimits"] = set_rlimits(config["limits"], other_processes=other_processes)
    report["unprivileged_uid"] = drop_identity(uid) if drop else None
    report["unique_uid"] = drop  # only then may the grader kill every process of that uid
    if outer_uid != 0:
        report["unprivileged_uid"] = outer_uid
    report["no_new_privs"] = no_new_privileges()
    report["seccomp"] = confined and report["no_new_privs"] and confine.install_seccomp()
    enforced = confine.restrict_landlock(ruleset)
    report.update(confine.landlock_report(enforced=enforced, abi=None if confined else 0))
    scrub_environment(scratch)
    report["scrubbed_env"] = True
    report["scratch"] = "tmpfs" if report["scratch_tmpfs"] else "directory"
    close_fds_except({channel_fd})
    return report


def supervise(
    config: dict, channel_fd: int, status_fd: int, serve, shared: tuple[int, int] | None = None
) -> None:
    """Run in the supervisor (forked from the zygote); never returns.

    `serve(channel_fd, report)` is the worker's request loop (runtime.serve); `shared`:
    see `namespaces.unshare_namespaces`. The
    supervisor is a child subreaper: whatever the worker forked and orphaned (a daemon
    that left its session) becomes its child, and is killed once the worker has ended,
    before the status is reported, even where no pid namespace kills it.
    """
    try:
        os.setsid()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        keep = {channel_fd, status_fd, *(shared or ())} | confine.held_fds()
        close_fds_except(keep, keep_stdio=True)
        subreaper = _set_child_subreaper()
        outer_uid = os.getuid()
        others = _processes_of(outer_uid) if outer_uid != 0 else 0
        namespaces = spaces.unshare_namespaces(config["mode"], shared)
        uid = UID_BASE + os.getpid()
        pid = os.fork()
        if pid == 0:
            os.close(status_fd)
            try:
                report = enter_worker(
                    config, channel_fd, namespaces, uid, outer_uid=outer_uid,
                    other_processes=others,
                )  # fmt: skip
                serve(channel_fd, report)
            finally:
                os._exit(70)
        confine.release_held_fds()
        os.close(channel_fd)
        os.write(status_fd, f"pid {pid}\n".encode())
        _, status = os.waitpid(pid, 0)
        if subreaper:
            kill_descendants()
        os.write(status_fd, f"status {status}\n".encode())
    finally:
        os._exit(0)


PR_SET_CHILD_SUBREAPER = 36


def _set_child_subreaper() -> bool:
    libc = confine.libc()
    return libc is not None and libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0


def _children() -> list[int]:
    """This process's children (from /proc), reaping those that already ended."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return []
        if pid == 0:
            break
    me = os.getpid()
    try:
        with open(f"/proc/{me}/task/{me}/children") as handle:
            return [int(pid) for pid in handle.read().split()]
    except OSError:
        return []


def kill_descendants(rounds: int = 200) -> None:
    """Kill every process left below this subreaper (they keep arriving as orphans)."""
    for _ in range(rounds):
        children = _children()
        if not children:
            return
        for child in children:
            try:
                os.kill(child, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.002)
