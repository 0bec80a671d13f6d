"""Bare services and echelon nouns that refer to a specific force or unit (no spaCy).

ANNOTATION.md: a bare service (``陸軍``, ``海軍``, ``空軍``) or echelon noun
(``旅団``, ``大隊``, ``連隊``, ``師団``, ``艦隊``, ``軍団``) that refers to a specific
force or unit in the text is a MIL_UNIT. Two readings are kept apart here:

- a *reference*: the word stands alone (no noun glued before or after it:
  not ``空軍基地``, ``旅団長``, ``エンゲリス空軍基地``, ``陸軍戦術ミサイル``). In news
  prose a lone echelon is the unit the report is about, named before or not
  (``第57独立旅団は…。旅団の報道担当者は``, ``展開する旅団の報道官``, ``各旅団は``):
  13 of the 14 lone echelons in the development gold (real text and corpus) are
  marked; a service alone is the force the report is about (``空軍によると``);
- a *generic* use: an echelon that means any unit of its size
  (``大隊によっては``, ``旅団ごとに``, ``旅団とは``, ``旅団の数``), a size (``大隊規模``, ``5個師団分``,
  handled by the recogniser), or a counted one (``2個旅団``, handled by the grammar).

The recogniser passes tokens as ``(text, tag)`` pairs and the units it found as
``(start, end, echelon)`` token ranges; this module returns new token ranges.
"""
from __future__ import annotations

import re
from typing import AbstractSet, Dict, List, Optional, Sequence, Set, Tuple

# 司令部 standing alone (黒海艦隊の司令部, 弾薬庫や司令部など) is a command body: 5 of 6 in the development gold;
# as the object or place of an action (司令部に着弾, 司令部を破壊, 司令部を置く, 同司令部での会合) it is the
# building, which the annotators of parts 1 and 39 left out (4 of 4)
_PLACE_PARTICLES = {"に", "を", "で", "へ"}
# 民兵 alone is the militia the report is about (ウクライナ軍は民兵を攻撃: 4 of 4 in the development gold);
# glued it is something else (民兵組織, 民兵化); so are partisans (地元のパルチザンが国旗を掲げた: Kojien
# パルチザン, irregular armed fighters; part 121's development gold), not パルチザン活動 or パルチザン戦
# 宇宙軍 (a space force: 米宇宙軍, 空軍および宇宙軍, 宇宙軍は…) is cut 宇宙|軍 by Sudachi: read as one word below
SERVICES: Dict[str, str] = {"陸軍": "ground forces", "海軍": "navy", "空軍": "air force", "司令部": "command",
                            "民兵": "militia", "宇宙軍": "space force", "パルチザン": "partisans"}
ECHELONS: Dict[str, str] = {"旅団": "brigade", "大隊": "battalion", "連隊": "regiment", "師団": "division",
                            "艦隊": "fleet", "軍団": "corps"}
# a token any of these words starts with: a doc with none has no bare reference (宇宙 for 宇宙|軍)
TRIGGER_TOKENS = frozenset(SERVICES) | frozenset(ECHELONS) | {"宇宙"}
_GLUE_TAGS = ("名詞", "接頭辞", "接尾辞")  # a noun, prefix or suffix next to the word makes a compound
_NOT_GLUE = {"同", "当該", "該当", "各", "両国"}  # 同旅団, 各旅団は, 両国海軍: the word points at units, it does not compound
_FULL_WIDTH_ALNUM = set("０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ")
_CLOSERS = set("」』】〉》)）\"”'")  # 同旅団: the anaphoric prefix refers, it does not compound
# a service glued to a word for its people or premises still names the force (海軍|軍人4名, 陸軍|兵舎: four
# development cases); before 基地, 力 or a weapon's name it does not (空軍基地, 海軍力, 陸軍戦術ミサイル)
_LEADERS = {"指揮官", "司令官", "報道官"}
_MEMBERS = {"軍人", "兵士", "兵", "兵舎", "将校", "将兵", "要員", "隊員", "報道官", "司令官"}
# a service glued to a word for its aircraft or ships names the force they belong to (両国の空軍|機,
# 空軍|爆撃機, 海軍|艦艇130隻: 5 of 5 such bare services in the development gold); the class noun is a
# WEAPON span of its own
_CRAFT = {"機", "軍用機", "戦闘機", "爆撃機", "輸送機", "偵察機", "ヘリ", "ヘリコプター", "艦艇", "艦船"}


_ABOUT = {"約", "およそ", "計", "総勢"}  # 陸軍約44,000名: a strength given roughly or as a total


def _strength_after(tokens: Sequence[Tuple[str, str]], j: int) -> bool:
    """Whether a figure starts at token ``j``, bare or after 約/計 (陸軍|102万人, 陸軍|約|44,000名)."""
    if j < len(tokens) and tokens[j][0] in _ABOUT:
        j += 1
    return j < len(tokens) and tokens[j][0][:1].isdigit()


def _glued(tokens: Sequence[Tuple[str, str]], i: int, before: bool, spaced: AbstractSet[int] = frozenset()) -> bool:
    """Whether the token next to ``i`` (before or after it) joins it into a longer noun; a space between
    them (``spaced``: the tokens a space follows) keeps them apart (陸軍約44,000名 海軍約12,000名)."""
    j = i - 1 if before else i + 1
    if j < 0 or j >= len(tokens) or min(i, j) in spaced:
        return False
    text, tag = tokens[j]
    if before and text in _NOT_GLUE:
        return False
    if text[:1].isascii() and not text[:1].isalnum():
        return False  # punctuation and spaces
    # a Latin name or a figure glues whatever Sudachi tags it (NATO空軍); an adverb or conjunction
    # before the word does not (さらに空軍は, また空軍は: NOTES-real11)
    latin = text[:1].isascii() and text[:1].isalnum() or text[:1] in _FULL_WIDTH_ALNUM
    return tag.startswith(_GLUE_TAGS) or latin and not tag.startswith(("助詞", "助動詞", "補助記号"))


def bare_references(tokens: Sequence[Tuple[str, str]], found: Sequence[Tuple[int, int, Optional[str]]],
                    spaced: AbstractSet[int] = frozenset()) -> List[Tuple[int, int, Dict[str, Optional[str]]]]:
    """Token ranges ``(i, i + 1, attrs)`` of bare services and referring echelon nouns.

    Args:
        tokens: ``(text, tag)`` per token.
        found: Units already found, ``(start, end, echelon)`` in token offsets.
        spaced: The tokens a space follows (spaCy keeps a single space on the token before it).
    """
    taken: Set[int] = {i for start, end, _ in found for i in range(start, end)}
    out: List[Tuple[int, int, Dict[str, Optional[str]]]] = []
    tokens, origin = _two_token_services(tokens)
    if origin:
        taken = {m for m, (a, b) in enumerate(origin) if not taken.isdisjoint(range(a, b))}
        spaced = {m for m, (a, b) in enumerate(origin) if b - 1 in spaced}
    for i, (text, _tag) in enumerate(tokens):
        if i in taken or (text not in SERVICES and text not in ECHELONS):
            continue
        # 海軍|軍人4名, 陸軍|兵舎: the people or premises of the force; 陸軍|102万人: its strength; 空軍|機: its craft
        members = text in SERVICES and i + 1 < len(tokens) and (
            tokens[i + 1][0] in _MEMBERS or _strength_after(tokens, i + 1) and text != "司令部"
            or tokens[i + 1][0] in _CRAFT and text.endswith("軍"))
        # 旅団|指揮官, 連隊|指揮官: the unit the report is about, named by its commander (3 of 3 in the development
        # gold); 旅団長 is one word and stays out
        members = members or text in ECHELONS and i + 1 < len(tokens) and tokens[i + 1][0] in _LEADERS
        if text in SERVICES and text.endswith("軍") and tokens[i + 1:i + 2] and tokens[i + 1][0] == "部隊" \
                and i not in spaced and not _glued(tokens, i, True, spaced) and not _glued(tokens, i + 1, False, spaced):
            out.append((i, i + 2, {"unit_type": SERVICES[text]}))  # 支援の陸軍部隊: the service's units, one name
            continue
        if _glued(tokens, i, True, spaced) or (_glued(tokens, i, False, spaced) and not members):
            continue
        if i and tokens[i - 1][0] in _CLOSERS:
            continue  # 「ダ・ヴィンチの狼」大隊: the head of a quoted name, not a reference
        if text in SERVICES:
            if text == "司令部" and i + 1 < len(tokens) and tokens[i + 1][0] in _PLACE_PARTICLES:
                continue  # 司令部に着弾, 司令部を破壊, 同司令部で: the building struck or met in, not the body
            out.append((i, i + 1, {"unit_type": SERVICES[text]}))
            continue
        if generic_use(tokens, i):
            continue  # 大隊によっては: any battalion, not one
        out.append((i, i + 1, {"echelon": ECHELONS[text]}))
    return [(origin[start][0], origin[end - 1][1], attrs) for start, end, attrs in out] if origin else out


def _two_token_services(tokens: Sequence[Tuple[str, str]]
                        ) -> Tuple[Sequence[Tuple[str, str]], List[Tuple[int, int]]]:
    """``tokens`` with a service the tokenizer cut in two (宇宙|軍) read as one token, and each token's original
    range ``[start, end)`` (an empty list, and ``tokens`` itself, when nothing was cut)."""
    if not any(a[0] + b[0] in SERVICES and a[0] not in SERVICES for a, b in zip(tokens, tokens[1:])):
        return tokens, []
    merged: List[Tuple[str, str]] = []
    origin: List[Tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        size = 2 if i + 1 < len(tokens) and tokens[i][0] + tokens[i + 1][0] in SERVICES \
            and tokens[i][0] not in SERVICES else 1
        merged.append((tokens[i][0] + tokens[i + 1][0], tokens[i + 1][1]) if size == 2 else tokens[i])
        origin.append((i, i + size))
        i += size
    return merged, origin


# After these an echelon means any unit of its size, or classifies one, rather than naming a unit
# in the text (大隊によっては, 旅団ごとに, 旅団とは, 旅団の数, 旅団級, 連隊への再編; NOTES-real2 and -real15:
# 旅団の一つ, 9個目の旅団となります)
_GENERIC_AFTER = ("によって", "により", "ごと", "単位", "当たり", "あたり", "とは", "という", "レベル", "の数",
                  "の一つ", "のひとつ", "となる", "となり", "となっ", "である", "級", "への",
                  # a size compared or a unit reorganised into one (連隊に相当する, 大隊より上の, 師団のほうが大きい,
                  # 旅団へと改編された, 旅団へ格上げ: the development gold marks none of its six such)
                  "に相当", "と同程度", "より上", "より大き", "より小さ", "のほうが", "へと改編", "へ改編", "に改編",
                  "へ格上げ", "に格上げ", "を何個")
# ... and before: どの旅団 (NOTES-real16), 9個目の旅団; 影の艦隊 is the shadow fleet of tankers; いくつかの師団,
# すべての師団: some or all units of a size (the development gold marks none of its four such)
_GENERIC_BEFORE = ("どの", "どんな", "個目の", "番目の", "影の", "いくつかの", "いくつもの", "すべての", "全ての",
                   "複数の", "数個の")
# 大隊・旅団級: a size class named by a list of echelons
_SIZE_CLASS = re.compile(r"^(?:[・、](?:" + "|".join(ECHELONS) + r"))*級")


def generic_use(tokens: Sequence[Tuple[str, str]], i: int) -> bool:
    """Whether the echelon noun at token ``i`` means any unit of its size (大隊によっては, いくつかの中隊, 1中隊ごとに),
    by the words around it: for the bare references here and for the heads the grammar takes alone (中隊, 小隊)."""
    after = "".join(text for text, _ in tokens[i + 1:i + 4])
    before = "".join(text for text, _ in tokens[max(0, i - 3):i])
    return after.startswith(_GENERIC_AFTER) or before.endswith(_GENERIC_BEFORE) or bool(_SIZE_CLASS.match(after))
