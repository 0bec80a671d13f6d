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


FACT_GOLD = {"f1": {"id": "f1", "text": "露軍は無人機458機を発射、ウクライナ軍は400機を撃墜", "spans": [
    {"start": 0, "end": 2, "label": "MIL_UNIT", "text": "露軍"},
    {"start": 3, "end": 6, "label": "WEAPON", "text": "無人機"},
    {"start": 6, "end": 10, "label": "QUANTITY", "text": "458機", "value": 458, "unit": "機", "event": "ATTACK",
     "trigger": {"start": 11, "end": 13, "text": "発射"}, "actor": {"start": 0, "end": 2, "text": "露軍"},
     "weapon": {"start": 3, "end": 6, "text": "無人機"}},
    {"start": 21, "end": 25, "label": "QUANTITY", "text": "400機", "value": 400, "unit": "機", "event": "INTERCEPT",
     "actor": {"start": 14, "end": 20, "text": "ウクライナ軍"}}], "pairs": []}}


def test_facts_are_scored_only_where_gold_has_them():
    assert "FACT_EVENT" not in score_records(GOLD, GOLD)[0]
    pred = json.loads(json.dumps(FACT_GOLD))
    attack, intercept = pred["f1"]["spans"][2:]
    attack["weapon"] = {"start": 3, "end": 5, "text": "無人"}  # wrong extent
    del attack["trigger"]
    intercept["event"] = "DESTROY"
    result, errors = score_records(FACT_GOLD, pred)
    assert result["FACT_EVENT"] == {"p": 0.5, "r": 0.5, "f": 0.5, "tp": 1, "fp": 1, "fn": 1}
    # gold args: trigger, actor, weapon of the attack; actor of the intercept (whose event is wrong, but the
    # argument tuple is keyed by the quantity, so it still matches)
    assert (result["FACT_ARGS"]["tp"], result["FACT_ARGS"]["fp"], result["FACT_ARGS"]["fn"]) == (2, 1, 2)
    assert result["FACT_TRIGGER"]["fn"] == 1 and result["FACT_WEAPON"]["fp"] == 1 and result["FACT_ACTOR"]["f"] == 1.0
    assert ("f1", "400機", "DESTROY") in errors["fp:FACT_EVENT"]
    assert ("f1", "458機", "weapon", "無人") in errors["fp:FACT_ARG"]


def _shared_scorer():
    path = SHARED / "eval" / "score.py"
    if not path.exists():
        pytest.skip("shared scorer not present")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    return shared


def test_fact_figures_and_errors_equal_the_shared_scorer(dev_jsonl):
    shared = _shared_scorer()
    if not hasattr(shared, "facts"):
        pytest.skip("this shared scorer does not score facts")
    for gold in (FACT_GOLD, shared.read_jsonl(dev_jsonl)):
        pred = json.loads(json.dumps(gold))
        for record in pred.values():
            for i, span in enumerate(s for s in record["spans"] if s.get("event")):
                if i % 3 == 0:
                    span["event"] = "CAPTURE"
                if i % 2 == 0:
                    span.pop("actor", None)
                if i % 4 == 1 and "target" in span:
                    span["target"] = {**span["target"], "end": span["target"]["end"] + 1}
        ours, our_errors = score_records(gold, pred)
        theirs, their_errors = shared.score_records(gold, pred)
        assert ours == theirs
        assert {k: sorted(map(str, v)) for k, v in our_errors.items()} == \
            {k: sorted(map(str, v)) for k, v in their_errors.items()}
