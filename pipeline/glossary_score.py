"""Precision and recall of a variant glossary against gold groups.

``shared/eval/score.py --glossary-gold`` counts only recall (the share of
gold variants filed under an accepted canonical), so a glossary that files
every katakana word of a batch somewhere loses nothing there. This scorer
also counts what was filed wrongly:

- a predicted variant that the gold files under another canonical is a
  false positive (and a miss);
- a predicted variant that the gold lists as *not a name* (``not_names`` of
  the gold records: ordinary loanwords such as ブログ or ルーブル) is a false
  positive;
- a predicted variant the gold says nothing about is *unjudged*: counted
  and listed, not scored (gold files list the names and the loanwords of
  their texts, not every country the glossary might know).

Gold groups have the ``score.py`` format: ``{"canonical", "alts", "variants"}``.
"""
from __future__ import annotations

import re
from typing import Any, Dict, Iterable, List, Mapping, Sequence, Tuple


def fold(text: str) -> str:
    """The comparison key of a canonical form (as score.py folds it)."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def not_names(records: Iterable[Mapping[str, Any]]) -> List[str]:
    """The ``not_names`` of gold records (JSONL records of a glossary gold set)."""
    return sorted({w for r in records for w in r.get("not_names", [])})


def score_glossary(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]],
                   negatives: Iterable[str] = ()) -> Tuple[Dict[str, Any], Dict[str, List[Tuple]]]:
    """Precision, recall and F1 of predicted groups against gold groups.

    Args:
        gold: Gold groups (``canonical``, ``alts``, ``variants``).
        pred: Predicted groups (``canonical``, ``variants``), as ``glossary.json`` holds them.
        negatives: Forms that must not be filed under any name.

    Returns:
        (scores, errors): ``{"precision", "recall", "f1", "tp", "fp", "fn", "unjudged"}`` and
        ``{"fp": [(variant, predicted, expected)], "fn": [(variant, expected, predicted)],
        "unjudged": [(variant, predicted)]}``.
    """
    where: Dict[str, str] = {}
    for group in pred:
        for variant in group.get("variants", []):
            where.setdefault(variant, group["canonical"])
    accepted: Dict[str, Tuple[str, set]] = {}
    for group in gold:
        names = {fold(group["canonical"])} | {fold(a) for a in group.get("alts", [])}
        for variant in group["variants"]:
            accepted[variant] = (group["canonical"], names)
    negative = set(negatives) - set(accepted)
    errors: Dict[str, List[Tuple]] = {"fp": [], "fn": [], "unjudged": []}
    tp = 0
    for variant, canonical in sorted(where.items()):
        if variant in accepted:
            expected, names = accepted[variant]
            if fold(canonical) in names:
                tp += 1
            else:
                errors["fp"].append((variant, canonical, expected))
        elif variant in negative:
            errors["fp"].append((variant, canonical, None))
        else:
            errors["unjudged"].append((variant, canonical))
    for variant, (expected, names) in sorted(accepted.items()):
        if fold(where.get(variant, "")) not in names:
            errors["fn"].append((variant, expected, where.get(variant)))
    fp, fn = len(errors["fp"]), len(errors["fn"])
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ({"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
             "tp": tp, "fp": fp, "fn": fn, "unjudged": len(errors["unjudged"])}, errors)


_KATA = re.compile(r"[ァ-ヺー]{2,}(?:[・=＝][ァ-ヺー]{2,})*")


def unlisted_katakana(records: Iterable[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]]) -> List[str]:
    """Katakana runs of gold texts that neither a gold group nor ``not_names`` lists (a gold file check)."""
    listed = {v for g in gold for v in g["variants"]} | set(not_names(records))
    found = {m for r in records for m in _KATA.findall(r["text"])}
    return sorted(found - listed)
