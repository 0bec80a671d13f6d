"""components.gloss_tokens: a Sudachi word with a bracketed gloss is split when it is a weapon.

All example sentences are written for these tests.
"""
from __future__ import annotations

import pytest

from components.gloss_tokens import gloss_parts, split_glosses
from components.weapons import SPANS_KEY, WeaponRecognizer


@pytest.fixture(scope="module")
def recognizer(nlp_blank):
    return WeaponRecognizer(nlp_blank.vocab)


def test_gloss_parts():
    assert gloss_parts("無人機(ドローン)") == ["無人機", "(", "ドローン", ")"]
    assert gloss_parts("無人機（ドローン）") == ["無人機", "（", "ドローン", "）"]
    assert gloss_parts("揺(ゆる)ぎ") == []  # text after the bracket: not a glossed word
    assert gloss_parts("ドローン") == []


def test_weapon_and_its_gloss_are_two_spans(nlp_blank, recognizer):
    doc = recognizer(nlp_blank("昨夜は無人機(ドローン)の飛来が続いた。"))
    assert [s.text for s in doc.spans[SPANS_KEY]] == ["無人機", "ドローン"]
    assert doc.text == "昨夜は無人機(ドローン)の飛来が続いた。"  # the text is never changed


def test_other_glossed_words_stay_whole(nlp_blank):
    doc = nlp_blank("兵士は塹壕(ざんごう)に身を潜めた。")
    before = [t.text for t in doc]
    assert split_glosses(doc, lambda w: w == "無人機") == 0
    assert [t.text for t in doc] == before


def test_split_is_idempotent_and_keeps_span_groups(nlp_blank):
    doc = nlp_blank("敵の無人機(ドローン)を2機落とした。")
    doc.spans["other"] = [doc.char_span(doc.text.index("2機"), doc.text.index("2機") + 2)]
    known = {"無人機"}.__contains__
    n_tokens = len(doc)
    assert split_glosses(doc, known) == 1  # SudachiDict holds 無人機(ドローン) as one word
    assert len(doc) == n_tokens + 3
    assert split_glosses(doc, known) == 0
    assert [s.text for s in doc.spans["other"]] == ["2機"]
