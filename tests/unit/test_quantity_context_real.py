"""Casualty categories met in published loss reports (issue 10): troops at the head of a list of
losses, 損耗, verbs in scare quotes, an item with a bracketed aside.

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


def cat(nlp, text, span):
    doc = nlp(text)
    found = {s.text: get_span_attrs(s) for s in doc.spans["quantities"]}
    assert span in found, f"{span!r} not among {list(found)}"
    return found[span]["category"], found[span].get("casualty")


@pytest.mark.parametrize("text,span,expected", [
    ("敵は昨日、300人以上の兵士、戦車4両、火砲2門(牽引式を含む)、さらにトラック5台を失った。", "300人以上",
     ("CASUALTY", "killed_or_wounded")),
    ("報道官によると、同軍は約800人、戦車6両、装甲車9両を失ったという。", "約800人", ("CASUALTY", "killed_or_wounded")),
    ("その戦いで敵は人員およそ1万人を損耗した。", "およそ1万人", ("CASUALTY", "killed_or_wounded")),
    ("当局は約2千人の敵兵を「排除」したと主張した。", "約2千人", ("CASUALTY", "killed")),
    ("両軍の死傷者（捕虜を含む）が推計約40万人に上る。", "約40万人", ("CASUALTY", "killed_or_wounded")),
    ("市当局によると、けが人は30人以上に上る。", "30人以上", ("CASUALTY", "wounded")),  # a topic led by hiragana
    ("市場への砲撃は少なくとも12人の命を奪った。", "少なくとも12人", ("CASUALTY", "killed")),
    ("ドローンが住宅に突っ込み、住民12人の命が奪われた。", "12人", ("CASUALTY", "killed")),  # the passive
    ("米軍兵3200人が3週間でタヒ亡、台湾軍は3500人がタヒ傷。", "3200人", ("CASUALTY", "killed")),  # board slang for 死亡
    ("まずは10台の車椅子をウクライナへ送った。", "10台", ("COUNT", None)),  # goods in 台, not vehicles
    ("スターリンク端末5000台が届いた。", "5000台", ("COUNT", None)),
    ("救急車5台を寄贈した。", "5台", ("VEHICLE", None)),
    ("占領軍はこの町で少なくとも407人の民間人を殺しました。", "少なくとも407人", ("CASUALTY", "killed")),
    ("それは5人です。", "5人", ("COUNT", None)),
    ("これまでに戦死した敵兵の数は推計で約9000人だ。", "約9000人", ("CASUALTY", "killed")),  # "the number of"
    ("住宅を失った住民の数は約3000人だ。", "約3000人", ("COUNT", None)),  # lost homes: no casualty
    ("砲撃で市民1200人が死亡し、そのうち子供は300人だった。", "300人", ("CASUALTY", "killed")),  # part of the dead
    ("住民1200人が避難し、そのうち子供は300人だった。", "300人", ("COUNT", None)),  # part of the evacuees
    ("敵は28万兵を動員し、うち12万兵を失った。", "28万兵", ("PERSONNEL", None)),  # a count with no item
])
def test_loss_report_casualties(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


@pytest.mark.parametrize("text,span,expected", [
    # the loss closes a different clause: the troops are only deployed
    ("約500人の兵士が川を渡って、陣地を失った。", "約500人", ("PERSONNEL", None)),
    # no list: the loss word is far and the count has its own verb
    ("国境には兵士約2万人が集結しており、その後の戦闘で多くの車両を失った。", "約2万人", ("PERSONNEL", None)),
])
def test_loss_word_of_another_clause(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


@pytest.mark.parametrize("text,span,expected", [
    ("損失は地対空ミサイルシステム3台に及んだ。", "3台", ("VEHICLE", None)),
    ("防空システム12両が破壊された。", "12両", ("VEHICLE", None)),
])
def test_weapon_systems_in_vehicle_counters(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


@pytest.mark.parametrize("text,span,expected", [
    ("敵はドローンやミサイルあわせて250機以上を放った。", "250機以上", ("COUNT", None)),
    ("無人機とミサイル計90機が飛来した。", "90機", ("COUNT", None)),
    ("戦車と装甲車計40両を失った。", "40両", ("VEHICLE", None)),  # one category: not mixed
    ("無人機計120機が飛来した。", "120機", ("DRONE", None)),
])
def test_mixed_totals(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


@pytest.mark.parametrize("text,span,expected", [
    ("兵士8人が死亡し、3万人が避難した。", "3万人", ("COUNT", None)),  # evacuees, not the casualties before
    ("兵士8人が死亡、2人が負傷した。", "2人", ("CASUALTY", "wounded")),
])
def test_evacuees_after_casualties(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


def test_weapon_systems_in_installation_counters(nlp):
    assert cat(nlp, "ミサイル発射システムなど約300基を失った。", "約300基") == ("COUNT", None)


# Category cases met in the development halves of the real-text sets (corpus/realtext), written anew here.
REAL_TEXT_CATEGORIES = [
    # "of various kinds" between the count and its item does not hide the item
    ("敵は600機以上のドローンと40発以上の様々な種類のミサイルを撃った。", "40発以上", "MISSILE"),
    ("同軍は20発の各種ミサイルを発射した。", "20発", "MISSILE"),
    ("12機のさまざまなタイプの無人機が飛来した。", "12機", "DRONE"),
    # "39 of the 55": the second count takes the first's item
    ("空軍はミサイル40発中35発、ドローン30機中28機を撃墜した。", "35発", "MISSILE"),
    ("空軍はミサイル40発中35発、ドローン30機中28機を撃墜した。", "28機", "DRONE"),
    # listed people counts share the verb after the last one
    ("ハルキウ州で3人、スムイ州で1人が負傷した。", "3人", "CASUALTY"),
    # a vague magnitude with no counter before a counted noun
    ("北朝鮮の数百の軍需工場が稼働している。", "数百", "COUNT"),
    # aid lists: one space between the item and its count
    ("・対砲兵レーダー 4機", "4機", "COUNT"),
    # 弾 counts what its item names: shells are ammunition, missiles by default
    ("・榴弾砲用砲弾 約15万弾", "約15万弾", "COUNT"),
    ("ミサイル10弾を撃墜した。", "10弾", "MISSILE"),
    # the verb after "of which" belongs to the subset
    ("派遣された兵約1万人のうち3000人以上が死傷した。", "約1万人", "PERSONNEL"),
    ("派遣された兵約1万人のうち3000人以上が死傷した。", "3000人以上", "CASUALTY"),
    # a short aside with a comma between the subject and its count
    ("兵士の死者数が1日あたり、約80人に上る。", "約80人", "CASUALTY"),
    ("派遣された兵士の死傷者が、数百人にのぼる。", "数百人", "CASUALTY"),  # or the comma alone
    # a civilian word nearer than any military word, in the sentences before
    ("侵攻で周辺国に逃れた人が増え、難民危機になった。受け入れ先はポーランドの約18万人が最多だ。", "約18万人", "COUNT"),
    ("侵攻で市民が逃れた。部隊は前線に増援を送った。前線の約1万人が動いた。", "約1万人", "PERSONNEL"),
    # a count before joined nouns of different weapon categories is a mixed total
    ("敵は1万点の車両・火砲・航空機を失った。", "1万点", "COUNT"),
    ("30両の戦車と装甲車が届いた。", "30両", "VEHICLE"),
    ("20機の無人機、ミサイル5発を撃墜した。", "20機", "DRONE"),
    # planes hit on an airfield, even where drones hit them (NOTES-real3)
    ("飛行場がドローンに攻撃され、1機が損傷した。", "1機", "AIRCRAFT"),
    ("敵はドローン50機を発射し、40機を撃墜した。", "40機", "DRONE"),
    # a count taken out of prisoners stays prisoners (NOTES-real3)
    ("帰還した捕虜のうち負傷者30人が治療を受けている。", "30人", "PERSONNEL"),
    # a subset of the dead keeps their verb; victims are casualties; a gloss before a joined noun (NOTES-real9, -real10)
    ("戦死したロシア兵のうち、1万2000人の名前が判明した。", "1万2000人", "CASUALTY"),
    ("軍の被害者数(死傷・行方不明者)が約18万人に上る。", "約18万人", "CASUALTY"),
    ("敵は６００あまりのドローン（無人機）とミサイルを発射した。", "６００あまり", "COUNT"),
    # a bare figure whose noun is a budget is money
    ("ドローンの購入予算は2億に満たない。", "2億に満たない", "MONEY"),
    # a weapon subject does not make a people count a weapon count
    ("バスに無人機が直撃し、8人が死亡した。", "8人", "CASUALTY"),
]


@pytest.mark.parametrize("text,span,expected", REAL_TEXT_CATEGORIES)
def test_real_text_category_cases(nlp, text, span, expected):
    assert cat(nlp, text, span)[0] == expected


@pytest.fixture(scope="module")
def nlp_weapons(nlp_blank):
    """The quantity extractor after the weapon recogniser: categories that come from a weapon's class."""
    import copy

    pipeline = copy.deepcopy(nlp_blank)
    pipeline.add_pipe("weapon_recognizer")
    pipeline.add_pipe("quantity_extractor")
    return pipeline


@pytest.mark.parametrize("text,span,expected", [
    # an air-defence system counted in 機/基 is the system (COUNT); its missiles are counted in 発
    ("・中高度防空システムNASAMS 2機", "2機", "COUNT"),
    ("パトリオット2基が届いた。", "2基", "COUNT"),
    ("パトリオット迎撃ミサイル10発を撃った。", "10発", "MISSILE"),
    # guns are counted in 門 (COUNT); a self-propelled one is a vehicle, whether its name says 自走 or its
    # gazetteer class does (K9 Thunder: self_propelled_howitzer)
    ("韓国はK9サンダー24門をノルウェーに売った。", "24門", "VEHICLE"),
    ("ノルウェーは自走砲24門を買った。", "24門", "VEHICLE"),
    ("榴弾砲12門を供与した。", "12門", "COUNT"),
    # equipment lists write MQ-9B×4機: the times sign stands between the weapon and its count
    ("配備機:MQ-9B×4機、F-35B×1機", "4機", "DRONE"),
    # a launcher counted in 発 is its rounds
    ("同省は17発のHIMARSのロケット弾を撃墜した。", "17発", "MISSILE"),
    # the name's reading in brackets inside its quotes stands between it and its count
    ("地対地ミサイル「ATACMS(アタクムス)」8発を撃墜した。", "8発", "MISSILE"),
    # a weapon, の, then its count: "four of the IL-76s"
    ("ロシア軍輸送機IL76の4機が攻撃された。", "4機", "AIRCRAFT"),
])
def test_categories_from_the_counted_weapons_class(nlp_weapons, text, span, expected):
    assert cat(nlp_weapons, text, span)[0] == expected


@pytest.mark.parametrize("text,span,expected", [
    # ships with no navy's word are counted objects; warships and sea drones are not
    ("中国の巡視船2隻とフィリピンの沿岸警備艇1隻がにらみ合った。", "2隻", "COUNT"),
    ("中国の巡視船2隻とフィリピンの沿岸警備艇1隻がにらみ合った。", "1隻", "COUNT"),
    ("穀物を積んだ船13隻が出港した。", "13隻", "COUNT"),
    ("ロシア艦艇5隻が港を出た。", "5隻", "VEHICLE"),
    ("無人ボート3隻が港を襲った。", "3隻", "DRONE"),
])
def test_ships_boats_and_sea_drones(nlp, text, span, expected):
    assert cat(nlp, text, span)[0] == expected


@pytest.mark.parametrize("text,span,expected", [
    # the noun an estimate puts a figure on (を … と), bodies after a count, and a relative clause's verb
    ("ロシアの戦死者を17万人と見積もっている。", "17万人", ("CASUALTY", "killed")),
    ("戦死者を「約1万5000人」とする見方を示した。", "約1万5000人", ("CASUALTY", "killed")),
    ("兵士1212人の遺体が戻された。", "1212人", ("CASUALTY", "killed")),
    ("死傷したロシア軍の兵士はおよそ41万8170人にのぼる。", "およそ41万8170人", ("CASUALTY", "killed_or_wounded")),
    ("派遣した北朝鮮の兵士は1万人だ。", "1万人", ("PERSONNEL", None)),
])
def test_estimates_bodies_and_relative_clauses(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


@pytest.mark.parametrize("text,span", [
    ("ロケット砲システム6基を失った。", "6基"),
    ("パトリオット防空システム2セットを送った。", "2セット"),
])
def test_a_system_counted_is_an_installation(nlp, text, span):
    assert cat(nlp, text, span)[0] == "COUNT"


@pytest.mark.parametrize("text,span,expected", [
    # a time word before the count names no item: the noun after it does
    ("常時10人弱の日本人義勇兵がいる。", "10人弱", ("PERSONNEL", None)),
    ("年4千人の新兵を集めた。", "4千人", ("PERSONNEL", None)),
    # Japan's service members, and troops counted as "the number of …"
    ("女性自衛官は約1.8万人。", "約1.8万人", ("PERSONNEL", None)),
    ("自衛隊の軍人数31万人。", "31万人", ("PERSONNEL", None)),
])
def test_time_words_and_service_members(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


@pytest.mark.parametrize("text,span,expected", [
    # a noun with a count of its own beside another is listed, not summed into a mixed total
    ("敵は64機のドローンと弾道ミサイル1発で攻撃した。", "64機", ("DRONE", None)),
    ("敵は64機のドローンと弾道ミサイル1発で攻撃した。", "1発", ("MISSILE", None)),
    ("ドローンやミサイルあわせて400機が飛来した。", "400機", ("COUNT", None)),  # a mixed total still
    # a count between a noun and の + the dead counts the dead
    ("この1週間で両国合わせて約200人の死者が出た。", "約200人", ("CASUALTY", "killed")),
    ("兵士200人の死者が確認された。", "200人", ("CASUALTY", "killed")),
    # the sides a total adds up say whose, not what: the noun after の is counted
    ("日米あわせて約2,050名の隊員が参加した。", "約2,050名", ("PERSONNEL", None)),
    ("日英合わせて約110名の隊員が参加した。", "約110名", ("PERSONNEL", None)),
    # a relative clause's death verb in any past form makes its noun's count the dead
    ("侵攻で死んだソ連兵は約1万5000人だが、今回は違う。", "約1万5000人", ("CASUALTY", "killed")),
    ("戦いで亡くなったウクライナ軍の兵士はわずか3万1000人に過ぎない。", "わずか3万1000人", ("CASUALTY", "killed")),
    ("前線に送った兵士は5000人だ。", "5000人", ("PERSONNEL", None)),  # no death verb
    # a capture word with its own number labels the next count of a tally, not this one
    ("未帰還5隻、戦死9名 捕虜1名", "9名", ("CASUALTY", "killed")),
    ("未帰還5隻、戦死9名 捕虜1名", "1名", ("PERSONNEL", None)),
    # a casualty word followed by its negation reports none hurt; a tally's next column is not this count's
    ("乗っていた2人もけがはなかったという。", "2人", ("COUNT", None)),
    ("負傷者:777名/捕虜:115名/喪失:コンテナ船x1", "115名", ("PERSONNEL", None)),
    # an unmanned aircraft is a drone, whatever aircraft word ends its name
    ("防空部隊がロシア軍の無人偵察機4機を撃ち落とした。", "4機", ("DRONE", None)),
    ("無人攻撃機6機を配備する。", "6機", ("DRONE", None)),
    ("偵察機4機が飛来した。", "4機", ("AIRCRAFT", None)),
    ("フーシ派は4隻の無人爆弾艇を差し向けた。", "4隻", ("DRONE", None)),  # a sea drone, not a boat
    # a country or a list of services between the count and its noun says whose; the noun is counted
    ("加えて約1万人の北朝鮮の兵士がロシアへ渡った。", "約1万人", ("PERSONNEL", None)),
    ("延べ約9万2400人の陸・海・空の自衛隊員が活動した。", "約9万2400人", ("PERSONNEL", None)),
    ("10点の敵ミサイルの落下を確認した。", "10点", ("MISSILE", None)),  # not 落下: the missiles are counted
    ("Russia and Ukraine agreed to swap 1,000 prisoners each.", "1,000", ("PERSONNEL", None)),
    # an aside in brackets between the count and its verb; a noun "alone" (だけで) before the count
    ("8人が亡くなり、47人(17歳の少年を含む)が負傷した。", "47人", ("CASUALTY", "wounded")),
    ("ロシア兵の戦死者だけで32万5千人に達した。", "32万5千人", ("CASUALTY", "killed")),
    # people displaced, missing, taken or rescued are counted, not casualties, even after a casualty count
    ("305人以上がけがを負い、66万人以上が住まいを追われた。", "66万人以上", ("COUNT", None)),
    ("船員1人が死亡、27人が行方不明となった。", "27人", ("COUNT", None)),
    ("7人が殺され、約30人が連れ去られた。", "約30人", ("COUNT", None)),
    # a rank names troops, also as the commander "and those under him" (以下); a whole-group word comes off
    ("初代隊長の阿式俊英2佐以下約20人で編成を終えた。", "約20人", ("PERSONNEL", None)),
    ("隊長・林少尉以下8名が出撃した。", "8名", ("PERSONNEL", None)),
    ("残りの戦闘員全員531人が姿を見せた。", "531人", ("PERSONNEL", None)),
    # a quoted figure after its noun
    ("北朝鮮兵の死傷者「3千人」と警告した。", "3千人", ("CASUALTY", "killed_or_wounded")),
])
def test_counts_listed_side_by_side_and_the_dead_after_a_count(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


@pytest.mark.parametrize("text,span,expected", [
    # 死亡 and 負傷 as a tally writes them before the count, as 戦死
    ("死傷者は60万人、うち死亡14万人とされる。", "14万人", ("CASUALTY", "killed")),
    ("負傷3万人と発表された。", "3万人", ("CASUALTY", "wounded")),
    # the war's own tally words and triage grades before the count (parts 97, 100 and 104)
    ("戦死約1万名、戦傷約3万名と記録される。", "約3万名", ("CASUALTY", "wounded")),
    ("戦病死120名と記された。", "120名", ("CASUALTY", "killed")),
    ("県の戦没5万人を悼む。", "5万人", ("CASUALTY", "killed")),
    ("軍人:重傷2人、中等症1人\n民間人:死亡3人", "1人", ("CASUALTY", "wounded")),
    # an air show's crowd is no troops; the SDF's own members are; the people a unit serves are not
    ("航空祭は家族連れなどおよそ3万人でにぎわった。", "およそ3万人", ("COUNT", None)),
    ("部隊が展示を行い、来場者は約2万人だった。", "約2万人", ("COUNT", None)),
    ("自衛官の採用は前年度から300人増えた。", "300人", ("PERSONNEL", None)),
    ("部隊の入浴支援の利用者は延べ約900人。", "約900人", ("COUNT", None)),
    ("現職隊員も並び、出席者は約600人だった。", "約600人", ("COUNT", None)),  # attendees, beside SDF members
    ("部隊の隊員が並び、参列者は約400人だった。", "約400人", ("COUNT", None)),  # mourners or guests at a ceremony
    ("部隊が展示し、会場は約6万人のギャラリーで埋まった。", "約6万人", ("COUNT", None)),
    ("隊付実習中の幹部候補生5名も顔を見せた。", "5名", ("PERSONNEL", None)),  # officer cadets are troops
    ("同相は軍関係者1103人を運んだと語った。", "1103人", ("PERSONNEL", None)),  # 軍関係者, not the civil 関係者
    # after the dead, the missing and the survivors are no casualties
    ("戦病死約2万名、さらに行方不明が約1万名に及んだ。", "約1万名", ("COUNT", None)),
    ("戦没者155名を出したが、生存者は18名に減った。", "18名", ("PERSONNEL", None)),
    # a table's next column is no part of the count: 負傷者 are wounded though 捕虜 follows the slash
    ("損害 | 死者:300名/負傷者:900名/捕虜:50名", "900名", ("CASUALTY", "wounded")),
    # a subject marked with も, as with は
    ("死者も最も多い378人に上った。", "378人", ("CASUALTY", "killed")),
])
def test_tally_words_and_subjects_with_mo(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


@pytest.mark.parametrize("text,span,expected", [
    # a loss tally headed by 損失について as by 損失は; a deploying verb after the count still sends troops
    ("ウクライナの損失について、政府は4万人以上の軍人、253台の戦車を挙げた。", "4万人以上", ("CASUALTY", "killed_or_wounded")),
    ("損失について話し合い、兵士3万人を動員した。", "3万人", ("PERSONNEL", None)),
])
def test_a_loss_tally_headed_by_nitsuite(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


@pytest.mark.parametrize("text,span,expected", [
    # a nominalised casualty clause before the count names who was counted (死亡したのは…)
    ("死亡したのは12人だった。", "12人", ("CASUALTY", "killed")),
    ("けがをしたのは十代の2人を含む6人とみられる。", "6人", ("CASUALTY", "wounded")),
    ("家を失ったのは300人だった。", "300人", ("COUNT", None)),  # lost homes: no casualties
])
def test_a_nominalised_casualty_clause(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


@pytest.mark.parametrize("text,span,expected", [
    # a casualty noun heading the list as topic makes its people counts casualties; a clause that ends between
    # (で、) starts another count
    ("死者は、兵士1人、市民を合わせて30人とみられる。", "30人", ("CASUALTY", "killed")),
    ("負傷者は、軍人2名と民間人複数名だ。", "2名", ("CASUALTY", "wounded")),
    ("死者は3人で、兵士100人が派遣された。", "100人", ("PERSONNEL", None)),
    # the act's bare noun as topic, or a casualty verb before a colon that opens the list
    ("戦死は部隊464名、船員1名。", "464名", ("CASUALTY", "killed")),
    ("55名の乗組員が亡くなった: 将校 22 名、水兵 17 名。", "22 名", ("CASUALTY", "killed")),
    ("20名が負傷した: 兵士 12 名、市民 8 名。", "8 名", ("CASUALTY", "wounded")),
    ("部隊が到着した: 兵士 12 名、技術者 8 名。", "12 名", ("PERSONNEL", None)),
    ("イスラエルの人的被害は1,000人を突破している。", "1,000人を突破", ("CASUALTY", "killed_or_wounded")),
    ("人的被害は、兵士30人、市民10人だ。", "10人", ("CASUALTY", "killed_or_wounded")),
    # an estimate put on the casualties with 推定で between
    ("死傷者を推定で約21万人と算出している。", "約21万人", ("CASUALTY", "killed_or_wounded")),
])
def test_a_casualty_topic_heading_a_list(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


@pytest.mark.parametrize("text,span,expected", [
    # neutralised, rendered ineffective, killed in the line of duty (Turkish and Russian ministries' releases)
    ("テロ組織に属するテロリスト17人が無力状態に陥った。", "17人", ("CASUALTY", "killed_or_wounded")),
    ("約75人の兵士が北部部隊によって無力化された。", "約75人", ("CASUALTY", "killed_or_wounded")),
    ("作戦では兵士10人が殉職し、29人が負傷した。", "10人", ("CASUALTY", "killed")),
])
def test_neutralised_and_fallen_on_duty(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


@pytest.mark.parametrize("text,span,expected", [
    # a bare count of ships: the nearest ship word says whether they are civilian (COUNT) or warships (VEHICLE)
    ("紅海で貨物船が相次いで襲われ、2隻にはミサイルが命中した。", "2隻", ("COUNT", None)),
    ("制裁逃れの「影の船団」は800~1千隻に達すると推定される。", "800~1千隻", ("COUNT", None)),
    ("貨物船の一団が紅海を進んだ。護衛の駆逐艦のうち2隻が迎撃にあたった。", "2隻", ("VEHICLE", None)),
    ("貨物船を守るため駆逐艦が出動し、2隻が迎撃にあたった。", "2隻", ("COUNT", None)),  # both, side by side: mixed
    ("黒海で2隻が撃沈された。", "2隻", ("VEHICLE", None)),  # no ship word: the counter's default
])
def test_bare_ship_counts_by_the_nearest_ship_word(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


@pytest.mark.parametrize("text,span,expected", [
    ("議会を守るため警察官500人を配置すると発表した。", "500人", ("COUNT", None)),  # police are no troops
    ("購読者が80万人以上いる軍事チャンネルが報じた。", "80万人以上", ("COUNT", None)),  # a channel's readers
    ("砲撃で警察官3人が死亡した。", "3人", ("CASUALTY", "killed")),  # a casualty verb still decides
])
def test_police_and_subscribers_are_counted_people(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


@pytest.mark.parametrize("text,span,expected", [
    ("海軍は艦船415隻を持つ。", "415隻", ("VEHICLE", None)),  # naval vessels, not 船 (civilian ships: COUNT)
    ("オビ級病院船1隻が続いた。", "1隻", ("VEHICLE", None)),  # a navy's hospital ship, an auxiliary
    ("中国船2隻が衝突した。", "2隻", ("COUNT", None)),  # a ship with no navy's word stays COUNT
])
def test_naval_vessels_and_auxiliaries_are_platforms(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


@pytest.mark.parametrize("text,span,expected", [
    ("5人が死亡し、犠牲者には2人の乳児と1人の女性が含まれる。", "2人", ("CASUALTY", "killed")),
    ("けが人には2名の児童と1名の妊婦が含まれると説明した。", "1名", ("CASUALTY", "wounded")),
    ("死者には哀悼の意を示し、兵士3000人を送った。", "3000人", ("PERSONNEL", None)),  # nothing included
])
def test_people_included_among_casualties(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


@pytest.mark.parametrize("text,span,expected", [
    ("記者会見にはテレビカメラ3台が入った。", "3台", ("COUNT", None)),  # goods in 台, not vehicles
    ("消火には80台の機材が使われた。", "80台", ("COUNT", None)),
    ("支援団体は中古の車いす500台を送った。", "500台", ("COUNT", None)),  # an item with hiragana inside
    ("航洋えい船1隻が海峡を抜けた。", "1隻", ("VEHICLE", None)),  # a navy's tug, not 船
    ("救助隊はけが人40人を運んだ。", "40人", ("CASUALTY", "wounded")),  # けが人 before the count, not 人
    ("防空部隊は96個のミサイルを撃ち落とした。", "96個", ("MISSILE", None)),  # pieces named after the count
    ("戦車30両とヘリコプター1個飛行隊を送る。", "1個", ("COUNT", None)),  # 個 before an echelon stays COUNT
])
def test_items_that_decide_a_counter(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


@pytest.mark.parametrize("text,span,expected", [
    ("陸上自衛隊が今年採用した人数は合計8,200人だった。", "8,200人", ("PERSONNEL", None)),  # 人数 names nobody
    ("集会所の収容人数は約300人だ。", "約300人", ("COUNT", None)),  # a venue's capacity
    ("派遣された救助者数は延べ420名に上った。", "420名", ("COUNT", None)),  # the rescued, not "the number"
    ("乗員数:  4人", "4人", ("PERSONNEL", None)),  # a spec sheet's label, two spaces after its colon
])
def test_number_of_people_words(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


@pytest.mark.parametrize("text,span,expected", [
    # the next clause's count has its own verb: the first count only entered
    ("義勇兵は800人が入国して90人が戦死した。", "800人", ("PERSONNEL", None)),
    ("義勇兵は800人が入国して90人が戦死した。", "90人", ("CASUALTY", "killed")),
    # the clause before has its own counted subject: its verb is not this count's
    ("兵士達が襲われ、5人が殺され3人が連れ去られた。", "3人", ("COUNT", None)),
    ("兵士達が襲われ、5人が殺され3人が連れ去られた。", "5人", ("CASUALTY", "killed")),
])
def test_a_casualty_verb_belongs_to_its_own_clause(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


@pytest.mark.parametrize("text,span,expected", [
    # what a side lost, as a tally's heading: the soldiers in the list are losses
    ("ロシア軍が1日に失ったのは戦車12両、装甲車30台、兵士1,200人だった。", "1,200人", ("CASUALTY", "killed_or_wounded")),
    ("この戦いで喪失したのは兵士300人と戦車10両だ。", "300人", ("CASUALTY", "killed_or_wounded")),
])
def test_what_a_side_lost_heads_a_tally(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


@pytest.mark.parametrize("text,span,expected", [
    # a tally's heading before a figure with no counter
    ("負傷は約60万〜70万で、死亡は約20万だ。", "約60万〜70万", ("CASUALTY", "wounded")),
])
def test_a_casualty_heading_before_a_figure_with_no_counter(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


def test_words_after_a_figure_that_place_it_name_no_item(nlp):
    doc = nlp("損失は50万から60万の間とされ、ウクライナ軍の30万〜40万人の約2倍だ。")
    items = {s.text: get_span_attrs(s).get("item") for s in doc.spans["quantities"]}
    assert items["50万から60万"] is None  # の間: "between", no item
    assert items["30万〜40万人"] is None  # 約 opens the next figure, no item


def test_a_keyword_inside_a_longer_one_is_not_its_own(nlp):
    # 無人航空機 (a drone) holds 航空機 (an aircraft): the counts after it are drones
    text = "撃墜された無人航空機は合計37機にのぼる。州の上空では20機を迎撃し、隣の州で17機を落とした。"
    assert cat(nlp, text, "20機") == ("DRONE", None)
    assert cat(nlp, text, "17機") == ("DRONE", None)


@pytest.mark.parametrize("text,span,expected", [
    # part of the dead with no noun before the count: the noun after it (子ども) says who, not that they lived
    ("民間人6557人が命を奪われ、そのうち408人は子どもです。", "408人", ("CASUALTY", "killed")),
    ("住民1200人が避難し、そのうち300人は子供だった。", "300人", ("COUNT", None)),
])
def test_part_of_the_dead_named_after_the_count(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


@pytest.mark.parametrize("text,span,expected", [
    ("演習で訓練を行うのは陸上自衛隊の参加者40名だ。", "40名", ("PERSONNEL", None)),  # an exercise's participants
    ("講演会の参加者は学生と教職員で約100人だった。", "約100人", ("COUNT", None)),  # a lecture's are civilians
])
def test_participants_in_an_exercise_are_troops(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected


def test_weapon_gap_reaches_are_the_patterns_longest_matches():
    """``_counted_weapon`` skips the regex for weapons farther than these reaches; they must be the longest
    gaps the patterns can match, or a counted weapon would be missed."""
    import re._parser as sre  # the standard library's own width computation

    from components import quantity_context as qc

    assert sre.parse(qc._WEAPON_BEFORE.pattern).getwidth()[1] == qc.WEAPON_BEFORE_REACH
    assert sre.parse(qc._WEAPON_AFTER.pattern).getwidth()[1] == qc.WEAPON_AFTER_REACH


def test_weapon_list_near_holds_every_weapon_a_count_can_take():
    """WeaponList.near gives, in order, every weapon whose gap to the count is within the patterns' reaches."""
    import random

    from components.quantity_context import WEAPON_AFTER_REACH, WEAPON_BEFORE_REACH, WeaponList

    rnd = random.Random(11)
    for _ in range(200):
        weapons = [(s, s + rnd.randint(1, 8), "") for s in (rnd.randint(0, 200) for _ in range(rnd.randint(0, 20)))]
        listed = WeaponList(weapons)
        start = rnd.randint(0, 200)
        end = start + rnd.randint(1, 6)
        assert listed.near(start, end) == [k for k, (s, e, _) in enumerate(weapons)
                                           if 0 <= start - e <= WEAPON_BEFORE_REACH or 0 <= s - end <= WEAPON_AFTER_REACH]


@pytest.mark.parametrize("text,span,expected", [
    # a merchant ship's crew are civilians (COUNT)
    ("攻撃を受けたのはギリシャ船籍のタンカーで、乗組員22人は無事だった。", "22人", ("COUNT", None)),
    ("黒海で貨物船が機雷に触れた。乗組員は全部で18人だという。", "18人", ("COUNT", None)),
    # a warship's, a tank's or an aircraft's crew are troops
    ("この駆逐艦は乗組員280人で動かす。", "280人", ("PERSONNEL", None)),
    ("輸送機には乗員5人が乗っていた。", "5人", ("PERSONNEL", None)),
    # the crew of a merchant ship killed are casualties all the same
    ("タンカーが被弾し、乗組員3人が死亡した。", "3人", ("CASUALTY", "killed")),
])
def test_merchant_and_military_crews(nlp, text, span, expected):
    assert cat(nlp, text, span) == expected
