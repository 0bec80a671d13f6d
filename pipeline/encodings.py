"""Which encoding an input is in, and what to tell the user when it is not the one asked for.

Japanese text still arrives as CP932 (Shift-JIS, Windows' default) or as
UTF-16 (Windows "Unicode" text, with NUL bytes that make it look binary). A
UTF-8 read of such a file fails line by line or calls it binary; the skip
reason then names the encoding it looks like and the ``--encoding`` option,
so the user knows the one-word fix.

The CP932 guess asks for more than a clean decode: UTF-8 bytes cut in half
often decode as CP932 too (into nonsense). Real Japanese prose is full of
hiragana (particles, endings), and mis-decoded bytes almost never are, so the
decoded text must have hiragana among its non-ASCII characters.
"""
from __future__ import annotations

import codecs
from typing import Optional

# Share of a line's non-ASCII characters that must be hiragana before we call it CP932 text.
CP932_MIN_HIRAGANA_SHARE = 0.15
# Share of NUL bytes at odd (LE) or even (BE) positions that marks BOM-less UTF-16.
UTF16_NUL_SHARE = 0.3
OPTION = "--encoding"


def codec_name(encoding: str) -> str:
    """Python's name for ``encoding`` (``UTF8`` → ``utf-8``); LookupError when unknown."""
    return codecs.lookup(encoding).name


def is_utf8(encoding: str) -> bool:
    """Whether ``encoding`` is UTF-8 (with or without the BOM variant)."""
    return codec_name(encoding) in ("utf-8", "utf-8-sig")


def ascii_compatible(encoding: str) -> bool:
    """Whether ASCII (and so the newline byte) reads the same in ``encoding``: UTF-8, CP932, EUC-JP, ..."""
    try:
        return "a\n".encode(encoding) == b"a\n"
    except (LookupError, UnicodeError):
        return False


def encoding_label(encoding: str) -> str:
    """How a reason names ``encoding``: ``UTF-8``, ``CP932``, ``SHIFT_JIS``."""
    return codec_name(encoding).upper()


def _hiragana_share(text: str) -> float:
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not wide:
        return 0.0
    return sum(1 for ch in wide if "\u3041" <= ch <= "\u309f") / len(wide)


def looks_cp932(raw: bytes) -> bool:
    """Whether bytes that are not UTF-8 read cleanly as CP932 and look like Japanese prose."""
    try:
        text = raw.decode("cp932")
    except UnicodeDecodeError:
        return False
    return _hiragana_share(text) >= CP932_MIN_HIRAGANA_SHARE


def utf16_guess(head: bytes) -> Optional[str]:
    """``utf-16`` (BOM), ``utf-16-le`` or ``utf-16-be`` where the first bytes look like UTF-16 text."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not head.startswith(codecs.BOM_UTF32_LE):
        return "utf-16"
    sample = head[: len(head) - len(head) % 2]
    if len(sample) < 4:
        return None
    for name, offset in (("utf-16-le", 1), ("utf-16-be", 0)):
        nuls = sample[offset::2].count(0)
        if nuls / (len(sample) / 2) >= UTF16_NUL_SHARE and sample[1 - offset::2].count(0) == 0:
            try:
                sample.decode(name)
            except UnicodeDecodeError:
                continue
            return name
    return None


def wrong_encoding_hint(head: bytes) -> Optional[str]:
    """A skip reason for a file whose first bytes say it is UTF-16, read as UTF-8; else None."""
    guess = utf16_guess(head)
    if guess is None:
        return None
    why = "starts with a UTF-16 byte order mark" if guess == "utf-16" else "has NUL bytes between its characters"
    return f"wrong encoding: the file {why}, so it looks like {guess.upper()}, not UTF-8; " \
           f"rerun with {OPTION} {guess}"


def undecodable_reason(raw_line: bytes, err: UnicodeDecodeError, label: str, utf8: bool) -> str:
    """The skip reason for a line that does not decode: where, and the likely encoding where one fits."""
    where = f"byte {err.start} of the line ({raw_line[err.start:err.start + 4]!r})"
    if utf8 and looks_cp932(raw_line.rstrip(b"\r\n")):
        return (f"wrong encoding: not UTF-8 at {where}, but the line reads as CP932 (Shift-JIS) Japanese; "
                f"rerun with {OPTION} cp932")
    return f"invalid {label}: {where}"
