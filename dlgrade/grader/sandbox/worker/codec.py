"""Plain-data wire format between the trusted side and the worker. Never pickle.

A message is `[u32 header length][JSON header][blob 0][blob 1]...`; a frame on the
socket is `[u64 payload length][payload]`. Values inside the header are tagged trees:

    None, bool, int, float, str   -> themselves (exact types only, no subclasses)
    list / tuple                  -> {"list": [...]} / {"tuple": [...]}
    dict with str keys            -> {"dict": [[key, value], ...]}   (order kept)
    numpy array of numeric/bool   -> {"array": [blob index, dtype, shape]}  (raw C-order bytes)
    numpy scalar of those dtypes  -> {"scalar": [blob index, dtype, []]}

An array's dtype is a plain numpy type string such as "<f8" or "|b1", checked against
numeric/bool kinds, and its bytes must be exactly shape x itemsize long. (The .npy
format would do as well, but numpy parses each .npy header with `ast.literal_eval`:
a third of the trusted side's time in a batch went there.)

Anything else is refused with `WireError` naming the path, e.g. "return value[1]['dW1']
is a function". An ndarray subclass is sent as a plain ndarray copy, so its methods
(a lying `__eq__`) never reach the caller. Decoding re-checks everything, because the
worker's copy of this module is in the student's hands: the trusted side's copy is the
only one that counts. This module must import only the standard library and numpy.
"""

from __future__ import annotations

import json
import re
import socket
import struct

import numpy as np

FRAME_LENGTH = struct.Struct(">Q")
HEADER_LENGTH = struct.Struct(">I")
MAX_DEPTH = 64
# The JSON header carries the structure of a value (arrays travel as raw bytes), so a
# legitimate one is small; parsing a huge one would cost the trusted side time and memory.
MAX_HEADER_BYTES = 8 * 2**20
# Decoding is the trusted side's work on the student's behalf: bounded in nodes (a reply
# of 3.9 million zeros cost 25 s of the grading process's CPU) and in dimensions.
MAX_NODES = 200_000
MAX_NDIM = 32
NUMERIC_KINDS = frozenset("biufc")
# One encoder for every header (json.dumps with options makes a new one per call); a
# header is a fresh tree, so the check for reference cycles is not needed.
_HEADER_ENCODER = json.JSONEncoder(separators=(",", ":"), check_circular=False)


class WireError(ValueError):
    """A value or a message that is not plain data (or is too large)."""


def describe(value: object) -> str:
    """A short phrase naming what a refused value is, for the student."""
    if callable(value) and hasattr(value, "__code__"):
        return "a function"
    kind = type(value)
    if isinstance(value, np.ndarray):
        return f"a numpy array of dtype {value.dtype}"
    for base in (bool, int, float, str, list, tuple, dict):
        if isinstance(value, base):
            return f"a {kind.__name__} object (a subclass of {base.__name__}; return a plain one)"
    return f"a {kind.__name__} object"


def _array_node(array: np.ndarray, blobs: list[bytes], dtype_text: str) -> list:
    blobs.append(array.tobytes())  # C order whatever the layout
    return [len(blobs) - 1, dtype_text, list(array.shape)]


# dtype -> its type string, for the dtypes found to be data (numeric/bool, unstructured)
_DATA_DTYPE_TEXT: dict[np.dtype, str] = {}


def _data_dtype_text(dtype: np.dtype) -> str | None:
    """The type string of a numeric/bool unstructured dtype (remembered), else None."""
    text = _DATA_DTYPE_TEXT.get(dtype)
    if text is None and dtype.kind in NUMERIC_KINDS and dtype.fields is None:
        text = _DATA_DTYPE_TEXT[dtype] = dtype.str
    return text


def encode_value(value: object, blobs: list[bytes], path: str, depth: int = 0) -> object:
    """The tagged tree of `value`; arrays are appended to `blobs`. Raises WireError.

    `path` names `value` in error messages, e.g. "return value[1]['dW1']".
    """
    return _encode(value, blobs, path, depth)


def _encode(value: object, blobs: list[bytes], where: object, depth: int) -> object:
    # `where` is the path as (parent, key) links, rendered only for an error message
    if depth > MAX_DEPTH:
        raise WireError(f"{_path(where)} is nested more than {MAX_DEPTH} levels deep")
    kind = type(value)
    if kind is np.ndarray:
        text = _data_dtype_text(value.dtype)
        if text is None:
            raise WireError(
                f"{_path(where)} is {describe(value)} (only numeric/bool arrays are data)"
            )
        return {"array": _array_node(value, blobs, text)}
    if kind is dict:
        depth += 1
        pairs = []
        for key, item in value.items():
            if type(key) is not str:
                raise WireError(f"{_path(where)} has a key {key!r} that is not a str")
            pairs.append([key, _encode(item, blobs, (where, key), depth)])
        return {"dict": pairs}
    if value is None or kind in _PLAIN:
        return value
    if kind is list or kind is tuple:
        items = [_encode(v, blobs, (where, i), depth + 1) for i, v in enumerate(value)]
        return {kind.__name__: items}
    if isinstance(value, np.ndarray):  # a subclass: its methods must not travel
        return _encode(value.view(np.ndarray), blobs, where, depth)
    if isinstance(value, np.generic):
        text = _data_dtype_text(value.dtype)
        if kind is not value.dtype.type or text is None:
            raise WireError(f"{_path(where)} is {describe(value)}")
        return {"scalar": _array_node(np.asarray(value), blobs, text)}
    raise WireError(f"{_path(where)} is {describe(value)}")


def _path(where: object) -> str:
    keys = []
    while type(where) is tuple:
        where, key = where
        keys.append(f"[{key!r}]")
    return str(where) + "".join(reversed(keys))


def decode_value(
    tree: object, blobs: list, depth: int = 0, budget: list[int] | None = None
) -> object:
    """The value of a tagged tree, checking every node. Raises WireError.

    `budget`: [nodes still allowed], shared by the whole tree (MAX_NODES by default).
    """
    if budget is None:
        budget = [MAX_NODES]
    budget[0] -= 1
    if budget[0] < 0:
        raise WireError(f"value has more than {MAX_NODES} elements")
    if depth > MAX_DEPTH:
        raise WireError(f"value nested more than {MAX_DEPTH} levels deep")
    kind = type(tree)
    if kind is not dict:
        if tree is None or kind in _PLAIN:
            return tree
        raise WireError(f"malformed value node of type {kind.__name__}")
    if len(tree) != 1:
        raise WireError("malformed value node of type dict")
    ((tag, body),) = tree.items()
    if tag == "array":
        return _load_array(body, blobs, tag)
    if tag == "dict":
        if type(body) is not list:
            raise WireError("malformed dict node")
        result = {}
        depth += 1
        for pair in body:
            if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str:
                raise WireError("malformed dict node")
            result[pair[0]] = decode_value(pair[1], blobs, depth, budget)
        return result
    if tag in ("list", "tuple"):
        if type(body) is not list:
            raise WireError(f"malformed {tag} node")
        items = [decode_value(item, blobs, depth + 1, budget) for item in body]
        return items if tag == "list" else tuple(items)
    if tag == "scalar":
        array = _load_array(body, blobs, tag)
        if array.ndim != 0:
            raise WireError("a scalar node holds an array")
        return array[()]
    raise WireError(f"malformed value node with tag {str(tag)[:20]!r}")


_PLAIN = frozenset((bool, int, float, str))


_DTYPE = re.compile(r"[<>|=][biufc][0-9]{1,2}")
_DTYPES: dict[str, np.dtype] = {}  # checked dtype strings: at most 4 x 5 x 100 of them


def _load_array(body: object, blobs: list, tag: str) -> np.ndarray:
    """A fresh, writable array from an `[index, dtype, shape]` node, every part checked."""
    if type(body) is not list or len(body) != 3:
        raise WireError(f"malformed {tag} node")
    index, dtype_text, shape = body
    if type(index) is not int or not 0 <= index < len(blobs):
        raise WireError(f"malformed {tag} node")
    dtype = _DTYPES.get(dtype_text) if type(dtype_text) is str else None
    if dtype is None:
        dtype = _checked_dtype(dtype_text)
    if type(shape) is not list or len(shape) > MAX_NDIM:
        raise WireError("malformed array shape")
    count = 1
    for extent in shape:
        if type(extent) is not int or extent < 0:
            raise WireError("malformed array shape")
        count *= extent
    blob = blobs[index]
    if count * dtype.itemsize != len(blob):
        raise WireError(f"array data of {len(blob)} bytes does not fit shape {tuple(shape)}")
    try:
        return np.ndarray(shape, dtype, bytearray(blob))  # its own writable copy of the bytes
    except (ValueError, OverflowError) as error:  # e.g. an extent of 2**62 with another of 0
        raise WireError(f"array of shape {tuple(shape)[:8]} cannot be built: {error}") from None


def _checked_dtype(dtype_text: object) -> np.dtype:
    """The numeric/bool dtype named `dtype_text`, remembered (the regex bounds the set)."""
    if type(dtype_text) is not str:
        raise WireError(f"array of unsupported dtype {str(dtype_text)[:20]!r}")
    if not _DTYPE.fullmatch(dtype_text):
        raise WireError(f"array of unsupported dtype {dtype_text[:20]!r}")
    try:
        dtype = np.dtype(dtype_text)
    except TypeError as error:
        raise WireError(f"array of unsupported dtype {dtype_text!r}: {error}") from None
    if dtype.kind not in NUMERIC_KINDS or dtype.fields is not None:
        raise WireError(f"array of unsupported dtype {dtype_text!r}")
    _DTYPES[dtype_text] = dtype
    return dtype


def pack_message(header: dict, value: object = None, *, path: str = "value") -> bytes:
    """Serialize a header dict (JSON data) plus one plain `value`. Raises WireError."""
    blobs: list[bytes] = []
    tree = encode_value(value, blobs, path)
    try:
        text = _HEADER_ENCODER.encode({**header, "value": tree, "blobs": [len(b) for b in blobs]})
    except (TypeError, ValueError) as error:
        raise WireError(f"{path} cannot be encoded: {error}") from None
    encoded = text.encode("utf-8", "surrogatepass")
    if len(encoded) > MAX_HEADER_BYTES:
        raise WireError(
            f"{path} has too many parts to send ({len(encoded)} bytes of structure, more than "
            f"{MAX_HEADER_BYTES}); return numpy arrays rather than huge lists or dicts"
        )
    return b"".join([HEADER_LENGTH.pack(len(encoded)), encoded, *blobs])


def unpack_message(payload: bytes) -> tuple[dict, object]:
    """The header dict and the decoded value of a message. Raises WireError."""
    if len(payload) < HEADER_LENGTH.size:
        raise WireError("message shorter than its header length")
    (size,) = HEADER_LENGTH.unpack_from(payload)
    if size > MAX_HEADER_BYTES:
        raise WireError(f"message header of {size} bytes is over the limit of {MAX_HEADER_BYTES}")
    end = HEADER_LENGTH.size + size
    view = memoryview(payload)  # blobs are views: an array's bytes are copied once
    try:
        header = json.loads(str(view[HEADER_LENGTH.size : end], "utf-8", "surrogatepass"))
    except (ValueError, RecursionError) as error:
        raise WireError(f"malformed message header: {error}") from None
    sizes = header.get("blobs") if type(header) is dict else None
    if type(sizes) is not list or not all(type(s) is int and s >= 0 for s in sizes):
        raise WireError("malformed message header: no blob table")
    if end + sum(sizes) != len(payload):
        raise WireError("message length does not match its blob table")
    blobs, offset = [], end
    for blob_size in sizes:
        blobs.append(view[offset : offset + blob_size])
        offset += blob_size
    try:
        value = decode_value(header.pop("value", None), blobs)
    except RecursionError:
        raise WireError("value nested too deeply") from None
    return header, value


def send_frame(channel: socket.socket, payload: bytes) -> None:
    """Write one length-prefixed frame (blocking)."""
    channel.sendall(FRAME_LENGTH.pack(len(payload)) + payload)


READ_CHUNK = 1 << 16  # a frame's length prefix and (usually) its whole body in one recv


def take_bytes(pending: bytearray, size: int, receive) -> bytes:
    """The first `size` bytes of `pending`, calling `receive(n)` for more as needed.

    `receive` returns at most n bytes, b"" at the end of the stream (EOFError here).
    """
    while len(pending) < size:
        chunk = receive(min(max(size - len(pending), READ_CHUNK), 1 << 20))
        if not chunk:
            raise EOFError("channel closed")
        pending += chunk
    with memoryview(pending) as view:
        data = bytes(view[:size])
    del pending[:size]
    return data


class FrameReader:
    """Reads length-prefixed frames (blocking), a frame's prefix and body in one recv."""

    def __init__(self, channel: socket.socket, max_bytes: int) -> None:
        self.channel = channel
        self.max_bytes = max_bytes
        self.pending = bytearray()

    def frame(self) -> bytes:
        """The next frame's payload; EOFError when the peer is gone, WireError if too big."""
        prefix = take_bytes(self.pending, FRAME_LENGTH.size, self.channel.recv)
        (size,) = FRAME_LENGTH.unpack(prefix)
        if size > self.max_bytes:
            raise WireError(f"frame of {size} bytes exceeds the limit of {self.max_bytes} bytes")
        return take_bytes(self.pending, size, self.channel.recv)
