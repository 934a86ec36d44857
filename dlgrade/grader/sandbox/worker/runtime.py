"""The worker's request loop: load the student's code, call its functions, reply.

Requests and replies are codec messages (JSON header + .npy blobs), one at a time:

    {"op": "load", "id": n, "chunks": [[cell, source], ...]}
        -> {"id": n, "defined": [...], "problems": ["cell 4, line 2: ImportError: ..."]}
    {"op": "call", "id": n, "function": name, "seed": s|None}, value {"args", "kwargs"}
        -> {"id": n, "ok": true, "stdout": ...}, value = the return value
        -> {"id": n, "ok": false, "error_type", "error_message", "traceback", "stdout"}

Each chunk is compiled with filename "<cell N>" (registered in linecache) and executed
statement by statement in one namespace, so one failing statement loses only itself.
Arguments are decoded fresh for every call, so the student only ever mutates copies.
Builtins are restored after every cell, failing statement and call (a student patching
`isinstance` or deleting `len` must not derail the encoder); the trusted side
re-validates everything anyway.
"""

from __future__ import annotations

import ast
import builtins
import io
import linecache
import operator
import os
import socket
import sys
import traceback
from types import CodeType, TracebackType

import _sandbox_codec as codec
import _sandbox_numpy1 as numpy1
import numpy as np

MAX_MESSAGE_CHARS = 2000
MAX_FRAMES = 20
# The builtins as the zygote imported this module (pristine), and the few that restoring
# them needs, bound now: student code may delete or replace any builtin.
BUILTINS = dict(vars(builtins))
_all, _len, _map, _is = all, len, map, operator.is_


class BoundedWriter(io.TextIOBase):
    """A text stream keeping the first `limit` bytes written to it and counting the rest."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self._parts: list[str] = []
        self._room = limit
        self.dropped = 0

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if self._room > 0:
            kept = text.encode("utf-8", "replace")[: self._room].decode("utf-8", "ignore")
            self._parts.append(kept)
            self._room -= len(kept.encode("utf-8"))
            self.dropped += len(text) - len(kept)
        else:
            self.dropped += len(text)
        return len(text)

    def writable(self) -> bool:
        return True

    def text(self) -> str:
        note = f"\n[... {self.dropped} more characters of output dropped]" if self.dropped else ""
        return "".join(self._parts) + note


def _safe_str(error: BaseException) -> str:
    try:
        text = str(error)
    except Exception:  # noqa: BLE001 - a student's __str__ may itself raise
        text = f"<unprintable {type(error).__name__}>"
    return text if len(text) <= MAX_MESSAGE_CHARS else text[:MAX_MESSAGE_CHARS] + " [...]"


def student_frames(tb: TracebackType | None) -> list[str]:
    """Frames of the student's cells only: "cell 5, line 3, in f: <code line>"."""
    lines = []
    for frame in traceback.extract_tb(tb)[-MAX_FRAMES:]:
        name = frame.filename
        if name.startswith("<cell ") and name.endswith(">"):
            code = f": {frame.line.strip()}" if frame.line else ""
            lines.append(f"{name[1:-1]}, line {frame.lineno}, in {frame.name}{code}")
    return lines


def _failure_line(error: BaseException, default: int) -> int:
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.startswith("<")]
    if isinstance(error, SyntaxError) and error.lineno:
        return error.lineno
    return frames[-1].lineno if frames and frames[-1].lineno else default


def load_code(namespace: dict, chunks: list, *, numpy1_rewrite: bool = False) -> list[str]:
    """Execute every chunk as if statement by statement; returns the problems met.

    A cell is compiled and run whole (half the cost of one compile per statement); only
    when it fails does the rest of it run statement by statement, so a failing statement
    still loses only itself.
    """
    problems: list[str] = []
    for cell, source in chunks:
        restore_builtins()  # an earlier cell may have broken what compiling needs
        filename = f"<cell {cell}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        try:
            # compiling the source directly is cheaper than through a Python AST: only the
            # rewrite, needed by few notebooks, pays for one
            code = (
                compile(numpy1.rewrite(ast.parse(source, filename)), filename, "exec")
                if numpy1_rewrite
                else compile(source, filename, "exec")
            )
        except SyntaxError:  # maybe only one statement's (e.g. `return` outside a function)
            _run_statements(namespace, cell, source, problems, after=None, rewrite=numpy1_rewrite)
            continue
        try:
            exec(code, namespace)
        except BaseException as error:  # noqa: BLE001 - SystemExit too: lose the statement
            restore_builtins()
            where = _top_level_position(error, code)
            _report(problems, cell, error, where[0])
            _run_statements(namespace, cell, source, problems, after=where, rewrite=numpy1_rewrite)
    return problems


def _run_statements(
    namespace: dict, cell: int, source: str, problems: list[str], *, after: tuple | None,
    rewrite: bool = False,
) -> None:  # fmt: skip
    """Run one by one the top-level statements of `source` that start after `after`.

    `after` is the (line, column) of the statement that failed (None: run them all).
    """
    filename = f"<cell {cell}>"
    try:
        tree = ast.parse(source, filename)
    except SyntaxError as error:
        problems.append(f"cell {cell}, line {error.lineno}: SyntaxError: {error.msg}")
        return
    statements = tree.body
    if after is not None:
        statements = [s for s in statements if _start(s) > after]
    for statement in statements:
        try:
            module = ast.Module([statement], [])
            exec(
                compile(numpy1.rewrite(module) if rewrite else module, filename, "exec"), namespace
            )
        except BaseException as error:  # noqa: BLE001 - SystemExit too: lose the statement
            restore_builtins()
            _report(problems, cell, error, statement.lineno)


def _start(statement: ast.stmt) -> tuple[int, int]:
    """Where a statement begins: its first decorator's `@` for a decorated definition."""
    decorators = getattr(statement, "decorator_list", None) or []
    return min(
        [(statement.lineno, statement.col_offset)]
        + [(d.lineno, d.col_offset - 1) for d in decorators]
    )


def _report(problems: list[str], cell: int, error: BaseException, statement_line: int) -> None:
    line = _failure_line(error, statement_line)
    problems.append(f"cell {cell}, line {line}: {_error_name(error)}: {_safe_str(error)}")


def _top_level_position(error: BaseException, code: CodeType) -> tuple[int, int]:
    """(line, column) of the cell's top-level instruction that was running when `error` rose.

    The failing statement is the last one starting at or before it.
    """
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code is not code:
        tb = tb.tb_next
    if tb is None:
        return (0, 0)
    positions = list(code.co_positions())
    index = tb.tb_lasti // 2
    line, _, column, _ = positions[index] if 0 <= index < len(positions) else (None,) * 4
    return (line or tb.tb_lineno or 0, column or 0)


def _error_name(error: BaseException) -> str:
    return "MemoryLimit" if isinstance(error, MemoryError) else type(error).__name__


def call_function(
    namespace: dict, header: dict, arguments: object, limits: dict
) -> tuple[bytes, bool]:
    """Run one call; returns the packed reply (builtins restored before encoding) and
    whether it failed only as NumPy 2 fails (see numpy1.refused_by_numpy2)."""
    owner = os.getpid()
    reply = {"id": header["id"]}
    function = namespace.get(header["function"])
    if not callable(function):
        missing = "is not defined" if function is None else "is not a function"
        reply.update(ok=False, error_type="NotDefined", stdout="")
        reply["error_message"] = f"{header['function']} {missing} in the submission"
        return codec.pack_message(reply), False
    capture = BoundedWriter(int(limits["max_output_bytes"]))
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = capture
    try:
        if header.get("seed") is not None:
            np.random.seed(header["seed"])
        result = function(*arguments["args"], **arguments["kwargs"])
    except BaseException as error:  # noqa: BLE001 - SystemExit, KeyboardInterrupt are answers too
        _leave_if_forked(owner)
        sys.stdout, sys.stderr = saved
        restore_builtins()
        return _error_reply(reply, error, capture), numpy1.refused_by_numpy2(error)
    finally:
        sys.stdout, sys.stderr = saved
    _leave_if_forked(owner)
    restore_builtins()
    _note_compatibility(reply, header["function"])
    reply.update(ok=True, stdout=capture.text())
    try:
        packed = codec.pack_message(reply, result, path="return value")
    except (codec.WireError, MemoryError) as error:
        return _unsupported(reply, str(error) or "return value is too large to encode"), False
    if len(packed) > int(limits["max_message_bytes"]):
        limit = int(limits["max_message_bytes"])
        return _unsupported(reply, f"return value takes {len(packed)} bytes, over {limit}"), False
    return packed, False


def _note_compatibility(reply: dict, function: str) -> None:
    """Tell the grader which NumPy 1.x rule made a difference in this call, if any."""
    notes = numpy1.take_notes()
    if notes:
        reply["compat"] = [f"{function}: {note}" for note in notes]


def _leave_if_forked(owner: int) -> None:
    """A process the student's code forked must not answer: its reply would be taken
    for the answer to a later request (and charged to another function)."""
    if os.getpid() != owner:
        os._exit(0)


def _unsupported(reply: dict, message: str) -> bytes:
    reply.update(ok=False, error_type="UnsupportedValue", error_message=message)
    return codec.pack_message(reply)


def _error_reply(reply: dict, error: BaseException, capture: BoundedWriter) -> bytes:
    numpy1.take_notes()  # the call failed anyway: no rule made the difference
    message = _safe_str(error)
    if isinstance(error, SystemExit):
        message = f"student code called sys.exit({message})"
    if isinstance(error, MemoryError):
        message = f"the call ran out of memory {message}".strip()
    reply.update(ok=False, error_type=_error_name(error), error_message=message)
    reply.update(traceback=student_frames(error.__traceback__), stdout=capture.text())
    return codec.pack_message(reply)


def restore_builtins() -> None:
    """Undo any change student code made to the builtins (before our own code runs)."""
    current = vars(builtins)
    if (
        _len(current) == _len(BUILTINS)
        and _all(_map(_is, current.values(), BUILTINS.values()))
        and _all(_map(_is, current, BUILTINS))
    ):
        return  # untouched (the usual case): checking, in C, is cheaper than rewriting
    current.clear()
    current.update(BUILTINS)


class Submission:
    """The student's namespace, loaded as written or, once NumPy 2 refused what the
    course's NumPy 1.x ran, recompiled with numpy1's rewrite (see numpy1.py): compiling
    every notebook through the rewrite cost a sixth of a batch's throughput, and few
    notebooks need it."""

    def __init__(self) -> None:
        self.namespace: dict = {"__name__": "__main__", "__builtins__": builtins}
        self.chunks: list = []
        self.rewritten = False

    def load(self, chunks: list, *, rewrite: bool = False) -> list[str]:
        self.chunks, self.rewritten = chunks, rewrite
        self.namespace.clear()
        self.namespace.update(__name__="__main__", __builtins__=builtins, **numpy1.HELPERS)
        saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = BoundedWriter(0)
        try:
            return load_code(self.namespace, chunks, numpy1_rewrite=rewrite)
        finally:
            sys.stdout, sys.stderr = saved
            restore_builtins()

    def call(self, header: dict, value: object, payload: bytes, limits: dict) -> bytes:
        """One call; retried once on the rewritten code when NumPy 2 refused it (with
        arguments decoded again from `payload`: the first attempt may have mutated them)."""
        reply, refused = call_function(self.namespace, header, value, limits)
        if self.rewritten or not refused:
            return reply
        self.load(self.chunks, rewrite=True)
        _, pristine = codec.unpack_message(payload)
        return call_function(self.namespace, header, pristine, limits)[0]


def serve(channel_fd: int, isolation: dict, limits: dict) -> None:
    """Answer requests until the trusted side closes the channel."""
    channel = socket.socket(fileno=channel_fd)
    submission = Submission()
    codec.send_frame(channel, codec.pack_message({"op": "hello", "isolation": isolation}))
    reader = codec.FrameReader(channel, int(limits["max_message_bytes"]))
    while True:
        try:
            payload = reader.frame()
        except EOFError:
            return
        header, value = codec.unpack_message(payload)
        if header.get("op") == "load":
            problems = submission.load(header["chunks"])
            defined = sorted(n for n in submission.namespace if not n.startswith("__"))
            reply = codec.pack_message(
                {"id": header["id"], "defined": defined, "problems": problems}
            )
        else:
            reply = submission.call(header, value, payload, limits)
        codec.send_frame(channel, reply)
