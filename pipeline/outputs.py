"""Write a batch's outputs so that a killed run can resume with every record done exactly once.

An output directory holds:

- ``docs-0000.spacy``, ``docs-0001.spacy``, …: DocBin shards with user data
  (our attribute store), each written to a temporary file and renamed, so a
  shard on disk is always whole. A shard's DocBin is filled doc by doc as
  records arrive (arrays, not Docs, are kept), and srsly's msgpack setup is
  done once per process (``pipeline.serialization``);
- ``annotations.jsonl``: the records of ANNOTATION.md, shard after shard;
- ``manifest.jsonl``: one line per finished shard with the input keys it
  holds, the inputs skipped while it filled (with reasons), and the size of
  ``annotations.jsonl`` once its records were appended.

A full shard is written by one background thread while the next one fills:
zlib, the file writes and their ``fsync`` release the GIL, so on a second
core they overlap the annotation instead of stopping it. One shard at most
is pending, shards are written in order, and ``flush`` (called at the end of
every run) waits for it; a failed write is raised in the caller at the next
shard or at ``flush``.

A shard counts as finished only when its manifest line is complete. On
resume, the manifest's complete lines are read; ``annotations.jsonl`` is cut
back to the last recorded size, shard files the manifest does not name are
deleted, and the inputs it names are not annotated again.
"""
from __future__ import annotations

import json
import logging
import os
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Set, Tuple

import numpy
import srsly
from spacy.attrs import DEP, ENT_ID, ENT_KB_ID, ENT_TYPE, LEMMA, MORPH, NORM, ORTH, SPACY, TAG
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from components.attributes import register_extensions
from pipeline.serialization import freeze_msgpack_registries

logger = logging.getLogger(__name__)

MANIFEST = "manifest.jsonl"
ANNOTATIONS = "annotations.jsonl"
SHARD_PATTERN = "docs-{:04d}.spacy"


class OutputExistsError(RuntimeError):
    """The output directory already holds a run and --resume was not given."""


@dataclass
class BatchTotals:
    """What a whole batch (all runs of it, resumed ones included) has done."""

    records: int = 0
    chars: int = 0
    skipped: List[Tuple[str, str]] = field(default_factory=list)


@dataclass
class _Shard:
    keys: List[str] = field(default_factory=list)
    docbin: DocBin = field(default_factory=lambda: DocBin(store_user_data=True))
    lines: List[str] = field(default_factory=list)
    skipped: List[Tuple[str, str]] = field(default_factory=list)
    chars: int = 0
    encoded: Optional[bytes] = None  # the DocBin's bytes, when a worker serialised it


class BatchWriter:
    """Collect annotated docs and skips; write them out a shard at a time.

    Args:
        outdir (Path): The output directory (created if missing).
        shard_size (int): Docs per DocBin shard.
        resume (bool): Continue the run already in ``outdir``.
    """

    def __init__(self, outdir: Path, shard_size: int = 1000, resume: bool = False) -> None:
        register_extensions()
        freeze_msgpack_registries()
        self.outdir = Path(outdir)
        self.shard_size = max(1, shard_size)
        self.outdir.mkdir(parents=True, exist_ok=True)
        self.totals = BatchTotals()
        self.done_keys: Set[str] = set()
        self.shard_files: List[str] = []
        entries = read_manifest(self.outdir)
        if not resume and (entries or (self.outdir / ANNOTATIONS).exists()):
            raise OutputExistsError(f"{self.outdir} already holds annotations; use --resume to continue that run "
                                    "or choose another output directory")
        self._recover(entries)
        self._next_shard = sum(1 for e in entries if e.get("shard"))
        self._current = _Shard()
        self._pending: Optional[Future] = None  # the full shard being written in the background
        self._executor: Optional[ThreadPoolExecutor] = None
        # Called with each record ``add`` takes (not those of ``add_shard``, which come as lines):
        # ``pipeline.annotate.RecordExtras`` builds the glossary from them as they pass.
        self.on_record: Optional[Callable[[Dict[str, Any]], None]] = None

    def _recover(self, entries: List[Dict[str, Any]]) -> None:
        """Cut back to the last finished shard and remember what it covered."""
        jsonl_bytes = 0
        for entry in entries:
            self.done_keys.update(entry["keys"])
            self.done_keys.update(key for key, _ in entry["skipped"])
            self.totals.records += len(entry["keys"])
            self.totals.chars += entry["chars"]
            self.totals.skipped.extend((key, reason) for key, reason in entry["skipped"])
            jsonl_bytes = entry["jsonl_bytes"]
            if entry.get("shard"):
                self.shard_files.append(entry["shard"])
        annotations = self.outdir / ANNOTATIONS
        if annotations.exists() and annotations.stat().st_size != jsonl_bytes:
            with annotations.open("r+b") as f:
                f.truncate(jsonl_bytes)
        keep = set(self.shard_files)
        for stray in self.outdir.glob("docs-*.spacy*"):
            if stray.name not in keep:
                logger.info("removing unfinished shard %s", stray.name)
                stray.unlink()

    def add(self, key: str, record: Dict[str, Any], doc: Doc) -> None:
        """Add one annotated record and its doc; writes a shard when one is full."""
        line = record_line(record)  # before anything is kept: a failure leaves no trace
        shard = self._current
        add_or_roll_back(shard.docbin, doc)
        shard.keys.append(key)
        shard.lines.append(line)
        shard.chars += len(record["text"])
        self._observe(key, record)
        if len(shard.keys) >= self.shard_size:
            self._flush(background=True)

    def add_shard(self, keys: List[str], lines: List[str], chars: int, encoded: bytes,
                  skipped: List[Tuple[str, str]]) -> None:
        """A whole shard annotated and serialised by a worker: written as it is, after what was pending.

        Args:
            keys (List[str]): The input keys of its records, in order.
            lines (List[str]): Their JSONL lines, in the same order.
            chars (int): Their characters.
            encoded (bytes): The DocBin of their docs, serialised.
            skipped (List[Tuple[str, str]]): Inputs of the chunk not annotated, with reasons.
        """
        self.flush()
        for key, reason in skipped:
            self.skip(key, reason)
        shard = self._current
        shard.keys, shard.lines, shard.chars = list(keys), list(lines), chars
        shard.encoded = encoded if keys else None
        self.flush()
        if self.on_record is not None:  # the glossary gathers while the workers go on, not after the run
            for key, line in zip(keys, lines):
                self._observe(key, json.loads(line))

    def _observe(self, key: str, record: Dict[str, Any]) -> None:
        """Hand a record taken to ``on_record``; an observer that fails is dropped, the record stays."""
        if self.on_record is None:
            return
        try:
            self.on_record(record)
        except Exception as err:  # the record is in the shard already: an observer must not undo that
            logger.warning("%s: the run's record observer failed (%s: %s); the extras will read the "
                           "records back", key, type(err).__name__, err)
            self.on_record = None

    def skip(self, key: str, reason: str) -> None:
        """Record an input that was not annotated."""
        logger.warning("skipped %s: %s", key, reason)
        self._current.skipped.append((key, reason))

    def flush(self) -> None:
        """Write the current shard and wait until every shard taken so far is on disk."""
        self._flush(background=False)

    def _flush(self, background: bool) -> None:
        """Close the current shard; write it now, or in the background while the next one fills.

        The keys, totals and file name are settled here, in the caller's thread,
        so what the run reads of them never depends on the writer's progress.
        """
        shard = self._current
        if not shard.keys and not shard.skipped:
            if not background:
                self._wait()
            return
        name: Optional[str] = None
        if shard.keys:
            name = SHARD_PATTERN.format(self._next_shard)
            self._next_shard += 1
            self.shard_files.append(name)
        self.done_keys.update(shard.keys)
        self.done_keys.update(key for key, _ in shard.skipped)
        self.totals.records += len(shard.keys)
        self.totals.chars += shard.chars
        self.totals.skipped.extend(shard.skipped)
        self._current = _Shard()
        self._wait()  # shards reach the disk in order, one pending at most
        if not background:
            self._write(shard, name)
            return
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gunji-shard-writer")
        self._pending = self._executor.submit(partial(self._write, shard, name))

    def _wait(self) -> None:
        """Wait for the shard being written in the background; its error, if any, is raised here."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def _write(self, shard: _Shard, name: Optional[str]) -> None:
        """DocBin, then JSONL, then the manifest line: the order that makes a killed run resumable."""
        if name is not None:
            data = shard.encoded if shard.encoded is not None else docbin_to_bytes(shard.docbin)
            _write_atomic(self.outdir / name, data)
        jsonl_bytes = _append_lines(self.outdir / ANNOTATIONS, shard.lines)
        entry = {"shard": name, "keys": shard.keys, "skipped": shard.skipped,
                 "chars": shard.chars, "jsonl_bytes": jsonl_bytes}
        _append_lines(self.outdir / MANIFEST, [json.dumps(entry, ensure_ascii=False)])


_DOCBIN_LISTS = ("tokens", "spaces", "flags", "cats", "user_data", "span_groups")


# The token attributes whose strings ``DocBin.add`` keeps (token.text, tag_, lemma_, norm_, dep_,
# ent_type_, ent_kb_id_, ent_id_), and the morphology, whose string it keeps as ``str(token.morph)``.
_STRING_ATTRS = (ORTH, TAG, LEMMA, NORM, DEP, ENT_TYPE, ENT_KB_ID, ENT_ID)


@lru_cache(maxsize=8)
def _string_columns(attrs: Tuple[int, ...]) -> Tuple[Optional[List[int]], Optional[int]]:
    """Where ``_STRING_ATTRS`` and ``MORPH`` sit among a DocBin's ``attrs`` (None: not all of them there).

    spaCy's default attrs hold them all, so their hashes come from the array
    ``docbin_add`` builds anyway instead of a second ``to_array`` call.
    """
    columns = [attrs.index(a) for a in _STRING_ATTRS if a in attrs]
    return (columns if len(columns) == len(_STRING_ATTRS) else None,
            attrs.index(MORPH) if MORPH in attrs else None)


def docbin_add(docbin: DocBin, doc: Doc) -> None:
    """What ``DocBin.add`` does, with the token strings read from arrays.

    spaCy's ``DocBin.add`` builds a ``Token`` per token and asks it for nine
    strings one by one; end to end that was the largest single cost of writing a
    record. Here each column comes from one ``to_array`` call and each distinct
    hash is looked up once, so the DocBin ends up with the same arrays, flags,
    user data, span groups and string set (a test compares them with spaCy's).
    """
    array = doc.to_array(docbin.attrs)
    if len(array.shape) == 1:
        array = array.reshape((array.shape[0], 1))
    spaces = doc.to_array(SPACY)
    spaces = spaces.reshape((spaces.shape[0], 1))
    strings, store = docbin.strings, doc.vocab.strings
    # hashes whose strings this DocBin already holds (most of a doc's words: particles, tags, lemmas)
    # are not looked up again; a shard of 1000 records looks up a fifth of what it did
    known: Set[int] = docbin.__dict__.setdefault("_gunji_known_hashes", set())
    if len(doc):
        string_columns, morph_column = _string_columns(tuple(docbin.attrs))
        strings_array = array[:, string_columns] if string_columns is not None else doc.to_array(list(_STRING_ATTRS))
        hashes = [h for h in numpy.unique(strings_array).tolist() if h not in known]
        morphs = numpy.unique(array[:, morph_column] if morph_column is not None else doc.to_array(MORPH)).tolist()
    else:
        hashes = morphs = []
    new_strings = [store[h] for h in hashes]  # before any change: a missing string raises with the DocBin intact
    empty_morph = doc.vocab.morphology.EMPTY_MORPH
    new_strings += ["" if store[h] == empty_morph else store[h] for h in morphs]
    span_groups = doc.spans.to_bytes()
    user_data = srsly.msgpack_dumps(doc.user_data) if docbin.store_user_data else None
    docbin.tokens.append(array)
    docbin.spaces.append(numpy.asarray(spaces, dtype=bool))
    docbin.flags.append({"has_unknown_spaces": doc.has_unknown_spaces})
    strings.update(new_strings)
    docbin.cats.append(doc.cats)
    if user_data is not None:
        docbin.user_data.append(user_data)
    docbin.span_groups.append(span_groups)
    known.update(hashes)
    for group in doc.spans.values():
        for span in group:
            strings.add(span.label_)
            if span.kb_id in store:
                strings.add(span.kb_id_)
            if span.id in store:
                strings.add(span.id_)


# zlib level for shards. spaCy's DocBin.to_bytes uses zlib's default (6); on our shards level 3 takes
# 0.26 s where 6 takes 0.63 s for 1.5M characters (dev texts, six shards of 1000) and the files grow
# by 8.5 %. Any level decompresses the same, so DocBin.from_bytes and `spacy` read them as before.
SHARD_COMPRESSION = 3


def docbin_to_bytes(docbin: DocBin, level: int = SHARD_COMPRESSION) -> bytes:
    """``docbin.to_bytes()`` with zlib at ``level``: the same msgpack message, compressed faster.

    The message is built exactly as spaCy 3.8's ``DocBin.to_bytes`` builds it
    (a test compares the two decompressed), so ``DocBin().from_bytes`` reads it.
    """
    for tokens in docbin.tokens:
        assert len(tokens.shape) == 2, tokens.shape
    lengths = [len(tokens) for tokens in docbin.tokens]
    tokens = numpy.vstack(docbin.tokens) if docbin.tokens else numpy.asarray([])
    spaces = numpy.vstack(docbin.spaces) if docbin.spaces else numpy.asarray([])
    msg = {
        "version": docbin.version,
        "attrs": docbin.attrs,
        "tokens": tokens.tobytes("C"),
        "spaces": spaces.tobytes("C"),
        "lengths": numpy.asarray(lengths, dtype="int32").tobytes("C"),
        "strings": sorted(docbin.strings),
        "cats": docbin.cats,
        "flags": docbin.flags,
        "span_groups": docbin.span_groups,
    }
    if docbin.store_user_data:
        msg["user_data"] = docbin.user_data
    return zlib.compress(srsly.msgpack_dumps(msg), level)


def record_line(record: Dict[str, Any]) -> str:
    """One JSONL line of ``annotations.jsonl``: strict JSON, so a NaN or an infinity anywhere in the
    record raises (it costs that record, reported as skipped) instead of writing a line that JSON
    readers other than Python's refuse."""
    return json.dumps(record, ensure_ascii=False, allow_nan=False)


def add_or_roll_back(docbin: DocBin, doc: Doc) -> None:
    """``docbin_add(docbin, doc)``, or, when it raises part way, the DocBin as it was (then the error)."""
    sizes = {name: len(getattr(docbin, name)) for name in _DOCBIN_LISTS}
    try:
        docbin_add(docbin, doc)
    except Exception:
        for name, size in sizes.items():
            del getattr(docbin, name)[size:]
        raise


def clear_outputs(outdir: Path) -> None:
    """Delete the files a previous run wrote to ``outdir`` (and only those)."""
    outdir = Path(outdir)
    for pattern in ("docs-*.spacy", "docs-*.spacy.tmp", ANNOTATIONS, MANIFEST, "glossary.json", "glossary.tsv",
                    "annotations.html", "facts.csv", "facts.parquet", "facts.*.tmp"):
        for path in outdir.glob(pattern):
            path.unlink()


def read_manifest(outdir: Path) -> List[Dict[str, Any]]:
    """The complete lines of ``outdir``'s manifest; a torn last line is ignored."""
    path = Path(outdir) / MANIFEST
    if not path.exists():
        return []
    entries = []
    raw = path.read_bytes()
    good_bytes = 0
    for line in raw.splitlines(keepends=True):
        if not line.endswith(b"\n"):
            break
        try:
            entries.append(json.loads(line))
        except json.JSONDecodeError:
            break
        good_bytes += len(line)
    if good_bytes != len(raw):
        with path.open("r+b") as f:
            f.truncate(good_bytes)
    return entries


def iter_shard_docs(outdir: Path, vocab: Vocab) -> Iterator[Doc]:
    """Every doc of the finished shards of ``outdir``, in order."""
    register_extensions()
    freeze_msgpack_registries()
    for entry in read_manifest(outdir):
        if entry.get("shard"):
            docbin = DocBin().from_disk(Path(outdir) / entry["shard"])
            yield from docbin.get_docs(vocab)


def iter_docbin_docs(paths: Iterable[Path], vocab: Vocab) -> Iterator[Doc]:
    """Docs from annotate output directories (their finished shards) and ``.spacy`` files."""
    register_extensions()
    freeze_msgpack_registries()
    for path in map(Path, paths):
        if path.is_dir():
            yield from iter_shard_docs(path, vocab)
        else:
            yield from DocBin().from_disk(path).get_docs(vocab)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _append_lines(path: Path, lines: List[str]) -> int:
    """Append lines durably; return the file's size afterwards."""
    with path.open("ab") as f:
        if lines:
            f.write(("\n".join(lines) + "\n").encode("utf-8"))
        f.flush()
        os.fsync(f.fileno())
        return f.tell()
