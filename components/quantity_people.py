"""People counts: captured (PERSONNEL) or lost (CASUALTY), from the words after or before the count.

Split from ``components.quantity_context`` (which calls these); pure, no spaCy.

- A capture word right after a people count (``2人を捕虜にした``, ``拘束``,
  ``投降``) makes prisoners: troops (PERSONNEL), not the casualty type of a
  count before it, unless a wound or death comes first (``負傷して捕虜となった``).
- A loss word right after a troop count (``最大1600人の兵士と…を失った``), or a
  losses word before the personnel line of a tally (``損失は次の通り。人員約116万人``),
  makes casualties (killed or wounded).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from .quantity_rules import Hit

if TYPE_CHECKING:
    from .quantity_context import CategoryRules, Rule

_SENTENCE_END = re.compile("[。！？!?\n]")
TALLY_ITEMS = ("人員", "兵員", "兵士", "将兵", "軍人")  # the people line of a loss tally (兵士610名: NOTES-real66)
SOLDIER_ITEMS = ("兵士", "将兵", "軍人")  # also troops sent or mobilised: only under a tally's own heading
TALLY_WINDOW = 200


_SCARE_QUOTES = re.compile(r"[「『“]([^」』”、。]{1,8})[」』”]")
_LEADING_ASIDE = re.compile(r"[（(][^（()）。\n]{1,20}[）)](?=[がはも])")
_BRACKETED = re.compile(r"[（(][^（()）]*[）)]")
_LIST_GAP = re.compile(r"[^。をがはでにへ]*を$")
_LIST_WORDS = re.compile(r"さらに|および|及び|ならびに|並びに|加えて|そして")


def after_window(text: str, hit: Hit, item_end: Optional[int]) -> str:
    """The words right after the quantity (or its item), up to the next clause mark."""
    start = hit.end
    aside = _LEADING_ASIDE.match(text, start)
    if aside is not None:
        start = aside.end()  # 47人(17歳の少年を含む)が負傷: an aside between the count and its verb
    end = max(start, item_end or start) + 14
    window = _SCARE_QUOTES.sub(r"\1", text[start:end + 4])  # を「排除」した: a verb in scare quotes
    # 死亡、ケガ: one list of outcomes; a slash, a bar or a line break starts the next item of a table or tally
    # (負傷者:1048名/捕虜:1131名: the prisoners are the next column's)
    return re.split(r"[。,(（「/／|｜\n]|、(?!けが|ケガ|負傷|怪我)", window, maxsplit=1)[0]


_NEXT_COLUMN = re.compile(r"[/／|｜]")
_NUMBER_NEXT = re.compile(r"[:：]?[ 　]?[0-9０-９一二三四五六七八九十約]")
_PRISONER_SUBSET = re.compile(r"捕虜[^。、]{0,8}のうち[^。]{0,10}$")


def captured(text: str, hit: Hit, item_end: Optional[int], rules: "CategoryRules", verb: Optional["Rule"]) -> bool:
    """A capture word (``捕虜に``, ``拘束``, ``投降``) right after the quantity, before any casualty verb,
    or a count taken out of prisoners (``捕虜のうち負傷者30人``)."""
    if rules.capture_re is None:
        return False
    if _PRISONER_SUBSET.search(text, max(0, hit.start - 30), hit.start):
        return True  # 帰還した捕虜のうち重傷者22人: a subset of prisoners stays prisoners (NOTES-real3)
    window = after_window(text, hit, item_end)
    m = rules.capture_re.search(window)
    if m is None or _NUMBER_NEXT.match(window, m.end()):
        return False  # 戦死9名 捕虜1名: a capture word with a number of its own labels the next count of a tally
    if verb is not None:
        v = rules.verb_re.search(window) if rules.verb_re is not None else None
        return v is None or m.start() < v.start()  # 負傷し捕虜となった: wounded first
    return True


def troop_loss(text: str, hit: Hit, item: Optional[str], item_end: Optional[int],
                rules: "CategoryRules") -> Optional["Rule"]:
    """Troops lost: a loss word right after the count (``最大1600人の兵士と…を失った``), or a personnel
    count (``人員``, ``兵員``) in a loss tally (``ロシア軍の損失は次の通り。人員約116万人、戦車…``)."""
    if rules.loss_re is not None:
        m = rules.loss_re.search(text, hit.end, min(len(text), max(hit.end, item_end or hit.end) + 24))
        if m is not None and not _one_object(text[hit.end:m.start()]):
            m = None  # 500人の兵士が川を渡って、陣地を失った: the loss is another clause's
        if m is None:
            m = _list_loss(text, hit, rules)
        if m and not _SENTENCE_END.search(text, hit.end, m.start()) and not _NEXT_COLUMN.search(text, hit.end, m.start()):
            # 捕虜:115名/喪失:コンテナ船x1: a slash or a bar starts the next column of a tally
            return next(r for r in rules.by_kind["loss"] if r.pattern == m.group(0))
    if item and item.endswith(TALLY_ITEMS) and rules.tally_re is not None:
        m = None
        for m in rules.tally_re.finditer(text, max(0, hit.start - TALLY_WINDOW), hit.start):
            pass
        if m is not None and (not item.endswith(SOLDIER_ITEMS) or (_TALLY_HEADING.match(text, m.end())
                              and not _SENTENCE_STOP.search(text, m.end(), hit.start)
                              and not _deployed_after(text, hit, rules))):
            return next(r for r in rules.by_kind["tally"] if r.pattern == m.group(0))
    return None


# ロシア軍の損失は、兵士610名: the losses word heads the tally the soldiers' line belongs to (not 損失を補うため、
# 兵士3万人を動員した, where the soldiers are sent)
_TALLY_HEADING = re.compile(r"(?:は|:|：|について|に関して)")  # ウクライナの損失について、…4万人の軍人
_SENTENCE_STOP = re.compile("[。！？!?]")


def _deployed_after(text: str, hit: Hit, rules: "CategoryRules") -> bool:
    """Whether a deploying verb follows the count in its sentence (損失を補うため、兵士3万人を動員した)."""
    if rules.deploy_re is None:
        return False
    end = _SENTENCE_END.search(text, hit.end)
    return rules.deploy_re.search(text, hit.end, end.start() if end else len(text)) is not None


def _list_loss(text: str, hit: Hit, rules: "CategoryRules") -> Optional[re.Match]:
    """A loss word closing a list that the count opens: ``350人の兵士、戦車6両、…、車両1台を失った``.

    Loss reports list troops and equipment in one object of 失う; the count is lost
    with the rest when nothing but list items (and bracketed asides) stands between
    it and ``を`` + the loss word: no other particle, no clause of its own.
    """
    end = _SENTENCE_END.search(text, hit.end)
    m = rules.loss_re.search(text, hit.end, end.start() if end else len(text))
    return m if m is not None and _one_object(text[hit.end:m.start()]) else None


def _one_object(between: str) -> bool:
    """Whether the text between a count and a loss word is one object: no comma, or a list of items."""
    between = _LIST_WORDS.sub("", _BRACKETED.sub("", between))
    return ("、" not in between and "," not in between) or bool(_LIST_GAP.fullmatch(between))
