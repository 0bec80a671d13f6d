"""Offsets-only gold for texts we may not redistribute: strip, then rebuild from the text."""
import json

import pytest

from pipeline.realtext import HashMismatch, find_texts, main, rebuild, rebuild_record, strip_record

TEXT = "キーウ州でロシア軍の無人機12機を撃墜した。"
RECORD = {
    "id": "r-1",
    "text": TEXT,
    "meta": {"url": "https://example.org/a", "date": "2026-01-02"},
    "spans": [
        {"start": 5, "end": 9, "label": "MIL_UNIT", "text": "ロシア軍"},
        {"start": 10, "end": 13, "label": "WEAPON", "text": "無人機"},
        {"start": 13, "end": 16, "label": "QUANTITY", "text": "12機", "value": 12, "unit": "機",
         "event": "INTERCEPT", "trigger": {"start": 17, "end": 19, "text": "撃墜"},
         "weapon": {"start": 10, "end": 13, "text": "無人機"}},
    ],
    "pairs": [],
}


def test_strip_keeps_no_text():
    stripped = strip_record(RECORD)
    dumped = json.dumps(stripped, ensure_ascii=False)
    assert "ロシア" not in dumped and "撃墜" not in dumped and "無人機" not in dumped
    assert stripped["length"] == len(TEXT)
    assert stripped["meta"]["date"] == "2026-01-02"


def test_rebuild_restores_the_record():
    assert rebuild_record(strip_record(RECORD), TEXT) == RECORD


def test_rebuild_refuses_another_version_of_the_text():
    with pytest.raises(HashMismatch):
        rebuild_record(strip_record(RECORD), TEXT.replace("12", "13"))


def test_rebuild_leaves_out_records_without_text():
    assert rebuild([strip_record(RECORD)], {}) == []


def test_command_line_round_trip(tmp_path):
    full = tmp_path / "full.jsonl"
    full.write_text(json.dumps(RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    main(["strip", str(full), "--gold", str(tmp_path / "gold.jsonl")])
    main(["rebuild", str(tmp_path / "gold.jsonl"), "--texts", str(full), "-o", str(tmp_path / "back.jsonl")])
    assert json.loads((tmp_path / "back.jsonl").read_text(encoding="utf-8")) == RECORD


def test_rebuild_takes_hashes_from_a_sources_file(tmp_path):
    full = tmp_path / "full.jsonl"
    full.write_text(json.dumps(RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    stripped = strip_record(RECORD)
    sha = stripped.pop("sha256")
    (tmp_path / "gold.jsonl").write_text(json.dumps(stripped) + "\n", encoding="utf-8")
    (tmp_path / "sources.jsonl").write_text(json.dumps({"id": "r-1", "sha256": sha}) + "\n", encoding="utf-8")
    main(["rebuild", str(tmp_path / "gold.jsonl"), "--texts", str(full), "--sources", str(tmp_path / "sources.jsonl"),
          "-o", str(tmp_path / "back.jsonl")])
    assert json.loads((tmp_path / "back.jsonl").read_text(encoding="utf-8")) == RECORD
    with pytest.raises(HashMismatch):
        main(["rebuild", str(tmp_path / "gold.jsonl"), "--texts", str(full), "-o", str(tmp_path / "no.jsonl")])


def _source(record_id: str, text: str) -> dict:
    stripped = strip_record({"id": record_id, "text": text})
    return {"id": record_id, "sha256": stripped["sha256"], "length": stripped["length"]}


def test_find_locates_a_paragraph_anywhere_in_a_page():
    page = "見出し\n\n" + TEXT + "\n関連記事: ほかの話題"
    assert find_texts([page], [_source("r-1", TEXT)]) == {"r-1": TEXT}


def test_find_gives_a_paragraph_to_every_record_that_holds_it():
    sources = [_source("r-1", TEXT), _source("r-9", TEXT)]  # one statement quoted by two sites
    assert find_texts(["前。" + TEXT], sources) == {"r-1": TEXT, "r-9": TEXT}


def test_find_tries_the_other_spelling_of_a_wave_dash():
    text = "5千~1万機を輸出に回せる。"
    page = "前文。" + text.replace("~", "\uff5e") + "後文。"
    assert find_texts([page], [_source("r-2", text)]) == {"r-2": text}


def test_find_ignores_a_paragraph_that_changed(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(TEXT.replace("12", "13"), encoding="utf-8")
    sources = tmp_path / "sources.jsonl"
    sources.write_text(json.dumps(_source("r-1", TEXT)) + "\n", encoding="utf-8")
    texts = tmp_path / "texts.jsonl"
    assert main(["find", str(page), "--sources", str(sources), "--texts", str(texts)]) == 0
    assert texts.read_text(encoding="utf-8") == ""
    page.write_text("前。" + TEXT, encoding="utf-8")
    main(["find", str(page), "--sources", str(sources), "--texts", str(texts)])
    main(["find", str(page), "--sources", str(sources), "--texts", str(texts)])
    assert [json.loads(line) for line in texts.read_text(encoding="utf-8").splitlines()] == [{"id": "r-1", "text": TEXT}]
