"""Tests for ``fact_context``, ``pipeline.dating`` and ``pipeline.place_scoring``.

The fact extractor is another component; here its output (``event`` and role
objects on a QUANTITY) is written into the attribute store by hand.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc, Span

from components.attributes import get_span_attrs, set_span_attrs
from components.fact_context import FactContext
from components.places import PlaceRecognizer
from components.times import TimeRecognizer
from pipeline.dating import date_facts
from pipeline.place_scoring import haversine_km, score_places
from pipeline.records import doc_to_record, record_to_doc


@pytest.fixture(scope="module")
def annotate(nlp_blank):
    places, times, context = PlaceRecognizer(nlp_blank.vocab), TimeRecognizer(nlp_blank.vocab), FactContext()

    def _run(text: str, quantity: str, **roles: str) -> tuple:
        doc = times(places(nlp_blank(text)))
        start = text.index(quantity)
        q = doc.char_span(start, start + len(quantity), label="QUANTITY")
        attrs = {"value": 1, "event": "ATTACK"}
        for role, surface in roles.items():
            at = text.index(surface)
            attrs[role] = {"start": at, "end": at + len(surface), "text": surface}
        set_span_attrs(q, attrs)
        doc.spans["quantities"] = [q]
        context(doc)
        return doc, get_span_attrs(doc.spans["quantities"][0])
    return _run


def test_target_place_wins(annotate):
    _, a = annotate("ロシア軍は11日夜、無人機約120機でキーウ州とハルキウ州を攻撃した。", "約120機", target="ハルキウ州",
                    actor="ロシア軍")
    assert a["place"]["text"] == "ハルキウ州" and a["place"]["canonical"] == "Kharkiv Oblast"
    assert a["lat"] == a["place"]["lat"] and a["time"]["text"] == "11日夜"


def test_most_specific_of_places_written_together(annotate):
    _, a = annotate("ドネツク州ポクロウスクで8日、砲撃により3人が死亡した。", "3人")
    assert a["place"]["canonical"] == "Pokrovsk" and a["time"]["text"] == "8日"


def test_actor_and_source_are_not_the_place(annotate):
    _, a = annotate("ロシアは9日、ドローン50機でオデーサを攻撃した。", "50機", actor="ロシア")
    assert a["place"]["text"] == "オデーサ"
    _, a = annotate("ロシアは9日、ドローン50機を発射した。", "50機", actor="ロシア")
    assert "place" not in a and "lat" not in a


def test_country_owning_the_weapons_is_no_place(annotate):
    _, a = annotate("ウクライナ空軍は10日、ロシアの無人機50機を撃墜した。", "50機")
    assert "place" not in a
    _, a = annotate("ウクライナ空軍は10日、ウクライナ上空でロシアの無人機50機を撃墜した。", "50機")
    assert a["place"]["canonical"] == "Ukraine"


def test_country_only_where_nothing_smaller(annotate):
    _, a = annotate("ウクライナ東部で10日、戦闘があり、ヘルソン市でも2人が負傷した。", "2人")
    assert a["place"]["text"] == "ヘルソン市"
    _, a = annotate("ウクライナ東部で10日、兵士5人が死亡した。", "5人")
    assert a["place"]["canonical"] == "Ukraine"


def test_previous_sentence_and_paragraph_lead(annotate):
    doc, a = annotate("12日未明、ミコライウに弾道ミサイルが着弾した。市当局によると、住民4人が負傷した。", "4人")
    assert a["place"]["canonical"] == "Mykolaiv" and a["time"]["text"] == "12日未明"


def test_quantities_without_event_are_left_alone(nlp_blank):
    doc = PlaceRecognizer(nlp_blank.vocab)(nlp_blank("キーウまで約500キロある。"))
    q = doc.char_span(5, 11, label="QUANTITY")
    assert q.text == "約500キロ"
    set_span_attrs(q, {"value": 500})
    doc.spans["quantities"] = [q]
    FactContext()(doc)
    assert get_span_attrs(q) == {"value": 500}


def test_record_and_dates(annotate):
    doc, _ = annotate("ウクライナ空軍によると、11日夜の攻撃で無人機30機が撃墜された。", "30機")
    record = doc_to_record(doc, "r1")
    record["meta"] = {"date": "2025-11-12"}
    labels = [s["label"] for s in record["spans"]]
    assert "TIME" in labels
    dated = date_facts(record)
    fact = next(s for s in dated["spans"] if s["label"] == "QUANTITY")
    assert fact["time"]["text"] == "11日夜" and fact["date"] == "2025-11-11"
    assert "date" not in next(s for s in record["spans"] if s["label"] == "QUANTITY")  # input unchanged
    undated = date_facts(dict(record, meta={}))
    assert "date" not in next(s for s in undated["spans"] if s["label"] == "QUANTITY")


def test_same_day_takes_the_last_date_of_the_text():
    record = {"id": "x", "text": "", "meta": {"date": "2025-06-10"}, "spans": [
        {"start": 0, "end": 3, "label": "TIME", "text": "8日夜", "day": 8, "part": "night"},
        {"start": 10, "end": 12, "label": "TIME", "text": "同日", "ref": "same"},
        {"start": 20, "end": 22, "label": "TIME", "text": "翌日", "ref": "next"},
        {"start": 30, "end": 32, "label": "QUANTITY", "text": "5人", "time": {"start": 20, "end": 22, "text": "翌日"}}]}
    dated = date_facts(record)
    assert [s.get("date") for s in dated["spans"]] == ["2025-06-08", "2025-06-08", "2025-06-09", "2025-06-09"]
    alone = date_facts(dict(record, spans=record["spans"][1:2]))
    assert "date" not in alone["spans"][0]


def test_record_round_trip_keeps_place_attrs(nlp_blank):
    doc = PlaceRecognizer(nlp_blank.vocab)(nlp_blank("オデーサの港"))
    record = doc_to_record(doc, "r2")
    place, = record["spans"]
    assert place["label"] == "PLACE" and place["canonical"] == "Odesa" and "lat" in place
    back = record_to_doc(nlp_blank, record)
    assert not back.ents  # PLACE stays out of the entities that NER trains on
    assert get_span_attrs(back.spans["places"][0])["country"] == "UA"


def test_haversine():
    assert haversine_km(50.45, 30.52, 50.45, 30.52) == 0
    assert 400 < haversine_km(50.45, 30.52, 49.99, 36.23) < 420  # Kyiv-Kharkiv, about 410 km
    assert abs(haversine_km(0, 0, 0, 1) - 111.2) < 0.5


def test_score_places():
    gold = [{"id": "a", "text": "", "meta": {"date": "2025-11-12"}, "spans": [
        {"start": 0, "end": 4, "label": "PLACE", "text": "キーウ州", "lat": 50.3, "lon": 30.6, "kind": "oblast"},
        {"start": 5, "end": 10, "label": "PLACE", "text": "ロシア", "canonical": "Russia", "lat": 61.5, "lon": 105.3, "kind": "country"},
        {"start": 11, "end": 15, "label": "TIME", "text": "11日夜", "date": "2025-11-11"}]}]
    pred = [{"id": "a", "spans": [
        {"start": 0, "end": 4, "label": "PLACE", "text": "キーウ州", "lat": 50.35, "lon": 30.5},
        {"start": 5, "end": 10, "label": "PLACE", "text": "ロシア", "lat": 60.0, "lon": 100.0},
        {"start": 20, "end": 22, "label": "PLACE", "text": "スミ", "lat": 1.0, "lon": 1.0},
        {"start": 11, "end": 15, "label": "TIME", "text": "11日夜", "day": 11, "part": "night"}]}]
    out = score_places(gold, pred)
    assert out["PLACE"]["tp"] == 2 and out["PLACE"]["pred"] == 3 and out["PLACE"]["gold"] == 2
    # Russia 330 km from gold's point is within Russia's scale, not within 25 km
    assert out["coords"]["ok"] == 2 and out["coords_strict"]["ok"] == 1
    assert out["coords_local"] == {"share": 1.0, "ok": 1, "n": 1}
    assert out["dates"] == {"share": 1.0, "ok": 1, "n": 1}


def test_country_tolerance_is_the_country_scale_not_any_point():
    from pipeline.place_scoring import tolerance_km

    ukraine = {"kind": "country", "canonical": "Ukraine", "lat": 49.0, "lon": 31.4}
    assert 350 < tolerance_km(ukraine) < 420
    assert tolerance_km({"kind": "country", "country": "EE", "canonical": "?"}) < 120  # Estonia is small
    assert tolerance_km({"kind": "oblast", "canonical": "Kyiv Oblast"}) == 25
    assert tolerance_km({"kind": "country", "canonical": "Atlantis"}) == 25  # no area known: the strict figure
    gold = [{"id": "a", "spans": [{"start": 0, "end": 5, "label": "PLACE", **ukraine}]}]
    moscow = [{"id": "a", "spans": [{"start": 0, "end": 5, "label": "PLACE", "lat": 55.75, "lon": 37.62}]}]
    assert score_places(gold, moscow)["coords"]["ok"] == 0  # a point in the neighbouring country is wrong


def test_annotate_dates_times_from_input_meta(nlp_blank, tmp_path):
    import json

    import spacy

    from pipeline.annotate import annotate_stream
    from pipeline.inputs import iter_inputs
    from pipeline.outputs import BatchWriter

    nlp = spacy.blank("ja", config={"nlp": {"tokenizer": {"split_mode": "C"}}})
    nlp.add_pipe("time_recognizer")
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "a", "text": "11日夜に攻撃があった。", "meta": {"date": "2025-11-12"}},
        {"id": "b", "text": "11日夜に攻撃があった。"}]), encoding="utf-8")
    annotate_stream(nlp, iter_inputs([str(src)]), BatchWriter(tmp_path / "out", shard_size=10))
    a, b = [json.loads(x) for x in (tmp_path / "out" / "annotations.jsonl").read_text(encoding="utf-8").splitlines()]
    assert a["meta"] == {"date": "2025-11-12"} and a["spans"][0]["date"] == "2025-11-11"
    assert "meta" not in b and "date" not in b["spans"][0] and b["spans"][0]["day"] == 11


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="あ。、\n!a", max_size=14), st.integers(min_value=-2, max_value=16))
def test_bounds_by_bisection_equal_a_scan_of_the_text(text, pos):
    """``_bounds`` reads cached break offsets; it gives what scanning the text up to ``pos`` gives."""
    from components.fact_context import CLAUSE_END, SENTENCE_END, _bounds

    for pattern in (SENTENCE_END, CLAUSE_END):
        start = 0
        for m in pattern.finditer(text, 0, pos):
            start = m.end()
        m = pattern.search(text, pos)
        assert _bounds(text, pos, pattern) == (start, m.end() if m else len(text))
