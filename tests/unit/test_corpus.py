"""The project's own gold corpus keeps the record contract of ANNOTATION.md.

corpus/gold.jsonl and corpus/heldout.jsonl are hand-annotated (offsets computed by a script, never typed),
and everything that scores or trains on it trusts that contract: offsets that
slice to the span text, our three labels only, the QUANTITY attribute
vocabularies, and pairs whose sides are really Japanese and Latin. A broken
record here would silently skew every figure measured on it, so each rule is
checked record by record and the failure names the record.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Dict, List

import pytest

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "corpus" / "gold.jsonl"
HELDOUT = REPO / "corpus" / "heldout.jsonl"
EXAMPLE = REPO / "corpus" / "example.txt"

LABELS = {"MIL_UNIT", "WEAPON", "QUANTITY"}
CATEGORIES = {
    "DRONE", "MISSILE", "AIRCRAFT", "VEHICLE", "PERSONNEL", "CASUALTY", "MONEY", "DISTANCE",
    "AREA", "PERCENT", "RATIO", "VOLUME", "TEMPERATURE", "COUNT",
}
CASUALTY_KINDS = {"killed", "wounded", "killed_or_wounded"}
BOUNDS = {"exact", "at_least", "at_most", "range"}
QUANTITY_KEYS = {"value", "value_max", "unit", "item", "category", "casualty", "approx", "bound"}
SPAN_KEYS = {"start", "end", "label", "text"}
# Measures, currencies and percent are normalised to symbols or ISO codes;
# Japanese counters stay as written, except the か所 spellings.
MEASURE_UNITS = {"km", "m", "cm", "mile", "km²", "%", "bbl/d", "RUB", "USD", "JPY", "EUR", "°C"}
RAW_UNITS = {
    "キロ", "キロメートル", "メートル", "センチ", "マイル", "平方キロ", "平方キロメートル", "パーセント",
    "％", "ドル", "円", "ユーロ", "ルーブル", "度", "カ所", "ヵ所", "箇所", "$", "rubles",
}
NOT_UNITS = {"ロシア兵", "兵士", "捕虜", "英国防省", "戦争研究所", "軍", "自軍", "部隊", "軍隊", "兵力"}
NOT_WEAPONS = {"兵器", "武器", "弾薬", "装備", "車両"}
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


def _load() -> List[Dict[str, Any]]:
    records = []
    for path in (GOLD, HELDOUT):
        with path.open(encoding="utf-8") as f:
            records += [json.loads(line) for line in f if line.strip()]
    return records


RECORDS = _load()


def _quantities() -> List[tuple]:
    return [(r["id"], s) for r in RECORDS for s in r["spans"] if s["label"] == "QUANTITY"]


def test_corpus_size_and_ids():
    assert len(RECORDS) >= 120
    ids = [r["id"] for r in RECORDS]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"(?:gold|heldout)-\d{4}", i) for i in ids)
    for prefix in ("gold-", "heldout-"):
        part = [i for i in ids if i.startswith(prefix)]
        assert part == sorted(part)


def test_corpus_covers_every_label_and_has_negative_records():
    labels = {s["label"] for r in RECORDS for s in r["spans"]}
    assert labels == LABELS
    assert sum(1 for r in RECORDS if not r["spans"] and not r["pairs"]) >= 5
    assert sum(len(r["pairs"]) for r in RECORDS) >= 50


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r["id"])
def test_record_shape(record):
    assert set(record) >= {"id", "text", "spans", "pairs"}
    assert isinstance(record["text"], str) and record["text"]
    assert "\n" not in record["text"]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r["id"])
def test_spans_slice_sorted_unique_disjoint(record):
    text = record["text"]
    keys = []
    prev_end = {}  # spans of one label are disjoint; a WEAPON may sit inside a MIL_UNIT (ドローン部隊)
    for span in record["spans"]:
        assert SPAN_KEYS <= set(span)
        assert span["label"] in LABELS
        assert 0 <= span["start"] < span["end"] <= len(text)
        assert text[span["start"]:span["end"]] == span["text"]
        assert span["text"] == span["text"].strip(), "no surrounding whitespace"
        assert span["start"] >= prev_end.get(span["label"], 0), f"overlap at {span}"
        prev_end[span["label"]] = span["end"]
        keys.append((span["start"], span["end"], span["label"]))
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r["id"])
def test_unit_and_weapon_exclusions(record):
    for span in record["spans"]:
        if span["label"] == "MIL_UNIT":
            assert span["text"] not in NOT_UNITS
        if span["label"] == "WEAPON":
            assert span["text"] not in NOT_WEAPONS
        if span["label"] != "QUANTITY":
            assert not (set(span) & (QUANTITY_KEYS - {"item"})), "quantity attributes on a non-QUANTITY span"
        for bracket in "「」『』()（）\"":
            assert not span["text"].startswith(bracket) and not span["text"].endswith(bracket)


@pytest.mark.parametrize("rid,span", _quantities(), ids=lambda v: v if isinstance(v, str) else v["text"])
def test_quantity_attribute_vocabularies(rid, span):
    assert set(span) - SPAN_KEYS <= QUANTITY_KEYS
    assert isinstance(span["value"], (int, float)) and not isinstance(span["value"], bool)
    assert span["category"] in CATEGORIES
    assert span["bound"] in BOUNDS
    assert isinstance(span["approx"], bool)
    assert "unit" in span
    unit = span["unit"]
    assert unit is None or (isinstance(unit, str) and unit and unit not in RAW_UNITS)
    if span["category"] in {"MONEY"}:
        assert re.fullmatch(r"[A-Z]{3}", unit)  # ISO 4217: RUB, USD, JPY, EUR, GBP, UAH ...
    if span["category"] in {"DISTANCE"}:
        assert unit in {"km", "m", "cm", "mm", "mile", "nmi"}
    if span["category"] == "AREA":
        assert unit in {"km²", "m²", "ha", "mi²"}
    if span["category"] == "TEMPERATURE":
        assert unit == "°C"
    if span["category"] == "CASUALTY":
        assert span.get("casualty") in CASUALTY_KINDS
    else:
        assert "casualty" not in span
    if span["bound"] == "range":
        assert isinstance(span.get("value_max"), (int, float)) and span["value_max"] > span["value"]
    else:
        assert "value_max" not in span
    if "item" in span:
        assert isinstance(span["item"], str) and span["item"]
        assert span["item"] not in span["text"], "the counted noun is never inside the span"


@pytest.mark.parametrize("rid,span", _quantities(), ids=lambda v: v if isinstance(v, str) else v["text"])
def test_quantity_qualifiers_agree_with_attributes(rid, span):
    text = span["text"]
    if re.match(r"(約|およそ|about )", text) or re.search(r"(ほど|程|程度|前後|近く|近い|余り)$", text) \
            or re.match(r"数[十百千万]", text):
        assert span["approx"] is True
    if re.search(r"(以上|超)$", text) or text.startswith("少なくとも"):
        assert span["bound"] == "at_least"
    if re.search(r"(以下|未満)$", text) or text.startswith("最大"):
        assert span["bound"] == "at_most"
    if re.search(r"\d\s*[~〜～]\s*\S", text) or re.search(r"[一二三四五六七八九十]\s*[~〜～]", text) \
            or re.search(r"から\S", text):
        assert span["bound"] == "range"
    if re.search(r"を(超え|超す|超し|上回)\S*$", text):  # verb qualifiers belong to the span (ANNOTATION.md)
        assert span["bound"] == "at_least"
    if re.search(r"(に満た|を下回)\S*$", text):
        assert span["bound"] == "at_most"
    if re.match(r"数[十百千万]", text):  # the low figure of the magnitude: 数十 10, 数百万 1,000,000
        assert span["value"] >= 10 and str(int(span["value"])).rstrip("0") == "1"
    if text.startswith("マイナス"):
        assert span["value"] < 0
    for piece in ("内", "規模"):
        assert not text.endswith(piece)
    for verb in ("に上る", "に上った", "に達した", "に達する", "となった"):  # reporting verbs stay outside
        assert not text.endswith(verb)


def test_verb_qualifiers_are_inside_quantity_spans():
    """No QUANTITY span stops right before を超える/を上回る/に満たない/を下回る (ANNOTATION.md)."""
    verb = re.compile(r"を(?:超え|超す|超し|上回|下回)|に満た")
    for record in RECORDS:
        for span in record["spans"]:
            if span["label"] == "QUANTITY":
                assert not verb.match(record["text"], span["end"]), (record["id"], span["text"])


@pytest.mark.parametrize("record", [r for r in RECORDS if r["pairs"]], ids=lambda r: r["id"])
def test_pairs_slice_and_languages(record):
    text = record["text"]
    seen = set()
    for pair in record["pairs"]:
        ja, en = pair["ja"], pair["en"]
        for side in (ja, en):
            assert 0 <= side["start"] < side["end"] <= len(text)
            assert text[side["start"]:side["end"]] == side["text"]
        assert JAPANESE.search(ja["text"]), ja
        assert LATIN.search(en["text"]) and not JAPANESE.search(en["text"]), en
        assert not re.match(r"(?i)the\s", en["text"]), "leading article dropped"
        assert not re.search(r"[.,;:、。]$", en["text"]), "trailing punctuation dropped"
        assert ja["end"] <= en["start"] or en["end"] <= ja["start"], "sides never overlap"
        key = (ja["start"], ja["end"], en["start"], en["end"])
        assert key not in seen
        seen.add(key)


def test_example_text_is_one_paragraph_a_line():
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    assert 10 <= len(lines) <= 20
    assert all(line.strip() for line in lines)
