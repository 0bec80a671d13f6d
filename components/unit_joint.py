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

from typing import Collection, Sequence, Tuple

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
    out = []
    for start, end, attrs in candidates:
        new = joint_start(texts, start, end, affiliations)
        out.append((new, end, {**attrs, "side": None}) if new != start else (start, end, attrs))
    return out
