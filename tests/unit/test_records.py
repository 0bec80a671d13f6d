"""The JSONL record contract: offsets index the text, and records survive Doc round trips."""
from __future__ import annotations

import json

from pipeline.readers import convert, create_jsonl_corpus
from pipeline.records import doc_to_record, record_to_doc

RECORD = {
    "id": "t-1",
    "text": "露軍は無人機458機と約1万人を投入し、ウクライナ空軍が迎撃した。",
    "spans": [
        {"start": 0, "end": 2, "label": "MIL_UNIT", "text": "露軍", "side": "RU"},
        {"start": 3, "end": 6, "label": "WEAPON", "text": "無人機", "canonical": "drone", "weapon_class": "drone"},
        {"start": 6, "end": 10, "label": "QUANTITY", "text": "458機", "value": 458, "unit": "機", "item": "無人機",
         "category": "DRONE", "approx": False, "bound": "exact"},
        {"start": 11, "end": 15, "label": "QUANTITY", "text": "約1万人", "value": 10000, "unit": "人",
         "category": "PERSONNEL", "approx": True, "bound": "exact"},
        {"start": 20, "end": 27, "label": "MIL_UNIT", "text": "ウクライナ空軍"},
    ],
    "pairs": [],
}



def test_record_offsets_are_consistent():
    for span in RECORD["spans"]:
        assert RECORD["text"][span["start"]:span["end"]] == span["text"]


def test_record_doc_record_round_trip(nlp_blank):
    doc = record_to_doc(nlp_blank, RECORD)
    back = doc_to_record(doc, "t-1", RECORD["text"])
    assert back["text"] == RECORD["text"]
    assert back["spans"] == RECORD["spans"]
    assert [e.label_ for e in doc.ents] == ["MIL_UNIT", "WEAPON", "QUANTITY", "QUANTITY", "MIL_UNIT"]


def test_misaligned_span_is_dropped_not_stretched(nlp_blank):
    record = {"id": "m", "text": "親ロシア軍事ブロガー", "spans": [{"start": 1, "end": 5, "label": "MIL_UNIT", "text": "ロシア軍"}]}
    doc = record_to_doc(nlp_blank, record)
    assert doc_to_record(doc, "m")["spans"] == []


def test_reader_and_converter(nlp_blank, tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(RECORD, ensure_ascii=False) + "\nnot json\n", encoding="utf-8")
    examples = list(create_jsonl_corpus(path)(nlp_blank))
    assert len(examples) == 1 and len(examples[0].reference.ents) == 5
    assert convert(nlp_blank, [path], tmp_path / "gold.spacy") == 1
