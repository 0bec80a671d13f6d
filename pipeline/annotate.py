"""Batch annotation: inputs → ``nlp.pipe`` → DocBin shards, JSONL records, glossary, HTML.

The pipeline is loaded once; texts stream through
``nlp.pipe(as_tuples=True, batch_size=..., n_process=...)`` with their input
position as context, so memory stays flat however large the batch. Texts over
Sudachi's byte limit or ``nlp.max_length`` are annotated in pieces and joined
back (``pipeline.chunking``); a record that makes anything raise is skipped
with its reason and the batch goes on (``pipeline.stream``). Output and
resume are ``pipeline.outputs``' business; this module only drives the loop
and reports.
"""
from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Tuple

from spacy.language import Language

from pipeline.inputs import InputItem, reason_kind
from pipeline.outputs import BatchTotals, BatchWriter
from pipeline.stream import RECORD_ERROR, Outcome, annotate_records, failure_reason

logger = logging.getLogger(__name__)


@dataclass
class RunReport:
    """What one ``annotate`` call did, and the batch's totals so far."""

    totals: BatchTotals
    new_records: int
    new_chars: int
    seconds: float

    @property
    def chars_per_second(self) -> float:
        return self.new_chars / self.seconds if self.seconds > 0 else 0.0

    def summary_lines(self) -> List[str]:
        """Human-readable summary: records, characters, chars/s, skipped by reason."""
        lines = [
            f"records annotated: {self.totals.records} ({self.new_records} in this run)",
            f"characters: {self.totals.chars} ({self.new_chars} in this run, {self.chars_per_second:,.0f} chars/s)",
            f"skipped: {len(self.totals.skipped)}",
        ]
        by_reason: Dict[str, List[str]] = {}
        for key, reason in self.totals.skipped:
            by_reason.setdefault(reason_kind(reason), []).append(key)
        for kind, keys in sorted(by_reason.items()):
            shown = ", ".join(keys[:5]) + (", …" if len(keys) > 5 else "")
            lines.append(f"  {kind}: {len(keys)} ({shown})")
        return lines


def annotate_stream(
    nlp: Language,
    items: Iterable[InputItem],
    writer: BatchWriter,
    *,
    batch_size: int = 64,
    n_process: int = 1,
    on_record: Optional[Callable[[int], None]] = None,
) -> RunReport:
    """Annotate every item not yet done in ``writer`` and write it out.

    A record that makes the pipeline or the record writer raise is skipped
    with its reason (``pipeline.stream``); the batch goes on.

    Args:
        nlp (Language): The loaded pipeline.
        items (Iterable[InputItem]): Records and skips from ``pipeline.inputs``.
        writer (BatchWriter): Where shards, JSONL and the manifest go.
        batch_size (int): ``nlp.pipe`` batch size.
        n_process (int): ``nlp.pipe`` processes.
        on_record (Callable[[int], None]): Called with each record's length (progress).
    """
    started = time.perf_counter()
    new_records = new_chars = 0
    outcomes = annotate_records(nlp, items, batch_size=batch_size, n_process=n_process,
                                done=writer.done_keys, on_skip=writer.skip)
    for outcome in outcomes:
        if write_outcome(writer, outcome):
            new_records += 1
            new_chars += len(outcome.item.text)
            if on_record is not None:
                on_record(len(outcome.item.text))
    writer.flush()
    return RunReport(writer.totals, new_records, new_chars, time.perf_counter() - started)


def annotate_local(
    nlp: Language,
    items: Iterable[InputItem],
    writer: BatchWriter,
    *,
    n_process: int = 1,
    batch_size: int = 64,
    on_record: Optional[Callable[[int], None]] = None,
) -> RunReport:
    """The local backend of ``gunji annotate``: this process, or ``n_process`` forked workers.

    One process streams through :func:`annotate_stream`; more give each worker a
    piece of a shard at a time (``pipeline.chunk_pool``) and only the piece's
    records and DocBin arrays travel back to the parent, which writes whole shards. ``gunji bench --e2e-chars`` times this same call.
    """
    if n_process > 1:
        from pipeline.chunk_pool import annotate_in_processes

        return annotate_in_processes(nlp, items, writer, n_process=n_process, batch_size=batch_size,
                                     on_record=on_record)
    return annotate_stream(nlp, items, writer, batch_size=batch_size, on_record=on_record)


class RecordExtras:
    """The glossary, the fact rows and their meta columns, gathered from the records as a run writes them.

    ``watch(writer)`` has the writer hand over each record it takes, so the
    glossary and the facts table need no second pass over ``annotations.jsonl``
    (reading it back cost about as much as building the groups, and left the
    facts' rows to the end of the run, when no worker runs beside them); shards the workers of
    ``--n-process`` annotated are read from their lines as the parent writes
    them, while the workers go on. It covers the batch only when it saw every
    record the batch holds: not after ``--resume`` (the earlier run's records);
    then ``write_batch_extras`` reads the records back as before.
    """

    def __init__(self) -> None:
        from pipeline.facts_table import RowSpool
        from pipeline.glossary import GlossaryBuilder

        self.glossary = GlossaryBuilder()
        self.facts = RowSpool()  # the fact rows, built as the records pass, written at the end
        self.metas: Dict[str, None] = {}
        self.records = 0
        self.writer: Optional[BatchWriter] = None

    def watch(self, writer: BatchWriter) -> "RecordExtras":
        """Take every record ``writer.add`` takes from now on."""
        writer.on_record = self.add
        self.writer = writer
        return self

    def add(self, record: Dict[str, Any]) -> None:
        from pipeline.facts_table import note_meta

        self.glossary.add(record)
        self.facts.add(record)
        note_meta(record, self.metas)
        self.records += 1

    def covers(self) -> bool:
        """Whether every record of the watched writer's batch passed here."""
        return self.writer is not None and self.records == self.writer.totals.records


def write_batch_extras(output: Path, html: bool = False, extras: Optional[RecordExtras] = None) -> int:
    """Outputs built from a finished run in ``output``: glossary, facts table, HTML pages if asked.

    Args:
        output (Path): The run's output directory.
        html (bool): Also write the HTML pages.
        extras (Optional[RecordExtras]): What the run gathered from its records; used where it
            saw all of them (``RecordExtras.covers``), else the records are read back.

    Returns:
        int: The number of fact rows written.
    """
    from pipeline.facts_table import note_meta, write_fact_rows, write_facts
    from pipeline.glossary import build_glossary, write_glossary
    from pipeline.outputs import ANNOTATIONS
    from pipeline.record_view import iter_records

    try:
        if extras is not None and extras.covers():
            write_glossary(extras.glossary.build(), output)
            count, _csv, _parquet = write_fact_rows(extras.facts, output, list(extras.metas))
        else:
            # one pass over the JSONL records (the same groups as from the Docs, a test holds it),
            # not a second deserialisation of every DocBin shard; it also finds the facts' meta columns
            metas = {}

            def noting_meta(records: Iterable[Dict[str, Any]]) -> Iterator[Dict[str, Any]]:
                for record in records:
                    note_meta(record, metas)
                    yield record

            write_glossary(build_glossary(noting_meta(iter_records(output))), output)
            count, _csv, _parquet = write_facts(output / ANNOTATIONS, output, list(metas))
    finally:
        if extras is not None:
            extras.facts.close()  # the spooled rows' file, used or not (a run resumed or an observer that failed)
    logger.info("facts: %d rows -> facts.csv, facts.parquet", count)
    if html:
        from pipeline.desk import write_batch_pages

        write_batch_pages(output)
    return count


def write_outcome(writer: BatchWriter, outcome: Outcome) -> bool:
    """Give one outcome to ``writer``: the record, or its skip; whether a record was written."""
    key = outcome.item.key
    if outcome.record is None or outcome.doc is None:
        writer.skip(key, outcome.reason or f"{RECORD_ERROR}: no record")
        return False
    try:
        writer.add(key, outcome.record, outcome.doc)
    except Exception as err:  # an unserialisable attribute must cost one record, not the batch
        logger.debug("%s: writing the record failed", key, exc_info=err)
        writer.skip(key, failure_reason(RECORD_ERROR, "the batch writer", err))
        return False
    return True


def progress_callback(enabled: Optional[bool] = None) -> Tuple[Callable[[int], None], Callable[[], None]]:
    """A tqdm progress bar on a terminal (records, chars/s); silent elsewhere."""
    from tqdm import tqdm

    show = sys.stderr.isatty() if enabled is None else enabled
    bar = tqdm(unit=" records", disable=not show, dynamic_ncols=True, file=sys.stderr)
    chars = [0]
    last = [time.perf_counter()]

    def update(length: int) -> None:
        chars[0] += length
        bar.update(1)
        now = time.perf_counter()
        if now - last[0] > 0.5:
            bar.set_postfix(chars=chars[0], refresh=False)
            last[0] = now

    return update, bar.close
