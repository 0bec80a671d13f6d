"""Silver data: gold over silver, the deterministic gold split, and the DocBins it writes."""
from __future__ import annotations

import pytest
from spacy.tokens import DocBin

from pipeline.silver import (is_dev_id, label_counts, merge_gold_over_silver, silver_records, split_gold,
                             write_docbin)


def _rec(rid: str, text: str, *spans: tuple) -> dict:
    out = []
    for surface, label in spans:
        start = text.index(surface)
        out.append({"start": start, "end": start + len(surface), "label": label, "text": surface})
    return {"id": rid, "text": text, "spans": out, "pairs": []}


SILVER = [
    _rec("u:1", "露軍は戦車を失った。", ("露軍", "MIL_UNIT")),
    _rec("u:2", "ウクライナ軍は無人機20機を撃墜した。", ("ウクライナ軍", "MIL_UNIT")),
    _rec("u:3", "北朝鮮軍が前線に出た。", ("北朝鮮軍", "MIL_UNIT")),
    _rec("u:4", "今日は晴れだった。"),
]
GOLD_TRAIN = [_rec("g-train", "露軍は戦車を失った。", ("露軍", "MIL_UNIT"), ("戦車", "WEAPON"))]
GOLD_DEV = [_rec("g-dev", " ウクライナ軍は無人機20機を撃墜した。", ("ウクライナ軍", "MIL_UNIT"),
                 ("無人機", "WEAPON"), ("20機", "QUANTITY"))]


def test_gold_replaces_silver_of_the_same_text():
    merged = merge_gold_over_silver(SILVER, GOLD_TRAIN, GOLD_DEV)
    by_text = {r["text"]: r for r in merged}
    assert by_text["露軍は戦車を失った。"]["id"] == "g-train"
    assert [s["label"] for s in by_text["露軍は戦車を失った。"]["spans"]] == ["MIL_UNIT", "WEAPON"]
    assert len([r for r in merged if r["text"] == "露軍は戦車を失った。"]) == 1


def test_held_out_gold_texts_never_reach_training():
    merged = merge_gold_over_silver(SILVER, GOLD_TRAIN, GOLD_DEV)
    texts = {r["text"].strip() for r in merged}
    # The dev text differs by a leading space only: still the same text.
    assert "ウクライナ軍は無人機20機を撃墜した。" not in texts
    assert not any(r["id"] == "g-dev" for r in merged)


def test_excluded_texts_are_dropped_and_the_rest_kept_in_order():
    merged = merge_gold_over_silver(SILVER, GOLD_TRAIN, (), exclude_texts=["北朝鮮軍が前線に出た。\n"])
    assert [r["id"] for r in merged] == ["g-train", "u:2", "u:4"]


def test_gold_train_records_without_silver_are_kept():
    extra = _rec("g-only", "第3旅団が前進した。", ("第3旅団", "MIL_UNIT"))
    merged = merge_gold_over_silver(SILVER[:1], GOLD_TRAIN + [extra])
    assert [r["id"] for r in merged] == ["g-train", "g-only"]


def test_split_is_deterministic_and_stable_under_additions():
    records = [_rec(f"gold-{i:04d}", f"文{i}。") for i in range(200)]
    train, dev = split_gold(records, 20)
    train2, dev2 = split_gold(list(reversed(records)), 20)
    assert {r["id"] for r in dev} == {r["id"] for r in dev2}
    assert {r["id"] for r in train} | {r["id"] for r in dev} == {r["id"] for r in records}
    assert not {r["id"] for r in train} & {r["id"] for r in dev}
    assert 20 <= len(dev) <= 60  # about a fifth
    more_train, more_dev = split_gold(records + [_rec("gold-9999", "新しい文。")], 20)
    assert {r["id"] for r in dev} <= {r["id"] for r in more_dev}
    # A pinned id: the split must not depend on Python's salted hash().
    assert is_dev_id("gold-0001", 20) == is_dev_id("gold-0001", 20)
    assert split_gold(records, 0)[1] == [] and split_gold(records, 100)[0] == []


def test_label_counts():
    assert label_counts(GOLD_TRAIN + GOLD_DEV) == {"MIL_UNIT": 2, "QUANTITY": 1, "WEAPON": 2}


def test_silver_records_from_a_pipeline(nlp_blank, tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("露軍は戦車を失った。\n\n長い文。" + "あ" * 50 + "。\n", encoding="utf-8")
    records = list(silver_records(nlp_blank, [str(src)], max_chars=30))
    assert records[0] == {"id": "in.txt:1", "text": "露軍は戦車を失った。", "spans": [], "pairs": []}
    assert [r["id"] for r in records[1:]] == [f"in.txt:3#{i}" for i in range(len(records) - 1)]
    assert len(records) >= 3 and all(len(r["text"]) <= 30 for r in records)
    assert "".join(r["text"] for r in records[1:]) == "長い文。" + "あ" * 50 + "。"


def test_docbin_has_our_labels_in_ents(nlp_blank, tmp_path):
    out = tmp_path / "train.spacy"
    assert write_docbin(nlp_blank, GOLD_TRAIN + GOLD_DEV, out) == 2
    docs = list(DocBin().from_disk(out).get_docs(nlp_blank.vocab))
    assert [(e.text, e.label_) for e in docs[0].ents] == [("露軍", "MIL_UNIT"), ("戦車", "WEAPON")]
    assert [e.label_ for e in docs[1].ents] == ["MIL_UNIT", "WEAPON", "QUANTITY"]


@pytest.mark.parametrize("percent", [10, 20, 50])
def test_dev_share_roughly_follows_percent(percent):
    ids = [f"r{i}" for i in range(2000)]
    share = sum(is_dev_id(i, percent) for i in ids) / len(ids)
    assert abs(share - percent / 100) < 0.04
