"""Long and repetitive inputs: no rule's cost grows faster than the text.

A batch must not stall on one record. Each regression here was an input on which a
regular expression backtracked exponentially (a nested repeat, ``(?:X+,?)+``) or a rule
took time quadratic in a doc's length (a search anchored at ``$`` from every character of
a long prefix, a pass over all weapons for each quantity). The inputs are sized so that
the old code would not have returned within hours (2^40 backtracking steps), so a
regression shows as a hung test, not as a timing threshold; the other tests check that
the rewritten rules still return what they did on ordinary text.
"""
from __future__ import annotations

import random

import pytest

from components.fact_chunks import MAX_CHUNK_TOKENS, chunk_doc
from components.pair_lists import list_pairs
from components.pair_rules import LIST_GAP, find_variants
from components.quantities import _Covers
from pipeline.worst_case import LONG_PIECES, repeated


def test_unclosed_variant_list_returns() -> None:
    """``ポクロフスク(ア・ア・…`` with no closing bracket: the variant list fails at once."""
    assert find_variants("ポクロフスク(" + "ア・" * 40 + "？") == []
    assert find_variants("ヴォロディミル（" + "ヴォロディミル・オレクサンドロヴィチ・ゼレンスキー" * 2 + "大統領）") == []


def test_variants_still_found() -> None:
    text = "ポクロフスク(ポクロウスク、ポクロウシク)で戦闘が続く。"
    found = [text[v.span[0]:v.span[1]] for v in find_variants(text)]
    assert found == ["ポクロウスク", "ポクロウシク"]
    dotted = "州都・ポクロフスク（ポクロウスク）"  # a dot before the run: the name starts after it
    assert [(dotted[v.of[0]:v.of[1]], dotted[v.span[0]:v.span[1]]) for v in find_variants(dotted)] \
        == [("ポクロフスク", "ポクロウスク")]


def test_list_gap_on_long_white_space() -> None:
    assert LIST_GAP.match("　" * 60 + "x") is None
    assert LIST_GAP.match("と、 ：　") is not None
    assert LIST_GAP.match("戦車や装甲車、") is not None
    assert LIST_GAP.match("：戦車") is None  # names come before the colon, not after


def test_reading_gloss_after_long_hiragana() -> None:
    assert list_pairs("は" * 20000) == []
    text = "むじんき (無人機) : drone; unmanned aircraft"
    assert [(text[j[0]:j[1]], text[e[0]:e[1]]) for j, e in list_pairs(text)] == \
        [("無人機", "drone"), ("無人機", "unmanned aircraft")]


def test_covers_matches_a_pass_over_all_spans() -> None:
    rng = random.Random(7)
    for _ in range(300):
        spans = [(s, s + rng.randint(1, 6)) for s in (rng.randint(0, 30) for _ in range(rng.randint(0, 8)))]
        covers = _Covers(spans)
        for start in range(0, 32):
            for end in range(start + 1, start + 8):
                expected = any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans)
                assert covers(start, end) == expected, (spans, start, end)


def test_long_run_is_cut_into_chunks(nlp_blank) -> None:
    """A run with no particle (a flattened table) is cut into chunks the rules read in linear time."""
    doc = nlp_blank("無人機10機" * 400)
    cd = chunk_doc(doc)
    assert all(c.end - c.start <= MAX_CHUNK_TOKENS for c in cd.chunks)
    assert [i for c in cd.chunks for i in range(c.start, c.end)] == list(range(len(doc)))


def test_ordinary_chunks_untouched(nlp_blank) -> None:
    doc = nlp_blank("ロシア軍は昨夜、無人機50機を発射した。ウクライナ空軍は45機を撃墜したと発表した。")
    cd = chunk_doc(doc)
    assert "".join(cd.content(c) for c in cd.chunks if c.pred).startswith("発射")
    assert all(c.end - c.start < 10 for c in cd.chunks)


_NLP: dict = {}


@pytest.mark.parametrize("piece", LONG_PIECES)
def test_fast_pipeline_on_a_long_repetitive_text(piece: str) -> None:
    """The fast pipeline returns on 12,000 characters of one repeated piece (the pieces ``gunji bench
    --worst-case`` times; an input piece of ``gunji annotate`` is at most 49,149 bytes), and its spans
    stay inside the text."""
    pytest.importorskip("sudachipy")
    from pipeline.loader import load_pipeline

    if "fast" not in _NLP:
        _NLP["fast"] = load_pipeline(fast=True)
    text = repeated(piece, 12000)
    doc = _NLP["fast"](text)
    assert all(0 <= e.start_char < e.end_char <= len(text) for e in doc.ents)


def test_repeated_pieces_fit_one_sudachi_call() -> None:
    from pipeline.chunking import SUDACHI_MAX_BYTES

    assert repeated("ア", 10) == "ア" * 10
    assert all(len(repeated(p, 100_000).encode("utf-8")) <= SUDACHI_MAX_BYTES for p in LONG_PIECES)


def test_fast_pipeline_called_on_a_text_over_sudachis_limit() -> None:
    """nlp(text) on more than Sudachi's 49,149 bytes: the tokenizer reads it piece by piece and every
    component runs on the whole doc (spaCy-native use, no gunji chunking in between)."""
    pytest.importorskip("sudachipy")
    from pipeline.loader import load_pipeline

    if "fast" not in _NLP:
        _NLP["fast"] = load_pipeline(fast=True)
    text = "ロシア軍は無人機50機を発射し、ウクライナ空軍は45機を撃墜した。" * 1000
    doc = _NLP["fast"](text)
    assert doc.text == text and len(text.encode("utf-8")) > 49149
    assert [e.text for e in doc.ents if e.label_ == "QUANTITY"][-2:] == ["50機", "45機"]
