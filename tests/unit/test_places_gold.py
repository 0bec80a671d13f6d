"""The where-and-when gold sets keep the record contract (offsets, attributes, an anchor date)."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.conftest import REPO

FILES = [REPO / "corpus" / "places_gold.jsonl", REPO / "corpus" / "places_heldout.jsonl"]
RECORDS = [json.loads(line) for path in FILES for line in path.read_text(encoding="utf-8").splitlines()]


def test_sizes():
    assert len(RECORDS) >= 50 and len({r["id"] for r in RECORDS}) == len(RECORDS)


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r["id"])
def test_record(record):
    dt.date.fromisoformat(record["meta"]["date"])
    for span in record["spans"]:
        assert record["text"][span["start"]:span["end"]] == span["text"]
        assert span["label"] in ("PLACE", "TIME")
        if span["label"] == "PLACE":
            assert span["canonical"] and -90 <= span["lat"] <= 90 and -180 <= span["lon"] <= 180 and span["kind"]
        else:
            assert span["date"][:4].isdigit()
