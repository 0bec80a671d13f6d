"""A weapon class noun after a parenthesised gloss of the word before it: one WEAPON span (no spaCy).

Japanese reporting glosses a word inside a weapon's name: ``FPV(一人称視点)ドローン``,
``ファーストパーソンビュー(FPV)ドローン``, ``榴弾(りゅうだん)砲``. The gloss interrupts
the name but does not end it, and annotators of published reporting mark the
whole as one WEAPON span, with the gloss as a bilingual pair inside it
(corpus/realtext NOTES). Without this rule the class noun after ``)`` stands
alone and the glossed word (``FPV``) becomes a weapon of its own.

Three gloss shapes are accepted, each a translation or a reading, never a
description: a type acronym glossed in Japanese, a Japanese word glossed by its
type acronym, and kanji glossed by their hiragana reading. The acronym must name
a kind of weapon or guidance (``TYPE_ACRONYMS``): ``国防省(MOD)ドローン部門`` is a
ministry's drone department, not a drone.
"""
from __future__ import annotations

import re
from operator import attrgetter
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from .weapon_compose import Candidate, Tok

_ACRONYM = re.compile(r"[A-Z]{2,6}")
_HIRAGANA = re.compile(r"[ぁ-ゖー]+")
_KANJI = re.compile(r"[\u4e00-\u9fff々]+")
_KATAKANA = re.compile(r"[ァ-ヺー・]+")
_JAPANESE = re.compile(r"[\u4e00-\u9fff々ァ-ヺー・ぁ-ゖ]+")
# Acronyms that name a kind of weapon, platform or guidance (US DoD Dictionary of Military Terms; press usage).
TYPE_ACRONYMS = frozenset({
    "FPV", "UAV", "UAS", "USV", "UUV", "UGV", "ATGM", "MLRS", "SAM", "MANPADS", "IFV", "APC", "MBT", "SPG",
    "ICBM", "SLBM", "IRBM", "SRBM", "MRBM", "ALCM", "SLCM", "GLCM", "HGV", "GPS", "JDAM", "SDB", "EW",
})
_OPEN, _CLOSE = ("(", "（"), (")", "）")
_CLOSE_SET = frozenset(_CLOSE)
MAX_GLOSS_TOKENS = 6  # tokens inside the parentheses
MAX_WORD_TOKENS = 4  # tokens of the glossed word before them


def _script(text: str) -> Optional[re.Pattern]:
    for pattern in (_ACRONYM, _KATAKANA, _KANJI):
        if pattern.fullmatch(text):
            return pattern
    return None


def gloss_ok(word: str, inner: str) -> bool:
    """Whether ``inner`` glosses ``word``: acronym ↔ Japanese, or kanji → hiragana reading."""
    if _ACRONYM.fullmatch(word):
        return word in TYPE_ACRONYMS and bool(_JAPANESE.fullmatch(inner)) and not _HIRAGANA.fullmatch(inner)
    if _ACRONYM.fullmatch(inner):
        return inner in TYPE_ACRONYMS and bool(_JAPANESE.fullmatch(word))
    return bool(_KANJI.fullmatch(word) and _HIRAGANA.fullmatch(inner))


def _glossed_word_start(tokens: Sequence[Tok], open_at: int) -> Optional[int]:
    """Start of the word glued before ``(``: glued tokens of one script, at most ``MAX_WORD_TOKENS``."""
    if open_at == 0 or tokens[open_at - 1].space:
        return None
    script = _script(tokens[open_at - 1].text)
    if script is None:
        return None
    start = open_at - 1
    while start > 0 and open_at - start < MAX_WORD_TOKENS and not tokens[start - 1].space \
            and script.fullmatch(tokens[start - 1].text):
        start -= 1
    return start


def glossed_classes(tokens: Sequence[Tok], chosen: Sequence[Candidate],
                    heads: Mapping[str, str]) -> List[Candidate]:
    """``chosen`` with ``WORD(GLOSS)CLASS`` made one class candidate over the whole.

    Args:
        tokens: The doc's tokens.
        chosen: The candidates found so far, non-overlapping.
        heads: Class nouns by text with their weapon class, for a class noun that only
            forms with the glossed word (``榴弾`` + ``砲`` = ``榴弾砲``).
    """
    if _CLOSE_SET.isdisjoint(map(attrgetter("text"), tokens[2:-1])):
        return list(chosen)  # no closing bracket where a gloss could end: nothing to merge
    by_start: Dict[int, Candidate] = {c.start: c for c in chosen}
    merged: List[Tuple[int, int, Optional[str]]] = []
    for close in range(2, len(tokens) - 1):
        if tokens[close].text not in _CLOSE or tokens[close].space:
            continue
        open_at = next((j for j in range(close - 1, max(-1, close - 2 - MAX_GLOSS_TOKENS), -1)
                        if tokens[j].text in _OPEN), None)
        if open_at is None or open_at == close - 1 or any(t.space for t in tokens[open_at:close]):
            continue
        start = _glossed_word_start(tokens, open_at)
        if start is None:
            continue
        word = "".join(t.text for t in tokens[start:open_at])
        if not gloss_ok(word, "".join(t.text for t in tokens[open_at + 1:close])):
            continue
        glossed = by_start.get(start)
        inner = by_start.get(open_at + 1)
        if glossed is not None and glossed.end == open_at and glossed.kind == "class" \
                and inner is not None and inner.end == close and inner.kind == "class":
            continue  # MLRS(多連装ロケットシステム)ミサイル: a whole class glossed by a whole class, then another
        after = by_start.get(close + 1)
        if after is not None and after.kind == "class":
            merged.append((start, after.end, after.weapon_class))
        elif word + tokens[close + 1].text in heads:
            merged.append((start, close + 2, heads[word + tokens[close + 1].text]))
    if not merged:
        return list(chosen)
    out = [c for c in chosen if not any(s <= c.start and c.end <= e for s, e, _ in merged)]
    out += [Candidate(s, e, None, weapon_class, None, "class") for s, e, weapon_class in merged]
    return sorted(out, key=lambda c: c.start)
