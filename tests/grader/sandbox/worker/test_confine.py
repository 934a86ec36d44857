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


@pytest.fixture
def fake_python(tmp_path, monkeypatch):
    """A standard library at tmp/lib (os.py, json/, site-packages/), a virtualenv's at
    tmp/venv/lib (site-packages/ only), NumPy in the one named by the test."""

    def make(numpy_in: str):
        stdlib, venv_lib = tmp_path / "lib", tmp_path / "venv" / "lib"
        for folder in (stdlib / "json", stdlib / "site-packages" / "_pytest", venv_lib):
            folder.mkdir(parents=True)
        (stdlib / "os.py").write_text("")
        numpy_dir = (stdlib if numpy_in == "stdlib" else venv_lib) / "site-packages" / "numpy"
        numpy_dir.mkdir(parents=True)
        roots = (str(stdlib), str(venv_lib))
        packages = (str(stdlib / "site-packages"), str(venv_lib / "site-packages"))
        for cached in (confine._readable_paths, confine.hideable_packages):
            cached.cache_clear()
        monkeypatch.setattr(confine, "_standard_library", lambda: (roots, packages))
        monkeypatch.setattr(confine, "_numpy_paths", lambda: (str(numpy_dir),))
        return stdlib, numpy_dir

    yield make
    for cached in (confine._readable_paths, confine.hideable_packages):
        cached.cache_clear()


def test_a_hidden_site_packages_lets_the_standard_library_take_one_rule(fake_python):
    stdlib, numpy_dir = fake_python(numpy_in="venv")
    assert confine.hideable_packages() == (str(stdlib / "site-packages"),)
    # the virtualenv's lib folder holds only site-packages: no entry of it is allowed
    assert confine.readable_paths() == (str(stdlib / "json"), str(stdlib / "os.py"), str(numpy_dir))
    assert confine.readable_paths(packages_hidden=True) == (str(stdlib), str(numpy_dir))


def test_a_site_packages_holding_numpy_is_never_hidden(fake_python):
    stdlib, numpy_dir = fake_python(numpy_in="stdlib")
    venv_lib = stdlib.parent / "venv" / "lib"
    assert confine.hideable_packages() == (str(venv_lib / "site-packages"),)
    entries = (str(stdlib / "json"), str(stdlib / "os.py"), str(numpy_dir))
    assert confine.readable_paths() == entries
    assert confine.readable_paths(packages_hidden=True) == tuple(sorted((*entries, str(venv_lib))))
