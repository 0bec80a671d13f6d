"""Workers annotate pieces of a shard; the parent writes whole shards in input order.

One execution model for ``--n-process N`` (forked local workers) and the Dask
backend (``pipeline.dask_backend``): the parent reads the inputs, cuts them
into shards of ``shard_size`` records exactly as a one-process run would
(skips ride along), and each shard into **pieces** of about ``piece_chars``
characters. A worker annotates a piece (``pipeline.stream``, so a bad record
is skipped there with its reason), writes its JSONL lines and fills a DocBin,
and returns both, the DocBin as its arrays and lists (not serialised). The
parent collects a shard's pieces in order, joins their DocBins (the same
arrays, strings and user data a one-process shard holds, so the shard's bytes
are the same) and hands it to ``BatchWriter.add_shard``: ``annotations.jsonl``,
the manifest and ``--resume`` work as in a one-process run.

Pieces rather than shards are the unit of work so that N workers share the
load evenly: with shards of 1000 records an input of a few shards left one
worker idle while the other finished its last shard. A piece of 4k
characters is about 0.06 s of the fast config and 2-3 s of the full one;
pieces of 2k and 10k cost the workers the same CPU time on the fast config.

Local workers are forked after the pipeline is loaded, so it is loaded once and
shared copy-on-write; no worker loads ja_ginza again. Only ``PIECES_PER_WORKER
× N`` pieces are in flight (plus the shard being assembled), so memory stays
flat. A worker that dies (killed, out of memory) stops the batch; ``--resume``
continues it.
"""
from __future__ import annotations

import logging
import multiprocessing
import time
from collections import deque
from contextlib import ExitStack
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Deque, Dict, Iterable, Iterator, List, Optional, Tuple

from spacy.language import Language
from spacy.tokens import DocBin

from pipeline.annotate import RunReport
from pipeline.inputs import InputItem, InputRecord, Skipped
from pipeline.outputs import BatchWriter, add_or_roll_back, docbin_to_bytes, record_line
from pipeline.serialization import freeze_msgpack_registries
from pipeline.stream import RECORD_ERROR, ZONE_RECORDS, annotate_records, failure_reason

logger = logging.getLogger(__name__)

PIECES_PER_WORKER = 3  # in flight per worker: one being annotated, the others queued
PIECE_CHARS = 4_000  # characters per piece (whole records; a shard is cut into pieces of about this size)
_WORKER_NLP: List[Language] = []  # set in the parent before the fork; the workers inherit it

# A shard's input positions in order: ("skip", key, reason) or ("record", InputRecord, None)
_Event = Tuple[str, Any, Any]
# A DocBin's contents as they travel: tokens, spaces, strings, cats, flags, user_data, span_groups
DocBinParts = Tuple[List[Any], List[Any], List[str], List[Any], List[Any], List[bytes], List[bytes]]
# What a worker returns: per record {"key", "line", "chars"} or {"key", "skip"}, and the docs' DocBin parts
PieceResult = Tuple[List[Dict[str, Any]], DocBinParts]
# Sends a piece's records to a worker; returns a future (``.result()``) of its ``PieceResult``
Submit = Callable[[List[InputRecord]], Any]


def annotate_piece(nlp: Language, items: List[InputRecord], batch_size: int,
                   memory_zones: bool = True) -> PieceResult:
    """Annotate ``items``; return one outcome per record (its JSONL line or its skip) and their DocBin's parts.

    ``memory_zones=False``: the caller holds a memory zone open around many pieces (``_work``).
    """
    out: List[Dict[str, Any]] = []
    docbin = DocBin(store_user_data=True)
    for outcome in annotate_records(nlp, items, batch_size=batch_size, memory_zones=memory_zones):
        key = outcome.item.key
        if outcome.record is None or outcome.doc is None:
            out.append({"key": key, "skip": outcome.reason})
            continue
        try:
            line = record_line(outcome.record)
            add_or_roll_back(docbin, outcome.doc)
        except Exception as err:  # noqa: BLE001 - one record, not the piece
            logger.debug("%s: writing the record failed", key, exc_info=err)
            out.append({"key": key, "skip": failure_reason(RECORD_ERROR, "the shard writer", err)})
            continue
        out.append({"key": key, "line": line, "chars": len(outcome.item.text)})
    parts = (docbin.tokens, docbin.spaces, sorted(docbin.strings), docbin.cats, docbin.flags, docbin.user_data,
             docbin.span_groups)
    return out, parts


def join_docbin(parts: Iterable[DocBinParts]) -> DocBin:
    """One DocBin holding the docs of ``parts`` in order (what ``DocBin.merge`` does, without serialising)."""
    docbin = DocBin(store_user_data=True)
    for tokens, spaces, strings, cats, flags, user_data, span_groups in parts:
        docbin.tokens.extend(tokens)
        docbin.spaces.extend(spaces)
        docbin.strings.update(strings)
        docbin.cats.extend(cats)
        docbin.flags.extend(flags)
        docbin.user_data.extend(user_data)
        docbin.span_groups.extend(span_groups)
    return docbin


class _WorkerZone:
    """One spaCy memory zone held open across a worker's pieces, renewed every ``ZONE_RECORDS`` records.

    A zone per piece (about 16 records of the fast config) frees the vocab's lexemes and strings
    after every piece and rebuilds them for the next: measured on the dev texts, pieces of 16
    records each in its own zone took 1.25x the CPU time of one pass over the same records. A
    piece leaves nothing of the zone behind (its DocBin travels as arrays and plain strings), so
    the zone can end between any two pieces; memory stays as flat as in a one-process run.
    """

    def __init__(self) -> None:
        self._stack: Optional[ExitStack] = None
        self._records = 0

    def run(self, nlp: Language, items: List[InputRecord], batch_size: int) -> PieceResult:
        if self._stack is None:
            self._stack = ExitStack()
            self._stack.enter_context(nlp.memory_zone())
        try:
            return annotate_piece(nlp, items, batch_size, memory_zones=False)
        finally:
            self._records += len(items)
            if self._records >= ZONE_RECORDS:
                self.close()

    def close(self) -> None:
        if self._stack is not None:
            self._stack.close()
        self._stack, self._records = None, 0


_ZONE = _WorkerZone()  # per process: each forked worker has its own


def _work(items: List[InputRecord], batch_size: int) -> PieceResult:
    """Local worker task: the inherited pipeline on one piece."""
    return _ZONE.run(_WORKER_NLP[0], items, batch_size)


@dataclass
class _Shard:
    """A shard being assembled: its input positions and the results of its pieces so far."""

    events: List[_Event]
    pieces: int = 0
    results: List[PieceResult] = field(default_factory=list)


def shard_events(items: Iterable[InputItem], done: Iterable[str], size: int) -> Iterator[List[_Event]]:
    """Input positions not yet done, in order, cut after every ``size``-th record (skips ride along).

    Where each skip goes is where a one-process run puts it: the writer writes a
    shard as its last record comes, so a skip read after that belongs to the next.
    """
    done = set(done)
    chunk: List[_Event] = []
    records = 0
    for item in items:
        if item.key in done:
            continue
        if isinstance(item, Skipped):
            chunk.append(("skip", item.key, item.reason))
            continue
        chunk.append(("record", item, None))
        records += 1
        if records == size:  # a full shard is written at once: skips read after it go to the next one
            yield chunk
            chunk, records = [], 0
    if chunk:
        yield chunk


def cut_pieces(records: List[InputRecord], piece_chars: int) -> List[List[InputRecord]]:
    """``records`` in order, cut into runs of whole records of at least ``piece_chars`` characters (the last may be less)."""
    pieces: List[List[InputRecord]] = []
    piece: List[InputRecord] = []
    chars = 0
    for record in records:
        piece.append(record)
        chars += len(record.text)
        if chars >= piece_chars:
            pieces.append(piece)
            piece, chars = [], 0
    if piece:
        pieces.append(piece)
    return pieces


def run_pieces(items: Iterable[InputItem], writer: BatchWriter, submit: Submit, window: int, *,
               piece_chars: int = PIECE_CHARS, on_record: Optional[Callable[[int], None]] = None) -> Tuple[int, int]:
    """Annotate every item not yet done in ``writer`` by pieces sent through ``submit``; write shards in order.

    Args:
        items (Iterable[InputItem]): Records and skips, in input order.
        writer (BatchWriter): Where shards, JSONL and the manifest go (a resumed one passes done keys over).
        submit (Submit): Sends a piece to a worker; returns a future of its ``PieceResult``.
        window (int): Pieces in flight at most.
        piece_chars (int): Characters per piece.
        on_record (Optional[Callable[[int], None]]): Called with each written record's length.

    Returns:
        Tuple[int, int]: Records and characters written.
    """
    counts = [0, 0]  # records, characters
    in_flight: Deque[Tuple[_Shard, Any]] = deque()
    for events in shard_events(items, writer.done_keys, writer.shard_size):
        shard = _Shard(events)
        pieces = cut_pieces([item for kind, item, _ in events if kind == "record"], max(1, piece_chars))
        shard.pieces = len(pieces)
        for piece in pieces or [None]:
            in_flight.append((shard, submit(piece) if piece else None))
            while len(in_flight) >= max(1, window):
                _collect(*in_flight.popleft(), writer, counts, on_record)
    while in_flight:
        _collect(*in_flight.popleft(), writer, counts, on_record)
    return counts[0], counts[1]


def _collect(shard: _Shard, future: Any, writer: BatchWriter, counts: List[int],
             on_record: Optional[Callable[[int], None]]) -> None:
    """Keep one piece's result; once a shard's last piece is in, write the shard."""
    if future is not None:
        shard.results.append(future.result())
        release = getattr(future, "release", None)  # a Dask future: let the cluster drop the result
        if release is not None:
            release()
    if len(shard.results) == shard.pieces:
        _write_shard(shard, writer, counts, on_record)


def _write_shard(shard: _Shard, writer: BatchWriter, counts: List[int],
                 on_record: Optional[Callable[[int], None]]) -> None:
    """Give one assembled shard to ``writer``: its input skips, its failed records, its records and docs."""
    returned = iter([outcome for outcomes, _ in shard.results for outcome in outcomes])
    keys: List[str] = []
    lines: List[str] = []
    skipped: List[Tuple[str, str]] = []
    chars = 0
    for kind, item, reason in shard.events:
        if kind == "skip":
            skipped.append((item, reason))
            continue
        outcome = next(returned)
        if outcome["key"] != item.key:
            raise RuntimeError(f"{item.key}: a worker returned {outcome['key']!r} out of order")
        if "skip" in outcome:
            skipped.append((item.key, outcome["skip"]))
            continue
        keys.append(item.key)
        lines.append(outcome["line"])
        chars += outcome["chars"]
        if on_record is not None:
            on_record(outcome["chars"])
    encoded = docbin_to_bytes(join_docbin(parts for _, parts in shard.results)) if keys else b""
    shard.results = []
    writer.add_shard(keys, lines, chars, encoded, skipped)
    counts[0] += len(keys)
    counts[1] += chars


def annotate_in_processes(
    nlp: Language,
    items: Iterable[InputItem],
    writer: BatchWriter,
    *,
    n_process: int = 2,
    batch_size: int = 64,
    piece_chars: int = PIECE_CHARS,
    on_record: Optional[Callable[[int], None]] = None,
) -> RunReport:
    """Annotate every item not yet done in ``writer`` in ``n_process`` forked workers, by pieces of shards."""
    started = time.perf_counter()
    freeze_msgpack_registries()
    _WORKER_NLP[:] = [nlp]
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=n_process, mp_context=context) as pool:
            records, chars = run_pieces(items, writer, lambda piece: pool.submit(_work, piece, batch_size),
                                        n_process * PIECES_PER_WORKER, piece_chars=piece_chars,
                                        on_record=on_record)
    finally:
        _WORKER_NLP.clear()
    writer.flush()
    return RunReport(writer.totals, records, chars, time.perf_counter() - started)
