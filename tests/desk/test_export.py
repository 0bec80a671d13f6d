"""gunji export / convert --from: each tool's format round-trips our records; tool edits are read back."""
from __future__ import annotations

import json

import pytest

from pipeline.export import FORMATS, detect_format, export_records, read_tool_file
from pipeline.tool_prodigy import char_tokens
from tests.desk.records import make_records, nested_record

FORMAT_NAMES = sorted(FORMATS)


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_round_trip_is_identical(fmt, tmp_path):
    records = make_records(2)
    path = tmp_path / f"out-{fmt}"
    assert export_records(records, fmt, path) == len(records)
    back = list(read_tool_file(path, fmt))
    assert back == records  # spans, pairs, every attribute, facts, meta, ids
    assert list(read_tool_file(path, "auto")) == records


def test_tool_files_are_in_the_tools_shapes(tmp_path):
    record = nested_record()
    export_records([record], "prodigy", tmp_path / "p.jsonl")
    task = json.loads((tmp_path / "p.jsonl").read_text(encoding="utf-8"))
    pair = task["relations"][0]
    assert pair["label"] == "PAIR" and pair["head_span"]["label"] == "JA" and pair["child_span"]["label"] == "EN"
    tokens = task["tokens"]
    for span in task["spans"]:  # every span sits on whole tokens
        assert tokens[span["token_start"]]["start"] == span["start"]
        assert tokens[span["token_end"]]["end"] == span["end"]
    assert task["meta"]["id"] == record["id"]

    export_records([record], "doccano", tmp_path / "d.jsonl")
    line = json.loads((tmp_path / "d.jsonl").read_text(encoding="utf-8"))
    by_id = {e["id"]: e for e in line["entities"]}
    rel = line["relations"][0]
    assert rel["type"] == "PAIR" and by_id[rel["from_id"]]["label"] == "JA" and by_id[rel["to_id"]]["label"] == "EN"
    assert {e["label"] for e in line["entities"]} == {"MIL_UNIT", "WEAPON", "QUANTITY", "JA", "EN"}

    export_records([record], "labelstudio", tmp_path / "l.json")
    tasks = json.loads((tmp_path / "l.json").read_text(encoding="utf-8"))
    result = tasks[0]["predictions"][0]["result"]
    assert {r["type"] for r in result} == {"labels", "relation"}
    regions = [r for r in result if r["type"] == "labels"]
    assert all(record["text"][r["value"]["start"]:r["value"]["end"]] == r["value"]["text"] for r in regions)
    config = (tmp_path / "l.xml").read_text(encoding="utf-8")
    assert '<Relation value="PAIR"/>' in config and '<Label value="QUANTITY"/>' in config


def test_annotator_edits_are_read_back(tmp_path):
    """A span moved in the tool loses the attributes of the old span; untouched spans keep theirs."""
    record = nested_record()
    export_records([record], "doccano", tmp_path / "d.jsonl")
    line = json.loads((tmp_path / "d.jsonl").read_text(encoding="utf-8"))
    qty = next(e for e in line["entities"] if e["label"] == "QUANTITY")
    qty["end_offset"] -= 1  # the annotator trims the span
    line["entities"].append({"id": 99, "label": "WEAPON", "start_offset": 0, "end_offset": 1})
    line["relations"] = []  # and removes the pair
    (tmp_path / "d.jsonl").write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    back = next(read_tool_file(tmp_path / "d.jsonl", "auto"))
    trimmed = next(s for s in back["spans"] if s["start"] == qty["start_offset"] and s["label"] == "QUANTITY")
    assert trimmed == {"start": qty["start_offset"], "end": qty["end_offset"], "label": "QUANTITY",
                       "text": record["text"][qty["start_offset"]:qty["end_offset"]]}
    kept = [s for s in back["spans"] if s["label"] == "MIL_UNIT"]
    assert kept == [s for s in record["spans"] if s["label"] == "MIL_UNIT"]
    assert back["pairs"] == [] and any(s["start"] == 0 and s["end"] == 1 for s in back["spans"])


def test_rejected_prodigy_answers_are_not_gold(tmp_path):
    records = make_records()
    export_records(records, "prodigy", tmp_path / "p.jsonl")
    lines = (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()
    task = json.loads(lines[1])
    task["answer"] = "reject"
    lines[1] = json.dumps(task, ensure_ascii=False)
    (tmp_path / "p.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [r["id"] for r in read_tool_file(tmp_path / "p.jsonl")] == [records[0]["id"], records[2]["id"]]


def test_foreign_tasks_without_side_data(tmp_path):
    """Tasks made in the tool itself (no gunji object) still become records."""
    task = {"data": {"text": "東方軍が来た"}, "id": 7,
            "annotations": [{"result": [{"id": "a", "type": "labels", "from_name": "label", "to_name": "text",
                                         "value": {"start": 0, "end": 3, "text": "東方軍", "labels": ["MIL_UNIT"]}}]}]}
    path = tmp_path / "ls.json"
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    assert list(read_tool_file(path)) == [{"id": "7", "text": "東方軍が来た", "pairs": [],
                                           "spans": [{"start": 0, "end": 3, "label": "MIL_UNIT", "text": "東方軍"}]}]


def test_detect_format_of_our_records():
    assert detect_format(make_records()[0]) == "gunji"


def test_char_tokens_keep_latin_runs_and_cut_at_span_edges():
    tokens = char_tokens("第3旅団 Tank Brigade", {5, 7})
    assert [t["text"] for t in tokens] == ["第", "3", "旅", "団", "Ta", "nk", "Brigade"]
    assert tokens[3]["ws"] is True and tokens[5]["ws"] is True and tokens[6]["ws"] is False


def test_older_doccano_export_with_data_and_label_list(tmp_path):
    line = {"id": 3, "data": "東方軍の戦車が来た", "label": [[0, 3, "MIL_UNIT"], [4, 6, "WEAPON"]]}
    path = tmp_path / "old.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    assert list(read_tool_file(path)) == [{"id": "3", "text": "東方軍の戦車が来た", "pairs": [],
                                           "spans": [{"start": 0, "end": 3, "label": "MIL_UNIT", "text": "東方軍"},
                                                     {"start": 4, "end": 6, "label": "WEAPON", "text": "戦車"}]}]
