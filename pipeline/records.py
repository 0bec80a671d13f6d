"""The JSONL record contract of ANNOTATION.md, both ways: Doc → record and record → Doc.

A record is ``{"id", "text", "spans": [...], "pairs": [...]}`` with Unicode
code-point offsets into ``text`` (end exclusive), and each span's ``text``
equal to ``record["text"][start:end]``. ``doc_to_record`` reads our span
groups, the entities with our labels, and the attribute store; ``record_to_doc``
turns a gold record into a Doc (span groups plus non-overlapping ``doc.ents``)
for ``spacy train`` and ``spacy evaluate``.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from components.attributes import get_span_attrs, register_extensions, set_span_attrs
from components.gazetteer import token_view
from pipeline.dating import date_facts

logger = logging.getLogger(__name__)

LABELS = ("MIL_UNIT", "WEAPON", "QUANTITY")
# Where and when (place_recognizer, time_recognizer): exported in records, never trained as entities.
CONTEXT_LABELS = ("PLACE", "TIME")
RECORD_LABELS = LABELS + CONTEXT_LABELS
SPANS_KEY_BY_LABEL = {"MIL_UNIT": "military_units", "WEAPON": "weapons", "QUANTITY": "quantities",
                      "PLACE": "places", "TIME": "times"}
PAIRS_EXTENSION = "pairs"
# Attributes the record carries per label, in this order (ANNOTATION.md).
RECORD_ATTRS = {
    "QUANTITY": ("value", "value_max", "unit", "item", "category", "casualty", "approx", "bound",
                 # facts (fact_extractor): the event and its participants, each {"start", "end", "text"}
                 "event", "trigger", "actor", "weapon", "target", "source",
                 # where and when (fact_context; pipeline/dating.py resolves ``date``)
                 "place", "lat", "lon", "time", "date"),
    "MIL_UNIT": ("canonical", "side", "echelon", "unit_type", "number"),
    "WEAPON": ("canonical", "weapon_class", "origin"),
    "PLACE": ("canonical", "country", "lat", "lon", "kind"),
    "TIME": ("year", "month", "day", "hour", "minute", "part", "period", "rel_year", "rel_month", "rel_week",
             "rel_day", "ref", "into", "until", "date"),
}


def doc_spans(doc: Doc, labels: Sequence[str] = RECORD_LABELS) -> List[Span]:
    """Our labelled spans: every span group's and ``doc.ents``' spans with our labels, once each."""
    seen = set()
    found: List[Span] = []
    groups = [doc.spans[key] for key in doc.spans]
    for span in [s for group in groups for s in group] + list(doc.ents):
        key = (span.start_char, span.end_char, span.label_)
        if span.label_ in labels and key not in seen:
            seen.add(key)
            found.append(span)
    return sorted(found, key=lambda s: (s.start_char, s.end_char, s.label_))


def span_to_dict(span: Span, doc_text: Optional[str] = None) -> Dict[str, Any]:
    """One span of a record: offsets, label, text and the label's known attributes.

    ``doc_text``, where given, is the doc's text: the span's text is cut from it (``Span.text``
    builds a Token per token, the largest cost of a record with many spans)."""
    start, end = span.start_char, span.end_char
    out: Dict[str, Any] = {
        "start": start,
        "end": end,
        "label": span.label_,
        "text": doc_text[start:end] if doc_text is not None else span.text,
    }
    attrs = get_span_attrs(span)
    for name in RECORD_ATTRS.get(span.label_, ()):
        if attrs.get(name) is not None:
            out[name] = attrs[name]
    if "canonical" in RECORD_ATTRS.get(span.label_, ()) and "canonical" not in out and span.kb_id_:
        out["canonical"] = span.kb_id_
    return out


def doc_pairs(doc: Doc) -> List[Dict[str, Any]]:
    """The bilingual pairs of ``doc`` (empty where no aligner ran)."""
    if not Doc.has_extension(PAIRS_EXTENSION):
        return []
    return list(doc._.get(PAIRS_EXTENSION) or [])


def doc_to_record(doc: Doc, record_id: str, text: Optional[str] = None,
                  meta: Optional[Mapping[str, Any]] = None,
                  labels: Sequence[str] = RECORD_LABELS) -> Dict[str, Any]:
    """The JSONL record for an annotated doc.

    Args:
        doc (Doc): The annotated doc.
        record_id (str): The record id.
        text (Optional[str]): The input text, when given checked against ``doc.text``:
            the pipeline never changes a text, and a record that says otherwise is a bug.
        meta (Optional[Mapping]): The input record's own keys (date, url, outlet, ...;
            file and line for .txt input), carried through unchanged as ``"meta"``.
        labels (Sequence[str]): The span labels to export (``LABELS`` for training data).
    """
    doc_text = token_view(doc).text  # once, from arrays: Doc.text builds a Token object per token
    if text is not None and text != doc_text:
        raise ValueError(f"{record_id}: the doc text differs from the input text")
    record = {
        "id": record_id,
        "text": doc_text,
        "spans": [span_to_dict(s, doc_text) for s in doc_spans(doc, labels)],
        "pairs": doc_pairs(doc),
    }
    if meta:
        record["meta"] = dict(meta)
    if any(span["label"] == "TIME" for span in record["spans"]):
        record = date_facts(record)  # TIME spans and facts dated, against meta.date where there is one
    return record


def record_to_doc(vocab_or_nlp: Any, record: Mapping[str, Any]) -> Doc:
    """A Doc for a gold (or predicted) record: span groups, ``doc.ents`` and attributes.

    Spans that do not fall on token boundaries are dropped with a warning
    (CONVENTIONS pitfall 8); ``doc.ents`` gets the longest of overlapping spans.

    Args:
        vocab_or_nlp: A ``Language`` (its tokenizer is used) or a tokenizer callable.
        record (Mapping): A record in the ANNOTATION.md format.
    """
    register_extensions()
    make_doc = getattr(vocab_or_nlp, "make_doc", vocab_or_nlp)
    doc = make_doc(record["text"])
    by_key: Dict[str, List[Span]] = {key: [] for key in SPANS_KEY_BY_LABEL.values()}
    for item in record.get("spans", []):
        label = item["label"]
        span = doc.char_span(item["start"], item["end"], label=label, kb_id=item.get("canonical") or "")
        if span is None:
            logger.warning("%s: span %r at %d-%d is not on token boundaries; dropped",
                           record.get("id"), item.get("text"), item["start"], item["end"])
            continue
        by_key.setdefault(SPANS_KEY_BY_LABEL.get(label, label.lower()), []).append(span)
        set_span_attrs(span, {k: item[k] for k in RECORD_ATTRS.get(label, ()) if k in item})
    for key, spans in by_key.items():
        doc.spans[key] = spans
    doc.ents = filter_spans([s for spans in by_key.values() for s in spans if s.label_ in LABELS])
    return doc


def records_to_docs(nlp: Any, records: Iterable[Mapping[str, Any]]) -> Iterable[Doc]:
    """``record_to_doc`` over many records."""
    for record in records:
        yield record_to_doc(nlp, record)
