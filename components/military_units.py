"""``military_unit_recognizer``: MIL_UNIT spans (ANNOTATION.md) in ``doc.spans``.

Finds national forces and services (``ロシア軍``, ``ウクライナ空軍``, ``露軍``),
unit types acting as formations (``空挺部隊``, ``敵部隊``), numbered units of
any echelon with their affiliation (``ウクライナ空挺部隊第7迅速対応軍団``),
named units and armed groups (``ストームV``, ``ロシア自由軍団``), military
intelligence and command bodies (``国防省情報総局``, ``キエフ総司令部``) and
English mentions (``Freedom of Russia Legion``, ``47th Mechanized Brigade``,
``Ukraine's Air Force``), and the quoted honorific name of a numbered unit
(``第155機械化旅団「アンナ・キーウスカ」``). A Japanese name and its glued English
gloss are two units, never one span across the change of script.

Names are composed by ``components.unit_rules.UnitGrammar`` from the tables in
``data/unit_patterns.jsonl`` (affiliations, service and unit heads, type
words) and ``data/military_units.jsonl`` (named units), matched on the folded
token text so width, spacing and ``・`` do not matter and a match always starts
and ends on a token boundary. Only token text and ``tag_`` are used, so the
fast (blank ``ja``) and full (ja_ginza) pipelines agree; ja_ginza's
``Military`` entities, when present and ``use_ner_signal`` is on, only offer
extra proper names before an echelon head from our tables (never a span of
their own).

Each span stores ``side``, ``echelon``, ``unit_type``, ``number`` and
``canonical`` (where known) through ``set_span_attrs``; ``canonical`` is also
the span's ``kb_id_``.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from bisect import bisect_left
from functools import partial
from itertools import compress
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple, Union

from spacy.attrs import SPACY, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

from .registration import factory
from .token_splits import split_tokens
from .unit_joint import extend_coordinated, extend_joint
from .attributes import register_extensions, set_span_attrs
from .gazetteer import token_view
from .tables import TablePipe
from .unit_refs import TRIGGER_TOKENS, bare_references, generic_use
from .unit_rules import EnglishUnits, UnitGrammar, counted_before, kanji_to_int, read_jsonl

logger = logging.getLogger(__name__)

SPANS_KEY = "military_units"
LABEL = "MIL_UNIT"
NAMED_FILE = "military_units.jsonl"
PATTERNS_FILE = "unit_patterns.jsonl"
_KATAKANA = re.compile(r"^[ァ-ヺー・]{3,}\Z")
_PROPER, _NOUN = 1, 2  # what a token's tag says for names (``MilitaryUnitRecognizer._tag_kind``)
_SEPARATOR = re.compile(r"[・･·/／]")
_ACRONYM = re.compile(r"\s?[(（]([A-Z]{2,6})[)）]")
# 「アンナ・キーウスカ」, also in brackets with other quotes: (“マグラ”), （「ホロドニ・ヤール」）
_HONORIFIC = re.compile(r"[(（]?[「“\"]([ァ-ヺー・]{2,24})[」”\"][)）]?")
_SHIP_NOUN_END = ("艦", "艇", "船")
_QUOTE_LIST_JOINS = ("", "と", "、", "や", "・")
MAX_QUOTED_LIST = 6


_UNIT_ENDS = frozenset("隊軍団群")


def _parts_at_space(texts: Sequence[str], i: int) -> bool:
    """Whether a space after token ``i`` parts two units: an ordinal after it (ウクライナ陸軍 第47独立機械化旅団), or a
    force or unit word before it and a name after it (航空自衛隊 宇宙作戦群); not a space inside a name (ウクライナ 軍)."""
    after = texts[i + 1] if i + 1 < len(texts) else ""
    if after.startswith("第"):
        return True
    before = texts[i - 1] if texts[i].isspace() and i > 0 else texts[i]
    return before[-1:] in _UNIT_ENDS and _KANJI_OR_KANA_START.match(after) is not None


_KANJI_OR_KANA_START = re.compile(r"[\u4e00-\u9fff\u30a1-\u30fa]")
# a doc with a space after more than one token in this many is spaced word by word
_WORD_SPACED = 8


_SIZE_AFTER = ("規模", "分")  # 大隊規模; 5個師団分の装甲車 (five divisions' worth): a size, no unit
_SIZE_QUALIFIERS = ("弱", "強", "程度", "相当")


def _size_phrase(texts: Sequence[str], cand: Candidate) -> bool:
    """Whether a lone echelon noun only gives a size: ``1個中隊弱規模の部隊``, ``大隊規模``, ``5個師団分``.

    ANNOTATION.md keeps ``規模`` out of spans, and annotators of real reporting
    (corpus/realtext NOTES) do not mark a size phrase as a unit; a named or
    affiliated unit before ``規模`` (``ロシア軍第1旅団規模``) is still one.
    """
    start, end, attrs = cand
    if end - start != 1 or attrs.get("side") or attrs.get("number") is not None or attrs.get("canonical"):
        return False
    j = end + (1 if end < len(texts) and texts[end] in _SIZE_QUALIFIERS else 0)
    return j < len(texts) and texts[j] in _SIZE_AFTER


# 情報総局長, 参謀本部長: the chief of a directorate is one word, a person, not the unit. A unit before a separate
# post (ウクライナ空軍|司令官, 米軍|制服組トップ, 統合参謀本部|議長) is the unit, as a unit before any head that is
# not one (ロシア軍|陣地, ANNOTATION.md): the annotators of the rewritten parts 53-69 mark it (5 of 6 in the
# development half), where five of the first ten parts' annotators had left it out (NOTES-real1, -real4).
_TITLE_AFTER = re.compile(r"(?<=[局部])長(?![距期射時年引])")


# 親イラン武装組織フーシ派: a group "pro-Iran" is not Iran's, so no unit of the country after 親 (the rewritten
# gold leaves 親イラン武装組織 out 5 of 5 times); 親ロシア派武装勢力, the whole phrase with 派, is another candidate
_PRO = "親"


# A unit's name used for the water it is named after: the Sea of Azov, the Azov Sea (the Azov brigade).
_WATER_OF = re.compile(r"\b(?:Sea|Gulf|Bay|Strait|Lake|River)s? of\s+$")
_WATER_AFTER = re.compile(r"\s*(?:Sea|Gulf|Bay|Strait|Lake|River)\b")
# a Latin acronym that a hyphen and a number continue is the start of a designation, not the unit it also
# spells: ZSU-23-4 is an anti-aircraft gun, not the Ukrainian armed forces (ZSU)
# 国軍 cut out of an unknown state's name (ドネツク民衆共和|国軍, …王|国軍) is not a unit of its own: the army
# is the whole name's (NOTES-real67)
_COUNTRY_NAME_ENDS = ("和", "王", "帝", "邦")
_DESIGNATION_AFTER = re.compile(r"(?<=[A-Za-z])[-‐][0-9]")


_RANGE_MARKS = frozenset("~〜～-‐－、・")
# S-400対空大隊, パトリオット部隊: a weapon's designation names the unit that operates it
_DESIGNATION_NAME = re.compile(r"[A-Z]{1,4}-?[0-9]{1,4}[A-Z]{0,2}")


# 特殊部隊「アルファ」, 大隊「アゾフ」: a formation noun followed by its quoted name (katakana, Latin, digits)
_FORMATION_END = ("部隊", "隊", "旅団", "連隊", "軍団", "師団", "グループ", "司令部")  # 南部司令部「ピウデン」
# 「東部」グループ, 第425「スカラ」部隊, 「ユーク(南)」部隊: a quoted name right before a formation noun is the
# unit, the quoted name alone (its gloss in brackets, the noun and an ordinal before it outside; NOTES-real21,
# -62, -63); katakana, Latin or a short kanji name (a direction: 東部, 北, 中央)
_NAME_FIRST, _NAME_REST = r"[\u30a1-\u30faー・A-Za-z0-9]", r"[\u30a1-\u30faー・A-Za-z0-9 \-]"  # a quoted name's characters
_QUOTED_BEFORE = re.compile(rf"[「『“]({_NAME_FIRST}{_NAME_REST}{{0,19}}|[\u4e00-\u9fff]{{1,4}})"
                            r"(?:[(（][^)）」』”]{1,8}[)）])?[」』”]"
                            r"(?=部隊グループ|部隊集団|軍集団|部隊|グループ|軍団|軍(?![事需用人艦港備拡縮])|集団|大隊|旅団|連隊)")
_OPEN_QUOTES = "「『“\""
_QUOTED_NAME = re.compile(rf"[「『“]({_NAME_FIRST}{_NAME_REST}{{1,19}})[」』”]"
                          r"(?![\u30a1-\u30faー\u4e00-\u9fffA-Za-z])")  # not 「カミカゼ」ドローン: a modifier


def _attrs(**known: Any) -> Dict[str, Any]:
    """A candidate's attributes: the ones given, the others None (the keys every candidate has)."""
    return {"side": None, "echelon": None, "unit_type": None, "number": None, "canonical": None, **known}


# 74455部隊 (the GRU's Sandworm), 61419部隊 (a PLA unit): a five-digit military unit number before 部隊 names
# the unit with no 第, as Russian and Chinese unit numbers are written; four digits would be a year
_UNIT_NUMBER = re.compile(r"(?<![0-9０-９,，.．第])[0-9０-９]{5}(?:軍)?部隊")  # 51460軍部隊: войсковая часть as translated


def _matched_units(doc: Doc, text: str, pattern: re.Pattern,
                   attrs_of: Callable[[re.Match], Optional[Dict[str, Any]]]) -> List[Candidate]:
    """The token-aligned matches of ``pattern`` in ``text``, each with the attributes ``attrs_of`` gives it
    (None: no unit after all)."""
    out: List[Candidate] = []
    for m in pattern.finditer(text):
        span = doc.char_span(m.start(), m.end())
        attrs = attrs_of(m) if span is not None else None
        if attrs is not None:
            out.append((span.start, span.end, attrs))
    return out


def _numbered_units(doc: Doc, text: str) -> List[Candidate]:
    """Five-digit military unit numbers before 部隊 (``_UNIT_NUMBER``), token-aligned."""
    if "部隊" not in text:
        return []
    return _matched_units(doc, text, _UNIT_NUMBER, lambda m: _attrs(
        echelon="unit", number=int(unicodedata.normalize("NFKC", m.group(0)[:5]))))


# 第184水域警備旅団, 第181対潜艦大隊, 第1水雷戦隊: an ordinal, a word the tables do not list (a kanji or katakana
# run, a ship class inside it), then an echelon noun is a unit's name; the grammar, which knows its type words,
# finds the rest. Not a count or an order of events (第2次, 第3回 …), and the run stops at the first echelon.
_ECHELON_NOUNS = {"師団": "division", "旅団": "brigade", "連隊": "regiment", "大隊": "battalion", "中隊": "company",
                  "小隊": "platoon", "戦隊": "squadron", "軍団": "corps"}
_ORDINAL_UNIT = re.compile(r"第([0-9０-９]{1,4}|[一二三四五六七八九十百〇]{1,4})"
                           r"(?!次|回|期|位|号|条|章|項|世代|段階|四半期|週|版|弾|便|陣|波|日|年|月)"
                           r"[^\W第0-9０-９A-Za-zＡ-Ｚａ-ｚぁ-ゖ]{1,8}?(" + "|".join(_ECHELON_NOUNS) + ")")


def _ordinal_units(doc: Doc, text: str) -> List[Candidate]:
    """Units named by an ordinal and an echelon around a word no table lists (``_ORDINAL_UNIT``), token-aligned."""
    if "第" not in text:
        return []

    def attrs_of(m: re.Match) -> Optional[Dict[str, Any]]:
        number = kanji_to_int(unicodedata.normalize("NFKC", m.group(1)))
        return None if number is None else _attrs(echelon=_ECHELON_NOUNS[m.group(2)], number=number)

    return _matched_units(doc, text, _ORDINAL_UNIT, attrs_of)


_URL = re.compile(r"https?://\S+")  # a web address's words name nothing
# 「無人機軍」 after プロジェクト: a programme named after a force (Ukraine's Army of Drones fundraising), no unit
_PROGRAMME_BEFORE = ("プロジェクト", "計画", "イニシアチブ", "イニシアティブ", "キャンペーン", "プログラム")


def _quoted_programme(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is quoted right after a word for a project: ``プロジェクト「無人機軍」``."""
    return text[start - 1:start] == "「" and text[end:end + 1] == "」" and text[:start - 1].endswith(_PROGRAMME_BEFORE)


_COPULA_AFTER = re.compile(r"(?:で[、,，]|である|だ[。、]|です)")
_SENTENCE_END = re.compile(r"[。!?！？\n]")


def _without_defining_classes(doc: Doc, text: str, chosen: List[Candidate]) -> List[Candidate]:
    """Drop ``旅団`` in ``アゾフは国家親衛隊に属する旅団で、``: after a unit named as the sentence's topic (its
    name, then は), a unit word with no number, name or side of its own that the copula closes says what kind of
    unit the topic is; it names no unit (the encyclopedia openings of part 77: 旅団, 師団, 特殊部隊 in
    ``…の特殊部隊だ``, all untagged)."""
    if "は" not in text:
        return chosen
    spans = [(doc[c[0]].idx, doc[c[1] - 1].idx + len(doc[c[1] - 1])) for c in chosen]
    topics = [end for start, end in spans if text.startswith("は", end)]
    if not topics:
        return chosen
    out = []
    for cand, (start, end) in zip(chosen, spans):
        defining = (_COPULA_AFTER.match(text, end) is not None and "\u3041" <= text[start - 1:start] <= "\u3096"
                    and not any(ch.isdigit() or ch == "第" for ch in text[start:end])
                    and not cand[2].get("side"))  # 1967名が米軍で: a side's force is no kind of unit
        if defining:
            sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
            defining = any(sentence_start < topic < start for topic in topics)
        if not defining:
            out.append(cand)
    return out


def _texts_and_tags(doc: Doc) -> List[Tuple[str, str]]:
    """``(text, tag)`` per token, as ``unit_refs`` reads them (from the token view: no Token object per token)."""
    strings = doc.vocab.strings
    return [(t, strings[tag] if tag else "") for t, tag in zip(token_view(doc).texts, doc.to_array(TAG).tolist())]


def _without_generic_echelons(doc: Doc, chosen: List[Candidate]) -> List[Candidate]:
    """Drop a lone echelon head the grammar takes alone (中隊, 小隊) where the words around it make it any
    unit of its size (いくつかの中隊がまとまって, 1中隊ごとに: ``unit_refs.generic_use``), as a bare 旅団 there is."""
    tokens: Optional[List[Tuple[str, str]]] = None
    out = []
    for cand in chosen:
        start, end, attrs = cand
        if end - start == 1 and attrs.get("echelon") and not attrs.get("side") and attrs.get("number") is None:
            if tokens is None:
                tokens = _texts_and_tags(doc)
            if generic_use(tokens, start) and not counted_before(doc.text, doc[start].idx):
                continue  # but 2個旅団である: a counted echelon is a unit mention (the grammar's rule)
        out.append(cand)
    return out


def _fill_missing(attrs: Dict[str, Any], other: Mapping[str, Any]) -> None:
    """Give ``attrs`` the attributes ``other`` has and it lacks, all but the ``number`` (which is its own)."""
    for key, value in other.items():
        if attrs.get(key) is None and key != "number":
            attrs[key] = value


def _parent_then_numbered(doc: Doc, chosen: List[Candidate]) -> List[Candidate]:
    """``水陸機動団第2水陸機動連隊``: a unit glued right before a numbered unit (第…, or a bare number:
    ``航空自衛隊305飛行隊``) names the parent it belongs
    to, and the two are one name, as the grammar reads ``第5旅団第6普通科連隊`` and ``陸上自衛隊第12旅団`` (the
    rewritten development gold never parts two glued units so). The numbered unit's attributes win; the parent
    fills the ones it lacks."""
    if len(chosen) < 2:
        return chosen
    out: List[Candidate] = []
    for cand in sorted(chosen, key=lambda c: c[0]):
        first = doc[cand[0]].text
        # 航空自衛隊305飛行隊, 第73航空団498爆撃群: the number written without 第 after its parent, the same name
        if out and out[-1][1] == cand[0] and not doc[cand[0] - 1].whitespace_ and (first.startswith("第") or (
                first[:1].isdigit() and not any(ch.isascii() and ch.isalpha() for ch in doc[cand[0]:cand[1]].text))):
            # (not an English gloss that opens with its ordinal: 第3独立強襲旅団|3rd Separate Assault Brigade)
            parent = out.pop()
            attrs = dict(cand[2])
            _fill_missing(attrs, parent[2])
            cand = (parent[0], cand[1], attrs)
        out.append(cand)
    return out


_CAPITALS = re.compile(r"[A-Z]{2,6}")
# a civil body's name, then the bracket: 国境なき記者団(RSF), …研究所(…), …委員会(…)
_GLOSSED_BY = re.compile(r"(?:記者団|医師団|委員会|財団|研究所|研究センター|大学|協会|組合|新聞|通信社|放送|銀行|基金"
                         r"|連盟|評議会|裁判所)[」』]?[(（]$")


def _without_glossed_acronyms(doc: Doc, text: str, found: List[Candidate]) -> List[Candidate]:
    """Drop a unit acronym the text itself glosses as a civil body: ``国境なき記者団(RSF)`` is Reporters
    Without Borders, not Sudan's Rapid Support Forces, and so is every later ``RSF`` of the doc. An acronym
    is glossed so when it stands in brackets right after a civil body's name (記者団, 委員会, 研究所 …)
    on which no unit candidate ends."""
    if "(" not in text and "（" not in text:
        return found
    ends = {c[1] for c in found}
    other: Set[str] = set()
    for start, end, _ in found:
        surface = doc[start:end].text
        at = doc[start].idx
        if end - start <= 2 and _CAPITALS.fullmatch(surface) and _GLOSSED_BY.search(text, max(0, at - 8), at) \
                and start - 1 not in ends and text[doc[end - 1].idx + len(doc[end - 1]):][:1] in ")）":
            other.add(surface)
    if not other:
        return found
    return [c for c in found if doc[c[0]:c[1]].text not in other]


def _quoted_ship(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a quoted name in a list after a ship noun: ``揚陸艦「ヤマル」「アゾフ」``.

    There the name is a vessel's (a WEAPON), even where a unit shares it (the Azov brigade).
    """
    for _ in range(MAX_QUOTED_LIST):
        if text[start - 1:start] != "「" or text[end:end + 1] != "」":
            return False
        before = text[:start - 1]
        if before.endswith(_SHIP_NOUN_END):
            return True
        join = next((j for j in _QUOTE_LIST_JOINS if before.endswith("」" + j)), None)
        if join is None:
            return False
        end = len(before) - len(join) - 1
        start = text.rfind("「", 0, end) + 1
        if start == 0:
            return False
    return False
_HONORIFIC_ECHELONS = {"division", "brigade", "regiment", "battalion", "company"}
# a person's name, first and last joined by ・, glued after the echelon and ending before a particle or a mark
_UNQUOTED_HONORIFIC = re.compile(r"([ァ-ヺー]{2,12}・[ァ-ヺー]{2,14})(?![ァ-ヺー・])")

Candidate = Tuple[int, int, Dict[str, Any]]  # token start, token end, attributes


@factory(
    "military_unit_recognizer",
    assigns=["doc.spans"],
    default_config={"spans_key": SPANS_KEY, "data_path": None, "patterns_path": None,
                    "use_ner_signal": True},
    default_score_weights={f"spans_{SPANS_KEY}_f": None},
)
def make_military_unit_recognizer(nlp: Language, name: str, *, spans_key: str, data_path: Optional[str],
                                  patterns_path: Optional[str], use_ner_signal: bool) -> "MilitaryUnitRecognizer":
    """Build the recogniser; ``data_path``/``patterns_path`` override the packaged JSONL tables."""
    return MilitaryUnitRecognizer(nlp.vocab, name, spans_key=spans_key, data_path=data_path,
                                  patterns_path=patterns_path, use_ner_signal=use_ner_signal)



def _with_prefix(doc: Doc, taken: Set[int], cand: Candidate) -> Candidate:
    """The candidate widened over a prefix glued before it that belongs to the unit's name.

    ``旧ソ連軍``, ``旧ソビエト海軍``: the prefix 旧 ("former") glued before a unit is part of its name, as the
    annotators write it (NOTES-real64; 旧ソ連黒海艦隊 in earlier parts), unless another unit ends there; and
    ``軍参謀本部``: a bare 軍 glued before the General Staff is the forces it is the staff of (NOTES-real61)."""
    start, end, attrs = cand
    if start > 0 and not doc[start - 1].whitespace_ and start - 1 not in taken and (
            doc[start - 1].text == "旧" or doc[start - 1].text == "軍" and doc[start:end].text.startswith(_STAFF_HEADS)):
        return start - 1, end, attrs
    if start > 0 and not doc[start - 1].whitespace_ and start - 1 not in taken and _KANJI_RUN.fullmatch(doc[start].text):
        prev = doc[start - 1]
        if _KANJI_RUN.fullmatch(prev.text) and len(prev.text) >= 2 and prev.tag_.startswith("名詞-普通名詞") \
                and not prev.tag_.endswith(("形状詞可能", "副詞可能")) and prev.text not in _NOT_UNIT_PREFIXES \
                and not (start > 1 and not doc[start - 2].whitespace_ and _KANJI_RUN.fullmatch(doc[start - 2].text)
                         and doc[start - 2].tag_.startswith("名詞")):  # 事実上|X|部隊: part of a longer phrase
            # 機動|歩兵旅団, 発射|中隊, 軍事|予備軍, 合同|参謀本部: a kanji word glued before a unit that opens with its
            # type or echelon word says what kind of unit it is (ten such in the development gold)
            return start - 1, end, attrs
    return cand


_KANJI_RUN = re.compile(r"[\u4e00-\u9fff々]+")
# words before a unit that date, count, name or judge it rather than say what kind it is
_NOT_UNIT_PREFIXES = frozenset({"新生", "新旧", "新設", "通称", "以下", "昨年", "今年", "最近", "当時", "現在", "会社", "集団",
                                "両軍", "両国", "管区", "各国", "自国", "他国", "敵国", "友軍", "全軍", "一部", "主力", "精鋭", "正規",
                                "当該", "同国", "相手", "地元", "現地", "前線", "後方", "国内", "国外", "海外",
                                "傘下", "配下", "指揮下", "直属", "所属", "隷下", "麾下", "直轄",
                                "年度", "年代", "年間", "世紀"})  # 平成25年度|自衛隊記念日: a date


_STAFF_HEADS = ("参謀本部", "総司令部")
# 海兵隊員 with no country before it is "a marine", a person (the development gold marks none of its such; it marks
# イギリス海兵隊員's force, and 自衛隊員's and 平和維持部隊員's)
_MEMBER_NOUN_HEADS = frozenset({"海兵隊"})


class MilitaryUnitRecognizer(TablePipe):
    """Rule-based MIL_UNIT recogniser driven by data tables.

    Args:
        vocab (Vocab): The shared vocabulary.
        name (str): The component name.
        spans_key (str): Span group to write (existing spans there are kept).
        data_path (Optional[str]): Named units JSONL (``ja``, ``en``, ``canonical``, ``side``, ``source``).
        patterns_path (Optional[str]): Affiliation/head/type table JSONL (``kind``, ``ja``, ``source``).
        use_ner_signal (bool): Let ja_ginza's ``Military`` entities propose proper names before a head.
    """

    def __init__(self, vocab, name: str = "military_unit_recognizer", *, spans_key: str = SPANS_KEY,
                 data_path: Optional[Union[str, Path]] = None, patterns_path: Optional[Union[str, Path]] = None,
                 use_ner_signal: bool = True) -> None:
        register_extensions()
        self.vocab = vocab
        self.name = name
        self.spans_key = spans_key
        self.use_ner_signal = use_ner_signal
        self._tag_kinds: Dict[int, int] = {}
        self._init_tables({NAMED_FILE: data_path, PATTERNS_FILE: patterns_path})

    def _load(self) -> None:
        """Build the grammar from the two JSONL tables (no pipeline calls: CONVENTIONS pitfall 7)."""
        patterns = read_jsonl(self.tables[PATTERNS_FILE].read_text(encoding="utf-8").splitlines())
        named = read_jsonl(self.tables[NAMED_FILE].read_text(encoding="utf-8").splitlines())
        self.grammar = UnitGrammar(patterns, named)
        self.english = EnglishUnits(patterns)
        self.affiliations = {t for row in patterns if row.get("kind") == "affiliation" for t in row.get("ja", [])}
        self.coordinated = self.affiliations | {t for row in patterns if row.get("kind") == "type" for t in row.get("ja", [])}
        # 傭兵集団, 民間軍事会社 …: outside a private military company's name, quoted or not (the grammar
        # handles the unquoted 傭兵集団ワグネル; find() drops the descriptor before 「ワグネル」)
        self.pmc_descriptors = {t for row in patterns if row.get("before") == "pmc" for t in row.get("ja", [])}

    def find(self, doc: Doc) -> List[Candidate]:
        """Non-overlapping unit candidates ``(start, end, attrs)`` in token offsets, longest first on overlap."""
        split_tokens(doc)  # 機数|十 → 機|数|十, リュティドローン → リュティ|ドローン (components.token_splits)
        text = token_view(doc).text  # Doc.text builds a Token per token; the view has it once per doc
        texts = token_view(doc).texts
        found = extend_joint(texts, self._japanese(doc), self.affiliations)  # ロシア・ウクライナ両軍
        found = extend_coordinated(texts, found, self.coordinated)  # 砲兵・ミサイル部隊, ソ連・ロシア海軍
        found += self._english(doc, text, {doc[end - 1].idx + len(doc[end - 1]) for _, end, _ in found})
        found += self._acronyms(doc, text, found)
        found += _numbered_units(doc, text)  # 74455部隊, 61419部隊: an army's unit number
        found += _ordinal_units(doc, text)  # 第184水域警備旅団: an unlisted word between ordinal and echelon
        found += self._honorifics(doc, text, found)  # 「アンナ・キーウスカ」, 第68独立猟兵旅団オレクサ・ドヴブシュ
        found += self._bare(doc, found)
        found += self._quoted_names(doc, text, found)
        found += self._quoted_before(doc, text)
        starts = [doc[c[0]].idx for c in found]  # character start and end of each candidate
        ends = [doc[c[1] - 1].idx + len(doc[c[1] - 1]) for c in found]
        urls = [m.span() for m in _URL.finditer(text)] if "://" in text else []  # …/russian-army-fires-…/
        found = [c for c, start, end in zip(found, starts, ends) if not _quoted_ship(text, start, end)
                 and not _quoted_programme(text, start, end) and not any(s <= start < e for s, e in urls)
                 and not _size_phrase(token_view(doc).texts, c) and not _TITLE_AFTER.match(text, end)
                 and not _WATER_AFTER.match(text, end) and not _WATER_OF.search(text, max(0, start - 12), start)
                 and not _DESIGNATION_AFTER.match(text, end)
                 and not (text.startswith("国軍", start) and text[start - 1:start] in _COUNTRY_NAME_ENDS)
                 and not (text.startswith("員", end) and text[start:end] in _MEMBER_NOUN_HEADS)
                 and not text.endswith(_PRO, 0, start)]
        found = self._without_pmc_descriptors(doc, text, found)
        found = _without_glossed_acronyms(doc, text, found)
        chosen: List[Candidate] = []
        taken: set = set()
        for cand in sorted(found, key=lambda c: (-(c[1] - c[0]), c[0])):
            if not taken.intersection(range(cand[0], cand[1])):
                chosen.append(cand)
                taken.update(range(cand[0], cand[1]))
        by_start = sorted(range(len(found)), key=lambda k: found[k][0])
        found_starts = [found[k][0] for k in by_start]
        for start, end, attrs in chosen:  # "Storm V assault unit" learns side etc. from "Storm V"
            # the candidates that start inside it (a search, not a pass over all), in their order
            within = sorted(by_start[bisect_left(found_starts, start):bisect_left(found_starts, end)])
            for inner in map(found.__getitem__, within):
                if inner[1] <= end and inner[2] is not attrs:
                    _fill_missing(attrs, inner[2])
        chosen = _without_defining_classes(doc, text, chosen)
        chosen = _without_generic_echelons(doc, chosen)
        chosen = _parent_then_numbered(doc, chosen)
        return sorted(map(partial(_with_prefix, doc, taken), chosen), key=lambda c: c[0])

    def _without_pmc_descriptors(self, doc: Doc, text: str, found: List[Candidate]) -> List[Candidate]:
        """Drop ``傭兵集団`` in ``傭兵集団「ワグネル」``: a descriptor right before a private military company's
        quoted name is not a unit of its own (NOTES-real30), unlike ``特殊部隊「アルファ」`` (NOTES-real13)."""
        pmc_starts = {doc[c[0]].idx for c in found if c[2].get("unit_type") == "private military company"}
        if not pmc_starts:
            return found
        out = []
        for c in found:
            start, last = doc[c[0]].idx, doc[c[1] - 1]
            end = last.idx + len(last)
            if not (end + 1 in pmc_starts and text[end] in _OPEN_QUOTES and text[start:end] in self.pmc_descriptors):
                out.append(c)
        return out

    def _japanese(self, doc: Doc) -> List[Candidate]:
        """Grammar matches over the folded token text, one (the longest) per start token."""
        view = token_view(doc)  # arrays, not a Token object per token: this runs on every doc
        texts, folded, starts, ends, end_token = view.texts, view.folded, view.starts, view.ends, view.end_token
        strings = doc.vocab.strings
        tags = doc.to_array(TAG).tolist() if len(doc) else []
        token_ends = end_token.keys()
        kind_of = {tag: self._tag_kind(strings, tag) for tag in set(tags)}  # a few dozen tags, hundreds of tokens
        names = self._names(doc, texts, list(map(kind_of.__getitem__, tags)), starts, ends)
        # Tokens that fold to nothing (spaces, ・) are the only possible breaks and never start a parse.
        # The view's end_token leaves them out, so it is shorter than the doc exactly when there are some.
        empty = [i for i, pos in enumerate(starts) if ends[i] == pos] if len(end_token) < len(starts) else []
        # a space before an ordinal also parts two units (ウクライナ陸軍 第47独立機械化旅団: the force, then its
        # brigade, as a model kit's caption lists them); a space inside a name does not (ウクライナ 軍)
        # and so does a space after a whole force or unit (航空自衛隊 宇宙作戦群: the force, then its group; the
        # rewritten gold parts all four such pairs of its development half)
        breaks = {starts[i] for i in empty if _SEPARATOR.search(texts[i])
                  or (texts[i].isspace() and texts[i + 1:i + 2] and _parts_at_space(texts, i))}
        if " " in view.text:  # an ASCII space is no token: it trails the token before it
            spaced = doc.to_array(SPACY).tolist()
            breaks.update(starts[i + 1] for i in range(len(texts) - 1) if spaced[i] and _parts_at_space(texts, i))
        out: List[Candidate] = []
        start_token = view.start_token
        first, may_start = self.grammar.first_chars, self.grammar.may_start
        # a parse starts with a table key, an ordinal (第) or a name
        # token starts (a token folding to nothing starts nowhere) at a first character (picked in C: compress
        # over map) or at a name, in text order
        chosen = set(compress(start_token.values(), map(first.__contains__, map(folded.__getitem__, start_token))))
        chosen.update([i for i in map(start_token.get, names) if i is not None])
        for i in sorted(chosen):
            pos = starts[i]
            if not may_start(folded, pos, names):
                continue
            match = self.grammar.parse(folded, pos, token_ends, names, breaks)
            if match is not None:
                begin = start_token.get(match.start, i)  # 同旅団 -> 旅団 (the anaphoric 同 is outside)
                stop = end_token[match.end] + 1
                if texts[begin][:1].isdigit() and not _RANGE_MARKS.isdisjoint(texts[begin:stop]):
                    continue  # 4~5旅団: a range of counts (the folded text dropped its ~), not a unit number
                out.append((begin, stop, match.attrs))
        return out

    def _tag_kind(self, strings, tag: int) -> int:
        """``_PROPER`` for a proper noun other than a country, ``_NOUN`` for another noun, else 0
        (memoised per tag: a doc has a few dozen distinct tags and hundreds of tokens)."""
        kind = self._tag_kinds.get(tag)
        if kind is None:
            name = strings[tag] if tag else ""
            kind = (_PROPER if name.startswith("名詞-固有名詞") and "地名-国" not in name
                    else _NOUN if name.startswith("名詞") else 0)
            self._tag_kinds[tag] = kind
        return kind

    def _names(self, doc: Doc, texts: Sequence[str], kinds: List[int], starts: Sequence[int],
               ends: Sequence[int]) -> Dict[int, List[int]]:
        """Proper-name extents (folded offsets) that may precede an echelon head: ``ボストーク大隊``.

        ``kinds`` holds ``_tag_kind`` per token: proper nouns, and katakana common nouns.
        """
        names: Dict[int, List[int]] = {}
        for i in compress(range(len(kinds)), kinds):  # only nouns: most tokens are not
            if kinds[i] == _PROPER or _KATAKANA.match(texts[i]):
                names.setdefault(starts[i], []).append(ends[i])
            if "A" <= texts[i][:1] <= "Z":  # S|-|400 (Sudachi cuts a designation; RS a proper noun): its tokens
                joined = ""
                for j in range(i, min(i + 4, len(texts))):
                    joined += texts[j]
                    if _DESIGNATION_NAME.fullmatch(joined) and any(ch.isdigit() for ch in joined):
                        names.setdefault(starts[i], []).append(ends[j])
        if self.use_ner_signal and doc.has_annotation("ENT_IOB"):
            for ent in doc.ents:
                if ent.label_ == "Military" and len(ent) > 1:
                    names.setdefault(starts[ent.start], []).extend(ends[t.i] for t in ent[:-1])
        return names

    def _english(self, doc: Doc, text: str, glossed: Set[int]) -> List[Candidate]:
        """English mentions (``glossed``: where Japanese unit names end), kept only where token-aligned."""
        out: List[Candidate] = []
        for start, end, attrs in self.english.find(text, glossed):
            span = doc.char_span(start, end)
            if span is not None:
                out.append((span.start, span.end, attrs))
        return out

    def _bare(self, doc: Doc, found: List[Candidate]) -> List[Candidate]:
        """Bare ``空軍``, ``旅団`` … that refer to a specific force or unit (``components.unit_refs``)."""
        view = token_view(doc)
        if TRIGGER_TOKENS.isdisjoint(view.texts):
            return []  # no bare 空軍, 旅団 … token (set tests in C, not a generator per token)
        # a space parts words (陸軍約44,000名 海軍約12,000名, 艦隊 沿岸部隊との連携), except in text spaced word by word
        # (ロシア 海軍 基地: a learner's or a machine's spacing, where it parts nothing)
        spaced = set(compress(range(len(doc)), doc.to_array(SPACY).tolist()))
        if len(spaced) > 3 and len(spaced) * _WORD_SPACED > len(doc):
            spaced = set()
        refs = bare_references(_texts_and_tags(doc), [(s, e, attrs.get("echelon")) for s, e, attrs in found], spaced)
        return [(s, e, _attrs(**a)) for s, e, a in refs]

    def _quoted_names(self, doc: Doc, text: str, found: List[Candidate]) -> List[Candidate]:
        """``特殊部隊「アルファ」``: the quoted name right after a formation is a unit of its own (NOTES-real13),
        as a quoted name after a weapon class is a weapon (ANNOTATION.md)."""
        out: List[Candidate] = []
        for start, end, attrs in found:
            last = doc[end - 1]
            char_end = last.idx + len(last)
            if not text.endswith(_FORMATION_END, doc[start].idx, char_end):
                continue
            m = _QUOTED_NAME.match(text, char_end)
            span = doc.char_span(m.start(1), m.end(1)) if m else None
            if span is not None:
                out.append((span.start, span.end, _attrs(side=attrs.get("side"), unit_type=attrs.get("unit_type"))))
        return out

    def _quoted_before(self, doc: Doc, text: str) -> List[Candidate]:
        """``「東部」グループ``, ``第425「スカラ」部隊``: the quoted name right before a formation noun (``_QUOTED_BEFORE``)."""
        out: List[Candidate] = []
        if "」" not in text and "』" not in text and "”" not in text:
            return out
        for m in _QUOTED_BEFORE.finditer(text):
            span = doc.char_span(m.start(1), m.end(1))
            if span is not None:
                out.append((span.start, span.end, _attrs()))
        return out

    def _acronyms(self, doc: Doc, text: str, found: List[Candidate]) -> List[Candidate]:
        """``Freedom of Russia Legion (FRL)``: a bracketed acronym of a Latin-script name is the same unit."""
        out: List[Candidate] = []
        for start, end, attrs in found:
            last = doc[end - 1]
            match = _ACRONYM.match(text, last.idx + len(last))
            if match is None:
                continue
            words = text[doc[start].idx:last.idx + len(last)].split()
            initials = "".join(w[0] for w in words if w[0].isupper())
            if len(words) >= 2 and match.group(1) == initials:
                span = doc.char_span(match.start(1), match.end(1))
                if span is not None:
                    out.append((span.start, span.end, dict(attrs)))
        return out

    def _honorifics(self, doc: Doc, text: str, found: List[Candidate]) -> List[Candidate]:
        """The honorific name right after a numbered unit. Quoted (``第155機械化旅団「アンナ・キーウスカ」``) it is
        a span of its own; a person's name written unquoted (``第68独立猟兵旅団オレクサ・ドヴブシュ``) is part of the
        unit's name, the whole one span."""
        out: List[Candidate] = []
        for start, end, attrs in found:
            if attrs.get("number") is None or attrs.get("echelon") not in _HONORIFIC_ECHELONS:
                continue
            last = doc[end - 1]
            after = last.idx + len(last)
            quoted = _HONORIFIC.match(text, after)
            if quoted is not None:
                span = doc.char_span(quoted.start(1), quoted.end(1))
                if span is not None:
                    out.append((span.start, span.end, {**attrs, "canonical": None}))
                continue
            unquoted = _UNQUOTED_HONORIFIC.match(text, after)
            span = doc.char_span(doc[start].idx, unquoted.end(1)) if unquoted else None
            if span is not None:
                out.append((span.start, span.end, dict(attrs)))
        return out

    def set_annotations(self, doc: Doc, candidates: Iterable[Candidate]) -> None:
        """Write MIL_UNIT spans with their attributes and canonical ``kb_id``."""
        group = list(doc.spans[self.spans_key]) if self.spans_key in doc.spans else []
        new: List[Span] = []
        for start, end, attrs in candidates:
            span = Span(doc, start, end, label=LABEL, kb_id=attrs.get("canonical") or "")
            set_span_attrs(span, attrs)
            new.append(span)
        doc.spans[self.spans_key] = group + new
