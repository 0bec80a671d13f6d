"""Two forms of one term in one bracket: two English forms of one Japanese term, or two
Japanese spellings of one English term.

Reporting often glosses a name with both English forms at once:
``北大西洋条約機構(North Atlantic Treaty Organization、NATO)``, or, with the
acronym outside, ``NATO(North Atlantic Treaty Organization、北大西洋条約機構)``.
ANNOTATION.md's pairs are one Japanese term and one Latin form each, so the
annotators of the real-text parts mark two pairs that share the Japanese side
(NOTES-real24, NOTES-real40). The pair rules are one-to-one: they find one of
the two (or, with the Japanese inside the bracket after the English, neither).

The test that the two Latin forms are one name is the acronym's: its letters
are the initials of the expansion's words, all of them or the content words
only (``Organization for Security and Co-operation in Europe`` → OSCE, a
hyphen also cutting words), compared without case (``Department of Defense``
→ DoD). That is Schwartz and Hearst's condition for an abbreviation
definition made strict: every word gives one letter, so no list of two
unrelated names (``(Leopard、Abrams)``) passes.
"""
from __future__ import annotations

import re
from typing import FrozenSet, List, Mapping, Optional, Sequence, Tuple

from .pair_rules import JA_TERM_RUN, Pair
from .phonetics import kana_similarity

_LATIN = r"[A-Za-z][A-Za-z0-9.&'’\- ]*[A-Za-z0-9.]|[A-Za-z]"
_SEP = r"[ 　]*[、,:：;；=＝][ 　]*"
_OPEN, _CLOSE = r"[(（][ 　]*", r"[ 　]*[)）]"
_JA = r"[^\x00-\x7f()（）「」『』、,:：;；\s]{2,30}"
# two Latin forms in one bracket: (North Atlantic Treaty Organization、NATO)
_TWO_FORMS = re.compile(f"{_OPEN}({_LATIN}){_SEP}({_LATIN}){_CLOSE}")
# the acronym before the bracket, the Japanese inside it: NATO(North Atlantic Treaty Organization、北大西洋条約機構)
_ACRONYM_OUTSIDE = re.compile(f"(?<![A-Za-z0-9])([A-Z][A-Za-z0-9&]{{1,7}}){_OPEN}(?:({_LATIN}){_SEP}({_JA})|"
                              f"({_JA}){_SEP}({_LATIN})){_CLOSE}")
# the Japanese term before a bracket that holds its expansion and acronym: 大統領権限(Presidential Drawdown
# Authority=PDA), ウクライナ特別監視団(Special Monitoring Mission to Ukraine: SMM)
_TERM_EXPANDED = re.compile(f"({JA_TERM_RUN}){_OPEN}({_LATIN}){_SEP}([A-Z][A-Za-z0-9&/]{{1,7}}){_CLOSE}")
# the same with the acronym first: 国防調達庁(DPA:Defence Procurement Agency)
_TERM_ACRONYM_FIRST = re.compile(f"({JA_TERM_RUN}){_OPEN}([A-Z][A-Za-z0-9&/]{{1,7}}){_SEP}({_LATIN}){_CLOSE}")
_STOP_WORDS = {"of", "for", "and", "the", "in", "on", "to", "at", "by", "&", "de", "du", "des", "la", "le"}
_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9&]{1,7}")
_PLACE_PREPOSITIONS = {"to", "in", "for"}


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w).lower()


def expands(acronym: str, expansion: str) -> bool:
    """Whether ``expansion`` spells ``acronym`` word by word (all words, or the content words only)."""
    if not _ACRONYM.fullmatch(acronym) or sum(c.isupper() for c in acronym) < 2:
        return False
    letters = "".join(c for c in acronym if c.isalnum()).lower()
    for words in (expansion.split(), re.split(r"[ \-]+", expansion)):
        words = [w for w in words if w]
        if len(words) < 2:
            continue
        content = [w for w in words if w.lower() not in _STOP_WORDS]
        if letters in (_initials(words), _initials(content)):
            return True
        # Special Monitoring Mission to Ukraine → SMM: a place phrase after the name is left out of its letters
        cut = next((k for k in range(len(words) - 1, 1, -1) if words[k].lower() in _PLACE_PREPOSITIONS), None)
        if cut is not None and letters == _initials([w for w in words[:cut] if w.lower() not in _STOP_WORDS]):
            return True
    return False


def abbreviates(short: str, expansion: str) -> bool:
    """A looser test for a short form glossed together with its expansion after one Japanese term, where the
    bracket itself says the two are one name: the short form's letters, in order, are letters of the
    expansion's words from its first word's initial on (``G/A`` of Grant Agreement, the syllable acronym
    ``EUNAVFOR`` of European Union Naval Force; not ``XYZ`` of Defence Procurement Agency)."""
    letters = [ch.lower() for ch in short if ch.isalpha()]
    words = re.findall(r"[A-Za-z]+", expansion)
    if len(letters) < 2 or len(words) < 2 or sum(ch.isupper() for ch in short) < 2 \
            or letters[0] != words[0][0].lower():
        return False
    return spells_in_order(short, expansion)


def spells_in_order(short: str, phrase: str) -> bool:
    """Schwartz and Hearst's test (2003): every letter or digit of the short form occurs in the phrase in order,
    read from the right, the first one at the start of a word (intercontinental ballistic missile → ICBM: the C
    inside a word; EUNAVFOR in European Union Naval Force)."""
    p = len(phrase) - 1
    for s in range(len(short) - 1, -1, -1):
        c = short[s].lower()
        if not c.isalnum():
            continue
        while p >= 0 and (phrase[p].lower() != c or (s == 0 and p > 0 and phrase[p - 1].isalnum())):
            p -= 1
        if p < 0:
            return False
        p -= 1
    return True


def _term_glossed_twice(expansion: str, short: str, expansions: Optional[Mapping[str, FrozenSet[str]]]) -> bool:
    """Whether a bracket after one Japanese term holds its expansion and its short form: one name by the strict
    test (``_one_name``) or by the looser ``abbreviates``, which the bracket itself warrants."""
    return _one_name(expansion, short, expansions) or abbreviates(short, expansion)


def _one_name(first: str, second: str, expansions: Optional[Mapping[str, FrozenSet[str]]] = None) -> bool:
    """Whether one form is the other's acronym: by its letters, or as ``acronyms.jsonl`` lists it
    (``RDK``/``Russian Volunteer Corps``: letters of the Russian name)."""
    if expands(second, first) or expands(first, second):
        return True
    if not expansions:
        return False
    return first.lower() in expansions.get(second, ()) or second.lower() in expansions.get(first, ())


def expansion_pairs(text: str, pairs: Sequence[Pair],
                    expansions: Optional[Mapping[str, FrozenSet[str]]] = None) -> List[Pair]:
    """Pairs for the second English form of a term the rules paired with the first, and both pairs of
    an acronym whose bracket holds the expansion and the Japanese name; none overlapping ``pairs``.
    ``expansions`` (the second table of ``pair_acronyms.load_tables``) names acronyms whose letters spell another language."""
    out: List[Pair] = []
    if "(" not in text and "（" not in text:
        return out
    taken_en = [p.en for p in pairs]
    taken_ja = [p.ja for p in pairs]
    by_en = {p.en: p for p in pairs}

    def free(span: Tuple[int, int], taken: Sequence[Tuple[int, int]]) -> bool:
        return not any(span[0] < e and s < span[1] for s, e in taken)

    for m in _TWO_FORMS.finditer(text):
        first, second = m.span(1), m.span(2)
        if not _one_name(m.group(1), m.group(2), expansions):
            continue
        for have, other in ((first, second), (second, first)):
            pair = by_en.get(have)
            if pair is not None and free(other, taken_en):
                out.append(Pair(pair.ja, other, pair.score, "acronym"))
                taken_en.append(other)
                break
    for m in _TERM_EXPANDED.finditer(text):
        # the term, then its expansion and acronym in one bracket: the term pairs with both (the rewritten
        # development gold pairs both in nine of ten such brackets: EUNAVFOR, UAV, USV, EEAS, AERO, SpBI, G/A …)
        ja, latin = m.span(1), m.span(2)
        if not _term_glossed_twice(m.group(2), m.group(3), expansions) \
                or m.group(1).strip("・") != m.group(1):
            continue
        # a pair of words inside both halves (ウクライナ/Ukraine in ウクライナ特別監視団/Special Monitoring Mission to
        # Ukraine) is a fragment of this one: it does not block it (bilingual drops such fragments)
        inner = [p for p in pairs if p.within(ja, latin)]
        others_ja = [j for j in taken_ja if all(j != p.ja for p in inner)]
        others_en = [e for e in taken_en if all(e != p.en for p in inner)]
        if free(ja, others_ja) and free(latin, others_en) and free(m.span(3), others_en):
            out += [Pair(ja, latin, 2.0, "acronym"), Pair(ja, m.span(3), 2.0, "acronym")]
            taken_ja.append(ja)
            taken_en += [latin, m.span(3)]
    for m in _TERM_ACRONYM_FIRST.finditer(text):
        # the acronym leads, so it is the form the writer uses: the term pairs with both forms
        ja, acronym, latin = m.span(1), m.span(2), m.span(3)
        if not _term_glossed_twice(m.group(3), m.group(2), expansions) \
                or m.group(1).strip("・") != m.group(1):
            continue
        inner = [p for p in pairs if p.within(ja, latin)]
        others_en = [e for e in taken_en if all(e != p.en for p in inner)]
        if free(ja, [j for j in taken_ja if all(j != p.ja for p in inner)]) and free(acronym, others_en) \
                and free(latin, others_en):
            out += [Pair(ja, acronym, 2.0, "acronym"), Pair(ja, latin, 2.0, "acronym")]
            taken_ja.append(ja)
            taken_en += [acronym, latin]
    for m in _ACRONYM_OUTSIDE.finditer(text):
        acronym = m.span(1)
        latin, ja = (m.span(2), m.span(3)) if m.group(2) else (m.span(5), m.span(4))
        if not _one_name(text[acronym[0]:acronym[1]], text[latin[0]:latin[1]], expansions):
            continue
        if free(ja, taken_ja) and free(acronym, taken_en) and free(latin, taken_en):
            out += [Pair(ja, acronym, 2.0, "acronym"), Pair(ja, latin, 2.0, "acronym")]
            taken_ja.append(ja)
            taken_en += [acronym, latin]
        elif any(p.ja == ja and p.en == latin for p in pairs) and free(acronym, taken_en):
            # FPV(First Person View:一人称視点): the rules paired the expansion with its translation already;
            # the acronym outside the bracket is the same name's other form
            out.append(Pair(ja, acronym, 2.0, "acronym"))
            taken_en.append(acronym)
        elif any(p.ja == ja and p.en == acronym for p in pairs) and free(latin, taken_en):
            # UAV(無人航空機:Unmanned Aerial Vehicle): the rules paired the acronym with the Japanese already; the
            # expansion after it is the same name's other form
            out.append(Pair(ja, latin, 2.0, "acronym"))
            taken_en.append(latin)
    return out


# A katakana spelling (digits and a letter suffix allowed: スホイ34), the unit of a spelling list
_SPELLING = r"[ァ-ヺー][ァ-ヺー・]*[0-9A-Z]{0,4}"
_SPELLING_RE = re.compile(_SPELLING)
_SPELLING_GAP = re.compile(r"[ 　]*[・、,，/][ 　]*")  # between a spelling and the Latin in its bracket
_NEXT_SPELLING = re.compile(f"[ 　]*[、,，;；/・][ 　]*({_SPELLING})(?=[ 　]*[、,，;；/・)）])")
_SPELLING_BEFORE_PAREN = re.compile(f"({_SPELLING})[(（]$")
SPELLING_MIN = 0.75  # kana_similarity of two spellings of one name (スホーイ34/スホイ34, オデッサ/オデーサ)
# a kanji name right before the bracket that opens with its katakana reading: 天安(チュナン、ROK Chonan)
_KANJI_BEFORE_PAREN = re.compile(r"([\u4e00-\u9fff々]{1,10})[(（]$")
_READING_GAP = re.compile(r"[ 　]*[、,，][ 　]*(?:英名|英語名?[:：]?)?[ 　]*")


def _spelling_of(first: str, second: str) -> bool:
    return first != second and kana_similarity(first, second) >= SPELLING_MIN


def spelling_pairs(text: str, pairs: Sequence[Pair]) -> List[Pair]:
    """Pairs for a second katakana spelling written beside a paired one, in the same bracket.

    ``NASAMS(ナサムス、ナサム)`` (the Latin first, the spellings listed in its bracket) and
    ``オデッサ(オデーサ・Odessa)`` (a spelling, then another and the Latin in its bracket) name
    one place or system twice; the annotators pair each spelling with the Latin form
    (NOTES-real27, NOTES-real42). A spelling must sound like the paired one
    (``kana_similarity``), so ``ロシア(ウクライナ…`` lists are not spellings. Only a spelling
    beside a pair the rules found is added: ``Su-34(スホーイ34、スホイ34)``, where neither
    spelling reaches the phonetic threshold on its own, stays without pairs. A kanji name before a bracket that
    opens with its katakana reading and then the Latin form (``天安(チュナン、ROK Chonan)``) pairs with the Latin
    too: the reading is the kanji's, and the annotators pair the name (NOTES-real75, NOTES-real99).
    """
    taken_ja = [p.ja for p in pairs]
    out: List[Pair] = []
    for pair in pairs:
        (js, je), (es, ee) = pair.ja, pair.en
        first = text[js:je]
        if not _SPELLING_RE.fullmatch(first):
            continue
        found = None
        if es < js and text[ee:js].strip(" 　") in ("(", "（"):  # Latin first: EN(JA1、JA2)
            m = _NEXT_SPELLING.match(text, je)
            if m and _spelling_of(first, m.group(1)):
                found = m.span(1)
        elif js < es:  # JA1(JA2・EN): the spelling before the bracket that holds the pair
            m = _SPELLING_BEFORE_PAREN.search(text, max(0, js - 24), js)
            if m and _SPELLING_GAP.fullmatch(text[je:es]) and _spelling_of(first, m.group(1)):
                found = m.span(1)
            else:  # 天安(チュナン、ROK Chonan), 劉相凡(ユ・サンボム、Yoo Sang-bum): the kanji name read in the bracket
                k = _KANJI_BEFORE_PAREN.search(text, max(0, js - 12), js)
                if k and _READING_GAP.fullmatch(text[je:es]):
                    found = k.span(1)
        if found and not any(found[0] < e and s < found[1] for s, e in taken_ja):
            out.append(Pair(found, pair.en, pair.score, pair.evidence))
            taken_ja.append(found)
    return out
