"""Input reading: every format, and every kind of bad input becomes a reported skip."""
from __future__ import annotations

import json

import pytest

from pipeline.inputs import InputRecord, Skipped, iter_inputs, reason_kind


def _items(*paths):
    return list(iter_inputs([str(p) for p in paths]))


def test_txt_one_record_per_non_empty_line(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("一行目\n\n二行目\n", encoding="utf-8")
    assert _items(f) == [InputRecord("a.txt:1", "a.txt:1", "一行目", {"file": "a.txt", "line": 1}),
                         InputRecord("a.txt:3", "a.txt:3", "二行目", {"file": "a.txt", "line": 3})]


def test_whitespace_line_is_an_empty_record(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("  \u3000\n", encoding="utf-8")
    (item,) = _items(f)
    assert isinstance(item, Skipped) and reason_kind(item.reason) == "empty record" and item.key == "a.txt:1"


def test_jsonl_ids_text_and_ignored_gold(tmp_path):
    f = tmp_path / "g.jsonl"
    rows = [{"id": "r1", "text": "露軍", "spans": [{"start": 0, "end": 2, "label": "MIL_UNIT"}]}, {"text": "米軍"}]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    assert _items(f) == [InputRecord("g.jsonl:1", "r1", "露軍"), InputRecord("g.jsonl:2", "g.jsonl:2", "米軍")]


def test_bad_jsonl_lines_are_skipped_with_line_numbers(tmp_path):
    f = tmp_path / "b.jsonl"
    f.write_text('{"text": "良い"}\nnot json\n[1]\n{"id": 3}\n{"text": 5}\n{"text": ""}\n{"text": "a\\u0000b"}\n'
                 '{"text": "a\\ud800b"}\n{"text": "a\\ud83d\\ude00b"}\n', encoding="utf-8")
    items = _items(f)
    assert isinstance(items[0], InputRecord)
    assert items[-1] == InputRecord("b.jsonl:9", "b.jsonl:9", "a\U0001f600b")  # a whole pair is one character
    kinds = [(i.key, reason_kind(i.reason)) for i in items[1:-1]]
    assert kinds == [("b.jsonl:2", "invalid JSON"), ("b.jsonl:3", "not a JSON object"), ("b.jsonl:4", "no text field"),
                     ("b.jsonl:5", "text not a string"), ("b.jsonl:6", "empty record"), ("b.jsonl:7", "NUL characters"),
                     ("b.jsonl:8", "lone surrogate")]


def test_json_nested_too_deep_is_one_skipped_line(tmp_path):
    """Python's JSON parser raises RecursionError (no JSONDecodeError) on [[[[…]]]] thousands deep."""
    f = tmp_path / "n.jsonl"
    f.write_text('{"text": "前"}\n' + "[" * 100_000 + "\n" + '{"text": "x", "meta": ' + "[" * 50_000 + "]" * 50_000
                 + '}\n{"text": "後"}\n', encoding="utf-8")
    items = _items(f)
    assert [type(i).__name__ for i in items] == ["InputRecord", "Skipped", "Skipped", "InputRecord"]
    assert {reason_kind(i.reason) for i in items[1:3]} == {"invalid JSON"}


def test_gold_reader_skips_a_line_nested_too_deep(tmp_path):
    from pipeline.readers import iter_jsonl

    f = tmp_path / "g.jsonl"
    f.write_text('{"text": "前"}\n' + "[" * 100_000 + '\n{"text": "後"}\n', encoding="utf-8")
    assert [r["text"] for r in iter_jsonl(f)] == ["前", "後"]


def test_directory_names_the_entries_it_does_not_read(tmp_path, caplog):
    (tmp_path / "a.txt").write_text("戦車5両\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("id,text\n1,砲弾\n", encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing")
    with caplog.at_level("WARNING", logger="pipeline.inputs"):
        items = _items(tmp_path)
    assert [i.text for i in items] == ["戦車5両"]
    assert "2 entries ignored" in caplog.text and "b.csv" in caplog.text and "gone.txt" in caplog.text


def test_invalid_utf8_line_skipped_and_the_rest_read(tmp_path):
    f = tmp_path / "c.txt"
    f.write_bytes("前\n".encode() + b"\xff\xfe\n" + "後\n".encode())
    items = _items(f)
    assert [type(i).__name__ for i in items] == ["InputRecord", "Skipped", "InputRecord"]
    assert items[1].key == "c.txt:2" and reason_kind(items[1].reason) == "invalid UTF-8"


def test_binary_file_skipped_whole(tmp_path):
    f = tmp_path / "d.txt"
    f.write_bytes(bytes(range(256)) * 8)
    (item,) = _items(f)
    assert isinstance(item, Skipped) and reason_kind(item.reason) == "binary file"


def test_one_corrupted_line_costs_that_line_not_the_file(tmp_path):
    """A JSONL file with a line of raw NUL and control bytes is text with one bad record: the batch reads on."""
    f = tmp_path / "r.jsonl"
    good = json.dumps({"id": "a", "text": "ロシア軍"}, ensure_ascii=False).encode()
    f.write_bytes(good + b"\n" + b"\xff\xfe\x00g\x00arbage\x00\n" + good.replace(b'"a"', b'"b"') + b"\n")
    items = _items(f)
    assert [type(i).__name__ for i in items] == ["InputRecord", "Skipped", "InputRecord"]
    assert items[1].key == "r.jsonl:2"


@pytest.mark.parametrize("head", [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n",
                                  b"PK\x03\x04\x14\x00\x06\x00word/document.xml", b"\x1f\x8b\x08\x00gzip"])
def test_binary_formats_known_by_their_signature(tmp_path, head):
    f = tmp_path / "doc.txt"
    f.write_bytes(head + "ロシア軍は前進した。\n".encode() * 50)
    (item,) = _items(f)
    assert isinstance(item, Skipped) and reason_kind(item.reason) == "binary file"


def test_bom_and_crlf_are_not_part_of_the_text(tmp_path):
    f = tmp_path / "e.txt"
    f.write_bytes(b"\xef\xbb\xbf" + "ロシア軍\r\n".encode())
    assert _items(f) == [InputRecord("e.txt:1", "e.txt:1", "ロシア軍", {"file": "e.txt", "line": 1})]


def test_directory_is_read_recursively_with_relative_names(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text("甲\n", encoding="utf-8")
    (tmp_path / "y.jsonl").write_text('{"text": "乙"}\n', encoding="utf-8")
    (tmp_path / "ignored.bin").write_bytes(b"\x00\x01")
    assert [i.key for i in _items(tmp_path)] == ["sub/x.txt:1", "y.jsonl:1"]


def test_missing_path_is_reported(tmp_path):
    (item,) = _items(tmp_path / "nope.txt")
    assert isinstance(item, Skipped) and reason_kind(item.reason) == "no such file"


def test_jsonl_extra_keys_become_meta(tmp_path):
    f = tmp_path / "m.jsonl"
    row = {"id": "a1", "text": "露軍", "date": "2025-03-02", "url": "https://example.org/a", "outlet": "X",
           "spans": [], "pairs": [], "tags": ["a", "b"]}
    f.write_text(json.dumps(row, ensure_ascii=False) + "\n" + json.dumps({"text": "米軍"}) + "\n", encoding="utf-8")
    first, second = _items(f)
    assert first.meta == {"date": "2025-03-02", "url": "https://example.org/a", "outlet": "X", "tags": ["a", "b"]}
    assert second.meta is None


def test_nan_and_infinity_are_read_as_null(tmp_path, caplog):
    """Python's json writes NaN and Infinity, which JSON has not: the record is kept, the value is null."""
    f = tmp_path / "n.jsonl"
    f.write_text('{"id": "a", "text": "露軍", "score": NaN, "range": [-Infinity, 1]}\n', encoding="utf-8")
    (record,) = _items(f)
    assert isinstance(record, InputRecord) and record.meta == {"score": None, "range": [None, 1]}
    assert "n.jsonl:1: -Infinity, NaN read as null" in caplog.text


def test_cp932_file_is_named_with_the_option(tmp_path):
    f = tmp_path / "sjis.txt"
    f.write_bytes("ロシア軍は無人機を発射したと発表した。\n".encode("cp932"))
    (item,) = _items(f)
    assert reason_kind(item.reason) == "wrong encoding"
    assert "CP932" in item.reason and "--encoding cp932" in item.reason


def test_cut_utf8_is_not_called_cp932(tmp_path):
    f = tmp_path / "cut.txt"
    f.write_bytes("ロシア軍は途中で".encode()[:-1] + b"\n")
    (item,) = _items(f)
    assert reason_kind(item.reason) == "invalid UTF-8"


def test_encoding_option_reads_cp932(tmp_path):
    f = tmp_path / "sjis.txt"
    f.write_bytes("ロシア軍は無人機を発射した。\r\n".encode("cp932") + "二行目\r\n".encode("cp932"))
    items = list(iter_inputs([str(f)], encoding="cp932"))
    assert [i.text for i in items] == ["ロシア軍は無人機を発射した。", "二行目"]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le"])
def test_utf16_is_named_and_read_with_the_option(tmp_path, codec):
    f = tmp_path / "u16.jsonl"
    f.write_bytes(('{"id": "x", "text": "ロシア軍", "date": "2025-01-01"}\n{"text": "米軍"}\n').encode(codec))
    (item,) = _items(f)
    assert reason_kind(item.reason) == "wrong encoding" and "--encoding utf-16" in item.reason
    items = list(iter_inputs([str(f)], encoding=codec))
    assert [(i.id, i.text, i.meta) for i in items] == [("x", "ロシア軍", {"date": "2025-01-01"}), ("u16.jsonl:2", "米軍", None)]
