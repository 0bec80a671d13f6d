"""Glossary grouping of katakana variants (own example records, no spaCy model)."""
import json
from pathlib import Path

import pytest

from pipeline.glossary import build_glossary, normalise_latin, write_glossary


def rec(text, pairs=()):
    out = []
    for ja, en in pairs:
        js = text.index(ja)
        es = text.index(en)
        out.append({"ja": {"start": js, "end": js + len(ja), "text": ja},
                    "en": {"start": es, "end": es + len(en), "text": en}})
    return {"id": text[:8], "text": text, "pairs": out}


RECORDS = [
    rec("ロシア軍はポクロウシクPokrovskへ進んだ。", [("ポクロウシク", "Pokrovsk")]),
    rec("ポクロフスク(パコフスク)周辺で戦闘が続く。"),
    rec("ポクロウスクの東で砲撃があった。"),
    rec("ミコライウ州 region of Mykolaivで停電。", [("ミコライウ州", "region of Mykolaiv")]),
    rec("ニコラエフでも停電が起きた。"),
    rec("首都キエフに無人機が飛来した。"),
    rec("フランスの外相が訪問した。"),
    rec("ロシアの製油所Oil refineriesが攻撃された。", [("製油所", "Oil refineries")]),
]


def where(groups):
    return {v: g["canonical"] for g in groups for v in g["variants"]}


def test_variants_group_under_canonical():
    found = where(build_glossary(RECORDS))
    for variant in ("ポクロウシク", "ポクロフスク", "パコフスク", "ポクロウスク"):
        assert found[variant] == "Pokrovsk"
    assert found["ミコライウ"] == "Mykolaiv"


def test_exonym_data_attaches_unpaired_forms():
    found = where(build_glossary(RECORDS))
    assert found["キエフ"] == "Kyiv"
    assert found["ニコラエフ"] == "Mykolaiv"


def test_lookalike_is_not_attached():
    assert "フランス" not in where(build_glossary(RECORDS))


def test_english_lemma_and_heads():
    assert normalise_latin("Oil refineries") == "Oil refinery"
    assert normalise_latin("region of Mykolaiv") == "Mykolaiv"
    assert normalise_latin("the Donbas") == "Donbas"
    assert where(build_glossary(RECORDS))["製油所"] == "Oil refinery"


def test_gazetteer_files_are_optional(tmp_path):
    (tmp_path / "weapons.jsonl").write_text(
        json.dumps({"canonical": "Kalibr", "aliases": ["カリブル", "Kalibr"]}) + "\nnot json\n", encoding="utf-8")
    found = where(build_glossary([rec("巡航ミサイル「カリブル」が発射された。")], data_dir=tmp_path))
    assert found == {"カリブル": "Kalibr"}


def test_write_glossary(tmp_path):
    groups = build_glossary(RECORDS)
    json_path, tsv_path = write_glossary(groups, tmp_path)
    assert json.loads(json_path.read_text(encoding="utf-8")) == groups
    lines = tsv_path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "canonical\tvariants\tcount\tevidence\tconfidence" and len(lines) == len(groups) + 1
    assert all({"canonical", "variants", "pairs", "count"} <= set(g) for g in groups)


def test_a_surname_paired_in_a_full_name_groups_its_spellings():
    records = [
        rec("総司令官のオレクサンドル・シルスキー(Oleksandr Syrskyi)は述べた。",
            [("オレクサンドル・シルスキー", "Oleksandr Syrskyi")]),
        rec("シルスキー氏は前線を視察した。"),
        rec("シルスキイ総司令官はシベルスク方面の防衛を命じた。"),
    ]
    found = where(build_glossary(records))
    assert found["シルスキー"] == found["シルスキイ"] == "Syrskyi"
    assert found["オレクサンドル・シルスキー"] == "Oleksandr Syrskyi"
    assert found.get("シベルスク") != "Syrskyi"


def span(text, form, label, canonical):
    start = text.index(form)
    return {"start": start, "end": start + len(form), "label": label, "text": form, "canonical": canonical}


def test_ordinary_loanwords_join_no_group_without_evidence():
    """Katakana words that merely sound like a gazetteer name stay out (issue 12)."""
    records = [
        {"text": "動物園で子ゾウが生まれ、記者はブログに写真を載せた。", "pairs": [], "spans": []},
        {"text": "ルーブル安が続き、クラスの生徒はワシントンの話を聞いた。", "pairs": [], "spans": []},
        {"text": "アゾフ旅団の兵士が帰還した。", "pairs": [],
         "spans": [span("アゾフ旅団の兵士が帰還した。", "アゾフ旅団", "MIL_UNIT", "Azov Brigade")]},
    ]
    found = where(build_glossary(records, ordinary_word=lambda w: w in {"ブログ", "クラス", "ルーブル", "ワシントン", "ゾウ"}))
    for word in ("ゾウ", "ブログ", "ルーブル", "クラス", "ワシントン"):
        assert word not in found
    assert found["アゾフ"] == "Azov Brigade"


def test_recogniser_alias_needs_a_span_or_a_non_dictionary_word(tmp_path):
    (tmp_path / "weapons.jsonl").write_text(
        json.dumps({"canonical": "Kh-35", "aliases": ["ウラン", "Uran"]}) + "\n", encoding="utf-8")
    text = "ウラン濃縮施設が攻撃された。"
    dictionary = {"ウラン"}.__contains__
    assert where(build_glossary([{"text": text, "pairs": [], "spans": []}], data_dir=tmp_path,
                                ordinary_word=dictionary)) == {}
    text2 = "対艦ミサイルウランが発射された。"
    rec2 = {"text": text2, "pairs": [], "spans": [span(text2, "ウラン", "WEAPON", "Kh-35")]}
    assert where(build_glossary([rec2], data_dir=tmp_path, ordinary_word=dictionary)) == {"ウラン": "Kh-35"}


def test_every_variant_has_evidence_and_confidence():
    groups = build_glossary(RECORDS)
    for group in groups:
        assert [e["variant"] for e in group["evidence"]] == group["variants"]
        assert all(e["by"] in {"pair", "name_table", "span", "alternative", "sound", "gazetteer"}
                   and 0 < e["confidence"] <= 1 for e in group["evidence"])
    by = {e["variant"]: e["by"] for g in groups for e in g["evidence"]}
    assert by["ポクロウシク"] == "pair" and by["パコフスク"] == "alternative" and by["キエフ"] == "name_table"


def test_count_digits_are_no_part_of_the_canonical():
    text = "ロシア軍はキンジャールKinzhal3発を発射した。"
    ja, en = text.index("キンジャール"), text.index("Kinzhal3")
    record = {"text": text, "spans": [], "pairs": [{"ja": {"start": ja, "end": ja + 6, "text": "キンジャール"},
                                                    "en": {"start": en, "end": en + 8, "text": "Kinzhal3"}}]}
    assert where(build_glossary([record]))["キンジャール"] == "Kinzhal"


def test_the_part_of_a_longer_pair_must_be_a_name():
    """``ウクライナ海軍``/``Ukrainian Navy`` files no ウクライナ under "Ukrainian"; ``無人システム軍``/
    ``Unmanned Systems Forces`` files no システム under "Systems"."""
    records = [rec("ウクライナ海軍(Ukrainian Navy)が発表した。", [("ウクライナ海軍", "Ukrainian Navy")]),
               rec("無人システム軍(Unmanned Systems Forces)が発表した。", [("無人システム軍", "Unmanned Systems Forces")])]
    found = where(build_glossary(records, ordinary_word={"システム"}.__contains__))
    assert "ウクライナ" not in found and "システム" not in found
    assert found["ウクライナ海軍"] == "Ukrainian Navy"


def test_streaming_builder_equals_batch():
    from pipeline.glossary import GlossaryBuilder
    builder = GlossaryBuilder()
    for record in RECORDS:
        builder.add(record)
    assert builder.build() == build_glossary(RECORDS)


def test_two_table_rows_never_merge_by_sound(tmp_path):
    rows = [{"canonical": "Berdiansk", "alts": [], "ja": ["ベルジャンシク"]},
            {"canonical": "Bryansk", "alts": [], "ja": ["ブリャンスク"]}]
    (tmp_path / "exonyms.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    records = [{"text": "ベルジャンシクとブリャンスクで爆発があった。", "pairs": [], "spans": []}]
    found = where(build_glossary(records, data_dir=tmp_path, ordinary_word=lambda w: False))
    assert found == {"ベルジャンシク": "Berdiansk", "ブリャンスク": "Bryansk"}


def test_a_glued_code_leaves_the_katakana_name():
    found = where(build_glossary([rec("防空システムIRIS-T(アイリスT)が配備された。", [("アイリスT", "IRIS-T")])],
                                 ordinary_word=lambda w: w == "アイリス"))
    assert found["アイリス"] == "IRIS-T"


def test_without_the_dictionary_sound_still_groups_names(monkeypatch):
    from components import dictionary
    monkeypatch.setattr(dictionary, "_conn", None)
    monkeypatch.setattr(dictionary, "_failed", True)
    assert not dictionary.available() and dictionary.glosses("決戦X") == frozenset()
    records = [rec("ロシア軍はポクロウシクPokrovskへ進んだ。", [("ポクロウシク", "Pokrovsk")]),
               rec("ポクロウスクの東で砲撃があった。")]
    found = where(build_glossary(records, data_dir=Path("/nonexistent")))
    assert found["ポクロウスク"] == "Pokrovsk"


def test_records_and_docs_give_the_same_glossary():
    """The streaming builder can take the JSONL records as they are written instead of re-reading shards."""
    from pipeline.loader import load_pipeline
    from pipeline.records import doc_to_record
    nlp = load_pipeline(fast=True)
    texts = ["ウクライナ軍はポクロウシクPokrovskへ進んだ。", "ポクロフスク(パコフスク)周辺で、巡航ミサイル「カリブル」が落ちた。",
             "子ゾウのブログが話題になった。", "第3強襲旅団(3rd Separate Assault Brigade)が反撃した。"]
    docs = list(nlp.pipe(texts))
    records = [doc_to_record(doc, str(i)) for i, doc in enumerate(docs)]
    assert build_glossary(docs) == build_glossary(records)


def test_a_dictionary_word_glossed_as_the_name_joins_its_group():
    from components import dictionary
    if not dictionary.available():
        import pytest
        pytest.skip("jamdict-data not installed")
    records = [rec("首都キーウKyivに無人機が飛来した。", [("キーウ", "Kyiv")]), rec("キエフでは停電が続いた。")]
    groups = build_glossary(records, data_dir=Path("/nonexistent"))
    by = {e["variant"]: (g["canonical"], e["by"]) for g in groups for e in g["evidence"]}
    assert by["キエフ"] == ("Kyiv", "dictionary")


def test_without_the_dictionary_an_english_word_is_no_name(monkeypatch):
    from components import dictionary
    monkeypatch.setattr(dictionary, "_conn", None)
    monkeypatch.setattr(dictionary, "_failed", True)
    records = [rec("無人システム軍(Unmanned Systems Forces)が発表した。", [("無人システム軍", "Unmanned Systems Forces")])]
    found = where(build_glossary(records, data_dir=Path("/nonexistent")))
    assert "システム" not in found and found["無人システム軍"] == "Unmanned Systems Forces"


def _brute_best(form, groups):
    """Every name of every group scored, as the sound step did before its index (the reference)."""
    from pipeline.glossary import ATTACH_MIN
    from components.phonetics import edges_agree, is_katakana, kana_key, kana_similarity, latin_key, similarity
    key = kana_key(form)
    scored = []
    for group in groups:
        kana = set(group.variants) | group.known_kana
        latin = set(group.latin) | group.latin_alts
        best = max([kana_similarity(form, k) for k in kana if is_katakana(k) and edges_agree(key, kana_key(k))] +
                   [similarity(form, n) for n in latin if edges_agree(key, latin_key(n))] + [0.0])
        scored.append((best, group))
    scored.sort(key=lambda s: -s[0])
    if not scored or scored[0][0] < ATTACH_MIN or (len(scored) > 1 and scored[0][0] - scored[1][0] < 0.03):
        return None
    return scored[0][1], scored[0][0]


def test_sound_index_answers_as_scoring_every_group():
    """The bucketed sound step picks what scoring every name of every group picked (random names)."""
    import random
    from pipeline.glossary import Group, _SoundIndex
    rng = random.Random(11)
    kana = "カキクケコサシスセソタチツテトナニハヒフヘホマミムメモラリルレロガグゴザジダドバビブボパピプポアイウエオンー"
    roman = "ka ki ku ke ko sa shi su se so ta chi tsu te to na ni ha hi fu he ho ma mi mu me mo ra ri ru re ro " \
            "ga gu go za ji da do ba bi bu bo pa pi pu po a i u e o n -".split()

    def name(length):
        picks = [rng.randrange(len(kana) - 1) for _ in range(length)]
        return "".join(kana[i] for i in picks), "".join(roman[i] for i in picks).capitalize()

    groups = []
    for _ in range(60):
        ja, en = name(rng.randint(2, 5))
        group = Group()
        group.put(ja, 1, "pair", 0.95)
        group.latin[en] += 1
        groups.append(group)
    index = _SoundIndex(groups)
    forms = [name(rng.randint(2, 5))[0] for _ in range(400)]
    forms += [g_ja[:-1] + "ー" + g_ja[-1] for g_ja in (next(iter(g.variants)) for g in groups)]  # near spellings
    attached = 0
    for form in forms:
        expected = _brute_best(form, groups)
        got = index.best(form)
        assert (got is None) == (expected is None), form
        if got is not None:
            assert got[0] is expected[0] and got[1] == expected[1]
            attached += 1
            got[0].put(form, 1, "sound", got[1])
            index.add_variant(got[0], form)
    assert attached >= 20  # the test exercises attachment, not only refusals


def test_dictionary_words_go_to_the_first_named_group_with_a_katakana_variant():
    """The index that replaced a scan of every group per word: first group in order wins, and a group joins
    the candidates once a katakana form is filed under it."""
    from components import dictionary
    from pipeline.glossary import Group, _KanaGroups
    if not dictionary.available():
        pytest.skip("jamdict-data not installed")
    kyiv_a, kyiv_b, latin_only = Group(), Group(), Group()
    kyiv_a.latin["Kyiv"] = 1
    kyiv_a.put("クィイウ", 1, "pair", 1.0)
    kyiv_b.latin["Kiev"] = 1
    kyiv_b.put("キーウ", 1, "pair", 1.0)
    latin_only.latin["Kiev"] = 1  # no katakana variant yet: not a candidate
    index = _KanaGroups([latin_only, kyiv_b, kyiv_a])
    assert index.dictionary_group("キエフ") is kyiv_b  # JMdict glosses キエフ "Kiev"; kyiv_b comes first
    latin_only.put("キイフ", 1, "sound", 0.9)
    index.note(latin_only, "キイフ")
    assert index.dictionary_group("キエフ") is latin_only  # now first in order
    assert index.dictionary_group("ウラン") is None
