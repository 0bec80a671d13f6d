"""``gunji bench``: throughput and memory of our pipelines against their baselines, in one run.

Five pipelines annotate the same records, each at ``n_process`` 1 and 2:

- ``tokenizer``: ``spacy.blank("ja")`` with spaCy's ``JapaneseTokenizer`` in split mode C;
- ``sudachi``: SudachiPy alone in mode C, reading surface, POS, lemma, reading and
  normalized form of every morpheme, no Doc (``pipeline.sudachi_baseline``; ``n_process=1`` only);
- ``ginza``: ``spacy.load("ja_ginza")``;
- ``full``: our full config (ja_ginza's components, then ours);
- ``fast``: our fast config (ours on the tokenizer alone).

Figures are ratios against baselines measured in the same run on the same
machine (``full ÷ ginza``, ``fast ÷ tokenizer``, ``fast ÷ sudachi``,
``n_process 2 ÷ 1``), so a busy or slow machine shifts both sides alike.
``repeats`` times each pass that many times and keeps the fastest, which
damps a shared machine's bursts; at ``n_process=1`` the pipelines are all
loaded first and take turns, one pass each per round (``time_interleaved``),
so both sides of a ratio meet the same stretches of the machine's load (the
``ginza`` and ``full`` pipelines together hold two copies of ja_ginza). The ``n_process=1`` ratios are also given
on CPU time (``*_cpu``): on a machine whose other jobs come and go, wall time
of two passes a minute apart can differ twofold, CPU time much less. Nothing
here asserts a speed.

Warm-up: after loading, each pipeline annotates the first ``WARMUP_RECORDS``
records once, untimed, so lazy allocations and first-call costs are paid
before timing. ``n_process=2`` timings include starting and stopping the two
worker processes, which every real ``nlp.pipe(n_process=2)`` call pays too.

Memory: the fast pipeline then streams ``stream_records`` records through
``pipeline.annotate.annotate_stream`` into a temporary output directory (the
real ``gunji annotate`` loop, shards and manifest included), and the resident
set size is read after 1k and after 50k records. Record ``i`` gets its number
appended, so the string store meets new strings as on a real corpus; repeating
the same texts would add none and hide any growth.

End to end (opt-in, ``--e2e-chars N``): the records are written as a JSONL
file of about ``N`` characters (numbered as for the RSS stream), and the real
``gunji annotate`` loop reads it, annotates it with ``n_process`` 1 and 2 and
writes every output into a temporary directory (shards, ``annotations.jsonl``,
manifest, glossary, facts table): ``pipeline.annotate.annotate_local`` and
``write_batch_extras``, the calls ``gunji annotate`` makes after loading. The
same texts are also timed through ``nlp.pipe`` in this process, so the
figures are ``e2e_fast_nproc2_over_nproc1`` (what a second process adds, all
costs included) and ``e2e_fast_over_pipe`` (what reading, writing and the
batch outputs leave of the in-process speed). ``--e2e-full-chars N`` does the
same for the full config on its own (smaller) input, for
``e2e_full_nproc2_over_nproc1``. Loading is not timed, as for ``nlp.pipe``.
"""
from __future__ import annotations

import gc
import json
import logging
import os
import platform
import resource
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple, Union

import spacy
from spacy.language import Language

from configs import FAST_CONFIG, FULL_CONFIG
from pipeline.inputs import InputRecord, iter_inputs
from pipeline.worst_case import measure_worst_case

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parent.parent
WARMUP_RECORDS = 50
RSS_CHECKPOINTS = (1_000, 50_000)
QUICK_RSS_CHECKPOINTS = (50, 200)
PIPELINES = ("tokenizer", "sudachi", "ginza", "full", "fast")
SINGLE_PROCESS = ("sudachi",)  # timed at n_process=1 only
TARGETS = {"full_over_ginza": ">= 0.95", "fast_over_tokenizer": ">= 1.2", "nproc2_over_nproc1": ">= 1.8",
           "rss_growth": "<= 0.20"}
# The end-to-end figures (``--e2e-chars``, ``--e2e-full-chars``), printed when measured.
E2E_TARGETS = {"e2e_fast_nproc2_over_nproc1": ">= 1.7", "e2e_fast_over_pipe": ">= 0.8",
               "e2e_full_nproc2_over_nproc1": ">= 1.85"}
# Reported beside the targets, without one: how close to Sudachi's own speed each pipeline is.
REPORTED = ("fast_over_sudachi", "tokenizer_over_sudachi", "fast_over_tokenizer_cpu", "fast_over_sudachi_cpu",
            "full_over_ginza_cpu")
ConfigLike = Union[str, Path]


@dataclass
class Timing:
    """One timed ``nlp.pipe`` pass."""

    pipeline: str
    n_process: int
    records: int
    chars: int
    seconds: float
    cpu_seconds: float = 0.0  # this process's CPU time (all of the work only at n_process=1)

    @property
    def chars_per_second(self) -> float:
        return self.chars / self.seconds if self.seconds > 0 else 0.0

    @property
    def chars_per_cpu_second(self) -> float:
        return self.chars / self.cpu_seconds if self.cpu_seconds > 0 else 0.0


def shared_dir() -> Path:
    """The shared data directory: ``$GUNJI_SHARED``, else ``<repo>/../shared``."""
    return Path(os.environ.get("GUNJI_SHARED", REPO.parent / "shared"))


def source_texts(sources: Optional[Sequence[Path]] = None) -> Tuple[List[str], str]:
    """The distinct texts to repeat, and where they came from.

    Args:
        sources (Optional[Sequence[Path]]): Files or directories to read; default the
            shared dev file when present, else ``corpus/`` (.txt and .jsonl).
    """
    if not sources:
        dev = shared_dir() / "data" / "dev.jsonl"
        sources = [dev] if dev.exists() else [REPO / "corpus"]
    texts = [item.text for item in iter_inputs([str(p) for p in sources]) if isinstance(item, InputRecord)]
    if not texts:
        raise ValueError(f"no texts to benchmark in {', '.join(map(str, sources))}")
    return texts, ", ".join(str(p) for p in sources)


def repeat_texts(texts: Sequence[str], records: int) -> List[str]:
    """``records`` texts: ``texts`` over and over, in order."""
    return [texts[i % len(texts)] for i in range(records)]


def load_named(name: str, full_config: ConfigLike, fast_config: ConfigLike) -> Any:
    """Load one of ``PIPELINES`` (our configs are assembled as ``gunji annotate`` does)."""
    from pipeline.loader import load_pipeline

    if name == "sudachi":
        from pipeline.sudachi_baseline import RawSudachi

        return RawSudachi("C")
    if name == "tokenizer":
        return spacy.blank("ja", config={"nlp": {"tokenizer": {"split_mode": "C"}}})
    if name == "ginza":
        return spacy.load("ja_ginza")
    return load_pipeline(full_config if name == "full" else fast_config)


def time_pipe(nlp: Any, name: str, texts: Sequence[str], n_process: int, batch_size: int,
              repeats: int = 1) -> Timing:
    """Annotate ``texts`` with ``nlp.pipe`` ``repeats`` times; the fastest pass (the docs are consumed, not kept)."""
    best, best_cpu, count = float("inf"), float("inf"), 0
    for _ in range(max(1, repeats)):
        started, cpu_started = time.perf_counter(), time.process_time()
        count = 0
        for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
            count += 1
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - cpu_started)
    return Timing(name, n_process, count, sum(map(len, texts)), best, best_cpu)


def current_rss() -> int:
    """This process's resident set size in bytes (``/proc/self/statm``; peak RSS where absent)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return peak_rss()["self"]


def peak_rss() -> Dict[str, int]:
    """Peak RSS in bytes of this process and of its largest finished child (``getrusage``)."""
    scale = 1 if platform.system() == "Darwin" else 1024  # ru_maxrss is KiB on Linux, bytes on macOS
    return {"self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale,
            "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale}


def numbered_records(texts: Sequence[str], total: int) -> Iterator[InputRecord]:
    """``total`` records cycling ``texts``, record ``i`` ending in ``（i）`` (a new string each)."""
    for i in range(total):
        yield InputRecord(key=f"bench:{i + 1}", id=f"bench-{i + 1}", text=f"{texts[i % len(texts)]}（{i}）")


def measure_rss(nlp: Language, texts: Sequence[str], checkpoints: Sequence[int], batch_size: int) -> Dict[str, Any]:
    """Stream ``max(checkpoints)`` records through ``annotate_stream``; RSS at each checkpoint.

    Args:
        nlp (Language): The pipeline to stream through.
        texts (Sequence[str]): Texts to cycle.
        checkpoints (Sequence[int]): Record counts after which RSS is read.
        batch_size (int): ``nlp.pipe`` batch size.
    """
    from pipeline.annotate import annotate_stream
    from pipeline.outputs import BatchWriter

    wanted = sorted(checkpoints)
    after: Dict[str, int] = {}
    done = [0]

    def on_record(_length: int) -> None:
        done[0] += 1
        if done[0] in wanted:
            after[str(done[0])] = current_rss()
            logger.info("RSS after %d records: %.1f MiB", done[0], after[str(done[0])] / 2**20)

    with tempfile.TemporaryDirectory(prefix="gunji-bench-") as tmp:
        writer = BatchWriter(Path(tmp) / "out", shard_size=1000)
        report = annotate_stream(nlp, numbered_records(texts, wanted[-1]), writer,
                                 batch_size=batch_size, on_record=on_record)
    first, last = after.get(str(wanted[0])), after.get(str(wanted[-1]))
    return {"records": report.new_records, "seconds": report.seconds, "chars_per_second": report.chars_per_second,
            "rss_after": after, "rss_growth": (last / first - 1) if first and last else None}


def write_e2e_input(texts: Sequence[str], chars: int, path: Path) -> Tuple[int, int]:
    """Write numbered records cycling ``texts`` to ``path`` (JSONL) until ``chars`` characters.

    Returns:
        Tuple[int, int]: Records and characters written.
    """
    records = written = 0
    with Path(path).open("w", encoding="utf-8") as f:
        for record in numbered_records(texts, 1 << 62):
            if written >= chars:
                break
            f.write(json.dumps({"id": record.id, "text": record.text}, ensure_ascii=False) + "\n")
            records += 1
            written += len(record.text)
    return records, written


def time_annotate(nlp: Language, source: Path, output: Path, n_process: int, batch_size: int,
                  shard_size: int = 1000) -> Dict[str, Any]:
    """One ``gunji annotate`` run after loading: read ``source``, annotate, write every output to ``output``."""
    from pipeline.annotate import RecordExtras, annotate_local, write_batch_extras
    from pipeline.inputs import iter_inputs
    from pipeline.outputs import BatchWriter

    started = time.perf_counter()
    writer = BatchWriter(output, shard_size=shard_size)
    extras = RecordExtras().watch(writer)
    report = annotate_local(nlp, iter_inputs([str(source)]), writer, n_process=n_process, batch_size=batch_size)
    write_batch_extras(output, extras=extras)
    seconds = time.perf_counter() - started
    return {"n_process": n_process, "records": report.new_records, "chars": report.new_chars,
            "seconds": seconds, "chars_per_second": report.new_chars / seconds if seconds > 0 else 0.0,
            "skipped": len(report.totals.skipped)}


def measure_e2e(name: str, config: ConfigLike, texts: Sequence[str], chars: int, batch_size: int,
                n_processes: Sequence[int] = (1, 2), shard_size: int = 1000, repeats: int = 1) -> Dict[str, Any]:
    """End to end for one of our configs: ``time_annotate`` at each ``n_process``, and ``nlp.pipe`` on the same texts.

    Args:
        name (str): ``"fast"`` or ``"full"`` (for the log).
        config (ConfigLike): The config, loaded as ``gunji annotate`` loads it.
        texts (Sequence[str]): Texts to cycle.
        chars (int): Size of the input in characters.
        batch_size (int): ``nlp.pipe`` batch size.
        n_processes (Sequence[int]): ``n_process`` values to run.
        shard_size (int): Records per shard, as ``gunji annotate --shard-size`` (default 1000). With
            several processes the workers take pieces of about ``chunk_pool.PIECE_CHARS`` characters
            of a shard, so the shard size no longer decides how evenly they share the load.
        repeats (int): Runs per ``n_process`` (in alternating order) and ``nlp.pipe`` passes; the
            fastest of each is kept, as for ``--repeats`` (all runs are kept under ``all_runs``).
    """
    from pipeline.loader import load_pipeline

    nlp = load_pipeline(config)
    out: Dict[str, Any] = {"config": str(config), "shard_size": shard_size, "repeats": repeats, "runs": [],
                           "all_runs": []}
    with tempfile.TemporaryDirectory(prefix="gunji-e2e-") as tmp:
        source = Path(tmp) / "input.jsonl"
        out["records"], out["chars"] = write_e2e_input(texts, chars, source)
        inputs = [item.text for item in iter_inputs([str(source)]) if isinstance(item, InputRecord)]
        for _ in nlp.pipe(inputs[:WARMUP_RECORDS], batch_size=batch_size):
            pass
        best: Dict[int, Dict[str, Any]] = {}
        for repeat in range(max(1, repeats)):
            # alternate the order, so a burst of other jobs does not always meet the same n_process
            for n_process in (n_processes if repeat % 2 == 0 else list(reversed(n_processes))):
                run = time_annotate(nlp, source, Path(tmp) / f"out-{n_process}-{repeat}", n_process, batch_size,
                                    shard_size)
                run["loadavg"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
                logger.info("e2e %s n_process=%d: %10.0f chars/s (%d records, %.1f s)", name, n_process,
                            run["chars_per_second"], run["records"], run["seconds"])
                out["all_runs"].append(run)
                if n_process not in best or run["chars_per_second"] > best[n_process]["chars_per_second"]:
                    best[n_process] = run
        out["runs"] = [best[n] for n in n_processes if n in best]
        # nlp.pipe last: it finds the pipeline's caches as warm as the end-to-end runs left them,
        # so the end-to-end ÷ pipe ratio errs low, not high
        pipe = time_pipe(nlp, name, inputs, 1, batch_size, repeats=repeats)
        out["pipe_chars_per_second"] = pipe.chars_per_second
        logger.info("e2e %s: nlp.pipe %10.0f chars/s", name, pipe.chars_per_second)
    speed = {run["n_process"]: run["chars_per_second"] for run in out["runs"]}
    out["nproc2_over_nproc1"] = _ratio(speed.get(2), speed.get(1))
    out["e2e_over_pipe"] = _ratio(speed.get(1), out["pipe_chars_per_second"])
    del nlp
    gc.collect()
    return out


def _ratio(a: Optional[float], b: Optional[float]) -> Optional[float]:
    return a / b if a and b else None


def _ratios(timings: List[Timing]) -> Dict[str, Any]:
    """The headline ratios (at ``n_process=1``) and ``n_process`` 2 ÷ 1 per pipeline."""
    speed = {(t.pipeline, t.n_process): t.chars_per_second for t in timings}
    cpu = {t.pipeline: t.chars_per_cpu_second for t in timings if t.n_process == 1}
    by_pipeline = {name: _ratio(speed.get((name, 2)), speed.get((name, 1))) for name in PIPELINES}
    return {
        "full_over_ginza": _ratio(speed.get(("full", 1)), speed.get(("ginza", 1))),
        "full_over_ginza_nproc2": _ratio(speed.get(("full", 2)), speed.get(("ginza", 2))),
        "fast_over_tokenizer": _ratio(speed.get(("fast", 1)), speed.get(("tokenizer", 1))),
        "fast_over_tokenizer_nproc2": _ratio(speed.get(("fast", 2)), speed.get(("tokenizer", 2))),
        "fast_over_sudachi": _ratio(speed.get(("fast", 1)), speed.get(("sudachi", 1))),
        "tokenizer_over_sudachi": _ratio(speed.get(("tokenizer", 1)), speed.get(("sudachi", 1))),
        # the same n_process=1 ratios on CPU time, which a machine shared with other jobs disturbs less
        "fast_over_tokenizer_cpu": _ratio(cpu.get("fast"), cpu.get("tokenizer")),
        "fast_over_sudachi_cpu": _ratio(cpu.get("fast"), cpu.get("sudachi")),
        "full_over_ginza_cpu": _ratio(cpu.get("full"), cpu.get("ginza")),
        "nproc2_over_nproc1": by_pipeline.get("full"),
        "nproc2_over_nproc1_by_pipeline": by_pipeline,
    }


def _machine() -> Dict[str, Any]:
    return {"platform": platform.platform(), "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(), "python": platform.python_version(), "spacy": spacy.__version__,
            "loadavg_start": list(os.getloadavg()) if hasattr(os, "getloadavg") else None}


def run_benchmark(
    records: int,
    output: Optional[Path],
    full_config: ConfigLike = FULL_CONFIG,
    fast_config: ConfigLike = FAST_CONFIG,
    quick: bool = False,
    *,
    stream_records: Optional[int] = None,
    n_processes: Sequence[int] = (1, 2),
    batch_size: int = 64,
    sources: Optional[Sequence[Path]] = None,
    pipelines: Sequence[str] = PIPELINES,
    repeats: int = 1,
    e2e_chars: int = 0,
    e2e_full_chars: int = 0,
    e2e_shard_size: int = 1000,
    e2e_repeats: int = 1,
    worst_case_chars: int = 0,
) -> Dict[str, Any]:
    """Time the pipelines on the same records, measure memory, write and return the figures.

    Args:
        records (int): Records per timed pass (the source texts repeated).
        output (Optional[Path]): Where to write the JSON results (None: not written).
        full_config (ConfigLike): Our full config (.cfg, pipeline directory or package).
        fast_config (ConfigLike): Our fast config.
        quick (bool): A tiny run for tests: RSS after 50 and 200 records instead of 1k and 50k.
        stream_records (Optional[int]): Records for the RSS stream (default the last checkpoint).
        n_processes (Sequence[int]): ``n_process`` values to time.
        batch_size (int): ``nlp.pipe`` batch size.
        sources (Optional[Sequence[Path]]): Input files; default dev.jsonl, else corpus/.
        pipelines (Sequence[str]): Which of ``PIPELINES`` to time.
        repeats (int): Passes per timing; the fastest is kept.
        e2e_chars (int): When positive, time ``gunji annotate --fast`` end to end on an input of
            about this many characters (``measure_e2e``).
        e2e_full_chars (int): When positive, the same for the full config on its own input.
        e2e_shard_size (int): Records per shard in the end-to-end runs.
        e2e_repeats (int): Runs per ``n_process`` in the end-to-end runs, the fastest kept.
        worst_case_chars (int): When positive, time the fast pipeline on long texts of one repeated
            piece of about this many characters (``pipeline.worst_case``).
    """
    base, source = source_texts(sources)
    texts = repeat_texts(base, records)
    checkpoints = list(QUICK_RSS_CHECKPOINTS if quick else RSS_CHECKPOINTS)
    if stream_records:
        checkpoints = [c for c in checkpoints if c < stream_records] + [stream_records]
    results: Dict[str, Any] = {"machine": _machine(), "source": source, "distinct_texts": len(base),
                               "records": records, "chars": sum(map(len, texts)), "batch_size": batch_size,
                               "warmup_records": WARMUP_RECORDS, "repeats": repeats, "targets": TARGETS,
                               "pipelines": {}, "timings": []}
    timings: List[Timing] = []
    loaded: Dict[str, Any] = {}
    for name in pipelines:
        nlp, results["pipelines"][name] = _load_for_timing(name, full_config, fast_config, texts, batch_size)
        if nlp is not None:
            loaded[name] = nlp
    if 1 in n_processes:
        timings += time_interleaved(loaded, texts, batch_size, repeats)
    for name, nlp in loaded.items():
        for n_process in n_processes:
            if n_process == 1 or name in SINGLE_PROCESS:
                continue
            timing = time_pipe(nlp, name, texts, n_process, batch_size, repeats)
            _log_timing(timing)
            timings.append(timing)
    fast = loaded.pop("fast", None)
    loaded.clear()  # the RSS stream runs with the fast pipeline alone in memory
    gc.collect()
    if fast is not None:
        results["rss"] = {"pipeline": "fast", **measure_rss(fast, base, checkpoints, batch_size)}
        del fast
        gc.collect()
    if e2e_chars > 0 or e2e_full_chars > 0:
        results["e2e"] = {}
        if e2e_chars > 0:
            results["e2e"]["fast"] = measure_e2e("fast", fast_config, base, e2e_chars, batch_size, n_processes,
                                                   e2e_shard_size, e2e_repeats)
            results["e2e_fast_nproc2_over_nproc1"] = results["e2e"]["fast"]["nproc2_over_nproc1"]
            results["e2e_fast_over_pipe"] = results["e2e"]["fast"]["e2e_over_pipe"]
        if e2e_full_chars > 0:
            results["e2e"]["full"] = measure_e2e("full", full_config, base, e2e_full_chars, batch_size, n_processes,
                                                   e2e_shard_size, e2e_repeats)
            results["e2e_full_nproc2_over_nproc1"] = results["e2e"]["full"]["nproc2_over_nproc1"]
    if worst_case_chars > 0:
        nlp = load_named("fast", full_config, fast_config)
        results["worst_case"] = measure_worst_case(nlp, worst_case_chars)
        del nlp
        gc.collect()
        fast = [t.chars_per_second for t in timings if t.pipeline == "fast" and t.n_process == 1]
        slowest = results["worst_case"]["slowest_chars_per_second"]
        results["worst_case_over_fast"] = _ratio(slowest, fast[0] if fast else None)
    results["timings"] = [{**asdict(t), "chars_per_second": t.chars_per_second,
                           "chars_per_cpu_second": t.chars_per_cpu_second} for t in timings]
    results.update(_ratios(timings))
    results["rss_growth"] = results.get("rss", {}).get("rss_growth")
    results["peak_rss_bytes"] = peak_rss()
    results["machine"]["loadavg_end"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
    if output is not None:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return results


def _load_for_timing(name: str, full_config: ConfigLike, fast_config: ConfigLike, texts: Sequence[str],
                     batch_size: int) -> Tuple[Optional[Any], Dict[str, Any]]:
    """Load one pipeline and warm it up; an unloadable one is reported (None, its error), not fatal."""
    started = time.perf_counter()
    try:
        nlp = load_named(name, full_config, fast_config)
    except Exception as err:  # noqa: BLE001 - a missing model or factory must not stop the other figures
        logger.error("cannot load %s: %s", name, err)
        return None, {"error": f"{type(err).__name__}: {err}"}
    info: Dict[str, Any] = {"config": str(full_config if name == "full" else fast_config)
                            if name in ("full", "fast") else name,
                            "pipe_names": nlp.pipe_names, "load_seconds": time.perf_counter() - started}
    for _ in nlp.pipe(texts[:WARMUP_RECORDS], batch_size=batch_size):
        pass
    info["rss_after_load"] = current_rss()  # with the pipelines loaded before it
    return nlp, info


def time_interleaved(loaded: Dict[str, Any], texts: Sequence[str], batch_size: int,
                     repeats: int = 1) -> List[Timing]:
    """``n_process=1`` timings of every loaded pipeline, the pipelines taking turns: each round times one pass
    of each (in reverse order every other round), and each pipeline keeps its fastest pass.

    A shared machine's speed drifts over minutes: timed one after another, a pipeline's whole block could
    fall in a slow stretch and its baseline's in a fast one (the same code read 0.55 and 1.05 fast ÷
    tokenizer in two runs an hour apart). Taking turns puts both sides of every ratio in the same stretches.
    """
    names = list(loaded)
    best: Dict[str, Timing] = {}
    for round_ in range(max(1, repeats)):
        for name in (names if round_ % 2 == 0 else names[::-1]):
            timing = time_pipe(loaded[name], name, texts, 1, batch_size, 1)
            kept = best.get(name)
            # the fastest wall and the fastest CPU pass, as time_pipe keeps them
            best[name] = timing if kept is None else Timing(
                name, 1, timing.records, timing.chars, min(kept.seconds, timing.seconds),
                min(kept.cpu_seconds, timing.cpu_seconds))
    for name in names:
        _log_timing(best[name])
    return [best[name] for name in names]


def _log_timing(timing: Timing) -> None:
    """One timed pass in the log, as every timing of the run prints it."""
    logger.info("%-9s n_process=%d: %10.0f chars/s (%d records, %.1f s)", timing.pipeline, timing.n_process,
                timing.chars_per_second, timing.records, timing.seconds)


def summary_lines(results: Dict[str, Any]) -> List[str]:
    """Human-readable figures: chars/s per pipeline and n_process, ratios against targets, RSS."""
    lines = [f"{results['records']} records, {results['chars']:,} chars ({results['source']}), "
             f"batch size {results['batch_size']}, best of {results.get('repeats', 1)}"]
    for t in results["timings"]:
        cpu = f" ({t['chars_per_cpu_second']:,.0f} per CPU second)" if t["n_process"] == 1 else ""
        lines.append(f"  {t['pipeline']:<9} n_process={t['n_process']}: {t['chars_per_second']:>12,.0f} chars/s{cpu}")
    for name, info in results["pipelines"].items():
        if "error" in info:
            lines.append(f"  {name}: not measured ({info['error']})")
    for key, target in TARGETS.items():
        value = results.get(key)
        shown = f"{value:.3f}" if isinstance(value, float) else "n/a"
        lines.append(f"{key}: {shown} (target {target})")
    for key in REPORTED:
        value = results.get(key)
        lines.append(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: n/a")
    for name, e2e in results.get("e2e", {}).items():
        runs = ", ".join(f"n_process={r['n_process']} {r['chars_per_second']:,.0f}" for r in e2e["runs"])
        lines.append(f"  e2e {name} ({e2e['records']:,} records, {e2e['chars']:,} chars, shards of "
                     f"{e2e.get('shard_size', 1000)}): {runs} chars/s; "
                     f"nlp.pipe {e2e['pipe_chars_per_second']:,.0f}")
    for key, target in E2E_TARGETS.items():
        if key in results:
            value = results[key]
            shown = f"{value:.3f}" if isinstance(value, float) else "n/a"
            lines.append(f"{key}: {shown} (target {target})")
    worst = results.get("worst_case")
    if worst:
        lines.append(f"worst case (fast, one piece repeated to about {worst['chars']:,} chars; growth 2.0 = linear):")
        for row in sorted(worst["pieces"], key=lambda r: r["chars_per_second"] or 0)[:5]:
            growth = f"{row['growth']:.1f}" if row["growth"] else "n/a"
            lines.append(f"  {row['piece']!r:<28} {row['chars_per_second'] or 0:>10,.0f} chars/s, growth {growth}")
        ratio = results.get("worst_case_over_fast")
        lines.append(f"worst_case_over_fast: {ratio:.3f}" if isinstance(ratio, float) else "worst_case_over_fast: n/a")
    rss = results.get("rss", {})
    for count, size in rss.get("rss_after", {}).items():
        lines.append(f"RSS after {int(count):,} records (fast, annotate loop): {size / 2**20:,.1f} MiB")
    peak = results["peak_rss_bytes"]
    lines.append(f"peak RSS: {peak['self'] / 2**20:,.1f} MiB (largest child {peak['children'] / 2**20:,.1f} MiB)")
    return lines


def bench_main(args: Any, emit: Optional[Callable[[str], None]] = None) -> int:
    """What ``gunji bench`` runs: ``args`` has the options of ``add_bench_arguments``; lines go to ``emit``."""
    emit = emit or (lambda line: sys.stdout.write(line + "\n"))
    results = run_benchmark(args.records, args.output, args.full_config or FULL_CONFIG,
                            args.fast_config or FAST_CONFIG, args.quick, stream_records=args.stream_records,
                            batch_size=args.batch_size, sources=args.source or None,
                            pipelines=tuple(args.pipelines or PIPELINES), repeats=getattr(args, "repeats", 1),
                            n_processes=tuple(getattr(args, "n_process", None) or (1, 2)),
                            e2e_chars=getattr(args, "e2e_chars", 0) or 0,
                            e2e_full_chars=getattr(args, "e2e_full_chars", 0) or 0,
                            e2e_shard_size=getattr(args, "e2e_shard_size", 1000) or 1000,
                            e2e_repeats=getattr(args, "e2e_repeats", 1) or 1,
                            worst_case_chars=getattr(args, "worst_case", 0) or 0)
    for line in summary_lines(results):
        emit(line)
    if args.output is not None:
        emit(f"results: {args.output}")
    return 0


def add_bench_arguments(parser: Any) -> None:
    """The options of ``gunji bench`` on an ``argparse`` (sub)parser."""
    parser.add_argument("--records", type=int, default=1000, help="records per timed pass (default 1000)")
    parser.add_argument("--output", "-o", type=Path, default=Path("bench.json"), help="JSON results file")
    parser.add_argument("--full-config", help="our full config (default: the shipped configs/pipeline.cfg)")
    parser.add_argument("--fast-config", help="our fast config (default: the shipped configs/fast.cfg)")
    parser.add_argument("--stream-records", type=int, help="records for the RSS stream (default 50000)")
    parser.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size (default 64)")
    parser.add_argument("--source", type=Path, action="append",
                        help="texts to repeat (default ../shared/data/dev.jsonl, else corpus/); repeatable")
    parser.add_argument("--quick", action="store_true", help="a tiny run (RSS after 50 and 200 records)")
    parser.add_argument("--repeats", type=int, default=1, help="passes per timing, the fastest kept (default 1)")
    parser.add_argument("--n-process", type=int, nargs="+", metavar="N",
                        help="n_process values to time (default 1 2; e2e ratios need both)")
    parser.add_argument("--e2e-chars", type=int, default=0, metavar="N",
                        help="also time gunji annotate --fast end to end on an input of about N chars "
                             "(e.g. 1500000), n_process 1 and 2, against nlp.pipe on the same texts")
    parser.add_argument("--e2e-full-chars", type=int, default=0, metavar="N",
                        help="the same for the full config on its own input of about N chars (slow: ~3k chars/s)")
    parser.add_argument("--e2e-shard-size", type=int, default=1000, metavar="N",
                        help="records per shard in the end-to-end runs (default 1000, as gunji annotate); "
                             "workers share a shard by pieces, so this no longer limits n_process 2")
    parser.add_argument("--e2e-repeats", type=int, default=1, metavar="N",
                        help="end-to-end runs per n_process, alternating, and nlp.pipe passes; the fastest kept "
                             "(default 1)")
    parser.add_argument("--worst-case", type=int, default=0, metavar="N",
                        help="also time the fast pipeline on texts of one repeated piece of about N chars "
                             "(e.g. 12000) and half that: speed and growth per piece (pipeline/worst_case.py)")
    parser.add_argument("--pipelines", nargs="+", choices=PIPELINES,
                        help="time only these (default all five; a ratio whose side is left out is null)")


if __name__ == "__main__":  # python -m pipeline.bench (the same as ``gunji bench``)
    import argparse

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    _parser = argparse.ArgumentParser(prog="gunji bench", description=__doc__.split("\n")[0])
    add_bench_arguments(_parser)
    sys.exit(bench_main(_parser.parse_args()))
