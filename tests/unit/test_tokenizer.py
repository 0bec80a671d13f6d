"""Our SudachiPy tokenizer gives spaCy's JapaneseTokenizer's tokens, spaces and attributes, without sub-tokens."""
from __future__ import annotations

import pickle

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.attrs import LEMMA, MORPH, NORM, ORTH, POS, SPACY, TAG

pytest.importorskip("sudachipy")

from components.tokenizer import FIELDS, SudachiTokenizer  # noqa: E402

ATTR = {"tag": TAG, "pos": POS, "lemma": LEMMA, "norm": NORM, "morph": MORPH}
# Our own sentences, with the whitespace cases spaCy's aligner treats specially:
# one ASCII space (a trailing space), runs of spaces, ideographic spaces, tabs
# and newlines (gap tokens), leading and trailing whitespace, whitespace alone.
TEXTS = [
    "ロシア軍は巡航ミサイル「カリブル」3発を発射し、ウクライナ空軍が2発を撃墜した。",
    "第47独立機械化旅団(47th Separate Mechanized Brigade)が前進した。",
    "Ｋｈ−４７Ｍ２ キンジャール 2 発",
    "東京  大阪\u3000\u3000名古屋\t札幌\n\n福岡",
    " 先頭に空白", "末尾に空白 ", "末尾に二つ  ", "\u3000全角\u3000",
    "", " ", "\u3000", " \n ", "\n",
    "三十五万人が避難した…", "2.5億ドル、一.1、１２０ｋｍ", "食べました。読んだ。行こう",
    "A=B|C の読み", "ﾊﾝｶｸ カタカナ ヴァ",
]
FIELD_SETS = [("tag",), ("tag", "pos"), ("tag", "lemma", "norm"), ("tag", "morph"), FIELDS]


@pytest.fixture(scope="module")
def spacy_ja(nlp_blank):
    return nlp_blank


@pytest.fixture(scope="module")
def ours(spacy_ja):
    return {fields: SudachiTokenizer(spacy_ja.vocab, fields=fields) for fields in FIELD_SETS}


def _attrs(fields):
    return [ORTH, SPACY] + [ATTR[f] for f in fields]


def _same(reference, doc, fields):
    assert doc.text == reference.text
    assert doc.to_array(_attrs(fields)).tolist() == reference.to_array(_attrs(fields)).tolist()


@pytest.mark.parametrize("fields", FIELD_SETS, ids=lambda f: "+".join(f))
@pytest.mark.parametrize("text", TEXTS)
def test_same_tokens_and_attributes_as_spacy(spacy_ja, ours, fields, text):
    _same(spacy_ja.make_doc(text), ours[fields](text), fields)


def test_readable_values_match(spacy_ja, ours):
    text = TEXTS[0] + " " + TEXTS[2]
    reference, doc = spacy_ja.make_doc(text), ours[FIELDS](text)
    expected = [(t.text, t.whitespace_, t.tag_, t.pos_, t.lemma_, t.norm_, str(t.morph)) for t in reference]
    assert [(t.text, t.whitespace_, t.tag_, t.pos_, t.lemma_, t.norm_, str(t.morph)) for t in doc] == expected
    assert any(t.whitespace_ for t in doc) and any(t.tag_ == "名詞-数詞" for t in doc)


_ALPHABET = list(" 　\n\t…〜ーａＡ1１一二三万千発機旅団ウクライナ軍はをしたKh-47M2.,、。「」()（）=|・ｶﾀヴァ") + [
    "撃墜した", "ロシア", "  ", "食べ", "ました"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_ALPHABET), max_size=14).map("".join))
def test_random_texts_match_spacy(spacy_ja, ours, text):
    _same(spacy_ja.make_doc(text), ours[FIELDS](text), FIELDS)
    _same(spacy_ja.make_doc(text), ours[("tag",)](text), ("tag",))


def test_no_sub_tokens_and_unfilled_fields_keep_defaults(ours):
    doc = ours[("tag",)]("ウクライナ軍は撃墜した")
    assert "sub_tokens" not in doc.user_data
    assert all(t.tag_ for t in doc)
    assert not doc.has_annotation("POS") and not doc.has_annotation("MORPH") and not doc.has_annotation("LEMMA")
    assert [t.norm_ for t in doc] == [t.text for t in doc]  # the lexeme's own norm


def test_unknown_field_or_mode_is_refused(spacy_ja):
    with pytest.raises(ValueError, match="unknown tokenizer fields"):
        SudachiTokenizer(spacy_ja.vocab, fields=["tag", "dep"])
    with pytest.raises(ValueError, match="split_mode"):
        SudachiTokenizer(spacy_ja.vocab, split_mode="D")


def test_split_mode_a_cuts_finer(spacy_ja):
    text = "国家公務員"
    coarse = SudachiTokenizer(spacy_ja.vocab, split_mode="C", fields=["tag"])(text)
    fine = SudachiTokenizer(spacy_ja.vocab, split_mode="A", fields=["tag"])(text)
    assert len(fine) > len(coarse) == 1


def test_bytes_disk_and_pickle_keep_the_settings(spacy_ja, tmp_path):
    tok = SudachiTokenizer(spacy_ja.vocab, split_mode="A", fields=["tag", "lemma"])
    other = SudachiTokenizer(spacy_ja.vocab).from_bytes(tok.to_bytes())
    assert (other.split_mode, other.fields) == ("A", ("tag", "lemma"))
    tok.to_disk(tmp_path / "tok")
    from_disk = SudachiTokenizer(spacy_ja.vocab).from_disk(tmp_path / "tok")
    assert (from_disk.split_mode, from_disk.fields) == ("A", ("tag", "lemma"))
    copy = pickle.loads(pickle.dumps(tok))
    assert [t.text for t in copy("国家公務員")] == [t.text for t in tok("国家公務員")]


def test_config_name_builds_it_and_a_saved_pipeline_loads(tmp_path):
    config = {"nlp": {"tokenizer": {"@tokenizers": "gunji.SudachiTokenizer.v1", "split_mode": "C",
                                    "fields": ["tag", "norm"]}}}
    nlp = spacy.blank("ja", config=config)
    assert isinstance(nlp.tokenizer, SudachiTokenizer) and nlp.tokenizer.fields == ("tag", "norm")
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    assert isinstance(loaded.tokenizer, SudachiTokenizer) and loaded.tokenizer.fields == ("tag", "norm")
    assert [t.norm_ for t in loaded("１２０発")] == [t.norm_ for t in nlp("１２０発")]


def test_a_text_over_sudachis_input_limit_is_tokenized_piece_by_piece(ours):
    """Sudachi refuses more than 49,149 bytes; the tokenizer cuts such a text at sentence ends and gives the
    tokens of its pieces, so nlp(text) works as spaCy's max_length allows."""
    from components.text_pieces import SUDACHI_MAX_BYTES, split_text

    text = "ロシア軍は無人機を発射した。" * 1300 + "ア" * 30000  # sentences, then a run with no break at all
    assert len(text.encode("utf-8")) > 2 * SUDACHI_MAX_BYTES
    doc = ours[("tag",)](text)
    pieces = [ours[("tag",)](piece) for piece in split_text(text)]
    assert doc.text == text
    assert [(t.text, t.tag_) for t in doc] == [(t.text, t.tag_) for d in pieces for t in d]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["ロシア", "軍", " ", "  ", "\u3000", "\n", "", "A", "。"]), max_size=10))
def test_slice_alignment_equals_the_morpheme_by_morpheme_one(surfaces):
    """``align`` copies the words between whitespace runs in slices; ``_align_each`` (used when
    Sudachi gives empty morphemes) walks them one by one; both give spaCy's words and spaces."""
    from components.tokenizer import _align_each, align

    surfaces = [s for s in surfaces if s]
    text = "".join(surfaces)
    assert align(surfaces, text) == _align_each(surfaces, text)
    assert _align_each(surfaces[:1] + [""] + surfaces[1:], text)[:2] == _align_each(surfaces, text)[:2]
