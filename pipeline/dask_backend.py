"""Annotate a batch on a Dask cluster, with outputs identical to a local run.

The execution model is the local one (``pipeline.chunk_pool.run_pieces``): the
client reads the inputs in order, cuts them into shards of ``shard_size``
records and each shard into pieces of about ``PIECE_CHARS`` characters. Each
piece goes to a Dask worker, which loads the pipeline once per worker process
(a module-level cache keyed by the config) and returns the records' JSONL
lines plus the docs' DocBin parts. The client joins a shard's pieces **in
input order**, skips included, and writes it through the same
``pipeline.outputs.BatchWriter`` a local run uses, so shards,
``annotations.jsonl`` and the manifest (and thus ``--resume``) are the same.

Only a bounded window of pieces is in flight, so memory stays flat however
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
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple, Union

from spacy.language import Language

from pipeline.annotate import RunReport
from pipeline.chunk_pool import PIECE_CHARS, PIECES_PER_WORKER, PieceResult, annotate_piece, run_pieces
from pipeline.inputs import InputItem, InputRecord
from pipeline.outputs import BatchWriter
from pipeline.serialization import freeze_msgpack_registries

logger = logging.getLogger(__name__)

DASK_MISSING = ("the Dask backend needs dask and distributed: pip install 'gunji[dask]' "
                "(or pip install dask distributed)")

# (kind, value): ("cfg", config text) or ("name", pipeline directory / package name)
ConfigSpec = Tuple[str, str]
# A record as it travels to a worker: (key, id, text, meta)
_RecordPayload = Tuple[str, str, str, Optional[Dict[str, Any]]]

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
    freeze_msgpack_registries()
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


def annotate_chunk(spec: ConfigSpec, records: List[_RecordPayload], batch_size: int) -> PieceResult:
    """Worker task: annotate one piece of ``(key, id, text, meta)`` records with the worker's pipeline.

    Returns what a local worker returns (``pipeline.chunk_pool.annotate_piece``):
    one outcome per record (its JSONL line, or its skip: a record that makes the
    pipeline raise is skipped there, exactly as ``pipeline.stream`` does
    locally, and the piece goes on) and the docs' DocBin parts.
    """
    items = [InputRecord(key=key, id=rid, text=text, meta=meta) for key, rid, text, meta in records]
    return annotate_piece(worker_pipeline(spec), items, batch_size)


def annotate_with_dask(
    config: Union[str, Path],
    items: Iterable[InputItem],
    writer: BatchWriter,
    *,
    scheduler: Optional[str] = None,
    n_workers: int = 2,
    piece_chars: Optional[int] = None,
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
        piece_chars (Optional[int]): Characters per task (whole records); default ``chunk_pool.PIECE_CHARS``.
        batch_size (int): ``nlp.pipe`` batch size on the workers.
        on_record (Optional[Callable[[int], None]]): Called with each record's length (progress).
    """
    distributed = _import_distributed()
    spec = config_spec(config)
    started = time.perf_counter()
    records = chars = 0
    cluster = None
    if scheduler is None:
        cluster = distributed.LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
        scheduler = cluster.scheduler_address
    try:
        with distributed.Client(scheduler) as client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            logger.info("dask: %d workers at %s", workers, scheduler)
            spec_future = client.scatter([spec], broadcast=True)[0]  # the config text travels once per worker

            def submit(piece: List[InputRecord]) -> Any:
                payload = [(r.key, r.id, r.text, r.meta) for r in piece]
                return client.submit(annotate_chunk, spec_future, payload, batch_size, pure=False)

            records, chars = run_pieces(items, writer, submit, workers * PIECES_PER_WORKER,
                                        piece_chars=piece_chars or PIECE_CHARS, on_record=on_record)
    finally:
        if cluster is not None:
            cluster.close()
    writer.flush()
    return RunReport(writer.totals, records, chars, time.perf_counter() - started)
