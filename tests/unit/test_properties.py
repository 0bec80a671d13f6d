"""Property tests for every gunji component, on generated Japanese-ish text.

For each component (quantities, military units, weapons, bilingual) on the
fast tokenizer: no exception; every span, entity and pair lies inside the
text with its text equal to ``text[start:end]``; the doc text is the input;
the JSONL record is JSON-serialisable; and a second run gives the same output.
A component whose module does not exist yet is skipped with its reason.

Counts: the ``gunji-quick`` profile (default) runs 100 examples per test; with
the environment variable ``CI`` set, ``gunji-ci`` runs 2,250 per component
test and 1,000 for the whole chain: 10,000 in all. The profiles are
applied to these tests only, never loaded globally.
"""
from __future__ import annotations

import importlib
import json
import os
from typing import Any, Dict, List, Tuple

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.records import doc_to_record

settings.register_profile("gunji-quick", max_examples=100, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("gunji-ci", max_examples=2250, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
PROFILE = settings.get_profile("gunji-ci" if os.environ.get("CI") else "gunji-quick")
CHAIN_PROFILE = settings(PROFILE, max_examples=min(PROFILE.max_examples, 1000))

COMPONENTS = [  # (module, factory)
    ("components.quantities", "quantity_extractor"),
    ("components.military_units", "military_unit_recognizer"),
    ("components.weapons", "weapon_recognizer"),
    ("components.bilingual", "bilingual_aligner"),
]

_KATAKANA = ["ロシア", "ウクライナ", "ミサイル", "ドローン", "ポクロウスク", "ポクロフスク", "ハルキウ", "ｼｬﾍﾄﾞ", "ヴォルチャンスク",
             "ゼレンスキー", "パトリオット", "ストーム・シャドー", "ア", "ー", "・"]
_KANJI = ["露軍", "宇軍", "東部", "前線", "攻撃", "死傷", "約", "以上", "最大", "発表", "国防省", "参謀本部", "州", "市", "村"]
_COUNTERS = ["機", "発", "人", "名", "両", "門", "隻", "km", "キロ", "%", "％", "万", "億", "千", "百", "十"]
_UNITS = ["軍", "部隊", "旅団", "師団", "連隊", "大隊", "第", "独立", "機械化", "空挺", "海兵", "親衛", "第3", "第１４"]
_WEAPONS = ["HIMARS", "ＨＩＭＡＲＳ", "ATACMS", "イスカンデル", "シャヘド", "T-72", "T－９０", "F-16", "レオパルト2",
            "S-300", "Su-34", "Kh-101", "巡航ミサイル", "榴弾砲", "戦車", "無人機"]
_LATIN = ["Pokrovsk", "the", "Ukraine", "Russia", "HUR", "AFU", "Kyiv", "brigade", "Storm Shadow", "and", "of"]
_PUNCT = ["、", "。", "（", "）", "(", ")", "「", "」", "・", " ", "　", "～", "〜", "-", "－", "/", ":", "：", "\n", "!", "？"]
_DIGITS = st.integers(0, 10**9).map(str) | st.integers(0, 99999).map(
    lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")))
_ANY = st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=4)

PIECE = st.one_of(*(st.sampled_from(words) for words in (_KATAKANA, _KANJI, _COUNTERS, _UNITS, _WEAPONS, _LATIN,
                                                         _PUNCT)), _DIGITS, _ANY)
TEXT = st.lists(PIECE, max_size=24).map("".join)

_NLP: Dict[str, Language] = {}


def _pipeline(factories: Tuple[str, ...]) -> Language:
    """A blank split-mode-C pipeline with ``factories`` (cached per combination)."""
    key = ",".join(factories)
    if key not in _NLP:
        nlp = spacy.blank("ja", config={"nlp": {"tokenizer": {"split_mode": "C"}}})
        for factory in factories:
            nlp.add_pipe(factory)
        nlp.initialize()
        _NLP[key] = nlp
    return _NLP[key]


def _need(module: str) -> None:
    pytest.importorskip("sudachipy")
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as err:
        if err.name != module:
            raise
        pytest.skip(f"{module} does not exist yet")


def _observed(doc: Doc, text: str) -> List[Any]:
    """Check the invariants on ``doc``; return everything it found, for the determinism check."""
    assert doc.text == text
    seen: List[Any] = []
    spans = [(key, s) for key in sorted(doc.spans) for s in doc.spans[key]] + [("ents", s) for s in doc.ents]
    for key, span in spans:
        assert 0 <= span.start_char <= span.end_char <= len(text), (key, span)
        assert span.text == text[span.start_char:span.end_char], (key, span)
        seen.append((key, span.start_char, span.end_char, span.label_, span.kb_id_))
    record = doc_to_record(doc, "p", text)
    for span in record["spans"]:
        assert text[span["start"]:span["end"]] == span["text"]
    for pair in record["pairs"]:
        for side in ("ja", "en"):
            assert 0 <= pair[side]["start"] <= pair[side]["end"] <= len(text)
            assert text[pair[side]["start"]:pair[side]["end"]] == pair[side]["text"]
    seen.append(json.dumps(record, ensure_ascii=False, sort_keys=True))  # attributes must be JSON-friendly
    return seen


def _check(factories: Tuple[str, ...], text: str) -> None:
    nlp = _pipeline(factories)
    first = _observed(nlp(text), text)
    assert _observed(nlp(text), text) == first, "a second run differs"


@pytest.mark.parametrize("module,factory", COMPONENTS, ids=[f for _, f in COMPONENTS])
def test_component_properties(module: str, factory: str) -> None:
    _need(module)

    @PROFILE
    @given(TEXT)
    def run(text: str) -> None:
        _check((factory,), text)

    run()


def test_whole_chain_properties() -> None:
    """Every existing component in config order, then the ents merger: the same invariants on the record."""
    factories = []
    for module, factory in COMPONENTS:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError:
            continue
        factories.append(factory)
    if not factories:
        pytest.skip("no gunji component exists yet")
    chain = (*factories, "gunji_ents_merger")

    @CHAIN_PROFILE
    @given(TEXT)
    def run(text: str) -> None:
        _check(chain, text)

    run()


@pytest.mark.parametrize("text", ["", " ", "\n", "　", "第", "機", "ー", "(", "（）", "0", "１", "HIMARS(", "ア" * 3000])
def test_edge_texts(text: str) -> None:
    """Fixed edge cases every component must survive, whatever hypothesis draws."""
    for module, factory in COMPONENTS:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError:
            continue
        _check((factory,), text)
