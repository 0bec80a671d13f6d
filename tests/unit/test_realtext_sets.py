"""The committed real-text sets: offsets-only gold that is well formed and holds no text.

The texts belong to their publishers and are not in the repository
(corpus/README.md). Where they are at hand, ``GUNJI_REALTEXT`` names a JSONL
file of ``{"id", "text"}`` records and the full gold is rebuilt and checked.
"""
import json
import os
from pathlib import Path

import pytest

from pipeline.realtext import publisher, read_jsonl, read_part, rebuild

SETS = Path(__file__).resolve().parents[2] / "corpus" / "realtext"
LABELS = {"MIL_UNIT", "WEAPON", "QUANTITY"}
ROLES = ("trigger", "actor", "weapon", "target", "source")
PARTS = sorted(p.name[: -len("-gold.jsonl")] for p in SETS.glob("*-gold.jsonl"))


def _load(part):
    return read_part(SETS, part)


@pytest.mark.parametrize("part", PARTS)
def test_offsets_only_gold_is_well_formed(part):
    gold, sources = _load(part)
    assert gold and set(r["id"] for r in gold) == set(sources)
    for record in gold:
        length = sources[record["id"]]["length"]
        assert "text" not in record
        for span in record["spans"]:
            assert span["label"] in LABELS and "text" not in span
            assert 0 <= span["start"] < span["end"] <= length
            for role in ROLES:
                if role in span:
                    assert set(span[role]) == {"start", "end"}
                    assert 0 <= span[role]["start"] < span[role]["end"] <= length
        for pair in record["pairs"]:
            assert set(pair) == {"ja", "en"} and "text" not in pair["ja"] and "text" not in pair["en"]


@pytest.mark.parametrize("part", PARTS)
def test_held_out_sites_are_whole(part):
    """A site is held out entirely or not at all, so the held-out part measures unseen outlets."""
    _, sources = _load(part)
    by_site = {}
    for source in sources.values():
        by_site.setdefault(source["site"], set()).add(bool(source["heldout"]))
    assert all(len(flags) == 1 for flags in by_site.values())
    # a part holds out some sites, unless it is a development part: new pages of development sites only
    assert any(s["heldout"] for s in sources.values()) or all(s.get("reused_site") for s in sources.values())


def test_no_site_is_held_out_in_one_part_and_developed_in_another():
    heldout, developed = set(), set()
    for part in PARTS:
        for source in _load(part)[1].values():
            (heldout if source["heldout"] else developed).add(source["site"])
    assert not heldout & developed


def test_rebuilds_where_the_texts_are_at_hand():
    path = os.environ.get("GUNJI_REALTEXT")
    if not path or not Path(path).exists():
        pytest.skip("GUNJI_REALTEXT does not name the texts (they are not in the repository)")
    texts = {r["id"]: r["text"] for r in read_jsonl(Path(path))}
    for part in PARTS:
        gold, sources = _load(part)
        records = rebuild(({**r, "sha256": sources[r["id"]]["sha256"]} for r in gold), texts)
        for record in records:
            for span in record["spans"]:
                assert span["text"] == record["text"][span["start"]:span["end"]]


def test_no_site_is_held_out_in_one_part_and_developed_on_in_another():
    flags = {}
    for part in PARTS:
        for source in _load(part)[1].values():
            flags.setdefault(source["site"], set()).add(bool(source["heldout"]))
    assert all(len(f) == 1 for f in flags.values())


def test_no_publisher_is_held_out_under_one_host_and_developed_under_another():
    heldout, developed = set(), set()
    for part in PARTS:
        for source in _load(part)[1].values():
            (heldout if source["heldout"] else developed).add(publisher(source["site"]))
    assert not heldout & developed
