"""The attribute store: values per label and offsets, surviving DocBin and n_process."""
from __future__ import annotations

from spacy.tokens import DocBin, Span

from components.attributes import merge_stores, set_span_attrs, store_key


def test_same_offsets_different_labels_keep_their_own_values(nlp_blank):
    doc = nlp_blank("ロシア軍は無人機458機を発射した。")
    a = Span(doc, 0, 2, label="MIL_UNIT")
    b = Span(doc, 0, 2, label="OTHER")
    set_span_attrs(a, {"side": "RU"})
    set_span_attrs(b, {"side": "UA"})
    assert a._.gunji == {"side": "RU"}
    assert b._.gunji == {"side": "UA"}


def test_same_mention_in_ents_and_group_reads_the_same_values(nlp_blank):
    doc = nlp_blank("ロシア軍は前進した。")
    span = Span(doc, 0, 2, label="MIL_UNIT", kb_id="Russian Armed Forces")
    doc.spans["military_units"] = [span]
    doc.ents = [span]
    set_span_attrs(span, {"side": "RU", "number": None})
    assert doc.ents[0]._.gunji == {"side": "RU"}  # None values are not stored
    assert doc.ents[0].kb_id_ == "Russian Armed Forces"


def test_span_without_attributes_reads_empty(nlp_blank):
    doc = nlp_blank("ロシア軍")
    assert Span(doc, 0, 1, label="X")._.gunji == {}


def test_docbin_round_trip_keeps_store_and_kb_id(nlp_blank):
    doc = nlp_blank("ウクライナ軍は無人機52機を撃墜した。")
    span = Span(doc, 0, 2, label="MIL_UNIT", kb_id="Armed Forces of Ukraine")
    doc.spans["military_units"] = [span]
    set_span_attrs(span, {"side": "UA", "unit_type": "national force"})
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    back = list(DocBin().from_bytes(data).get_docs(nlp_blank.vocab))[0]
    restored = back.spans["military_units"][0]
    assert restored._.gunji == {"side": "UA", "unit_type": "national force"}
    assert restored.kb_id_ == "Armed Forces of Ukraine"


def test_docbin_without_user_data_drops_values(nlp_blank):
    doc = nlp_blank("ロシア軍")
    span = Span(doc, 0, len(doc), label="MIL_UNIT")
    set_span_attrs(span, {"side": "RU"})
    back = list(DocBin(docs=[doc]).get_docs(nlp_blank.vocab))[0]
    assert Span(back, 0, len(back), label="MIL_UNIT")._.gunji == {}


def test_merge_stores_shifts_keys_and_offset_attributes():
    first = {store_key("JA", 0, 3): {"counterpart": [3, 8]}}
    second = {store_key("QUANTITY", 2, 6): {"value": 5}}
    merged = merge_stores([(first, 0), (second, 10)])
    assert merged == {"JA:0:3": {"counterpart": [3, 8]}, "QUANTITY:12:16": {"value": 5}}
    more = {store_key("JA", 0, 3): {"counterpart": [4, 8], "more_counterparts": [[9, 14, 1]]}}
    assert merge_stores([(more, 10)]) == {"JA:10:13": {"counterpart": [14, 18], "more_counterparts": [[19, 24, 1]]}}
