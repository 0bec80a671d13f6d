"""Composition of trie hits into WEAPON candidates, over plain tokens (no spaCy objects).

The recogniser hands in its tokens as :class:`Tok` tuples and every hit of its
one trie pass as ``(start, end, payload)``, where the payload maps a role
(``name``, ``head``, ``mod``, ``cue``, ``stop``) to a value from
:mod:`components.weapon_rules`. :func:`choose_candidates` returns the final,
non-overlapping spans. Keeping this spaCy-free lets tests drive every rule
with hand-made token lists.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from itertools import compress
from operator import itemgetter
from typing import Any, Collection, Dict, List, Mapping, NamedTuple, Optional, Sequence, Set, Tuple

from rapidfuzz.distance import Levenshtein

from .en_items import SHIP_PREFIXES  # navies' prefixes before a ship's name (JSチョウカイ, USSニミッツ)
from .memo import memo_map
from .numerals import KANJI_DIGITS
from .phonetics import coded_similarity

from .weapon_rules import (_HAS_KANA_OR_LATIN, _QUOTED_NAME_RE, HULL_NUMBER, HULL_TYPE, MAX_QUOTED_TOKENS, NAME_CONNECTORS, Family, Grammar,
                           Head, Modifier, Name, boundary_ok, case_ok, compose_class, family_canonical,
                           family_digits_ok, is_katakana, is_variant_suffix, modifier_forms, NAME_QUOTES,
                           quoted_name_extent)


Hit = Tuple[int, int, Mapping[str, Any]]
_FAMILY_SEP = "-‐‑‒–—―−－─━ー"  # ─: a box-drawing line some pages write for the dash (Kh─101)
_NAMEY_RE = re.compile(r"^[\u30a0-\u30ffA-Za-z0-9\-‐−ー・./]+\Z")
_HAS_NAME_CHAR = re.compile(r"[\u30a1-\u30faA-Za-z]")
SENTENCE_ENDS = {"。", "!", "?", "！", "？", ".", "．"}
_PRIORITY = {"name": 0, "family": 1, "class": 2, "quoted": 3, "unknown": 4, "ner": 5}
MAX_SHIP_NAME_TOKENS = 6
MAX_QUOTED_LIST = 6  # quoted names after one class noun
# a ship's role before its quoted name: 旗艦「モスクワ」; 艦 as in 17番艦「…」 (the 17th ship of a class), ロシア艦「…」
SHIP_ROLES = {"旗艦": "warship", "艦": "warship", "番艦": "warship"}
# naval units whose ships are named in quotes after them (第1ミサイル艇隊「くまたか」)
NAVAL_UNIT_ENDINGS = ("艇隊", "護衛隊", "掃海隊", "潜水隊", "輸送隊")
_QUOTE_LIST_JOINS = ("と", "、", "や", "・", ",")
MAX_LISTED_SHIPS = 4  # ships named after one class noun: 揚陸艦ノボチェルカスクとミンスク
_SHIP_LIST_JOINS = ("と", "、", "や")
_GLUED_WORD = re.compile(r"[\u4e00-\u9fff々A-Za-z0-9]")
# a designation's shape: capitals with digits (K2, T34, BMR-2), never a word
DESIGNATION_SHAPE = re.compile(r"(?=.*[A-Z])(?=.*[0-9])[A-Z0-9][A-Za-z0-9\-―−–—]+")
# class abbreviations that spec lists glue after a designation (SS-N-22SSM, SA-N-7SAM): the class, not a
# letter suffix of the model (NOTES-real64)
_CLASS_ACRONYMS = frozenset({"SAM", "SSM", "SPG", "CIWS", "ATGM", "MLRS", "IFV", "APC", "MBT", "ICBM", "SLBM", "AAM",
                             "ASM", "UAV", "USV", "UGV", "FPV"})


class Tok(NamedTuple):
    """What the rules need of a token: its text, trailing space and ja_ginza entity type.

    A NamedTuple rather than a frozen dataclass: one is built per token of
    every doc, and a frozen dataclass's ``__init__`` costs several times more.
    """

    text: str
    space: bool = False
    ent: str = ""
    tag: str = ""


@dataclass(frozen=True)
class Candidate:
    """A proposed WEAPON span over tokens ``[start, end)``."""

    start: int
    end: int
    canonical: Optional[str]
    weapon_class: Optional[str]
    origin: Optional[str]
    kind: str
    extended: bool = False  # a name match grown over a variant suffix (AH-1 + Z): an exact alias beats it


def trie_entries(names: Sequence[Tuple[str, Name]], grammar: Grammar,
                 fold_fn=None) -> Dict[str, Dict[str, Any]]:
    """Every trie key with its payload (role → value), roles merged per folded key.

    Roles: ``name`` (the first :class:`Name` listed wins a shared key), ``head``,
    ``mod``, ``cue`` and ``stop``.

    Args:
        names (Sequence): ``(alias, Name)`` pairs from :func:`names_from_records`.
        grammar (Grammar): The parsed class grammar.
        fold_fn (Callable[[str], str]): Key folding; defaults to the gazetteer's ``fold``.
    """
    if fold_fn is None:
        from .gazetteer import fold as fold_fn  # pure function; keeps this module spaCy-free at import
    table: Dict[str, Dict[str, Any]] = {}
    entries: List[Tuple[str, str, Any]] = [(alias, "name", name) for alias, name in names]
    entries += [(h.term, "head", h) for h in grammar.heads]
    entries += [(form, "mod", m) for m in grammar.modifiers for form in modifier_forms(m)]
    entries += [(c, "cue", True) for c in grammar.cues] + [(s, "stop", True) for s in grammar.stops]
    entries += [(x.term, "suffix", x) for x in grammar.suffixes]
    for term, role, value in entries:
        key = fold_fn(term)
        if key:
            table.setdefault(key, {}).setdefault(role, value)
    return table


def typo_modifier(word: str, group: str, modifiers: Sequence[Modifier]) -> Optional[Modifier]:
    """An English modifier that ``word`` misspells by one edit (``cruse`` → ``cruise``), or None.

    Bloggers' English glosses carry typos; only modifiers of five letters or
    more are tried, and inflections (``strikes``, ``guided``) are not typos.
    """
    if not (word.isascii() and word.isalpha() and len(word) >= 4) or word[1:] != word[1:].lower():
        return None
    low = word.lower()
    for modifier in modifiers:
        term = modifier.term
        if (term.isascii() and term.isalpha() and len(term) >= 5 and modifier.applies(group)
                and Levenshtein.distance(low, term) == 1 and not low.startswith(term)):
            return modifier
    return None


_ONE_KANJI_TYPES = frozenset("零二三四五六七八九")


def _is_type_number(number: Tok, marker: Tok) -> bool:
    """``10`` + ``式`` (or ``九七`` + ``式``) glued together: the Japanese type-year designation before a class noun."""
    digits = unicodedata.normalize("NFKC", number.text)
    if marker.text != "式" or number.space or marker.space:
        return False
    # 10式, 03式; 九七式 (Type 97) in kanji, at least two digits: 一式 alone is also "a full set" (装備一式);
    # 零式, 二式 … 九式 (one kanji but 一) are type designations only (零式艦上戦闘機, 二式魚雷)
    return (digits.isdigit() and len(digits) <= 3) or (2 <= len(digits) <= 3 and all(c in KANJI_DIGITS for c in digits)) \
        or (len(digits) == 1 and digits in _ONE_KANJI_TYPES)


# 一式 (Type 1) as the tokenizer writes it, one word (it is also "a full set"): a type designation only right before
# a class noun (一式|戦闘機, 一式|陸攻), as 九七式 is
_GLUED_TYPE = re.compile(rf"[{KANJI_DIGITS}]{{1,3}}式|[0-9０-９]{{1,3}}式")


def _is_glued_type(token: Tok) -> bool:
    """A type designation written as one token (``一式``) glued before what follows it."""
    return not token.space and _GLUED_TYPE.fullmatch(token.text) is not None


_CALIBRE_UNITS = frozenset({"mm", "ミリ", "ミリメートル", "ミリ口径"})
_CALIBRE_NUMBER = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,2})?")
_MEASURES_BEFORE_BORE = _CALIBRE_UNITS | {"cm", "センチ"}  # 122ミリ口径, 46cm口径: the measure 口径 closes


def _calibre_before(tokens: Sequence[Tok], cur: int) -> bool:
    """Whether a calibre (``5.56`` ``mm``, ``7.62`` ``ミリ``) glued to a type number stands right before token ``cur``."""
    unit, number = tokens[cur - 1], tokens[cur - 2]
    return unicodedata.normalize("NFKC", unit.text).lower() in _CALIBRE_UNITS and not number.space \
        and _CALIBRE_NUMBER.fullmatch(unicodedata.normalize("NFKC", number.text)) is not None


_MOUNT_WORDS = frozenset({"連装", "単装"})


def _after_text(tokens: Sequence[Tok], start: int, text: str) -> int:
    """The token index right after ``text`` written from token ``start`` (a modifier's tokens)."""
    seen, k = "", start
    while k < len(tokens) and len(seen) < len(text):
        seen += tokens[k].text
        k += 1
    return k


_MOVER_WORDS = (("自走",), ("装輪", "自走"), ("装軌", "自走"))


def _self_propelled_type_start(tokens: Sequence[Tok], cur: int) -> Optional[int]:
    """The start of ``99|式|自走|155|mm`` before a class noun at ``cur`` (a type number, a mover word, a
    calibre, all glued), or None."""
    if not _calibre_before(tokens, cur):
        return None
    for words in _MOVER_WORDS:
        at = cur - 2 - len(words)
        if at >= 2 and tuple(t.text for t in tokens[at:cur - 2]) == words and not any(t.space for t in tokens[at - 2:cur - 1]) \
                and _is_type_number(tokens[at - 2], tokens[at - 1]):
            return at - 2
    return None


def _suffix_end(suffixes: Mapping[int, List[Tuple[int, Any]]], tokens: Sequence[Tok], end: int, group: str) -> int:
    """The end of the longest applicable suffix glued at token ``end`` (``システム`` after ``自走砲``), or ``end``."""
    if end == 0 or (tokens and tokens[end - 1].space):
        return end
    return max((e for e, x in suffixes.get(end, []) if x.applies(group)), default=end)


def _modifier_chain(mods_by_end: Mapping[int, List[Tuple[int, Modifier]]], start: int,
                    group: str, joiners: Collection[int] = (),
                    gaps: Collection[int] = (), dots: Collection[int] = ()) -> Tuple[int, List[Modifier]]:
    """The longest chain (up to four) of modifiers that apply to ``group``, glued before ``start``.

    ``joiners`` are glued ``/`` tokens: two type words joined by one qualify the class together
    (``多用途/攻撃用UAV``: one span, as real49's annotator took it). A ``・`` list stays apart
    (``攻撃型・偵察型ドローン``: real1's annotator marked ``偵察型ドローン`` alone). ``gaps`` are tokens
    after a space between two Japanese words, which no modifier crosses (``大規模攻撃 無人機 405機``:
    a headline's space ends the phrase before it; English keeps its spaces: ``attack drone``). ``dots``
    are glued ``・`` tokens between two katakana words: a katakana modifier so joined to its class is
    one loanword compound (``クラスター・ミサイル``, as ``クラスターミサイル``)."""
    chain: List[Modifier] = []
    cur = start
    while len(chain) < 4 and cur not in gaps:
        options = [(s, m) for s, m in mods_by_end.get(cur, []) if m.applies(group)]
        if not options and (chain and cur - 1 in joiners or not chain and cur - 1 in dots):
            options = [(s, m) for s, m in mods_by_end.get(cur - 1, []) if m.applies(group)]
        if not options:
            break
        cur, modifier = min(options, key=lambda o: o[0])
        chain.insert(0, modifier)
    return cur, chain


_JOINERS = frozenset({"/", "／"})


_DOTS = frozenset({"・", "･"})
_VARIANT_LETTER = re.compile(r"[A-ZＡ-Ｚ]")


def _dot_tokens(tokens: Sequence[Tok]) -> Set[int]:
    """Indices of ``・`` tokens glued between two katakana words (``クラスター・ミサイル``)."""
    return {i for i in range(1, len(tokens) - 1) if tokens[i].text in _DOTS and not tokens[i].space
            and not tokens[i - 1].space and is_katakana(tokens[i - 1].text) and is_katakana(tokens[i + 1].text)}


def _joiner_tokens(tokens: Sequence[Tok]) -> Set[int]:
    """Indices of ``/`` tokens glued on both sides (two type words of one class)."""
    return {i for i, tok in enumerate(tokens) if tok.text in _JOINERS and i > 0 and not tok.space
            and not tokens[i - 1].space}


_DESCRIPTOR_ENDS = "型式用性"
_KANJI_WORD = re.compile(r"[\u4e00-\u9fff々]+")
_HIRAGANA_WORD = re.compile(r"[\u3041-\u3096ー]+")  # a name in hiragana (the JMSDF's ships: いせ, かが, ひゅうが)
# "new", "old", "same", "conventional" model: annotators leave these outside the class (新型|ドローン); a size
# word is a type (小型フリゲート, 大型輸送ヘリコプター, 中型戦車: 19 of 20 in the development gold, NOTES-real72/73)
# an improved or export model of a kind says no kind (改良型|一方向攻撃ドローン: 4 of 4 outside in the real-text gold,
# 輸出型 1 of 1); one word to Sudachi, so both _NOT_DESCRIPTORS and _NOT_TECHNICAL hold them
_MODEL_OF_A_KIND = frozenset({"改良型", "輸出型"})
_NOT_DESCRIPTORS = _MODEL_OF_A_KIND | frozenset({
    "新型", "旧型", "新式", "旧式", "同型", "最新型", "最新式", "従来型", "在来型", "各型",
    # a use outside combat names no kind of weapon (式典用戦車, a parade tank: 戦車; NOTES-real62)
    "式典用", "展示用", "儀礼用", "観閲式用"})


def _descriptor_start(tokens: Sequence[Tok], cur: int) -> int:
    """``攻撃型|戦車``, ``迎撃用|無人機``, ``爆発性|ミサイル``: a kanji word ending in 型/式/用/性 glued before a
    class qualifies it as a listed modifier does (``自爆型``, ``牽引式``), so the class reaches back over it;
    new/old/same-model words stay outside (``新型|ドローン``). Returns the class's new start token."""
    if cur == 0 or tokens[cur - 1].space:
        return cur
    last = tokens[cur - 1].text
    if not (last[-1:] in _DESCRIPTOR_ENDS and _KANJI_WORD.fullmatch(last)) or _is_glued_type(tokens[cur - 1]):
        return cur  # 一式|戦闘機: a type designation written as one word is a name, not a descriptor
    start = cur - 1
    if len(last) == 1:  # 攻撃 + 型 as two tokens: the word before the suffix belongs to it
        if start == 0 or tokens[start - 1].space:
            return cur
        if not _KANJI_WORD.fullmatch(tokens[start - 1].text):
            return cur  # 対|ドローン|用|レーザー兵器: the katakana weapon stays a span of its own (the rewritten gold)
        if last == "用" and start >= 2 and tokens[start - 2].text == "対" and not tokens[start - 2].space:
            return start - 2  # 対|潜水艦|用|ミサイル: "for use against", a kind of the class
        if _is_type_number(tokens[start - 1], tokens[start]):
            return cur  # 九七式: a type designation, the system's name before its class (_is_type_number)
        start -= 1
        if start > 0 and not tokens[start - 1].space and len(tokens[start - 1].text) >= 2 \
                and _KANJI_WORD.fullmatch(tokens[start - 1].text) and tokens[start - 1].text not in _NOT_DESCRIPTOR_HEADS:
            start -= 1  # 垂直|発射|式: a two-word descriptor (vertical-launch), as 地上|発射|式
    word = "".join(t.text for t in tokens[start:cur])
    return cur if word in _NOT_DESCRIPTORS else start


# words that judge, date, count or place a weapon rather than say what kind it is: the annotators leave them
# outside the class (新型|ドローン, 高性能|ミサイル, 各種|ドローン, 旧式|戦車, 民間|ドローン in the development gold)
_NOT_TECHNICAL = _MODEL_OF_A_KIND | frozenset({
    "新型", "旧型", "新式", "旧式", "最新", "最新鋭", "最新型", "高性能", "各種", "現代", "近代", "近代的", "次期", "次世代",
    "未確認", "民間", "夜間", "合同", "開発", "所属", "参加", "派遣", "展開", "激安", "主力", "中古", "大量", "多数", "少数", "同型", "同種",
    "国産", "自国", "他国", "敵国", "通常", "一般", "既存", "従来", "在来", "実戦", "実物", "本物", "模型", "玩具",
    "試作", "量産", "配備", "供与", "輸出", "輸入", "購入", "調達", "製造", "生産", "改良", "改修", "退役", "現役",
    "墜落", "撃墜", "被弾", "残骸",  # 墜落|無人機の残骸: what happened to it, no kind of drone
    "予備", "残り", "全部", "全体", "一部", "複数", "大小", "数機", "多く", "自軍", "友軍", "敵軍", "相手", "両国",
    "自前", "独自", "自社", "同社", "他社", "世界", "欧米", "西側", "東側", "旧ソ", "ソ連", "米軍", "露軍",
    "規模", "大規模", "小規模", "中規模",  # 製油所大|規模|ドローン攻撃: the scale of an attack, no kind of drone
    "追加", "新規", "余剰", "代替", "後継",  # NASAMS用の追加|ミサイル: more of a kind, a replacement, no kind of its own
    "通称", "愛称", "別名", "俗称",  # 通称|ポンポン砲: what follows is a name, the word says so
})


# the one-kanji gun: an unlisted katakana word glued before it makes one word with it (ゲルリッヒ砲, ポンポン砲: the
# rewritten development gold writes every such gun whole), unlike a listed name before its class (カエサル|砲)
_KANA_LED_HEADS = frozenset({"砲"})


def _katakana_gun_start(tokens: Sequence[Tok], cur: int, head: Head, name_ends: Collection[int]) -> int:
    """``cur`` moved back over unlisted katakana glued before ``砲`` (no name ends there, no place, no unit of
    measure after a number)."""
    if head.term not in _KANA_LED_HEADS or cur in name_ends:
        return cur
    start = cur
    while start > 0 and not tokens[start - 1].space and is_katakana(tokens[start - 1].text) \
            and "地名" not in tokens[start - 1].tag:
        start -= 1
    if start > 0 and not tokens[start - 1].space and tokens[start - 1].text[-1:].isdigit():
        return cur  # 46センチ砲: a calibre in katakana units, not a name
    return start if len("".join(t.text for t in tokens[start:cur])) >= 3 else cur


def _technical_start(tokens: Sequence[Tok], cur: int, name_ends: Collection[int] = ()) -> int:
    """``低圧|滑腔砲``, ``機動|艦艇``, ``自動|砲``, ``牽引|装甲車``: up to four glued kanji common nouns before a
    class that say what kind of weapon it is are part of the class as the annotators write it (nineteen such
    in the development gold, none listed as modifiers), unless they judge, date, count or place it
    (_NOT_TECHNICAL, or an adjectival or adverbial noun: 高性能, 無制限), name a side, a maker's country or a unit (…製, …産, …軍, …隊),
    or follow a number (4連装|魚雷, 第4世代|戦闘機:
    a count or a generation stays out) that is no listed name's end (``name_ends``: ファス360|近距離|弾道|ミサイル,
    a designation before its class). One-kanji words stop it (米, 敵) but for a grading prefix
    (高|軌道, 低|反動, 超|重戦車); where a kanji noun that stops it is glued before the run, the run belongs
    to that longer phrase and the class keeps to itself (事実上無制限|飛行|ミサイル)."""
    start = cur
    while cur - start < 4 and start > 0 and not tokens[start - 1].space:
        prev = tokens[start - 1]
        word = prev.text
        if len(word) == 1 and word in _GRADING_PREFIXES and (start < cur or prev.tag.startswith("接頭辞")):
            start -= 1
            continue
        if len(word) < 2 or not _KANJI_WORD.fullmatch(word) or not prev.tag.startswith("名詞-普通名詞") \
                or prev.tag.endswith(("形状詞可能", "副詞可能")) \
                or word in _NOT_TECHNICAL or word.endswith(_SIDE_OR_UNIT_ENDS) or _GLUED_TYPE.fullmatch(word):
            break  # …, or a type designation written as one word (一式|戦闘機: the name, then its class)
        if word == "口径" and start >= 2 and not tokens[start - 2].space \
                and unicodedata.normalize("NFKC", tokens[start - 2].text).lower() in _MEASURES_BEFORE_BORE:
            break  # 122ミリ口径|ロケット弾: the word ends the calibre (a QUANTITY); 口径漸減砲 keeps it
        if start >= 2 and not tokens[start - 2].space and tokens[start - 2].text[-1:].isdigit() \
                and start - 1 not in name_ends \
                and not (start >= 3 and not tokens[start - 3].space and tokens[start - 3].text[-1:] in "-‐‑－ー"):
            break  # 4|連装, 第4|世代: a count; F-1|支援|戦闘機, T-4|中等|練習機: a designation's number is no count
        start -= 1
    if start < cur and start > 0 and not tokens[start - 1].space and _KANJI_WORD.fullmatch(tokens[start - 1].text) \
            and tokens[start - 1].tag.startswith("名詞"):
        return cur  # 無制限|飛行|ミサイル: the compound goes on past a word that stops it; the class keeps to itself
    return start


_GRADING_PREFIXES = frozenset({"高", "低", "超", "重", "軽", "核", "多"})  # 核|駆動|魚雷: nuclear, a kind too; 多|銃身|機関砲: multi-barrel
_SIDE_OR_UNIT_ENDS = ("製", "産", "軍", "国", "側", "隊", "団")  # 韓国産|多連装ロケット, 国産|ドローン: made where, no kind


_CARRIES = frozenset({"搭載", "搭載型"})


def _carrier_start(tokens: Sequence[Tok], cur: int, head_starts_by_end: Mapping[int, int]) -> int:
    """``ミサイル搭載無人水上艇``, ``艦船搭載砲``: a weapon class glued before 搭載 ("armed with", "mounted on")
    glued before the class types it, as ``自爆型`` does, so the class reaches back over both."""
    if cur < len(tokens) and tokens[cur].text in _CARRIES:
        carrier = cur  # 搭載型 taken in as a descriptor already (ヘリコプター|搭載|型|護衛艦): the class before it
    else:
        carrier = cur - 1
    if carrier < 1 or tokens[carrier].text not in _CARRIES or tokens[carrier - 1].space or (
            carrier < cur and tokens[carrier].space):
        return cur
    start = head_starts_by_end.get(carrier)
    return cur if start is None else start


def _intercepted_start(tokens: Sequence[Tok], cur: int, modified_starts: Mapping[int, int],
                       head_starts_by_end: Mapping[int, int]) -> int:
    """``弾道ミサイル|迎撃ミサイル``, ``ドローン|迎撃用ドローン``: a class glued before an interceptor's class says
    what it intercepts, one kind with it (as ``ミサイル迎撃システム`` and ``ドローン迎撃機`` are in the gold), with
    that class's own modifiers (``極超音速ミサイル迎撃誘導弾``)."""
    if cur == 0 or cur >= len(tokens) or not tokens[cur].text.startswith("迎撃") or tokens[cur - 1].space:
        return cur
    start = modified_starts.get(cur, head_starts_by_end.get(cur))
    return cur if start is None else start


_ERAS = frozenset({"令和", "平成", "昭和"})


def _fiscal_year_type(tokens: Sequence[Tok], cur: int) -> Optional[int]:
    """The start of ``令和6年度型`` / ``03年度型`` glued before token ``cur`` (a budget-year type name), or None."""
    if cur < 3 or tokens[cur - 1].text != "型" or tokens[cur - 2].text not in ("年度", "年") \
            or any(t.space for t in tokens[cur - 3:cur]):
        return None
    digits = unicodedata.normalize("NFKC", tokens[cur - 3].text)
    if not (digits.isdigit() and len(digits) <= 2):
        return None
    start = cur - 3
    return start - 1 if start > 0 and tokens[start - 1].text in _ERAS and not tokens[start - 1].space else start


# words before 型 that say what kind of ship, not which one (大型, 新型 are one token and no noun before 型)
_NOT_SHIP_NAMES = frozenset({"防空", "攻撃", "輸送", "哨戒", "戦闘", "汎用", "対潜", "対空", "対艦", "偵察", "護衛", "警備",
                             "揚陸", "補給", "訓練", "実験", "試作", "量産", "改良", "派生", "輸出", "標準", "原子力", "通常",
                             "在来", "近代", "現代", "同", "各", "本", "艦", "船", "商船", "軍艦", "最新", "最新鋭", "次期",
                             "大", "小", "中", "超", "巨大", "改", "前期", "後期", "初期", "改修", "能力向上"})


def _named_ship_type(tokens: Sequence[Tok], cur: int) -> Optional[int]:
    """The start of a ship class named after its first ship, ``富士型`` / ``春風型`` / ``旅洋III型``, glued before a
    ship's class noun at token ``cur`` (``富士型|戦艦``), or None.

    The name is a kanji noun (a place, a weather word, a tree: 出雲, 春風, 松) with an optional Roman numeral,
    then 型: a name before its class as ``大和型|戦艦`` and ``いずも型|護衛艦`` are written (the rewritten gold splits
    all seven such classes of parts 71 to 83), where a descriptor (``防空型駆逐艦``, ``攻撃型潜水艦``) qualifies
    the class and stays inside it.
    """
    if cur < 2 or tokens[cur - 1].text != "型" or any(t.space for t in tokens[cur - 3 if cur >= 3 else 0:cur]):
        return None
    end = cur - 1
    if _ROMAN.fullmatch(unicodedata.normalize("NFKC", tokens[end - 1].text).upper()) and end > 1:
        end -= 1
    start = end - 1
    if not _KANJI_WORD.fullmatch(tokens[start].text):
        return None
    if start > 0 and not tokens[start - 1].space and _KANJI_WORD.fullmatch(tokens[start - 1].text) \
            and len(tokens[start - 1].text) + len(tokens[start].text) <= 3 \
            and (tokens[start].tag.startswith("接尾辞") or len(tokens[start - 1].text) == len(tokens[start].text) == 1):
        start -= 1  # 旅|洋, 江|凱: a Chinese class name the tokenizer cuts into single characters
    word = "".join(t.text for t in tokens[start:end])
    single = end - start == 1
    if len(word) > 3 or word in _NOT_SHIP_NAMES or word in _NOT_DESCRIPTOR_HEADS \
            or single and not tokens[start].tag.startswith(("名詞-固有名詞", "名詞-普通名詞-一般")):
        return None
    if start > 0 and not tokens[start - 1].space and _KANJI_WORD.fullmatch(tokens[start - 1].text):
        return None  # 水上発射型: the kanji word before belongs to a longer descriptor
    return start


_SHIP_TYPE_NUMBER = re.compile(r"[0-9]{2,5}(?:\.[0-9])?[A-Z]{0,2}")


def _numbered_ship_type(tokens: Sequence[Tok], cur: int) -> Optional[int]:
    """The start of a ship type numbered by its design, ``26型`` / ``052D型`` / ``22350型``, glued before a ship's
    class noun at token ``cur`` (``26型|フリゲート``), or None: a name before its class as ``10式|戦車`` is (the
    development gold splits all five such types, 039G型|潜水艦, 052C型|ミサイル駆逐艦, 052D型|駆逐艦). Two digits at
    least: ``2型`` is a grade, not a design."""
    if cur < 2 or tokens[cur - 1].text != "型" or tokens[cur - 2].space:
        return None
    start = cur - 2
    if start > 0 and not tokens[start - 1].space and re.fullmatch(r"[0-9]{2,5}", unicodedata.normalize(
            "NFKC", tokens[start - 1].text)) and re.fullmatch(r"[A-Z]{1,2}", unicodedata.normalize("NFKC", tokens[start].text)):
        start -= 1  # 052|D|型: the tokenizer cuts a variant letter off the number
    number = unicodedata.normalize("NFKC", _surface(tokens, start, cur - 1))
    if not _SHIP_TYPE_NUMBER.fullmatch(number):
        return None
    if start > 0 and not tokens[start - 1].space and unicodedata.normalize("NFKC", tokens[start - 1].text)[-1:] in \
            ".,0123456789":
        return None  # 1,500型? part of a longer figure
    return start


# katakana words before 型 that say what kind of ship, not which class (ステルス型フリゲート, ミサイル型コルベット)
_KATAKANA_KINDS = frozenset({"ステルス", "ミサイル", "ヘリ", "ヘリコプター", "ドローン", "コンテナ", "モジュール", "タンカー",
                             "フェリー", "ボート", "ハイブリッド", "ディーゼル", "ガスタービン", "コンパクト", "マルチ"})


def _katakana_ship_type(tokens: Sequence[Tok], cur: int) -> Optional[int]:
    """The start of an unlisted ship class named in katakana with 型 before a ship's class noun at token ``cur``
    (``ブーヤン型|コルベット``, ``ゴルシコフ型|フリゲート``), or None: a name before its class as a listed
    ``ロプーチャ級|揚陸艦`` is; a katakana word that names a kind (``ステルス型``) qualifies the class instead."""
    if cur < 2 or tokens[cur - 1].text != "型" or tokens[cur - 2].space or tokens[cur - 1].space:
        return None
    word = tokens[cur - 2].text
    if len(word) < 3 or not is_katakana(word) or word in _KATAKANA_KINDS:
        return None
    if cur >= 3 and not tokens[cur - 3].space and is_katakana(tokens[cur - 3].text):
        return None  # the katakana word goes on before: not one name
    return cur - 2


# nouns that a descriptor never starts with: an origin, a maker's country, a time (ロシア製 is no descriptor; 国産,
# 従来, 最新 qualify no kind)
_NOT_DESCRIPTOR_HEADS = frozenset({"国産", "従来", "最新", "旧来", "同様", "各種", "独自", "自国", "外国", "海外"})


# modifiers that are nouns of their own: joined by ・ to a class they are a second thing, not its type
# (北朝鮮の核・ミサイル開発: nuclear weapons and missiles; 沿岸・河川巡視船 stays one class)
_NOUN_MODIFIERS = frozenset({"核"})


def _class_candidates(hits: Sequence[Hit], stops: Sequence[Tuple[int, int]], tokens: Sequence[Tok] = (),
                      modifiers: Sequence[Modifier] = ()) -> List[Candidate]:
    """Heads, each extended left over the longest chain of applicable modifiers and right over a suffix."""
    mods_by_end: Dict[int, List[Tuple[int, Modifier]]] = {}
    suffixes: Dict[int, List[Tuple[int, Any]]] = {}
    for start, end, payload in hits:
        if "mod" in payload:
            mods_by_end.setdefault(end, []).append((start, payload["mod"]))
        if "suffix" in payload:
            suffixes.setdefault(start, []).append((end, payload["suffix"]))
    heads: Dict[int, List[Tuple[int, Head]]] = {}
    name_ends = {end for _, end, payload in hits if "name" in payload}
    for start, end, payload in hits:
        # an all-capitals class (SAM, ICBM) matches capitals only, as a name does: Sam, Icbm are none
        if "head" in payload and (not tokens or case_ok(payload["head"].term, _surface(tokens, start, end))):
            heads.setdefault(start, []).append((end, payload["head"]))
    out = []
    head_starts_by_end: Dict[int, int] = {}
    for start, options_here in heads.items():
        for end, _ in options_here:
            head_starts_by_end[end] = min(start, head_starts_by_end.get(end, start))
    modified_starts: Dict[int, int] = {}  # a class's start with its modifiers, by its end (極超音速|ミサイル)
    joiners = _joiner_tokens(tokens) if tokens else set()
    gaps = {i for i in range(1, len(tokens)) if tokens[i - 1].space and not tokens[i - 1].text.isascii()
            and not tokens[i].text.isascii()}
    dots = _dot_tokens(tokens) if tokens else set()
    for start, options_here in heads.items():
        # The longest head at a start is the head (ロケット砲, not ロケット), unless a shorter one with its
        # suffix reaches as far and takes modifiers the longer does not (極超音速 + ミサイル + システム, where
        # ミサイルシステム is an air-defence head that 極超音速 does not qualify).
        best = None
        for end, head in sorted(options_here, key=lambda o: -o[0]):
            if any(s <= start and end <= e for s, e in stops):
                continue
            reach = _suffix_end(suffixes, tokens, end, head.group)
            cur, chain = _modifier_chain(mods_by_end, start, head.group, joiners, gaps, dots)
            if best is None or (reach >= best[1] and cur < best[0]):
                best = (cur, reach, head, chain)
        if best is None:
            continue
        cur, end, head, chain = best
        modified_starts[end] = min(cur, modified_starts.get(end, cur))
        if chain and chain[0].term in _MOUNT_WORDS and tokens and cur > 0 and not tokens[cur - 1].space \
                and unicodedata.normalize("NFKC", tokens[cur - 1].text).isdigit():
            cur, chain = _after_text(tokens, cur, chain[0].term), chain[1:]  # 3連装|機銃: a barrel count stays out
        fiscal = _fiscal_year_type(tokens, cur) if tokens and not chain else None
        if fiscal is None and tokens and head.group == "ship":
            named = _named_ship_type(tokens, cur)
            if named is None and cur > 0 and not tokens[cur - 1].space:
                technical = _technical_start(tokens, cur)  # 出雲型|装甲|巡洋艦: the name before a technical word
                named = _named_ship_type(tokens, technical) if technical < cur else None
                cur = technical if named is not None else cur
            if named is None:
                named = _numbered_ship_type(tokens, cur)  # 26型|フリゲート: a design number before the class
            if named is None:
                named = _katakana_ship_type(tokens, cur)  # ブーヤン型|コルベット: an unlisted class's name
            fiscal = named
        if fiscal is not None:
            # 令和6年度型|護衛艦, 03年度型|潜水艦: the JMSDF names a ship type by its budget year, a name before
            # its class as 10式|戦車 is (and 年度型 no descriptor of the class)
            out.append(Candidate(fiscal, cur, None, compose_class(head, chain), None, "family"))
            out.append(Candidate(cur, end, None, compose_class(head, chain), None, "class"))
            continue
        if tokens:
            cur = _descriptor_start(tokens, cur)
            cur = _carrier_start(tokens, cur, head_starts_by_end)  # ミサイル搭載|無人水上艇: a type word too
            cur = _intercepted_start(tokens, cur, modified_starts, head_starts_by_end)  # ミサイル|迎撃ミサイル
            if cur not in head_starts_by_end:  # ドローン|砲: a class before it is a class of its own
                cur = _katakana_gun_start(tokens, cur, head, name_ends)  # ゲルリッヒ砲: an unlisted kind of gun
            technical = _technical_start(tokens, cur, name_ends)  # 低圧|滑腔砲, 機動|艦艇: an unlisted technical word
            if technical < cur:  # ミサイル|護衛|哨戒艇: a listed type word before the technical one qualifies it too
                cur, more = _modifier_chain(mods_by_end, technical, head.group, joiners, gaps, dots)
                chain = more + chain
            if cur + 2 < end and tokens[cur].text in _NOUN_MODIFIERS and tokens[cur + 1].text in _DOTS:
                continue  # 核・ミサイル: nukes and missiles; the head after the dot has a candidate of its own
        mover = _self_propelled_type_start(tokens, cur) if tokens and cur >= 5 else None
        if mover is not None:
            # 99式自走155mmりゅう弾砲, 19式装輪自走155mmりゅう弾砲: with the mover word between type and calibre
            # the JSDF's name reads as one (the gold of three texts in two parts), the calibre a QUANTITY inside it
            out.append(Candidate(mover, end, None, compose_class(head, chain), None, "name"))
            continue
        if tokens and cur >= 4 and _calibre_before(tokens, cur) and _is_type_number(tokens[cur - 4], tokens[cur - 3]):
            # 20式5.56mm小銃, 64式7.62ミリ小銃: the JSDF's official names put the calibre (a QUANTITY of
            # its own) between the type designation and the class noun
            out.append(Candidate(cur - 4, cur - 2, None, compose_class(head, chain), None, "family"))
        elif cur >= 2 and tokens and _is_type_number(tokens[cur - 2], tokens[cur - 1]):
            # a Japanese type designation is the system's name before its class: 87式|高射機関砲, 10式|戦車
            # (ANNOTATION.md: a name and its class noun written together are two spans; NOTES-real38)
            out.append(Candidate(cur - 2, cur, None, compose_class(head, chain), None, "family"))
        elif cur >= 1 and tokens and _is_glued_type(tokens[cur - 1]):
            out.append(Candidate(cur - 1, cur, None, compose_class(head, chain), None, "family"))  # 一式|戦闘機
        elif not chain and cur > 0 and tokens and tokens[cur - 1].space and tokens[cur].text.isascii():
            typo = typo_modifier(tokens[cur - 1].text, head.group, modifiers)
            if typo is not None:
                cur, chain = cur - 1, [typo]
        out.append(Candidate(cur, end, None, compose_class(head, chain), None, "class"))
    return out


def _surface(tokens: Sequence[Tok], start: int, end: int) -> str:
    return "".join(t.text + (" " if t.space else "") for t in tokens[start:end]).strip()


_COUNTERS = ("機", "基", "両", "台", "発", "弾", "門", "隻", "個", "式", "セット")
_NOT_COUNTER_WORDS = ("弾道", "弾頭", "弾薬", "弾丸", "弾幕", "弾倉", "弾種", "式典")  # words that start with a counter


def _starts_counter(word: str, counters: Tuple[str, ...] = _COUNTERS) -> bool:
    """Whether ``word`` starts with a counter (``2弾``: Kh-47キンジャル2弾 is two rounds), not a word that only
    begins with one (``弾道``)."""
    return word.startswith(counters) and not word.startswith(_NOT_COUNTER_WORDS)


def _count_not_variant(tokens: Sequence[Tok], start: int, end: int, alias: str) -> bool:
    """``NASAMS 2機``: a number after a space and before a counter is a count, not the ``NASAMS 2`` variant."""
    return (end - start >= 2 and alias[-1:].isdigit() and tokens[end - 2].space and tokens[end - 1].text.isdigit()
            and end < len(tokens) and not tokens[end - 1].space and _starts_counter(tokens[end].text))


# a model number and its variant letters and number, as Germany numbers its vehicles (Marder 1A3, Gepard 1A2,
# Leopard 1A5DK): written glued after a name that has no number of its own
_MODEL_VARIANT = re.compile(r"[0-9][A-Z][0-9]{1,2}[A-Z]{0,3}")


def _model_variant_end(tokens: Sequence[Tok], end: int) -> int:
    """``end`` moved over a model variant glued right after the name that ends there (``マルダー|1|A3``), or
    ``end`` itself; the variant's tokens must end where the variant does (``1A3型`` still ends at 3)."""
    if end >= len(tokens) or tokens[end - 1].space or not tokens[end].text[:1].isdigit():
        return end
    joined = ""
    for stop in range(end, min(end + 3, len(tokens))):
        joined += tokens[stop].text
        if _MODEL_VARIANT.fullmatch(joined):
            return stop + 1
        if tokens[stop].space:
            break
    return end


# a variant glued after a Latin name that ends in a letter: its number (A6M|5, the Zero's fifth model) or a
# hyphen and capitals (Osa|-|AK); what follows must not go on in Latin letters or digits
_GLUED_VARIANT_NUMBER = re.compile(r"[0-9]{1,2}")
_HYPHEN_VARIANT = re.compile(r"[A-Z]{1,3}[0-9]?")


def _latin_variant_end(tokens: Sequence[Tok], end: int, alias: str) -> int:
    """``end`` moved over a variant glued to a Latin name that ends in a letter (``A6M5``, ``Osa-AK``), or
    ``end`` itself. A number before a counter is a count (``A6M2機`` stays ``A6M`` and ``2機``)."""
    if not (alias.isascii() and alias[-1:].isalpha()) or end + 1 > len(tokens) or tokens[end - 1].space:
        return end
    first = tokens[end].text
    if alias[-1].isupper() and _GLUED_VARIANT_NUMBER.fullmatch(first):
        stop = end + 1
    elif first in ("-", "‐") and end + 1 < len(tokens) and not tokens[end].space \
            and _HYPHEN_VARIANT.fullmatch(tokens[end + 1].text):
        stop = end + 2
    else:
        return end
    if stop < len(tokens) and not tokens[stop - 1].space and (
            tokens[stop].text[:1].isascii() and tokens[stop].text[:1].isalnum()
            or _starts_counter(tokens[stop].text)):
        return end
    return stop


_VARIANT_NUMBER = re.compile(r"[0-9]{1,2}")
_NOT_AFTER_VARIANT = ("年", "月", "日", "時", "分", "秒", "歳", "人", "名", "km", "キロ", "ミリ", "mm") + _COUNTERS


def _numbered_variant_end(tokens: Sequence[Tok], end: int, alias: str) -> int:
    """``end`` moved over a variant number after a name that ends in a letter: with a hyphen after a Latin or
    katakana name (``Uragan-1``, ``ウラガン-1``), glued after a katakana one (``マグラ7``, as the listed
    ``マグラ5``), or ``end`` itself. A number before a counter, a date or a measure is no variant (``シャヘド2機``,
    ``ストームシャドウ2月``), nor one that goes on in Latin letters or digits."""
    if end >= len(tokens) or tokens[end - 1].space or not (is_katakana(alias[-1:]) or alias[-1:].isascii()
                                                           and alias[-1:].isalpha()):
        return end
    if tokens[end].text in ("-", "‐") and end + 1 < len(tokens) and not tokens[end].space:
        number = end + 1
    elif is_katakana(alias[-1:]):
        number = end
    else:
        return end
    if not _VARIANT_NUMBER.fullmatch(tokens[number].text):
        return end
    stop = number + 1
    if stop < len(tokens) and not tokens[stop - 1].space and (
            tokens[stop].text[:1].isascii() and tokens[stop].text[:1].isalnum()
            or _starts_counter(tokens[stop].text, _NOT_AFTER_VARIANT)):
        return end
    return stop


def _designation_goes_on(tokens: Sequence[Tok], stop: int) -> bool:
    """Whether a hyphen or a digit is glued at ``stop``: what came before it starts another designation."""
    return stop < len(tokens) and not tokens[stop - 1].space and tokens[stop].text[:1] in "-‐0123456789"


# class nouns a listed name may end in (パトリオットミサイル, one word: one span, NOTES-real61, -62)
_DOTTED_CLASS_NOUNS = frozenset({"ミサイル", "ドローン", "ロケット", "システム"})


def _before_dotted_class(tokens: Sequence[Tok], start: int, end: int) -> int:
    """``end`` of a name match that ends in ``・`` and a class noun moved before the dot: written with the
    dot the name and its class are two words, two spans (``パトリオット・ミサイル`` → ``パトリオット|ミサイル``, as
    ``イスカンダル・ミサイル``; the rewritten gold splits both such of its development half)."""
    if end - start >= 3 and tokens[end - 2].text in _DOTS and tokens[end - 1].text in _DOTTED_CLASS_NOUNS \
            and not tokens[end - 2].space and is_katakana(tokens[end - 3].text[-1:]):
        return end - 2
    return end


# a variant code written after a name and one space: S2, TB2, C/D, E/F (Leclerc S2, グリペン C/D, the rewritten
# development gold's every such case); a hyphen after it starts another designation (T-80, A-50), and a lone
# letter may be the start of a word
_SPACED_VARIANT = re.compile(r"[A-Z]{1,2}[0-9]?(?:/[A-Z]{1,2}[0-9]?)?")


def _spaced_variant_end(tokens: Sequence[Tok], end: int) -> int:
    """``end`` moved over a variant code written after the name that ends there and one ASCII space."""
    if end >= len(tokens) or not tokens[end - 1].space or tokens[end - 1].text.isspace():
        return end
    joined = ""
    for stop in range(end, min(end + 4, len(tokens))):
        joined += tokens[stop].text
        if tokens[stop].space or stop + 1 == len(tokens) or not tokens[stop + 1].text[:1].isascii() \
                or not (tokens[stop + 1].text[:1].isalnum() or tokens[stop + 1].text[:1] in "/-"):
            # a lone letter may start a word (Eagle S…): the code needs a second character
            return stop + 1 if _SPACED_VARIANT.fullmatch(joined) and len(joined) > 1 else end
    return end


# administrative suffixes glued after a katakana word make it a place name (ハマー市, ハマー県, ドネツク州)
_PLACE_SUFFIXES = frozenset({"市", "県", "州", "郡", "村", "町", "区", "地区", "県都", "州都"})


def _name_candidate(tokens: Sequence[Tok], start: int, end: int, name: Name,
                    classes_by_start: Mapping[int, Candidate]) -> Optional[Candidate]:
    """A checked name match, extended over a variant suffix or ``型`` + class head."""
    if not case_ok(name.alias, _surface(tokens, start, end)):
        return None
    before = tokens[start - 1].text[-1:] if start > 0 and not tokens[start - 1].space else ""
    after = tokens[end].text[:1] if end < len(tokens) and not tokens[end - 1].space else ""
    if not boundary_ok(name.alias, before, after):
        return None
    if _HIRAGANA_WORD.fullmatch(name.alias) and all(t.tag.startswith(("助詞", "助動詞")) for t in tokens[start:end]):
        return None  # 取り除く|か|が: two particles, not the ship かが (は|まぎり, てる|づき stay names)
    if _count_not_variant(tokens, start, end, name.alias):
        return None
    if end < len(tokens) and not tokens[end - 1].space and tokens[end].text in _PLACE_SUFFIXES \
            and is_katakana(_surface(tokens, start, end)):
        return None  # ハマー市, ハマー県 (Hama, a Syrian city and governorate): a place, not the Hummer
    end = _before_dotted_class(tokens, start, end)
    matched_end = end
    if name.alias[-1:].isdigit():
        # Su30-MK2: the variant may follow a hyphen
        at = end + 1 if end + 1 < len(tokens) and tokens[end].text in ("-", "‐") else end
        for stop in (at + 2, at + 1):
            suffix = "".join(t.text for t in tokens[at:stop])
            if stop <= len(tokens) and not any(t.space for t in tokens[end - 1:stop - 1]) \
                    and is_variant_suffix(suffix) and suffix not in _CLASS_ACRONYMS \
                    and not (at > end and _designation_goes_on(tokens, stop)):  # SS-N-22|SSM; Kh-101|-Kh-555
                end = stop
                break
    elif is_katakana(name.alias[-1:]) and end < len(tokens) and not tokens[end - 1].space \
            and _VARIANT_LETTER.fullmatch(tokens[end].text) and not (
                end + 1 < len(tokens) and not tokens[end].space and tokens[end + 1].text[:1].isascii()
                and tokens[end + 1].text[:1].isalnum()):  # レオパルドC1: a longer code, found as such
        end += 1  # フランカーB, フルクラムA: a NATO reporting name with its variant letter is one name
    elif not name.alias[-1:].isdigit():
        end = _model_variant_end(tokens, end)  # マルダー1A3, Gepard1A2: a German-style model and variant
        end = _latin_variant_end(tokens, end, name.alias)  # A6M5, Osa-AK: a variant glued to a Latin name
        end = _numbered_variant_end(tokens, end, name.alias)  # Uragan-1, マグラ7: a variant's number
        end = _spaced_variant_end(tokens, end)  # Leclerc S2, グリペン C/D: a variant code after one space
    glued = end < len(tokens) and not tokens[end - 1].space
    if glued and tokens[end].text in NAME_CONNECTORS and end + 1 in classes_by_start:
        # タランタルIII型|コルベット, ロプーチャ級|揚陸艦, シャヘド型|無人機: the name with its connector, then the
        # class noun as a span of its own (ANNOTATION.md's T-90M|戦車; every such case in the real-text gold)
        end += 1
    elif glued and tokens[end].text == "型" and (name.alias[-1:].isdigit() or (
            is_katakana(name.alias[-1:]) and not (end + 1 < len(tokens) and tokens[end + 1].text == "の"))):
        # レオパルト1型15両: 型 after a numbered model is part of its name; so after a katakana name
        # with no class noun (シャヘド型が60機, as its class-noun form シャヘド型|無人機; NOTES-real63),
        # but not before の (Shahed型の自爆型…: the type of something else)
        end += 1
    # a name glued to its class noun (リュティドローン, T-90M戦車) stays two spans (ANNOTATION.md)
    return Candidate(start, end, name.canonical, name.weapon_class, name.origin, "name", end != matched_end)


def family_regex(families: Sequence[Family]) -> re.Pattern:
    """One regex for every designation family: prefix, optional dash, number, variant letters."""
    prefixes = sorted({re.escape(f.prefix) for f in families}, key=len, reverse=True)
    return re.compile(rf"(?P<p>{'|'.join(prefixes)})(?P<d>[{_FAMILY_SEP}]?)(?P<n>\d+)"
                      rf"(?:[-‐]?(?P<s>[A-Z]{{1,4}}(?:\d[A-Z]?|-\d{{1,2}})?))?(?:型)?", re.IGNORECASE)


def _family_of(families: Sequence[Family], prefix: str) -> Optional[Family]:
    for fam in families:
        if fam.prefix == prefix or (not fam.case_sensitive and fam.prefix.lower() == prefix.lower()):
            return fam
    return None


@lru_cache(maxsize=8)
def _family_matcher(families: Tuple[Family, ...]) -> Tuple[re.Pattern, frozenset]:
    """The families' regex and the first characters a designation can start with (cached)."""
    return family_regex(families), frozenset(f.prefix[0].lower() for f in families)


# Token text → NFKC form, for the family scan here and the unknown-name scan (weapon_unknown): most
# token texts recur from doc to doc, and normalising every token of every doc cost more than the scans.
# Cleared when full, so memory stays flat on an endless stream of new tokens.
_NFKC_MEMO: Dict[str, str] = {}
_NFKC_MAX = 1 << 16
_FIRST_CHAR = itemgetter(slice(0, 1))
_NFKC = partial(unicodedata.normalize, "NFKC")


def nfkc_texts(texts: List[str]) -> List[str]:
    """The NFKC form of each text, from the shared memo where known."""
    return memo_map(_NFKC_MEMO, texts, _NFKC, _NFKC_MAX)


# The last families seen and their matcher: hashing the families (dataclasses) for ``_family_matcher``'s
# cache on every doc cost more than the scan; a list comparison is by identity first, so checking is cheap.
_FAMILY_STATE: List[Any] = [None, None, None]


def _family_setup(families: Sequence[Family]) -> Tuple[re.Pattern, frozenset]:
    """``_family_matcher(families)``, kept for the families last asked for."""
    state = _FAMILY_STATE
    if state[0] is None or state[0] != list(families):
        state[:] = [list(families), *_family_matcher(tuple(families))]
    return state[1], state[2]


def _family_candidates(tokens: Sequence[Tok], families: Sequence[Family]) -> List[Candidate]:
    """Designations such as ``Su-34``, ``T-90M``, ``スホイ35`` not listed by name."""
    if not families:
        return []
    pattern, firsts = _family_setup(families)
    out: List[Candidate] = []
    norm = nfkc_texts(list(map(itemgetter(0), tokens)))  # Tok.text
    # the few tokens that can open one: their first character, lower-cased, opens a family (picked in C)
    for i in list(compress(range(len(norm)), map(firsts.__contains__, map(str.lower, map(_FIRST_CHAR, norm))))):
        if i > 0 and not tokens[i - 1].space and norm[i - 1][-1:].isascii() and norm[i - 1][-1:].isalnum():
            continue
        best, text = None, ""
        for j in range(i, min(len(tokens), i + 6)):
            text += norm[j]
            m = pattern.fullmatch(text)
            if m and not (j > i and norm[j] in _CLASS_ACRONYMS) \
                    and not (m.group("s") and text[m.start("s") - 1] in "-‐" and _designation_goes_on(tokens, j + 1)):
                best = (j + 1, m)  # not SS-N-22|SSM (the class glued after); Su30-MK2, not Kh-101-Kh|-555
            if tokens[j].space:
                break
        if best is None:
            continue
        end, m = best
        fam = _family_of(families, m.group("p"))
        if fam is None and m.group("d") and m.group("p").islower():
            fam = _family_of(families, m.group("p").capitalize())  # ka-32: a dashed designation typed in lower case
            fam = fam if fam is not None and fam.dash_required else None
        if fam is None or not family_digits_ok(fam, m.group("n")) or (fam.dash_required and not m.group("d")):
            continue
        if not m.group("p").isascii() and not m.group("d") and _counted_after(tokens, end - 1):
            continue  # シャヘド120機: 120 drones of the Shahed name (a count), not a model シャヘド120
        out.append(Candidate(i, end, family_canonical(fam, m.group("n"), m.group("s") or ""),
                             fam.weapon_class, fam.origin, "family"))
    return out


def _ner_candidates(tokens: Sequence[Tok], labels: Sequence[str]) -> List[Candidate]:
    """Runs of name-like tokens inside ja_ginza entities of the given labels."""
    out, i = [], 0
    while i < len(tokens):
        if tokens[i].ent not in labels or not _NAMEY_RE.match(tokens[i].text):
            i += 1
            continue
        j = i
        while j < len(tokens) and tokens[j].ent in labels and _NAMEY_RE.match(tokens[j].text):
            j += 1
        text = _surface(tokens, i, j)
        if len(text) >= 3 and _HAS_NAME_CHAR.search(text) and text[0] not in _FAMILY_SEP + "・./":
            out.append(Candidate(i, j, None, None, None, "ner"))
        i = j
    return out


def sentence_ids(tokens: Sequence[Tok]) -> List[int]:
    """A sentence number per token; a sentence ends after ``。``, ``!``, ``?`` or a line break."""
    ids, current = [], 0
    for tok in tokens:
        ids.append(current)
        if tok.text in SENTENCE_ENDS or "\n" in tok.text:
            current += 1
    return ids


def _near(index_set: Sequence[int], start: int, end: int, window: int, sents: Sequence[int]) -> bool:
    """Whether some index lies within ``window`` tokens of ``[start, end)`` in the same sentence."""
    return any(start - window <= k < end + window and not start <= k < end and sents[k] == sents[start]
               for k in index_set)


# a number and a counter of weapons right after a name (グラート4台, ベア2機): the name is counted as a weapon
_WEAPON_COUNTERS = "台|両|基|門|発|機|隻|輌"  # counters of platforms and rounds
_WEAPON_COUNT = re.compile(rf"[0-9０-９]+(?:{_WEAPON_COUNTERS})")


def _counted_after(tokens: Sequence[Tok], end: int) -> bool:
    """Whether ``tokens[end:]`` opens with a count in a weapon counter, glued to the name before it."""
    if end >= len(tokens) or tokens[end - 1].space:
        return False
    return bool(_WEAPON_COUNT.match("".join(t.text for t in tokens[end:end + 2])))


# a count in a weapon counter, then の, right before a name: 最大 6 機のタイフーン, 2両のレオパルト
_WEAPON_COUNT_OF = re.compile(rf"[0-9０-９]+[ 　]?(?:{_WEAPON_COUNTERS})の$")


def _counted_before(tokens: Sequence[Tok], start: int) -> bool:
    """Whether a count of platforms or rounds and の stand right before ``tokens[start]`` (``6 機のタイフーン``):
    what is counted in 機 is an aircraft, so an ambiguous alias there is the system, as with a count after it."""
    before = "".join(t.text + (" " if t.space else "") for t in tokens[max(0, start - 4):start])
    return _WEAPON_COUNT_OF.search(before) is not None


def _cells(chosen: Sequence[Candidate]) -> set:
    return {k for c in chosen for k in range(c.start, c.end)}


def _quoted_candidates(tokens: Sequence[Tok], chosen: Sequence[Candidate],
                       ship_classes: frozenset = frozenset(), aircraft_classes: frozenset = frozenset()) -> List[Candidate]:
    """Quoted names (and a glued Latin gloss) right after a class noun: ``重爆撃ドローン「…」``; after a ship
    class also a name in hiragana or kanji (``護衛艦「かが」``, ``空母「遼寧」``: Japanese and Chinese warships)."""
    # T-90A「ウラジーミル」, 9M119M「レフレークス」: a model designation's own name quoted after it
    before_quote = [c for c in chosen if c.end < len(tokens) and tokens[c.end].text in NAME_QUOTES
                    and (c.kind == "class" or c.kind in ("name", "family", "unknown") and _ends_in_code(tokens[c.end - 1].text))]
    # 小型対潜艦:053「ポヴォリノ」、054「エイスク」: a ship list's hull number before each quoted name
    listed = [c for c in chosen if c.kind == "class" and c.weapon_class in ship_classes and c.end < len(tokens)
              and tokens[c.end].text in _LIST_COLONS and _hull_before_quote(tokens, c.end + 1) is not None]
    before_quote += [replace(c, end=c.end + 1) for c in listed]
    # 旗艦「モスクワ」: a ship's role is no WEAPON itself (corpus/realtext NOTES-real3) but names a ship
    if not SHIP_ROLES.keys().isdisjoint(map(itemgetter(0), tokens)):  # a role word at all (one C-level scan)
        before_quote += [Candidate(i, i + 1, None, SHIP_ROLES[t.text], None, "class")
                         for i, t in enumerate(tokens[:-1]) if t.text in SHIP_ROLES and tokens[i + 1].text == "「"]
    # 第1ミサイル艇隊「くまたか」, 第2護衛隊「あたご」: a naval unit's ship named in quotes right after it
    before_quote += [Candidate(i, i + 1, None, "warship", None, "class") for i, t in enumerate(tokens[:-1])
                     if t.text[-1:] == "隊" and tokens[i + 1].text == "「"
                     and (tokens[i - 1].text + t.text if i else t.text).endswith(NAVAL_UNIT_ENDINGS)]
    texts, spaces, out = [t.text for t in tokens], [t.space for t in tokens], []
    out += _called_names(texts, spaces, chosen)
    out += _quoted_with_count_or_type(texts, spaces, chosen)
    if not before_quote:
        return out
    for cand in before_quote:
        at = cand.end
        ship = cand.weapon_class in ship_classes
        for _ in range(MAX_QUOTED_LIST):  # 揚陸艦「ヤマル」「アゾフ」, 「ヤマル」と「アゾフ」: one class, several names
            if ship and at < len(texts) and texts[at] != "「":
                at = _hull_before_quote(tokens, at) or at  # 053「ポヴォリノ」: the hull number stays out
            extent = quoted_name_extent(texts, spaces, at) or (_native_ship_name(texts, at) if ship else None) \
                or (_kanji_aircraft_name(tokens, texts, at) if cand.weapon_class in aircraft_classes else None)
            if extent is None:
                aliased = _name_with_alias(texts, at, ship)
                if aliased is not None:  # 駆逐艦「蘭州(兰州:170)」, 駆逐艦「ディケーター(DDG-73)」
                    out += [Candidate(a, b, None, cand.weapon_class, None, "quoted") for a, b in aliased]
                break
            start, end, gloss_end = extent
            out.append(Candidate(start, end, None, cand.weapon_class, None, "quoted"))
            if gloss_end > end + 1:
                out.append(Candidate(end + 1, gloss_end, None, cand.weapon_class, None, "quoted"))
            hull = _hull_number_after(texts, gloss_end) if ship else None
            if hull is not None:  # 「マッキャンベル」(DDG85): the ship's hull number in brackets
                out.append(Candidate(hull[0], hull[1], None, cand.weapon_class, None, "quoted"))
            at = gloss_end
            if at + 1 < len(texts) and texts[at] in _QUOTE_LIST_JOINS and (
                    texts[at + 1] == "「" or ship and _hull_before_quote(tokens, at + 1) is not None):
                at += 1
    return out


# 「ザラ」が1機, 「オルラン10」3機: a count of platforms or rounds right after a quoted name makes it a weapon
_COUNT_AFTER_QUOTE = re.compile(r"[がをはも]?(?:約|計)?[0-9０-９]+(機|発|基|両|門|隻)")
_COUNTED_CLASS = {"機": "aircraft", "発": "missile", "基": "launcher", "両": "armoured_vehicle", "門": "artillery_gun",
                  "隻": "warship"}


def _quoted_with_count_or_type(texts: Sequence[str], spaces: Sequence[bool],
                               chosen: Sequence[Candidate]) -> List[Candidate]:
    """Quoted names with a count of platforms or rounds right after the closing quote (``「ザラ」が1機``) or with
    型 and a class noun after it (``「もがみ」型護衛艦``)."""
    if NAME_QUOTES.keys().isdisjoint(texts):
        return []
    taken = {k for c in chosen for k in range(c.start, c.end)}
    class_at = {c.start: c.weapon_class for c in chosen if c.kind == "class"}
    class_before = {c.end: c.weapon_class for c in chosen if c.kind == "class"}
    out = []
    for at in (i for i, t in enumerate(texts) if t in NAME_QUOTES):  # the quotes quoted_name_extent reads
        extent = quoted_name_extent(texts, spaces, at) or _kana_quoted_before_type(texts, at)
        if extent is None or extent[2] != extent[1] + 1 or any(k in taken for k in range(extent[0], extent[1])):
            continue
        count = _COUNT_AFTER_QUOTE.match("".join(texts[extent[2]:extent[2] + 4]))
        if count is not None:
            # 偵察用無人機「ヴェクター」30機: the class noun before the quote types the name, not the counter
            weapon_class = class_before.get(at) or _COUNTED_CLASS[count.group(1)]
            out.append(Candidate(extent[0], extent[1], None, weapon_class, None, "quoted"))
        elif extent[2] + 1 < len(texts) and texts[extent[2]] == "型" and extent[2] + 1 in class_at:
            # 「もがみ」型護衛艦: the quoted name of a ship class (or a system) before 型 and its class noun
            out.append(Candidate(extent[0], extent[1], None, class_at[extent[2] + 1], None, "quoted"))
        elif extent[2] in class_at and "".join(texts[extent[0]:extent[1]]) not in _QUOTED_DESCRIPTORS:
            # 「ドットU」ミサイル, 「ゲパルト」自走対空砲: a quoted name right before its class noun (6 of 8 in the
            # development gold; the others a descriptor, 「神風」ドローン, and a name with its gloss inside)
            out.append(Candidate(extent[0], extent[1], None, class_at[extent[2]], None, "quoted"))
    return out


_NATIVE_NAME = re.compile(r"[\u3041-\u3096\u30a1-\u30faー\u4e00-\u9fff々]+")


def _native_ship_name(texts: Sequence[str], at: int) -> Optional[Tuple[int, int, int]]:
    """``「かが」``, ``「遼寧」``, ``「西湖」`` at token ``at``: a warship's name in kana or kanji (one to six
    characters, up to three tokens), as Japanese and Chinese navies name their ships, which
    ``quoted_name_extent`` (katakana and Latin names) does not take."""
    if at >= len(texts) or texts[at] != "「":
        return None
    end = at + 1
    while end < len(texts) and end - at <= 3 and _NATIVE_NAME.fullmatch(texts[end]):
        end += 1
    if end == at + 1 or end >= len(texts) or texts[end] != "」" or len("".join(texts[at + 1:end])) > 6:
        return None
    return at + 1, end, end + 1


# 局地戦闘機『震電J7W1』, 戦闘機「疾風」: an aircraft's name in kanji (Japan's and China's way), its designation
# glued after it or not; a model number (『五十二型』, 「三二型」) is no name
_KANJI_NAME = re.compile(r"[\u4e00-\u9fff々]{1,4}")
_GLUED_CODE = re.compile(r"[A-Za-z0-9\-]+")


def _kanji_aircraft_name(tokens: Sequence[Tok], texts: Sequence[str], at: int) -> Optional[Tuple[int, int, int]]:
    """``『震電J7W1』`` at token ``at`` after an aircraft class: a kanji name with a Latin code glued after it
    or not, or None. A verbal or adjectival noun (「開発」, 「攻撃」) is what is done, no name."""
    close = NAME_QUOTES.get(texts[at]) if at < len(texts) else None
    if close is None or at + 2 >= len(texts) or not _KANJI_NAME.fullmatch(texts[at + 1]):
        return None
    name = texts[at + 1]
    if name[-1] == "型" or all(c in KANJI_DIGITS for c in name) \
            or not tokens[at + 1].tag.startswith(("名詞-普通名詞-一般", "名詞-固有名詞")):
        return None
    end = at + 2
    while end < len(texts) and end - at <= 8 and _GLUED_CODE.fullmatch(texts[end]):
        end += 1
    if end >= len(texts) or texts[end] != close:
        return None
    # the kanji name alone: a code glued after it is a designation found as such, and join_quoted_names makes
    # the two one name (震電|J7W1 → 震電J7W1)
    return at + 1, at + 2, at + 3


_LIST_COLONS = (":", "：")
_HULL_DIGITS = re.compile(r"[0-9０-９]{2,4}")


def _hull_before_quote(tokens: Sequence[Tok], at: int) -> Optional[int]:
    """The index of ``「`` after a hull number glued before it at token ``at`` (``053「``), or None."""
    if at + 1 < len(tokens) and _HULL_DIGITS.fullmatch(tokens[at].text) and not tokens[at].space \
            and tokens[at + 1].text == "「":
        return at + 1
    return None


def _hull_number_after(texts: Sequence[str], at: int) -> Optional[Tuple[int, int]]:
    """The tokens of a hull number in brackets at token ``at`` (``(DDG85)``), or None."""
    if at >= len(texts) or texts[at] not in _GLOSS_OPEN:
        return None
    close = next((i for i in range(at + 1, min(len(texts), at + 5)) if texts[i] in _GLOSS_CLOSE), None)
    if close is None or close == at + 1 or not HULL_NUMBER.fullmatch("".join(texts[at + 1:close])):
        return None
    return at + 1, close


_ALIAS_SEPS = (":", "：", "、", ",")
_ALIAS_NAME = re.compile(r"[\u4e00-\u9fff々]{1,6}|(?=.*[A-Za-z])(?=.*[0-9])[A-Za-z0-9\-]{2,12}")


def _name_with_alias(texts: Sequence[str], at: int, ship: bool) -> Optional[List[Tuple[int, int]]]:
    """``「蘭州(兰州:170)」``, ``「ディケーター(DDG-73)」`` at token ``at``: a quoted name with another form of
    it in brackets inside the quotes (the name in another script, a hull number). The name and a bracketed
    name or designation are WEAPONs each; a bare number (170) is neither."""
    if at >= len(texts) or texts[at] != "「":
        return None
    try:
        open_at = next(i for i in range(at + 1, min(len(texts), at + 5)) if texts[i] in _GLOSS_OPEN)
        close = next(i for i in range(open_at + 1, min(len(texts), open_at + 7)) if texts[i] in _GLOSS_CLOSE)
    except StopIteration:
        return None
    if close + 1 >= len(texts) or texts[close + 1] != "」" or open_at == at + 1:
        return None
    name = "".join(texts[at + 1:open_at])
    if not (_QUOTED_NAME_RE.match(name) and _HAS_KANA_OR_LATIN.search(name)
            or ship and _NATIVE_NAME.fullmatch(name) and len(name) <= 6):
        return None
    found = [(at + 1, open_at)]
    alias_end = next((i for i in range(open_at + 1, close) if texts[i] in _ALIAS_SEPS), close)
    if alias_end > open_at + 1 and _ALIAS_NAME.fullmatch("".join(texts[open_at + 1:alias_end])):
        found.append((open_at + 1, alias_end))
    return found


def _kana_quoted_before_type(texts: Sequence[str], at: int) -> Optional[Tuple[int, int, int]]:
    """``「もがみ」型``: a ship's native name quoted and followed by 型 (the class named after its first ship)."""
    extent = _native_ship_name(texts, at)
    return extent if extent is not None and extent[2] < len(texts) and texts[extent[2]] == "型" else None


# quoted words that describe a class rather than name a system: 「神風」ドローン, 「自爆」ドローン
_QUOTED_DESCRIPTORS = frozenset({"神風", "カミカゼ", "自爆", "自爆型", "特攻", "徘徊型", "スマート"})


def _ends_in_code(text: str) -> bool:
    """Whether a token ends a model designation (``T-90A``, ``9M119M``): a digit or a capital last."""
    last = unicodedata.normalize("NFKC", text[-1:])
    return last.isdigit() or "A" <= last <= "Z"


# 「バザリト」と呼ばれる巡航ミサイル: a quoted name, a verb of naming, then the class it names
_CALLED = ("と呼ばれる", "と呼ばれている", "と呼ばれた", "という", "と名付けられた")


def _called_names(texts: Sequence[str], spaces: Sequence[bool], chosen: Sequence[Candidate]) -> List[Candidate]:
    """Quoted names before a verb of naming and the class noun they name: ``「バザリト」と呼ばれる巡航ミサイル``."""
    out: List[Candidate] = []
    for cand in chosen:
        if cand.kind != "class" or cand.start < 4:
            continue
        close = next((cand.start - k - 1 for k in range(2, 5)
                      if "".join(texts[cand.start - k:cand.start]) in _CALLED and texts[cand.start - k - 1] == "」"), None)
        if close is None:
            continue
        opening = next((j for j in range(close - 1, max(-1, close - MAX_QUOTED_TOKENS - 2), -1) if texts[j] == "「"), None)
        extent = quoted_name_extent(texts, spaces, opening) if opening is not None else None
        if extent is not None and extent[1] == close:
            out.append(Candidate(extent[0], extent[1], None, cand.weapon_class, None, "quoted"))
    return out


_OPEN_QUOTES = {"「": "」", "『": "』", "“": "”"}


def _repeated_quoted(tokens: Sequence[Tok], named: Sequence[Candidate],
                     listed: Sequence[Candidate] = ()) -> List[Candidate]:
    """The same quoted name again later in the text (旗艦「モスクワ」… 『モスクワ』に命中): one sense per text.

    A quoted repeat always counts, also of a listed name accepted in quotes (``listed``: an ambiguous
    alias such as ``ネプトゥーン`` that its evidence made a weapon once, then 「ネプトゥーン」は活躍). A bare repeat counts only for a katakana name
    that the tokenizer knows as no proper noun (小型ミサイル艦「サムーム」… サムームは傾いた):
    a bare ``モスクワ`` elsewhere is the city, a bare person's name the person.
    """
    found = {tuple(t.text for t in tokens[c.start:c.end]): c for c in named if c.kind == "quoted"}
    for words, c in list(found.items()):
        if len(words) > 1 and words[0] in SHIP_PREFIXES:
            found.setdefault(words[1:], c)  # JSチョウカイ … チョウカイは: the name without the navy's prefix
    quoted_names = dict(found)
    for c in listed:
        if c.kind in ("name", "family") and 0 < c.start and c.end < len(tokens) \
                and tokens[c.end].text == _OPEN_QUOTES.get(tokens[c.start - 1].text):
            quoted_names.setdefault(tuple(t.text for t in tokens[c.start:c.end]), c)
    if not quoted_names:
        return []
    out = []
    for i, tok in enumerate(tokens):
        close = _OPEN_QUOTES.get(tok.text)
        if close is None:
            continue
        for words, cand in quoted_names.items():
            end = i + 1 + len(words)
            if end < len(tokens) and tokens[end].text == close and i + 1 != cand.start \
                    and tuple(t.text for t in tokens[i + 1:end]) == words:
                out.append(Candidate(i + 1, end, None, cand.weapon_class, None, "quoted"))
    bare = {words: cand for words, cand in found.items() if _bare_repeatable(tokens[cand.start:cand.end])}
    quoted = {c.start for c in out} | {c.start for c in named}
    for words, cand in bare.items():
        for i in range(len(tokens) - len(words) + 1):
            end = i + len(words)
            if i in quoted or tokens[i].text != words[0] or tuple(t.text for t in tokens[i:end]) != words:
                continue
            if (i > 0 and is_katakana(tokens[i - 1].text)) or (end < len(tokens) and is_katakana(tokens[end].text)):
                continue  # part of a longer katakana word
            out.append(Candidate(i, end, None, cand.weapon_class, None, "quoted"))
    return out


def _bare_repeatable(name: Sequence[Tok]) -> bool:
    """Whether a quoted name may be found again unquoted: katakana of three or more characters, no proper noun."""
    text = "".join(t.text for t in name)
    return len(text) >= 3 and is_katakana(text) and not any(t.tag.startswith("名詞-固有名詞") for t in name)


def _is_latin_token(tok: Tok) -> bool:
    return bool(tok.text) and tok.text.isascii() and tok.text[-1:].isalnum()


# a model code, not a word: PAC-3, M1, TB2, KN-23 (a gloss such as Shahed-136 starts with a word)
_LATIN_CODE = re.compile(r"[A-Z]{1,4}-?[0-9]")


def join_same_system(tokens: Sequence[Tok], chosen: Sequence[Candidate]) -> List[Candidate]:
    """One span for a designation and a name of the same system written together.

    ``BM-21グラート``, ``2S19ムスタ`` (Latin, then katakana, glued), ``M2A2 ブラッドレー`` (a designation
    with a digit, a space, katakana) and ``R-360 Neptune``, ``Flamingo FP-5`` (Latin, a space, Latin)
    are each one name, and so is a katakana name with the same system's Latin code glued after it
    (``パトリオットPAC-3``, ``ブークM1``: the annotators of parts 53, 54, 56, 58 and 61 wrote one span).
    A Japanese name followed by its Latin form (``シャヘドShahed``, ``ジャベリンJavelin``) is a name and
    its gloss: two spans, a bilingual pair.
    """
    out: List[Candidate] = []
    for cand in chosen:
        prev = out[-1] if out else None
        if (prev is not None and prev.end == cand.start and prev.canonical and prev.canonical == cand.canonical
                and prev.kind in ("name", "family") and cand.kind in ("name", "family")
                and _written_as_one(tokens, prev, cand)):
            out[-1] = Candidate(prev.start, cand.end, prev.canonical, prev.weapon_class, prev.origin, "name")
            continue
        out.append(cand)
    return out


def _written_as_one(tokens: Sequence[Tok], prev: Candidate, cand: Candidate) -> bool:
    """Whether two adjacent names of one system are written as one name (``join_same_system``)."""
    last, first = tokens[prev.end - 1], tokens[cand.start]
    if last.text == "改" and prev.end - prev.start > 1 and _is_latin_token(tokens[prev.end - 2]):
        return not last.space and is_katakana(first.text)  # F-4EJ改ファントム: the upgrade's mark, then the name
    if is_katakana(last.text):  # パトリオットPAC-3: a katakana name, its Latin code glued after it
        return not last.space and _LATIN_CODE.match("".join(t.text for t in tokens[cand.start:cand.end])) is not None
    if not _is_latin_token(last):
        return False
    if not last.space and is_katakana(first.text) \
            and reads_aloud(_surface(tokens, prev.start, prev.end), _surface(tokens, cand.start, cand.end)):
        return False  # ATACMSエイタクムス: the katakana reads the code aloud, a gloss and a pair, not one name
    return (not last.space and is_katakana(first.text)) or (last.space and _is_latin_token(first)) \
        or (last.space and is_katakana(first.text)
            and any(ch.isdigit() for tok in tokens[prev.start:prev.end] for ch in tok.text))


READ_ALOUD = 0.8  # coded_similarity of katakana to the Latin letters it reads (アーズム/AASM 1.0; フルバック/Su-34 0)


def reads_aloud(latin: str, kana: str) -> bool:
    """Whether katakana written right after a Latin designation spells it by sound (``AASMアーズム``,
    ``ATACMSエイタクムス``): the designation's gloss, not a nickname (``Su-34フルバック``) or a name
    (``BM-21グラート``) of the same system."""
    return latin.isascii() and coded_similarity(kana, [latin]) >= READ_ALOUD


_QUOTE_PAIRS = {"「": "」", "『": "』"}


def join_quoted_names(tokens: Sequence[Tok], chosen: Sequence[Candidate]) -> List[Candidate]:
    """One span for two weapon names that fill a pair of quotes, one space between them.

    ``巡航ミサイル「FP5 フラミンゴ」``, ``滑空誘導爆弾「UMPB D30」``: the quotes name one
    system, written as a designation and a name (ANNOTATION.md: two names of one system
    written together are one span), even where the designation alone would be another system's
    (``D30``). Two listed names of different systems with no designation among them
    (``「HIMARS ATACMS」``), or anything else inside the quotes, keep them apart.
    """
    out: List[Candidate] = []
    for cand in chosen:
        prev = out[-1] if out else None
        if prev is not None and prev.kind != "class" and cand.kind != "class" and prev.start > 0 \
                and cand.end < len(tokens) and _QUOTE_PAIRS.get(tokens[prev.start - 1].text) == tokens[cand.end].text \
                and (_one_space_between(tokens, prev.end, cand.start) or _kanji_then_code(tokens, prev, cand)) \
                and not (prev.canonical and cand.canonical and prev.canonical != cand.canonical
                         and not any(ch.isdigit() for t in tokens[prev.start:cand.end] for ch in t.text)):
            out[-1] = Candidate(prev.start, cand.end, prev.canonical or cand.canonical,
                                prev.weapon_class or cand.weapon_class, prev.origin or cand.origin, "name")
            continue
        if prev is not None and prev.kind != "class" and cand.kind == "class" and prev.end == cand.start \
                and prev.start > 0 and cand.end < len(tokens) and not tokens[prev.end - 1].space \
                and _QUOTE_PAIRS.get(tokens[prev.start - 1].text) == tokens[cand.end].text \
                and all(is_katakana(t.text) for t in tokens[prev.start:prev.end]):
            # 「ドラゴンドローン」: a katakana name glued to its class noun filling the quotes is the nickname
            # the quotes give (the gold of both occurrences); 「ドラゴン」ドローン keeps the two apart
            same = prev.weapon_class == cand.weapon_class  # 「シャヘドドローン」 is Shahed; 「ドラゴンドローン」 no Dragon ATGM
            out[-1] = Candidate(prev.start, cand.end, prev.canonical if same else None, cand.weapon_class,
                                prev.origin if same else None, "name")
            continue
        out.append(cand)
    return out


def _kanji_then_code(tokens: Sequence[Tok], prev: Candidate, cand: Candidate) -> bool:
    """``『震電J7W1』``: a kanji name with its Latin designation glued after it, together filling the quotes."""
    return prev.end == cand.start and not tokens[prev.end - 1].space \
        and _KANJI_NAME.fullmatch(_surface(tokens, prev.start, prev.end)) is not None \
        and _surface(tokens, cand.start, cand.end).isascii()


def _one_space_between(tokens: Sequence[Tok], end: int, start: int) -> bool:
    """Whether tokens ``end - 1`` and ``start`` are apart by white space alone (a trailing space or a space token)."""
    if start == end:
        return tokens[end - 1].space
    return start == end + 1 and not tokens[end - 1].space and tokens[end].text.strip() == ""


_SLASHES = {"/", "／"}
_SLASH_NUMBER = re.compile(r"[0-9０-９]{1,4}$")
_SLASH_SUFFIX = re.compile(r"[A-Z]{1,3}$")
_LETTER_VARIANT = re.compile(r"([A-Z]{1,3})([0-9]{1,2}[A-Z]?)?$")  # A6 in 2A4/A6, SM2 in Su-30SM/SM2, B in F-16A/B
_LAST_LETTERS = re.compile(r"([A-Z]{1,3})[0-9]{0,2}[A-Z]?$")


def join_slash_variants(tokens: Sequence[Tok], chosen: Sequence[Candidate]) -> List[Candidate]:
    """``Kh-22/32``, ``シャヘド131/136``, ``S-300/400``: a slash and a number (with an optional
    letter suffix) after a designation that ends in a number are one span (ANNOTATION.md).

    A letter variant joins too where it repeats the model's last letters (``レオパルト2A4/A6``,
    ``T-72B3/B3M``): ``イスカンデルM/KN23`` names two systems and stays two spans.
    """
    starts = {c.start for c in chosen}
    out: List[Candidate] = []
    for cand in chosen:
        end = cand.end
        if (cand.kind in ("name", "family") and end + 1 < len(tokens) and tokens[end].text in _SLASHES
                and not tokens[end - 1].space and not tokens[end].space and end + 1 not in starts
                and tokens[end - 1].text[-1:].isdigit() and _SLASH_NUMBER.match(tokens[end + 1].text)):
            end += 2
            if end < len(tokens) and not tokens[end - 1].space and _SLASH_SUFFIX.match(tokens[end].text) \
                    and end not in starts:
                end += 1
            if end < len(tokens) and not tokens[end - 1].space and _is_latin_token(tokens[end]):
                end = cand.end  # more Latin follows: not a plain variant number
        elif cand.kind in ("name", "family") and end + 1 < len(tokens) and tokens[end].text in _SLASHES \
                and not tokens[end - 1].space and not tokens[end].space and end + 1 not in starts:
            end = _letter_variant_end(tokens, cand, end + 1)
        if cand.kind in ("name", "family"):
            end = _upgrade_end(tokens, end, starts)
        if end > cand.end and end < len(tokens) and tokens[end].text == "型" and not tokens[end - 1].space \
                and end not in starts:
            end += 1  # JAS39グリペンE/F型: the type word after the variants, as after one (グリペンC型)
        out.append(cand if end == cand.end else
                   Candidate(cand.start, end, cand.canonical, cand.weapon_class, cand.origin, cand.kind))
    return out


# An upgrade package or production block after a model: M1A2/SEPv3, M1A1/FEP, F-16Block50+/52, F-16 Block 70
_PACKAGES = frozenset({"SEP", "SEPv", "FEP", "AIM", "TUSK"})
_BLOCK_WORDS = frozenset({"Block", "block", "ブロック"})


def _upgrade_end(tokens: Sequence[Tok], end: int, starts: Set[int]) -> int:
    """The end of an upgrade package after a slash (``/SEPv3``, ``/FEP``) or a production block with its
    number (``Block50+``, ``Block 70``, then ``/52``) after a model ending at ``end``; ``end`` when none."""
    n = len(tokens)
    if end + 1 < n and tokens[end].text in _SLASHES and not tokens[end - 1].space and not tokens[end].space \
            and tokens[end + 1].text in _PACKAGES and end + 1 not in starts:
        end += 2
        if end < n and not tokens[end - 1].space and tokens[end].text.isdigit():
            end += 1  # SEPv|3
        return end
    if end + 1 < n and tokens[end].text in _BLOCK_WORDS and tokens[end - 1].text[-1:].isdigit() \
            and tokens[end + 1].text.isdigit():
        end += 2
        if end < n and tokens[end].text in ("+", "＋") and not tokens[end - 1].space:
            end += 1
        if end + 1 < n and tokens[end].text in _SLASHES and not tokens[end - 1].space \
                and not tokens[end].space and tokens[end + 1].text.isdigit():
            end += 2  # Block50+/52: two blocks
    return end


def _letter_variant_end(tokens: Sequence[Tok], cand: Candidate, start: int) -> int:
    """The end of a letter variant glued after a slash at ``start`` (``A6`` after ``2A4/``) whose
    letters repeat the model's last letters, or ``cand.end`` when there is none."""
    name = "".join(t.text for t in tokens[cand.start:cand.end])
    model = _LAST_LETTERS.search(name)
    if model is None or model.start() == 0:
        return cand.end  # M48/M60: letters that start the designation start another one after the slash
    text = ""
    for stop in range(start, min(start + 3, len(tokens))):
        text += tokens[stop].text
        if tokens[stop].space or stop + 1 == len(tokens) or not _is_latin_token(tokens[stop + 1]) \
                and not tokens[stop + 1].text.isdigit():
            variant = _LETTER_VARIANT.match(text)
            if variant is None or variant.end() != len(text):
                return cand.end
            letters, same = variant.group(1), variant.group(1)[0] == model.group(1)[0]
            lone = variant.group(2) is None and len(letters) == 1 == len(model.group(1))  # F-16A/B
            return stop + 1 if same or lone else cand.end
    return cand.end


def _spaced_ship_name(tokens: Sequence[Tok], start: int) -> bool:
    """Whether a katakana name written with its middle dot (``ヴァシリー・ビコフ``) starts at ``start``, after a
    space: a caption's or a list's way of writing a ship after its class; no place (a port, a country)."""
    if start + 2 >= len(tokens) or not is_katakana(tokens[start].text) or "地名" in tokens[start].tag:
        return False
    return tokens[start + 1].text == "・" and is_katakana(tokens[start + 2].text)


def _ship_name_candidates(tokens: Sequence[Tok], chosen: Sequence[Candidate],
                          ship_classes: frozenset) -> List[Candidate]:
    """A ship's name written right after its class or role without quotes: ``揚陸艦ミンスク``,
    ``潜水艦ロストフ・ナ・ドヌ``, ``旗艦モスクワ``.

    Only after a ship class, where a katakana proper name can only be the vessel's
    (the same name elsewhere is a city); with quotes, ``_quoted_candidates`` applies.
    """
    out = []
    anchors = [(c.end, c.weapon_class) for c in chosen
               if c.kind == "class" and c.weapon_class in ship_classes and (
                   not tokens[c.end - 1].space
                   # コルベット ヴァシリー・ビコフ: one space between class and a name written with its dot
                   or _spaced_ship_name(tokens, c.end))]
    # 黒海艦隊の旗艦モスクワ: a ship's role names a ship as its class does (with quotes: _quoted_candidates)
    anchors += [(i + 1, SHIP_ROLES[t.text]) for i, t in enumerate(tokens) if t.text in SHIP_ROLES and not t.space]
    for anchor, weapon_class in anchors:
        start = anchor
        if start < len(tokens) and tokens[start].text == "・":
            start += 1  # ミサイル巡洋艦・モスクワ: the dot separates class and name, it belongs to neither
        prefixed = start + 1 < len(tokens) and tokens[start].text in SHIP_PREFIXES and is_katakana(tokens[start + 1].text)
        end = start + 1 if prefixed else start  # こんごう型駆逐艦JSチョウカイ: the navy's prefix is part of the name
        while end < len(tokens) and end - start < MAX_SHIP_NAME_TOKENS and is_katakana(tokens[end].text) \
                and not (end > start and tokens[end - 1].space):
            end += 1
        for _ in range(MAX_LISTED_SHIPS):  # 揚陸艦ノボチェルカスクとミンスク: the class names every ship listed after it
            if not (end > start + prefixed and len(_surface(tokens, start, end).replace("・", "")) >= 3
                    and not tokens[end - 1].text.endswith("・")):
                break
            out.append(Candidate(start, end, None, weapon_class, None, "quoted"))
            start = end + 1
            if start >= len(tokens) or tokens[end].text not in _SHIP_LIST_JOINS or tokens[start].tag.endswith("地名-国"):
                break
            end = start
            while end < len(tokens) and end - start < MAX_SHIP_NAME_TOKENS and is_katakana(tokens[end].text) \
                    and not (end > start and tokens[end - 1].space):
                end += 1
            if end < len(tokens) and not tokens[end - 1].space and _GLUED_WORD.match(tokens[end].text):
                break  # 揚陸艦ミンスクとウクライナ軍: a name glued to a noun is not one of the ships
    return out



def _ship_class_names(tokens: Sequence[Tok], chosen: Sequence[Candidate], ship_classes: frozenset) -> List[Candidate]:
    """A ship class's name written before the vessel type: ``ブイコフ級哨戒艦``, ``サンダウン級掃海艇``,
    also with a bracketed alias between (``ヴァルシャーヴァンカ級（キロ級）潜水艦``): katakana + 級 is the
    class, as ``ロプーチャ級揚陸艦`` is when a table lists the name."""
    if all(t.text != "級" for t in tokens):
        return []  # most docs name no class with 級: no cells to build
    starts = {c.start: c.weapon_class for c in chosen if c.kind == "class" and c.weapon_class in ship_classes}
    taken = _cells(chosen)
    out = []
    for k, tok in enumerate(tokens):
        if tok.text != "級" or k == 0 or tokens[k - 1].space or k in taken:
            continue
        nxt = k + 1
        if nxt < len(tokens) and tokens[nxt].text in ("(", "（"):  # （キロ級）: an alias in brackets
            close = next((j for j in range(nxt + 1, min(len(tokens), nxt + 6)) if tokens[j].text in (")", "）")), None)
            nxt = close + 1 if close is not None else nxt
        start = k
        marked = start > 1 and (_ROMAN.fullmatch(tokens[start - 1].text) or tokens[start - 1].text == "改") \
            and not tokens[start - 2].space and is_katakana(tokens[start - 2].text)
        if marked:
            start -= 1  # グリシャIII級, アリゲーターIV級, キロ改級: a batch numeral or 改 (improved) before 級
        while start > 0 and is_katakana(tokens[start - 1].text) and not tokens[start - 1].space and k - start < 5:
            start -= 1
        name = _surface(tokens, start, k).replace("・", "")
        # two letters do before the vessel type (オビ級病院船, the Ob class); alone, three or more; a measure after
        # a number is a size (5000トン級駆逐艦), not a class's name
        if start == k or len(name) < (2 if nxt in starts else 3) or any(i in taken for i in range(start, k)) \
                or (start > 0 and not tokens[start - 1].space
                    and unicodedata.normalize("NFKC", tokens[start - 1].text)[-1:] in _NUMERAL_ENDS):
            continue
        if nxt in starts:
            out.append(Candidate(start, k + 1, None, starts[nxt], None, "quoted"))
        elif (len(name) >= 4 or marked) and not any(name.startswith(w) or name.endswith(w) for w in _NOT_SHIP_CLASSES) and (start == 0 or not is_katakana(tokens[start - 1].text)):
            # コンステレーション級 alone: a katakana name of four letters or more with 級 is a ship class (13 of 13
            # in the development gold); a weight class (バンタム級) is not
            out.append(Candidate(start, k + 1, None, "warship", None, "quoted"))
    return out


_ROMAN = re.compile(r"[IVX]{1,4}|[Ⅰ-Ⅻ]")
_NUMERAL_ENDS = frozenset("0123456789" + KANJI_DIGITS + "十百千万萬億兆")  # 3千|トン級, 1萬|トン級: a size
# katakana words before 級 that name a grade, a size or a sport's weight class, not a ship class
_NOT_SHIP_CLASSES = frozenset({"バンタム", "フェザー", "ウェルター", "クルーザー", "ミニマム", "スーパー", "ハイエンド",
                               "ベテラン", "エリート", "プロフェッショナル", "ジャンボ", "モンスター", "フライ", "ヘビー",
                               "ミドル", "ライト", "ワールド", "トップ", "マスター", "エース", "ジュニア", "シニア"})


_CLASS_NAME_WORD = re.compile(r"[A-Z][a-z]+|[IVX]{1,4}|[0-9]{2,4}[A-Z]?")
_NOT_CLASS_NAMES = frozenset({"First", "Second", "Third", "World", "Middle", "Working", "Upper", "Lower", "Business",
                              "Economy", "Master", "High", "Top", "Special", "Ruling", "The", "A", "Same", "This",
                              "That", "New"})


def _english_ship_classes(tokens: Sequence[Tok], chosen: Sequence[Candidate], ship_classes: frozenset) -> List[Candidate]:
    """An English ship class's name: ``Arleigh Burke-class`` before ``destroyer``, ``Renhai class`` before
    ``cruiser``, or ``Luyang II-class`` in brackets after the class's Japanese name (``旅洋II型(Luyang II-class)``);
    the name and ``class`` are one WEAPON, the ship type after it another, as ``ブイコフ級|哨戒艦``. Elsewhere
    "class" is a word (``world-class``, ``middle class``)."""
    if "class" not in (t.text for t in tokens):
        return []
    ship_starts = {c.start: c.weapon_class for c in chosen if c.weapon_class in ship_classes}
    ship_ends = {c.end: c.weapon_class for c in chosen if c.weapon_class in ship_classes}
    out = []
    for k, tok in enumerate(tokens):
        if tok.text != "class" or k < 1:
            continue
        name_end = k - 1 if tokens[k - 1].text in ("-", "‐") and not tokens[k - 1].space else k
        if name_end == k and not tokens[k - 1].space:
            continue
        start, words = name_end, 0
        while start > 0 and words < 3 and _CLASS_NAME_WORD.fullmatch(tokens[start - 1].text) \
                and tokens[start - 1].text not in _NOT_CLASS_NAMES \
                and (start == name_end or tokens[start - 1].space):
            start, words = start - 1, words + 1
        if not words or not tokens[start].text[:1].isupper():
            continue
        after = ship_starts.get(k + 1) if tok.space else None
        bracketed = start >= 2 and tokens[start - 1].text in _GLOSS_OPEN and start - 1 in ship_ends
        if after is not None or bracketed:
            out.append(Candidate(start, k + 1, None, after or ship_ends[start - 1], None, "quoted"))
    return out


def _hull_type_codes(tokens: Sequence[Tok], chosen: Sequence[Candidate], ship_classes: frozenset) -> List[Candidate]:
    """A ship type's code right after the Japanese ship type, after spaces or in brackets (``護衛艦  DD``,
    ``潜水艦(SS)``): the same class written the navy's way. Elsewhere DD or SS are any letters."""
    out = []
    for c in chosen:
        if c.kind != "class" or c.weapon_class not in ship_classes or c.end >= len(tokens):
            continue
        k = c.end
        if tokens[k].text in _GLOSS_OPEN and not tokens[k - 1].space:
            k += 1
        else:
            spaced = tokens[k - 1].space
            while k < len(tokens) and not tokens[k].text.strip():
                k, spaced = k + 1, True  # 護衛艦  DD: a run of spaces is a token of its own
            if not spaced:
                continue
        if k < len(tokens) and HULL_TYPE.fullmatch(tokens[k].text) and (
                k + 1 == len(tokens) or tokens[k].space or not (tokens[k + 1].text[:1].isascii()
                                                                and tokens[k + 1].text[:1].isalnum())):
            out.append(Candidate(k, k + 1, None, c.weapon_class, None, "quoted"))
    return out


_SHIP_COUNTERS = frozenset({"隻", "艦"})


def _ships_listed_in_brackets(tokens: Sequence[Tok], chosen: Sequence[Candidate],
                              ship_classes: frozenset) -> List[Candidate]:
    """``ひゅうが型護衛艦2隻(ひゅうが、いせ)``: the ships of a counted class named in brackets after the count,
    in kana or kanji as the Japanese navy names them (up to six)."""
    out = []
    for c in chosen:
        if c.kind != "class" or c.weapon_class not in ship_classes:
            continue
        k = c.end
        if k + 2 < len(tokens) and unicodedata.normalize("NFKC", tokens[k].text).isdigit() \
                and tokens[k + 1].text in _SHIP_COUNTERS:
            k += 2
        else:
            continue
        if k >= len(tokens) or tokens[k].text not in _GLOSS_OPEN:
            continue
        names, j = [], k + 1
        while j < len(tokens) and len(names) < 6:
            end = _listed_ship_name_end(tokens, j)
            if end is None:
                break
            names.append((j, end))
            j = end
            if j + 1 < len(tokens) and tokens[j].text in ("、", ","):
                j += 1
                continue
            break
        if names and j < len(tokens) and tokens[j].text in _GLOSS_CLOSE and names[-1][1] == j:
            out += [Candidate(a, b, None, c.weapon_class, None, "quoted") for a, b in names]
    return out


def _bare_type_numbers(tokens: Sequence[Tok], chosen: Sequence[Candidate]) -> List[Candidate]:
    """``古い90式、74式を足して``, ``90式vsT-80``: a Japanese type designation written without its class noun
    in a text that names weapons, the system's name as it is before one (``10式|戦車``). Two or three digits
    only (``1式``/``一式`` is also "a full set"); the class is that of the same designation written with one
    elsewhere in the text, or none."""
    if not chosen or "式" not in {t.text for t in tokens}:
        return []
    cells = _cells(chosen)
    surface = {_surface(tokens, c.start, c.end): c.weapon_class for c in chosen if c.kind == "family"}
    out = []
    for i in range(1, len(tokens)):
        number = tokens[i - 1]
        if tokens[i].text != "式" or i in cells or i - 1 in cells or not 2 <= len(number.text) <= 3 \
                or not _is_type_number(number, tokens[i]) or i >= 2 and not tokens[i - 2].space \
                and tokens[i - 2].text[-1:] in ".．0123456789０１２３４５６７８９":
            continue
        out.append(Candidate(i - 1, i + 1, None, surface.get(number.text + "式"), None, "family"))
    return out


def _listed_ship_name_end(tokens: Sequence[Tok], start: int) -> Optional[int]:
    """The end of one ship's name in a bracketed list at token ``start``, or None: one token in kana or kanji
    (two to six characters), or a hiragana name the tokenizer cut into pieces (``い|ず|も``, ``きり|しま``)
    running to the next comma or bracket."""
    end = start
    while end < len(tokens) and end - start < 6 and tokens[end].text not in ("、", ",", *_GLOSS_CLOSE):
        end += 1
    name = "".join(t.text for t in tokens[start:end])
    if end >= len(tokens) or tokens[end].text not in ("、", ",", *_GLOSS_CLOSE) \
            or not (_NATIVE_NAME.fullmatch(name) and 2 <= len(name) <= 6):
        return None
    if end == start + 1:  # 駆逐艦3隻(米国、英国), 護衛艦2隻(横須賀、呉): countries and ports; a kana ship name may be a place's
        return end if not name.endswith("国") and (_HIRAGANA_WORD.fullmatch(name) or not tokens[start].tag.startswith(
            ("名詞-固有名詞-地名", "名詞-固有名詞-人名"))) else None
    return end if _HIRAGANA_WORD.fullmatch(name) else None


_VARIANT_LETTERS = re.compile(r"[A-ZＡ-Ｚ]{1,2}[0-9]?")


def with_name_marks(tokens: Sequence[Tok], chosen: Sequence[Candidate]) -> List[Candidate]:
    """``chosen`` with a name widened over the marks glued after it that belong to it as written:

    - a batch numeral or 改 and 級 after a listed name (``タランタルII級``, ``アルタイ改級``, ``アリゲーターIV級``):
      the class's name, one span, as ``グリシャIII級`` is when no table lists the name;
    - the 号 after a name that ends in a number (``東風31号``, ``火星17号``: Chinese and Korean missile names are
      written with it, and the annotators keep it in), and a number with its 号 after a katakana name
      (``ノドン1号``, ``テポドン2号``);
    - a variant letter after a hyphen glued to a katakana name (``トーチュカ-U``, ``イスカンデル-M``)."""
    starts = {c.start for c in chosen}
    out = []
    for cand in chosen:
        k = cand.end
        if cand.kind == "name" and k + 1 < len(tokens) and not tokens[k - 1].space and not tokens[k].space \
                and (_ROMAN.fullmatch(tokens[k].text) or tokens[k].text == "改") and tokens[k + 1].text == "級" \
                and k not in starts and k + 1 not in starts:
            cand = Candidate(cand.start, k + 2, cand.canonical, cand.weapon_class, cand.origin, cand.kind)
        elif cand.kind in ("name", "family") and k < len(tokens) and tokens[k].text == "号" and k not in starts \
                and not tokens[k - 1].space and tokens[k - 1].text[-1:].isdigit():
            cand = Candidate(cand.start, k + 1, cand.canonical, cand.weapon_class, cand.origin, cand.kind)
        elif cand.kind == "name" and k + 1 < len(tokens) and tokens[k + 1].text == "号" and tokens[k].text.isdigit() \
                and not tokens[k - 1].space and not tokens[k].space and is_katakana(tokens[k - 1].text) \
                and k not in starts and k + 1 not in starts:
            cand = Candidate(cand.start, k + 2, cand.canonical, cand.weapon_class, cand.origin, cand.kind)  # ノドン1号
        elif cand.kind in ("name", "quoted") and k + 1 < len(tokens) and tokens[k].text in "-‐－" and not tokens[k - 1].space \
                and not tokens[k].space and is_katakana(tokens[k - 1].text) and _VARIANT_LETTERS.fullmatch(tokens[k + 1].text) \
                and k + 1 not in starts and (k + 2 == len(tokens) or not _GLUED_WORD.match(tokens[k + 2].text) or tokens[k + 1].space):
            cand = Candidate(cand.start, k + 2, cand.canonical, cand.weapon_class, cand.origin, cand.kind)
        out.append(cand)
    return out


def with_ship_prefixes(tokens: Sequence[Tok], chosen: Sequence[Candidate], ship_classes: frozenset) -> List[Candidate]:
    """``chosen`` with a listed ship's name widened over the navy prefix glued before it (``BRPシエラマドレ``,
    ``JSいずも``): the prefix is part of the ship's name as written, and no weapon of its own."""
    cells = _cells(chosen)
    named = []  # BRPアントニオルナ, JSチョウカイ: a navy's prefix glued before a katakana run names a ship
    for i, tok in enumerate(tokens[:-1]):
        if tok.text in SHIP_PREFIXES and not tok.space and i not in cells and is_katakana(tokens[i + 1].text):
            end = i + 1
            while end < len(tokens) and end - i <= MAX_SHIP_NAME_TOKENS and is_katakana(tokens[end].text) \
                    and end not in cells and not tokens[end - 1].space:
                end += 1
            if end > i + 1 and (end == len(tokens) or not _GLUED_WORD.match(tokens[end].text) or tokens[end - 1].space):
                named.append(Candidate(i, end, None, "warship", None, "quoted"))
    chosen = sorted(list(chosen) + resolve(named, cells), key=lambda c: c.start) if named else list(chosen)
    prefix_at = {c.start - 1 for c in chosen if c.kind == "name" and c.weapon_class in ship_classes and c.start > 0
                 and tokens[c.start - 1].text in SHIP_PREFIXES and not tokens[c.start - 1].space}
    if not prefix_at:
        return list(chosen)
    prefix_only = {(k, k + 1) for k in prefix_at}
    out = []
    for cand in chosen:
        if (cand.start, cand.end) in prefix_only:
            continue  # the prefix read as a name of its own (BRP): now inside the ship's name
        if cand.start - 1 in prefix_at and cand.kind == "name":
            cand = Candidate(cand.start - 1, cand.end, cand.canonical, cand.weapon_class, cand.origin, cand.kind)
        out.append(cand)
    return out


def resolve(candidates: Sequence[Candidate], taken: Optional[set] = None) -> List[Candidate]:
    """Keep the longest of overlapping candidates; ties go to names (exact aliases before names grown over
    a variant suffix), then families, then classes."""
    taken = set() if taken is None else taken
    chosen = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, _PRIORITY[c.kind], c.extended, c.start)):
        cells = set(range(cand.start, cand.end))
        if not cells & taken:
            chosen.append(cand)
            taken |= cells
    return sorted(chosen, key=lambda c: c.start)


def join_overlapping_aliases(candidates: Sequence[Candidate]) -> List[Candidate]:
    """``candidates`` with each two names of one system that overlap without nesting made one span.

    ``DJI Mavic 3``: the aliases ``DJI Mavic`` and ``Mavic 3`` share ``Mavic``; keeping the longer or the
    first would cut the other's end off, so the name runs from the first's start to the second's end.
    """
    names = sorted((c for c in candidates if c.kind == "name" and c.canonical), key=lambda c: (c.start, c.end))
    joined: List[Candidate] = []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if b.start >= a.end:
                break
            if a.canonical == b.canonical and a.start < b.start and a.end < b.end:
                joined.append(Candidate(a.start, b.end, a.canonical, a.weapon_class, a.origin, "name", True))
    return list(candidates) + joined


_GLOSS_OPEN, _GLOSS_CLOSE = frozenset("(（"), frozenset(")）")


def _glossed_by_itself(tokens: Sequence[Tok], cands: Sequence[Candidate]) -> Set[Tuple[int, int]]:
    """Extents of name candidates written beside another spelling of the same system, glued or in brackets
    (``ランセット(Lancet)``, ``ゲランGeran``): each spelling vouches for the other, as a gloss does, so an
    ambiguous alias (a lancet, Guerlain) needs no weapon word nearby."""
    by_start = {c.start: c for c in cands if c.canonical}
    out: Set[Tuple[int, int]] = set()
    for c in cands:
        if not c.canonical:
            continue
        for at in (c.end, c.end + 1):
            other = by_start.get(at)
            if other is None or other.canonical != c.canonical or other is c:
                continue
            if at == c.end + 1 and tokens[c.end].text not in _GLOSS_OPEN:
                continue
            out.update({(c.start, c.end), (other.start, other.end)})
    return out


def choose_candidates(tokens: Sequence[Tok], hits: Sequence[Hit], grammar: Grammar,
                      window: int = 20, ner_labels: Sequence[str] = ()) -> List[Candidate]:
    """All WEAPON spans of one doc, non-overlapping, in text order.

    Args:
        tokens (Sequence[Tok]): The doc's tokens.
        hits (Sequence[Hit]): Every trie hit (not only the longest per start).
        grammar (Grammar): Families for designation numbers.
        window (int): Tokens either side searched for context of ambiguous aliases.
        ner_labels (Sequence[str]): ja_ginza entity labels to use; empty to ignore NER.
    """
    stops = [(s, e) for s, e, p in hits if "stop" in p]
    classes = _class_candidates(hits, stops, tokens, grammar.modifiers)
    by_start: Dict[int, Candidate] = {}
    for cand in sorted(classes, key=lambda c: c.start - c.end):
        by_start.setdefault(cand.start, cand)
    sure, doubtful = list(classes) + _family_candidates(tokens, grammar.families), []
    for start, end, payload in hits:
        name = payload.get("name")
        if name and name.ambiguous and any(s <= start and end <= e for s, e in stops):
            continue  # ウラン転換施設, 濃縮ウラン: an ambiguous name inside a stop word is that word's (uranium)
        cand = _name_candidate(tokens, start, end, name, by_start) if name else None
        if cand is not None:
            (doubtful if name.ambiguous else sure).append(cand)
    context = [s for s, _, p in hits if "cue" in p] + [c.start for c in sure]
    sents = sentence_ids(tokens)
    # one sense per discourse: an ambiguous alias of a system the doc already names unambiguously (K9A1+K9PL …
    # later 契約したK2やK9) is that system
    named_systems = {c.canonical for c in sure if c.canonical}
    glossed = _glossed_by_itself(tokens, sure + doubtful)
    accepted = [c for c in doubtful if _near(context, c.start, c.end, window, sents) or _counted_after(tokens, c.end)
                or _counted_before(tokens, c.start)
                or c.canonical in named_systems or (c.start, c.end) in glossed]
    # and once an ambiguous designation was read as the system beside a weapon word, its other mentions are
    # too (主力戦車K2は… キットはK2を生み出した); not a word (クラブ自走砲 … 夜はクラブで: a club)
    vouched = {c.canonical for c in accepted if DESIGNATION_SHAPE.fullmatch(_surface(tokens, c.start, c.end))}
    sure += accepted + [c for c in doubtful if c.canonical in vouched and c not in accepted
                        and DESIGNATION_SHAPE.fullmatch(_surface(tokens, c.start, c.end))]
    from .weapon_types import drop_company_names, typed_names  # imports this module: import here, not at the top
    sure = join_overlapping_aliases(sure)
    # joined again once slash variants are one name: F/A-18C/D + ホーネット
    chosen = typed_names(tokens, hits, join_same_system(tokens, join_slash_variants(tokens, join_same_system(tokens, resolve(sure)))), grammar)
    chosen = drop_company_names(tokens, chosen)  # 「サハ・ドローン」社: a maker's name
    named = (_quoted_candidates(tokens, chosen, grammar.ship_classes, grammar.aircraft_classes)
             + _ship_name_candidates(tokens, chosen, grammar.ship_classes))
    named += _ship_class_names(tokens, chosen, grammar.ship_classes)
    named += _english_ship_classes(tokens, chosen, grammar.ship_classes)
    named += _hull_type_codes(tokens, chosen, grammar.ship_classes)
    named += _ships_listed_in_brackets(tokens, chosen, grammar.ship_classes)
    named += _bare_type_numbers(tokens, chosen)
    named += _repeated_quoted(tokens, named, chosen)
    chosen = sorted(chosen + resolve(named, _cells(chosen)), key=lambda c: c.start)
    from .weapon_unknown import (glossed_names_before_classes, names_after_classes, names_beside_hull_numbers,
                                 repeated_designations, title_case_names, unknown_candidates,
                                 whole_names)  # import this module: import here, not at the top
    for finder in (unknown_candidates, names_beside_hull_numbers, repeated_designations, glossed_names_before_classes,
                   names_after_classes):  # in this order: each sees what the ones before it chose
        chosen = sorted(chosen + resolve(finder(tokens, chosen), _cells(chosen)), key=lambda c: c.start)
    chosen = whole_names(tokens, chosen, grammar.makers)  # Su-34フルバック, Sukhoi Su-34: one system's whole name
    chosen = with_ship_prefixes(tokens, chosen, grammar.ship_classes)  # BRPシエラマドレ: the navy's prefix too
    chosen = with_name_marks(tokens, chosen)  # タランタルII級, 東風31号, トーチュカ-U: marks that belong to the name
    chosen = title_case_names(tokens, chosen)  # High Mobility Artillery Rocket System: one written-out name
    chosen = join_quoted_names(tokens, chosen)  # 「FP5 フラミンゴ」, 「UMPB D30」: one quoted name
    from .weapon_glosses import glossed_classes  # imports this module: import here, not at the top
    chosen = glossed_classes(tokens, chosen, grammar.head_classes)  # FPV(一人称視点)ドローン: one span
    if ner_labels:
        taken = {k for c in chosen for k in range(c.start, c.end)}
        guesses = [c for c in _ner_candidates(tokens, ner_labels) if _near(context, c.start, c.end, window, sents)]
        chosen = sorted(chosen + resolve(guesses, taken), key=lambda c: c.start)
    return chosen
