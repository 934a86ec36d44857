"""FrameReader: frames as the worker reads them, however the bytes arrive."""

from __future__ import annotations

import socket
import threading

import numpy as np
import pytest

from grader.sandbox.worker import codec


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
