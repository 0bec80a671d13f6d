"""Tests for ``place_recognizer`` and ``time_recognizer``; sentences written for the tests."""
from __future__ import annotations

import csv

import pytest
from spacy.tokens import Doc, DocBin, Span

from components.attributes import get_span_attrs, register_extensions
from components.places import CITIES_FILE, REGIONS_FILE, SPANS_KEY, PlaceRecognizer, place_forms
from components.tables import DATA_DIR
from components.times import SPANS_KEY as TIMES_KEY, TimeRecognizer


@pytest.fixture(scope="module")
def places(nlp_blank) -> PlaceRecognizer:
    return PlaceRecognizer(nlp_blank.vocab)


@pytest.fixture(scope="module")
def run(nlp_blank, places):
    def _run(text: str) -> Doc:
        return places(nlp_blank(text))
    return _run


def found(doc: Doc):
    return [(s.text, s.kb_id_) for s in doc.spans[SPANS_KEY]]


def test_oblast_and_town_are_two_places(run):
    doc = run("ドネツク州ポクロウスクの市街地で戦闘が続いた。")
    assert found(doc) == [("ドネツク州", "Donetsk Oblast"), ("ポクロウスク", "Pokrovsk")]
    town = get_span_attrs(doc.spans[SPANS_KEY][1])
    assert town["country"] == "UA" and abs(town["lat"] - 48.28) < 0.2 and abs(town["lon"] - 37.18) < 0.2
    assert get_span_attrs(doc.spans[SPANS_KEY][0])["kind"] == "oblast"


@pytest.mark.parametrize("text,expected", [
    ("ハリコフ州で停電", [("ハリコフ州", "Kharkiv Oblast")]),
    ("ハルキフ市内", [("ハルキフ市", "Kharkiv")]),
    ("ザポロジエ州の村", [("ザポロジエ州", "Zaporizhzhia Oblast")]),
    ("ヘルソン市では", [("ヘルソン市", "Kherson")]),
    ("ケルチ海峡付近で", [("ケルチ海峡", "Kerch Strait")]),
    ("黒海沿岸の港", [("黒海", "Black Sea")]),
    ("クリミア半島西部のサキ飛行場", [("クリミア半島", "Crimea"), ("サキ", "Saky")]),
    ("ロシア西部クルスク州へ", [("ロシア", "Russia"), ("クルスク州", "Kursk Oblast")]),
    ("ドネツク地域の戦況", [("ドネツク地域", "Donetsk Oblast")]),
    ("ガザでは攻撃が続く", [("ガザ", "Gaza Strip")]),
    ("ヨルダン川西岸地区の町", [("ヨルダン川西岸地区", "West Bank")]),
])
def test_places(run, expected, text):
    assert found(run(text)) == expected


@pytest.mark.parametrize("text", [
    "ロシア軍は前進した。", "ロシア製の戦車", "ウクライナ国防省は発表した。", "日本時間の正午", "ローマ教皇は述べた。",
    "スミス元大使", "サキさんは語った。", "対ロシア制裁", "ワシントン・ポストによると",
])
def test_not_places(run, text):
    assert found(run(text)) == []


def test_unit_names_hold_no_place(nlp_blank, places):
    doc = nlp_blank("ウクライナ空軍によると")
    doc.spans["military_units"] = [Span(doc, 0, 2, label="MIL_UNIT")]
    assert doc.spans["military_units"][0].text == "ウクライナ空軍"
    assert found(places(doc)) == []


def test_ship_names_hold_no_place(nlp_blank, places):
    doc = nlp_blank("巡洋艦「モスクワ」がモスクワ港を出た。")
    ship = [t.i for t in doc if t.text == "モスクワ"][0]
    doc.spans["weapons"] = [Span(doc, ship, ship + 1, label="WEAPON")]
    doc = places(doc)
    assert found(doc) == [("モスクワ", "Moscow")]  # the city, not the ship
    assert doc.spans[SPANS_KEY][0].start != ship


def test_serialization(nlp_blank, places, tmp_path):
    places.to_disk(tmp_path)
    assert (tmp_path / REGIONS_FILE).exists() and (tmp_path / CITIES_FILE).exists()
    again = PlaceRecognizer(nlp_blank.vocab).from_disk(tmp_path)
    doc = again(nlp_blank("オデーサの港"))
    bin_ = DocBin(store_user_data=True)
    bin_.add(doc)
    register_extensions()
    back, = DocBin(store_user_data=True).from_bytes(bin_.to_bytes()).get_docs(nlp_blank.vocab)
    span, = back.spans[SPANS_KEY]
    assert span.text == "オデーサ" and get_span_attrs(span)["canonical"] == "Odesa"


@pytest.mark.parametrize("name", [REGIONS_FILE, CITIES_FILE])
def test_tables_have_coordinates_and_sources(name):
    with (DATA_DIR / name).open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert len(rows) > 150
    for row in rows:
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row
        assert row["source"].strip() and row["ja"].strip(), row
        assert all(len(f) >= 2 for f in place_forms(row)), row


def test_hand_table_forms_are_unique():
    """A form in two rows of the hand-kept table would silently name only the later one."""
    with (DATA_DIR / REGIONS_FILE).open(encoding="utf-8") as f:
        owner = {}
        for row in csv.DictReader(f, delimiter="\t"):
            for form in place_forms(row):
                assert owner.setdefault(form, row["canonical"]) == row["canonical"], form


def test_time_recognizer(nlp_blank):
    doc = TimeRecognizer(nlp_blank.vocab)(nlp_blank("ロシア軍は8日10時の時点で、9日夜から10日朝にかけて攻撃を続けた。"))
    spans = list(doc.spans[TIMES_KEY])
    assert [s.text for s in spans] == ["8日10時", "9日夜から10日朝にかけて"]
    assert get_span_attrs(spans[0]) == {"day": 8, "hour": 10}
    assert spans[0].label_ == "TIME"
