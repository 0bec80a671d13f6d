"""Run a pipeline over gold texts and score its records, as ``shared/eval/score.py`` does."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Tuple

from spacy.language import Language

from pipeline.records import doc_to_record
from pipeline.scoring import score_records


def read_records(path: Path) -> Dict[str, Dict[str, Any]]:
    """Records of a JSONL file by id (blank lines ignored)."""
    with Path(path).open(encoding="utf-8") as f:
        records = (json.loads(line) for line in f if line.strip())
        return {r["id"]: r for r in records}


def predict_records(nlp: Language, gold: Mapping[str, Mapping[str, Any]],
                    batch_size: int = 64, n_process: int = 1) -> Dict[str, Dict[str, Any]]:
    """Annotate the text of every gold record; predictions never see the gold spans."""
    items: Iterable[Tuple[str, str]] = ((g["text"], rid) for rid, g in gold.items())
    return {rid: doc_to_record(doc, rid, gold[rid]["text"])
            for doc, rid in nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process)}


def evaluate(nlp: Language, gold_path: Path, **pipe_options: Any) -> Tuple[Dict[str, Any], Dict[str, List]]:
    """Score ``nlp`` on the gold JSONL at ``gold_path``; returns (result, errors)."""
    gold = read_records(gold_path)
    return score_records(gold, predict_records(nlp, gold, **pipe_options))
