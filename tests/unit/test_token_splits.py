"""components.token_splits: the 数 of a vague numeral glued to the noun before it.

All example sentences are written for these tests.
"""
from __future__ import annotations

import copy

import pytest
from spacy.tokens import Span

from components.attributes import get_span_attrs
from components.token_splits import (split_among_counts, split_anaphoric_echelons, split_counted_worth, split_force_soldiers,
                                     split_glued_approx, split_glued_brackets, split_glued_class_heads,
                                     split_glued_measures,
                                     split_slash_designations, split_vague_numerals)


@pytest.fixture(scope="module")
def nlp(nlp_blank):
    pipeline = copy.deepcopy(nlp_blank)
    for name in ("military_unit_recognizer", "weapon_recognizer", "quantity_extractor"):
        pipeline.add_pipe(name)
    return pipeline


@pytest.mark.parametrize("text,weapon,quantity,value", [
    ("敵は夜間に無人機数十機を飛ばした。", "無人機", "数十機", 10),
    ("演習には戦闘機数百機が参加する。", None, "数百機", 100),
    ("この攻撃で死者数十人が出た。", None, "数十人", 10),
])
def test_vague_numeral_after_a_noun_is_found(nlp, text, weapon, quantity, value):
    doc = nlp(text)
    if weapon:
        assert weapon in [s.text for s in doc.spans["weapons"]]
    found = {s.text: get_span_attrs(s) for s in doc.spans["quantities"]}
    assert found[quantity]["value"] == value and found[quantity]["approx"] is True
    assert doc.text == text


@pytest.mark.parametrize("text", ["参加した人数は多い。", "機数を数える。", "人数百人"])
def test_other_words_ending_in_su_are_left_alone(nlp_blank, text):
    doc = nlp_blank(text)
    before = [t.text for t in doc]
    if text == "人数百人" and not any(t.text == "人数" for t in doc):
        pytest.skip("the tokenizer does not glue 人数 here")
    split = split_vague_numerals(doc)
    assert ([t.text for t in doc] == before) == (split == 0)
    assert doc.text == text


def test_idempotent_and_span_groups_follow(nlp_blank):
    doc = nlp_blank("部隊は無人機数十機で攻撃した。")
    doc.spans["mine"] = [Span(doc, len(doc) - 3, len(doc) - 1, label="X")]
    before = doc.spans["mine"][0].text
    assert split_vague_numerals(doc) == 1
    assert doc.spans["mine"][0].text == before
    assert split_vague_numerals(doc) == 0


@pytest.mark.ginza
def test_ginza_bunsetu_data_stays_aligned(nlp_ginza):
    ginza = pytest.importorskip("ginza")
    doc = nlp_ginza("敵は無人機数十機で町を攻撃した。")
    n = len(doc)
    assert split_vague_numerals(doc) == 1 and len(doc) == n + 1
    assert len(doc.user_data["bunsetu_bi_labels"]) == len(doc)
    phrases = [s.text for s in ginza.bunsetu_spans(doc)]
    assert "".join(phrases) == doc.text and len(set(phrases)) == len(phrases)


@pytest.mark.parametrize("text,weapons", [
    # a katakana name Sudachi glued to ドローン/ミサイル: name and class are two spans
    ("部隊はペクロドローンを初めて使った。", ["ペクロ", "ドローン"]),
    ("軍はザリャーミサイルを試射した。", ["ザリャー", "ミサイル"]),
    ("ウクライナはリュティドローンで製油所を攻撃した。", ["リュティ", "ドローン"]),
    ("艦はトマホークミサイルを発射した。", ["トマホーク", "ミサイル"]),
    # ... with its model number, after a hyphen or glued
    ("イエメンからサマド-3無人航空機が飛来した。", ["サマド-3", "無人航空機"]),
    ("新型のカラル2ドローンを公開した。", ["カラル2", "ドローン"]),
    # ... and to ミサイルシステム or システム; a name joined to システム by ・ is the system's name too
    ("ルカシェンコ:オレシュニクミサイルシステム、ベラルーシへ", ["オレシュニク", "ミサイルシステム"]),
    ("大統領は、オレシュニク・システムの配備先を語った。", ["オレシュニク"]),
    # ...except パトリオットミサイル, a name of its own in Japanese reporting (parts 59, 61, 62 mark it whole)
    ("防空部隊はパトリオットミサイルを発射した。", ["パトリオットミサイル"]),
    # type words compose with the class
    ("敵はミニドローンとスーサイドドローンを使う。", ["ミニドローン", "スーサイドドローン"]),
    # type words, places and hobby use name no system
    ("彼はホビードローンを改造した。", ["ドローン"]),
    ("ロシアドローンが飛来した。", ["ドローン"]),
    # the same before armoured vehicle, aircraft and gun classes
    ("ドイツのティーガー戦車が展示された。", ["ティーガー", "戦車"]),
    # the Tiger's derivatives and its older Japanese name are listed names (Wikipedia (ja): ティーガーI)
    ("ヤークトティーガーとシュトルムティーガー、虎戦車が並ぶ。", ["ヤークトティーガー", "シュトルムティーガー", "虎戦車"]),
    ("マルダー歩兵戦闘車が供与された。", ["マルダー", "歩兵戦闘車"]),
    ("ラジコン戦車とステルス戦闘機の展示", ["戦車", "ステルス戦闘機"]),  # a toy; a type word composes
    # Japanese type designations, also where Sudachi reads 式中 ("during a ceremony") as one word
    ("03式中距離地対空誘導弾が配備された。", ["03式", "中距離地対空誘導弾"]),
    ("10式戦車と16式機動戦闘車が参加した。", ["10式", "戦車", "16式", "機動戦闘車"]),
    ("九七式中戦車と三八式歩兵銃", ["九七式", "中戦車", "三八式", "歩兵銃"]),
    ("装備一式を送った。", []),  # 一式 is also "a full set"
    ("ドローンと無人水上艦艇による攻撃で水陸両用揚陸艦が損傷した。", ["ドローン", "無人水上艦艇", "水陸両用揚陸艦"]),
    # two type words joined by a slash qualify one class; a ・ list does not (the annotators' split)
    ("多用途/攻撃用UAVの運用実証", ["多用途/攻撃用UAV"]),
    ("攻撃型・偵察型ドローンが主役だ。", ["偵察型ドローン"]),
    # a slash glued to the next designation's letter (Sudachi's /M)
    ("米国はM142/M270を供与した。", ["M142", "M270"]),
    ("M777/M109の砲弾", ["M777", "M109"]),
    ("Kh101/Kh555を発射", ["Kh101", "Kh555"]),  # Sudachi cuts this slash itself
])
def test_weapons_on_split_tokens(nlp, text, weapons):
    doc = nlp(text)
    assert [s.text for s in doc.spans["weapons"]] == weapons
    assert doc.text == text


def test_glued_class_split_keeps_text(nlp_blank):
    doc = nlp_blank("ボーバードローン3機")
    assert split_glued_class_heads(doc) == 1
    assert [t.text for t in doc][:2] == ["ボーバー", "ドローン"] and doc.text == "ボーバードローン3機"
    assert split_glued_class_heads(doc) == 0


@pytest.mark.parametrize("text,units", [
    ("越境攻撃で露軍兵594人を捕虜にした。", ["露軍"]),
    ("ロシア軍兵約300人が投降した。", ["ロシア軍"]),
    ("多くの軍兵が集まった。", []),  # no force before it: the word stays whole
    # the anaphoric 同 glued to an echelon's first character
    ("同師団は戦車100両を失った。", ["師団"]),  # Sudachi: 同師 / 団
    ("同大隊は前進した。", ["大隊"]),  # 同大 / 隊
    ("同大学は発表した。", []),  # no echelon: the word stays whole
    ("同軍管区で参謀総長を務めた。", ["軍管区"]),  # 同軍 / 管区
    ("同航空団にF-16が入った。", ["航空団"]),  # 同 / 航空 / 団: an air wing is an echelon 同 may point at
    # a numbered echelon's title: 師団長, 中隊長 are one word to Sudachi
    ("知事は陸上自衛隊第1師団長に要請した。", ["陸上自衛隊第1師団"]),
    ("第21普通科連隊第4中隊長の話", ["第21普通科連隊第4中隊"]),
    ("連隊長は語った。", []),  # a bare post: the word stays whole
])
def test_units_on_split_tokens(nlp, text, units):
    doc = nlp(text)
    assert [s.text for s in doc.spans["military_units"]] == units
    assert doc.text == text


def test_force_soldier_split_is_idempotent(nlp_blank):
    doc = nlp_blank("露軍兵594人")
    assert split_force_soldiers(doc) == 1
    assert [t.text for t in doc][:3] == ["露", "軍", "兵"] and doc.text == "露軍兵594人"
    assert split_force_soldiers(doc) == 0


def test_slash_split_needs_numbers_on_both_sides(nlp_blank):
    doc = nlp_blank("3/Mの単位とM142/M270")
    assert split_slash_designations(doc) == 1
    assert "/M" in [t.text for t in doc] and doc.text == "3/Mの単位とM142/M270"
    assert [t.tag_ for t in doc if t.text == "/"] == ["補助記号-一般"]
    assert split_slash_designations(doc) == 0


def test_anaphoric_split_is_idempotent(nlp_blank):
    doc = nlp_blank("同師団は")
    assert split_anaphoric_echelons(doc) == 1
    assert [t.text for t in doc][:3] == ["同", "師", "団"] and [t.tag_ for t in doc][:1] == ["接頭辞"]
    assert split_anaphoric_echelons(doc) == 0


def test_a_calibre_glued_to_a_designation_is_cut_off(nlp, nlp_blank):
    doc = nlp_blank("30mmCIWSと3mmと100mmの砲")
    assert split_glued_measures(doc) == 1
    assert [t.text for t in doc][:3] == ["30", "mm", "CIWS"] and doc.text == "30mmCIWSと3mmと100mmの砲"
    assert split_glued_measures(doc) == 0
    doc = nlp("艦は30mmCIWS×8を積む。")
    assert [s.text for s in doc.spans["weapons"]] == ["CIWS"]
    assert [s.text for s in doc.spans["quantities"]] == ["30mm", "8"]


def test_a_calibre_glued_to_a_mount_count_is_cut_off(nlp, nlp_blank):
    """``25mm3連装機銃``: Sudachi reads ``mm3`` (cubic millimetres) as one token; before 連装 the 3 is the
    mount's barrel count and the calibre a QUANTITY of its own."""
    doc = nlp_blank("25mm3連装機銃:52基")
    assert split_glued_measures(doc) == 1
    assert [t.text for t in doc][:4] == ["25", "mm", "3", "連装"] and doc[2].tag_ == "名詞-数詞"
    doc = nlp_blank("容積は5mm3だ。")
    assert split_glued_measures(doc) == 0  # no mount after it: cubic millimetres stay one token
    doc = nlp("兵装は25mm3連装機銃:52基。")
    assert [s.text for s in doc.spans["quantities"]] == ["25mm", "52基"]


def test_vehicles_worth_is_cut_after_a_number(nlp_blank):
    """``105両分``: Sudachi's word 両分 ("halving") swallows the vehicles' counter after a number."""
    doc = nlp_blank("戦車105両分を対象とする")
    assert split_counted_worth(doc) == 1
    assert [t.text for t in doc][1:4] == ["105", "両", "分"]
    assert split_counted_worth(doc) == 0
    doc = nlp_blank("国を両分する")
    assert split_counted_worth(doc) == 0  # no number before it: the word stays


def test_an_x_for_the_times_sign_is_cut_off_its_figure(nlp):
    """潜水艦x1: Sudachi's x1 is cut so that the tally's count stands on its own token."""
    doc = nlp("喪失:哨戒艇x2 潜水艦x1 軽巡洋艦x1")
    assert [s.text for s in doc.spans["quantities"]] == ["2", "1", "1"]
    assert "x" in [t.text for t in doc]


def test_a_bracketed_gloss_glued_to_its_word_is_cut_off(nlp, nlp_blank):
    """``陸軍(イギリス)`` is one word of Sudachi's dictionary (a Wikipedia title): cut into four tokens so that
    the force before it lies on token boundaries."""
    doc = nlp_blank("英陸軍(イギリス)と米空軍(アメリカ)")
    doc.spans["mine"] = [doc[0:2]]
    assert split_glued_brackets(doc) == 2
    assert [t.text for t in doc] == ["英", "陸軍", "(", "イギリス", ")", "と", "米", "空軍", "(", "アメリカ", ")"]
    assert [t.pos_ for t in doc][2:5] == ["PUNCT", "PROPN", "PUNCT"]
    assert doc.spans["mine"][0].text == "英陸軍(イギリス)"  # a span group follows the split by its offsets
    assert split_glued_brackets(doc) == 0
    doc = nlp_blank("(株)日立製作所")
    assert split_glued_brackets(doc) == 0  # a word that is all bracket stays
    doc = nlp("陸上自衛隊は英陸軍(イギリス)との関係を強める。")
    assert "英陸軍" in [s.text for s in doc.spans["military_units"]]


def test_about_glued_to_within_is_cut_before_a_number(nlp, nlp_blank):
    """``市内約5,600棟``: Sudachi's word 内約 ("a private agreement") swallows the 約 of the figure."""
    doc = nlp_blank("市内約5,600棟")
    assert split_glued_approx(doc) == 1
    assert [t.text for t in doc][:3] == ["市", "内", "約"]
    doc = nlp_blank("両国の内約に基づく")
    assert split_glued_approx(doc) == 0  # no number after it: the word stays
    doc = nlp("損壊した住宅は市内約5,600棟に上った。")
    assert "約5,600棟" in [s.text for s in doc.spans["quantities"]]


def test_among_glued_to_a_figure_is_cut_after_a_count(nlp, nlp_blank):
    """``4発中3発``: Sudachi's word 中3 (a pupil's school year) swallows the second count's figure."""
    doc = nlp_blank("4発中3発")
    assert split_among_counts(doc) == 1
    assert [t.text for t in doc] == ["4", "発", "中", "3", "発"]
    doc = nlp_blank("中3の生徒")
    assert split_among_counts(doc) == 0  # no count before it: the word stays
    doc = nlp("迎撃ミサイルは4発中3発を撃ち落とした。")
    assert {"4発", "3発"} <= {s.text for s in doc.spans["quantities"]}
