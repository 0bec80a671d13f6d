"""Read input records from .txt, .jsonl, directories and stdin, never stopping on bad input.

Every input yields either an ``InputRecord`` (an id and a text to annotate) or
a ``Skipped`` (where it was and why it was not annotated). A bad line is
reported with its file and line and the batch goes on; nothing already read
is lost. Input formats:

- ``.txt``: one record per non-empty line, id ``NAME:LINE``.
- ``.jsonl``: one JSON object per line with ``text`` and an optional ``id``
  (default ``NAME:LINE``); other keys, gold ``spans`` among them, are ignored.
- a directory: every ``.txt`` and ``.jsonl`` below it, in sorted order; NAME
  is the path relative to the directory.
- ``-``: stdin, read as .txt, or as .jsonl with ``stdin_format="jsonl"``.

``key`` identifies the input position (``NAME:LINE``) even where JSONL ids
repeat; the resume manifest uses it.
"""
from __future__ import annotations

import io
import json
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Dict, Iterable, Iterator, List, Optional, Union

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
BINARY_SNIFF_BYTES = 8192
# Share of control bytes (other than tab, newline, CR, form feed, ESC) above
# which a file is taken for binary rather than text with a stray byte.
BINARY_CONTROL_SHARE = 0.10


@dataclass(frozen=True)
class InputRecord:
    """One text to annotate."""

    key: str  # NAME:LINE, unique per input position
    id: str  # the record id written to the output
    text: str
    meta: Optional[Dict[str, Any]] = field(default=None, compare=False, hash=False)  # a JSONL record's meta


@dataclass(frozen=True)
class Skipped:
    """An input position that was not annotated, and why.

    ``reason`` reads ``"KIND: detail"``; the summary groups skips by KIND.
    """

    key: str
    reason: str


InputItem = Union[InputRecord, Skipped]


def reason_kind(reason: str) -> str:
    """The KIND of a ``"KIND: detail"`` skip reason."""
    return reason.split(":", 1)[0]


def iter_inputs(paths: Iterable[str], stdin_format: str = "txt") -> Iterator[InputItem]:
    """Yield records and skips from every path, in order.

    Args:
        paths (Iterable[str]): Files, directories, or ``-`` for stdin.
        stdin_format (str): ``txt`` or ``jsonl``, how to read stdin.
    """
    for raw in paths:
        if raw == "-":
            yield from _iter_stream(sys.stdin.buffer, "stdin", jsonl=stdin_format == "jsonl")
            continue
        path = Path(raw)
        if path.is_dir():
            for name, file in _files_below(path):
                yield from iter_file(file, name)
        elif path.is_file():
            yield from iter_file(path, path.name)
        else:
            yield Skipped(key=raw, reason="no such file: not a file or directory")


def _files_below(root: Path) -> List[tuple[str, Path]]:
    found = []
    for file in sorted(root.rglob("*")):
        if file.is_file() and file.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES:
            found.append((file.relative_to(root).as_posix(), file))
    return found


def iter_file(path: Path, name: str) -> Iterator[InputItem]:
    """Yield the records of one file (.jsonl by suffix, anything else as text)."""
    try:
        with path.open("rb") as stream:
            yield from _iter_stream(stream, name, jsonl=path.suffix.lower() in JSONL_SUFFIXES)
    except OSError as err:
        yield Skipped(key=name, reason=f"unreadable: {err.strerror or err}")


def _iter_stream(stream: BinaryIO, name: str, *, jsonl: bool) -> Iterator[InputItem]:
    head = stream.read(BINARY_SNIFF_BYTES)
    if looks_binary(head):
        yield Skipped(key=name, reason="binary file: NUL or control bytes, not text")
        return
    rest = io.BufferedReader(_Prepend(head, stream))  # type: ignore[arg-type]
    for lineno, raw_line in enumerate(rest, start=1):
        key = f"{name}:{lineno}"
        if lineno == 1 and raw_line.startswith(b"\xef\xbb\xbf"):
            raw_line = raw_line[3:]
        try:
            line = raw_line.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as err:
            yield Skipped(key=key, reason=f"invalid UTF-8: byte {err.start} of the line ({raw_line[err.start:err.start + 4]!r})")
            continue
        yield from (_parse_jsonl_line if jsonl else _parse_text_line)(line, key)


def _parse_text_line(line: str, key: str) -> Iterator[InputItem]:
    if not line:
        return
    if not line.strip():
        yield Skipped(key=key, reason="empty record: no text")
    elif "\x00" in line:
        yield Skipped(key=key, reason="NUL characters: the text contains U+0000")
    else:
        yield InputRecord(key=key, id=key, text=line)


def _parse_jsonl_line(line: str, key: str) -> Iterator[InputItem]:
    if not line.strip():
        return
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as err:
        yield Skipped(key=key, reason=f"invalid JSON: {err.msg} at column {err.colno}")
        return
    if not isinstance(obj, dict):
        yield Skipped(key=key, reason=f"not a JSON object: a {type(obj).__name__}")
        return
    text = obj.get("text")
    if text is None:
        yield Skipped(key=key, reason="no text field: the record has no 'text'")
    elif not isinstance(text, str):
        yield Skipped(key=key, reason=f"text not a string: 'text' is a {type(text).__name__}")
    elif not text.strip():
        yield Skipped(key=key, reason="empty record: no text")
    elif "\x00" in text:
        yield Skipped(key=key, reason="NUL characters: the text contains U+0000")
    else:
        rid = obj.get("id")
        meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else None
        yield InputRecord(key=key, id=str(rid) if rid is not None else key, text=text, meta=meta)


def looks_binary(head: bytes) -> bool:
    """Whether the first bytes of a file say it is binary, not text."""
    if not head:
        return False
    if b"\x00" in head and head.count(b"\x00") > 1:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control / len(head) > BINARY_CONTROL_SHARE


class _Prepend(io.RawIOBase):
    """A raw stream that first returns ``head``, then the rest of ``stream``."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = head
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
