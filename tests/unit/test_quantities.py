"""quantity_extractor on the Sudachi tokenizer (split mode C): spans, attributes, serialisation.

All example sentences are written for these tests.
"""
from __future__ import annotations

import pytest
from spacy.tokens import DocBin

import components.quantities  # noqa: F401  (registers the factory)
from components.attributes import get_span_attrs, register_extensions
from components.quantities import CATEGORIES_FILE, UNITS_FILE
from components.tables import DATA_DIR

TEXT = ("ロシア軍は無人機120機とミサイル9弾を発射した。死者3名、負傷者1,200名以上が出た。"
        "前線から約20キロの町では、20~30機ほどのドローンが飛来した。")


@pytest.fixture(scope="module")
def nlp(nlp_blank):
    import copy

    pipeline = copy.deepcopy(nlp_blank)
    pipeline.add_pipe("quantity_extractor")
    return pipeline


def records(doc, key="quantities"):
    return [(s.text, get_span_attrs(s)) for s in doc.spans[key]]


def test_spans_and_attributes(nlp):
    doc = nlp(TEXT)
    found = dict(records(doc))
    assert list(found) == ["120機", "9弾", "3名", "1,200名以上", "約20キロ", "20~30機ほど"]
    assert all(s.label_ == "QUANTITY" for s in doc.spans["quantities"])
    assert found["120機"] == {"value": 120, "unit": "機", "item": "無人機", "category": "DRONE",
                             "approx": False, "bound": "exact"}
    assert found["3名"]["category"] == "CASUALTY" and found["3名"]["casualty"] == "killed"
    assert found["1,200名以上"]["casualty"] == "wounded" and found["1,200名以上"]["bound"] == "at_least"
    assert found["約20キロ"]["unit"] == "km" and found["約20キロ"]["approx"] is True
    assert found["20~30機ほど"]["value_max"] == 30 and found["20~30機ほど"]["bound"] == "range"
    assert "value_max" not in found["120機"]
    assert "casualty" not in found["120機"]


def test_counted_noun_is_outside_the_span(nlp):
    doc = nlp("ロシア兵3名を拘束した。")
    (span,) = doc.spans["quantities"]
    assert span.text == "3名" and get_span_attrs(span)["item"] == "ロシア兵"


def test_spans_are_token_aligned(nlp):
    doc = nlp(TEXT)
    for span in doc.spans["quantities"]:
        assert doc[span.start:span.end].text == span.text


@pytest.mark.parametrize(
    "text,span,category",
    [
        ("Russia lost about 1,500 armoured vehicles there.", "about 1,500", "VEHICLE"),
        ("They launched 90 Shahed-type drones overnight.", "90", "DRONE"),
        ("前線で少なくとも二門運用しているという。", "少なくとも二門", "COUNT"),
        ("揚陸艦2隻が損傷した。", "2隻", "VEHICLE"),
    ],
)
def test_latin_phrases_and_kanji_counts_align(nlp, text, span, category):
    doc = nlp(text)
    found = dict(records(doc))
    assert span in found and found[span]["category"] == category


@pytest.mark.parametrize("text", ["2025年11月8日に発表した。", "これは方法の一つだ。",
                                  "ミサイル(3M22)の配備", "そのうち1つは古い型だ。"])
def test_no_quantity(nlp, text):
    doc = nlp(text)
    assert list(doc.spans["quantities"]) == []


def test_existing_spans_are_kept(nlp):
    doc = nlp.make_doc("戦車5両が前進した。")
    doc.spans["quantities"] = [doc[0:1]]
    doc = nlp.get_pipe("quantity_extractor")(doc)
    assert [s.text for s in doc.spans["quantities"]] == ["戦車", "5両"]


def test_docbin_round_trip_keeps_attributes(nlp):
    doc = nlp(TEXT)
    expected = records(doc)
    data = DocBin(docs=[doc], store_user_data=True).to_bytes()
    register_extensions()
    (back,) = DocBin().from_bytes(data).get_docs(nlp.vocab)
    assert records(back) == expected


def test_to_disk_from_disk(nlp, nlp_blank, tmp_path):
    import copy

    nlp.to_disk(tmp_path / "model")
    assert (tmp_path / "model" / "quantity_extractor" / UNITS_FILE).exists()
    assert (tmp_path / "model" / "quantity_extractor" / CATEGORIES_FILE).exists()
    fresh = copy.deepcopy(nlp_blank)
    fresh.add_pipe("quantity_extractor")
    fresh.from_disk(tmp_path / "model")
    assert records(fresh(TEXT)) == records(nlp(TEXT))


def test_save_back_to_the_loaded_directory(nlp_blank, tmp_path):
    import copy

    first = copy.deepcopy(nlp_blank)
    first.add_pipe("quantity_extractor")
    first.to_disk(tmp_path / "model")
    again = copy.deepcopy(nlp_blank)
    again.add_pipe("quantity_extractor")
    again.from_disk(tmp_path / "model")
    again.to_disk(tmp_path / "model")
    doc = again("戦車5両")
    assert [s.text for s in doc.spans["quantities"]] == ["5両"]


def test_tables_travel_with_the_pipeline(nlp_blank, tmp_path):
    import copy

    units = tmp_path / UNITS_FILE
    units.write_text((DATA_DIR / UNITS_FILE).read_text(encoding="utf-8")
                     + "ペア\tペア\tCOUNT\t\t\ttest row\n", encoding="utf-8")
    custom = copy.deepcopy(nlp_blank)
    custom.add_pipe("quantity_extractor", config={"units_path": str(units)})
    doc = custom("3ペアが残った。")
    assert [s.text for s in doc.spans["quantities"]] == ["3ペア"]
    custom.get_pipe("quantity_extractor").to_disk(tmp_path / "out")
    plain = copy.deepcopy(nlp_blank)
    pipe = plain.add_pipe("quantity_extractor")
    doc = plain("3ペアが残った。")
    assert list(doc.spans["quantities"]) == []
    pipe.from_disk(tmp_path / "out")
    doc = plain("3ペアが残った。")
    assert [s.text for s in doc.spans["quantities"]] == ["3ペア"]


def test_custom_spans_key(nlp_blank):
    import copy

    custom = copy.deepcopy(nlp_blank)
    custom.add_pipe("quantity_extractor", config={"spans_key": "qty"})
    doc = custom("戦車5両")
    assert [s.text for s in doc.spans["qty"]] == ["5両"]


def test_evaluate_uses_spans_scorer(nlp):
    from spacy.training import Example

    pred = nlp.make_doc("戦車5両が前進した。")
    gold = nlp.make_doc("戦車5両が前進した。")
    gold.spans["quantities"] = [gold.char_span(2, 4, label="QUANTITY")]
    scores = nlp.evaluate([Example(pred, gold)])
    assert scores["spans_quantities_f"] == 1.0


def test_pipe_with_two_processes(nlp):
    texts = ["無人機12機を撃墜した。", "戦車5両が前進した。"] * 2
    docs = list(nlp.pipe(texts, n_process=2))
    assert [[s.text for s in d.spans["quantities"]] for d in docs] == [["12機"], ["5両"]] * 2
    assert get_span_attrs(docs[0].spans["quantities"][0])["category"] == "DRONE"


@pytest.mark.ginza
def test_same_spans_on_ja_ginza(nlp, nlp_ginza):
    import copy

    full = copy.deepcopy(nlp_ginza)
    full.add_pipe("quantity_extractor")
    assert records(full(TEXT)) == records(nlp(TEXT))


@pytest.mark.parametrize("text,span", [("過去1日で敵兵420人を殺傷したとしている。", "420人"),
                                       ("砲撃で住民12人が死傷した。", "12人")])
def test_killed_or_wounded_verbs(nlp, text, span):
    found = dict(records(nlp(text)))
    assert found[span]["category"] == "CASUALTY" and found[span]["casualty"] == "killed_or_wounded"


def _blank_with(nlp_blank, *pipes):
    """A copy of the blank pipeline with ``pipes`` added in order (the quantity extractor reads their spans)."""
    import copy

    pipeline = copy.deepcopy(nlp_blank)
    for pipe in pipes:
        pipeline.add_pipe(pipe)
    return pipeline


@pytest.fixture(scope="module")
def nlp_with_weapons(nlp_blank):
    return _blank_with(nlp_blank, "weapon_recognizer", "quantity_extractor")


@pytest.mark.parametrize("text,span,category", [
    # the WEAPON counted decides by its class when no counted noun does
    ("弾道ミサイル「イスカンデル」6発が発射された。", "6発", "MISSILE"),
    ("長距離爆撃機Tu-22M3を1機破壊した。", "1機", "AIRCRAFT"),
    ("早期警戒管制機A-50など計2機に損害を与えた。", "2機", "AIRCRAFT"),
    ("3隻の水上ドローンが接近した。", "3隻", "DRONE"),
    # a civilian ship is counted, not a platform of the war; a patrol boat is
    ("タンカー183隻を制裁対象に指定した。", "183隻", "COUNT"),
    ("哨戒艇2隻を撃沈した。", "2隻", "VEHICLE"),
    # rounds (発, 弾) of a class glued to a launcher's name count the class (NOTES-real13); a launcher counter
    # still counts the launcher
    ("日中、9発のHIMARSロケット弾が迎撃された。", "9発", "MISSILE"),
    ("12台のM270トラック型ロケット発射機を退役させた。", "12台", "VEHICLE"),
    # a count that names what it counts after の counts that, not the drone before it (real19)
    ("ドローンは22基の石油貯蔵タンクを有する貯蔵所を攻撃した。", "22基", "COUNT"),
    # a weapon as topic, then the span of time the count took: the weapon's class says the category
    ("ハマスが撃ったロケット弾は「3日間で1,500発以上」とみられる。", "1,500発以上", "MISSILE"),
    ("影響を受けた船は26日の時点で185隻に上った。", "185隻", "COUNT"),  # ... or the day it stood at
])
def test_category_from_the_counted_weapon(nlp_with_weapons, text, span, category):
    found = dict(records(nlp_with_weapons(text)))
    assert found[span]["category"] == category


def test_without_weapon_spans_the_context_still_decides(nlp):
    found = dict(records(nlp("長距離爆撃機Tu-22M3を1機破壊した。")))
    assert found["1機"]["category"] == "AIRCRAFT"  # 機 alone counts aircraft


@pytest.mark.parametrize("text,span,category,casualty", [
    ("ロシア軍の人的損失が過去24時間で1,090人に上った。", "1,090人", "CASUALTY", "killed_or_wounded"),
    ("死傷者は1,200名以上に上った。1日あたり80〜100名という計算になる。", "80〜100名", "CASUALTY",
     "killed_or_wounded"),
    ("かつて7万人以上が暮らした街に、ロシア軍の部隊が入った。", "7万人以上", "COUNT", None),
    ("死者は2000人に上った。北朝鮮は工兵など約6000人を追加で送る。", "約6000人", "PERSONNEL", None),
    ("ミサイルと無人機は合わせて3万発超に達した。", "3万発超", "COUNT", None),
])
def test_people_counts_from_subject_and_previous_sentence(nlp, text, span, category, casualty):
    found = dict(records(nlp(text)))
    assert found[span]["category"] == category
    assert found[span].get("casualty") == casualty


@pytest.mark.parametrize("text,span,item,category", [
    ("全土に合計550機のドローンとミサイルを発射した。", "550機", "ドローン", "COUNT"),  # 合計 is no item; a mixed total
    ("F-16をウクライナに計24機供与する。", "24機", None, "AIRCRAFT"),
    ("ドローン合計50機を撃墜した。", "50機", "ドローン", "DRONE"),
    # "more of" is no item: the noun before の追加 is, or none
    ("ドイツはIRIS-T SLMの追加1基を供与する。", "1基", "IRIS-T SLM", "COUNT"),
    ("パトリオットの追加2基を供与する。", "2基", "パトリオット", "COUNT"),
    ("追加の2基を送る。", "2基", None, "COUNT"),
    # a word of scale after the verb names no item
    ("占領地は610平方キロを上回る規模だ。", "610平方キロを上回る", None, "AREA"),
])
def test_a_total_word_before_the_count_is_not_its_item(nlp_with_weapons, text, span, item, category):
    found = dict(records(nlp_with_weapons(text)))
    assert found[span].get("item") == item and found[span]["category"] == category


def test_a_named_item_is_not_carried_over_from_the_count_before(nlp):
    found = dict(records(nlp("ロシア軍の艦が沈み、公表したのは死者1人と救助者396人にとどまる。")))
    assert found["1人"]["category"] == "CASUALTY"
    assert found["396人"]["category"] == "PERSONNEL" and found["396人"]["item"] == "救助者"


@pytest.mark.parametrize("text,span,category", [
    ("死者は600人に上った。北朝鮮は約1万1000人を送り込み、追加で派遣した。", "約1万1000人", "PERSONNEL"),
    # a machine in 台 is equipment (the rewritten gold: 地雷除去機, 探知機 COUNT); the aircraft words ending in 機
    # keep their category, and a vehicle word stays a vehicle
    ("地雷除去機2台が届いた。", "2台", "COUNT"),
    ("地雷探知機50台と特殊車両40台を供与した。", "50台", "COUNT"),
    ("地雷探知機50台と特殊車両40台を供与した。", "40台", "VEHICLE"),
    ("発電機20台を送った。", "20台", "COUNT"),
    ("格納庫にはジェット機3台が残っていた。", "3台", "AIRCRAFT"),
    ("偵察用の無人機3台を失った。", "3台", "DRONE"),
    # the word right before a count that is the counter of the count before it is no item: the noun after の is
    ("10種類215台の発電機を出荷した。", "215台", "COUNT"),
    ("戦車500両、戦闘車両600両以上4万人の兵士を集めている。", "4万人", "PERSONNEL"),
    ("ロシアの装甲部隊が人口2万人の村に進軍した。", "2万人", "COUNT"),  # a population, not the troops before it
    # the size or strength of a force is troops; the same words of civilians stay COUNT
    ("その数は30万人規模になるという。", "30万人", "PERSONNEL"),
    ("陸上自衛隊は定員15万590人、実員13万9620人だ。", "13万9620人", "PERSONNEL"),
    ("新しい群はおよそ70人の体制で発足した。", "およそ70人", "PERSONNEL"),
    ("避難民は100万人規模に達した。", "100万人", "COUNT"),
    # guns in 門 are counted (COUNT); a self-propelled one is a vehicle
    ("エストニアにK9自走砲6門を輸出する。", "6門", "VEHICLE"),
    ("榴弾砲12門を供与した。", "12門", "COUNT"),
    # 体 counts bodies: the dead
    ("前線で軍人の遺体を50体ずつ交換した。", "50体", "CASUALTY"),
    # after a verb qualifier, the noun after の is the head (民間 its modifier)
    ("侵攻は1万人を超える民間の死者を出した。", "1万人を超える", "CASUALTY"),
    # 延べ ("in all, counted per day") between the noun and its count, as 累計 is
    ("3ヶ月の累計は人員延べ約868万7000人にのぼった。", "約868万7000人", "PERSONNEL"),
])
def test_categories_from_the_words_around_a_count(nlp, text, span, category):
    """Deployment verbs, machines, a force's size, guns in 門, bodies, the head after a verb qualifier."""
    assert dict(records(nlp(text)))[span]["category"] == category


@pytest.mark.parametrize("text,span,category,casualty", [
    # prisoners are troops (PERSONNEL), even after a count of the killed in the same sentence
    ("偵察部隊は敵兵8人を殺害し、3人を捕虜にした。", "3人", "PERSONNEL", None),
    ("戦闘で7名が死亡、4名が拘束された。", "4名", "PERSONNEL", None),
    ("守備隊の兵士40人が投降したという。", "40人", "PERSONNEL", None),
    # a wound before the capture still makes a casualty
    ("敵兵5人が負傷して捕虜となった。", "5人", "CASUALTY", "wounded"),
    # detained civilians stay civilians (COUNT)
    ("占領当局は住民12人を拘束した。", "12人", "COUNT", None),
])
def test_captured_people_are_personnel(nlp, text, span, category, casualty):
    found = dict(records(nlp(text)))
    assert found[span]["category"] == category
    assert found[span].get("casualty") == casualty


@pytest.mark.parametrize("text,span,item", [
    ("防空部隊は偵察用ドローン計35機を撃ち落とした。", "35機", "偵察用ドローン"),  # 計 "in total" is no part of it
    ("空軍によると無人機合計80機が飛来した。", "80機", "無人機"),
    ("双方は兵士150人の引き渡しで合意した。", "150人", "兵士"),
    ("市当局は住民200人の引き渡しを求めた。", "200人", "住民"),
])
def test_item_is_a_whole_noun(nlp, text, span, item):
    assert dict(records(nlp(text)))[span]["item"] == item


@pytest.mark.parametrize("text,span", [
    ("交渉団は捕虜30人の交換後、120人の引き渡しを求めた。", "120人"),  # not 引 (of 引き渡し)
    ("部隊は砲撃を1日に40回行い、前進した。", "40回"),  # not 行 (of 行い)
    ("防空部隊が無人機120機撃墜 20機は消失", "20機"),  # not 機撃墜, the end of the figure before
])
def test_no_item_from_part_of_a_word(nlp, text, span):
    assert "item" not in dict(records(nlp(text)))[span]


@pytest.mark.parametrize("text,span,weapon", [
    ("空軍は夜間に誘導航空爆弾70発が投下されたと発表した。", "70発", "誘導航空爆弾"),
    ("前線では滑空爆弾25発と無人機40機が使われた。", "25発", "滑空爆弾"),
])
def test_bombs_are_counted_munitions(nlp_with_weapons, text, span, weapon):
    doc = nlp_with_weapons(text)
    assert weapon in [s.text for s in doc.spans["weapons"]]
    found = dict(records(doc))
    assert found[span]["item"] == weapon and found[span]["category"] == "COUNT"


@pytest.mark.parametrize("text,span,category,casualty", [
    # the personnel line of a loss tally counts killed and wounded
    ("敵の損失は以下の通り。人員約52万人、戦車8000両、火砲1万5000門。", "約52万人", "CASUALTY", "killed_or_wounded"),
    # troops lost, or put out of action
    ("この1カ月で同軍は最大900人の兵士と戦車12両を失った。", "最大900人", "CASUALTY", "killed_or_wounded"),
    ("守備隊は敵兵約70人を戦闘不能にした。", "約70人", "CASUALTY", "killed_or_wounded"),
    # personnel with no loss in sight stay troops
    ("同国は人員約3000人を国境に集めた。", "約3000人", "PERSONNEL", None),
    # the soldiers' line under a losses heading counts casualties; soldiers sent after a loss word do not
    ("ロシア軍の損失は、\n兵士610名\n戦車13両", "610名", "CASUALTY", "killed_or_wounded"),
    ("損失を補うため、兵士3万人を動員した。", "3万人", "PERSONNEL", None),
    # launchers counted as installations (基) are counted things, not vehicles
    ("部隊はHIMARS2基と装甲車5台を失った。", "2基", "COUNT", None),
    # a particle before 計 still names the item
    ("制裁の対象は船舶を計120隻に広げた。", "120隻", "COUNT", None),
])
def test_losses_launchers_and_totals(nlp_with_weapons, text, span, category, casualty):
    found = dict(records(nlp_with_weapons(text)))
    assert found[span]["category"] == category
    assert found[span].get("casualty") == casualty


def test_a_force_before_kei_is_the_actor_not_the_item():
    from components.quantity_context import _ACTOR_TOPIC, _BEFORE

    before = _BEFORE.search("防空部隊は計")
    assert before is not None and _ACTOR_TOPIC.search(before.group(0))
    assert not _ACTOR_TOPIC.search(_BEFORE.search("無人機計").group(0))


def test_a_number_inside_a_weapon_name_is_no_quantity(nlp_with_weapons):
    """``Challenger 2 tanks``: with the weapon recogniser before it, the 2 is the name's, not a count;
    ``28 Challenger 2``: the 28 is."""
    pipeline = nlp_with_weapons
    doc = pipeline("The UK sent Challenger 2 tanks and 3 drones.")
    assert [s.text for s in doc.spans["quantities"]] == ["3"]
    # a plain number right before a Latin weapon name counts it, in the weapon's category
    doc = pipeline("The UK will give 28 Challenger 2 tanks. In 2023 HIMARS launchers came.")
    found = {s.text: get_span_attrs(s) for s in doc.spans["quantities"]}
    assert list(found) == ["28"] and found["28"]["category"] == "VEHICLE" and found["28"]["item"] == "Challenger 2"


def test_a_figure_that_begins_inside_a_weapon_name_is_no_quantity(nlp_with_weapons):
    """``ミラージュ2000機1機``: the 2000 ends the name (the machine translation glued 機 to it); the 1機 counts."""
    pipeline = nlp_with_weapons
    doc = pipeline("戦闘任務にあたっていたミラージュ2000機1機が失われた。")
    assert [s.text for s in doc.spans["weapons"]] == ["ミラージュ2000"]
    assert [s.text for s in doc.spans["quantities"]] == ["1機"]


def test_a_calibre_inside_a_japanese_weapon_name_is_a_quantity(nlp_with_weapons):
    """``99式自走155mmりゅう弾砲``: the calibre inside the JSDF's one-span name still measures the gun."""
    pipeline = nlp_with_weapons
    doc = pipeline("99式自走155mmりゅう弾砲が射撃した。")
    assert [s.text for s in doc.spans["weapons"]] == ["99式自走155mmりゅう弾砲"]
    assert [s.text for s in doc.spans["quantities"]] == ["155mm"]


def test_a_figure_after_a_times_sign_counts_the_weapon_before_it(nlp_with_weapons):
    """``ヘリコプター×3`` in a specification list or a tally: the bare figure counts the weapon, in the
    weapon's category; a counter after it (``×31両``) is the counter finder's, a measure or a second
    factor (``×30mm``, ``4×4``) no count."""
    pipeline = nlp_with_weapons
    doc = pipeline("主な武装は対艦ミサイル×20、ヘリコプター×3。")
    found = {s.text: get_span_attrs(s) for s in doc.spans["quantities"]}
    assert found["20"]["category"] == "MISSILE" and found["20"].get("unit") is None and found["20"]["value"] == 20
    assert found["3"]["category"] == "AIRCRAFT" and found["3"]["item"] == "ヘリコプター"
    doc = pipeline("戦車×31両を送る。装甲車×4×4の改修型。")
    assert [s.text for s in doc.spans["quantities"]] == ["31両"]
    # the rest of one list item may stand between (a launcher noun, a Latin acronym), a comma may follow
    doc = pipeline("S-300F SAM VLS×12,RBU-1000×2、5連装魚雷発射管×4、戦車とトラック×3。")
    found = {s.text: get_span_attrs(s) for s in doc.spans["quantities"]}
    assert list(found) == ["12", "2", "4"] and found["4"]["item"] == "魚雷" and found["12"]["item"] == "SAM"


def test_a_thousands_figure_glued_before_a_class_counts_it(nlp_with_weapons):
    """3,600戦車 (machine translation): the comma makes it a count of the class after it; a range, a
    designation's number or a figure with its own counter is left alone."""
    found = dict(records(nlp_with_weapons("約560万人の男性、3,600戦車、4,389機の航空機")))
    assert found["3,600"]["category"] == "VEHICLE" and found["3,600"].get("unit") is None
    assert "15,000" not in dict(records(nlp_with_weapons("12〜15,000戦車")))
    assert dict(records(nlp_with_weapons("T-72戦車を失った。"))) == {}


@pytest.fixture(scope="module")
def nlp_with_places(nlp_blank):
    return _blank_with(nlp_blank, "place_recognizer", "quantity_extractor")


@pytest.mark.parametrize("text,expected", [
    # a list of countries, each with a bare figure: COUNT, the country no counted item
    ("対象はドイツが12、中国が5、トルコ(TR)が2。", [("12", 12, False), ("5", 5, False), ("2", 2, False)]),
    ("保有数はインド約170、パキスタン約160.", [("約170", 170, True), ("約160", 160, True)]),
    ("ドイツ12、", []),  # one place with a figure: a name or a date as often as a count
    ("ドイツで12、中国で5だった。", []),  # で: where, not how many
    ("比率はドイツ1.5、中国2.5。", []),  # decimals are no counts
])
def test_bare_figures_of_a_list_of_places(nlp_with_places, text, expected):
    doc = nlp_with_places(text)
    got = [(s.text, get_span_attrs(s)["value"], get_span_attrs(s)["approx"]) for s in doc.spans["quantities"]]
    assert got == expected
    assert all(get_span_attrs(s)["category"] == "COUNT" and not get_span_attrs(s).get("item")
               for s in doc.spans["quantities"])
