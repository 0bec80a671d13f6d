"""bilingual_aligner and its pure rules: pair forms, boundaries, non-pairs, serialisation.

All example sentences are written for these tests.
"""
import pytest
import spacy
from spacy.tokens import DocBin

import components.bilingual  # noqa: F401  (registers the factory)
from components.bilingual import DATA_FILE, register_bilingual_extensions
from components.tables import DATA_DIR
from components.pair_rules import find_pairs, find_variants, load_heads

HEADS = load_heads((DATA_DIR / DATA_FILE).read_text(encoding="utf-8").splitlines())


def pairs_of(text):
    return [(text[p.ja[0]:p.ja[1]], text[p.en[0]:p.en[1]]) for p in find_pairs(text, HEADS)]


@pytest.mark.parametrize("text,expected", [
    ("ロシア軍はハルキウKharkivに迫った。", [("ハルキウ", "Kharkiv")]),
    ("シベリアのオムスク地域 Omsk region で爆発があった。", [("オムスク地域", "Omsk region")]),
    ("国防省情報総局(HUR)は声明を出した。", [("国防省情報総局", "HUR")]),
    ("米シンクタンク戦争研究所(ISW)によると", [("戦争研究所", "ISW")]),
    ("北大西洋条約機構(NATO)の会合", [("北大西洋条約機構", "NATO")]),
    ("ハンガリーのオルバン(Viktor Orbán)首相は", [("オルバン", "Viktor Orbán")]),
    ("HIV(ヒト免疫不全ウイルス)の感染者", [("ヒト免疫不全ウイルス", "HIV")]),
    ("米国はATACMS(エイタクムス)を供与した。", [("エイタクムス", "ATACMS")]),
    ("Pokrovsk (ポクロウスク) で戦闘が続く。", [("ポクロウスク", "Pokrovsk")]),  # a space before the bracket
    ("突撃部隊ストームV:Storm V assault unitが前進した。", [("突撃部隊ストームV", "Storm V assault unit")]),
    ("シベリアのオムスク製油所Omsk refineryが炎上", [("オムスク製油所", "Omsk refinery")]),
    # a numbered article of a treaty: the same number and kind on both sides
    ("NATO条約 第5条(Article 5) の発動が議論された。", [("第5条", "Article 5")]),
    ("憲章第５１条（Article 51）に基づく自衛権", [("第５１条", "Article 51")]),
    ("条約第4条(Article 5)", []),
    # a closing single quote after the gloss is a quote, not an apostrophe of the word
    ("激戦地ポクロウスク‘Pokrovsk’の戦い", [("ポクロウスク", "Pokrovsk")]),
    ("激戦地ポクロウスク'Pokrovsk'の戦い", [("ポクロウスク", "Pokrovsk")]),
])
def test_pair_forms(text, expected):
    assert pairs_of(text) == expected


def test_coordinated_lists_split():
    assert pairs_of("制裁対象のロスネフチとルクオイルRosneft and Lukoilは") == [
        ("ロスネフチ", "Rosneft"), ("ルクオイル", "Lukoil")]
    assert pairs_of("ハルキウ、スームィ、チェルニーヒウ Kharkiv, Sumy and Chernihivの各州") == [
        ("ハルキウ", "Kharkiv"), ("スームィ", "Sumy"), ("チェルニーヒウ", "Chernihiv")]


def test_ship_names_in_capitals_after_their_hull_numbers():
    # a hull number before the name is another name; two capitalised words with a katakana reading are no headline
    assert pairs_of("巡洋艦 CG67 SHILOH(シャイロー)が入港") == [("シャイロー", "SHILOH")]
    assert pairs_of("揚陸指揮艦 LCC19 BLUE RIDGE(ブルー・リッジ)") == [("ブルー・リッジ", "BLUE RIDGE")]
    assert pairs_of("速報 STREET BATTLE IN THE CITY 市街戦") == []  # a headline stays one
    # the hull number after the name is no part of it
    assert pairs_of("揚陸指揮艦ブルー・リッジ(USS Blue Ridge LCC-19)には") == [("ブルー・リッジ", "USS Blue Ridge")]


def test_one_letter_in_brackets_pairs_nothing():
    assert pairs_of("県下の空襲(T)展を開いた。") == []  # a label or a mark, no name


def test_and_inside_one_bracketed_name():
    # the bracket glosses one Japanese term that lists nothing: its "and" is inside the name
    assert pairs_of("同日、物理技術研究所(Institute of Physics and Technology)が被弾した。") == [
        ("物理技術研究所", "Institute of Physics and Technology")]
    # a Japanese list before the bracket: "and" lists too
    assert ("ロスネフチとルクオイル", "Rosneft and Lukoil") not in pairs_of("ロスネフチとルクオイル(Rosneft and Lukoil)を制裁")


def test_list_order_follows_phonetics_not_position():
    assert pairs_of("ヘルソン州、ザポリッジャ州 regions of Zaporizhzhia and Kherson") == [
        ("ヘルソン州", "Kherson"), ("ザポリッジャ州", "Zaporizhzhia")]


def test_apposition_pairs_only_the_name():
    assert pairs_of("製油所のあるキリシ Kirishi, Leningrad Oblastで火災") == [("キリシ", "Kirishi")]


@pytest.mark.parametrize("text,expected", [
    ("ウクライナ南部ヘルソン州 region of Khersonの村", [("ヘルソン州", "region of Kherson")]),
    ("ドネツク州クラマトルスクKramatorskで", [("クラマトルスク", "Kramatorsk")]),
    ("フランスのマクロン大統領French President Emmanuel Macronは",
     [("フランスのマクロン大統領", "French President Emmanuel Macron")]),
    ("東部ドンバスthe Donbasでは", [("ドンバス", "Donbas")]),
    ("研究者のジョン・スミスJohn Smith, a glaciologist at the University of Osloは", [("ジョン・スミス", "John Smith")]),
    ("オスロ大学University of Osloの研究者", [("オスロ大学", "University of Oslo")]),
    # an ordinal spelled out in English covers the number after 第 as 7th does
    ("横須賀にいるのが第7艦隊(US Seventh Fleet)だ。", [("第7艦隊", "US Seventh Fleet")]),
    ("米第7艦隊(7th Fleet)の空母", [("第7艦隊", "7th Fleet")]),
    ("第3艦隊(Seventh Fleet)", [("艦隊", "Seventh Fleet")]),
])
def test_boundaries_by_evidence(text, expected):
    assert pairs_of(text) == expected


@pytest.mark.parametrize("text", [
    "英国紙The Guardianが報じた",
    "X(旧ツイッター)に投稿した",
    "映像:Russia Is LOSING Everything... Here’s Why・ロシアは全てを失う",
    "ゼレンスキー大統領は支援を求めた:Zelensky has asked for more support.",
    "兵士は自動小銃AK-47で撃った",
    "戦況はUnpredictableな状況だ",
    "給与(about 200,000 rubles)が支払われる",
    "退役兵ミハイル氏はa veteran Ukrainian soldierと紹介された",
])
def test_not_pairs(text):
    assert pairs_of(text) == []


def test_variants_are_not_pairs():
    text = "ポクロフスク(ポクロウスク、パコフスク)の戦況"
    assert pairs_of(text) == []
    assert [(text[v.span[0]:v.span[1]], text[v.of[0]:v.of[1]]) for v in find_variants(text)] == [
        ("ポクロウスク", "ポクロフスク"), ("パコフスク", "ポクロフスク")]


def test_explanation_in_parentheses_is_not_a_variant():
    assert find_variants("ドンバス(ドネツク州とルハンスク州)") == []


@pytest.fixture(scope="module")
def nlp(nlp_blank):
    nlp = spacy.blank("ja", config={"nlp": {"tokenizer": {"split_mode": "C"}}})
    nlp.add_pipe("bilingual_aligner")
    return nlp


TEXT = "ロシア軍はハルキウKharkivとポクロフスク(ポクロウスク)に迫った。"


def test_component_spans_and_getters(nlp):
    doc = nlp(TEXT)
    labels = [(s.label_, s.text) for s in doc.spans["bilingual"]]
    assert ("JA", "ハルキウ") in labels and ("EN", "Kharkiv") in labels and ("VARIANT", "ポクロウスク") in labels
    assert doc._.pairs == [{"ja": {"start": 5, "end": 9, "text": "ハルキウ"},
                            "en": {"start": 9, "end": 16, "text": "Kharkiv"}}]
    ja = next(s for s in doc.spans["bilingual"] if s.label_ == "JA")
    assert ja._.counterpart.text == "Kharkiv" and ja._.counterpart.label_ == "EN"
    assert ja._.gunji["counterpart"] == [9, 16]
    assert doc._.variants[0]["of"]["text"] == "ポクロフスク"


def test_docbin_round_trip(nlp):
    doc = nlp(TEXT)
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    register_bilingual_extensions()
    back = list(DocBin().from_bytes(data).get_docs(nlp.vocab))[0]
    assert back._.pairs == doc._.pairs
    en = next(s for s in back.spans["bilingual"] if s.label_ == "EN")
    assert en._.counterpart.text == "ハルキウ"


def test_to_disk_from_disk(nlp, tmp_path):
    nlp.to_disk(tmp_path / "model")
    nlp2 = spacy.load(tmp_path / "model")
    assert nlp2(TEXT)._.pairs == nlp(TEXT)._.pairs
    assert (tmp_path / "model" / "bilingual_aligner" / "bilingual_heads.tsv").exists()
    assert (tmp_path / "model" / "bilingual_aligner" / "exonyms.jsonl").exists()
    known = "沿ドニエストルTransnistriaの情勢"
    assert nlp2(known)._.pairs == nlp(known)._.pairs and len(nlp(known)._.pairs) == 1


def test_n_process(nlp):
    docs = list(nlp.pipe([TEXT, "制裁対象のロスネフチとルクオイルRosneft and Lukoilは"], n_process=2))
    assert len(docs[1]._.pairs) == 2


@pytest.fixture(scope="module")
def nlp_fast():
    from pipeline.loader import load_pipeline
    return load_pipeline(fast=True)


def test_both_halves_of_a_pair_share_one_canonical(nlp_fast):
    """The text's own English wins over the grammar's translation, and side is shared (issue 12)."""
    from pipeline.records import doc_to_record
    doc = nlp_fast("第3強襲旅団(3rd Separate Assault Brigade)は東部で反撃した。")
    units = {s["text"]: s for s in doc_to_record(doc, "t")["spans"] if s["label"] == "MIL_UNIT"}
    ja, en = units["第3強襲旅団"], units["3rd Separate Assault Brigade"]
    assert ja["canonical"] == en["canonical"] == "3rd Separate Assault Brigade"
    assert ja.get("side") == en.get("side") == "UA"
    assert {s.kb_id_ for s in doc.spans["military_units"]} == {"3rd Separate Assault Brigade"}


def test_count_digits_stay_out_of_the_latin_half(nlp_fast):
    doc = nlp_fast("キンジャールKinzhal3発が発射された。")
    assert [(p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs] == [("キンジャール", "Kinzhal")]


def test_a_pair_inside_one_token_is_still_recorded(nlp_fast):
    doc = nlp_fast("高機動ロケット砲システムハイマース(HIMARS)が弾薬庫を破壊した。")
    assert ("ハイマース", "HIMARS") in [(p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs]


@pytest.mark.parametrize("text,expected", [
    ("北朝鮮は大陸間弾道ミサイル(ICBM)を発射した。", [("大陸間弾道ミサイル", "ICBM")]),
    ("ICBM(大陸間弾道ミサイル)の発射", [("大陸間弾道ミサイル", "ICBM")]),
    ("国防省(MOD)の発表", [("国防省", "MOD")]),  # no WEAPON: the text rules alone decide
])
def test_weapon_class_glossed_by_its_acronym(nlp_blank, text, expected):
    assert _pairs_after_weapons(nlp_blank, text) == expected


def _aligned_pairs(nlp_blank, text, *before):
    """The (ja, en) pairs of ``text`` from a copy of the blank pipeline with ``before`` run before the aligner."""
    import copy

    nlp = copy.deepcopy(nlp_blank)
    for name in before:
        nlp.add_pipe(name)
    nlp.add_pipe("bilingual_aligner")
    return [(p["ja"]["text"], p["en"]["text"]) for p in nlp(text)._.pairs]


def _pairs_after_weapons(nlp_blank, text):
    """The (ja, en) pairs of ``text`` with the weapon recogniser run before the aligner."""
    return _aligned_pairs(nlp_blank, text, "weapon_recognizer")


@pytest.mark.parametrize("text,expected", [
    ("スホーイ34（Su-34）が撃墜された。", [("スホーイ34", "Su-34")]),  # スホーイ is no transliteration of "Su"
    ("Su-34（スホーイ34）とミグ29（MiG-29）", [("スホーイ34", "Su-34"), ("ミグ29", "MiG-29")]),
    ("スホーイ34（MiG-29）の誤り", []),  # two names: no pair
    ("多用途戦闘機F16(ファイティング・ファルコン)とは", []),  # a designation and its nickname: two names
    ("パトリオットミサイル(PAC3)を造る", []),
    ("北朝鮮製KN-23(火星11カ)だと断定した。", []),  # a designation and the maker's own name in kanji
    # a Chinese name and its Latin designation share the number: two spellings of one name
    ("中国製戦闘機「殲10C(J10C)」で撃墜した。", [("殲10C", "J10C")]),
    ("J-10(殲10)戦闘機が飛んだ。", [("殲10", "J-10")]),
    # a list of spellings in the parentheses: each pairs with the name before them
    ("Su-34(スホーイ34、スホイ34)戦闘爆撃機", [("スホーイ34", "Su-34"), ("スホイ34", "Su-34")]),
    ("Su-34(スホーイ34、スホイ34;ロシア語: Су-34)は", [("スホーイ34", "Su-34"), ("スホイ34", "Su-34")]),
    ("Su-34(スホーイ34、MiG-29)", []),  # another name in the list: no pair
    ("Su-34(スホーイ34、新型)", []),  # more than names in the parentheses: no pair
    # a Latin spelling with diacritics is still the Latin side, either way round
    ("無人機アクンジュ（Akıncı）が飛来", [("アクンジュ", "Akıncı")]),
    ("無人機Akıncı（アクンジュ）が飛来", [("アクンジュ", "Akıncı")]),
])
def test_two_spellings_of_one_gazetteer_name_in_parentheses_pair(nlp_blank, text, expected):
    assert _pairs_after_weapons(nlp_blank, text) == expected


@pytest.mark.parametrize("text,expected", [
    ("第58諸兵科連合軍(58 CAA)が再編された。", [("第58諸兵科連合軍", "58 CAA")]),
    ("第2親衛戦車軍（2 GTA）は", [("第2親衛戦車軍", "2 GTA")]),
    ("第58諸兵科連合軍(8 CAA)の誤り", []),  # another number: another army
])
def test_numbered_unit_glossed_by_its_abbreviation_pairs(nlp_blank, text, expected):
    import copy

    nlp = copy.deepcopy(nlp_blank)
    nlp.add_pipe("military_unit_recognizer")
    nlp.add_pipe("bilingual_aligner")
    doc = nlp(text)
    assert [(p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs] == expected
    if expected:  # the abbreviation's canonical is spelled out, the same as the Japanese name's
        assert len({s.kb_id_ for s in doc.spans["military_units"]}) == 1


@pytest.mark.parametrize("text,label,expected", [
    # a Latin gloss of a unit or weapon span is that label too, with the Japanese half's attributes
    ("巡洋艦「スラヴァ」(Slava)が出港した。", "WEAPON", [("スラヴァ", "cruiser"), ("Slava", "cruiser")]),
    ("無人機(UAV)が飛来した。", "WEAPON", [("無人機", "drone"), ("UAV", "drone")]),
    ("ポクロウスク(Pokrovsk)に迫った。", "WEAPON", []),  # a place's gloss stays unlabelled
])
def test_latin_gloss_of_a_weapon_takes_its_label(nlp_blank, text, label, expected):
    import copy

    nlp = copy.deepcopy(nlp_blank)
    nlp.add_pipe("weapon_recognizer")
    nlp.add_pipe("bilingual_aligner")
    doc = nlp(text)
    assert [(s.text, s._.gunji["weapon_class"]) for s in doc.spans["weapons"] if s.label_ == label
            and s.text not in ("巡洋艦",)] == expected


@pytest.mark.parametrize("text,expected", [
    ("古い戦車(T64)が並ぶ。", []),  # a class and a model designation: two spans, no pair
    ("誘導滑空爆弾(KAB)が投下された。", [("誘導滑空爆弾", "KAB")]),  # a letter acronym of the class words
    ("高機動ロケット砲システム(HIMARS)を供与した。", [("高機動ロケット砲システム", "HIMARS")]),  # the words spell it
    ("大陸間弾道ミサイル(ICBM)を発射した。", [("大陸間弾道ミサイル", "ICBM")]),
])
def test_a_class_beside_a_named_system_is_no_pair(nlp_blank, text, expected):
    assert _pairs_after_weapons(nlp_blank, text) == expected


@pytest.mark.parametrize("text,expected", [
    # a class written out in English is often no word-for-word translation (自走 "self-propulsion", 型 none)
    ("自走榴弾砲(self-propelled howitzer)を供与する。", [("自走榴弾砲", "self-propelled howitzer")]),
    ("徘徊型弾薬（loitering munition）が使われた。", [("徘徊型弾薬", "loitering munition")]),
    ("装甲兵員輸送車(armored personnel carrier)を供与する。",
     [("装甲兵員輸送車", "armored personnel carrier")]),
    ("多連装ロケットシステム(multiple launch rocket system)",
     [("多連装ロケットシステム", "multiple launch rocket system")]),
    ("無人偵察機(reconnaissance drone)が撃墜された。", [("無人偵察機", "reconnaissance drone")]),
    ("戦闘爆撃機(fighter-bomber)が飛来した。", [("戦闘爆撃機", "fighter-bomber")]),
    ("巡航ミサイル(Kalibr)が発射された。", []),  # a class and a named system
    ("戦車(howitzer)の誤り", []),  # two kinds of weapon
    ("自走榴弾砲(self-propelled howitzer、射程30km)", []),  # the bracket holds more than the gloss
    # English first: the Japanese class in parentheses after it, or glued after it inside a gloss
    ("self-propelled howitzer(自走榴弾砲)を供与する。", [("自走榴弾砲", "self-propelled howitzer")]),
    ("HIMARS(High Mobility Artillery Rocket System高機動ロケット砲システム)は",
     [("高機動ロケット砲システム", "High Mobility Artillery Rocket System")]),
    ("cruise missile(戦車)の誤り", []),  # two kinds of weapon
    # a class acronym glued to a Japanese class noun, with no bracket: a name beside its class, no gloss
    ("14発のRPG対戦車ロケットランチャーが命中した。", []),
])
def test_weapon_class_glossed_by_an_english_class_pairs(nlp_blank, text, expected):
    assert _pairs_after_weapons(nlp_blank, text) == expected


@pytest.mark.parametrize("text,expected", [
    ("防空壕(bomb shelter)に避難した。", []),  # a shelter, not a bomb
    ("米軍は strategic bombers を展開した。", ["strategic bombers"]),
    ("They used armoured personnel carriers.", ["armoured personnel carriers"]),
])
def test_english_weapon_classes(nlp_blank, text, expected):
    import copy

    nlp = copy.deepcopy(nlp_blank)
    nlp.add_pipe("weapon_recognizer")
    doc = nlp(text)
    assert [s.text for s in doc.spans["weapons"] if s.text.isascii()] == expected


NATO_TEXT = "ワシントンでのNATO(North Atlantic Treaty Organization、北大西洋条約機構)首脳会議。"


@pytest.mark.parametrize("text,expected", [
    ("北大西洋条約機構(North Atlantic Treaty Organization、NATO)の会合",
     [("北大西洋条約機構", "North Atlantic Treaty Organization"), ("北大西洋条約機構", "NATO")]),
    (NATO_TEXT, [("北大西洋条約機構", "NATO"), ("北大西洋条約機構", "North Atlantic Treaty Organization")]),
    ("ISW(Institute for the Study of War:戦争研究所)は",
     [("戦争研究所", "ISW"), ("戦争研究所", "Institute for the Study of War")]),
    ("欧州安全保障協力機構(OSCE、Organization for Security and Co-operation in Europe)",
     [("欧州安全保障協力機構", "OSCE"), ("欧州安全保障協力機構", "Organization for Security and Co-operation in Europe")]),
    ("戦車(Leopard、Abrams)を供与", []),  # two names, not a name and its acronym
    ("NATO(Northern Alliance、北大西洋条約機構)", []),  # hypothetical: the initials must spell the acronym
    # an acronym of another language's name, as acronyms.jsonl lists it (Russkiy Dobrovolcheskiy Korpus)
    ("ロシア義勇軍団(Russian Volunteer Corps、RDK)が越境した。",
     [("ロシア義勇軍団", "Russian Volunteer Corps"), ("ロシア義勇軍団", "RDK")]),
    ("ウクライナ保安庁(Security Service of Ukraine:SBU)は", [("ウクライナ保安庁", "Security Service of Ukraine"),
                                                         ("ウクライナ保安庁", "SBU")]),
    ("ウクライナ保安庁(Security Service of Ukraine:RDK)は",  # another acronym's letters: one pair only
     [("ウクライナ保安庁", "Security Service of Ukraine")]),
])
def test_acronym_and_expansion_in_one_bracket_give_two_pairs(nlp, text, expected):
    assert [(p["ja"]["text"], p["en"]["text"]) for p in nlp(text)._.pairs] == expected


@pytest.mark.parametrize("text,expected", [
    # a country's English adjective with a soft g (Georgian) is read by sound, so the country opens the name
    ("現地で戦うジョージア国民軍団(Georgian National Legion)によれば", [("ジョージア国民軍団", "Georgian National Legion")]),
    ("リトアニア国防省(Lithuanian Ministry of Defence)は", [("リトアニア国防省", "Lithuanian Ministry of Defence")]),
])
def test_a_country_before_an_organisation_belongs_to_its_name(nlp, text, expected):
    assert [(p["ja"]["text"], p["en"]["text"]) for p in nlp(text)._.pairs] == expected


def test_two_counterparts_of_one_japanese_term_survive_a_docbin(nlp):
    doc = nlp(NATO_TEXT)
    assert [s.text for s in doc.spans["bilingual"] if s.label_ == "JA"] == ["北大西洋条約機構"]  # one span
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    back = list(DocBin().from_bytes(data).get_docs(nlp.vocab))[0]
    assert back._.pairs == doc._.pairs and len(back._.pairs) == 2


@pytest.mark.parametrize("text,expected", [
    ("NASAMS(ナサムス、ナサム)を供与", [("ナサムス", "NASAMS"), ("ナサム", "NASAMS")]),
    ("港湾都市オデッサ(オデーサ・Odessa)の州知事", [("オデッサ", "Odessa"), ("オデーサ", "Odessa")]),
    ("ロシア(ウクライナ、Russia)", [("ロシア", "Russia")]),  # not a second spelling
])
def test_two_spellings_of_one_english_term_give_two_pairs(nlp, text, expected):
    doc = nlp(text)
    assert [(p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs] == expected
    assert len([s for s in doc.spans["bilingual"] if s.label_ == "EN"]) == 1  # the shared half is one span
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    back = list(DocBin().from_bytes(data).get_docs(nlp.vocab))[0]
    assert back._.pairs == doc._.pairs


@pytest.mark.parametrize("text,expected", [
    # a bracket that names the language of the Latin name it gives: a pair whatever the sound
    ("第45装甲旅団(ドイツ語:Panzerbrigade 45、略称:PzBrig 45)は", [("第45装甲旅団", "Panzerbrigade 45")]),
    ("リトアニア旅団(ドイツ語:Litauenbrigade )としても知られる", [("リトアニア旅団", "Litauenbrigade")]),
    ("第45装甲旅団(ロシア語: Бригада)は", []),  # Cyrillic: no pair
    ("第45装甲旅団の話(ドイツ語:Panzerbrigade)", []),  # the bracket does not follow the name
    # a reading before the label; a term no recogniser names (a run of kanji and katakana before the bracket)
    ("国民防衛隊(こくみんぼうえいたい、英語: People's Defence Force; 略称PDF)は", [("国民防衛隊", "People's Defence Force")]),
    ("民主派の国民統一政府(英語: National Unity Government of Myanmar、略称NUG)が",
     [("国民統一政府", "National Unity Government of Myanmar")]),
    # an article's opening bracket with the reading and no label: the Latin name after the reading
    ("第1空挺団(だいいちくうていだん、JGSDF 1st Airborne Brigade)は", [("第1空挺団", "JGSDF 1st Airborne Brigade")]),
    ("大隊戦術群(だいたいせんじゅつぐん、: Battalion Tactical Group, 略称: BTG)は",
     [("大隊戦術群", "Battalion Tactical Group")]),
    ("国民防衛隊(こくみんぼうえいたい)は", []),  # a reading alone: nothing to pair
    # the one-kanji language labels before a colon (英:, 西:), and a name with a slash in it
    ("フォークランド紛争(西:Guerra de las Malvinas、英:Falklands Conflict/Crisis) | 1982年",
     [("フォークランド紛争", "Guerra de las Malvinas"), ("フォークランド紛争", "Falklands Conflict/Crisis")]),
    # a term never starts with the middle dot that joined it to the word before
    ("(注)・国民統一政府(英語: National Unity Government)が", [("国民統一政府", "National Unity Government")]),
    # a name in a language with diacritics (Latvian, Polish)
    ("ラトビア国軍(ラトビア語: Nacionālie bruņotie spēki)は", [("ラトビア国軍", "Nacionālie bruņotie spēki")]),
    # 英称 / 英名 (the English name) label the Latin name as 英語 does, a colon or none
    ("宇宙作戦群(うちゅうさくせんぐん、英称Space Operations Group)は", [("宇宙作戦群", "Space Operations Group")]),
    ("電子作戦隊(英名: Electronic Operations Group)が", [("電子作戦隊", "Electronic Operations Group")]),
    # a bracket listing the name in several languages: every Latin one, wherever it stands, an abbreviation
    # the bracket labels as one left out; a reading may hold katakana, a katakana reading may follow the name
    ("北部軍管区(ほくぶぐんかんく、ロシア語: Северный военный округ、英語: Northern Military District)は",
     [("北部軍管区", "Northern Military District")]),
    ("第9空挺団(だいきゅうくうていだん、英語: 9th Airborne Brigade、ラテン文字転写: Devyataya brigada)は",
     [("第9空挺団", "9th Airborne Brigade"), ("第9空挺団", "Devyataya brigada")]),
    ("ドイツ陸軍(ドイツりくぐん、ドイツ語: Heer ヘーア、略称: DH)は", [("ドイツ陸軍", "Heer"), ("ヘーア", "Heer")]),
])
def test_a_name_given_in_a_named_language_pairs(nlp_blank, text, expected):
    assert _aligned_pairs(nlp_blank, text, "military_unit_recognizer") == expected


@pytest.mark.parametrize("text,expected", [
    # a name cut at a particle is the whole quoted name when the quotes close after its gloss
    ("作戦名は「クモの巣作戦(Operation Spiderweb)」である。", [("クモの巣作戦", "Operation Spiderweb")]),
])
def test_a_quoted_name_with_its_gloss_pairs_whole(nlp_blank, text, expected):
    assert _aligned_pairs(nlp_blank, text) == expected


def test_a_pair_takes_the_whole_place_name():
    """沿ドニエストル共和国(PMR): the acronym test matches ドニエストル共和国; the pair takes the place name whole."""
    import spacy

    nlp = spacy.blank("ja", config={"nlp": {"tokenizer": {"split_mode": "C"}}})
    nlp.add_pipe("place_recognizer")
    nlp.add_pipe("bilingual_aligner")
    doc = nlp("非承認国家である沿ドニエストル共和国(PMR)の首都")
    assert [(p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs] == [("沿ドニエストル共和国", "PMR")]


def test_a_pair_takes_both_whole_names_of_one_system(nlp_blank):
    """グリーン・パロット(Green parrot、…): the Latin half stopped at the lower-case word and the Japanese half
    at the dot; the weapon recogniser gave both names one canonical, so the pair is the two whole names.
    A class mark after the Japanese name (ロプーチャ級) is no more of the name."""
    assert _pairs_after_weapons(nlp_blank, "NATOでの呼び名はグリーン・パロット(Green parrot、「オウム」の意)だった") == [
        ("グリーン・パロット", "Green parrot")]
    assert ("ロプーチャ級", "Ropucha-class landing ship") not in _pairs_after_weapons(
        nlp_blank, "ロプーチャ級揚陸艦(英語: Ropucha-class landing ship)は")


@pytest.mark.parametrize("text,not_expected", [
    ("UCSは、イスラエルのIsrael Aerospace Industriesが開発した", ("イスラエル", "Israel Aerospace Industries")),
    ("ロシアの Russia Beyond the Headlines によると", ("ロシア", "Russia Beyond")),
])
def test_a_far_name_covering_one_word_of_several_is_no_pair(nlp_blank, text, not_expected):
    """The country before の owns what the Latin names (its maker, its outlet): no spelling of it."""
    assert not_expected not in _aligned_pairs(nlp_blank, text)


def test_himars_under_its_other_japanese_names(nlp_blank):
    assert _pairs_after_weapons(nlp_blank, "北海道で実射の高機動多連装ロケットシステムHIMARS") == [
        ("高機動多連装ロケットシステム", "HIMARS")]


def test_acronyms_written_first_or_after_an_equals_sign(nlp_blank):
    assert pairs_of("ソ連のTsAGI(中央流体力学研究所)が出した") == [("中央流体力学研究所", "TsAGI")]  # mixed case, first
    # a listed acronym after its name and an equals sign (acronyms.jsonl)
    assert ("長崎大学核兵器廃絶研究センター", "RECNA") in _pairs_after_weapons(nlp_blank, "長崎大学核兵器廃絶研究センター=RECNAが")


@pytest.mark.parametrize("text,expected", [
    # explosives under their Japanese names (kotobank's 軍用爆薬), a boat drone, a submarine's longer type name
    ("TNTやヘキソーゲン(RDX)、オクトーゲン(HMX)などの爆薬", [("ヘキソーゲン", "RDX"), ("オクトーゲン", "HMX")]),
    ("小型ボートや「海上ドローン」(USV)を使う", [("海上ドローン", "USV")]),
    ("ボレイ型弾道ミサイル原子力潜水艦(SSBN)の新鋭艦", [("弾道ミサイル原子力潜水艦", "SSBN")]),
])
def test_listed_acronyms_beside_other_japanese_names(nlp_blank, text, expected):
    assert _pairs_after_weapons(nlp_blank, text) == expected


@pytest.mark.parametrize("text,expected", [
    ("今回の会議(UMAC)は2023年にも開かれた。", []),  # a two-character head alone names no four-letter acronym
    ("被害・ニーズ調査 (RDNA3)の最新版", []),
    ("北朝鮮(DPRK)は反発した。", [("北朝鮮", "DPRK")]),
])
def test_short_heads_and_long_acronyms(text, expected):
    assert pairs_of(text) == expected


def test_a_hull_number_is_no_latin_form_of_the_ship_name(nlp_fast):
    """``「マッキャンベル」(DDG85)``: the number in the navy's list is written beside the name, not its Latin form."""
    assert nlp_fast("ミサイル駆逐艦「マッキャンベル」(DDG85)の艦内で訓練した。")._.pairs == []
    assert nlp_fast("駆逐艦「ディケーター(DDG-73)」に迫った。")._.pairs == []


def test_a_known_system_and_its_english_class_name_pair(nlp_fast):
    """``旅洋II型(Luyang II-class)``: the gazetteer's system named in English in the brackets."""
    assert [(p["ja"]["text"], p["en"]["text"]) for p in nlp_fast("「旅洋II型(Luyang II-class)」で")._.pairs] == \
        [("旅洋II型", "Luyang II-class")]


def test_a_latin_side_never_opens_a_bracket_it_does_not_close(nlp_fast):
    pairs = nlp_fast("沿岸警備護衛艦  DE  (Destroyer Escort)   201〜")._.pairs
    assert all(p["en"]["text"].count("(") == p["en"]["text"].count(")") for p in pairs)


def test_a_ship_type_and_its_type_code_pair(nlp_fast):
    pairs = nlp_fast("護衛艦  DD  (Destroyer)   101〜 潜水艦(SS)")._.pairs
    assert [(p["ja"]["text"], p["en"]["text"]) for p in pairs] == [("護衛艦", "DD"), ("潜水艦", "SS")]


def test_a_class_acronym_and_its_japanese_class_in_brackets_pair(nlp_fast):
    pairs = nlp_fast("17発のHIMARS MLRS(多連装ロケットシステム)ミサイルを撃ち落とした。")._.pairs
    assert [(p["ja"]["text"], p["en"]["text"]) for p in pairs] == [("多連装ロケットシステム", "MLRS")]


def test_a_type_number_glued_before_the_japanese_half_belongs_to_it(nlp_fast):
    pairs = nlp_fast("陸上自衛隊90式戦車(Type 90)は強い。")._.pairs
    assert [(p["ja"]["text"], p["en"]["text"]) for p in pairs] == [("90式戦車", "Type 90")]
    # a whole code glued before the nickname, which the Latin half opens with, goes with it
    pairs = nlp_fast("展示場にはM48パットン戦車 M48 Pattonが並ぶ。")._.pairs
    assert [(p["ja"]["text"], p["en"]["text"]) for p in pairs] == [("M48パットン", "M48 Patton")]



def test_a_purpose_mark_glued_after_a_bracket_stays_out_of_the_japanese_half(nlp):
    """(ICBM)用移動式発射台(TEL): 用 ("for") belongs to the ICBM before it, not to the launcher's name."""
    doc = nlp("大陸間弾道ミサイル(ICBM)用移動式発射台(TEL)を造る。")
    assert ("移動式発射台", "TEL") in [(p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs]


def test_a_latin_name_with_its_katakana_spelling_after_a_slash(nlp_fast):
    doc = nlp_fast("・EXOCET/エグゾセ(ミサイル) ・LEOPARD/レオパルト(戦車)")
    assert [(p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs] == [("エグゾセ", "EXOCET"), ("レオパルト", "LEOPARD")]


def test_a_japanese_half_cut_inside_a_word_starts_at_the_named_span(nlp_fast):
    doc = nlp_fast("ロシア軍は陸軍大隊戦術群(Battalion Tactical Group、通称BTG)を送った。")
    assert [(p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs] == [("大隊戦術群", "Battalion Tactical Group"),
                                                                           ("大隊戦術群", "BTG")]


def test_an_ordinal_mark_before_the_number_joins_the_japanese_half(nlp):
    doc = nlp("タジキスタンの第201ロシア軍事拠点(201RVB)だ。")
    assert ("第201ロシア軍事拠点", "201RVB") in [(p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs]


@pytest.mark.parametrize("text,expected", [
    # Latin first with its Japanese glued after it: a sound-alike katakana spelling or a listed form
    ("Pokrovskポクロウスクで戦闘が続く。", [("ポクロウスク", "Pokrovsk")]),
    ("WFP国連世界食糧計画は支援を続ける。", [("国連世界食糧計画", "WFP")]),
    # a glued word that is not the name's own: no pair
    ("NATO加盟国とISW研究員が集まった。", []),
])
def test_latin_first_with_its_japanese_glued_after(nlp, text, expected):
    assert [(p["ja"]["text"], p["en"]["text"]) for p in nlp(text)._.pairs] == expected


@pytest.mark.parametrize("text,expected", [
    ("「NATOフォースモデル(NATO Force Model)」を採択した。", ("NATOフォースモデル", "NATO Force Model")),
    ("タミヤ「16式機動戦闘車(MCV)」の模型。", ("機動戦闘車", "MCV")),
])
def test_japanese_half_boundaries_at_a_latin_lead_and_a_type_number(nlp_fast, text, expected):
    assert expected in [(p["ja"]["text"], p["en"]["text"]) for p in nlp_fast(text)._.pairs]


def test_a_vocabulary_list_marked_by_pronunciations(nlp):
    """Entries with a pronunciation between slashes pair the term with its first gloss, on the same line or
    the next; one slashed aside alone is no list."""
    doc = nlp("単語:\ntroop(s) /trúːp(s)/\n軍隊、部隊\ncasualty /kˈæʒuəlti/\n負傷者、死者\n")
    assert [(p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs] == [("軍隊", "troop(s)"), ("負傷者", "casualty")]
    assert nlp("発音は drone /droʊn/ ドローン です。")._.pairs == []


def test_quoted_learner_glosses(nlp_fast):
    doc = nlp_fast("「大陸間弾道ミサイル」=“intercontinental ballistic missile”、“missile”(ミサイル)の前に")
    assert [(p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs] == [
        ("大陸間弾道ミサイル", "intercontinental ballistic missile"), ("ミサイル", "missile")]


def test_an_acronym_glossary_a_line_per_field(nlp):
    """ACR⏎expansion⏎Japanese: the expansion pairs with the Japanese when its initials spell the acronym."""
    doc = nlp("略語集\nALCM\nAir-launched Cruise Missile\n航空機発射巡航ミサイル\n航空機に積む。\nXYZ\nSome Other Thing\n別物\n")
    assert [(p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs] == [("航空機発射巡航ミサイル", "Air-launched Cruise Missile")]


def test_an_acronym_entry_with_its_translation_then_its_definition(nlp):
    """ACR⏎Japanese⏎definition opening with the expansion: the term pairs with both (the article stays out)."""
    doc = nlp("NATO\n北大西洋条約機構\nthe North Atlantic Treaty Organizationを略した語。1949年に結成。")
    assert [(p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs] == [
        ("北大西洋条約機構", "NATO"), ("北大西洋条約機構", "North Atlantic Treaty Organization")]
    doc = nlp("XYZ\n北大西洋条約機構\nthe North Atlantic Treaty Organizationを略した語。")
    assert ("北大西洋条約機構", "XYZ") not in [(p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs]


def test_a_quoted_english_term_equals_its_japanese(nlp):
    doc = nlp("近いのは次の語だった。\n●「aeromedical airlift squadron」=(米軍)航空医療空輸飛行隊\n"
              "●「aeromedical evacuation unit」=航空患者後送部隊")
    assert [(p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs] == [
        ("航空医療空輸飛行隊", "aeromedical airlift squadron"), ("航空患者後送部隊", "aeromedical evacuation unit")]


def test_an_acronym_glued_after_its_listed_japanese_name(nlp):
    doc = nlp("イギリス陸軍の特殊空挺部隊SAS、第16空中強襲旅団")
    assert [(p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs] == [("特殊空挺部隊", "SAS")]
    doc = nlp("ミサイルは日本の排他的経済水域EEZ、男鹿半島から約300キロに落ちた。")
    assert [(p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs] == [("排他的経済水域", "EEZ")]


def test_a_quoted_latin_name_then_its_japanese_in_brackets(nlp):
    doc = nlp("志願部隊は「BARS」(国軍戦闘予備隊)に代わった。")
    assert [(p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs] == [("国軍戦闘予備隊", "BARS")]


@pytest.mark.parametrize("text,expected", [
    # a group of countries named by its count and its G-number, when the numbers agree
    ("ロシアの主要8カ国(G8)への復帰", [("主要8カ国", "G8")]),
    ("先進7カ国首脳会議(G7サミット)に出た。", [("先進7カ国", "G7")]),
    ("主要20カ国・地域(G20)の会合", [("主要20カ国・地域", "G20")]),
    ("先進7カ国(G8)の話", []),
])
def test_a_country_group_pairs_with_its_g_number(nlp_blank, text, expected):
    assert _aligned_pairs(nlp_blank, text) == expected


@pytest.mark.parametrize("text,expected", [
    # a term, then its expansion and acronym in one bracket: the term pairs with both (the rewritten development
    # gold pairs both in nine of ten such brackets, SMM the one exception); a word pair inside both halves
    # (ウクライナ/Ukraine) is a fragment of it and goes
    ("装備を引き渡せる大統領権限(Presidential Drawdown Authority=PDA)の上限",
     [("大統領権限", "Presidential Drawdown Authority"), ("大統領権限", "PDA")]),
    ("続いてウクライナ特別監視団(Special Monitoring Mission to Ukraine: SMM)について",
     [("ウクライナ特別監視団", "Special Monitoring Mission to Ukraine"), ("ウクライナ特別監視団", "SMM")]),
    ("大隊戦術群(Battalion Tactical Group: BTG)を", [("大隊戦術群", "Battalion Tactical Group"), ("大隊戦術群", "BTG")]),
    # a short form whose letters are the expansion's in order, not its initials only (a slash, a syllable acronym)
    ("政府は贈与契約(Grant Agreement: G/A)を交わした。", [("贈与契約", "Grant Agreement"), ("贈与契約", "G/A")]),
    ("欧州連合海軍部隊(EUNAVFOR:European Union Naval Force)の作戦",
     [("欧州連合海軍部隊", "EUNAVFOR"), ("欧州連合海軍部隊", "European Union Naval Force")]),
    # the acronym outside, the Japanese and the expansion inside: the rules pair the acronym, the expansion follows
    ("トルコでもUAV(無人航空機:Unmanned Aerial Vehicle)が戦う。",
     [("無人航空機", "UAV"), ("無人航空機", "Unmanned Aerial Vehicle")]),
    # the acronym first: the writer's own short form, paired with the term as well as its expansion
    ("英国の国防調達庁(DPA:Defence Procurement Agency)が契約した",
     [("国防調達庁", "DPA"), ("国防調達庁", "Defence Procurement Agency")]),
    # letters that are not the phrase's initials: no pair from this rule
    ("英国の国防調達庁(XYZ:Defence Procurement Agency)が契約した", []),
])
def test_a_term_with_its_expansion_and_acronym_in_one_bracket(nlp_blank, text, expected):
    assert _aligned_pairs(nlp_blank, text, "military_unit_recognizer") == expected


@pytest.mark.parametrize("text,expected", [
    # a person's name with a middle initial in both scripts, paired whole
    ("女優タラジ・P・ヘンソン(Taraji P. Henson)は", [("タラジ・P・ヘンソン", "Taraji P. Henson")]),
    ("ジョン・F・ケネディ(John F. Kennedy)大統領", [("ジョン・F・ケネディ", "John F. Kennedy")]),
    ("ジョン・F・ケネディ(John W. Kennedy)大統領", [("ケネディ", "Kennedy")]),  # the initials disagree
    # 第 before a kanji numeral opens the Japanese half
    ("いまや第一人称視点(FPV)ドローンを飛ばす。", [("第一人称視点", "FPV")]),
])
def test_initialled_names_and_kanji_ordinals(nlp_blank, text, expected):
    assert _aligned_pairs(nlp_blank, text) == expected


@pytest.mark.parametrize("text,expected", [
    # a term and a bracket holding only a Latin phrase: the layout alone pairs them, as a last resort
    ("同盟の東部方面(Eastern flank)への増強", [("東部方面", "Eastern flank")]),
    ("部隊は軍事訓練チーム(military transition team)を鍛える。", [("軍事訓練チーム", "military transition team")]),
    ("ロッキード・マーチン(LMT)は上げた。", []),  # an all-caps code (a stock ticker) is no gloss
])
def test_a_latin_phrase_alone_in_a_bracket_glosses_the_term_before_it(nlp_blank, text, expected):
    assert _aligned_pairs(nlp_blank, text) == expected


@pytest.mark.parametrize("text,expected", [
    # the bracket goes on with the English phrase's acronym: one more Latin form of the term
    ("権限は大統領権限(Presidential Drawdown Authority=PDA)と呼ばれる。",
     [("大統領権限", "Presidential Drawdown Authority"), ("大統領権限", "PDA")]),
    ("戦術は大隊戦術群(Battalion Tactical Group、通称BTG)に基づく。",
     [("大隊戦術群", "Battalion Tactical Group"), ("大隊戦術群", "BTG")]),
    # letters that are no initials of the phrase, or an abbreviation the bracket labels as one: no pair
    ("権限は大統領権限(Presidential Drawdown Authority=XYZ)と呼ばれる。",
     [("大統領権限", "Presidential Drawdown Authority")]),
])
def test_an_acronym_after_its_english_phrase_pairs_too(nlp_blank, text, expected):
    assert _aligned_pairs(nlp_blank, text) == expected


def test_a_designation_both_sides_end_with_belongs_to_the_japanese_side():
    """スホイ Su-24(Sukhoi Su-24): the maker reads alike, the designation is written in both; the Japanese side
    is the maker and the designation, as the WEAPON span is."""
    assert pairs_of("撃墜されたのは「スホイ Su-24(Sukhoi Su-24)」だ") == [("スホイ Su-24", "Sukhoi Su-24")]
    assert pairs_of("撃墜されたのは「スホイ Su-25(Sukhoi Su-24)」だ") == [("スホイ", "Sukhoi Su-24")]  # not the same


@pytest.mark.parametrize("text,expected", [
    # a Japanese side never ends inside a number: the name before it is the side
    ("軍事演習『ザーパド2017』(Zapad:西という意味)", [("ザーパド", "Zapad")]),
    # a katakana word in brackets after an acronym that gives none of its letters (a member, a place) is no name
    ("海軍打撃支援部隊 NATO(ポルトガル) – バルト海作戦", []),
    ("ミサイル・ディフェンス(MD)の構想", [("ミサイル・ディフェンス", "MD")]),
])
def test_sides_cut_in_a_number_and_brackets_that_spell_no_letter(text, expected):
    assert pairs_of(text) == expected


@pytest.mark.parametrize("text,expected", [
    # an acronym's side reaches back over a kanji word joined by ・ that gives its first letter, where the
    # side alone has fewer words than the acronym has capitals
    ("作戦・戦略司令部(OSK)の資格を持つ", [("作戦・戦略司令部", "OSK")]),
    ("能力を鍛える戦略指揮・参謀部演習(SKShU)の形", [("戦略指揮・参謀部演習", "SKShU")]),
    ("米国・国防総省(DoD)が発表", [("国防総省", "DoD")]),  # 米国 gives no D
])
def test_an_acronym_side_over_a_dotted_first_word(text, expected):
    assert pairs_of(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a designation alone in brackets after a quoted name glosses it
    ("ロシアは「キンジャール」(Kh-47M2)を発射した。", [("キンジャール", "Kh-47M2")]),
    # a code glued after the quote is another thing (the carrier's fighters); a bracket that goes on describes
    ("空母「ホーネット」F6F:16機が発艦した。", []),
    ("9M14「マリュートカ」(AT-3「サガー」)対戦車ミサイル", []),
])
def test_a_quoted_name_and_a_designation_alone_in_brackets(nlp_fast, text, expected):
    assert [(p["ja"]["text"], p["en"]["text"]) for p in nlp_fast(text)._.pairs] == expected


@pytest.mark.parametrize("text,expected", [
    ("場所は日本の排他的経済水域外(EEZ)だった。", ("排他的経済水域", "EEZ")),  # outside the zone
    ("ウクライナ軍情報局長(GUR)の発表", ("ウクライナ軍情報局", "GUR")),  # the agency's chief
    ("国防省情報総局(GUR)によると", ("国防省情報総局", "GUR")),  # no 長: the name stays whole
])
def test_a_position_or_chief_glued_after_an_acronyms_name_stays_out(nlp_fast, text, expected):
    assert expected in [(p["ja"]["text"], p["en"]["text"]) for p in nlp_fast(text)._.pairs]


def test_an_acronym_first_pairs_with_a_bracketed_phrase_whose_words_spell_it(nlp_fast):
    """MER(市場の為替レート): market exchange rate; the の inside does not make it a mere phrase."""
    pairs = nlp_fast("MER(市場の為替レート)を使えば安い。")._.pairs
    assert [(p["ja"]["text"], p["en"]["text"]) for p in pairs] == [("市場の為替レート", "MER")]
    assert nlp_fast("NATO(と呼ばれる同盟)の会合")._.pairs == []  # a phrase that spells nothing


def test_a_glossary_line_with_a_spaced_dash_pairs_a_word_and_its_translation(nlp_fast):
    pairs = nlp_fast("【battalion – 大隊】\n似た語がある。")._.pairs
    assert [(p["ja"]["text"], p["en"]["text"]) for p in pairs] == [("大隊", "battalion")]
    assert nlp_fast("ロシア – ウクライナ戦争の行方")._.pairs == []  # no translation, no pair


def test_an_expansion_before_a_slash_and_its_acronym_is_one_more_latin_form():
    """A glossary's ``expansion/ACRONYM:term``: the words before the slash spell the acronym the
    Schwartz–Hearst way (the C of ICBM inside intercontinental), so they gloss the term too."""
    from components.pair_expansions import spells_in_order

    assert spells_in_order("ICBM", "intercontinental ballistic missile")
    assert spells_in_order("IRBM", "intermediate-range ballistic missile")
    assert not spells_in_order("ICBM", "North Korea fired")


def test_a_glossary_expansion_pairs_with_the_term(nlp_fast):
    doc = nlp_fast("■ intercontinental ballistic missile/ICBM:大陸間弾道ミサイル\n言い方の例")
    assert sorted((p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs) == [
        ("大陸間弾道ミサイル", "ICBM"), ("大陸間弾道ミサイル", "intercontinental ballistic missile")]


def test_a_reading_before_an_equals_sign_in_the_bracket_pairs_alone(nlp_fast):
    doc = nlp_fast("無人地対艦ミサイルNMESIS(ネメシス=海軍・海兵隊遠征艦船阻止システム、射程約200キロ)を置く。")
    assert [(p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs] == [("ネメシス", "NMESIS")]


def test_a_name_before_an_equals_sign_in_the_bracket_pairs_with_the_acronym(nlp_fast):
    # the bracket goes on after = with what the thing is said to be; the name before = is the pair
    doc = nlp_fast("撃ったのはPZRK(携帯式対空ミサイルシステム=米国製スティンガーや露製イグラなど)だった。")
    assert [(p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs] == [("携帯式対空ミサイルシステム", "PZRK")]


def test_an_acronym_with_its_reading_after_a_colon_in_the_bracket(nlp_fast):
    # (PACAF:パキャフ): the acronym first, its reading after a colon; the name before the bracket pairs with it
    doc = nlp_fast("注目されたのはアメリカ太平洋空軍(PACAF:パキャフ)の機体だ。")
    assert ("アメリカ太平洋空軍", "PACAF") in [(p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs]


def test_an_english_expansion_after_the_colon_keeps_its_own_pair(nlp_fast):
    doc = nlp_fast("欧州連合海軍部隊(EUNAVFOR:European Union Naval Force)が発表した。")
    assert sorted((p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs) == [
        ("欧州連合海軍部隊", "EUNAVFOR"), ("欧州連合海軍部隊", "European Union Naval Force")]


def test_a_year_before_the_name_in_the_bracket_stays_out(nlp_fast):
    doc = nlp_fast("北朝鮮軍のほうがCSTO(1992年の集団安全保障条約)より頼りになる。")
    assert [(p["ja"]["text"], p["en"]["text"]) for p in doc._.pairs] == [("集団安全保障条約", "CSTO")]


@pytest.mark.parametrize("text,expected", [
    # a number that ends the Japanese name, written with no space before its English form, stays Japanese
    ("タンカーのボルゴネフト212Volgoneft 212が沈んだ。", [("ボルゴネフト212", "Volgoneft 212")]),
    # an English form that ends with "class" glosses the class name up to 級, not the ship type after it
    ("ロプーチャ級戦車揚陸艦(Ropucha Class)が2隻いた。", [("ロプーチャ級", "Ropucha Class")]),
])
def test_halves_fitted_to_what_the_latin_half_says(nlp_fast, text, expected):
    assert [(p["ja"]["text"], p["en"]["text"]) for p in nlp_fast(text)._.pairs] == expected


def test_fragments_dropped_as_a_pass_over_all_pairs_would():
    """_without_fragments bisects to the pairs that can hold a pair; it drops what the pass over all did."""
    import random

    from components.bilingual import _without_fragments
    from components.pair_rules import Pair

    rnd = random.Random(5)
    for _ in range(200):
        pairs = []
        for _ in range(rnd.randint(0, 12)):
            js, es = rnd.randint(0, 40), rnd.randint(50, 90)
            pairs.append(Pair((js, js + rnd.randint(1, 10)), (es, es + rnd.randint(1, 10)), 1.0))
        naive = [p for p in pairs if not any(p.ja != q.ja and p.en != q.en and p.within(q.ja, q.en) for q in pairs)]
        assert _without_fragments(pairs) == naive
