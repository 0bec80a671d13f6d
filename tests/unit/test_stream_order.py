"""Skipped inputs keep their place among the outcomes, however far ahead the stream reads.

A batched component (``components.batching``) makes ``nlp.pipe`` read a whole
batch of inputs before the first outcome comes back; a skipped input read in
that batch must still be reported after the records before it and before the
ones after it, or a resumed run (whose batches start elsewhere) would write a
different manifest from an uninterrupted one.
"""
from __future__ import annotations

from typing import List, Tuple

import pytest
import spacy
from spacy.tokens import Doc

from components.batching import BatchedPipe
from pipeline.inputs import InputRecord, Skipped
from pipeline.stream import annotate_records


class _Fails(BatchedPipe):
    """Raises on texts containing "boom" (so the stream dies and its records are redone one by one)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if "boom" in doc.text:
            raise ValueError("boom")
        return doc


@spacy.Language.factory("gunji_test_order_batched")
def _make(nlp: spacy.Language, name: str) -> _Fails:
    return _Fails(name)


def _run(items, batch_size: int) -> List[Tuple[str, str]]:
    """The order of events: ("record", key) as outcomes are consumed, ("skip", key) as skips are reported."""
    nlp = spacy.blank("xx")
    nlp.add_pipe("gunji_test_order_batched")
    events: List[Tuple[str, str]] = []
    for outcome in annotate_records(nlp, items, batch_size=batch_size,
                                    on_skip=lambda key, reason: events.append(("skip", key))):
        events.append(("record" if outcome.record is not None else "failed", outcome.item.key))
    return events


def _items(texts) -> list:
    out = []
    for i, text in enumerate(texts):
        out.append(Skipped(f"k{i}", "empty record: no text") if text is None else InputRecord(f"k{i}", f"r{i}", text))
    return out


@pytest.mark.parametrize("batch_size", [1, 3, 64])
def test_skips_come_in_input_order(batch_size):
    texts = [None, "a", "b", None, None, "c", "d", "e", None, "f", None]
    events = _run(_items(texts), batch_size)
    assert events == [("skip" if t is None else "record", f"k{i}") for i, t in enumerate(texts)]


def test_skips_keep_their_place_when_the_stream_dies_and_records_are_redone():
    texts = ["a", None, "boom", None, "b", "c", None]
    events = _run(_items(texts), 64)
    expected = [("skip" if t is None else "failed" if t == "boom" else "record", f"k{i}") for i, t in enumerate(texts)]
    assert events == expected
