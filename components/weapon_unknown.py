"""WEAPON names not in any table, recognised by their shape and what stands next to them (no spaCy).

New systems appear in reporting before any gazetteer lists them. Two shapes
generalise well enough to accept without a table entry, and only with weapon
evidence right beside them:

- a *designation*: capitals, a hyphen and digits with an optional letter suffix
  (``Kh-59``, ``QZ-9``, ``FP-7``, ``BM-77``), or a capitalised word, a hyphen and
  digits (``Geran-2``, ``Lancet-3``);
- a *katakana word* glued before a drone, missile, armoured vehicle, aircraft or gun
  class noun (``ザリャーミサイル``, ``ペクロドローン``, ``ティーガー戦車``), unless it is a
  type word (``ホビー``, ``ステルス``), a toy or model (``ラジコン``), a place or a person
  (Sudachi's 地名/人名 tags);
- an *all-caps word* of three to six letters that the tokenizer does not know as
  a proper noun (``ZALA``; not ``NATO``, which Sudachi tags 固有名詞) and that is
  not a known organisation acronym.

The evidence: a weapon class noun glued to it or after one space (``Kh-59ミサイル``,
``ZALA無人機``), a class noun right before it (``無人機QZ-9``), or a count of
platforms or rounds right after it (``QZ-9を12機``, ``FP-7 5発``). An all-caps
word, and a designation written without its hyphen (``M50ドローン``), need a
class noun glued to it (the weakest shapes need the strongest evidence).

:func:`whole_names` then widens a designation already found over the rest of the
same system's name (ANNOTATION.md: two names of one system written together are
one span): an unknown katakana nickname glued between the designation and its
class noun (``Su-34フルバック爆撃機`` → ``Su-34フルバック`` + ``爆撃機``, the NATO
reporting name read in katakana), and a maker's name right before it
(``Sukhoi Su-34``, ``ツポレフTu-95``).
"""
from __future__ import annotations

import re
import unicodedata
from functools import partial
from operator import attrgetter
from typing import List, Mapping, Optional, Sequence, Tuple

from . import dictionary
from .weapon_rules import HULL_NUMBER
from .weapon_compose import (_GLOSS_CLOSE, _GLOSS_OPEN, DESIGNATION_SHAPE, MAX_SHIP_NAME_TOKENS, SHIP_PREFIXES, Candidate,
                             Tok, _cells, _surface, nfkc_texts, reads_aloud)

# Cー2: the long-vowel bar as a hyphen; E―48, E−48: the horizontal bar and the minus sign of typeset pages too
_DESIGNATION = re.compile(r"(?:[A-Z]{1,4}|[A-Z][a-z]{2,10})[-‐ー―−–—][0-9]{1,4}[A-Z]{0,3}")
# M50, MQ9, M1, M31A2, CV90120-T (a base model, its gun's calibre, a variant letter after a hyphen): accepted
# only glued to a class (or listed before one that is: M30A2およびM31A2ロケット)
_BARE_DESIGNATION = re.compile(r"[A-Z]{1,3}[0-9]{1,5}(?:[A-Z]{1,2}[0-9]?)?(?:-[A-Z]{1,2})?")
_ALL_CAPS = re.compile(r"[A-Z]{3,6}")
# a count after a name: a particle or a times sign, a qualifier, the number (FA-50×48機: a list)
_COUNT_BEFORE_COUNTER = r"(?:[をがはも]|[×✕][ 　]?)?(?:約|計|最大|少なくとも)?[0-9０-９]+"
_COUNT_AFTER = re.compile(_COUNT_BEFORE_COUNTER + r"(?:機|発|基|両|門|隻|弾)")
# Organisations, agencies and other acronyms that stand before 無人機/ミサイル as owners or sources.
ACRONYM_STOP = frozenset({
    "NATO", "USA", "UAE", "IAEA", "ISW", "SBU", "HUR", "GUR", "FSB", "GRU", "SVR", "AFU", "CIA", "NSA",
    "AFP", "CNN", "BBC", "NHK", "ABC", "NBC", "CBS", "TASS", "RIA", "DPR", "LPR", "OSCE", "UNSC", "ICC",
    "IDF", "IRGC", "PLA", "DOD", "MOD", "OSINT", "GPS", "AI", "EU", "UN", "FPV", "UAV", "UAS", "USV", "UGV",
    "AWACS", "SAM", "MLRS", "IFV", "APC", "MBT", "ATGM", "ICBM", "SLBM", "IRBM", "SRBM", "MRBM", "ALCM",
    "SLCM", "GLCM", "HGV", "EW", "ECM", "CEO", "JSC", "LLC", "PMC", "TV", "SNS", "YOUTUBE", "DIY", "LED",
    "USB", "NASA", "JAXA", "ESA", "IT", "ICT", "AR", "VR", "DJI",
    "XNUMX",  # a machine translation's placeholder for a number (無人機XNUMX機種), never a name
})
_ORG_TAG = "名詞-固有名詞"
_PLACE_OR_PERSON = ("名詞-固有名詞-地名", "名詞-固有名詞-人名")
_KATAKANA_NAME = re.compile(r"[ァ-ヺー]{3,12}")
# classes a glued katakana word can name a system of (ザリャーミサイル, ペクロドローン, ティーガー戦車, マルダー歩兵戦闘車,
# カエサル自走榴弾砲)
NAMED_GROUPS = ("drone", "missile", "tank", "ifv", "apc", "armoured_vehicle", "fighter", "bomber", "howitzer", "mlrs",
                "helicopter")
# Katakana words that say what kind of drone or missile, or whose, not which one.
KATAKANA_STOP = frozenset({
    "ホビー", "レーシング", "レース", "ターゲット", "テスト", "ハイブリッド", "ボランティア", "クルーズ", "スマート",
    "ヘビー", "ライト", "ロング", "ショート", "ナノ", "ファイバー", "ケーブル", "ワイヤー", "レーザー", "モデル", "レベル",
    "タイプ", "シリーズ", "プロトタイプ", "ベース", "メーカー", "コスト", "ロシア", "ウクライナ", "イラン", "アメリカ",
    "トルコ", "ドイツ", "フランス", "イギリス", "ヨーロッパ", "アジア", "ウクライナ製", "ミサイル", "ドローン",
    # what kind of tank, aircraft or gun, or a toy or a model of one (ステルス戦闘機, ラジコン戦車)
    "ステルス", "ジェット", "ハイテク", "ラジコン", "プラモデル", "プラモ", "ミニチュア", "ミニ", "マイクロ", "ダミー",
    "デコイ", "ゲーム", "オモチャ", "アンティーク", "ビンテージ", "ヴィンテージ", "クラシック", "ベテラン", "エリート",
    "デジタル", "スーパー", "メイン", "オリジナル", "カスタム", "ロボット", "ソビエト", "ソ連",
    # against drones or missiles, not a drone of that name (アンチドローン技術, カウンタードローン; NOTES-real63)
    "アンチ", "カウンター", "インターセプター", "ハイパー", "ネクスト", "ニュー",
})


_NFKC = partial(unicodedata.normalize, "NFKC")


_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")  # what a designation and an all-caps word start with


def _designation_end(tokens: Sequence[Tok], i: int, norms: Sequence[str], pattern: re.Pattern = _DESIGNATION,
                     spaced_letters: bool = False) -> int:
    """End of a designation starting at token ``i`` (glued tokens only), or ``i`` when none.

    ``norms`` are the tokens' NFKC texts, computed once per doc. Every designation
    starts with a capital, so any other first character ends the search before the
    regex runs (most tokens of a Japanese text). ``spaced_letters``: one space may follow
    a first token of letters alone (a hull number's symbol: ``SSN 775``).
    """
    if norms[i] and norms[i][0] not in _UPPER:
        return i
    text, best = "", i
    for j in range(i, min(len(tokens), i + 4)):
        text += norms[j]
        if pattern.fullmatch(text):
            best = j + 1
        if tokens[j].space:
            if not (spaced_letters and j == i and text.isalpha()):
                break
            text += " "
    return best


def _katakana_name(tokens: Sequence[Tok], i: int, class_start, norms: Sequence[str]) -> bool:
    """``ザリャー`` in ``ザリャーミサイル``, ``ペクロ`` in ``ペクロドローン``: an unknown katakana word glued
    before a drone or missile class noun that is not a type word, a place or a person."""
    after = class_start.get(i + 1)
    if after is None or tokens[i].space or not (after.weapon_class or "").endswith(NAMED_GROUPS):
        return False
    return _katakana_name_word(tokens, i, norms)


def _katakana_name_word(tokens: Sequence[Tok], i: int, norms: Sequence[str]) -> bool:
    """Whether token ``i`` may be an unknown katakana name: katakana, no type word, place or person, and not
    the end of a longer katakana word."""
    text = norms[i]
    if not _KATAKANA_NAME.fullmatch(text) or text in KATAKANA_STOP or tokens[i].tag.startswith(_PLACE_OR_PERSON):
        return False
    last = norms[i - 1][-1:] if i else ""
    return not last or tokens[i - 1].space or not ("ァ" <= last <= "ヺ" or last == "ー")


def _numbered_katakana_name(tokens: Sequence[Tok], i: int, class_start, norms: Sequence[str]) -> int:
    """The end of ``サマド-3`` in ``サマド-3無人航空機``, ``カラル-2`` in ``カラル-2ドローン``: an unknown katakana word and
    its model number (after a hyphen or glued), glued before a drone or missile class noun; else ``i``."""
    k = i + 2 if i + 2 < len(tokens) and norms[i + 1] in _HYPHENS else i + 1
    if k >= len(tokens) or not _MODEL_NUMBER.fullmatch(norms[k]) or any(t.space for t in tokens[i:k + 1]):
        return i
    after = class_start.get(k + 1)
    if after is None or not (after.weapon_class or "").endswith(NAMED_GROUPS):
        return i
    return k + 1 if _katakana_name_word(tokens, i, norms) else i


_HYPHENS = frozenset({"-", "‐", "−", "–"})
_MODEL_NUMBER = re.compile(r"[0-9]{1,2}")


_GLUED_VARIANT = re.compile(r"[A-Z]{1,3}")
_SIZE_WORDS = frozenset({"中型", "大型", "小型", "超小型", "軽", "重"})
_LATIN_GLOSS = re.compile(r"[A-Z][A-Za-z\-]+(?: [A-Z][A-Za-z\-]+)?")  # Harimau, Black Panther


def glossed_names_before_classes(tokens: Sequence[Tok], chosen: Sequence[Candidate]) -> List[Candidate]:
    """``ハリマウ(Harimau)中型戦車``: an unknown katakana word with its Latin spelling in brackets, right before
    a class noun (a size word may come between), is that weapon's name: the gloss vouches for a proper name
    where the bare word before the class would not (``_katakana_name`` takes drones and missiles only)."""
    if _GLOSS_OPEN.isdisjoint(t.text for t in tokens):
        return []
    taken = _cells(chosen)
    class_start = {c.start: c for c in chosen if c.kind == "class"}
    out = []
    for i in range(len(tokens) - 3):
        tok = tokens[i]
        if tokens[i + 1].text not in _GLOSS_OPEN or tok.space or i in taken or not _KATAKANA_NAME.fullmatch(_norm(tok)) \
                or _norm(tok) in KATAKANA_STOP or tok.tag.startswith(_PLACE_OR_PERSON) or len(tok.text) < 3:
            continue
        close = next((j for j in range(i + 2, min(len(tokens), i + 7)) if tokens[j].text in _GLOSS_CLOSE), None)
        if close is None or close == i + 2 or tokens[close].space:
            continue
        gloss = _surface(tokens, i + 2, close)
        if not _LATIN_GLOSS.fullmatch(gloss):
            continue
        nxt = close + 1
        after = class_start.get(nxt)  # a size word may be the class's own (中型戦車) or stand before it
        if after is None and nxt < len(tokens) and tokens[nxt].text in _SIZE_WORDS and not tokens[nxt].space:
            after = class_start.get(nxt + 1)
        if after is not None and (i == 0 or tokens[i - 1].space or not _is_kana_token(tokens[i - 1])):
            out.append(Candidate(i, i + 1, None, after.weapon_class, None, "unknown"))
    return out


# what may follow a system's name written after its class: a particle, punctuation, a count
_NAME_ENDS_BEFORE = re.compile(r"[はがをにのともやでへ、。，．・」』）)\s0-9０-９]")
_SYSTEMS_COUNTED = re.compile(_COUNT_BEFORE_COUNTER + r"(?:機|発|基|両|輌|門|隻|台|セット)")  # systems, vehicles too
# class groups whose names are written after them; ships have their own rule (weapon_compose._ship_name_candidates)
_NAMED_AFTER_GROUPS = frozenset({"tank", "ifv", "apc", "armoured_vehicle", "fighter", "bomber", "howitzer", "mlrs",
                                 "helicopter", "drone", "missile", "aircraft", "sam", "artillery"})


def names_after_classes(tokens: Sequence[Tok], chosen: Sequence[Candidate]) -> List[Candidate]:
    """``多目的重装甲車グリフォン936台``, ``攻撃機ウォートホッグが``: an unknown katakana name glued right after a
    class noun (not a ship's: those have their own rule) is the system's name, where the name ends there (a
    particle, a count or punctuation after it) and either no dictionary knows the word (``戦車メーカー``,
    ``戦闘機パイロット`` are words) or a count follows it (グリフォン is a word, a griffin, but 936台 counts
    vehicles). Without the dictionary nothing is proposed."""
    if not dictionary.available():
        return []
    taken = _cells(chosen)
    out = []
    for c in chosen:
        if c.kind != "class" or c.end >= len(tokens) or tokens[c.end - 1].space or c.end in taken:
            continue
        if c.weapon_class not in _NAMED_AFTER_GROUPS:
            continue
        end = c.end
        while end < len(tokens) and end - c.end < 2 and end not in taken and _is_kana_token(tokens[end]) \
                and _norm(tokens[end]) not in KATAKANA_STOP and not tokens[end].tag.startswith(_PLACE_OR_PERSON) \
                and not (end > c.end and tokens[end - 1].space):
            end += 1
        if end == c.end or len("".join(t.text for t in tokens[c.end:end])) < 4:
            continue
        if end < len(tokens) and not tokens[end - 1].space and not _NAME_ENDS_BEFORE.match(_norm(tokens[end])[:1]):
            continue
        counted = _SYSTEMS_COUNTED.match("".join(_norm(t) for t in tokens[end:end + 4]).lstrip()) is not None
        if not counted and dictionary.is_ordinary_word("".join(_norm(t) for t in tokens[c.end:end])):
            continue  # 戦車メーカー, 戦闘機パイロット: words; グリフォン936台: a word too, but counted as a system
        out.append(Candidate(c.end, end, None, c.weapon_class, None, "unknown"))
    return out


def _after_latin(tokens: Sequence[Tok], norms: Optional[Sequence[str]], i: int) -> bool:
    """Whether token ``i`` is glued to a Latin letter or digit before it (the middle of a longer word).
    ``norms`` are the tokens' NFKC texts where the caller has them, else the one needed is made here."""
    if i == 0 or tokens[i - 1].space:
        return False
    last = (norms[i - 1] if norms is not None else _norm(tokens[i - 1]))[-1:]
    return last.isascii() and last.isalnum()


def unknown_candidates(tokens: Sequence[Tok], chosen: Sequence[Candidate]) -> List[Candidate]:
    """Unlisted designations and all-caps names with weapon evidence beside them.

    Args:
        tokens: The doc's tokens (``Tok.tag`` is the Sudachi tag where known).
        chosen: The candidates found so far (their classes are the evidence).
    """
    taken = {k for c in chosen for k in range(c.start, c.end)}
    # named systems (not classes) a list word joins an unlisted designation to (UH-1、CH-47、AH-1S、OH-6D)
    named_start = {c.start: c for c in chosen if c.kind != "class"}
    named_end = {c.end: c for c in chosen if c.kind != "class"}
    class_start = {c.start: c for c in chosen if c.kind == "class"}
    class_end = {c.end: c for c in chosen if c.kind == "class"}
    norms = nfkc_texts(list(map(attrgetter("text"), tokens)))  # once per doc: a token is read up to five times
    # Only two kinds of token can start a candidate: one before a class noun (a katakana name) and one
    # whose text starts with a capital (a designation, an all-caps word); every other token only moves
    # the scan on by one, so the scan visits these alone (a few per doc instead of every token).
    starts = sorted({c.start - k for c in class_start.values() for k in (1, 2, 3) if c.start >= k}.union(
        i for i, norm in enumerate(norms) if not norm or norm[0] in _UPPER))
    out: List[Candidate] = []
    i = 0
    for start in starts:
        if start < i:
            continue  # inside the candidate found last
        i = start
        if i in taken or _after_latin(tokens, norms, i):
            continue
        hull_end = _hull_number_end(tokens, norms, i)
        if hull_end > i and not any(k in taken for k in range(i, hull_end)):
            out.append(Candidate(i, hull_end, None, "ship", None, "unknown"))
            i = hull_end
            continue
        ship_end = _prefixed_ship_end(tokens, norms, i)
        if ship_end > i and not any(k in taken for k in range(i, ship_end)):
            out.append(Candidate(i, ship_end, None, "ship", None, "unknown"))
            i = ship_end
            continue
        if _katakana_name(tokens, i, class_start, norms):
            out.append(Candidate(i, i + 1, None, class_start[i + 1].weapon_class, None, "unknown"))
            i += 1
            continue
        numbered = _numbered_katakana_name(tokens, i, class_start, norms)
        if numbered > i and not any(k in taken for k in range(i, numbered)):
            out.append(Candidate(i, numbered, None, class_start[numbered].weapon_class, None, "unknown"))
            i = numbered
            continue
        end = _designation_end(tokens, i, norms)
        caps = end == i and norms[i][:1] in _UPPER and _ALL_CAPS.fullmatch(norms[i]) is not None
        if caps:
            end = i + 1
        elif end == i:
            end = _designation_end(tokens, i, norms, _BARE_DESIGNATION)
            caps = end > i  # held to the all-caps word's evidence: a class noun glued after it
        if end == i or any(k in taken for k in range(i, end)):
            continue
        after = class_start.get(end)
        glued = after is not None and not tokens[end - 1].space
        if caps:
            word = norms[i]
            # a class noun glued after it, or glued before it (重機関銃M2: the class, then the model)
            ok = (glued or (i in class_end and i > 0 and not tokens[i - 1].space)) and word not in ACRONYM_STOP \
                and not tokens[i].tag.startswith(_ORG_TAG)
        else:
            rest = "".join(norms[end:end + 4])
            ok = after is not None or i in class_end or _COUNT_AFTER.match(rest.lstrip()) is not None \
                or _in_named_list(norms, i, end, named_start, named_end)
        if ok:
            weapon_class = after.weapon_class if after is not None else (
                class_end[i].weapon_class if i in class_end else None)
            listed = _listed_before(tokens, norms, i, end, taken | {k for c in out for k in range(c.start, c.end)})
            if listed is not None:
                out.append(Candidate(listed[0], listed[1], None, weapon_class, None, "unknown"))
            out.append(Candidate(i, end, None, weapon_class, None, "unknown"))
            i = end
    return out


_LIST_JOINS = ("および", "及び", "と", "、", "や", "・", "/")
_NAMED_LIST_JOINS = frozenset(_LIST_JOINS) - {"/"}  # a slash joins variants of one name, not a list
_GROUP_OF_COUNTRIES = re.compile(r"G[-‐ー][0-9]{1,2}")  # G-7, G-20: summits, not systems


_SHIP_NAME_WORD = re.compile(r"[A-Z][A-Za-z'’\-]*")
_SHIP_NAME_LINKS = frozenset({"of", "the", "de", "la", "van", "der"})  # HMS Prince of Wales


def _hull_number_end(tokens: Sequence[Tok], norms: Sequence[str], i: int) -> int:
    """The end of a hull number at ``i`` (``DD-110``, ``CVN73``, ``SSN 775``: ``weapon_rules.HULL_NUMBER``), or ``i``.

    A navy's hull classification symbol before a number names one ship, so it needs no class noun beside
    it; one space may stand between symbol and number, and no letter or digit may be glued after it.
    """
    if not norms[i] or norms[i][0] not in _UPPER or not HULL_NUMBER.match(norms[i] + " 0"):
        return i
    best = _designation_end(tokens, i, norms, HULL_NUMBER, spaced_letters=True)
    if best < len(tokens) and not tokens[best - 1].space and norms[best][:1].isascii() and norms[best][:1].isalnum():
        return i  # CV-22B, SS-18M: a longer designation, no hull number
    return best


_SHIP_NAME_BESIDE = re.compile(r"[\u3041-\u3096\u30a1-\u30faー・]{2,12}|[A-Z][A-Z'’\-]{2,20}(?: [A-Z][A-Z'’\-]{1,20}){0,2}")
_NAME_ENDS = frozenset({")", "）", ":", "：", "、", ","})


def names_beside_hull_numbers(tokens: Sequence[Tok], chosen: Sequence[Candidate]) -> List[Candidate]:
    """A ship's name in kana or capitals beside its hull number in brackets, either way round (``DD-110(たかなみ:…)``,
    ``TOPEKA(SSN754)``): the spotter's and harbour table's way of writing one ship, its name a WEAPON as the
    number is. The name runs alone in the brackets (to a colon or comma) or alone before them on its line."""
    taken = _cells(chosen)
    texts = [t.text for t in tokens]
    out: List[Candidate] = []
    for c in chosen:
        if not HULL_NUMBER.fullmatch("".join(texts[c.start:c.end]).replace("\u3000", " ")):
            continue
        if c.end + 1 < len(tokens) and texts[c.end] in _GLOSS_OPEN and not tokens[c.end - 1].space:
            end = c.end + 1  # DD-110(たかなみ: the name inside the brackets after the number
            while end < len(tokens) and end - c.end <= 6 and texts[end] not in _NAME_ENDS:
                end += 1
            if end < len(tokens) and texts[end] in _NAME_ENDS \
                    and _SHIP_NAME_BESIDE.fullmatch(_surface(tokens, c.end + 1, end)) \
                    and not any(k in taken for k in range(c.end + 1, end)):
                out.append(Candidate(c.end + 1, end, None, "ship", None, "unknown"))
        at = c.start - 1  # TOPEKA(SSN754), TEXAS (SSN 775): the name before the brackets, alone on its line
        if at > 0 and texts[at] in _GLOSS_OPEN:
            start = at
            while start > 0 and at - start < 6 and texts[start - 1] not in ("\n", "、", "。") \
                    and not texts[start - 1].endswith("\n"):
                start -= 1
            name = _surface(tokens, start, at)
            if start < at and _SHIP_NAME_BESIDE.fullmatch(name) and not any(k in taken for k in range(start, at)):
                last = at
                while last > start and not tokens[last - 1].text.strip():
                    last -= 1
                out.append(Candidate(start, last, None, "ship", None, "unknown"))
    return out


def _prefixed_ship_end(tokens: Sequence[Tok], norms: Sequence[str], i: int) -> int:
    """The end of a ship's Latin name after a navy's prefix at ``i`` (``USNS Mercy``, ``HMS Prince of
    Wales``, ``USS Gerald R. Ford``), or ``i`` where none starts there.

    The prefix is the evidence: navies write it before nothing but a commissioned ship's name, so the
    capitalised words after it (each after a space, an initial before its full stop) need no class
    noun beside them, as a katakana name after a prefix does (``JSチョウカイ``, ``weapon_compose``).
    """
    if norms[i] not in SHIP_PREFIXES or not tokens[i].space:
        return i
    end = good = i + 1
    while end < len(tokens) and end - i <= MAX_SHIP_NAME_TOKENS:
        word = norms[end]
        if _hull_number_end(tokens, norms, end) > end:
            break  # USS Blue Ridge LCC-19: the hull number is the ship's code, another name
        if _SHIP_NAME_WORD.fullmatch(word) and word not in SHIP_PREFIXES:  # USS USS …: a prefix names no ship
            good = end + 1
        elif not (good == end and (word in _SHIP_NAME_LINKS or word == "." and len(norms[end - 1]) == 1)):
            break
        elif word == ".":
            good = end + 1
        end += 1
        if not tokens[end - 1].space and not (end < len(tokens) and norms[end] == "."):
            break
    return good if good > i + 1 else i


def _in_named_list(norms: Sequence[str], i: int, end: int, named_start, named_end) -> bool:
    """A hyphenated designation (``UH-1``, ``OH-6D``) joined by a list word to a named system right before or
    after it (``UH-1、CH-47``, ``AH-1S、OH-6D``): one list of systems, so the unlisted one is a system too."""
    text = "".join(norms[i:end])
    if not _DESIGNATION.fullmatch(text) or _GROUP_OF_COUNTRIES.fullmatch(text):
        return False
    if end + 1 < len(norms) and norms[end] in _NAMED_LIST_JOINS and end + 1 in named_start:
        return True
    return i >= 2 and norms[i - 1] in _NAMED_LIST_JOINS and i - 1 in named_end


_PREFIX = re.compile(r"[A-Za-z]+")


def _listed_before(tokens: Sequence[Tok], norms: Sequence[str], i: int, end: int, taken: set
                   ) -> Optional[Tuple[int, int]]:
    """A designation of the same family (the same letters first) joined by a list word right before the
    accepted one at ``i:end`` (``M30A2およびM31A2ロケット``, ``Kh-101とKh-555ミサイル``: the class noun
    after the last names both), as ``(start, end)``; not ``G7とM31A2``."""
    if i < 2 or norms[i - 1] not in _LIST_JOINS or tokens[i - 2].space and norms[i - 1] != "、":
        return None
    family = _PREFIX.match("".join(norms[i:end]))
    for start in range(i - 2, max(-1, i - 6), -1):
        if start in taken:
            return None
        for pattern in (_DESIGNATION, _BARE_DESIGNATION):
            if _designation_end(tokens, start, norms, pattern) == i - 1 and not _after_latin(tokens, norms, start):
                other = _PREFIX.match("".join(norms[start:i - 1]))
                return (start, i - 1) if family and other and other.group() == family.group() else None
    return None


def _norm(tok: Tok) -> str:
    return _NFKC(tok.text)


def _is_kana_token(tok: Tok) -> bool:
    return _KATAKANA_NAME.fullmatch(_norm(tok)) is not None


def _reporting_name(tokens: Sequence[Tok], start: int, end: int, starts) -> bool:
    """Whether the katakana tokens ``start:end`` glued after a designation are its nickname even with no class
    noun after them: a word JMdict does not know (ウォートホッグ, フォックスバット; not パイロット, エンジン,
    nor フルバック, an ordinary word that needs the class noun), the name ending there (no letter, digit or
    katakana glued after: ``Geran-2ゲラン2`` is a gloss) and no other candidate starting inside it."""
    if not dictionary.available() or any(k in starts for k in range(start, end)):
        return False
    if end < len(tokens) and not tokens[end - 1].space and _GLUED_AFTER.match(_norm(tokens[end])):
        return False
    return not dictionary.is_ordinary_word("".join(_norm(t) for t in tokens[start:end]))


_GLUED_AFTER = re.compile(r"[0-9A-Za-zァ-ヺー]")
_NICKNAME_NUMBER = re.compile(r"II|III|IV|Ⅱ|Ⅲ|Ⅳ")


def _model_number_before(tokens: Sequence[Tok], start: int, starts) -> int:
    """Start of a model number written one space before a listed name (``M57 ATACMS``, ``M142 HIMARS``:
    one system's model and name), which the tokenizer may cut in two (``M|57``); else ``start``."""
    if start == 0 or not tokens[start - 1].space:
        return start
    for k in (1, 2, 3):
        first = start - k
        if first < 0 or any(i in starts for i in range(first, start)) or \
                any(tokens[i].space for i in range(first, start - 1)):
            break
        if _after_latin(tokens, None, first):
            continue  # A2 of M2A2: the tail of a longer Latin designation, not a model number
        if _BARE_DESIGNATION.fullmatch("".join(_norm(tokens[i]) for i in range(first, start))):
            return first
    return start


_VARIANT = re.compile(r"[A-Z][0-9]{1,2}(?:[A-Z][0-9]{0,2}){0,3}型?")


def _variant_after(tokens: Sequence[Tok], end: int, starts) -> int:
    """End of an unlisted variant code written one space after a listed name (``エイブラムス M1``,
    ``チャレンジャー2 E3型``), which the tokenizer may cut in pieces (``E|3|型``); else ``end``. A listed
    code (``M1A2``) is a candidate of its own and stays one."""
    if end >= len(tokens) or not tokens[end - 1].space:
        return end
    text = ""
    for k in range(end, min(len(tokens), end + 4)):
        if k in starts:
            break
        text += _norm(tokens[k])
        if _VARIANT.fullmatch(text) and (k + 1 == len(tokens) or tokens[k].space
                                          or not _VARIANT.fullmatch(text + _norm(tokens[k + 1]))):
            return k + 1
        if tokens[k].space:
            break
    return end


def _glued_variant_after(tokens: Sequence[Tok], end: int, starts) -> int:
    """End of a model code glued after a katakana name (``カールグスタフM3``, ``グリペンC``-style codes with a
    digit: ``M2``, ``C1``, ``A4``), which the tokenizer may cut (``M|3``); else ``end``. Nothing Latin or digit may be
    glued after the code (it would be a longer designation of its own)."""
    if end >= len(tokens) or tokens[end - 1].space or end in starts:
        return end
    text = ""
    for k in range(end, min(len(tokens), end + 3)):
        text += _norm(tokens[k])
        if _VARIANT.fullmatch(text) and any(ch.isdigit() for ch in text) and (
                k + 1 == len(tokens) or tokens[k].space or not _GLUED_AFTER.match(_norm(tokens[k + 1])[:1])):
            return k + 1
        if tokens[k].space:
            break
    return end


def _maker_start(tokens: Sequence[Tok], start: int, starts, makers: frozenset) -> int:
    """The start of a maker's name right before a designation (``Sukhoi Su-34``, ``MIKOYAN MiG-29``, ``Mikoyan-Gurevich
    MiG-29 Fulcrum``: two makers joined by a hyphen), or ``start`` when there is none."""
    def is_maker(i: int) -> bool:
        norm = _norm(tokens[i])
        return i not in starts and (norm in makers or norm.capitalize() in makers or norm.capitalize() in _CO_MAKERS)
    if start == 0 or not is_maker(start - 1):
        return start
    start -= 1
    if start >= 2 and tokens[start - 1].text in ("-", "‐") and not tokens[start - 1].space \
            and not tokens[start - 2].space and is_maker(start - 2):
        start -= 2
    return start


# the second name of a design bureau written with its founder's (Mikoyan-Gurevich)
_CO_MAKERS = frozenset({"Gurevich"})


def whole_names(tokens: Sequence[Tok], chosen: Sequence[Candidate], makers: Sequence[str] = ()) -> List[Candidate]:
    """``chosen`` with each designation widened over its glued katakana nickname and its maker.

    A model number written before a listed name with one space (``M142 HIMARS``) joins it too.
    A nickname is one or two unknown katakana tokens glued after a designation
    (a name ending in a digit or a capital) and glued before a class noun; a
    type word (``KATAKANA_STOP``), a place or a person is not one. A maker is a
    token of ``makers`` right before the designation, glued or after one space.
    """
    starts = {c.start: c for c in chosen}
    maker_set = frozenset(makers)
    out: List[Candidate] = []
    absorbed = set()
    for cand in chosen:
        if cand.start in absorbed:
            continue
        start, end = cand.start, cand.end
        last = _norm(tokens[end - 1])[-1:]
        if cand.kind in ("name", "family", "unknown") and (last.isdigit() or "A" <= last <= "Z"):
            j = end
            while j < len(tokens) and j - end < 2 and not tokens[j - 1].space and j not in starts \
                    and _is_kana_token(tokens[j]) and _norm(tokens[j]) not in KATAKANA_STOP \
                    and not tokens[j].tag.startswith(_PLACE_OR_PERSON):
                j += 1
            if j > end and reads_aloud(_surface(tokens, start, end), "".join(t.text for t in tokens[end:j])):
                # AASMアーズム: the katakana is the designation read aloud, its gloss and a WEAPON of its own,
                # not a nickname (the rewritten gold: two spans and a pair)
                out.append(Candidate(end, j, cand.canonical, cand.weapon_class, cand.origin, cand.kind))
                absorbed.add(end)
                j = end
            after = starts.get(j)
            numbered = j > end and j < len(tokens) and not tokens[j - 1].space and j not in starts \
                and _NICKNAME_NUMBER.fullmatch(_norm(tokens[j])) is not None
            if numbered and (j + 1 == len(tokens) or tokens[j].space or not _GLUED_AFTER.match(_norm(tokens[j + 1]))
                             and tokens[j + 1].text not in ("級", "型")):
                end = j + 1  # F-35AライトニングII, F-4ファントムII: a nickname with its Roman numeral is a name
            elif j > end and after is not None and after.kind == "class" and not tokens[j - 1].space:
                end = j
            elif j > end and _reporting_name(tokens, end, j, starts):
                end = j  # A-10ウォートホッグ, MiG-25フォックスバット: a nickname no dictionary knows, no class after
        if end == cand.end and cand.kind == "name" and end < len(tokens) and not tokens[end - 1].space \
                and _is_kana_token(tokens[end - 1]) and end not in starts \
                and _NICKNAME_NUMBER.fullmatch(_norm(tokens[end])) is not None \
                and (end + 1 == len(tokens) or tokens[end].space
                     or not _GLUED_AFTER.match(_norm(tokens[end + 1])) and tokens[end + 1].text not in ("級", "型")):
            end += 1  # F-4ファントムII: the Roman numeral of a name that ends in its katakana nickname
        if cand.kind in ("name", "family", "unknown"):
            start = _maker_start(tokens, start, starts, maker_set)
        if cand.kind == "name" and start == cand.start:
            start = _model_number_before(tokens, start, starts)  # M57 ATACMS (NOTES-real7)
        if cand.kind == "name" and end == cand.end:
            end = _variant_after(tokens, end, starts)  # エイブラムス M1, レオパルト2 A6型 (NOTES-real9)
        if cand.kind == "name" and end == cand.end and _is_kana_token(tokens[end - 1]):
            end = _glued_variant_after(tokens, end, starts)  # カールグスタフM3: the model glued to the name
        if cand.kind == "name" and end == cand.end and end + 1 < len(tokens) and not tokens[end - 1].space \
                and not tokens[end].space and _is_kana_token(tokens[end - 1]) and _GLUED_VARIANT.fullmatch(_norm(tokens[end])) \
                and getattr(starts.get(end + 1), "kind", None) == "class":
            end += 1  # スパイクERミサイル: a katakana name, its variant letters and the class, all glued
        glued = starts.get(end)
        if cand.kind == "name" and end == cand.end and glued is not None and glued.kind == "unknown" \
                and not tokens[end - 1].space and _is_kana_token(tokens[end - 1]) \
                and _VARIANT.fullmatch("".join(_norm(t) for t in tokens[glued.start:glued.end])):
            end = glued.end  # レオパルドC1戦車: a katakana name and its variant code glued are one name
            absorbed.add(glued.start)
        out.append(cand if (start, end) == (cand.start, cand.end) else
                   Candidate(start, end, cand.canonical, cand.weapon_class, cand.origin, cand.kind))
    return sorted(out, key=attrgetter("start"))


def repeated_designations(tokens: Sequence[Tok], chosen: Sequence[Candidate]) -> List[Candidate]:
    """The same unlisted designation again elsewhere in the text (``戦車T34は`` … ``T34の構造``): one sense
    per text, as for quoted ship names. Only designation shapes (capital letters with digits) repeat: a
    katakana word read as a name beside one class noun may be a common word elsewhere."""
    found = {}
    for c in chosen:
        if c.kind == "unknown":
            words = tuple(t.text for t in tokens[c.start:c.end])
            if DESIGNATION_SHAPE.fullmatch("".join(words)):
                found.setdefault(words, c)
    if not found:
        return []
    taken = _cells(chosen)
    out = []
    for words, cand in found.items():
        for i in range(len(tokens) - len(words) + 1):
            end = i + len(words)
            if i in taken or tokens[i].text != words[0] or tuple(t.text for t in tokens[i:end]) != words:
                continue
            before = tokens[i - 1].text[-1:] if i > 0 and not tokens[i - 1].space else ""
            after = tokens[end].text[:1] if end < len(tokens) and not tokens[end - 1].space else ""
            if (before.isascii() and before.isalnum()) or (after.isascii() and (after.isalnum() or after == "-")):
                continue  # part of a longer designation
            out.append(Candidate(i, end, None, cand.weapon_class, None, "unknown"))
    return out


_TITLE_WORD = re.compile(r"[A-Z][A-Za-z]*(?:-[A-Za-z]+)*")
# capitalised words that open a sentence or name a people rather than a system's name
_TITLE_STOP = frozenset({"The", "A", "An", "In", "On", "At", "By", "For", "From", "With", "And", "Or", "Of", "To",
                         "Russia", "Russian", "Russia's", "Ukraine", "Ukrainian", "Ukraine's", "Iran", "Iranian",
                         "Israel", "Israeli", "China", "Chinese", "US", "U", "S", "American", "British", "Korean",
                         "North", "South", "NATO", "EU", "German", "French", "Polish", "Japanese", "Soviet"})
_TITLE_SUFFIXES = frozenset({"System", "Systems", "Launcher", "Launchers", "Vehicle", "Vehicles"})
MAX_TITLE_WORDS = 6
_OPENERS = frozenset({"(", "（", "「", "“", "\"", "'"})


def _unit_before(tokens: Sequence[Tok], end: int) -> int:
    """The start of the run of tokens glued together that ends at ``end`` (``Air``-``to``-``Air``)."""
    start = end - 1
    while start > 0 and not tokens[start - 1].space and tokens[start - 1].text.strip():
        start -= 1  # a line break (a token of its own) ends the run too
    return start


_CLOSERS = frozenset({")", "）", "」", "”"})
# words that make a name a unit's or a body's, not a weapon's
_ORG_WORDS = frozenset({"Brigade", "Brigades", "Regiment", "Battalion", "Division", "Corps", "Command", "Force", "Forces",
                        "Agency", "Company", "Group", "Army", "Navy", "Fleet", "Squadron", "Unit", "Units", "Department",
                        "Ministry", "Office", "Institute", "Center", "Centre", "Coalition", "Initiative", "Program",
                        "Programme", "Administration", "Directorate", "Service", "Guard", "Wing", "Detachment"})


def _bracketed_title(tokens: Sequence[Tok], cand: Candidate, taken: Mapping[int, Candidate]) -> Optional[Tuple[int, int]]:
    """The token range of a bracket's whole content when it is capitalised words only, the class among them
    (``(Helicopter Destroyer)``, ``(Destroyer Escort)``, ``(Mine Sweeper Ocean)``: the expansion a table gives
    after a hull-type code), else None."""
    start = cand.start
    while start > 0 and tokens[start - 1].text not in _OPENERS and cand.start - start < 8:
        start -= 1
    end = cand.end
    while end < len(tokens) and tokens[end].text not in _CLOSERS and end - cand.end < 8:
        end += 1
    if start == 0 or tokens[start - 1].text not in _OPENERS or end >= len(tokens) or tokens[end].text not in _CLOSERS:
        return None
    if (start, end) == (cand.start, cand.end) or any(k in taken and taken[k].kind != "class" for k in range(start, end)):
        return None  # a class beside a class (Helicopter Destroyer) joins; a name in the bracket does not
    words, k = 0, start
    while k < end:
        first = k
        while k + 1 < end and not tokens[k].space:
            k += 1
        word = "".join(t.text for t in tokens[first:k + 1])
        if not _TITLE_WORD.fullmatch(word) or word in _TITLE_STOP or word in _ORG_WORDS:
            return None  # (Odesa Anti-Aircraft Missile Brigade): a unit's name, the class inside it
        words, k = words + 1, k + 1
    return (start, end) if 2 <= words <= MAX_TITLE_WORDS else None


def _expansion_before(tokens: Sequence[Tok], start: int, taken: Mapping[int, Candidate]) -> bool:
    """Whether the written-out name at ``start`` stands where a name is spelt out: right after an opening
    bracket or quote (``HIMARS(High Mobility …``, ``「Terminal High …``), or one space after another name of
    the system (``AMRAAM Advanced …``, ``T-64 Mein Battle Tank``), as glossaries and spec tables write them."""
    j = start - 1
    while j >= 0 and not tokens[j].text.strip():
        j -= 1  # AMRAAM\nAdvanced …: a glossary's line break is a token of its own
    if j < 0:
        return False
    before = tokens[j]
    spaced = before.space or j < start - 1
    return before.text in _OPENERS or (spaced and j in taken and taken[j].kind != "class")


def title_case_names(tokens: Sequence[Tok], chosen: Sequence[Candidate]) -> List[Candidate]:
    """An English class noun at the end of a run of capitalised words is the end of a system's written-out name:
    ``High Mobility Artillery Rocket System``, ``Terminal High Altitude Area Defense missile``, ``Advanced
    Medium-Range Air-to-Air Missile`` (the expansions glossaries and brackets give for HIMARS, THAAD, AMRAAM) are
    one WEAPON, as ``M270 Multiple Launch Rocket System`` is. The run stops at a sentence's or a people's word
    (``Russia launched a Hypersonic Missile``, ``Iranian``) and at another candidate; three words at least, where
    a name is spelt out (``_expansion_before``), and not inside a longer name (``Odesa Anti-Aircraft Missile
    Brigade``: a unit)."""
    if not any(c.kind == "class" and tokens[c.start].text.isascii() for c in chosen):
        return list(chosen)  # no English class noun: nothing to widen (most docs)
    taken = {k: c for c in chosen for k in range(c.start, c.end)}
    out: List[Candidate] = []
    absorbed_to = -1
    for cand in chosen:
        if cand.start < absorbed_to:
            continue  # inside a bracket taken whole just before
        words = tokens[cand.start:cand.end]
        if cand.kind != "class" or not all(t.text.isascii() for t in words) or cand.start == 0:
            out.append(cand)
            continue
        whole = _bracketed_title(tokens, cand, taken)
        if whole is not None:  # DDH (Helicopter Destroyer), MSO (Mine Sweeper Ocean): the bracket's whole name
            last = taken.get(whole[1] - 1, cand)  # the class noun at the end gives the kind
            out = [c for c in out if c.end <= whole[0]]
            out.append(Candidate(whole[0], whole[1], None, last.weapon_class, cand.origin, cand.kind))
            absorbed_to = whole[1]
            continue
        start, added = cand.start, 0
        while added < MAX_TITLE_WORDS and start > 0 and tokens[start - 1].space:
            first = _unit_before(tokens, start)
            opened = max((j for j in range(first, start) if tokens[j].text in _OPENERS), default=None)
            if opened is not None:
                first = opened + 1  # HIMARS(High Mobility …: the bracket opens the name
            word = "".join(t.text for t in tokens[first:start])
            if first == start or not _TITLE_WORD.fullmatch(word) or word in _TITLE_STOP \
                    or any(k in taken for k in range(first, start)):
                break
            start, added = first, added + 1
            if opened is not None:
                break
        end = cand.end
        if added and end < len(tokens) and tokens[end - 1].space and tokens[end].text in _TITLE_SUFFIXES \
                and end not in taken:
            end += 1
        words = 1 + sum(1 for t in tokens[start:end - 1] if t.space)
        inside_name = end < len(tokens) and tokens[end - 1].space and _TITLE_WORD.fullmatch(tokens[end].text)
        if added and words >= 3 and not inside_name and _expansion_before(tokens, start, taken):
            out.append(Candidate(start, end, cand.canonical, cand.weapon_class, cand.origin, cand.kind))
        else:
            out.append(cand)
    return out

