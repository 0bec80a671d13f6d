"""Run a pipeline over gold texts and score its records, as ``shared/eval/score.py`` does."""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Dict, List, Mapping, Tuple

from spacy.language import Language

from pipeline.inputs import InputRecord
from pipeline.scoring import score_records
from pipeline.stream import annotate_records

logger = logging.getLogger(__name__)


def read_records(path: Path) -> Dict[str, Dict[str, Any]]:
    """Records of a JSONL file by id (blank lines ignored)."""
    with Path(path).open(encoding="utf-8") as f:
        records = (json.loads(line) for line in f if line.strip())
        return {r["id"]: r for r in records}


def predict_records(nlp: Language, gold: Mapping[str, Mapping[str, Any]],
                    batch_size: int = 64, n_process: int = 1) -> Dict[str, Dict[str, Any]]:
    """Annotate the text of every gold record; predictions never see the gold spans.

    A record the pipeline fails on is logged with its reason and left out, so
    it scores as an empty prediction (as score.py scores a missing record).
    """
    items = [InputRecord(key=str(rid), id=rid, text=g["text"]) for rid, g in gold.items()]
    predicted: Dict[str, Dict[str, Any]] = {}
    for outcome in annotate_records(nlp, items, batch_size=batch_size, n_process=n_process):
        if outcome.record is None:
            logger.warning("%s: no prediction (%s); scored as empty", outcome.item.id, outcome.reason)
            continue
        predicted[outcome.item.id] = outcome.record
    return predicted


def evaluate(nlp: Language, gold_path: Path, **pipe_options: Any) -> Tuple[Dict[str, Any], Dict[str, List]]:
    """Score ``nlp`` on the gold JSONL at ``gold_path``; returns (result, errors)."""
    gold = read_records(gold_path)
    return score_records(gold, predict_records(nlp, gold, **pipe_options))
