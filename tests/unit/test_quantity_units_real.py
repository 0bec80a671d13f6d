"""Units and counters met in published reporting (issue 10): weights (トン, kg, a bomb's ポンド: COUNT, as both
real-text annotators took them), 平方マイル, and the counters 集落 and 着.

All example sentences are written for these tests.
"""
from __future__ import annotations

import pytest

import components.quantities  # noqa: F401  (registers the factory)
from components.attributes import get_span_attrs


@pytest.fixture(scope="module")
def nlp(nlp_blank):
    import copy

    pipeline = copy.deepcopy(nlp_blank)
    pipeline.add_pipe("quantity_extractor")
    return pipeline


def found(nlp, text):
    doc = nlp(text)
    return {s.text: get_span_attrs(s) for s in doc.spans["quantities"]}


@pytest.mark.parametrize("text,span,value,value_max,unit,category,approx", [
    # ▲ and △ write a minus in Japanese accounts and statistics tables
    ("輸出は前年比▲2.8%となった。", "▲2.8%", -2.8, None, "%", "PERCENT", False),
    ("営業利益は△50億円だった。", "△50億円", -5_000_000_000, None, "JPY", "MONEY", False),
    ("政府は約420品目の輸出を止めた。", "約420品目", 420, None, "品目", "COUNT", True),
    ("その艦の排水量は約3100トンだった。", "約3100トン", 3100, None, "t", "COUNT", True),
    ("弾頭は約450kgとされる。", "約450kg", 450, None, "kg", "COUNT", True),
    ("重さ20キログラムの爆薬を積む。", "20キログラム", 20, None, "kg", "COUNT", False),
    ("機体は5~7kgと軽い。", "5~7kg", 5, 7, "kg", "COUNT", False),
    ("敵は週に約3.2平方マイルを奪った。", "約3.2平方マイル", 3.2, None, "mi²", "AREA", True),
    ("部隊は11集落を制圧した。", "11集落", 11, None, "集落", "COUNT", False),
    ("防寒着800着が届いた。", "800着", 800, None, "着", "COUNT", False),
    ("同船は全長403ft(123m)だ。", "403ft", 403, None, "ft", "DISTANCE", False),
    ("目標株価を1400ペンスへ引き上げた。", "1400ペンス", 1400, None, "GBX", "MONEY", False),  # London prices in pence
    ("商務省は26事業体をリストに加えた。", "26事業体", 26, None, "事業体", "COUNT", False),  # entities, as 団体
    ("前線には6個かそこらの旅団がいる。", "6個かそこら", 6, None, "個", "COUNT", True),  # "or so": approximate
    ("FPVドローンの機体は900g程度しかない。", "900g程度", 900, None, "g", "COUNT", True),
    ("右がラインメタル対空20mm2連砲だった。", "20mm", 20, None, "mm", "DISTANCE", False),  # a twin mount after it
    ("2200度の溶鉄を噴き出して骨まで溶かす。", "2200度", 2200, None, "°C", "TEMPERATURE", False),  # thermite
    # the Latin country code before ドル, and the colloquial 少なくても ("at least") of blogs
    ("本物は価格:175,203USドルだ。", "175,203USドル", 175203, None, "USD", "MONEY", False),
    # places and bodies counted by their own noun after Arabic digits
    ("政府は12道県の住民に警報を出した。", "12道県", 12, None, "道県", "COUNT", False),
    ("47都道府県すべてで集めた。", "47都道府県", 47, None, "都道府県", "COUNT", False),
    ("自治体は3村から成る。", "3村", 3, None, "村", "COUNT", False),
    ("空軍の2基地が攻撃を受けた。", "2基地", 2, None, "基地", "COUNT", False),
    ("勢力は2組織から成る。", "2組織", 2, None, "組織", "COUNT", False),
    # a weight class before a munition: pounds and kilos, not money or distance
    ("戦術無人航空機7機を失った。", "7機", 7, None, "機", "DRONE", False),  # 無人航空機, not 航空機
    ("射程は1万キロ・メートル以上だ。", "1万キロ・メートル以上", 10000, None, "km", "DISTANCE", False),
    ("敵は28万兵を動員した。", "28万兵", 280000, None, "兵", "PERSONNEL", False),  # 兵 as a counter
    ("そのうち12万兵が死亡した。", "12万兵", 120000, None, "兵", "CASUALTY", False),
    # speeds (COUNT: no speed category) and the one-character unit signs of the CJK compatibility block
    ("最大速度:220㎞/h、巡航速度:130㎞/h。", "220㎞/h", 220, None, "km/h", "COUNT", False),
    ("巡航速度は276~313㎞/hとされる。", "276~313㎞/h", 276, 313, "km/h", "COUNT", False),
    ("最高速度は約300km/hに達する。", "約300km/h", 300, None, "km/h", "COUNT", True),
    ("最大離陸重量:4,760㎏、", "4,760㎏", 4760, None, "kg", "COUNT", False),
    ("口径120㎜の砲を積む。", "120㎜", 120, None, "mm", "DISTANCE", False),
    ("約1000㎢を占領した。", "約1000㎢", 1000, None, "km²", "AREA", True),
    ("タンカーは1日当たり170万バレルを運ぶ。", "170万バレル", 1700000, None, "bbl/d", "VOLUME", False),
    # おおよそ and 大体 are approximations as およそ is; a range's decimal second end lends its magnitude
    ("兵士おおよそ600人から800人が残る。", "おおよそ600人から800人", 600, 800, "人", "PERSONNEL", True),
    ("射程は大体1500km~1600kmだ。", "大体1500km~1600km", 1500, 1600, "km", "DISTANCE", True),
    ("住民29~48.5万人が避難した。", "29~48.5万人", 290000, 485000, "人", "COUNT", False),
    ("予算は日本の10分の1だ。", "10分の1", 0.1, None, None, "RATIO", False),
    ("費用はミサイルの10 分の 1だ。", "10 分の 1", 0.1, None, None, "RATIO", False),  # spaced as web text spaces figures
    ("領土の4分の1余りを占領した。", "4分の1余り", 0.25, None, None, "RATIO", True),
    ("兵力の三分の一を失った。", "三分の一", 1 / 3, None, None, "RATIO", False),
    # a space between an Arabic figure and its counter, as pages that space digits write it (NOTES-real16)
    ("空軍は MiG-29 を 50 機ほど保有していた。", "50 機ほど", 50, None, "機", "AIRCRAFT", True),
    # spaces around a magnitude, as machine-translated and digit-spacing pages write them (NOTES-real12)
    ("支援は総額 318 億 40 万ユーロに上る。", "318 億 40 万ユーロ", 31_800_400_000, None, "EUR", "MONEY", False),
    ("同国は 2,500 万ドル相当の弾薬を送る。", "2,500 万ドル", 25_000_000, None, "USD", "MONEY", False),
    ("最大離陸重量も 22tに増えた。", "22t", 22, None, "t", "COUNT", False),
    ("40メガワットを超えるレーザー。", "40メガワットを超える", 40, None, "MW", "COUNT", False),
    ("夜通し11波にわたる攻撃が続いた。", "11波", 11, None, "波", "COUNT", False),
    ("ロシア国内の5地域に攻撃があった。", "5地域", 5, None, "地域", "COUNT", False),  # NOTES-real14
    # counters of things other than weapons (research round 7: votes, member states, sites, stocks, districts)
    ("決議は賛成93票で採択された。", "93票", 93, None, "票", "COUNT", False),
    ("15理事国のうち棄権は2国。", "15理事国", 15, None, "理事国", "COUNT", False),
    ("国内3拠点で生産する。", "3拠点", 3, None, "拠点", "COUNT", False),
    ("優良株12銘柄に限る。", "12銘柄", 12, None, "銘柄", "COUNT", False),
    ("市内10地区のうち7地区が攻撃された。", "10地区", 10, None, "地区", "COUNT", False),
    ("東京ドームの235個分の広さがある。", "235個分", 235, None, "個分", "COUNT", False),  # NOTES-real65
    # a bare magnitude closing a clause counts with no unit (NOTES-real66; ANNOTATION.md: 17万のロシア部隊)
    ("兵力はロシアが140万、ウクライナは21万。", "140万", 1_400_000, None, None, "COUNT", False),
    # the one-character unit signs of Japanese fonts (NOTES-real67)
    ("損失は5,649億㌦に達する。", "5,649億㌦", 564_900_000_000, None, "USD", "MONEY", False),
    ("戦闘地域までは20㌔しかない。", "20㌔", 20, None, "km", "DISTANCE", False),
    ("3個分隊を送った。", "3個", 3, None, "個", "COUNT", False),  # 分隊 (squad) is counted, not 個分
    # slash fractions (NOTES-real6, NOTES-real12)
    ("軍事費は歳出全体の1/3を占めた。", "1/3", 1 / 3, None, None, "RATIO", False),
    ("すでに約1/4以上の兵を失った。", "約1/4以上", 0.25, None, None, "RATIO", True),
    ("損害は部隊全体の1/10にすぎない。", "1/10", 0.1, None, None, "RATIO", False),  # の before: a fraction of it
    ("側面装甲は前面の1/3と薄い。", "1/3", 1 / 3, None, None, "RATIO", False),
    # the traditional forms 萬 and 餘, and the ton in Meiji kanji (parts 96 and 104)
    ("歳入は2億4500萬ドルに落ちた。", "2億4500萬ドル", 245_000_000, None, "USD", "MONEY", False),
    ("兵3萬人を派遣した。", "3萬人", 30_000, None, "人", "PERSONNEL", False),
    ("排水量一萬五千餘噸の巡洋艦。", "一萬五千餘噸", 15_000, None, "t", "COUNT", True),
    ("補正額は2憶4,000万円だった。", "2憶4,000万円", 240_000_000, None, "JPY", "MONEY", False),  # 憶: an input slip for 億
    # the decibel of aircraft noise; the minus sign as a range's dash, kanji digits with ・ as the point
    ("騒音の最大値は九五−一〇〇・五デシベルだった。", "九五−一〇〇・五デシベル", 95, 100.5, "dB", "COUNT", False),
    ("基地周辺で85dBを記録した。", "85dB", 85, None, "dB", "COUNT", False),
    ("無人機3−5機が飛来した。", "3−5機", 3, 5, "機", "DRONE", False),
    ("最大速力39km/時で走る。", "39km/時", 39, None, "km/h", "COUNT", False),  # the hour written 時
    ("最大速度は30knotに達する。", "30knot", 30, None, "kn", "COUNT", False),
    # finance shorthand: a currency code or sign, the amount and a letter multiplier (NOTES-real12)
    ("軍事費にRUB13.5Tを計上した。", "RUB13.5T", 13_500_000_000_000, None, "RUB", "MONEY", False),
    ("契約は$2.4B規模だ。", "$2.4B", 2_400_000_000, None, "USD", "MONEY", False),
    ("支援はEUR 300Mとなった。", "EUR 300M", 300_000_000, None, "EUR", "MONEY", False),
    # the hryvnia and rouble signs as Ukrainian and Russian outlets' English copy writes them
    ("兵士には月₴500が支払われた。", "₴500", 500, None, "UAH", "MONEY", False),
    ("罰金は₽1.5 millionに上る。", "₽1.5 million", 1_500_000, None, "RUB", "MONEY", False),
    ("機は500ポンド爆弾を投下した。", "500ポンド", 500, None, "lb", "COUNT", False),
    ("約250キロの滑空爆弾を使う。", "約250キロ", 250, None, "kg", "COUNT", True),
    ("ドローンは2キロの小型爆弾を積む。", "2キロ", 2, None, "kg", "COUNT", False),  # a size word before the bomb
    ("同軍は90万人体制で構成される。", "90万人", 900000, None, "人", "PERSONNEL", False),  # 体制: a set-up of N
    ("砲弾を月間約2万4000発生産する。", "約2万4000発", 24000, None, "発", "COUNT", True),  # 発|生産, not 発生
    # a plain figure after "about" as a predicate; a figure quoted as an estimate
    ("失った車両と火砲は約3000に上る。", "約3000", 3000, None, None, "COUNT", True),
    ("予備役が200万と推定される。", "200万", 2000000, None, None, "PERSONNEL", False),
    # a loss tally of nouns with bare figures (two or more in the text)
    ("損失は人員1170、戦車4、装甲車7となった。", "4", 4, None, None, "VEHICLE", False),
    ("損失は人員1170、戦車4、装甲車7となった。", "1170", 1170, None, None, "CASUALTY", False),
    # a tally whose members a slash separates, a space between noun and figure (a wiki's infobox)
    ("損害:戦車 2,928/航空機 2,110/火砲 9,966", "2,928", 2928, None, None, "VEHICLE", False),
    ("損害:戦車 2,928/航空機 2,110/火砲 9,966", "2,110", 2110, None, None, "AIRCRAFT", False),
    # a tally with a colon after each label and the day's change in brackets after the figure
    ("損失\n・戦車：9,517（+4）\n・装甲車：19,782（+10）", "9,517", 9517, None, None, "VEHICLE", False),
    ("損失\n・戦車：9,517（+4）\n・装甲車：19,782 (+10)", "19,782", 19782, None, None, "VEHICLE", False),
    ("損失\n・無人機（作戦戦術レベル）：20,149（+62）\n・巡航ミサイル：2,931", "20,149", 20149, None, None, "DRONE",
     False),
    ("損失\n・無人機（作戦戦術レベル）：20,149（+62）\n・巡航ミサイル：2,931", "2,931", 2931, None, None, "MISSILE",
     False),
    # English: a participle or verb after the figure names the casualties
    ("The ministry admits 63 killed in the strike.", "63", 63, None, None, "CASUALTY", False),
    ("敵の6度にわたる攻勢を退けた。", "6度", 6, None, "度", "COUNT", False),  # times, not degrees
    ("72時間のうちに2度砲撃された。", "2度", 2, None, "度", "COUNT", False),  # times, before the event's verb
    ("基地から3度 スクランブルがかかった。", "3度", 3, None, "度", "COUNT", False),
    ("英国は5000万ポンドを拠出した。", "5000万ポンド", 50000000, None, "GBP", "MONEY", False),
    ("国土の約3割にあたる17万4000k㎡に地雷が残る。", "17万4000k㎡", 174000, None, "km²", "AREA", False),  # k + ㎡
    # echelons counted with 個 or its ヶ/ヵ spelling, kanji numerals included (NOTES-real57)
    ("義勇兵一ヶ連隊を送る。", "一ヶ", 1, None, "個", "COUNT", False),
    ("戦車一個大隊を全滅させた。", "一個", 1, None, "個", "COUNT", False),
    ("さらに3ヵ大隊を投入した。", "3ヵ", 3, None, "個", "COUNT", False),
    ("ソ連軍が三個戦車師団で攻めた。", "三個", 3, None, "個", "COUNT", False),  # the unit's type word first
    ("前線から約250キロの地点。", "約250キロ", 250, None, "km", "DISTANCE", True),
])
def test_real_reporting_units(nlp, text, span, value, value_max, unit, category, approx):
    got = found(nlp, text)
    assert span in got, f"{span!r} not among {list(got)}"
    q = got[span]
    assert (q["value"], q.get("value_max"), q.get("unit"), q["category"], q["approx"]) == \
        (value, value_max, unit, category, approx)


@pytest.mark.parametrize("text", ["トンネルを掘り進めた。", "集落の住民が避難した。", "2着陸地点が使えない。",
                                  "兵士と兵器が足りない。", "2分の3は誤記だ。", "10分の休憩をとった。",
                                  "4/16時点の集計だ。", "1/3に発表した。", "速報\n3/6、国境が閉じた。", "2/4の会合で決まった。", "Kh59/69が飛来した。", "1/2tトラックが走る。",
                                  "F-16Bが飛んだ。", "2022 年 2 月末のことだ。", "予算は3億 2024年度に組まれた。", "5th Brigadeが来た。", "波紋が広がった。",
                                  "一党独裁が続く。", "一市民として参加した。",
                                  "第3村の村長が語った。", "2基地内で訓練した。", "一組織として動く。",
                                  "5G通信が使える。", "3度目の攻撃だった。", "船体は5度傾いた。", "北緯38度線を越えた。", "船体が真っ二つに割れた。", "東洋一の航空基地だった。"])
def test_unit_near_misses(nlp, text):
    assert found(nlp, text) == {}


@pytest.mark.parametrize("text,spans", [
    ("戦車は前年の900両から40両減った。", ["900両", "40両"]),  # from 900, by 40: no range
    ("兵力は3000人から2000人に減った。", ["3000人", "2000人"]),
    ("負傷者は100人から200人に上る。", ["100人から200人"]),  # low to high: a range
])
def test_descending_from_is_no_range(nlp, text, spans):
    assert list(found(nlp, text)) == spans


@pytest.mark.parametrize("text,span,value,bound", [
    ("部隊は31の集落を奪還した。", "31", 31, "exact"),
    ("敵は2500以上の装備を失った。", "2500以上", 2500, "at_least"),
    ("監視団は12のグループが移動中だとみる。", "12", 12, "exact"),
    ("敵は約200のミサイルとドローンで攻撃した。", "約200", 200, "exact"),
    ("損失は兵士で20,800です。", "20,800", 20800, "exact"),  # a bare number as the predicate
    ("死者は1万2000に上る。", "1万2000", 12000, "exact"),
    ("購入予算は2億に満たない。", "2億に満たない", 200000000, "at_most"),
    ("攻撃には140の飛翔体が使われた。", "140", 140, "exact"),  # digits before の: any noun
    ("停電は30以上の自治体に及んだ。", "30以上", 30, "at_least"),
    ("約20万以上がポーランドへ向かった。", "約20万以上", 200000, "at_least"),  # a subject before a katakana word
])
def test_bare_number_before_a_counted_noun(nlp, text, span, value, bound):
    q = found(nlp, text)[span]
    assert (q["value"], q.get("unit"), q["bound"]) == (value, None, bound)


@pytest.mark.parametrize("text", ["背番号7の選手が走った。", "2026の目標を掲げた。", "ルート3の町へ向かった。",
                                  "順位は3です。", "開始は2024でした。", "F-16の訓練を受けた。", "PzH 2000の配備",
                                  "数十の要因がある。", "比率は1.5の水準だ。", "警戒レベル3の地域",
                                  "背番号10（+2）と打順4（+1）", "二ヶ月間の訓練", "一個人として"])
def test_bare_number_near_misses(nlp, text):
    assert found(nlp, text) == {}


@pytest.mark.parametrize("text,span,bound,approx", [
    ("少なくとも兵士30人が負傷した。", "30人", "at_least", False),  # bound word before the item
    ("被害は最大で全体の40%に及ぶ。", "40%", "at_most", False),
    ("少なくとも、2つの旅団が移った。", "2つ", "at_least", False),
    ("おおむね2個中隊が前進した。", "おおむね2個", "exact", True),
    ("兵士30人が負傷した。", "30人", "exact", False),
])
def test_separated_bounds_and_approx_prefix(nlp, text, span, bound, approx):
    q = found(nlp, text)[span]
    assert (q["bound"], q["approx"]) == (bound, approx)


@pytest.mark.parametrize("text,span,value,unit,category,approx,bound", [
    # qualifiers and forms decided by the real-text annotators (NOTES-real1, -real4, -real6, -real7)
    ("部隊は5キロ強後退した。", "5キロ強", 5, "km", "DISTANCE", True, "exact"),
    ("残った戦車はたった4つだった。", "たった4つ", 4, "つ", "COUNT", False, "exact"),
    ("多い日で攻撃は100回台に上る。", "100回台", 100, "回", "COUNT", True, "exact"),
    ("巡航ミサイルは時速900キロで飛ぶ。", "時速900キロ", 900, "km/h", "COUNT", False, "exact"),
    ("新型ミサイルはマッハ5を超える速度で飛ぶ。", "マッハ5を超える", 5, "Mach", "COUNT", False, "at_least"),
    ("速度はマッハ11(音速の11倍)を超えた。", "マッハ11", 11, "Mach", "COUNT", False, "at_least"),
    ("支援は300億ユーロ(約5兆円)を超える。", "300億ユーロ", 30000000000, "EUR", "MONEY", False, "at_least"),
    ("重さ約90キロの弾頭を積む。", "約90キロ", 90, "kg", "COUNT", True, "exact"),  # a weight (NOTES-real9)
    ("報酬は520万ルーブル(約800万円)以上だ。", "520万ルーブル", 5200000, "RUB", "MONEY", False, "at_least"),
    ("EUは10億€を拠出した。", "10億€", 1000000000, "EUR", "MONEY", False, "exact"),
    ("ミサイルは300㎞先に落ちた。", "300㎞", 300, "km", "DISTANCE", False, "exact"),
    ("射程は最大でも5キロだ。", "5キロ", 5, "km", "DISTANCE", False, "at_most"),
    ("沈んだ艦の乗組員510人が救助された。", "510人", 510, "人", "PERSONNEL", False, "exact"),
    ("戦車500輌を失った。", "500輌", 500, "輌", "VEHICLE", False, "exact"),  # the counter as written
    ("発射機15セットを供与した。", "15セット", 15, "セット", "COUNT", False, "exact"),
    ("北朝鮮は1度の発射で数発を撃った。", "1度", 1, "度", "COUNT", False, "exact"),  # a salvo, no temperature
    ("ゆうべも二度、ミサイルが落ちた。", "二度", 2, "度", "COUNT", False, "exact"),  # times, no temperature
    ("食品の配布を二度行いました。", "二度", 2, "度", "COUNT", False, "exact"),
    ("攻撃に用いた無人機3機種を調べた。", "3機種", 3, "機種", "COUNT", False, "exact"),  # 機 alone stops before 種
    ("弾薬は2種の口径にまとめられた。", "2種", 2, "種", "COUNT", False, "exact"),
    ("ガザ地区内の目標は500以上に上る。", "500以上", 500, None, "COUNT", False, "at_least"),  # a bound and a report
    ("2700以上にのぼる損失を出した。", "2700以上", 2700, None, "COUNT", False, "at_least"),
    ("そのうち4万は死傷した。", "4万", 40000, None, "CASUALTY", False, "exact"),
    ("さらに20万を動員した。", "20万", 200000, None, "PERSONNEL", False, "exact"),
    ("ドローン攻撃で41機のロシア空軍機が損傷した。", "41機", 41, "機", "AIRCRAFT", False, "exact"),
])
def test_annotator_forms(nlp, text, span, value, unit, category, approx, bound):
    q = found(nlp, text)[span]
    assert (q["value"], q.get("unit"), q["category"], q["approx"], q["bound"]) == (value, unit, category, approx, bound)


def test_magnitude_covers_both_ends_of_a_range(nlp):
    q = found(nlp, "兵士7〜8万人が動員された。")["7〜8万人"]  # NOTES-real9
    assert (q["value"], q["value_max"]) == (70000, 80000)
    q = found(nlp, "兵士1万〜2万人が動員された。")["1万〜2万人"]
    assert (q["value"], q["value_max"]) == (10000, 20000)


def test_box_drawing_dash_makes_a_range(nlp):
    q = found(nlp, "死者は1500万─3000万人に上った。")["1500万─3000万人"]  # NOTES-real10
    assert (q["value"], q["value_max"], q["bound"]) == (15000000, 30000000, "range")


def test_two_or_three_is_a_range_but_a_list_is_not(nlp):
    q = found(nlp, "攻撃で住民2、3人が軽傷を負った。")["2、3人"]
    assert (q["value"], q["value_max"], q["bound"]) == (2, 3, "range")
    assert list(found(nlp, "3人、5人が負傷し、10、20の村が焼けた。")) == ["3人", "5人", "20"]
    assert "7カ国" not in found(nlp, "先進7カ国は制裁を強化した。")


def test_the_yuan_after_a_figure(nlp):
    q = found(nlp, "国防支出は1兆9400億元（1元＝約23円）で前年より増えた。")
    assert q["1兆9400億元"]["unit"] == "CNY" and q["1兆9400億元"]["category"] == "MONEY" and "1元" in q
    assert found(nlp, "予算は100億台湾元だ。")["100億台湾元"]["unit"] == "TWD"  # the longer currency wins
    assert found(nlp, "二元論と一元化、令和元年") == {}


def test_a_space_before_the_qualifier_keeps_it(nlp):
    q = found(nlp, "どちらも排水量は4500t 前後で、")["4500t 前後"]
    assert (q["value"], q["approx"]) == (4500, True)
    assert found(nlp, "兵員1万人 以上が動員された。")["1万人 以上"]["bound"] == "at_least"
    assert "1万人" in found(nlp, "兵員1万人 程度差")  # 程度 glued to a kanji noun after it is a word of its own
    assert list(found(nlp, "兵員1万人 以上前")) == ["1万人"]


def test_vertical_newspaper_numerals(nlp):
    """Kanji prose of vertical newspapers: a thousands 、 between positional digits, ○ typed for 〇."""
    q = found(nlp, "家族ら三、七〇〇余人を乗せた。")["三、七〇〇余人"]
    assert (q["value"], q["approx"]) == (3700, True)
    assert found(nlp, "輸送艦(四、七三○トン)が沈んだ。")["四、七三○トン"]["value"] == 4730
    assert found(nlp, "死亡者は五○○余人に及んだ。")["五○○余人"]["value"] == 500
    assert list(found(nlp, "○○部隊の隊員")) == []  # a placeholder, no zero


def test_a_kanji_count_with_its_verb_before_a_noun(nlp):
    """千棟を超える建物: the noun after the verb does not make the counter the start of a compound."""
    assert found(nlp, "キーウでは千棟を超える建物で暖房が止まった。")["千棟を超える"]["bound"] == "at_least"


def test_a_bare_magnitude_ending_its_clause(nlp):
    q = found(nlp, "死者は5万〜7万だ。負傷者は約60万〜70万で、死者1人につき2人が負傷した。")["約60万〜70万"]
    assert (q["value"], q["value_max"], q["approx"]) == (600000, 700000, True)
    assert list(found(nlp, "番号は3で、")) == []  # no magnitude: no count


def test_a_kanji_range_counted_each_is_whole(nlp):
    q = found(nlp, "F16とF15が一−二機ずつで編隊を組んだ。")["一−二機"]
    assert (q["value"], q["value_max"]) == (1, 2)
    assert found(nlp, "一発ずつ詰める。") == {}  # one at a time: a manner


def test_two_or_three_in_kanji_is_a_range_with_its_magnitude(nlp):
    q = found(nlp, "敵は弾道ミサイルを二、三百発は持っている。")["二、三百発"]
    assert (q["value"], q["value_max"], q["bound"]) == (200, 300, "range")
    q = found(nlp, "無人機二、三機が上空を旋回した。")["二、三機"]
    assert (q["value"], q["value_max"]) == (2, 3)
    assert list(found(nlp, "無人機三、五機")) == ["五機"]  # not one apart: a list
    assert list(found(nlp, "二、三年前なら")) == []  # a time span, no count


@pytest.mark.parametrize("text,span", [
    ("偵察用ドローンを二機飛ばした。", "二機"),
    ("ロシア軍は戦車を五両失った。", "五両"),
    ("巡航ミサイル三発命中した。", "三発"),
])
def test_a_kanji_count_before_its_verb_is_a_count(nlp, text, span):
    assert span in found(nlp, text)


@pytest.mark.parametrize("text", ["一人乗りの偵察車両", "一人残らず避難した", "一発逆転を狙う"])
def test_a_kanji_count_inside_a_compound_is_no_count(nlp, text):
    assert found(nlp, text) == {}


def test_two_or_three_written_with_a_comma_is_a_range(nlp):
    q = found(nlp, "手元にも3,4つのスティンガーがあった。")["3,4つ"]
    assert (q["value"], q["value_max"], q["bound"]) == (3, 4, "range")
    assert found(nlp, "兵士1,500人が移動した。")["1,500人"]["value"] == 1500  # a thousands comma stays one
    assert list(found(nlp, "兵士1,2,3人")) == []  # not two figures one apart: no range


@pytest.mark.parametrize("text,span,casualty", [
    ("ロシア兵3万人が脱走あるいは戦死傷した。", "3万人", "killed_or_wounded"),
    ("兵士100人が死亡、ケガ、行方不明となった。", "100人", "killed_or_wounded"),
    ("兵士100人が戦死した。", "100人", "killed"),
])
def test_killed_or_wounded_words(nlp, text, span, casualty):
    q = found(nlp, text)[span]
    assert (q["category"], q["casualty"]) == ("CASUALTY", casualty)


@pytest.mark.parametrize("text,span,unit", [
    ("新型の哨戒艇は最高50ノットで走る。", "50ノット", "kn"),
    ("昨年は装甲車両3000ユニット以上を生産した。", "3000ユニット以上", "ユニット"),
])
def test_knots_and_equipment_units(nlp, text, span, unit):
    spans = found(nlp, text)
    assert span in spans and spans[span]["unit"] == unit and spans[span]["category"] == "COUNT"


def test_not_a_single_one_is_no_count(nlp):
    assert found(nlp, "敵の砲撃で損傷した艦艇は一隻たりともない。") == {}
    assert "2隻" in found(nlp, "敵の砲撃で2隻が損傷した。")


@pytest.mark.parametrize("text,span,bound", [
    ("輸出は昨年342トンを超えました。", "342トンを超え", "at_least"),  # polite forms are the same verbs, cut at the stem
    ("死者は2,500人を超えています。", "2,500人を超え", "at_least"),
    ("支援金は60万円を超える。", "60万円を超える", "at_least"),  # the dictionary form stays whole
    ("兵力は10万人を上回っています。", "10万人を上回っています", "at_least"),
    ("支配地域は州の3分の1を下回っています。", "3分の1を下回っています", "at_most"),  # a fraction takes its verb too
])
def test_verb_qualifiers_in_polite_form(nlp, text, span, bound):
    spans = found(nlp, text)
    assert span in spans and spans[span]["bound"] == bound


def test_a_line_break_before_the_qualifier(nlp):
    spans = found(nlp, "ヘリはロシアが1000機\n近く。")
    assert "1000機\n近く" in spans and spans["1000機\n近く"]["approx"] is True
    assert "5機" in found(nlp, "ロシアは5機\n近くの基地に")  # 近くの… is "near", not a qualifier


def test_banks_are_counted_only_after_banks(nlp):
    spans = found(nlp, "制裁対象はA銀行、B銀行、C銀行の3行。")
    assert spans["3行"]["unit"] == "行" and spans["3行"]["category"] == "COUNT"
    assert found(nlp, "記事の3行を削った。") == {}


def test_bodies_and_tsubo(nlp):
    spans = found(nlp, "陣地（約40〜60坪）の前に遺体が16〜30体ずつ積み重なった。")
    assert spans["約40〜60坪"]["unit"] == "坪" and spans["約40〜60坪"]["category"] == "AREA"
    assert spans["16〜30体"]["unit"] == "体"
    assert found(nlp, "新たな5体制で臨む。") == {}  # 体 counts bodies only after 遺体


def test_one_of_a_group_just_counted(nlp):
    spans = found(nlp, "市内で2弾の着弾が確認された。1弾は工場の前に落ち、もう1弾は倉庫に落ちた。")
    assert list(spans) == ["2弾"]  # "one of them", "the other one"
    # after うち the one is counted, as the rewritten development gold takes it (six of seven)
    assert list(found(nlp, "3機のうち1機を撃墜した。")) == ["3機", "1機"]
    assert list(found(nlp, "艦艇のうち1隻が攻撃を受けた。このうち1機はモスクワまで飛来した。")) == ["1隻", "1機"]
    # per one (1人当たり, as 1人あたり): the one is counted, in kanji numerals too; 一人一人 stays an idiom
    assert list(found(nlp, "国民1人当たりで見ると20万円だ。")) == ["1人", "20万円"]
    assert list(found(nlp, "セールスマン一人当たりの人件費を一人一人に聞く。")) == ["一人"]



def test_a_colloquial_quote_after_a_count(nlp):
    assert list(found(nlp, "死者が 70 万人って本当か。")) == ["70 万人"]  # って: "as many as"
    # what was left is a count (NOTES-real87, -88, the rewritten development gold)
    assert list(found(nlp, "5発を迎撃したが、残り1発の破片が落ちた。")) == ["5発", "1発"]
    assert "1隻" in found(nlp, "新型駆逐艦をもう1隻建造する。")  # one more: a count
    assert "1機" in found(nlp, "1機は撃墜された。")  # no group before it


def test_not_even_one_and_koe(nlp):
    assert list(found(nlp, "210発以上が発射されたが1発も撃墜できていない。")) == ["210発以上"]
    assert found(nlp, "後退する兵士は一人もいなかった。") == {}
    assert "1人" in found(nlp, "1人も負傷した。")  # も without a negation: a count
    spans = found(nlp, "支援は100億ユーロ超えとなった。")
    assert spans["100億ユーロ超え"]["bound"] == "at_least"


@pytest.mark.parametrize("text,span,category", [
    ("旅団は団員1600人のうち戦死者220人、戦傷者530人を出した。", "530人", "CASUALTY"),  # 戦傷者: wounded in action
    ("旅団は団員1600人のうち戦死者220人、戦傷者530人を出した。", "1600人", "PERSONNEL"),  # the whole before のうち
    ("一日あたりの人的損失数は1,570人だった。", "1,570人", "CASUALTY"),
    ("空爆で少なくとも5人がケガをしました。", "少なくとも5人", "CASUALTY"),  # ケガ in katakana
    ("ロシア軍の死傷者・行方不明者が、120万人に上る。", "120万人", "CASUALTY"),  # the casualties named first
    ("死傷者・行方不明者は120万人に上る。", "120万人", "CASUALTY"),
    # the missing are counted, neither killed nor wounded, even right after a casualty count
    ("同国側の死傷者は4万人超、行方不明者は約3万5千人とされる。", "約3万5千人", "COUNT"),
    ("同国側の死傷者は4万人超、行方不明者は約3万5千人とされる。", "4万人超", "CASUALTY"),
])
def test_casualty_words_of_daily_news(nlp, text, span, category):
    assert found(nlp, text)[span]["category"] == category


@pytest.mark.parametrize("text,span,category", [
    ("部隊は在韓米国人15万人を人質に取る訓練を受けた。", "15万人", "COUNT"),  # nationals, not troops
    ("攻撃でおよそ5万人が停電の被害にあった。", "およそ5万人", "COUNT"),  # people without power
    ("外国人兵士3000人が加わった。", "3000人", "PERSONNEL"),
    # evacuees, nationals abroad and reporters are civilians whatever military words stand near them
    ("韓国軍機が、退避を望んだ日本人51人を乗せた。", "51人", "COUNT"),
    ("自衛隊機で在留邦人215名が出国した。", "215名", "COUNT"),
    ("ロシア軍の占領地で記者2人が取材を続けた。", "2人", "COUNT"),
    # ... but Japanese who went to fight are volunteers, troops (no row for 日本人 itself)
    ("義勇兵として日本人約70人が名乗りを上げた。", "約70人", "PERSONNEL"),
    # a force's whole strength and the men mobilised or called up are troops
    ("航空機約30機、車両1500両、総勢約5400人という規模で行われた。", "約5400人", "PERSONNEL"),
    ("軍から45万─50万人の追加動員を求めた。", "45万─50万人", "PERSONNEL"),
])
def test_civilian_people_counts(nlp, text, span, category):
    assert found(nlp, text)[span]["category"] == category


def test_at_most_word_and_spaced_range(nlp):
    spans = found(nlp, "使えるのはせいぜい200両だ。戦車600 ~800両が失われた。")
    assert spans["せいぜい200両"]["bound"] == "at_most"
    assert spans["600 ~800両"]["value_max"] == 800


def test_about_to_pass_is_no_bound(nlp):
    spans = found(nlp, "戦車は100両を超えようとしている。")
    assert "100両" in spans and spans["100両"]["bound"] == "exact"  # not 100両を (a cut inside 超えよう)


def test_not_passing_sets_no_lower_bound(nlp):
    spans = found(nlp, "射程は500キロを超えない。")
    assert "500キロ" in spans and spans["500キロ"]["bound"] == "exact"  # not "at least 500 km"


@pytest.mark.parametrize("text,span,bound", [
    ("部隊は市まで5キロ以内に迫っている。", "5キロ", "at_most"),  # 以内 bounds but stays outside (NOTES-real22)
    ("敵は5キロ圏内に迫った。", "5キロ", "at_most"),
    ("射程は6マイル(約9.7キロ)以内だ。", "6マイル", "at_most"),
])
def test_within_stays_outside_the_span(nlp, text, span, bound):
    spans = found(nlp, text)
    assert span in spans and spans[span]["bound"] == bound


def test_approximation_after_an_aside(nlp):
    spans = found(nlp, "陣地は150〜200平方メートル（約40〜60坪）ほどだった。")
    assert spans["150〜200平方メートル"]["approx"] is True  # ほど after the bracketed conversion


@pytest.mark.parametrize("text,span,unit,category", [
    ("この自走砲は52口径の長い砲身を持つ。", "52口径", "口径", "COUNT"),  # barrel length in calibres
    ("機関銃用の50口径弾を送った。", "50口径", "口径", "COUNT"),  # a small-arms calibre
    ("120ミリ口径迫撃砲を供与した。", "120ミリ", "mm", "DISTANCE"),  # after ミリ the bore: ミリ matches first
])
def test_calibre_counter(nlp, text, span, unit, category):
    attrs = found(nlp, text)
    assert span in attrs and attrs[span]["unit"] == unit and attrs[span]["category"] == category


@pytest.mark.parametrize("text", [
    "ロシア軍は戦車4で前進した。",  # one noun with a bare figure is no tally
    "捕虜270\n人を交換した。",  # the counter on the next line belongs to the figure
])
def test_no_tally_without_a_list(nlp, text):
    assert not [s for s in found(nlp, text) if s.isdigit()]


@pytest.mark.parametrize("text,span,attrs", [
    ("戦闘で部隊はほぼ全滅し、ただ1人生き延びた。", "1人", {"value": 1}),  # 人生 is a life, 1人生き is not
    ("苦しい暮らしの500 を超える家族を支えた。", "500 を超える", {"bound": "at_least", "unit": None}),
    ("見つけた爆発物はこれまでに150を超え、多くが地雷だ。", "150を超え", {"bound": "at_least"}),
    ("非常用糧食約5万食を追加で提供する。", "約5万食", {"unit": "食", "value": 50000, "approx": True}),
    ("200 万食以上の食事を用意した。", "200 万食以上", {"unit": "食", "item": "食事", "bound": "at_least"}),
])
def test_counts_found_in_part_60(nlp, text, span, attrs):
    spans = found(nlp, text)
    assert span in spans and all(spans[span].get(k) == v for k, v in attrs.items())


@pytest.mark.parametrize("text,expected", [
    ("脅威はレベル3を超える段階にある。", set()),  # a level, not a count
    ("震度5を超える揺れが続いた。", set()),
    ("運用できる同型機としてはただ一つの存在だった。", set()),  # "unique", no count of things
    ("彼の人生を変えた。", set()),
    ("食料3トンと食品を運んだ。", {"3トン"}),  # 食料, 食品: not the meal counter
])
def test_no_count_in_part_60_idioms(nlp, text, expected):
    assert set(found(nlp, text)) == expected


@pytest.mark.parametrize("text,span,category", [
    # people the text names that are not troops: COUNT, though military words stand nearby (ANNOTATION.md:
    # "anything else counted, civilians included")
    ("ロシア軍の砲撃が続くなか、ICRCの職員11人と医師1人が現地にとどまった。", "11人", "COUNT"),
    ("ロシア軍の砲撃が続くなか、ICRCの職員11人と医師1人が現地にとどまった。", "1人", "COUNT"),
    # troops, nationalities and doers whose side the context tells keep the context's reading
    ("旅団は団員1600人を前線に送った。", "1600人", "PERSONNEL"),
    ("ロシア軍の攻撃で沈んだ巡洋艦の乗員のうち、救助者396人が確認された。", "396人", "PERSONNEL"),
])
def test_named_people_who_are_not_troops(nlp, text, span, category):
    assert found(nlp, text)[span]["category"] == category


@pytest.mark.parametrize("text,spans", [
    # a verb between two figures compares them; it bounds neither
    ("目標の500万ユーロを上回る600万ユーロが集まった。", {"500万ユーロ": "exact", "600万ユーロ": "exact"}),
    ("寄付は500万ユーロを上回る。", {"500万ユーロを上回る": "at_least"}),
    # a tally's "minus one": a count of one (no count of things is negative); a temperature keeps its sign
    ("東部方面でSu34がマイナス1機。", {"1機": "exact"}),
    ("気温はマイナス10度まで下がった。", {"マイナス10度": "exact"}),
    # 八戸, 三戸: towns, not dwellings; 十戸 and 3戸 are dwellings
    ("第2航空群(八戸)と三戸町。住宅3戸と十戸が壊れた。", {"3戸": "exact", "十戸": "exact"}),
])
def test_comparisons_tallies_and_towns(nlp, text, spans):
    assert {span: attrs["bound"] for span, attrs in found(nlp, text).items()} == spans


def test_percentage_points_after_a_rate(nlp):
    spans = found(nlp, "迎撃率は直近6カ月で1ポイント下がって82%だった。")
    assert spans["1ポイント"]["unit"] == "ポイント" and spans["1ポイント"]["category"] == "PERCENT"
    assert "3ポイント" not in found(nlp, "彼は3ポイントを決めた。")  # no rate written: a score, not a percentage
    assert "マイナス1機" not in found(nlp, "Su34がマイナス1機")


def test_alone_is_no_count(nlp):
    assert found(nlp, "彼は4月11日に一人で成田空港を発った。") == {}
    assert "一人" in found(nlp, "砲撃で一人が死亡した。")


@pytest.mark.parametrize("text,spans", [
    ("戦闘爆撃機をもう1機撃ち落とした。", ["1機"]),  # one more aircraft: a count
    ("もう一つの理由がある。", []),  # "another one": an idiom
    ("戦費は1日あたり2兆円から5兆円以上にもなる。", ["2兆円から5兆円以上"]),  # にもなる reports, it changes nothing
    ("終値は2,867円、+311円だった。", ["2,867円", "+311円"]),  # a share price's move keeps its sign
])
def test_one_more_ranges_and_signed_money(nlp, text, spans):
    assert list(found(nlp, text)) == spans


@pytest.mark.parametrize("text", [
    "危ないと感じた瞬間は一度もない。",  # 一度も: never
    "もう一度ウクライナに渡る。",
    "二度と戻らない。",
    "北緯38度、東経127度の地点。",  # latitude and longitude
    "角度は15度、射程は短い。",  # an angle
    "これは一種の兵器だ。",  # a kind of
    "第1種の免許。",
])
def test_times_and_kinds_that_are_no_count(nlp, text):
    assert not found(nlp, text)


def test_a_figure_set_from_one_to_another_is_no_range(nlp):
    assert list(found(nlp, "兵士の定員を132万人から150万人とし、18万人積み増す。")) == ["132万人", "150万人", "18万人"]


def test_a_votes_tally_counts_its_bare_figures(nlp):
    assert list(found(nlp, "国連総会は賛成141、反対5、棄権35で採択した。")) == ["141", "5", "35"]
    assert list(found(nlp, "決議は賛成多数で可決され、賛成141カ国だった。")) == ["141カ国"]


def test_a_word_ending_in_kazu_before_digits_is_no_vague_number(nlp):
    """軍人数31万人: 数 ends "the number of soldiers"; 数百人 stays vague."""
    assert list(found(nlp, "自衛隊の軍人数31万人、兵士数2万人。")) == ["31万人", "2万人"]
    q = found(nlp, "数百人が避難した。")["数百人"]
    assert (q["value"], q["approx"]) == (100, True)



def test_knots_and_nautical_miles_in_a_ship_specification(nlp):
    """速力27.46kt, 7,200浬: kt counts knots only after a speed word (it is also a nuclear yield's kilotonne)."""
    q = found(nlp, "速力(公試状態):27.46kt 航続力:16.0ktで7,200浬")
    assert [(k, v["unit"], v["category"]) for k, v in q.items()] == [
        ("27.46kt", "kn", "COUNT"), ("16.0kt", "kn", "COUNT"), ("7,200浬", "nmi", "DISTANCE")]
    assert "15kt" not in found(nlp, "威力15ktの爆弾")


@pytest.mark.parametrize("text,expected", [
    ("応募が総数15万通に達した。", ["15万通"]),  # letters and applications
    ("3通りの方法がある。", ["3通り"]),  # ways counted (part 97's gold: 止血の方法は3通り), not the letters' 通
    ("砲弾は1400m/秒で飛び出す。", ["1400m/秒"]),
    ("土台は100円ショップで買った。", []),  # a kind of shop, no sum
])
def test_letters_speeds_and_shops(nlp, text, expected):
    assert list(found(nlp, text)) == expected


def test_a_range_with_a_spaced_hyphen_and_countries_with_regions(nlp):
    q = found(nlp, "900 - 1,500人の人員を抱え、8カ国・地域の26社が関わる。")
    assert list(q) == ["900 - 1,500人", "8カ国・地域", "26社"]
    assert (q["900 - 1,500人"]["value"], q["900 - 1,500人"]["value_max"]) == (900, 1500)
    assert "2022 - 2023年" not in found(nlp, "2022 - 2023年に行われた。")


def test_newspaper_decimals_in_a_range_and_inches(nlp):
    """1・6〜2・5キロ, 4・2インチ: newspapers write the decimal point as ・; 1・2号機 stays two numbers."""
    q = found(nlp, "1・6〜2・5キロ先の標的を4・2インチ迫撃砲で狙う。")
    assert (q["1・6〜2・5キロ"]["value"], q["1・6〜2・5キロ"]["value_max"]) == (1.6, 2.5)
    assert q["4・2インチ"]["value"] == 4.2
    assert "1・2" not in found(nlp, "1・2号機が止まった。")


@pytest.mark.parametrize("text,span", [
    # "so many people's worth": the annotators leave 分 outside (NOTES-real45 30,000人分, -real68 53万人分), as after
    # 円 and 発 (4兆3000億円分, 11万470発分)
    ("残る53万人分は徴兵で埋める。", "53万人"),
    ("食料50人分が届いた。", "50人"),
    ("兵器4兆3000億円分を送った。", "4兆3000億円"),
    ("さらに戦車105両分を対象とする。", "105両"),  # Sudachi's 両分 is cut (token_splits)
])
def test_worth_of_stays_outside(nlp, text, span):
    assert list(found(nlp, text)) == [span]


@pytest.mark.parametrize("text,span", [
    # counters of ways, events, lines of a design, questions, pages, words and copies (counted in the rewritten gold)
    ("止血の方法は3通りで、", "3通り"),
    ("東京五輪の10種目に出場した。", "10種目"),
    ("T-72、T-80、T-90の3系統である。", "3系統"),
    ("戦車について10問を出題する。", "10問"),
    ("約240ページの誌面を割いた。", "約240ページ"),
    ("新訂版では約3万8千語に減った。", "約3万8千語"),
    ("発行部数は約3万部だという。", "約3万部"),
])
def test_counters_of_ways_pages_words_and_copies(nlp, text, span):
    assert list(found(nlp, text)) == [span]


@pytest.mark.parametrize("text", [
    "一通り説明した。",  # the adverb "roughly"
    "市の一部が停電した。",  # "a part of"
    "10問題を解いた。",  # 問題, not the counter
    "報告書(28頁)に記した。",  # a page cited, no count
])
def test_no_count_in_idioms_and_citations(nlp, text):
    assert list(found(nlp, text)) == []


@pytest.mark.parametrize("text,span", [
    ("奄美地区は敷地約30haに部隊を置く。", "約30ha"),  # the hectare's symbol
    ("Mk41VLS 80セルを備える。", "80セル"),  # launcher cells
    ("RSF は 70,000 ~ 150,000 人と見積もられる。", "70,000 ~ 150,000 人"),  # a tilde with spaces both sides
])
def test_hectares_cells_and_a_spaced_tilde(nlp, text, span):
    assert list(found(nlp, text)) == [span]


def test_no_cells_in_serbia(nlp):
    assert list(found(nlp, "3セルビア人が来た。")) == []


@pytest.mark.parametrize("text,span,bounds", [
    # a lower and an upper bound in a row are one range (the rewritten gold, 2 of 2)
    ("射程500キロ以上5500キロ未満のミサイル", "500キロ以上5500キロ未満", (500, 5500)),
    ("水温5度以上10度以下の海で", "5度以上10度以下", (5, 10)),
])
def test_a_lower_and_an_upper_bound_are_one_range(nlp, text, span, bounds):
    q = found(nlp, text)
    assert list(q) == [span] and (q[span]["value"], q[span]["value_max"], q[span]["bound"]) == (*bounds, "range")
    assert list(found(nlp, "兵士500人以上3人が")) == ["500人以上", "3人"]  # no upper bound after it: two counts


def test_the_dead_enshrined_at_a_memorial(nlp):
    """柱 counts the spirits of the dead (日露戦役:13柱): CASUALTY, killed; 柱状 is no count."""
    q = found(nlp, "忠魂碑: 日清戦役:5柱 日露戦役:13柱")
    assert list(q) == ["5柱", "13柱"] and (q["13柱"]["category"], q["13柱"].get("casualty")) == ("CASUALTY", "killed")
    assert list(found(nlp, "3柱状の岩")) == []


def test_rooms_and_a_pound_weight_written_as_it_sounds(nlp):
    assert found(nlp, "簡易型のシャワー30室で対応した。")["30室"]["unit"] == "室"
    assert found(nlp, "パン1500パウンドを運んだ。")["1500パウンド"]["unit"] == "lb"
    assert "3室" not in found(nlp, "第3室長が語った。")


@pytest.mark.parametrize("text,span,value,unit", [
    # a count of units written without 個: one digit, nothing glued before it
    ("改革で4師団を旅団に縮める。", "4師団", 4, "師団"),
    ("全国で9師団6旅団の体制になる。", "6旅団", 6, "旅団"),
    ("ロシア軍1中隊ごとに北朝鮮軍1小隊が付く。", "1小隊", 1, "小隊"),
    ("その国は5連隊分の防空システムを買う。", "5連隊", 5, "連隊"),
])
def test_a_count_of_units_without_ko(nlp, text, span, value, unit):
    got = found(nlp, text)
    assert got[span]["value"] == value and got[span]["unit"] == unit and got[span]["category"] == "COUNT"


@pytest.mark.parametrize("text", [
    "米32師団が峠で迎え撃った。",      # a unit's own number: more than one digit
    "第3師団が前進した。",             # an ordinal
    "東京麻布3連隊が奮戦した。",        # a place's name glued before: the regiment's name
    "3師団副師団長が講演した。",        # the echelon before a post names the unit
    "K2大隊の兵士が語った。",           # a letter before the number: a name
])
def test_a_unit_number_is_no_count_of_units(nlp, text):
    assert not [s for s in found(nlp, text) if s.endswith(("師団", "連隊", "大隊"))]
