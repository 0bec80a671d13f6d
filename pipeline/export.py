"""``gunji export`` and the tool side of ``gunji convert``: records to and from annotation tools.

``export_records`` writes a batch for correction in Prodigy (JSONL tasks),
doccano (JSONL, sequence labelling with relations) or Label Studio (a JSON
list of tasks with predictions, plus a labelling config beside it).
``read_tool_file`` reads a tool's export back as records, detecting the
format when asked (``auto``), so corrected annotations become gold for
``gunji convert`` / ``gunji evaluate``. The per-tool mapping is in
``tool_formats`` and ``tool_prodigy``.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, Tuple

from pipeline.tool_formats import (SIDE_KEY, from_doccano, from_labelstudio, labelstudio_config,
                                   prediction_only, to_doccano, to_labelstudio, tool_spans)
from pipeline.tool_prodigy import from_prodigy, to_prodigy

logger = logging.getLogger(__name__)

Writer = Callable[[Mapping[str, Any]], Dict[str, Any]]
Reader = Callable[[Mapping[str, Any], int], Dict[str, Any]]
FORMATS: Dict[str, Tuple[Writer, Reader, str]] = {
    "prodigy": (to_prodigy, from_prodigy, ".jsonl"),
    "doccano": (to_doccano, from_doccano, ".jsonl"),
    "labelstudio": (to_labelstudio, from_labelstudio, ".json"),
}
READ_FORMATS = ("auto", "gunji") + tuple(sorted(FORMATS))


def default_name(fmt: str) -> str:
    """``export-prodigy.jsonl``, ``export-doccano.jsonl``, ``export-labelstudio.json``."""
    return f"export-{fmt}{FORMATS[fmt][2]}"


def export_records(records: Iterable[Mapping[str, Any]], fmt: str, path: Path) -> int:
    """Write ``records`` in ``fmt`` to ``path``; return how many. Label Studio also gets ``PATH.xml`` (its config)."""
    to_tool = FORMATS[fmt][0]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    labels: Dict[str, None] = {}
    with path.open("w", encoding="utf-8") as f:
        if fmt == "labelstudio":
            f.write("[\n")
        for record in records:
            task = to_tool(record)
            for span in tool_spans(record):
                labels.setdefault(span[2], None)
            if fmt == "labelstudio":
                f.write((",\n" if count else "") + json.dumps(task, ensure_ascii=False))
            else:
                f.write(json.dumps(task, ensure_ascii=False) + "\n")
            count += 1
        if fmt == "labelstudio":
            f.write("\n]\n")
    if fmt == "labelstudio":
        wanted = ["MIL_UNIT", "WEAPON", "QUANTITY", "JA", "EN"]
        path.with_suffix(".xml").write_text(labelstudio_config(wanted + [x for x in labels if x not in wanted]),
                                            encoding="utf-8")
    return count


def _items(path: Path) -> List[Any]:
    """The JSON items of a file: a JSON array, one JSON object, or JSONL."""
    raw = Path(path).read_text(encoding="utf-8")
    stripped = raw.lstrip()
    if stripped.startswith("["):
        return json.loads(stripped)
    items = []
    for number, line in enumerate(raw.splitlines(), 1):
        if line.strip():
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as err:
                if number == 1 and stripped.startswith("{"):
                    return [json.loads(stripped)]  # one pretty-printed object
                logger.warning("%s:%d: invalid JSON (%s); skipped", path, number, err.msg)
    return items


def detect_format(item: Mapping[str, Any]) -> str:
    """Which format one exported item is in: labelstudio, doccano, prodigy or gunji (our records)."""
    if "data" in item and isinstance(item["data"], Mapping):
        return "labelstudio"
    if "entities" in item or isinstance(item.get("label"), list):
        return "doccano"
    if any(k in item for k in ("tokens", "answer", "_input_hash", "_task_hash", "relations")):
        return "prodigy"
    spans = item.get("spans") or []
    if spans and all("token_start" in s for s in spans) and "pairs" not in item:
        return "prodigy"
    return "gunji"


def read_tool_file(path: Path, fmt: str = "auto") -> Iterator[Dict[str, Any]]:
    """The records of a tool's export (or of our own JSONL, ``gunji``), read as gold.

    Prodigy answers ``reject`` and ``ignore`` are skipped: they are not gold. A Label Studio task is
    read from its newest annotation, or from its prediction where nobody annotated it (counted in one
    warning, since that is the model's output, not a correction).
    """
    unreviewed = 0
    for number, item in enumerate(_items(path), 1):
        if not isinstance(item, Mapping):
            logger.warning("%s: item %d is not an object; skipped", path, number)
            continue
        kind = detect_format(item) if fmt == "auto" else fmt
        if kind == "prodigy" and item.get("answer") in ("reject", "ignore"):
            continue
        if kind == "gunji":
            if isinstance(item.get("text"), str):
                yield dict(item)
            continue
        try:
            record = FORMATS[kind][1](item, number)
        except (KeyError, TypeError, ValueError, IndexError) as err:
            logger.warning("%s: item %d is not a %s task (%s); skipped", path, number, kind, err)
            continue
        unreviewed += kind == "labelstudio" and prediction_only(item)
        yield record
    if unreviewed:
        logger.warning("%s: %d Label Studio task(s) had no annotation; their predictions were read as gold",
                       path, unreviewed)


def has_side_data(item: Mapping[str, Any]) -> bool:
    """Whether a tool item still carries the ``gunji`` object written on export."""
    data = item.get("data")
    return SIDE_KEY in item or (isinstance(data, Mapping) and SIDE_KEY in data)
