"""Find Japanese/Latin term pairs in raw text by evidence (no spaCy).

The text is cut into Latin *chunks* (runs of Latin-script words) and the
Japanese before each chunk into *units* (katakana words, kanji runs with a
known head such as 州 or 大統領, and the connective の). Each chunk yields
English *items*: names, possibly with a head word (``Donetsk region``,
``region of Zaporizhzhia``) or a list (``Rosneft and Lukoil``). An item is
paired with the Japanese span whose units are all *covered* by the item's
words: katakana by phonetic similarity (``components.phonetics``), kanji by
the bilingual head list (州 ↔ region). So the Japanese side covers exactly
what the Latin side names, and low-evidence candidates (``英国メディアThe SUN``)
are rejected. Headlines and translated sentences yield no items at all.

Parenthesised katakana alternatives (``ポクロフスク(ポクロウスク、パコフスク)``)
are returned as variants, never as pairs.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass
from math import inf
from typing import Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

from .en_items import EnItem, chunk_kind, en_items, fold_latin, internal_ok, latin_chunks, lemma_en
from .pair_acronyms import AcronymTable, listed_acronym_pair
from .pair_readings import reads_as
from .pair_lists import list_pairs
from .pair_cover import T_EXT, HeadTable, Unit, cover, grow
from .phonetics import coded_similarity, is_katakana, kana_similarity, similarity
from . import dictionary
from .translation import (CONTENT_CHAR, GAP_CHARS, acronym_words, derived_form, gives_letter, gloss_stems, opens_acronym,
                          shares_acronym_letters, spells_acronym, translation_before, translation_pair, translation_score,
                          translation_stem, word_count)

KATA = "ァ-ヺー"
# a Japanese term written right before its gloss: two to twenty kanji and katakana, ・ inside
# (東部方面, 大統領権限, ウクライナ特別監視団); bilingual and pair_expansions read it before a bracket
JA_TERM_RUN = r"[\u4e00-\u9fff々\u30a1-\u30faー][\u4e00-\u9fff々\u30a1-\u30faー・]{1,19}"  # a term never starts with ・
# Full-width ASCII (U+FF01–FF5E) to ASCII, one character for one, so that offsets do not move.
_HALF_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULL_WIDTH_CHAR = re.compile("[\uFF01-\uFF5E]")
_WIDE_SPACE_IN_LATIN = re.compile(r"(?<=[A-Za-z0-9.])\u3000(?=[A-Za-z0-9])")


def fold_width(text: str) -> str:
    """Full-width ASCII as ASCII and an ideographic space between Latin words as a space, one
    character for one, so that offsets hold: （ＣＳＩＳ） reads as (CSIS), ＵＳ　Ａｒｍｙ as US Army."""
    if _FULL_WIDTH_CHAR.search(text):  # most texts have none: a C search instead of a translate per character
        text = text.translate(_HALF_WIDTH)
    return _WIDE_SPACE_IN_LATIN.sub(" ", text) if "\u3000" in text else text
_UNIT_RE = re.compile(
    r"(?P<ord>第[0-9０-９]+)|"
    rf"(?P<kata>[{KATA}]+(?:[(（][{KATA}]+[)）](?=[・=＝]))?(?:[・=＝][{KATA}]+)*(?:[A-Z0-9]{{1,3}}(?![A-Za-z]))?)"
    # 通り keeps its okurigana: コムソモルスキー通り(Komsomolsky Prospekt), a street's name with its head
    r"|(?P<kanji>(?:(?!第[0-9０-９])[\u4e00-\u9fff々ヶ])+(?:(?<=通)り)?)|(?P<no>の)")  # ロシア軍第1…: 第1 is its own unit
_ACRONYM = re.compile(r"[A-Z]{2,8}")  # a Latin acronym item: ISW, USAI, NATO, MANPADS (NOTES-real13)
# Written so that a failed match backtracks linearly: the alternatives are runs apart by one separator
# (``(?:[…]+[、]?)+`` split one run every possible way, 2^n tries for a long unclosed one), and a match
# starts only where a run of katakana and dots does (not again at each of its characters).
_VARIANT_RE = re.compile(rf"(?<![{KATA}・])・*([{KATA}][{KATA}・]+)[(（]([{KATA}・]+(?:[、,，/／][{KATA}・]+)*[、,，/／]?)[)）]")
_BOUNDARY = re.compile(r"[。！？!?\n]")
_PAREN_ALT = re.compile(r"[(（][^)）]*[)）]")
ADJ_GAP = re.compile(r"^[\s　:：(（\[［「」『』\"“”/・]*$")
# Between members of a coordinated list and the Latin list: other names and と/、/や only.
# Any run of names and separators, then a colon with white space (one character class, not nested
# repeats: those split a long run of spaces every possible way before failing).
LIST_GAP = re.compile(rf"^[{KATA}・\u4e00-\u9fffと、，,や\s　]*(?:[:：][\s　:：]*)?$")
WINDOW = 80
T_ADJ, T_FAR = 0.72, 0.82
FAR_COVER_MIN = 0.5  # a far Japanese side must cover more than half of the Latin item (its words' sum)...
_ENGLISH_LABEL = re.compile(r"(?:英語?|English)[ 　]*[:：][ 　]*$")  # (宇: …, 英: International Legion …): labelled
_TITLE_GAP = re.compile(r"[^\s、。,，のをがはにでと]{1,8}[（(][ 　]?")  # ...unless one word (a title) and a bracket stand between
KnownTable = Mapping[str, FrozenSet[str]]  # folded Latin name → Japanese forms (exonyms.jsonl)
_ORDINAL_RE = re.compile(r"(\d+)(?:st|nd|rd|th)")
_DESIGNATION_RE = re.compile(r"(?=\S*\d)(?=\S*[A-Z])[A-Z0-9][A-Za-z0-9]{0,3}-?[0-9][A-Za-z0-9\-]*")


@dataclass
class Pair:
    """A Japanese span and its Latin counterpart (character offsets)."""

    ja: Tuple[int, int]
    en: Tuple[int, int]
    score: float
    evidence: str = "phonetic"

    def within(self, ja: Tuple[int, int], en: Tuple[int, int]) -> bool:
        """Whether both halves lie inside ``ja`` and ``en`` (a word pair read inside a longer name pair)."""
        return ja[0] <= self.ja[0] and self.ja[1] <= ja[1] and en[0] <= self.en[0] and self.en[1] <= en[1]


@dataclass
class Variant:
    """A parenthesised alternative spelling ``span`` of the katakana term ``of``."""

    span: Tuple[int, int]
    of: Tuple[int, int]


def ja_units(text: str, start: int, end: int, heads: HeadTable) -> List[Unit]:
    """Units of ``text[start:end]``; other characters (hiragana, punctuation) separate them."""
    units: List[Unit] = []
    for m in _UNIT_RE.finditer(text, start, end):
        kind = m.lastgroup or ""
        head = ""
        if kind == "kanji":
            head = next((text[m.end() - n:m.end()] for n in range(min(4, m.end() - m.start()), 0, -1)
                         if text[m.end() - n:m.end()] in heads), "")
        if kind == "kata" and "@" not in heads.get(text[m.start():m.end()], ("@",)):
            kind, head = "kanji", text[m.start():m.end()]
        if kind != "kata":
            units.append(Unit(m.start(), m.end(), kind, m.group(), head))
            continue
        pos = m.start()
        for k, part in enumerate(re.split(r"[・=＝]", m.group())):
            units.append(Unit(pos, pos + len(part), kind, part, dot=k > 0))
            pos += len(part) + 1
    return units


def find_variants(text: str) -> List[Variant]:
    """Parenthesised katakana alternatives of a katakana term: ``ポクロフスク(ポクロウスク、パコフスク)``."""
    out: List[Variant] = []
    for m in _VARIANT_RE.finditer(text):
        main = (m.start(1), m.end(1))
        pos = m.start(2)
        for alt in re.split(r"[、,，/／]", m.group(2)):
            a_start = text.index(alt, pos) if alt else pos
            pos = a_start + len(alt)
            if alt and kana_similarity(m.group(1), alt) >= 0.45:
                out.append(Variant((a_start, a_start + len(alt)), main))
    return out


def _window_start(text: str, chunk_start: int, floor: int) -> int:
    start = max(floor, chunk_start - WINDOW)
    for m in _BOUNDARY.finditer(text, start, chunk_start):
        start = m.end()
    return start


def _trim_descriptor(text: str, units: List[Unit], item: EnItem) -> List[Unit]:
    """``防空システムアイリスT(IRIS-T)``: a katakana run right before the item that is a common
    loanword glued to the name keeps only the tail that sounds like the item."""
    if not units or units[-1].kind != "kata" or not ADJ_GAP.match(text[units[-1].end:item.start]):
        return units
    last = units[-1]
    if coded_similarity(last.text, item.words) >= T_ADJ or len(last.text) < 6:
        return units
    sims = {k: coded_similarity(last.text[k:], item.words) for k in range(2, len(last.text) - 2)
            if last.text[k] not in "ーッャュョァィゥェォン"}
    best = max(sims.values(), default=0.0)
    cut = min((k for k, sim in sims.items() if sim >= best - 0.06), default=0)  # the longest good tail
    if best < T_FAR:
        return units
    return units[:-1] + [Unit(last.start + cut, last.end, "kata", last.text[cut:])]


def _candidates(text: str, units: List[Unit], item: EnItem, heads: HeadTable, chunk_start: int
                ) -> List[Tuple[float, int, int, str]]:
    """Japanese spans ``(score, ja_start, ja_end, evidence)`` the item could pair with."""
    found: Dict[Tuple[int, int], Tuple[float, int, int, str]] = {}
    units = _trim_descriptor(text, units, item)
    # A unit's cover with no word used yet, computed once: the anchor loop and the katakana check
    # below both ask for it (a pure function of the unit and the item; nothing mutates the result).
    covers: Dict[int, Tuple[float, Set[int]]] = {}

    def cover_at(k: int) -> Tuple[float, Set[int]]:
        got = covers.get(k)
        if got is None:
            got = covers[k] = cover(units[k], item, heads, set())
        return got

    for ui, unit in enumerate(units):
        if unit.kind == "no":
            continue
        first = cover_at(ui)
        if first[0] < T_EXT:
            continue
        lo, hi, total = grow(units, ui, item, heads, first)
        js, je = units[lo].start, units[hi].end
        adjacent = bool(ADJ_GAP.match(text[je:item.start]))
        listed = adjacent or bool(LIST_GAP.match(text[je:chunk_start]))
        kata = [cover_at(k)[0] for k in range(lo, hi + 1) if units[k].kind == "kata"]
        if kata:
            if max(kata) < (T_ADJ if listed and not item.internal else T_FAR):
                continue
            if not listed and _has_digit(item.text) and not _has_digit(text[js:je]):
                continue  # スー … Su-27: a designation's number must be there when the name is far from it
            evidence = "phonetic"
        elif adjacent and not item.internal:
            evidence = "head"
        else:
            continue
        if evidence == "phonetic" and lo == hi and _ordinary_other_word(units[lo].text, item.words):
            continue  # メディア(Meduza): a dictionary word that only sounds like the name
        covered = total / max(1, len(item.words))
        if not listed and covered <= FAR_COVER_MIN and not _TITLE_GAP.fullmatch(text, je, item.start) \
                and not _ENGLISH_LABEL.search(text, je, item.start):
            continue  # イスラエルのIsrael Aerospace Industries: far off, a name covering one word of three is the
            # owner of what the Latin names (its maker, its outlet), not its spelling; a name with its title or
            # class noun between (シルスキー総司令官（Oleksandr Syrskyi）) is the layout of a gloss, and a label
            # (英: International Legion …) says what the Latin is
        score = total + covered + (1.0 if adjacent else 0.0) - 0.005 * (chunk_start - je)
        if (js, je) not in found or found[(js, je)][0] < score:
            found[(js, je)] = (score, js, je, evidence)
    return list(found.values())


def _has_digit(text: str) -> bool:
    return any("0" <= ch <= "9" or "０" <= ch <= "９" for ch in text)


ORDINARY_SOUND_MIN = 0.85  # a dictionary word pairs with a name it does not gloss only when it sounds the same


def _ordinary_other_word(kana: str, english: Sequence[str]) -> bool:
    """Whether a katakana word is a dictionary word (JMdict) whose glosses name none of the English words
    and that only sounds roughly like them: ``メディア`` (media) is no spelling of ``Meduza``; ``ガーディアン``
    (guardian) is ``Guardian``'s; ``トランプ`` sounds exactly like ``Trump`` (a name that is also a word)."""
    if not is_katakana(kana) or not dictionary.is_ordinary_word(kana) or \
            max(coded_similarity(kana, [word]) for word in english) >= ORDINARY_SOUND_MIN:
        return False
    stems = {translation_stem(w) for w in english}
    glossed = gloss_stems(kana)
    return not any(s in glossed or derived_form(s, glossed) for s in stems)


_ARTICLE_END = re.compile(r"(?:\b(?:the|The|THE|a|A|an|An)\s+)$")


def _before_item(text: str, item: EnItem) -> str:
    """The text before ``item`` without the article the item dropped (``(the Black Sea Fleet)``)."""
    head = text[:item.start]
    # the article ends where the white space before the item starts: search only from there,
    # not from every character of a long text
    article = _ARTICLE_END.search(head, max(0, len(head.rstrip()) - 3))
    return (head[:article.start()] if article else head).rstrip(" 　")


# A one-kanji country abbreviation before an organisation's name (米, 英, 仏, 独, 露), not the first
# character of an ordinary word (米国, 英語, 独立, 露出) and leaving a name of three or more kanji;
# before 国際 it is the abbreviation (英国際戦略研究所(IISS): the British International Institute ...).
_COUNTRY_DESCRIPTOR = re.compile(r"[米英仏独露](?:(?=国際|国家)|(?![国語字教立自占裁身天出店]))(?=[\u4e00-\u9fff]{3})")
_COUNTRY_LETTERS = {"米": "US", "英": "UK"}  # the letters a descriptor gives an acronym that spells it (USAID, UKMOD)
_SAME_COUNTRY = re.compile(r"同国(?=[\u4e00-\u9fff]{2})")  # 同国保安庁(SBU): "that country's" describes the body


# 北大西洋条約機構(以下「NATO」という。), (以下、NATO): "hereafter called", the definitional gloss of official prose
_HEREAFTER_BEFORE = re.compile(r"[(（]以下[、,，]?[「『\"“]?$")
_HEREAFTER_AFTER = re.compile(r"^[」』\"”]?(?:という|と呼ぶ|と称する|と略す|とする)?。?")


_ORDINAL_WORD = re.compile(r"[0-9]+(?:st|nd|rd|th)")


# アメリカ太平洋空軍(PACAF:パキャフ), 先進国防研究センター(C4ADS、米国の非営利シンクタンク): an acronym first in the
# brackets, then after a colon or a comma its reading or what the body is
_ASIDE_AFTER_ACRONYM = re.compile(r"[:：、,，][ 　]?(?![A-Za-z])[^()（）\[\]［］\n]{1,40}[)）\]］]")  # (not its English expansion)


def _paren_pair(text: str, units: List[Unit], item: EnItem, heads: HeadTable) -> Optional[Tuple[float, int, int, str]]:
    """``戦争研究所(ISW)``, ``兵站 (Logistics)``: a parenthesised short Latin name after a Japanese term."""
    before = _before_item(text, item)
    after = text[item.end:].lstrip(" ")
    # at most five characters long, and ``$`` also matches before a final line break
    hereafter = _HEREAFTER_BEFORE.search(before, max(0, len(before) - 6))
    if hereafter:  # 無人戦闘機(以下「UAV」という。): official prose defines the short name it will use
        before = before[:hereafter.start() + 1]
        units = [u for u in units if u.end <= hereafter.start()]
        after = _HEREAFTER_AFTER.sub("", after, count=1)
    closed = after.startswith((")", "）", "]", "］")) or bool(
        _ACRONYM.fullmatch(item.text) and _ASIDE_AFTER_ACRONYM.match(after))  # (PACAF:パキャフ), (C4ADS、米国の…)
    if not (before.endswith(("(", "（", "[", "［")) and closed and item.initial):
        return None
    if len(item.words) > (4 if _ORDINAL_WORD.fullmatch(item.words[0]) else 3) or not units:
        return None  # a numbered unit's name takes a word more: 988th Military Police Company
    last = units[-1]
    bare = before.rstrip("(（[［").rstrip(" 　")
    # 「ウクライナ安保支援イニシアティブ」(USAI): a quoted name glossed by the acronym after the quotes
    quoted = bare.endswith(("」", "』")) and last.end == len(bare) - 1 and _ACRONYM.fullmatch(item.text)
    if last.end != len(bare) and not quoted:
        return None
    if quoted:
        spelled = _spelled_start(text, units, item.text)
        return None if spelled is None else (2.0, spelled, last.end, "acronym")
    if _ACRONYM.fullmatch(item.text):
        spelled = _spelled_start(text, units, item.text)
        if spelled is not None:  # ファーストパーソンビュー(FPV), ウクライナ安全保障支援イニシアティブ(USAI)
            spelled = _with_country_before(text, units, heads, spelled, last.end, item.text)
            return (2.0, _with_country_noun(text, units, spelled), last.end, "acronym")
        if last.kind == "kata" and item.text not in _MEDIA_CREDITS:
            start = _glued_name_start(units, len(item.text))
            if start is not None:  # ポーランド軍需グループ(PGZ): a compound name glossed by an acronym
                return (1.5, start, last.end, "acronym")
    if last.kind != "kanji" or len(last.text) < 2 or _ANAPHOR.fullmatch(last.text):
        return None  # 同機(UR-82060), 同社(…): "the said aircraft" points back to a name, it names nothing itself
    if len(item.text) == 1:
        return None  # 空襲(T)展: one letter in brackets is a label or a mark, no name
    start = last.start
    prev = units[-2] if len(units) >= 2 else None
    if last.text in _PERSON_TITLES and prev is not None and prev.kind == "kata" and prev.end == start:
        return None  # ゼレンスキー大統領(Volodymyr Zelensky): the English names the person, as アルヴァル・ヴァルクキラ氏(...)
    if (prev is not None and prev.kind == "kata" and prev.end == start
            and coded_similarity(prev.text, item.words) >= T_ADJ):
        if last.text in heads:
            return (2.0, prev.start, last.end, "paren")  # クリミア半島(Crimea): the name with its head, as ヘルソン州(Kherson)
        if len(item.words) <= _NAME_WORDS and not _ordinary_other_word(prev.text, item.words):
            # シャヘド型無人機(Shahed), ゲパルト自走対空砲(Gepard): the English spells the name, not its class noun,
            # which stands between them as a title does after a person's name
            return (2.0, prev.start, prev.end, "phonetic")
    if _COUNTRY_DESCRIPTOR.match(last.text) and not item.text.startswith(_COUNTRY_LETTERS.get(last.text[0], "\0")):
        start += 1  # 米戦略国際問題研究所(CSIS), 米国家安全保障会議(NSC): "US" describes the body; the acronym names it alone
        # (unless the acronym spells the country too: 米国際開発庁(USAID), 英国防省(UKMOD))
    elif _SAME_COUNTRY.match(last.text):
        start += 2  # 同国保安庁(SBU) → 保安庁 (NOTES-real6)
    elif last.text.startswith("製") and len(last.text) >= 3:
        start += 1  # イラン製無人機(UAV): "made in" belongs to the maker before it, not to the term
    if prev is not None and prev.end == start and (prev.kind == "ord" or (
            "@" in heads.get(prev.text, ()) and _country_in_name(prev.text, text[start:last.end], item.text))):
        start = prev.start  # ロシア軍参謀本部情報総局(GRU): a country name opens the organisation's name
    elif _ACRONYM.fullmatch(item.text):
        start = _acronym_start(units, start, last, item.text)
    if last.end - start <= 2 and sum(c.isupper() for c in item.text) >= 4:
        return None  # 今回の会議(UMAC), 調査 (RDNA3): a two-character head names no four-letter acronym on its own
    return (2.0, start, last.end, "paren")


_ANAPHOR = re.compile(r"同[\u4e00-\u9fff]")  # 同機, 同社, 同国, 同艦: "the said …"
_NAME_WORDS = 2  # the words of a weapon's or a place's name (Shahed, Storm Shadow) spelled before its class noun


# Titles written after a person's name (ゼレンスキー大統領, ショイグ国防相): a Latin name in parentheses after
# them is the person's, so the katakana name, not the title, is its Japanese side (a sound match finds it)
_PERSON_TITLES = frozenset({
    "大統領", "副大統領", "首相", "副首相", "外相", "国防相", "国防相代行", "報道官", "司令官", "総司令官", "長官",
    "大臣", "議長", "事務総長", "事務局長", "総長", "大使", "知事", "市長", "将軍", "元帥", "大将", "中将", "少将",
    "大佐", "中佐", "少佐", "大尉", "議員", "記者", "教授", "所長", "研究員", "代表", "創設者", "指揮官"})

# English initials of the countries the head list marks "@", for acronyms that begin or end with the country
_COUNTRY_INITIALS = {"ロシア": "R", "ウクライナ": "U", "ベラルーシ": "B", "ドイツ": "GD", "フランス": "F",
                     "イギリス": "BU", "アメリカ": "AU", "ポーランド": "P", "トルコ": "T", "イラン": "I"}


# an acronym written with small letters inside (MoD, DoD: Ministry of Defence, Department of Defense)
_MIXED_ACRONYM = re.compile(r"(?:[A-Z][a-z]?){2,5}")


def _country_in_name(country: str, rest: str, latin: str) -> bool:
    """Whether a country written before an organisation belongs to the name its Latin form gives.

    Always for a name that is not an acronym, and for the country's forces (ロシア|軍参謀本部情報総局, GRU);
    for another acronym, when it begins or ends with the country (ウクライナ保安庁, SBU: Security Service
    of Ukraine; ロシア義勇軍団, RVC), not when the country is only where the body works
    (ウクライナ|国防省情報総局, GUR; ウクライナ|特殊作戦軍, SSO): as the real-text annotators pair them.
    """
    if not (_ACRONYM.fullmatch(latin) or _MIXED_ACRONYM.fullmatch(latin)) or rest.startswith(("軍", "連邦")):
        return True  # ロシア|連邦軍参謀本部情報総局 (GRU), ロシア|連邦保安局 (FSB): ロシア連邦 is the country's full name
    initials = _COUNTRY_INITIALS.get(country)
    return initials is None or latin[0] in initials or latin[-1] in initials


MAX_SPELLED_UNITS = 6

# A country written out as a noun before an agency's name is part of that name in Japanese
# (米国エネルギー情報局(EIA), the example); a one-kanji descriptor (米戦略国際問題研究所) is not
_COUNTRY_NOUNS = ("米国", "英国")


def _unit_ending_at(units: List[Unit], pos: int) -> Optional[Unit]:
    """The unit that ends right at ``pos`` (units do not overlap: at most one), or None."""
    return next((unit for unit in units if unit.end == pos), None)


def _with_country_before(text: str, units: List[Unit], heads: HeadTable, start: int, end: int, latin: str) -> int:
    """``start`` moved back over a katakana country written right before the name ``text[start:end]`` where
    it belongs to the name ``latin`` gives (``ロシア|連邦保安局(FSB)``; not ``ウクライナ|情報総局(HUR)``)."""
    before = _unit_ending_at(units, start)
    if before is not None and before.kind == "kata" and "@" in heads.get(before.text, ()) \
            and _country_in_name(before.text, text[start:end], latin):
        return before.start
    return start


def _with_country_noun(text: str, units: List[Unit], start: int) -> int:
    """``start`` moved back over a glued ``米国``/``英国`` that ends a kanji unit right before it."""
    unit = _unit_ending_at(units, start)
    return unit.start if unit is not None and unit.kind == "kanji" and unit.text in _COUNTRY_NOUNS else start


def _spelled_start(text: str, units: List[Unit], acronym: str) -> Optional[int]:
    """Start of the shortest run of glued kanji/katakana units before the parenthesis whose
    dictionary words spell ``acronym`` in order (``translation.spells_acronym``), or None."""
    k = len(units) - 1
    while k >= 0 and len(units) - k <= MAX_SPELLED_UNITS and units[k].kind in ("kata", "kanji"):
        if spells_acronym(text[units[k].start:units[-1].end], acronym):
            return units[k].start
        if k == 0 or not (units[k - 1].end == units[k].start - int(units[k].dot)
                          or text[units[k - 1].end:units[k].start] == "・"):
            break  # glued, or words joined by ・ (ウォール・ストリート・ジャーナル(WSJ), 情報・監視・偵察(ISR))
        k -= 1
    return None


# News agencies, broadcasters and often-cited think tanks (ISW) credited in parentheses after a caption or a
# claim (…スタジアム(AFP)): a source, not the name before it
_MEDIA_CREDITS = frozenset({"AFP", "AP", "EPA", "CNN", "NHK", "BBC", "ABC", "NBC", "CBS", "TBS", "ANN", "FNN",
                            "JNN", "NNN", "UPI", "DPA", "TASS", "RIA", "ISW", "AFPBB"})


def _glued_name_start(units: List[Unit], letters: int) -> Optional[int]:
    """Start of a compound name ending in a katakana word, glued kanji/katakana words no more than
    the acronym's letters (``ポーランド軍需グループ(PGZ)``: three words, three letters), or None
    for a lone word, which only a sound match may pair. A one-kanji descriptor (米, 露) stays outside."""
    k = len(units) - 1
    while (k > 0 and len(units) - k < letters and units[k - 1].end == units[k].start
           and units[k - 1].kind in ("kata", "kanji") and len(units[k - 1].text) > 1):
        k -= 1
    return units[k].start if k < len(units) - 1 else None


def _acronym_start(units: List[Unit], start: int, last: Unit, acronym: str) -> int:
    """``国際エネルギー機関(IEA)``, ``アラブ首長国連邦(UAE)``: glued words before the last kanji run join
    the name while their glosses give one of the acronym's letters and the words so far number fewer
    than its letters (``シンクタンク戦争研究所(ISW)``: "think tank" gives none)."""
    used = max(1, word_count(last.text))
    k = units.index(last) - 1
    while k >= 0 and used < len(acronym):
        unit = units[k]
        # イージス・システム搭載艦(ASEV), 作戦・戦略司令部(OSK): a word joined by ・ opens the name too
        joined = unit.end == start or units[k + 1].dot and unit.end + 1 == start
        if not joined or unit.kind not in ("kata", "kanji") or not opens_acronym(unit.text, acronym):
            break
        if unit.kind == "kanji" and len(unit.text) == 1:
            break  # 米エネルギー情報局(EIA): a one-kanji descriptor stays outside, as 米戦略国際問題研究所(CSIS)
        start, used, k = unit.start, used + max(1, word_count(unit.text)), k - 1
    # キーウ経済大学研究所(KSE): where the name's first word cannot give the acronym's first letter, a katakana
    # name glued before it that does is the name's first word (Kyiv School of Economics), as Schwartz–Hearst
    # ask an expansion to start with the acronym's first letter; a country that only says where the body works
    # stays outside (アメリカ|国防情報局(DIA): 国防 gives the D)
    if k >= 0 and units[k].kind == "kata" and units[k].end == start and len(units[k].text) >= 2:
        words = acronym_words(last.text if start == last.start else units[k + 1].text)
        if words and not gives_letter(words[0], acronym[0]) and gives_letter(units[k].text, acronym[0]):
            start = units[k].start
    return start


# compiled once (formatted as f-strings and looked up in re's cache on every call before)
_QUOTED_BEFORE = re.compile(rf"「([{KATA}・]+)」[ 　]*[(（]?[ 　]*$")
_JA_AFTER_EQUALS = re.compile(rf"[=＝]([{KATA}\u4e00-\u9fff々・]{{3,}})")


def _equated_length(ja: str, acronym: str) -> int:
    """How much of the run after ``ACRONYM=`` names it: the whole run, or the longest prefix of its
    dictionary words that spells the acronym (``EU=ヨーロッパ連合加盟``, a page that dropped its particles:
    ヨーロッパ連合); 0 when none does."""
    if ja.endswith(("級", "クラス")) and len(ja) > 3:
        # ICBM=大陸間弾道ミサイル級: "-class" says how big, it is no word of the name
        bare = ja[:-1] if ja.endswith("級") else ja[:-3]
        if spells_acronym(bare, acronym) or shares_acronym_letters(bare, acronym):
            return len(bare)
    if spells_acronym(ja, acronym) or shares_acronym_letters(ja, acronym):
        return len(ja)
    words = acronym_words(ja)
    for n in range(len(words) - 1, 0, -1):
        prefix = "".join(words[:n])
        if ja.startswith(prefix) and (spells_acronym(prefix, acronym) or shares_acronym_letters(prefix, acronym)):
            return len(prefix)
    return 0


def _designation_pair(text: str, item: EnItem) -> Optional[Tuple[float, int, int, str]]:
    """``「キンジャール」(Kh-47M2)``: a quoted katakana name followed by its Latin designation alone in brackets.

    The brackets must hold the designation and nothing else: a code glued after the quote is another thing
    (``空母「ホーネット」F6F:16機``, the carrier and its fighters), and a bracket that goes on describes the
    weapon (``「マリュートカ」(AT-3「サガー」)``, NATO's name for it): the rewritten gold pairs neither."""
    if not (item.initial and len(item.words) == 1 and _DESIGNATION_RE.fullmatch(item.text)):
        return None
    m = _QUOTED_BEFORE.search(text[max(0, item.start - 40):item.start])
    if not m or not is_katakana(m.group(1)) or not m.group(0).rstrip(" 　").endswith(("(", "（")) \
            or not text.startswith((")", "）"), item.end):
        return None
    offset = max(0, item.start - 40)
    return (1.5, offset + m.start(1), offset + m.end(1), "designation")


def _known_pair(text: str, item: EnItem, known: Optional[KnownTable]) -> Optional[Pair]:
    """``ドイツ連邦軍Bundeswehr``, ``沿ドニエストルTransnistria``: a Japanese name from the exonym
    table written right before (or in parentheses after) its Latin name."""
    forms = known.get(fold_latin(item.text)) if known else None
    if not forms:
        return None
    before = _before_item(text, item).rstrip(" 　(（「」『』\"“”:：/")
    for ja in sorted(forms, key=len, reverse=True):
        if before.endswith(ja):
            return Pair((len(before) - len(ja), len(before)), (item.start, item.end), 1.0, "exonym")
    return None


_KATA_GLUED = re.compile(rf"[{KATA}][{KATA}・]*[{KATA}]")


def _glued_after(text: str, item: EnItem, known: Optional[KnownTable],
                 acronyms: Optional[AcronymTable]) -> Optional[Pair]:
    """``Pokrovskポクロウスク``, ``WFP国連世界食糧計画``, ``ILDUウクライナ領土防衛国際軍団``: a Latin name with its
    Japanese glued right after it (Latin first, no bracket). Only strong evidence counts, as a glued kanji
    word is more often what the name qualifies (``NATO加盟国``, ``ISW研究員``): a katakana spelling that
    sounds like the name, or one of the name's Japanese forms the tables list (exonyms, translated terms,
    acronyms)."""
    at = item.end
    if at >= len(text) or not ("\u30a1" <= text[at] <= "\u30fa" or "\u4e00" <= text[at] <= "\u9fff"):
        return None
    forms = set(known.get(fold_latin(item.text), ())) if known else set()
    if acronyms and _ACRONYM.fullmatch(item.text):
        forms.update(acronyms.get(item.text, ()))
    for ja in sorted(forms, key=len, reverse=True):
        if len(ja) >= 2 and text.startswith(ja, at):
            return Pair((at, at + len(ja)), (item.start, item.end), 1.0, "exonym")
    kata = _KATA_GLUED.match(text, at)
    if kata and not _ACRONYM.fullmatch(item.text) and coded_similarity(kata.group(0), item.words) >= T_ADJ:
        return Pair(kata.span(), (item.start, item.end), 1.0, "phonetic")
    return None


def _acronym_glued_before(text: str, item: EnItem, acronyms: Optional[AcronymTable]) -> Optional[Pair]:
    """``特殊空挺部隊SAS``: an acronym glued right after one of the Japanese names the acronym table lists."""
    if not acronyms or not _ACRONYM.fullmatch(item.text) or item.start == 0:
        return None
    for ja in acronyms.get(item.text, ()):
        if len(ja) >= 2 and text.endswith(ja, 0, item.start):
            return Pair((item.start - len(ja), item.start), (item.start, item.end), 1.0, "acronym")
    return None


def load_known(lines: Sequence[str], extra: Iterable[Tuple[str, Iterable[str]]] = ()) -> Dict[str, FrozenSet[str]]:
    """Folded Latin forms (``canonical`` and ``alts``) → Japanese forms, from exonyms JSONL lines (and the
    translated terms, in the same format), plus ``extra`` rows of a Latin form and its Japanese forms
    (an acronym's expansions: ``pair_acronyms.load_tables``)."""
    table: Dict[str, Set[str]] = {}
    rows = [(latin, entry.get("ja", [])) for entry in map(json.loads, filter(str.strip, lines))
            for latin in [entry.get("canonical", ""), *entry.get("alts", [])] if latin]
    for latin, forms in [*rows, *extra]:
        table.setdefault(fold_latin(latin), set()).update(forms)
    return {k: frozenset(v) for k, v in table.items()}


# EBIT(利払い・税引き前利益): a kanji word may carry its okurigana (one or two hiragana) inside the name
_OKURIGANA = "(?:[\u3041-\u3096]{1,2}(?=[\u4e00-\u9fff々・]))?"
_PARTICLE_RUN = re.compile(r"(?<![\u3041-\u3096])(?:の|は|が|を|に|と|で|も|や|へ)(?![\u3041-\u3096])")
# a katakana name after one space, ending before anything but another katakana or Latin word
_KATA_AFTER_SPACE = re.compile(rf"[ \u3000]([{KATA}][{KATA}・]*[{KATA}])(?![{KATA}A-Za-z0-9・])")
_JA_IN_PARENS = re.compile(rf"[ \u3000]?[(（\[［](?:[0-9０-９]{{4}}年の)?([{KATA}\u4e00-\u9fff々]{_OKURIGANA}(?:[{KATA}\u4e00-\u9fff々・=＝]{_OKURIGANA})*"
                           rf"(?:[A-Z0-9]{{1,3}})?)(?:[)）\]］]|[、;；=＝](?=[^)）\]］]{{1,60}}[)）\]］]))")  # Su-34(スホーイ34、スホイ34;…)
# PZRK(携帯式対空ミサイルシステム=米国製スティンガーや…): the name, then = and what it is said to be;
# CSTO(1992年の集団安全保障条約): the year the treaty was signed before its name stays out


# AK47 (エーケー47), T-64[てぃー64]: the letters read out in kana, in brackets right after the designation
_READING_AFTER = re.compile(r"[ \u3000]?[(（\[［【]([ぁ-ゖァ-ヺー・0-9０-９\-‐]{2,24})[)）\]］】]")
# エーケー47(AK47): the reading first, the designation in brackets after it
_READING_BEFORE = re.compile(r"([ぁ-ゖァ-ヺー・0-9０-９\-‐]{2,24})[ \u3000]?[(（\[［【]$")


def _reading_pair(text: str, item: EnItem) -> Optional[Pair]:
    """A designation and its letters read out in kana beside it (``components.pair_readings``)."""
    if len(item.words) != 1 or not any(ch.isalpha() for ch in item.text):
        return None
    after = _READING_AFTER.match(text, item.end)
    if after and reads_as(item.text, after.group(1)):
        return Pair(after.span(1), (item.start, item.end), 1.0, "reading")
    offset = max(0, item.start - 26)
    before = _READING_BEFORE.search(text, offset, item.start)
    if before and reads_as(item.text, before.group(1)):
        return Pair(before.span(1), (item.start, item.end), 1.0, "reading")
    return None


def _latin_first(text: str, item: EnItem, heads: HeadTable) -> Optional[Pair]:
    """``HIV(ヒト免疫不全ウイルス)``, ``ATACMS(エイタクムス)``: Latin first, its Japanese in parentheses."""
    shift = 1 if text[item.end:item.end + 1] in ("」", "』", "”") and item.start > 0 \
        and text[item.start - 1] in ("「", "『", "“") else 0  # 「BARS」(国軍戦闘予備隊): a quoted name, then its Japanese
    m = _JA_IN_PARENS.match(text[item.end + shift:])
    if m and _PARTICLE_RUN.search(m.group(1)) and not (
            _ACRONYM.fullmatch(item.text) and spells_acronym(m.group(1), item.text)):
        m = None  # (欧州連合の略), (と呼ばれる): a phrase, not a name; MER(市場の為替レート): its words spell it
    if not m:
        spaced = _KATA_AFTER_SPACE.match(text, item.end)
        if spaced and coded_similarity(spaced.group(1), item.words) >= T_FAR:
            # Eduard エデュアルド: a maker's or product's name in Latin, then its katakana after a space
            return Pair(spaced.span(1), (item.start, item.end), 1.0, "phonetic")
        eq = _JA_AFTER_EQUALS.match(text[item.end:])
        if eq and _ACRONYM.fullmatch(item.text):
            length = _equated_length(eq.group(1), item.text)
            if length:
                start = item.end + eq.start(1)
                return Pair((start, start + length), (item.start, item.end), 1.0, "acronym")
        return None  # NATO=北大西洋条約機構: joined by =, the words must spell the acronym
    if re.match(r"[旧元前現新略通]", m.group(1)):
        return None
    js, je = item.end + shift + m.start(1), item.end + shift + m.end(1)
    ja = m.group(1)
    reading = re.match(rf"[{KATA}・]+(?=[=＝])", ja)
    if reading and coded_similarity(reading.group(), item.words) >= T_ADJ:
        # NMESIS(ネメシス=海軍・海兵隊遠征艦船阻止システム): the reading, then what it stands for
        return Pair((js, js + reading.end()), (item.start, item.end), 1.0, "phonetic")
    kana = ja.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    if is_katakana(kana) and coded_similarity(ja, item.words) >= T_ADJ:
        return Pair((js, je), (item.start, item.end), 1.0, "phonetic")
    # NATO(北大西洋条約機構), and a mixed-case acronym as well: TsAGI(中央流体力学研究所)
    acronym = len(item.words) == 1 and (_ACRONYM.fullmatch(item.words[0]) or _MIXED_ACRONYM.fullmatch(item.words[0]))
    if acronym and len(ja) >= 3:
        if is_katakana(ja) and "・" not in ja and not gives_letter(ja, item.text[0].upper()):
            return None  # NATO(ポルトガル): a member or a place in the bracket, no name the letters come from
        if _COUNTRY_DESCRIPTOR.match(ja):
            js += 1  # NOAA(米海洋大気局): the administration is 海洋大気局
        country = next((c for c in _COUNTRY_INITIALS if ja.startswith(c) and len(ja) > len(c) + 1), None)
        if country and not _country_in_name(country, ja[len(country):], item.text):
            js += len(country)  # HUR[ウクライナ国防省情報総局]: the body is 国防省情報総局, as after the name
        return Pair((js, je), (item.start, item.end), 1.0, "acronym")
    # the English head: the word before "of" or "for" (Institute for the Study of War), else the last word
    linked = next((k for k, w in enumerate(item.words[1:], 1) if w in ("of", "for")), None)
    head_word = item.words[linked - 1] if linked else item.words[-1]
    if len(item.words) >= 2 and _same_head(ja, head_word, heads):
        return Pair((js, je), (item.start, item.end), 1.0, "head")  # Russian troops(ロシア兵), Ministry of Defence(国防省)
    return None


def _same_head(ja: str, head_word: str, heads: HeadTable) -> bool:
    """Whether the Japanese ends with a head (longest first) whose English includes ``head_word``'s lemma
    (the English head: the last word, or the word before ``of``)."""
    lemma = lemma_en(head_word)
    for k in range(min(len(ja) - 1, 4), 0, -1):
        english = heads.get(ja[-k:])
        if english is not None:
            return lemma in english
    return False


# Scientific names: a binomial or trinomial (Panthera uncia), or a family, order or tribe (Liparidae)
_TAXON_RE = re.compile(r"[A-Z][a-z]+(?: [a-z]{2,}(?:us|um|a|ae|is|os|i|ii|ensis|oides|ens|ans|ax|ix|ex))"
                       r"{1,2}|[A-Z][a-z]+(?:idae|inae|aceae|ales|iformes|ini)")
_TAXON_JA_RE = re.compile(rf"([{KATA}]{{2,}}(?:亜科|科|属|目|族)?)[(（]?$")


def _taxon_pair(text: str, start: int, end: int) -> Optional[Pair]:
    """``ユキヒョウ(Panthera uncia)``, ``クサウオ科(Liparidae)``, ``シマフクロウBubo blakistoni``: a katakana
    name and its scientific name, in parentheses or glued.

    Nothing sounds alike here, so the evidence is the form itself: a Latin
    binomial or a family name in parentheses right after a katakana name.
    """
    if text[end - 1:end] in (")", "）"):
        end -= 1
    in_parens = text[start - 1:start] in ("(", "（") and text[end:end + 1] in (")", "）")
    glued = start > 0 and is_katakana(text[start - 1])  # シマフクロウBubo blakistoni
    if not (_TAXON_RE.fullmatch(text, start, end) and (in_parens or glued)):
        return None
    m = _TAXON_JA_RE.search(text, max(0, start - 20), start)
    if m is None or coded_similarity(m.group(1), text[start:end].split()) >= T_ADJ:
        return None  # パトリオット(Patriot missiles) sounds alike: an ordinary pair, not a scientific name
    return Pair((m.start(1), m.end(1)), (start, end), 3.0, "taxon")


_EN_HEADS: Dict[int, Tuple[HeadTable, FrozenSet[str]]] = {}


def english_heads(heads: HeadTable) -> FrozenSet[str]:
    """The English lemmas of a head table (computed once per table, not once per paragraph)."""
    cached = _EN_HEADS.get(id(heads))
    if cached is None or cached[0] is not heads:
        cached = (heads, frozenset(w for ws in heads.values() for w in ws if w not in ("*", "@")))
        _EN_HEADS[id(heads)] = cached
    return cached[1]


# A post glossed in English is a title, not a pair (ANNOTATION.md: titles and descriptive phrases
# are not; names inside such a gloss can be): 内務大臣(Ihor KLYMENKO, Minister of Internal Affairs)
_POST_TITLE = re.compile(r"(?:the\s+)?(?:(?:Deputy|Vice|Acting|First|Former|Prime|Foreign|Defen[cs]e|Interior)\s+)*"
                         r"(?:Minister|President|Ambassador|Secretary|Governor|Mayor|Chancellor|"
                         r"Spokes(?:man|person|woman))(?:\s+(?:of|for)\s.*)?", re.IGNORECASE)


def _listed_acronym(text: str, units: List[Unit], item: EnItem, heads: HeadTable,
                    acronyms: Optional[AcronymTable]) -> Optional[Pair]:
    """``情報総局(HUR)``, ``OCHA=国連人道問題調整事務所``: an acronym beside a Japanese name ``acronyms.jsonl``
    lists for it (``components.pair_acronyms``). A country written right before the name joins it as it
    does for a spelled acronym (``_with_country_before``)."""
    if not acronyms or len(item.words) != 1:
        return None
    found = listed_acronym_pair(text, item.start, item.end, acronyms)
    if not found:
        return None
    (start, end), en = found
    return Pair((_with_country_before(text, units, heads, start, end, item.text), end), en, 1.0, "acronym")


# a bracket holding only katakana right after a Latin chunk (BLUE RIDGE(ブルー・リッジ)): the chunk is a name
_KATAKANA_BRACKET_AFTER = re.compile(r"[ \t]?[(（][\u30a1-\u30fa\u30fc・ ]+[)）]")

class TakenHalves:
    """The Japanese halves paired so far, sorted by start with the longest one's length: whether a new half
    overlaps one is two bisections and the few halves between, not a pass over all (a long doc pairs thousands)."""

    def __init__(self, halves: Iterable[Tuple[int, int]] = ()) -> None:
        self._halves = sorted(halves)
        self._reach = max((end - start for start, end in self._halves), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a taken half (one that starts ``_reach`` or more before it ends first)."""
        near = self._halves[bisect_right(self._halves, (start - self._reach, inf)):bisect_left(self._halves, (end,))]
        return any(start < b for _, b in near)

    def add(self, half: Tuple[int, int]) -> None:
        insort(self._halves, half)
        self._reach = max(self._reach, half[1] - half[0])



def find_pairs(text: str, heads: HeadTable, known: Optional[KnownTable] = None,
               acronyms: Optional[AcronymTable] = None) -> List[Pair]:
    """All Japanese/Latin pairs in ``text``, one-to-one, best evidence first.

    Args:
        text (str): A paragraph.
        heads (HeadTable): Japanese head → English lemmas (``"*"``: name-forming suffix,
            ``"@"``: a name that may open an organisation's name, such as ロシア).
        known (Optional[KnownTable]): Folded Latin name → Japanese forms (``load_known``).
        acronyms (Optional[AcronymTable]): Acronym → listed Japanese names (``pair_acronyms.load_acronyms``).

    Returns:
        List[Pair]: Pairs in text order.
    """
    text = fold_width(text)
    en_heads = english_heads(heads)
    listed = list_pairs(text)  # ・US Air Force アメリカ空軍: list entries, Latin first (components.pair_lists)
    pairs: List[Pair] = [Pair(ja, en, 2.0, "list") for ja, en in listed]
    taken_ja = TakenHalves(ja for ja, _ in listed)
    prev_end = 0
    for cs, ce in latin_chunks(text):
        if any(es < ce and cs < ee for _, (es, ee) in listed):
            prev_end = ce
            continue
        taxon = _taxon_pair(text, cs, ce)
        if taxon is not None:
            if not taken_ja.overlaps(taxon.ja[0], taxon.ja[1]):
                pairs.append(taxon)
                taken_ja.add(taxon.ja)
            prev_end = ce
            continue
        kind = chunk_kind(text[cs:ce])  # once per chunk (a pure function of the chunk)
        if kind == "headline" and _KATAKANA_BRACKET_AFTER.match(text, ce) and len(text[cs:ce].split()) <= 4:
            kind = "names"  # BLUE RIDGE(ブルー・リッジ): a name in capitals with its reading, no headline
        if kind == "headline":
            prev_end = ce
            continue
        if kind == "sentence":
            _add_translation(pairs, taken_ja, text, cs, ce)
            prev_end = ce
            continue
        units = ja_units(text, _window_start(text, cs, prev_end), cs, heads)
        cands: List[Tuple[float, int, int, int, str]] = []
        items = en_items(text, cs, ce, en_heads)
        last_word = _EN_WORD_END.search(text, cs, ce) if known and len(items) != 1 else None
        if last_word is not None:  # one known name or term, not two (Center for Strategic and International
            # Studies) or none (no-fly zone: lower-case words make no name item)
            start, end = (items[0].start, items[-1].end) if items else (cs, last_word.end())
            whole = EnItem(start, end, text[start:end], text[start:end].split(), initial=True)
            found = _known_pair(text, whole, known)
            if found and not taken_ja.overlaps(found.ja[0], found.ja[1]):
                pairs.append(found)
                taken_ja.add(found.ja)
                prev_end = ce
                continue
        for ii, item in enumerate(items):
            if item.internal and not internal_ok(item) or _POST_TITLE.fullmatch(item.text):
                continue
            first = _reading_pair(text, item) or _latin_first(text, item, heads) or _known_pair(text, item, known) or \
                _listed_acronym(text, units, item, heads, acronyms) or _glued_after(text, item, known, acronyms) or \
                _acronym_glued_before(text, item, acronyms)
            if first:
                cands.append((3.0, ii, first.ja[0], first.ja[1], first.evidence))
            for score, js, je, ev in _candidates(text, units, item, heads, cs):
                cands.append((score, ii, js, je, ev))
            paren = _paren_pair(text, units, item, heads) or _designation_pair(text, item)
            if paren:
                cands.append((paren[0], ii, paren[1], paren[2], paren[3]))
        cands = _prefer_whole_translation(text, cs, ce, items, cands)
        used_items: Set[int] = set()
        for score, ii, js, je, ev in sorted(cands, key=lambda c: -c[0]):
            if ii in used_items or taken_ja.overlaps(js, je):
                continue
            used_items.add(ii)
            taken_ja.add((js, je))
            pairs.append(_with_translated_rest(text, cs, ce, Pair((js, je), (items[ii].start, items[ii].end),
                                                                  round(score, 3), ev)))
        if not used_items:  # the dictionary only where cheaper rules found nothing
            listed_first = len(items) > 1 and items[0].initial and _LISTED_AFTER.match(text, items[0].end)
            # (North Atlantic Treaty Organization、NATO): the first name translates, not the list
            _add_translation(pairs, taken_ja, text, cs, items[0].end if listed_first else ce)
        prev_end = ce
    if "#" in text:
        taken_en = [p.en for p in pairs]
        for tag in hashtag_pairs(text, known):
            if not taken_ja.overlaps(tag.ja[0], tag.ja[1]) and tag.en not in taken_en:
                pairs.append(tag)
                taken_ja.add(tag.ja)
    return sorted((_with_dotted_lead(text, _without_cut_number(text, _with_shared_designation(text, p)))
                   for p in pairs), key=lambda p: p.ja)


# 作戦・戦略司令部(OSK), 戦略指揮・参謀部演習(SKShU): the words before a ・ that the acronym still has letters for
_DOTTED_LEAD = re.compile(r"[\u4e00-\u9fff]{1,6}・$")  # kanji words: a katakana descriptor (シンクタンク・) is none


def _with_dotted_lead(text: str, pair: Pair) -> Pair:
    """An acronym's Japanese side widened back over a word joined to it by ``・`` where the side alone has
    fewer words than the acronym has capitals (``戦略司令部`` has two for the three of OSK: 作戦・ is the
    first, as the word's gloss or sound gives O)."""
    en = text[pair.en[0]:pair.en[1]]
    if not (_ACRONYM.fullmatch(en) or _MIXED_ACRONYM.fullmatch(en)) or pair.ja[0] < 2 or text[pair.ja[0] - 1] != "・":
        return pair
    capitals = sum(ch.isupper() for ch in en)
    words = len(acronym_words(text[pair.ja[0]:pair.ja[1]]))
    lead = _DOTTED_LEAD.search(text, max(0, pair.ja[0] - 7), pair.ja[0])
    first = (acronym_words(lead.group(0)[:-1]) or [""])[0] if lead is not None else ""
    if lead is None or words >= capitals or not first or not gives_letter(first, en[0].upper()):
        return pair  # the word before the dot must give the acronym's first letter (米国・国防総省(DoD): no)
    return Pair((lead.start(), pair.ja[1]), pair.en, pair.score, pair.evidence)


def _without_cut_number(text: str, pair: Pair) -> Pair:
    """``pair`` with a number its Japanese side cuts in two left out (『ザーパド2017』(Zapad) gave ザーパド201: the
    name is ザーパド; a side never ends inside a number)."""
    start, end = pair.ja
    if not (end < len(text) and text[end].isdigit() and text[end - 1].isdigit()):
        return pair
    while end > start and text[end - 1].isdigit():
        end -= 1
    return Pair((start, end), pair.en, pair.score, pair.evidence) if end > start else pair


# スホイ Su-24(Sukhoi Su-24): a Latin designation between the Japanese name and the bracket, which the Latin side
# ends with too: the two sides name the same thing, the designation in both
_SHARED_DESIGNATION = re.compile(r"([ \u3000]?[A-Za-z][A-Za-z0-9]*[-‐][0-9][A-Za-z0-9-]*)[ \u3000]?[(（]")


def _with_shared_designation(text: str, pair: Pair) -> Pair:
    """``pair`` with its Japanese side widened over a designation written after it that the Latin side ends with
    (``スホイ|Sukhoi Su-24`` → ``スホイ Su-24|Sukhoi Su-24``)."""
    m = _SHARED_DESIGNATION.match(text, pair.ja[1])
    if m is None or m.end() != pair.en[0]:
        return pair
    designation = m.group(1).strip()
    en = text[pair.en[0]:pair.en[1]]
    if not en.endswith(" " + designation):
        return pair
    return Pair((pair.ja[0], pair.ja[1] + len(m.group(1))), pair.en, pair.score, pair.evidence)


# A Japanese hashtag and the English one after it (#ウクライナ侵攻#UkraineInvasion, #戦争犯罪 #WarCrimes),
# as blogs and pages that repost social media end a text.
_HASHTAG_PAIR = re.compile(r"[#＃]([^\s#＃\x00-\x7f]{2,})[ \u3000]*[#＃]([A-Za-z][A-Za-z0-9]*)(?![A-Za-z0-9])")
_CAMEL_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
HASHTAG_MIN = 0.5  # share of the English tag's words the Japanese tag's glosses account for


def hashtag_pairs(text: str, known: Optional[KnownTable] = None) -> List[Pair]:
    """Japanese/English hashtag pairs whose words translate (JMdict), sound alike or are a known exonym."""
    found = []
    for match in _HASHTAG_PAIR.finditer(text):
        ja, en = match.group(1), match.group(2)
        words = _CAMEL_WORD.findall(en)
        if known and ja in known.get(fold_latin(en), ()):
            evidence = "exonym"
        elif is_katakana(ja) and similarity(ja, en) >= HASHTAG_MIN + 0.25:
            evidence = "phonetic"
        elif translation_score(ja, words) >= HASHTAG_MIN:
            evidence = "translation"
        else:
            continue
        found.append(Pair(match.span(1), match.span(2), 1.0, evidence))
    return found


def _with_translated_rest(text: str, cs: int, ce: int, pair: Pair) -> Pair:
    """``亡命政府(Government in exile)``: a pair whose Latin half is the chunk's first name, cut where a
    lower-case word starts what the name-cutter takes for a gloss, takes the whole chunk where the
    dictionary says the Japanese half translates all of it word for word."""
    if pair.en[0] != cs or pair.en[1] >= ce or not _LOWER_WORD_AFTER.match(text, pair.en[1], ce):
        return pair
    found = translation_pair(text, cs, ce)
    if found is None or found[0] != pair.ja or found[1][1] <= pair.en[1]:
        return pair
    return Pair(pair.ja, found[1], pair.score, "translation")


_LOWER_WORD_AFTER = re.compile(r"[ \u3000]+[a-z]")


def _prefer_whole_translation(text: str, cs: int, ce: int, items: Sequence[EnItem],
                              cands: List[Tuple[float, int, int, int, str]]) -> List[Tuple[float, int, int, int, str]]:
    """``ウクライナ国家警察(National Police of Ukraine)``: where one English name of several words
    translates word for word a Japanese term that contains the best candidate's Japanese side
    (ウクライナ, which only sounds like its last word), the translation is the pair; where the translated
    term starts right after that side (アメリカ|合衆国, United States of America), both are."""
    if len(items) != 1 or not cands or " " not in items[0].text:
        return cands
    best = max(cands, key=lambda c: c[0])
    if best[3] >= len(text[:cs].rstrip(GAP_CHARS)) and (best[2] == 0 or not CONTENT_CHAR.match(text[best[2] - 1])):
        return cands  # the best side already spans the whole Japanese run: a translation could not be longer
    found = translation_pair(text, cs, ce)
    if found is None or found[1] != (items[0].start, items[0].end):
        return cands
    (ts, te), _ = found
    if ts <= best[2] and best[3] <= te and te - ts > best[3] - best[2]:
        return [(best[0], best[1], ts, te, "translation")]
    if best[3] == ts:  # アメリカ|合衆国(United States of America): the name that sounds alike, then the translated rest
        return [(best[0], best[1], best[2], te, "translation")]
    return cands


# the end of a chunk's last English word (trailing brackets and punctuation left out)
_EN_WORD_END = re.compile(r"[^\W_](?=[\W_]*$)")
# a list mark after a chunk's first name: another form of it follows (… Organization、NATO)
_LISTED_AFTER = re.compile(r"\s*[、,]\s*")


def _add_translation(pairs: List[Pair], taken_ja: "TakenHalves", text: str, cs: int, ce: int) -> None:
    """``決戦(decisive battle)``: a Latin chunk that translates the Japanese before it (``components.translation``)."""
    found = translation_pair(text, cs, ce) or translation_before(text, cs, ce)  # the English first: cease-fire(停戦)
    if found and _POST_TITLE.fullmatch(text[found[1][0]:found[1][1]]):
        return
    if found and not taken_ja.overlaps(found[0][0], found[0][1]):
        pairs.append(Pair(found[0], found[1], 1.0, "translation"))
        taken_ja.add(found[0])


def load_heads(lines: Sequence[str]) -> Dict[str, FrozenSet[str]]:
    """Parse the head list TSV (``ja``, ``en|en``, ``source``); ``#`` lines are comments."""
    table: Dict[str, FrozenSet[str]] = {}
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        table[cols[0]] = frozenset(lemma_en(w) if w not in ("*", "@") else w for w in cols[1].split("|"))
    return table
