"""Recorded calls: what the reference and the catalogued mistakes returned on the visible
cases, so a student kit can grade those cases without holding their code.

A call is keyed by the function's qualified name ("reference.optimizers:initialize_adam",
"assignments.optimization.mistakes:adam_without_bias_correction") and a digest of its
arguments in the RPC codec's plain-data form. Functions that draw from NumPy's global
generator (the seeded initializations, dropout's masks) can give different values for
the same arguments, so a key whose outcomes differ is also recorded with a digest of
the generator's state at the call, and replayed by that finer key.

File format: a sequence of codec frames (`[u64 length][message]`), one per outcome, each
a message whose header holds the key and how the call ended, and whose value is the
return value. Nothing is ever unpickled; each frame is decoded with the codec's limits.
"""

from __future__ import annotations

import builtins
import functools
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from dlgrade.grader.checking.compare import NotGradedHere
from dlgrade.grader.kit import KIT_RECORDING
from dlgrade.grader.sandbox.worker import codec


@dataclass(frozen=True)
class Outcome:
    """How one recorded call ended: a returned value, or an exception's type and message."""

    value: Any = None
    raised: str = ""  # exception type name; "" when the call returned
    message: str = ""

    def replay(self) -> Any:
        if not self.raised:
            return codec_copy(self.value)
        raise exception_type(self.raised)(self.message)


def exception_type(name: str) -> type[Exception]:
    """The builtin exception called `name`, or an Exception subclass of that name: checks
    compare crashes by type name (`KeyError` from a variant counting layers in `grads`)."""
    found = getattr(builtins, name, None)
    if isinstance(found, type) and issubclass(found, Exception):
        return found
    return _named_exception(name)


@functools.cache
def _named_exception(name: str) -> type[Exception]:
    return type(name, (Exception,), {"__module__": "recorded"})


def codec_copy(value: Any) -> Any:
    """A fresh copy of a plain-data value (what a call through the sandbox would give)."""
    return codec.unpack_message(codec.pack_message({}, value))[1]


def arguments_digest(args: tuple, kwargs: dict) -> str | None:
    """Digest of the arguments, or None when they are not plain data (a Generator)."""
    try:
        payload = codec.pack_message({}, [list(args), dict(kwargs)])
    except codec.WireError:
        return None
    return hashlib.sha256(payload).hexdigest()[:32]


def generator_digest() -> str:
    """Digest of NumPy's global legacy generator state (what seeded functions draw from)."""
    name, keys, position, has_gauss, cached = np.random.get_state()
    text = f"{name}:{position}:{has_gauss}:{cached!r}".encode()
    return hashlib.sha256(text + np.ascontiguousarray(keys).tobytes()).hexdigest()[:32]


@dataclass
class Recording:
    """Outcomes keyed `(qualified name, arguments digest)`, with the generator-state keys
    `(name, arguments, state)` of the calls whose outcome depends on that state."""

    plain: dict[tuple[str, str], Outcome] = field(default_factory=dict)
    seeded: dict[tuple[str, str, str], Outcome] = field(default_factory=dict)
    state_dependent: set[tuple[str, str]] = field(default_factory=set)
    # While building only (never written): the arguments of each recorded call, so that the
    # kit's own functions can be tried on them (leaks.functions_that_compute).
    arguments: dict[tuple[str, str], tuple[tuple, dict]] = field(default_factory=dict)

    def add(self, name: str, arguments: str, state: str, outcome: Outcome) -> None:
        key = (name, arguments)
        known = self.plain.get(key)
        if known is not None and not same_outcome(known, outcome):
            self.state_dependent.add(key)
        self.plain.setdefault(key, outcome)
        self.seeded.setdefault((name, arguments, state), outcome)

    def lookup(self, name: str, args: tuple, kwargs: dict) -> Outcome:
        """The recorded outcome of this call; NotGradedHere when there is none."""
        arguments = arguments_digest(args, kwargs)
        outcome = None
        if arguments is not None:
            key = (name, arguments)
            if key in self.state_dependent:
                outcome = self.seeded.get((name, arguments, generator_digest()))
            else:
                outcome = self.plain.get(key)
        if outcome is None:
            raise NotGradedHere(
                f"{name.rpartition(':')[2]} was not recorded for these inputs: this case is "
                "graded by your instructor's grader"
            )
        return outcome

    def replay(self, name: str, args: tuple, kwargs: dict) -> Any:
        return self.lookup(name, args, kwargs).replay()

    def entries(self) -> Iterator[tuple[dict[str, Any], Any]]:
        """(header, value) of every outcome the file needs."""
        for (name, arguments), outcome in self.plain.items():
            if (name, arguments) not in self.state_dependent:
                yield _header(outcome, name=name, arguments=arguments), outcome.value
        for (name, arguments, state), outcome in self.seeded.items():
            if (name, arguments) in self.state_dependent:
                yield _header(outcome, name=name, arguments=arguments, state=state), outcome.value

    def write(self, path: Path) -> int:
        """Write the recording to `path`; returns the number of outcomes written."""
        frames = []
        for header, value in self.entries():
            payload = codec.pack_message(header, value)
            frames.append(codec.FRAME_LENGTH.pack(len(payload)) + payload)
        Path(path).write_bytes(b"".join(frames))
        return len(frames)

    @classmethod
    def read(cls, path: Path) -> Recording:
        data = Path(path).read_bytes()
        recording, offset = cls(), 0
        while offset < len(data):
            (size,) = codec.FRAME_LENGTH.unpack_from(data, offset)
            offset += codec.FRAME_LENGTH.size
            header, value = codec.unpack_message(data[offset : offset + size])
            offset += size
            outcome = Outcome(value, header.get("raised", ""), header.get("message", ""))
            name, arguments = header["name"], header["arguments"]
            if "state" in header:
                recording.state_dependent.add((name, arguments))
                recording.seeded[(name, arguments, header["state"])] = outcome
            else:
                recording.plain[(name, arguments)] = outcome
        return recording


def _header(outcome: Outcome, **key: str) -> dict[str, Any]:
    header: dict[str, Any] = dict(key)
    if outcome.raised:
        header.update(raised=outcome.raised, message=outcome.message)
    return header


def same_outcome(first: Outcome, second: Outcome) -> bool:
    if (first.raised, first.message) != (second.raised, second.message):
        return False
    try:
        return codec.pack_message({}, first.value) == codec.pack_message({}, second.value)
    except codec.WireError:
        return False


def recording_wrapper(
    recording: Recording, name: str, function: Callable[..., Any]
) -> Callable[..., Any]:
    """`function`, recording every call whose arguments and result are plain data."""

    @functools.wraps(function)
    def recorded(*args: Any, **kwargs: Any) -> Any:
        arguments = arguments_digest(args, kwargs)  # before the call: it may change them
        inputs = codec_copy([args, kwargs]) if arguments is not None else None
        state = generator_digest()
        try:
            value = function(*args, **kwargs)
        except Exception as error:
            if arguments is not None:
                outcome = Outcome(raised=type(error).__name__, message=str(error))
                recording.add(name, arguments, state, outcome)
            raise
        if arguments is not None:
            try:
                recording.add(name, arguments, state, Outcome(codec_copy(value)))
                recording.arguments.setdefault((name, arguments), inputs)
            except codec.WireError:
                pass  # not plain data: the kit cannot replay it, the case stays ungraded
        return value

    return recorded


@functools.cache
def kit_recording() -> Recording:
    """The kit's recording, read once per process (it never changes while installed)."""
    return Recording.read(KIT_RECORDING)


def replay(name: str, args: tuple, kwargs: dict) -> Any:
    """What the recorded function `name` gave for these arguments (stand-ins call this)."""
    return kit_recording().replay(name, args, kwargs)
