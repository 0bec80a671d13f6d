"""Input metadata travels to the output record as ``meta``: JSONL extra keys, .txt file and line; through --resume."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List

import pytest

from pipeline.cli import main
from pipeline.outputs import MANIFEST

pytestmark = pytest.mark.slow

ROWS = [
    {"id": "a1", "text": "ロシア軍は無人機20機を発射した。", "date": "2025-03-02", "url": "https://example.org/a1",
     "outlet": "例新聞", "title": "夜間攻撃"},
    {"id": "a2", "text": "ウクライナ空軍は巡航ミサイル5発を撃墜した。", "date": "2025-03-03", "spans": [], "pairs": []},
    {"id": "a3", "text": "第3独立強襲旅団が戦車2両を破壊した。"},
]


def _records(out: Path) -> List[dict]:
    return [json.loads(line) for line in (out / "annotations.jsonl").read_text(encoding="utf-8").splitlines()]


def test_meta_from_jsonl_and_txt_survives_resume(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "news.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS) + "\n", encoding="utf-8")
    (src / "notes.txt").write_text("\n露軍の戦車3両\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["annotate", str(src), "-o", str(out), "--fast", "--shard-size", "1", "--no-progress"]) == 0
    records = {r["id"]: r for r in _records(out)}
    assert records["a1"]["meta"] == {"date": "2025-03-02", "url": "https://example.org/a1", "outlet": "例新聞",
                                     "title": "夜間攻撃"}
    assert records["a2"]["meta"] == {"date": "2025-03-03"}
    assert "meta" not in records["a3"]
    assert records["notes.txt:2"]["meta"] == {"file": "notes.txt", "line": 2}
    assert all(set(r) <= {"id", "text", "spans", "pairs", "meta"} for r in records.values())
    assert (out / "facts.csv").exists() and (out / "facts.parquet").exists()

    full = (out / "annotations.jsonl").read_bytes()
    manifest = out / MANIFEST
    manifest.write_bytes(b"".join(manifest.read_bytes().splitlines(keepends=True)[:2]))  # killed after 2 shards
    assert main(["annotate", str(src), "-o", str(out), "--fast", "--shard-size", "1", "--resume", "--no-progress"]) == 0
    assert (out / "annotations.jsonl").read_bytes() == full

    assert main(["glossary", str(out), "-o", str(tmp_path / "gl")]) == 0
    assert main(["evaluate", str(src / "news.jsonl"), "--fast", "--json"]) == 0
