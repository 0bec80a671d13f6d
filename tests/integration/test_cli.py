"""``gunji annotate`` / ``evaluate`` / ``convert`` end to end on corpus/, bad inputs included."""
from __future__ import annotations

import io
import json
import sys

import pytest

from pipeline.cli import main
from pipeline.outputs import read_manifest
from tests.conftest import REPO

EXAMPLE = REPO / "corpus" / "example.txt"
GOLD = REPO / "corpus" / "gold.jsonl"

pytestmark = pytest.mark.slow


def _records(outdir):
    with (outdir / "annotations.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_annotate_example_writes_shards_jsonl_html(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["annotate", str(EXAMPLE), "-o", str(out), "--fast", "--html", "--shard-size", "5"]) == 0
    lines = [line for line in EXAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = _records(out)
    assert [r["text"] for r in records] == lines
    assert records[0]["id"] == "example.txt:1"
    assert all(r["text"][s["start"]:s["end"]] == s["text"] for r in records for s in r["spans"])
    assert {s["label"] for r in records for s in r["spans"]} == {"MIL_UNIT", "WEAPON", "QUANTITY", "PLACE", "TIME"}
    assert sorted(p.name for p in out.glob("docs-*.spacy")) == [f"docs-{i:04d}.spacy" for i in range(-(-len(lines) // 5))]
    assert "<html" in (out / "annotations.html").read_text(encoding="utf-8").lower()
    summary = capsys.readouterr().out
    assert f"records annotated: {len(lines)}" in summary and "chars/s" in summary


def test_annotate_gold_jsonl_never_copies_gold_spans(tmp_path):
    fake = tmp_path / "in.jsonl"
    fake.write_text(json.dumps({"id": "g1", "text": "空は青い。", "spans": [
        {"start": 0, "end": 2, "label": "WEAPON", "text": "今日"}]}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["annotate", str(fake), "-o", str(out), "--fast"]) == 0
    assert _records(out) == [{"id": "g1", "text": "空は青い。", "spans": [], "pairs": []}]


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("ロシア軍は無人機20機を発射した。\n\n   \n", encoding="utf-8")
    (src / "bad.jsonl").write_text('{"text": "露軍"}\n{oops\n"string"\n{"id": "n"}\n', encoding="utf-8")
    (src / "latin1.txt").write_bytes("ok\n".encode() + "caf\xe9\n".encode("latin-1"))
    (src / "blob.txt").write_bytes(bytes(range(256)) * 4)
    (src / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert main(["annotate", str(src), "-o", str(out), "--fast"]) == 0
    assert {r["id"] for r in _records(out)} == {"good.txt:1", "bad.jsonl:1", "latin1.txt:1"}
    skipped = {key: reason for e in read_manifest(out) for key, reason in e["skipped"]}
    assert set(skipped) == {"good.txt:3", "bad.jsonl:2", "bad.jsonl:3", "bad.jsonl:4", "latin1.txt:2", "blob.txt"}
    summary = capsys.readouterr().out
    assert "skipped: 6" in summary and "invalid UTF-8: 1 (latin1.txt:2)" in summary


def test_existing_output_is_not_overwritten(tmp_path):
    out = tmp_path / "out"
    assert main(["annotate", str(EXAMPLE), "-o", str(out), "--fast"]) == 0
    before = (out / "annotations.jsonl").read_bytes()
    assert main(["annotate", str(EXAMPLE), "-o", str(out), "--fast"]) == 2
    assert (out / "annotations.jsonl").read_bytes() == before
    assert main(["annotate", str(EXAMPLE), "-o", str(out), "--fast", "--resume"]) == 0
    assert (out / "annotations.jsonl").read_bytes() == before
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["annotate", str(EXAMPLE), "-o", str(out), "--fast", "--overwrite"]) == 0
    assert (out / "annotations.jsonl").read_bytes() == before
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"  # only our own files are replaced


def test_stdin(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("露軍の戦車2両\n".encode())))
    out = tmp_path / "out"
    assert main(["annotate", "-", "-o", str(out), "--fast"]) == 0
    (record,) = _records(out)
    assert record["id"] == "stdin:1" and record["text"] == "露軍の戦車2両"


def test_evaluate_prints_scorer_figures(capsys):
    assert main(["evaluate", str(GOLD), "--fast", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) >= {"MIL_UNIT", "WEAPON", "QUANTITY", "SPANS_MICRO", "PAIRS", "QUANTITY_ATTRS"}
    assert result["SPANS_MICRO"]["f"] > 0.5


def test_convert_gold(tmp_path):
    out = tmp_path / "gold.spacy"
    assert main(["convert", str(GOLD), "-o", str(out)]) == 0
    assert out.stat().st_size > 0


def test_dask_backend_writes_what_the_local_run_writes(tmp_path):
    pytest.importorskip("distributed")
    local, dask = tmp_path / "local", tmp_path / "dask"
    assert main(["annotate", str(EXAMPLE), "-o", str(local), "--fast", "--shard-size", "5"]) == 0
    assert main(["annotate", str(EXAMPLE), "-o", str(dask), "--fast", "--shard-size", "5",
                 "--backend", "dask", "--workers", "2"]) == 0
    assert _records(dask) == _records(local)
    assert sorted(p.name for p in dask.glob("docs-*.spacy")) == sorted(p.name for p in local.glob("docs-*.spacy"))
    assert json.loads((dask / "glossary.json").read_text(encoding="utf-8")) == json.loads(
        (local / "glossary.json").read_text(encoding="utf-8"))


def test_scheduler_without_dask_backend_is_refused(tmp_path, caplog):
    assert main(["annotate", str(EXAMPLE), "-o", str(tmp_path / "out"), "--scheduler", "tcp://h:8786"]) == 2
    assert not (tmp_path / "out").exists()


def test_bench_command_writes_json(tmp_path, capsys):
    output = tmp_path / "bench.json"
    assert main(["bench", "--quick", "--records", "6", "--pipelines", "tokenizer", "fast",
                 "--source", str(EXAMPLE), "-o", str(output)]) == 0
    results = json.loads(output.read_text(encoding="utf-8"))
    assert results["fast_over_tokenizer"] > 0 and results["full_over_ginza"] is None
    assert "fast_over_tokenizer" in capsys.readouterr().out
