"""Glossary precision/recall scorer and the project's glossary gold set."""
import json
from pathlib import Path

from pipeline.glossary_score import not_names, score_glossary, unlisted_katakana

REPO = Path(__file__).resolve().parents[2]
GOLD = [{"canonical": "Pokrovsk", "alts": [], "variants": ["ポクロフスク", "ポクロウスク"]},
        {"canonical": "Kyiv", "alts": ["Kiev"], "variants": ["キーウ", "キエフ"]}]


def test_perfect_glossary():
    pred = [{"canonical": "Pokrovsk", "variants": ["ポクロフスク", "ポクロウスク"]},
            {"canonical": "Kiev", "variants": ["キーウ", "キエフ"]}]
    scores, errors = score_glossary(GOLD, pred)
    assert (scores["precision"], scores["recall"], scores["tp"]) == (1.0, 1.0, 4)


def test_wrong_group_and_loanword_are_false_positives():
    pred = [{"canonical": "Pokrovsk", "variants": ["ポクロフスク", "キーウ"]},
            {"canonical": "Rafale", "variants": ["ルーブル"]},
            {"canonical": "Russia", "variants": ["ロシア"]}]
    scores, errors = score_glossary(GOLD, pred, negatives=["ルーブル"])
    assert scores["tp"] == 1 and scores["fp"] == 2 and scores["fn"] == 3 and scores["unjudged"] == 1
    assert ("ルーブル", "Rafale", None) in errors["fp"] and ("キーウ", "Pokrovsk", "Kyiv") in errors["fp"]
    assert scores["precision"] == round(1 / 3, 4) and scores["recall"] == 0.25


def test_project_glossary_gold_is_consistent():
    records = [json.loads(line) for line in (REPO / "corpus" / "glossary_gold.jsonl").read_text(encoding="utf-8").splitlines()]
    gold = json.loads((REPO / "corpus" / "glossary_gold.json").read_text(encoding="utf-8"))
    variants = [v for g in gold for v in g["variants"]]
    assert len(variants) == len(set(variants))
    assert not set(variants) & set(not_names(records))
    assert set(unlisted_katakana(records, gold)) <= {"ロシア", "ウクライナ", "ドイツ", "イラン", "ワシントン", "ノルウェー"}
