"""Katakana variant glossary: one group per name, variants under a canonical Latin form.

A katakana form joins a group only on evidence from our own annotations or
curated tables, never merely because it occurs in the batch and sounds like
something (``ゾウ`` in 子ゾウ is no Azov, ``ルーブル`` no Rafale). Evidence,
strongest first, with the confidence each gives (``EVIDENCE``):

1. ``pair``: the katakana part of a pair's Japanese side joins the group of
   its Latin side (``ポクロウスクPokrovsk``), named without heads and
   lemmatised (``pipeline.glossary_evidence.normalise_latin``);
2. ``name_table``: an exact match in ``exonyms.jsonl`` or
   ``person_names.jsonl`` (real-world spellings of places and people);
3. ``span``: the katakana name inside a MIL_UNIT or WEAPON span of ours joins
   the group of that span's canonical; ``gazetteer``: a weapon or unit alias
   outside our spans counts only where the dictionary says it is no ordinary
   word (the aliases include ウラン, uranium and the Kh-35's name);
4. ``alternative``: a parenthesised alternative (``ポクロフスク(パコフスク)``)
   joins its main form's group;
5. ``sound``: a katakana word with none of the above joins a group of a place
   or person (one with a pair or a name-table match, never a weapon or unit
   group) that already has a variant in the batch, when it sounds like one of the group's names, is at least three
   characters long and is not an ordinary word (JMdict through
   ``components.dictionary``, when it is installed); ``dictionary``: a JMdict
   word whose gloss spells the Latin name of such a group (``キエフ``,
   glossed "Kiev (Ukraine)") joins it all the same.

Groups merge when their Latin forms sound alike (``Sloviansk``/``Slovyansk``).
The canonical form is the Latin form most often written, first letter upper case.

``GlossaryBuilder`` takes records or Docs one at a time (so a batch can feed
it as it streams by) and keeps only counters; ``build_glossary`` is the same
over an iterable.
"""
from __future__ import annotations

import json
import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

import components.bilingual  # noqa: F401  (registers doc._.pairs / doc._.variants for docs read from DocBins)
from components.pair_rules import find_variants
from components.phonetics import edges_agree, is_katakana, kana_key, kana_similarity, latin_key, similarity, skeleton
from components.tables import DATA_DIR
from rapidfuzz import fuzz, process

from pipeline.glossary_evidence import (KATA_RUN, GazetteerRow, bare_name, english_word, fold, katakana_parts, load_gazetteers,
                                        normalise_latin, pair_targets, span_names, strip_count)

logger = logging.getLogger(__name__)

__all__ = ["GlossaryBuilder", "build_glossary", "write_glossary", "normalise_latin", "katakana_parts"]

ATTACH_MIN = 0.8
LATIN_MERGE_MIN = 0.85
MIN_SOUND_LEN = 3
EVIDENCE = {"pair": 0.95, "name_table": 0.95, "span": 0.9, "dictionary": 0.9, "alternative": 0.85, "gazetteer": 0.6}
NAME_LABELS = ("MIL_UNIT", "WEAPON")
_ALT_PARENS = re.compile(r"[(（][ァ-ヺー、・]*[)）]")


@dataclass
class Group:
    """Working state of one glossary group."""

    latin: Counter = field(default_factory=Counter)
    variants: Counter = field(default_factory=Counter)
    evidence: Dict[str, Tuple[str, float]] = field(default_factory=dict)
    pairs: Counter = field(default_factory=Counter)
    known_kana: Set[str] = field(default_factory=set)  # name-table spellings (exact match is evidence)
    latin_alts: Set[str] = field(default_factory=set)
    canonical_hint: str = ""  # a gazetteer's canonical, used when no Latin form is written
    named: bool = False  # a place or person: has a pair or a name-table row, so sound may attach to it

    def put(self, form: str, count: int, by: str, confidence: float) -> None:
        """Add ``count`` occurrences of ``form``, keeping its strongest evidence."""
        self.variants[form] += count
        if form not in self.evidence or self.evidence[form][1] < confidence:
            self.evidence[form] = (by, round(confidence, 3))

    def absorb(self, other: "Group") -> None:
        self.latin.update(other.latin)
        for form, n in other.variants.items():
            self.put(form, n, *other.evidence[form])
        self.pairs.update(other.pairs)
        self.known_kana |= other.known_kana
        self.latin_alts |= other.latin_alts
        self.canonical_hint = self.canonical_hint or other.canonical_hint
        self.named = self.named or other.named


def _ordinary_word_test() -> Optional[Callable[[str], bool]]:
    """JMdict's headword test (``components.dictionary``) where the dictionary is installed, else None."""
    from components import dictionary
    return dictionary.is_ordinary_word if dictionary.available() else None


_DEMONYM = re.compile(r"(?:ian|ean|ese|ish)$", re.IGNORECASE)


class GlossaryBuilder:
    """Collects glossary evidence record by record; ``build()`` groups it.

    Args:
        data_dir (Optional[Path]): Where the exonym and gazetteer files are;
            the package's ``components/data`` by default.
        ordinary_word (Optional[Callable]): Whether a katakana word is an
            ordinary dictionary word (never attached by sound alone); by
            default the JMdict test of ``components.translation`` if available.
    """

    def __init__(self, data_dir: Optional[Path] = None,
                 ordinary_word: Optional[Callable[[str], bool]] = None) -> None:
        self.data_dir = Path(data_dir) if data_dir else DATA_DIR
        self.ordinary_word = ordinary_word if ordinary_word is not None else _ordinary_word_test()
        self.seen: Counter = Counter()
        self.pairs: Counter = Counter()  # (ja, en name) → count
        self.alt_links: Counter = Counter()  # (alternative, main form) → count
        self.span_links: Counter = Counter()  # (katakana, canonical) → count
        self.unannotated_forms: Counter = Counter()  # katakana of records that carry no spans at all
        self._rows: Optional[List[GazetteerRow]] = None
        self._rows_by_canonical: Dict[str, List[GazetteerRow]] = {}

    @property
    def rows(self) -> List[GazetteerRow]:
        if self._rows is None:
            self._rows = load_gazetteers(self.data_dir)
            for row in self._rows:
                self._rows_by_canonical.setdefault(row.canonical, []).append(row)
        return self._rows

    def add(self, item: Any) -> None:
        """Take one record (ANNOTATION.md dict, ``variants`` optional) or one annotated Doc."""
        text, pairs, variants, spans = _unpack(item)
        forms = KATA_RUN.findall(_ALT_PARENS.sub("", text))
        self.seen.update(forms)
        if spans is None:
            self.unannotated_forms.update(forms)
        for pair in pairs:
            en = pair["en"]
            latin = strip_count(en["text"], text[en["end"]:] if "end" in en else "")
            self.pairs[(pair["ja"]["text"], normalise_latin(latin), en["text"])] += 1
        for v in variants:
            self.alt_links[(v["text"], v["of"]["text"])] += 1
        self.rows  # noqa: B018  (loads the tables once, before span names are read)
        for span in spans or ():
            canonical = span.get("canonical")
            if span.get("label") in NAME_LABELS and canonical:
                for form in span_names(span["text"], canonical, self._rows_by_canonical):
                    self.span_links[(form, canonical)] += 1

    def _part_is_name(self, form: str, latin: str, name_kana: Set[str]) -> bool:
        """Whether the katakana part of a longer pair (``ウクライナ`` of ``ウクライナ海軍``/``Ukrainian
        Navy``) names something on its own: a name-table spelling, or no dictionary word and no demonym."""
        if form in name_kana:
            return True
        if _DEMONYM.search(latin):
            return False
        if self.ordinary_word is None:  # no JMdict: an English word (Systems) names no place or person
            return english_word(latin) is False
        return not self.ordinary_word(form)

    def update(self, items: Iterable[Any]) -> "GlossaryBuilder":
        for item in items:
            self.add(item)
        return self

    def build(self) -> List[Dict[str, Any]]:
        """The glossary: ``{"canonical", "variants", "evidence", "pairs", "count"}`` per group,
        most frequent first; only groups with a variant seen in the batch."""
        groups: Dict[str, Group] = {}
        rows = self.rows
        name_kana = {k for r in rows if r.name_table for k in r.kana}
        recogniser_names = {fold(n) for r in rows if not r.name_table for n in (r.canonical, *r.latin)}
        for (ja, name, en), n in self.pairs.items():
            if not name:
                continue
            targets = [t for t in pair_targets(ja, name, surnames=fold(name) not in recogniser_names)
                       if t[0] in (ja, bare_name(ja)) or self._part_is_name(t[0], t[1], name_kana)]
            if not targets and not is_katakana(ja):
                targets = [(ja, name, 1.0)]  # ロシア連邦保安庁/FSB: a translated name, filed whole
            for form, latin, sim in targets:
                group = groups.setdefault(fold(latin), Group())
                group.latin[latin] += n
                group.put(form, n, "pair", min(EVIDENCE["pair"], 0.5 + sim / 2) if is_katakana(form)
                          else EVIDENCE["pair"])
                group.pairs[(ja, en)] += n
                group.named = True
        for row in rows:
            group = _group_for(groups, [row.canonical, *row.latin])
            if group is None:
                group = groups.setdefault(fold(row.canonical), Group())
            group.latin_alts |= {row.canonical} | row.latin
            group.canonical_hint = group.canonical_hint or row.canonical
            if row.name_table:
                group.known_kana |= row.kana
                group.named = True
        merged = list(_merge_similar(groups).values())
        placed = {form for g in merged for form in g.variants}
        by_kana = {k: g for g in merged for k in g.known_kana}
        by_name = {fold(n): g for g in merged for n in [g.canonical_hint, *g.latin_alts] if n}
        for (form, canonical), n in self.span_links.most_common():
            group = by_name.get(fold(canonical))
            if group is not None and form not in placed:
                group.put(form, self.seen.get(form, n), "span", EVIDENCE["span"])
                placed.add(form)
        recogniser_kana = {k: by_name.get(fold(r.canonical)) for r in rows if not r.name_table for k in r.kana}
        for form in sorted(self.seen, key=lambda f: (-self.seen[f], f)):
            if form in placed:
                continue
            if form in by_kana:
                by_kana[form].put(form, self.seen[form], "name_table", EVIDENCE["name_table"])
            elif recogniser_kana.get(form) is not None and (
                    form in self.unannotated_forms
                    or (self.ordinary_word is not None and len(form) >= MIN_SOUND_LEN and not self.ordinary_word(form))):
                # an alias our recogniser did not mark (ロシア名ゲラン): only where it is no dictionary word (ウラン)
                recogniser_kana[form].put(form, self.seen[form], "gazetteer", EVIDENCE["gazetteer"])
            else:
                continue
            placed.add(form)
        for (alt, main), n in self.alt_links.items():
            group = next((g for g in merged if main in g.variants or any(main in v.split("・") for v in g.variants)),
                         None)
            if group is not None and alt not in placed:
                group.put(alt, n, "alternative", EVIDENCE["alternative"])
                placed.add(alt)
        named = [g for g in merged if g.named and g.variants  # sound finds more spellings of a name seen,
                 and not any(fold(n) in recogniser_names for n in [*g.latin, g.canonical_hint] if n)]
        sounds = _SoundIndex(named)
        # the named groups with a katakana variant, in ``named``'s order, kept as forms are filed below (a group
        # gains one only from this loop's puts), not rebuilt for every dictionary word: that scan of every
        # group's variants per word was most of the glossary's time on a large batch
        kana_named = _KanaGroups(named)
        for form in sorted(self.seen, key=lambda f: (-self.seen[f], f)):
            if form in placed or len(form.replace("ー", "")) < MIN_SOUND_LEN:
                continue
            if self.ordinary_word is not None and self.ordinary_word(form):
                group = kana_named.dictionary_group(form)
                # キエフ: JMdict glosses it "Kiev (Ukraine)"; only towards a transliterated name's group
                if group is not None:
                    group.put(form, self.seen[form], "dictionary", EVIDENCE["dictionary"])
                    sounds.add_variant(group, form)
                    kana_named.note(group, form)
                    placed.add(form)
                continue
            best = sounds.best(form)
            if best is None:
                continue
            group, score = best
            group.put(form, self.seen[form], "sound", round(score * 0.9, 3))
            sounds.add_variant(group, form)
            kana_named.note(group, form)
            placed.add(form)
        return [_export(g, self.seen) for g in sorted(merged, key=lambda g: -sum(g.variants.values())) if g.variants]


def _unpack(item: Any) -> Tuple[str, List[Dict], List[Dict], Optional[List[Dict]]]:
    """``(text, pairs, variants, spans)`` of a record (dict) or an annotated Doc; spans None if unknown."""
    if isinstance(item, Mapping):
        text = item["text"]
        variants = item.get("variants")
        if variants is None:
            variants = [{"text": text[v.span[0]:v.span[1]], "of": {"text": text[v.of[0]:v.of[1]]}}
                        for v in find_variants(text)]
        spans = item.get("spans")
        return text, list(item.get("pairs", [])), list(variants), (list(spans) if spans is not None else None)
    from pipeline.records import doc_spans, span_to_dict
    return (item.text, list(item._.pairs), list(item._.variants),
            [span_to_dict(s) for s in doc_spans(item, NAME_LABELS)])


def _group_for(groups: Dict[str, Group], names: Iterable[str]) -> Optional[Group]:
    for name in names:
        if fold(name) in groups:
            return groups[fold(name)]
    return None


def _merge_similar(groups: Dict[str, Group]) -> Dict[str, Group]:
    """Merge groups whose Latin forms sound alike (``Slovyansk`` into ``Sloviansk``).

    Two groups that each carry a gazetteer canonical are two things and never
    merge (Berdiansk is no Bryansk); the keys are computed once per group and
    matched with rapidfuzz's ``extractOne`` rather than pair by pair.
    """
    keys = sorted(groups, key=lambda k: -sum(groups[k].latin.values()))
    merged: Dict[str, Group] = {}
    index: List[Tuple[str, Group]] = []  # (Latin key, merged group) for every merged group's forms
    plain: List[Tuple[str, Group]] = []  # the same, for merged groups without a gazetteer canonical
    for key in keys:
        group = groups[key]
        forms = set(group.latin) | group.latin_alts
        mine = [latin_key(f) for f in forms]
        pool = plain if group.canonical_hint else index
        target = None
        choices = [k for k, _ in pool]
        for a in (k for k in mine if len(k) >= 5):
            hit = process.extractOne(a, choices, scorer=fuzz.ratio, score_cutoff=LATIN_MERGE_MIN * 100)
            if hit is not None:
                target = pool[hit[2]][1]
                break
        if target is None:
            merged[key] = group
            target = group
        else:
            target.absorb(group)
        entries = [(k, target) for k in mine]
        index.extend(entries)
        if not target.canonical_hint:
            plain.extend(entries)
    return merged


class _KanaGroups:
    """The groups of ``named`` that hold a katakana variant, in ``named``'s order, updated as variants are
    filed, with their Latin keys in one flat list for rapidfuzz (``dictionary_group``)."""

    def __init__(self, named: Sequence[Group]) -> None:
        self._named = list(named)
        self._ids = {id(g) for g in self._named if any(map(is_katakana, g.variants))}
        self._keys: Dict[int, Set[str]] = {}  # a group's Latin keys: the loop that files forms does not change them
        self._index()

    def _index(self) -> None:
        groups = [g for g in self._named if id(g) in self._ids]
        self._flat: List[str] = []
        self._owner: List[Group] = []
        for group in groups:
            keys = self._keys.get(id(group))
            if keys is None:
                keys = self._keys[id(group)] = {latin_key(latin) for latin in set(group.latin) | group.latin_alts}
            self._flat += sorted(keys)
            self._owner += [group] * len(keys)

    def note(self, group: Group, form: str) -> None:
        """``form`` was filed under ``group``: the group joins the list if that was its first katakana variant."""
        if id(group) not in self._ids and is_katakana(form):
            self._ids.add(id(group))
            self._index()

    def dictionary_group(self, form: str) -> Optional[Group]:
        """The first group whose Latin form a dictionary word's JMdict gloss spells (``キエフ`` → "Kiev")."""
        from components import dictionary
        names = {latin_key(n) for g in dictionary.glosses(form) for n in g.split(",")}
        names = {n for n in names if len(n) >= 4}
        if not names or not self._flat:
            return None
        first = min((hit[2] for n in names for hit in process.extract(
            n, self._flat, scorer=fuzz.ratio, score_cutoff=LATIN_MERGE_MIN * 100, limit=None)), default=None)
        return None if first is None else self._owner[first]


class _SoundIndex:
    """The names of the groups that sound may attach to, bucketed by the consonants at their edges.

    ``edges_agree`` asks a form's key and a name's key for the same first and
    last consonants (or, where either has none, the same first letter), so
    only the names in a form's buckets can score. ``best`` answers what
    scoring every name of every group answered, in time that grows with the
    bucket instead of with the batch's groups (it was quadratic: 1.2 s of the
    1.6 s of writing the extras of 735 records, and more with every new name).
    """

    def __init__(self, groups: Sequence[Group]) -> None:
        self._edges: Dict[Tuple[str, str], List[Tuple[str, str, str, Group]]] = defaultdict(list)
        self._first: Dict[str, List[Tuple[str, str, str, Group]]] = defaultdict(list)
        self._bare: Dict[str, List[Tuple[str, str, str, Group]]] = defaultdict(list)  # keys without consonants
        self._known: Set[Tuple[int, str, str]] = set()
        for group in groups:
            for kana in set(group.variants) | group.known_kana:
                self.add_variant(group, kana)
            for name in set(group.latin) | group.latin_alts:
                self._add(group, "latin", name, latin_key(name))

    def add_variant(self, group: Group, form: str) -> None:
        """Make a katakana form newly put into ``group`` one of its names."""
        if is_katakana(form):
            self._add(group, "kana", form, kana_key(form))

    def _add(self, group: Group, kind: str, name: str, key: str) -> None:
        if (id(group), kind, name) in self._known:
            return
        self._known.add((id(group), kind, name))
        entry = (kind, name, key, group)
        bones = skeleton(key)
        if bones:
            self._edges[(bones[0], bones[-1])].append(entry)
        else:
            self._bare[key[:1]].append(entry)
        self._first[key[:1]].append(entry)

    def best(self, form: str) -> Optional[Tuple[Group, float]]:
        """The named group a free katakana form sounds like, with the score; None when unsure
        (below ``ATTACH_MIN``, or a second group within 0.03)."""
        key = kana_key(form)
        bones = skeleton(key)
        if bones:
            candidates = self._edges.get((bones[0], bones[-1]), []) + self._bare.get(key[:1], [])
        else:
            candidates = self._first.get(key[:1], [])
        scores: Dict[int, Tuple[float, Group]] = {}
        for kind, name, name_key, group in candidates:
            if not edges_agree(key, name_key):
                continue
            score = kana_similarity(form, name) if kind == "kana" else similarity(form, name)
            held = scores.get(id(group))
            if held is None or score > held[0]:
                scores[id(group)] = (score, group)
        ranked = sorted(scores.values(), key=lambda s: -s[0])
        if not ranked or ranked[0][0] < ATTACH_MIN:
            return None
        if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < 0.03:
            return None
        return ranked[0][1], ranked[0][0]


def build_glossary(docs_or_records: Iterable[Any], data_dir: Optional[Path] = None,
                   ordinary_word: Optional[Callable[[str], bool]] = None) -> List[Dict[str, Any]]:
    """Group the katakana variants of a batch under canonical Latin forms (see ``GlossaryBuilder``).

    Args:
        docs_or_records (Iterable): Docs annotated by the pipeline, or records
            (``{"text", "pairs", "spans"?, "variants"?}``, ANNOTATION.md format).
        data_dir (Optional[Path]): Where the exonym and gazetteer files are.
        ordinary_word (Optional[Callable]): Test for ordinary words (see ``GlossaryBuilder``).

    Returns:
        List[Dict]: ``{"canonical", "variants", "evidence", "pairs", "count"}`` per group.
    """
    return GlossaryBuilder(data_dir, ordinary_word).update(docs_or_records).build()


def _export(group: Group, seen: Counter) -> Dict[str, Any]:
    if group.latin:
        canonical = sorted(group.latin.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    else:
        canonical = group.canonical_hint or min(group.latin_alts, key=lambda n: (len(n), n))
    variants = sorted(group.variants, key=lambda v: (-group.variants[v], v))
    return {
        "canonical": canonical,
        "variants": variants,
        "evidence": [{"variant": v, "by": group.evidence[v][0], "confidence": group.evidence[v][1]}
                     for v in variants],
        "pairs": [{"ja": ja, "en": en, "count": n} for (ja, en), n in group.pairs.most_common()],
        "count": sum(seen.get(v, 0) for v in group.variants) or sum(group.variants.values()),
    }


def write_glossary(groups: List[Dict[str, Any]], outdir: Path) -> Tuple[Path, Path]:
    """Write ``glossary.json`` and ``glossary.tsv`` (canonical, variants, count, and per variant its
    evidence and confidence, ``|``-separated in the order of the variants)."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    json_path, tsv_path = outdir / "glossary.json", outdir / "glossary.tsv"
    json_path.write_text(json.dumps(groups, ensure_ascii=False, indent=1), encoding="utf-8")
    lines = ["canonical\tvariants\tcount\tevidence\tconfidence"]
    for g in groups:
        ev = {e["variant"]: e for e in g.get("evidence", [])}
        by = "|".join(ev[v]["by"] if v in ev else "" for v in g["variants"])
        conf = "|".join(f"{ev[v]['confidence']:.2f}" if v in ev else "" for v in g["variants"])
        lines.append(f"{g['canonical']}\t{'|'.join(g['variants'])}\t{g['count']}\t{by}\t{conf}")
    tsv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return json_path, tsv_path
