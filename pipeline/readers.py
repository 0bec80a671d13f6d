"""Gold JSONL as training data: a spaCy corpus reader and a DocBin converter.

``gunji.JsonlCorpus.v1`` lets a training config read ANNOTATION.md records
directly (``[corpora.train] @readers = "gunji.JsonlCorpus.v1"``); ``convert``
writes the same docs to a ``.spacy`` DocBin for ``spacy train`` with the stock
``spacy.Corpus.v1`` reader or for ``spacy debug data``.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Iterable, Iterator, List, Union

from spacy.language import Language
from spacy.tokens import DocBin
from spacy.training import Example
from spacy.util import registry

from pipeline.inputs import InvalidJSON, json_line
from pipeline.records import record_to_doc

logger = logging.getLogger(__name__)


def iter_jsonl(path: Union[str, Path]) -> Iterator[dict]:
    """The records of a JSONL file; bad lines are logged with their line number and skipped."""
    with Path(path).open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                record = json_line(line)
            except InvalidJSON as err:
                logger.warning("%s:%d: invalid JSON (%s); skipped", path, lineno, err)
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                logger.warning("%s:%d: not a record with a text; skipped", path, lineno)
                continue
            yield record


@registry.readers("gunji.JsonlCorpus.v1")
def create_jsonl_corpus(path: Path, limit: int = 0) -> Callable[[Language], Iterable[Example]]:
    """A corpus reader over ANNOTATION.md records: reference docs carry ents and span groups.

    Args:
        path (Path): The JSONL file.
        limit (int): Read at most this many records (0: all).
    """

    def read(nlp: Language) -> Iterator[Example]:
        for i, record in enumerate(iter_jsonl(path)):
            if limit and i >= limit:
                break
            reference = record_to_doc(nlp, record)
            yield Example(nlp.make_doc(record["text"]), reference)

    return read


def convert(nlp: Language, paths: List[Union[str, Path]], output: Union[str, Path]) -> int:
    """Write the records of ``paths`` as one DocBin (with user data) at ``output``; return the doc count."""
    docbin = DocBin(store_user_data=True)
    for path in paths:
        for record in iter_jsonl(path):
            docbin.add(record_to_doc(nlp, record))
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(output)
    return len(docbin)
