"""Memory zones in the annotation stream: the vocab stays flat, the outputs stay the same.

``pipeline.stream.annotate_records`` runs every ``zone_records`` records inside
``Language.memory_zone``: the strings a record adds to the vocab (a new number,
a new name) are freed when its zone closes. A pipeline whose first docs are
annotated inside a zone must give the same records as one that never saw a
zone (a component or the tokenizer that caches a string's hash across docs
would raise E018 in the second zone), and a record that fails inside a zone
must still be skipped alone.
"""
from __future__ import annotations

import json
from typing import List

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.inputs import InputRecord
from pipeline.loader import load_pipeline
from pipeline.stream import annotate_records

TEXTS = [
    "ロシア軍は無人機{n}機とイスカンデルM{n}発を発射し、ウクライナ空軍は{n}機を撃墜した。",
    "第{n}独立強襲旅団はポクロウスクPokrovsk近郊で戦車{n}両を破壊したと発表した。",
    "米国はHIMARSなど総額{n}億ドル相当の軍事支援を発表した。ザルジニーZaluzhnyiは謝意を述べた。",
]


def _items(count: int) -> List[InputRecord]:
    return [InputRecord(key=f"k{i}", id=f"r{i}", text=TEXTS[i % len(TEXTS)].format(n=9000 + i)) for i in range(count)]


def _lines(nlp, items, **options) -> List[str]:
    return [json.dumps(o.record, ensure_ascii=False) for o in annotate_records(nlp, items, **options)]


@pytest.fixture(scope="module")
def zoned_lines():
    """A fresh fast pipeline whose very first docs run in zones of two records."""
    nlp = load_pipeline(fast=True)
    before = len(nlp.vocab.strings)
    lines = _lines(nlp, _items(7), zone_records=2)
    return lines, before, len(nlp.vocab.strings), nlp


def test_zones_give_the_records_of_a_run_without_zones(zoned_lines):
    lines, _, _, _ = zoned_lines
    plain = _lines(load_pipeline(fast=True), _items(7), zone_records=10 ** 9)
    assert lines == plain
    assert all(json.loads(line)["spans"] for line in lines)


def test_a_record_s_new_strings_are_freed_with_its_zone(zoned_lines):
    _, before, after, nlp = zoned_lines
    assert "9006" not in nlp.vocab.strings  # the last record's new number
    assert after - before < 50  # labels and tags stay; no record's words do


def test_an_outcome_doc_is_usable_until_the_next_is_asked_for():
    nlp = load_pipeline(fast=True)
    for outcome in annotate_records(nlp, _items(4), zone_records=1):
        assert [t.text for t in outcome.doc][:1]  # reading the doc's strings does not raise
        assert outcome.doc.text == outcome.item.text


@Language.component("gunji_test_zone_failer")
def fail_on_marker(doc: Doc) -> Doc:
    """Raise on a doc whose text holds the marker."""
    if "故障" in doc.text:
        raise RuntimeError("injected")
    return doc


def test_a_failing_record_is_skipped_alone_inside_a_zone():
    nlp = load_pipeline(fast=True)
    nlp.add_pipe("gunji_test_zone_failer", first=True)
    items = _items(5)
    items[2] = InputRecord(key="k2", id="r2", text="故障" + items[2].text)
    outcomes = list(annotate_records(nlp, items, zone_records=2))
    assert [o.item.id for o in outcomes] == ["r0", "r1", "r2", "r3", "r4"]
    assert [o.record is None for o in outcomes] == [False, False, True, False, False]
    assert "injected" in outcomes[2].reason


def test_a_worker_zone_spans_pieces_and_is_renewed(zoned_lines, monkeypatch):
    """``chunk_pool``'s workers hold one zone across pieces (a zone per piece rebuilt the vocab's
    lexemes every 16 records) and renew it every ``ZONE_RECORDS`` records."""
    import pipeline.chunk_pool as chunk_pool

    lines, _, _, nlp = zoned_lines
    monkeypatch.setattr(chunk_pool, "ZONE_RECORDS", 4)
    zone = chunk_pool._WorkerZone()
    items = _items(7)
    got, strings_inside = [], []
    for piece in (items[0:2], items[2:4], items[4:6], items[6:7]):
        outcomes, _parts = zone.run(nlp, piece, batch_size=4)
        got += [o["line"] for o in outcomes]
        strings_inside.append(("9001" in nlp.vocab.strings, "9004" in nlp.vocab.strings))
    assert got == lines  # the records a zone per call gives
    # 9001 (piece 1) outlives piece 1 inside the shared zone and is freed when the zone renews after
    # four records (piece 2); 9004 (piece 3) lives on through piece 4, until the zone closes
    assert strings_inside == [(True, False), (False, False), (False, True), (False, True)]
    zone.close()
    assert "9004" not in nlp.vocab.strings
