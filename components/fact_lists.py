"""Counts listed under a header: ``ロシア軍の損失は以下の通り。人員約70万人、戦車9454両…``.

Daily loss reports and tallies name the event once, in a header: a trigger
noun (``損失``, ``損害``, ``戦果``) followed by ``以下の通り``, ``次のとおり``,
``以下のように…`` or a colon, and then give the counts bare, one per item or
per line. A count of such a list that found no fact of its own takes the
header's: the event by what the count counts (people lost are casualties),
the trigger, the side and the source; its weapon is its own item, where that
is a WEAPON span just before it.

The list runs while the text between one count and the next is only item
names, list punctuation, running totals (``（+9）``) and line breaks; a
clause with a predicate (any other hiragana) ends it.
"""
from __future__ import annotations

import re
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from .fact_chunks import ChunkedDoc
from .fact_rules import trigger_at
from .fact_tables import FactTables, Trigger

Offsets = Tuple[int, int]

# 以下の通り, 次のとおり, 以下のようにまとめた (up to its sentence end), or a colon
# or 内訳は after a sentence that names the event (ロシア軍の損失を発表した。内訳は兵員1180人、戦車9両…)
OPENER = re.compile(r"(?:以下|次)(?:の|に)?(?:通り|とおり|ように|よう)[^。\n:：]{0,15}?(?=[。\n:：]|$)|[:：]|内訳は|】")  # 】: 【寄付総額】 ¥30,000,000
# between two counts of one list: names, marks and numbers, quotes around a name (「KN23」) and a bracketed
# note (… 315機(発射地点はクルスク)), which may hold any words
NOTE = re.compile(r"[(（][^()（）\n]{0,60}[)）]")  # a bracketed note, not counted in MAX_GAP
GAP = re.compile(r"(?:" + NOTE.pattern + r"|[\s\u3000。、,，・:：/／()（）+＋\-－−~〜0-9０-９「」『』]|など|の"
                 r"|[\u30a0-\u30ff\u4e00-\u9fff々A-Za-zＡ-Ｚａ-ｚ])*")
MAX_GAP = 30  # characters between two counts of one list, bracketed notes aside
TRIGGER_REACH = 12  # characters between the trigger noun and the opener
BREAKDOWN_REACH = 40  # for 内訳は: back into the sentence before it


def headers(cd: ChunkedDoc, tables: FactTables) -> Iterator[Tuple[int, Trigger, Offsets, int]]:
    """``(list start char, trigger, trigger offsets, trigger token)`` for each header in the text."""
    text = cd.text
    for match in OPENER.finditer(text):
        start = match.start()
        if start == 0:
            continue
        i = cd.token_at(start - 1)
        breakdown = match.group().startswith("内訳")
        reach = BREAKDOWN_REACH if breakdown else TRIGGER_REACH
        if breakdown and cd.texts[i] in ("。", "\n"):
            i -= 1  # the header is the sentence before: ……の損失を発表した。内訳は
        while i >= 0 and cd.idx[i] >= start - reach and cd.texts[i] not in ("。", "\n"):
            if cd.tags[i].startswith("名詞"):
                found = trigger_at(cd, tables, i)
                if found is not None:
                    yield match.end(), found[0], found[1], i
                    break
            i -= 1


def members(text: str, list_start: int, quantities: Sequence[Offsets]) -> List[int]:
    """Indexes of the quantities (char offsets, in text order) that the list starting at ``list_start`` holds."""
    out: List[int] = []
    previous_end = list_start
    for k, (start, end) in enumerate(quantities):
        if start < list_start:
            continue
        gap = text[previous_end:start]
        if len(NOTE.sub("", gap)) > MAX_GAP or not GAP.fullmatch(gap):
            break
        out.append(k)
        previous_end = end
    return out


def own_weapon(weapons: Sequence[Offsets], start: int) -> Optional[Offsets]:
    """The WEAPON span that ends at most two characters before a count (its own item: 戦車41両)."""
    before = [w for w in weapons if w[1] <= start and start - w[1] <= 2]
    return before[-1] if before else None


def roles_for_member(frame: Dict[str, Offsets], weapon: Optional[Offsets]) -> Dict[str, Offsets]:
    """Roles taken from another count's fact, with this count's own weapon in place of that one's."""
    roles = {role: where for role, where in frame.items() if role != "weapon"}
    if weapon is not None:
        roles["weapon"] = weapon
    return roles
