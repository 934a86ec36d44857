"""The confinement's constants against the kernel's own headers, where this machine has them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dlgrade.grader.sandbox.worker import confine

HEADERS = {
    "x86_64": Path("/usr/include/x86_64-linux-gnu/asm/unistd_64.h"),
    "aarch64": Path("/usr/include/asm-generic/unistd.h"),  # the generic table aarch64 uses
}
LANDLOCK_HEADER = Path("/usr/include/linux/landlock.h")


def defines(path: Path, prefix: str) -> dict[str, int]:
    pattern = rf"^#define\s+{prefix}(\w+)\s+\(?(?:1ULL\s*<<\s*)?(\d+)\)?"
    found = {}
    for name, value in re.findall(pattern, path.read_text(), re.MULTILINE):
        found[name] = int(value)
    return found


@pytest.mark.parametrize("machine", sorted(HEADERS))
def test_syscall_numbers_match_the_kernel_headers(machine):
    if not HEADERS[machine].exists():
        pytest.skip(f"{HEADERS[machine]} is not installed here (linux-libc-dev)")
    numbers = defines(HEADERS[machine], "__NR_")
    ours = {k: v for k, v in confine.SYSCALLS[machine].items() if k != "audit_arch"}
    known = {name: numbers[name] for name in ours if name in numbers}
    assert known == {name: ours[name] for name in known}
    assert len(known) >= len(ours) - 6  # headers older than a few new calls may lack them


def test_every_denied_syscall_has_a_number_on_every_architecture():
    for table in confine.SYSCALLS.values():
        assert set(confine.DENIED) <= set(table)


def test_landlock_access_bits_match_the_kernel_header():
    if not LANDLOCK_HEADER.exists():
        pytest.skip(f"{LANDLOCK_HEADER} is not installed here (linux-libc-dev)")
    bits = defines(LANDLOCK_HEADER, "LANDLOCK_ACCESS_FS_")
    for name, shift in bits.items():
        assert getattr(confine, f"FS_{name}") == 1 << shift, name


def test_the_seccomp_program_is_whole_instructions_and_kills_foreign_abis():
    program = confine.seccomp_program("x86_64")
    assert len(program) % 8 == 0 and len(program) // 8 < 4096
    first_return = program[16:24]  # after loading and comparing the architecture
    assert int.from_bytes(first_return[4:], "little") == confine.RET_KILL_PROCESS
