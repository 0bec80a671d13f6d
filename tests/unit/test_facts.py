"""fact_extractor: events and participants of QUANTITY spans, tables, serialisation, joined pieces.

All example sentences are written for these tests. Most run on the fast
pipeline (SudachiPy tokenizer, no parser); the ``ginza`` ones run the same
components after ja_ginza's parser and bunsetu recogniser.
"""
from __future__ import annotations

import copy

import pytest
from spacy.tokens import DocBin

import components.facts  # noqa: F401  (registers the factory)
from components.attributes import get_span_attrs, merge_stores, register_extensions
from components.fact_tables import load_cues, load_tables, load_triggers, split_suffix
from components.facts import CUES_FILE, TRIGGERS_FILE
from components.tables import DATA_DIR

COMPONENTS = ("military_unit_recognizer", "weapon_recognizer", "quantity_extractor", "fact_extractor")
ROLES = ("trigger", "actor", "weapon", "target", "source")


@pytest.fixture(scope="module")
def nlp(nlp_blank):
    pipeline = copy.deepcopy(nlp_blank)
    for name in COMPONENTS:
        pipeline.add_pipe(name)
    return pipeline


def facts(doc):
    """``{quantity text: {"event": ..., role: text}}`` for the quantities that carry an event."""
    out = {}
    for span in doc.spans["quantities"]:
        attrs = get_span_attrs(span)
        if "event" in attrs:
            out[span.text] = {"event": attrs["event"], **{r: attrs[r]["text"] for r in ROLES if r in attrs}}
    return out


# --- tables ---------------------------------------------------------------------------------

def test_trigger_rows_and_overrides():
    triggers = load_triggers(["# comment", "排除\tCASUALTY", "失う\tDESTROY\tCASUALTY", "投入\tDEPLOY\t\tATTACK",
                              "使用\t-\t-\tATTACK"])
    assert triggers["失う"].event_for(person=True, munition=False) == "CASUALTY"
    assert triggers["失う"].event_for(person=False, munition=False) == "DESTROY"
    assert triggers["投入"].event_for(person=True, munition=False) == "DEPLOY"
    assert triggers["投入"].event_for(person=False, munition=True) == "ATTACK"
    assert triggers["使用"].event_for(person=False, munition=False) is None
    with pytest.raises(ValueError):
        load_triggers(["撃墜\tSHOOT"])


def test_packaged_tables_cover_the_reporting_vocabulary():
    with (DATA_DIR / TRIGGERS_FILE).open(encoding="utf-8") as t, (DATA_DIR / CUES_FILE).open(encoding="utf-8") as c:
        tables = load_tables(t, c)
    expected = {"撃墜": "INTERCEPT", "迎撃": "INTERCEPT", "着弾": "HIT", "撃沈": "DESTROY", "戦死": "CASUALTY",
                "負傷者": "CASUALTY", "鹵獲": "CAPTURE", "拠出": "SUPPLY", "動員": "DEPLOY", "製造": "PRODUCE",
                "空爆": "ATTACK"}
    assert {w: tables.triggers[w].event for w in expected} == expected
    assert tables.trigger("無人機攻撃").word == "攻撃"          # a longer noun ending with a trigger
    assert tables.trigger("攻撃機") is None                    # attack aircraft: no event
    assert {"によると", "によれば"} <= tables.cue("according")
    assert split_suffix("ゼレンスキー大統領", tables.cue("title")) == ("ゼレンスキー", "大統領")
    for path in (DATA_DIR / TRIGGERS_FILE, DATA_DIR / CUES_FILE):  # every row names its source
        rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
        assert all(len(row) >= 3 and row[-1].strip() for row in rows), path.name


def test_unknown_cue_kind_is_an_error():
    with pytest.raises(ValueError):
        load_cues(["quote\tと"])


# --- fast config (no parser) -------------------------------------------------------------------

def test_attack_with_every_role(nlp):
    doc = nlp("ウクライナ空軍によると、ロシア軍は5日未明、無人機「シャヘド」など約120機でオデーサ州を攻撃した。")
    assert facts(doc)["約120機"] == {"event": "ATTACK", "trigger": "攻撃", "actor": "ロシア軍", "weapon": "シャヘド",
                                   "target": "オデーサ州", "source": "ウクライナ空軍"}
    span = doc.spans["quantities"][0]
    trigger = get_span_attrs(span)["trigger"]
    assert doc.text[trigger["start"]:trigger["end"]] == "攻撃"


def test_passive_has_no_actor_and_quote_names_the_source(nlp):
    found = facts(nlp("ルーマニア国防省は、巡航ミサイル6発が撃墜されたと発表した。"))
    assert found["6発"]["event"] == "INTERCEPT"
    assert "actor" not in found["6発"]
    assert found["6発"]["source"] == "ルーマニア国防省"


def test_noun_triggers_and_a_breakdown(nlp):
    found = facts(nlp("砲撃で死者4人、負傷者19人(うち子ども3人)が出た。"))
    assert found["4人"]["trigger"] == "死者" and found["19人"]["trigger"] == "負傷者"
    assert found["3人"] == found["19人"]  # うち: the breakdown takes the count before it
    assert {f["event"] for f in found.values()} == {"CASUALTY"}


def test_list_after_uchiwake_inherits_the_event(nlp):
    found = facts(nlp("防空部隊は計30点を撃墜した。内訳は、無人機27機、ミサイル3発。"))
    assert found["30点"]["event"] == found["27機"]["event"] == found["3発"]["event"] == "INTERCEPT"
    assert found["27機"]["weapon"] == "無人機" and found["3発"]["weapon"] == "ミサイル"


def test_a_count_struck_is_the_target_of_a_hit(nlp):
    # 哨戒艇1隻に命中: the count is what was struck; what struck it is the subject
    found = facts(nlp("水上ドローンは黒海で哨戒艇1隻に命中した。ミサイル3発が住宅に命中した。"))
    assert found["1隻"]["event"] == "HIT"
    assert found["1隻"]["target"] == "哨戒艇" and found["1隻"]["weapon"] == "水上ドローン"
    assert found["3発"]["weapon"] == "ミサイル" and found["3発"]["target"] == "住宅"  # the count struck: as before


def test_supply_and_deploy_targets(nlp):
    found = facts(nlp("ドイツはウクライナに戦車14両を供与した。ロシア軍は国境付近に兵士5万人を集結させた。"))
    assert found["14両"] == {"event": "SUPPLY", "trigger": "供与", "actor": "ドイツ", "weapon": "戦車",
                            "target": "ウクライナ"}
    assert found["5万人"]["event"] == "DEPLOY" and found["5万人"]["target"] == "国境"  # 付近 left out


def test_aid_to_a_country_at_war_needs_no_war_word(nlp):
    # no unit, no weapon, no war word: Ukraine alone makes a pledge of money war aid, and only a supply
    found = facts(nlp("日本政府は8日、ウクライナに対する55億ドルの追加支援を表明した。"))
    assert found["55億ドル"]["event"] == "SUPPLY" and found["55億ドル"]["target"] == "ウクライナ"
    assert not facts(nlp("ウクライナの選手は決勝で2人を破った。"))  # a sports report naming Ukraine: no fact
    assert not facts(nlp("日本政府は8日、トルコに対する55億ドルの追加支援を表明した。"))  # aid elsewhere: not war


def test_who_announces_a_pledge_gives_it(nlp):
    found = facts(nlp("米国はウクライナに対し、総額4億ドルの軍事支援を発表した。"))
    assert found["4億ドル"]["actor"] == "米国" and found["4億ドル"]["source"] == "米国"
    # a figure about others' deeds keeps its reporter as the source alone
    found = facts(nlp("ロシア国防省は、ウクライナ軍のドローン50機の撃墜を発表した。"))
    assert found["50機"]["source"] == "ロシア国防省" and "actor" not in found["50機"]


def test_a_headline_sets_its_phrases_apart_by_spaces(nlp):
    """``…が120機撃墜 20機は消失``: the count before the space is a phrase of its own, with its verbal noun
    after it; drones lost in flight (消失, 消えた) were neutralised (ANNOTATION.md: INTERCEPT, jammed)."""
    found = facts(nlp("ウクライナ軍の防空部隊が無人機120機撃墜 20機は消失"))
    assert found["120機"]["event"] == "INTERCEPT" and found["120機"]["trigger"] == "撃墜"
    assert found["20機"]["event"] == "INTERCEPT"
    found = facts(nlp("ウクライナ軍によると、無人機20機は消失した。"))
    assert found["20機"]["event"] == "INTERCEPT" and found["20機"]["trigger"] == "消失"
    found = facts(nlp("ロシア軍の無人機は200機で、うち150機を撃ち落とし、30機は飛行中に消えた。"))
    assert found["30機"]["event"] == "INTERCEPT" and found["30機"]["trigger"] == "消え"
    assert "20人" not in facts(nlp("ロシア軍の攻撃の後、村から住民20人が消えた。"))  # people gone: no munition


def test_a_bare_count_counts_the_weapon_of_the_count_before(nlp):
    """``ATACMS8発を撃ち込み、7発は撃墜されたものの1発が着弾``: bare counts in the same counter count the same
    weapon; a count in another counter, or two sentences on, does not."""
    found = facts(nlp("ウクライナ軍は飛行場に向けてATACMS8発を撃ち込み、7発は撃墜されたものの1発が着弾した。"))
    assert [found[c].get("weapon") for c in ("8発", "7発", "1発")] == ["ATACMS"] * 3
    assert found["1発"]["target"] == "飛行場"  # it struck where the attack was aimed
    found = facts(nlp("ロシア軍はミサイル8発を発射した。防空部隊は反撃した。夜には3発が着弾した。"))
    assert "weapon" not in found["3発"]
    found = facts(nlp("ロシア国防省は、ウクライナ軍のドローン(無人機)計158機を撃ち落としたと公表した。"))
    assert found["158機"]["weapon"] == "無人機"  # a total word after the gloss's bracket
    found = facts(nlp("防空部隊は州内で9機の「シャヘド136」を撃墜した。"))  # a quoted name after の
    assert found["9機"]["weapon"] == "シャヘド136"


def test_a_body_named_after_its_kind(nlp):
    """``民兵組織フーシ派を標的に``: what is aimed at is the target, named without the kind of body before it;
    a katakana name after such a kind (イスラム組織ハマス) is a body that can report."""
    found = facts(nlp("民兵組織フーシ派を標的に、連合軍は35回の攻撃を実施した。"))
    assert found["35回"]["target"] == "フーシ派" and found["35回"]["actor"] == "連合軍"
    found = facts(nlp("イスラム組織ハマスは、イスラエル軍の空爆で住民50人が死亡したと発表した。"))
    assert found["50人"]["source"] == "ハマス" and found["50人"]["actor"] == "イスラエル軍"


def test_the_subject_of_a_verb_of_undergoing_is_the_target(nlp_places):
    """``キーウは…攻撃を受けた``, ``ロシア軍は…死傷者を出した``: the subject underwent the event (target); the owner
    before the count attacked; a count that is itself the subject (住宅20棟が被害を受けた) keeps its place."""
    found = facts(nlp_places("キーウは未明、ロシア軍の無人機50機による攻撃を受けた。"))
    assert found["50機"]["target"] == "キーウ" and found["50機"]["actor"] == "ロシア軍"
    found = facts(nlp_places("ロシア軍はバフムトで2万人の死傷者を出した。"))
    assert found["2万人"]["target"] == "ロシア軍" and "actor" not in found["2万人"]
    found = facts(nlp_places("ハルキウ州ではロシア軍の砲撃で住宅20棟が被害を受けた。"))
    assert found["20棟"]["target"] == "ハルキウ州" and found["20棟"]["actor"] == "ロシア軍"


def test_counts_whose_event_is_told_around_them(nlp):
    # the copula left out before a comma: the topic's relative clause names the event (投じられた…傭兵は5万人、)
    found = facts(nlp("戦争に投じられたワグネルの傭兵は5万人、そのうち4万人が囚人とみられる。"))
    assert found["5万人"]["event"] == "DEPLOY" and found["5万人"]["trigger"] == "投じ"
    # a count that was lost (passive) is the loss; the whole it is taken from (Nのうち) reports none
    found = facts(nlp("ロシア軍の攻撃で、守備隊の総員6800名のうち5200名が失われた。"))
    assert found["5200名"]["event"] == "CASUALTY" and "6800名" not in found
    # an amount that stays at a figure (…にとどまった) goes on with the event before it
    found = facts(nlp("ロシア軍向けにT-72は2万両が作られたのに対し、T-64は1万2500両程度にとどまった。"))
    assert found["1万2500両程度"]["event"] == "PRODUCE"


def test_a_cleft_whose_focus_names_its_item_as_a_subject(nlp):
    """``イランから飛んできたのは無人機が170機、巡航ミサイルが30発``: drones and missiles that flew in were launched."""
    found = facts(nlp("イスラエル軍によると、イランから飛んできたのは無人機が170機、巡航ミサイルが30発だった。"))
    assert found["170機"]["event"] == "ATTACK" and found["30発"]["event"] == "ATTACK"
    assert found["170機"]["trigger"] == "飛んでき"  # the verb of motion toward the writer
    found = facts(nlp("イスラエル軍によると、飛んできたのは無人航空機(ドローン)が170機、巡航ミサイルが30発だった。"))
    assert found["170機"]["event"] == "ATTACK" and found["30発"]["event"] == "ATTACK"  # a gloss, a list of subjects
    found = facts(nlp("ロシア軍は湾内に艦艇22隻が集まったと発表した。"))  # ships massed
    assert found["22隻"]["event"] == "DEPLOY"
    assert "100人" not in facts(nlp("ロシア軍の撤退後、広場に住民100人が集まった。"))  # people gathering: none


def test_a_participant_glossed_in_brackets_is_the_term_before_the_gloss(nlp):
    found = facts(nlp("防衛相は、中国軍の弾道ミサイル5発が日本のEEZ(排他的経済水域)内に落ちたと述べた。"))
    assert found["5発"]["event"] == "HIT" and found["5発"]["target"] == "EEZ"


def test_troops_sent_in_the_passive(nlp_places):
    """``北朝鮮の兵士1万人がロシアに派遣された``: whose troops they are sent them; the place with に is where to."""
    found = facts(nlp_places("北朝鮮の兵士1万人がロシアに派遣された。"))
    assert found["1万人"]["actor"] == "北朝鮮" and found["1万人"]["target"] == "ロシア"
    found = facts(nlp_places("米国の戦車31両がウクライナに供与された。"))
    assert found["31両"]["actor"] == "米国" and found["31両"]["target"] == "ウクライナ"


def test_a_clause_stated_with_to_suru(nlp):
    """``国防省は敵が…を失ったとしている``: する after a quoted clause states it (the topic is the source, not the
    side that lost); ``…したとされる`` is hearsay, whose topic stays the clause's own."""
    found = facts(nlp("国防省は敵が戦車3両と歩兵戦闘車3両を失ったとしている。"))
    assert found["3両"]["source"] == "国防省" and found["3両"].get("target") != "国防省"
    found = facts(nlp("北朝鮮は、ロシアに約1万人の兵士を派遣したとされる。"))
    assert found["約1万人"]["actor"] == "北朝鮮" and "source" not in found["約1万人"]
    found = facts(nlp("ロシア軍は戦車10台を新たに派遣した。"))  # an adverb (新たに) is no place sent to
    assert found["10台"]["event"] == "DEPLOY" and "target" not in found["10台"]


def test_forces_in_an_exercise_lives_lost_and_arms_passed(nlp):
    # taking part in an exercise deploys (in the sentence of the exercise or the next); elsewhere it does not
    found = facts(nlp("ロシア軍によると、戦車760両と約20万人の兵士が演習に加わった。8か国から約2,000人が参加した。"))
    assert [found[c]["event"] for c in ("760両", "約20万人", "約2,000人")] == ["DEPLOY"] * 3
    assert "target" not in found["約20万人"]  # the exercise joined is no place sent to
    assert "200人" not in facts(nlp("ロシア軍の侵攻を巡る国際会議には、代表団200人が参加した。"))
    # lives lost (命を落とす, 命が奪われる) are casualties; arms that passed or reached a side were supplied
    found = facts(nlp("ロシア軍の攻撃で、少なくとも民間人378人が命を落とした。"))
    assert found["378人"]["event"] == "CASUALTY" and found["378人"]["trigger"] == "命を落とし"  # the idiom
    found = facts(nlp("北朝鮮からロシア軍には数百万発の砲弾が届き、自走砲など100門が渡った。"))
    assert found["数百万発"]["event"] == "SUPPLY" and found["100門"]["event"] == "SUPPLY"
    found = facts(nlp("米軍のパトリオットが、弾道ミサイル1発を迎え撃った。"))
    assert found["1発"]["event"] == "INTERCEPT"
    # counts before and after a change (…回から…回に増えた) count the topic's event
    found = facts(nlp("英国防省によれば、ロシア軍の攻撃は2月の721回から3月には806回に増えた。"))
    assert found["721回"]["event"] == "ATTACK" and found["806回"]["event"] == "ATTACK"


def test_losses_of_one_report_are_the_same_sides(nlp):
    """``ウクライナ軍の損失は230人以上に上り、戦車1台、大砲4台が破壊された``: the losses after the side's own
    go on being that side's, in the sentence and the next."""
    found = facts(nlp("同省によれば、ウクライナ軍の損失は230人以上に上り、戦車1台、大砲4台が破壊された。"
                      "2週間では兵士5,600人以上が死亡した。"))
    assert [found[c].get("target") for c in ("230人以上", "1台", "4台", "5,600人以上")] == ["ウクライナ軍"] * 4


def test_counts_inside_the_one_before_and_missiles_that_struck(nlp):
    found = facts(nlp("ロシア国防省によると、ウクライナ軍は兵士5,600人以上と装備品570点以上を失い、"
                      "その中には戦車40台、歩兵戦闘車213台が含まれる。"))
    assert found["40台"]["event"] == "DESTROY" and found["213台"]["event"] == "DESTROY"  # その中には…
    found = facts(nlp("ウクライナ軍の対艦ミサイル2発が当たり、火災が起きた。"))
    assert found["2発"]["event"] == "HIT" and found["2発"]["trigger"] == "当たり"


def test_the_un_reports_and_a_title_of_two_titles(nlp):
    found = facts(nlp("国連の集計では、ロシア軍の攻撃で少なくとも民間人378人が命を落とした。"))
    assert found["378人"]["source"] == "国連"
    found = facts(nlp("ロシアのウラジーミル・メディンスキー大統領補佐官は、ロシア軍の兵士27人が死亡したと述べた。"))
    assert found["27人"]["source"] == "ウラジーミル・メディンスキー"  # 大統領|補佐官 both left out


def test_the_owner_of_a_weapon_subject_and_a_giver_of_what_arrived(nlp):
    found = facts(nlp("米軍の地対空ミサイル・パトリオットが、弾道ミサイル1発を迎え撃った。"))
    assert found["1発"]["actor"] == "米軍"  # the owner of the subject's modifier
    found = facts(nlp("北朝鮮からロシア軍には数百万発の砲弾が届いている。"))
    assert found["数百万発"]["actor"] == "北朝鮮"  # what arrived from someone was given by them
    found = facts(nlp("バイカル社は、無人機をクウェート国防省から3億7000万ドルで受注した。ウクライナ軍も使う。"))
    assert found.get("3億7000万ドル", {}).get("actor") != "クウェート国防省"  # an order from a customer


def test_a_wound_borne_is_a_casualty(nlp):
    found = facts(nlp("ミサイル1発が着弾し、兵士2名が軽傷を負った。"))
    assert found["2名"]["event"] == "CASUALTY" and found["2名"]["trigger"] == "軽傷"


def test_a_buyer_receives_and_the_seller_supplies(nlp):
    found = facts(nlp("ロシア側は中国メーカーから無人機100機を買い付けた。"))
    assert found["100機"]["event"] == "SUPPLY"
    assert found["100機"]["actor"] == "中国メーカー" and found["100機"]["target"] == "ロシア側"
    found = facts(nlp("ドイツはウクライナに戦車14両を供与した。"))  # a giver stays the actor
    assert found["14両"]["actor"] == "ドイツ" and found["14両"]["target"] == "ウクライナ"


def test_casualties_take_the_place_and_the_attack_of_their_sentence(nlp_places):
    # the place marked with で hangs on another predicate of the sentence: still where they died
    found = facts(nlp_places("西部の都市リヴィウでロシアのミサイルが集合住宅に当たり、少なくとも4人が死亡した。"))
    assert found["少なくとも4人"]["event"] == "CASUALTY" and found["少なくとも4人"]["target"] == "リヴィウ"
    # an attack clause chained before the count: its attacker and the place it struck
    found = facts(nlp_places("当局は、ロシア軍が首都キーウを攻撃し、少なくとも28人が亡くなったと公表した。"))
    assert found["少なくとも28人"]["actor"] == "ロシア軍" and found["少なくとも28人"]["target"] == "キーウ"
    # the side as the topic right before the count
    found = facts(nlp_places("ロシア軍の被害について、バフムトだけでロシア側は2万人以上が死亡した。"))
    assert found["2万人以上"]["target"] == "ロシア側"
    # a strike clause: its weapon, and the weapon's owner as the actor
    found = facts(nlp_places("リヴィウでロシアのミサイルが集合住宅に当たり、少なくとも4人が死亡した。"))
    assert found["少なくとも4人"]["weapon"] == "ミサイル" and found["少なくとも4人"]["actor"] == "ロシア"
    # the weapon named in the modifier of the cause
    found = facts(nlp_places("地雷などの爆発物で今月までに市民258人が死亡した。"))
    assert found["258人"]["weapon"] == "地雷"
    # the cause written as a noun (…無人機攻撃で) is no attack clause: the reporter is not made the attacker
    found = facts(nlp_places("州軍行政府は、ロシア軍による砲撃と無人機攻撃で2人が死亡したと発表した。"))
    assert found["2人"].get("actor") != "州軍行政府"


def test_more_ways_of_attribution(nlp_places):
    found = facts(nlp_places("ウクライナのイホル・クリメンコ内相によると、リヴィウでミサイル攻撃により4人が死亡した。"))
    assert found["4人"]["source"] == "イホル・クリメンコ"  # 内相: a title, left out
    found = facts(nlp_places("地元当局の話では、ロシア軍の攻撃で乗員13人がけがをした。"))
    assert found["13人"]["source"] == "地元当局"  # Xの話では, as Xの発表では
    found = facts(nlp_places("ロシア国防省の説明では、ロシア軍はATACMS3発を破壊した。"))
    assert found["3発"]["source"] == "ロシア国防省"


def test_a_report_keeps_its_source_from_sentence_to_sentence(nlp_places):
    found = facts(nlp_places("ロシア国防省の説明では、ロシア軍はATACMS3発を破壊した。さらにミサイル8発が撃ち込まれ、"
                             "7発が撃墜されたという。"))
    assert found["3発"]["source"] == "ロシア国防省"
    assert found["8発"]["source"] == "ロシア国防省" and found["7発"]["source"] == "ロシア国防省"


def test_a_concessive_clause_ends_before_the_next_count(nlp):
    # ものの ("although") ends the clause of 7発: 撃墜された is no relative clause on 1発
    found = facts(nlp("ミサイル8発が撃ち込まれ、7発は撃墜されたものの1発が着弾した。"))
    assert found["7発"]["event"] == "INTERCEPT" and found["1発"]["event"] == "HIT"


def test_what_an_attack_used_was_launched(nlp):
    found = facts(nlp("攻撃には440機のドローンとミサイル30発が使われたという。"))
    assert found["440機"]["event"] == "ATTACK" and found["440機"]["trigger"] == "攻撃"
    assert found["30発"]["event"] == "ATTACK"


def test_a_count_before_the_continuative_copula_is_its_topics_predicate(nlp):
    found = facts(nlp("反攻を始めてから兵士15万9000人が死亡し、失った戦車は776両で、ほかに装甲車も多い。"))
    assert found["776両"]["event"] == "DESTROY" and found["776両"]["trigger"] == "失っ"


def test_a_quoted_count_of_a_topic_with_a_light_verb_clause(nlp):
    # 被害を受けたアパートは50戸以上だと: the count, quoted, is the topic's predicate; the topic's clause is a
    # light verb whose object names the event
    found = facts(nlp("市長は動画で、ロシア軍の攻撃で被害を受けたアパートは50戸以上だと語った。"))
    assert found["50戸以上"]["event"] == "DESTROY" and found["50戸以上"]["trigger"] == "被害"


def test_a_designation_with_a_hyphen_is_one_chunk():
    import spacy
    from components.fact_chunks import chunk_doc

    nlp = spacy.blank("ja", config={"nlp": {"tokenizer": {"split_mode": "C"}}})
    cd = chunk_doc(nlp("配備済みのF-35Bは5機だ。"))
    assert [cd.content(c) for c in cd.chunks][:2] == ["配備済み", "F-35B"]


def test_troops_committed_and_aircraft_arrived_are_deployed(nlp):
    found = facts(nlp("ウクライナ戦争に投じられたワグネルの傭兵は5万人だった。"))
    assert found["5万人"]["event"] == "DEPLOY"
    assert facts(nlp("基地には3機のF-35Bが到着した。"))["3機"]["event"] == "DEPLOY"
    assert "23億ユーロ" not in facts(nlp("ポーランドは防空に23億ユーロを投じると明らかにした。"))  # money spent


def test_a_list_item_may_carry_a_note_and_a_quoted_name(nlp):
    found = facts(nlp("攻撃の内訳は次の通り。\n・無人機315機(発射地点はクルスク、オリョール、シャタロヴォ、プリモルスコ=アフタルスク)\n"
                      "・弾道ミサイル「KN23」2弾(ヴォロネジ州から)\n・巡航ミサイル「イスカンデルK」5弾"))
    assert [found[k]["event"] for k in ("315機", "2弾", "5弾")] == ["ATTACK"] * 3


def test_a_spokesman_speaks_for_the_body_that_acted(nlp):
    found = facts(nlp("ウクライナ海軍の報道官は、黒海でロシア黒海艦隊の哨戒艇1隻を水上ドローンで撃沈したと述べた。"))
    assert found["1隻"]["actor"] == "ウクライナ海軍"
    found = facts(nlp("ウクライナ空軍のイフナト報道官は、巡航ミサイル8発のうち5発を撃墜したと述べた。"))
    assert found["5発"]["actor"] == "ウクライナ空軍" and found["5発"]["source"] == "イフナト"


def test_an_agent_with_niyoru_before_listed_causes(nlp):
    # ロシア軍による砲撃と: による modifies the noun after it; 砲撃と is no predicate of its own
    found = facts(nlp("州軍行政府は、ロシア軍による砲撃と無人機攻撃で過去24時間に2人が死亡したと発表した。"))
    assert found["2人"]["actor"] == "ロシア軍"


@pytest.mark.parametrize("text,count,source", [
    ("国防相が示した数字によると、ウクライナ軍は戦車300両を失った。", "300両", "国防相"),  # who gave the figures
    ("英国防省が公表した推計によれば、ロシア軍は戦車200両を失った。", "200両", "英国防省"),
    ("地元メディアの報道では、ロシア軍の兵士500人が死亡した。", "500人", "地元メディア"),  # the press reports
    ("ロイター通信(5月2日付)は、ヨルダン軍が無人機30機を撃墜したと伝えた。", "30機", "ロイター通信"),  # a dated topic
])
def test_sources_named_around_a_report_noun_or_a_dated_topic(nlp, text, count, source):
    assert facts(nlp(text))[count]["source"] == source


def test_an_agency_whose_name_holds_a_report_noun_is_a_source(nlp):
    # 情報機関 holds 情報 (a report noun: Xの情報では) but its head is 機関, a body: it is the source itself,
    # with the names joined before it
    found = facts(nlp("韓国と欧米の情報機関によると、北朝鮮はロシアに約1万人の兵士を派遣した。"))
    assert found["約1万人"]["source"] == "韓国と欧米の情報機関"
    found = facts(nlp("英国防省の最新の情報によると、ロシア軍は戦車10両を失った。"))
    assert found["10両"]["source"] == "英国防省"  # the head is the report noun: its owner reports


def test_since_the_start_of_a_period_is_no_predicate(nlp):
    # 今月に入り: an adverbial phrase; the subject before it belongs to the verb after it
    found = facts(nlp("情報院は、北朝鮮が今月に入り工兵部隊約1000人をロシアに追加派遣したとの分析を報告した。"))
    assert found["約1000人"]["actor"] == "北朝鮮"


def test_a_passive_delivery_names_its_giver_with_kara(nlp):
    found = facts(nlp("チャレンジャー2戦車14両が昨年、英国からウクライナへ送られた。"))
    assert found["14両"]["event"] == "SUPPLY" and found["14両"]["actor"] == "英国"
    # a direction is no agent of a passive attack
    found = facts(nlp("ロシア軍の飛行場に向けてミサイル8発が撃ち込まれた。"))
    assert found["8発"]["event"] == "ATTACK" and "actor" not in found["8発"]


def test_a_relative_clause_on_coordinated_nouns(nlp):
    # 放った|ミサイルと|無人機は322点で: the clause is on both nouns; its subject is the actor
    found = facts(nlp("空軍は、ロシア軍がウクライナへ放ったミサイルと無人機は322点で、その内220点を撃ち落としたと伝えた。"))
    assert found["322点"]["event"] == "ATTACK" and found["322点"]["actor"] == "ロシア軍"
    assert found["220点"]["event"] == "INTERCEPT"


def test_a_date_names_no_participant(nlp_places):
    # 25日には is when, not a goal; the direction after it is the target
    found = facts(nlp_places("25日にはクルスクの飛行場に向けてミサイル8発が撃ち込まれた。"))
    assert found["8発"]["event"] == "ATTACK" and found["8発"].get("target") == "飛行場"


def test_a_rank_is_left_out_of_its_body_and_a_quoted_weapon_counts(nlp):
    found = facts(nlp("ロシア軍の被害について、アメリカ政府高官は推定10万人以上の死傷者が出ていると明かした。"))
    assert found["10万人以上"]["source"] == "アメリカ政府"  # 高官: a rank, not the office of a body (州知事)
    found = facts(nlp("ゲパルトは11月までにイラン製自爆ドローン「シャヘド136」を10機以上破壊した。"))
    assert found["10機以上"]["weapon"] == "シャヘド136"  # the closing quote before を


def test_an_estimated_count_is_its_topics_predicate(nlp_places):
    found = facts(nlp_places("ベラルーシに駐留するワグネルの戦闘員は約4000人とみられ、一部はアフリカへ移動した。"))
    assert found["約4000人"]["event"] == "DEPLOY" and found["約4000人"]["target"] == "ベラルーシ"


def test_troops_recruited_are_deployed(nlp):
    # ANNOTATION.md: DEPLOY covers troops "mobilised or recruited"
    found = facts(nlp("ロシア軍は今年1月以降に契約軍人として約19万人を新たに採用したと述べた。"))
    assert found["約19万人"]["event"] == "DEPLOY"
    assert facts(nlp("ワグネル部隊は先週、3万人を追加で募っていると明かした。"))["3万人"]["event"] == "DEPLOY"


def test_a_label_in_lenticular_brackets_heads_its_figure(nlp):
    found = facts(nlp("ウクライナ支援の寄付を団体にお渡ししました。 【寄付総額】 ¥30,000,000"))
    assert found["¥30,000,000"]["event"] == "SUPPLY" and found["¥30,000,000"]["trigger"] == "寄付"


def test_people_turn_a_loss_into_casualties(nlp):
    found = facts(nlp("部隊は戦車7両を失った。部隊は兵士40人を失った。"))
    assert found["7両"]["event"] == "DESTROY" and found["40人"]["event"] == "CASUALTY"


def test_second_sentence_keeps_the_source(nlp):
    found = facts(nlp("州知事によると、夜間の攻撃で住宅12棟が損傷した。死者は2人に上った。"))
    assert found["12棟"]["event"] == "DESTROY" and found["12棟"]["source"] == "州知事"
    assert found["2人"]["event"] == "CASUALTY" and found["2人"]["trigger"] == "死者"
    assert found["2人"]["source"] == "州知事"


def test_a_breakdown_recounts_the_event_by_what_it_counts(nlp):
    """Counts that take an earlier count's fact get the event its trigger gives them: people lost
    are casualties, vehicles lost after them are destroyed."""
    found = facts(nlp("敵部隊は兵士40人を失った。内訳は将校3人、戦車5両だった。"))
    assert found["40人"]["event"] == found["3人"]["event"] == "CASUALTY"
    assert found["5両"]["event"] == "DESTROY"


def test_a_count_inside_the_next_takes_its_fact(nlp):
    found = facts(nlp("旅団は先週、戦車8両を含む装甲車両52両を失った。"))
    assert found["8両"]["event"] == found["52両"]["event"] == "DESTROY"
    assert found["8両"]["weapon"] == "戦車" and found["8両"]["trigger"] == "失っ"


@pytest.mark.parametrize("text", [
    "同軍参謀本部によると、敵の損失は以下の通り。人員約1200人（+310）、戦車41両（+2）、装甲車82台（+5）。",
    "敵部隊の損失：戦車41両、装甲車82台\n人員約1200人",
    "国防省は敵の損失を次のようにまとめた。\n\n戦車41両\n\n装甲車82台\n\n人員約1200人",
])
def test_counts_listed_under_a_header_take_its_fact(nlp, text):
    found = facts(nlp(text))
    assert found["41両"]["event"] == found["82台"]["event"] == "DESTROY"
    assert found["約1200人"]["event"] == "CASUALTY"
    assert {f["trigger"] for f in found.values()} == {"損失"}
    assert found["41両"]["weapon"] == "戦車"


def test_a_list_ends_at_a_clause_and_a_colon_needs_a_trigger(nlp):
    found = facts(nlp("ロシア軍の損失は以下の通り。戦車41両。前線では兵士12人が到着した。"))
    assert found["41両"]["event"] == "DESTROY" and "12人" not in found
    assert facts(nlp("出典：ロシア軍の戦車41両")) == {}


def test_a_means_verb_passes_the_count_to_the_next_predicate(nlp):
    found = facts(nlp("敵は夜間に無人機60機とミサイル5発を使い、港を攻撃した。"))
    assert found["60機"]["event"] == found["5発"]["event"] == "ATTACK"
    assert found["60機"]["trigger"] == "攻撃" and found["5発"]["weapon"] == "ミサイル"
    # the topic of the means clause acts in the main one
    assert facts(nlp("ロシア軍は夜間に無人機60機を使って港を攻撃した。"))["60機"]["actor"] == "ロシア軍"
    assert facts(nlp("ロシア軍は無人機50機を使って攻撃した。"))["50機"]["actor"] == "ロシア軍"
    # a clause cut by a comma (使い、) leads to the next predicate, not to the noun after it
    assert facts(nlp("ロシア軍は無人機40機を使い、港を攻撃した。"))["40機"]["actor"] == "ロシア軍"


def test_a_bound_verb_before_its_item_is_part_of_the_count(nlp):
    # 超える modifies ミサイル: the counts hang from 使用, whose object is what was used, not a target
    found = facts(nlp("ロシア軍が1200機以上の攻撃ドローン、50発を超えるミサイルを使用した。"))
    assert found["1200機以上"]["event"] == found["50発を超える"]["event"] == "ATTACK"
    assert found["50発を超える"]["weapon"] == "ミサイル" and "target" not in found["50発を超える"]
    assert found["50発を超える"]["actor"] == "ロシア軍"
    # a bound verb that ends a clause is still its predicate
    assert facts(nlp("首都周辺では無人機の飛来が120回を超え、空港が閉鎖された。"))["120回を超え"]["event"] == "ATTACK"


def test_a_claimant_is_the_source_not_the_actor_of_the_claimed_clause(nlp):
    # the topic before a clause quoted with と and a verb of claiming is the claimant; the clause's own
    # subject (a weapon) names the actor by its owner
    found = facts(nlp("ロシア国防省は、ウクライナ軍の無人機が同日、民間人2人を殺害したと主張した。"))["2人"]
    assert found["event"] == "CASUALTY" and found["actor"] == "ウクライナ軍" and found["source"] == "ロシア国防省"
    # a report of one's own act: the topic acts and reports
    found = facts(nlp("ロシア国防省は、無人機100機を撃墜したと発表した。"))["100機"]
    assert found["actor"] == "ロシア国防省" and found["source"] == "ロシア国防省"
    # hearsay (という) is no claim: the topic stays the clause's own
    found = facts(nlp("兵士2人は、いずれも負傷していたという。"))
    assert found["2人"]["event"] == "CASUALTY"


def test_bombs_dropped_are_an_attack_and_a_time_of_day_no_target(nlp):
    found = facts(nlp("敵の航空機が滑空爆弾3発を投下した。"))
    assert found["3発"]["event"] == "ATTACK" and found["3発"]["trigger"] == "投下"
    found = facts(nlp("敵は夜間に無人機142機を発射した。"))
    assert found["142機"]["event"] == "ATTACK" and "target" not in found["142機"]


@pytest.mark.parametrize("text,count,trigger", [
    ("同軍の死傷者は約9万人にのぼる可能性があるとしている。", "約9万人", "死傷者"),  # kana のぼる; the topic hangs later
    ("これまでの死者数が同軍で最大4万2000人に上るとされる。", "最大4万2000人", "死者数"),
    ("敵の部隊は人員約2100人を損耗した。", "約2100人", "損耗"),
    ("市場への砲撃は少なくとも12人の命を奪った。", "少なくとも12人", "命を奪っ"),  # lives taken, not a capture
])
def test_casualty_totals_of_real_reporting(nlp, text, count, trigger):
    found = facts(nlp(text))
    assert found[count]["event"] == "CASUALTY" and found[count]["trigger"] == trigger


def test_an_area_taken_is_captured_but_an_area_is_no_event(nlp):
    found = facts(nlp("同軍は南部で約140平方キロを制圧した。"))
    assert found["約140平方キロ"]["event"] == "CAPTURE"
    assert facts(nlp("ロシア軍が攻撃を続ける州の面積は約2万6000平方キロに及ぶ。")) == {}


@pytest.mark.parametrize("text", ["前線から約20キロの村に避難した。", "1発あたり約300万ドルとされる。",
                                  "村の人口は約2000人だ。", "作戦の成功率は約8割と見られる。",
                                  "兵士12人を含む代表団が到着した。"])
def test_quantities_that_report_no_event(nlp, text):
    doc = nlp(text)
    assert len(doc.spans["quantities"]) >= 1
    assert facts(doc) == {}


# --- serialisation and joined pieces -----------------------------------------------------------

TEXT = "ウクライナ空軍は、ロシアの無人機45機を撃墜したと発表した。"


def test_docbin_round_trip(nlp):
    doc = nlp(TEXT)
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    back = list(DocBin().from_bytes(data).get_docs(nlp.vocab))[0]
    assert facts(back) == facts(doc) and facts(doc)["45機"]["event"] == "INTERCEPT"


def test_n_process(nlp):
    texts = [TEXT, "ドイツはウクライナに戦車14両を供与した。"]
    assert [facts(d) for d in nlp.pipe(texts, n_process=2)] == [facts(nlp(t)) for t in texts]


def test_joined_pieces_shift_role_offsets(nlp):
    register_extensions()
    first, second = "前置きの文です。", TEXT
    docs = [nlp(first), nlp(second)]
    merged = merge_stores([(d._.gunji_attrs, off) for d, off in zip(docs, (0, len(first)))])
    whole = first + second
    (key, attrs), = [(k, a) for k, a in merged.items() if k.startswith("QUANTITY:")]
    for role in ("trigger", "weapon", "source"):
        assert whole[attrs[role]["start"]:attrs[role]["end"]] == attrs[role]["text"]
    assert attrs["trigger"]["start"] == len(first) + second.index("撃墜")


# --- full config (ja_ginza's tokens; with use_ginza, its parse, bunsetu and entities) ----------

@pytest.fixture(scope="module", params=[False, True], ids=["particles", "use_ginza"])
def ginza_pipes(nlp_ginza, request):
    # the shared pipeline stays unchanged; the facts read particles (default) or GiNZA's parse (use_ginza)
    return [nlp_ginza.create_pipe(name, config={"use_ginza": request.param} if name == "fact_extractor" else {})
            for name in COMPONENTS]


@pytest.mark.ginza
def test_full_config_facts_are_the_fast_ones_by_default(nlp_ginza, nlp):
    """By default the extractor reads particles and clause order in both configs: the facts of a sentence do not
    depend on GiNZA's parse (only on the tokens, which are Sudachi's mode C in both)."""
    pipes = [nlp_ginza.create_pipe(name) for name in COMPONENTS]
    for text in ("ウクライナ空軍によると、ロシア軍は5日未明、無人機「シャヘド」など約120機でオデーサ州を攻撃した。",
                 "英国防省によると、ロシア軍の死傷者は約90万人に上る。",
                 "キーウは未明、ロシア軍の無人機50機による攻撃を受けた。"):
        assert ginza_facts(nlp_ginza, pipes, text) == facts(nlp(text))


def ginza_facts(nlp_ginza, pipes, text):
    doc = nlp_ginza(text)
    for pipe in pipes:
        doc = pipe(doc)
    return facts(doc)


@pytest.mark.ginza
def test_ginza_attack_and_quote(nlp_ginza, ginza_pipes):
    found = ginza_facts(nlp_ginza, ginza_pipes,
                        "ウクライナ空軍によると、ロシア軍は5日未明、無人機「シャヘド」など約120機でオデーサ州を攻撃した。")
    assert found["約120機"] == {"event": "ATTACK", "trigger": "攻撃", "actor": "ロシア軍", "weapon": "シャヘド",
                                "target": "オデーサ州", "source": "ウクライナ空軍"}
    found = ginza_facts(nlp_ginza, ginza_pipes, "米国は、ウクライナに装甲車40両を供与すると明らかにした。")
    assert found["40両"]["event"] == "SUPPLY" and found["40両"]["source"] == "米国"
    assert found["40両"]["target"] == "ウクライナ"


@pytest.mark.ginza
def test_ginza_amount_and_hearsay(nlp_ginza, ginza_pipes):
    found = ginza_facts(nlp_ginza, ginza_pipes, "英国防省によると、ロシア軍の死傷者は約90万人に上る。")
    assert found["約90万人"] == {"event": "CASUALTY", "trigger": "死傷者", "target": "ロシア軍", "source": "英国防省"}
    found = ginza_facts(nlp_ginza, ginza_pipes, "イランはロシアに無人機およそ3000機を売却したとされる。")
    assert found["およそ3000機"]["event"] == "SUPPLY" and "source" not in found["およそ3000機"]


@pytest.mark.ginza
def test_ginza_cause_agent_and_passive(nlp_ginza, ginza_pipes):
    found = ginza_facts(nlp_ginza, ginza_pipes, "ロシア軍の砲撃で住民3人が死亡し、タンカー1隻が炎上した。")
    assert found["3人"]["event"] == "CASUALTY" and found["3人"]["actor"] == "ロシア軍"
    assert found["1隻"]["event"] == "DESTROY"


def test_tables_travel_with_the_pipeline(nlp, tmp_path):
    import spacy

    nlp.to_disk(tmp_path / "model")
    assert (tmp_path / "model" / "fact_extractor" / TRIGGERS_FILE).exists()
    assert (tmp_path / "model" / "fact_extractor" / CUES_FILE).exists()
    loaded = spacy.load(tmp_path / "model")
    assert facts(loaded(TEXT)) == facts(nlp(TEXT))


@pytest.mark.parametrize("text", ["サッカーの試合で、FWが後半だけで2点を奪い、逆転勝ちした。",
                                  "前回の台風では住宅15棟が全半壊した。"])
def test_no_facts_outside_war_reporting(nlp, text):
    doc = nlp(text)
    assert len(doc.spans["quantities"]) == 1 and facts(doc) == {}


@pytest.mark.parametrize("text,count,weapon", [
    # a class noun right after a system's name classifies it: the count is about the named system
    ("ロシア軍はシャヘド型無人機90機を発射した。", "90機", "シャヘド型"),
    ("米国はM1エイブラムス戦車31両を供与した。", "31両", "M1エイブラムス"),
    # a class written before the name: the name is the nearest mention already
    ("ウクライナ軍は戦闘爆撃機Su-34を5機撃墜した。", "5機", "Su-34"),
])
def test_the_weapon_of_a_count_is_the_named_system(nlp, text, count, weapon):
    assert facts(nlp(text))[count]["weapon"] == weapon


@pytest.fixture(scope="module")
def nlp_places(nlp_blank):
    pipeline = copy.deepcopy(nlp_blank)
    for name in ("military_unit_recognizer", "weapon_recognizer", "place_recognizer", "quantity_extractor",
                 "fact_extractor"):
        pipeline.add_pipe(name)
    return pipeline


def test_the_place_an_attack_or_a_loss_happened_in_is_its_target(nlp_places):
    # キーウ州で…殺害: with no object naming what was attacked, the place marked with で is the place attacked
    found = facts(nlp_places("ロシア軍はハルキウで住民3人を殺害した。"))
    assert found["3人"]["event"] == "CASUALTY" and found["3人"]["target"] == "ハルキウ"
    assert found["3人"]["actor"] == "ロシア軍"
    # an object names the target: the place stays the fact's place, not its target
    found = facts(nlp_places("ロシア軍はハルキウで無人機20機を使って発電所を攻撃した。"))
    assert found["20機"]["target"] == "発電所"
    # a supply's で is no place attacked
    found = facts(nlp_places("ドイツはベルリンで戦車14両の供与を発表した。"))
    assert found.get("14両", {}).get("target") != "ベルリン"


def test_span_list_lookups_equal_a_pass_over_every_span():
    """The fact rules bisect a SpanList to the spans near a window; what they find is what a full pass finds."""
    import random

    from components.fact_roles import SpanList, _ending_in, _inside, _starting_at

    rnd = random.Random(7)
    for _ in range(300):
        spans = [(s, s + rnd.randint(1, 9)) for s in (rnd.randint(0, 60) for _ in range(rnd.randint(0, 12)))]
        fast = SpanList(spans)
        plain = sorted(spans)
        for lo in range(0, 64, 3):
            where = (lo, lo + rnd.randint(0, 15))
            assert _inside(fast, where) == _inside(plain, where)
            assert _ending_in(fast, where) == _ending_in(plain, where)
            assert _starting_at(fast, lo) == _starting_at(plain, lo)


def test_a_target_before_nado_and_a_weapon_named_for_an_event(nlp):
    """``リビウ州などを攻撃``: など before the case particle still marks the object; ``迎撃ミサイル数百発を提供``:
    a word that only modifies the counted noun (迎撃 in 迎撃ミサイル) is no trigger, the verb is."""
    got = facts(nlp("ロシア軍は無人機186機でリビウ州などを攻撃した。"))
    assert got["186機"]["event"] == "ATTACK" and got["186機"]["target"] == "リビウ州"
    got = facts(nlp("ドイツはウクライナに迎撃ミサイル数百発を提供すると発表した。"))
    assert got["数百発"]["event"] == "SUPPLY" and got["数百発"]["trigger"] == "提供"
    assert got["数百発"]["target"] == "ウクライナ"


def test_a_target_is_the_place_without_its_direction(nlp_places):
    """``西部リビウ州を攻撃``: where the object is a PLACE, the target is the place (as the gold writes it)."""
    got = facts(nlp_places("ロシア軍は無人機186機で西部リビウ州を攻撃した。"))
    assert got["186機"]["target"] == "リビウ州"


def test_a_price_is_no_bare_amount_and_itta_is_a_light_verb(nlp):
    """``迎撃ミサイル1発が数百万ドルに達する``: the verb states the price, so the count does not take the event of
    the count before it; ``攻撃を30回行った``: Sudachi reads 行った as 行く, which is the light verb 行う here."""
    got = facts(nlp("ロシアが一夜に300機の無人機を放つのに対し、迎撃ミサイル1発が数百万ドルに達する。"))
    assert got["300機"]["event"] == "ATTACK" and "1発" not in got
    got = facts(nlp("ロシア軍は攻撃を30回行った。"))
    assert got["30回"]["event"] == "ATTACK" and got["30回"]["trigger"] == "攻撃"


def test_a_relative_clause_on_the_topic_gives_the_event(nlp):
    """``ロシア軍が昨夜発射した無人機は計120機に上った``: the daily air-raid report's total, whose event, actor and
    weapon are in the clause on its topic."""
    got = facts(nlp("ロシア軍が昨夜発射した無人機は計120機に上った。"))
    assert got["120機"] == {"event": "ATTACK", "trigger": "発射", "actor": "ロシア軍", "weapon": "無人機"}
    got = facts(nlp("ロシア軍は無人機を発射し、住宅は計20棟に上った。"))
    assert "20棟" not in got  # a clause of its own before the topic gives it nothing


def test_a_launch_into_the_sea_has_no_target(nlp):
    """``日本海へ向けて撃った``: へ向けて is a compound particle (the verb is 撃つ) and the sea is a direction."""
    got = facts(nlp("北朝鮮は弾道ミサイル1発を日本海へ向けて撃った。"))
    assert got["1発"]["event"] == "ATTACK" and got["1発"]["actor"] == "北朝鮮" and "target" not in got["1発"]


def test_a_source_glossed_in_latin_before_its_title(nlp):
    """``ブダノフ(Kyrylo Budanov)局長は``: the gloss cuts the name from its title; the source is the name (once
    ``長`` alone, the 局 of 局長 read as a counter)."""
    got = facts(nlp("情報総局のキリロ・ブダノフ(Kyrylo Budanov)局長は、北朝鮮がロシアに供与した砲弾が累計1200万発超に"
                    "上るとの見方を示した。"))
    assert got["1200万発超"]["source"] == "キリロ・ブダノフ"
    assert got["1200万発超"]["actor"] == "北朝鮮" and got["1200万発超"]["target"] == "ロシア"


@pytest.mark.parametrize("text,counts,event", [
    ("ロシア軍が発射したのは巡航ミサイル10発とドローン40機だった。", ["10発", "40機"], "ATTACK"),
    ("出動したのは100機以上の戦闘機と10隻以上の駆逐艦だという。", ["100機以上", "10隻以上"], "DEPLOY"),
])
def test_every_count_of_a_cleft_takes_its_verb(nlp, text, counts, event):
    """``…したのは A と B だ``: each count of the list after a cleft reports the cleft's verb."""
    got = facts(nlp(text))
    assert [got.get(c, {}).get("event") for c in counts] == [event] * len(counts)


def test_no_cleft_without_noha(nlp):
    """A clause that ends in し, not のは, lends its verb to no list after it."""
    got = facts(nlp("ロシア軍は発射し、巡航ミサイル10発とドローン40機が残った。"))
    assert got.get("40機", {}).get("trigger") != "発射"


def test_munitions_that_fell_or_landed_hit_a_zone(nlp):
    """``落ちる`` and ``着陸`` are HIT for missiles and drones only (prices and output fall too); ``EEZ内`` -> EEZ."""
    got = facts(nlp("中国の弾道ミサイル5発が日本のEEZ内に落ちたと防衛相が述べた。"))
    assert got["5発"]["event"] == "HIT" and got["5発"]["target"] == "EEZ"
    got = facts(nlp("ロシア軍の戦車の生産は月20両に落ちた。"))
    assert "20両" not in got


def test_toshite_is_a_particle_not_a_predicate(nlp):
    """``2名をスパイとして拘束した``: として ("as") does not stop the count's path to its verb."""
    got = facts(nlp("ロシア軍は兵士2名をスパイとして拘束した。"))
    assert got["2名"]["event"] == "CAPTURE" and got["2名"]["actor"] == "ロシア軍"


def test_a_breakdown_after_the_sentence_that_names_the_loss(nlp):
    """``…ロシア軍の損失を発表した。内訳は兵員1180人、戦車9両…``: 内訳は opens a list whose header is the sentence
    before; people lost are casualties, vehicles destroyed, the side the target, the announcer the source."""
    got = facts(nlp("ウクライナ軍参謀本部は3日、過去24時間のロシア軍の損失を発表した。内訳は兵員1180人、戦車9両、"
                    "装甲戦闘車両21両となっている。"))
    assert got["1180人"]["event"] == "CASUALTY" and got["9両"]["event"] == "DESTROY"
    assert got["21両"]["target"] == "ロシア軍" and got["21両"]["source"] == "ウクライナ軍参謀本部"


def test_civilians_killed_are_war_reporting_and_a_clause_reaches_over_a_genitive(nlp):
    got = facts(nlp("国連によると、先月ウクライナで殺害された民間人は少なくとも232人に上った。"))
    assert got["少なくとも232人"]["event"] == "CASUALTY"
    got = facts(nlp("ロシア軍が発射したイラン製の無人機は計50機に上った。"))
    assert got["50機"]["event"] == "ATTACK" and got["50機"]["actor"] == "ロシア軍"


def test_casualties_of_the_attack_in_the_sentence_before(nlp_places):
    """``…ハルキウ市中心部を攻撃した。この攻撃で市民4人が死亡``: the casualties' actor and target are the attack's
    (ANNOTATION.md: a second sentence of the same report), with a word referring back or without one."""
    got = facts(nlp_places("ロシア軍は5日午後、ハルキウ市中心部を攻撃した。この攻撃で市民4人が死亡した。"))
    assert got["4人"]["event"] == "CASUALTY"
    assert got["4人"]["actor"] == "ロシア軍" and got["4人"]["target"] == "ハルキウ市"
    got = facts(nlp_places("ロシア軍は5日午後、ハルキウ市中心部を攻撃した。翌日、市内の病院で市民4人が死亡した。"))
    assert got["4人"]["actor"] == "ロシア軍"


def test_losses_take_the_attacker_the_report_named(nlp_places):
    """A loss whose own clause names no one takes the attacker of the nearest attack told before it (ANNOTATION.md:
    a passive report has no actor "unless the paragraph names one"): an attack noun's owner too, past attacks that
    name no attacker; an attack noun's count takes the attack told before."""
    got = facts(nlp_places("夜通し、ハルキウはロシアの大規模な攻撃を受けた。ミサイルが市内を襲い、住宅12棟が損壊した。"
                           "病院によると、3人が死亡した。"))
    assert got["12棟"]["event"] == "DESTROY" and got["12棟"]["actor"] == "ロシア"
    assert got["3人"]["actor"] == "ロシア"
    got = facts(nlp_places("ロシア軍は未明、オデーサ州を攻撃した。攻撃には無人機90機が使われた。"))
    assert got["90機"]["event"] == "ATTACK" and got["90機"]["actor"] == "ロシア軍"
    assert got["90機"]["target"] == "オデーサ州"
    got = facts(nlp_places("ロシア軍は未明、ウクライナへミサイルを放った。攻撃には無人機90機が使われた。"))
    assert got["90機"]["target"] == "ウクライナ"  # the place an attack was sent to


@pytest.mark.parametrize("text", [
    "ウクライナ兵がロシア軍の陣地を襲った。ロシア兵3名が死亡した。",  # the attacker is people, not a force or a country
    "ロシア軍が大規模空爆か?と報じられた。死者12人。",  # an attack only asked about
    "ロシア軍がハルキウを攻撃した。市内は静かだった。夜は寒かった。翌朝、市民4人が死亡した。",  # three sentences back
])
def test_losses_take_no_attacker_from_afar_or_from_people(nlp_places, text):
    found = facts(nlp_places(text))
    assert [fact["event"] for fact in found.values()] == ["CASUALTY"]
    assert all("actor" not in fact for fact in found.values())
