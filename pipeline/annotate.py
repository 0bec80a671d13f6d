"""Batch annotation: inputs → ``nlp.pipe`` → DocBin shards, JSONL records, glossary, HTML.

The pipeline is loaded once; texts stream through
``nlp.pipe(as_tuples=True, batch_size=..., n_process=...)`` with their input
position as context, so memory stays flat however large the batch. Texts over
Sudachi's byte limit or ``nlp.max_length`` are annotated in pieces and joined
back (``pipeline.chunking``). Output and resume are ``pipeline.outputs``'
business; this module only drives the loop and reports.
"""
from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.chunking import join_docs, split_text
from pipeline.inputs import InputItem, InputRecord, Skipped, reason_kind
from pipeline.outputs import BatchTotals, BatchWriter
from pipeline.dating import date_facts
from pipeline.records import doc_to_record

logger = logging.getLogger(__name__)

_Context = Tuple[InputRecord, int, int]  # the record, piece index, piece count


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


def _pieces(items: Iterable[InputItem], writer: BatchWriter, nlp: Language) -> Iterator[Tuple[str, _Context]]:
    """Text pieces to annotate; skips go straight to the writer."""
    for item in items:
        if item.key in writer.done_keys:
            continue
        if isinstance(item, Skipped):
            writer.skip(item.key, item.reason)
            continue
        pieces = split_text(item.text, max_chars=nlp.max_length)
        if len(pieces) > 1:
            logger.info("%s: %d characters, annotated in %d pieces", item.key, len(item.text), len(pieces))
        for i, piece in enumerate(pieces):
            yield piece, (item, i, len(pieces))


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
    waiting: List[Doc] = []
    stream = nlp.pipe(_pieces(items, writer, nlp), as_tuples=True, batch_size=batch_size, n_process=n_process)
    for doc, (item, index, count) in stream:
        waiting.append(doc)
        if index + 1 < count:
            continue
        doc = join_docs(waiting)
        waiting = []
        record = doc_to_record(doc, item.id, item.text)
        if item.meta:  # a JSONL input's meta goes with it; meta.date dates the facts (pipeline.dating)
            record = date_facts(dict(record, meta=item.meta))
        writer.add(item.key, record, doc)
        new_records += 1
        new_chars += len(item.text)
        if on_record is not None:
            on_record(len(item.text))
    writer.flush()
    return RunReport(writer.totals, new_records, new_chars, time.perf_counter() - started)


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
