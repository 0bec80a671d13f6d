"""Frozen msgpack registries write the same bytes, still see later registrations; a failed DocBin.add leaves no trace."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
import srsly
from spacy.tokens import DocBin

from pipeline.outputs import ANNOTATIONS, BatchWriter, iter_shard_docs
from pipeline.serialization import freeze_msgpack_registries
from tests.conftest import REPO

SCRIPT = """
import sys, spacy
from spacy.tokens import DocBin
if sys.argv[1] == "frozen":
    from pipeline.serialization import freeze_msgpack_registries
    freeze_msgpack_registries()
nlp = spacy.blank("ja", config={"nlp": {"tokenizer": {"split_mode": "C"}}})
docs = [nlp(t) for t in ["ロシア軍は無人機20機を発射した。", "米国は戦車31両を供与した。"]]
docs[0].spans["weapons"] = [docs[0][2:3]]
docs[0].user_data[("._.", "gunji_attrs", None, None)] = {"WEAPON:5:8": {"weapon_class": "drone", "n": [1, 2.5]}}
sys.stdout.buffer.write(DocBin(store_user_data=True, docs=docs).to_bytes())
"""


def test_frozen_registries_write_the_same_bytes():
    def run(mode: str) -> bytes:
        return subprocess.run([sys.executable, "-c", SCRIPT, mode], cwd=REPO, check=True, capture_output=True).stdout

    plain, frozen = run("plain"), run("frozen")
    assert plain and plain == frozen


def test_a_later_registration_is_still_used():
    freeze_msgpack_registries()

    class Marker:
        pass

    def encode_marker(obj, chain=None):
        if isinstance(obj, Marker):
            return {"__marker__": True}
        return obj if chain is None else chain(obj)

    srsly.msgpack_encoders.register("gunji_test_marker", func=encode_marker)
    assert srsly.msgpack_loads(srsly.msgpack_dumps({"m": Marker()})) == {"m": {"__marker__": True}}


def test_a_doc_that_cannot_be_serialised_costs_only_itself(tmp_path, nlp_blank):
    writer = BatchWriter(tmp_path, shard_size=10)
    good, bad, after = nlp_blank("露軍の戦車"), nlp_blank("米軍"), nlp_blank("無人機3機")
    bad.user_data["unserialisable"] = object()
    writer.add("a:1", {"id": "a1", "text": good.text, "spans": [], "pairs": []}, good)
    with pytest.raises(TypeError):
        writer.add("a:2", {"id": "a2", "text": bad.text, "spans": [], "pairs": []}, bad)
    writer.add("a:3", {"id": "a3", "text": after.text, "spans": [], "pairs": []}, after)
    writer.flush()
    assert [d.text for d in iter_shard_docs(tmp_path, nlp_blank.vocab)] == ["露軍の戦車", "無人機3機"]
    ids = [json.loads(line)["id"] for line in (tmp_path / ANNOTATIONS).read_text(encoding="utf-8").splitlines()]
    assert ids == ["a1", "a3"]
    assert len(DocBin().from_disk(tmp_path / "docs-0000.spacy")) == 2
