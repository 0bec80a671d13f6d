"""Our spans enter doc.ents by the configured policy."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

import components.ents_merger  # noqa: F401  (registers the factory without an install)


def _doc(nlp):
    words = ["ロシア", "軍", "は", "無人", "機", "458", "機", "を"]
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words),
              ents=["B-Country", "O", "O", "O", "O", "B-N_Product", "I-N_Product", "O"])
    doc.spans["military_units"] = [Span(doc, 0, 2, label="MIL_UNIT")]
    doc.spans["quantities"] = [Span(doc, 5, 7, label="QUANTITY")]
    doc.spans["weapons"] = [Span(doc, 3, 5, label="WEAPON")]
    return doc


@pytest.mark.parametrize("policy,expected", [
    ("spacy.prioritize_new_ents_filter.v1", [("ロシア軍", "MIL_UNIT"), ("無人機", "WEAPON"), ("458機", "QUANTITY")]),
    ("spacy.prioritize_existing_ents_filter.v1", [("ロシア", "Country"), ("無人機", "WEAPON"), ("458機", "N_Product")]),
])
def test_policy(policy, expected):
    nlp = spacy.blank("xx")
    merger = nlp.add_pipe("gunji_ents_merger", config={"ents_filter": {"@misc": policy}})
    doc = merger(_doc(nlp))
    assert [(e.text, e.label_) for e in doc.ents] == expected


def test_drop_labels_removes_non_overlapping_ginza_guesses():
    nlp = spacy.blank("xx")
    merger = nlp.add_pipe("gunji_ents_merger", config={"drop_labels": ["Country"], "spans_keys": []})
    doc = merger(_doc(nlp))
    assert [e.label_ for e in doc.ents] == ["N_Product"]
