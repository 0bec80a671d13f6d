"""Type words before a system's name: ``自爆型シャヘド`` is one WEAPON span.

Split out of :mod:`components.weapon_compose` (pure, no spaCy objects): the
composer calls :func:`typed_names` on its chosen candidates.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from .weapon_compose import Candidate, Hit, Tok, _cells
from .weapon_rules import KATAKANA_WORD, Grammar, Modifier


def _class_group(grammar: Grammar, weapon_class: Optional[str]) -> Optional[str]:
    """The head group of a weapon class (``loitering_munition`` → ``drone``), by the class's heads."""
    if not weapon_class:
        return None
    for head in grammar.heads:
        if head.weapon_class == weapon_class:
            return head.group
    tail = weapon_class.rsplit("_", 1)[-1]
    return tail if any(h.group == tail for h in grammar.heads) else None


def typed_names(tokens: Sequence[Tok], hits: Sequence[Hit], chosen: Sequence[Candidate],
                grammar: Grammar) -> List[Candidate]:
    """A type word with ``型`` glued before a system's name belongs to it: ``自爆型シャヘド``.

    ANNOTATION.md keeps type modifiers in the span (``自爆型無人機``); before a name
    the ``型`` form does the same (a self-destructing Shahed), where the type
    applies to the name's class (``自爆型`` to drones, not to tanks).
    """
    mods: Dict[int, List[Tuple[int, Modifier]]] = {}
    for start, end, payload in hits:
        if "mod" in payload and tokens[end - 1].text.endswith("型") and not tokens[end - 1].space:
            mods.setdefault(end, []).append((start, payload["mod"]))
    out, cells = [], _cells(chosen)
    for cand in chosen:
        group = _class_group(grammar, cand.weapon_class) if cand.kind in ("name", "family") else None
        options = [s for s, m in mods.get(cand.start, []) if group and m.applies(group)
                   and not cells.intersection(range(s, cand.start))]
        out.append(Candidate(min(options), cand.end, cand.canonical, cand.weapon_class, cand.origin, cand.kind)
                   if options else cand)
    return out


_COMPANY_AFTER = ("社", "グループ社")
MAX_QUOTED = 8
# Tactical Missiles Corp., Lancet Group: a Latin weapon word that begins a company's name
_LATIN_COMPANY_WORDS = frozenset({
    "corp", "corp.", "corporation", "inc", "inc.", "ltd", "ltd.", "llc", "co.", "company", "industries",
    "group", "holdings", "technologies", "gmbh", "plc", "jsc"})  # not Defense: Missile Defence is a class


def drop_company_names(tokens: Sequence[Tok], chosen: Sequence[Candidate]) -> List[Candidate]:
    """A class noun inside a quoted company name is no weapon: ``「サハ・ドローン」社``; nor a Latin
    name that begins one (``Tactical Missiles Corp.``).

    Makers are quoted and followed by 社 (company); the drone in their name is a
    word of the name, not a weapon mentioned in the text (NOTES-real2: the company
    ヴィリー・ドローン is not a WEAPON).
    """
    out = []
    companies = {_glued_name(tokens, c) for c in chosen if c.kind == "class" and c.end < len(tokens)
                 and tokens[c.end].text == "社" and not tokens[c.end - 1].space and _glued_name(tokens, c)}
    for cand in chosen:
        if cand.kind == "class" and _in_company_quote(tokens, cand.start, cand.end):
            continue
        if companies and cand.kind == "class" and _glued_name(tokens, cand) in companies:
            continue  # プロドローン社 … プロドローンは: a maker named with a class noun, unquoted (NOTES-real66)
        if _before_latin_company_word(tokens, cand.end):
            continue
        out.append(cand)
    return out


def _glued_name(tokens: Sequence[Tok], cand: Candidate) -> str:
    """A katakana word glued before a class noun and the class noun together (``プロ|ドローン``), or ''."""
    k = cand.start - 1
    if k < 0 or tokens[k].space or not KATAKANA_WORD.fullmatch(tokens[k].text):
        return ""
    return "".join(t.text for t in tokens[k:cand.end])



def _before_latin_company_word(tokens: Sequence[Tok], end: int) -> bool:
    """Whether a Latin name ending at token ``end`` runs on, after one space, into a company word
    (``Tactical Missiles Corp.``): the words name the company, not a weapon."""
    if end >= len(tokens) or not tokens[end - 1].space or not tokens[end - 1].text.isascii():
        return False
    word = tokens[end].text.lower()
    if end + 1 < len(tokens) and tokens[end + 1].text == "." and word + "." in _LATIN_COMPANY_WORDS:
        word += "."  # Corp|. : Sudachi cuts the abbreviation's dot off
    return word in _LATIN_COMPANY_WORDS


def _in_company_quote(tokens: Sequence[Tok], start: int, end: int) -> bool:
    left = next((k for k in range(start - 1, max(-1, start - MAX_QUOTED), -1) if tokens[k].text in "「」"), None)
    if left is None or tokens[left].text != "「":
        return False
    right = next((k for k in range(end, min(len(tokens), end + MAX_QUOTED)) if tokens[k].text in "「」"), None)
    return right is not None and tokens[right].text == "」" and right + 1 < len(tokens) \
        and tokens[right + 1].text.startswith(_COMPANY_AFTER)
