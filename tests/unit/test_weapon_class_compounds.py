"""Weapon class compounds met in published reporting (issue 10): class + システム/兵器,
ship and vehicle class names, air-defence and decoy classes.

Every sentence here is written for the tests; none comes from real or shared data.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from components.weapon_compose import Tok, choose_candidates, trie_entries
from components.weapon_rules import Grammar, Head, Suffix
from components.weapons import SPANS_KEY, WeaponRecognizer


@pytest.fixture(scope="module")
def run(nlp_blank):
    recognizer = WeaponRecognizer(nlp_blank.vocab)

    def _run(text: str) -> Doc:
        return recognizer(nlp_blank(text))
    return _run


def texts(doc: Doc):
    return [s.text for s in doc.spans[SPANS_KEY]]


@pytest.mark.parametrize("text,expected", [
    ("守備隊は自走砲システムを前線へ運んだ。", ["自走砲システム"]),
    ("敵の大砲システム12基が沈黙した。", ["大砲システム"]),
    ("旅団は火砲兵器の不足を訴えた。", ["火砲兵器"]),
    ("倉庫にはミサイル発射システムが隠されていた。", ["ミサイル発射システム"]),
    ("ドローン兵器の量産が始まった。", ["ドローン兵器"]),
])
def test_class_with_system_suffix_is_one_span(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # Sudachi cuts 重爆|撃|機: the class is one word, not an unaligned 爆撃機
    ("古い機体だが今も積める重爆撃機だ。", ["重爆撃機"]),
    ("義勇兵は軍用ライフル銃を受け取った。", ["軍用ライフル銃"]),  # not ライフル + 銃
    ("艦隊の水上艦艇が湾を出た。", ["水上艦艇"]),
    ("筒から擲弾を撃ち出す。", ["擲弾"]),
    ("英空軍のB29とB-29の写真", ["B29", "B-29"]),
])
def test_class_words_of_blogs_and_analysis(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text", ["新しいシステムを導入した。", "兵器の輸出が増えた。", "防衛システムの入札が行われた。"])
def test_suffix_alone_is_no_weapon(run, text):
    assert texts(run(text)) == []


def test_suffix_after_a_name_is_not_taken():
    """A system's name + システム stays the name (the suffix only lengthens class nouns)."""
    grammar = Grammar(heads=[Head("自走砲", "howitzer", "artillery")],
                      suffixes=[Suffix("システム", ("artillery",))])
    table = trie_entries([], grammar, fold_fn=lambda s: s)
    tokens = [Tok("自走砲"), Tok("システム"), Tok("と"), Tok("自走砲", True), Tok("システム")]
    hits = [(0, 1, table["自走砲"]), (1, 2, table["システム"]), (3, 4, table["自走砲"]), (4, 5, table["システム"])]
    chosen = choose_candidates(tokens, hits, grammar)
    assert [(c.start, c.end) for c in chosen] == [(0, 2), (3, 4)]  # a space breaks the compound


def test_suffix_must_apply_to_the_head_group():
    grammar = Grammar(heads=[Head("戦車", "tank", "vehicle")], suffixes=[Suffix("兵器", ("artillery",))])
    table = trie_entries([], grammar, fold_fn=lambda s: s)
    tokens = [Tok("戦車"), Tok("兵器")]
    chosen = choose_candidates(tokens, [(0, 1, table["戦車"]), (1, 2, table["兵器"])], grammar)
    assert [(c.start, c.end) for c in chosen] == [(0, 1)]


@pytest.mark.parametrize("text,expected", [
    ("水上ドローンが大型揚陸艦に命中した。", ["水上ドローン", "大型揚陸艦"]),
    ("軽装甲車と装甲戦闘車が橋を渡った。", ["軽装甲車", "装甲戦闘車"]),
    ("装甲戦車2両と戦闘工兵車両1台が失われた。", ["装甲戦車", "戦闘工兵車両"]),
    ("中高度防空システムの追加供与が決まった。", ["中高度防空システム"]),
    ("対空防衛システムと防空兵器が夜通し稼働した。", ["対空防衛システム", "防空兵器"]),
    ("模倣機20機は途中で消えた。", ["模倣機"]),
    ("5機は電子戦システムで落とされた。", ["電子戦システム"]),
    ("爆撃機から誘導航空ミサイルが放たれた。", ["爆撃機", "誘導航空ミサイル"]),
    ("敵は砲兵システム4基を失った。", ["砲兵システム"]),  # General Staff loss lists
    ("戦車5台と装甲兵員車両(APV)9台を失った。", ["戦車", "装甲兵員車両", "APV"]),  # its English form too
    ("供与された遠隔地雷が道をふさいだ。", ["遠隔地雷"]),  # remotely delivered mines
    ("超音速長距離爆撃機が撃破された。", ["超音速長距離爆撃機"]),
    ("極超音速ミサイルが迎撃された。", ["極超音速ミサイル"]),
    ("群体ドローンで攻撃した。", ["群体ドローン"]),
    # launchers are weapons, alone or after their class (NOTES-real7, -real8)
    ("ランチャーと発射機を破壊した。", ["ランチャー", "発射機"]),
    ("ロケット発射機と誘導ミサイルランチャーが届いた。", ["ロケット発射機", "誘導ミサイルランチャー"]),
    ("沿岸防衛システムを供与した。", ["沿岸防衛システム"]),
    ("トラック型ロケット発射機が届いた。", ["トラック型ロケット発射機"]),
    ("携行式多目的ミサイルと地上配備型迎撃ミサイル。", ["携行式多目的ミサイル", "地上配備型迎撃ミサイル"]),
    ("軍用車両と核弾頭が集められた。", []),  # a warhead is no weapon system: the annotators' majority (NOTES-real4, -real38, -real64; real70 alone tagged it)
    ("移動式防空システムと移動式ロケット砲が届いた。", ["移動式防空システム", "移動式ロケット砲"]),  # NOTES-real11
    ("旧式のヘリコプタとレーザー兵器と対ドローンシステム。", ["ヘリコプタ", "レーザー兵器", "対ドローンシステム"]),  # NOTES-real15
    ("大型多連装砲と民生ドローンと空中早期警戒機と無人海上車両。", ["大型多連装砲", "民生ドローン", "空中早期警戒機", "無人海上車両"]),
    # spec lists of hobby and reference pages (NOTES-real64)
    ("口径20mm未満の小火器と152mmカノン榴弾砲。", ["小火器", "カノン榴弾砲"]),
    ("主兵装は連装砲と対潜ロケット砲。", ["連装砲", "対潜ロケット砲"]),
    ("単座戦闘機型と複座練習機型がある。", ["単座戦闘機", "複座練習機"]),
    # a trainer's stage is its type too, after the seats and before the engine
    ("ロシアの複座高等ジェット練習機を導入した。", ["複座高等ジェット練習機"]),
    ("T-2高等練習機と初等練習機", ["T-2", "高等練習機", "初等練習機"]),
    ("高等弁務官事務所が発表した。", []),
    # a type designation the tokenizer writes as one word (一式) is the name before its class, as 九七式 is;
    # the Imperial Navy's short class names; 一式 as "a full set" stays no weapon
    ("中島飛行機製一式戦闘機と一式陸攻", ["一式", "戦闘機", "一式", "陸攻"]),
    ("零式水偵と九四式水偵、二式大艇", ["零式", "水偵", "九四式", "水偵", "二式", "大艇"]),
    ("装備一式を送り、対潜水艦戦の訓練をした。", []),
    # a kanji name quoted after an aircraft class (「」 or 『』), its code glued after it or not; not a verbal
    # noun, not a model number
    ("局地戦闘機『震電J7W1』の模型と戦闘機「疾風」", ["局地戦闘機", "震電J7W1", "戦闘機", "疾風"]),
    ("戦闘機「開発」と艦上戦闘機『五十二型』", ["戦闘機", "艦上戦闘機"]),
    ("無人艦6隻と重装甲車を配備する。", ["無人艦", "重装甲車"]),  # NOTES-real65, -real66
])
def test_class_rows_from_real_reporting(run, text, expected):
    assert texts(run(text)) == expected


def test_a_size_word_is_part_of_the_class(run):
    """A size word is a type of the class after it (大型ドローン, 大型弾道ミサイル, 小型フリゲート, 中型戦車,
    大型輸送ヘリコプター: 19 of 20 in the development gold of parts 53 to 74, against the earlier reading
    that kept it outside before aircraft and ships); 新型 (a new model) stays outside."""
    assert texts(run("大型無人機が上空を旋回した。")) == ["大型無人機"]
    assert texts(run("大型弾道ミサイルが落ちた。")) == ["大型弾道ミサイル"]
    assert texts(run("大型輸送機が着陸した。")) == ["大型輸送機"]
    assert texts(run("小型フリゲートと中型戦車と軽量戦闘機。")) == ["小型フリゲート", "中型戦車", "軽量戦闘機"]
    assert texts(run("新型ドローンが飛んだ。")) == ["ドローン"]
    # an improved or export model says no kind either; 一方向攻撃 (one-way attack) does, with or without 型
    assert texts(run("改良型一方向攻撃ドローンを披露した。")) == ["一方向攻撃ドローン"]
    assert texts(run("改良型無人機と輸出型戦車")) == ["無人機", "戦車"]
    assert texts(run("大使館の前に墜落無人機の残骸が置かれた。")) == ["無人機"]  # what befell it, no kind


@pytest.mark.parametrize("text,expected", [
    ("海軍はタランタルIII型コルベットを失った。", ["タランタルIII型", "コルベット"]),
    ("カラクルト級コルベットが港を出た。", ["カラクルト級", "コルベット"]),
    ("夜明け前にシャヘド型無人機が飛来した。", ["シャヘド型", "無人機"]),  # not only ships: a name, then its class
    ("敵はゲラン2型自爆無人機を放った。", ["ゲラン2型", "自爆無人機"]),
])
def test_name_with_its_connector_and_class_are_two_spans(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("飛来したのは自爆型シャヘドだった。", ["自爆型シャヘド"]),
    # 攻撃型 is listed for drones only, but as a descriptor word it still belongs to the class span
    # (real-text annotators: 攻撃型戦車); it does not change the tank's class
    ("攻撃型戦車T-72が前進した。", ["攻撃型戦車", "T-72"]),
])
def test_type_word_before_a_name(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("防空システムNASAMS 2基が届いた。", ["防空システム", "NASAMS"]),  # the 2 counts the systems
    ("新型のNASAMS 2が配備された。", ["NASAMS 2"]),  # the variant
])
def test_variant_number_or_count(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("「ノルド・ドローン」社は新型の自爆型ドローンを公開した。", ["自爆型ドローン"]),  # a maker's name
    ("「ドローン」と呼ばれる機体が飛んだ。", ["ドローン"]),  # quoted, but no company
])
def test_class_noun_in_a_company_name(run, text, expected):
    assert texts(run(text)) == expected


def test_designation_with_a_numbered_variant(run):
    # 電子戦 says what kind of helicopter it is: inside the class, as the rewritten gold writes 電子戦機, 電子戦システム
    assert texts(run("電子戦ヘリコプター「Mi-8MTPR-1」が撃墜された。")) == ["電子戦ヘリコプター", "Mi-8MTPR-1"]


@pytest.mark.parametrize("text,expected", [
    # a shorter head with its suffix reaches as far and takes the modifier the longer head does not
    ("演説では極超音速ミサイルシステムの配備に触れた。", ["極超音速ミサイルシステム"]),
    ("防空ミサイルシステムが首都を守る。", ["防空ミサイルシステム"]),
    ("艦隊は旧式の空対艦ミサイルを多数保有する。", ["空対艦ミサイル"]),
    ("多連装ロケットランチャー40基とロケットランチャーシステムが届いた。",
     ["多連装ロケットランチャー", "ロケットランチャーシステム"]),
    ("敵の高速巡視艇が港を出た。", ["高速巡視艇"]),
    ("車体に滑腔砲を積む。", ["滑腔砲"]),
    ("ミサイル発射装置が見つかった。", ["ミサイル発射装置"]),
])
def test_class_compounds_of_translated_reports(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("旅団は対戦車装備の補充を求めた。", []),  # anti-tank: the tank is the target
    ("対戦車地雷と戦車が並んでいた。", ["対戦車地雷", "戦車"]),
])
def test_anti_tank_is_no_tank(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("供与されたのはレオパルト1型12両だった。", ["レオパルト1型"]),  # 型 after a numbered model
    ("レオパルド戦車が前進した。", ["レオパルド", "戦車"]),
    ("英国はチャレンジャー3の配備を進める。", ["チャレンジャー3"]),
])
def test_model_names_of_translated_reports(run, text, expected):
    assert texts(run(text)) == expected


def test_a_quoted_ship_name_repeated_in_quotes(run):
    text = "旗艦「ヴォルガ」が被弾した。当局は『ヴォルガ』の損傷を認めたが、ヴォルガ川の港は無事だ。"
    assert texts(run(text)) == ["ヴォルガ", "ヴォルガ"]  # the bare river name stays out


@pytest.mark.parametrize("text,expected", [
    ("港の改キロ級潜水艦が攻撃された。", ["改キロ級", "潜水艦"]),
    ("空軍は諜報用無人機も撃墜した。", ["諜報用無人機"]),
    ("まず発射装置が届く。", ["発射装置"]),
])
def test_more_names_and_classes_of_translated_reports(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("ソ連は中距離爆撃機を「ミサイル爆撃機」に分類した。", ["中距離爆撃機", "ミサイル爆撃機"]),
    ("前線爆撃機が飛来した。", ["前線爆撃機"]),
    ("重砲と対空兵器が並ぶ。", ["重砲", "対空兵器"]),
])
def test_bomber_and_gun_classes_of_explainers(run, text, expected):
    assert texts(run(text)) == expected


def test_class_table_lists_each_term_once():
    """A second row for the same kind and term would be silently shadowed by the first (超音速 lost its class map)."""
    import json
    from collections import Counter
    from components.tables import DATA_DIR
    rows = [json.loads(line) for line in (DATA_DIR / "weapon_classes.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    counts = Counter((r["kind"], r["term"]) for r in rows if "term" in r)
    assert [key for key, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("text,expected", [
    ("地上作戦戦術ミサイルシステムから発射された。", ["地上作戦戦術ミサイルシステム"]),
    ("高精度ミサイルで攻撃した。", ["高精度ミサイル"]),
    ("地上ドローンが前進した。", ["地上ドローン"]),
])
def test_ground_and_precision_modifiers(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("作戦戦術無人機が飛来した。", ["作戦戦術無人機"]),
    ("多連装式ロケット砲が並ぶ。", ["多連装式ロケット砲"]),
    ("重戦車が前進した。", ["重戦車"]),
])
def test_more_modifiers_of_daily_news(run, text, expected):
    assert texts(run(text)) == expected


def test_counter_drone_system_and_multirole(run):
    assert texts(run("対無人機システムと多用途戦闘機（マルチロール機）")) == ["対無人機システム", "多用途戦闘機", "マルチロール機"]


@pytest.mark.parametrize("text,expected", [
    ("ロシアのブイコフ級哨戒艦が沈んだ。", ["ブイコフ級", "哨戒艦"]),  # a class name before the vessel type
    ("ヴァルシャーヴァンカ級（キロ級）潜水艦を爆破した。", ["ヴァルシャーヴァンカ級", "キロ級", "潜水艦"]),
    ("横綱級の選手が来た。", []),
    ("「M1戦車が届けば」と語った。", ["M1", "戦車"]),  # a one-digit designation glued to its class
    ("ka-32ヘリコプターが燃えた。", ["ka-32", "ヘリコプター"]),  # a dashed designation in lower case
    ("G7首脳会議が開かれた。", []),
])
def test_ship_classes_and_short_designations(run, text, expected):
    assert texts(run(text)) == expected


def test_defence_and_munition_classes_of_analysis(run):
    assert texts(run("対弾道ミサイルシステムと中射程防空システム、燃料気化兵器、サブミュニション")) == [
        "対弾道ミサイルシステム", "中射程防空システム", "燃料気化兵器", "サブミュニション"]


def test_operational_drones_and_rocket_launchers(run):
    assert texts(run("作戦レベル無人機と対空システム、240mm放射砲")) == ["作戦レベル無人機", "対空システム", "放射砲"]


def test_surface_ships_and_old_vehicle_characters(run):
    assert texts(run("水上艦と装甲車輌、地雷除去車輌")) == ["水上艦", "装甲車輌", "地雷除去車輌"]


def test_unguided_and_loitering(run):
    assert texts(run("ハイマスと無誘導弾、徘徊兵器")) == ["ハイマス", "無誘導弾", "徘徊兵器"]


@pytest.mark.parametrize("text,expected", [
    ("対空戦車と極超音速兵器、対戦車兵器が並ぶ。", ["対空戦車", "極超音速兵器", "対戦車兵器"]),
    ("自爆機と観測用ドローンが飛来した。", ["自爆機", "観測用ドローン"]),
    ("小型精密誘導爆弾を投下した。", ["小型精密誘導爆弾"]),
])
def test_classes_of_aid_lists_and_explainers(run, text, expected):
    assert texts(run(text)) == expected


def test_miswritten_cruise_missile(run):
    assert texts(run("巡行ミサイル3発が飛来した。")) == ["巡行ミサイル"]


@pytest.mark.parametrize("text,expected", [
    ("対地雷・伏撃防護車両が届いた。", []),  # mine-resistant: the mine is the threat
    ("重装甲戦車の時代は終わった。", ["重装甲戦車"]),
    ("地雷除去の機材を送る。", ["地雷"]),  # a weapon inside a longer noun stays one (ANNOTATION.md; corpus gold)
])
def test_mine_resistant_and_heavy_armour(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # a kanji word ending in 型/式/用/性 glued before a class qualifies it like a listed modifier
    ("敵の攻撃型戦車が橋を渡った。", ["攻撃型戦車"]),
    ("守備隊は警戒用無人機を飛ばした。", ["警戒用無人機"]),
    ("爆発性ミサイルの破片が見つかった。", ["爆発性ミサイル"]),
    # new/old/same-model words and sizes stay outside (annotators: 新型|ドローン, 大型|爆撃機)
    ("新型ドローンが投入された。", ["ドローン"]),
    ("同型ミサイルを迎撃した。", ["ミサイル"]),
    ("大型爆撃機が離陸した。", ["大型爆撃機"]),
    # a type number before 式 is the system's own name (87式|戦車), not a descriptor
    ("74式戦車が展示された。", ["74式", "戦車"]),
])
def test_descriptor_words_before_a_class(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("前線に対戦車砲と無反動砲が残されていた。", ["対戦車砲", "無反動砲"]),
    ("曳航砲と曳航式榴弾砲を自走砲に替える。", ["曳航砲", "曳航式榴弾砲", "自走砲"]),
    ("徘徊型兵器と対ドローン兵器、対無人機兵器の開発。", ["徘徊型兵器", "対ドローン兵器", "対無人機兵器"]),
    ("架橋戦車が川に橋を架けた。戦略原潜も出航した。", ["架橋戦車", "戦略原潜"]),
])
def test_gun_and_counter_drone_classes(run, text, expected):
    # the 対 of 対ドローン兵器 is no part of a drone: the span is the counter-drone class, not ドローン兵器
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # a use outside combat is no kind of weapon: the class alone (a parade tank is a tank)
    ("式典用戦車と呼ばれている。", ["戦車"]),
    ("展示用ミサイルが並んだ。", ["ミサイル"]),
    ("攻撃用ドローンを組み立てる。", ["攻撃用ドローン"]),
])
def test_a_use_outside_combat_stays_outside_the_class(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("米国は小口径爆弾を供与した。", ["小口径爆弾"]),
    ("実用のレーザー防衛システムを持つ国は限られる。", ["レーザー防衛システム"]),
    ("ジャベリンは歩兵携行式多目的ミサイルだ。", ["ジャベリン", "歩兵携行式多目的ミサイル"]),
    ("装甲車なども足したAFVは1万両を超える。", ["装甲車", "AFV"]),
    ("93式近距離地対空誘導弾が展示された。", ["93式", "近距離地対空誘導弾"]),
    ("92式地雷原処理車と地雷処理車", ["92式", "地雷原処理車", "地雷処理車"]),
    ("クラスター子弾を除去する。", ["クラスター子弾"]),
])
def test_class_rows_of_part_62(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # class words of research round 5 (each row names a page that writes it)
    ("護衛艦とミサイル駆逐艦、ドック型揚陸艦が出港した。", ["護衛艦", "ミサイル駆逐艦", "ドック型揚陸艦"]),
    ("戦略ミサイル原子力潜水艦が潜航した。", ["戦略ミサイル原子力潜水艦"]),
    ("装甲回収車と指揮通信車、偵察警戒車が並ぶ。", ["装甲回収車", "指揮通信車", "偵察警戒車"]),
    ("白リン弾と劣化ウラン弾、無誘導爆弾", ["白リン弾", "劣化ウラン弾", "無誘導爆弾"]),
    ("大量破壊兵器と自律型致死兵器システム", ["大量破壊兵器", "自律型致死兵器システム"]),
    ("一方向攻撃型ドローンと空挺歩兵戦闘車", ["一方向攻撃型ドローン", "空挺歩兵戦闘車"]),
    # ammunition and generic words stay out, as the annotators leave them (砲弾, 銃弾, 車両)
    ("砲弾と銃弾、軍用車両が不足している。", []),
])
def test_class_words_of_research_round_5(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # unlisted technical words glued before a class are part of it
    ("2A28 73mm低圧滑腔砲を積む。", ["2A28", "低圧滑腔砲"]),
    ("区分は機動艦艇と沿岸警備護衛艦。", ["機動艦艇", "沿岸警備護衛艦"]),
    ("120mm高圧低反動滑腔砲を載せた。", ["高圧低反動滑腔砲"]),
    ("正体不明の超重戦車が現れた。", ["超重戦車"]),
    # judging, dating and counting words stay out, as do a count before the word and a longer phrase
    ("高性能ミサイルと新型ドローンと旧式戦車", ["ミサイル", "ドローン", "戦車"]),
    ("4連装魚雷発射管と第4世代戦闘機", ["魚雷", "戦闘機"]),
    ("核駆動魚雷などの新兵器", ["核駆動魚雷"]),
    ("事実上無制限飛行ミサイルの試験", ["ミサイル"]),
    ("製油所大規模ドローン攻撃が続く", ["ドローン"]),  # 所|大|規模: the scale of the attack
    # a listed name's number before the class is a designation, no count: the technical words go on
    ("ファス360近距離弾道ミサイル・システムの訓練", ["ファス360", "近距離弾道ミサイル・システム"]),
])
def test_technical_words_before_a_class(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # a designation's number is no count: the kind word after it still joins the class
    ("F-1支援戦闘機とV-107救難ヘリコプター", ["F-1", "支援戦闘機", "V-107", "救難ヘリコプター"]),
    # one-kanji type numbers but 一 (a full set) are designations
    ("零式艦上戦闘機と二式魚雷", ["零式", "艦上戦闘機", "二式", "魚雷"]),
    # a listed type word before a technical one, and a listed class name with its batch numeral or 改 and 級
    ("タランタルIII級ミサイル護衛哨戒艇2隻", ["タランタルIII級", "ミサイル護衛哨戒艇"]),
    ("アルタイ改級補給艦が通過した。", ["アルタイ改級", "補給艦"]),
])
def test_designation_numbers_kanji_types_and_class_marks(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # a German-style model and variant glued after a name with no number of its own is one name; a count
    # after the name is not (Marder 1A3, Gepard 1A2, as Leopard 2A6)
    ("ドイツはマルダー1A3歩兵戦闘車を送った。", ["マルダー1A3", "歩兵戦闘車"]),
    ("自走対空砲(Gepard1A2)が届いた。", ["自走対空砲", "Gepard1A2"]),
    ("マルダー1両が撃破された。", ["マルダー"]),
    # a variant after a hyphen (Su30-MK2), unless another designation goes on after it (Kh-101-Kh-555)
    ("Su30-MK2とSu-25-SM", ["Su30-MK2", "Su-25-SM"]),
    ("Kh-101-Kh-555", ["Kh-101", "Kh-555"]),
    # a variant glued to a Latin name that ends in a letter: its number, or a hyphen and capitals; a number
    # before a counter stays a count
    ("水深20mの斜面にA6M5が沈む。", ["A6M5"]),
    ("グルジア軍にはOsa-AK があった。", ["Osa-AK"]),
    ("A6M2機が飛来した。", ["A6M"]),
    # short to medium range, written with ・ or a wave dash, is one range word of the class
    ("短・中距離防空システムを再び届けた。", ["短・中距離防空システム"]),
    ("短~中距離弾道ミサイルを発射した。", ["短~中距離弾道ミサイル"]),
    # more of a kind names no kind: 追加 stays outside the class
    ("防空システム用の追加ミサイルを送る。", ["防空システム", "ミサイル"]),
    # a listed name that ends in its class noun is one span written as one word, two written with a dot
    ("パトリオットミサイルとパトリオット・ミサイル", ["パトリオットミサイル", "パトリオット", "ミサイル"]),
    # the corvette with 艦, as the frigate
    ("コルベット艦とフリゲート艦が演習した。", ["コルベット艦", "フリゲート艦"]),
])
def test_model_variants_range_words_and_corvettes(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # a Soviet or Russian naval design by its project number; a year-like number is a programme
    ("プロジェクト636潜水艦が発射した。", ["プロジェクト636", "潜水艦"]),
    ("政府はプロジェクト2030を発表した。", []),
    # a name in 『』 right before its class noun, as in 「」
    ("『ヴァルシャヴャンカ』潜水艦が巡航ミサイルを撃った。", ["ヴァルシャヴャンカ", "潜水艦", "巡航ミサイル"]),
])
def test_project_numbers_and_names_in_double_quotes(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # a minehunter, a protected mobility vehicle, an amphibious vehicle: class nouns of their own
    ("サンダウン級機雷掃討艇2隻を渡す。", ["サンダウン級", "機雷掃討艇"]),
    ("高機動防護車160台と水陸両用車78台", ["高機動防護車", "水陸両用車"]),
])
def test_minehunters_and_protected_vehicles(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # a variant code after a listed name and one space belongs to the name; a hyphen after the code starts
    # another designation, and a lone letter may start a word
    ("Leclerc S2戦車の砲塔", ["Leclerc S2", "戦車"]),
    ("グリペン C/D の部品", ["グリペン C/D"]),
    ("T-80 T-90が並ぶ", ["T-80", "T-90"]),
    ("レオパルト Aを見た", ["レオパルト"]),
])
def test_variant_codes_after_one_space(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # a line break after a name is no variant suffix: ``$`` in an anchored pattern matches before a final
    # newline, so the suffix test once took ``EX`` + ``\n`` for a variant and the span ran over the break
    ("36機のF-15EX\n●三沢基地", ["F-15EX"]),
    ("AH-1S\nUH-60JA", ["AH-1S", "UH-60JA"]),
])
def test_name_at_a_line_end_stops_before_the_break(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # counter-drone and anti-submarine systems named as classes of their own
    ("対無人航空機システムを供与する。", ["対無人航空機システム"]),
    ("C-UAS技術とC-UAVシステムの研究", ["C-UAS", "C-UAVシステム"]),
    ("新型の対潜水艦システムを試験した。", ["対潜水艦システム"]),
])
def test_counter_drone_and_anti_submarine_systems(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # an unlisted katakana word glued before 砲 makes one word with it; not a listed name, a class, a unit
    # of measure after a number, or a name after 通称
    ("兵士がゲルリッヒ砲を操る。", ["ゲルリッヒ砲"]),
    ("ロケット砲(通称ポンポン砲)の後継", ["ロケット砲", "ポンポン砲"]),
    ("ドローン砲で撃墜した。", ["ドローン", "砲"]),
    ("46センチ砲を積む。", ["砲"]),
])
def test_unlisted_katakana_guns(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # a game's title names no weapon
    ("今日もWorld of Tanksで遊んだ。", []),
    ("world of tanksへののめり込み", []),
])
def test_game_titles_name_no_weapon(run, text, expected):
    assert texts(run(text)) == expected


def test_a_box_drawing_line_written_for_the_dash(run):
    assert texts(run("病院に落ちたのはKh─101巡航ミサイルだった。")) == ["Kh─101", "巡航ミサイル"]


def test_a_maker_named_for_its_drones(run):
    """ZALA (the issue's example of a designation shape): the maker's name for its reconnaissance drones."""
    assert texts(run("偵察無人機の「ZALA(ザラ)」が飛来した。")) == ["偵察無人機", "ZALA", "ザラ"]


@pytest.mark.parametrize("text,expected", [
    # after a slash, letters that start a designation start another one (M48/M60); a variant's letters repeat
    # the model's (2A4/A6, E/F)
    ("主力戦車M48/M60パットンが積んでいた砲", ["主力戦車", "M48", "M60パットン", "砲"]),
    ("レオパルト2A4/A6を送った。", ["レオパルト2A4/A6"]),
])
def test_slash_between_two_models_and_two_variants(run, text, expected):
    assert texts(run(text)) == expected


def test_a_lower_case_prefix_letter_before_a_hyphen(run):
    """c-UAS as the US DoD writes counter-UAS; an all-capitals class still needs capitals otherwise."""
    assert texts(run("対無人航空機システム(c-UAS)用の弾薬")) == ["対無人航空機システム", "c-UAS"]
    assert texts(run("the cuas programme")) == []


@pytest.mark.parametrize("text,expected", [
    # a missile or rocket glued before a drone is one class, as 自爆ドローン (Ukraine's missile drones), and an
    # explosive boat with no crew one ship
    ("長距離ロケットドローン「パリャニツィア」は安い。", ["長距離ロケットドローン", "パリャニツィア"]),
    ("軍はミサイル無人機の製造を急ぐ。", ["ミサイル無人機"]),
    ("4隻の無人爆弾艇を差し向けた。", ["無人爆弾艇"]),
    ("ミサイル防衛を強める。", ["ミサイル"]),  # no drone after it: the class alone, as before
    # navies' auxiliaries: a hospital ship and an oiler are ships, their quoted names too
    ("給油船「ドゥブナ」が入港した。", ["給油船", "ドゥブナ"]),
    ("病院船「コンフォート」を派遣した。", ["病院船", "コンフォート"]),
])
def test_missile_drones_explosive_boats_and_auxiliaries(run, text, expected):
    assert texts(run(text)) == expected


def test_a_listed_name_accepted_in_quotes_is_found_again_in_quotes(run):
    """One sense per text: an ambiguous alias its evidence made a weapon once counts again when quoted."""
    text = "国産の長射程兵器である「ネプトゥーン」「フラミンゴ」を使う。「ネプトゥーン」は活躍している。"
    assert texts(run(text)).count("ネプトゥーン") == 2
    assert "ネプトゥーン" not in texts(run("海王星は「ネプトゥーン」と呼ばれる。"))


@pytest.mark.parametrize("text,expected", [
    # a count of platforms and の right before an ambiguous alias is its evidence, as a count after it
    ("報道によれば最大 6 機のタイフーンが送られる。", ["タイフーン"]),
    ("台風のタイフーンが来た。", []),  # the weather
    # ship types and names of part 98's development half
    ("デンマークの対空戦フリゲート艦1隻が加わる。", ["対空戦フリゲート艦"]),
    ("米海軍の指揮統制艦に乗り込んだ。", ["指揮統制艦"]),
    ("リュティとボブルの無人機7機を撃墜した。", ["リュティ", "ボブル", "無人機"]),
    ("中国軍機は計22機で、J11が8機だった。", ["J11"]),
    ("CM11「勇虎」やM60A3などを退役させる。", ["CM11", "勇虎", "M60A3"]),
])
def test_counted_aliases_and_part_98_names(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # part 99's development half: unguided is a kind (無誘導), a maker's country is none (韓国産), an Aegis
    # escort one class; a katakana name glued to an administrative suffix is a place (Hama, not the Hummer)
    ("227ミリ無誘導ロケット弾を撃つ。", ["無誘導ロケット弾"]),
    ("韓国産多連装ロケットを買う。", ["多連装ロケット"]),
    ("イージス護衛艦が減った。", ["イージス護衛艦"]),
    ("反政府勢力はハマー市を押さえ、ハマー県に迫った。", []),
    ("米軍のハマーが走る。", ["ハマー"]),
    ("ゴールキーパー 30mmCIWSを積む。", ["ゴールキーパー", "CIWS"]),
    ("サッカーのゴールキーパーが活躍した。", []),
])
def test_part_99_kinds_makers_and_places(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("オビ級病院船1隻が続く。", ["オビ級", "病院船"]),  # a two-letter class's name before the vessel type
    ("国産化した3千トン級潜水艦が進水した。", ["潜水艦"]),  # a size, not a class's name
    ("5000トン級駆逐艦と1万トン級の艦", ["駆逐艦"]),
    ("100キロワット級のレーザー", []),
])
def test_class_names_before_ship_types_and_sizes(run, text, expected):
    assert texts(run(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # part 100's development half: the PFM-1's names, fragmentation grenades, long-range drones, interceptors,
    # the Russian MANPADS initialism, a maker before a loitering munition
    ("「レペルストク」と呼ばれ、「花びら地雷」の名で通る。", ["レペルストク", "花びら地雷"]),
    ("TM-62にM67破片手榴弾を投下した。", ["TM-62", "M67", "破片手榴弾"]),
    ("長射程無人機の購入に充てる。", ["長射程無人機"]),
    ("海軍局地戦闘機の模型を展示する。", ["局地戦闘機"]),
    ("地上から放たれたPZRKが命中した。", ["PZRK"]),
    ("イスラエル製の「IAIハロップ」で攻撃した。", ["IAIハロップ"]),
])
def test_part_100_mines_grenades_and_drones(run, text, expected):
    assert texts(run(text)) == expected
