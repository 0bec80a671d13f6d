"""The Dask backend writes what a local run writes: same records, spans, shards, manifest and resume.

Runs on a two-worker ``LocalCluster`` (processes, one thread each). Skipped
with a reason where the ``dask`` extra is not installed.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import List

import pytest

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed (pip install 'gunji[dask]')")

from pipeline.annotate import annotate_stream  # noqa: E402
from pipeline.dask_backend import annotate_with_dask, worker_state  # noqa: E402
from pipeline.inputs import iter_inputs  # noqa: E402
from pipeline.loader import load_pipeline  # noqa: E402
from pipeline.outputs import BatchWriter  # noqa: E402
from tests.conftest import REPO  # noqa: E402
from tests.integration.fast_config import fast_config_for_tests  # noqa: E402

pytestmark = pytest.mark.slow
SHARD_SIZE = 7


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        yield local


@pytest.fixture(scope="module")
def config(tmp_path_factory) -> Path:
    return fast_config_for_tests(tmp_path_factory.mktemp("cfg"))[0]


def _inputs(tmp_path: Path) -> List[str]:
    """corpus/'s own texts plus a few bad lines, so skips interleave with records across shards.

    corpus/realtext/ holds offsets-only gold (no texts), which is left out here.
    """
    extra = tmp_path / "extra.jsonl"
    extra.write_text('{"text": "ロシア軍は戦車3両を失った。", "date": "2025-02-03", "url": "https://example.org/1"}\n'
                     '{bad\n[1]\n{"text": "第５旅団が前進。", "outlet": {"name": "X", "lang": "ja"}}\n', encoding="utf-8")
    own = sorted(str(p) for p in (REPO / "corpus").iterdir() if p.suffix in (".txt", ".jsonl"))
    return own + [str(extra)]


def _same_outputs(local: Path, dask: Path) -> None:
    names = sorted(p.name for p in local.iterdir())
    assert names == sorted(p.name for p in dask.iterdir())
    for name in names:
        assert (local / name).read_bytes() == (dask / name).read_bytes(), name


def _local(config: Path, inputs: List[str], out: Path) -> None:
    annotate_stream(load_pipeline(config), iter_inputs(inputs), BatchWriter(out, shard_size=SHARD_SIZE))


def test_dask_on_a_scheduler_matches_local_and_loads_once_per_worker(cluster, config, tmp_path):
    inputs = _inputs(tmp_path)
    _local(config, inputs, tmp_path / "local")
    report = annotate_with_dask(config, iter_inputs(inputs), BatchWriter(tmp_path / "dask", shard_size=SHARD_SIZE),
                                scheduler=cluster.scheduler_address, batch_size=16)
    _same_outputs(tmp_path / "local", tmp_path / "dask")
    records = [json.loads(x) for x in (tmp_path / "dask" / "annotations.jsonl").read_text(encoding="utf-8").splitlines()]
    assert report.new_records == len(records) > 100 and len(report.totals.skipped) == 2
    assert any(r["spans"] or r["pairs"] for r in records)
    metas = [r.get("meta") for r in records]
    assert {"date": "2025-02-03", "url": "https://example.org/1"} in metas and {"outlet": {"name": "X", "lang": "ja"}} in metas
    assert all(m["file"].endswith(".txt") and m["line"] >= 1 for m in metas if m and "file" in m)
    with distributed.Client(cluster.scheduler_address) as client:
        states = client.run(worker_state)
    assert len(states) == 2
    assert all(s["loads"] <= 1 for s in states.values()) and sum(s["loads"] for s in states.values()) >= 1


def test_dask_resume_after_a_killed_local_run(cluster, config, tmp_path):
    """A local run killed after 4 shards (its manifest cut back), resumed on Dask: same as one local run."""
    inputs = _inputs(tmp_path)
    _local(config, inputs, tmp_path / "local")
    shutil.copytree(tmp_path / "local", tmp_path / "mixed")
    manifest = tmp_path / "mixed" / "manifest.jsonl"
    manifest.write_bytes(b"".join(manifest.read_bytes().splitlines(keepends=True)[:4]))
    annotate_with_dask(config, iter_inputs(inputs), BatchWriter(tmp_path / "mixed", shard_size=SHARD_SIZE, resume=True),
                       scheduler=cluster.scheduler_address)
    _same_outputs(tmp_path / "local", tmp_path / "mixed")


def test_dask_without_address_starts_a_local_cluster(config, tmp_path, dev_jsonl):
    """No scheduler: a LocalCluster of two workers; checked on the shared dev texts (skipped when absent)."""
    _local(config, [str(dev_jsonl)], tmp_path / "local")
    annotate_with_dask(config, iter_inputs([str(dev_jsonl)]), BatchWriter(tmp_path / "dask", shard_size=SHARD_SIZE),
                       n_workers=2)
    _same_outputs(tmp_path / "local", tmp_path / "dask")


def test_missing_config_fails_before_any_work(tmp_path):
    with pytest.raises(FileNotFoundError):
        annotate_with_dask(tmp_path / "nope.cfg", [], BatchWriter(tmp_path / "out"))
