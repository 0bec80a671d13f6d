"""Pure rules for military unit names: the data tables and a small grammar.

A Japanese unit name is composed, not listed: an optional affiliation
(``ロシア``, ``露``, ``同国``, ``敵``), service and type words (``空挺``,
``特殊作戦``, ``独立``, ``機械化``), ordinals (``第47``) and a head (``軍``,
``空軍``, ``部隊``, ``旅団``, ``総司令部``), or a named unit from the
gazetteer (``ストームV``, ``ロシア自由軍団``). ``UnitGrammar.parse`` walks
those tables over a *folded* string (see ``components.gazetteer.fold``) from
one position and returns the longest complete name that ends on a token
boundary, so ``ロシア軍事`` (one token ``軍事``) never yields ``ロシア軍`` and
``ロシア軍陣地`` yields ``ロシア軍``. Nothing here imports spaCy.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Dict, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Set, Tuple, Union

from .en_items import DOTTED_ACRONYM
from .gazetteer import fold
from .numerals import kanji_number
from .unit_joint import JOINT_HEADS

Entry = Dict[str, Any]
_ORDINAL = re.compile(r"第([0-9]+|[〇零一二三四五六七八九十百千]+)")
_MASKED_NUMBER = "xnumx"  # folded XNUMX: a translation plugin on machine-translated pages writes it for a number
# The unit kinds that can follow each parser state (see UnitGrammar._next).
_FOLLOWS = {
    "start": ("affiliation", "named", "type", "head", "ordinal", "name"),
    "affiliation": ("named", "type", "head", "ordinal"),
    "chain": ("type", "head", "ordinal", "named", "name"),  # 米海軍三沢基地隊: a service, then a place-named unit
    # 陸上自衛隊水陸機動団: a force, then one of its units (_within_force); 陸自奄美警備隊: a place-named one
    "named": ("type", "head", "ordinal", "named", "name"),
    "head": ("ordinal", "head", "named"),
    "type": ("type", "head", "name"),  # 第80独立ガリシア空挺強襲旅団: a place name among the type words
    "ordinal": ("type", "head", "name"),  # 第1ドネツク軍団: a place name between the number and the echelon
    "name": ("type", "head"),  # オデーサ対空ミサイル旅団: a place-named unit with its role
    "counted": ("type", "head", "name"),  # 3個大隊; 6個機械化大隊 (a counted echelon with its type); 2つのパトリオット中隊
    "bare_ordinal": ("type", "head"),  # 141特殊自動車化連隊, 80旅団: a number without 第 before a type or an echelon
}
_NAME_ECHELONS = {"corps", "division", "brigade", "regiment", "battalion", "company", "platoon", "squadron", "wing"}
_MAX_ITEMS = 10
# 3個大隊, 2個旅団: a counted echelon is a unit mention even with no side or number.
_COUNTED = re.compile(r"[0-9〇一二三四五六七八九十数](?:個|つの)$")  # 3個大隊; 2つの旅団


# two to four digits; one digit only before a Latin abbreviation (1TA, 8CAA: the parser then wants one of them)
# or before 飛行隊 (3飛行隊, 8飛行隊: JASDF squadrons go by their number; a count of squadrons takes 個)
_BARE_ORDINAL = re.compile(r"[0-9]{2,4}(?![0-9.,．，])|[0-9](?=[a-z])|[1-9](?=飛行隊)")
_NOT_BEFORE_BARE = frozenset("0123456789.,．，-−‐第約計")


def _bare_ordinal(text: str, pos: int) -> Optional[re.Match]:
    """A unit number written without 第 (``141特殊自動車化連隊``, as encyclopedia pages do): two to four
    digits not inside a longer number, code or count; the parser then wants a type word right after."""
    if pos and (text[pos - 1] in _NOT_BEFORE_BARE or text[pos - 1].isascii() and text[pos - 1].isalpha()):
        return None
    return _BARE_ORDINAL.match(text, pos)


def counted_before(text: str, pos: int) -> bool:
    """Whether a count of units (``3個``) ends right before ``pos`` (``_COUNTED``).

    The regex runs only where ``個`` is among the two characters before ``pos``
    (``$`` also matches before a final line break): at most positions it is not.
    """
    window = text[max(0, pos - 3):pos]
    return ("個" in window[-2:] or window.endswith("つの")) and _COUNTED.search(text, max(0, pos - 4), pos) is not None


_SUPERIOR_TYPES = frozenset({"navy", "command", "national force"})


def _superior_after_echelon(head: Mapping[str, Any], named: Mapping[str, Any]) -> bool:
    """``ロシア海軍旅団|太平洋艦隊隷下``: a fleet, a military district or a national force named right after
    an echelon noun is the formation above it (Japanese names the superior first), not part of its name."""
    return head.get("echelon") in _NAME_ECHELONS and named.get("unit_type") in _SUPERIOR_TYPES \
        and named.get("echelon") not in _NAME_ECHELONS


def _within_force(force: Mapping[str, Any], named: Mapping[str, Any]) -> bool:
    """``陸上自衛隊水陸機動団``: a national force the gazetteer names whole, right before a named unit of its
    own side, is the unit's affiliation (ANNOTATION.md: one span, affiliation included); two other
    names written together (``ワグネル``, ``アフマト``) stay apart."""
    return force.get("unit_type") == "national force" and named.get("unit_type") != "national force" \
        and bool(force.get("side")) and named.get("side") in (None, force.get("side"))


def _fits_before(affil: Mapping[str, Any], kind: str, entry: Mapping[str, Any]) -> bool:
    """An affiliation's ``before`` limit: 露/ウ/米 only before a service (露軍), ``両軍`` (ウ両軍 of ロ・ウ両軍)
    or a named unit (露黒海艦隊); 同 only before an echelon (同旅団); 傭兵集団 only before a private military
    company's name (傭兵集団ワグネル); a people (チェチェン人) only before a formation (部隊, 大隊) or a type word."""
    need = affil.get("before")
    if need == "service":
        return kind == "named" or (kind == "head" and (  # 両軍: the head unit_joint extends over two sides
            bool(entry.get("chain")) or any(h in entry.get("ja", ()) for h in JOINT_HEADS)))
    if need == "echelon":  # 同旅団; also 同本部, 同司令部: a command body named before
        return kind == "head" and (entry.get("echelon") in _NAME_ECHELONS or entry.get("unit_type") == "command")
    if need == "pmc":  # 傭兵集団ワグネル → ワグネル: a descriptor before a private military company's name
        return kind == "named" and entry.get("unit_type") == "private military company"
    if need == "formation":  # チェチェン人部隊, ポーランド人大隊: a people before a unit noun, never before 軍
        return kind in ("head", "type") and not entry.get("chain")
    return True


_LATIN_WORD = re.compile(r"[0-9]*[A-Za-z]")


def _script_change(text: str, at: int) -> bool:
    """Whether a Latin word (``Brigade``, ``3rd``) at ``at`` follows Japanese script (an English gloss starts);
    a company's letter (第6大隊D中隊) is no word."""
    return 0 < at < len(text) and not text[at - 1].isascii() and _LATIN_WORD.match(text, at) is not None \
        and _letter_company(text, at) is None


# a company or platoon named by a capital letter (A中隊, D中隊, B小隊: the armies' lettered companies)
_LETTERED = re.compile(r"[A-Za-z](?=中隊|小隊)")  # the folded text is lower-case


def _letter_company(text: str, at: int) -> Optional[re.Match]:
    """The letter of a lettered company at ``at`` (``D中隊``), not one ending a Latin word (``RSD中隊``)."""
    if at > 0 and text[at - 1].isascii() and text[at - 1].isalnum():
        return None
    return _LETTERED.match(text, at)


def kanji_to_int(text: str) -> Optional[int]:
    """Parse ``47``, ``四十七``, ``百五`` or ``一〇`` to an int; None when it is neither.

    The kanji are read by ``numerals`` (kanjize), as quantities read them.

    Args:
        text (str): ASCII digits or a kanji numeral (folded text).
    """
    if text.isdigit():
        return int(text)
    value = kanji_number(text)
    return value if isinstance(value, int) else None


def ordinal_en(n: int) -> str:
    """English ordinal (``47th``, ``2nd``, ``11th``) for canonical names."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_NO_ENTRY: Mapping[str, Any] = MappingProxyType({})


class Item(NamedTuple):
    """One parsed piece of a unit name: its kind, folded extent and table entry.

    A NamedTuple, not a frozen dataclass: the parser builds thousands per batch, and a frozen
    dataclass's ``__init__`` costs several times more. Items are never compared.
    """

    kind: str
    start: int
    end: int
    entry: Mapping[str, Any] = _NO_ENTRY


@dataclass(frozen=True)
class UnitMatch:
    """A complete unit name over folded offsets ``[start, end)`` and its attributes."""

    start: int
    end: int
    attrs: Dict[str, Any] = field(compare=False, hash=False)


class Trie:
    """Folded keys to lists of ``(kind, entry)``; ``walk`` yields every key that starts at a position."""

    def __init__(self) -> None:
        self._root: Dict[str, Any] = {}

    def add(self, term: str, kind: str, entry: Entry) -> None:
        """Add ``term`` (folded here) with its kind and entry."""
        key = fold(term)
        if not key:
            return
        node = self._root
        for ch in key:
            node = node.setdefault(ch, {})
        node.setdefault("\0", []).append((kind, entry))

    @property
    def first_chars(self) -> Set[str]:
        """The characters some key starts with."""
        return self._root.keys()  # type: ignore[return-value]

    def walk(self, text: str, pos: int) -> List[Tuple[int, str, Entry]]:
        """Every ``(end, kind, entry)`` whose key is ``text[pos:end]``."""
        out: List[Tuple[int, str, Entry]] = []
        node = self._root
        for k in range(pos, len(text)):
            node = node.get(text[k])
            if node is None:
                break
            for kind, entry in node.get("\0", ()):
                out.append((k + 1, kind, entry))
        return out


def _folded_not_before(row: Entry) -> Entry:
    """A row's ``not_before`` words folded once, as the parser compares them with folded text."""
    return {"not_before": tuple(fold(w) for w in row["not_before"])} if row.get("not_before") else {}


class UnitGrammar:
    """The unit tables (affiliations, heads, types, named units, canonical overrides) and the parser.

    Args:
        patterns (Iterable[Entry]): ``unit_patterns.jsonl`` rows (``kind`` affiliation, head, type, force).
        named (Iterable[Entry]): ``military_units.jsonl`` rows (``ja``, ``en``, ``canonical``, ...).
    """

    def __init__(self, patterns: Iterable[Entry], named: Iterable[Entry]) -> None:
        self.trie = Trie()
        self._first_chars: Optional[Set[str]] = None
        self.forces: Dict[Tuple[Optional[str], str], str] = {}
        patterns = list(patterns)
        for row in patterns + _peoples(patterns):
            if row["kind"] == "force":
                self.forces[(row.get("side"), fold(row["head"]))] = row["canonical"]
                continue
            terms = row.get("ja", [])  # rows with English forms only: EnglishUnits below
            entry = {**row, "key": fold(terms[0]), **_folded_not_before(row)} if terms else row
            for term in terms:
                self.trie.add(term, row["kind"], entry)
        for row in named:
            entry = {**row, **_folded_not_before(row)}
            for term in list(row.get("ja", [])) + list(row.get("en", [])):
                self.trie.add(term, "named", entry)

    @property
    def first_chars(self) -> Set[str]:
        """The characters a parse can start with: the first of a table key, 第 of an ordinal, a digit (80旅団)
        or a letter of a lettered company (D中隊; the folded text is lower-case)."""
        if self._first_chars is None:
            self._first_chars = set(self.trie.first_chars) | {"第"} | set("0123456789") | set("abcdefghijklmnopqrstuvwxyz")
        return self._first_chars

    def may_start(self, text: str, pos: int, names: Mapping[int, Sequence[int]]) -> bool:
        """A cheap necessary condition for ``parse`` to find a unit at ``pos``.

        A unit ends in a head or a named unit. So a first piece that cannot stand
        alone (an affiliation, a type word, a name, a head that needs a modifier)
        must be followed by the start of another piece: a table key, 第, or a
        proper name. ``ロシアの``, ``ポクロフスクで`` fail here without a parse;
        most candidate starts of a text do.
        """
        if text.startswith("第", pos) or counted_before(text, pos) or _letter_company(text, pos) is not None:
            return True
        if "0" <= text[pos] <= "9" and _bare_ordinal(text, pos) is not None:
            return True
        first, size = self.first_chars, len(text)
        # ``Trie.walk`` inlined: this runs at thousands of positions per text, nearly all of them
        # rejected, and building the walk's list of every key there cost more than the test itself.
        node = self.trie._root
        for k in range(pos, size):
            node = node.get(text[k])
            if node is None:
                break
            entries = node.get("\0")
            if not entries:
                continue
            end = k + 1
            if end < size and (text[end] in first or end in names):
                return True
            for kind, entry in entries:
                if kind == "named" or (kind == "head" and entry.get("requires") == "none"):
                    return True
        after_name = names.get(pos)
        if not after_name:  # most positions start no name: no generator for them
            return False
        return any(end < size and text[end] in first for end in after_name)

    def parse(self, text: str, pos: int, ends: Set[int],
              names: Optional[Mapping[int, Sequence[int]]] = None,
              breaks: Set[int] = frozenset()) -> Optional[UnitMatch]:
        """The longest unit name starting at ``pos`` and ending in ``ends``.

        Args:
            text (str): The folded text of the whole doc.
            pos (int): A token start in ``text``.
            ends (Set[int]): Token ends; a name must end on one.
            names (Mapping[int, Sequence[int]]): Extra proper-name extents
                (start -> ends) that may stand before an echelon head
                (``ボストーク大隊``), found by the caller from token tags.
            breaks (Set[int]): Positions of dropped separators (``・``) that no
                two pieces may be joined across: ``ロシア軍・ワグネル`` is two units.
        """
        best: Optional[List[Item]] = None
        first = "counted" if counted_before(text, pos) else "start"
        stack: List[Tuple[str, int, Tuple[Item, ...]]] = [(first, pos, ())]
        while stack:
            state, at, path = stack.pop()
            if path and at in ends and self._complete(path, text) and (
                    best is None or at > best[-1].end or (at == best[-1].end and len(path) < len(best))):
                best = list(path)
            if len(path) >= _MAX_ITEMS or (path and at in breaks):
                continue
            state_after = self._state_after
            stack.extend([(state_after(item), item.end, path + (item,))
                          for item in self._next(state, text, at, path, names or {})
                          if not (breaks and item.kind == "named" and _dotted_across(item, breaks))])
        if best is None:
            return None
        start = pos
        if len(best) > 1 and best[0].kind == "affiliation" and best[0].entry.get("outside"):
            start = best[0].end  # 同旅団 → 旅団: ANNOTATION.md keeps the anaphoric prefix out of the span
        return UnitMatch(start, best[-1].end, describe(best, self.forces))

    def _next(self, state: str, text: str, at: int, path: Tuple[Item, ...],
              names: Mapping[int, Sequence[int]]) -> List[Item]:
        """The pieces that may follow ``path`` at ``at``, in the order the parser pushes them."""
        allowed = _FOLLOWS[state]
        prev = path[-1] if path else None
        if prev is not None and _script_change(text, at):
            return []  # 「アフリカ軍団Africa Corps」 is a Japanese name and its English gloss: two units
        out: List[Item] = []
        if "ordinal" in allowed and text.startswith("第", at):  # _ORDINAL starts with 第
            m = _ORDINAL.match(text, at)
            number = kanji_to_int(m.group(1)) if m else None
            if number is not None:
                out.append(Item("ordinal", at, m.end(), {"number": number}))
            elif text.startswith(_MASKED_NUMBER, at + 1):
                # 第XNUMX独立機械化旅団: a translation plugin's placeholder for the number (the rewritten gold keeps
                # such units whole, two of two); the number is unknown
                out.append(Item("ordinal", at, at + 1 + len(_MASKED_NUMBER), {"number": None}))
        if "ordinal" in allowed and at < len(text) and text[at].isascii() and text[at].isalpha():
            letter = _letter_company(text, at)
            if letter is not None:  # 第6大隊D中隊: the company's letter stands where its number would
                out.append(Item("ordinal", at, letter.end(), {"number": None, "letter": letter.group()}))
        if state in ("start", "affiliation") and at < len(text) and "0" <= text[at] <= "9":  # 米32師団, as 米第32師団
            m = _bare_ordinal(text, at)
            if m is not None:
                out.append(Item("ordinal", at, m.end(), {"number": int(m.group()), "bare": True}))
        if "name" in allowed:
            out += [Item("name", at, end) for end in names.get(at, ())]
        after_affiliation = prev is not None and prev.kind == "affiliation"
        node = self.trie._root  # ``Trie.walk`` inlined (no list of every key here): the same keys, in order
        for k in range(at, len(text)):
            node = node.get(text[k])
            if node is None:
                break
            for kind, entry in node.get("\0", ()):
                if kind not in allowed:
                    continue
                if after_affiliation and not _fits_before(prev.entry, kind, entry):
                    continue
                if kind == "head" and not self._head_ok(entry, state, path):
                    continue
                if kind == "named" and state == "head" and _superior_after_echelon(prev.entry, entry):
                    continue
                if kind == "named" and state == "named" and not _within_force(prev.entry, entry):
                    continue
                out.append(Item(kind, at, k + 1, entry))
        return out

    @staticmethod
    def _state_after(item: Item) -> str:
        if item.kind == "head":
            return "chain" if item.entry.get("chain") else "head"
        if item.kind == "ordinal" and item.entry.get("bare"):
            return "bare_ordinal"
        return item.kind

    @staticmethod
    def _head_ok(entry: Mapping[str, Any], state: str, path: Tuple[Item, ...]) -> bool:
        """Whether a head may close what ``path`` has so far (its ``requires`` field)."""
        kinds = [i.kind for i in path]
        if state == "head" and not entry.get("post"):
            return False  # after 部隊/旅団 only 司令部-like heads: 旅団司令部
        if state == "ordinal" and not entry.get("after_ordinal", False):
            return False
        state_side = _state_named(path)
        if "name" in kinds and entry.get("echelon") not in _NAME_ECHELONS and not entry.get("after_name") \
                and not state_side:
            return False  # ボストーク大隊, パトリオット部隊; not a name before 軍 (but スルプスカ共和国軍)
        if state in ("counted", "bare_ordinal"):
            # 80旅団; 1TA, 20CAA: ISW's abbreviated armies after a bare number, as after 第 (NOTES-real67)
            return entry.get("echelon") in _NAME_ECHELONS or (
                state == "bare_ordinal" and entry.get("after_ordinal", False) and entry.get("key", "").isascii())
        if "affiliation" not in kinds and "named" not in kinds \
                and any(i.kind == "type" and i.entry.get("needs_side") for i in path):
            return False  # 北朝鮮兵部隊: 兵 names a side's troops, a bare 兵部隊 nothing
        if any(i.kind == "type" and i.entry.get("after_type") and not any(j.kind == "type" for j in path[:k])
               for k, i in enumerate(path)):
            return False  # 無人機専門部隊: 専門 (specialist) after a kind; a bare 専門部隊 names none
        need = entry.get("requires", "modifier")
        if need == "none":
            return True
        if need == "modifier":
            return bool(path)
        if need == "side":
            return "affiliation" in kinds or "named" in kinds or state_side
        if need == "side_or_ordinal":  # a named force before it is its side too: ワグナー軍 (NOTES-real65)
            return "affiliation" in kinds or "ordinal" in kinds or "named" in kinds or state_side
        if need == "ordinal":
            return "ordinal" in kinds
        if need == "name":  # 奄美警備隊, 余市防備隊: a garrison is named after its place (or numbered: 第331警備隊)
            return "name" in kinds or "ordinal" in kinds
        if need == "ordinal_and_name":  # 第3ベラルーシ戦線: a front is numbered and named after its place
            return "ordinal" in kinds and "name" in kinds
        if need == "typed":  # 偵察隊, 突撃隊: a one-character head needs a type word right before it
            return bool(path) and path[-1].kind == "type"
        if need == "service":  # 北部司令部 (Operational Command North): a grouping's direction names the command
            return state in ("chain", "named", "head") or bool(path and path[-1].entry.get("outside")) \
                or bool(path and path[-1].kind == "type" and path[-1].entry.get("unit_type") == "grouping")
        return False

    @staticmethod
    def _complete(path: Tuple[Item, ...], text: str) -> bool:
        last = path[-1]
        if last.kind not in ("head", "named"):
            return False
        after = text[last.end:last.end + 8]  # アゾフ海 is a sea; 旅団規模 a size
        if after.startswith("長") and any(item.kind == "ordinal" for item in path):
            return True  # 第8師団長: the numbered division, then its commander's post (the rewritten gold, 4 of 4)
        return not after.startswith(last.entry.get("not_before", ()))


_KATAKANA_NAME = re.compile(r"[\u30a1-\u30faー・]{2,}")


def _peoples(patterns: Sequence[Entry]) -> List[Entry]:
    """A people's affiliation for each country written in katakana that no row names as a people yet
    (フランス → フランス人): only before a formation (フランス人部隊, フランス人軍事顧問団: units recruited from
    or sent by one people, as the listed チェチェン人部隊), never before 軍 (``before: formation``)."""
    listed = {term for row in patterns if row["kind"] == "affiliation" for term in row.get("ja", [])}
    out = []
    for row in patterns:
        if row["kind"] != "affiliation" or row.get("before"):
            continue
        terms = [t + "人" for t in row.get("ja", []) if _KATAKANA_NAME.fullmatch(t) and t + "人" not in listed]
        if terms:
            out.append({"kind": "affiliation", "ja": terms, "side": row.get("side"), "en": row.get("en"),
                        "before": "formation", "source": "derived from " + row.get("source", "")})
    return out


def _dotted_across(item: Item, breaks: Set[int]) -> bool:
    """Whether a listed name was read across a ``・`` it does not hold itself (``防衛省・統合幕僚監部`` read as the
    listed ``防衛省統合幕僚監部``): written with the dot the two are two names, the ministry none."""
    return any(item.start < b < item.end for b in breaks) and not any("・" in ja for ja in item.entry.get("ja", ()))


def _state_named(path: Sequence[Item]) -> bool:
    """Whether ``path`` ends in a name or a country followed by a state's form (スルプスカ|共和国,
    ボスニア・ヘルツェゴビナ|共和国): a side, so the forces after it are that state's (``共和国軍``)."""
    return len(path) >= 2 and path[-1].kind == "type" and bool(path[-1].entry.get("state")) \
        and path[-2].kind in ("name", "affiliation")


def describe(path: Sequence[Item], forces: Mapping[Tuple[Optional[str], str], str]) -> Dict[str, Any]:
    """Attributes of a parsed name: side, echelon, unit_type, number, canonical.

    Args:
        path (Sequence[Item]): The parsed pieces, in order.
        forces (Mapping): ``(side, folded head)`` -> canonical name overrides.
    """
    kinds = [i.kind for i in path]
    sides = [i.entry.get("side") for i in path if i.kind in ("affiliation", "named")]
    side = sides[0] if sides else None
    numbers = [i.entry["number"] for i in path if i.kind == "ordinal"]
    last = path[-1]
    echelon = last.entry.get("echelon")
    if last.entry.get("echelon_needs_ordinal") and not (len(path) > 1 and "ordinal" in kinds):
        echelon = None
    types = [i.entry.get("unit_type") for i in path if i.kind == "type" and i.entry.get("unit_type")]
    named = [i.entry for i in path if i.kind == "named"]
    heads = [i.entry.get("unit_type") for i in path if i.kind == "head" and i.entry.get("unit_type")
             and not (i.entry.get("echelon_needs_ordinal") and "ordinal" in kinds)]  # 第8軍 is a field army
    unit_type = (types or [None])[0] or (named[0].get("unit_type") if named else None) or (heads or [None])[-1]
    return {"side": side, "echelon": echelon, "unit_type": unit_type,
            "number": numbers[-1] if numbers else None, "canonical": _canonical(path, side, forces)}


def _first(name: Union[str, Sequence[str]]) -> str:
    """A table's English name, or the first of a list of them."""
    return name if isinstance(name, str) else name[0]


def _canonical(path: Sequence[Item], side: Optional[str],
               forces: Mapping[Tuple[Optional[str], str], str]) -> Optional[str]:
    """An English canonical name where the parts say enough: named units, national services, numbered units."""
    kinds = [i.kind for i in path]
    if kinds[-1] == "named":
        return path[-1].entry.get("canonical")
    if "named" in kinds and "ordinal" not in kinds and not path[-1].entry.get("post"):
        return [i for i in path if i.kind == "named"][-1].entry.get("canonical")
    if "ordinal" in kinds:
        at = len(kinds) - 1 - kinds[::-1].index("ordinal")
        if path[at].entry["number"] is None:
            return None  # 第XNUMX…: the number was masked, no name can be given
        words = [ordinal_en(path[at].entry["number"])]
        # a named unit's entry lists its English names (military_units.jsonl): its first is the name
        words += [_first(i.entry.get("en_numbered") or i.entry["en"]) for i in path[at + 1:] if i.entry.get("en")]
        return " ".join(words) if len(words) > 1 and path[-1].entry.get("en") else None
    if "type" in kinds or "name" in kinds:
        return None
    heads = [i for i in path if i.kind == "head"]
    if not heads or not (heads[-1].entry.get("chain") or heads[-1].entry.get("post")):
        return None
    override = forces.get((side, heads[-1].entry["key"]))
    if override:
        return override
    affil = [i.entry for i in path if i.kind == "affiliation"]
    if len(heads) == 1 and affil and affil[0].get("en") and heads[0].entry.get("en"):
        return f"{affil[0]['en']} {heads[0].entry['en']}"
    return None


def read_jsonl(lines: Iterable[str]) -> List[Entry]:
    """Parse JSONL lines (blank lines skipped) into dicts."""
    return [json.loads(line) for line in lines if line.strip()]


# an initialism with its final dot is one word (U.S. Army, U.K. forces): the dot before the space is not a gap
_EN_WORD = re.compile(DOTTED_ACRONYM + r"(?![A-Za-z])|[A-Za-z0-9](?:[A-Za-z0-9'’]|\.(?=[A-Za-z]))*(?:-[A-Za-z0-9]+)*")
_EN_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)$")
_EN_STOP = {"the", "a", "an", "in", "on", "at", "by", "for", "and", "or", "but", "with", "from", "to",
            "as", "of", "this", "that", "these", "those", "his", "her", "its", "their", "our", "after",
            "before", "during", "when", "while", "how", "why", "what", "who", "where", "video", "report"}


_ADJECTIVE_HEADS = frozenset({"military"})  # also an adjective: a unit only where no noun follows
# the nouns "military" describes in reporting (a military campaign), where it names no force
_LOWER_WORD_AFTER = re.compile(r"[ \t]+(?:campaign|operation|aid|assistance|equipment|hardware|base|bases|officials?|"
                               r"leadership|leaders|personnel|spending|budget|support|vehicles?|analysts?|experts?|"
                               r"sources?|action|intelligence|exercises?|drills?|strikes?|targets?|facilit(?:y|ies)|"
                               r"infrastructure|industry|power|presence|build-?up|buildup|units?|forces)\b")


class EnglishUnits:
    """English unit mentions not in the gazetteer: ``47th Mechanized Brigade``, ``Storm V assault unit``.

    A run of Latin words ending in a unit head (``Brigade``, ``Squad``, ``forces``)
    is a unit when its modifiers say which one: an ordinal or a capitalised
    word before a strong head, an affiliation (``Russian forces``) or a
    capitalised type word (``Armed Forces``) before a weak head.

    Args:
        patterns (Iterable[Entry]): ``unit_patterns.jsonl`` rows of kind en_head, en_type, en_affiliation.
    """

    def __init__(self, patterns: Iterable[Entry]) -> None:
        self.heads: Dict[str, Entry] = {}
        self.types: Set[str] = set()
        self.affil: Dict[str, Entry] = {}
        self.possessors: Dict[str, Entry] = {}  # "Ukraine's Air Force": only in the possessive
        for row in patterns:
            target = {"en_head": self.heads, "en_affiliation": self.affil,
                      "en_possessor": self.possessors}.get(row["kind"])
            for word in row.get("en", []) if row["kind"].startswith("en_") else []:
                if row["kind"] == "en_type":
                    self.types.add(word.lower())
                elif target is not None:
                    target[word.lower()] = row

    def find(self, text: str, glossed: Set[int] = frozenset()) -> List[Tuple[int, int, Dict[str, Any]]]:
        """``(start_char, end_char, attrs)`` of each English unit mention in ``text``.

        Args:
            text (str): The doc text.
            glossed (Set[int]): Character offsets where a Japanese unit name ends;
                an English name right after one (``ロシア航空宇宙軍Aerospace Forces``)
                is its gloss and needs no affiliation of its own.
        """
        out: List[Tuple[int, int, Dict[str, Any]]] = []
        words = list(_EN_WORD.finditer(text))
        for j, head in enumerate(words):
            entry = self.heads.get(head.group().lower())
            if entry is None:
                continue
            if head.group().lower() in _ADJECTIVE_HEADS and _LOWER_WORD_AFTER.match(text, head.end()):
                continue  # Moscow's military campaign: "military" before a noun describes it
            i = j
            while i > 0 and text[words[i - 1].end():words[i].start()].strip() == "" and \
                    self._modifier(words[i - 1].group()) and j - i < 6:
                i -= 1
                owner = self._possessive(words[i].group())
                if owner is not None:  # the owner opens the name: nothing before "Ukraine's" belongs to it,
                    if i > 0 and words[i - 1].group() in owner.get("given", ()) \
                            and text[words[i - 1].end():words[i].start()] == " ":
                        i -= 1  # but a person's given name does: "Vladimir Putin's forces"
                    break
            k = words[i].start()
            while k > 0 and text[k - 1] in " 　(（":
                k -= 1
            found = self._accept([w.group() for w in words[i:j]], head.group(), entry, k in glossed)
            if found is not None:
                out.append((words[j + 1 - found.pop("n_words")].start(), head.end(), found))
        return out

    def _possessive(self, word: str) -> Optional[Entry]:
        """The affiliation a possessive names (``Ukraine's``, ``Russia’s``), else None."""
        low = word.lower()
        if not low.endswith(("'s", "’s")):
            return None
        return self.possessors.get(low[:-2]) or self.affil.get(low[:-2])

    def _affiliation(self, word: str) -> Optional[Entry]:
        """The affiliation ``word`` names, as a demonym (``Russian``) or a possessive owner."""
        return self.affil.get(word.lower()) or self._possessive(word)

    def _modifier(self, word: str) -> bool:
        low = word.lower()
        if low.endswith(("'s", "’s")):
            return self._possessive(word) is not None  # "Ukraine's Air Force"; not "Putin's"
        if low in _EN_STOP:
            return False
        if low in self.heads:  # a capitalised weak head inside a name modifies the head after it:
            return word[0].isupper() and self.heads[low].get("strength") == "weak"  # Military Police Company
        return (bool(_EN_ORDINAL.match(word)) or word[0].isupper() or low in self.types or low in self.affil
                or word.isdigit())  # 41 CAA: a bare number, which only a "numbered" head accepts

    def _accept(self, mods: List[str], head: str, entry: Entry, gloss: bool = False) -> Optional[Dict[str, Any]]:
        """Attributes when ``mods`` + ``head`` name a unit (``gloss``: right after a Japanese unit), else None."""
        while mods and self._affiliation(mods[0]) is None and not mods[0][0].isupper() \
                and not _EN_ORDINAL.match(mods[0]) and not mods[0].isdigit():
            mods = mods[1:]  # leading lower-case words before the name: "heavy tank brigade"
        first_affil = next((k for k, w in enumerate(mods) if self._affiliation(w) is not None), None)
        if first_affil:  # "Yesterday Russian forces" -> "Russian forces"; keep "North Korean", "Vladimir Putin's"
            keep = mods[first_affil - 1] in ("North", "South") \
                or mods[first_affil - 1] in self._affiliation(mods[first_affil]).get("given", ())
            mods = mods[first_affil - keep:]
        ordinals = [int(m.group(1)) for m in map(_EN_ORDINAL.match, mods) if m]
        affil = [a for a in map(self._affiliation, mods) if a is not None]
        caps = [w for w in mods if w[0].isupper() and self._affiliation(w) is None]
        typed = [w for w in mods if w.lower() in self.types]
        if entry.get("strength") == "numbered":  # 41 CAA, 90 TD: an abbreviation needs its number
            numbers = [int(w) for w in mods if w.isdigit()]
            ok = bool(ordinals or numbers) and head.isupper()
            ordinals = ordinals or numbers
        elif entry.get("strength") == "strong":
            ok = bool(ordinals or caps or affil)
        else:  # "Air Force", "Armed Forces" alone say not whose: a name word must say which
            ok = bool(ordinals or affil or (typed and (gloss and head[0].isupper()
                                                      or [w for w in caps if w.lower() not in self.types])))
        if not ok:
            return None
        name = " ".join(mods + [head])
        expansion = entry.get("expansions", {}).get(head)
        if expansion and ordinals:  # 41 CAA -> 41st Combined Arms Army, as the Japanese 第41諸兵科連合軍
            name = f"{ordinal_en(ordinals[-1])} {expansion}"
        return {"side": affil[0].get("side") if affil else None, "echelon": entry.get("echelon"),
                "unit_type": entry.get("unit_type"), "number": ordinals[-1] if ordinals else None,
                "canonical": name if (ordinals or head[0].isupper()) else None, "n_words": len(mods) + 1}
