"""``--n-process N`` by chunks: workers write whole shards; the output is what one process writes."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List

import pytest
from spacy.tokens import DocBin
from spacy.vocab import Vocab

from pipeline.annotate import annotate_stream
from pipeline.chunk_pool import annotate_in_processes
from pipeline.inputs import InputRecord, Skipped
from pipeline.loader import load_pipeline
from pipeline.outputs import ANNOTATIONS, MANIFEST, BatchWriter, read_manifest
from tests.integration.test_isolation import MARKER, TEXTS  # registers the failing test components

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp_fast():
    return load_pipeline(fast=True)


def _inputs(count: int = 23, bad=()) -> list:
    items: list = []
    for i in range(count):
        text = TEXTS[i % len(TEXTS)].format(n=i + 1)
        items.append(InputRecord(f"t:{i + 1}", f"r{i + 1}", (MARKER + text) if i in bad else text,
                                 {"line": i + 1}))
        if i % 7 == 3:
            items.append(Skipped(f"t:{i + 1}b", "empty record: no text"))
    return items


def _records(out: Path) -> List[dict]:
    return [json.loads(line) for line in (out / ANNOTATIONS).read_text(encoding="utf-8").splitlines()]


def _doc_texts(out: Path) -> List[str]:
    return [d.text for e in read_manifest(out) if e["shard"]
            for d in DocBin().from_disk(out / e["shard"]).get_docs(Vocab())]


@pytest.mark.parametrize("piece_chars", [10_000, 40])  # a piece per shard; several pieces per shard
def test_chunks_in_two_processes_write_what_one_process_writes(nlp_fast, tmp_path, piece_chars):
    annotate_stream(nlp_fast, _inputs(), BatchWriter(tmp_path / "one", shard_size=5), batch_size=4)
    report = annotate_in_processes(nlp_fast, _inputs(), BatchWriter(tmp_path / "two", shard_size=5), n_process=2,
                                   batch_size=4, piece_chars=piece_chars)
    for name in ("manifest.jsonl", ANNOTATIONS, *(f"docs-{i:04d}.spacy" for i in range(5))):
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), name
    assert _records(tmp_path / "two") == _records(tmp_path / "one")
    assert _doc_texts(tmp_path / "two") == _doc_texts(tmp_path / "one") == [r["text"] for r in _records(tmp_path / "one")]
    assert sorted(p.name for p in (tmp_path / "two").glob("docs-*")) == [f"docs-{i:04d}.spacy" for i in range(5)]
    assert report.new_records == 23 and len(report.totals.skipped) == 3
    assert all(len(e["keys"]) == 5 for e in read_manifest(tmp_path / "two")[:-1])


def test_a_failing_record_in_a_worker_is_skipped_and_resume_passes_it(nlp_fast, tmp_path):
    nlp_fast.add_pipe("gunji_test_batch_raise_on_marker", name="failer")
    try:
        annotate_in_processes(nlp_fast, _inputs(bad=[6]), BatchWriter(tmp_path, shard_size=5), n_process=2,
                              batch_size=4)
        manifest = tmp_path / MANIFEST
        manifest.write_bytes(b"".join(manifest.read_bytes().splitlines(keepends=True)[:2]))  # killed after 2 shards
        report = annotate_in_processes(nlp_fast, _inputs(bad=[6]), BatchWriter(tmp_path, shard_size=5, resume=True),
                                       n_process=2, batch_size=4)
    finally:
        nlp_fast.remove_pipe("failer")
    ids = [r["id"] for r in _records(tmp_path)]
    assert ids == [f"r{i + 1}" for i in range(23) if i != 6]
    skipped = dict(report.totals.skipped)
    assert skipped["t:7"].startswith("pipeline error: InjectedFailure in component 'failer'")
    assert _doc_texts(tmp_path) == [r["text"] for r in _records(tmp_path)]


def test_the_glossary_gathers_from_the_workers_shards_as_they_are_written(nlp_fast, tmp_path):
    """The parent reads each shard's lines as it writes them, so no second pass over the records."""
    from pipeline.annotate import RecordExtras
    from pipeline.glossary import build_glossary
    from pipeline.record_view import iter_records

    writer = BatchWriter(tmp_path, shard_size=5)
    extras = RecordExtras().watch(writer)
    annotate_in_processes(nlp_fast, _inputs(), writer, n_process=2, batch_size=4, piece_chars=40)
    assert extras.covers() and extras.records == 23
    assert extras.glossary.build() == build_glossary(iter_records(tmp_path))
