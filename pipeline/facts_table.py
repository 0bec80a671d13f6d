"""One row per reported event: ``facts.csv`` and ``facts.parquet`` from an annotate run's JSONL records.

Analysts want rows, not mentions (ANNOTATION.md, "Facts"). Each QUANTITY span
that carries an ``event`` becomes one row: the number and its attributes, the
participants (``trigger``, ``actor``, ``weapon``, ``target``, ``source``), the
place and date where a component added them, the sentence that reports it,
and the input record's metadata as ``meta_*`` columns.

The table is built from the JSONL records, not from Docs: the records are the
published contract, they hold the fact keys as plain keys, and ``gunji facts
OUTDIR`` can rebuild the table from ``annotations.jsonl`` alone. A weapon's
canonical name and class and an actor's canonical name and side are looked up
in the record's WEAPON and MIL_UNIT spans at the participant's offsets.

Files:

- ``facts.csv``: UTF-8 **with** a byte order mark. Excel opens a BOM-less
  UTF-8 CSV in the system code page (CP932 on Japanese Windows) and shows
  mojibake; with the BOM it reads UTF-8. Python (``encoding="utf-8-sig"``),
  pandas and DuckDB read it either way. Booleans are ``true``/``false``,
  missing values empty.
- ``facts.parquet``: the same columns with types (numbers as float64, approx
  as bool, the rest strings). ``meta_*`` columns are strings (JSON text for
  non-string values), so a key whose type varies between records cannot break
  the file.

Both are written a row group at a time (two passes over the JSONL: the first
finds the meta keys), so memory stays flat however large the batch. A run that
sees its records as they are written (``pipeline.annotate.RecordExtras``) builds
the rows then, while the workers go on, and keeps them in a ``RowSpool`` on disk
until the meta columns are known; the end of the run only writes the two files.
"""
from __future__ import annotations

import csv
import json
import logging
import os
import pickle
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any, Dict, Iterable, Iterator, List, Optional, Tuple

logger = logging.getLogger(__name__)

FACTS_CSV = "facts.csv"
FACTS_PARQUET = "facts.parquet"
ROW_GROUP = 10_000
# The fixed columns, in order, with their Parquet types.
COLUMNS: Tuple[Tuple[str, str], ...] = (
    ("id", "string"), ("event", "string"), ("quantity", "string"), ("start", "int64"), ("end", "int64"),
    ("value", "float64"), ("value_max", "float64"), ("unit", "string"), ("approx", "bool_"), ("bound", "string"),
    ("category", "string"), ("item", "string"), ("casualty", "string"),
    ("weapon", "string"), ("weapon_canonical", "string"), ("weapon_class", "string"),
    ("actor", "string"), ("actor_canonical", "string"), ("actor_side", "string"),
    ("target", "string"), ("source", "string"), ("trigger", "string"),
    ("place", "string"), ("place_canonical", "string"), ("lat", "float64"), ("lon", "float64"), ("date", "string"),
    ("sentence", "string"),
)
META_PREFIX = "meta_"
_SENTENCE_END = re.compile(r"[。！？!?\n]")

Row = Dict[str, Any]


# Every span with an event holds this key; a line without it has no fact row and no meta column,
# so it is not parsed at all (about three records in four of a typical batch).
_EVENT_KEY = '"event"'


def read_records(path: Path, only_facts: bool = False) -> Iterator[Dict[str, Any]]:
    """The records of a JSONL file, one at a time; a torn or invalid line is logged and passed over.

    ``only_facts``: skip, unparsed, the lines that cannot hold a fact (no ``"event"`` key anywhere).
    """
    with Path(path).open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            if not line.strip() or (only_facts and _EVENT_KEY not in line):
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                logger.warning("%s:%d: not a JSON record (%s); left out of the facts", path, lineno, err.msg)
                continue
            if isinstance(record, dict):
                yield record


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` around ``[start, end)``: from after the previous 。！？ or newline to the next one."""
    begin = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        begin = match.end()
    stop = _SENTENCE_END.search(text, max(end, begin))
    finish = stop.end() if stop else len(text)
    return text[begin:finish].strip()


def _part(value: Any) -> Optional[Mapping[str, Any]]:
    """A participant object, or a bare string written where one was expected."""
    if isinstance(value, Mapping):
        return value
    if isinstance(value, str) and value:
        return {"text": value}
    return None


def _text(value: Any) -> Optional[str]:
    part = _part(value)
    return None if part is None else part.get("text")


def _span_at(spans: Mapping[Tuple[int, int, str], Mapping[str, Any]], part: Optional[Mapping[str, Any]],
             label: str) -> Mapping[str, Any]:
    if part is None or "start" not in part or "end" not in part:
        return {}
    return spans.get((part["start"], part["end"], label), {})


def record_rows(record: Mapping[str, Any]) -> Iterator[Row]:
    """The fact rows of one record: one per QUANTITY span with an ``event``, in text order."""
    text = record.get("text", "")
    spans = [s for s in record.get("spans", []) if isinstance(s, Mapping)]
    by_offsets = {(s.get("start"), s.get("end"), s.get("label")): s for s in spans}
    meta = record.get("meta") if isinstance(record.get("meta"), Mapping) else {}
    for span in sorted(spans, key=lambda s: (s.get("start", 0), s.get("end", 0))):
        if span.get("label") != "QUANTITY" or not span.get("event"):
            continue
        weapon, actor, place = _part(span.get("weapon")), _part(span.get("actor")), _part(span.get("place"))
        weapon_span = _span_at(by_offsets, weapon, "WEAPON")
        actor_span = _span_at(by_offsets, actor, "MIL_UNIT")
        row: Row = {
            "id": record.get("id"), "event": span["event"], "quantity": span.get("text"),
            "start": span.get("start"), "end": span.get("end"),
            **{k: span.get(k) for k in ("value", "value_max", "unit", "approx", "bound", "category", "item",
                                        "casualty")},
            "weapon": _text(weapon), "weapon_canonical": weapon_span.get("canonical"),
            "weapon_class": weapon_span.get("weapon_class"),
            "actor": _text(actor), "actor_canonical": actor_span.get("canonical"), "actor_side": actor_span.get("side"),
            "target": _text(span.get("target")), "source": _text(span.get("source")),
            "trigger": _text(span.get("trigger")),
            "place": _text(place), "place_canonical": (place or {}).get("canonical"),
            "lat": span.get("lat", (place or {}).get("lat")), "lon": span.get("lon", (place or {}).get("lon")),
            "date": span.get("date"),
            "sentence": sentence_at(text, span.get("start", 0), span.get("end", 0)),
        }
        for key, value in meta.items():
            row[META_PREFIX + str(key)] = value
        yield row


def note_meta(record: Mapping[str, Any], seen: Dict[str, None]) -> None:
    """Add the ``meta_*`` columns of ``record`` to ``seen`` (in order) if it has facts."""
    meta = record.get("meta")
    if isinstance(meta, Mapping) and any(s.get("label") == "QUANTITY" and s.get("event")
                                         for s in record.get("spans", []) if isinstance(s, Mapping)):
        seen.update((META_PREFIX + str(k), None) for k in meta)


def meta_columns(records: Iterable[Mapping[str, Any]]) -> List[str]:
    """The ``meta_*`` columns of the records that have facts, in order of first appearance."""
    seen: Dict[str, None] = {}
    for record in records:
        note_meta(record, seen)
    return list(seen)


def _as_text(value: Any) -> Optional[str]:
    """A meta value as a string cell: strings as they are, anything else as JSON."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _typed(name: str, kind: str, value: Any) -> Any:
    """A cell converted to its Parquet column's type; a value that will not convert is dropped with a note."""
    if value is None:
        return None
    try:
        if kind == "float64":
            return float(value)
        if kind == "int64":
            return int(value)
        if kind == "bool_":
            return bool(value)
    except (TypeError, ValueError):
        logger.warning("facts: %s=%r is not a %s; left empty", name, value, kind)
        return None
    return _as_text(value) if not isinstance(value, str) else value


class RowSpool:
    """Fact rows kept on disk (an unnamed temporary file) as a run builds them, read back once at its end.

    The rows of 100k records do not fit a flat memory, and the table's columns are known only
    at the end (the ``meta_*`` keys of every record with facts), so the rows wait in pickled
    groups, one per record, in the order they came.
    """

    def __init__(self) -> None:
        self._file: Optional[IO[bytes]] = None
        self.rows = 0

    def add(self, record: Mapping[str, Any]) -> None:
        """Spool the fact rows of ``record``, if it has any."""
        rows = list(record_rows(record))
        if rows:
            if self._file is None:
                self._file = tempfile.TemporaryFile(prefix="gunji-facts-")
            pickle.dump(rows, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self.rows += len(rows)

    def __iter__(self) -> Iterator[Row]:
        if self._file is None:
            return
        self._file.seek(0)
        while True:
            try:
                rows = pickle.load(self._file)
            except EOFError:
                return
            yield from rows

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def write_facts(jsonl: Path, outdir: Path, metas: Optional[List[str]] = None) -> Tuple[int, Path, Path]:
    """Write ``facts.csv`` and ``facts.parquet`` into ``outdir`` from the records in ``jsonl``.

    ``metas``: the ``meta_*`` columns, where a pass over the same records
    already found them (``meta_columns``); else a first pass reads them.

    Returns:
        The number of rows and the two paths. Each file is written to a
        temporary name and renamed, so a reader never sees half a table.
    """
    if metas is None:
        metas = meta_columns(read_records(jsonl, only_facts=True))
    rows = (row for record in read_records(jsonl, only_facts=True) for row in record_rows(record))
    return write_fact_rows(rows, outdir, metas)


def write_fact_rows(rows: Iterable[Row], outdir: Path, metas: List[str]) -> Tuple[int, Path, Path]:
    """Write ``facts.csv`` and ``facts.parquet`` into ``outdir`` from ``rows`` (``record_rows``, in record order).

    ``metas``: the ``meta_*`` columns, in order (``meta_columns`` of the same records).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    outdir = Path(outdir)
    kinds = dict(COLUMNS) | {name: "string" for name in metas}
    names = [name for name, _ in COLUMNS] + metas
    schema = pa.schema([(name, getattr(pa, kinds[name])()) for name in names])
    csv_path, parquet_path = outdir / FACTS_CSV, outdir / FACTS_PARQUET
    csv_tmp, parquet_tmp = csv_path.with_name(csv_path.name + ".tmp"), parquet_path.with_name(parquet_path.name + ".tmp")
    count = 0
    with csv_tmp.open("w", encoding="utf-8-sig", newline="") as f, pq.ParquetWriter(parquet_tmp, schema) as parquet:
        table = csv.writer(f)
        table.writerow(names)
        group: List[Row] = []
        for row in rows:
            table.writerow([_csv_cell(row.get(name)) for name in names])
            group.append(row)
            count += 1
            if len(group) >= ROW_GROUP:
                parquet.write_table(_arrow_table(group, names, kinds, schema))
                group = []
        if group or count == 0:
            parquet.write_table(_arrow_table(group, names, kinds, schema))
    os.replace(csv_tmp, csv_path)
    os.replace(parquet_tmp, parquet_path)
    return count, csv_path, parquet_path


def _arrow_table(rows: List[Row], names: List[str], kinds: Mapping[str, str], schema: Any) -> Any:
    import pyarrow as pa

    columns = {name: [_typed(name, kinds[name], row.get(name)) for row in rows] for name in names}
    return pa.Table.from_pydict(columns, schema=schema)
