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
TALLY_ITEMS = ("人員", "兵員")  # the people line of a loss tally
TALLY_WINDOW = 200


def after_window(text: str, hit: Hit, item_end: Optional[int]) -> str:
    """The words right after the quantity (or its item), up to the next clause mark."""
    end = max(hit.end, item_end or hit.end) + 14
    return re.split(r"[。、,(（「]", text[hit.end:end], maxsplit=1)[0]


def captured(text: str, hit: Hit, item_end: Optional[int], rules: "CategoryRules", verb: Optional["Rule"]) -> bool:
    """A capture word (``捕虜に``, ``拘束``, ``投降``) right after the quantity, before any casualty verb."""
    if rules.capture_re is None:
        return False
    window = after_window(text, hit, item_end)
    m = rules.capture_re.search(window)
    if m is None:
        return False
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
        if m and not _SENTENCE_END.search(text, hit.end, m.start()):
            return next(r for r in rules.by_kind["loss"] if r.pattern == m.group(0))
    if item and item.endswith(TALLY_ITEMS) and rules.tally_re is not None:
        m = None
        for m in rules.tally_re.finditer(text, max(0, hit.start - TALLY_WINDOW), hit.start):
            pass
        if m is not None:
            return next(r for r in rules.by_kind["tally"] if r.pattern == m.group(0))
    return None
