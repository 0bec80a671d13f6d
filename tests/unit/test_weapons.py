"""Tests for ``weapon_recognizer`` (components.weapons) and its pure rule modules.

Every sentence here is written for the tests; none comes from shared data.
"""
from __future__ import annotations

import json
from collections import defaultdict

import pytest
from spacy.tokens import Doc, DocBin

from components.attributes import get_span_attrs, register_extensions
from components.gazetteer import fold
from components.weapon_compose import Tok, choose_candidates, typo_modifier
from components.weapon_rules import (Head, Modifier, boundary_ok, case_ok, compose_class, is_variant_suffix,
                                     names_from_records, read_jsonl)
from components.tables import DATA_DIR
from components.weapons import CLASSES_FILE, LABEL, NAMES_FILE, SPANS_KEY, WeaponRecognizer


@pytest.fixture(scope="module")
def recognizer(nlp_blank) -> WeaponRecognizer:
    return WeaponRecognizer(nlp_blank.vocab)


@pytest.fixture(scope="module")
def run(nlp_blank, recognizer):
    def _run(text: str) -> Doc:
        return recognizer(nlp_blank(text))
    return _run


def spans(doc: Doc):
    return [(s.text, s.kb_id_ or None, get_span_attrs(s).get("weapon_class")) for s in doc.spans[SPANS_KEY]]


def texts(doc: Doc):
    return [s.text for s in doc.spans[SPANS_KEY]]


# --- named systems: every listed form maps to one canonical name -------------------------------
CANONICAL_FORMS = {
    "Iskander-M": ["イスカンデルM", "イスカンダルM", "Iskander-M", "9K720", "イスカンデル"],
    "KN-23": ["KN23", "KN-23", "ＫＮ－２３", "火星11"],
    "Kh-47M2 Kinzhal": ["キンジャル", "Kh-47M2", "Kh47M2", "Ｋｈ−４７Ｍ２"],
    "3M-14 Kalibr": ["カリブル", "Kalibr", "3M-14"],
    "Shahed-136": ["シャヘド", "シャハド136", "Shahed-136", "ゲラン2", "Geran-2"],
    "M142 HIMARS": ["HIMARS", "ハイマース", "M142"],
    "MGM-140 ATACMS": ["ATACMS", "エイタクムス"],
    "Storm Shadow": ["ストームシャドー", "Storm Shadow", "SCALP"],
    "MIM-104 Patriot": ["パトリオット", "PAC-3"],
    "IRIS-T SLM": ["IRIS-T"],
    "NASAMS": ["NASAMS", "ナサムス"],
    "S-300": ["S-300"],
    "S-400 Triumf": ["S-400", "S‐400", "S400"],
    "Leopard 2": ["レオパルト2", "Leopard 2", "レオパルト2A6"],
    "M1 Abrams": ["エイブラムス", "M1A1"],
    "M2 Bradley": ["ブラッドレー"],
    "T-72": ["T-72", "T-72B3"],
    "T-90": ["T-90", "T-90M"],
    "F-16": ["F-16", "F16"],
    "JAS 39 Gripen": ["グリペン", "Gripen"],
    "Su-34": ["Su-34"],
    "Ka-52": ["Ka-52"],
    "R-360 Neptune": ["R-360", "R-360 Neptune"],
    "Bayraktar TB2": ["TB2", "バイラクタル", "Bayraktar TB2"],
    "Orlan-10": ["オルラン10", "Orlan-10"],
    "RPG-7": ["RPG-7"],
    "AK-47": ["AK-47", "AK47"],
    "FGM-148 Javelin": ["ジャベリン", "Javelin"],
    "OTR-21 Tochka-U": ["トーチカU", "Tochka-U"],
    "Oreshnik": ["オレシニク", "オレシュニク"],
    "Lyutyi": ["リューティ", "Liutyi"],
    "Magura V5": ["マグラV5", "Magura V5"],
    "Sea Baby": ["シーベイビー", "Sea Baby"],
    "2S19 Msta-S": ["2S19", "Msta-S"],
    "PzH 2000": ["PzH 2000", "PzH2000"],
    # NOTES-real15
    "K2 Black Panther": ["K2ブラックパンサー"],
    "DragonFire": ["DragonFire", "ドラゴンファイア"],
    "Saab GlobalEye": ["グローバルアイ"],
    "Type 45 destroyer": ["Type 45"],
    "Bell AH-1Z Viper": ["AH-1Z"],
    "Bell UH-1Y Venom": ["UH-1Y"],
}


@pytest.mark.parametrize("canonical,form", [(c, f) for c, forms in CANONICAL_FORMS.items() for f in forms])
def test_named_form_maps_to_canonical(run, canonical, form):
    doc = run(f"ウクライナ軍は{form}を前線で使用した。")
    found = doc.spans[SPANS_KEY]
    assert [s.text for s in found] == [form]
    assert found[0].label_ == LABEL
    assert found[0].kb_id_ == canonical
    attrs = get_span_attrs(found[0])
    assert attrs["canonical"] == canonical and attrs["kind"] == "name"
    assert attrs["weapon_class"] and attrs["origin"]


@pytest.mark.parametrize("form", ["Lancet", "ランセット", "ネプチューン", "Neptune", "Grad", "トール"])
def test_ambiguous_alias_counts_in_military_context(run, form):
    assert form in texts(run(f"ロシア軍は{form}で陣地を攻撃した。"))


@pytest.mark.parametrize("text", ["航空祭ではT-4の展示飛行が続いた。", "朝、T-4が離陸した。"])
def test_ambiguous_aircraft_alias_beside_flying_words(run, text):
    assert texts(run(text)) == ["T-4"]  # flights, take-offs and air shows are aviation cues


@pytest.mark.parametrize("text", [
    "The Lancet published a new study on glaciers.",
    "ビーバーが川にダムを作り、フラミンゴの群れが飛来した。",
    "海王星ネプチューンは青い惑星だ。",
    "甲状腺ホルモンT-4の値は正常だった。",  # no aviation or military word near it
    "A patriot like him. Grad students use the Tor browser.",
    "雑誌ランセットに論文が載った。夜はクラブで過ごした。",
])
def test_common_words_are_not_weapons(run, text):
    assert texts(run(text)) == []


def test_context_does_not_cross_sentences(run):
    assert texts(run("ポーランドのクラブ自走砲。夜はクラブで飲んだ。")) == ["クラブ", "自走砲"]


def test_listed_name_inside_a_dotted_name_is_not_taken(run):
    # ウラン is listed (Kh-35) but ウラン・ウデ is a city; シャヘド・ドローン keeps both words
    assert texts(run("首都ウラン・ウデ郊外の倉庫が燃えた。")) == []
    assert texts(run("対艦ミサイル「ウラン」とシャヘド・ドローン。")) == ["対艦ミサイル", "ウラン", "シャヘド", "ドローン"]


def test_model_number_before_a_name_is_one_span(run):
    # M57 ATACMS, M142 HIMARS: model and name of one system, one space between (NOTES-real7)
    assert texts(run("M57 ATACMSとM142 HIMARSが届いた。")) == ["M57 ATACMS", "M142 HIMARS"]
    assert texts(run("2024年 HIMARSが届いた。")) == ["HIMARS"]
    # a variant code one space after a listed name (NOTES-real9)
    assert texts(run("米国はエイブラムス M1を供与した。")) == ["エイブラムス M1"]


def test_all_caps_alias_needs_capitals(run):
    assert texts(run("The HARM missile hit a radar.")) == ["HARM", "missile"]
    assert texts(run("It did no harm to anyone.")) == []


# --- classes and the modifier grammar --------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("弾道ミサイル", "ballistic_missile"), ("巡航ミサイル", "cruise_missile"),
    ("空中発射型弾道ミサイル", "air_launched_ballistic_missile"), ("極超音速ミサイル", "hypersonic_missile"),
    ("対艦ミサイル", "anti_ship_missile"), ("地対空ミサイル", "sam"), ("ミサイル", "missile"), ("ロケット", "rocket"),
    ("無人機", "drone"), ("ドローン", "drone"), ("自爆型無人機", "loitering_munition"),
    ("自爆ドローン", "loitering_munition"), ("FPVドローン", "fpv_drone"), ("水上ドローン", "naval_drone"),
    ("長距離ドローン", "long_range_drone"), ("囮ドローン", "decoy_drone"), ("偵察ドローン", "reconnaissance_drone"),
    ("戦車", "tank"), ("装甲車", "armoured_vehicle"), ("歩兵戦闘車", "ifv"), ("榴弾砲", "howitzer"),
    ("多連装ロケット砲", "mlrs"), ("迫撃砲", "mortar"), ("戦闘機", "fighter"), ("ジェット戦闘機", "fighter"),
    ("爆撃機", "bomber"), ("ヘリ", "helicopter"), ("ヘリコプター", "helicopter"), ("攻撃ヘリ", "attack_helicopter"),
    ("地雷", "mine"), ("核兵器", "nuclear_weapon"), ("自動小銃", "rifle"), ("銃", "gun"),
    ("対戦車ミサイル", "anti_tank_missile"), ("防空システム", "air_defence_system"), ("USV", "naval_drone"),
    ("UAV", "drone"), ("長距離自爆型ドローン", "loitering_munition"), ("光ファイバー式FPVドローン", "fpv_drone"),
])
def test_class_spans_and_composed_class(run, text, expected):
    doc = run(f"前線では{text}が使われた。")
    assert spans(doc) == [(text, None, expected)]
    assert get_span_attrs(doc.spans[SPANS_KEY][0])["kind"] == "class"


@pytest.mark.parametrize("text,expected", [
    ("Russia fired cruise missiles at the port.", ["cruise missiles"]),
    ("FPV drones and long-range drones were used.", ["FPV drones", "long-range drones"]),
    ("Ukraine's Missile Defence held.", ["Missile"]),
    ("Rocket Squad", ["Rocket"]),
    ("a think tank report on fuel tank safety", []),
])
def test_english_classes(run, text, expected):
    assert texts(run(text)) == expected


def test_typo_in_english_modifier_is_tolerated(run):
    assert spans(run("Neptune cruse missiles were launched."))[-1] == ("cruse missiles", None, "cruise_missile")
    assert texts(run("these missiles")) == ["missiles"]


# --- span boundaries --------------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("国産巡航ミサイルを開発した。", ["巡航ミサイル"]),
    ("北朝鮮製の弾道ミサイルが着弾した。", ["弾道ミサイル"]),
    ("北朝鮮製イスカンデルM/KN23を使った。", ["イスカンデルM", "KN23"]),
    ("巡航ミサイル「カリブル」が発射された。", ["巡航ミサイル", "カリブル"]),
    ("自動小銃AK-47で撃った。", ["自動小銃", "AK-47"]),
    ("最新鋭の戦闘機と新型ミサイル。", ["戦闘機", "ミサイル"]),
    ("シャヘド倉庫を破壊した。", ["シャヘド"]),
    ("ドローン映像が公開された。", ["ドローン"]),
    ("無人機攻撃と戦車戦が続く。", ["無人機", "戦車"]),
    ("ミサイル用の発射台。", ["ミサイル"]),
    ("シャヘド型無人機が飛来した。", ["シャヘド型", "無人機"]),  # a name with 型, then its class (ANNOTATION.md)
    ("熱圧力ロケット砲が火を噴いた。", ["熱圧力ロケット砲"]),
    ("8基のミサイル防空システムを配備した。", ["ミサイル防空システム"]),
    ("通常爆弾を誘導爆弾に変えるキット。", ["通常爆弾", "誘導爆弾"]),
    ("基地に持ち込まれた爆破装置が爆発した。", ["爆破装置"]),
    ("重機関銃ブローニングM2を据えた。", ["重機関銃", "ブローニングM2"]),
    ("「M4シャーマン」と「ティーガーⅠ型」の模型。", ["M4シャーマン", "ティーガーⅠ型"]),
])
def test_span_boundaries(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text", ["兵器", "武器", "弾薬", "装備", "車両", "銃撃", "銃声", "砲撃", "宇宙ロケットの打ち上げ"])
def test_generic_words_are_not_weapons(run, text):
    assert texts(run(f"現場には{text}があった。")) == []


def test_width_and_dash_variants_match(run):
    doc = run("Ｋｈ−４７Ｍ２とS‐400、Kh47M2を確認。")
    assert [s.kb_id_ for s in doc.spans[SPANS_KEY]] == ["Kh-47M2 Kinzhal", "S-400 Triumf", "Kh-47M2 Kinzhal"]


def test_designation_families_cover_unlisted_models(run):
    assert spans(run("Su-32とスホイ37、T-99が現れた。")) == [
        ("Su-32", "Su-32", "fighter"), ("スホイ37", "Su-37", "fighter"), ("T-99", "T-99", "tank")]
    assert texts(run("T99やF1やS300の型番。")) == ["S300"]  # S300 is listed; T99/F1 lack the dash


def test_japanese_type_designation_is_the_name_before_its_class(run):
    # ANNOTATION.md: a system's name and its class noun written together are two spans (as T-90M戦車);
    # the real38 annotator splits 87式|高射機関砲 so
    assert spans(run("10式戦車と12式地対艦誘導弾を配備。")) == [
        ("10式", None, "tank"), ("戦車", None, "tank"), ("12式", None, "anti_ship_missile"),
        ("地対艦誘導弾", None, "anti_ship_missile")]


def test_quoted_nickname_after_a_designation_is_its_own_span(run):
    # ANNOTATION.md: quotes are no part of a span; ``T-90M Proryv`` unquoted is one listed name
    assert texts(run("ロシア軍のT-90M “Proryv”が撃破された。")) == ["T-90M", "Proryv"]
    assert texts(run("The T-90M 'Proryv' tank")) == ["T-90M", "Proryv", "tank"]
    assert texts(run("T-90M Proryvが現れた。")) == ["T-90M Proryv"]


def test_stop_phrases_and_time_bomb(run):
    assert texts(run("無人機弾頭と時限爆弾。")) == ["無人機"]


def test_existing_spans_in_group_are_kept(nlp_blank, recognizer):
    doc = nlp_blank("戦車が来た。")
    doc.spans[SPANS_KEY] = [doc[0:1]]
    assert len(recognizer(doc).spans[SPANS_KEY]) == 2


# --- the NER signal ------------------------------------------------------------------------------------
def _ner_doc(nlp, words, ents):
    return Doc(nlp.vocab, words=words, spaces=[False] * len(words), ents=ents)


def test_ner_signal_adds_unknown_names_near_context(nlp_blank, recognizer):
    # (glued before ミサイル the name is found without NER: components.weapon_unknown)
    doc = _ner_doc(nlp_blank, ["ロシア", "は", "ミサイル", "、", "ズメイゴルイニチ", "を", "発射"],
                   ["O", "O", "O", "O", "B-Weapon", "O", "O"])
    found = spans(recognizer(doc))
    assert ("ズメイゴルイニチ", None, None) in found
    kinds = [get_span_attrs(s)["kind"] for s in doc.spans[SPANS_KEY]]
    assert kinds == ["class", "ner"]


@pytest.mark.parametrize("words,ents", [
    (["と", "、", "12"], ["B-Weapon", "I-Weapon", "I-Weapon"]),            # particles and digits
    (["氷河", "が", "崩壊"], ["B-Weapon", "O", "O"]),                        # kanji common noun
    (["ミネルバ", "が", "咲く"], ["B-Aircraft", "O", "O"]),                  # no military context
    (["ロシア", "が", "ミネルバ", "を", "発射"], ["O", "O", "B-Person", "O", "O"]),  # other label
])
def test_ner_signal_adds_no_garbage(nlp_blank, recognizer, words, ents):
    assert texts(recognizer(_ner_doc(nlp_blank, words, ents))) == []


def test_ner_signal_can_be_switched_off(nlp_blank):
    off = WeaponRecognizer(nlp_blank.vocab, use_ner_signal=False)
    doc = _ner_doc(nlp_blank, ["ロシア", "は", "ミサイル", "、", "ズメイゴルイニチ"], ["O", "O", "O", "O", "B-Weapon"])
    assert texts(off(doc)) == ["ミサイル"]


# --- serialisation ------------------------------------------------------------------------------------
def test_to_disk_from_disk_round_trip(tmp_path, nlp_blank, recognizer):
    recognizer.to_disk(tmp_path / "weapons")
    assert (tmp_path / "weapons" / NAMES_FILE).exists() and (tmp_path / "weapons" / CLASSES_FILE).exists()
    lines = (tmp_path / "weapons" / NAMES_FILE).read_text(encoding="utf-8").splitlines()
    (tmp_path / "weapons" / NAMES_FILE).write_text("\n".join(lines[:1]), encoding="utf-8")  # only Iskander-M
    other = WeaponRecognizer(nlp_blank.vocab).from_disk(tmp_path / "weapons")
    assert texts(other(nlp_blank("イスカンデルMとHIMARSと戦車"))) == ["イスカンデルM", "戦車"]


def test_pipeline_to_disk_and_load(tmp_path):
    import spacy
    nlp = spacy.blank("ja", config={"nlp": {"tokenizer": {"split_mode": "C"}}})
    nlp.add_pipe("weapon_recognizer", config={"use_ner_signal": False})
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    doc = loaded("キンジャルが飛来")
    assert [s.kb_id_ for s in doc.spans[SPANS_KEY]] == ["Kh-47M2 Kinzhal"]


def test_docbin_round_trip_keeps_attributes(nlp_blank, run):
    doc = run("ロシアはキンジャルと自爆型無人機を使った。")
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    register_extensions()
    (back,) = list(DocBin().from_bytes(data).get_docs(nlp_blank.vocab))
    assert spans(back) == spans(doc)
    attrs = get_span_attrs(back.spans[SPANS_KEY][0])
    assert attrs == {"canonical": "Kh-47M2 Kinzhal", "weapon_class": "air_launched_ballistic_missile",
                     "origin": "RU", "kind": "name"}


# --- the data files ------------------------------------------------------------------------------------
def _records():
    with (DATA_DIR / NAMES_FILE).open(encoding="utf-8") as f:
        return read_jsonl(f)


def test_gazetteer_breadth_and_fields():
    records = _records()
    assert len(records) >= 150
    for rec in records:
        assert rec["canonical"] and rec["weapon_class"] and rec["origin"] and rec["source"], rec
        assert isinstance(rec["aliases"], list)
    assert len({r["canonical"] for r in records}) == len(records)


def test_no_alias_names_two_systems():
    owners = defaultdict(set)
    for alias, name in names_from_records(_records()):
        owners[fold(alias)].add(name.canonical)
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert clashes == {}


def test_cyrillic_aliases_are_not_matched(run):
    """Annotators give Cyrillic no span (NOTES-real14, 17): the gazetteer's Cyrillic aliases stay as data only."""
    assert any(alias == "Искандер" for rec in _records() for alias in rec["aliases"])
    assert not any(alias == "Искандер" for alias, _ in names_from_records(_records()))
    assert texts(run("イスカンデル(Искандер)を発射した。")) == ["イスカンデル"]
    assert texts(run("巡航ミサイルKh-555(Х-555)を発射した。")) == ["巡航ミサイル", "Kh-555"]


def test_class_file_records_have_sources():
    with (DATA_DIR / CLASSES_FILE).open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            assert rec["kind"] in {"head", "modifier", "family", "cue", "stop", "suffix", "maker"} and rec["source"], rec


# --- pure rules -------------------------------------------------------------------------------------------
def test_compose_class_applies_nearest_modifier_first():
    head = Head("ミサイル", "missile", "missile")
    ballistic = Modifier("弾道", ("missile",), (("missile", "ballistic_missile"),))
    air = Modifier("空中発射", ("missile",), (("ballistic_missile", "air_launched_ballistic_missile"),))
    assert compose_class(head, [air, ballistic]) == "air_launched_ballistic_missile"
    assert compose_class(head, [ballistic, air]) == "ballistic_missile"


def test_small_checks():
    assert case_ok("HARM", "HARM") and not case_ok("HARM", "harm") and case_ok("Kh-101", "KH-101")
    assert case_ok("AN-196", "An-196") and case_ok("BM-21", "Bm-21")  # a numbered designation: any case
    assert not boundary_ok("トール", "ス", "") and boundary_ok("トール", "の", "が")
    assert is_variant_suffix("B3") and is_variant_suffix("M") and not is_variant_suffix("と")
    assert typo_modifier("cruse", "missile", [Modifier("cruise", ("missile",))]) is not None
    assert typo_modifier("cruises", "missile", [Modifier("cruise", ("missile",))]) is None


def test_choose_candidates_on_plain_tokens(recognizer):
    tokens = [Tok("自爆"), Tok("型"), Tok("無人機")]
    hits = [(0, 2, {"mod": Modifier("自爆型", ("drone",), (("drone", "loitering_munition"),))}),
            (2, 3, {"head": Head("無人機", "drone", "drone")})]
    (cand,) = choose_candidates(tokens, hits, recognizer.grammar)
    assert (cand.start, cand.end, cand.weapon_class) == (0, 3, "loitering_munition")


# --- class words, variants and quoted names added for unseen text --------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("陸軍は高機動ロケット砲システムを増やす。", ["高機動ロケット砲システム"]),
    ("誘導多連装ロケットシステムの弾が届いた。", ["誘導多連装ロケットシステム"]),
    ("巡視船と哨戒艦と強襲揚陸艦が出港した。", ["哨戒艦", "強襲揚陸艦"]),  # 巡視船: a coast guard ship, no weapon
    ("夜間に重爆撃ドローンが飛来した。", ["重爆撃ドローン"]),
    ("情報収集機と電子偵察機が接近した。", ["情報収集機", "電子偵察機"]),
    ("迎撃弾が尽き、不発弾が畑に残る。", ["迎撃弾"]),  # unexploded ordnance is a hazard, not a weapon (four real-text annotations)
    # 大型 is a size; 小型 before drones names a type (small drones), as two real-text annotators marked it
    ("大型無人機と小型ドローンが並ぶ。", ["大型無人機", "小型ドローン"]),
    ("小型偵察用無人機40機と自律型ドローン", ["小型偵察用無人機", "自律型ドローン"]),
    ("GPS誘導ロケット弾と精密誘導弾、ディーゼル電気潜水艦", ["GPS誘導ロケット弾", "精密誘導弾", "ディーゼル電気潜水艦"]),
    # the seeker before 誘導 belongs to the class, as GPS does; レーダー alone stays no weapon
    ("レーダー誘導空対空ミサイルとレーザー誘導爆弾を供与した。", ["レーダー誘導空対空ミサイル", "レーザー誘導爆弾"]),
    ("赤外線誘導ミサイルをレーダーで探知した。", ["赤外線誘導ミサイル"]),
    ("航空防衛システムやミサイル迎撃システムを提供する。", ["航空防衛システム", "ミサイル迎撃システム"]),
    ("対艦ミサイルシステムと対戦車ミサイルシステム、地対艦ミサイルシステム", ["対艦ミサイルシステム", "対戦車ミサイルシステム", "地対艦ミサイルシステム"]),
    ("最新の核兵器システムを配備し、核兵器を誇示した。", ["核兵器システム", "核兵器"]),
    ("カミカゼ・ドローンとデルタ翼ドローン、M2歩兵戦闘装甲車", ["カミカゼ・ドローン", "デルタ翼ドローン", "M2", "歩兵戦闘装甲車"]),  # M2: a one-digit designation glued to its class (real20 gold)
    ("対戦車火器で応じた。", ["対戦車火器"]),
    ("標的はキロ級潜水艦だった。", ["キロ級", "潜水艦"]),  # a class name beside its class noun: two spans
    # research round 12: India's Agni series, China's submarine classes by their kanji names, two Chinese names
    ("アグニ5とアグニVとアグニ4", ["アグニ5", "アグニV", "アグニ4"]),
    ("通常型「明級」の中古潜水艦と「元級」の新造艦", ["明級", "潜水艦", "元級"]),
    ("JF-17(中国名:「梟龍」)と「武直10」", ["JF-17", "梟龍", "武直10"]),
    ("上級の将校と級友", []),
    # research round 12, part 103: the Falklands' aircraft; a light cruiser whole; a trainer as 訓練機
    ("シュペル・エタンダール攻撃機とハリヤー、AV-8ハリアー", ["シュペル・エタンダール", "攻撃機", "ハリヤー", "AV-8ハリアー"]),
    ("軽巡洋艦と訓練機、参加艦艇", ["軽巡洋艦", "訓練機", "艦艇"]),
    # cruiser grades and the coastal defence ship (Tsushima); a grade word before no ship is nothing
    ("一等巡洋艦1隻、二等巡洋艦3隻と装甲海防艦", ["一等巡洋艦", "二等巡洋艦", "装甲海防艦"]),
    ("一等賞と二等兵", []),
])
def test_more_class_words(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,canonical", [
    ("ゲラニ2が飛来した。", "Shahed-136"),
    ("ペトリオットで迎え撃つ。", "MIM-104 Patriot"),
    ("HARMsを供与した。", "AGM-88 HARM"),  # an English plural of an acronym name
    ("Geranium 2と改名された。", "Shahed-136"),  # Geran is "geranium"
    ("MQ-9リーパーが偵察した。", "MQ-9 Reaper"),
    ("An-196リュティが製油所を狙った。", "Lyutyi"),  # Antonov's An- written in mixed case
    ("F/A18スーパーホーネットの2飛行隊", "F/A-18E/F Super Hornet"),  # the Hornet's designation, the Super Hornet's name
])
def test_variant_spellings_and_joined_designations(run, text, canonical):
    doc = run(text)
    (span,) = doc.spans[SPANS_KEY]
    assert span.kb_id_ == canonical and span.start_char == 0


@pytest.mark.parametrize("text,expected", [
    ("安価な迎撃ドローン「スティング」Stingを量産する。", ["迎撃ドローン", "スティング", "Sting"]),
    ("揚陸艦「オレネゴルスキー・ゴルニャク」が損傷した。", ["揚陸艦", "オレネゴルスキー・ゴルニャク"]),
    ("自爆型無人機「ランスX」の試作。", ["自爆型無人機", "ランスX"]),
    ("揚陸艦ツェザーリ・クニコフが沈んだ。", ["揚陸艦", "ツェザーリ・クニコフ"]),
    # a quoted katakana name found again unquoted later in the text, unless the tokenizer knows it as a place
    ("小型ミサイル艦「サムーム」が被弾した。サムームは傾いた。", ["小型ミサイル艦", "サムーム", "サムーム"]),
    ("旗艦「モスクワ」が沈んだ。モスクワは否定した。", ["モスクワ"]),
    ("揚陸艦「ヤマル」が損傷。ヤマルスキー氏が話した。", ["揚陸艦", "ヤマル"]),  # inside a longer katakana word
])
def test_quoted_name_after_a_class_is_a_weapon(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("歌手のスティングが来日した。", []),               # Sting the musician: no weapon nearby
    ("民話のババ・ヤガは森に住む。", []),
    ("作戦「クモの巣」と作戦「スパイダー」。", []),      # quotes after no class noun
    ("ドローン「攻撃」の記事。", ["ドローン"]),           # a kanji word in quotes is no name
    ("兵器と武器と弾薬と装備と車両。", []),
])
def test_quoted_and_ambiguous_near_misses(run, text, expected):
    assert texts(run(text)) == expected


def test_yield_to_drops_weapons_inside_units(nlp_blank):
    import spacy
    nlp = spacy.blank("ja", config={"nlp": {"tokenizer": {"split_mode": "C"}}})
    nlp.add_pipe("military_unit_recognizer")
    nlp.add_pipe("weapon_recognizer", config={"yield_to": ["military_units"]})
    doc = nlp("ドローン部隊がドローンを飛ばした。")
    assert [(s.text, s.start) for s in doc.spans[SPANS_KEY]] == [("ドローン", 3)]
    nested = spacy.blank("ja", config={"nlp": {"tokenizer": {"split_mode": "C"}}})
    nested.add_pipe("military_unit_recognizer")
    nested.add_pipe("weapon_recognizer")
    # default: a Japanese weapon word inside a unit name is part of the unit's name (real-text annotators);
    # an English weapon word before a unit word stays a WEAPON (the shared dev gold: Rocket Squad)
    doc = nested("ドローン部隊と戦車大隊、地対空ミサイル部隊")
    assert [s.text for s in doc.spans[SPANS_KEY]] == []
    doc = nested("the Rocket Squad fired")
    assert [s.text for s in doc.spans[SPANS_KEY]] == ["Rocket"]


@pytest.mark.parametrize("text,expected", [
    # a designation and a name of one system written together are one name
    ("TOS-1Aや2S19ムスタ、BM-21グラートを撃破した。", ["TOS-1A", "2S19ムスタ", "BM-21グラート"]),
    ("巡航ミサイルFlamingo FP-5とR-360 Neptuneの射程。", ["巡航ミサイル", "Flamingo FP-5", "R-360 Neptune"]),
    # a Japanese name and its Latin gloss stay two spans (a bilingual pair)
    ("シャヘドShahedが飛来した。", ["シャヘド", "Shahed"]),
    # a slash separates two names, in Latin script as in katakana
    ("ストームシャドーStorm Shadow/SCALPを発射した。", ["ストームシャドー", "Storm Shadow", "SCALP"]),
    ("けん引式榴弾砲M777と誘導滑空爆弾(KAB)。", ["けん引式榴弾砲", "M777", "誘導滑空爆弾", "KAB"]),
    # designation families of spec lists (NOTES-real64): NATO's SA- and SA-N-, the RBU launchers, GRAU's
    # 2A guns, the SU- self-propelled guns (capitals: Su- is Sukhoi's), AgustaWestland's AW helicopters
    ("SA-2とSA-N-7、RBU-6000を搭載した。", ["SA-2", "SA-N-7", "RBU-6000"]),
    ("主砲は2A18を改良した2A31で、SU-152にも流用。", ["2A18", "2A31", "SU-152"]),
    ("AW149を36機買う。", ["AW149"]),
    # ship specifications: NATO naval missile names, SSM in Latin letters; the Il-22M's class; LCAC's class
    ("SS-N-12 SSMを16基積む。", ["SS-N-12", "SSM"]),
    ("主兵装はSS-N-22SSMとSA-N-7SAM。", ["SS-N-22", "SSM", "SA-N-7", "SAM"]),  # a class glued after: no suffix
    ("Il-22M空中指揮所が撃墜された。", ["Il-22M", "空中指揮所"]),
    ("ホーバークラフト型揚陸艇が浜に上がる。", ["ホーバークラフト型揚陸艇"]),
    # an unlisted designation counted after a multiplication sign, as procurement lists write it, and a
    # bare model glued after its class noun (NOTES-real64)
    ("F-35A×32機、FA-50×48機を買う。", ["F-35A", "FA-50"]),
    ("12.7mm重機関銃M2に使う弾薬。", ["重機関銃", "M2"]),
    ("B-29とかB-17みたいな爆撃機。", ["B-29", "B-17", "爆撃機"]),
    # research round 7: legacy systems as hobby and reference pages write them; names that are also
    # ordinary words (ブラックパンサー, a film) need a weapon word nearby; NATO-name families AS-, AT-, ZPU-
    ("MiG-23フロッガーとクリヴァク級フリゲート。", ["MiG-23フロッガー", "クリヴァク級", "フリゲート"]),
    ("ポーランドはブラックパンサー戦車を発注した。", ["ブラックパンサー", "戦車"]),
    ("映画ブラックパンサーを見た。", []),
    ("AS-4キッチンとZPU-4、BRDM-2が並ぶ。", ["AS-4キッチン", "ZPU-4", "BRDM-2"]),
    # ウラン (the Kh-35's name) is also uranium: only with a weapon word nearby (NOTES-real64)
    ("金、石油、ウランなど天然資源が豊か。", []),
    ("対艦ミサイル「ウラン」を発射した。", ["対艦ミサイル", "ウラン"]),
    ("特別輸送機と連絡機、敷設艦と砕氷艦", ["特別輸送機", "連絡機", "敷設艦", "砕氷艦"]),
    # a listed name is not the start of a longer number (K2 in K239, cut K2|39 by Sudachi)
    ("K2戦車に続きK239を導入した。", ["K2", "戦車", "K239"]),
    # Poland's procurement list (NOTES-real64)
    ("Chunmoo多連装ロケット砲とボルスク歩兵戦闘車、アローヘッド140フリゲート。",
     ["Chunmoo", "多連装ロケット砲", "ボルスク", "歩兵戦闘車", "アローヘッド140", "フリゲート"]),
])
def test_designation_and_name_of_one_system(run, text, expected):
    assert texts(run(text)) == expected


def test_joined_designation_keeps_canonical(run):
    assert spans(run("BM-21グラートが発射された。")) == [("BM-21グラート", "BM-21 Grad", "mlrs")]


def test_range_and_warhead_are_weapon_context(run):
    assert texts(run("専門家によれば、フラミンゴの射程は長い。")) == ["フラミンゴ"]
    assert texts(run("動物園のフラミンゴが話題になった。フラミンゴは片足で立つ。")) == []


@pytest.mark.parametrize("text,expected", [
    # a ship's name right after its class, without quotes
    ("揚陸艦ミンスクと潜水艦ロストフ・ナ・ドヌが被弾した。", ["揚陸艦", "ミンスク", "潜水艦", "ロストフ・ナ・ドヌ"]),
    ("コルベット ヴァシリー・ビコフ、キロ級潜水艦。", ["コルベット", "ヴァシリー・ビコフ", "キロ級", "潜水艦"]),  # a caption's space
    ("駆逐艦 ロシアの艦艇。", ["駆逐艦", "艦艇"]),  # no name after the space
    ("哨戒艦・ワシリー・ブイコフが入港した。", ["哨戒艦", "ワシリー・ブイコフ"]),  # the separating dot is in neither
    ("ミンスクで会談が開かれた。駆逐艦が入港した。", ["駆逐艦"]),
    # type words with 用, multirotors, ground robots, guided shells
    ("攻撃用ドローンとヘキサコプター、地上ロボット、誘導砲弾。", ["攻撃用ドローン", "ヘキサコプター", "地上ロボット", "誘導砲弾"]),
    # 艦艇 (naval vessels) is a military class, unlike 車両 and 兵器 (three real-text annotators)
    ("黒海艦隊は艦艇の多くを移した。", ["艦艇"]),
    ("艦艇発射型の巡航ミサイル", ["巡航ミサイル"]),
])
def test_ship_names_multirotors_and_generic_vessels(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # a slash and only a number (or a letter suffix) of the same designation: one span
    ("爆撃機はKh-22/32を搭載していた。", ["爆撃機", "Kh-22/32"]),
    ("攻撃にはシャヘド131/136が使われた。", ["シャヘド131/136"]),
    ("同国はS-300/400を配備している。", ["S-300/400"]),
    # a letter variant that repeats the model's variant letter, or a lone letter after one: one span
    ("同国はレオパルト2A4/A6を保有する。", ["レオパルト2A4/A6"]),
    ("T-72B3/B3Mが前進した。", ["T-72B3/B3M"]),
    ("F-16A/Bの訓練が始まった。", ["F-16A/B"]),
    ("弾はロケットモーターで射程を延ばす。", []),  # a rocket motor is a part, not a rocket
    # class names of aid lists and translations
    ("米国は対装甲兵器システムと高速対放射線ミサイルを送る。", ["対装甲兵器システム", "高速対放射線ミサイル"]),
    ("重火炎放射システムが投入された。", ["重火炎放射システム"]),
    # gazetteer rows of this war's reporting: series names, NATO reporting names, aircraft types
    ("BMPとBTRが戦車とともに前進した。", ["BMP", "BTR", "戦車"]),  # BMP is also an image format: near weapon talk only
    ("An-225ムリーヤが破壊された。", []),  # a civil cargo aircraft, no military platform (NOTES-real21, -55, -60)
    ("春闘でベアを求めた。", []),  # ベア (a pay rise) is the Tu-95 only near weapon talk
    ("損失は次の通り。\nグラート4台\n車両30台", ["グラート"]),  # counted in a weapon counter: the Grad
    ("北朝鮮の核・ミサイル開発が進む。", ["ミサイル"]),  # nukes and missiles: 核 is a thing of its own
    # two names of two systems stay two spans
    ("北朝鮮製のイスカンデルM/KN23が発射された。", ["イスカンデルM", "KN23"]),
    # a name and its class noun written together are two spans
    ("部隊はT-72B3戦車を撃破した。", ["T-72B3", "戦車"]),
    ("Su-25攻撃機が低空で飛行した。", ["Su-25", "攻撃機"]),
    # the whole class of a guided aerial bomb
    ("前線に誘導航空爆弾が投下された。", ["誘導航空爆弾"]),
])
def test_slash_variants_and_name_class_pairs(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("新型のミサイル・ドローンが製油所を狙った。", ["ミサイル・ドローン"]),  # one class, not ミサイル + ドローン
    ("港は夜間のミサイル・ドローン攻撃を受けた。", ["ミサイル", "ドローン"]),  # an attack by both (NOTES-real9)
    ("砲兵はクラスノポール誘導砲弾を撃った。", ["クラスノポール", "誘導砲弾"]),  # a katakana variant of Krasnopol
])
def test_missile_drones_and_krasnopol(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # unlisted designations with a class noun after or before, or a count after
    ("敵はXR-41ミサイルを撃った。", ["XR-41", "ミサイル"]),
    ("前線で無人機QV-12が目撃された。", ["無人機", "QV-12"]),
    ("同軍はTK-8を20機投入した。", ["TK-8"]),
    ("新型のStorm-3ドローンが披露された。", ["Storm-3", "ドローン"]),
    # an unknown all-caps name glued to a class noun
    ("部隊はKORAX無人機で偵察した。", ["KORAX", "無人機"]),
    # an unlisted designation in one list with named systems
    ("部隊はUH-1、CH-47、AH-1S、OH-6Dを持ち込んだ。", ["UH-1", "CH-47", "AH-1S", "OH-6D"]),
    ("G-7とF-16の話", ["F-16"]),  # a summit, not a system
    # a model code glued after a katakana name is part of it
    ("カールグスタフM2の後継に無反動砲「カールグスタフM3」を選んだ。", ["カールグスタフM2", "無反動砲", "カールグスタフM3"]),
    # an unknown name right after its class: not a dictionary word, or counted as systems
    ("多目的重装甲車グリフォン936台を配備する。", ["多目的重装甲車", "グリフォン"]),
    ("攻撃機ウォートホッグが飛んだ。", ["攻撃機", "ウォートホッグ"]),
    ("戦車メーカーの工場と戦闘機パイロット3人。", ["戦車", "戦闘機"]),
])
def test_unlisted_names_with_weapon_evidence(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text", [
    "会議はCOVID-19の影響で延期された。",   # a designation shape with no weapon evidence
    "NATO無人機の監視が続く。",            # an organisation before the class noun
    "ISW無人機報告によれば前進が続く。",      # a known acronym
    "記事はAB-12号に掲載された。",
])
def test_unlisted_shapes_without_evidence_are_no_weapons(run, text):
    assert not [t for t in texts(run(text)) if t not in ("無人機",)]


def test_guessed_names_yield_to_unit_names(nlp_blank, recognizer):
    """A name the NER signal guesses as a weapon is no weapon where it is a MIL_UNIT's name."""
    from spacy.tokens import Span

    doc = _ner_doc(nlp_blank, ["ドローン", "部隊", "「", "ヴォルナ", "」", "が", "攻撃"],
                   ["O", "O", "O", "B-Weapon", "O", "O", "O"])
    doc.spans["military_units"] = [Span(doc, 3, 4, label="MIL_UNIT")]
    assert "ヴォルナ" not in texts(recognizer(doc))
    plain = _ner_doc(nlp_blank, ["ドローン", "部隊", "「", "ヴォルナ", "」", "が", "攻撃"],
                     ["O", "O", "O", "B-Weapon", "O", "O", "O"])
    assert "ヴォルナ" in texts(recognizer(plain))


# --- whole names and glossed class nouns (real reporting, first contact of real3) ------------------------
@pytest.mark.parametrize("text,expected", [
    # an unknown katakana nickname between a designation and its class noun belongs to the designation
    ("ロシア製Su-34フルバック爆撃機3機を撃墜した。", ["Su-34フルバック", "爆撃機"]),
    ("Su-34パイロットが脱出した。", ["Su-34"]),  # no class noun after the katakana: no nickname
    # ... unless the katakana is no dictionary word: a reporting name or nickname (NOTES-real64)
    ("空軍はA-10ウォートホッグを退役させる。", ["A-10ウォートホッグ"]),
    ("MiG-29エンジンを交換した。", ["MiG-29"]),  # エンジン is a word
    # a maker's name before a designation
    ("Sukhoi Su-34が飛来した。", ["Sukhoi Su-34"]),
    ("ツポレフTu-95爆撃機が離陸した。", ["ツポレフTu-95", "爆撃機"]),
    # the press's shorter spelling of Sukhoi, after one space; a variant letter after the variant's number
    ("撃墜されたのは「スホイ Su-24」だった。", ["スホイ Su-24"]),
    ("空軍はスホイSu-30MK2Vを導入した。", ["スホイSu-30MK2V"]),
    ("ベリエフA-50早期警戒機が撃墜された。", ["ベリエフA-50", "早期警戒機"]),
    ("レーダー誘導のグラマンF6Fが迎え撃った。", ["グラマンF6F"]),
    ("シコルスキーUH-60が着陸した。", ["シコルスキーUH-60"]),
    ("ロシア軍のベリエフBe-200を確かめた。", ["ベリエフBe-200"]),
    # the katakana glued after a designation that reads it aloud is its gloss, a WEAPON of its own
    ("仏製の精密誘導爆弾AASMアーズムを抱えた。", ["精密誘導爆弾", "AASM", "アーズム"]),
    ("米国はATACMSエイタクムスを供与した。", ["ATACMS", "エイタクムス"]),  # a listed reading: the same, two spans
    ("旧式のBM-21グラートが撃った。", ["BM-21グラート"]),  # a name of the same system, not a reading: one span
    ("中国海軍のルーヤン3級ミサイル駆逐艦が通過した。", ["ルーヤン3級", "ミサイル駆逐艦"]),  # the class number in a digit
    # a ship class and its type noun: two spans (ANNOTATION.md: a name beside its class noun)
    ("キーロフ級ミサイル巡洋艦とアダ級コルベット", ["キーロフ級", "ミサイル巡洋艦", "アダ級", "コルベット"]),
    ("偵察にはマビック3を使う。", ["マビック3"]),  # a model number glued to the katakana name
    # a designation without its hyphen only glued to a class noun
    ("M50ドローン5機を供給した。", ["M50", "ドローン"]),
    # a designation of the same family listed before one glued to its class noun
    ("M30A2およびM31A2ロケットを送る。", ["M30A2", "M31A2", "ロケット"]),
    ("G7とM31A2ロケットの話。", ["M31A2", "ロケット"]),  # another family: only the glued one
    ("G7首脳はA4用紙に署名した。", []),
    # a gloss inside a weapon's name: one span
    ("ファーストパーソンビュー(FPV)ドローンで攻撃した。", ["ファーストパーソンビュー(FPV)ドローン"]),
    ("FPV(一人称視点)ドローンが飛ぶ。", ["FPV(一人称視点)ドローン"]),
    ("榴弾(りゅうだん)砲を撃った。", ["榴弾(りゅうだん)砲"]),
    ("国防省(MOD)ドローン部門が発表した。", ["ドローン"]),  # a ministry's acronym glosses no weapon
    # several quoted names after one class noun
    ("揚陸艦「ヤマル」と「アゾフ」を攻撃した。", ["揚陸艦", "ヤマル", "アゾフ"]),
    ("巡航ミサイル「カリブル」「イスカンデル」を撃った。", ["巡航ミサイル", "カリブル", "イスカンデル"]),
    ("黒海艦隊の旗艦「モスクワ」が沈んだ。", ["モスクワ"]),  # the ship's role names a ship, and is none
    # a ship list: a colon after the class, a hull number before each quoted name (the number stays out)
    ("小型対潜艦:053「ポヴォリノ」、054「エイスク」", ["小型対潜艦", "ポヴォリノ", "エイスク"]),
    ("小型対潜艦:第053「ポヴォリノ」", ["小型対潜艦"]),  # no bare hull number: no list
    # a ship's number in its class names a ship too, quoted or not; a count after a quoted name makes it a
    # weapon (NOTES-real63, -real64)
    ("17番艦「ベスストラーシュヌイ」で建造は終わった。", ["ベスストラーシュヌイ"]),
    ("内訳は「オルラン10」が3機、「ザラ」が1機だった。", ["オルラン10", "ザラ"]),
    ("「ピウデン」が発表した。", []),
    # research round 7, ship names: a ship named after a person needs a naval or weapon word nearby; one named
    # after a place is found only after its class or in quotes (ミンスク, Азов stay places)
    ("ピョートル・モルグノフが撃沈された。", ["ピョートル・モルグノフ"]),
    ("ダゲスタン号とタタルスタン号がミサイルを発射した。", ["ダゲスタン号", "タタルスタン号", "ミサイル"]),
    ("ユーリ・イワノフ氏は語った。", []),
    ("Азов и Москва", []),
    # a maker named with a class noun, unquoted: プロドローン社 and its later mentions (NOTES-real66)
    ("プロドローン社がドローンを供給する。プロドローンは増産する。", ["ドローン"]),
    # a Japanese warship's name in hiragana, quoted before 型 and the class noun; 軽 (light) before a missile
    # class, and a type number before it (NOTES-real66)
    ("「もがみ」型護衛艦を輸出する。", ["もがみ", "護衛艦"]),
    ("「これから」型の作戦。", []),
    ("国産の01式軽対戦車誘導弾を使う。", ["01式", "軽対戦車誘導弾"]),
    # a ship class names every ship listed after it, not a country or a name glued to a noun
    ("揚陸艦ノボチェルカスクとミンスクが損傷した。", ["揚陸艦", "ノボチェルカスク", "ミンスク"]),
    ("哨戒艦セルゲイ・コトフ、イワン・フルスが被弾した。", ["哨戒艦", "セルゲイ・コトフ", "イワン・フルス"]),
    ("揚陸艦ミンスクとロシアの艦艇。", ["揚陸艦", "ミンスク", "艦艇"]),
    ("黒海艦隊の旗艦モスクワが沈んだ。", ["モスクワ"]),  # without quotes too
    ("レオパルドC1戦車が届いた。", ["レオパルドC1", "戦車"]),  # a listed name and its glued variant code
    # a designation and a name filling one pair of quotes are one name
    ("巡航ミサイル「FP5 フラミンゴ」を試験した。", ["巡航ミサイル", "FP5 フラミンゴ"]),
    ("滑空誘導爆弾「UMPB D30」3発で攻撃した。", ["滑空誘導爆弾", "UMPB D30"]),
    ("「HIMARS ATACMS」の組み合わせ", ["HIMARS", "ATACMS"]),  # two listed systems, no designation
    # a model designation's own name quoted after it; a quoted name that a verb of naming gives a class
    ("T-90A「ウラジーミル」が投入された。", ["T-90A", "ウラジーミル"]),
    ("「バザリト」と呼ばれる巡航ミサイルを積む。", ["バザリト", "巡航ミサイル"]),
    ("「ザポリージャ」と呼ばれる町に着いた。", []),  # no class noun after the verb
    ("ドローン「ウェブ」作戦で爆撃機が損傷した。", ["ドローン", "爆撃機"]),  # the quotes name an operation
    ("大規模攻撃 無人機 405機", ["無人機"]),  # a headline's space ends the phrase before the class
    ("新型滑空弾「UMPK」を投下した。", ["滑空弾", "UMPK"]),  # the press's short form of a glide bomb
    ("日本がハプーンを供与する。", ["ハプーン"]),  # Harpoon with its long vowel left out
    ("黒海艦隊がオニクスを発射した。", ["オニクス"]),  # Oniks, an ambiguous spelling beside a launch
    ("オニクスの指輪を買った。", []),  # the same spelling with no weapon context
    ("島しょ防衛用高速滑空弾の配備", ["島しょ防衛用高速滑空弾"]),  # an official system name, one span
    ("attack drone", ["attack drone"]),  # English keeps its spaces
    ("無人機「タイガ」演習を行った。", ["無人機"]),  # an exercise
    ("長距離砲と戦車砲が届いた。", ["長距離砲", "戦車砲"]),  # 砲 as a token of its own is a gun
    # ship and vehicle classes, and 武装 as a type of armed aircraft and drones
    ("ロシアのミサイル艦を攻撃した。", ["ミサイル艦"]),
    ("戦闘機と武装ヘリ、戦闘車の列が続く。", ["戦闘機", "武装ヘリ", "戦闘車"]),
    ("武装ドローンと武装勢力", ["武装ドローン"]),
    ("武装した無人機が飛ぶ。", ["無人機"]),
    ("パトリオット、IRIS-T、MANTIS ミサイル", ["パトリオット", "IRIS-T", "MANTIS", "ミサイル"]),
    ("ドイツはアロウ3を導入する。", ["アロウ3"]),
    ("空中発射の対地攻撃巡航ミサイルを造る。", ["対地攻撃巡航ミサイル"]),
    ("旧ソ連のイグラ、ストレラ、西側のスティンガー", ["イグラ", "ストレラ", "スティンガー"]),
    ("ストレラという名の歌手", []),  # the bare name needs a weapon nearby
    # a Latin weapon word that begins a company's name is no weapon
    ("Kh-101を造るTactical Missiles Corp.とLancet Group", ["Kh-101"]),
    ("HIMARS Inc.ではなくHIMARSが届いた。", ["HIMARS"]),
])
def test_whole_names_and_glosses(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # a count glued to a katakana family name is a count of that weapon, not a model number
    ("夜間にシャヘド120機が飛来した。", ["シャヘド"]),
    ("新型のシャヘド238が確認された。", ["シャヘド238"]),  # no counter after it: the model
    ("Su-35機が撃墜された。", ["Su-35"]),  # a Latin designation before 機 stays whole
    # bare ゲラン is also a perfume house: a weapon only with a count or weapon context
    ("ロシア軍はゲラン50機を発射した。", ["ゲラン"]),
    ("ゲランの香水を贈った。", []),
])
def test_counts_after_family_names(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # two aliases of one system that overlap (DJI Mavic, Mavic 3) are one name, not the first cut short
    ("兵士は「DJI Mavic 3」を偵察に使う。", ["DJI Mavic 3"]),
    ("兵士はMavic 3を偵察に使う。", ["Mavic 3"]),
])
def test_overlapping_aliases_of_one_system(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # two names of one system one space apart are one span, as glued (ANNOTATION.md: BM-21グラート)
    ("M2A2 ブラッドレーが供与された。", ["M2A2 ブラッドレー"]),
    ("BM-21 グラートが発射された。", ["BM-21 グラート"]),
    ("米国はM57 ATACMSを供与した。", ["M57 ATACMS"]),  # a model number after Japanese text still joins
    ("ジャベリン Javelinを供与。", ["ジャベリン", "Javelin"]),  # a name and its English form: a pair, not one span
    # the long-vowel bar written for a hyphen, cut off as a token of its own
    ("Cー2輸送機が着陸した。", ["Cー2", "輸送機"]),
    # a JSDF type number before its calibre and class (the calibre is a QUANTITY of its own)
    ("20式5.56mm 小銃と64式7.62ミリ小銃、96式40mm自動てき弾銃。", ["20式", "小銃", "64式", "小銃", "96式", "自動てき弾銃"]),
    ("戦略核ミサイルの基地だった。", ["戦略核ミサイル"]),
    ("ミグ戦闘機が並ぶ。", ["ミグ", "戦闘機"]),
])
def test_names_found_in_part59_development(run, text, expected):
    assert texts(run(text)) == expected


def test_part_60_forms(run):
    # a katakana type word joined to its class by a middle dot is one loanword compound; a name stays apart
    assert texts(run("撃ってきたのはクラスター・ミサイルだった。")) == ["クラスター・ミサイル"]
    assert texts(run("シャヘド・ドローンが来た。")) == ["シャヘド", "ドローン"]
    # a NATO reporting name keeps its variant letter (Flanker-B)
    assert texts(run("Su-27B フランカーBの模型。")) == ["Su-27B フランカーB"]
    # the earth-penetrating bomb is a class; GBU-57 is one of them, not another name of it
    doc = run("B2爆撃機から地下貫通弾「バンカーバスター(GBU57A)」を落とした。")
    assert texts(doc) == ["B2", "爆撃機", "地下貫通弾", "バンカーバスター", "GBU57A"]
    assert get_span_attrs(doc.spans[SPANS_KEY][3])["kind"] != "name"


@pytest.mark.parametrize("text,expected", [
    # a katakana name with the same system's Latin code glued after it is one name (parts 53-61 gold)
    ("パトリオットPAC-3を配備した。", ["パトリオットPAC-3"]),
    ("ジャベリンFGM-148を供与。", ["ジャベリンFGM-148"]),
    ("ペトリオット PAC-3もある。", ["ペトリオット", "PAC-3"]),  # apart by a space: two
    ("イスカンデルKN-23", ["イスカンデル", "KN-23"]),  # another system (North Korea's derivative)
    ("シャヘドShahed-136", ["シャヘド", "Shahed-136"]),  # the Latin form of the name: a gloss, not a code
    # 戦略的 / 戦術的 qualify a class as 戦略 / 戦術 do; not a partner or a decision
    ("戦略的核兵器と戦術的核兵器。戦略的パートナー。", ["戦略的核兵器", "戦術的核兵器"]),
    ("中SAM改の発射装置と03式中距離地対空誘導弾。", ["中SAM改", "発射装置", "03式", "中距離地対空誘導弾"]),
    ("見た目はSCARに似ている。傷跡(scar)。", ["SCAR"]),
    ("揚陸艇(LCAC)が接岸し、掃海艦が続いた。An-71早期警戒機も。", ["揚陸艇", "LCAC", "掃海艦", "An-71", "早期警戒機"]),
    ("支援には対機雷艦と小型艇が入る。", ["対機雷艦"]),  # a mine countermeasures vessel, not a mine
])
def test_part_61_forms(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # the JGSDF's short names of its SAMs: 近SAM (Type 93), 短SAM (Types 81 and 11), 携SAM (Type 91)
    ("93式近SAMと81式短SAM、それに携SAMが並ぶ。", ["93式近SAM", "81式短SAM", "携SAM"]),  # type number and short name: two names of one system, one span
    # パトリオットミサイル written as one word is one span (parts 59, 61, 62); a name and its class are two
    ("パトリオットミサイルを年間30発つくる。", ["パトリオットミサイル"]),
    ("ペトリオットミサイルの輸出。", ["ペトリオットミサイル"]),
])
def test_part_62_forms(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("集束弾（cluster munitions）と対戦車地雷（anti-tank mines）", ["集束弾", "cluster munitions", "対戦車地雷", "anti-tank mines"]),
    ("landmines and naval mines", ["landmines", "naval mines"]),
    ("The coal mines were closed.", []),  # a bare "mines" is no weapon
])
def test_english_mines_and_munitions(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # 型 after a katakana name is part of it with or without a class noun after (NOTES-real63),
    # but not before の
    ("このうちシャヘド型が60機以上を占めた。", ["シャヘド型"]),
    ("シャヘド型無人機が飛来した。", ["シャヘド型", "無人機"]),
    ("シャヘド型の無人機が飛来した。", ["シャヘド", "無人機"]),
])
def test_katakana_name_with_kata(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("アンチドローン技術とカウンタードローン", ["ドローン", "ドローン"]),  # against drones: no drone named アンチ
    ("ロケット推進弾では最大67kmに届く。", []),  # the drive of a shell, not a rocket
    ("Stridsfordon90=CV90が50輌", ["Stridsfordon90", "CV90"]),
])
def test_part_63_forms(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # names and spellings of research round 6 (each row names the page a helper saw it on)
    ("ロシアはシャへド136を発射し、X59も使った。", ["シャへド136", "X59"]),  # hiragana へ; a Latin X for Х
    ("ブーク2とネイサムス、鉄のドームが迎撃した。", ["ブーク2", "ネイサムス", "鉄のドーム"]),
    ("FV432とVBCI、AMX-10Pが到着した。", ["FV432", "VBCI", "AMX-10P"]),
    # an ambiguous name needs a military word in its sentence
    ("ボクサーの試合とマーダー事件", []),
])
def test_names_of_research_round_6(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # military abbreviations in Latin letters as classes; an all-capitals class matches capitals only
    ("ロシア軍はSAMとSPG、IED、MRAPを使った。", ["SAM", "SPG", "IED", "MRAP"]),
    ("SHORADとC-RAMを配備し、ＩＣＢＭも", ["SHORAD", "C-RAM", "ＩＣＢＭ"]),
    ("Sam said Icbm and Manpads.", []),
])
def test_latin_abbreviation_classes(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("第2航空群のP-3Cが確認した。", ["P-3C"]),
    ("MV-22オスプレイとSH-60Kが着艦した。", ["MV-22オスプレイ", "SH-60K"]),
    ("E-2Dが警戒にあたった。", ["E-2D"]),
])
def test_japanese_and_us_aircraft_of_defence_reporting(run, text, expected):
    assert texts(run(text)) == expected


def test_naval_auxiliaries_are_ship_classes(run):
    found = texts(run("マルシャル・ネデリン級ミサイル観測支援艦とアムール級工作艦が通過した。"))
    assert found == ["マルシャル・ネデリン級", "ミサイル観測支援艦", "アムール級", "工作艦"]


@pytest.mark.parametrize("text,expected", [
    # Chinese designations written in kanji, variant letters included (weapon_classes.jsonl families)
    ("殲轟-7Aと轟-6Mが並んで飛んだ。", ["殲轟-7A", "轟-6M"]),
    ("直-8KAと運-20が展示された。", ["直-8KA", "運-20"]),
    ("早期警戒機の空警2000が上空を通過した。", ["早期警戒機", "空警2000"]),
    ("運3年目の訓練だ。", []),  # 運 and 直 need their hyphen: alone they are common words
])
def test_chinese_designations_in_kanji(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # a hull classification symbol with its number is one ship's code: a WEAPON with no class beside it
    ("右から順に DD-110、DDG-991、CVN73。", ["DD-110", "DDG-991", "CVN73"]),
    ("入港したのはSSN 775だった。", ["SSN 775"]),
    ("指揮艦(USS Blue Ridge LCC-19)が入港", ["指揮艦", "USS Blue Ridge", "LCC-19"]),  # the code ends the name
    ("DD-110Aの部品", []),  # a letter glued after it: a longer code, no hull number
])
def test_hull_numbers(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # a ship's name beside its hull number in brackets, either way round, is a WEAPON as the number is
    ("右から DD-110(たかなみ:護衛艦)、DD-111(おおなみ)。", ["DD-110", "たかなみ", "護衛艦", "DD-111", "おおなみ"]),
    ("在港状況\nTOPEKA(SSN754) 出港\nTEXAS (SSN 775) 入港", ["TOPEKA", "SSN754", "TEXAS", "SSN 775"]),
    ("DD-110(2000年就役)", ["DD-110"]),  # a year in the brackets is no name
])
def test_ship_names_beside_hull_numbers(run, text, expected):
    assert texts(run(text)) == expected


def test_the_gsdfs_aircraft_at_a_display(run):
    # a display list of the GSDF's aircraft (OH-6D, LR-2, MU-2, AS332L: weapons.jsonl, Wikipedia (ja))
    assert texts(run("展示機 UH-1J OH-6D AS332L LR-2 MU-2")) == ["UH-1J", "OH-6D", "AS332L", "LR-2", "MU-2"]
    assert texts(run("LR-2の値を読む。")) == []  # LR-2 and MU-2 need an aviation or military word near them


@pytest.mark.parametrize("text,expected", [
    # the Imperial Navy's and Army's special attack weapons and ships by their kanji names, beside a military word
    ("旧日本軍の人間魚雷「回天」が置かれている。", ["人間魚雷", "回天"]),
    ("特攻兵器回天・桜花、軍艦陸奥の副砲", ["特攻兵器", "回天", "桜花", "軍艦", "陸奥"]),
    ("桜花が満開だ。回天の偉業。長門市の観光。", []),  # blossoms, a turn of fortune, a city
    ("97式中戦車の愛称はチハだ。", ["97式", "中戦車", "チハ"]),  # the type and its class stay two
])
def test_imperial_weapons_by_their_kanji_names(run, text, expected):
    assert texts(run(text)) == expected


def test_designations_with_a_typeset_dash(run):
    # the horizontal bar and the minus sign of typeset pages stand for the hyphen; the repeat is found too
    assert texts(run("主力はE―48集束焼夷弾で、E―48に38発収まる。")) == ["E―48", "集束焼夷弾", "E―48"]


def test_ship_type_modifiers_belong_to_the_class(run):
    # ドック型 and エアクッション型 say what type of ship, as 自爆型 says what type of drone: one span
    assert texts(run("ドック型輸送揚陸艦とエアクッション型揚陸艇が入港した。")) == ["ドック型輸送揚陸艦", "エアクッション型揚陸艇"]


def test_biological_and_chemical_weapons_are_one_class(run):
    assert texts(run("生物化学兵器といった大量破壊兵器")) == ["生物化学兵器", "大量破壊兵器"]


@pytest.mark.parametrize("text,expected", [
    # research round 8: Japanese and Asia-Pacific systems as Japanese pages write them
    ("いずも型護衛艦とたいげい型潜水艦が出港した。", ["いずも型", "護衛艦", "たいげい型", "潜水艦"]),
    ("中国は東風21Dと鷹撃-21を配備した。", ["東風21D", "鷹撃-21"]),
    ("NATO加盟国のどこかが攻撃されれば", []),  # a bare hiragana ship name is no alias (どこ|かが)
    ("レオパルドC1戦車が届いた。", ["レオパルドC1", "戦車"]),  # no Kawasaki C-1 inside
])
def test_systems_of_research_round_8(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("4発の「ドットU」ミサイルが撃ち込まれた。", ["ドットU", "ミサイル"]),  # a quoted name before its class noun
    ("「神風」ドローンが飛来した。", ["ドローン"]),  # a descriptor, not a name
])
def test_quoted_names_before_their_class(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("空母「遼寧」と護衛艦「かが」が並んだ。", ["空母", "遼寧", "護衛艦", "かが"]),  # native names after a ship class
    ("潜水艦救難艦「西湖」が派遣された。", ["潜水艦救難艦", "西湖"]),
    ("バクラザン級救難えい船と大型対潜艦が通過した。", ["バクラザン級", "救難えい船", "大型対潜艦"]),
    ("ミサイル「火星」の発射", ["ミサイル"]),  # kanji in quotes after a class other than a ship: no name
    ("管状砲とロケット砲の砲弾", ["管状砲", "ロケット砲"]),
])
def test_native_ship_names_and_auxiliaries(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("M1A2/SEPv3×250輌とM1A1/FEP×116輌を買う。", ["M1A2/SEPv3", "M1A1/FEP"]),  # upgrade packages after a slash
    ("F-16Block50+/52の能力向上", ["F-16Block50+/52"]),  # production blocks
    ("F-16 Block 70を購入した。", ["F-16 Block 70"]),
])
def test_upgrade_packages_and_production_blocks(run, text, expected):
    assert texts(run(text)) == expected


def test_one_sense_per_discourse_for_ambiguous_aliases(run):
    """An ambiguous alias (K9, K2) with no weapon word in its sentence is the system when the doc names
    that system unambiguously elsewhere; alone it stays a word."""
    assert texts(run("ポーランドはK9A1を受け取った。去年契約したK9の一部も届いた。")) == ["K9A1", "K9"]
    assert texts(run("去年契約したK9の一部も届いた。")) == []
    # an ambiguous alias read as the system beside a weapon word vouches for its other mentions
    assert texts(run("主力戦車K2は売れている。キットはK2を生み出した。")) == ["主力戦車", "K2", "K2"]


def test_an_unlisted_designation_repeats_through_the_text(run):
    """A designation read as a weapon beside its class (戦車T34) is the weapon at its other mentions too;
    not inside a longer designation, and a katakana name does not repeat (it may be a common word)."""
    assert texts(run("T34の構造。新型の戦車T34は重い。")) == ["T34", "戦車", "T34"]
    assert texts(run("新型の戦車T34は重い。XT34-1は別物だ。")) == ["戦車", "T34"]


@pytest.mark.parametrize("text,expected", [
    # research round 8: spellings of known systems as Japanese pages write them
    ("ロシアはシャヒド136をイランから得た。", ["シャヒド136"]),
    ("装甲車「マスティフ」が届いた。", ["装甲車", "マスティフ"]),
    ("ウォートホッグが飛んだ。", ["ウォートホッグ"]),
])
def test_spellings_of_research_round_8(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("世界の核弾頭は1万3130発で、「軍用核弾頭」は増えた。", []),  # warheads are not weapon systems (majority of the gold)
    ("中国海警局の巡視船2隻と哨戒艦が接近した。", ["哨戒艦"]),  # a coast guard's patrol ship is no military ship
    ("主武装は7.62mm同軸機銃だ。", ["同軸機銃"]),
])
def test_warheads_and_coaxial_guns(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("作品414 Mikoyan-Gurevich MiG-29 Fulcrum", ["Mikoyan-Gurevich MiG-29 Fulcrum"]),  # a maker before a name
    ("タミヤの‘MIKOYAN MiG-29 FULCRUM’ を出した。", ["MIKOYAN MiG-29 FULCRUM"]),
    ("地雷除去戦車「ヴィセント1」4両と回収戦車", ["地雷除去戦車", "ヴィセント1", "回収戦車"]),
    ("国防情報局が運用する遠隔ドローンが飛んだ。", ["遠隔ドローン"]),
])
def test_makers_engineering_tanks_and_remote_drones(run, text, expected):
    assert texts(run(text)) == expected


def test_two_spellings_side_by_side_vouch_for_each_other(run):
    """An ambiguous alias (a lancet) glossed by another spelling of the same system needs no weapon word."""
    assert texts(run("ランセット(Lancet)が飛来した。")) == ["ランセット", "Lancet"]
    assert texts(run("ランセットで切開した。")) == []


@pytest.mark.parametrize("text,expected", [
    # a budget-year type name before its class, as a type number is (10式|戦車)
    ("令和6年度型護衛艦を受注した。", ["令和6年度型", "護衛艦"]),
    ("03年度型潜水艦が就役した。", ["03年度型", "潜水艦"]),
    ("口径20mmの多銃身機関砲と多弾頭ミサイル。", ["多銃身機関砲", "多弾頭ミサイル"]),  # 多: multi-, a kind of gun
    ("75両の次世代戦車に置き換える。", ["戦車"]),  # 次世代 (next-generation) dates it, as 次期 does: outside
    # a ship class named after its first ship, before its class noun: two spans, whatever the name's script
    ("第1戦隊は富士型戦艦4隻、第5戦隊は出雲型装甲巡洋艦2隻。", ["富士型", "戦艦", "出雲型", "装甲巡洋艦"]),
    ("旅洋III型駆逐艦と江凱II型フリゲートが通過した。", ["旅洋III型", "駆逐艦", "江凱II型", "フリゲート"]),
    ("大和型戦艦の主砲。", ["大和型", "戦艦"]),
    # descriptors stay inside the class, and new/old words outside it
    # (改良型, an improved model, as 最新型: 4 of 4 outside in the real-text gold)
    ("防空型駆逐艦と攻撃型潜水艦、最新型潜水艦、改良型駆逐艦。", ["防空型駆逐艦", "攻撃型潜水艦", "潜水艦", "駆逐艦"]),
    # a weapon class glued before 搭載 types the class after it
    ("ミサイル搭載無人水上艇が近づいた。", ["ミサイル搭載無人水上艇"]),
    ("艦船搭載砲から撃つ弾薬。", ["艦船搭載砲"]),
    ("ミサイルを搭載した艦。", ["ミサイル"]),
])
def test_budget_year_types_and_carried_weapons(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # a system's name spelt out in English after a bracket or after another of its names: one WEAPON
    ("HIMARS(High Mobility Artillery Rocket System高機動ロケット砲システム)は", ["HIMARS", "High Mobility Artillery Rocket System", "高機動ロケット砲システム"]),
    ("AMRAAM Advanced Medium-Range Air-to-Air Missile 新型", ["AMRAAM", "Advanced Medium-Range Air-to-Air Missile"]),
    ("AMRAAM\nAdvanced Medium-Range Air-to-Air Missile\n新型", ["AMRAAM", "Advanced Medium-Range Air-to-Air Missile"]),
    ("「Terminal High Altitude Area Defense missile」", ["Terminal High Altitude Area Defense missile"]),
    # not in running prose, not a people's word, not inside a longer name (a unit)
    ("Two Cruise Missiles hit the city.", ["Cruise Missiles"]),
    ("(Odesa Anti-Aircraft Missile Brigade)", ["Anti-Aircraft Missile"]),
])
def test_english_names_spelt_out(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # a quoted ship name with another form of it in brackets inside the quotes; a bare number is neither
    ("駆逐艦「蘭州(兰州:170)」が出港した。", ["駆逐艦", "蘭州", "兰州"]),
    ("駆逐艦「ディケーター(DDG-73)」に迫った。", ["駆逐艦", "ディケーター", "DDG-73"]),
    # a hull number in brackets after the quoted name
    ("ミサイル駆逐艦「マッキャンベル」(DDG85)の艦内", ["ミサイル駆逐艦", "マッキャンベル", "DDG85"]),
    # 型 after slash variants belongs to the name, as after one variant
    ("JAS39グリペンE/F型戦闘機12機を買う。", ["JAS39グリペンE/F型", "戦闘機"]),
])
def test_ship_names_with_aliases_and_variant_types(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # English ship types, and an English ship class's name before one or in brackets after its Japanese name
    ("two Russian frigates and a corvette", ["frigates", "corvette"]),
    ("the Arleigh Burke-class destroyer USS Decatur", ["Arleigh Burke-class", "destroyer", "USS Decatur"]),
    # a navy's prefix before a Latin ship name is evidence enough, with no class beside it; no prefix, no name
    ("病院船「マーシー」(USNS Mercy)と英空母HMS Prince of Wales、USS Gerald R. Fordが入港",
     ["病院船", "マーシー", "USNS Mercy", "空母", "HMS Prince of Wales", "USS Gerald R. Ford"]),
    ("USS is a prefix; INS Vikrant sailed", ["INS Vikrant"]),
    ("USS USS USS USS", []),  # a prefix repeated is no ship's name
    ("the Mercy and the Comfort", []),
    ("「旅洋II型(Luyang II-class)」で", ["旅洋II型", "Luyang II-class"]),
    ("a world-class destroyer and First class cruiser", ["destroyer", "cruiser"]),
    # a navy's prefix before a ship's name after its class
    ("こんごう型駆逐艦JSチョウカイについて", ["こんごう型", "駆逐艦", "JSチョウカイ"]),
    # a bracket holding a ship type's English name whole; not a unit's name
    ("ヘリ搭載護衛艦  DDH (Helicopter Destroyer) 護衛艦  DE  (Destroyer Escort)",
     ["ヘリ搭載護衛艦", "DDH", "Helicopter Destroyer", "護衛艦", "DE", "Destroyer Escort"]),
    ("(Odesa Anti-Aircraft Missile Brigade)", ["Anti-Aircraft Missile"]),
])
def test_english_ship_types_and_classes(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("インドから陸上対艦ミサイルシステムを買う。", ["陸上対艦ミサイルシステム"]),  # 陸上 types missiles too
    ("韓国製の軽攻撃機を輸出する。", ["軽攻撃機"]),  # and 軽 aircraft
    ("旧日本軍の特殊潜航艇が湾を襲った。", ["特殊潜航艇"]),
    ("垂直発射式ミサイルシステムを積む。", ["垂直発射式ミサイルシステム"]),  # a two-word descriptor
    ("国産誘導式ミサイルを配備する。", ["誘導式ミサイル"]),  # an origin word is no descriptor
])
def test_carrier_descriptor_and_size_modifiers(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # an unknown katakana name glossed in brackets right before a class noun (a size word may come between)
    ("ハリマウ(Harimau)中型戦車を出品した。", ["ハリマウ", "中型戦車"]),
    ("ゼレンスキー(Zelensky)大統領が訪れた。", []),
    # a listed katakana name, its variant letters and the class, all glued
    ("イスラエル製スパイクERミサイルを買った。", ["スパイクER", "ミサイル"]),
    ("ジャベリンFGMを受け取った。", ["ジャベリン"]),
])
def test_glossed_names_and_glued_variant_letters(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("偵察ドローンを落とすための対空FPVドローン1500機", ["偵察ドローン", "対空FPVドローン"]),  # 対空 types drones too
    ("シャヘド-136/131型徘徊弾を撃った。", ["シャヘド-136/131型", "徘徊弾"]),
    ("無人機XNUMX機種の契約を結んだ。", ["無人機"]),  # a machine translation's number placeholder
    ("指揮統制(C2)システムを受注した。", []),  # C2 is no transport aircraft
])
def test_part73_development_words(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("候補はF126とコンステレーション級だ。", ["コンステレーション級"]),  # a katakana name with 級: a ship class
    ("スーパーフェザー級の王者とヘビー級の試合。", []),  # a weight class
])
def test_a_katakana_name_with_kyu_is_a_ship_class(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # a navy's type code right after the Japanese ship type, after spaces or in brackets
    ("潜水艦(SS)と護衛艦(DD)", ["潜水艦", "SS", "護衛艦", "DD"]),
    ("護衛艦  DD  (Destroyer)", ["護衛艦", "DD", "Destroyer"]),
    ("DDやSSという略語", []),  # the letters alone are nothing
])
def test_hull_type_codes(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # a whole class glossed by a whole class stays three spans; a modifier's gloss joins its class
    ("HIMARS MLRS(多連装ロケットシステム)ミサイルを撃ち落とした。", ["HIMARS", "MLRS", "多連装ロケットシステム", "ミサイル"]),
    ("FPV(一人称視点)ドローンが飛んだ。", ["FPV(一人称視点)ドローン"]),
    # a ship class's batch numeral before 級
    ("グリシャIII級小型フリゲート1隻を見つけた。", ["グリシャIII級", "小型フリゲート"]),
    ("空中警戒管制機(AWACS)が飛んだ。", ["空中警戒管制機", "AWACS"]),
])
def test_part74_development_words(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("戦略原潜14隻、攻撃原潜54隻、ヘリ母艦 4隻", ["戦略原潜", "攻撃原潜", "ヘリ母艦"]),
    ("パック3の射程では届かず、イージスアシュアは高い。", ["パック3", "イージスアシュア"]),
])
def test_part75_development_words(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # the ships of a counted class named in brackets after the count; not countries or ports
    ("ひゅうが型護衛艦2隻(ひゅうが、いせ)を持つ。", ["ひゅうが型", "護衛艦", "ひゅうが", "いせ"]),
    ("駆逐艦3隻(米国、英国)が参加した。", ["駆逐艦"]),
    ("護衛艦2隻(横須賀、呉)が出港した。", ["護衛艦"]),
    # hiragana names the tokenizer cuts into pieces (い|ず|も, きり|しま) are still one name each
    ("いずも型護衛艦2隻(いずも、かが)を持つ。", ["いずも型", "護衛艦", "いずも", "かが"]),
    ("こんごう型護衛艦4隻(こんごう、きりしま、みょうこう、ちょうかい)", ["こんごう型", "護衛艦", "こんごう", "きりしま",
                                                   "みょうこう", "ちょうかい"]),
    ("護衛艦2隻(いずれも横須賀所属)が出港した。", ["護衛艦"]),
])
def test_ships_listed_after_their_count(run, text, expected):
    assert texts(run(text)) == expected



@pytest.mark.parametrize("text,expected", [
    # a naval unit's ship named in quotes right after it; not an army unit's nickname
    # (the weapon recognizer alone: the unit recognizer takes 第1ミサイル艇隊 over ミサイル艇 in the pipeline)
    ("第1ミサイル艇隊「くまたか」が確認した。", ["ミサイル艇", "くまたか"]),
    ("第2護衛隊「あたご」が出港した。", ["あたご"]),
    ("第1空挺団「習志野」の降下訓練", []),
])
def test_ships_named_after_their_naval_unit(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # a type designation without its class noun in a text that names weapons
    ("新しい10式戦車に古い90式、74式を足した。", ["10式", "戦車", "90式", "74式"]),
    ("74式戦車の空砲を聞いた。90式や迫撃砲も並んだ。", ["74式", "戦車", "90式", "迫撃砲"]),
    # one digit is also "a full set"; a text with no weapon has no type designation
    ("戦車と発電機1式を運んだ。", ["戦車"]),
    ("会場には90式と書かれた看板があった。", []),
    # with a mover word between the type number and the calibre, the JSDF's name is one span
    ("99式自走155mmりゅう弾砲が射撃した。", ["99式自走155mmりゅう弾砲"]),
    ("19式装輪自走155mmりゅう弾砲を配備する。", ["19式装輪自走155mmりゅう弾砲"]),
    ("20式5.56mm小銃を配備する。", ["20式", "小銃"]),
])
def test_japanese_type_designations(run, text, expected):
    assert texts(run(text)) == expected


def test_bare_type_designation_takes_the_class_written_elsewhere(run):
    found = spans(run("74式戦車の砲声の後、74式が前進した。"))
    assert [c for t, _, c in found if t == "74式"] == [found[0][2]] * 2 and found[0][2] is not None


@pytest.mark.parametrize("text,expected", [
    # a designation and its nickname written together are one name, with a Roman numeral or an upgrade mark
    ("F-4EJ改ファントムとF-35AライトニングIIが飛んだ。", ["F-4EJ改ファントム", "F-35AライトニングII"]),
    ("偵察飛行隊のRF-4×2が続いた。", ["RF-4"]),  # the reconnaissance variant (RF-4E, RF-4EJ)
    ("F-4ファントムIIが退役した。", ["F-4ファントムII"]),
    ("61機のF/A-18C/Dホーネットを使う。", ["F/A-18C/Dホーネット"]),
])
def test_designations_with_their_nicknames(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # a gun's mount word is part of its class; after a barrel count it stays out
    ("AK-176 76mm単装速射砲とAK-630 30mm多連装機関砲を積む。", ["AK-176", "単装速射砲", "AK-630", "多連装機関砲"]),
    ("57mm連装機関砲を2基備える。", ["連装機関砲"]),
    ("25mm3連装機銃を8基備える。", ["機銃"]),
    ("46cm3連装砲塔を3基備える。", []),
])
def test_gun_mount_words(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # a katakana name glued to its class noun and filling the quotes is one nickname; quotes around the name
    # alone, or no quotes, keep the two apart
    ("「ドラゴンドローン」でウクライナが攻撃した。", ["ドラゴンドローン"]),
    ("「ドラゴン」ドローンで攻撃した。", ["ドラゴン", "ドローン"]),
    # thermite, the incendiary, is no weapon system (nor the TerMIT ground drone it sounds like)
    ("ドローンにはテルミットが使われている。", ["ドローン"]),
])
def test_quoted_nicknames_and_thermite(run, text, expected):
    assert texts(run(text)) == expected


def test_a_designation_with_a_calibre_and_a_variant_letter(run):
    """CV90120-T: the base model, its gun's calibre and a hyphenated variant letter, glued to a class."""
    assert texts(run("代わりにCV90120-T軽戦車を調達する。CV90120-Tは軽い。")) == ["CV90120-T", "軽戦車", "CV90120-T"]


def test_a_hyphenated_designation_inside_the_unit_it_names_stays_a_weapon(nlp_blank):
    """F-35A飛行隊: the unit and, inside it, the aircraft; 戦車大隊: one unit, no WEAPON inside."""
    import copy

    pipeline = copy.deepcopy(nlp_blank)
    pipeline.add_pipe("military_unit_recognizer")
    pipeline.add_pipe("weapon_recognizer")
    doc = pipeline("2個目のF-35A飛行隊が新設され、戦車大隊も来た。")
    assert [s.text for s in doc.spans["military_units"]] == ["F-35A飛行隊", "戦車大隊"]
    assert [s.text for s in doc.spans[SPANS_KEY]] == ["F-35A"]


def test_korean_air_defence_programmes(run):
    found = spans(run("長距離地対空誘導兵器(L-SAM)と中距離地対空ミサイル「M-SAM3」を配備する。"))
    assert [(t, c) for t, c, _ in found if c] == [("L-SAM", "L-SAM"), ("M-SAM3", "KM-SAM Cheongung")]


def test_a_navy_prefix_joins_a_listed_ship_name(run):
    """BRPシエラマドレ: the Philippine navy's prefix and the listed ship's name, one span."""
    assert texts(run("揚陸艦BRPシエラマドレに補給した。")) == ["揚陸艦", "BRPシエラマドレ"]


def test_strategic_missiles(run):
    found = spans(run("米国のトライデントIIとミニットマン、ロシアのR-29RとR-36M、SLBMの「シネワ」。国連のピースキーパーとして派遣。"))
    assert [(t, c) for t, c, _ in found if c] == [
        ("トライデントII", "UGM-133 Trident II"), ("ミニットマン", "LGM-30 Minuteman"), ("R-29R", "R-29R"),
        ("R-36M", "R-36M"), ("シネワ", "R-29RM Sineva")]


@pytest.mark.parametrize("text,expected", [
    ("火星17号を発射した。", ["火星17号"]),  # a missile name's 号 after its number
    ("ノドン1号とテポドン2号を発射した。", ["ノドン1号", "テポドン2号"]),  # a number and its 号 after a katakana name
    ("演習にはBRPアントニオルナが加わった。", ["BRPアントニオルナ"]),  # a navy's prefix before a katakana name
    ("USSR時代の話だ。", []),
])
def test_number_marks_and_prefixed_ship_names(run, text, expected):
    assert texts(run(text)) == expected


def test_a_katakana_name_with_a_hyphenated_variant_letter(run):
    assert texts(run("ロケット・システム「トーチュカ」(「トーチュカ-U」)の射程")) == ["ロケット・システム", "トーチュカ", "トーチュカ-U"]


@pytest.mark.parametrize("text,expected", [
    # 改 (improved) before 級 marks an unlisted name as a ship class, as a batch numeral does, with or without the
    # vessel type after it
    ("海軍のキロ改級潜水艦を攻撃した。", ["キロ改級", "潜水艦"]),
    ("キロ改級の一隻が損傷した。", ["キロ改級"]),
    # a katakana name Sudachi glues to コルベット or フリゲート: name and class are two spans
    ("就役前のカラクルトコルベットが被弾した。", ["カラクルト", "コルベット"]),
    ("ミサイルフリゲート艦が沈んだ。", ["ミサイルフリゲート艦"]),  # a type word still composes with the class
    # a listed name with its class noun is two spans as T-90M戦車 is (ANNOTATION.md; NOTES-real78 キロ型+潜水艦):
    # the gazetteer lists the name alone
    ("最新鋭のプロジェクト22160哨戒艦の一隻だ。", ["プロジェクト22160", "哨戒艦"]),
    ("キロ型潜水艦とヤーセン型原子力潜水艦とラプター型哨戒艇", ["キロ型", "潜水艦", "ヤーセン型", "原子力潜水艦", "ラプター型", "哨戒艇"]),
    ("ファランクスCIWSを積む。", ["ファランクス", "CIWS"]),
    # a design number with 型 before a ship's class noun, listed or not (039G型|潜水艦 in the development gold)
    ("英国は26型フリゲートと45型駆逐艦を持つ。", ["26型", "フリゲート", "45型", "駆逐艦"]),
    ("中国の054A型フリゲートと039G型潜水艦", ["054A型", "フリゲート", "039G型", "潜水艦"]),
    ("2型潜水艦と同型艦", ["潜水艦"]),  # one digit is a grade, not a design
    # RPG alone, the generic launcher, where military words stand near (a game is no weapon), and its Japanese name
    ("貨物船をミサイルや無人水上艦、RPGで沈めた。", ["ミサイル", "無人水上艦", "RPG"]),
    ("ボートはロケット推進手榴弾(RPG)に襲われた。", ["ロケット推進手榴弾", "RPG"]),
    ("人気のRPGゲームで遊んだ。", []),
    # military classes the development gold marks and the tables lacked
    ("戦友の突撃砲が犠牲になり、多用途機と無人標的機が飛んだ。", ["突撃砲", "多用途機", "無人標的機"]),
    ("掃海管制艇2隻と情報収集船、無人運搬車5台、武装車両50両", ["掃海管制艇", "情報収集船", "無人運搬車", "武装車両"]),
    ("特攻兵器の展示と無人飛行体の映像", ["特攻兵器", "無人飛行体"]),
    ("荷物を運搬車で運んだ。", []),  # a cart is none
    # the calibre's 口径 after a measure stays out of the class; a technical word with it stays in
    ("122ミリ口径ロケット弾と口径漸減砲", ["ロケット弾", "口径漸減砲"]),
    ("レオパルト2R地雷除去車とイランのShaheed-136", ["レオパルト2R", "地雷除去車", "Shaheed-136"]),
    # a name glued before a company word and 社 is the maker's name, not a weapon
    ("部品の約半数をCUAVテクノロジー社が占める。", []),
    ("ブラモスエアロスペース社がブラモスを納めた。", ["ブラモス"]),
    # an unlisted class named in katakana with 型 before a ship's class noun; a katakana kind word stays in
    ("ブーヤン型コルベットとゴルシコフ型フリゲート", ["ブーヤン型", "コルベット", "ゴルシコフ型", "フリゲート"]),
    ("ステルス型フリゲート", ["フリゲート"]),
    ("地雷102個と手製爆弾739個を破壊した。", ["地雷", "手製爆弾"]),
    # short range, as medium and long range
    ("短射程対空ミサイルを積む。", ["短射程対空ミサイル"]),
])
def test_part93_development_words(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # a variant's number after a name that ends in a letter: hyphenated, or glued to a katakana name
    ("ロシアのウラガン-1多連装ロケットシステムを破壊した。", ["ウラガン-1", "多連装ロケットシステム"]),
    ("Buk-M3とUragan-1を見つけた。", ["Buk-M3", "Uragan-1"]),
    ("無人水上艇「マグラ7」に積んだ。", ["無人水上艇", "マグラ7"]),
    # a count, a date or a measure after the name is no variant
    ("ハイマース2基を供与した。", ["ハイマース"]),
    ("ストームシャドウ2月に届いた。", ["ストームシャドウ"]),
    ("内訳はキンジャル2弾、カリブル7弾だった。", ["キンジャル", "カリブル"]),  # 弾 counts rounds as 発 does
    ("ゲラン2弾道", ["ゲラン2"]),  # 弾道 only begins with the counter
])
def test_a_variant_number_after_a_name(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("ヘリコプター搭載型護衛艦2隻を持つ。", ["ヘリコプター搭載型護衛艦"]),  # 搭載型 as two tokens, as 搭載
    ("同艦は対潜水艦用ミサイルを積む。", ["対潜水艦用ミサイル"]),  # "for use against": a kind of the class
    ("対ドローン用レーザー兵器も積む。", ["ドローン", "レーザー兵器"]),  # a katakana weapon stays its own span
    ("95式歩槍を装備する。", ["95式", "歩槍"]),  # the Chinese word for a rifle is a class noun
    ("弾道ミサイル迎撃ミサイルが尽きる。", ["弾道ミサイル迎撃ミサイル"]),  # what an interceptor intercepts
    ("極超音速ミサイル迎撃誘導弾を開発する。", ["極超音速ミサイル迎撃誘導弾"]),  # with that class's own modifier
    ("米軍はミサイル迎撃用のTHAADを置く。", ["ミサイル", "THAAD"]),  # の between: no compound
    ("戦術機からミサイルを放った。", ["戦術機", "ミサイル"]),  # tactical aircraft
    ("装甲輸送車15台を送る。", ["装甲輸送車"]),
    ("極超音速滑空兵器にも対応し得る。", ["極超音速滑空兵器"]),
    ("ロシアは戦略核で米国の4.5倍、非戦略核で35倍だ。", ["戦略核", "非戦略核"]),
    ("鷹撃18型超音速巡航ミサイルを撃つ。", ["鷹撃18型", "超音速巡航ミサイル"]),  # a Chinese family with its number
    ("紅旗9と巨浪3と霹靂15", ["紅旗9", "巨浪3", "霹靂15"]),
    ("野砲は山砲に、加農砲はガトリング砲に改めた。", ["野砲", "山砲", "加農砲", "ガトリング砲"]),
    ("特攻機と襲撃機とステルス機と艦上機", ["特攻機", "襲撃機", "ステルス機", "艦上機"]),
    ("補助艦2隻と戦闘艦", ["補助艦", "戦闘艦"]),
    ("反撃能力を担う長距離弾", ["長距離弾"]),
    # the JMSDF's ships, named in hiragana: beside a ship word, never two particles
    ("第2護衛隊の護衛艦いせと哨戒機", ["護衛艦", "いせ", "哨戒機"]),
    ("寄港したのは護衛艦「てるづき」と「むらさめ」の2隻", ["護衛艦", "てるづき", "むらさめ"]),
    ("地雷をどう取り除くかが課題だ。", ["地雷"]),
    ("巡航弾12発と核魚雷と軽空母", ["巡航弾", "核魚雷", "軽空母"]),
    ("ミサイルでイスファハンのウラン転換施設とウラン濃縮装置を攻撃した。", ["ミサイル"]),  # uranium, not the Kh-35
    ("対艦ミサイル「ウラン」を発射した。", ["対艦ミサイル", "ウラン"]),
    ("朝のあさひがまぶしい。", []),
])
def test_kinds_of_a_class_written_before_it(run, text, expected):
    assert texts(run(text)) == expected


def test_a_counted_quoted_name_takes_the_class_noun_before_it(run):
    # 偵察用無人機「ヴェクター」30機: the drone class before the quote types the name; the counter alone (機)
    # would make it an aircraft
    doc = run("偵察用無人機「ヴェクター」30機を送る。内訳は「ピルカ」が1機だった。")
    classes = {s.text: get_span_attrs(s)["weapon_class"] for s in doc.spans[SPANS_KEY]}
    assert classes["ヴェクター"] == classes["偵察用無人機"] != "aircraft"
    assert classes["ピルカ"] == "aircraft"  # no class noun before it: the counter decides
