"""Per-record isolation: a record that makes any stage raise is skipped with its reason; the batch goes on.

Two tiny test components raise on texts that contain a marker: one a plain
function (spaCy calls it doc by doc), one with a ``pipe`` method that raises
for its whole minibatch, as a trainable pipe (ja_ginza's parser) would. Both
run with ``n_process`` 1 and 2, and the output must equal a run without the
failing records: every other record annotated, in input order, the bad ones
skipped with the exception's type, message and the component's name.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator, List

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import pipeline.stream
from pipeline.annotate import annotate_stream
from pipeline.inputs import InputRecord
from pipeline.loader import load_pipeline
from pipeline.outputs import ANNOTATIONS, BatchWriter, read_manifest

pytestmark = pytest.mark.slow

MARKER = "故障注入"
TEXTS = ["ロシア軍は無人機{n}機を発射した。", "ウクライナ空軍は巡航ミサイル{n}発を撃墜した。", "第3独立強襲旅団が戦車{n}両を破壊した。"]


class InjectedFailure(RuntimeError):
    """What the test components raise."""


@Language.component("gunji_test_raise_on_marker")
def raise_on_marker(doc: Doc) -> Doc:
    """Raise on a doc whose text holds the marker."""
    if MARKER in doc.text:
        raise InjectedFailure(f"injected at {doc.text.index(MARKER)}")
    return doc


class BatchFailer:
    """A component whose ``pipe`` fails for a whole minibatch when one doc holds the marker."""

    def __call__(self, doc: Doc) -> Doc:
        return raise_on_marker(doc)

    def pipe(self, docs: Iterator[Doc], batch_size: int = 128) -> Iterator[Doc]:
        from spacy.util import minibatch

        for batch in minibatch(docs, batch_size):
            for doc in batch:
                raise_on_marker(doc)
            yield from batch


@Language.factory("gunji_test_batch_raise_on_marker")
def make_batch_failer(nlp: Language, name: str) -> BatchFailer:
    return BatchFailer()


@pytest.fixture(scope="module")
def nlp_fast() -> Language:
    return load_pipeline(fast=True)


def _inputs(bad: List[int], count: int = 14) -> List[InputRecord]:
    records = []
    for i in range(count):
        text = TEXTS[i % len(TEXTS)].format(n=i + 1)
        if i in bad:
            text = text[:4] + MARKER + text[4:]
        records.append(InputRecord(key=f"t:{i + 1}", id=f"r{i + 1}", text=text))
    return records


def _records(out: Path) -> List[dict]:
    return [json.loads(line) for line in (out / ANNOTATIONS).read_text(encoding="utf-8").splitlines()]


def _skipped(out: Path) -> dict:
    return {key: reason for entry in read_manifest(out) for key, reason in entry["skipped"]}


@pytest.fixture(scope="module")
def reference(nlp_fast, tmp_path_factory) -> List[dict]:
    out = tmp_path_factory.mktemp("reference")
    annotate_stream(nlp_fast, _inputs([]), BatchWriter(out, shard_size=5), batch_size=4)
    return _records(out)


@pytest.mark.parametrize("n_process", [1, 2])
@pytest.mark.parametrize("factory", ["gunji_test_raise_on_marker", "gunji_test_batch_raise_on_marker"])
def test_failing_component_skips_only_its_records(nlp_fast, reference, tmp_path, factory, n_process, capsys):
    nlp_fast.add_pipe(factory, name="failer", after="quantity_extractor")
    try:
        bad = [2, 9]
        writer = BatchWriter(tmp_path, shard_size=5)
        report = annotate_stream(nlp_fast, _inputs(bad), writer, batch_size=4, n_process=n_process)
    finally:
        nlp_fast.remove_pipe("failer")
    assert _records(tmp_path) == [r for i, r in enumerate(reference) if i not in bad]
    skipped = _skipped(tmp_path)
    assert set(skipped) == {"t:3", "t:10"}
    for reason in skipped.values():
        assert reason.startswith("pipeline error: InjectedFailure in component 'failer': injected at 4")
    assert report.new_records == len(reference) - 2
    assert "  pipeline error: 2 (t:3, t:10)" in report.summary_lines()


def test_a_record_writer_failure_skips_that_record(nlp_fast, reference, tmp_path, monkeypatch):
    real = pipeline.stream.doc_to_record

    def failing(doc, record_id, text=None, meta=None):
        if record_id == "r5":
            raise KeyError("no such attribute")
        return real(doc, record_id, text, meta=meta)

    monkeypatch.setattr(pipeline.stream, "doc_to_record", failing)
    annotate_stream(nlp_fast, _inputs([]), BatchWriter(tmp_path, shard_size=5), batch_size=4)
    assert _records(tmp_path) == [r for r in reference if r["id"] != "r5"]
    assert _skipped(tmp_path) == {"t:5": "record error: KeyError in doc_to_record: 'no such attribute'"}


def test_a_failing_piece_of_a_long_text_skips_the_whole_record(nlp_fast, tmp_path):
    nlp_fast.add_pipe("gunji_test_raise_on_marker", name="failer")
    saved = nlp_fast.max_length
    nlp_fast.max_length = 40
    long_text = "".join(t.format(n=7) for t in TEXTS) * 2
    items = [InputRecord("t:1", "r1", long_text), InputRecord("t:2", "r2", long_text[:-5] + MARKER + "撃墜した。"),
             InputRecord("t:3", "r3", long_text)]
    try:
        annotate_stream(nlp_fast, items, BatchWriter(tmp_path), batch_size=2)
    finally:
        nlp_fast.remove_pipe("failer")
        nlp_fast.max_length = saved
    records = _records(tmp_path)
    assert [r["id"] for r in records] == ["r1", "r3"] and records[0]["text"] == long_text
    assert records[0] == {**records[1], "id": "r1"}
    assert list(_skipped(tmp_path)) == ["t:2"]


def test_resume_passes_the_skipped_records(nlp_fast, tmp_path):
    nlp_fast.add_pipe("gunji_test_raise_on_marker", name="failer")
    try:
        annotate_stream(nlp_fast, _inputs([1]), BatchWriter(tmp_path, shard_size=5), batch_size=4)
        before = (tmp_path / ANNOTATIONS).read_bytes()
        resumed = BatchWriter(tmp_path, shard_size=5, resume=True)
        report = annotate_stream(nlp_fast, _inputs([1]), resumed, batch_size=4)
    finally:
        nlp_fast.remove_pipe("failer")
    assert report.new_records == 0
    assert (tmp_path / ANNOTATIONS).read_bytes() == before
    assert [key for key, _ in report.totals.skipped] == ["t:2"]


def test_dask_worker_chunk_skips_the_failing_record(nlp_fast, reference, tmp_path, monkeypatch):
    """The Dask backend's worker task isolates records the same way (run here without a cluster)."""
    from pipeline import dask_backend

    spec = ("name", "test-pipeline-with-failer")
    monkeypatch.setitem(dask_backend._PIPELINES, dask_backend._spec_key(spec), nlp_fast)
    nlp_fast.add_pipe("gunji_test_batch_raise_on_marker", name="failer")
    try:
        from concurrent.futures import Future

        from pipeline.chunk_pool import run_pieces

        def submit(piece):  # the worker task, run here: a finished future of its result
            future = Future()
            future.set_result(dask_backend.annotate_chunk(spec, [(r.key, r.id, r.text, r.meta) for r in piece],
                                                          batch_size=4))
            return future

        writer = BatchWriter(tmp_path, shard_size=5)
        run_pieces(_inputs([4]), writer, submit, window=2, piece_chars=100)
        writer.flush()
    finally:
        nlp_fast.remove_pipe("failer")
    assert _records(tmp_path) == [r for i, r in enumerate(reference) if i != 4]
    assert list(_skipped(tmp_path)) == ["t:5"]


@pytest.mark.parametrize("n_process", ["1", "2"])
def test_cli_run_with_a_failing_component_skips_and_exits_zero(tmp_path, n_process, capsys):
    """The whole ``gunji annotate`` path, with a config that adds the failing component."""
    from spacy.util import load_config

    from configs import FAST_CONFIG
    from pipeline.cli import main

    config = load_config(FAST_CONFIG, interpolate=False)
    config["nlp"]["pipeline"] = [*config["nlp"]["pipeline"], "failer"]
    config["components"]["failer"] = {"factory": "gunji_test_batch_raise_on_marker"}
    config_path = tmp_path / "failing.cfg"
    config.to_disk(config_path, interpolate=False)
    src = tmp_path / "in.txt"
    src.write_text("\n".join(item.text for item in _inputs([1, 5], count=8)) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["annotate", str(src), "-o", str(out), "--config", str(config_path), "--n-process", n_process,
                 "--batch-size", "2", "--shard-size", "3", "--no-progress"]) == 0
    assert [r["id"] for r in _records(out)] == [f"in.txt:{i}" for i in (1, 3, 4, 5, 7, 8)]
    assert set(_skipped(out)) == {"in.txt:2", "in.txt:6"}
    assert "  pipeline error: 2 (in.txt:2, in.txt:6)" in capsys.readouterr().out
