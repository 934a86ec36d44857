"""Recorded calls: what the kit replays must be what the recorded function gave."""

from __future__ import annotations

import numpy as np
import pytest

from dlgrade.grader.checking.compare import NotGradedHere
from dlgrade.grader.kit.recording import (
    Recording,
    exception_type,
    recording_wrapper,
)


def scaled(x, factor=2.0):
    return {"y": x * factor, "shape": x.shape}


def seeded_draw(n):
    return np.random.randn(n)


def crash(grads):
    return grads["dW9"]


def test_a_recorded_call_replays_equal_values_as_fresh_copies(tmp_path):
    recording = Recording()
    recorded = recording_wrapper(recording, "m:scaled", scaled)
    x = np.arange(6.0).reshape(2, 3)
    expected = recorded(x, factor=3.0)
    recording.write(tmp_path / "calls.bin")
    replayed = Recording.read(tmp_path / "calls.bin")
    first = replayed.replay("m:scaled", (x.copy(),), {"factor": 3.0})
    np.testing.assert_array_equal(first["y"], expected["y"])
    assert first["shape"] == (2, 3)
    first["y"][0, 0] = 99.0  # the caller owns its copy
    assert replayed.replay("m:scaled", (x,), {"factor": 3.0})["y"][0, 0] == 0.0


@pytest.mark.parametrize(
    "args, kwargs",
    [
        ((np.arange(6.0).reshape(2, 3),), {"factor": 2.0}),  # another keyword value
        ((np.arange(6.0).reshape(3, 2),), {"factor": 3.0}),  # another shape
        ((np.arange(6).reshape(2, 3),), {"factor": 3.0}),  # another dtype
        ((np.arange(6.0).reshape(2, 3),), {}),  # a default instead of the same value
        ((np.random.default_rng(0),), {}),  # not plain data at all
    ],
    ids=["keyword value", "shape", "dtype", "default", "generator"],
)
def test_other_arguments_are_not_graded_here(args, kwargs):
    recording = Recording()
    recording_wrapper(recording, "m:scaled", scaled)(np.arange(6.0).reshape(2, 3), factor=3.0)
    with pytest.raises(NotGradedHere, match="graded by your instructor"):
        recording.replay("m:scaled", args, kwargs)


def test_an_exception_replays_with_its_type_and_message(tmp_path):
    recording = Recording()
    with pytest.raises(KeyError):
        recording_wrapper(recording, "m:crash", crash)({"dW1": np.ones(2)})
    recording.write(tmp_path / "calls.bin")
    with pytest.raises(KeyError, match="dW9"):
        Recording.read(tmp_path / "calls.bin").replay("m:crash", ({"dW1": np.ones(2)},), {})


def test_exception_types_keep_their_names():
    assert exception_type("IndexError") is IndexError
    custom = exception_type("LinAlgError")
    assert custom.__name__ == "LinAlgError" and issubclass(custom, Exception)
    assert exception_type("SystemExit").__name__ == "SystemExit"  # never the real one
    assert exception_type("SystemExit") is not SystemExit


def test_a_call_drawing_from_the_global_generator_replays_by_its_state(tmp_path):
    recording = Recording()
    recorded = recording_wrapper(recording, "m:draw", seeded_draw)
    np.random.seed(1)
    first = recorded(3)
    np.random.seed(2)
    second = recorded(3)
    recording.write(tmp_path / "calls.bin")
    replayed = Recording.read(tmp_path / "calls.bin")
    np.random.seed(2)
    np.testing.assert_array_equal(replayed.replay("m:draw", (3,), {}), second)
    np.random.seed(1)
    np.testing.assert_array_equal(replayed.replay("m:draw", (3,), {}), first)
    np.random.seed(3)
    with pytest.raises(NotGradedHere):
        replayed.replay("m:draw", (3,), {})
