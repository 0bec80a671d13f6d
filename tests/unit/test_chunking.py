"""Long texts are annotated in pieces whose spans still refer to the original text."""
from __future__ import annotations

from spacy.tokens import Span

from components.attributes import set_span_attrs
from pipeline.chunking import SUDACHI_MAX_BYTES, join_docs, split_text


def test_short_text_is_one_piece():
    assert split_text("ロシア軍が攻撃した。") == ["ロシア軍が攻撃した。"]


def test_pieces_join_back_and_fit_the_limits():
    text = "ロシア軍は無人機を発射した。" * 5000
    pieces = split_text(text)
    assert "".join(pieces) == text
    assert len(pieces) > 1
    assert all(len(p.encode("utf-8")) < SUDACHI_MAX_BYTES for p in pieces)
    assert all(p.endswith("。") for p in pieces[:-1])


def test_text_without_breaks_is_still_cut():
    text = "あ" * 50000
    pieces = split_text(text, max_bytes=3000)
    assert "".join(pieces) == text and max(len(p.encode()) for p in pieces) <= 3000


def test_max_chars_is_respected():
    pieces = split_text("ab。" * 100, max_chars=30)
    assert all(len(p) <= 30 for p in pieces)


def test_joined_doc_keeps_spans_and_attributes_at_original_offsets(nlp_blank):
    texts = ["ロシア軍が来た。", "ウクライナ軍が守った。"]
    docs = [nlp_blank(t) for t in texts]
    for doc in docs:
        span = Span(doc, 0, 2, label="MIL_UNIT")
        doc.spans["military_units"] = [span]
        set_span_attrs(span, {"canonical": span.text})
    joined = join_docs(docs)
    assert joined.text == "".join(texts)
    spans = list(joined.spans["military_units"])
    assert [s.text for s in spans] == ["ロシア軍", "ウクライナ軍"]
    assert spans[1].start_char == len(texts[0])
    assert spans[1]._.gunji == {"canonical": "ウクライナ軍"}


def test_very_long_text_through_the_tokenizer(nlp_blank):
    text = "第47旅団が前進した。" * 6000
    assert len(text.encode()) > SUDACHI_MAX_BYTES
    doc = join_docs([nlp_blank(p) for p in split_text(text)])
    assert doc.text == text
