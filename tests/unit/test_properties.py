"""Property tests for every gunji component, on generated Japanese-ish text.

For each component (quantities, military units, weapons, bilingual) on the
fast tokenizer: no exception; every span, entity and pair lies inside the
text with its text equal to ``text[start:end]``; the doc text is the input;
the JSONL record is JSON-serialisable; and a second run gives the same output.
A component whose module does not exist yet is skipped with its reason.

A second family draws *mixed* text: Japanese pieces with Latin words of every
shape (capitalised, ALL CAPS, codes with digits and hyphens, apostrophes,
capitalised and lower-case connectors such as ``For``/``On``/``of`` at the start
or end of a Latin run), their full-width forms, and brackets and quotes of both
widths. It runs each component, the Latin chunker (``components.en_items``)
and the whole fast pipeline (``configs/fast.cfg``).

Counts: the ``gunji-quick`` profile (default) runs 100 examples per test (50
for the mixed tests); with the environment variable ``CI`` set (``.ci/run``
sets it), ``gunji-ci`` runs 2,250 per component test and 1,000 for the whole
chain (10,000), and 2,000 per mixed test (4 components, the chunker and the
fast pipeline: 12,000). The profiles are applied to these tests only, never
loaded globally.
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
MIXED_PROFILE = settings(PROFILE, max_examples=2000 if os.environ.get("CI") else 50)

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

_FULLWIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})
_CONNECTORS = ["For", "On", "Of", "De", "Von", "Van", "Der", "Del", "La", "Le", "Du", "Upon", "The", "A", "An",
               "And", "Or", "&", "for", "on", "of", "de", "von", "upon", "the", "a", "an", "and", "or"]
_EN_WORDS = ["region", "regions", "oblast", "brigade", "massacre", "is", "has", "said", "example", "front",
             "Institute", "Study", "War", "Legion", "Freedom", "Russia", "Storm", "Shadow"]
LATIN_WORD = st.one_of(
    st.from_regex(r"[A-Z][a-z]{0,9}", fullmatch=True),                     # Capitalised
    st.from_regex(r"[A-Z]{1,7}", fullmatch=True),                          # ALL CAPS
    st.from_regex(r"[a-z]{1,8}", fullmatch=True),                          # lower case
    st.from_regex(r"[A-Z]{1,3}-?[0-9]{1,4}[A-Za-z]{0,2}(/[0-9]{1,3})?", fullmatch=True),  # Kh-22/32, T-90M, 3M22
    st.from_regex(r"[0-9]{1,3}(st|nd|rd|th)", fullmatch=True),            # 47th
    st.from_regex(r"[A-Za-z]{1,6}-[A-Za-z0-9]{1,6}(-[A-Za-z0-9]{1,3})?", fullmatch=True),  # Geran-2, Bundes-wehr
    st.from_regex(r"[A-Za-z]{1,6}['’](s|t|ll)?", fullmatch=True),          # Russia's, don't, Kyiv'
    st.sampled_from(_CONNECTORS), st.sampled_from(_EN_WORDS), st.sampled_from(_LATIN),
)
LATIN_RUN = st.lists(LATIN_WORD, min_size=1, max_size=6).flatmap(
    lambda words: st.lists(st.sampled_from([" ", " ", " ", "", ", ", "-", "/", ": ", "、", ". "]),
                           min_size=len(words), max_size=len(words)).map(
        lambda seps: "".join(w + s for w, s in zip(words, seps))))
LATIN_PIECE = LATIN_RUN | LATIN_RUN.map(lambda run: run.translate(_FULLWIDTH))
_BRACKETS = ["(", ")", "（", "）", "「", "」", "『", "』", "【", "】", "[", "]", "［", "］", "\"", "“", "”", "'",
             "〈", "〉", "《", "》", "!", "！", "?", "？", "…", "|", "；", ";", "，", ".", "．"]
MIXED_PIECE = st.one_of(*(st.sampled_from(words) for words in (_KATAKANA, _KANJI, _COUNTERS, _UNITS, _WEAPONS,
                                                               _PUNCT, _BRACKETS, _CONNECTORS)),
                        _DIGITS, LATIN_PIECE, LATIN_PIECE)
MIXED_TEXT = st.lists(MIXED_PIECE, max_size=16).map("".join)

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


@pytest.mark.parametrize("module,factory", COMPONENTS, ids=[f for _, f in COMPONENTS])
def test_component_mixed_latin(module: str, factory: str) -> None:
    """Japanese with Latin words of every shape: each component keeps the invariants (issue 12's crash)."""
    _need(module)

    @MIXED_PROFILE
    @given(MIXED_TEXT)
    def run(text: str) -> None:
        _check((factory,), text)

    run()


def test_en_items_mixed_latin() -> None:
    """The Latin chunker and its item cutter: no exception, items inside their chunk, text = text[start:end]."""
    from components.en_items import chunk_kind, en_items, latin_chunks

    heads = frozenset({"region", "oblast", "brigade", "massacre", "legion"})

    @MIXED_PROFILE
    @given(MIXED_TEXT)
    def run(text: str) -> None:
        for cs, ce in latin_chunks(text):
            assert 0 <= cs < ce <= len(text)
            chunk_kind(text[cs:ce])
            for item in en_items(text, cs, ce, heads):
                assert cs <= item.start < item.end <= ce, (text, item)
                assert item.text == text[item.start:item.end]
                assert item.words

    run()


def test_fast_pipeline_mixed_latin() -> None:
    """The whole fast pipeline (configs/fast.cfg) on mixed text: the record invariants hold."""
    pytest.importorskip("sudachipy")
    from pipeline.loader import load_pipeline

    if "fast" not in _NLP:
        _NLP["fast"] = load_pipeline(fast=True)
    nlp = _NLP["fast"]

    @MIXED_PROFILE
    @given(MIXED_TEXT)
    def run(text: str) -> None:
        first = _observed(nlp(text), text)
        assert _observed(nlp(text), text) == first, "a second run differs"

    run()


@pytest.mark.parametrize("text", ["ウクライナ軍はOn the frontと題した動画を公開した。", "For example:",
                                  "部隊はFor。", "The", "of Kyiv and", "De Von", "ＯＮ ｔｈｅ", "「For」", "Upon the"])
def test_connector_edge_texts(text: str) -> None:
    """A capitalised connector with no name after it (issue 12's IndexError) in every component."""
    _need("components.bilingual")
    _check(tuple(f for _, f in COMPONENTS) + ("gunji_ents_merger",), text)
