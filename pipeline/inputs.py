"""Read input records from .txt, .jsonl, directories and stdin, never stopping on bad input.

Every input yields either an ``InputRecord`` (an id and a text to annotate) or
a ``Skipped`` (where it was and why it was not annotated). A bad line is
reported with its file and line and the batch goes on; nothing already read
is lost. Input formats:

- ``.txt``: one record per non-empty line, id ``NAME:LINE``; its ``meta`` is
  ``{"file": NAME, "line": LINE}``.
- ``.jsonl``: one JSON object per line with ``text`` and an optional ``id``
  (default ``NAME:LINE``); gold ``spans`` and ``pairs`` are ignored, and every
  other key (``date``, ``url``, ``outlet``, ...) goes to the output record's
  ``meta`` unchanged.

Files are read as UTF-8 unless ``encoding`` (``--encoding``) says otherwise.
A UTF-8 read that fails on a file that looks like CP932/Shift-JIS or UTF-16
is skipped with a reason that names that encoding and the option
(``pipeline.encodings``).
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
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Dict, Iterable, Iterator, List, Optional, Union

from pipeline.encodings import (ascii_compatible, encoding_label, is_utf8, undecodable_reason,
                                 wrong_encoding_hint)

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
BINARY_SNIFF_BYTES = 8192
# Share of control bytes (other than tab, newline, CR, form feed, ESC) above
# which a file is taken for binary rather than text with a stray byte.
BINARY_CONTROL_SHARE = 0.10
# NUL bytes, in number and share, above which a file is binary (an executable, a raw array: NULs everywhere); a
# corrupted line's few NULs in a text file stay below either, and compressed data (a NUL in 256 bytes) is known
# by its signature or its share of control bytes
BINARY_MIN_NULS = 16
BINARY_NUL_SHARE = 0.02
# The first bytes of binary formats a collection of documents may hold beside its text: PDF, ZIP (DOCX, XLSX,
# EPUB), gzip, bzip2, xz, 7z, PNG, JPEG, GIF, OLE2 (DOC, XLS), SQLite, ELF
BINARY_SIGNATURES = (b"%PDF-", b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00",
                     b"7z\xbc\xaf\x27\x1c", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0",
                     b"SQLite format 3\x00", b"\x7fELF")
DEFAULT_ENCODING = "utf-8"
UTF8_BOM = b"\xef\xbb\xbf"
# Keys of an input JSONL record that are ours; every other key travels to the output as "meta".
RECORD_KEYS = ("id", "text", "spans", "pairs")


@dataclass(frozen=True)
class InputRecord:
    """One text to annotate."""

    key: str  # NAME:LINE, unique per input position
    id: str  # the record id written to the output
    text: str
    meta: Optional[Dict[str, Any]] = None  # written to the output record as "meta"


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


def iter_inputs(paths: Iterable[str], stdin_format: str = "txt", encoding: str = DEFAULT_ENCODING) -> Iterator[InputItem]:
    """Yield records and skips from every path, in order.

    Args:
        paths (Iterable[str]): Files, directories, or ``-`` for stdin.
        stdin_format (str): ``txt`` or ``jsonl``, how to read stdin.
        encoding (str): The encoding of every input (``--encoding``).
    """
    for raw in paths:
        if raw == "-":
            yield from _iter_stream(sys.stdin.buffer, "stdin", jsonl=stdin_format == "jsonl", encoding=encoding)
            continue
        path = Path(raw)
        if path.is_dir():
            for name, file in _files_below(path):
                yield from iter_file(file, name, encoding)
        elif path.is_file():
            yield from iter_file(path, path.name, encoding)
        else:
            yield Skipped(key=raw, reason="no such file: not a file or directory")


def _files_below(root: Path) -> List[tuple[str, Path]]:
    """The .txt and .jsonl files below ``root``; the other entries (a .csv, a broken link, a pipe) are
    named in one warning, so a directory that yields fewer records than expected says why."""
    found, ignored = [], []
    for file in sorted(root.rglob("*")):
        name = file.relative_to(root).as_posix()
        if file.is_file() and file.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES:
            found.append((name, file))
        elif not file.is_dir():
            ignored.append(name)
    if ignored:
        shown = ", ".join(ignored[:5]) + (f" and {len(ignored) - 5} more" if len(ignored) > 5 else "")
        logger.warning("%s: %d entries ignored (only regular %s files are read): %s", root, len(ignored),
                       "/".join(TEXT_SUFFIXES + JSONL_SUFFIXES), shown)
    return found


def iter_file(path: Path, name: str, encoding: str = DEFAULT_ENCODING) -> Iterator[InputItem]:
    """Yield the records of one file (.jsonl by suffix, anything else as text)."""
    try:
        with path.open("rb") as stream:
            yield from _iter_stream(stream, name, jsonl=path.suffix.lower() in JSONL_SUFFIXES, encoding=encoding)
    except OSError as err:
        yield Skipped(key=name, reason=f"unreadable: {err.strerror or err}")


def _iter_stream(stream: BinaryIO, name: str, *, jsonl: bool, encoding: str = DEFAULT_ENCODING) -> Iterator[InputItem]:
    parse = _parse_jsonl_line if jsonl else _parse_text_line
    head = stream.read(BINARY_SNIFF_BYTES)
    rest = io.BufferedReader(_Prepend(head, stream))  # type: ignore[arg-type]
    if not ascii_compatible(encoding):  # UTF-16/32: NUL bytes are text, lines are not split on b"\n"
        yield from _iter_wide(rest, name, encoding, parse)
        return
    wrong = wrong_encoding_hint(head) if is_utf8(encoding) else None
    if wrong:
        yield Skipped(key=name, reason=wrong)
        return
    if looks_binary(head):
        yield Skipped(key=name, reason="binary file: NUL or control bytes, not text")
        return
    label = encoding_label(encoding)
    for lineno, raw_line in enumerate(rest, start=1):
        key = f"{name}:{lineno}"
        if lineno == 1 and raw_line.startswith(UTF8_BOM) and is_utf8(encoding):
            raw_line = raw_line[len(UTF8_BOM):]
        try:
            line = raw_line.decode(encoding).rstrip("\r\n")
        except UnicodeDecodeError as err:
            yield Skipped(key=key, reason=undecodable_reason(raw_line, err, label, is_utf8(encoding)))
            continue
        yield from parse(line, key, _line_meta(name, lineno, jsonl))


def _iter_wide(stream: BinaryIO, name: str, encoding: str, parse) -> Iterator[InputItem]:
    """Lines of a UTF-16/32 stream; a decoding error skips the rest of the file with its line."""
    text = io.TextIOWrapper(stream, encoding=encoding, newline=None)
    lineno = 0
    try:
        for lineno, line in enumerate(text, start=1):
            line = line.rstrip("\r\n")
            if lineno == 1:
                line = line.lstrip("\ufeff")
            yield from parse(line, f"{name}:{lineno}", _line_meta(name, lineno, parse is _parse_jsonl_line))
    except UnicodeDecodeError as err:
        yield Skipped(key=f"{name}:{lineno + 1}", reason=f"invalid {encoding_label(encoding)}: {err.reason}; "
                                                            "the rest of the file was not read")


def _line_meta(name: str, lineno: int, jsonl: bool) -> Optional[Dict[str, Any]]:
    """Where a .txt record came from (a JSONL record brings its own keys instead)."""
    return None if jsonl else {"file": name, "line": lineno}


def _parse_text_line(line: str, key: str, meta: Optional[Dict[str, Any]] = None) -> Iterator[InputItem]:
    line = line.rstrip("\r\n")
    if not line:
        return
    if not line.strip():
        yield Skipped(key=key, reason="empty record: no text")
    elif "\x00" in line:
        yield Skipped(key=key, reason="NUL characters: the text contains U+0000")
    else:
        yield InputRecord(key=key, id=key, text=line, meta=meta)


# JSON can spell half a UTF-16 pair (``"\\ud800"``); Python reads it, but no UTF-8 writer can write it out
_SURROGATE = re.compile("[\ud800-\udfff]")


class InvalidJSON(ValueError):
    """A line no JSON parser here can read; its message says why (as a skip reason or a log line gives it)."""


def json_line(line: str, **kwargs: Any) -> Any:
    """``json.loads(line, **kwargs)``, with every way it fails one error (``InvalidJSON``): a syntax error
    with its column, or nesting too deep for Python's parser (``[[[[…]]]]`` thousands deep raises
    RecursionError, no JSONDecodeError), which must cost the line, not the batch."""
    try:
        return json.loads(line, **kwargs)
    except json.JSONDecodeError as err:
        raise InvalidJSON(f"{err.msg} at column {err.colno}") from None
    except RecursionError:
        raise InvalidJSON("nested too deep to read") from None


def _parse_jsonl_line(line: str, key: str, meta: Optional[Dict[str, Any]] = None) -> Iterator[InputItem]:
    if not line.strip():
        return
    non_finite: List[str] = []
    try:
        obj = json_line(line, parse_constant=lambda name: non_finite.append(name))  # None in its place
    except InvalidJSON as err:
        yield Skipped(key=key, reason=f"invalid JSON: {err}")
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
    elif (half := _SURROGATE.search(text)) is not None:
        yield Skipped(key=key, reason=f"lone surrogate: the text holds U+{ord(half.group()):04X} "
                                      "(a \\u escape with no pair), which no UTF-8 output can hold")
    else:
        if non_finite:
            # JSON has no NaN or Infinity; Python's json writes and reads them, but the strict readers of our
            # JSONL (JavaScript, Go, serde) refuse a line that holds one: the value is kept as null
            logger.warning("%s: %s read as null (JSON has no such number)", key, ", ".join(sorted(set(non_finite))))
        rid = obj.get("id")
        extra = {k: v for k, v in obj.items() if k not in RECORD_KEYS}
        if isinstance(extra.get("meta"), dict):  # a gunji output record read again: its meta, flattened
            extra = {**extra.pop("meta"), **extra}
        yield InputRecord(key=key, id=str(rid) if rid is not None else key, text=text, meta=extra or None)


def looks_binary(head: bytes) -> bool:
    """Whether the first bytes of a file say it is binary, not text: a known binary format's signature, or
    NUL or control bytes too many for a text file with a stray byte or a corrupted line (one bad record in
    a JSONL file is that record's skip, read line by line, not the file's)."""
    if not head:
        return False
    if head.startswith(BINARY_SIGNATURES):
        return True
    nuls = head.count(b"\x00")
    if nuls >= BINARY_MIN_NULS and nuls > len(head) * BINARY_NUL_SHARE:
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
