"""QUANTITY finding and classification (components.quantity_rules, quantity_context): pure, no spaCy.

Every sentence here is written for the tests; none comes from the dev data.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from components.quantity_context import CategoryRules, infer
from components.quantity_rules import compile_patterns, find_quantities, load_units

DATA = Path(__file__).resolve().parents[2] / "components" / "data"


@pytest.fixture(scope="module")
def tables():
    with (DATA / "quantity_units.tsv").open(encoding="utf-8") as f:
        units = load_units(f)
    with (DATA / "quantity_categories.tsv").open(encoding="utf-8") as f:
        rules = CategoryRules.from_lines(f)
    return units, compile_patterns(units), rules


def annotate(text, tables):
    """Every hit as a dict of the record attributes, in text order."""
    units, patterns, rules = tables
    done, out = [], []
    for hit in find_quantities(text, units, patterns):
        inference = infer(text, hit, rules, done)
        done.append((hit, inference))
        out.append({"text": text[hit.start:hit.end], "value": hit.value, "value_max": hit.value_max,
                    "unit": hit.unit, "category": inference.category, "casualty": inference.casualty,
                    "item": inference.item, "approx": hit.approx, "bound": hit.bound})
    return out


# (sentence, span text, value, value_max, unit, category, approx, bound)
POSITIVE = [
    ("ロシア軍は夜間に無人機120機を発射した。", "120機", 120, None, "機", "DRONE", False, "exact"),
    ("迎撃されたのはドローン８５機だった。", "８５機", 85, None, "機", "DRONE", False, "exact"),
    ("巡航ミサイル7発が発射された。", "7発", 7, None, "発", "MISSILE", False, "exact"),
    ("弾道ミサイル3弾が首都に向かった。", "3弾", 3, None, "弾", "MISSILE", False, "exact"),
    ("空軍は6点の敵ミサイルを撃墜した。", "6点", 6, None, "点", "MISSILE", False, "exact"),
    ("同国は戦闘機二十機を追加で発注した。", "二十機", 20, None, "機", "AIRCRAFT", False, "exact"),
    ("約40機の爆撃機が飛び立った。", "約40機", 40, None, "機", "AIRCRAFT", True, "exact"),
    ("ヘリコプター2機が着陸した。", "2機", 2, None, "機", "AIRCRAFT", False, "exact"),
    ("装甲車12両が破壊された。", "12両", 12, None, "両", "VEHICLE", False, "exact"),
    ("戦車30台以上が失われた。", "30台以上", 30, None, "台", "VEHICLE", False, "at_least"),
    ("数百両の車両が集結している。", "数百両", 100, None, "両", "VEHICLE", True, "exact"),
    ("北朝鮮兵士1万2000人が派遣された。", "1万2000人", 12000, None, "人", "PERSONNEL", False, "exact"),
    ("ウクライナ軍は捕虜150名を交換した。", "150名", 150, None, "名", "PERSONNEL", False, "exact"),
    ("前線に兵力5万人を投入した。", "5万人", 50000, None, "人", "PERSONNEL", False, "exact"),
    ("数千人の兵士が包囲されている。", "数千人", 1000, None, "人", "PERSONNEL", True, "exact"),
    ("17万のロシア部隊が集結した。", "17万", 170000, None, None, "PERSONNEL", False, "exact"),
    ("空爆で死者8人が確認された。", "8人", 8, None, "人", "CASUALTY", False, "exact"),
    ("攻撃による負傷者は32名に上る。", "32名", 32, None, "名", "CASUALTY", False, "exact"),
    ("負傷者20名(うち4名が重体)", "4名", 4, None, "名", "CASUALTY", False, "exact"),
    ("敵の死傷者は約90万人に達した。", "約90万人", 900000, None, "人", "CASUALTY", True, "exact"),
    ("同旅団はロシア兵15名を排除した。", "15名", 15, None, "名", "CASUALTY", False, "exact"),
    ("突撃してきた40人の敵兵を殲滅した。", "40人", 40, None, "人", "CASUALTY", False, "exact"),
    ("戦闘で約500人の兵士が死亡した。", "約500人", 500, None, "人", "CASUALTY", True, "exact"),
    ("2,300名以上の死傷者が出た。", "2,300名以上", 2300, None, "名", "CASUALTY", False, "at_least"),
    ("占領軍は300人の市民殺害に関与した。", "300人", 300, None, "人", "CASUALTY", False, "exact"),
    ("住民800人が避難した。", "800人", 800, None, "人", "COUNT", False, "exact"),
    ("市民3人が救助された。", "3人", 3, None, "人", "COUNT", False, "exact"),
    ("140〜150人が式典に参加した。", "140〜150人", 140, 150, "人", "COUNT", False, "range"),
    ("兵士140〜150人が前線に向かった。", "140〜150人", 140, 150, "人", "PERSONNEL", False, "range"),
    ("囮ドローンが10~15機ほど飛来した。", "10~15機ほど", 10, 15, "機", "DRONE", True, "range"),
    ("兵力は1万5000~1万9000人と推定される部隊", "1万5000~1万9000人", 15000, 19000, "人", "PERSONNEL", False, "range"),
    ("最大200機のドローンが投入された。", "最大200機", 200, None, "機", "DRONE", False, "at_most"),
    ("少なくとも12名の兵士が捕らえられた。", "少なくとも12名", 12, None, "名", "PERSONNEL", False, "at_least"),
    ("わずか3台の戦車で反撃した。", "わずか3台", 3, None, "台", "VEHICLE", False, "exact"),
    ("およそ70両の車両", "およそ70両", 70, None, "両", "VEHICLE", True, "exact"),
    ("100人超の兵士が投降した。", "100人超", 100, None, "人", "PERSONNEL", False, "at_least"),
    ("50人未満の部隊", "50人未満", 50, None, "人", "PERSONNEL", False, "at_most"),
    # a pound figure converted in brackets: both weights, not money and a distance
    ("9ポンド(約4キロ)の荷を抱えた。", "9ポンド", 9, None, "lb", "COUNT", False, "exact"),
    ("9ポンド(約4キロ)の荷を抱えた。", "約4キロ", 4, None, "kg", "COUNT", True, "exact"),
    ("5ポンド(約900円)だった。", "5ポンド", 5, None, "GBP", "MONEY", False, "exact"),
    ("兵士300人余りが撤退した。", "300人余り", 300, None, "人", "PERSONNEL", True, "exact"),
    ("兵士200人程度が残っている。", "200人程度", 200, None, "人", "PERSONNEL", True, "exact"),
    ("兵士1000人前後が駐留する。", "1000人前後", 1000, None, "人", "PERSONNEL", True, "exact"),
    ("戦車100両近くを失った。", "100両近く", 100, None, "両", "VEHICLE", True, "exact"),
    ("敵部隊十数人が潜入した。", "十数人", 10, None, "人", "PERSONNEL", True, "exact"),
    ("州都から北へ約35キロの地点", "約35キロ", 35, None, "km", "DISTANCE", True, "exact"),
    ("前線から15kmの村", "15km", 15, None, "km", "DISTANCE", False, "exact"),
    ("国境まで600キロメートルある。", "600キロメートル", 600, None, "km", "DISTANCE", False, "exact"),
    ("射程は最大300マイルとされる。", "最大300マイル", 300, None, "mile", "DISTANCE", False, "at_most"),
    ("積雪は10cmほどだった。", "10cmほど", 10, None, "cm", "DISTANCE", True, "exact"),
    ("橋の長さは800メートル以上ある。", "800メートル以上", 800, None, "m", "DISTANCE", False, "at_least"),
    ("支配地域は約1200平方キロに広がった。", "約1200平方キロ", 1200, None, "km²", "AREA", True, "exact"),
    ("面積は45平方キロメートルだ。", "45平方キロメートル", 45, None, "km²", "AREA", False, "exact"),
    ("an area of 30 km² around", "30 km²", 30, None, "km²", "AREA", False, "exact"),
    ("市街地の75%を制圧した。", "75%", 75, None, "%", "PERCENT", False, "exact"),
    ("輸出は約３０％減った。", "約３０％", 30, None, "%", "PERCENT", True, "exact"),
    ("支持率は42パーセントに落ちた。", "42パーセント", 42, None, "%", "PERCENT", False, "exact"),
    ("町の7割が破壊された。", "7割", 7, None, "割", "PERCENT", False, "exact"),
    ("敵は5倍の兵力を持つ。", "5倍", 5, None, "倍", "RATIO", False, "exact"),
    ("月給は約25万ルーブルだ。", "約25万ルーブル", 250000, None, "RUB", "MONEY", True, "exact"),
    ("支援額は5000万ドルに上る。", "5000万ドル", 50_000_000, None, "USD", "MONEY", False, "exact"),
    ("費用は約12万3,500円だった。", "約12万3,500円", 123500, None, "JPY", "MONEY", True, "exact"),
    ("EUは20億ユーロを拠出した。", "20億ユーロ", 2_000_000_000, None, "EUR", "MONEY", False, "exact"),
    ("a salary of about 150,000 rubles a month", "about 150,000 rubles", 150000, None, "RUB", "MONEY", True, "exact"),
    ("worth $3,100 each", "$3,100", 3100, None, "USD", "MONEY", False, "exact"),
    ("a package of $1.2 billion", "$1.2 billion", 1_200_000_000, None, "USD", "MONEY", False, "exact"),
    ("日量50万バレルの製油所", "日量50万バレル", 500000, None, "bbl/d", "VOLUME", False, "exact"),
    ("精製能力は30万バレル/日だ。", "30万バレル/日", 300000, None, "bbl/d", "VOLUME", False, "exact"),
    ("気温はマイナス15度まで下がった。", "マイナス15度", -15, None, "°C", "TEMPERATURE", False, "exact"),
    ("最高気温は35度程度になる。", "35度程度", 35, None, "°C", "TEMPERATURE", True, "exact"),
    ("夜は-8℃まで冷え込む。", "-8℃", -8, None, "°C", "TEMPERATURE", False, "exact"),
    ("成長率の見通しを-3.5%に下げた。", "-3.5%", -3.5, None, "%", "PERCENT", False, "exact"),  # a signed rate
    ("前年比+1.8%だった。", "+1.8%", 1.8, None, "%", "PERCENT", False, "exact"),
    ("3つの村が解放された。", "3つ", 3, None, "つ", "COUNT", False, "exact"),
    ("集合住宅5棟が損壊した。", "5棟", 5, None, "棟", "COUNT", False, "exact"),
    ("エネルギー施設12か所が攻撃された。", "12か所", 12, None, "か所", "COUNT", False, "exact"),
    ("エネルギー施設7カ所が被弾した。", "7カ所", 7, None, "か所", "COUNT", False, "exact"),
    ("30ヶ国が参加した。", "30ヶ国", 30, None, "か国", "COUNT", False, "exact"),
    ("写真25枚が公開された。", "25枚", 25, None, "枚", "COUNT", False, "exact"),
    ("2頭のクマが目撃された。", "2頭", 2, None, "頭", "COUNT", False, "exact"),
    ("製油所は40回以上攻撃された。", "40回以上", 40, None, "回", "COUNT", False, "at_least"),
    ("砲弾500個を押収した。", "500個", 500, None, "個", "COUNT", False, "exact"),
    ("無人機三十機を撃墜した。", "三十機", 30, None, "機", "DRONE", False, "exact"),
    ("ATACMS10発が発射された。", "10発", 10, None, "発", "MISSILE", False, "exact"),
    ("ＡＴＡＣＭＳ１０発が発射された。", "１０発", 10, None, "発", "MISSILE", False, "exact"),  # full-width, as newspapers
    ("防衛予算は9兆円を突破した。", "9兆円を突破", 9 * 10 ** 12, None, "JPY", "MONEY", False, "at_least"),  # "passed"
    ("避難した人は800万人突破と伝えた。", "800万人突破", 8000000, None, "人", "COUNT", False, "at_least"),
    ("独は百数十両を送った。", "百数十両", 110, None, "両", "VEHICLE", True, "exact"),  # some tens after a hundred
    ("砲弾を年に3万数千発つくる。", "3万数千発", 31000, None, "発", "COUNT", True, "exact"),
    ("戦車40両前後を失った。", "40両前後", 40, None, "両", "VEHICLE", True, "exact"),
    ("攻撃で約150人の損害を与えた。", "約150人", 150, None, "人", "CASUALTY", True, "exact"),
    ("避難民は1万人強に上る。", "1万人強", 10000, None, "人", "COUNT", True, "exact"),
    ("兵士3000人余が撤退した。", "3000人余", 3000, None, "人", "PERSONNEL", True, "exact"),
    ("兵士300余人が撤退した。", "300余人", 300, None, "人", "PERSONNEL", True, "exact"),
    ("100機以上ものドローンが飛来した。", "100機以上", 100, None, "機", "DRONE", False, "at_least"),
    ("死者数は120人に達した。", "120人", 120, None, "人", "CASUALTY", False, "exact"),
    ("最低でも50人の兵士が必要だ。", "最低でも50人", 50, None, "人", "PERSONNEL", False, "at_least"),
    ("数千のドローンを生産した。", "数千", 1000, None, None, "DRONE", True, "exact"),
    ("at least 12 people were killed", "at least 12", 12, None, None, "CASUALTY", False, "at_least"),
    ("Russia launched 300 drones overnight", "300", 300, None, None, "DRONE", False, "exact"),
    ("a €2bn package", "€2bn", 2_000_000_000, None, "EUR", "MONEY", False, "exact"),
    ("1.2 million barrels per day", "1.2 million barrels per day", 1_200_000, None, "bbl/d", "VOLUME", False, "exact"),
    ("１５００ｋｍ離れた基地", "１５００ｋｍ", 1500, None, "km", "DISTANCE", False, "exact"),
    ("数万の兵力を集結させた。", "数万", 10000, None, None, "PERSONNEL", True, "exact"),
    ("1,500 Russians were taken prisoner", "1,500", 1500, None, None, "PERSONNEL", False, "exact"),
    ("some 2,000 troops crossed", "some 2,000", 2000, None, None, "PERSONNEL", True, "exact"),
    # written for the held-out check: Arabic 10 before 数, a qualifier after a Latin amount, 日量 before 約
    ("前線から10数kmしか離れていない。", "10数km", 10, None, "km", "DISTANCE", True, "exact"),
    ("コストは平均$2,500以下だ。", "$2,500以下", 2500, None, "USD", "MONEY", False, "at_most"),
    ("輸出は日量約350万バレルに減った。", "日量約350万バレル", 3_500_000, None, "bbl/d", "VOLUME", True, "exact"),
    ("敵は3方向から攻撃してきた。", "3方向", 3, None, "方向", "COUNT", False, "exact"),
    ("4州の併合を宣言した。", "4州", 4, None, "州", "COUNT", False, "exact"),
    ("一つの旅団が残った。", "一つ", 1, None, "つ", "COUNT", False, "exact"),  # a concrete noun: a count
    ("EUは€50 billionの基金を用意した。", "€50 billion", 50_000_000_000, None, "EUR", "MONEY", False, "exact"),
    ("同日、$300 million相当の支援を発表した。", "$300 million", 300_000_000, None, "USD", "MONEY", False, "exact"),
    # a currency amount ends at the amount, not at the words after it
    ("The package includes $400 million in weapons.", "$400 million", 400_000_000, None, "USD", "MONEY", False,
     "exact"),
    # a page that spaces every part of a number (22 万 3800 発); 3億 2022年 stays apart (NEGATIVE below)
    ("砲弾 22 万 3800 発を撃ち込んだ。", "22 万 3800 発", 223_800, None, "発", "COUNT", False, "exact"),
    # a spaced thousand (約 1 千平方キロ), the scale written before a temperature, a loss tally's two-way counter
    ("ロシア領の約 1 千平方キロを支配した。", "約 1 千平方キロ", 1000, None, "km²", "AREA", True, "exact"),
    ("気温は摂氏0度まで下がった。", "摂氏0度", 0, None, "°C", "TEMPERATURE", False, "exact"),
    ("多連装ロケット875門/両、ドローン5593機", "875門/両", 875, None, "門/両", "VEHICLE", False, "exact"),
    ("キットは¥7,000を超える値段だ。", "¥7,000を超える", 7000, None, "JPY", "MONEY", False, "at_least"),
    ("全備重量は二七・八トンだ。", "二七・八トン", 27.8, None, "t", "COUNT", False, "exact"),  # kanji digits, ・ decimal
    ("幅16・4㍍の艦だ。", "16・4㍍", 16.4, None, "m", "DISTANCE", False, "exact"),  # ・ decimal before a squared unit
    ("兵力は≈5,000人とされる。", "≈5,000人", 5000, None, "人", "PERSONNEL", True, "exact"),  # ≈ as 約
    ("巡航速度は毎時約130キロだ。", "毎時約130キロ", 130, None, "km/h", "COUNT", True, "exact"),  # 毎時 as 時速
    # a ship's deadweight tonnes; pairs of footwear; 度 as "times" before にわたって
    ("パナマ船籍の8万重量トン級バルカー", "8万重量トン", 80_000, None, "t", "COUNT", False, "exact"),
    ("カイロ10,000足を届けた。", "10,000足", 10_000, None, "足", "COUNT", False, "exact"),
    ("先週2度にわたって攻撃があった。", "2度", 2, None, "度", "COUNT", False, "exact"),
    # a decimal in kanji, as Diet answers write it; 第二・三大隊 and 三・一一 stay no decimal (NEGATIVE)
    ("予算として約十一・八億円を計上した。", "約十一・八億円", 1_180_000_000, None, "JPY", "MONEY", True, "exact"),
    # sanctions lists count individuals and organisations
    ("関係者(9個人・8団体)を対象に追加した。", "9個人", 9, None, "個人", "COUNT", False, "exact"),
    ("関係者(9個人・8団体)を対象に追加した。", "8団体", 8, None, "団体", "COUNT", False, "exact"),
    # the people of a body of troops are troops; of a rescue team, civilians
    ("偵察隊20人が渡河した。", "20人", 20, None, "人", "PERSONNEL", False, "exact"),
    ("救助隊20人が現地に入った。", "20人", 20, None, "人", "COUNT", False, "exact"),
    # thousands spaced apart, as machine translations from European languages write them
    ("兵員1\u00a0000人を追加で派遣した。", "1\u00a0000人", 1000, None, "人", "PERSONNEL", False, "exact"),
    ("砲弾約12 500発を受け取った。", "約12 500発", 12500, None, "発", "COUNT", True, "exact"),
    ("支援は1\u2009000\u2009000ドルに上る。", "1\u2009000\u2009000ドル", 1_000_000, None, "USD", "MONEY", False, "exact"),
    ("BM-21 100発を撃ち込んだ。", "100発", 100, None, "発", "COUNT", False, "exact"),  # a designation's digits stay out
]


@pytest.mark.parametrize("text,span,value,value_max,unit,category,approx,bound", POSITIVE)
def test_quantity_forms(tables, text, span, value, value_max, unit, category, approx, bound):
    found = {q["text"]: q for q in annotate(text, tables)}
    assert span in found, f"{span!r} not among {list(found)}"
    q = found[span]
    assert (q["value"], q["value_max"], q["unit"], q["category"], q["approx"], q["bound"]) == \
        (value, value_max, unit, category, approx, bound)


@pytest.mark.parametrize(
    "text,casualty",
    [
        ("空爆で死者8人が確認された。", "killed"),
        ("負傷者は32名に上る。", "wounded"),
        ("死傷者は約90万人に達した。", "killed_or_wounded"),
        ("ロシア兵15名を排除した。", "killed"),
        ("約500人の兵士が死亡した。", "killed"),
        ("砲撃で12人が負傷した。", "wounded"),
        ("戦死者600人と発表した。", "killed"),
    ],
)
def test_casualty_type(tables, text, casualty):
    (q,) = annotate(text, tables)
    assert q["category"] == "CASUALTY" and q["casualty"] == casualty


@pytest.mark.parametrize(
    "text,item",
    [
        ("無人機458機を撃墜した。", "無人機"),
        ("ロシア兵3名が投降した。", "ロシア兵"),
        ("1,200名以上の死傷者", "死傷者"),
        ("3匹のキツネが遊んでいた。", "キツネ"),
        # an estimate word before the figure is no item: the noun after の is (NOTES-real10)
        ("敵は推定1万人の人的損失を出した。", "人的損失"),
    ],
)
def test_item(tables, text, item):
    assert annotate(text, tables)[0]["item"] == item


NEGATIVE = [
    "三・一一の震災から十年。",
    "1万足らずの兵力で守った。",  # 足らず: "fewer than", no pairs of shoes
    "予算は3億 2022年度に執行された。",  # a spaced magnitude does not reach a year
    "私は一個人としてこの問題を考える。",  # "as an individual": 個人 counts only after Arabic digits
    "2025年11月8日に発表した。",
    "11月に攻勢が始まった。",
    "午前10時30分に警報が出た。",
    "作戦は2カ月続いた。",
    "侵攻から1年9カ月が経った。",
    "戦争は3年10ヶ月目に入った。",
    "数週間以内に公開される。",
    "数日後に撤退した。",
    "41歳の男性が逮捕された。",
    "被告(27)は起訴された。",
    "13歳の少女が負傷した。",
    "第7旅団が前進した。",
    "建物の2階から6階が崩れた。",
    "一つ目の問題は補給だ。",
    "3人目の犠牲者が見つかった。",
    "自動小銃AK-47で数発撃った。",
    "KN23が発射された。",
    "対空ミサイル「AIM9M」と「AIM9X」を供与した。",  # the letter after the number is the model, not metres
    "T-72の改良型だ。",
    "Su-34が撃墜された。",
    "F-16の供与が決まった。",
    "S-400の部隊",
    "R-360 Neptune missiles",
    "これは方法の一つだ。",
    "もう一つの問題がある。",
    "これを一つのきっかけにしたい。",  # "a chance": 一つの before an abstract noun is no count
    "1つの要因として挙げられる。",
    "「九州」の比率が伸びた。",  # a place name, not nine oblasts: 州 counts after Arabic digits only
    "世界最大の軍隊の一つを解体する。",
    "一部の兵士が逃亡した。",
    "一時的に停戦した。",
    "一方、ロシアは反発した。",
    "一度に攻撃した。",
    "同一の部隊だ。",
    "唯一の補給路だ。",
    "万一の場合に備える。",
    "十分な弾薬がない。",
    "一人一人が責任を負う。",
    "複数の段階がある。",
    "膨大な数のロシア兵",
    "わずか数平方メートルの範囲",
    "2021~25年の間に後退した。",
    "1991-2025年の歴史",
    "November 10: troops advanced",
    "a veteran 41-year-old soldier",
    "数十の鉄道車両が止まった。",
    "二人三脚で進める。",
    "一発逆転を狙う。",
    "百人一首を覚えた。",
    "一枚岩ではない。",
    "八割方終わった。",
    "一人っ子政策",
    "一両日中に回答する。",
    "1回目の交渉",
    "第4回会合が開かれた。",
    "気温ではなく一度に攻撃した回数だ。",
    "北緯50度の地点",
    "震度6の地震",
    "数百の兵士が残った。",
    "ドネツク州北部の3州都市と第4州。",
    "反撃の方向性が定まった。",
    "ミサイル数発が着弾した。",
    "余地がある。",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_a_quantity(tables, text):
    assert annotate(text, tables) == []


@pytest.mark.parametrize("text,expected", [
    # の before one ship is "one of" the group (part 93's development gold, two of two)...
    ("ロシアの「影の船団」の一隻とされる。", []),
    ("最新鋭の哨戒艦の一隻で、小ぶりだ。", []),
    # ...but "another" or "the first" ship is one more counted (rw87), and a ship counted after its noun a count
    ("ロシア船1隻を破壊、別の1隻に損傷を与えた。", ["1隻", "1隻"]),
    ("駆逐艦1隻が沈んだ。", ["1隻"]),
])
def test_one_ship_of_a_group(tables, text, expected):
    assert [q["text"] for q in annotate(text, tables)] == expected


def test_offsets_and_order(tables):
    text = "無人機406機・ミサイル9弾のうち、26弾と52機が着弾した。"
    found = annotate(text, tables)
    assert [q["text"] for q in found] == ["406機", "9弾", "26弾", "52機"]
    assert [q["category"] for q in found] == ["DRONE", "MISSILE", "MISSILE", "DRONE"]


def test_unit_table_rows_have_sources():
    for line in (DATA / "quantity_units.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            assert len(line.split("\t")) == 6 and line.split("\t")[5].strip()
    for line in (DATA / "quantity_categories.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            assert len(line.split("\t")) == 6 and line.split("\t")[5].strip()


ALPHABET = "0123456789０１２３一二三十百千万数約以上人名機両km%の、。-~〜第目年月日ドル度マイナス気温 aboutrubles$"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_any_text_gives_sorted_disjoint_hits(tables, text):
    units, patterns, rules = tables
    hits = find_quantities(text, units, patterns)
    ends = -1
    for hit in hits:
        assert 0 <= hit.start < hit.end <= len(text)
        assert hit.start >= ends
        ends = hit.end
        assert hit.bound in ("exact", "at_least", "at_most", "range")
        assert infer(text, hit, rules).category


@pytest.mark.parametrize("text", ["1" * 5000 + "x", "1," * 3000, "一" * 5000 + "x", "1万" * 3000 + "x", "$" + "9" * 5000])
def test_long_numerals_stay_linear(tables, text):
    import time

    units, patterns, _ = tables
    start = time.perf_counter()
    find_quantities(text, units, patterns)
    assert time.perf_counter() - start < 1.0


# --- Context rules for categories (sentences written for these tests) ---

@pytest.mark.parametrize(
    "text,span,category,casualty",
    [
        # a killing or wounding word after the number, not adjacent to it
        ("救出された隊員のうち、4名は重傷を負っていた。", "4名", "CASUALTY", "wounded"),
        # 亡くなる and 命を失う are killing verbs (NOTES-real11)
        ("開戦から3週間で2000~6000人の兵士が亡くなっていた。", "2000~6000人", "CASUALTY", "killed"),
        # people who cross a border are civilians, even after a mobilisation word (NOTES-real14)
        ("動員の発表以来、約9万人のロシア人が入国した。", "約9万人", "COUNT", None),
        ("前線で兵士40人が命を失った。", "40人", "CASUALTY", "killed"),
        ("分隊の兵士のうち、2人は軽傷で済んだ。", "2人", "CASUALTY", "wounded"),
        # a relative clause of killing or losing on the topic before the number
        ("戦死が確認された北朝鮮兵は、集計で約800人に達した。", "約800人", "CASUALTY", "killed"),
        ("前線で失った兵員は週平均で約900人とされる。", "約900人", "CASUALTY", "killed_or_wounded"),
        # "lost" makes civilians no casualties: they lost homes, not lives
        ("家を失った住民は少なくとも300人に上る。", "少なくとも300人", "COUNT", None),
        ("市民300人が住まいを失った。", "300人", "COUNT", None),
        # civilians: a civilian word nearer than any military one; 侵攻前/侵攻以降 are dates
        ("全面侵攻以降、多い夜には2万人以上が地下に避難した。", "2万人以上", "COUNT", None),
        ("町の人口は侵攻前の約5万人から数千人に減った。", "約5万人", "COUNT", None),
        ("町の人口は侵攻前の約5万人から数千人に減った。", "数千人", "COUNT", None),
        # troops: formation and military-service words
        ("第3強襲旅団では、訓練中に約400人が脱走した。", "約400人", "PERSONNEL", None),
        # drones or missiles named in the sentence before the count
        ("偵察用のオルラン無人機が目撃された。翌朝にはさらに12機が飛来した。", "12機", "DRONE", None),
        ("トルコ製の無人機を導入した。空軍は当初、約30機を配備していた。", "約30機", "DRONE", None),
        ("戦闘機の編隊が出撃した。空軍によると12機が基地に戻った。", "12機", "AIRCRAFT", None),
        ("新型の巡航ミサイルが公開された。月に約40発の生産を目指す。", "約40発", "MISSILE", None),
        # a mixed salvo of missiles and drones is a COUNT; shells are a COUNT
        ("ロシア軍はミサイルと無人機を合わせて約500発発射した。", "約500発", "COUNT", None),
        ("砲撃は夜通し続き、さらに2000発が撃たれた。", "2000発", "COUNT", None),
        ("前線では1日に約1万発の砲弾が撃ち込まれている。", "約1万発", "COUNT", None),
        # ships are vehicles (corpus convention)
        ("黒海艦隊の揚陸艦2隻が損傷した。", "2隻", "VEHICLE", None),
        ("哨戒艇1隻が沈没した。", "1隻", "VEHICLE", None),
    ],
)
def test_category_from_context(tables, text, span, category, casualty):
    found = {q["text"]: q for q in annotate(text, tables)}
    assert span in found, f"{span!r} not among {list(found)}"
    assert (found[span]["category"], found[span]["casualty"]) == (category, casualty)


@pytest.mark.parametrize(
    "text,span,value,category,approx,bound",
    [
        ("Kyiv received 31 Abrams tanks last year.", "31", 31, "VEHICLE", False, "exact"),
    ("Russia had launched 111 drones overnight across the country.", "111", 111, "DRONE", False, "exact"),
        ("Russia lost about 1,500 armoured vehicles there.", "about 1,500", 1500, "VEHICLE", True, "exact"),
        ("Russia fired 4 Kh-101 cruise missiles overnight.", "4", 4, "MISSILE", False, "exact"),
        ("They launched 90 Shahed-type drones at night.", "90", 90, "DRONE", False, "exact"),
        ("少なくとも三門の榴弾砲を使用している。", "少なくとも三門", 3, "COUNT", False, "at_least"),
        ("前線で少なくとも二門運用しているという。", "少なくとも二門", 2, "COUNT", False, "at_least"),
        ("新型機は従来の3倍近い航続距離を持つ。", "3倍近い", 3, "RATIO", True, "exact"),
    ],
)
def test_more_span_forms(tables, text, span, value, category, approx, bound):
    found = {q["text"]: q for q in annotate(text, tables)}
    assert span in found, f"{span!r} not among {list(found)}"
    q = found[span]
    assert (q["value"], q["category"], q["approx"], q["bound"]) == (value, category, approx, bound)


@pytest.mark.parametrize(
    "text",
    [
        "巡航ミサイル(3M-14)が発射された。",
        "極超音速ミサイル(3M22)の配備",
        "On March 5 Ukrainian drones struck a depot.",
        "Officials said 12 of the soldiers were hurt.",
        "この町は前線に近い。",
    ],
)
def test_more_near_misses(tables, text):
    assert annotate(text, tables) == []


@pytest.mark.parametrize("text,span,value,unit,approx,bound", [
    ("1日に最大約2000平方メートルを処理できる。", "最大約2000平方メートル", 2000, "m²", True, "at_most"),
    ("24時間雨量は400ミリに達した。", "400ミリ", 400, "mm", False, "exact"),
    ("国内のシマフクロウは約165つがいと推定される。", "約165つがい", 165, "つがい", True, "exact"),
    # 推定 ("estimated") is not a qualifier of the span: it stays outside and does not make it approx
    ("損失は推定3万人とされる。", "3万人", 30000, "人", False, "exact"),
    # aid counted in bags, boxes and cans
    ("団体は食料セット600袋を避難所に届けた。", "600袋", 600, "袋", False, "exact"),
    ("医薬品約300箱が国境を越えた。", "約300箱", 300, "箱", True, "exact"),
    ("粉ミルク1200缶を送った。", "1200缶", 1200, "缶", False, "exact"),
    # 台 after a sum: "in the hundred-dollar range", approximate, inside the span as after 900人
    ("原油が7年ぶりに100ドル台をつけた。", "100ドル台", 100, "USD", True, "exact"),
])
def test_chained_qualifiers_and_more_units(tables, text, span, value, unit, approx, bound):
    units, patterns, _ = tables
    (hit,) = find_quantities(text, units, patterns)
    assert (text[hit.start:hit.end], hit.value, hit.unit, hit.approx, hit.bound) == (span, value, unit, approx, bound)


@pytest.mark.parametrize("text", [
    "「一つでも多くの命を守りたい」と話した。",
    "主要7カ国(G7)の首脳が会談した。",
    "兵器の性能が良いから100発100中だ。",  # 百発百中 in digits: "never misses"
    "百発百中の腕前",
    "部隊が村から撤退したという一件です。",  # 一件 after a determiner: "the affair", not a count
    "この一件で両国の関係は冷え込んだ。",
    "領空を侵して撃ち落とされた一件でも話題になった。",  # after a clause: "the incident"
    "機関砲とレーダーを一つにまとめたシステムだ。",  # 一つにまとめる: "combine into one"
    "隊員は弾を一発ずつベルトに詰めた。",  # 一Xずつ: "one at a time"
    "撃ち落とされたマレーシア航空17便を調べる。",  # a flight's number
    "9月の第 6回核実験は大きかった。",  # an ordinal with a typeset space after 第
])
def test_idioms_and_group_names(tables, text):
    units, patterns, _ = tables
    assert find_quantities(text, units, patterns) == []


@pytest.mark.parametrize("text,span,value,value_max,unit,approx,bound", [
    # a range written with its counter or qualifier at both ends is one span (ANNOTATION.md)
    ("砲兵は4発から6発を撃ち込んだ。", "4発から6発", 4, 6, "発", False, "range"),
    ("死者は100人から200人に上るとみられる。", "100人から200人", 100, 200, "人", False, "range"),
    ("住民は前線から約15km〜約25kmの地域に住む。", "約15km〜約25km", 15, 25, "km", True, "range"),
    ("敵は無人機30機から40機以上を差し向けた。", "30機から40機以上", 30, 40, "機", False, "range"),
    ("兵士は8から12人の班に分かれた。", "8から12人", 8, 12, "人", False, "range"),
    # verb qualifiers that change the meaning belong to the span
    ("夜間の攻撃で80機を超える無人機が飛来した。", "80機を超える", 80, None, "機", False, "at_least"),
    ("死者は2,500人を超えた。", "2,500人を超え", 2500, None, "人", False, "at_least"),
    ("被害額は3億ドルを超す見通しだ。", "3億ドルを超す", 300_000_000, None, "USD", False, "at_least"),
    ("志願兵は予想の5000人を上回った。", "5000人を上回った", 5000, None, "人", False, "at_least"),
    ("残る守備隊は200人に満たない。", "200人に満たない", 200, None, "人", False, "at_most"),
    ("生産は月30両を下回る水準だ。", "30両を下回る", 30, None, "両", False, "at_most"),
    ("350名の部隊が2カ月で100人を切った。", "100人を切った", 100, None, "人", False, "at_most"),  # fell below
    ("残存兵力は1000人を割り込んだ。", "1000人を割り込んだ", 1000, None, "人", False, "at_most"),
    # reporting verbs stay outside
    ("死者は900人に上った。", "900人", 900, None, "人", False, "exact"),
    ("射程は最大300kmに達する。", "最大300km", 300, None, "km", False, "at_most"),
])
def test_two_ended_ranges_and_verb_qualifiers(tables, text, span, value, value_max, unit, approx, bound):
    found = {a["text"]: a for a in annotate(text, tables)}
    assert span in found, found
    got = found[span]
    assert (got["value"], got["value_max"], got["unit"], got["approx"], got["bound"]) == (
        value, value_max, unit, approx, bound)


@pytest.mark.parametrize("text,spans", [
    ("金利を7.5%から7%に下げた。", ["7.5%", "7%"]),  # a change from one figure to another, no range
    ("兵士1人から2万円を徴収した。", ["1人", "2万円"]),  # two different counters, no range
    ("供与数を当初の14両から28両と倍増させた。", ["14両", "28両"]),  # と + a verb of change
    ("死者は10人から20人と見られる。", ["10人から20人"]),  # と + a reporting verb: still a range
    ("部隊は10日から14日まで演習した。", []),
])
def test_kara_that_is_no_range(tables, text, spans):
    assert [a["text"] for a in annotate(text, tables)] == spans


@pytest.mark.parametrize("text,value", [
    ("部隊を前進させ30もの拠点を奪還した。", 30),  # "as many as": a count of the noun after it
    ("全国の何百もの村で停電した。", 100),
    ("2,000 もの戦術核兵器を持つ。", 2000),
])
def test_a_number_before_mono_counts(tables, text, value):
    assert [a["value"] for a in annotate(text, tables)] == [value]


def test_head_after_a_verb_qualifier_is_the_item(tables):
    (found,) = annotate("敵は50機を超えるドローンを投入した。", tables)
    assert found["item"] == "ドローン" and found["category"] == "DRONE"


@pytest.mark.parametrize("text,span,value,unit", [
    # a calibre is a number with its unit: annotators of real reporting mark it (corpus/realtext NOTES-real4)
    ("155ミリ砲弾を増産する。", "155ミリ", 155, "mm"),
    ("コンテナには 152mm砲弾 300万発以上", "152mm", 152, "mm"),
    # a space after a qualifier, and before a verb qualifier, in web text
    ("約 6700個のコンテナを運んだ。", "約 6700個", 6700, "個"),
    ("死者は12万人 を超えたという。", "12万人 を超え", 120000, "人"),
    # ・ as a decimal point before a measure; 1・2号機 stays two numbers
    ("敷地から1・25キロの地点に着弾した。", "1・25キロ", 1.25, "km"),
    ("住宅30戸が損壊した。", "30戸", 30, "戸"),
    ("面積は約60万キロ平方メートルに及ぶ。", "約60万キロ平方メートル", 600000, "km²"),  # a machine translation's word order
    ("ウクライナの1個旅団を訓練する。", "1個", 1, "個"),  # 個 glued to the counted noun: a count, not "one of"
])
def test_calibres_spaces_and_dot_decimals(tables, text, span, value, unit):
    units, patterns, _ = tables
    hits = find_quantities(text, units, patterns)
    assert [(text[h.start:h.end], h.value, h.unit) for h in hits][0] == (span, value, unit)


def test_dot_between_numbers_before_a_counter_is_no_decimal(tables):
    units, patterns, _ = tables
    assert find_quantities("1・2号機が停止した。", units, patterns) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["1", "12", "3.5", "1,200", ",", ".", " ", "$", "US$", "USD", "usd ", "€", "¥",
                                 "million", "bn", "km", "%", "kg", "機", "発", "約", "人", "a", "B", "T"]),
                max_size=14).map("".join))
def test_latin_matches_are_finditer_near_numbers(tables, text):
    """``latin_matches`` tries the Latin regex only near numbers; it must find exactly what ``finditer`` does."""
    from components.quantity_patterns import latin_matches
    latin = tables[1][1]
    assert [m.span() for m in latin_matches(latin, text)] == [m.span() for m in latin.finditer(text)]


@pytest.mark.parametrize("text", ["袋小路に追い込まれた。", "缶詰を配った。", "箱根で会談した。"])
def test_bag_box_and_can_counters_need_a_number_and_no_compound(tables, text):
    units, patterns, _ = tables
    assert find_quantities(text, units, patterns) == []


def test_one_incident_is_still_counted_without_a_determiner(tables):
    units, patterns, _ = tables
    (hit,) = find_quantities("少なくとも一件の攻撃が確認された。", units, patterns)
    assert (hit.value, hit.unit, hit.bound) == (1, "件", "at_least")


@pytest.mark.parametrize("text,second", [
    ("EUは15億ユーロ/€1.5bnの支援を決めた。", "€1.5bn"),
    ("動員は約2万人/20,000 troops。", "20,000"),
    ("支援は5万ドル/$50kにとどまった。", "$50k"),
])
def test_an_amount_after_a_slash_and_a_japanese_one_is_its_own(tables, text, second):
    """A slash continues a name only after a letter or digit (Su-27/30); after 人 or ユーロ the amount
    that follows is a second figure (the same sum written again in another currency or script)."""
    units, patterns, _ = tables
    hits = find_quantities(text, units, patterns)
    assert [text[h.start:h.end] for h in hits][1:] == [second]


def test_a_number_after_a_slash_in_a_name_is_still_no_quantity(tables):
    units, patterns, _ = tables
    assert find_quantities("Su-27/30の編隊", units, patterns) == []


@pytest.mark.parametrize("text,span,bound", [
    ("失った戦車は、すくなくも3139両。", "すくなくも3139両", "at_least"),
    ("死者はすくなくとも200人。", "すくなくとも200人", "at_least"),
    ("少なくも5人が負傷した。", "少なくも5人", "at_least"),
    ("空爆でも少なくても2人が死亡した。", "少なくても2人", "at_least"),  # the colloquial form of blogs (NOTES-real93 m)
])
def test_kana_and_short_forms_of_sukunakutomo(tables, text, span, bound):
    (hit,) = find_quantities(text, *tables[:2])
    assert (text[hit.start:hit.end], hit.bound) == (span, bound)


@pytest.mark.parametrize("text,span", [
    ("株価は前日比400円高となった。", "400円"),
    ("一時22%高(298円高の1679円)に達した。", "298円"),
    ("終値は50円安だった。", "50円"),
])
def test_a_share_price_move_is_money(tables, text, span):
    units, patterns, _ = tables
    assert span in [text[h.start:h.end] for h in find_quantities(text, units, patterns)]


@pytest.mark.parametrize("text,span,unit", [
    ("過去最大となる43億スウェーデン・クローナ相当の支援", "43億スウェーデン・クローナ", "SEK"),
    ("総額10億カナダドルを拠出した。", "10億カナダドル", "CAD"),
    ("5000万ズロチの契約", "5000万ズロチ", "PLN"),
    ("約5,000万豪ドルの贈与", "約5,000万豪ドル", "AUD"),
])
def test_more_currencies_of_aid_reporting(tables, text, span, unit):
    units, patterns, _ = tables
    found = [(text[h.start:h.end], h.unit) for h in find_quantities(text, units, patterns)]
    assert (span, unit) in found


@pytest.mark.parametrize("text,span,unit,category", [
    ("高度3万フィートを飛ぶ旅客機", "3万フィート", "ft", "DISTANCE"),
    ("燃料5000ガロンを運んだ。", "5000ガロン", "gal", "VOLUME"),
    ("威力は100キロトンに相当する。", "100キロトン", "kt", "COUNT"),
])
def test_imperial_units_and_yields(tables, text, span, unit, category):
    found = {a["text"]: (a["unit"], a["category"]) for a in annotate(text, tables)}
    assert found[span] == (unit, category)


@pytest.mark.parametrize("text,span,unit", [
    # counters, measures and currencies of research round 5 (each row names a page that writes it)
    ("警備艇2艇が出港した。", "2艇", "艇"),
    ("テント174張を送った。", "174張", "張"),
    ("戦闘機が6ソーティ出撃した。", "6ソーティ", "sortie"),
    ("機体は数百グラムしかない。", "数百グラム", "g"),
    ("妨害電波は144MHz帯", "144MHz", "MHz"),
    ("5ベラルーシ・ルーブルを払った。", "5ベラルーシ・ルーブル", "BYN"),  # not the Russian rouble
    ("100万北朝鮮ウォンで売られる。", "100万北朝鮮ウォン", "KPW"),
    ("費用は1120億シェケルにのぼる。", "1120億シェケル", "ILS"),
])
def test_counters_units_and_currencies_of_research_round_5(tables, text, span, unit):
    units, patterns, _ = tables
    found = {text[h.start:h.end]: h.unit for h in find_quantities(text, units, patterns)}
    assert found.get(span) == unit


def test_a_tent_counter_needs_arabic_digits(tables):
    units, patterns, _ = tables
    assert find_quantities("一張羅を着た。", units, patterns) == []


@pytest.mark.parametrize("text,span,bound,approx", [
    ("ざっと40万人が避難した。", "ざっと40万人", "exact", True),
    ("兵力は25万人足らずだ。", "25万人足らず", "at_most", False),
])
def test_zatto_and_tarazu(tables, text, span, bound, approx):
    units, patterns, _ = tables
    (hit,) = find_quantities(text, units, patterns)
    assert (text[hit.start:hit.end], hit.bound, hit.approx) == (span, bound, approx)


@pytest.mark.parametrize("text", ["4人乗りの車内から全員が逃げ出した。", "二人乗りの潜航艇"])
def test_a_vehicles_seats_are_no_count_of_people(text, tables):
    assert [q for q in annotate(text, tables) if q["unit"] in ("人", "名")] == []


@pytest.mark.parametrize("text,span,value,unit", [
    # ISO codes of the currencies that pay for arms, before a figure with its magnitude letter
    ("その対価はSEK185mだという。", "SEK185m", 185_000_000, "SEK"),
    ("契約はPLN 2bnに上る。", "PLN 2bn", 2_000_000_000, "PLN"),
])
def test_currency_codes_before_a_figure(text, span, value, unit, tables):
    found = {q["text"]: q for q in annotate(text, tables)}
    assert span in found and found[span]["value"] == value and found[span]["unit"] == unit
    assert found[span]["category"] == "MONEY"


@pytest.mark.parametrize("text,span,unit", [
    # 台 after a figure and its unit: "in the range of", part of the span and approximate
    ("小麦は1ブッシェル7.27ドル台をつけた。", "7.27ドル台", "USD"),
    ("3月末の870円台から上がった。", "870円台", "JPY"),
])
def test_a_range_level_after_a_figure(text, span, unit, tables):
    found = {q["text"]: q for q in annotate(text, tables)}
    assert span in found and found[span]["unit"] == unit and found[span]["approx"] is True


def test_a_vehicle_count_in_dai_stays_a_count(tables):
    found = {q["text"]: q for q in annotate("戦車3台が前進した。", tables)}
    assert "3台" in found and found["3台"]["unit"] == "台"


@pytest.mark.parametrize("text,span,unit", [
    # power: generating capacity and a generator's rated output, COUNT as kW (no power category)
    ("攻撃で9.2GW相当の発電能力を失った。", "9.2GW", "GW"),
    ("定格出力1kVA〜21kVAの発電機", "1kVA〜21kVA", "kVA"),
])
def test_power_symbols(text, span, unit, tables):
    found = {q["text"]: q for q in annotate(text, tables)}
    assert span in found and found[span]["unit"] == unit and found[span]["category"] == "COUNT"


@pytest.mark.parametrize("text,span,value,value_max", [
    # a translation's decimal comma: one or two digits after it, before a measure or a magnitude
    ("このシステムは最大5,5キロメートルの距離の標的を攻撃できる。", "最大5,5キロメートル", 5.5, None),
    ("解放された土地は約5,3平方キロメートルに及ぶ。", "約5,3平方キロメートル", 5.3, None),
    ("弾薬の受注は8,5億ユーロに上った。", "8,5億ユーロ", 850_000_000, None),
    ("口径8,5mmの弾", "8,5mm", 8.5, None),
    # digits that count up by one are Japanese "three or four", a range; three digits are thousands
    ("手元に3,4つの箱があった。", "3,4つ", 3, 4),
    ("2,3キロ先に着弾した。", "2,3キロ", 2, 3),
    ("兵士1,500人が集まった。", "1,500人", 1500, None),
    ("戦車4,5両が残る。", "4,5両", 4, 5),
    # the pattern and parse_number read a comma the same way: two digits after it, or full-width digits
    ("射程は3,45キロだ。", "3,45キロ", 3.45, None),
    ("３，４キロ先に着弾した。", "３，４キロ", 3, 4),
])
def test_decimal_comma_and_comma_ranges(tables, text, span, value, value_max):
    found = {a["text"]: a for a in annotate(text, tables)}
    assert span in found, found
    assert (found[span]["value"], found[span]["value_max"]) == (value, value_max)


@pytest.mark.parametrize("text,span", [
    ("民間人に加え、兵士も一人亡くなった。", "一人"),  # a kanji count before a verb of dying is a count
    ("住民が三人殺された。", "三人"),
])
def test_kanji_count_before_a_verb_of_dying(tables, text, span):
    assert span in [a["text"] for a in annotate(text, tables)]
