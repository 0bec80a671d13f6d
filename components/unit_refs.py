"""Bare services and echelon nouns that refer to a specific force or unit (no spaCy).

ANNOTATION.md: a bare service (``陸軍``, ``海軍``, ``空軍``) or echelon noun
(``旅団``, ``大隊``, ``連隊``, ``師団``, ``艦隊``, ``軍団``) that refers to a specific
force or unit in the text is a MIL_UNIT. Two readings are kept apart here:

- a *reference*: the word stands alone (no noun glued before or after it:
  not ``空軍基地``, ``旅団長``, ``エンゲリス空軍基地``, ``陸軍戦術ミサイル``) and, for
  an echelon, a unit of the same echelon was named earlier in the text
  (``第57独立旅団は…。旅団の報道担当者は``), or a demonstrative points at it
  (``この旅団は``, even where the name before it is cut short); a service alone is the force the
  report is about (``空軍によると``);
- a *generic* use: an echelon with no antecedent of its echelon
  (``大隊によっては`` after a division), or a counted one (``2個旅団``,
  handled by the grammar).

The recogniser passes tokens as ``(text, tag)`` pairs and the units it found as
``(start, end, echelon)`` token ranges; this module returns new token ranges.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Set, Tuple

# 司令部 standing alone (黒海艦隊の司令部, 弾薬庫や司令部など) is a command body: 5 of 6 in the development gold
SERVICES: Dict[str, str] = {"陸軍": "ground forces", "海軍": "navy", "空軍": "air force", "司令部": "command"}
ECHELONS: Dict[str, str] = {"旅団": "brigade", "大隊": "battalion", "連隊": "regiment", "師団": "division",
                            "艦隊": "fleet", "軍団": "corps"}
_GLUE_TAGS = ("名詞", "接頭辞", "接尾辞")  # a noun, prefix or suffix next to the word makes a compound
_NOT_GLUE = {"同", "当該", "該当"}
_FULL_WIDTH_ALNUM = set("０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ")
_DEMONSTRATIVES = {"この", "その", "当", "同"}  # この旅団, その大隊: the text points at one unit (NOTES-real15)
_CLOSERS = set("」』】〉》)）\"”'")  # 同旅団: the anaphoric prefix refers, it does not compound
_CLAUSE_ENDS = {"。", "、", "\n", "！", "？"}
# a service glued to a word for its people or premises still names the force (海軍|軍人4名, 陸軍|兵舎: four
# development cases); before 基地, 力 or a weapon's name it does not (空軍基地, 海軍力, 陸軍戦術ミサイル)
_MEMBERS = {"軍人", "兵士", "兵", "兵舎", "将校", "将兵", "要員", "隊員", "報道官", "司令官"}


def _glued(tokens: Sequence[Tuple[str, str]], i: int, before: bool) -> bool:
    """Whether the token next to ``i`` (before or after it) joins it into a longer noun."""
    j = i - 1 if before else i + 1
    if j < 0 or j >= len(tokens):
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


def bare_references(tokens: Sequence[Tuple[str, str]], found: Sequence[Tuple[int, int, Optional[str]]]
                    ) -> List[Tuple[int, int, Dict[str, Optional[str]]]]:
    """Token ranges ``(i, i + 1, attrs)`` of bare services and referring echelon nouns.

    Args:
        tokens: ``(text, tag)`` per token.
        found: Units already found, ``(start, end, echelon)`` in token offsets.
    """
    taken: Set[int] = {i for start, end, _ in found for i in range(start, end)}
    out: List[Tuple[int, int, Dict[str, Optional[str]]]] = []
    for i, (text, _tag) in enumerate(tokens):
        if i in taken or (text not in SERVICES and text not in ECHELONS):
            continue
        members = text in SERVICES and i + 1 < len(tokens) and tokens[i + 1][0] in _MEMBERS
        if _glued(tokens, i, before=True) or (_glued(tokens, i, before=False) and not members):
            continue
        if i and tokens[i - 1][0] in _CLOSERS:
            continue  # 「ダ・ヴィンチの狼」大隊: the head of a quoted name, not a reference
        if text in SERVICES:
            out.append((i, i + 1, {"unit_type": SERVICES[text]}))
            continue
        echelon = ECHELONS[text]
        demonstrative = i > 0 and tokens[i - 1][0] in _DEMONSTRATIVES  # この旅団は: a specific one
        # 。旅団は…: an echelon opening a clause as its subject is the unit the report is about
        # (5 of 5 such cases in the development gold, real24's excerpt with no name before them)
        subject = (i == 0 or tokens[i - 1][0] in _CLAUSE_ENDS) and i + 1 < len(tokens) and tokens[i + 1][0] in ("は", "が")
        if demonstrative or subject or any(end <= i and named == echelon for _, end, named in found):
            out.append((i, i + 1, {"echelon": echelon}))
    return out
