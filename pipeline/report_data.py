"""The figures behind ``report.html``, gathered in one pass over a batch's records.

Only counters are kept (never the records), so a report over 100 000
records needs as little memory as one over ten. ``BatchFigures`` is plain
data; ``pipeline.report`` turns it into charts and tables.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

from pipeline.record_view import fact_day, iter_records, part_text, record_places, record_spans

NONE = "(none)"


@dataclass
class BatchFigures:
    """Counts of a batch: totals, facts by event/weapon class/day, top names, places."""

    records: int = 0
    chars: int = 0
    pairs: int = 0
    spans_by_label: Counter = field(default_factory=Counter)
    quantities_by_category: Counter = field(default_factory=Counter)
    facts: int = 0
    facts_by_event_class: Counter = field(default_factory=Counter)  # (event, weapon class)
    facts_by_day_event: Counter = field(default_factory=Counter)  # (YYYY-MM-DD, event)
    facts_without_day: int = 0
    value_sums: Counter = field(default_factory=Counter)  # (event, category, unit) -> sum of values
    units: Counter = field(default_factory=Counter)
    weapons: Counter = field(default_factory=Counter)
    places: Counter = field(default_factory=Counter)  # (name, country, lat, lon) -> mentions
    fact_actors: Counter = field(default_factory=Counter)
    fact_sources: Counter = field(default_factory=Counter)

    def top(self, counter: Counter, n: int = 15) -> List[Tuple[Any, int]]:
        """The ``n`` most frequent keys, ties by name so the order is stable."""
        return sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))[:n]


def _name(span: Mapping[str, Any]) -> str:
    return str(span.get("canonical") or span.get("text") or NONE)


def _weapon_class(fact: Mapping[str, Any], weapons_at: Dict[Tuple[int, int], Mapping[str, Any]]) -> str:
    """The class of the weapon a fact is about: the WEAPON span at the participant's offsets."""
    weapon = fact.get("weapon")
    if isinstance(weapon, dict):
        span = weapons_at.get((weapon.get("start"), weapon.get("end")))
        if span and span.get("weapon_class"):
            return str(span["weapon_class"])
        if part_text(weapon):
            return "(unclassed)"
    return NONE


def add_record(figures: BatchFigures, record: Mapping[str, Any]) -> None:
    """Count one record into ``figures``."""
    figures.records += 1
    figures.chars += len(record.get("text", ""))
    figures.pairs += len(record.get("pairs") or [])
    spans = record_spans(record)
    weapons_at = {(s["start"], s["end"]): s for s in spans if s.get("label") == "WEAPON"}
    units_at = {(s["start"], s["end"]): s for s in spans if s.get("label") == "MIL_UNIT"}
    for span in spans:
        label = str(span.get("label"))
        figures.spans_by_label[label] += 1
        if label == "MIL_UNIT":
            figures.units[_name(span)] += 1
        elif label == "WEAPON":
            figures.weapons[_name(span)] += 1
        elif label == "QUANTITY":
            figures.quantities_by_category[str(span.get("category") or NONE)] += 1
            if span.get("event"):
                _add_fact(figures, record, span, weapons_at, units_at)
    for place in record_places(record):
        key = (_name(place), str(place.get("country") or ""), place["lat"], place["lon"])
        figures.places[key] += 1


def _participant_name(part: Any, units_at: Dict[Tuple[int, int], Mapping[str, Any]]) -> Optional[str]:
    """An actor's or source's name: the canonical name of the MIL_UNIT at its offsets, else its text."""
    if not isinstance(part, dict):
        return part_text(part)
    unit = units_at.get((part.get("start"), part.get("end")))
    return str(unit.get("canonical") or part_text(part)) if unit else part_text(part)


def _add_fact(figures: BatchFigures, record: Mapping[str, Any], span: Mapping[str, Any],
              weapons_at: Dict[Tuple[int, int], Mapping[str, Any]],
              units_at: Dict[Tuple[int, int], Mapping[str, Any]]) -> None:
    event = str(span["event"])
    figures.facts += 1
    figures.facts_by_event_class[(event, _weapon_class(span, weapons_at))] += 1
    for role, counter in (("actor", figures.fact_actors), ("source", figures.fact_sources)):
        name = _participant_name(span.get(role), units_at)
        if name:
            counter[name] += 1
    day = fact_day(span, record)
    if day:
        figures.facts_by_day_event[(day, event)] += 1
    else:
        figures.facts_without_day += 1
    value = span.get("value")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        key = (event, str(span.get("category") or NONE), str(span.get("unit") or ""))
        figures.value_sums[key] += value


def gather(records: Iterable[Mapping[str, Any]]) -> BatchFigures:
    """``BatchFigures`` of any records."""
    figures = BatchFigures()
    for record in records:
        add_record(figures, record)
    return figures


def gather_batch(source: Path, limit: Optional[int] = None) -> BatchFigures:
    """``BatchFigures`` of a batch directory or annotations.jsonl (the first ``limit`` records if given)."""
    figures = BatchFigures()
    for number, record in enumerate(iter_records(source)):
        if limit is not None and number >= limit:
            break
        add_record(figures, record)
    return figures
