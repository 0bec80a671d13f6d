"""The facts table: one row per QUANTITY with an event, participants resolved against the record's spans."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from pipeline.facts_table import COLUMNS, record_rows, sentence_at, write_facts

TEXT = "速報です。ウクライナ空軍によると、ロシア軍は2日夜、無人機「シャヘド」など約240機でキーウ州を攻撃した。うち200機を撃墜した。"


def _at(text: str, word: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return {"start": start, "end": start + len(word), "text": word}


def _record() -> dict:
    q1, q2 = _at(TEXT, "約240機"), _at(TEXT, "200機")
    shahed, army, air = _at(TEXT, "シャヘド"), _at(TEXT, "ロシア軍"), _at(TEXT, "ウクライナ空軍")
    return {
        "id": "r1", "text": TEXT,
        "spans": [
            {**air, "label": "MIL_UNIT", "canonical": "Ukrainian Air Force", "side": "UA"},
            {**army, "label": "MIL_UNIT", "canonical": "Russian Armed Forces", "side": "RU"},
            {**shahed, "label": "WEAPON", "canonical": "Shahed-136", "weapon_class": "drone"},
            {**q1, "label": "QUANTITY", "value": 240, "unit": "機", "category": "DRONE", "item": "シャヘド",
             "approx": True, "bound": "exact", "event": "ATTACK", "trigger": _at(TEXT, "攻撃"), "actor": army,
             "weapon": shahed, "target": _at(TEXT, "キーウ州"), "source": air,
             "place": {**_at(TEXT, "キーウ州"), "canonical": "Kyiv Oblast", "lat": 50.45, "lon": 30.52},
             "date": "2025-03-02"},
            {**q2, "label": "QUANTITY", "value": 200, "unit": "機", "category": "DRONE", "approx": False,
             "bound": "exact", "event": "INTERCEPT", "trigger": _at(TEXT, "撃墜")},
            {**_at(TEXT, "2日"), "label": "QUANTITY", "value": 2, "unit": "日", "category": "OTHER"},
        ],
        "pairs": [],
        "meta": {"date": "2025-03-03", "url": "https://example.org/x", "tags": ["air", "night"]},
    }


def test_one_row_per_event_with_resolved_participants():
    rows = list(record_rows(_record()))
    assert [r["event"] for r in rows] == ["ATTACK", "INTERCEPT"]  # the 2日 quantity reports no event
    attack = rows[0]
    assert (attack["value"], attack["unit"], attack["approx"], attack["category"]) == (240, "機", True, "DRONE")
    assert (attack["weapon"], attack["weapon_canonical"], attack["weapon_class"]) == ("シャヘド", "Shahed-136", "drone")
    assert (attack["actor"], attack["actor_canonical"], attack["actor_side"]) == ("ロシア軍", "Russian Armed Forces", "RU")
    assert (attack["target"], attack["source"], attack["trigger"]) == ("キーウ州", "ウクライナ空軍", "攻撃")
    assert (attack["place"], attack["place_canonical"], attack["lat"], attack["lon"]) == ("キーウ州", "Kyiv Oblast", 50.45, 30.52)
    assert attack["date"] == "2025-03-02" and attack["meta_url"] == "https://example.org/x"
    assert attack["sentence"] == "ウクライナ空軍によると、ロシア軍は2日夜、無人機「シャヘド」など約240機でキーウ州を攻撃した。"
    intercept = rows[1]
    assert intercept["sentence"] == "うち200機を撃墜した。"
    assert intercept["actor"] is None and intercept["weapon_canonical"] is None


def test_participant_not_on_a_span_has_no_canonical():
    record = _record()
    record["spans"][3]["actor"] = _at(TEXT, "ロシア")  # offsets of no MIL_UNIT span
    (row, _) = record_rows(record)
    assert row["actor"] == "ロシア" and row["actor_canonical"] is None and row["actor_side"] is None


@pytest.mark.parametrize("text,word,expected", [
    ("一文目。二文目の10人。三文目", "10人", "二文目の10人。"),
    ("行頭の5機\n次の行", "5機", "行頭の5機"),
    ("終わりのない3発", "3発", "終わりのない3発"),
])
def test_sentence_at(text, word, expected):
    start = text.index(word)
    assert sentence_at(text, start, start + len(word)) == expected


def test_csv_and_parquet_agree(tmp_path: Path):
    pyarrow_parquet = pytest.importorskip("pyarrow.parquet")
    other = {"id": "r2", "text": "米国は戦車31両を供与した。", "spans": [
        {"start": 5, "end": 8, "label": "QUANTITY", "text": "31両", "value": 31, "unit": "両", "event": "SUPPLY",
         "actor": {"start": 0, "end": 2, "text": "米国"}}], "pairs": [], "meta": {"outlet": "例", "date": 20250301}}
    jsonl = tmp_path / "annotations.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (_record(), other))
                     + "\n{torn", encoding="utf-8")
    count, csv_path, parquet_path = write_facts(jsonl, tmp_path)
    assert count == 3
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    names = [name for name, _ in COLUMNS]
    assert list(rows[0])[: len(names)] == names
    assert list(rows[0])[len(names):] == ["meta_date", "meta_url", "meta_tags", "meta_outlet"]
    assert [(r["id"], r["event"], r["value"], r["approx"]) for r in rows] == [
        ("r1", "ATTACK", "240", "true"), ("r1", "INTERCEPT", "200", "false"), ("r2", "SUPPLY", "31", "")]
    assert rows[0]["meta_tags"] == '["air", "night"]' and rows[2]["meta_date"] == "20250301"
    table = pyarrow_parquet.read_table(parquet_path)
    assert table.num_rows == 3
    assert table.column("value").to_pylist() == [240.0, 200.0, 31.0]
    assert table.column("approx").to_pylist() == [True, False, None]
    assert table.column("meta_date").to_pylist() == ["2025-03-03", "2025-03-03", "20250301"]
    assert table.column("actor_side").to_pylist() == ["RU", None, None]
    assert not list(tmp_path.glob("*.tmp"))


def test_no_facts_still_writes_both_files_with_the_header(tmp_path: Path):
    jsonl = tmp_path / "annotations.jsonl"
    jsonl.write_text(json.dumps({"id": "a", "text": "なし", "spans": [], "pairs": []}) + "\n", encoding="utf-8")
    count, csv_path, parquet_path = write_facts(jsonl, tmp_path)
    assert count == 0
    assert csv_path.read_text(encoding="utf-8-sig").splitlines() == [",".join(name for name, _ in COLUMNS)]
    assert pytest.importorskip("pyarrow.parquet").read_table(parquet_path).num_rows == 0


def test_facts_command_rebuilds_from_outdir(tmp_path: Path, capsys):
    from pipeline.cli import main

    out = tmp_path / "run"
    out.mkdir()
    (out / "annotations.jsonl").write_text(json.dumps(_record(), ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["facts", str(out)]) == 0
    assert "2 facts" in capsys.readouterr().out
    assert (out / "facts.csv").exists() and (out / "facts.parquet").exists()
    assert main(["facts", str(tmp_path / "absent")]) == 2
    assert "annotations.jsonl" in capsys.readouterr().err


def test_records_without_an_event_are_not_parsed_and_given_metas_change_nothing(tmp_path: Path):
    from pipeline.facts_table import meta_columns, read_records

    jsonl = tmp_path / "annotations.jsonl"
    plain = {"id": "p", "text": "なし", "spans": [], "pairs": [], "meta": {"only_here": 1}}
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (plain, _record(), plain)) + "\n",
                     encoding="utf-8")
    assert [r["id"] for r in read_records(jsonl, only_facts=True)] == ["r1"]
    assert [r["id"] for r in read_records(jsonl)] == ["p", "r1", "p"]
    write_facts(jsonl, tmp_path)
    first = (tmp_path / "facts.csv").read_bytes()
    write_facts(jsonl, tmp_path, meta_columns(read_records(jsonl)))
    assert (tmp_path / "facts.csv").read_bytes() == first
    assert b"meta_only_here" not in first and b"meta_url" in first


def test_a_row_spool_gives_back_the_rows_of_its_records_in_order():
    from pipeline.facts_table import RowSpool

    spool = RowSpool()
    second = {**_record(), "id": "r2"}
    spool.add(_record())
    spool.add({"id": "r0", "text": "事実なし。", "spans": []})  # no fact: nothing spooled
    spool.add(second)
    assert spool.rows == 4
    assert list(spool) == list(record_rows(_record())) + list(record_rows(second))
    assert [row["id"] for row in spool] == ["r1", "r1", "r2", "r2"]  # read again: the same rows
    spool.close()
    assert list(spool) == []
