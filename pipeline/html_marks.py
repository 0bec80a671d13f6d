"""A record's text as HTML with its spans marked by character offsets.

displaCy's span view works on tokens and joins them with spaces, which
breaks Japanese text (no spaces between words) and cannot show a span that
starts inside a token. Here the text is cut at span boundaries only: the
HTML's text content is exactly the record's text, nothing inserted. Labels
and tags are drawn by CSS from ``data-tag`` (``::after``), so they take their
own room beside the text (never over it) and are not part of the text when
it is copied.

Spans nest as ``<mark>`` inside ``<mark>`` (a WEAPON inside a MIL_UNIT). A
span that crosses another's end is cut there into fragments that nest; each
fragment carries the whole span's tooltip, and only its last fragment the
label tag.
"""
from __future__ import annotations

import heapq
import re
from html import escape
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from pipeline.record_view import PARTICIPANTS, format_value, part_text, record_spans

SHORT_TAG = {"MIL_UNIT": "UNIT", "WEAPON": "WEAPON", "QUANTITY": "QTY", "PLACE": "PLACE"}
_SAFE_CLASS = re.compile(r"[^A-Za-z0-9_-]")
# Keys shown in the tooltip before any others, in this order.
_TITLE_FIRST = ("label", "text", "canonical", "value", "value_max", "unit", "item", "category", "casualty",
                "approx", "bound", "event", "side", "echelon", "unit_type", "number", "weapon_class", "origin",
                "country", "lat", "lon")


def label_class(label: str) -> str:
    """A CSS class for a label (letters, digits, ``_`` and ``-`` only)."""
    return "lab-" + _SAFE_CLASS.sub("_", label or "none")


def span_tag(span: Mapping[str, Any]) -> str:
    """The short visible tag: the label, with value and category for a QUANTITY."""
    label = str(span.get("label", ""))
    if label == "QUANTITY":
        parts = [format_value(span), str(span.get("category") or "")]
        return " ".join(p for p in parts if p) or "QTY"
    return SHORT_TAG.get(label, label)


def span_title(span: Mapping[str, Any]) -> str:
    """The tooltip: every scalar attribute, canonical name and value first, then the fact's roles."""
    keys = [k for k in _TITLE_FIRST if k in span] + sorted(k for k in span if k not in _TITLE_FIRST)
    lines = []
    for key in keys:
        if key in ("start", "end"):
            continue
        value = span[key]
        if isinstance(value, dict):
            text = part_text(value)
            if text:
                lines.append(f"{key}: {text}")
        elif isinstance(value, list):
            lines.append(f"{key}: {', '.join(str(v) for v in value)}")
        elif value is not None:
            lines.append(f"{key}: {value}")
    return "\n".join(lines)


def pair_marks(record: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """The two sides of each bilingual pair as mark entries (kind ``pair``)."""
    marks = []
    n = len(record.get("text", ""))
    for number, pair in enumerate(record.get("pairs") or [], 1):
        sides = [(lang, pair.get(lang)) for lang in ("ja", "en")]
        if not all(isinstance(side, dict) for _, side in sides):
            continue
        ok = all(isinstance(s.get("start"), int) and isinstance(s.get("end"), int) and 0 <= s["start"] < s["end"] <= n
                 for _, s in sides)
        if not ok:
            continue
        other = {"ja": pair["en"], "en": pair["ja"]}
        for lang, side in sides:
            marks.append({"start": side["start"], "end": side["end"], "kind": "pair", "pair": number, "lang": lang,
                          "tag": f"{lang}{number}",
                          "title": f"pair {number}: {pair['ja'].get('text', '')} ⇄ {pair['en'].get('text', '')}"
                                   f"\n{lang} side; the other: {part_text(other[lang]) or ''}"})
    return marks


def role_marks(record: Mapping[str, Any], anchor: str, spans: Optional[List[Dict[str, Any]]] = None
               ) -> List[Dict[str, Any]]:
    """Each fact participant (and place) as a mark entry (kind ``role``), drawn only when its fact is hovered.

    One entry per offset pair; ``facts`` names every fact (``ANCHOR-sINDEX``) that it takes part in.
    """
    n = len(record.get("text", ""))
    by_offsets: Dict[Tuple[int, int], Dict[str, Any]] = {}
    for index, span in enumerate(record_spans(record) if spans is None else spans):
        if span.get("label") != "QUANTITY" or not span.get("event"):
            continue
        for role in PARTICIPANTS + ("place",):
            part = span.get(role)
            if not isinstance(part, dict):
                continue
            start, end = part.get("start"), part.get("end")
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n):
                continue
            entry = by_offsets.setdefault((start, end), {"start": start, "end": end, "kind": "role", "tag": "",
                                                         "facts": [], "title": []})
            entry["facts"].append(f"{anchor}-s{index}")
            entry["title"].append(f"{role} of {span.get('text', '')} ({span['event']})")
    return [{**e, "title": "\n".join(e["title"])} for e in by_offsets.values()]


def span_marks(record: Mapping[str, Any], spans: Optional[List[Dict[str, Any]]] = None) -> List[Dict[str, Any]]:
    """The labelled spans of a record as mark entries (kind ``span``), index = position in record_spans."""
    marks = []
    for index, span in enumerate(record_spans(record) if spans is None else spans):
        marks.append({"start": span["start"], "end": span["end"], "kind": "span", "index": index,
                      "label": str(span.get("label", "")), "tag": span_tag(span), "title": span_title(span),
                      "fact": bool(span.get("event"))})
    return marks


def _open_tag(mark: Mapping[str, Any], anchor: str, last: bool, first: bool) -> str:
    if mark["kind"] == "role":
        return (f'<mark class="m role" data-facts="{" ".join(mark["facts"])}" '
                f'title="{escape(mark["title"])}">')
    if mark["kind"] == "pair":
        classes = ["m", "pair", f"pair-{mark['lang']}"]
        data = f' data-pair="{anchor}-p{mark["pair"]}"'
    else:
        classes = ["m", label_class(mark["label"])]
        if mark["label"] not in SHORT_TAG:
            classes.append("lab-other")
        if mark["fact"]:
            classes.append("fact")
        data = f' data-span="{anchor}-s{mark["index"]}"'
        if first:
            data += f' id="{anchor}-s{mark["index"]}"'
    if not last:
        classes.append("cont")
    tag = f' data-tag="{escape(mark["tag"])}"' if last else ""
    return f'<mark class="{" ".join(classes)}"{data}{tag} title="{escape(mark["title"])}">'


def render_marked_text(text: str, marks: Sequence[Mapping[str, Any]], anchor: str) -> str:
    """``text`` HTML-escaped, with ``marks`` (dicts with start/end/kind/tag/title) as nested ``<mark>``.

    Args:
        text (str): The record's text.
        marks: Entries from ``span_marks`` and ``pair_marks``.
        anchor (str): A prefix for element ids, unique per record on the page.
    """
    # (start, -end, order, mark index, is-first-fragment); longer spans open first so they enclose
    heap: List[Tuple[int, int, int, int, bool]] = []
    for order, mark in enumerate(marks):
        if 0 <= mark["start"] < mark["end"] <= len(text):
            heap.append((mark["start"], -mark["end"], order, order, True))
    heapq.heapify(heap)
    out: List[str] = []
    stack: List[int] = []  # ends of the open fragments
    pos = 0

    def emit_to(end: int) -> None:
        nonlocal pos
        if end > pos:
            out.append(escape(text[pos:end]))
            pos = end

    while heap:
        start, neg_end, order, index, first = heapq.heappop(heap)
        end = -neg_end
        while stack and stack[-1] <= start:
            emit_to(stack.pop())
            out.append("</mark>")
        emit_to(start)
        if stack and end > stack[-1]:  # crosses the enclosing fragment's end: cut it there
            heapq.heappush(heap, (stack[-1], -end, order, index, False))
            end = stack[-1]
        mark = marks[index]
        out.append(_open_tag(mark, anchor, last=end == mark["end"], first=first))
        stack.append(end)
    while stack:
        emit_to(stack.pop())
        out.append("</mark>")
    emit_to(len(text))
    return "".join(out)


def fact_rows(record: Mapping[str, Any], anchor: str, spans: Optional[List[Dict[str, Any]]] = None
              ) -> List[Dict[str, str]]:
    """One row per fact: the quantity, its value, event, roles, place and date, as plain strings."""
    rows = []
    for index, span in enumerate(record_spans(record) if spans is None else spans):
        if span.get("label") != "QUANTITY" or not span.get("event"):
            continue
        row = {"span": f"{anchor}-s{index}", "quantity": str(span.get("text", "")), "value": format_value(span),
               "category": str(span.get("category") or ""), "event": str(span["event"])}
        for key in PARTICIPANTS + ("place", "date"):
            row[key] = part_text(span.get(key)) or ""
        rows.append(row)
    return rows
