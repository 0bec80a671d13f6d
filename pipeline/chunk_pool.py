"""``--n-process N``: chunks of inputs annotated in N worker processes, each serialising its own shard.

``nlp.pipe(n_process=N)`` sends every Doc back to the main process as bytes;
the main process then rebuilds it, writes its record and serialises it again
into the shard, one doc at a time, and becomes the bottleneck. Here the main
process only reads the inputs and cuts them into chunks of one shard's worth
of records; a worker annotates a chunk (``pipeline.stream``, so a bad record is
skipped there with its reason), writes its JSONL lines and its DocBin, and
returns them; the main process appends them **in input order** as one shard
(``BatchWriter.add_shard``), so ``annotations.jsonl``, the manifest and
``--resume`` work as in a one-process run.

Workers are forked after the pipeline is loaded, so it is loaded once and
shared copy-on-write; no worker loads ja_ginza again. Only ``2 × N`` chunks
are in flight, so memory stays flat. A worker that dies (killed, out of
memory) stops the batch; ``--resume`` continues it.
"""
from __future__ import annotations

import json
import logging
import multiprocessing
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Callable, Deque, Dict, Iterable, List, Optional, Tuple

from spacy.language import Language
from spacy.tokens import DocBin

from pipeline.annotate import RunReport
from pipeline.inputs import InputItem, InputRecord, Skipped
from pipeline.outputs import BatchWriter, add_or_roll_back
from pipeline.serialization import freeze_msgpack_registries
from pipeline.stream import RECORD_ERROR, annotate_records, failure_reason

logger = logging.getLogger(__name__)

CHUNKS_PER_WORKER = 2
_WORKER_NLP: List[Language] = []  # set in the parent before the fork; the workers inherit it

# A chunk in input order: ("skip", key, reason) or ("record", InputRecord)
_Event = Tuple[str, Any, Any]
# What a worker returns: per record {"key", "line", "chars"} or {"key", "skip"}, and the DocBin bytes
ChunkResult = Tuple[List[Dict[str, Any]], bytes]


def annotate_to_shard(nlp: Language, items: List[InputRecord], batch_size: int) -> ChunkResult:
    """Annotate ``items``; return one outcome per record (its JSONL line or its skip) and their DocBin's bytes."""
    out: List[Dict[str, Any]] = []
    docbin = DocBin(store_user_data=True)
    for outcome in annotate_records(nlp, items, batch_size=batch_size):
        key = outcome.item.key
        if outcome.record is None or outcome.doc is None:
            out.append({"key": key, "skip": outcome.reason})
            continue
        try:
            line = json.dumps(outcome.record, ensure_ascii=False)
            add_or_roll_back(docbin, outcome.doc)
        except Exception as err:  # noqa: BLE001 - one record, not the chunk
            logger.debug("%s: writing the record failed", key, exc_info=err)
            out.append({"key": key, "skip": failure_reason(RECORD_ERROR, "the shard writer", err)})
            continue
        out.append({"key": key, "line": line, "chars": len(outcome.item.text)})
    return out, docbin.to_bytes()


def _work(items: List[InputRecord], batch_size: int) -> ChunkResult:
    """Worker task: the inherited pipeline on one chunk."""
    return annotate_to_shard(_WORKER_NLP[0], items, batch_size)


def _chunks(items: Iterable[InputItem], done: Iterable[str], size: int) -> Iterable[List[_Event]]:
    """Input positions not yet done, in order, cut after every ``size`` records (skips ride along)."""
    done = set(done)
    chunk: List[_Event] = []
    records = 0
    for item in items:
        if item.key in done:
            continue
        if isinstance(item, Skipped):
            chunk.append(("skip", item.key, item.reason))
            continue
        if records == size:
            yield chunk
            chunk, records = [], 0
        chunk.append(("record", item, None))
        records += 1
    if chunk:
        yield chunk


def annotate_in_processes(
    nlp: Language,
    items: Iterable[InputItem],
    writer: BatchWriter,
    *,
    n_process: int = 2,
    batch_size: int = 64,
    on_record: Optional[Callable[[int], None]] = None,
) -> RunReport:
    """Annotate every item not yet done in ``writer`` in ``n_process`` forked workers, a shard per chunk."""
    started = time.perf_counter()
    freeze_msgpack_registries()
    _WORKER_NLP[:] = [nlp]
    counts = [0, 0]  # records, characters
    pending: Deque[Tuple[List[_Event], Optional[Future]]] = deque()
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=n_process, mp_context=context) as pool:
            for events in _chunks(items, writer.done_keys, writer.shard_size):
                records = [item for kind, item, _ in events if kind == "record"]
                pending.append((events, pool.submit(_work, records, batch_size) if records else None))
                while len(pending) >= n_process * CHUNKS_PER_WORKER:
                    _finish(*pending.popleft(), writer, counts, on_record)
            while pending:
                _finish(*pending.popleft(), writer, counts, on_record)
    finally:
        _WORKER_NLP.clear()
    writer.flush()
    return RunReport(writer.totals, counts[0], counts[1], time.perf_counter() - started)


def _finish(events: List[_Event], future: Optional[Future], writer: BatchWriter, counts: List[int],
            on_record: Optional[Callable[[int], None]]) -> None:
    """Give one chunk to ``writer`` as one shard: its input skips, its failed records, its records."""
    outcomes, encoded = future.result() if future is not None else ([], b"")
    returned = iter(outcomes)
    keys: List[str] = []
    lines: List[str] = []
    skipped: List[Tuple[str, str]] = []
    chars = 0
    for kind, item, reason in events:
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
    writer.add_shard(keys, lines, chars, encoded, skipped)
    counts[0] += len(keys)
    counts[1] += chars
