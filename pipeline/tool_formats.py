"""Our records in three annotation tools' formats and back: doccano, Label Studio (Prodigy: ``tool_prodigy``).

What each tool carries natively: labelled character spans and labelled
relations between spans. A bilingual pair becomes two spans labelled
``JA`` and ``EN`` joined by a relation ``PAIR`` (from the Japanese side to
the Latin one), so an annotator sees and edits pairs in the tool.

What no tool carries natively (QUANTITY values and categories, canonical
names, fact keys, record meta) travels in a ``gunji`` object in the place
each tool keeps as-is (doccano: an extra key of the line, which it keeps as
the example's metadata; Label Studio: ``data.gunji``; Prodigy: a task key).
On import the tool's spans and relations are the truth (an annotator may have
added, moved or deleted them); a span keeps our attributes where the tool
still has it at the same offsets with the same label, so an untouched
record comes back identical, and an edited one keeps what still applies.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

logger = logging.getLogger(__name__)

SIDE_KEY = "gunji"
PAIR_LABEL = "PAIR"
JA, EN = "JA", "EN"
Span = Tuple[int, int, str]  # start, end, label


def side_data(record: Mapping[str, Any]) -> Dict[str, Any]:
    """Everything of a record that the tools do not carry: the whole record less its text."""
    return {key: value for key, value in record.items() if key != "text"}


def tool_spans(record: Mapping[str, Any]) -> List[Span]:
    """The spans to show in a tool: the record's spans, then each pair's JA and EN sides, once each."""
    out: List[Span] = []
    seen = set()
    for span in record.get("spans") or []:
        key = (span["start"], span["end"], span["label"])
        if key not in seen:
            seen.add(key)
            out.append(key)
    for pair in record.get("pairs") or []:
        for side, label in (("ja", JA), ("en", EN)):
            key = (pair[side]["start"], pair[side]["end"], label)
            if key not in seen:
                seen.add(key)
                out.append(key)
    return out


def tool_relations(record: Mapping[str, Any]) -> List[Tuple[Span, Span]]:
    """Each pair as (JA span, EN span)."""
    return [((p["ja"]["start"], p["ja"]["end"], JA), (p["en"]["start"], p["en"]["end"], EN))
            for p in record.get("pairs") or []]


def rebuild_record(text: str, spans: Iterable[Span], relations: Iterable[Tuple[Span, Span, str]],
                   side: Optional[Mapping[str, Any]], fallback_id: str) -> Dict[str, Any]:
    """A record from what a tool holds, with our attributes restored where spans and pairs are unchanged.

    Args:
        text (str): The task's text.
        spans: (start, end, label) of every span in the tool, JA/EN pair sides included.
        relations: (head span, child span, relation label) of every relation in the tool.
        side: The ``gunji`` object written on export (None for a task we never exported).
        fallback_id (str): The record id where ``side`` has none.
    """
    side = dict(side or {})
    old_spans = {(s["start"], s["end"], s["label"]): s for s in side.get("spans") or []}
    old_pairs = {(p["ja"]["start"], p["ja"]["end"], p["en"]["start"], p["en"]["end"]): p
                 for p in side.get("pairs") or []}
    record: Dict[str, Any] = {"id": side.pop("id", None) or fallback_id, "text": text}
    new_spans = []
    for start, end, label in spans:
        if label in (JA, EN) or not 0 <= start < end <= len(text):
            continue
        old = old_spans.get((start, end, label))
        span = dict(old) if old else {"start": start, "end": end, "label": label}
        span["text"] = text[start:end]
        new_spans.append(span)
    pairs = []
    for head, child, label in relations:
        if label != PAIR_LABEL:
            continue
        ja, en = (head, child) if head[2] != EN else (child, head)
        old = old_pairs.get((ja[0], ja[1], en[0], en[1]))
        pair = dict(old) if old else {}
        pair["ja"] = {**(old or {}).get("ja", {}), "start": ja[0], "end": ja[1], "text": text[ja[0]:ja[1]]}
        pair["en"] = {**(old or {}).get("en", {}), "start": en[0], "end": en[1], "text": text[en[0]:en[1]]}
        pairs.append(pair)
    record["spans"] = new_spans
    record["pairs"] = pairs
    for key, value in side.items():  # meta and any other record keys
        if key not in ("spans", "pairs", "text"):
            record[key] = value
    return record


# --- doccano (sequence labelling with relations, JSONL) ---------------------------------------------

def to_doccano(record: Mapping[str, Any]) -> Dict[str, Any]:
    """One doccano JSONL line: ``text``, ``entities`` (character offsets), ``relations``, ``gunji``."""
    spans = tool_spans(record)
    ids = {span: number for number, span in enumerate(spans, 1)}
    entities = [{"id": ids[s], "label": s[2], "start_offset": s[0], "end_offset": s[1]} for s in spans]
    relations = [{"id": number, "from_id": ids[ja], "to_id": ids[en], "type": PAIR_LABEL}
                 for number, (ja, en) in enumerate(tool_relations(record), 1)]
    return {"text": record["text"], "entities": entities, "relations": relations, SIDE_KEY: side_data(record)}


def from_doccano(line: Mapping[str, Any], number: int) -> Dict[str, Any]:
    """A record from a doccano export line (``entities``/``relations``, or the older ``label`` list)."""
    spans: List[Span] = []
    by_id: Dict[Any, Span] = {}
    for entity in line.get("entities") or []:
        span = (int(entity["start_offset"]), int(entity["end_offset"]), str(entity["label"]))
        spans.append(span)
        by_id[entity.get("id")] = span
    for item in line.get("label") or []:  # [[start, end, label], ...]
        if isinstance(item, Sequence) and len(item) == 3:
            spans.append((int(item[0]), int(item[1]), str(item[2])))
    relations = [(by_id[r["from_id"]], by_id[r["to_id"]], str(r.get("type", "")))
                 for r in line.get("relations") or [] if r.get("from_id") in by_id and r.get("to_id") in by_id]
    side = line.get(SIDE_KEY) or (line.get("meta") or {}).get(SIDE_KEY)
    text = line["text"] if isinstance(line.get("text"), str) else line["data"]  # older exports: "data"
    return rebuild_record(text, spans, relations, side, str(line.get("id", f"doccano-{number}")))


# --- Label Studio (JSON list of tasks with predictions) ----------------------------------------------

LS_FROM, LS_TO = "label", "text"


def to_labelstudio(record: Mapping[str, Any]) -> Dict[str, Any]:
    """One Label Studio task: ``data`` (text, gunji) and one prediction of ``labels`` and ``relation`` results."""
    spans = tool_spans(record)
    ids = {span: f"s{number}" for number, span in enumerate(spans)}
    result: List[Dict[str, Any]] = [
        {"id": ids[s], "from_name": LS_FROM, "to_name": LS_TO, "type": "labels",
         "value": {"start": s[0], "end": s[1], "text": record["text"][s[0]:s[1]], "labels": [s[2]]}}
        for s in spans]
    result += [{"type": "relation", "from_id": ids[ja], "to_id": ids[en], "direction": "right",
                "labels": [PAIR_LABEL]} for ja, en in tool_relations(record)]
    return {"data": {"text": record["text"], SIDE_KEY: side_data(record)},
            "predictions": [{"model_version": "gunji", "result": result}]}


def prediction_only(task: Mapping[str, Any]) -> bool:
    """A task nobody annotated: reading it takes the model's prediction as gold."""
    return not any(not a.get("was_cancelled") for a in task.get("annotations") or []) and bool(task.get("predictions"))


def _ls_result(task: Mapping[str, Any]) -> List[Mapping[str, Any]]:
    """The result to read: the newest non-cancelled annotation, else the first prediction."""
    annotations = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    if annotations:
        return annotations[-1].get("result") or []
    predictions = task.get("predictions") or []
    if predictions:
        logger.debug("task %s has no annotation; its prediction is read as gold", task.get("id", "?"))
        return predictions[0].get("result") or []
    return []


def from_labelstudio(task: Mapping[str, Any], number: int) -> Dict[str, Any]:
    """A record from a Label Studio task of an export (JSON)."""
    data = task.get("data") or {}
    spans: List[Span] = []
    by_id: Dict[str, Span] = {}
    relations = []
    results = _ls_result(task)
    for item in results:
        value = item.get("value") or {}
        labels = value.get("labels") or value.get("hypertextlabels") or []
        if item.get("type") in ("labels", "hypertextlabels") and labels and "start" in value:
            for label in labels:
                span = (int(value["start"]), int(value["end"]), str(label))
                spans.append(span)
                by_id.setdefault(item.get("id"), span)
    for item in results:
        if item.get("type") == "relation" and item.get("from_id") in by_id and item.get("to_id") in by_id:
            label = (item.get("labels") or [""])[0]
            head, child = by_id[item["from_id"]], by_id[item["to_id"]]
            if item.get("direction") == "left":
                head, child = child, head
            relations.append((head, child, str(label)))
    side = data.get(SIDE_KEY) or (task.get("meta") or {}).get(SIDE_KEY)
    text = data.get("text")
    if not isinstance(text, str):
        raise ValueError(f"Label Studio task {task.get('id', number)} has no data.text")
    return rebuild_record(text, spans, relations, side, str(data.get("id") or task.get("id") or f"ls-{number}"))


def labelstudio_config(labels: Iterable[str]) -> str:
    """A Label Studio labelling config for the exported labels and the PAIR relation."""
    items = "".join(f'    <Label value="{label}"/>\n' for label in labels)
    return ('<View>\n  <Relations>\n    <Relation value="PAIR"/>\n  </Relations>\n'
            f'  <Labels name="{LS_FROM}" toName="{LS_TO}">\n{items}  </Labels>\n'
            f'  <Text name="{LS_TO}" value="$text" granularity="symbol"/>\n</View>\n')
