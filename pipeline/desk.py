"""The analyst's desk on the command line: ``gunji report``, ``gunji export`` and ``annotate --html``.

Kept out of ``pipeline/cli.py`` so the CLI only wires these in
(``add_desk_commands``); each command reads a finished batch's
``annotations.jsonl`` and needs no pipeline.
"""
from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import List

logger = logging.getLogger("gunji")


def write_batch_pages(outdir: Path) -> List[Path]:
    """``annotations.html`` (+ page files) and, where the ``report`` extra is installed, ``report.html``."""
    from pipeline.html import write_annotation_pages

    written = write_annotation_pages(outdir, outdir)
    try:
        from pipeline.report import write_report
    except ImportError as err:  # altair / vl-convert-python not installed
        logger.warning("report.html not written (%s); pip install 'gunji[report]'", err)
        return written
    written.append(write_report(outdir, outdir / "report.html"))
    return written


def add_desk_commands(sub: "argparse._SubParsersAction") -> None:
    """Add ``report`` and ``export`` to the ``gunji`` subcommands."""
    rep = sub.add_parser("report", help="report.html (charts) and annotations.html pages of a finished batch")
    rep.add_argument("outdir", type=Path, help="an annotate output directory (reads annotations.jsonl)")
    rep.add_argument("--output", "-o", type=Path, help="report file (default OUTDIR/report.html)")
    rep.add_argument("--no-pages", action="store_true", help="write report.html only, not annotations.html")
    rep.set_defaults(func=cmd_report)

    from pipeline.export import FORMATS

    exp = sub.add_parser("export", help="spans and pairs of a batch in an annotation tool's import format")
    exp.add_argument("outdir", type=Path, help="an annotate output directory or an annotations.jsonl file")
    exp.add_argument("--format", "-f", required=True, choices=sorted(FORMATS), help="the tool to import into")
    exp.add_argument("--output", "-o", type=Path, help="file to write (default OUTDIR/export-FORMAT.json[l])")
    exp.set_defaults(func=cmd_export)


def add_convert_options(conv: argparse.ArgumentParser) -> None:
    """``gunji convert --from``: read annotation tools' exports as gold."""
    from pipeline.export import READ_FORMATS

    conv.add_argument("--from", dest="source_format", choices=READ_FORMATS, default="auto",
                      help="format of the inputs: our JSONL records (gunji), a tool's export, or auto "
                           "(detected per item; the default)")


def convert_gold(nlp, inputs: List[Path], output: Path, fmt: str = "auto") -> int:
    """Gold from our JSONL or a tool's export -> a DocBin, or our JSONL records where OUTPUT ends in .jsonl."""
    import json

    from spacy.tokens import DocBin

    from pipeline.export import read_tool_file
    from pipeline.records import record_to_doc

    records = (record for path in inputs for record in read_tool_file(path, fmt))
    output.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    if output.suffix == ".jsonl":
        with output.open("w", encoding="utf-8") as f:
            for record in records:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        return count
    docbin = DocBin(store_user_data=True)
    for record in records:
        docbin.add(record_to_doc(nlp, record))
    docbin.to_disk(output)
    return len(docbin)


def _annotations_exist(outdir: Path) -> bool:
    from pipeline.record_view import annotations_path

    path = annotations_path(outdir)
    if not path.is_file():
        logger.error("%s not found: give an annotate output directory or an annotations.jsonl file", path)
        return False
    return True


def cmd_report(args: argparse.Namespace) -> int:
    """Write the batch report (and the annotation pages unless --no-pages)."""
    if not _annotations_exist(args.outdir):
        return 2
    try:
        from pipeline.report import write_report
    except ImportError as err:
        logger.error("gunji report needs the report extra (%s): pip install 'gunji[report]'", err)
        return 2
    outdir = args.outdir if args.outdir.is_dir() else args.outdir.parent
    path = write_report(args.outdir, args.output or outdir / "report.html")
    print(f"report: {path}")
    if not args.no_pages:
        from pipeline.html import write_annotation_pages

        print(f"pages: {write_annotation_pages(args.outdir, outdir)[0]}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the batch's records in a tool's import format."""
    from pipeline.export import default_name, export_records
    from pipeline.record_view import iter_records

    if not _annotations_exist(args.outdir):
        return 2
    outdir = args.outdir if args.outdir.is_dir() else args.outdir.parent
    path = args.output or outdir / default_name(args.format)
    count = export_records(iter_records(args.outdir), args.format, path)
    print(f"{count} records -> {path} ({args.format})")
    return 0
