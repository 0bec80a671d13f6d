"""Silver training data: our rule components over unlabelled text, gold merged over it.

    python -m pipeline.silver corpus/unlabelled.txt --config configs/fast.cfg \\
        --gold corpus/gold.jsonl --train-output training/train.spacy --dev-output training/dev.spacy

A rule pipeline (a ``.cfg``, an assembled directory or a package) annotates
every text of the inputs (``.txt`` a record per line, ``.jsonl`` with
``text``; read by ``pipeline.inputs.iter_inputs``); each doc becomes an
ANNOTATION.md record (``pipeline.records.doc_to_record``), so silver and gold
records are the same thing and become training docs the same way
(``pipeline.records.record_to_doc``: our three labels in ``doc.ents``, the
longest of overlapping spans).

Gold is split deterministically by a hash of the record id: the dev share is
held-out gold only, never silver, so the dev score measures the NER against
human annotation. A text present in gold uses the gold record (the gold wins
over the silver one); a text in held-out gold, or in an ``--exclude`` file (an
evaluation set such as ``shared/data/dev.jsonl``), never reaches the training
file at all.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Set, Tuple

from spacy.tokens import DocBin

from pipeline.outputs import record_line
from pipeline.readers import iter_jsonl
from pipeline.records import LABELS, doc_to_record, record_to_doc

logger = logging.getLogger("pipeline.silver")  # not __main__ under python -m

Record = Dict[str, Any]
DEFAULT_DEV_PERCENT = 20
# Silver texts are cut into pieces of at most this many characters: training
# docs stay short, and no piece reaches Sudachi's byte limit.
MAX_PIECE_CHARS = 2000


def text_key(text: str) -> str:
    """The key that identifies a text across files: the text without outer whitespace."""
    return text.strip()


def is_dev_id(record_id: str, dev_percent: int) -> bool:
    """Whether gold record ``record_id`` is held out: a stable hash of the id, not ``hash()``.

    Args:
        record_id (str): The record id.
        dev_percent (int): The share of gold ids held out, 0 to 100.
    """
    digest = hashlib.sha1(record_id.encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % 100 < dev_percent


def split_gold(records: Iterable[Mapping[str, Any]], dev_percent: int = DEFAULT_DEV_PERCENT
               ) -> Tuple[List[Record], List[Record]]:
    """Split gold records into (train, dev) by the hash of their ids; order is kept.

    The split depends on the id alone, so adding records never moves an old one.
    """
    train: List[Record] = []
    dev: List[Record] = []
    for record in records:
        (dev if is_dev_id(str(record["id"]), dev_percent) else train).append(dict(record))
    return train, dev


def merge_gold_over_silver(silver: Iterable[Mapping[str, Any]], gold_train: Sequence[Mapping[str, Any]],
                           gold_dev: Sequence[Mapping[str, Any]] = (),
                           exclude_texts: Iterable[str] = ()) -> List[Record]:
    """The training records: gold train records, then silver records whose text gold lacks.

    Args:
        silver: Records our rules predicted.
        gold_train: Gold records for training; each replaces the silver record of its text.
        gold_dev: Held-out gold; its texts are dropped from training altogether.
        exclude_texts: Other texts that must never be trained on (an evaluation set).
    """
    blocked: Set[str] = {text_key(r["text"]) for r in gold_dev} | {text_key(t) for t in exclude_texts}
    merged: List[Record] = []
    seen: Set[str] = set()
    for record in gold_train:
        key = text_key(record["text"])
        if key in blocked or key in seen:
            continue
        seen.add(key)
        merged.append(dict(record))
    replaced = dropped = 0
    for record in silver:
        key = text_key(record["text"])
        if key in seen:
            replaced += 1
        elif key in blocked:
            dropped += 1
        else:
            seen.add(key)
            merged.append(dict(record))
    logger.info("training records: %d (%d gold, %d silver texts replaced by gold, %d held out)",
                len(merged), len(gold_train), replaced, dropped)
    return merged


def silver_records(nlp: Any, inputs: Sequence[str], batch_size: int = 64,
                   max_chars: int = MAX_PIECE_CHARS) -> Iterator[Record]:
    """Records predicted by the rule pipeline ``nlp`` for every text of ``inputs``.

    A text longer than ``max_chars`` gives one record per piece (``ID#N``).
    """
    from pipeline.chunking import split_text
    from pipeline.inputs import InputRecord, iter_inputs

    def texts() -> Iterator[Tuple[str, str]]:
        for item in iter_inputs(inputs):
            if not isinstance(item, InputRecord):
                logger.warning("%s skipped: %s", item.key, item.reason)
                continue
            pieces = split_text(item.text, max_chars=max_chars)
            for i, piece in enumerate(pieces):
                if piece.strip():
                    yield piece, item.id if len(pieces) == 1 else f"{item.id}#{i}"

    for doc, rid in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        yield doc_to_record(doc, rid, labels=LABELS)  # training data: no PLACE/TIME


def write_docbin(make_doc: Any, records: Iterable[Mapping[str, Any]], output: Path) -> int:
    """Write ``records`` as training docs (``record_to_doc``) to the DocBin ``output``; return the count."""
    docbin = DocBin(store_user_data=True)
    for record in records:
        docbin.add(record_to_doc(make_doc, record))
    output.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(output)
    return len(docbin)


def write_jsonl(records: Iterable[Mapping[str, Any]], output: Path) -> None:
    """Write ``records`` one JSON object a line."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8") as f:
        for record in records:
            f.write(record_line(record) + "\n")


def label_counts(records: Iterable[Mapping[str, Any]]) -> Dict[str, int]:
    """Spans per label, for the summary."""
    counts: Dict[str, int] = {}
    for record in records:
        for span in record.get("spans", []):
            counts[span["label"]] = counts.get(span["label"], 0) + 1
    return dict(sorted(counts.items()))


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``python -m pipeline.silver``."""
    parser = argparse.ArgumentParser(prog="python -m pipeline.silver", description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="+", help="unlabelled .txt / .jsonl files or directories")
    parser.add_argument("--config", "-c", required=True, help="the rule pipeline: .cfg, directory or package")
    parser.add_argument("--gold", nargs="*", default=[], type=Path, help="gold JSONL records merged over silver")
    parser.add_argument("--exclude", nargs="*", default=[], type=Path,
                        help="JSONL files whose texts must never be trained on (evaluation sets)")
    parser.add_argument("--dev-percent", type=int, default=DEFAULT_DEV_PERCENT,
                        help=f"share of gold ids held out for dev (default {DEFAULT_DEV_PERCENT})")
    parser.add_argument("--train-output", required=True, type=Path, help="training DocBin (.spacy)")
    parser.add_argument("--dev-output", required=True, type=Path, help="dev DocBin (.spacy), held-out gold")
    parser.add_argument("--records-output", type=Path, help="also write the training records as JSONL")
    parser.add_argument("--dev-records-output", type=Path,
                        help="also write the held-out gold records as JSONL (for pipeline.compare)")
    parser.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size")
    return parser


def run(args: argparse.Namespace) -> Dict[str, Any]:
    """Annotate, merge, split and write; return a summary."""
    import spacy

    from pipeline.loader import load_pipeline

    gold = [r for path in args.gold for r in iter_jsonl(path)]
    gold_train, gold_dev = split_gold(gold, args.dev_percent)
    if not gold_dev:
        raise SystemExit("no held-out gold: give --gold records and a --dev-percent above 0")
    excluded = [r["text"] for path in args.exclude for r in iter_jsonl(path)]
    nlp = load_pipeline(args.config)
    silver = list(silver_records(nlp, args.inputs, batch_size=args.batch_size))
    train = merge_gold_over_silver(silver, gold_train, gold_dev, excluded)
    tokenizer = spacy.blank("ja", config={"nlp": {"tokenizer": {"split_mode": "C"}}})
    n_train = write_docbin(tokenizer, train, args.train_output)
    n_dev = write_docbin(tokenizer, gold_dev, args.dev_output)
    for path, records in ((args.records_output, train), (args.dev_records_output, gold_dev)):
        if path:
            write_jsonl(records, path)
    return {"silver_texts": len(silver), "gold_train": len(gold_train), "gold_dev": n_dev,
            "train_docs": n_train, "train_spans": label_counts(train), "dev_spans": label_counts(gold_dev)}


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point of ``python -m pipeline.silver``."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    for name in ("pipeline", "components"):
        logging.getLogger(name).addHandler(handler)
        logging.getLogger(name).setLevel(logging.INFO)
    summary = run(build_parser().parse_args(argv))
    logger.info("%s", json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
