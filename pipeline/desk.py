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
