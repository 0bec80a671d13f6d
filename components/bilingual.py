"""``bilingual_aligner``: Japanese/Latin term pairs and katakana variant evidence.

Writes to ``doc.spans[spans_key]`` (default ``"bilingual"``):

- ``JA`` and ``EN`` spans, one of each per pair (``ポクロウスク`` / ``Pokrovsk``),
  each storing ``{"counterpart": [start_char, end_char], "pair_id": N,
  "evidence": "phonetic"|"head"|"paren"|"acronym"}`` through
  ``components.attributes.set_span_attrs``;
- ``VARIANT`` spans for parenthesised alternative spellings
  (``ポクロフスク(ポクロウスク、パコフスク)``), storing
  ``{"variant_of": [start_char, end_char]}``. They are glossary evidence, not pairs.

``doc._.pairs`` (getter) rebuilds the record-format pair list from the
attribute store, and ``span._.counterpart`` (getter) returns the other side's
Span, so nothing beyond the store has to survive ``DocBin`` or ``n_process``.
The candidate finding and boundary decisions live in ``components.pair_rules``.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Union

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span


from .attributes import get_span_attrs, iter_store, register_extensions, set_span_attrs
from .tables import Tables
from .pair_rules import HeadTable, KnownTable, find_pairs, find_variants, load_heads, load_known

logger = logging.getLogger(__name__)

SPANS_KEY = "bilingual"
JA, EN, VARIANT = "JA", "EN", "VARIANT"
DATA_FILE = "bilingual_heads.tsv"
KNOWN_FILE = "exonyms.jsonl"  # Japanese names of places/bodies that no sound match can pair


def get_pairs(doc: Doc) -> List[Dict[str, Dict[str, Any]]]:
    """Record-format pairs ``[{"ja": {...}, "en": {...}}]`` from the attribute store, by pair id."""
    found = []
    for label, start, end, attrs in iter_store(doc):
        if label == JA and "counterpart" in attrs:
            en_start, en_end = attrs["counterpart"]
            found.append((attrs.get("pair_id", 0), start, end, en_start, en_end))
    text = doc.text
    return [{"ja": {"start": s, "end": e, "text": text[s:e]},
             "en": {"start": es, "end": ee, "text": text[es:ee]}}
            for _, s, e, es, ee in sorted(found)]


def get_counterpart(span: Span) -> Optional[Span]:
    """The other side of a ``JA`` or ``EN`` span's pair, or None."""
    if span.label_ not in (JA, EN):
        return None
    where = get_span_attrs(span).get("counterpart")
    if not where:
        return None
    return span.doc.char_span(where[0], where[1], label=EN if span.label_ == JA else JA)


def get_variants(doc: Doc) -> List[Dict[str, Any]]:
    """Parenthesised alternative spellings: ``[{"start", "end", "text", "of": {...}}]``."""
    text = doc.text
    out = []
    for label, start, end, attrs in iter_store(doc):
        if label == VARIANT and "variant_of" in attrs:
            s, e = attrs["variant_of"]
            out.append({"start": start, "end": end, "text": text[start:end],
                        "of": {"start": s, "end": e, "text": text[s:e]}})
    return sorted(out, key=lambda v: v["start"])


def register_bilingual_extensions() -> None:
    """Register ``Doc._.pairs``, ``Doc._.variants`` and ``Span._.counterpart``; idempotent."""
    register_extensions()
    if not Doc.has_extension("pairs"):
        Doc.set_extension("pairs", getter=get_pairs)
    if not Doc.has_extension("variants"):
        Doc.set_extension("variants", getter=get_variants)
    if not Span.has_extension("counterpart"):
        Span.set_extension("counterpart", getter=get_counterpart)


register_bilingual_extensions()


@Language.factory(
    "bilingual_aligner",
    assigns=["doc.spans"],
    default_config={"spans_key": SPANS_KEY, "data_path": None},
    default_score_weights={f"spans_{SPANS_KEY}_f": None},
)
def make_bilingual_aligner(nlp: Language, name: str, *, spans_key: str,
                           data_path: Optional[str]) -> "BilingualAligner":
    """Build the aligner; ``data_path`` overrides the packaged head list TSV."""
    return BilingualAligner(nlp.vocab, name, spans_key=spans_key, data_path=data_path)


class BilingualAligner(Pipe):
    """Pairs Japanese terms with the Latin-script forms written next to them.

    Args:
        vocab (Vocab): The shared vocabulary.
        name (str): The component name.
        spans_key (str): Span group to write (existing spans there are kept).
        data_path (Optional[str]): Head list TSV (``ja``, ``en|en``, ``source``).
    """

    def __init__(self, vocab, name: str = "bilingual_aligner", *, spans_key: str = SPANS_KEY,
                 data_path: Optional[Union[str, Path]] = None) -> None:
        register_bilingual_extensions()
        self.vocab = vocab
        self.name = name
        self.spans_key = spans_key
        self.tables = Tables(name, {DATA_FILE: data_path, KNOWN_FILE: None})
        self._loaded = False
        if self.tables.available:  # else from_disk supplies it (packaged pipelines)
            self._load()

    def _load(self) -> None:
        with self.tables[DATA_FILE].open(encoding="utf-8") as f:
            self.heads: HeadTable = load_heads(f.read().splitlines())
        with self.tables[KNOWN_FILE].open(encoding="utf-8") as f:
            self.known: KnownTable = load_known(f.read().splitlines())
        self._loaded = True

    def __call__(self, doc: Doc) -> Doc:
        if not self._loaded:
            raise self.tables.missing_error()
        error_handler = self.get_error_handler()
        try:
            text = doc.text  # Doc.text joins every token: read it once
            self.set_annotations(doc, find_pairs(text, self.heads, self.known), find_variants(text))
            return doc
        except Exception as e:  # noqa: BLE001 - spaCy's error-handler contract
            error_handler(self.name, self, [doc], e)
            return doc

    def set_annotations(self, doc: Doc, pairs: Iterable, variants: Iterable) -> None:
        """Write pair and variant spans (token-aligned only) and their attributes."""
        group = list(doc.spans[self.spans_key]) if self.spans_key in doc.spans else []
        new: List[Span] = []
        for pair_id, pair in enumerate(pairs):
            ja = doc.char_span(*pair.ja, label=JA)
            en = doc.char_span(*pair.en, label=EN)
            if ja is None or en is None:
                logger.debug("pair %s/%s not token-aligned", pair.ja, pair.en)
                continue
            for span, other in ((ja, pair.en), (en, pair.ja)):
                set_span_attrs(span, {"counterpart": list(other), "pair_id": pair_id, "evidence": pair.evidence})
                new.append(span)
        for variant in variants:
            span = doc.char_span(*variant.span, label=VARIANT)
            if span is not None:
                set_span_attrs(span, {"variant_of": list(variant.of)})
                new.append(span)
        doc.spans[self.spans_key] = group + new

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = tuple()) -> None:
        """Write the head list and the exonym table into the directory ``path``."""
        self.tables.to_disk(path)

    def from_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = tuple()) -> "BilingualAligner":
        """Read the head list back from the directory ``path``."""
        if self.tables.from_disk(path) or not self._loaded:
            self._load()
        return self

    def initialize(self, get_examples=None, *, nlp: Optional[Language] = None) -> None:
        """Nothing to learn; the head list is loaded in the constructor."""
