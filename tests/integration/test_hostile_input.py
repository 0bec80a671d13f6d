"""Hostile input through ``gunji annotate``: every bad input is named with file and line, the batch goes on.

The corpus is generated in tmp_path: binary files, UTF-16, invalid UTF-8,
NUL characters, a 1 MB single line (and a 200 kB one with no place to break),
empty and blank files, malformed and non-object JSONL lines, and mixed
full/half-width text. The run must annotate every good record (texts
unchanged, spans inside them), and list every bad one in the manifest and the
summary with its ``FILE:LINE`` and a reason.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List

import pytest

from pipeline.cli import main
from pipeline.outputs import read_manifest
from tests.integration.fast_config import fast_config_for_tests

pytestmark = pytest.mark.slow

SENTENCE = "ロシア軍は東部の前線に無人機２０機と戦車5両を投入したと、ウクライナ参謀本部が発表した。"
MIXED = ["ﾛｼｱ軍はｼｬﾍﾄﾞ１２０機を発射、ＵＡＦは９８％を撃墜した。", "第３独立強襲旅団（3rd Assault Brigade）がＨＩＭＡＲＳで攻撃。",
         "露軍　約１，２００人が死傷　ｋｍ　㎞　①②③　Ⅳ号戦車"]


def _write_corpus(root: Path) -> Dict[str, str]:
    """The hostile corpus; returns the expected skip kind for each bad ``FILE[:LINE]``."""
    root.mkdir()
    (root / "blob.txt").write_bytes(bytes(range(256)) * 64)
    (root / "utf16.txt").write_bytes(SENTENCE.encode("utf-16"))
    (root / "latin1.txt").write_bytes(f"{SENTENCE}\n".encode() + "Kyiv café\n".encode("latin-1")
                                      + "途中で切れた".encode()[:-1] + b"\n" + f"{SENTENCE}\n".encode())
    (root / "nul.txt").write_text(f"{SENTENCE}\nNUL\x00inside\n{SENTENCE}\n", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_text("\n   \n\u3000\n", encoding="utf-8")
    sentences_1mb = SENTENCE * (1_000_000 // len(SENTENCE.encode("utf-8")) + 1)
    (root / "huge.txt").write_text(sentences_1mb + "\n", encoding="utf-8")
    (root / "nobreak.txt").write_text("ア" * 200_000 + "\n", encoding="utf-8")
    (root / "mixed.txt").write_text("\n".join(MIXED) + "\n", encoding="utf-8")
    jsonl = [json.dumps({"id": "ok-1", "text": SENTENCE}, ensure_ascii=False), "{broken", "[1, 2]", '"text"',
             "null", json.dumps({"id": "no-text"}), json.dumps({"text": 42}), json.dumps({"text": " \t"}),
             json.dumps({"text": "NUL\u0000x"}), json.dumps({"id": "ok-2", "text": MIXED[0]}, ensure_ascii=False),
             '{"id": "half-pair", "text": "ロシア軍\\ud800が前進"}']
    (root / "records.jsonl").write_text("\n".join(jsonl) + "\n", encoding="utf-8")
    return {"blob.txt": "binary file", "utf16.txt": "wrong encoding", "latin1.txt:2": "invalid UTF-8",
            "latin1.txt:3": "invalid UTF-8", "nul.txt:2": "NUL characters", "blank.txt:2": "empty record",
            "blank.txt:3": "empty record", "records.jsonl:2": "invalid JSON", "records.jsonl:3": "not a JSON object",
            "records.jsonl:4": "not a JSON object", "records.jsonl:5": "not a JSON object",
            "records.jsonl:6": "no text field", "records.jsonl:7": "text not a string",
            "records.jsonl:8": "empty record", "records.jsonl:9": "NUL characters",
            "records.jsonl:11": "lone surrogate"}


def _records(out: Path) -> List[dict]:
    return [json.loads(line) for line in (out / "annotations.jsonl").read_text(encoding="utf-8").splitlines()]


def test_hostile_corpus_is_reported_by_file_and_line_and_the_batch_goes_on(tmp_path, capsys):
    config, _missing = fast_config_for_tests(tmp_path)
    expected = _write_corpus(tmp_path / "in")
    out = tmp_path / "out"
    assert main(["annotate", str(tmp_path / "in"), "-o", str(out), "--config", str(config),
                 "--shard-size", "3", "--no-progress"]) == 0
    summary = capsys.readouterr().out

    skipped = {key: reason for e in read_manifest(out) for key, reason in e["skipped"]}
    assert set(skipped) == set(expected)
    for key, kind in expected.items():
        assert skipped[key].startswith(kind + ":"), (key, skipped[key])
        assert len(skipped[key]) > len(kind) + 3, "the reason says more than its kind"
    assert f"skipped: {len(expected)}" in summary
    for kind in set(expected.values()):
        keys = sorted(k for k, v in expected.items() if v == kind)
        assert f"  {kind}: {len(keys)} (" in summary
        assert keys[0] in summary  # the first few keys of each kind are named

    records = {r["id"]: r for r in _records(out)}
    good = {"latin1.txt:1", "latin1.txt:4", "nul.txt:1", "nul.txt:3", "huge.txt:1", "nobreak.txt:1",
            "mixed.txt:1", "mixed.txt:2", "mixed.txt:3", "ok-1", "ok-2"}
    assert set(records) == good
    assert records["huge.txt:1"]["text"] == (tmp_path / "in" / "huge.txt").read_text(encoding="utf-8").rstrip("\n")
    assert len(records["huge.txt:1"]["text"].encode("utf-8")) >= 1_000_000
    assert records["nobreak.txt:1"]["text"] == "ア" * 200_000
    assert [records[f"mixed.txt:{i}"]["text"] for i in (1, 2, 3)] == MIXED
    for record in records.values():
        for span in record["spans"]:
            assert 0 <= span["start"] < span["end"] <= len(record["text"])
            assert record["text"][span["start"]:span["end"]] == span["text"]
        for pair in record["pairs"]:
            for side in ("ja", "en"):
                assert record["text"][pair[side]["start"]:pair[side]["end"]] == pair[side]["text"]


def test_unreadable_paths_do_not_stop_the_batch_and_missing_ones_stop_it_before_it_starts(tmp_path, capsys):
    config, _missing = fast_config_for_tests(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(SENTENCE + "\n", encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(SENTENCE + "\n", encoding="utf-8")
    locked.chmod(0)
    out = tmp_path / "out"
    try:
        refused = main(["annotate", str(tmp_path / "absent.txt"), str(good), "-o", str(out),
                        "--config", str(config), "--no-progress"])
        assert refused == 2 and not out.exists()
        assert "input not found" in capsys.readouterr().err
        code = main(["annotate", str(locked), str(good), "-o", str(out), "--config", str(config), "--no-progress"])
    finally:
        locked.chmod(0o644)
    assert code == 0
    skipped = {key: reason for e in read_manifest(out) for key, reason in e["skipped"]}
    if "locked.txt" in skipped:  # root reads mode-0 files; elsewhere it must be reported, not crash
        assert skipped["locked.txt"].startswith("unreadable")
    assert "good.txt:1" in {r["id"] for r in _records(out)}
    assert "skipped:" in capsys.readouterr().out
