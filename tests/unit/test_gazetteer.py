"""Folded gazetteer lookup: width, dash, dot and spacing variants, token boundaries."""
from __future__ import annotations

import pytest

from components.gazetteer import FoldedGazetteer, fold, non_overlapping


@pytest.mark.parametrize("a,b", [
    ("Ｋｈ−４７Ｍ２", "Kh-47M2"), ("KN-23", "KN23"), ("S‐400", "s400"), ("ストーム・シャドー", "ストームシャドー"),
    ("ヴァンパイア", "バンパイア"), ("KNー23", "KN23"), ("ロシア 空挺 軍", "ロシア空挺軍"),
])
def test_fold_equates_variants(a, b):
    assert fold(a) == fold(b)


def test_fold_keeps_katakana_long_vowel():
    assert fold("ストーム") != fold("ストム")


@pytest.fixture()
def gazetteer():
    gaz = FoldedGazetteer()
    gaz.add_all([("Kh-47M2", "kinzhal"), ("ロシア空挺軍", "vdv"), ("ロシア軍", "ru"), ("シャヘド", "shahed")])
    return gaz


@pytest.mark.parametrize("text,expected", [
    ("露はＫｈ−４７Ｍ２を発射", [("Ｋｈ−４７Ｍ２", "kinzhal")]),
    ("ロシア 空挺 軍が降下", [("ロシア 空挺 軍", "vdv")]),
    ("ロシア軍陣地を攻撃", [("ロシア軍", "ru")]),
    ("シャヘド倉庫が燃えた", [("シャヘド", "shahed")]),
    ("親ロシア軍事ブロガー", []),
])
def test_find_on_token_boundaries(nlp_blank, gazetteer, text, expected):
    doc = nlp_blank(text)
    assert [(doc[m.start:m.end].text, m.payload) for m in gazetteer.find(doc)] == expected


def test_lookup_and_len(gazetteer):
    assert gazetteer.lookup("kh47m2") == "kinzhal" and gazetteer.lookup("Kh-47") is None
    assert len(gazetteer) == 4


def test_non_overlapping_prefers_longest(nlp_blank):
    gaz = FoldedGazetteer()
    gaz.add_all([("ロシア", "country"), ("ロシア軍", "force"), ("軍", "bare")])
    doc = nlp_blank("ロシア軍")
    matches = gaz.find(doc, longest_only=False)
    assert len(matches) == 3
    assert [(m.start, m.end, m.payload) for m in non_overlapping(matches)] == [(0, 2, "force")]


def test_token_view_is_shared_and_follows_retokenization(nlp_blank):
    from components.gazetteer import token_view
    doc = nlp_blank("ロシア 空挺 軍が前進した。")
    view = token_view(doc)
    assert token_view(doc) is view  # computed once per doc
    assert view.text == doc.text and list(view.texts) == [t.text for t in doc]
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:3])
    again = token_view(doc)
    assert again is not view and list(again.texts) == [t.text for t in doc] and again.text == doc.text
