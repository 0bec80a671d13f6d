"""The Japanese orth-variant table with Sudachi tags, and that the augmenter really fires."""
from __future__ import annotations

import random

import pytest
from spacy.training import Example
from spacy.training.augment import create_orth_variants_augmenter
from spacy.util import registry

from pipeline.augment import SUDACHI_TAGS, ja_orth_variants, load_table, to_sudachi_tags
from pipeline.records import record_to_doc

pytest.importorskip("spacy_lookups_data")

TEXT = "露軍は「ランセット」で砲兵陣地を攻撃した。第5旅団は、戦車3両を失った。"


def _record() -> dict:
    spans = [("露軍", "MIL_UNIT"), ("ランセット", "WEAPON"), ("第5旅団", "MIL_UNIT"), ("戦車", "WEAPON"),
             ("3両", "QUANTITY")]
    out, pos = [], 0
    for surface, label in spans:
        start = TEXT.index(surface, pos)
        out.append({"start": start, "end": start + len(surface), "label": label, "text": surface})
        pos = start + len(surface)
    return {"id": "t-1", "text": TEXT, "spans": out, "pairs": []}


def test_stock_table_has_english_style_tags():
    table = load_table()
    tags = {tag for entry in table["single"] + table["paired"] for tag in entry["tags"]}
    assert {".", ",", "「", "」"} <= tags
    assert not any(tag.startswith("補助記号") for tag in tags)


def test_tags_are_mapped_to_sudachi_and_deduplicated():
    table = to_sudachi_tags(load_table())
    assert any(e["tags"] == ["補助記号-句点"] and "。" in e["variants"] for e in table["single"])
    assert any(e["tags"] == ["補助記号-句点"] and "？" in e["variants"] for e in table["single"])
    assert any(e["tags"] == ["補助記号-読点"] and "、" in e["variants"] for e in table["single"])
    assert table["paired"] == [{"tags": ["補助記号-括弧開", "補助記号-括弧閉"],
                                "variants": [["「", "」"], ["『", "』"]]}]
    # Variants are untouched: only tags change.
    assert sum(len(e["variants"]) for e in table["single"]) == sum(
        len(e["variants"]) for e in load_table()["single"])


def test_mapping_covers_every_stock_tag():
    table = load_table()
    assert {tag for entry in table["single"] + table["paired"] for tag in entry["tags"]} <= set(SUDACHI_TAGS)


def test_registered_for_configs():
    assert registry.misc.get("gunji.ja_orth_variants.v1") is ja_orth_variants


def test_reference_docs_carry_the_sudachi_tags(nlp_blank):
    doc = record_to_doc(nlp_blank, _record())
    tags = {t.text: t.tag_ for t in doc}
    assert tags["。"] == "補助記号-句点" and tags["、"] == "補助記号-読点"
    assert tags["「"] == "補助記号-括弧開" and tags["」"] == "補助記号-括弧閉"


def _augmented_texts(nlp, table, n: int = 40) -> list:
    reference = record_to_doc(nlp, _record())
    example = Example(nlp.make_doc(TEXT), reference)
    augmenter = create_orth_variants_augmenter(level=1.0, lower=0.0, orth_variants=table)
    random.seed(0)
    return [eg for _ in range(n) for eg in augmenter(nlp, example)]


def test_stock_table_never_fires_on_sudachi_tags(nlp_blank):
    assert {eg.text for eg in _augmented_texts(nlp_blank, load_table())} == {TEXT}


def test_mapped_table_changes_examples_and_keeps_entities(nlp_blank):
    examples = _augmented_texts(nlp_blank, ja_orth_variants())
    changed = [eg for eg in examples if eg.text != TEXT]
    assert len(changed) > len(examples) // 2
    assert any("『ランセット』" in eg.text for eg in changed)
    assert any("．" in eg.text or "." in eg.text for eg in changed)
    assert any("，" in eg.text or "," in eg.text for eg in changed)
    for eg in changed:
        assert len(eg.text) == len(TEXT)  # one mark for another, nothing else moves
        assert [(e.text, e.label_) for e in eg.reference.ents] == [
            ("露軍", "MIL_UNIT"), ("ランセット", "WEAPON"), ("第5旅団", "MIL_UNIT"), ("戦車", "WEAPON"),
            ("3両", "QUANTITY")]
        # Only punctuation differs from the original text.
        assert [a for a, b in zip(eg.text, TEXT) if a != b] == [
            a for a, b in zip(eg.text, TEXT) if a != b and not a.isalnum()]
