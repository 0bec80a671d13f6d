"""How well a piece of Japanese text covers the words of an English name (no spaCy).

``pair_rules`` cuts the Japanese before a Latin chunk into units and asks,
for each candidate span, which English words its units account for:
katakana by sound (``components.phonetics``), kanji by the bilingual head
list (州 ↔ region), ordinals (第47 ↔ 47th) by number, and kanji words with
no listed head by position, since both languages put modifiers first
(無人システム軍 ↔ Unmanned Systems Forces). A span is grown unit by unit from
the best-covering anchor while each new unit still covers an unused word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Mapping, Set, Tuple

from .en_items import EnItem, lemma_en
from .phonetics import coded_similarity, kana_key, latin_key, skeleton
from .translation import gloss_stems, segment, translation_stem

HeadTable = Mapping[str, FrozenSet[str]]
T_EXT = 0.6
_ORDINAL_RE = re.compile(r"(\d+)(?:st|nd|rd|th)")
_SPELLED_ORDINALS = {w: str(n) for n, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(), start=1)}  # Seventh Fleet: 第7艦隊
_PAREN_ALT = re.compile(r"[(（][^)）]*[)）]")


@dataclass
class Unit:
    """A piece of Japanese text: ``kata``, ``kanji`` (head split off) or ``no``."""

    start: int
    end: int
    kind: str
    text: str
    head: str = ""
    dot: bool = False  # written after a middle dot that joins it to the previous unit


def _kana_form(unit: Unit) -> str:
    return _PAREN_ALT.sub("", unit.text)


def _kata_cover(unit: Unit, item: EnItem, used: Set[int]) -> Tuple[float, Set[int]]:
    """Best similarity of a katakana unit to a run of the item's unused words."""
    best, words = 0.0, set()
    kana = _kana_form(unit)
    names = item.words
    for i in range(len(names)):
        for j in range(i + 1, min(len(names), i + 4) + 1):
            idx = set(range(i, j))
            if idx & used:
                break
            sim = coded_similarity(kana, names[i:j])
            if sim > best:
                best, words = sim, idx
    if best < T_EXT:  # demonym or stem: フィンランド / Finnish
        for i, w in enumerate(names):
            if i not in used and _stem_match(kana, w):
                return T_EXT, {i}
    return best, words


def _ord_cover(unit: Unit, item: EnItem, used: Set[int]) -> Tuple[float, Set[int]]:
    """``第47`` covers ``47th`` and ``第7`` covers ``Seventh``: the same number written as an English ordinal."""
    number = unit.text[1:].translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    for i, w in enumerate(item.words):
        m = _ORDINAL_RE.fullmatch(w)
        if i not in used and (m.group(1) if m else _SPELLED_ORDINALS.get(w.lower())) == number:
            return 1.0, {i}
    return 0.0, set()


def _stem_match(kana: str, word: str) -> bool:
    """A shared stem: ``フィンランド``/``Finnish``, ``フランス``/``French`` (keys or consonant skeletons)."""
    a, b = kana_key(kana), latin_key(word)
    for x, y in ((a, b), (skeleton(a), skeleton(b))):
        n = 0
        while n < min(len(x), len(y)) and x[n] == y[n]:
            n += 1
        if n >= 3 and n >= 0.5 * min(len(x), len(y)):
            return True
    return False


def _kanji_cover(unit: Unit, item: EnItem, heads: HeadTable, used: Set[int]) -> Tuple[float, Set[int]]:
    """A kanji unit is covered when its head's English is among the item's words or heads."""
    if not unit.head or unit.head != unit.text and not unit.text.endswith(unit.head):
        return 0.0, set()
    english = heads.get(unit.head, frozenset())
    words = _words_in(item, english, used)
    if words:  # 国立公園 covers both National and Park
        return 1.0, words
    if english & item.shared_heads:
        return 1.0, set()
    return 0.0, set()


# A katakana unit's cover with no word used yet, by (unit text, item words): every item of a Latin
# chunk is compared with every katakana unit before it, and names recur across a batch. The word
# sets are frozen (callers copy them before adding to them). Cleared when full.
_KATA_COVERS: Dict[tuple, Tuple[float, FrozenSet[int]]] = {}
_KATA_COVERS_MAX = 1 << 16


def _words_in(item: EnItem, english: FrozenSet[str], used: Set[int]) -> Set[int]:
    """Indices of the item's unused words whose lemma is one of ``english`` (a head list entry)."""
    return {i for i, w in enumerate(item.words) if i not in used and lemma_en(w) in english}


def _listed_cover(unit: Unit, item: EnItem, heads: HeadTable, used: Set[int]) -> Tuple[float, Set[int]]:
    """A katakana country name covers the English short forms the head list gives it (アメリカ: US, U.S.)."""
    words = _words_in(item, heads.get(unit.text, frozenset()), used)
    return (1.0, words) if words else (0.0, set())


def cover(unit: Unit, item: EnItem, heads: HeadTable, used: Set[int]) -> Tuple[float, Set[int]]:
    if unit.kind == "kata":
        if used:
            got = _kata_cover(unit, item, used)
        else:
            key = (unit.text, *item.words)
            got = _KATA_COVERS.get(key)
            if got is None:
                if len(_KATA_COVERS) >= _KATA_COVERS_MAX:
                    _KATA_COVERS.clear()
                best, words = _kata_cover(unit, item, used)
                got = _KATA_COVERS[key] = (best, frozenset(words))
        if got[0] < T_EXT and unit.text in heads:
            listed = _listed_cover(unit, item, heads, used)
            if listed[0]:
                return listed
        return got  # type: ignore[return-value]
    if unit.kind == "kanji":
        return _kanji_cover(unit, item, heads, used)
    if unit.kind == "ord":
        return _ord_cover(unit, item, used)
    return 0.0, set()


def _in_order(unit: Unit, item: EnItem, used: Set[int], step: int) -> Set[int]:
    """A kanji word with no evidence of its own, taken by its position (``無人``/``Unmanned``).

    Japanese and English names put modifiers first, so a kanji unit next to the
    covered part may stand for the uncovered capitalised word on the same side
    (``血の滝``/``Blood Falls``, ``無人システム軍``/``Unmanned Systems Forces``).
    """
    if unit.kind != "kanji" or not used or len(item.words) < 2:
        return set()
    i = min(used) - 1 if step < 0 else max(used) + 1
    if 0 <= i < len(item.words) and i not in used and item.words[i][:1].isupper() and item.words[i][1:].islower():
        return {i}
    return set()


def _gloss_cover(unit: Unit, item: EnItem, used: Set[int]) -> Set[int]:
    """A kanji word next to the covered part whose dictionary glosses name unused English words
    (``自由ロシア軍団``/``Freedom of Russia Legion``: 自由 "freedom"), where "of" breaks the order
    ``_in_order`` relies on. Every dictionary word of the unit must name one (JMdict; none without it)."""
    if unit.kind != "kanji" or not used:
        return set()
    pieces = segment(unit.text)
    if not pieces or "".join(pieces) != unit.text:
        return set()
    stems = [translation_stem(w) for w in item.words]
    found: Set[int] = set()
    for piece in pieces:
        glossed = gloss_stems(piece)
        mine = {i for i, stem in enumerate(stems) if i not in used and stem in glossed}
        if not mine:
            return set()
        found |= mine
    return found


def grow(units: List[Unit], anchor: int, item: EnItem, heads: HeadTable, first: Tuple[float, Set[int]]
          ) -> Tuple[int, int, float]:
    """Extend the anchor unit left and right over touching units the item also covers.

    A connective の is crossed only when the unit beyond it is covered too
    (``フィンランドのストゥブ大統領``); a name-forming suffix (``*`` in the head
    list, such as 校 or 人) is absorbed at the right edge after katakana.
    """
    used = set(first[1])
    bounds = [anchor, anchor]
    total = first[0]
    for step, side in ((-1, 0), (1, 1)):
        k = anchor + step
        while 0 <= k < len(units) and _touch(units[k], units[k - step], step):
            unit, nxt = units[k], k
            if unit.kind == "no":
                nxt = k + step
                if not (0 <= nxt < len(units) and _touch(units[nxt], unit, step)) or units[nxt].kind == "no":
                    break
                unit = units[nxt]
            score, words = cover(unit, item, heads, used)
            indirect: Set[int] = set()  # words a kanji unit covers by position or, never across の, by gloss
            if score < T_EXT:  # (宇宙の|ハッブル宇宙望遠鏡: the dictionary's evidence stops at の)
                # 血の|滝 (Blood Falls): a translated name takes the word before の by its position; a name
                # spelled in katakana does not (報道官の|ライダー, Pat Ryder: a title, no first name)
                across_to_spelled = nxt != k and units[anchor].kind == "kata"
                indirect = (set() if across_to_spelled else _in_order(unit, item, used, step)) \
                    or (_gloss_cover(unit, item, used) if nxt == k else set())
            if indirect:
                score, words = 0.5, indirect
            elif score < T_EXT:
                if step == 1 and nxt == k and "*" in heads.get(unit.head, ()) and unit.text == unit.head \
                        and units[k - 1].kind == "kata":
                    bounds[side] = k
                break
            used |= words
            total += score
            bounds[side] = nxt
            k = nxt + step
    return bounds[0], bounds[1], total


def _touch(unit: Unit, toward: Unit, step: int) -> bool:
    """Whether ``unit`` is written right next to ``toward`` (its neighbour on the anchor side)."""
    a, b = (unit, toward) if step < 0 else (toward, unit)
    return a.end == b.start or (b.dot and a.end + 1 == b.start)
