"""Acronyms the reporting glosses with a Japanese name its letters do not spell.

``translation.spells_acronym`` pairs an acronym with the Japanese words whose
English glosses give its letters (``ウクライナ安全保障支援イニシアティブ(USAI)``).
Many acronyms of this war are spelled by words no Japanese dictionary glosses
that way: Ukrainian or Russian names (``情報総局(HUR)``, Holovne upravlinnia
rozvidky), English expansions whose Japanese is a free rendering
(``国連人道問題調整事務所`` for OCHA, ``国境なき医師団`` for MSF), or words the
dictionary glosses otherwise (``無人機`` for UAV). For those, ``acronyms.jsonl``
lists each acronym with its expansion and the Japanese names published
sources use for it (the source named on every row), and the rule here pairs
an acronym with a listed name written right before it (``情報総局(HUR)``,
``「…」(USAI)``) or right after it (``OCHA=国連人道問題調整事務所``,
``UAV(無人航空機)``).

The listed names leave out a country that only says where the body works
(``国防省情報総局``, not ``ウクライナ国防省情報総局``), as the real-text
annotators pair them; a name that includes its country (``ロシア連邦保安局``,
FSB) is listed with it as well, and the longest listed name written wins.
"""
from __future__ import annotations

import json
import re
from typing import Any, Dict, FrozenSet, List, Mapping, Optional, Sequence, Set, Tuple

AcronymTable = Mapping[str, Tuple[str, ...]]  # acronym → Japanese names, longest first

KATA_CHAR = re.compile(r"[ァ-ヺー]")
# what may stand between the Japanese name and the acronym after it: closing quotes and brackets, not opening
# ones (携帯式防空ミサイルシステム「MANPADS」 quotes a name after its class, it does not gloss it)
_BEFORE_GAP = " 　(（」』\"”:：/=＝[［"
# ...and between an acronym and its listed name after it: a bracket, =, or a glossary's colon or spaced dash
# (``ICBM:大陸間弾道ミサイル``, ``JICA – 国際協力機構``) or an opening quote (``SSM『地対艦誘導弾』``); the name must be listed, so a headline's colon
# (``NATO: 加盟国は``) pairs nothing
_AFTER_GAP = re.compile(r"[ 　]*(?:[(（=＝[［:：「『]|[–—―](?=[ 　]))[ 　]*(?:[*＊]?注[:：])?[ 　]*")


def _entries(lines: Sequence[str]) -> List[Dict[str, Any]]:
    """The parsed entries of ``acronyms.jsonl`` lines (blank lines skipped)."""
    return [json.loads(line) for line in lines if line.strip()]


def load_tables(lines: Sequence[str]) -> Tuple[Dict[str, Tuple[str, ...]], Dict[str, FrozenSet[str]],
                                               List[Tuple[str, Sequence[str]]]]:
    """The acronym table (``load_acronyms``), the acronym → expansions table (``_expansion_table``) and
    the expansions as names (``_named_expansions``) of ``acronyms.jsonl`` lines, parsed once."""
    entries = _entries(lines)
    return _acronym_table(entries), _expansion_table(entries), _named_expansions(entries)


def _named_expansions(entries: Sequence[Dict[str, Any]]) -> List[Tuple[str, Sequence[str]]]:
    """(each listed expansion, as written; the Japanese names of its acronym): ``Center for Strategic and
    International Studies`` → 戦略国際問題研究所 …. The full English name beside a Japanese one is the same
    pair as the acronym, whose letters alone could not find it; the bilingual aligner reads these rows as
    it reads the exonym table (``pair_rules.load_known``)."""
    return [(name, entry["ja"]) for entry in entries if entry.get("ja")
            for name in map(_bare_expansion, entry.get("expansion", [])) if name]


def _bare_expansion(expansion: str) -> str:
    """An expansion without a bracketed qualifier (``Federal Security Service (of the Russian Federation)``)."""
    return re.sub(r"\s*\(.*?\)\s*", " ", expansion).strip()


def load_acronyms(lines: Sequence[str]) -> Dict[str, Tuple[str, ...]]:
    """Acronym → its Japanese names (longest first), from ``acronyms.jsonl`` lines."""
    return _acronym_table(_entries(lines))


def _acronym_table(entries: Sequence[Dict[str, Any]]) -> Dict[str, Tuple[str, ...]]:
    table: Dict[str, Set[str]] = {}
    for entry in entries:
        table.setdefault(entry["acronym"], set()).update(entry.get("ja", []))
    return {k: tuple(sorted(v, key=lambda s: (-len(s), s))) for k, v in table.items()}


def _expansion_table(entries: Sequence[Dict[str, Any]]) -> Dict[str, FrozenSet[str]]:
    """Acronym → its listed expansions, lower-cased, a bracketed qualifier dropped (``Federal Security
    Service (of the Russian Federation)`` → ``federal security service``).

    Many acronyms of the war are transliterated from Russian or Ukrainian (RDK, SBU, VKS): their letters
    are no initials of the English name written beside them, but the table says the two are one name.
    """
    table: Dict[str, Set[str]] = {}
    for entry in entries:
        forms = {_bare_expansion(e).lower() for e in entry.get("expansion", [])}
        table.setdefault(entry["acronym"], set()).update(f for f in forms if f)
    return {k: frozenset(v) for k, v in table.items()}


def _names_of(acronym: str, table: AcronymTable) -> Tuple[str, ...]:
    """The listed names of ``acronym``, or of its singular (``UAVs``, ``MRAPs``)."""
    names = table.get(acronym)
    if names is None and acronym.endswith("s"):
        names = table.get(acronym[:-1])
    return names or ()


def _kana_glued(text: str, pos: int, name_char: str) -> bool:
    """Whether a name's katakana edge ``name_char`` touches katakana at ``text[pos]``: the name would start or
    end inside a longer katakana word (``…ナト`` is no ``ナト``)."""
    return 0 <= pos < len(text) and bool(KATA_CHAR.match(name_char)) and bool(KATA_CHAR.match(text[pos]))


def listed_acronym_pair(text: str, start: int, end: int,
                        table: Optional[AcronymTable]) -> Optional[Tuple[Tuple[int, int], Tuple[int, int]]]:
    """``((ja_start, ja_end), (start, end))`` for the acronym ``text[start:end]`` and a listed Japanese
    name of it written right before it (a bracket, quote or ``=`` between) or right after it; None when it
    is not listed or no listed name is there."""
    if not table:
        return None
    names = _names_of(text[start:end], table)
    if not names:
        return None
    stop = start
    while stop > 0 and text[stop - 1] in _BEFORE_GAP:
        stop -= 1
    for name in names:
        ja_start = stop - len(name)
        if ja_start >= 0 and text.startswith(name, ja_start) and not _kana_glued(text, ja_start - 1, name[0]):
            return (ja_start, stop), (start, end)
    gap = _AFTER_GAP.match(text, end)
    if gap and gap.end() > end:
        for name in names:
            after = gap.end() + len(name)
            if text.startswith(name, gap.end()) and not _kana_glued(text, after, name[-1]):
                return (gap.end(), after), (start, end)
    return None

