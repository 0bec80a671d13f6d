"""The ``gunji`` command line.

    gunji annotate INPUT... -o OUTDIR [--config PATH | --fast] [--n-process N] [--batch-size N] [--html]
                   [--resume | --overwrite] [--backend {local,dask} [--scheduler ADDRESS] [--workers N]]
    gunji evaluate GOLD.jsonl [--config PATH | --fast] [--json] [--errors N]
    gunji convert GOLD.jsonl... -o OUT.spacy|OUT.jsonl [--from auto|gunji|prodigy|doccano|labelstudio]
    gunji glossary OUTDIR_OR_SHARDS... -o OUTDIR
    gunji facts OUTDIR [-o DIR]
    gunji bench [--records N] [--quick] [-o bench.json]
    gunji report OUTDIR [-o report.html] [--no-pages]
    gunji export OUTDIR --format prodigy|doccano|labelstudio [-o FILE]
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import List, Optional

from pipeline.outputs import OutputExistsError, record_line

logger = logging.getLogger("gunji")


def _add_pipeline_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--config", "-c", help="a .cfg file, an assembled pipeline directory, or a package name "
                                               "(default: the shipped full config)")
    group.add_argument("--fast", action="store_true", help="our components on the SudachiPy tokenizer alone")
    parser.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size (default 64)")
    parser.add_argument("--n-process", type=int, default=1, help="worker processes (default 1); annotate gives each "
                                                                 "a piece of about 4k characters of a shard at a time")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with its subcommands."""
    parser = argparse.ArgumentParser(prog="gunji", description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="log at DEBUG level")
    sub = parser.add_subparsers(dest="command", required=True)

    ann = sub.add_parser("annotate", help="annotate .txt/.jsonl files, directories or stdin")
    ann.add_argument("inputs", nargs="+", help=".txt (a record per line), .jsonl (text, id), a directory, or -")
    ann.add_argument("--output", "-o", required=True, type=Path, help="output directory")
    _add_pipeline_options(ann)
    ann.add_argument("--shard-size", type=int, default=1000, help="docs per DocBin shard (default 1000)")
    again = ann.add_mutually_exclusive_group()
    again.add_argument("--resume", action="store_true", help="continue a run in OUTDIR that was stopped")
    again.add_argument("--overwrite", action="store_true", help="delete a previous run's outputs in OUTDIR first")
    ann.add_argument("--html", action="store_true",
                     help="also write OUTDIR/annotations.html (+ pages) and OUTDIR/report.html")
    ann.add_argument("--stdin-format", choices=["txt", "jsonl"], default="txt", help="how to read - (default txt)")
    ann.add_argument("--encoding", default="utf-8", help="encoding of .txt/.jsonl inputs and stdin (default utf-8; "
                                                         "e.g. cp932 for Shift-JIS, utf-16)")
    ann.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    ann.add_argument("--backend", choices=["local", "dask"], default="local",
                     help="local: nlp.pipe here (default); dask: shards on Dask workers (pip install 'gunji[dask]')")
    ann.add_argument("--scheduler", help="with --backend dask: a scheduler address (tcp://HOST:8786); "
                                         "default: start a LocalCluster")
    ann.add_argument("--workers", type=int, default=2, help="with --backend dask and no --scheduler: "
                                                            "local worker processes (default 2)")
    ann.set_defaults(func=cmd_annotate)

    ev = sub.add_parser("evaluate", help="run the pipeline on gold JSONL texts and score it")
    ev.add_argument("gold", type=Path, help="gold records (ANNOTATION.md format)")
    _add_pipeline_options(ev)
    ev.add_argument("--json", action="store_true", help="print one JSON object")
    ev.add_argument("--errors", type=int, default=0, help="list up to N errors of each kind on stderr")
    ev.add_argument("--predictions", type=Path, help="also write the predicted records here")
    ev.set_defaults(func=cmd_evaluate)

    conv = sub.add_parser("convert", help="gold JSONL records or a tool's export -> one DocBin (.spacy) for training")
    conv.add_argument("inputs", nargs="+", type=Path, help="gold JSONL files")
    conv.add_argument("--output", "-o", required=True, type=Path, help="the .spacy file to write "
                                                                        "(.jsonl: our gold records instead)")
    from pipeline.desk import add_convert_options

    add_convert_options(conv)
    conv.set_defaults(func=cmd_convert)

    gl = sub.add_parser("glossary", help="rebuild glossary.json/.tsv from existing DocBin shards")
    gl.add_argument("shards", nargs="+", type=Path, help="annotate output directories or .spacy files")
    gl.add_argument("--output", "-o", required=True, type=Path, help="directory for glossary.json and glossary.tsv")
    gl.set_defaults(func=cmd_glossary)

    fa = sub.add_parser("facts", help="rebuild facts.csv/.parquet (one row per reported event) from OUTDIR")
    fa.add_argument("outdir", type=Path, help="an annotate output directory (its annotations.jsonl is read)")
    fa.add_argument("--output", "-o", type=Path, help="where to write the two files (default: OUTDIR)")
    fa.set_defaults(func=cmd_facts)

    from pipeline.bench import add_bench_arguments

    be = sub.add_parser("bench", help="throughput and memory against ja_ginza and the tokenizer, as ratios")
    add_bench_arguments(be)
    be.set_defaults(func=cmd_bench)

    from pipeline.desk import add_desk_commands

    add_desk_commands(sub)
    return parser


def _load(args: argparse.Namespace):
    from pipeline.preflight import load_or_fail

    return load_or_fail(args.config, args.fast)


def _preflight_annotate(args: argparse.Namespace):
    """Everything that can stop a run, checked before OUTDIR is touched; the local pipeline, loaded."""
    from pipeline.preflight import PreflightError, check_config_source, check_encoding, check_inputs

    if args.backend != "dask" and args.scheduler:
        raise PreflightError("--scheduler needs --backend dask")
    check_inputs(args.inputs)
    check_encoding(args.encoding)
    if args.output.exists() and not args.output.is_dir():
        raise PreflightError(f"output is not a directory: {args.output}")
    if args.backend == "dask":
        from pipeline.dask_backend import _import_distributed

        try:
            _import_distributed()
        except ImportError as err:
            raise PreflightError(str(err)) from None
        check_config_source(_config_source(args))
        return None
    return _load(args)


def cmd_annotate(args: argparse.Namespace) -> int:
    """Annotate the inputs into OUTDIR; print a summary."""
    from pipeline.annotate import RecordExtras, annotate_local, progress_callback, write_batch_extras
    from pipeline.inputs import iter_inputs
    from pipeline.outputs import BatchWriter, clear_outputs

    nlp = _preflight_annotate(args)
    if args.overwrite:
        clear_outputs(args.output)
    try:
        writer = BatchWriter(args.output, shard_size=args.shard_size, resume=args.resume)
    except OutputExistsError as err:
        logger.error("%s", err)
        return 2
    items = iter_inputs(args.inputs, args.stdin_format, encoding=args.encoding)
    extras = RecordExtras().watch(writer)
    update, close = progress_callback(False if args.no_progress else None)
    if nlp is None:
        from pipeline.dask_backend import annotate_with_dask

        try:
            report = annotate_with_dask(_config_source(args), items, writer, scheduler=args.scheduler,
                                        n_workers=args.workers, batch_size=args.batch_size, on_record=update)
        finally:
            close()
    else:
        try:
            n_process = os.cpu_count() or 1 if args.n_process == -1 else args.n_process
            report = annotate_local(nlp, items, writer, n_process=n_process, batch_size=args.batch_size,
                                    on_record=update)
        finally:
            close()
    write_batch_extras(args.output, args.html, extras)
    for line in report.summary_lines():
        print(line)
    print(f"output: {args.output}")
    if report.totals.records == 0:
        logger.error("nothing was annotated: %d input(s) skipped, see the summary on stdout",
                     len(report.totals.skipped))
        return 1
    return 0


def _config_source(args: argparse.Namespace) -> str:
    """What ``--config``/``--fast`` name: a .cfg file, a pipeline directory or a package name."""
    from configs import FAST_CONFIG, FULL_CONFIG

    return str(args.config or (FAST_CONFIG if args.fast else FULL_CONFIG))


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Score the pipeline on a gold file; print score.py's figures."""
    from pipeline.evaluate import predict_records, read_records
    from pipeline.preflight import PreflightError
    from pipeline.scoring import format_result, score_records

    if not args.gold.is_file():
        raise PreflightError(f"gold file not found: {args.gold}")
    nlp = _load(args)
    gold = read_records(args.gold)
    pred = predict_records(nlp, gold, batch_size=args.batch_size, n_process=args.n_process)
    if args.predictions:
        with args.predictions.open("w", encoding="utf-8") as f:
            for record in pred.values():
                f.write(record_line(record) + "\n")
    result, errors = score_records(gold, pred)
    print(json.dumps(result, ensure_ascii=False) if args.json else format_result(result))
    for kind, items in sorted(errors.items()):
        for item in items[: args.errors]:
            print(kind, *item, sep="\t", file=sys.stderr)
    return 0


def _configure_logging(verbose: bool) -> None:
    """Our loggers to stderr; spaCy's keep their own handler, so they are not doubled."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.gunji_cli = True  # type: ignore[attr-defined]
    for name in ("gunji", "pipeline", "components"):
        log = logging.getLogger(name)
        for old in [h for h in log.handlers if getattr(h, "gunji_cli", False)]:
            log.removeHandler(old)  # main() called again in one process (tests) must not double every line
        log.addHandler(handler)
        log.setLevel(logging.DEBUG if verbose else logging.INFO)
        log.propagate = False
    # "assembling pipeline from ..." is noise before a one-line error, and the progress bar follows anyway.
    logging.getLogger("pipeline.loader").setLevel(logging.DEBUG if verbose else logging.WARNING)


def cmd_convert(args: argparse.Namespace) -> int:
    """Convert gold records to a DocBin, tokenised as the fast pipeline tokenises (split mode C)."""
    import spacy

    from pipeline.desk import convert_gold

    nlp = spacy.blank("ja", config={"nlp": {"tokenizer": {"split_mode": "C"}}})
    count = convert_gold(nlp, args.inputs, args.output, args.source_format)
    print(f"{count} docs -> {args.output}")
    return 0


def cmd_glossary(args: argparse.Namespace) -> int:
    """Group katakana variants across the docs of existing shards."""
    from spacy.vocab import Vocab

    from pipeline.glossary import build_glossary, write_glossary
    from pipeline.outputs import iter_docbin_docs

    groups = build_glossary(iter_docbin_docs(args.shards, Vocab()))
    json_path, tsv_path = write_glossary(groups, args.output)
    print(f"{len(groups)} groups -> {json_path}, {tsv_path}")
    return 0


def cmd_facts(args: argparse.Namespace) -> int:
    """Rebuild the facts table from an output directory's JSONL records."""
    from pipeline.facts_table import write_facts
    from pipeline.outputs import ANNOTATIONS
    from pipeline.preflight import PreflightError

    jsonl = args.outdir / ANNOTATIONS
    if not jsonl.is_file():
        raise PreflightError(f"no {ANNOTATIONS} in {args.outdir}: not an annotate output directory")
    target = args.output or args.outdir
    target.mkdir(parents=True, exist_ok=True)
    count, csv_path, parquet_path = write_facts(jsonl, target)
    print(f"{count} facts -> {csv_path}, {parquet_path}")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    """Time the tokenizer, ja_ginza and our two configs on the same records; write JSON."""
    from pipeline.bench import bench_main

    return bench_main(args)


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point of the ``gunji`` command."""
    from pipeline.preflight import PreflightError

    args = build_parser().parse_args(argv)
    _configure_logging(args.verbose)
    try:
        return args.func(args)
    except PreflightError as err:
        logger.error("%s", err)
        return 2


if __name__ == "__main__":
    sys.exit(main())
