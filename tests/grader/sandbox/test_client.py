"""The trusted side's sweep of a worker without a pid namespace (user deployments
without namespaces, the rlimits fallback)."""

from __future__ import annotations

import pytest

from dlgrade.grader.sandbox import client

WORKER = 4242


@pytest.fixture
def machine(monkeypatch):
    """A fake process table: `scans` is what each /proc scan finds, in turn."""
    state = {"scans": [], "killed": [], "sleeps": 0}

    def leftovers(pid, uid):
        assert pid == WORKER
        return state["scans"].pop(0) if state["scans"] else []

    monkeypatch.setattr(client, "leftovers", leftovers)
    monkeypatch.setattr(client, "_kill", lambda pid, group=False: state["killed"].append(pid))
    monkeypatch.setattr(client.time, "sleep", lambda _s: state.update(sleeps=state["sleeps"] + 1))
    return state


@pytest.mark.parametrize(
    ("scans", "killed", "sleeps"),
    [
        ([[WORKER]], [WORKER], 0),  # only the dying worker: nothing to wait for
        ([[]], [WORKER], 0),
        ([[WORKER, 77], [WORKER]], [WORKER, 77], 1),  # a straggler: killed, then a rescan
        ([[77, 78], [78], []], [WORKER, 77, 78, 78], 2),
    ],
    ids=["worker-only", "nothing", "one-straggler", "straggler-twice"],
)
def test_the_sweep_kills_stragglers_and_never_waits_for_the_worker_itself(
    machine, scans, killed, sleeps
):
    machine["scans"] = scans
    client.sweep(WORKER, None)
    assert machine["killed"] == killed  # the first kill is the worker's process group
    assert machine["sleeps"] == sleeps
