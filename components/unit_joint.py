"""``ロシア・ウクライナ両軍``: two sides joined before ``両軍`` ("the forces of both") are one MIL_UNIT;
so are two one-character abbreviations written together (``露ウ両軍``).

The unit grammar keeps ``・`` as a break between two units (``ロシア軍・ワグネル``
is two spans), so ``ロシア・ウクライナ両軍`` parses only as ``ウクライナ両軍``.
But ``両軍`` names the forces of both sides together, and the affiliation of
both belongs to the span (ANNOTATION.md: the longest contiguous name,
affiliation included). This step extends a parsed ``…両軍`` span left over
``・``/``と``/``、`` and one more affiliation. Pure: works on token texts.
"""
from __future__ import annotations

from typing import Callable, Collection, Sequence, Tuple

JOINT_HEADS = ("両軍",)
JOINERS = ("・", "と", "、", "＝", "=")
MAX_AFFILIATION_TOKENS = 3


def joint_start(texts: Sequence[str], start: int, end: int, affiliations: Collection[str]) -> int:
    """The token where a ``X・Y両軍`` span should start, or ``start`` when nothing joins it.

    Args:
        texts (Sequence[str]): Token texts of the doc.
        start (int): First token of the parsed span (``ウクライナ`` of ``ウクライナ両軍``).
        end (int): End token of the parsed span.
        affiliations (Collection[str]): Affiliation words (``ロシア``, ``米``, ``露``).
    """
    if not "".join(texts[start:end]).endswith(JOINT_HEADS) or start < 1:
        return start
    if texts[start - 1] in affiliations and len(texts[start - 1]) == 1 == len(texts[start]):
        return start - 1  # 露ウ両軍: two one-character abbreviations (米韓 is one token: Sudachi keeps it whole)
    if start < 2 or texts[start - 1] not in JOINERS:
        return start
    for first in range(start - 2, max(-1, start - 2 - MAX_AFFILIATION_TOKENS), -1):
        if "".join(texts[first:start - 1]) in affiliations:
            return first
    return start


def extend_joint(texts: Sequence[str], candidates: Sequence[Tuple[int, int, dict]],
                 affiliations: Collection[str]) -> list:
    """``candidates`` with every ``X・Y両軍`` span extended over ``X・`` (side set to None: two sides)."""
    return _extended(candidates, lambda start, end: joint_start(texts, start, end, affiliations))


def _extended(candidates: Sequence[Tuple[int, int, dict]], start_of: Callable[[int, int], int]) -> list:
    """``candidates`` with each start moved to ``start_of(start, end)``; a moved span names two sides or more, so
    its side is cleared."""
    out = []
    for start, end, attrs in candidates:
        new = start_of(start, end)
        out.append((new, end, {**attrs, "side": None}) if new != start else (start, end, attrs))
    return out


MAX_COORDINATED = 3  # 医療・工兵・通信部隊: up to three words joined before the unit's own


def coordinated_start(texts: Sequence[str], start: int, words: Collection[str]) -> int:
    """The token where ``砲兵・ミサイル部隊``, ``ソ連・ロシア海軍`` should start, or ``start``.

    A unit that opens with a type or affiliation word (``ミサイル``, ``ロシア``) and has another such word joined
    before it by ``・`` (``砲兵・``, ``ソ連・``) names one unit of both: the development gold writes the
    coordination whole (4 of 4), while a complete unit before the dot (``陸軍・海軍``, ``航空団・…司令部``) or any
    other word (``防衛省・自衛隊``) stays apart.
    """
    if texts[start] not in words:
        return start
    at = start
    for _ in range(MAX_COORDINATED):
        if at < 2 or texts[at - 1] != "・":
            break
        first = next((f for f in range(at - 2, max(-1, at - 2 - MAX_AFFILIATION_TOKENS), -1)
                      if "".join(texts[f:at - 1]) in words), None)
        if first is None or (first > 0 and texts[first - 1] != "・" and _glued_word(texts[first - 1])):
            break
        at = first
    return at


def _glued_word(text: str) -> bool:
    """Whether a token is a word that would run on into the one after it (no punctuation, no particle)."""
    return any("\u4e00" <= ch <= "\u9fff" or "\u30a1" <= ch <= "\u30fa" or ch.isascii() and ch.isalnum()
               for ch in text[-1:])


def extend_coordinated(texts: Sequence[str], candidates: Sequence[Tuple[int, int, dict]],
                       words: Collection[str]) -> list:
    """``candidates`` with every ``X・Y…`` unit extended over ``X・`` (``coordinated_start``; side cleared when
    the words are two sides)."""
    return _extended(candidates, lambda start, end: coordinated_start(texts, start, words))
