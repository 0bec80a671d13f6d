"""Katakana variant glossary: one group per name, variants under a canonical Latin form.

Evidence, strongest first:

1. pairs (``ポクロウスクPokrovsk``): the katakana part of the Japanese side
   joins the group of the Latin side, named without heads (``region of
   Zaporizhzhia`` → ``Zaporizhzhia``) and lemmatised (``refineries`` →
   ``refinery``, spaCy's English ``lemma_lookup`` from spacy-lookups-data);
2. exonym and gazetteer data: ``components/data/exonyms.jsonl`` and
   ``person_names.jsonl`` (real-world Japanese spellings of places and of
   people's surnames, with sources) and the ``canonical`` plus
   ``aliases``/``names`` of ``weapons.jsonl`` and ``military_units.jsonl``
   where those files exist;
3. parenthesised alternatives (``ポクロフスク(ポクロウスク、パコフスク)``): the
   alternative joins its main form's group;
4. katakana words never written beside a Latin form: attached to the group
   whose katakana variants or Latin forms they resemble most by
   ``components.phonetics`` similarity, when that is high enough.

Groups merge when their Latin forms sound alike (``Sloviansk``/``Slovyansk``).
The canonical form is the Latin form most often written, first letter upper case.
Pure functions over records or Docs; no CLI code here.
"""
from __future__ import annotations

import json
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

import components.bilingual  # noqa: F401  (registers doc._.pairs / doc._.variants for docs read from DocBins)
from components.en_items import lemma_en
from components.pair_rules import find_variants
from components.phonetics import edges_agree, is_katakana, kana_key, kana_similarity, latin_key, similarity
from rapidfuzz import fuzz

logger = logging.getLogger(__name__)

from components.tables import DATA_DIR
GAZETTEER_FILES = ("exonyms.jsonl", "person_names.jsonl", "weapons.jsonl", "military_units.jsonl")
ATTACH_MIN = 0.8
LATIN_MERGE_MIN = 0.85
_KATA_RUN = re.compile(r"[ァ-ヺー]{2,}(?:[・=＝][ァ-ヺー]{2,})*")
_HEAD_WORDS = {"region", "regions", "oblast", "oblasts", "province", "city", "district", "raion",
               "village", "town", "massacre", "glacier", "valley", "of", "the"}


@dataclass
class Group:
    """Working state of one glossary group."""

    latin: Counter = field(default_factory=Counter)
    variants: Counter = field(default_factory=Counter)
    pairs: Counter = field(default_factory=Counter)
    known_kana: Set[str] = field(default_factory=set)
    latin_alts: Set[str] = field(default_factory=set)
    canonical_hint: str = ""  # a gazetteer's canonical, used when no Latin form is written


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


def _fold(text: str) -> str:
    return re.sub(r"[\W_]", "", text.casefold())


def katakana_parts(ja: str) -> List[str]:
    """Katakana names in a Japanese side: ``ザポリッジャ州`` → ``["ザポリッジャ"]``."""
    ja = re.sub(r"[(（][^)）]*[)）]", "", ja)
    return _KATA_RUN.findall(ja)


def _records(items: Iterable[Any]) -> Iterable[Tuple[str, List[Dict], List[Dict]]]:
    """``(text, pairs, variants)`` from records (dicts) or spaCy Docs."""
    for item in items:
        if isinstance(item, Mapping):
            text = item["text"]
            variants = item.get("variants")
            if variants is None:
                variants = [{"text": text[v.span[0]:v.span[1]], "of": {"text": text[v.of[0]:v.of[1]]}}
                            for v in find_variants(text)]
            yield text, list(item.get("pairs", [])), list(variants)
        else:
            yield item.text, list(item._.pairs), list(item._.variants)


def _load_gazetteers(data_dir: Path) -> List[Tuple[str, Set[str], Set[str]]]:
    """``(canonical, latin alts, katakana forms)`` from whichever gazetteer files exist."""
    out = []
    for name in GAZETTEER_FILES:
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
            forms = [f for key in ("ja", "aliases", "names") for f in entry.get(key) or [] if isinstance(f, str)]
            kana = {f for f in forms if is_katakana(f)}
            latin = {f for f in forms + list(entry.get("alts") or []) if isinstance(f, str) and f.isascii()}
            if kana:
                out.append((str(entry["canonical"]), latin, kana))
    return out


def _group_for(groups: Dict[str, Group], names: Iterable[str]) -> Optional[Group]:
    for name in names:
        if _fold(name) in groups:
            return groups[_fold(name)]
    return None


def _add_pair(groups: Dict[str, Group], ja: str, en: str) -> None:
    """File one pair: its katakana part(s) under the Latin name they sound like."""
    name = normalise_latin(en)
    if not name:
        return
    parts = katakana_parts(ja)
    targets: List[Tuple[str, str]] = []
    if is_katakana(ja) and similarity(ja, name) >= 0.6:
        targets = [(ja, name)] + _surname(ja, name)
    elif parts:
        words = name.split()
        for part in parts:
            runs = [" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)]
            best = max(runs, key=lambda r: similarity(part, r))
            if similarity(part, best) >= 0.75:
                targets.append((part, best))
    else:
        targets = [(ja, name)]
    for form, latin in targets:
        group = groups.setdefault(_fold(latin), Group())
        group.latin[latin] += 1
        group.variants[form] += 1
        group.pairs[(ja, en)] += 1


def _surname(ja: str, name: str) -> List[Tuple[str, str]]:
    """``オレクサンドル・シルスキー``/``Oleksandr Syrskyi``: the last name on its own as well.

    Reporting names a person in full once and by surname after that
    (``シルスキー氏``, or another spelling, ``シルスキイ``), so the surname gets
    a group of its own when the dotted parts and the words correspond one to one.
    """
    parts, words = re.split(r"[・=＝]", ja), name.split()
    if len(parts) < 2 or len(parts) != len(words) or len(parts[-1]) < 3:
        return []
    if similarity(parts[-1], words[-1]) < 0.75:
        return []
    return [(parts[-1], words[-1])]


def _merge_similar(groups: Dict[str, Group]) -> Dict[str, Group]:
    """Merge groups whose Latin forms sound alike (``Slovyansk`` into ``Sloviansk``)."""
    keys = sorted(groups, key=lambda k: -sum(groups[k].latin.values()))
    merged: Dict[str, Group] = {}
    for key in keys:
        group = groups[key]
        forms = set(group.latin) | group.latin_alts
        target = None
        for other_key, other in merged.items():
            other_forms = set(other.latin) | other.latin_alts
            if any(len(latin_key(a)) >= 5 and fuzz.ratio(latin_key(a), latin_key(b)) >= LATIN_MERGE_MIN * 100
                   for a in forms for b in other_forms):
                target = other
                break
        if target is None:
            merged[key] = group
            continue
        target.latin.update(group.latin)
        target.variants.update(group.variants)
        target.pairs.update(group.pairs)
        target.known_kana |= group.known_kana
        target.latin_alts |= group.latin_alts
        target.canonical_hint = target.canonical_hint or group.canonical_hint
    return merged


def _best_group(form: str, groups: Sequence[Group]) -> Optional[Group]:
    """The group a free katakana form belongs to, by phonetic similarity; None when unsure."""
    scored = []
    for group in groups:
        kana = set(group.variants) | group.known_kana
        latin = set(group.latin) | group.latin_alts
        key = kana_key(form)
        best = max([kana_similarity(form, k) for k in kana if is_katakana(k) and edges_agree(key, kana_key(k))] +
                   [similarity(form, name) for name in latin if edges_agree(key, latin_key(name))] + [0.0])
        scored.append((best, id(group), group))
    scored.sort(key=lambda s: -s[0])
    if not scored or scored[0][0] < ATTACH_MIN:
        return None
    if len(scored) > 1 and scored[0][0] - scored[1][0] < 0.03:
        return None
    return scored[0][2]


def build_glossary(docs_or_records: Iterable[Any], data_dir: Optional[Path] = None) -> List[Dict[str, Any]]:
    """Group the katakana variants of each name in a batch under a canonical Latin form.

    Args:
        docs_or_records (Iterable): Docs annotated by ``bilingual_aligner`` or
            records (``{"text", "pairs", "variants"?}``, ANNOTATION.md format).
        data_dir (Optional[Path]): Where the exonym and gazetteer files are;
            the package's ``components/data`` by default.

    Returns:
        List[Dict]: ``{"canonical", "variants", "pairs", "count"}`` per group,
        most frequent first; only groups with a variant seen in the batch.
    """
    groups: Dict[str, Group] = {}
    seen: Counter = Counter()
    alt_links: List[Tuple[str, str]] = []
    for text, pairs, variants in _records(docs_or_records):
        seen.update(_KATA_RUN.findall(re.sub(r"[(（][ァ-ヺー、・]*[)）]", "", text)))
        for pair in pairs:
            _add_pair(groups, pair["ja"]["text"], pair["en"]["text"])
        alt_links.extend((v["text"], v["of"]["text"]) for v in variants)
    for canonical, latin, kana in _load_gazetteers(data_dir or DATA_DIR):
        group = _group_for(groups, [canonical, *latin]) or groups.setdefault(_fold(canonical), Group())
        group.latin_alts |= {canonical} | latin
        group.known_kana |= kana
        group.canonical_hint = group.canonical_hint or canonical
    merged = list(_merge_similar(groups).values())
    placed = {form for g in merged for form in g.variants}
    for form in sorted(seen, key=lambda f: -seen[f]):
        if form in placed:
            continue
        group = next((g for g in merged if form in g.known_kana), None) or _best_group(form, merged)
        if group is not None:
            group.variants[form] += seen[form]
            placed.add(form)
    for alt, main in alt_links:
        group = next((g for g in merged if main in g.variants or any(main in v.split("・") for v in g.variants)),
                     None)
        if group is not None and alt not in placed:
            group.variants[alt] += 1
            placed.add(alt)
    return [_export(g, seen) for g in sorted(merged, key=lambda g: -sum(g.variants.values())) if g.variants]


def _export(group: Group, seen: Counter) -> Dict[str, Any]:
    if group.latin:
        canonical = sorted(group.latin.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    else:
        canonical = group.canonical_hint or min(group.latin_alts, key=lambda n: (len(n), n))
    return {
        "canonical": canonical,
        "variants": sorted(group.variants, key=lambda v: (-group.variants[v], v)),
        "pairs": [{"ja": ja, "en": en, "count": n} for (ja, en), n in group.pairs.most_common()],
        "count": sum(seen.get(v, 0) for v in group.variants) or sum(group.variants.values()),
    }


def write_glossary(groups: List[Dict[str, Any]], outdir: Path) -> Tuple[Path, Path]:
    """Write ``glossary.json`` and ``glossary.tsv`` (canonical, variants joined by ``|``, count)."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    json_path, tsv_path = outdir / "glossary.json", outdir / "glossary.tsv"
    json_path.write_text(json.dumps(groups, ensure_ascii=False, indent=1), encoding="utf-8")
    lines = ["canonical\tvariants\tcount"]
    lines += [f"{g['canonical']}\t{'|'.join(g['variants'])}\t{g['count']}" for g in groups]
    tsv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return json_path, tsv_path
