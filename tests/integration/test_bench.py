"""``run_benchmark`` in quick mode: the JSON has the raw figures, the four headline keys and fast ÷ sudachi.

Only the shape is checked: speeds depend on the machine and its load, so no
figure is asserted (the ratios are read by people, against same-run baselines).
"""
from __future__ import annotations

import json

import pytest

from pipeline.bench import run_benchmark, summary_lines
from tests.conftest import REPO
from tests.integration.fast_config import fast_config_for_tests

pytestmark = pytest.mark.slow


def test_quick_benchmark_writes_ratios_and_rss(tmp_path):
    pytest.importorskip("sudachipy")
    fast, _missing = fast_config_for_tests(tmp_path)
    output = tmp_path / "bench.json"
    results = run_benchmark(12, output, fast_config=fast, quick=True, sources=[REPO / "corpus" / "example.txt"],
                            pipelines=("tokenizer", "sudachi", "fast"), repeats=2)
    assert json.loads(output.read_text(encoding="utf-8")) == json.loads(json.dumps(results))
    for key in ("full_over_ginza", "fast_over_tokenizer", "nproc2_over_nproc1", "rss_growth"):
        assert key in results
    assert isinstance(results["fast_over_tokenizer"], float) and results["fast_over_tokenizer"] > 0
    assert isinstance(results["fast_over_sudachi"], float) and results["fast_over_sudachi"] > 0
    assert isinstance(results["fast_over_tokenizer_cpu"], float) and results["full_over_ginza_cpu"] is None
    assert results["full_over_ginza"] is None  # not timed here: reported as missing, not invented
    assert {(t["pipeline"], t["n_process"]) for t in results["timings"]} == {
        ("tokenizer", 1), ("tokenizer", 2), ("sudachi", 1), ("fast", 1), ("fast", 2)}  # sudachi: one process
    assert all(t["records"] == 12 and t["chars_per_second"] > 0 for t in results["timings"])
    assert all(t["chars_per_cpu_second"] > 0 for t in results["timings"] if t["n_process"] == 1)
    assert set(results["rss"]["rss_after"]) == {"50", "200"} and isinstance(results["rss_growth"], float)
    assert results["peak_rss_bytes"]["self"] > 0
    lines = summary_lines(results)
    assert any("fast_over_tokenizer" in line for line in lines) and any("fast_over_sudachi" in line for line in lines)


def test_an_unloadable_config_is_reported_not_fatal(tmp_path):
    pytest.importorskip("sudachipy")
    results = run_benchmark(4, None, fast_config=tmp_path / "missing.cfg", quick=True,
                            sources=[REPO / "corpus" / "example.txt"], pipelines=("tokenizer", "fast"))
    assert "error" in results["pipelines"]["fast"] and results["fast_over_tokenizer"] is None
    assert "rss" not in results and results["rss_growth"] is None


def test_end_to_end_part_reports_its_ratios(tmp_path):
    """``--e2e-chars``: the real annotate loop at n_process 1 and 2 and nlp.pipe on the same texts (shape only)."""
    pytest.importorskip("sudachipy")
    fast, _missing = fast_config_for_tests(tmp_path)
    results = run_benchmark(4, None, fast_config=fast, quick=True, sources=[REPO / "corpus" / "example.txt"],
                            pipelines=(), e2e_chars=3000, e2e_shard_size=5)
    e2e = results["e2e"]["fast"]
    assert e2e["shard_size"] == 5
    assert e2e["chars"] >= 3000 and e2e["records"] > 0
    assert [run["n_process"] for run in e2e["runs"]] == [1, 2]
    for run in e2e["runs"]:
        assert run["records"] == e2e["records"] and run["chars"] == e2e["chars"] and run["chars_per_second"] > 0
    assert e2e["pipe_chars_per_second"] > 0
    for key in ("e2e_fast_nproc2_over_nproc1", "e2e_fast_over_pipe"):
        assert isinstance(results[key], float) and results[key] > 0
    assert "e2e_full_nproc2_over_nproc1" not in results
    assert any(line.startswith("e2e_fast_over_pipe:") for line in summary_lines(results))


def test_worst_case_part_reports_speed_and_growth(tmp_path):
    """``--worst-case``: each long piece at two lengths, the slowest against ordinary text (shape only)."""
    pytest.importorskip("sudachipy")
    fast, _missing = fast_config_for_tests(tmp_path)
    results = run_benchmark(4, None, fast_config=fast, quick=True, sources=[REPO / "corpus" / "example.txt"],
                            pipelines=("fast",), n_processes=(1,), worst_case_chars=600)
    worst = results["worst_case"]
    assert len(worst["pieces"]) > 5 and all(0 < row["chars"] <= 600 for row in worst["pieces"])
    assert all(row["chars_per_second"] > 0 and row["growth"] > 0 for row in worst["pieces"])
    assert worst["slowest_chars_per_second"] == min(row["chars_per_second"] for row in worst["pieces"])
    assert isinstance(results["worst_case_over_fast"], float)
    assert any(line.startswith("worst_case_over_fast") for line in summary_lines(results))


def test_single_process_passes_take_turns():
    """``time_interleaved``: one pass per pipeline per round, the order reversed every other round, one timing
    per pipeline (its fastest pass)."""
    from pipeline.bench import time_interleaved

    calls = []

    class Fake:
        def __init__(self, name):
            self.name = name

        def pipe(self, texts, batch_size=64, n_process=1):
            calls.append(self.name)
            yield from texts

    loaded = {"tokenizer": Fake("tokenizer"), "fast": Fake("fast")}
    timings = time_interleaved(loaded, ["ab", "cde"], batch_size=2, repeats=3)
    assert calls == ["tokenizer", "fast", "fast", "tokenizer", "tokenizer", "fast"]
    assert [t.pipeline for t in timings] == ["tokenizer", "fast"]
    assert all(t.records == 2 and t.chars == 5 and t.n_process == 1 for t in timings)
    assert all(t.seconds > 0 for t in timings)
