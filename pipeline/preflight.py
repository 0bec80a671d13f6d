"""Checks a command makes before it writes anything, each failing with one plain line.

A run that cannot start must say why in one line (no traceback) and leave
nothing behind: inputs, the encoding and the pipeline are checked and the
pipeline loaded before OUTDIR is created or cleared.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Iterable, Optional, Union

from spacy.language import Language

MESSAGE_CHARS = 400


class PreflightError(Exception):
    """A command cannot start; the message is the one line the user sees."""


def one_line(error: BaseException) -> str:
    """An exception as one line: its type and its message's lines joined, cut to a readable length."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = " | ".join(lines) or "(no message)"
    if len(text) > MESSAGE_CHARS:
        text = text[:MESSAGE_CHARS] + "…"
    return f"{type(error).__name__}: {text}"


def check_inputs(paths: Iterable[str]) -> None:
    """Every input is ``-``, a file or a directory."""
    for raw in paths:
        if raw == "-":
            continue
        path = Path(raw)
        if not path.exists():
            raise PreflightError(f"input not found: {raw}")
        if not (path.is_file() or path.is_dir()):
            raise PreflightError(f"input is not a file or directory: {raw}")


def check_encoding(encoding: str) -> None:
    """``encoding`` is one Python knows."""
    from pipeline.encodings import codec_name

    try:
        codec_name(encoding)
    except LookupError:
        raise PreflightError(f"unknown encoding for --encoding: {encoding!r} (try utf-8, cp932, utf-16)") from None


def check_config_source(source: Union[str, Path]) -> None:
    """A .cfg file that parses, a pipeline directory, or an installed package (for workers to load)."""
    from spacy.util import load_config

    path = Path(source)
    if path.suffix == ".cfg":
        if not path.is_file():
            raise PreflightError(f"config not found: {source}")
        try:
            load_config(path, interpolate=False)
        except Exception as err:
            raise PreflightError(f"invalid config {source}: {one_line(err)}") from None
    elif not path.is_dir() and not _is_package(str(source)):
        raise PreflightError(f"pipeline not found: {source} is neither a .cfg file, a pipeline directory "
                             "nor an installed package")


def _is_package(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def load_or_fail(config: Optional[str], fast: bool) -> Language:
    """The pipeline of ``--config``/``--fast``, or a PreflightError that says in one line why not."""
    from pipeline.loader import load_pipeline, resolve_config

    source = resolve_config(config, fast)
    check_config_source(source)
    try:
        return load_pipeline(config, fast=fast)
    except Exception as err:
        raise PreflightError(f"cannot load the pipeline {source}: {one_line(err)}") from None
