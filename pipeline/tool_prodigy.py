"""Our records as Prodigy tasks and back (``spans_manual`` / ``rel.manual`` style JSONL).

Prodigy's relations are drawn between tokens, so a task needs ``tokens``
and each span its ``token_start``/``token_end`` (inclusive). Japanese has no
spaces, so tokens here are single characters, except runs of Latin letters
and digits, which stay one token; every span boundary is also a token
boundary, so each span maps onto whole tokens. Whitespace is not a token
(it is the ``ws`` flag of the token before it), as Prodigy's own tokens do.

Pairs are ``relations`` labelled ``PAIR`` from the JA side to the EN side;
our attributes ride in the task's ``gunji`` key (Prodigy keeps every task key
through ``db-out``) and the record id in ``meta.id``, which Prodigy shows.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Mapping, Sequence, Set, Tuple

from pipeline.tool_formats import SIDE_KEY, PAIR_LABEL, Span, rebuild_record, side_data, tool_relations, tool_spans

_LATIN_RUN = re.compile(r"[A-Za-z0-9]+|\S")


def char_tokens(text: str, cuts: Set[int]) -> List[Dict[str, Any]]:
    """Prodigy tokens for ``text``: one per non-space character or Latin run, cut at ``cuts``."""
    tokens: List[Dict[str, Any]] = []
    for match in _LATIN_RUN.finditer(text):
        start = match.start()
        inner = sorted(c for c in cuts if match.start() < c < match.end())
        for end in inner + [match.end()]:
            tokens.append({"text": text[start:end], "start": start, "end": end, "id": len(tokens), "ws": False})
            start = end
        if match.end() < len(text) and text[match.end()].isspace():
            tokens[-1]["ws"] = True
    return tokens


def _token_range(tokens: Sequence[Mapping[str, Any]], start: int, end: int) -> Tuple[int, int]:
    inside = [t["id"] for t in tokens if t["start"] >= start and t["end"] <= end]
    if not inside:
        raise ValueError(f"no token inside {start}-{end}")
    return inside[0], inside[-1]


def to_prodigy(record: Mapping[str, Any]) -> Dict[str, Any]:
    """One Prodigy task: text, tokens, spans, PAIR relations, ``meta.id`` and the ``gunji`` side data."""
    spans = tool_spans(record)
    cuts = {s[0] for s in spans} | {s[1] for s in spans}
    tokens = char_tokens(record["text"], cuts)

    def span_dict(span: Span) -> Dict[str, Any]:
        first, last = _token_range(tokens, span[0], span[1])
        return {"start": span[0], "end": span[1], "token_start": first, "token_end": last, "label": span[2]}

    relations = []
    for ja, en in tool_relations(record):
        head, child = span_dict(ja), span_dict(en)
        relations.append({"head": head["token_end"], "child": child["token_end"], "head_span": head,
                          "child_span": child, "label": PAIR_LABEL})
    return {"text": record["text"], "tokens": tokens, "spans": [span_dict(s) for s in spans],
            "relations": relations, "meta": {"id": record.get("id")}, SIDE_KEY: side_data(record),
            "answer": "accept"}


def _char_span(tokens: Sequence[Mapping[str, Any]], item: Mapping[str, Any]) -> Span:
    """A span's characters: its own start/end, or its tokens' where only token indices are given."""
    if "start" in item and "end" in item:
        return int(item["start"]), int(item["end"]), str(item.get("label", ""))
    return (int(tokens[item["token_start"]]["start"]), int(tokens[item["token_end"]]["end"]),
            str(item.get("label", "")))


def from_prodigy(task: Mapping[str, Any], number: int) -> Dict[str, Any]:
    """A record from a Prodigy task (an accepted answer, or a task with no answer yet)."""
    tokens = task.get("tokens") or []
    spans = [_char_span(tokens, s) for s in task.get("spans") or []]
    relations = []
    for rel in task.get("relations") or []:
        if "head_span" in rel and "child_span" in rel:
            relations.append((_char_span(tokens, rel["head_span"]), _char_span(tokens, rel["child_span"]),
                              str(rel.get("label", ""))))
    side = task.get(SIDE_KEY)
    meta = task.get("meta") or {}
    fallback = str(meta.get("id") or task.get("_input_hash") or f"prodigy-{number}")
    return rebuild_record(task["text"], spans, relations, side, fallback)
