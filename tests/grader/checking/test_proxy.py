"""The student proxy: values through, failures explained in a student's words."""

from __future__ import annotations

import contextlib

import numpy as np
import pytest

from dlgrade.grader.checking.compare import find_difference
from dlgrade.grader.checking.proxy import StudentFailure, StudentProxy, fresh_copy, reference_call
from tests.grader.checking.fake_sandbox import FakeOutcome, FakeSandbox

SOURCE = """\
import numpy as np

def scale(x, factor=2):
    return x * factor

def divide(a, b):
    ratio = a / b
    return ratio

def noisy(x):
    print("hello from the student")
    return x

def draw():
    return np.random.rand(2)
"""


class ScriptedSandbox:
    """Answers every call with one fixed outcome."""

    def __init__(self, outcome: FakeOutcome, defined: frozenset[str] = frozenset({"f"})) -> None:
        self.outcome = outcome
        self.defined = defined

    def call(self, function, *args, seed=None, timeout=None, **kwargs):
        return self.outcome


def test_call_returns_the_value_and_passes_kwargs():
    proxy = StudentProxy(FakeSandbox(SOURCE))
    assert proxy.call("scale", 3, factor=5) == 15


def test_student_exception_is_shown_with_the_students_traceback():
    proxy = StudentProxy(FakeSandbox(SOURCE))
    with pytest.raises(StudentFailure) as raised:
        proxy.call("divide", 1, 0)
    assert raised.value.message == (
        "divide raised ZeroDivisionError: division by zero\n"
        "  cell 3, line 7, in divide: ratio = a / b"
    )
    assert raised.value.status == "failed"


@pytest.mark.parametrize(
    ("outcome", "message", "status"),
    [
        (
            FakeOutcome(ok=False, error_type="Timeout"),
            "f did not finish within 2 s (infinite loop?)",
            "failed",
        ),
        (
            FakeOutcome(ok=False, error_type="UnsupportedValue", error_message="a generator"),
            "f returned a value the grader cannot read: a generator",
            "failed",
        ),
        (
            FakeOutcome(ok=False, error_type="MemoryLimit"),
            "f used more memory than allowed",
            "failed",
        ),
        (
            FakeOutcome(ok=False, error_type="WorkerDied", error_message="killed by SIGSEGV"),
            "the process running f stopped unexpectedly (killed by SIGSEGV)",
            "failed",
        ),
        (
            FakeOutcome(ok=False, error_type="KeyError", error_message="'W1'"),
            "f raised KeyError: 'W1'",
            "failed",
        ),
    ],
    ids=["timeout", "unsupported value", "memory", "worker died", "exception"],
)
def test_sandbox_failures_are_explained(outcome, message, status):
    proxy = StudentProxy(ScriptedSandbox(outcome))
    proxy.begin_test(timeout=2.0)
    with pytest.raises(StudentFailure) as raised:
        proxy.call("f")
    assert (raised.value.message, raised.value.status) == (message, status)


def test_exercise_timeout_is_the_default_and_can_be_overridden():
    sandbox = FakeSandbox(SOURCE)
    proxy = StudentProxy(sandbox)
    proxy.begin_test(timeout=1.5)
    proxy.call("scale", 1)
    proxy.call("scale", 1, timeout=9.0)
    assert [call[2] for call in sandbox.calls] == [1.5, 9.0]


@pytest.mark.parametrize(
    ("outcome", "first_message"),
    [
        (
            FakeOutcome(ok=False, error_type="Timeout"),
            "f did not finish within 2 s (infinite loop?)",
        ),
        (
            FakeOutcome(ok=False, error_type="MemoryLimit", error_message="MemoryError"),
            "f used more memory than allowed (MemoryError)",
        ),
        (
            FakeOutcome(ok=False, error_type="WorkerDied", error_message="exit code 3"),
            "the process running f stopped unexpectedly (exit code 3)",
        ),
    ],
    ids=["timeout", "memory", "worker-died"],
)
def test_a_function_that_failed_costly_once_is_not_run_again(outcome, first_message):
    sandbox = ScriptedSandbox(outcome, frozenset({"f", "g"}))
    calls = []
    sandbox.call = lambda function, *a, **k: calls.append(function) or sandbox.outcome
    proxy = StudentProxy(sandbox)
    proxy.begin_test(timeout=2.0)
    messages = []
    for function in ("f", "f", "g"):
        with pytest.raises(StudentFailure) as raised:
            proxy.call(function)
        messages.append(raised.value.message)
    assert calls == ["f", "g"]  # the second call of f never reached the sandbox
    assert messages[0] == first_message
    assert messages[1] == f"f was not run on this case: on an earlier case, {first_message}"
    assert messages[2] == first_message.replace("f ", "g ", 1).replace("running f", "running g")


def test_an_exception_does_not_stop_later_calls():
    sandbox = ScriptedSandbox(FakeOutcome(ok=False, error_type="ValueError"), frozenset({"f"}))
    calls = []
    sandbox.call = lambda function, *a, **k: calls.append(function) or sandbox.outcome
    proxy = StudentProxy(sandbox)
    for _ in range(3):
        with pytest.raises(StudentFailure):
            proxy.call("f")
    assert calls == ["f", "f", "f"]


def test_missing_function_names_what_was_looked_for_and_a_close_name():
    proxy = StudentProxy(FakeSandbox(SOURCE))
    with pytest.raises(StudentFailure) as raised:
        proxy.call("scaled", 1)
    assert raised.value.message == (
        "scaled is not defined in your notebook (looked for a top-level `def scaled(...)` in "
        "the code cells that ran). Did you mean `scale`?"
    )


def test_printed_output_is_collected_per_test():
    proxy = StudentProxy(FakeSandbox(SOURCE))
    proxy.begin_test(timeout=None)
    proxy.call("noisy", 1)
    proxy.call("noisy", 2)
    assert proxy.output == "hello from the student\n" * 2
    proxy.begin_test(timeout=None)
    assert proxy.output == ""


def test_seed_reaches_the_sandbox():
    proxy = StudentProxy(FakeSandbox(SOURCE))
    first = proxy.call("draw", seed=3)
    np.random.seed(3)
    assert np.array_equal(first, np.random.rand(2))


def test_factory_is_opened_lazily_closed_and_reopened():
    events: list[str] = []
    proxy = StudentProxy(lambda: FakeSandbox(SOURCE, events, "s"))
    assert proxy.defined is None and events == []
    proxy.call("scale", 1)
    assert events == ["open s"] and "scale" in proxy.defined
    proxy.close()
    proxy.call("scale", 1)
    proxy.close()
    assert events == ["open s", "close s", "open s", "close s"]


def test_a_sandbox_instance_is_never_closed_by_the_proxy():
    events: list[str] = []
    proxy = StudentProxy(FakeSandbox(SOURCE, events, "s"))
    proxy.call("scale", 1)
    proxy.close()
    assert events == []


def test_sandbox_that_cannot_start_is_a_grader_error():
    @contextlib.contextmanager
    def broken():
        raise OSError("no more processes")
        yield  # pragma: no cover

    proxy = StudentProxy(broken)
    proxy.open()
    with pytest.raises(StudentFailure) as raised:
        proxy.call("scale", 1)
    assert raised.value.status == "error"
    assert raised.value.message == (
        "the grader could not start a sandbox for your code (OSError: no more processes)"
    )


def test_reference_call_copies_arguments_and_seeds_like_the_worker():
    def update_in_place(parameters):
        parameters["W1"] -= 1.0
        return parameters["W1"] + np.random.rand()

    parameters = {"W1": np.zeros(2)}
    np.random.seed(99)
    result = reference_call(update_in_place, parameters, seed=1)
    assert np.array_equal(parameters["W1"], np.zeros(2))
    np.random.seed(1)
    assert np.allclose(result, -1.0 + np.random.rand())


@pytest.mark.parametrize(
    "value",
    [
        {"W1": np.ones((2, 3)), "b1": np.zeros((2, 1))},
        [np.arange(3.0), (np.eye(2), 1.5, "name", None, True)],
        (7, [{"nested": np.array([1, 2])}]),
        np.float64(2.5),
    ],
    ids=["dict", "list-of-tuple", "tuple-of-dicts", "numpy-scalar"],
)
def test_fresh_copy_shares_no_array_with_the_original(value):
    copied = fresh_copy(value)
    assert find_difference(copied, value, rtol=0.0, atol=0.0) is None
    originals = [leaf for leaf in _leaves(value) if isinstance(leaf, np.ndarray)]
    copies = [leaf for leaf in _leaves(copied) if isinstance(leaf, np.ndarray)]
    assert len(originals) == len(copies)
    assert all(not np.shares_memory(a, b) for a, b in zip(originals, copies, strict=True))


def test_fresh_copy_unshares_an_array_passed_twice():
    # The worker decodes each occurrence separately: the reference must see the same.
    shared = np.zeros(2)
    first, second = fresh_copy([shared, shared])
    first += 1.0
    assert np.array_equal(second, np.zeros(2))


def _leaves(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


class TimedSandbox:
    """Each call takes `seconds` of student time, or times out at the limit it is given."""

    def __init__(self, seconds: float) -> None:
        self.seconds, self.defined, self.limits = seconds, frozenset({"f"}), []

    def call(self, function, *args, seed=None, timeout=None, **kwargs):
        self.limits.append(timeout)
        if timeout is not None and self.seconds >= timeout:
            return FakeOutcome(ok=False, error_type="Timeout", wall_time=timeout)
        return FakeOutcome(ok=True, value=1, wall_time=self.seconds)


def test_a_submission_slower_than_its_budget_fails_its_remaining_calls():
    """A notebook sleeping just under every call's limit cannot hold a grading process."""
    sandbox = TimedSandbox(0.9)
    proxy = StudentProxy(sandbox, time_budget=2.0)
    proxy.begin_test(1.0)
    assert [proxy.call("f"), proxy.call("f")] == [1, 1]  # 1.8 s spent
    with pytest.raises(StudentFailure, match="whole time budget of 2 s"):
        proxy.call("f")  # 0.2 s left: the call's limit is lowered to it, and it times out
    with pytest.raises(StudentFailure, match="whole time budget of 2 s"):
        proxy.call("f")  # nothing left: not even started
    assert sandbox.limits == [1.0, 1.0, pytest.approx(0.2)]


def test_without_a_budget_every_call_keeps_its_own_limit():
    sandbox = TimedSandbox(0.9)
    proxy = StudentProxy(sandbox)
    proxy.begin_test(1.0)
    assert [proxy.call("f") for _ in range(5)] == [1] * 5 and sandbox.limits == [1.0] * 5
