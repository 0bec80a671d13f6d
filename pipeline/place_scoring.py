"""Scoring where and when: PLACE spans, their coordinates, TIME spans and their dates.

``score_places(gold, pred)`` compares records (ANNOTATION.md format with
PLACE/TIME spans, gold with ``lat``/``lon`` on PLACE and ``date`` on TIME):

- ``PLACE``/``TIME``: precision, recall, F1 on exact offsets;
- ``coords``: the share of matched PLACE spans whose predicted coordinates
  lie within the place's tolerance of gold's: ``km`` (25) for a point-like
  place (town, oblast centre, strait), and for a country half the side of a
  square of its area (``area_km2`` in ``places_regions.tsv``, from GeoNames:
  Estonia 106 km, Ukraine 388 km, Russia 2,068 km). A country's "centre" is a
  convention, not a fact: the CIA World Factbook puts Russia's at 60N 100E,
  Google's country table at 61.5N 105.3E, 330 km apart, and judging either at
  25 km measures which atlas the annotator opened, not whether the pipeline
  found the right country. A point within the country's own scale is right;
  one in a neighbouring country is not (Ukraine's point in Moscow is 750 km off).
- ``coords_strict``: the same share at ``km`` for every place, countries
  included; ``coords_local`` at ``km`` without gold kinds whose point is a
  convention (``country``, ``sea``, ``river``);
- ``dates``: the share of matched TIME spans with a gold date whose predicted
  date (``pipeline.dating.date_facts`` on the predicted record, anchored at
  gold's ``meta.date``) equals it;
- ``fact_dates``: the same for QUANTITY spans with a gold ``date``, where any.

    python -m pipeline.place_scoring --gold corpus/places_gold.jsonl --pred out/annotations.jsonl
"""
from __future__ import annotations

import argparse
import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence

from components.places import read_place_rows
from pipeline.dating import date_facts

EARTH_KM = 6371.0
CONVENTIONAL_KINDS = {"country", "sea", "river"}
REGIONS_TSV = Path(__file__).resolve().parent.parent / "components" / "data" / "places_regions.tsv"


@lru_cache(maxsize=1)
def country_areas() -> Dict[str, float]:
    """Area in km² of each country of ``places_regions.tsv``, by canonical name and by ISO code."""
    areas: Dict[str, float] = {}
    for row in read_place_rows(REGIONS_TSV):
        if row["kind"] == "country" and row.get("area_km2"):
            areas[row["canonical"]] = areas[row["country"]] = float(row["area_km2"])
    return areas


def tolerance_km(gold_place: Mapping[str, Any], km: float = 25.0) -> float:
    """How far a predicted point may lie from gold's: ``km``, or a country's own scale."""
    if gold_place.get("kind") != "country":
        return km
    area = country_areas().get(gold_place.get("canonical", "")) or country_areas().get(gold_place.get("country", ""))
    return max(km, 0.5 * math.sqrt(area)) if area else km


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(min(1.0, a)))


def _prf(tp: int, n_pred: int, n_gold: int) -> Dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "pred": n_pred, "gold": n_gold}


def _share(ok: int, n: int) -> Dict[str, float]:
    return {"share": ok / n if n else 0.0, "ok": ok, "n": n}


def _by_label(record: Mapping[str, Any], label: str) -> Dict[tuple, Mapping[str, Any]]:
    return {(s["start"], s["end"]): s for s in record.get("spans", []) if s.get("label") == label}


def score_places(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]], km: float = 25.0,
                 errors: Optional[List[str]] = None) -> Dict[str, Any]:
    """The figures above, over records matched by id."""
    by_id = {r["id"]: r for r in pred}
    counts = {"PLACE": [0, 0, 0], "TIME": [0, 0, 0]}
    coords = [0, 0]
    strict = [0, 0]
    local = [0, 0]
    dates = [0, 0]
    fact_dates = [0, 0]
    for g in gold:
        p = dict(by_id.get(g["id"], {"spans": []}))
        p["meta"] = g.get("meta", {})
        p = date_facts(p)
        for label in counts:
            gs, ps = _by_label(g, label), _by_label(p, label)
            both = set(gs) & set(ps)
            counts[label][0] += len(both)
            counts[label][1] += len(ps)
            counts[label][2] += len(gs)
            if errors is not None:
                errors += [f"{g['id']} missed {label} {gs[k]['text']}" for k in sorted(set(gs) - both)]
                errors += [f"{g['id']} spurious {label} {ps[k]['text']}" for k in sorted(set(ps) - both)]
            for key in both:
                gsp, psp = gs[key], ps[key]
                if label == "PLACE" and "lat" in gsp:
                    off = haversine_km(gsp["lat"], gsp["lon"], psp["lat"], psp["lon"]) if "lat" in psp else math.inf
                    near = off <= km
                    coords[0] += off <= tolerance_km(gsp, km)
                    coords[1] += 1
                    strict[0] += near
                    strict[1] += 1
                    if gsp.get("kind") not in CONVENTIONAL_KINDS:
                        local[0] += near
                        local[1] += 1
                    if errors is not None and off > tolerance_km(gsp, km):
                        errors.append(f"{g['id']} coords {gsp['text']}: gold {gsp['canonical']} "
                                      f"pred {psp.get('canonical')} {psp.get('lat')},{psp.get('lon')}")
                if label == "TIME" and gsp.get("date"):
                    dates[1] += 1
                    dates[0] += psp.get("date") == gsp["date"]
                    if errors is not None and psp.get("date") != gsp["date"]:
                        errors.append(f"{g['id']} date {gsp['text']}: gold {gsp['date']} pred {psp.get('date')}")
        pq = _by_label(p, "QUANTITY")
        for key, gq in _by_label(g, "QUANTITY").items():
            if gq.get("date"):
                fact_dates[1] += 1
                fact_dates[0] += pq.get(key, {}).get("date") == gq["date"]
    out: Dict[str, Any] = {label: _prf(*c) for label, c in counts.items()}
    out["coords"] = _share(*coords)
    out["coords_strict"] = _share(*strict)
    out["coords_local"] = _share(*local)
    out["dates"] = _share(*dates)
    if fact_dates[1]:
        out["fact_dates"] = _share(*fact_dates)
    return out


def read_jsonl(path: Path) -> List[Dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main(argv: Optional[Iterable[str]] = None) -> None:
    parser = argparse.ArgumentParser(description="PLACE/TIME spans, coordinates and dates against gold")
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--pred", type=Path, required=True)
    parser.add_argument("--km", type=float, default=25.0)
    parser.add_argument("--errors", type=int, default=0, help="print this many errors")
    args = parser.parse_args(list(argv) if argv is not None else None)
    errors: List[str] = []
    result = score_places(read_jsonl(args.gold), read_jsonl(args.pred), args.km, errors)
    print(json.dumps(result, indent=1))  # noqa: T201 - a CLI's output
    for line in errors[: args.errors]:
        print(line)  # noqa: T201


if __name__ == "__main__":
    main()
