"""``bilingual_aligner``: Japanese/Latin term pairs and katakana variant evidence.

Writes to ``doc.spans[spans_key]`` (default ``"bilingual"``):

- ``JA`` and ``EN`` spans, one of each per pair (``ポクロウスク`` / ``Pokrovsk``),
  each storing ``{"counterpart": [start_char, end_char], "pair_id": N,
  "evidence": "phonetic"|"head"|"paren"|"acronym"|"class"|"exonym"|"designation"|"taxon"|"translation"|"list"|…}`` through
  ``components.attributes.set_span_attrs``; a half shared by two pairs (``北大西洋条約機構`` glossed by
  ``NATO`` and ``North Atlantic Treaty Organization``; ``Odessa`` spelled ``オデッサ`` and ``オデーサ``)
  is one span whose further counterparts are in ``"more_counterparts": [[start_char, end_char, pair_id], ...]``;
- ``VARIANT`` spans for parenthesised alternative spellings
  (``ポクロフスク(ポクロウスク、パコフスク)``), storing
  ``{"variant_of": [start_char, end_char]}``. They are glossary evidence, not pairs.

``doc._.pairs`` (getter) rebuilds the record-format pair list from the
attribute store, and ``span._.counterpart`` (getter) returns the other side's
Span, so nothing beyond the store has to survive ``DocBin`` or ``n_process``.
The candidate finding and boundary decisions live in ``components.pair_rules``.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span


from .registration import factory
from .attributes import STORE_ATTR, get_span_attrs, iter_store, register_extensions, set_span_attrs, store_key
from .gazetteer import token_view
from .tables import TablePipe
from .weapon_rules import HULL_NUMBER, HULL_TYPE
from .pair_rules import (JA_TERM_RUN, HeadTable, KnownTable, Pair, Variant, find_pairs, find_variants, fold_width,
                         load_heads, load_known)
from .pair_acronyms import AcronymTable, load_tables
from .pair_expansions import expansion_pairs, spelling_pairs, spells_in_order
from .pair_unify import label_glosses, trim_count, unify_pairs

logger = logging.getLogger(__name__)

SPANS_KEY = "bilingual"
JA, EN, VARIANT = "JA", "EN", "VARIANT"
DATA_FILE = "bilingual_heads.tsv"
KNOWN_FILE = "exonyms.jsonl"  # Japanese names of places/bodies that no sound match can pair
ACRONYM_FILE = "acronyms.jsonl"  # acronyms and the Japanese names their letters do not spell (HUR: 情報総局)
# translated terms written beside their English that no word-by-word gloss finds (反転攻勢 / counteroffensive)
TERMS_FILE = "translated_terms.jsonl"


def get_pairs(doc: Doc) -> List[Dict[str, Dict[str, Any]]]:
    """Record-format pairs ``[{"ja": {...}, "en": {...}}]`` from the attribute store, by pair id."""
    found = []
    for label, start, end, attrs in iter_store(doc):
        if label == JA and "counterpart" in attrs:
            en_start, en_end = attrs["counterpart"]
            found.append((attrs.get("pair_id", 0), start, end, en_start, en_end))
            for en_start, en_end, pair_id in attrs.get("more_counterparts", ()):
                found.append((pair_id, start, end, en_start, en_end))
    text = token_view(doc).text  # the cached view: Doc.text builds a Token object per token
    return [{"ja": {"start": s, "end": e, "text": text[s:e]},
             "en": {"start": es, "end": ee, "text": text[es:ee]}}
            for _, s, e, es, ee in sorted(found)]


def get_counterpart(span: Span) -> Optional[Span]:
    """The other side of a ``JA`` or ``EN`` span's pair, or None."""
    if span.label_ not in (JA, EN):
        return None
    where = get_span_attrs(span).get("counterpart")
    if not where:
        return None
    return span.doc.char_span(where[0], where[1], label=EN if span.label_ == JA else JA)


def get_variants(doc: Doc) -> List[Dict[str, Any]]:
    """Parenthesised alternative spellings: ``[{"start", "end", "text", "of": {...}}]``."""
    text = token_view(doc).text  # the cached view: Doc.text builds a Token object per token
    out = []
    for label, start, end, attrs in iter_store(doc):
        if label == VARIANT and "variant_of" in attrs:
            s, e = attrs["variant_of"]
            out.append({"start": start, "end": end, "text": text[start:end],
                        "of": {"start": s, "end": e, "text": text[s:e]}})
    return sorted(out, key=lambda v: v["start"])


WEAPONS_KEY = "weapons"  # weapon_recognizer's span group, read where it ran before this component
_OPEN, _CLOSE = ("(", "（"), (")", "）")
_ACRONYM_RE = re.compile(r"[A-Z]{2,6}")


def class_gloss_pairs(text: str, doc: Doc, pairs: Sequence[Pair]) -> List[Pair]:
    """``大陸間弾道ミサイル(ICBM)``, ``自走榴弾砲(self-propelled howitzer)``: a Japanese WEAPON class
    glossed in parentheses by a Latin WEAPON span that fills them.

    The acronym of a weapon class is seldom built from the Japanese words'
    dictionary glosses (大陸 is "continent", ICBM starts with "intercontinental"),
    and a class written out in English is often no word-for-word translation
    either (自走 is "self-propulsion", 徘徊型弾薬's 型 glosses no English word).
    Where the weapon recogniser took both sides as WEAPONs, the parentheses make
    them one term in two languages: an acronym always, an English class where
    the recogniser gave both the same kind of weapon (``bomber`` and
    ``strategic bomber``; ``drone`` and ``reconnaissance_drone``). A named
    system on either side is left to the name rules (``巡航ミサイル(Kalibr)`` is
    a class and a name, not a pair).
    """
    if WEAPONS_KEY not in doc.spans:
        return []
    spans = {(s.start_char, s.end_char): s for s in doc.spans[WEAPONS_KEY]}
    by_start = {start: (end, span) for (start, end), span in spans.items()}
    taken = _halves(pairs)
    out: List[Pair] = []
    for (start, end), span in sorted(spans.items()):
        if text[end:end + 1] not in _OPEN or text[start:end].isascii():
            continue
        a_end, gloss = by_start.get(end + 1, (None, None))
        if a_end is None or text[a_end:a_end + 1] not in _CLOSE:
            continue
        if _ACRONYM_RE.fullmatch(text[end + 1:a_end]):
            evidence = "acronym"
        elif span.kb_id_ and _names_system(text[end + 1:a_end], span.kb_id_):
            evidence = "name"  # 旅洋II型(Luyang II-class): the system the gazetteer knows, by its English name
        elif text[end + 1:a_end].isascii() and not span.kb_id_ and not gloss.kb_id_ \
                and _same_kind(get_span_attrs(span).get("weapon_class"), get_span_attrs(gloss).get("weapon_class")):
            evidence = "class"
        else:
            continue
        if any(s < e2 and s2 < e for s, e in ((start, end), (end + 1, a_end)) for s2, e2 in taken):
            continue
        out.append(Pair((start, end), (end + 1, a_end), 2.0, evidence))
    out += _latin_first_class_glosses(text, spans, by_start, taken + _halves(out))
    out += _spaced_type_codes(text, spans, by_start, taken + _halves(out))
    return out


def _spaced_type_codes(text: str, spans: Mapping[Tuple[int, int], Span], by_start: Mapping[int, Tuple[int, Span]],
                       taken: Sequence[Tuple[int, int]]) -> List[Pair]:
    """``護衛艦  DD``, ``掃海艦 MSO``: a Japanese ship type and its navy's type code after spaces, as tables
    write them (the code in brackets is ``class_gloss_pairs``' acronym case)."""
    out: List[Pair] = []
    for (start, end), span in sorted(spans.items()):
        if text[start:end].isascii():
            continue
        at = end
        while at < len(text) and text[at] in " \u3000":
            at += 1
        code = by_start.get(at) if at > end else None
        if code is None or not HULL_TYPE.fullmatch(text[at:code[0]]):
            continue
        if _overlaps((start, end), taken) or _overlaps((at, code[0]), taken):
            continue
        out.append(Pair((start, end), (at, code[0]), 2.0, "acronym"))
    return out


def _with_glued_number(text: str, pair: Pair) -> Pair:
    """A Japanese half that starts right after digits glued to it takes them when the Latin half writes the
    same number (``90式戦車(Type 90)``: the type number is part of the name, not a figure before it); a whole
    code glued before it that the Latin half opens with goes with it too (``M48パットン M48 Patton``)."""
    latin = text[pair.en[0]:pair.en[1]]
    start = pair.ja[0]
    while start > 0 and text[start - 1].isascii() and (text[start - 1].isalnum() or text[start - 1] == "-"):
        start -= 1
    if start < pair.ja[0] and any(c.isdigit() for c in text[start:pair.ja[0]]) \
            and latin.startswith(text[start:pair.ja[0]]):
        return Pair((start, pair.ja[1]), pair.en, pair.score, pair.evidence)  # M48パットン(M48 Patton): the whole code
    start = pair.ja[0]
    while start > 0 and text[start - 1].isdigit() and text[start - 1].isascii():
        start -= 1
    if start == pair.ja[0] or text[start:pair.ja[0]] not in latin:
        return pair
    return Pair((start, pair.ja[1]), pair.en, pair.score, pair.evidence)


_NUMBER_THEN_LETTER = re.compile(r"[0-9]+(?=[A-Za-z])")


def _with_name_number(text: str, pair: Pair) -> Pair:
    """A Latin half that opens with digits glued to its first word and ends with the same digits
    (``ボルゴネフト|239Volgoneft 239``) gives them to the Japanese half before it: the number is the end of the
    Japanese name written with no space before its English form (ボルゴネフト239 / Volgoneft 239)."""
    (js, je), (es, ee) = pair.ja, pair.en
    number = _NUMBER_THEN_LETTER.match(text, es, ee)
    if je != es or number is None or not text[es:ee].endswith(" " + number.group(0)):
        return pair
    return Pair((js, number.end()), (number.end(), ee), pair.score, pair.evidence)


_ENDS_WITH_CLASS = re.compile(r"[- ][Cc]lass$")


def _to_class_mark(text: str, pair: Pair) -> Pair:
    """A Latin half that ends with "class" (``Ropucha Class``) names the class, so the Japanese half ends at its
    級 (``ロプーチャ級|戦車揚陸艦``): the ship type after the mark is a span of its own, not glossed."""
    (js, je), (es, ee) = pair.ja, pair.en
    mark = text.find("級", js, je - 1)
    if mark <= js or not _ENDS_WITH_CLASS.search(text[es:ee]):
        return pair
    return Pair((js, mark + 1), pair.en, pair.score, pair.evidence)


def _balanced(latin: str) -> bool:
    """Whether a Latin side closes every bracket it opens (a name may hold one: ``Mk 41 (VLS)``)."""
    return latin.count("(") + latin.count("（") == latin.count(")") + latin.count("）")


_CLASS_WORD = re.compile(r"[- ]class\b.*$")


def _names_system(latin: str, canonical: str) -> bool:
    """Whether a Latin name (``Luyang II-class``) is the gazetteer's system ``canonical`` (``Type 052C destroyer
    (Luyang II)``): its words without ``-class`` written in the canonical name, whole words."""
    name = _CLASS_WORD.sub("", latin).strip().lower()
    return len(name) >= 3 and re.search(rf"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])", canonical.lower()) is not None


def _latin_first_class_glosses(text: str, spans: Mapping[Tuple[int, int], Span],
                               by_start: Mapping[int, Tuple[int, Span]],
                               taken: Sequence[Tuple[int, int]]) -> List[Pair]:
    """The same the other way round: an English class written out, then the Japanese class in parentheses
    (``self-propelled howitzer(自走榴弾砲)``) or glued after it inside a gloss
    (``HIMARS(High Mobility Artillery Rocket System高機動ロケット砲システム)``): one term in two scripts where the
    recogniser gave both sides the same kind of weapon and neither is a named system, or both are names of one
    system."""
    out: List[Pair] = []
    for (start, end), span in sorted(spans.items()):
        latin = text[start:end]
        if not latin.isascii() or (" " not in latin.strip() and not _ACRONYM_RE.fullmatch(latin)):
            continue  # an English class of two words, or a class acronym (MLRS(多連装ロケットシステム))
        at = end + 1 if text[end:end + 1] in _OPEN else end
        if at == end and " " not in latin.strip():
            continue  # RPG対戦車ロケットランチャー: a class acronym glued to a class noun is a name beside its class
        j_end, gloss = by_start.get(at, (None, None))
        if j_end is None or text[at:j_end].isascii() or (at > end and text[j_end:j_end + 1] not in _CLOSE):
            continue
        if span.kb_id_ or gloss.kb_id_:
            if span.kb_id_ != gloss.kb_id_:
                continue  # two names of one system are one term; a name and a class are not
        elif not _same_kind(get_span_attrs(span).get("weapon_class"), get_span_attrs(gloss).get("weapon_class")):
            continue
        if _overlaps((start, end), taken) or _overlaps((at, j_end), taken):
            continue
        out.append(Pair((at, j_end), (start, end), 2.0, "class"))
    return out


def _same_kind(one: Optional[str], other: Optional[str]) -> bool:
    """Whether two weapon classes name one kind: equal, or one narrows the other's last word
    (``reconnaissance_drone`` and ``drone``)."""
    if not (one and other):
        return False
    one, other = _KIND_OF.get(one, one), _KIND_OF.get(other, other)
    return one == other or one.rsplit("_", 1)[-1] == other.rsplit("_", 1)[-1]


# classes that name one kind under two names: an English "Rocket System" is a rocket launcher (MLRS)
_KIND_OF = {"rocket": "rocket_launcher", "mlrs": "rocket_launcher"}


UNITS_KEY = "military_units"  # military_unit_recognizer's span group


def _same_numbered_unit(one: Span, other: Span) -> bool:
    """``第41諸兵科連合軍(41 CAA)``: two MIL_UNIT spans with the same number and echelon.

    ISW's abbreviations (``41 CAA``, ``1 GTA``) name no unit the gazetteer knows,
    so the two spellings get no common canonical name; their number and echelon
    say they are the same formation.
    """
    if one.label_ != "MIL_UNIT" or other.label_ != "MIL_UNIT":
        return False
    a, b = get_span_attrs(one), get_span_attrs(other)
    return a.get("number") is not None and a.get("number") == b.get("number") and \
        a.get("echelon") is not None and a.get("echelon") == b.get("echelon")


def drop_class_name_pairs(text: str, doc: Doc, pairs: List[Pair]) -> List[Pair]:
    """Drop ``戦車(T64)``, ``戦闘爆撃機(Su-34)``: a weapon class and a model designation beside it are two
    spans, a system and its kind (ANNOTATION.md's ``T-90M|戦車``), not one term in two scripts.

    The Japanese half is a WEAPON span the recogniser left without a canonical name (a class),
    the Latin half a designation with digits it resolved to a named system. A letter acronym
    may abbreviate the class words (``誘導滑空爆弾(KAB)``, corpus/gold) and stays; a class glossed by a class acronym
    (``大陸間弾道ミサイル(ICBM)``) has no canonical on either side and stays, and so does a class
    whose words spell the name (``高機動ロケット砲システム(HIMARS)``, acronym evidence).
    """
    if WEAPONS_KEY not in doc.spans or not pairs:
        return pairs
    kb_ids = {(s.start_char, s.end_char): s.kb_id_ for s in doc.spans[WEAPONS_KEY]}
    return [p for p in pairs if p.evidence in _SPELLED or not any(ch.isdigit() for ch in text[p.en[0]:p.en[1]])
            or not (kb_ids.get(p.ja) == "" and kb_ids.get(p.en))]


# evidence that the class words spell or translate the name: 高機動ロケット砲システム(HIMARS) is a pair
_SPELLED = frozenset({"acronym", "translation"})


_JAPANESE_SCRIPT = re.compile(r"[\u3041-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f々〆]")


def _has_japanese(name: str) -> bool:
    """Whether a spelling is written in kana or kanji (``Fürst`` and ``Su-34`` are not: the Latin side)."""
    return _JAPANESE_SCRIPT.search(name) is not None


_HAS_DIGIT = re.compile(r"[0-9０-９]")
_KANJI = re.compile(r"[\u4e00-\u9fff]")


def same_name_pairs(text: str, doc: Doc, pairs: Sequence[Pair]) -> List[Pair]:
    """``スホーイ34（Su-34）``, ``Su-34（スホーイ34）``: a Japanese and a Latin span, one in parentheses
    right after the other, that the recognisers resolved to the same canonical name.

    A transliteration test cannot see that スホーイ is "Su" (an abbreviation of
    Sukhoi), but where both spellings are in the same gazetteer entry the
    parentheses make them one name in two scripts. A list of spellings in the
    parentheses (``Su-34（スホーイ34、スホイ34）``) pairs each with the name before them, and a Latin
    name with its katakana spelling after a slash (``EXOCET/エグゾセ``, as hobby lists write them) is
    one pair too.
    """
    spans = [s for key in (WEAPONS_KEY, UNITS_KEY) if key in doc.spans for s in doc.spans[key] if s.kb_id_]
    if len(spans) < 2:
        return []
    by_start = {s.start_char: s for s in spans}
    taken = _halves(pairs)
    out: List[Pair] = []
    for first in spans:
        end = first.end_char
        if text[end:end + 1] in _SLASHES and end + 1 in by_start and _is_latin(text[first.start_char:end]) \
                and not text[end + 1:end + 2].isascii():
            # EXOCET/エグゾセ: a list's Latin name, a slash, its katakana spelling (M48/M60パットン: another model)
            inside = [by_start[end + 1]]
        elif text[end:end + 1] not in _OPEN:
            continue
        else:
            inside = _bracketed_names(text, by_start, end + 1)
        if not inside or not all(s.kb_id == first.kb_id or _same_numbered_unit(first, s) for s in inside):
            continue
        one = (first.start_char, end)
        taken_before, shared = list(taken), set()
        for second in inside:
            other = (second.start_char, second.end_char)
            first_ja, second_ja = _has_japanese(text[one[0]:one[1]]), _has_japanese(text[other[0]:other[1]])
            if first_ja == second_ja:
                continue  # two Japanese or two Latin spellings: a variant, not a pair
            if bool(_HAS_DIGIT.search(text[one[0]:one[1]])) != bool(_HAS_DIGIT.search(text[other[0]:other[1]])):
                continue  # F16（ファイティング・ファルコン）: a designation and a nickname, two names of one system
            ja, en = (one, other) if first_ja else (other, one)
            ja_text = text[ja[0]:ja[1]]
            if first.label_ == "WEAPON" and _KANJI.search(ja_text) and _digits(ja_text) != _digits(text[en[0]:en[1]]):
                continue  # KN-23（火星11カ）: a designation and the maker's own name, no spelling of it
                # (殲10C(J10C), 運-8/Y-8: the Chinese name and its Latin form share the number, and are a pair)
            if _overlaps(ja, taken) or _overlaps(en, taken if en not in shared else taken_before):
                continue  # a name the list shares is taken once per list, not per spelling
            out.append(Pair(ja, en, 2.0, "gazetteer"))
            shared.add(en)
            taken += [ja, en]
    return out


def _digits(text: str) -> str:
    """The digits of a name, in order (``殲10C`` → ``10``), to tell a designation's other script from another name."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isdigit())


# 第45装甲旅団(ドイツ語:Panzerbrigade 45、略称:…): a bracket that gives the name in a named language.
# Only Latin script pairs (the development gold pairs 3 of 3 Latin names given so, 0 of 4 Cyrillic ones), its
# letters with diacritics too (ラトビア国軍(ラトビア語: Nacionālie bruņotie spēki)).
# The label may be missing after a reading (``自走砲(じそうほう、Self-propelled artillery, …)``,
# ``大隊戦術群(だいたいせんじゅつぐん、: Battalion Tactical Group)``): an article's opening bracket, reading
# first, then the name in Latin script, is the same gloss with the language left implicit. 英称, 英名 (the English
# name) label it as 英語 does, with or without a colon (宇宙作戦群(…、英称Space Operations Group)).
# Such a bracket lists the name in several languages (西部軍管区(せいぶぐんかんく、ロシア語: Западный военный
# округ、英語: Western Military District)): each Latin name in it pairs with the term, wherever it stands in the
# list, but an abbreviation the bracket labels as one (略称: BTG, 略称PDF), which is no name of the term in
# another language.
# a language named in full (ドイツ語), or by the one kanji Wikipedia writes before a colon (英: Battle in Berlin,
# 西: Guerra de las Malvinas)
_NAMED_LANGUAGE = r"(?:[\u30a1-\u30fa\u4e00-\u9fffー]{1,8}語|[英米仏独露西伊葡蘭羅希芬土韓越](?=[ \u3000]*[:：]))"
_ENGLISH_NAME_LABEL = r"英称|英名|英語名|英文名|英語表記|英文表記"
_ROMANISATION_LABEL = r"[\u30a1-\u30fa\u4e00-\u9fffー]{1,8}(?:転写|翻字)"
_ABBREVIATION_LABEL = r"略称|略号"
# a reading: kana with some hiragana (ドイツれんぽうぐん reads a name with a country in katakana)
_LEAD_BRACKET = re.compile(rf"[ \u3000]?[(（](?=(?=[\u3041-\u3096\u30a1-\u30faー]{{2,30}}[、,，])[\u30a1-\u30faー]*[\u3041-\u3096]"
                           rf"|(?:{_NAMED_LANGUAGE})[ \u3000]*[:：]"
                           rf"|{_ENGLISH_NAME_LABEL})")
_ITEM_LABEL = re.compile(rf"[ \u3000]*(?:(?P<label>{_NAMED_LANGUAGE}|{_ENGLISH_NAME_LABEL}|{_ROMANISATION_LABEL}"
                         rf"|{_ABBREVIATION_LABEL})[ \u3000]*[:：]?)?[ \u3000]*[:：]?[ \u3000]*")
# a Latin name (9th Airborne Brigade: digits first); after it at most a footnote mark or a katakana reading (Bundeswehr ブンデスヴェーア)
_LATIN_NAME = re.compile(r"((?=[0-9]{0,4}[A-Za-z\u00c0-\u024f])[A-Za-z\u00c0-\u024f0-9][A-Za-z\u00c0-\u024f0-9'’.\-/ ]{0,60}?)[ \u3000]*"
                         r"(?:[\[［][0-9０-９]{1,3}[\]］]|[ \u3000][\u30a1-\u30faー・]+)?[ \u3000]*$")
_ITEM_SEPARATORS = re.compile(r"[、,，;；]")
_NAMED_KEYS = (WEAPONS_KEY, UNITS_KEY, "places")


# the term before such a bracket: a run of kanji and katakana (Wikipedia opens an article with it)
_TERM_BEFORE = re.compile(JA_TERM_RUN + "$")


def _lead_bracket_names(text: str, pos: int) -> List[Tuple[int, int]]:
    """The Latin names the article-opening bracket at ``pos`` gives (``(せいぶぐんかんく、ロシア語: …、英語:
    Western Military District)``), in order; none where no such bracket opens there or it never closes."""
    m = _LEAD_BRACKET.match(text, pos)
    if m is None:
        return []
    inner = m.end()
    close = next((k for k in range(inner, min(len(text), inner + 300)) if text[k] in _CLOSE or text[k] in _OPEN), -1)
    if close < 0 or text[close] in _OPEN:
        return []
    names: List[Tuple[int, int]] = []
    label = None
    item_start = inner
    for cut in [c.start() for c in _ITEM_SEPARATORS.finditer(text, inner, close)] + [close]:
        labelled = _ITEM_LABEL.match(text, item_start, cut)
        if labelled.group("label"):
            label = labelled.group("label")  # an unlabelled item after a labelled one is in its language
        latin = _LATIN_NAME.match(text, labelled.end(), cut)
        if latin is not None and not (label and re.fullmatch(_ABBREVIATION_LABEL, label)):
            names.append(latin.span(1))
        item_start = cut + 1
    return names


def language_label_pairs(text: str, doc: Doc, pairs: Sequence[Pair]) -> List[Pair]:
    """``第45装甲旅団(ドイツ語:Panzerbrigade 45)``, ``リトアニア旅団(ドイツ語:Litauenbrigade)``: a named span
    and each Latin name a bracket gives it in a named language (Wikipedia's way of glossing a name).

    The label says outright that the Latin is the same name, so neither sound nor dictionary has to
    agree (a German compound is no transliteration and no English gloss).
    """
    if "(" not in text and "（" not in text:
        return []
    starts = {s.end_char: s.start_char for key in _NAMED_KEYS if key in doc.spans for s in doc.spans[key]}
    for m in _LEAD_BRACKET.finditer(text):  # 国民統一政府(英語: …): a term no recogniser names, glossed the same way
        if m.start() not in starts and text[m.start()] in _OPEN:
            run = _TERM_BEFORE.search(text, max(0, m.start() - 20), m.start())
            if run is not None and run.end() == m.start():
                starts[m.start()] = run.start()
    taken = _halves(pairs)
    out: List[Pair] = []
    for end, start in sorted(starts.items()):
        ja = (start, end)
        if _overlaps(ja, taken):
            continue
        # a Latin name may keep the pair it has with the katakana reading after it in the bracket
        # (Bundeswehr ブンデスヴェーア): the term before the bracket is one more Japanese form of it
        held = [q for q in taken if q[1] <= end] + [p.en for p in pairs if p.ja[0] < end]
        for en in _lead_bracket_names(text, end):
            if not _overlaps(en, held):
                out.append(Pair(ja, en, 1.0, "language label"))
                taken.append(en)
                held.append(en)
        if out and out[-1].ja == ja:
            taken.append(ja)
    return out


# 主要7カ国(G7), 先進7カ国首脳会議(G7サミット), 主要20カ国・地域(G20): a group of countries named by its count,
# and the G-number that abbreviates it (the rewritten gold pairs all four such of its development half)
_COUNTRY_GROUP = re.compile(r"(?P<ja>(?:主要|先進)?(?P<n>[0-9０-９]{1,2})[カかヵヶケ]国(?:・地域)?)"
                            r"(?:首脳会議|首脳会合|外相会合|財務相会合|サミット|首脳)?[(（]"
                            r"(?P<en>G ?(?P<m>[0-9]{1,2}))(?![0-9])")


def _without_fragments(pairs: Sequence[Pair]) -> List[Pair]:
    """``pairs`` less any whose two halves both lie inside another pair's halves: a word pair read inside a
    longer name pair (ウクライナ/Ukraine in ウクライナ特別監視団/Special Monitoring Mission to Ukraine).
    A pair whose Japanese half holds ``p``'s starts at most the longest half's length before ``p`` ends: the
    pairs so placed are found by bisection, not by a pass over all of them for each (a long doc has thousands)."""
    by_start = sorted(pairs, key=lambda q: q.ja)
    starts = [q.ja[0] for q in by_start]
    reach = max((q.ja[1] - q.ja[0] for q in pairs), default=0)

    def inside_another(p: Pair) -> bool:
        near = by_start[bisect_left(starts, p.ja[1] - reach):bisect_right(starts, p.ja[0])]
        return any(p.ja != q.ja and p.en != q.en and p.within(q.ja, q.en) for q in near)

    return [p for p in pairs if not inside_another(p)]


# ジョン・F・ケネディ(John F. Kennedy), タラジ・P・ヘンソン(Taraji P. Henson): a person's name with a middle
# initial, the initial written in Latin inside the katakana too
_INITIALLED_NAME = re.compile(r"((?:[ァ-ヺー]+・)+[A-ZＡ-Ｚ][.．]?・[ァ-ヺー]+(?:・[ァ-ヺー]+)*)[ \u3000]?[(（]"
                              r"((?:[A-Z][a-z]+ )+[A-Z]\. [A-Z][A-Za-z'’\-]+(?: [A-Z][A-Za-z'’\-]+)*)[)）]")


def initialled_name_pairs(text: str, pairs: Sequence[Pair]) -> List[Pair]:
    """``pairs`` with a person's name written with a middle initial in both scripts (``ジョン・F・ケネディ(John F.
    Kennedy)``) paired whole, where the sound rules paired its pieces (ケネディ/Kennedy) or nothing; the
    initials must agree."""
    if "・" not in text:
        return list(pairs)
    out = list(pairs)
    for m in _INITIALLED_NAME.finditer(text):
        ja_initial = re.search(r"・([A-ZＡ-Ｚ])[.．]?・", m.group(1)).group(1)
        en_initial = re.search(r" ([A-Z])\. ", m.group(2)).group(1)
        if unicodedata.normalize("NFKC", ja_initial) != en_initial:
            continue
        ja, en = m.span(1), m.span(2)
        out = [p for p in out if not (_overlaps(p.ja, [ja]) or _overlaps(p.en, [en]))]
        out.append(Pair(ja, en, 2.0, "initialled name"))
    return out


# 東部方面(Eastern flank), 軍事訓練チーム(military transition team): a Japanese term and a bracket that holds
# nothing but a Latin phrase, right after it. The development gold pairs 194 of the 200 such brackets, and
# the six it leaves are all-caps codes (stock tickers, an organisation's initials) that this rule does not take
# an acronym of the phrase after it, in the same bracket (Presidential Drawdown Authority=PDA, Battalion Tactical
# Group、通称BTG, Wojska Obrony Terytorialnej 以下WOT); 略称 labels an abbreviation the annotators leave unpaired
_ACRONYM_TAIL = r"(?:[ 　]*[=＝][ 　]*|[ 　]*[、,，][ 　]*(?:通称|以下)?[ 　]*|[ 　]+(?:通称|以下)[ 　]*)([A-Z][A-Z0-9&\-]{1,9})"
_BRACKET_GLOSS = re.compile(rf"({JA_TERM_RUN})[(（]"
                            r"((?:[A-Za-z][a-z][A-Za-z'’\-]*|[a-z]+)(?: [A-Za-z][A-Za-z'’\-]*){0,7})"
                            rf"(?:{_ACRONYM_TAIL})?[)）]")
# words before a bracket that credit a source or a picture rather than name a term
_CREDIT_WORDS = ("写真", "画像", "出典", "提供", "撮影", "資料", "動画", "映像", "引用", "参照", "出所")


def bracket_gloss_pairs(text: str, doc: Doc, pairs: Sequence[Pair]) -> List[Pair]:
    """A last resort for a term glossed by a Latin phrase in the bracket right after it, where no sound,
    dictionary or acronym rule paired the two: the layout alone says they are one term (an all-caps code,
    a credit line and a Latin word of fewer than four letters are left alone). Where both halves are
    recognised names (``巡航ミサイル(Kalibr)``: a class and a named system; ``戦車(howitzer)``: two kinds) the
    rules that know them have declined, and their word stands."""
    if "(" not in text and "（" not in text:
        return []
    named = [(s.start_char, s.end_char) for key in (WEAPONS_KEY, UNITS_KEY) if key in doc.spans for s in doc.spans[key]]
    taken = _halves(pairs)
    out: List[Pair] = []
    for m in _BRACKET_GLOSS.finditer(text):
        ja, en = m.span(1), m.span(2)
        if _overlaps(ja, taken) or _overlaps(en, taken) or m.group(1).endswith(_CREDIT_WORDS) \
                or m.group(1).strip("・") != m.group(1) or len(m.group(2)) < 4 \
                or (_overlaps(ja, named) and _overlaps(en, named)):
            continue
        out.append(Pair(ja, en, 0.5, "bracket gloss"))
        taken += [ja, en]
    return out


_TAIL_AFTER = re.compile(_ACRONYM_TAIL + r"(?=[ 　]*[)）、,，;；])")
_MINOR_WORDS = frozenset({"of", "the", "and", "for", "in", "to", "on", "at", "de", "des", "du", "la", "le", "und"})


def _initials(phrase: str) -> str:
    """The initials of a phrase's words, minor words left out (Presidential Drawdown Authority → PDA)."""
    return "".join(w[0].upper() for w in re.findall(r"[A-Za-z\u00c0-\u024f]+", phrase) if w.lower() not in _MINOR_WORDS)


def acronym_tail_pairs(text: str, pairs: Sequence[Pair]) -> List[Pair]:
    """``大統領権限(Presidential Drawdown Authority=PDA)``, ``大隊戦術群(Battalion Tactical Group、通称BTG)``: where a
    Japanese term is paired with an English phrase and the bracket goes on with the phrase's acronym (its letters
    the initials of the phrase's words, Schwartz–Hearst's test), the acronym is one more Latin form of the term."""
    taken = _halves(pairs)
    out: List[Pair] = []
    for pair in pairs:
        phrase = text[pair.en[0]:pair.en[1]]
        if " " not in phrase.strip() or pair.en[0] < pair.ja[1]:
            continue
        m = _TAIL_AFTER.match(text, pair.en[1])
        if m is None or not _ACRONYM_RE.fullmatch(m.group(1)) or m.group(1) != _initials(phrase):
            continue
        if not _overlaps(m.span(1), taken):
            out.append(Pair(pair.ja, m.span(1), pair.score, "acronym"))
            taken.append(m.span(1))
    out += _expansions_before_slash(text, pairs, taken)
    return out


_PHRASE_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+")


def _expansions_before_slash(text: str, pairs: Sequence[Pair], taken: List[Tuple[int, int]]) -> List[Pair]:
    """``intercontinental ballistic missile/ICBM:大陸間弾道ミサイル``: a glossary writes the expansion, a slash
    and the acronym before the Japanese term; the words right before the slash whose letters spell the acronym
    in order (Schwartz–Hearst's test, ``spells_in_order``) are one more Latin form of the term."""
    out: List[Pair] = []
    for pair in pairs:
        es, ee = pair.en
        acronym = text[es:ee]
        if es < 2 or text[es - 1] not in "/／" or not _ACRONYM_RE.fullmatch(acronym):
            continue
        line_start = max(text.rfind("\n", 0, es - 1), text.rfind("■", 0, es - 1), text.rfind("・", 0, es - 1)) + 1
        words = list(_PHRASE_WORD.finditer(text, line_start, es - 1))
        if not words or words[-1].end() != es - 1:
            continue
        for k in range(len(words) - 1, max(-1, len(words) - 1 - len(acronym) - 2), -1):
            phrase = text[words[k].start():es - 1]
            if phrase[0].upper() == acronym[0].upper() and spells_in_order(acronym, phrase):
                if not _overlaps((words[k].start(), es - 1), taken):
                    out.append(Pair(pair.ja, (words[k].start(), es - 1), pair.score, "acronym"))
                    taken.append((words[k].start(), es - 1))
                break
    return out


def country_group_pairs(text: str, pairs: Sequence[Pair]) -> List[Pair]:
    """``主要8カ国(G8)``: the count-named group and its G-number, when the two numbers agree."""
    if "国" not in text or "G" not in text:
        return []
    taken = _halves(pairs)
    out: List[Pair] = []
    for m in _COUNTRY_GROUP.finditer(text):
        if unicodedata.normalize("NFKC", m.group("n")) != m.group("m"):
            continue
        ja, en = m.span("ja"), m.span("en")
        if not (_overlaps(ja, taken) or _overlaps(en, taken)):
            out.append(Pair(ja, en, 1.0, "country group"))
    return out


_QUOTE_CLOSERS = {"「": "」", "『": "』"}
_QUOTED_WORDS = re.compile(r"[\u3041-\u30ff\u4e00-\u9fff々ー・]+")


def widen_to_quotes(text: str, pairs: Sequence[Pair]) -> List[Pair]:
    """``「クモの巣作戦(Operation Spiderweb)」``: a Japanese half cut short at a particle (``巣作戦``)
    is the whole quoted name when the quotes close right after its Latin gloss's bracket."""
    out: List[Pair] = []
    for pair in pairs:
        (js, je), (es, ee) = pair.ja, pair.en
        opening = max(text.rfind("「", max(0, js - 20), js), text.rfind("『", max(0, js - 20), js))
        if opening >= 0 and text[je:je + 1] in _OPEN and text[je + 1:es].strip() == "" \
                and text[ee:ee + 1] in _CLOSE and text[ee + 1:ee + 2] == _QUOTE_CLOSERS[text[opening]] \
                and _QUOTED_WORDS.fullmatch(text[opening + 1:js] or "-"):
            pair = Pair((opening + 1, je), pair.en, pair.score, pair.evidence)
        out.append(pair)
    return out


_PURPOSE_MARKS = ("用", "向け")


def _without_glued_purpose(text: str, pair: Pair) -> Pair:
    """A Japanese half that opens with 用 or 向け right after a bracket or a Latin word (``(ICBM)用移動式発射台``:
    "a launcher for ICBMs") starts after it: the mark belongs to what stands before it."""
    (js, je), en = pair.ja, pair.en
    if js == 0 or not (text[js - 1] in _CLOSE or text[js - 1].isascii() and text[js - 1].isalnum()):
        return pair
    mark = next((m for m in _PURPOSE_MARKS if text.startswith(m, js)), None)
    if mark is None or je - js - len(mark) < 2:
        return pair
    return Pair((js + len(mark), je), en, pair.score, pair.evidence)


# 排他的経済水域外(EEZ): "outside the EEZ"; ウクライナ軍情報局長(GUR): the agency's chief. An acronym names the
# zone or the body, so the position or title glued after it stays out of the Japanese half.
_ACRONYM_ONLY = re.compile(r"[A-Z][A-Z&]{1,5}")
_GLUED_AFTER_NAME = re.compile(r"(?:(?<=[域圏])[外内]|(?<=[局部庁団隊軍省])長)$")


def _without_glued_position(text: str, pair: Pair) -> Pair:
    """A Japanese half glossed by a bare acronym ends before a position (``水域外``, ``空域内``) or a chief's
    長 (``情報局長``) glued to the name: the acronym names the zone or the body, not where or who."""
    (js, je), (es, ee) = pair.ja, pair.en
    if je - js < 4 or not _ACRONYM_ONLY.fullmatch(text[es:ee]) or not _GLUED_AFTER_NAME.search(text, js, je):
        return pair
    return Pair((js, je - 1), pair.en, pair.score, pair.evidence)


def _with_latin_lead(text: str, pair: Pair) -> Pair:
    """A Japanese half glued after the Latin word its Latin half opens with starts at that word
    (``NATOフォースモデル(NATO Force Model)``): the Latin word is part of the Japanese name as written."""
    (js, je), (es, ee) = pair.ja, pair.en
    first = re.match(r"[A-Za-z][A-Za-z0-9]*", text[es:ee])
    if first is None or first.end() == ee - es or js < len(first.group(0)):
        return pair
    word = first.group(0)
    before = js - len(word)
    if text[before:js] == word and (before == 0 or not text[before - 1].isascii() or not text[before - 1].isalnum()):
        return Pair((before, je), pair.en, pair.score, pair.evidence)
    return pair


def _without_type_number_tail(text: str, pair: Pair) -> Pair:
    """A Japanese half that opens with the 式/型 of a type number (``16|式機動戦闘車``) starts after it: the
    number and its mark are the system's name, the rest its class (the MCV)."""
    js, je = pair.ja
    if js > 0 and text[js - 1].isdigit() and text[js:js + 1] in ("式", "型") and je - js > 2:
        return Pair((js + 1, je), pair.en, pair.score, pair.evidence)
    return pair


def _with_ordinal_mark(text: str, pair: Pair) -> Pair:
    """A Japanese half that opens with a number right after 第 starts at 第 (``第201ロシア軍事拠点(201RVB)``):
    the mark and the number are one ordinal."""
    js = pair.ja[0]
    if js > 0 and text[js - 1] == "第" and text[js:js + 1].isnumeric():  # 第一人称視点(FPV): kanji numerals too
        return Pair((js - 1, pair.ja[1]), pair.en, pair.score, pair.evidence)
    return pair


def snap_to_named_starts(doc: Doc, pairs: Sequence[Pair]) -> List[Pair]:
    """A Japanese half that starts inside a token (``陸|軍大隊戦術群``: the word-count test cut 陸軍 in two)
    starts where a named span with the same end does, if one starts after it, else at the next token
    (``大隊戦術群``): never half of a word."""
    if not pairs:
        return list(pairs)
    token_starts = set(doc.to_array(IDX).tolist())  # C-level: no Token object per token on this hot path
    named = {}
    for key in _NAMED_KEYS:
        for span in doc.spans.get(key, ()):
            named.setdefault(span.end_char, []).append(span.start_char)
    out: List[Pair] = []
    for pair in pairs:
        (js, je) = pair.ja
        if js not in token_starts:
            later = [start for start in named.get(je, ()) if js < start < je]
            if not later:  # no named span to go by: the next token, not half of a word
                later = [t for t in range(js + 1, je) if t in token_starts][:1]
            if later:
                pair = Pair((min(later), je), pair.en, pair.score, pair.evidence)
        out.append(pair)
    return out


def widen_to_places(doc: Doc, pairs: Sequence[Pair]) -> List[Pair]:
    """``沿ドニエストル共和国(PMR)``: a Japanese half that ends a place name but starts inside it (the acronym
    test matched ドニエストル共和国) is the whole place name the place recogniser found."""
    places = [(s.start_char, s.end_char) for s in doc.spans.get("places", ())]
    if not places or not pairs:
        return list(pairs)
    ends = {end: start for start, end in places}
    out: List[Pair] = []
    for pair in pairs:
        start = ends.get(pair.ja[1])
        if start is not None and start < pair.ja[0]:
            pair = Pair((start, pair.ja[1]), pair.en, pair.score, pair.evidence)
        out.append(pair)
    return out


# the rest of a katakana name after a cut: its next word after a dot (グリーン|・パロット), not a class mark
# (ロプーチャ|級 stays: Ropucha-class landing ship names the ship type too)
_NAME_GOES_ON = re.compile(r"[・･]?[\u30a1-\u30fa]")


def widen_to_names(doc: Doc, text: str, pairs: Sequence[Pair]) -> List[Pair]:
    """``グリーン・パロット(Green parrot、「オウム」の意)``: halves that each start a name of one system (the
    weapon recogniser gave both spans the same canonical) but stop inside it, the Latin one at a lower-case
    word that the name-cutter reads as the start of a gloss, the Japanese one at a dot, are those whole names.
    Both must grow, the Japanese one by more katakana: a class mark or noun after it is not the name's."""
    names = [s for key in ("weapons", "military_units") for s in doc.spans.get(key, ())]
    if not names or not pairs:
        return list(pairs)
    by_start: Dict[int, List[Span]] = {}
    for span in names:
        by_start.setdefault(span.start_char, []).append(span)
    out: List[Pair] = []
    for pair in pairs:
        ja = next((s for s in by_start.get(pair.ja[0], ()) if s.end_char >= pair.ja[1]), None)
        en = next((s for s in by_start.get(pair.en[0], ()) if s.end_char >= pair.en[1]), None)
        if ja is not None and en is not None and ja.end_char > pair.ja[1] and en.end_char > pair.en[1] \
                and _NAME_GOES_ON.match(text, pair.ja[1]):
            canonical = get_span_attrs(ja).get("canonical")
            if canonical and canonical == get_span_attrs(en).get("canonical"):
                pair = Pair((ja.start_char, ja.end_char), (en.start_char, en.end_char), pair.score, pair.evidence)
        out.append(pair)
    return out


def _halves(pairs: Sequence[Pair]) -> List[Tuple[int, int]]:
    """Every Japanese and Latin half of ``pairs``: the offsets a new pair may not overlap."""
    return [p.ja for p in pairs] + [p.en for p in pairs]


def _overlaps(offsets: Tuple[int, int], taken: Sequence[Tuple[int, int]]) -> bool:
    return any(offsets[0] < end and start < offsets[1] for start, end in taken)


_LIST_SEPARATORS = ("、", "，", ",", "・", "/", "／")
# Wikipedia-style brackets give the spellings, then other fields after a semicolon:
# Su-34(スホーイ34、スホイ34;ロシア語: Су-34)
_FIELD_SEPARATORS = (";", "；")


_SLASHES = ("/", "／")


def _is_latin(name: str) -> bool:
    return name.isascii() and any(ch.isalpha() for ch in name)


def _bracketed_names(text: str, by_start: Dict[int, Span], begin: int) -> List[Span]:
    """The named spans that fill a bracket opened right before ``begin``: one, or a list of them
    joined by a list separator and nothing else, up to the closing bracket or a semicolon
    (after which the bracket may hold other fields); empty if anything else comes first."""
    inside: List[Span] = []
    at = begin
    while True:
        span = by_start.get(at)
        if span is None:
            return []
        inside.append(span)
        after = text[span.end_char:span.end_char + 1]
        if after in _CLOSE or after in _FIELD_SEPARATORS:
            return inside
        if after not in _LIST_SEPARATORS:
            return []
        at = span.end_char + 1


def register_bilingual_extensions() -> None:
    """Register ``Doc._.pairs``, ``Doc._.variants`` and ``Span._.counterpart``; idempotent."""
    register_extensions()
    if not Doc.has_extension("pairs"):
        Doc.set_extension("pairs", getter=get_pairs)
    if not Doc.has_extension("variants"):
        Doc.set_extension("variants", getter=get_variants)
    if not Span.has_extension("counterpart"):
        Span.set_extension("counterpart", getter=get_counterpart)


register_bilingual_extensions()


@factory(
    "bilingual_aligner",
    assigns=["doc.spans"],
    default_config={"spans_key": SPANS_KEY, "data_path": None},
    default_score_weights={f"spans_{SPANS_KEY}_f": None},
)
def make_bilingual_aligner(nlp: Language, name: str, *, spans_key: str,
                           data_path: Optional[str]) -> "BilingualAligner":
    """Build the aligner; ``data_path`` overrides the packaged head list TSV."""
    return BilingualAligner(nlp.vocab, name, spans_key=spans_key, data_path=data_path)


class BilingualAligner(TablePipe):
    """Pairs Japanese terms with the Latin-script forms written next to them.

    Args:
        vocab (Vocab): The shared vocabulary.
        name (str): The component name.
        spans_key (str): Span group to write (existing spans there are kept).
        data_path (Optional[str]): Head list TSV (``ja``, ``en|en``, ``source``).
    """

    def __init__(self, vocab, name: str = "bilingual_aligner", *, spans_key: str = SPANS_KEY,
                 data_path: Optional[Union[str, Path]] = None) -> None:
        register_bilingual_extensions()
        self.vocab = vocab
        self.name = name
        self.spans_key = spans_key
        self._init_tables({DATA_FILE: data_path, KNOWN_FILE: None, ACRONYM_FILE: None, TERMS_FILE: None})

    def _load(self) -> None:
        with self.tables[DATA_FILE].open(encoding="utf-8") as f:
            self.heads: HeadTable = load_heads(f.read().splitlines())
        with self.tables[ACRONYM_FILE].open(encoding="utf-8") as f:
            self.acronyms: AcronymTable
            self.acronyms, self.expansions, expanded = load_tables(f.read().splitlines())
        with self.tables[KNOWN_FILE].open(encoding="utf-8") as f, \
                self.tables[TERMS_FILE].open(encoding="utf-8") as terms:
            # a Latin form → the Japanese forms written beside it: exonyms, translated terms, and an acronym's
            # listed expansion beside one of its Japanese names (戦略国際問題研究所（Center for Strategic and
            # International Studies）)
            self.known: KnownTable = load_known(f.read().splitlines() + terms.read().splitlines(), expanded)

    def find(self, doc: Doc) -> Tuple[List[Pair], List[Variant]]:
        """The pairs and the bracketed spelling variants of ``doc``'s text."""
        # Doc.text builds a Token per token; the view has it once per doc. Full-width Latin is read
        # as ASCII (same offsets) by the class-acronym rule too: 高機動ロケット砲システム（ＨＩＭＡＲＳ）.
        text = fold_width(token_view(doc).text)
        pairs = find_pairs(text, self.heads, self.known, self.acronyms)
        pairs += class_gloss_pairs(text, doc, pairs)
        pairs += same_name_pairs(text, doc, pairs)
        pairs += language_label_pairs(text, doc, pairs)  # 第45装甲旅団(ドイツ語:Panzerbrigade 45)
        pairs += country_group_pairs(text, pairs)  # 主要8カ国(G8)
        pairs = initialled_name_pairs(text, pairs)  # ジョン・F・ケネディ(John F. Kennedy)
        pairs += bracket_gloss_pairs(text, doc, pairs)  # 東部方面(Eastern flank): the layout alone, as a last resort
        pairs += acronym_tail_pairs(text, pairs)  # 大統領権限(Presidential Drawdown Authority=PDA): PDA too
        pairs += expansion_pairs(text, pairs, self.expansions)  # NATO(North Atlantic Treaty Organization、北大西洋条約機構)
        pairs = _without_fragments(pairs)  # ウクライナ/Ukraine inside ウクライナ特別監視団/Special Monitoring Mission to Ukraine
        pairs += spelling_pairs(text, pairs)  # NASAMS(ナサムス、ナサム), オデッサ(オデーサ・Odessa)
        pairs = drop_class_name_pairs(text, doc, pairs)
        pairs = [p for p in pairs if not HULL_NUMBER.fullmatch(text[p.en[0]:p.en[1]])  # 「マッキャンベル」(DDG85)
                 and _balanced(text[p.en[0]:p.en[1]])]  # DE  (Destroyer Escort: a bracket opened, never closed
        pairs = [_with_glued_number(text, p) for p in pairs]  # 90式戦車(Type 90), not 式戦車
        pairs = [_with_name_number(text, p) for p in pairs]  # ボルゴネフト239Volgoneft 239, not 239Volgoneft 239
        pairs = [_to_class_mark(text, p) for p in pairs]  # ロプーチャ級(Ropucha Class), not ロプーチャ級戦車揚陸艦
        pairs = widen_to_quotes(text, pairs)  # 「クモの巣作戦(Operation Spiderweb)」: the whole quoted name
        pairs = widen_to_places(doc, pairs)  # 沿ドニエストル共和国(PMR): the whole place name
        pairs = widen_to_names(doc, text, pairs)  # グリーン・パロット(Green parrot、…): the whole names of one system
        pairs = [_without_glued_purpose(text, p) for p in pairs]  # (ICBM)用移動式発射台(TEL): not 用
        pairs = [_without_glued_position(text, p) for p in pairs]  # 排他的経済水域外(EEZ): not 外
        pairs = snap_to_named_starts(doc, pairs)  # 陸軍大隊戦術群(Battalion Tactical Group): not 軍大隊戦術群
        pairs = [_with_ordinal_mark(text, p) for p in pairs]  # 第201ロシア軍事拠点(201RVB): 第 too
        pairs = [_with_latin_lead(text, p) for p in pairs]  # NATOフォースモデル(NATO Force Model)
        pairs = [_without_type_number_tail(text, p) for p in pairs]  # 16式機動戦闘車(MCV): not 式機動戦闘車
        return sorted(pairs, key=lambda p: p.ja), find_variants(text)

    def set_annotations(self, doc: Doc, found: Tuple[Iterable[Pair], Iterable[Variant]]) -> None:
        """Write pair and variant spans and their attributes, then give both halves of each pair
        one canonical (``components.pair_unify``).

        A pair whose halves are not token-aligned (``システムハイマース`` is one
        Sudachi token) still goes to the attribute store, so ``doc._.pairs``
        and the records have it; only its ``JA``/``EN`` spans are missing.
        """
        pairs, variants = found
        group = list(doc.spans[self.spans_key]) if self.spans_key in doc.spans else []
        new: List[Span] = []
        text = token_view(doc).text
        if doc._.get(STORE_ATTR) is None:
            doc._.set(STORE_ATTR, {})
        store = doc._.get(STORE_ATTR)
        made = []
        first_of: Dict[Tuple[str, int, int], Dict[str, Any]] = {}  # the stored attrs of each half made
        for pair_id, pair in enumerate(pairs):
            en_offsets = trim_count(text, pair.en)
            made.append((pair.ja, en_offsets))
            halves = []
            # a second form of one term (NATO and its expansion; オデッサ and オデーサ): one span for the
            # shared half, whose further counterparts go in more_counterparts
            for label, (start, end), other in ((JA, pair.ja, en_offsets), (EN, en_offsets, pair.ja)):
                shared = first_of.get((label, start, end))
                if shared is None:
                    halves.append((label, (start, end), other))
                else:
                    shared.setdefault("more_counterparts", []).append([*other, pair_id])
            for label, (start, end), other in halves:
                attrs = {"counterpart": list(other), "pair_id": pair_id, "evidence": pair.evidence}
                span = doc.char_span(start, end, label=label)
                if span is None:
                    logger.debug("pair half %s %s not token-aligned; kept in the store only", label, (start, end))
                    store[store_key(label, start, end)] = attrs
                    first_of[(label, start, end)] = attrs
                    continue
                set_span_attrs(span, attrs)
                new.append(span)
                first_of[(label, start, end)] = store[store_key(label, start, end)]
        for variant in variants:
            span = doc.char_span(*variant.span, label=VARIANT)
            if span is not None:
                set_span_attrs(span, {"variant_of": list(variant.of)})
                new.append(span)
        doc.spans[self.spans_key] = group + new
        label_glosses(doc, made)
        unify_pairs(doc, made)
