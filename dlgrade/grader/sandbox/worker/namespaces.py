"""Namespaces of a worker: which ones it gets, made where, and its private mounts.

As root the zygote leaves the host's network once (`leave_host_network`) and makes
each worker pid 1 of a new pid namespace (`next_child_in_new_pid_namespace`); the
worker unshares its mount namespace (`own_namespaces`). As a user the zygote makes one
user namespace owning one empty network namespace (`shared_user_network`), which each
worker's supervisor joins before making its pid and mount namespaces
(`unshare_namespaces`). In its mount namespace a worker mounts private tmpfs /tmp and
/dev/shm, its own /proc, and covers the grader's folders (`private_mounts`). See
isolation.py for the whole worker; loaded by path as `_sandbox_namespaces` (after
`_sandbox_confine`, whose C library it calls), standard library only.
"""

from __future__ import annotations

import os

import _sandbox_confine as confine

CLONE_NEWNS, CLONE_NEWUSER = 0x00020000, 0x10000000
CLONE_NEWPID, CLONE_NEWNET = 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REC, MS_PRIVATE = 0x4000, 0x40000
TMPFS_SIZE = "64m"


def _unshare(flags: int) -> bool:
    lib = confine.libc()
    return lib is not None and hasattr(lib, "unshare") and lib.unshare(flags) == 0


def _mount(source: str, target: str, fstype: str | None, flags: int, data: str = "") -> bool:
    lib = confine.libc()
    if lib is None or not hasattr(lib, "mount"):
        return False
    encode = lambda s: s.encode() if s is not None else None  # noqa: E731
    return lib.mount(encode(source), encode(target), encode(fstype), flags, encode(data)) == 0


def _write(path: str, text: str) -> None:
    with open(path, "w") as handle:
        handle.write(text)


def _enter_user_namespace(flags: int) -> bool:
    """Unprivileged: become root of a new user namespace owning the other new namespaces."""
    uid, gid = os.getuid(), os.getgid()
    if not _unshare(CLONE_NEWUSER | flags):
        return False
    try:
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"0 {uid} 1")
        _write("/proc/self/gid_map", f"0 {gid} 1")
    except OSError:
        return False
    return True


def shared_user_network() -> tuple[int, int] | None:
    """In the zygote (as a user): fds of a user namespace owning an empty network
    namespace, made once by a throwaway child, for every supervisor to join (creating
    and destroying a network namespace per worker cost ~1.5 ms of CPU). None when the
    OS refuses (Docker's default seccomp profile): supervisors then try their own."""
    if os.geteuid() == 0:
        return None
    ready_read, ready_write = os.pipe()
    done_read, done_write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        for fd in (ready_read, ready_write, done_read, done_write):
            os.close(fd)
        return None
    if pid == 0:
        try:
            os.close(ready_read), os.close(done_write)
            os.write(ready_write, b"1" if _enter_user_namespace(CLONE_NEWNET) else b"0")
            os.read(done_read, 1)  # stay alive until the zygote has opened our namespaces
        finally:
            os._exit(0)
    os.close(ready_write), os.close(done_read)
    try:
        if os.read(ready_read, 1) != b"1":
            return None
        return (
            os.open(f"/proc/{pid}/ns/user", os.O_RDONLY | os.O_CLOEXEC),
            os.open(f"/proc/{pid}/ns/net", os.O_RDONLY | os.O_CLOEXEC),
        )
    except OSError:
        return None
    finally:
        os.close(ready_read), os.close(done_write)
        os.waitpid(pid, 0)


def _join(shared: tuple[int, int]) -> bool:
    """Enter the zygote's shared user and network namespaces (`shared_user_network`)."""
    lib = confine.libc()
    user, network = shared
    return (
        lib is not None
        and lib.setns(user, CLONE_NEWUSER) == 0
        and lib.setns(network, CLONE_NEWNET) == 0
    )


def unshare_namespaces(mode: str, shared: tuple[int, int] | None = None) -> dict[str, bool]:
    """In a supervisor: new net, pid and mount namespaces when the OS allows.

    `shared`: the zygote's user and network namespaces (as a user), joined instead of
    making new ones; its fds are closed here either way.
    """
    active = {"user_namespace": False, "network_namespace": False, "pid_namespace": False,
              "mount_namespace": False}  # fmt: skip
    joined = shared is not None and mode == "auto" and _join(shared)
    for fd in shared or ():
        os.close(fd)
    if mode != "auto":
        return active
    flags = CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWNS
    if joined:
        active.update(user_namespace=True, network_namespace=True)
        if not _unshare(CLONE_NEWPID | CLONE_NEWNS):
            return active
    elif os.geteuid() == 0 and _unshare(flags):
        pass
    elif os.geteuid() != 0 and _enter_user_namespace(flags):
        active["user_namespace"] = True
    else:
        return active
    active.update(network_namespace=True, pid_namespace=True, mount_namespace=True)
    if not _mount("none", "/", None, MS_REC | MS_PRIVATE):
        active["mount_namespace"] = False
    return active


def leave_host_network() -> bool:
    """In the zygote (as root): into an empty network namespace its workers inherit."""
    return os.geteuid() == 0 and _unshare(CLONE_NEWNET)


def own_namespaces(mode: str, *, pid_namespace: bool, network_namespace: bool) -> dict[str, bool]:
    """In a worker forked by the zygote (as root): its own mount namespace.

    `network_namespace`: whether the zygote left the host's network (`leave_host_network`).
    """
    active = {"user_namespace": False, "network_namespace": network_namespace,
              "pid_namespace": pid_namespace, "mount_namespace": False}  # fmt: skip
    if mode != "auto" or os.geteuid() != 0 or not _unshare(CLONE_NEWNS):
        return active
    active["mount_namespace"] = _mount("none", "/", None, MS_REC | MS_PRIVATE)
    return active


def next_child_in_new_pid_namespace() -> bool:
    """In the zygote: the next child it forks will be pid 1 of a new pid namespace."""
    return _unshare(CLONE_NEWPID)


def children_in_own_pid_namespace(own_namespace_fd: int) -> bool:
    """In the zygote, after the fork: later children are created in its namespace again."""
    lib = confine.libc()
    return lib is not None and lib.setns(own_namespace_fd, CLONE_NEWPID) == 0


def private_mounts(uid: int, gid: int, hidden: list[str]) -> dict[str, object]:
    """In the worker (pid 1, own mount ns): private /tmp, /dev/shm, /proc; hide the grader."""
    owner = f"uid={uid},gid={gid}"
    flags = MS_NOSUID | MS_NODEV
    tmp = _mount("tmpfs", "/tmp", "tmpfs", flags, f"size={TMPFS_SIZE},mode=0700,{owner}")
    _mount("tmpfs", "/dev/shm", "tmpfs", flags, f"size={TMPFS_SIZE},mode=0700,{owner}")
    proc = _mount("proc", "/proc", "proc", flags | MS_NOEXEC)
    covered = [path for path in hidden if hide(path)]
    return {"scratch_tmpfs": tmp, "private_proc": proc, "hidden_paths": covered}


def hide(path: str) -> bool:
    """Cover the folder `path` with an empty read-only tmpfs (in the worker's mount namespace)."""
    return os.path.isdir(path) and _mount(
        "tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=4k,mode=0555"
    )
