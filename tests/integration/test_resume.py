"""Exactly-once resume: kill a real ``gunji annotate`` with SIGKILL, resume, and get the uninterrupted output.

A reference run annotates a generated corpus without interruption. Another
run of the same command is killed with SIGKILL at several points (while the
pipeline loads, after the 1st, 2nd and 3rd manifest lines, and while a shard
is being written), each time resumed with ``--resume``, until one finishes.
Its ``annotations.jsonl``, manifest and DocBin shards must then be byte for
byte the reference's: every input record annotated exactly once, every skip
recorded once. A second test leaves the torn states a kill can leave (a
half-written manifest line, JSONL lines past the manifest, an unnamed shard,
a ``.tmp`` file) and checks that resume never reads them as whole.
"""
from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List

import pytest
from spacy.tokens import DocBin
from spacy.vocab import Vocab

from pipeline.cli import main
from pipeline.outputs import read_manifest
from tests.conftest import REPO
from tests.integration.fast_config import fast_config_for_tests

pytestmark = pytest.mark.slow

RECORDS = 240
SHARD_SIZE = 4
SENTENCES_PER_RECORD = 14
OUTPUT_FILES = ("annotations.jsonl", "manifest.jsonl", "glossary.json")

_PLACES = ["ドネツク州", "ハルキウ州", "ザポリッジャ州", "クルスク州", "ヘルソン州", "黒海沿岸", "首都キーウ"]
_ACTORS = ["ロシア軍", "ウクライナ軍", "第3独立強襲旅団", "露軍の空挺部隊", "ウクライナ空軍", "国境警備隊"]
_ARMS = ["無人機", "巡航ミサイル", "ＨＩＭＡＲＳ", "ｼｬﾍﾄﾞ", "榴弾砲", "戦車", "弾道ミサイル「イスカンデル」"]
_COUNTERS = ["機", "発", "両", "門", "人", "％", "km"]


def _sentence(rng: random.Random) -> str:
    """One invented news-style sentence; numbers vary so texts and strings differ."""
    n = rng.randint(1, 400)
    forms = [
        f"{rng.choice(_ACTORS)}は{rng.randint(1, 28)}日、{rng.choice(_PLACES)}で{rng.choice(_ARMS)}{n}{rng.choice(_COUNTERS)}を使ったと発表した。",
        f"{rng.choice(_PLACES)}では約{n}{rng.choice(_COUNTERS)}の被害が出たという。",
        f"{rng.choice(_ACTORS)}（{rng.choice(['UAF', 'VKS', 'AFU'])}）によると、{rng.choice(_ARMS)}のうち{n // 2}{rng.choice(_COUNTERS)}を撃墜した。",
        f"現地の記者は「{rng.choice(_PLACES)}の状況は{rng.choice(['厳しい', '落ち着いている', '不明だ'])}」と述べた。",
    ]
    return rng.choice(forms)


def _write_inputs(root: Path) -> List[Path]:
    """A .jsonl of RECORDS records (some lines bad, to be skipped) and a small .txt."""
    rng = random.Random(20240601)
    lines = []
    for i in range(RECORDS):
        if i % 37 == 5:
            lines.append("{not json")
        text = "".join(_sentence(rng) for _ in range(SENTENCES_PER_RECORD))
        lines.append(json.dumps({"id": f"rec-{i:04d}", "text": text}, ensure_ascii=False))
    jsonl = root / "batch.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    txt = root / "tail.txt"
    txt.write_text("\n".join(_sentence(rng) for _ in range(9)) + "\n\n  \n", encoding="utf-8")
    return [jsonl, txt]


def _command(config: Path, inputs: List[Path], out: Path, resume: bool) -> List[str]:
    cmd = [sys.executable, "-m", "pipeline.cli", "annotate", *map(str, inputs), "-o", str(out),
           "--config", str(config), "--shard-size", str(SHARD_SIZE), "--no-progress"]
    return cmd + (["--resume"] if resume else [])


def _manifest_lines(out: Path) -> int:
    path = out / "manifest.jsonl"
    return path.read_bytes().count(b"\n") if path.exists() else 0


def _kill_when(proc: subprocess.Popen, condition: Callable[[], bool], timeout: float = 120.0) -> bool:
    """SIGKILL ``proc`` as soon as ``condition()`` holds; False if it ended or timed out first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if condition():
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.001)
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    return False


@pytest.fixture(scope="module")
def setup(tmp_path_factory) -> Dict[str, object]:
    """Config, inputs and an uninterrupted reference run (same command, no kill)."""
    root = tmp_path_factory.mktemp("resume")
    config, _missing = fast_config_for_tests(root)
    inputs = _write_inputs(root)
    reference = root / "reference"
    done = subprocess.run(_command(config, inputs, reference, resume=False), cwd=REPO, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return {"config": config, "inputs": inputs, "reference": reference}


def _assert_same_as_reference(out: Path, reference: Path) -> None:
    """Byte-identical outputs, and the exactly-once property checked directly."""
    for name in OUTPUT_FILES:
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    shards = sorted(p.name for p in out.glob("docs-*.spacy*"))
    assert shards == sorted(p.name for p in reference.glob("docs-*.spacy")), "stray or missing shard files"
    for name in shards:
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    records = [json.loads(line) for line in (out / "annotations.jsonl").read_text(encoding="utf-8").splitlines()]
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    assert {f"rec-{i:04d}" for i in range(RECORDS)} <= set(ids)
    entries = read_manifest(out)
    keys = [k for e in entries for k in e["keys"]] + [k for e in entries for k, _ in e["skipped"]]
    assert len(keys) == len(set(keys)), "an input position is in the manifest twice"
    assert sum(len(e["keys"]) for e in entries) == len(records)
    texts = [doc.text for e in entries if e["shard"]
             for doc in DocBin().from_disk(out / e["shard"]).get_docs(Vocab())]
    assert texts == [r["text"] for r in records]
    assert entries[-1]["jsonl_bytes"] == (out / "annotations.jsonl").stat().st_size


def test_sigkill_at_several_points_then_resume_is_exactly_once(setup, tmp_path):
    config, inputs, reference = setup["config"], setup["inputs"], setup["reference"]
    out = tmp_path / "out"
    total_lines = _manifest_lines(reference)
    kills = 0

    def run_and_kill(condition: Callable[[], bool], resume: bool) -> None:
        nonlocal kills
        proc = subprocess.Popen(_command(config, inputs, out, resume), cwd=REPO,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        killed = _kill_when(proc, condition)
        assert killed, "the run ended before the kill point; make the corpus bigger"
        kills += 1
        assert _manifest_lines(out) < total_lines

    started = time.monotonic()
    run_and_kill(lambda: time.monotonic() - started > 0.3, resume=False)  # while loading, nothing written
    for more in (1, 2, 3):  # right after the 1st, 2nd, 3rd new manifest line
        base = _manifest_lines(out)
        run_and_kill(lambda base=base, more=more: _manifest_lines(out) >= base + more, resume=True)
    run_and_kill(lambda: any(out.glob("docs-*.spacy.tmp")), resume=True)  # while a shard is written
    finished = subprocess.run(_command(config, inputs, out, resume=True), cwd=REPO, capture_output=True,
                              text=True, timeout=600)
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert kills == 5
    _assert_same_as_reference(out, reference)


@pytest.mark.parametrize("keep", [0, 1, 3])
def test_torn_outputs_are_never_read_as_whole(setup, tmp_path, capsys, keep: int):
    """What a kill between any two writes can leave behind; resume repairs it to the reference."""
    config, inputs, reference = setup["config"], setup["inputs"], setup["reference"]
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    for extra in ("glossary.json", "glossary.tsv"):
        (out / extra).unlink(missing_ok=True)
    manifest = (out / "manifest.jsonl").read_bytes().splitlines(keepends=True)
    torn = manifest[keep][: len(manifest[keep]) // 2]  # a manifest line cut mid-write
    (out / "manifest.jsonl").write_bytes(b"".join(manifest[:keep]) + torn)
    with (out / "annotations.jsonl").open("ab") as f:  # JSONL appended after the last whole shard
        f.write('{"id": "half-a-rec'.encode("utf-8"))
    (out / "docs-9999.spacy.tmp").write_bytes(b"partial")  # a shard killed before its rename
    (out / f"docs-{keep:04d}.spacy").write_bytes(b"renamed but no manifest line")
    args = ["annotate", *map(str, inputs), "-o", str(out), "--config", str(config),
            "--shard-size", str(SHARD_SIZE), "--no-progress", "--resume"]
    assert main(args) == 0
    capsys.readouterr()
    _assert_same_as_reference(out, reference)

