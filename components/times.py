"""``time_recognizer``: dates, times of day and relative time words as ``TIME`` spans.

Writes ``doc.spans[spans_key]`` (default ``"times"``); each span stores the
parsed fields of :func:`components.time_parse.find_times` (``year``,
``month``, ``day``, ``hour``, ``part``, ``rel_*``, ``into``, ``until`` …)
through ``components.attributes.set_span_attrs``, so that
:func:`components.time_parse.resolve_date` can turn it into an ISO date once
the publication date of the text is known (``pipeline/dating.py``).

The expressions are found on the text with regular expressions (dates are a
closed, regular language: digits, ``年月日時``, a list of day parts and
relative words), then snapped to tokens; an expression whose edges fall inside
a token is shrunk to the tokens it covers, or dropped.
"""
from __future__ import annotations

from typing import Any, Dict, List, Sequence, Tuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from .batching import BatchedPipe
from .attributes import register_extensions, set_span_attrs
from .gazetteer import token_view
from .registration import factory
from .time_parse import find_times

SPANS_KEY = "times"
LABEL = "TIME"


@factory("time_recognizer", assigns=["doc.spans"], default_config={"spans_key": SPANS_KEY},
         default_score_weights={f"spans_{SPANS_KEY}_f": None})
def make_time_recognizer(nlp: Language, name: str, *, spans_key: str) -> "TimeRecognizer":
    """Build the recogniser (it has no tables: the grammar is in ``time_parse``)."""
    return TimeRecognizer(nlp.vocab, name, spans_key=spans_key)


class TimeRecognizer(BatchedPipe):
    """Finds time expressions and stores their parsed fields."""

    def __init__(self, vocab, name: str = "time_recognizer", *, spans_key: str = SPANS_KEY) -> None:
        register_extensions()
        self.vocab = vocab
        self.name = name
        self.spans_key = spans_key

    def find(self, doc: Doc) -> List[Tuple[Span, Dict[str, Any]]]:
        """The TIME spans of ``doc`` with their attributes."""
        text = token_view(doc).text
        found = []
        for start, end, attrs in find_times(text):
            span = doc.char_span(start, end, label=LABEL) or doc.char_span(start, end, label=LABEL,
                                                                           alignment_mode="contract")
            if span is not None and len(span):
                found.append((span, attrs))
        return found

    def set_annotations(self, doc: Doc, found: Sequence[Tuple[Span, Dict[str, Any]]]) -> None:
        group = list(doc.spans[self.spans_key]) if self.spans_key in doc.spans else []
        for span, attrs in found:
            set_span_attrs(span, attrs)
            group.append(span)
        doc.spans[self.spans_key] = group

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            self.set_annotations(doc, self.find(doc))
        except Exception as e:  # noqa: BLE001 - spaCy's error-handler contract
            error_handler(self.name, self, [doc], e)
        return doc

    def to_disk(self, path, *, exclude=tuple()) -> None:
        """Nothing to save: the grammar is code."""

    def from_disk(self, path, *, exclude=tuple()) -> "TimeRecognizer":
        return self

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        """Nothing to learn."""
