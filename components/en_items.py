"""Latin-script chunks of a Japanese text and the names they contain (no spaCy).

A *chunk* is a run of Latin-script words between Japanese characters. Its kind
decides whether it can hold pair items at all: a headline
(``STREET BATTLE IN ...!``) or a translated sentence (``X has been sentenced``)
holds none. A ``names`` chunk is cut into *items*: a capitalised name with its
connectors (``University of California Berkeley``), an optional lower-case head
from the bilingual head list (``Bucha massacre``, ``Donetsk region``), or the
name after ``region of`` (kept in the span) or ``regions of`` (shared by the
list that follows, not in the span). Leading articles are dropped, and a
lower-case common word starts a *gloss*: items after it are marked
``internal`` and need stronger evidence to pair.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import FrozenSet, List, Tuple

from .weapon_rules import HULL_NUMBER

_LATIN = "A-Za-z\u00c0-\u024f"
# zero-width spaces, joiners and soft hyphens that web copy leaves inside a word (HI\u200bMARS): part of it
# (the gazetteer's fold drops them, and the byte-order mark besides)
INVISIBLE = "\u200b\u200c\u200d\u2060\u00ad"
_CHUNK_RE = re.compile(rf"[{_LATIN}0-9][{_LATIN}0-9{INVISIBLE} \t,.'’\-&:;/()\"“”!?|…]*"
                       rf"(?:、(?=[{_LATIN}])[{_LATIN}0-9{INVISIBLE} \t,.'’\-&:;/()\"“”!?|…]*)*")
# an initialism with its dots (U.S., U.K.) is one token, so "U.S. Army" stays one name
# An acronym written with periods has at most twelve letters (U.S., N.A.T.O.): unbounded, a long run of
# ``A.A.A.…`` that ends in a letter was re-read to its end from each of its letters (quadratic).
DOTTED_ACRONYM = r"(?:[A-Z]\.){2,12}"
# an apostrophe belongs to a word only inside it (People's, O'Brien): a closing ’ after a gloss
# (ポクロウスク‘Pokrovsk’) is a quote, not part of the word
# RFE/RL, UDT/SEAL: acronyms joined by a slash name one body (Radio Free Europe/Radio Liberty): one token
_SLASHED_ACRONYMS = r"[A-Z]{2,6}(?:/[A-Z]{2,6})+"
_TOKEN_RE = re.compile(rf"{DOTTED_ACRONYM}(?![{_LATIN}])|{_SLASHED_ACRONYMS}(?![{_LATIN}0-9/\-])|[{_LATIN}0-9](?:[{_LATIN}0-9\-{INVISIBLE}]|['’](?=[{_LATIN}0-9]))*"
                       rf"|[,、;:().\-/\"“”–—]")
# navies' ship prefixes written before a ship's name (USNS Mercy, JSチョウカイ, USSニミッツ); USNS is the US
# Navy's Military Sealift Command, HNLMS/HDMS/HNoMS/HSwMS/HMNZS the Dutch, Danish, Norwegian, Swedish and New
# Zealand navies, BNS Belgium's, ESPS Spain's, FGS Germany's, NRP Portugal's (Wikipedia (en): Ship prefix).
# The prefix is no part of the name's sound: マーシー translates USNS Mercy by its second word alone.
SHIP_PREFIXES = frozenset({"JS", "USS", "USNS", "HMS", "HMAS", "HMCS", "HMNZS", "HNLMS", "HDMS", "HNoMS", "HSwMS",
                           "BNS", "ESPS", "FGS", "NRP", "INS", "ROKS", "FS", "ORP", "TCG", "BRP", "KRI", "RSS"})
_CONNECT = {"of", "for", "de", "del", "da", "al", "el", "von", "van", "der", "la", "le", "du", "on", "upon"}
_ARTICLES = {"the", "a", "an"}
_CONNECTS_OR_ARTICLES = frozenset(_CONNECT | _ARTICLES)  # words that end no name (read once per token)
_LIST = {"and", "&", "or"}
_VERBS = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would", "can",
          "could", "should", "may", "might", "must", "says", "said", "say", "argued", "argue", "becomes",
          "become", "turn", "turns", "did", "does", "do", "aim", "aims"}
_DEMONYM = ("ian", "ish", "ese", "ean")
REGION_WORDS = {"region", "regions", "oblast", "oblasts", "province", "provinces", "city", "cities",
                "district", "districts", "village", "villages", "town", "towns"}


@dataclass
class EnItem:
    """A Latin name to pair: ``text[start:end]`` and the words that evidence covers."""

    start: int
    end: int
    text: str
    words: List[str]
    shared_heads: FrozenSet[str] = frozenset()
    initial: bool = False
    internal: bool = False


def lemma_en(word: str) -> str:
    """A crude English lemma for head matching: ``refineries`` → ``refinery``."""
    w = word.lower().strip("'’")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


# compiled once (these ran as f-string patterns, formatted and looked up in re's cache on every call)
_LATIN_CHAR = re.compile(rf"[{_LATIN}]")
_LATIN_WORD_RE = re.compile(rf"[{_LATIN}][{_LATIN}'’\-]*")
_LATIN_HYPHEN = re.compile(rf"(?<=[{_LATIN}])-(?=[{_LATIN}])")

def latin_chunks(text: str) -> List[Tuple[int, int]]:
    """Spans of Latin-script runs with at least one letter, trailing spaces, punctuation and ellipses trimmed.

    A code of up to three capitals or digits glued to katakana and not followed
    by more Latin (``ストームV:``, ``マグラV5」``, ``バイラクタルTB2」``) belongs to
    the Japanese name and is skipped.
    """
    out: List[Tuple[int, int]] = []
    for m in _CHUNK_RE.finditer(text):
        s, e = m.start(), m.end()
        glued = re.match(r"[A-Z0-9]{1,3}(?![A-Za-z0-9\-])[:：\s]*", text[s:e])
        if glued and s > 0 and "\u30a1" <= text[s - 1] <= "\u30fc":
            s += glued.end()
        while e > s and text[e - 1] in " \t,.:;(-/\"“…":
            e -= 1
        if e > s and _LATIN_CHAR.search(text[s:e]):
            out.append((s, e))
    return out


def chunk_kind(chunk: str) -> str:
    """``headline``, ``sentence`` or ``names``: only ``names`` chunks can hold pairs.

    A headline has ``!``, ``?``, ``|`` or an ellipsis, two or more shouted words,
    or six or more title-case words; a sentence has a finite verb or auxiliary.
    """
    words = _LATIN_WORD_RE.findall(chunk)
    if re.search(r"[!?|…]|\.\.\.", chunk):
        return "headline"
    if sum(1 for w in words if len(w) >= 4 and w.isupper()) >= 2:
        return "headline"
    lowered = [w.lower().split("'")[0].split("’")[0] for w in words]
    if any(w in _VERBS for w in lowered):
        return "sentence"
    caps = [w for w in words if w[0].isupper() and not w.isupper()]
    if len(caps) >= 7 and "," not in chunk:
        return "headline"
    return "names"


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def _is_cap(tok: str) -> bool:
    """Capitalised, a code with capitals (``3M22``), or an ordinal that opens a unit name (``47th``)."""
    if not tok:  # past the last token
        return False
    return tok[0].isupper() or (tok[0].isdigit() and (any(c.isupper() for c in tok) or bool(_ORDINAL.fullmatch(tok))))


_YEAR = re.compile(r"(?:19|20)\d\d")
_PLAIN_ACRONYM = re.compile(r"[A-Z]{2,7}")


def _acronym_then_expansion(cur: List[Tuple[int, int, str]]) -> bool:
    """Whether a name opens with an acronym that the words after it spell (``AG Australia Group``,
    ``AMRAAM Advanced Medium-Range Air-to-Air Missile``): its letters, in order, among their initials,
    the first letters the same."""
    if len(cur) < 3 or not _PLAIN_ACRONYM.fullmatch(cur[0][2]):
        return False
    initials = "".join(w[0].upper() for t in cur[1:] for w in _LATIN_HYPHEN.split(t[2]) if w[:1].isalpha())
    if not initials or initials[0] != cur[0][2][0] or len(initials) < len(cur[0][2]) - 1:
        return False
    it = iter(initials)
    return all(ch in it for ch in cur[0][2])


def _model_number(tok: str, cur: List[Tuple[int, int, str]], text: str) -> bool:
    """A bare number of up to four digits (not a year) one space after a capitalised word of a name:
    ``Leopard 2``, ``Challenger 2``, ``Shahed 136`` are one name each, not ``Leopard`` and a stray 2."""
    if not (cur and tok.isdigit() and len(tok) <= 4 and _is_cap(cur[-1][2])) or _YEAR.fullmatch(tok):
        return False
    return text[cur[-1][1]:cur[-1][1] + 1] == " " and not cur[-1][2].isdigit()


def _share_list_head(text: str, items: List[EnItem], en_heads: FrozenSet[str]) -> None:
    """``Kherson, Mykolaiv and Odesa regions``: a plural head after a list belongs to every member.

    The head word is cut from the last item and given to each listed item as a
    shared head, so each pairs with its own ``〜州`` and the English side is the name alone.
    """
    if len(items) < 2:
        return
    last = items[-1]
    head = last.words[-1].lower() if len(last.words) >= 2 else ""
    if not (head.endswith("s") and lemma_en(head) != head and lemma_en(head) in en_heads):
        return
    members = [last]
    for prev in reversed(items[:-1]):
        if not re.fullmatch(r"\s*(?:[,、]\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)", text[prev.end:members[-1].start]):
            break
        members.append(prev)
    if len(members) < 2:
        return
    cut = text.rindex(last.words[-1], last.start, last.end)
    last.end = len(text[:cut].rstrip())
    last.text = text[last.start:last.end]
    last.words = last.words[:-1]
    for item in members:
        item.shared_heads = item.shared_heads | {lemma_en(head)}


# what lists Japanese names before a bracket (ロスネフチとルクオイル(Rosneft and Lukoil)): then "and" lists too
_JA_LIST_MARKS = re.compile(r"[とや及]")
_JA_TERM_BEFORE = re.compile(r"[^\s、,，。．.!！?？「」『』()（）:：]{1,24}$")  # the term: back to the last comma


def _glosses_one_term(text: str, start: int, end: int) -> bool:
    """Whether the chunk is the whole of a bracket right after a Japanese term that lists nothing
    (``国立物理技術研究所(Kharkiv Institute of Physics and Technology)``): its "and" joins words of one name."""
    closed = text[end - 1] in ")）" or (end < len(text) and text[end] in ")）")  # a chunk may keep its ")"
    if not (0 < start and text[start - 1] in "(（" and closed):
        return False
    before = _JA_TERM_BEFORE.search(text, max(0, start - 25), start - 1)
    return bool(before) and not _LATIN_CHAR.search(before.group()) and not _JA_LIST_MARKS.search(before.group())


def en_items(text: str, start: int, end: int, en_heads: FrozenSet[str]) -> List[EnItem]:
    """Names in the chunk ``text[start:end]``, in order.

    Args:
        text (str): The whole text (offsets are into it).
        start (int): Chunk start.
        end (int): Chunk end.
        en_heads (FrozenSet[str]): Lower-case English head lemmas (``region``, ``massacre``).

    Returns:
        List[EnItem]: The items, the first flagged ``initial`` when it opens the chunk.
    """
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text, start, end)]
    one_name = _glosses_one_term(text, start, end)
    items: List[EnItem] = []
    cur: List[Tuple[int, int, str]] = []
    state = {"gloss": False, "shared": frozenset(), "single": None}

    def emit(s0: int, e0: int, words: List[str]) -> None:
        items.append(EnItem(s0, e0, text[s0:e0], words, state["shared"],
                            initial=not items and not state["gloss"], internal=state["gloss"]))

    def close() -> None:
        while cur and cur[-1][2].lower() in _CONNECTS_OR_ARTICLES:
            cur.pop()  # a connector ends no name; a capitalised one alone ("On the front") is no name at all
        if not state["single"] and _acronym_then_expansion(cur):
            # a glossary line ``ALCM Air-launched Cruise Missile 航空機発射巡航ミサイル``: the acronym and its
            # expansion are two names, the expansion the one a Japanese gloss beside it translates
            first = cur.pop(0)
            emit(first[0], first[1], [first[2]])
        if cur and any(_is_cap(t[2]) for t in cur):
            s0 = state["single"][0] if state["single"] else cur[0][0]
            words = [w for t in cur for w in _LATIN_HYPHEN.split(t[2])]
            words += [state["single"][1]] if state["single"] else []
            if len(words) >= 2 and words[0] in SHIP_PREFIXES:
                words = words[1:]  # USNS Mercy: the sound evidence is the name, the span keeps the prefix
            emit(s0, cur[-1][1], words)
        cur.clear()
        state["single"] = None

    i = 0
    while i < len(toks):
        s, e, tok = toks[i]
        nxt = toks[i + 1][2] if i + 1 < len(toks) else ""
        low = tok.lower()
        if tok.isupper() and len(tok) >= 2 and low in _CONNECTS_OR_ARTICLES and not cur and not _is_cap(nxt):
            # 長距離航空軍(DA), エンティティー・リスト(EL): a connector's or an article's letters in capitals, standing
            # alone, are an acronym (Long-Range Aviation, Entity List), not "da" or "el" inside a name
            emit(s, e, [tok])
        elif low in ("people's", "people’s") and cur and _is_cap(nxt):
            cur.append((s, e, tok))  # Donetsk People's Republic, People's Liberation Army: inside the name
        elif low.endswith(("'s", "’s")) and _is_cap(tok):
            cur.append((s, e - 2, tok[:-2]))
            close()
            state["gloss"] = True
        elif not tok[0].isalnum():
            close()
            if tok in ".;:" and state["shared"]:
                state["shared"] = frozenset()
        elif low in _ARTICLES and cur and cur[-1][2].lower() in _CONNECT and _is_cap(nxt):
            cur.append((s, e, tok))  # "Institute for the Study of War": an article inside a name
        elif low in _ARTICLES:
            close()
        elif _is_cap(tok):
            if len(cur) == 1 and HULL_NUMBER.fullmatch(cur[0][2]) and not nxt[:1].isdigit() and tok[0].isalpha():
                close()  # CG67 SHILOH, LCC19 BLUE RIDGE: a ship's hull number, then its name (another name)
            elif cur and HULL_NUMBER.fullmatch(tok):
                close()  # USS Blue Ridge LCC-19: the name, then its hull number (another name)
            cur.append((s, e, tok))
        elif _model_number(tok, cur, text):
            cur.append((s, e, tok))  # Leopard 2, Shahed 136: a model number after the name is part of it
        elif low in _CONNECT and cur and nxt and (_is_cap(nxt) or nxt.lower() in _ARTICLES):
            cur.append((s, e, tok))
        elif low in _LIST:
            if one_name and low == "and" and cur and _is_cap(nxt):
                cur.append((s, e, tok))  # (Kharkiv Institute of Physics and Technology): one name's "and"
            else:
                close()
        elif low in REGION_WORDS and nxt == "of" and not cur:
            if low.endswith("s"):
                state["shared"] = frozenset({lemma_en(low)})
            else:
                state["single"] = (s, low)
            i += 1
        elif cur and (lemma_en(low) in en_heads or (
                i + 1 < len(toks) and toks[i + 1][2][0].islower() and lemma_en(toks[i + 1][2]) in en_heads)):
            cur.append((s, e, tok))
            if lemma_en(low) not in en_heads:
                cur.append(toks[i + 1])
                i += 1
        else:
            close()
            state["gloss"] = True
            state["shared"] = frozenset()
        i += 1
    close()
    _share_list_head(text, items, en_heads)
    return items


def internal_ok(item: EnItem) -> bool:
    """An item inside a gloss may pair only when it is a multi-word name or a non-demonym word."""
    if len(item.words) >= 2:
        return True
    word = item.words[0]
    return len(word) >= 4 and not word.lower().endswith(_DEMONYM)


def fold_latin(name: str) -> str:
    """Case, spaces, hyphens and dots folded: ``Bundes-wehr`` = ``bundeswehr``."""
    return re.sub(r"[\s\-‐–—.'’]", "", name.lower())
