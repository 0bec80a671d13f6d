"""Read a batch's JSONL records the way the analyst's desk shows them.

The HTML pages (``pipeline.html``), the batch report (``pipeline.report``)
and the tool exports (``pipeline.export``) all read ``annotations.jsonl``
record by record and need the same small answers: which spans are facts,
what a participant's text is, which day a fact belongs to, how a value
reads. They live here once, so the three views never disagree.

Records are read as they are written (docs/record-format.md); keys that a
record lacks are treated as absent, never as an error, because older
batches and other helpers' records carry fewer keys.
"""
from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any, Dict, Iterator, List, Mapping, Optional

logger = logging.getLogger(__name__)

ANNOTATIONS = "annotations.jsonl"
# The participant keys a fact may carry, in the order the desk lists them.
PARTICIPANTS = ("trigger", "actor", "weapon", "target", "source")
EXTRA_FACT_KEYS = ("place", "date")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def annotations_path(outdir_or_file: Path) -> Path:
    """``OUTDIR/annotations.jsonl``, or the path itself when it names a file."""
    path = Path(outdir_or_file)
    return path / ANNOTATIONS if path.is_dir() else path


def iter_records(outdir_or_file: Path) -> Iterator[Dict[str, Any]]:
    """The records of a batch, one at a time (blank and broken lines are logged and skipped)."""
    path = annotations_path(outdir_or_file)
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                logger.warning("%s:%d: not a JSON record (%s); skipped", path, number, err)
                continue
            if isinstance(record, dict) and isinstance(record.get("text"), str):
                yield record
            else:
                logger.warning("%s:%d: a record needs a text; skipped", path, number)


def record_spans(record: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """The record's spans whose offsets fit its text, in text order."""
    n = len(record.get("text", ""))
    good = []
    for span in record.get("spans") or []:
        start, end = span.get("start"), span.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n:
            good.append(span)
    return sorted(good, key=lambda s: (s["start"], -s["end"], str(s.get("label"))))


def is_fact(span: Mapping[str, Any]) -> bool:
    """A QUANTITY that reports an event (ANNOTATION.md "Facts")."""
    return span.get("label") == "QUANTITY" and bool(span.get("event"))


def part_text(value: Any) -> Optional[str]:
    """The text of a participant, place or date however it is written (object or string)."""
    if value is None:
        return None
    if isinstance(value, dict):
        for key in ("canonical", "text", "value", "date", "name"):
            if value.get(key) not in (None, ""):
                return str(value[key])
        return None
    return str(value)


def part_title(value: Any) -> str:
    """Everything a participant object says, for a tooltip."""
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items() if not isinstance(v, (dict, list)))
    return "" if value is None else str(value)


def iso_day(value: Any) -> Optional[str]:
    """``YYYY-MM-DD`` from a date string or date object, or None where no full day is known."""
    if isinstance(value, dict):
        for key in ("value", "iso", "date", "normalized", "text"):
            day = iso_day(value.get(key))
            if day:
                return day
        return None
    if isinstance(value, str):
        match = _ISO_DAY.match(value.strip())
        if match:
            return "-".join(match.groups())
    return None


def fact_day(span: Mapping[str, Any], record: Mapping[str, Any]) -> Optional[str]:
    """The day of a fact: its own ``date`` key, else the record's ``meta.date``."""
    day = iso_day(span.get("date"))
    if day:
        return day
    meta = record.get("meta")
    return iso_day(meta.get("date")) if isinstance(meta, dict) else None


def format_number(value: Any) -> str:
    """A value as an analyst reads it: 1200 -> "1,200", 2.5 -> "2.5"."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"
    return str(value)


def format_value(span: Mapping[str, Any]) -> str:
    """A QUANTITY's value, range and unit in one short string ("≥1,200 名", "20–30 機", "~240 機")."""
    if span.get("value") is None:
        return ""
    text = format_number(span["value"])
    if span.get("value_max") is not None:
        text += "–" + format_number(span["value_max"])
    bound = span.get("bound")
    prefix = {"at_least": "≥", "at_most": "≤"}.get(bound, "")
    if span.get("approx"):
        prefix = "~" + prefix
    unit = span.get("unit")
    return prefix + text + (f" {unit}" if unit else "")


def record_places(record: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """PLACE spans with coordinates (label PLACE, numeric ``lat``/``lon``)."""
    places = []
    for span in record_spans(record):
        if span.get("label") != "PLACE":
            continue
        try:
            lat, lon = float(span["lat"]), float(span["lon"])
        except (KeyError, TypeError, ValueError):
            continue
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            places.append({**span, "lat": lat, "lon": lon})
    return places
