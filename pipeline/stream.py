"""Annotate input records through ``nlp.pipe`` so that one bad record never stops a batch.

An exception anywhere (the tokenizer, any component, ja_ginza's included, or
the record writer ``doc_to_record``) must skip that one record, with its
reason, and let the batch go on, also with ``n_process > 1``.

spaCy's own error handlers (``nlp.set_error_handler``) cannot promise that:
a component with a ``pipe`` method (every trainable pipe: ja_ginza's tagger,
parser, ner) hands the handler the whole minibatch, so ignoring the error
drops every record of that batch; with ``n_process > 1`` a failing worker
sends back one error for its whole batch and padding for the rest, the
handler gets no docs at all, and the lost records' contexts vanish without
trace.

So the stream runs with spaCy's default (raise), and this module keeps the
contexts it has fed to ``nlp.pipe`` but not yet received back. When the
stream raises, those in-flight records are annotated again one at a time in
this process, component by component, so the failing record is found and
named with the component that raised; the others are annotated as usual. A
fresh ``nlp.pipe`` stream (with the same ``n_process``) then takes the rest of
the input. The normal path costs nothing but a deque append and pop per text.

Every ``ZONE_RECORDS`` records run inside a spaCy memory zone
(``Language.memory_zone``): the strings and lexemes their docs add to the
shared vocab (each new number, name and typo is a new string) are freed when
the zone closes, so a run over millions of records keeps a flat footprint. A
zone closes only when its last outcome has been consumed (the generator is
suspended inside it while the caller writes each doc), so callers may use an
outcome's ``doc`` until they ask for the next one, never after.
"""
from __future__ import annotations

import logging
import sys
from collections import deque
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any, Callable, Deque, Dict, Iterable, Iterator, List, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.chunking import join_docs, split_text
from pipeline.inputs import InputItem, InputRecord, Skipped
from pipeline.records import doc_to_record
from pipeline.serialization import freeze_msgpack_registries

logger = logging.getLogger(__name__)

PIPELINE_ERROR = "pipeline error"
RECORD_ERROR = "record error"
MESSAGE_CHARS = 300
ZONE_RECORDS = 1000  # records per spaCy memory zone: their transient strings are freed after

_Context = Tuple[InputRecord, int, int]  # the record, piece index, piece count


@dataclass
class Outcome:
    """One input record, annotated (``doc`` and ``record``) or not (``reason``)."""

    item: InputRecord
    doc: Optional[Doc] = None
    record: Optional[Dict[str, Any]] = None
    reason: Optional[str] = None


class StageError(Exception):
    """An exception raised at a named stage (a component, the tokenizer, doc_to_record)."""

    def __init__(self, stage: str, error: BaseException) -> None:
        super().__init__(f"{stage}: {error}")
        self.stage = stage
        self.error = error


class InputReadError(RuntimeError):
    """The input reader itself failed: a bug, not a bad record; the batch stops."""


def failure_reason(kind: str, stage: str, error: BaseException) -> str:
    """``"KIND: Type in STAGE: message"`` on one line, the message cut to a readable length."""
    message = " ".join(str(error).split()) or "(no message)"
    if len(message) > MESSAGE_CHARS:
        message = message[:MESSAGE_CHARS] + "…"
    return f"{kind}: {type(error).__name__} in {stage}: {message}"


def annotate_alone(nlp: Language, text: str) -> Doc:
    """Annotate one text in this process, component by component, naming the stage that fails.

    Raises:
        StageError: the tokenizer or a component raised; ``stage`` names it.
    """
    docs: List[Doc] = []
    for piece in split_text(text, max_chars=nlp.max_length):
        try:
            doc = nlp.make_doc(piece)
        except Exception as err:
            raise StageError("the tokenizer", err) from err
        for name, proc in nlp.pipeline:
            try:
                doc = proc(doc)
            except Exception as err:
                raise StageError(f"component '{name}'", err) from err
        docs.append(doc)
    return join_docs(docs)


class _Feed:
    """Input records as text pieces for ``nlp.pipe``; remembers the pieces in flight."""

    def __init__(self, items: Iterable[InputItem], max_chars: int, done: Iterable[str],
                 on_skip: Callable[[str, str], None]) -> None:
        self.items = iter(items)
        self.max_chars = max_chars
        self.done = done
        self.on_skip = on_skip
        self.in_flight: Deque[_Context] = deque()
        # Skipped inputs read while records before them are still in flight, each with the record it
        # follows: reported once that record's outcome is out, so skips keep their place in input
        # order however far ahead the stream reads (BatchedPipe reads a batch ahead; a resumed run
        # starts its batches elsewhere, and its manifest must still match an uninterrupted run's).
        self.pending_skips: Deque[Tuple[InputRecord, str, str]] = deque()
        self.quota = 0  # records the current memory zone may still take
        self.exhausted = False

    def release(self, item: Optional[InputRecord] = None) -> None:
        """Report the pending skips that follow ``item`` (all of them where ``item`` is None)."""
        while self.pending_skips and (item is None or self.pending_skips[0][0] is item):
            _after, key, reason = self.pending_skips.popleft()
            self.on_skip(key, reason)

    def _skip(self, key: str, reason: str) -> None:
        if self.in_flight:
            self.pending_skips.append((self.in_flight[-1][0], key, reason))
        else:
            self.release()
            self.on_skip(key, reason)

    def pieces(self) -> Iterator[Tuple[str, _Context]]:
        """Pieces of the records not yet taken from the input, up to ``quota`` records; each
        generator resumes where the last stopped."""
        while self.quota > 0:
            try:
                item = next(self.items)
            except StopIteration:
                self.exhausted = True
                return
            except Exception as err:
                raise InputReadError(f"reading the input failed: {type(err).__name__}: {err}") from err
            if item.key in self.done:
                continue
            if isinstance(item, Skipped):
                self._skip(item.key, item.reason)
                continue
            try:
                pieces = split_text(item.text, max_chars=self.max_chars)
            except Exception as err:
                logger.debug("%s: splitting failed", item.key, exc_info=err)
                self._skip(item.key, failure_reason(PIPELINE_ERROR, "split_text", err))
                continue
            self.quota -= 1
            if len(pieces) > 1:
                logger.info("%s: %d characters, annotated in %d pieces", item.key, len(item.text), len(pieces))
            for index, piece in enumerate(pieces):
                context = (item, index, len(pieces))
                self.in_flight.append(context)
                yield piece, context


def _finish(item: InputRecord, docs: List[Doc]) -> Outcome:
    """Join a record's piece docs and write its JSONL record; a failure here skips the record."""
    try:
        doc = join_docs(docs)
    except Exception as err:
        logger.debug("%s: joining pieces failed", item.key, exc_info=err)
        return Outcome(item, reason=failure_reason(RECORD_ERROR, "join_docs", err))
    try:
        record = doc_to_record(doc, item.id, item.text, meta=item.meta)
    except Exception as err:
        logger.debug("%s: doc_to_record failed", item.key, exc_info=err)
        return Outcome(item, reason=failure_reason(RECORD_ERROR, "doc_to_record", err))
    return Outcome(item, doc=doc, record=record)


def _redo_alone(nlp: Language, item: InputRecord) -> Outcome:
    try:
        doc = annotate_alone(nlp, item.text)
    except StageError as err:
        logger.debug("%s: %s raised", item.key, err.stage, exc_info=err.error)
        return Outcome(item, reason=failure_reason(PIPELINE_ERROR, err.stage, err.error))
    return _finish(item, [doc])


def annotate_records(
    nlp: Language,
    items: Iterable[InputItem],
    *,
    batch_size: int = 64,
    n_process: int = 1,
    done: Iterable[str] = frozenset(),
    on_skip: Callable[[str, str], None] = lambda key, reason: None,
    zone_records: int = ZONE_RECORDS,
    memory_zones: bool = True,
) -> Iterator[Outcome]:
    """Yield one ``Outcome`` per input record, in input order, whatever any record does.

    Args:
        nlp (Language): The loaded pipeline.
        items (Iterable[InputItem]): Records and skips from ``pipeline.inputs``.
        batch_size (int): ``nlp.pipe`` batch size.
        n_process (int): ``nlp.pipe`` processes.
        done (Iterable[str]): Input keys to pass over (a resumed run's).
        on_skip (Callable[[str, str], None]): Called with ``(key, reason)`` for each
            ``Skipped`` input in its place in input order: after the outcome of the record
            before it has been consumed, before the next outcome is yielded.
        zone_records (int): Records per spaCy memory zone (``n_process`` 1; more processes
            run without zones); an outcome's ``doc`` is valid until the next outcome is asked for.
        memory_zones (bool): False where the caller keeps a zone open around many calls
            (``pipeline.chunk_pool``'s workers: a zone per 16-record piece would drop and rebuild
            the vocab's lexemes for every piece).

    Raises:
        InputReadError: the input reader raised (not a record's fault).
    """
    freeze_msgpack_registries()  # before nlp.pipe forks: workers serialise every doc
    feed = _Feed(items, nlp.max_length, done, on_skip)
    if n_process > 1:  # a zone per group would fork nlp.pipe's workers again for every group
        feed.quota = sys.maxsize
        yield from _annotate_zone(nlp, feed, batch_size, n_process)
        feed.release()
        return
    while not feed.exhausted:
        with nlp.memory_zone() if memory_zones else nullcontext():
            feed.quota = max(zone_records, 1)
            yield from _annotate_zone(nlp, feed, batch_size, n_process)
    feed.release()


def _annotate_zone(nlp: Language, feed: "_Feed", batch_size: int, n_process: int) -> Iterator[Outcome]:
    """The outcomes of the feed's next ``quota`` records (one memory zone's worth), in input order."""
    waiting: List[Doc] = []  # docs of the first pieces of a record whose last piece is still to come
    waiting_item: Optional[InputRecord] = None
    while True:
        try:
            stream = nlp.pipe(feed.pieces(), as_tuples=True, batch_size=batch_size, n_process=n_process)
            for doc, (item, index, count) in stream:
                feed.in_flight.popleft()
                waiting.append(doc)
                if index + 1 < count:
                    waiting_item = item
                    continue
                outcome = _finish(item, waiting)
                waiting, waiting_item = [], None
                yield outcome
                feed.release(item)
            return
        except InputReadError:
            raise
        except Exception as err:
            redo = _unfinished(feed, waiting_item)
            waiting, waiting_item = [], None
            logger.warning("the annotation stream failed (%s); annotating its %d record(s) in flight one by one",
                           _last_line(err), len(redo))
            logger.debug("stream failure", exc_info=err)
            for item in redo:
                yield _redo_alone(nlp, item)
                feed.release(item)


def _last_line(error: BaseException) -> str:
    """``Type: message`` of an error; for a worker's error (spaCy's E871 wraps a whole traceback), its last line."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    if len(lines) > 1 and lines[-1]:
        return lines[-1][:200]
    return f"{type(error).__name__}: {' '.join(lines)[:200]}"


def _unfinished(feed: _Feed, waiting_item: Optional[InputRecord]) -> List[InputRecord]:
    """Records fed to a stream that died and not yet finished, in input order, once each.

    A record cut in pieces may have had its first pieces returned and its
    later ones never fed (the feeding generator died with the stream), so the
    record whose pieces were being collected comes first.
    """
    contexts = list(feed.in_flight)
    feed.in_flight.clear()
    seen: Dict[str, InputRecord] = {}
    if waiting_item is not None:
        seen[waiting_item.key] = waiting_item
    for item, _index, _count in contexts:
        seen.setdefault(item.key, item)
    return list(seen.values())
