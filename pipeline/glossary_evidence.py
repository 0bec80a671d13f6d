"""Evidence for the variant glossary: Latin names of pairs, gazetteer rows, katakana parts.

``pipeline.glossary`` decides which group a katakana form joins; this module
reads what counts as evidence for that: the English side of a pair reduced to
a name (``region of Zaporizhzhia`` → ``Zaporizhzhia``), the katakana parts of
a Japanese side, the person-surname split, and the gazetteer rows. It keeps
apart the two kinds of gazetteer: *name tables* (``exonyms.jsonl``,
``person_names.jsonl``: real-world Japanese spellings of places and people,
where an exact match is evidence enough) and *recogniser gazetteers*
(``weapons.jsonl``, ``military_units.jsonl``, whose katakana aliases include
ordinary words such as ウラン (uranium, and the Kh-35's name), so a match
counts only where our recogniser made a span of it).
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import FrozenSet, List, Mapping, Sequence, Tuple

from components.en_items import lemma_en
from components.phonetics import coded_similarity, is_katakana, similarity

logger = logging.getLogger(__name__)

NAME_TABLES = ("exonyms.jsonl", "person_names.jsonl")
RECOGNISER_TABLES = ("weapons.jsonl", "military_units.jsonl")
KATA_RUN = re.compile(r"[ァ-ヺー]{2,}(?:[・=＝][ァ-ヺー]{2,})*")
_HEAD_WORDS = {"region", "regions", "oblast", "oblasts", "province", "city", "district", "raion",
               "village", "town", "massacre", "glacier", "valley", "of", "the"}
# Digits glued to a name and followed by a counter are a count (Kinzhal3発: three Kinzhals).
_COUNT_TAIL = re.compile(r"(?<=[A-Za-z]{3})[0-9０-９]+$")
COUNTERS = "発機基両門隻台人個本件回"
_CODED = re.compile(r"([ァ-ヺー・]{2,})[-‐]?([A-Z0-9]{1,3})")


@dataclass(frozen=True)
class GazetteerRow:
    """One gazetteer entry: canonical, its Latin forms, its katakana forms, and which table it is from."""

    canonical: str
    latin: FrozenSet[str]
    kana: FrozenSet[str]
    name_table: bool  # exonyms/person names (exact match is evidence) vs recogniser gazetteers


@lru_cache(maxsize=1)
def _lemma_table() -> Mapping[str, str]:
    try:
        import spacy
        return dict(spacy.lookups.load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup").items())
    except Exception:  # noqa: BLE001 - spacy-lookups-data is optional at run time
        logger.warning("spacy-lookups-data not available; using plural stripping for English lemmas")
        return {}


def normalise_latin(text: str) -> str:
    """The Latin name without articles, heads or trailing plural: ``the Oil refineries`` → ``Oil refinery``."""
    words = re.findall(r"[^\s,.;:()]+", text)
    while words and words[0].lower() in _HEAD_WORDS:
        words.pop(0)
    while len(words) > 1 and words[-1].lower() in _HEAD_WORDS:
        words.pop()
    if not words:
        return ""
    last = words[-1]
    if last.islower():
        words[-1] = _lemma_table().get(last, lemma_en(last))
    name = " ".join(words)
    return name[0].upper() + name[1:]


@lru_cache(maxsize=1)
def _english_vocabulary() -> FrozenSet[str]:
    table = _lemma_table()
    return frozenset(table) | frozenset(table.values())


def english_word(latin: str) -> bool:
    """Whether a one-word Latin form is an English word (``Systems``, ``Storm``) by spaCy's lemma table."""
    words = latin.split()
    if len(words) != 1:
        return False
    word = words[0].lower()
    vocabulary = _english_vocabulary()
    return word in vocabulary or lemma_en(word) in vocabulary


def strip_count(latin: str, after: str) -> str:
    """``Kinzhal3`` before ``発``: the digits count the missiles and are no part of the name."""
    if after[:1] and after[0] in COUNTERS:
        return _COUNT_TAIL.sub("", latin)
    return latin


def fold(text: str) -> str:
    """Case- and punctuation-free key of a Latin name."""
    return re.sub(r"[\W_]", "", text.casefold())


def katakana_parts(ja: str) -> List[str]:
    """Katakana names in a Japanese side: ``ザポリッジャ州`` → ``["ザポリッジャ"]``."""
    ja = re.sub(r"[(（][^)）]*[)）]", "", ja)
    return KATA_RUN.findall(ja)


def bare_name(ja: str) -> str:
    """The katakana name of a Japanese side with a glued code (``アイリスT`` → ``アイリス``), else ``ja``."""
    coded = _CODED.fullmatch(ja)
    return coded.group(1) if coded else ja


def pair_targets(ja: str, name: str, surnames: bool = True) -> List[Tuple[str, str, float]]:
    """``(katakana form, Latin name, sound similarity)`` that one pair files; ``(ja, name, 1.0)`` for
    a pair without katakana (``製油所``/``Oil refinery``: a translation, filed as a whole).
    ``surnames``: also file the last name of a person's full name (not of ``Storm Shadow``)."""
    if is_katakana(ja):
        sim = similarity(ja, name)
        if sim >= 0.6:
            return [(ja, name, sim)] + (surname(ja, name) if surnames else [])
    coded = _CODED.fullmatch(ja)
    if coded and fold(name).endswith(coded.group(2).lower()):  # アイリスT/IRIS-T: the name is アイリス
        sim = coded_similarity(ja, re.split(r"[\s\-]+", name))
        return [(coded.group(1), name, sim)] if sim >= 0.6 else []
    parts = katakana_parts(ja)
    if not parts:
        return [(ja, name, 1.0)]
    words = name.split()
    out = []
    for part in parts:
        runs = [" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)]
        best = max(runs, key=lambda r: similarity(part, r))
        sim = similarity(part, best)
        if sim >= 0.75:
            out.append((part, best, sim))
    return out


def surname(ja: str, name: str) -> List[Tuple[str, str, float]]:
    """``オレクサンドル・シルスキー``/``Oleksandr Syrskyi``: the last name on its own as well.

    Reporting names a person in full once and by surname after that
    (``シルスキー氏``, or another spelling, ``シルスキイ``), so the surname gets
    a group of its own when the dotted parts and the words correspond one to one.
    """
    parts, words = re.split(r"[・=＝]", ja), name.split()
    if len(parts) < 2 or len(parts) != len(words) or len(parts[-1]) < 3:
        return []
    sim = similarity(parts[-1], words[-1])
    return [(parts[-1], words[-1], sim)] if sim >= 0.75 else []


def load_gazetteers(data_dir: Path) -> List[GazetteerRow]:
    """Rows of whichever gazetteer files exist in ``data_dir`` (bad lines skipped)."""
    out = []
    for name in NAME_TABLES + RECOGNISER_TABLES:
        path = data_dir / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if not isinstance(entry, dict) or not entry.get("canonical"):
                continue
            forms = [f for key in ("ja", "aliases", "names", "en") for f in entry.get(key) or [] if isinstance(f, str)]
            kana = frozenset(f for f in forms if is_katakana(f))
            latin = frozenset(f for f in forms + list(entry.get("alts") or []) if isinstance(f, str) and f.isascii())
            if kana:
                out.append(GazetteerRow(str(entry["canonical"]), latin, kana, name in NAME_TABLES))
    return out


def span_names(span_text: str, canonical: str, rows_by_canonical: Mapping[str, Sequence[GazetteerRow]]
               ) -> List[str]:
    """Katakana parts of a MIL_UNIT/WEAPON span that name its canonical (``シーベイビー`` → Sea Baby).

    A part counts when it is one of the canonical's gazetteer aliases or sounds
    like the canonical; ``ロシア`` in ``ロシア黒海艦隊`` does neither and is left out.
    """
    kana = {k for row in rows_by_canonical.get(canonical, ()) for k in row.kana}
    out = []
    for part in katakana_parts(span_text):
        if part in kana or similarity(part, canonical) >= 0.7:
            out.append(part)
    return out
