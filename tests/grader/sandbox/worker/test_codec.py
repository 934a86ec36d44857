"""FrameReader: frames as the worker reads them, however the bytes arrive."""

from __future__ import annotations

import socket
import threading

import numpy as np
import pytest

from dlgrade.grader.sandbox.worker import codec


def frame(payload: bytes) -> bytes:
    return codec.FRAME_LENGTH.pack(len(payload)) + payload


@pytest.mark.parametrize("piece", [1, 3, 8, 9, 1 << 16])
def test_frames_split_or_joined_anyhow_come_out_whole(piece):
    payloads = [
        codec.pack_message({"op": "call", "id": 1}, {"W1": np.arange(6.0).reshape(2, 3)}),
        b"",
        codec.pack_message({"op": "call", "id": 2}, list(range(5000))),
    ]
    stream = b"".join(frame(p) for p in payloads)
    ours, theirs = socket.socketpair()
    sender = threading.Thread(
        target=lambda: [theirs.sendall(stream[i : i + piece]) for i in range(0, len(stream), piece)]
    )
    sender.start()
    reader = codec.FrameReader(ours, max_bytes=1 << 20)
    received = [reader.frame() for _ in payloads]
    sender.join()
    theirs.close()
    assert received == payloads
    with pytest.raises(EOFError):
        reader.frame()
    ours.close()


def test_an_oversized_frame_is_refused_before_its_body_is_read():
    ours, theirs = socket.socketpair()
    theirs.sendall(codec.FRAME_LENGTH.pack(1 << 30))
    with pytest.raises(codec.WireError, match="exceeds the limit"):
        codec.FrameReader(ours, max_bytes=1 << 20).frame()
    ours.close()
    theirs.close()


def forged(value_tree: object, blobs: list[bytes]) -> bytes:
    """A message as a hostile worker could write it (header built by hand)."""
    import json

    header = json.dumps({"id": 1, "blobs": [len(b) for b in blobs], "value": value_tree})
    return codec.HEADER_LENGTH.pack(len(header)) + header.encode() + b"".join(blobs)


@pytest.mark.parametrize(
    ("tree", "blobs", "expected"),
    [
        ({"list": [0] * (codec.MAX_NODES + 1)}, [], "more than 200000 elements"),
        ({"array": [0, "<f8", [1] * 65]}, [b"\0" * 8], "malformed array shape"),
        ({"array": [0, "<f8", [0, 2**62]]}, [b""], "cannot be built"),
        ({"array": [0, "<f8", [2**62, 2**62]]}, [b""], "does not fit"),
    ],
    ids=["too-many-nodes", "65-dimensions", "extent-2**62", "overflowing-size"],
)
def test_hostile_replies_are_wire_errors(tree, blobs, expected):
    """Every malformed reply is a WireError (the call fails as UnsupportedValue), never a
    ValueError escaping as a grader fault."""
    with pytest.raises(codec.WireError, match=expected):
        codec.unpack_message(forged(tree, blobs))


def test_a_large_legitimate_value_still_decodes():
    value = {"costs": [float(i) for i in range(50_000)], "W": np.ones((200, 200))}
    _, decoded = codec.unpack_message(codec.pack_message({"id": 1}, value))
    assert decoded["costs"][-1] == 49_999.0 and decoded["W"].shape == (200, 200)
