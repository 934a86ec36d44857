"""The sandbox's normal behaviour: course modules, reference equivalence, fallback mode, codec."""

from __future__ import annotations

import inspect
import textwrap
from dataclasses import dataclass

import numpy as np
import pytest

from dlgrade.grader.sandbox import Limits, Sandbox, Zygote
from dlgrade.grader.sandbox.worker import codec
from dlgrade.reference import initialization, optimizers


@dataclass(frozen=True)
class Chunk:
    cell: int
    source: str


@dataclass(frozen=True)
class Code:
    chunks: tuple[Chunk, ...]


@pytest.fixture(scope="module")
def zygote():
    with Zygote() as started:
        yield started


def test_reference_functions_called_through_the_worker_equal_the_reference(zygote):
    sources = [inspect.getsource(initialization), inspect.getsource(optimizers)]
    code = Code(tuple(Chunk(cell, text) for cell, text in enumerate(sources, start=2)))
    parameters = initialization.initialize_parameters_he([3, 4, 1])
    grads = {f"d{k}": np.full_like(v, 0.5) for k, v in parameters.items()}
    v, s = optimizers.initialize_adam(parameters)
    with Sandbox(code, zygote=zygote) as sandbox:
        he = sandbox.call("initialize_parameters_he", [2, 4, 1])
        adam = sandbox.call("update_parameters_with_adam", parameters, grads, v, s, 2)
    assert he.value["W1"][0, 0] == pytest.approx(1.78862847)  # the course's published value
    expected = optimizers.update_parameters_with_adam(parameters, grads, v, s, 2)
    for got, want in zip(adam.value, expected, strict=True):
        assert got.keys() == want.keys()
        assert all(np.array_equal(got[k], want[k]) for k in want)


def test_course_helper_modules_import_and_unavailable_helpers_fail_when_called(zygote):
    source = """
    import numpy as np
    import matplotlib.pyplot as plt
    import sklearn.datasets, scipy.io, h5py
    from reg_utils import sigmoid, relu, load_2D_dataset
    from opt_utils_v1a import compute_cost
    from gc_utils import dictionary_to_vector
    from testCases import *
    from public_tests import *
    from public_tests import adam_test
    from dlai_tools.testing_utils import single_test
    plt.rcParams["figure.figsize"] = (7.0, 4.0)
    def cost(a, y):
        return compute_cost(a, y)
    def load():
        return load_2D_dataset()
    def case():
        return [sorted(d) for d in update_parameters_with_adam_test_case()]
    """
    with Sandbox(Code((Chunk(1, textwrap.dedent(source)),)), zygote=zygote) as sandbox:
        summed = sandbox.call("cost", np.array([[0.5, 0.5]]), np.array([[1, 0]]))
        loaded = sandbox.call("load")
        problems, defined = sandbox.load_problems, sandbox.defined
        case = sandbox.call("case")
    assert problems == ()
    assert {"sigmoid", "adam_test", "single_test", "plt"} <= defined
    assert summed.value == pytest.approx(2 * np.log(2))  # opt_utils_v1a sums over examples
    assert loaded.error_type == "NotImplementedError"
    assert loaded.error_message == (
        "reg_utils.load_2D_dataset is not available in the grader "
        "(plots and datasets are not needed to grade)"
    )
    # the course's Adam case: parameters, grads, v, s (keyed like grads) of a 2-layer net
    gradient_keys = ["dW1", "dW2", "db1", "db2"]
    assert case.value == [["W1", "W2", "b1", "b2"], gradient_keys, gradient_keys, gradient_keys]


def test_one_failing_statement_loses_only_itself_with_its_cell_and_line(zygote):
    code = Code((Chunk(4, "import numpy as np\nimport no_such_module\ndef f():\n    return 2"),
                 Chunk(9, "def g(:\n")))  # fmt: skip
    with Sandbox(code, zygote=zygote) as sandbox:
        assert sandbox.call("f").value == 2
        assert sandbox.load_problems == (
            "cell 4, line 2: ModuleNotFoundError: module 'no_such_module' is not available to "
            "code graded in the sandbox (available: numpy, common standard-library modules "
            "and the course's helper modules)",
            "cell 9, line 1: SyntaxError: invalid syntax",
        )


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        (  # fails on the first line of a multi-line statement: the rest is not re-run
            "runs = []\nruns.append(1)\n@no_such_decorator\ndef bad():\n    pass\n"
            "runs.append(2)\ndef f():\n    return runs",
            "line 3: NameError: name 'no_such_decorator' is not defined",
        ),
        (  # two statements on the failing line: the second one still runs
            "runs = [1]\nx = 1 / 0; runs.append(2)\ndef f():\n    return runs",
            "line 2: ZeroDivisionError: division by zero",
        ),
        (  # rejected by the compiler, not the parser: loses only its statement
            "runs = [1]\nreturn 5\nruns.append(2)\ndef f():\n    return runs",
            "line 2: SyntaxError: 'return' outside function (<cell 3>, line 2)",
        ),
    ],
    ids=["multi-line-statement", "same-line", "compile-time"],
)
def test_a_failing_statement_runs_nothing_twice_and_skips_nothing_else(zygote, source, problem):
    with Sandbox(Code((Chunk(3, source),)), zygote=zygote) as sandbox:
        assert sandbox.call("f").value == [1, 2]
        assert sandbox.load_problems == (f"cell 3, {problem}",)


def test_standard_modules_students_use_import_in_the_worker(zygote):
    names = ["copy", "math", "pprint", "heapq", "collections", "itertools", "numpy.testing"]
    source = "\n".join(f"import {name}" for name in names) + "\ndef f():\n    return 1\n"
    with Sandbox(Code((Chunk(1, source),)), zygote=zygote) as sandbox:
        assert sandbox.load_problems == ()
        assert sandbox.call("f").value == 1


def test_a_student_exception_carries_the_mapped_traceback_and_output(zygote):
    source = (
        "def inner(x):\n    print('seen')\n    return x[5]\n\ndef outer(x):\n    return inner(x)"
    )
    with Sandbox(Code((Chunk(7, source),)), zygote=zygote) as sandbox:
        outcome = sandbox.call("outer", [1, 2])
    assert (outcome.error_type, outcome.error_message) == ("IndexError", "list index out of range")
    assert outcome.traceback == (
        "cell 7, line 6, in outer: return inner(x)",
        "cell 7, line 3, in inner: return x[5]",
    )
    assert outcome.stdout == "seen\n"


def test_seed_seeds_the_workers_global_generator(zygote):
    with Sandbox(Code((Chunk(1, "import numpy as np\ndef r():\n    return np.random.rand(3)"),)),
                 zygote=zygote) as sandbox:  # fmt: skip
        drawn = sandbox.call("r", seed=5).value
    np.random.seed(5)
    assert np.array_equal(drawn, np.random.rand(3))


@pytest.mark.parametrize(
    ("source", "error_type", "message"),
    [
        ("import os\ndef f():\n    os._exit(5)", "WorkerDied", "exit code 5"),
        ("def f():\n    while True:\n        pass", "Timeout", "did not finish within 1 s"),
        ("import time, os\ndef f():\n    os.fork() or time.sleep(30)\n    return 1", None, ""),
    ],
    ids=["exit", "timeout", "leftover-child"],
)
def test_the_rlimits_fallback_still_bounds_and_cleans_up(zygote, source, error_type, message):
    sandbox = Sandbox(Code((Chunk(1, source),)), zygote=zygote, isolation="rlimits",
                      limits=Limits(call_timeout=1.0))  # fmt: skip
    outcome = sandbox.call("f")
    session = sandbox.worker_pid
    sandbox.close()
    assert sandbox.isolation["pid_namespace"] is False and sandbox.isolation["rlimits"]
    assert outcome.error_type == (error_type or "") and message in outcome.error_message
    if session is not None:
        assert not [p for p in _sessions() if p == session]


def _sessions() -> list[int]:
    import os

    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            fields = open(f"/proc/{entry}/stat", "rb").read().rpartition(b")")[2].split()
        except OSError:
            continue
        if fields[0] != b"Z":
            found.append(int(fields[3]))
    return found


def test_a_worker_lost_before_its_hello_is_reported_as_lost(zygote):
    """Its hello is over the message limit: the worker is killed and the start fails with
    WorkerLost (the grading process turns that into each check's error), nothing else."""
    from dataclasses import replace

    from dlgrade.grader.sandbox.client import WorkerLost

    tiny = replace(Limits(), max_message_bytes=16)
    with pytest.raises(WorkerLost, match="more than the limit of 16 bytes"):
        Sandbox(Code((Chunk(1, "def f():\n    return 3"),)), zygote=zygote, limits=tiny)


def test_a_dead_zygote_is_restarted():
    with Zygote() as zygote:
        import os
        import signal

        os.kill(zygote.pid, signal.SIGKILL)
        with Sandbox(Code((Chunk(1, "def f():\n    return 3"),)), zygote=zygote) as sandbox:
            assert sandbox.call("f").value == 3
        assert zygote.restarts == 1


@pytest.mark.parametrize(
    "value",
    [None, True, 3, -2.5, float("inf"), "é", [1, (2, 3)], {"a": {"b": [np.int8(4)]}},
     np.arange(6, dtype=np.float32).reshape(2, 3), np.array([True, False]), np.complex128(1j)],
)  # fmt: skip
def test_plain_data_round_trips_exactly(value):
    _, decoded = codec.unpack_message(codec.pack_message({}, value))
    assert type(decoded) is type(value)
    if isinstance(value, np.ndarray):
        assert decoded.dtype == value.dtype and np.array_equal(decoded, value)
    else:
        assert decoded == value


@pytest.mark.parametrize(
    "payload",
    [
        b"\x00\x00\x00\x02{}",  # no blob table
        b'\x00\x00\x00\x15{"blobs":[],"value":[]}',  # an untagged list
        b'\x00\x00\x00\x1a{"blobs":[3],"value":{"array":0}}abc',  # not .npy data
        b'\x00\x00\x00\x0f{"blobs":[9999]}',  # blob table longer than the message
    ],
)
def test_malformed_messages_are_refused(payload):
    with pytest.raises(codec.WireError):
        codec.unpack_message(payload)


@pytest.mark.parametrize(
    ("node", "blob", "message"),
    [
        ('{"array": [0, "|O8", [1]]}', b"\x00" * 8, "unsupported dtype"),
        ('{"array": [0, "|V8", [1]]}', b"\x00" * 8, "unsupported dtype"),
        ('{"array": [0, "<f8", [2]]}', b"\x00" * 8, "does not fit shape"),
        ('{"array": [0, "<f8", [-1]]}', b"\x00" * 8, "malformed array shape"),
        ('{"array": [1, "<f8", [1]]}', b"\x00" * 8, "malformed array node"),
        ('{"array": 0}', b"\x00" * 8, "malformed array node"),
        ('{"scalar": [0, "<f8", [1]]}', b"\x00" * 8, "a scalar node holds an array"),
    ],
    ids=["object", "void", "size", "negative shape", "bad index", "old form", "scalar shape"],
)
def test_malformed_or_non_numeric_array_nodes_are_refused_by_the_decoder(node, blob, message):
    header = b'{"blobs":[%d],"value":%s}' % (len(blob), node.encode())
    with pytest.raises(codec.WireError, match=message):
        codec.unpack_message(len(header).to_bytes(4, "big") + header + blob)


def test_arrays_cross_as_fresh_writable_copies_of_every_numeric_dtype():
    values = [np.arange(6).astype(d).reshape(2, 3) for d in ("<f8", "<f4", "<i8", "|u1", "|b1")]
    values += [np.float64(1.5), np.asfortranarray(np.arange(6.0).reshape(2, 3)), np.zeros((0, 3))]
    decoded = codec.unpack_message(codec.pack_message({}, values))[1]
    for original, copy in zip(values, decoded, strict=True):
        assert np.asarray(copy).dtype == np.asarray(original).dtype
        np.testing.assert_array_equal(copy, original)
    decoded[0][0, 0] = 99.0  # writable, and not a view of the message


def test_a_value_with_too_much_structure_is_refused_on_both_sides():
    with pytest.raises(codec.WireError, match="too many parts"):
        codec.pack_message({}, list(range(2_000_000)))
    header = b'{"blobs": [], "value": [' + b"0," * (codec.MAX_HEADER_BYTES // 2) + b"0]}"
    with pytest.raises(codec.WireError, match="over the limit"):
        codec.unpack_message(len(header).to_bytes(4, "big") + header)


def test_a_student_returning_a_huge_list_gets_a_clear_failure(zygote):
    source = "def f():\n    return list(range(2_000_000))\n"
    with Sandbox(Code((Chunk(1, source),)), zygote=zygote) as sandbox:
        outcome = sandbox.call("f", timeout=10)
    assert outcome.error_type == "UnsupportedValue"
    assert "too many parts" in outcome.error_message
