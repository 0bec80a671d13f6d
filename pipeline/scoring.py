"""Score predicted records against gold records: the figures of ``shared/eval/score.py``.

Spans match exactly on ``(start, end, label)``; pairs on their four offsets;
QUANTITY attributes are compared over the exactly matched QUANTITY spans;
facts (``event`` keys on QUANTITY spans, ANNOTATION.md "Facts") are scored
where the gold has any: FACT_EVENT on (quantity offsets, event), FACT_ARGS on
(quantity offsets, role, participant offsets), and one line per role. A gold
record missing from the predictions counts as empty. The project's tests
check that these figures equal the shared scorer's wherever it is present, so
``gunji evaluate`` and ``score.py`` never disagree.
"""
from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from typing import Any, Dict, List, Mapping, Sequence, Set, Tuple

LABELS = ("MIL_UNIT", "WEAPON", "QUANTITY")
QUANTITY_ATTRS = ("value", "value_max", "unit", "category", "approx", "bound")
FACT_ROLES = ("trigger", "actor", "weapon", "target", "source")
FACT_KEYS = ("FACT_EVENT", "FACT_ARGS") + tuple("FACT_" + role.upper() for role in FACT_ROLES)

Record = Mapping[str, Any]


def prf(tp: int, fp: int, fn: int) -> Dict[str, float]:
    """Precision, recall and F1, rounded as score.py rounds them, with the counts."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def same_value(a: Any, b: Any) -> bool:
    """Numbers equal up to float noise; None equals only None."""
    if a is None or b is None:
        return a is None and b is None
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def attr_equal(name: str, gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    """Whether one QUANTITY attribute agrees."""
    if name in ("value", "value_max"):
        return same_value(gold.get(name), pred.get(name))
    if name == "approx":
        return bool(gold.get(name)) == bool(pred.get(name))
    return gold.get(name) == pred.get(name)


def _pair_key(pair: Mapping[str, Any]) -> Tuple[int, int, int, int]:
    return (pair["ja"]["start"], pair["ja"]["end"], pair["en"]["start"], pair["en"]["end"])


_Offsets = Tuple[int, int]


def facts(record: Record) -> Tuple[Set[Tuple[_Offsets, str]], Set[Tuple[_Offsets, str, int, int]]]:
    """(event, argument) tuples of a record's QUANTITY spans that carry an ``event``, as score.py reads them.

    An event is ``((start, end), EVENT)``; an argument ``((start, end), role, arg_start, arg_end)``.
    """
    events: Set[Tuple[_Offsets, str]] = set()
    args: Set[Tuple[_Offsets, str, int, int]] = set()
    for span in record.get("spans", []):
        if span.get("label") != "QUANTITY" or not span.get("event"):
            continue
        quantity = (span["start"], span["end"])
        events.add((quantity, span["event"]))
        for role in FACT_ROLES:
            arg = span.get(role)
            if isinstance(arg, dict) and "start" in arg and "end" in arg:
                args.add((quantity, role, arg["start"], arg["end"]))
    return events, args


def _score_facts(rid: str, text: str, gold: Record, pred: Record, counts: Dict[str, Counter],
                 errors: Dict[str, List]) -> bool:
    """Add one record's fact counts and errors; whether the gold record has any event."""
    gold_events, gold_args = facts(gold)
    pred_events, pred_args = facts(pred)
    compared = [("FACT_EVENT", gold_events, pred_events), ("FACT_ARGS", gold_args, pred_args)]
    compared += [("FACT_" + role.upper(), {a for a in gold_args if a[1] == role}, {a for a in pred_args if a[1] == role})
                 for role in FACT_ROLES]
    for name, gold_set, pred_set in compared:
        counts[name]["tp"] += len(gold_set & pred_set)
        counts[name]["fp"] += len(pred_set - gold_set)
        counts[name]["fn"] += len(gold_set - pred_set)
    for (q, event) in gold_events - pred_events:
        errors["fn:FACT_EVENT"].append((rid, text[q[0]:q[1]], event))
    for (q, event) in pred_events - gold_events:
        errors["fp:FACT_EVENT"].append((rid, text[q[0]:q[1]], event))
    for q, role, a, b in gold_args - pred_args:
        errors["fn:FACT_ARG"].append((rid, text[q[0]:q[1]], role, text[a:b]))
    for q, role, a, b in pred_args - gold_args:
        errors["fp:FACT_ARG"].append((rid, text[q[0]:q[1]], role, text[a:b]))
    return bool(gold_events)


def score_records(gold: Mapping[str, Record], pred: Mapping[str, Record]) -> Tuple[Dict[str, Any], Dict[str, List]]:
    """Per-label, micro, pair and QUANTITY-attribute scores, facts where the gold has any, and the errors.

    Args:
        gold: Gold records by id.
        pred: Predicted records by id.

    Returns:
        The result dict (keys as score.py prints them) and the errors by kind.
    """
    counts = {label: Counter() for label in LABELS}
    attr_hits: Counter = Counter()
    matched = 0
    pairs: Counter = Counter()
    errors: Dict[str, List] = defaultdict(list)
    fact_counts = {name: Counter() for name in FACT_KEYS}
    gold_has_facts = False
    for rid, g in gold.items():
        p = pred.get(rid, {"spans": [], "pairs": []})
        text = g["text"]
        if p.get("text", text) != text:
            raise ValueError(f"{rid}: predicted text differs from gold text")
        gspans = {(s["start"], s["end"], s["label"]): s for s in g.get("spans", [])}
        pspans = {(s["start"], s["end"], s["label"]): s for s in p.get("spans", []) if s["label"] in LABELS}
        for key in gspans.keys() | pspans.keys():
            label = key[2]
            if key in gspans and key in pspans:
                counts[label]["tp"] += 1
                if label == "QUANTITY":
                    matched += 1
                    for name in QUANTITY_ATTRS:
                        if attr_equal(name, gspans[key], pspans[key]):
                            attr_hits[name] += 1
                        else:
                            errors["attr:" + name].append(
                                (rid, text[key[0]:key[1]], gspans[key].get(name), pspans[key].get(name)))
            elif key in gspans:
                counts[label]["fn"] += 1
                errors["fn:" + label].append((rid, text[key[0]:key[1]]))
            else:
                counts[label]["fp"] += 1
                errors["fp:" + label].append((rid, text[key[0]:key[1]]))
        gpairs = {_pair_key(x) for x in g.get("pairs", [])}
        ppairs = {_pair_key(x) for x in p.get("pairs", [])}
        pairs["tp"] += len(gpairs & ppairs)
        pairs["fp"] += len(ppairs - gpairs)
        pairs["fn"] += len(gpairs - ppairs)
        for k in gpairs - ppairs:
            errors["fn:PAIR"].append((rid, text[k[0]:k[1]], text[k[2]:k[3]]))
        for k in ppairs - gpairs:
            errors["fp:PAIR"].append((rid, text[k[0]:k[1]], text[k[2]:k[3]]))
        gold_has_facts = _score_facts(rid, text, g, p, fact_counts, errors) or gold_has_facts
    result: Dict[str, Any] = {label: prf(c["tp"], c["fp"], c["fn"]) for label, c in counts.items()}
    total = sum(counts.values(), Counter())
    result["SPANS_MICRO"] = prf(total["tp"], total["fp"], total["fn"])
    result["PAIRS"] = prf(pairs["tp"], pairs["fp"], pairs["fn"])
    result["QUANTITY_ATTRS"] = {name: round(attr_hits[name] / matched, 4) if matched else 0.0
                                for name in QUANTITY_ATTRS}
    if gold_has_facts:
        for name, c in fact_counts.items():
            result[name] = prf(c["tp"], c["fp"], c["fn"])
    return result, errors


def fold(text: str) -> str:
    """Case, accent and punctuation folding for comparing canonical forms."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def score_glossary(gold_groups: Sequence[Mapping[str, Any]],
                   pred_groups: Sequence[Mapping[str, Any]]) -> Tuple[Dict[str, Any], List]:
    """Share of gold variants that the predicted glossary files under an accepted canonical form."""
    where: Dict[str, str] = {}
    for group in pred_groups:
        for variant in group.get("variants", []):
            where.setdefault(variant, fold(group["canonical"]))
    hits, misses = 0, []
    for group in gold_groups:
        accepted = {fold(group["canonical"])} | {fold(a) for a in group.get("alts", [])}
        for variant in group["variants"]:
            if where.get(variant) in accepted:
                hits += 1
            else:
                misses.append((variant, group["canonical"], where.get(variant)))
    total = sum(len(g["variants"]) for g in gold_groups)
    return {"accuracy": round(hits / total, 4) if total else 0.0, "hits": hits, "total": total}, misses


def format_result(result: Mapping[str, Mapping[str, Any]]) -> str:
    """The plain-text table score.py prints."""
    return "\n".join(f"{key:15s} " + "  ".join(f"{k}={v}" for k, v in val.items()) for key, val in result.items())
