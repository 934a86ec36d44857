"""Landlock and seccomp for one worker: an allow-listed filesystem, no network, no escape.

These work without root and without namespaces (Docker's default profile, CI runners,
hosted autograder containers, Ubuntu's restricted user namespaces), so the same
allow-list holds in every mode; where namespaces exist they come on top.

Landlock (Linux >= 5.13): the worker may read only Python's standard library and
NumPy's package directory (what importing a module needs), read and write only its
scratch directory (and its private /tmp and /dev/shm when it has its own mounts), and
open /dev/null, /dev/zero, /dev/urandom. Nothing else of the machine can be opened:
not the grading user's home, the virtualenv's other packages (pytest, the grader, a copy
of the reference), /var/tmp, /run/lock. No file can be executed. ABI >= 4 also denies
TCP bind/connect; ABI >= 6 scopes signals and abstract unix sockets to the worker's own
processes, so it cannot signal the grader even under the same uid.

seccomp (a classic BPF filter, installed after `no_new_privs`): no socket of any family
but AF_UNIX (and no named socket can be reached: Landlock), no SysV IPC (message queues
and shared memory outlive a process and are shared by uid), no ptrace or reading
another process's memory, no mount/unshare/setns/pivot_root/chroot, no keyrings, bpf,
perf, userfaultfd, io_uring, module or kexec loading; `clone` with a namespace flag
fails, `clone3` reports ENOSYS (its flags live in memory a filter cannot read; the C
library falls back to `clone`). A syscall of another ABI (x32, or a 32-bit one) kills
the worker.

Loaded by path in the zygote like its siblings (no import of `grader`); ctypes only: a
binding would be one more package in every worker's memory for ~200 lines of our own.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import platform
import struct
import sys
import sysconfig

# --- Landlock (include/uapi/linux/landlock.h) -------------------------------------
LANDLOCK_SYSCALLS = {"create_ruleset": 444, "add_rule": 445, "restrict_self": 446}  # all arches
CREATE_RULESET_VERSION = 1
RULE_PATH_BENEATH = 1
FS_EXECUTE, FS_WRITE_FILE, FS_READ_FILE, FS_READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
FS_REMOVE_DIR, FS_REMOVE_FILE, FS_MAKE_CHAR, FS_MAKE_DIR = 1 << 4, 1 << 5, 1 << 6, 1 << 7
FS_MAKE_REG, FS_MAKE_SOCK, FS_MAKE_FIFO, FS_MAKE_BLOCK = 1 << 8, 1 << 9, 1 << 10, 1 << 11
FS_MAKE_SYM, FS_REFER, FS_TRUNCATE, FS_IOCTL_DEV = 1 << 12, 1 << 13, 1 << 14, 1 << 15
FS_BY_ABI = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 5: (1 << 16) - 1}
NET_BIND_TCP, NET_CONNECT_TCP = 1 << 0, 1 << 1
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1 << 0, 1 << 1
FILE_ACCESS = FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE | FS_IOCTL_DEV
READ = FS_READ_FILE | FS_READ_DIR
READ_WRITE = FS_BY_ABI[5] & ~(FS_EXECUTE | FS_MAKE_CHAR | FS_MAKE_BLOCK | FS_IOCTL_DEV)
DEVICES = {"/dev/null": FS_READ_FILE | FS_WRITE_FILE, "/dev/zero": FS_READ_FILE,
           "/dev/urandom": FS_READ_FILE, "/dev/random": FS_READ_FILE}  # fmt: skip
PACKAGE_DIRECTORIES = ("site-packages", "dist-packages")

# --- seccomp (include/uapi/linux/seccomp.h, filter.h, audit.h) -----------------------
PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 22, 2
RET_ALLOW, RET_ERRNO, RET_KILL_PROCESS = 0x7FFF0000, 0x00050000, 0x80000000
LD_ABS_W, JEQ_K, JSET_K, JGE_K, RET_K = 0x20, 0x15, 0x45, 0x35, 0x06
NAMESPACE_FLAGS = 0x7E020080  # NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET|NEWTIME
AF_UNIX = 1
DENIED = (
    "ptrace process_vm_readv process_vm_writev kcmp pidfd_getfd pidfd_send_signal "
    "mount umount2 pivot_root chroot unshare setns open_tree move_mount fsopen fsconfig "
    "fsmount fspick mount_setattr open_by_handle_at name_to_handle_at "
    "msgget msgsnd msgrcv msgctl semget semop semctl semtimedop shmget shmat shmctl shmdt "
    "keyctl add_key request_key bpf perf_event_open userfaultfd io_uring_setup "
    "io_uring_enter io_uring_register kexec_load kexec_file_load init_module finit_module "
    "delete_module acct swapon swapoff reboot quotactl syslog"
).split()
# Syscall numbers per architecture: x86_64 from asm/unistd_64.h, aarch64 (and other
# new arches) from asm-generic/unistd.h. tests/ checks them against the headers.
SYSCALLS = {
    "x86_64": {
        "audit_arch": 0xC000003E, "socket": 41, "clone": 56, "clone3": 435,
        "ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311, "kcmp": 312,
        "pidfd_getfd": 438, "pidfd_send_signal": 424, "mount": 165, "umount2": 166,
        "pivot_root": 155, "chroot": 161, "unshare": 272, "setns": 308, "open_tree": 428,
        "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433,
        "mount_setattr": 442, "open_by_handle_at": 304, "name_to_handle_at": 303,
        "msgget": 68, "msgsnd": 69, "msgrcv": 70, "msgctl": 71, "semget": 64, "semop": 65,
        "semctl": 66, "semtimedop": 220, "shmget": 29, "shmat": 30, "shmctl": 31,
        "shmdt": 67, "keyctl": 250, "add_key": 248, "request_key": 249, "bpf": 321,
        "perf_event_open": 298, "userfaultfd": 323, "io_uring_setup": 425,
        "io_uring_enter": 426, "io_uring_register": 427, "kexec_load": 246,
        "kexec_file_load": 320, "init_module": 175, "finit_module": 313,
        "delete_module": 176, "acct": 163, "swapon": 167, "swapoff": 168, "reboot": 169,
        "quotactl": 179, "syslog": 103,
    },
    "aarch64": {
        "audit_arch": 0xC00000B7, "socket": 198, "clone": 220, "clone3": 435,
        "ptrace": 117, "process_vm_readv": 270, "process_vm_writev": 271, "kcmp": 272,
        "pidfd_getfd": 438, "pidfd_send_signal": 424, "mount": 40, "umount2": 39,
        "pivot_root": 41, "chroot": 51, "unshare": 97, "setns": 268, "open_tree": 428,
        "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433,
        "mount_setattr": 442, "open_by_handle_at": 265, "name_to_handle_at": 264,
        "msgget": 186, "msgsnd": 189, "msgrcv": 188, "msgctl": 187, "semget": 190,
        "semop": 193, "semctl": 191, "semtimedop": 192, "shmget": 194, "shmat": 196,
        "shmctl": 195, "shmdt": 197, "keyctl": 219, "add_key": 217, "request_key": 218,
        "bpf": 280, "perf_event_open": 241, "userfaultfd": 282, "io_uring_setup": 425,
        "io_uring_enter": 426, "io_uring_register": 427, "kexec_load": 104,
        "kexec_file_load": 294, "init_module": 105, "finit_module": 273,
        "delete_module": 106, "acct": 89, "swapon": 224, "swapoff": 225, "reboot": 142,
        "quotactl": 60, "syslog": 116,
    },
}  # fmt: skip
X32_SYSCALL_BIT = 0x40000000


@functools.cache
def libc() -> ctypes.CDLL | None:
    """The C library, for every sibling: loaded once, in the zygote (`preload`), so each
    worker inherits it with its functions resolved (loading it cost ~30 us a call)."""
    try:
        library = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
    library.syscall.restype = ctypes.c_long
    for name in ("unshare", "mount", "setns", "prctl"):
        getattr(library, name, None)  # resolved once, remembered by the CDLL
    return library


@functools.cache
def landlock_abi() -> int:
    """The kernel's Landlock ABI version, 0 when it has none (or not Linux)."""
    lib = libc()
    if lib is None or not sys.platform.startswith("linux"):
        return 0
    version = lib.syscall(
        ctypes.c_long(LANDLOCK_SYSCALLS["create_ruleset"]), None, ctypes.c_size_t(0),
        ctypes.c_uint32(CREATE_RULESET_VERSION),
    )  # fmt: skip
    return max(int(version), 0)


def _fs_rights(abi: int) -> int:
    return FS_BY_ABI[max(level for level in FS_BY_ABI if level <= abi)]


@functools.cache
def _standard_library() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The standard library's directories, and the package directories inside them."""
    roots = {sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib")}
    roots.add(os.path.dirname(os.__file__))
    roots = sorted(filter(os.path.isdir, roots))
    packages = [os.path.join(root, name) for root in roots for name in PACKAGE_DIRECTORIES]
    return tuple(roots), tuple(filter(os.path.isdir, packages))


def package_directories() -> tuple[str, ...]:
    """`site-packages` folders inside the standard library (a Python installed without a
    virtualenv): everything pip installed there (pytest, the grader, a copy of the
    reference) must stay unreadable."""
    return _standard_library()[1]


@functools.cache
def _numpy_paths() -> tuple[str, ...]:
    import numpy  # noqa: PLC0415 - the zygote imported it already

    numpy_dir = os.path.dirname(os.path.realpath(numpy.__file__))
    libs = numpy_dir + ".libs"  # bundled OpenBLAS
    return (numpy_dir, libs) if os.path.isdir(libs) else (numpy_dir,)


@functools.cache
def hideable_packages() -> tuple[str, ...]:
    """The `package_directories()` that hold nothing a worker reads (NumPy lives elsewhere,
    e.g. in a virtualenv): a worker with its own mount namespace hides them under an
    empty mount, and then allows their standard-library folder in one rule."""
    return tuple(
        package
        for package in package_directories()
        if not any(os.path.commonpath([path, package]) == package for path in _numpy_paths())
    )


def readable_paths(*, packages_hidden: bool = False) -> tuple[str, ...]:
    """What importing a module needs: the standard library and NumPy (computed once).

    A standard-library folder holding a package directory is listed entry by entry
    without it (~200 rules, ~0.8 ms a worker), unless `packages_hidden` (the caller has
    hidden every `hideable_packages()`) and all of its package directories are hideable.
    """
    return _readable_paths(packages_hidden)


@functools.cache  # one entry per form, positional: the zygote fills both before any fork
def _readable_paths(packages_hidden: bool) -> tuple[str, ...]:
    roots, packages = _standard_library()
    hidden = set(hideable_packages()) if packages_hidden else set()
    paths: set[str] = set(_numpy_paths())
    for root in roots:
        inside = {path for path in packages if os.path.dirname(path) == root}
        if inside <= hidden:
            paths.add(root)
        else:
            paths.update(os.path.join(root, name) for name in os.listdir(root)
                         if os.path.join(root, name) not in inside)  # fmt: skip
    return tuple(sorted(paths))


_held: dict[str, tuple[int, bool]] = {}  # readable path -> (O_PATH fd, is a directory)


def hold_readable_paths() -> None:
    """In the zygote: open the readable paths (both forms) once. Workers inherit the fds,
    so a worker that can no longer traverse to them (an unprivileged uid, a user
    namespace) still names them in its rules, and no worker pays for opening them."""
    for path in {*readable_paths(), *readable_paths(packages_hidden=True)}:
        if path not in _held:
            try:
                _held[path] = (os.open(path, os.O_PATH | os.O_CLOEXEC), os.path.isdir(path))
            except OSError:
                continue


def held_fds() -> set[int]:
    """The fds a worker must keep until `prepare_landlock` has used them."""
    return {fd for fd, _ in _held.values()}


def release_held_fds() -> None:
    for fd, _ in _held.values():
        try:
            os.close(fd)
        except OSError:
            pass
    _held.clear()


def landlock_report(*, enforced: bool, abi: int | None = None) -> dict[str, object]:
    """The isolation report's Landlock fields: what an enforced ruleset of this ABI denies
    (`abi`: the kernel's unless given; 0 where Landlock was not tried)."""
    abi = landlock_abi() if abi is None else abi
    return {
        "landlock_abi": abi,
        "filesystem_allowlist": enforced,
        "tcp_denied": enforced and abi >= 4,
        "signals_scoped": enforced and abi >= 6,
    }


def prepare_landlock(writable: list[str], *, packages_hidden: bool = False) -> int | None:
    """Build the ruleset (before dropping privileges: opening the paths may need them).

    Returns the ruleset fd, or None without Landlock. `restrict_landlock(fd)` enforces it.
    `packages_hidden`: the worker hid `hideable_packages()` (see `readable_paths`).
    A rule on a mount point does not cover what is mounted on it (Landlock's walk skips
    hidden mount points), so the rules for the worker's own tmpfs, built after mounting
    it, cannot come from a ruleset the zygote built once.
    """
    abi = landlock_abi()
    lib = libc()
    if abi < 1 or lib is None:
        release_held_fds()
        return None
    handled = _fs_rights(abi)
    net = NET_BIND_TCP | NET_CONNECT_TCP if abi >= 4 else 0
    scoped = SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL if abi >= 6 else 0
    fields = [handled] + ([net] if abi >= 4 else []) + ([scoped] if abi >= 6 else [])
    attr = struct.pack(f"={len(fields)}Q", *fields)
    fd = int(lib.syscall(
        ctypes.c_long(LANDLOCK_SYSCALLS["create_ruleset"]), attr, ctypes.c_size_t(len(attr)),
        ctypes.c_uint32(0),
    ))  # fmt: skip
    if fd < 0:
        release_held_fds()
        return None
    for path in readable_paths(packages_hidden=packages_hidden):
        if path in _held:
            target, directory = _held[path]
            _add_rule(lib, fd, target, READ & handled, directory=directory)
    _held.clear()  # the worker closes every fd but its channel at once (close_range)
    rules = [(path, READ_WRITE) for path in writable] + list(DEVICES.items())
    for path, access in rules:
        try:
            target = os.open(path, os.O_PATH | os.O_CLOEXEC)
        except OSError:
            continue  # a path that does not exist needs no rule
        try:
            _add_rule(lib, fd, target, access & handled, directory=os.path.isdir(path))
        finally:
            os.close(target)
    return fd


def _add_rule(lib: ctypes.CDLL, ruleset: int, target: int, access: int, *, directory: bool) -> bool:
    if not directory:
        access &= FILE_ACCESS
    rule = struct.pack("=Qi", access, target)
    return lib.syscall(
        ctypes.c_long(LANDLOCK_SYSCALLS["add_rule"]), ctypes.c_int(ruleset),
        ctypes.c_int(RULE_PATH_BENEATH), rule, ctypes.c_uint32(0),
    ) == 0  # fmt: skip


def restrict_landlock(ruleset: int | None) -> bool:
    """Enforce the ruleset on this process and every process it starts (needs no_new_privs)."""
    lib = libc()
    if ruleset is None or lib is None:
        return False
    try:
        return lib.syscall(
            ctypes.c_long(LANDLOCK_SYSCALLS["restrict_self"]), ctypes.c_int(ruleset),
            ctypes.c_uint32(0),
        ) == 0  # fmt: skip
    finally:
        os.close(ruleset)


def _instruction(code: int, jump_true: int, jump_false: int, k: int) -> bytes:
    return struct.pack("=HBBI", code, jump_true, jump_false, k & 0xFFFFFFFF)


def _clone_rules(numbers: dict[str, int]) -> list[bytes]:
    """clone3 reports ENOSYS (its flags live in memory a filter cannot read; the C library
    falls back to clone); clone with a namespace flag fails, without one it is allowed.
    Any other syscall jumps past these rules (the accumulator holds the syscall number)."""
    return [
        _instruction(JEQ_K, 0, 1, numbers["clone3"]),
        _instruction(RET_K, 0, 0, RET_ERRNO | errno.ENOSYS),
        _instruction(JEQ_K, 0, 4, numbers["clone"]),
        _instruction(LD_ABS_W, 0, 0, 16),  # clone(flags, ...): args[0], low word
        _instruction(JSET_K, 0, 1, NAMESPACE_FLAGS),
        _instruction(RET_K, 0, 0, RET_ERRNO | errno.EPERM),
        _instruction(RET_K, 0, 0, RET_ALLOW),
    ]


@functools.cache
def seccomp_program(machine: str) -> bytes:
    """The filter as BPF bytes for `machine` (platform.machine()); see the module doc."""
    numbers = SYSCALLS[machine]
    denied = [numbers[name] for name in DENIED]
    eperm = RET_ERRNO | errno.EPERM
    program = [
        _instruction(LD_ABS_W, 0, 0, 4),  # seccomp_data.arch
        _instruction(JEQ_K, 1, 0, numbers["audit_arch"]),
        _instruction(RET_K, 0, 0, RET_KILL_PROCESS),
        _instruction(LD_ABS_W, 0, 0, 0),  # seccomp_data.nr
    ]
    if machine == "x86_64":
        program += [_instruction(JGE_K, 0, 1, X32_SYSCALL_BIT),
                    _instruction(RET_K, 0, 0, RET_KILL_PROCESS)]  # fmt: skip
    # Each check: if nr == n, fall into the next instruction (the return), else skip it.
    for number in denied:
        program += [_instruction(JEQ_K, 0, 1, number), _instruction(RET_K, 0, 0, eperm)]
    program += _clone_rules(numbers)
    program += [
        _instruction(JEQ_K, 0, 4, numbers["socket"]),  # socket(family, ...)
        _instruction(LD_ABS_W, 0, 0, 16),
        _instruction(JEQ_K, 1, 0, AF_UNIX),
        _instruction(RET_K, 0, 0, RET_ERRNO | errno.EACCES),
        _instruction(RET_K, 0, 0, RET_ALLOW),
        _instruction(RET_K, 0, 0, RET_ALLOW),
    ]
    return b"".join(program)


def namespace_denial_program(machine: str) -> bytes:
    """What Docker's default profile does to a process without CAP_SYS_ADMIN: no new
    namespaces (unshare, setns, clone with a namespace flag fail; clone3 is ENOSYS).
    `Zygote(deny_namespaces=True)` puts it on a zygote to test that deployment."""
    numbers = SYSCALLS[machine]
    eperm = RET_ERRNO | errno.EPERM
    return b"".join([
        _instruction(LD_ABS_W, 0, 0, 0),  # seccomp_data.nr
        _instruction(JEQ_K, 0, 1, numbers["unshare"]),
        _instruction(RET_K, 0, 0, eperm),
        _instruction(JEQ_K, 0, 1, numbers["setns"]),
        _instruction(RET_K, 0, 0, eperm),
        *_clone_rules(numbers),
        _instruction(RET_K, 0, 0, RET_ALLOW),
    ])  # fmt: skip


def install_seccomp(*, namespaces_only: bool = False) -> bool:
    """Install the filter on this process (inherited by its children); needs no_new_privs
    (or CAP_SYS_ADMIN). `namespaces_only`: the namespace denial alone."""
    lib = libc()
    machine = platform.machine()
    if lib is None or machine not in SYSCALLS or not sys.platform.startswith("linux"):
        return False
    program = (namespace_denial_program if namespaces_only else seccomp_program)(machine)
    buffer = ctypes.create_string_buffer(program, len(program))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(len(program) // 8, ctypes.addressof(buffer))
    return lib.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) == 0


def preload() -> None:
    """In the zygote: what every worker needs, computed before the first fork."""
    if landlock_abi() >= 1:
        hold_readable_paths()
    if platform.machine() in SYSCALLS:
        seccomp_program(platform.machine())
