"""Glossary grouping of katakana variants (own example records, no spaCy model)."""
import json

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
    assert lines[0] == "canonical\tvariants\tcount" and len(lines) == len(groups) + 1
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
