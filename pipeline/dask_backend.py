"""Annotate a batch on a Dask cluster, with outputs identical to a local run.

The client reads the inputs in order and cuts them into chunks of one
output shard's worth of records (``shard_size``). Each chunk goes to a Dask
worker, which loads the pipeline once per worker process (a module-level
cache keyed by the config) and returns the records plus the docs as DocBin
bytes. The client feeds the results back **in input order**, skips included,
into the same ``pipeline.outputs.BatchWriter`` a local run uses, so shards,
``annotations.jsonl`` and the manifest (and thus ``--resume``) are the same.

Only a bounded window of chunks is in flight, so memory stays flat however
large the batch. Dask is an optional extra (``pip install gunji[dask]``),
imported only here and only when used. Workers on other machines need gunji
(and ja_ginza for the full config) installed; a ``.cfg`` file is sent as
text, so its path need not exist there.
"""
from __future__ import annotations

import hashlib
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Deque, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from spacy.language import Language
from spacy.tokens import DocBin
from spacy.vocab import Vocab

from pipeline.annotate import RunReport
from pipeline.chunking import join_docs, split_text
from pipeline.inputs import InputItem, Skipped
from pipeline.outputs import BatchWriter
from pipeline.dating import date_facts
from pipeline.records import doc_to_record

logger = logging.getLogger(__name__)

DASK_MISSING = ("the Dask backend needs dask and distributed: pip install 'gunji[dask]' "
                "(or pip install dask distributed)")
# Chunks in flight per worker: one being annotated, one queued.
CHUNKS_PER_WORKER = 2

# (kind, value): ("cfg", config text) or ("name", pipeline directory / package name)
ConfigSpec = Tuple[str, str]
# One input position, in order: ("record", (key, id, text)) or ("skip", (key, reason))
_Event = Tuple[str, tuple]  # ("record", (key, id, text, meta)) or ("skip", (key, reason, ""))

_PIPELINES: Dict[str, Language] = {}
_LOADS = [0]


def _import_distributed() -> Any:
    """``distributed``, or an ImportError that says how to install it."""
    try:
        import distributed
    except ImportError as err:
        raise ImportError(DASK_MISSING) from err
    return distributed


def config_spec(config: Union[str, Path]) -> ConfigSpec:
    """What workers need to load ``config``: a .cfg file's text, else its name."""
    path = Path(config)
    if path.suffix == ".cfg":
        if not path.exists():
            raise FileNotFoundError(f"config not found: {path}")
        return ("cfg", path.read_text(encoding="utf-8"))
    return ("name", str(config))


def _spec_key(spec: ConfigSpec) -> str:
    return hashlib.sha256("\0".join(spec).encode("utf-8")).hexdigest()


def worker_pipeline(spec: ConfigSpec) -> Language:
    """The pipeline for ``spec`` in this worker process, loaded on first use only."""
    key = _spec_key(spec)
    if key not in _PIPELINES:
        from pipeline.loader import load_pipeline

        kind, value = spec
        if kind == "cfg":
            import tempfile

            with tempfile.TemporaryDirectory(prefix="gunji-cfg-") as tmp:
                path = Path(tmp) / "config.cfg"
                path.write_text(value, encoding="utf-8")
                _PIPELINES[key] = load_pipeline(path)
        else:
            _PIPELINES[key] = load_pipeline(value)
        _LOADS[0] += 1
    return _PIPELINES[key]


def worker_state() -> Dict[str, int]:
    """This worker process's pid and how many pipelines it has loaded (for tests and logs)."""
    return {"pid": os.getpid(), "loads": _LOADS[0]}


def annotate_chunk(spec: ConfigSpec, records: List[tuple], batch_size: int) -> Tuple[List[Dict], bytes]:
    """Worker task: annotate ``(key, id, text)`` records; return their records and a DocBin's bytes.

    Long texts are cut and joined back exactly as ``pipeline.annotate`` does.
    """
    nlp = worker_pipeline(spec)
    out: List[Dict] = []
    docbin = DocBin(store_user_data=True)
    waiting = []
    stream = nlp.pipe(_pieces(records, nlp.max_length), as_tuples=True, batch_size=batch_size)
    for doc, (rid, text, index, count) in stream:
        waiting.append(doc)
        if index + 1 < count:
            continue
        doc = join_docs(waiting)
        waiting = []
        out.append(doc_to_record(doc, rid, text))
        docbin.add(doc)
    return out, docbin.to_bytes()


def _pieces(records: List[tuple], max_chars: int) -> Iterator[Tuple[str, Tuple[str, str, int, int]]]:
    """Text pieces under Sudachi's and spaCy's limits, with (id, text, piece index, piece count)."""
    for _key, rid, text, *_meta in records:
        pieces = split_text(text, max_chars=max_chars)
        for index, piece in enumerate(pieces):
            yield piece, (rid, text, index, len(pieces))


def _chunks(items: Iterable[InputItem], done: Iterable[str], size: int) -> Iterator[List[_Event]]:
    """Input positions not yet done, in order, cut after every ``size`` records (skips ride along)."""
    done = set(done)
    chunk: List[_Event] = []
    records = 0
    for item in items:
        if item.key in done:
            continue
        if isinstance(item, Skipped):
            chunk.append(("skip", (item.key, item.reason, "")))
            continue
        if records == size:
            yield chunk
            chunk, records = [], 0
        chunk.append(("record", (item.key, item.id, item.text, item.meta)))
        records += 1
    if chunk:
        yield chunk


@dataclass
class _Progress:
    records: int = 0
    chars: int = 0


def _replay(events: List[_Event], result: Optional[Tuple[List[Dict], bytes]], writer: BatchWriter,
            progress: _Progress, on_record: Optional[Callable[[int], None]]) -> None:
    """Give one chunk's skips and annotated records to ``writer``, in input order."""
    records, docs = ([], iter(())) if result is None else (result[0], DocBin().from_bytes(result[1]).get_docs(Vocab()))
    annotated = iter(zip(records, docs))
    for kind, payload in events:
        if kind == "skip":
            writer.skip(payload[0], payload[1])
            continue
        record, doc = next(annotated)
        if record["id"] != payload[1]:
            raise RuntimeError(f"{payload[0]}: a worker returned record {record['id']!r} out of order")
        if len(payload) > 3 and payload[3]:  # a JSONL input's meta, as pipeline.annotate writes it
            record = date_facts(dict(record, meta=payload[3]))
        writer.add(payload[0], record, doc)
        progress.records += 1
        progress.chars += len(payload[2])
        if on_record is not None:
            on_record(len(payload[2]))


def annotate_with_dask(
    config: Union[str, Path],
    items: Iterable[InputItem],
    writer: BatchWriter,
    *,
    scheduler: Optional[str] = None,
    n_workers: int = 2,
    shard_size: Optional[int] = None,
    batch_size: int = 64,
    on_record: Optional[Callable[[int], None]] = None,
) -> RunReport:
    """Annotate every item not yet done in ``writer`` on Dask workers; write as a local run would.

    Args:
        config (Union[str, Path]): A .cfg file, pipeline directory or package name (as ``--config``).
        items (Iterable[InputItem]): Records and skips from ``pipeline.inputs``, in order.
        writer (BatchWriter): Where shards, JSONL and the manifest go (a resumed one skips done keys).
        scheduler (Optional[str]): A scheduler address (``tcp://host:8786``); None starts a
            ``LocalCluster`` of ``n_workers`` single-threaded worker processes.
        n_workers (int): Workers of the local cluster (ignored with ``scheduler``).
        shard_size (Optional[int]): Records per task; default the writer's shard size.
        batch_size (int): ``nlp.pipe`` batch size on the workers.
        on_record (Optional[Callable[[int], None]]): Called with each record's length (progress).
    """
    distributed = _import_distributed()
    spec = config_spec(config)
    started = time.perf_counter()
    progress = _Progress()
    cluster = None
    if scheduler is None:
        cluster = distributed.LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
        scheduler = cluster.scheduler_address
    try:
        with distributed.Client(scheduler) as client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            logger.info("dask: %d workers at %s", workers, scheduler)
            _run_chunks(client, spec, _chunks(items, writer.done_keys, shard_size or writer.shard_size),
                        workers * CHUNKS_PER_WORKER, batch_size, writer, progress, on_record)
    finally:
        if cluster is not None:
            cluster.close()
    writer.flush()
    return RunReport(writer.totals, progress.records, progress.chars, time.perf_counter() - started)


def _run_chunks(client: Any, spec: ConfigSpec, chunks: Iterator[List[_Event]], window: int, batch_size: int,
                writer: BatchWriter, progress: _Progress, on_record: Optional[Callable[[int], None]]) -> None:
    """Keep ``window`` chunks in flight; write results strictly in submission order."""
    from collections import deque

    pending: Deque[Tuple[List[_Event], Any]] = deque()
    spec_future = client.scatter([spec], broadcast=True)[0]  # the config text travels once per worker
    for events in chunks:
        records = [payload for kind, payload in events if kind == "record"]
        future = client.submit(annotate_chunk, spec_future, records, batch_size, pure=False) if records else None
        pending.append((events, future))
        while len(pending) >= window:
            _finish(pending.popleft(), writer, progress, on_record)
    while pending:
        _finish(pending.popleft(), writer, progress, on_record)


def _finish(entry: Tuple[List[_Event], Any], writer: BatchWriter, progress: _Progress,
            on_record: Optional[Callable[[int], None]]) -> None:
    events, future = entry
    result = future.result() if future is not None else None
    _replay(events, result, writer, progress, on_record)
    if future is not None:
        future.release()
