"""Shard writing and recovery: a torn run is cut back to its last whole shard."""
from __future__ import annotations

import json

import pytest

from pipeline.outputs import (ANNOTATIONS, MANIFEST, BatchWriter, OutputExistsError, iter_shard_docs, read_manifest,
                              record_line)


def _add(writer, nlp, key):
    doc = nlp("ロシア軍が前進した。")
    writer.add(key, {"id": key, "text": doc.text, "spans": [], "pairs": []}, doc)


def test_shards_jsonl_and_manifest_agree(tmp_path, nlp_blank):
    writer = BatchWriter(tmp_path, shard_size=2)
    for i in range(5):
        _add(writer, nlp_blank, f"f:{i}")
    writer.skip("f:9", "empty record: no text")
    writer.flush()
    entries = read_manifest(tmp_path)
    assert [e["shard"] for e in entries] == ["docs-0000.spacy", "docs-0001.spacy", "docs-0002.spacy"]
    assert sum(len(e["keys"]) for e in entries) == 5
    lines = (tmp_path / ANNOTATIONS).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [f"f:{i}" for i in range(5)]
    assert len(list(iter_shard_docs(tmp_path, nlp_blank.vocab))) == 5
    assert writer.totals.skipped == [("f:9", "empty record: no text")]


def test_full_shards_are_written_in_the_background_and_flush_waits(tmp_path, nlp_blank, monkeypatch):
    import threading

    import pipeline.outputs as outputs

    written, release = [], threading.Event()
    real_write = outputs._write_atomic

    def slow_write(path, data):  # the writer thread waits until the caller has moved on
        release.wait(5)
        written.append((path.name, threading.current_thread() is threading.main_thread()))
        real_write(path, data)

    monkeypatch.setattr(outputs, "_write_atomic", slow_write)
    writer = BatchWriter(tmp_path, shard_size=2)
    for i in range(3):  # the first shard fills and goes to the writer thread
        _add(writer, nlp_blank, f"f:{i}")
    assert writer.totals.records == 2 and not (tmp_path / MANIFEST).exists()  # counted now, written later
    release.set()
    writer.flush()  # the last shard is written here, after the pending one
    assert written == [("docs-0000.spacy", False), ("docs-0001.spacy", True)]
    assert [e["keys"] for e in read_manifest(tmp_path)] == [["f:0", "f:1"], ["f:2"]]


def test_a_failed_background_write_is_raised_in_the_caller(tmp_path, nlp_blank, monkeypatch):
    import pipeline.outputs as outputs

    def full_disk(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outputs, "_write_atomic", full_disk)
    writer = BatchWriter(tmp_path, shard_size=1)
    _add(writer, nlp_blank, "f:0")  # its shard fails in the writer thread
    with pytest.raises(OSError, match="No space"):
        writer.flush()
    assert read_manifest(tmp_path) == []  # nothing claims the shard that was not written


def test_existing_output_needs_resume(tmp_path, nlp_blank):
    writer = BatchWriter(tmp_path)
    _add(writer, nlp_blank, "a:1")
    writer.flush()
    with pytest.raises(OutputExistsError):
        BatchWriter(tmp_path)


def test_resume_cuts_torn_state_back(tmp_path, nlp_blank):
    writer = BatchWriter(tmp_path, shard_size=1)
    _add(writer, nlp_blank, "a:1")
    writer.flush()  # the full shard went to the writer thread; flush waits for it
    size = (tmp_path / ANNOTATIONS).stat().st_size
    # A run killed mid-shard: a JSONL line, a half manifest line, a stray shard file.
    with (tmp_path / ANNOTATIONS).open("a", encoding="utf-8") as f:
        f.write('{"id": "a:2", "text": "x", "spans": [], "pa')
    with (tmp_path / MANIFEST).open("a", encoding="utf-8") as f:
        f.write('{"shard": "docs-0001.spacy", "keys": ["a:2"')
    (tmp_path / "docs-0001.spacy").write_bytes(b"partial")
    (tmp_path / "docs-0002.spacy.tmp").write_bytes(b"partial")
    resumed = BatchWriter(tmp_path, shard_size=1, resume=True)
    assert resumed.done_keys == {"a:1"}
    assert (tmp_path / ANNOTATIONS).stat().st_size == size
    assert not (tmp_path / "docs-0001.spacy").exists() and not (tmp_path / "docs-0002.spacy.tmp").exists()
    _add(resumed, nlp_blank, "a:2")
    resumed.flush()
    ids = [json.loads(line)["id"] for line in (tmp_path / ANNOTATIONS).read_text(encoding="utf-8").splitlines()]
    assert ids == ["a:1", "a:2"]
    assert [e["shard"] for e in read_manifest(tmp_path)] == ["docs-0000.spacy", "docs-0001.spacy"]


def _docbin_state(docbin):
    return ([a.tolist() for a in docbin.tokens], [a.tolist() for a in docbin.spaces], docbin.flags, docbin.cats,
            docbin.user_data, docbin.span_groups, docbin.strings)


@pytest.mark.parametrize("text", ["ロシア軍はKh-101ミサイル3発を発射した。 ウクライナ空軍が発表。", ""])
def test_docbin_add_keeps_what_spacys_add_keeps(nlp_blank, text):
    """``docbin_add`` (strings from arrays) leaves a DocBin exactly as ``DocBin.add`` does: tags, lemmas,
    norms, morphs (Sudachi readings), entity types and kb ids, span groups with labels and kb ids, user data."""
    from spacy.tokens import DocBin, Span

    from pipeline.outputs import docbin_add

    doc = nlp_blank(text)
    if len(doc) > 3:
        doc.ents = [Span(doc, 0, 2, label="MIL_UNIT", kb_id="Russian Armed Forces")]
        doc.spans["weapons"] = [Span(doc, 3, 5, label="WEAPON", kb_id="Kh-101 (new)")]
    doc.user_data["note"] = {"x": 1}
    ours, theirs = DocBin(store_user_data=True), DocBin(store_user_data=True)
    docbin_add(ours, doc)
    theirs.add(doc)
    assert _docbin_state(ours) == _docbin_state(theirs)
    assert len(ours.strings) > 5 or not text


@pytest.mark.parametrize("texts", [["ロシア軍はKh-101ミサイル3発を発射した。", "ウクライナ空軍が発表。"], []])
def test_docbin_to_bytes_is_spacys_message_at_another_zlib_level(nlp_blank, texts):
    """Our shards hold the message ``DocBin.to_bytes`` builds (only the zlib level differs), and spaCy reads them."""
    import zlib

    from spacy.tokens import DocBin

    from pipeline.outputs import SHARD_COMPRESSION, docbin_to_bytes

    docbin = DocBin(store_user_data=True)
    for text in texts:
        doc = nlp_blank(text)
        doc.user_data["note"] = {"x": len(text)}
        docbin.add(doc)
    ours, theirs = docbin_to_bytes(docbin), docbin.to_bytes()
    assert zlib.decompress(ours) == zlib.decompress(theirs)
    assert ours == zlib.compress(zlib.decompress(theirs), SHARD_COMPRESSION)
    back = list(DocBin().from_bytes(ours).get_docs(nlp_blank.vocab))
    assert [d.text for d in back] == texts and [d.user_data.get("note") for d in back] == [{"x": len(t)} for t in texts]


def test_docbin_add_over_several_docs_keeps_spacys_strings(nlp_blank):
    """Strings a DocBin already holds are not looked up again; the string set is still spaCy's."""
    from spacy.tokens import DocBin

    from pipeline.outputs import docbin_add

    ours, theirs = DocBin(store_user_data=True), DocBin(store_user_data=True)
    for text in ("ロシア軍は無人機40機を発射した。", "ウクライナ空軍は無人機38機を撃墜した。", "新しい語ドニプロ。"):
        doc = nlp_blank(text)
        docbin_add(ours, doc)
        theirs.add(doc)
    assert _docbin_state(ours) == _docbin_state(theirs)


def test_record_lines_are_strict_json():
    """A NaN anywhere in a record raises (the writers turn that into one skipped record) rather than
    writing a line that JavaScript, Go or serde would refuse."""
    assert json.loads(record_line({"id": "a", "text": "露軍", "meta": {"x": None}}))["meta"] == {"x": None}
    with pytest.raises(ValueError):
        record_line({"id": "a", "text": "露軍", "meta": {"x": float("nan")}})
