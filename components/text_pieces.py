"""Cut a text too long for Sudachi into consecutive pieces (the standard library only).

SudachiPy refuses inputs over 49,149 bytes of UTF-8 (CONVENTIONS pitfall 9). The
fast config's tokenizer (``components.tokenizer``) tokenizes a longer text piece
by piece, so ``nlp(text)`` works on any text spaCy's ``max_length`` allows; and
``gunji annotate`` (``pipeline/chunking.py``) annotates such pieces as docs of
their own and joins them. Both cut the same way: at sentence ends (``。！？`` and
newlines), else at commas or spaces, else anywhere.
"""
from __future__ import annotations

import re
from typing import List

SUDACHI_MAX_BYTES = 49149
# Stay well under Sudachi's limit: its count includes normalisation overhead.
DEFAULT_MAX_BYTES = 40000
_SENTENCE_END = re.compile(r"[。！？!?\n]+")
_SOFT_BREAK = re.compile(r"[、,，;；\s]+")


def split_text(text: str, max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int = 1_000_000) -> List[str]:
    """Cut ``text`` into consecutive pieces under ``max_bytes`` (UTF-8) and ``max_chars``.

    ``"".join(split_text(text)) == text`` always holds. A character is at most
    four bytes, so a window of ``max_bytes // 4`` characters always fits; the
    piece ends at the window's last sentence end, else its last comma or
    space, else at the window's end.
    """
    if len(text) <= max_chars and (len(text) * 4 <= max_bytes or len(text.encode("utf-8")) <= max_bytes):
        return [text]  # a character is at most four bytes: a short text needs no encoding to know it fits
    window_size = max(1, min(max_chars, max_bytes // 4))
    pieces: List[str] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + window_size)
        if end < len(text):
            end = start + _break_in(text[start:end])
        pieces.append(text[start:end])
        start = end
    return pieces


def _break_in(window: str) -> int:
    """Where to end a piece inside ``window``: after its last sentence end or soft break."""
    for pattern in (_SENTENCE_END, _SOFT_BREAK):
        ends = [m.end() for m in pattern.finditer(window)]
        if ends and ends[-1] > len(window) // 4:
            return ends[-1]
    return len(window)
