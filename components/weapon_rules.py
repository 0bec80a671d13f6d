"""Pure logic of the weapon recogniser: data records, class composition, checks.

Nothing here needs spaCy, so each rule is testable on plain strings. The
recogniser (``components.weapons``) feeds tokens and gazetteer hits in.

Two data files drive it:

- ``weapons.jsonl``: named systems. ``{"canonical", "weapon_class", "origin",
  "aliases", "ambiguous_aliases", "source"}``. An *ambiguous* alias is also a
  common word (``Lancet`` the journal, ``ネプチューン`` the planet) and only
  counts near other weapon talk.
- ``weapon_classes.jsonl``: the class grammar. ``kind`` is ``head`` (a class
  noun with its ``weapon_class`` and ``group``), ``modifier`` (a type word that
  may precede a head of the groups in ``applies_to``, rewriting its class by
  ``class_map``), ``family`` (a designation prefix such as ``Su`` + number),
  ``cue`` (a word that makes an ambiguous alias acceptable nearby), ``stop``
  (a phrase whose head word is no weapon: ``think tank``, ``爆弾低気圧``) and
  ``suffix`` (a generic noun that lengthens a head glued before it: ``自走砲システム``)
  and ``maker`` (a maker's name that belongs to the designation after it: ``Sukhoi Su-34``).
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

# Suffixes that turn a modifier stem into the same modifier (自爆 → 自爆型).
MODIFIER_SUFFIXES = ("型", "式", "用")  # 自爆型, 牽引式, 攻撃用: a type word with its suffix
# A connector between a system's name and a class head: シャヘド型無人機.
NAME_CONNECTORS = ("型", "系", "式", "級")
KATAKANA_RE = re.compile(r"^[\u30a0-\u30ffー・]+\Z")
KATAKANA_WORD = re.compile(r"[\u30a1-\u30faー]+")  # one katakana word: no ・, no space (fullmatch)
VARIANT_SUFFIX_RE = re.compile(r"^(?:[A-Z]{1,4}\d{0,2}|\d[A-Z]{1,3}|[A-Z]\d[A-Z]?)\Z")
SHORT_ALIAS = 3


@dataclass(frozen=True)
class Name:
    """A named system as the gazetteer returns it."""

    canonical: str
    weapon_class: Optional[str]
    origin: Optional[str]
    alias: str
    ambiguous: bool = False


@dataclass(frozen=True)
class Head:
    """A class noun (``ミサイル``, ``drones``)."""

    term: str
    weapon_class: str
    group: str


@dataclass(frozen=True)
class Modifier:
    """A type word before a head (``自爆型``, ``long-range``)."""

    term: str
    applies_to: Tuple[str, ...]
    class_map: Tuple[Tuple[str, str], ...] = ()

    def applies(self, group: str) -> bool:
        """Whether this modifier may precede a head of ``group``."""
        return "*" in self.applies_to or group in self.applies_to

    def rewrite(self, weapon_class: str) -> str:
        """The class after this modifier: ``class_map`` or unchanged."""
        return dict(self.class_map).get(weapon_class, weapon_class)


@dataclass(frozen=True)
class Family:
    """A designation family: ``prefix`` + number (+ variant letters)."""

    prefix: str
    canonical_prefix: str
    weapon_class: str
    origin: Optional[str]
    min_digits: int = 1
    max_digits: int = 4
    case_sensitive: bool = True
    dash_required: bool = False
    not_years: bool = False  # プロジェクト636 is a ship design; プロジェクト2030 a programme named for its year


@dataclass(frozen=True)
class Suffix:
    """A generic noun glued after a class head that makes one longer class name.

    ``自走砲システム``, ``火砲兵器``, ``ミサイル発射システム``: real reporting writes
    a class noun + ``システム``/``兵器`` as one term (ANNOTATION.md: the longest
    contiguous name), while the suffix alone (``兵器``, ``システム``) is no WEAPON.
    """

    term: str
    applies_to: Tuple[str, ...]

    def applies(self, group: str) -> bool:
        """Whether this suffix may follow a head of ``group``."""
        return "*" in self.applies_to or group in self.applies_to


@dataclass
class Grammar:
    """Everything ``weapon_classes.jsonl`` holds, parsed."""

    heads: List[Head] = field(default_factory=list)
    modifiers: List[Modifier] = field(default_factory=list)
    families: List[Family] = field(default_factory=list)
    cues: List[str] = field(default_factory=list)
    stops: List[str] = field(default_factory=list)
    suffixes: List["Suffix"] = field(default_factory=list)
    makers: List[str] = field(default_factory=list)  # Sukhoi, ツポレフ: a maker's name before a designation

    @cached_property
    def head_classes(self) -> Dict[str, str]:
        """Each class noun's weapon class, by its text."""
        return {h.term: h.weapon_class for h in self.heads}

    @cached_property
    def ship_classes(self) -> frozenset:
        """Weapon classes of the ship heads, after which a ship's name may follow unquoted."""
        return frozenset(h.weapon_class for h in self.heads if h.group == "ship")

    @cached_property
    def aircraft_classes(self) -> frozenset:
        """Weapon classes of the aircraft heads, after which a quoted name may be written in kanji (「震電」)."""
        return frozenset(h.weapon_class for h in self.heads if h.group == "aircraft")


def read_jsonl(lines: Iterable[str]) -> List[Dict[str, Any]]:
    """Parse JSONL lines, skipping blanks and ``//`` comments."""
    out = []
    for line in lines:
        line = line.strip()
        if line and not line.startswith("//"):
            out.append(json.loads(line))
    return out


_CYRILLIC = re.compile("[\u0400-\u04ff\u0500-\u052f]")  # Cyrillic and its supplement


def names_from_records(records: Sequence[Mapping[str, Any]]) -> List[Tuple[str, Name]]:
    """``(alias, Name)`` for every alias of every named system, canonical included.

    Aliases in Cyrillic script (``Искандер``, ``Х-555``) stay in the data, where they document the
    name, but are not matched: annotators give Cyrillic no span and no pair (ANNOTATION.md is silent;
    the real-text annotators settled it in NOTES-real14, 17, 22, 24 and 25), so a Cyrillic name beside
    its Japanese or Latin one (``Kh-555(Х-555)``) was a false span and, in brackets, a false pair.

    Args:
        records (Sequence[Mapping]): Parsed ``weapons.jsonl`` records.

    Returns:
        List[Tuple[str, Name]]: One pair per surface form to put in the trie.
    """
    pairs: List[Tuple[str, Name]] = []
    for rec in records:
        ambiguous = set(rec.get("ambiguous_aliases", []))
        forms = [rec["canonical"], *rec.get("aliases", []), *ambiguous]
        seen = set()
        for alias in forms:
            if alias in seen or _CYRILLIC.search(alias):
                continue
            seen.add(alias)
            pairs.append((alias, Name(rec["canonical"], rec.get("weapon_class"), rec.get("origin"),
                                      alias, alias in ambiguous)))
    return pairs


def grammar_from_records(records: Sequence[Mapping[str, Any]]) -> Grammar:
    """Sort ``weapon_classes.jsonl`` records into a :class:`Grammar`."""
    grammar = Grammar()
    for rec in records:
        kind = rec.get("kind")
        if kind == "head":
            grammar.heads.append(Head(rec["term"], rec["weapon_class"], rec.get("group", rec["weapon_class"])))
        elif kind == "modifier":
            grammar.modifiers.append(Modifier(rec["term"], tuple(rec.get("applies_to", ["*"])),
                                              tuple(sorted(rec.get("class_map", {}).items()))))
        elif kind == "family":
            grammar.families.append(Family(rec["prefix"], rec.get("canonical_prefix", rec["prefix"]),
                                           rec["weapon_class"], rec.get("origin"),
                                           rec.get("min_digits", 1), rec.get("max_digits", 4),
                                           rec.get("case_sensitive", True), rec.get("dash_required", False),
                                           rec.get("not_years", False)))
        elif kind == "cue":
            grammar.cues.append(rec["term"])
        elif kind == "stop":
            grammar.stops.append(rec["term"])
        elif kind == "suffix":
            grammar.suffixes.append(Suffix(rec["term"], tuple(rec.get("applies_to", ["*"]))))
        elif kind == "maker":
            grammar.makers.append(rec["term"])
    return grammar


def modifier_forms(modifier: Modifier) -> List[str]:
    """The surface forms of a modifier: the stem, and stem + ``型``/``式`` for Japanese stems."""
    forms = [modifier.term]
    if not modifier.term.isascii() and not modifier.term.endswith(MODIFIER_SUFFIXES):
        forms.extend(modifier.term + suffix for suffix in MODIFIER_SUFFIXES)
    return forms


def compose_class(head: Head, modifiers: Sequence[Modifier]) -> str:
    """The class of ``modifiers + head``, applying the nearest modifier first.

    ``空中発射型`` + ``弾道`` + ``ミサイル``: missile → ballistic_missile →
    air_launched_ballistic_missile.

    Args:
        head (Head): The class noun.
        modifiers (Sequence[Modifier]): In text order, left to right.

    Returns:
        str: The composed weapon class.
    """
    weapon_class = head.weapon_class
    for modifier in reversed(modifiers):
        weapon_class = modifier.rewrite(weapon_class)
    return weapon_class


def _letters(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isascii() and ch.isalpha())


def case_ok(alias: str, surface: str) -> bool:
    """Whether ``surface`` may stand for ``alias`` given letter case.

    An all-capitals Latin alias (``HARM``, ``TOW``, ``SCALP``) only matches
    capitals, so the English words harm, tow and scalp do not; mixed-case
    aliases (``Kh-101``, ``Patriot``) match any case, and so do designations with a number
    (``AN-196`` as Antonov's ``An-196``, ``BM-21``): no English word has their shape.
    """
    letters = _letters(alias)
    if len(letters) < 2 or not letters.isupper() or not alias.isascii() or any(ch.isdigit() for ch in alias):
        return True
    written = _letters(surface)
    # c-UAS: a lower-case prefix letter before a hyphen, as the US DoD writes counter-UAS
    return written.isupper() or (len(written) >= 3 and written[0].islower() and written[1:].isupper()
                                 and surface[1:2] in "-‐")


def is_katakana(text: str) -> bool:
    """True for a non-empty all-katakana string (ー and ・ allowed)."""
    return bool(text) and bool(KATAKANA_RE.match(text))


def _is_kana_char(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30fa" or ch == "ー"


def boundary_ok(alias: str, before: str, after: str) -> bool:
    """Whether a short katakana alias stands alone rather than inside a longer word.

    Sudachi sometimes cuts unknown katakana words into pieces, so ``トール``
    could come out of ``ストール``. Short katakana aliases therefore need a
    non-katakana character (or nothing) on both sides.

    Args:
        alias (str): The matched alias.
        before (str): The character before the match ("" at the start).
        after (str): The character after the match ("" at the end).
    """
    if not is_katakana(alias) or len(alias) > SHORT_ALIAS:
        return True
    return not (before and _is_kana_char(before)) and not (after and _is_kana_char(after))


def is_variant_suffix(text: str) -> bool:
    """Whether ``text`` is a model-variant suffix such as ``B3``, ``M``, ``SM``, ``2A6``."""
    return bool(VARIANT_SUFFIX_RE.match(unicodedata.normalize("NFKC", text)))


def family_canonical(family: Family, digits: str, suffix: str = "") -> str:
    """The canonical designation for a family match: ``Su`` + ``34`` → ``Su-34``."""
    digits = unicodedata.normalize("NFKC", digits)
    return f"{family.canonical_prefix}-{digits}{unicodedata.normalize('NFKC', suffix)}"


def family_digits_ok(family: Family, digits: str) -> bool:
    """Whether ``digits`` (a number token) fits the family's designation numbers."""
    digits = unicodedata.normalize("NFKC", digits)
    if family.not_years and digits.isdigit() and len(digits) == 4 and 1900 <= int(digits) <= 2100:
        return False
    return digits.isdigit() and family.min_digits <= len(digits) <= family.max_digits



# The navies' type codes for their ships (a destroyer DD, a helicopter destroyer DDH, a submarine SS, an ocean
# minesweeper MSO), longest first where one begins another.
_SHIP_CODES = "DDG|DDH|DD|DE|FFG|FFM|FF|CVN|CV|CG|LHD|LHA|LPD|LSD|LCS|SSBN|SSGN|SSN|SSK|SS|MSO|MSC|AOE"
# A warship's hull number (DDG-73, CVN76, FFM-1, LCC-19, SSN 775): the ship's number in its navy's list, written
# beside its name; a WEAPON of its own (weapon_unknown: no class noun needed), but no Latin form of the name
# (NOTES-real72: マッキャンベル and DDG85 are no pair) and no part of a Latin name beside it (en_items)
HULL_NUMBER = re.compile(rf"(?:{_SHIP_CODES}|PCG|LCC|LST|MCM)[-‐ ]?[0-9]{{1,4}}")
# A type code alone, written beside the Japanese type in tables and explanations: 護衛艦 DD, 護衛艦(DD)
HULL_TYPE = re.compile(rf"{_SHIP_CODES}|LST|PG")
_QUOTED_NAME_RE = re.compile(r"^[\u30a1-\u30faー・A-Za-z0-9\-‐−]+\Z")
_GLOSS_RE = re.compile(r"^[A-Za-z0-9\-‐−]+\Z")
_HAS_KANA_OR_LATIN = re.compile(r"[\u30a1-\u30faA-Za-z]")
MAX_QUOTED_TOKENS = 8
# nouns a quoted name may be the name of instead of the class before the quotes: an operation, an exercise, a plan
_NAMED_UNDERTAKINGS = frozenset({"作戦", "演習", "計画", "構想", "攻勢", "任務", "プロジェクト", "プログラム"})


# the quotes a name stands in: 「」, and 『』 as some outlets quote names (『ヴァルシャヴャンカ』潜水艦)
NAME_QUOTES = {"「": "」", "『": "』"}


def quoted_name_extent(texts: Sequence[str], spaces: Sequence[bool], at: int) -> Optional[Tuple[int, int, int]]:
    """A name in 「」 (or 『』) right at token ``at`` after a class noun: ``無人機「ゲラン3」``, ``揚陸艦「…」``.

    Japanese prose names a system or a ship by quoting it after its class
    (ANNOTATION.md: ``巡航ミサイル「カリブル」`` is two spans), so a quoted
    katakana or Latin name there is a WEAPON even when no table lists it.

    Args:
        texts (Sequence[str]): Token texts of the doc.
        spaces (Sequence[bool]): Whether each token is followed by a space.
        at (int): The token right after the class noun.

    Returns:
        Optional[Tuple[int, int, int]]: ``(start, end, gloss_end)`` token offsets
        of the name inside the quotes and of a Latin gloss glued after the
        closing quote (``gloss_end == end + 1`` when there is none); None when
        no quoted name is there.
    """
    close = NAME_QUOTES.get(texts[at]) if at < len(texts) else None
    if close is None:
        return None
    end = at + 1
    while end < len(texts) and end - at <= MAX_QUOTED_TOKENS and texts[end] != close:
        if not _QUOTED_NAME_RE.match(texts[end]):
            return None
        end += 1
    if end == at + 1 or end >= len(texts) or texts[end] != close:
        return None
    if not _HAS_KANA_OR_LATIN.search("".join(texts[at + 1:end])):
        return None  # 「2025」 is a year, not a name
    if end + 1 < len(texts) and texts[end + 1] in _NAMED_UNDERTAKINGS:
        return None  # ドローン「スパイダーウェブ」作戦: the quotes name an operation the class noun describes
    gloss = end + 1
    if gloss < len(texts) and not spaces[end] and texts[gloss][:1].isupper() and _GLOSS_RE.match(texts[gloss]):
        while gloss < len(texts) and _GLOSS_RE.match(texts[gloss]) and gloss - end <= 4:
            gloss += 1  # words after a space must look like a name too: "Sea Baby", not "Sea is"
            if not spaces[gloss - 1] or gloss == len(texts) or not texts[gloss][:1].isupper() \
                    and not texts[gloss][:1].isdigit():
                break
    return at + 1, end, gloss

