"""Our scorer gives the shared scorer's figures."""
from __future__ import annotations

import importlib.util
import json

import pytest

from pipeline.scoring import score_glossary, score_records
from tests.conftest import SHARED

GOLD = {"r1": {"id": "r1", "text": "露軍は無人機458機を発射", "spans": [
    {"start": 0, "end": 2, "label": "MIL_UNIT", "text": "露軍"},
    {"start": 6, "end": 10, "label": "QUANTITY", "text": "458機", "value": 458, "unit": "機",
     "category": "DRONE", "approx": False, "bound": "exact"}], "pairs": []}}


def test_perfect_prediction_scores_one():
    result, errors = score_records(GOLD, GOLD)
    assert result["SPANS_MICRO"]["f"] == 1.0 and result["QUANTITY_ATTRS"]["value"] == 1.0
    assert not errors


def test_wrong_value_and_missing_record():
    pred = json.loads(json.dumps(GOLD))
    pred["r1"]["spans"][1]["value"] = 45
    result, errors = score_records(GOLD, pred)
    assert result["QUANTITY_ATTRS"]["value"] == 0.0 and errors["attr:value"]
    result, _ = score_records(GOLD, {})
    assert result["SPANS_MICRO"]["fn"] == 2 and result["SPANS_MICRO"]["f"] == 0.0


def test_glossary_accuracy_accepts_alternatives():
    gold = [{"canonical": "Kyiv", "alts": ["Kiev"], "variants": ["キーウ", "キエフ"]}]
    pred = [{"canonical": "Kiev", "variants": ["キエフ"]}]
    assert score_glossary(gold, pred)[0] == {"accuracy": 0.5, "hits": 1, "total": 2}


def test_same_figures_as_shared_scorer(dev_jsonl):
    path = SHARED / "eval" / "score.py"
    if not path.exists():
        pytest.skip("shared scorer not present")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    gold = shared.read_jsonl(dev_jsonl)
    # A deliberately imperfect prediction: drop every other span, perturb values.
    pred = json.loads(json.dumps(gold))
    for record in pred.values():
        record["spans"] = record["spans"][::2]
        for span in record["spans"]:
            if "value" in span:
                span["value"] += 1
        record["pairs"] = record["pairs"][1:]
    assert score_records(gold, pred)[0] == shared.score_records(gold, pred)[0]
