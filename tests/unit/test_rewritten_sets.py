"""The committed rewritten first-contact sets (corpus/rewritten/): whole records, held out by site.

From part 53 on, annotators rewrote the published paragraphs they chose (keeping every
annotated term as the outlet wrote it) instead of copying them, so these records hold
their text and can be scored by anyone without fetching a page (corpus/README.md).
Their held-out records measure unseen outlets, so a site is held out entirely or not
at all, here and across the offsets-only parts of corpus/realtext/.
"""
import json
from pathlib import Path

import pytest

from pipeline.realtext import publisher, read_part
from tests.unit.test_realtext_sets import PARTS, SETS as PUBLISHED

SETS = Path(__file__).resolve().parents[2] / "corpus" / "rewritten"
FILES = sorted(SETS.glob("*.jsonl"))
LABELS = {"MIL_UNIT", "WEAPON", "QUANTITY"}
CATEGORIES = {"DRONE", "MISSILE", "AIRCRAFT", "VEHICLE", "PERSONNEL", "CASUALTY", "MONEY", "DISTANCE",
              "AREA", "PERCENT", "RATIO", "VOLUME", "TEMPERATURE", "COUNT"}
BOUNDS = {"exact", "at_least", "at_most", "range"}


def _records():
    return [json.loads(line) for path in FILES for line in path.open(encoding="utf-8") if line.strip()]


RECORDS = _records()


def test_there_are_rewritten_sets_with_held_out_records():
    assert FILES and RECORDS
    assert len({r["id"] for r in RECORDS}) == len(RECORDS)
    assert any(r["meta"]["heldout"] for r in RECORDS) and not all(r["meta"]["heldout"] for r in RECORDS)


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r["id"])
def test_record_is_well_formed(record):
    text = record["text"]
    assert 80 <= len(text) <= 450
    assert record["meta"]["url"].startswith("http") and record["meta"]["site"]
    for span in record["spans"]:
        assert span["label"] in LABELS
        assert 0 <= span["start"] < span["end"] <= len(text) and text[span["start"]:span["end"]] == span["text"]
        if span["label"] == "QUANTITY":
            assert {"value", "unit", "category", "approx", "bound"} <= set(span)
            assert span["category"] in CATEGORIES and span["bound"] in BOUNDS
    by_label = {}
    for span in record["spans"]:
        by_label.setdefault(span["label"], []).append((span["start"], span["end"]))
    for ranges in by_label.values():  # spans of one label never overlap
        ranges.sort()
        assert all(a[1] <= b[0] for a, b in zip(ranges, ranges[1:]))
    for pair in record["pairs"]:
        for side in (pair["ja"], pair["en"]):
            assert text[side["start"]:side["end"]] == side["text"]


def test_held_out_sites_are_whole_here_and_across_the_published_parts():
    flags = {}
    for record in RECORDS:
        flags.setdefault(publisher(record["meta"]["site"]), set()).add(bool(record["meta"]["heldout"]))
    for part in PARTS:
        for source in read_part(PUBLISHED, part)[1].values():
            flags.setdefault(publisher(source["site"]), set()).add(bool(source["heldout"]))
    assert all(len(f) == 1 for f in flags.values())
