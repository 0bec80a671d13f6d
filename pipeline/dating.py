"""Dates for facts: the TIME of each fact, resolved against the record's publication date.

A record's fact (a QUANTITY span with ``event`` and ``time``, written by
``fact_context``) points at a TIME span; the TIME span carries the parsed
fields of ``components.time_parse``. ``date_facts`` resolves them with the
record's ``meta.date`` (``YYYY-MM-DD``) as the anchor, so ``11日夜`` in a
text published on 2025-11-12 dates the fact 2025-11-11. Without an anchor
only absolute dates (``2025年11月8日``) resolve. ``同日``/``前日``/``翌日`` take
the last full date written before them in the same text.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Dict, Optional

from components.time_parse import resolve_date


def record_anchor(record: Dict[str, Any]) -> Optional[str]:
    """The publication date of a record (``meta.date``), or None."""
    meta = record.get("meta") or {}
    return meta.get("date") if isinstance(meta, dict) else None


def date_facts(record: Dict[str, Any]) -> Dict[str, Any]:
    """A copy of ``record`` whose facts and TIME spans carry ``date`` where it resolves.

    Args:
        record (dict): A record in the ANNOTATION.md format, with PLACE/TIME spans.

    Returns:
        dict: The record with ``date`` on each resolvable TIME span and on each
        QUANTITY whose ``time`` points at one; the input is not changed.
    """
    out = dict(record)  # only span dicts get a key: copying them, not every nested value, keeps the input as it was
    if "spans" in out:
        out["spans"] = [dict(span) for span in out["spans"]]
    anchor = record_anchor(out)
    times = {(s["start"], s["end"]): s for s in out.get("spans", []) if s.get("label") == "TIME"}
    last: Optional[str] = None  # the last full date of the text, for 同日/前日/翌日
    for key in sorted(times):
        span = times[key]
        date = resolve_date(span, anchor)
        if date is None and span.get("ref") and last:
            shift = {"same": 0, "previous": -1, "next": 1}[span["ref"]]
            date = (dt.date.fromisoformat(last) + dt.timedelta(days=shift)).isoformat()
        if date is not None:
            span["date"] = date
            if len(date) == 10:
                last = date
    for span in out.get("spans", []):
        # fact_context gives ``time`` to facts only, so ``time`` alone marks one (``event`` too where exported)
        if span.get("label") != "QUANTITY" or not isinstance(span.get("time"), dict):
            continue
        when = times.get((span["time"]["start"], span["time"]["end"]))
        if when is not None and when.get("date"):
            span["date"] = when["date"]
    return out
