"""Gold on published text that the project may not redistribute: offsets in git, texts outside.

The real-text sets in ``corpus/realtext/`` judge gunji on reporting from many
outlets. The texts belong to their publishers, so the repository holds only
what is ours: for each record its source (URL, site, date, the sha256 and
length of the text) and the gold annotations as offsets, labels and
attributes, with every ``text`` key removed. Whoever has the texts (fetched
again from the URLs, or kept from the annotation session) rebuilds the full
gold records with ``rebuild``, which checks each text against its hash so
that offsets never land on a different version of a page.

    python -m pipeline.realtext strip FULL.jsonl --gold OFFSETS.jsonl
    python -m pipeline.realtext rebuild OFFSETS.jsonl --texts TEXTS.jsonl [--sources SOURCES.jsonl]
                                        [--ids IDS | --exclude IDS] -o FULL.jsonl
    python -m pipeline.realtext find PAGE.txt [PAGE.txt ...] --sources SOURCES.jsonl [...] --texts TEXTS.jsonl

``find`` is the way back to the texts: given pages fetched again (saved as
plain text, in any form that keeps the paragraph's characters), it slides a
window of each record's length over every page and keeps the window whose
hash is the record's, so neither the paragraph's position nor the page's
markup has to be known. Found texts are appended to ``TEXTS.jsonl`` (records
already there are not looked for again), ready for ``rebuild``.

The hash of each text is read from the record itself or, as the sets in
``corpus/realtext/`` keep it, from the sources file beside it (``*-sources.jsonl``:
id, url, site, date, sha256, length).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Set, Tuple

logger = logging.getLogger(__name__)

ROLES = ("trigger", "actor", "weapon", "target", "source", "place", "time")


def text_hash(text: str) -> str:
    """The sha256 of a text's UTF-8 bytes, as hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _offsets_only(span: Mapping[str, Any]) -> Dict[str, Any]:
    out = {k: v for k, v in span.items() if k != "text"}
    for role in ROLES:
        if isinstance(out.get(role), dict):
            out[role] = {k: v for k, v in out[role].items() if k != "text"}
    return out


def strip_record(record: Mapping[str, Any]) -> Dict[str, Any]:
    """A gold record without its text: offsets, labels and attributes only."""
    return {
        "id": record["id"],
        "sha256": text_hash(record["text"]),
        "length": len(record["text"]),
        "spans": [_offsets_only(s) for s in record.get("spans", [])],
        "pairs": [{side: {"start": p[side]["start"], "end": p[side]["end"]} for side in ("ja", "en")}
                  for p in record.get("pairs", [])],
        **({"meta": dict(record["meta"])} if record.get("meta") else {}),
    }


def _with_text(obj: Mapping[str, Any], text: str) -> Dict[str, Any]:
    out = dict(obj)
    out["text"] = text[out["start"]:out["end"]]
    return out


class HashMismatch(ValueError):
    """A text is not the version the gold was annotated on."""


def rebuild_record(stripped: Mapping[str, Any], text: str) -> Dict[str, Any]:
    """The full gold record: the stripped record with its text and every span's text restored.

    Raises:
        HashMismatch: ``text`` is not the text the offsets were made on.
    """
    if not stripped.get("sha256"):
        raise HashMismatch(f"{stripped['id']}: no sha256 to check the text against (give --sources)")
    if text_hash(text) != stripped["sha256"]:
        raise HashMismatch(f"{stripped['id']}: the text differs from the annotated version (sha256)")
    spans = []
    for span in stripped.get("spans", []):
        full = _with_text(span, text)
        for role in ROLES:
            if isinstance(full.get(role), dict):
                full[role] = _with_text(full[role], text)
        spans.append(full)
    record = {"id": stripped["id"], "text": text, "spans": spans,
              "pairs": [{side: _with_text(p[side], text) for side in ("ja", "en")} for p in stripped.get("pairs", [])]}
    if stripped.get("meta"):
        record["meta"] = dict(stripped["meta"])
    return record


def read_jsonl(path: Path) -> Iterator[Dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def read_part(sets: Path, part: str) -> Tuple[List[Dict[str, Any]], Dict[str, Dict[str, Any]]]:
    """A committed part's offsets-only gold records and its sources by id (``<part>-gold.jsonl``,
    ``<part>-sources.jsonl`` under ``sets``)."""
    sources = {r["id"]: r for r in read_jsonl(sets / f"{part}-sources.jsonl")}
    return list(read_jsonl(sets / f"{part}-gold.jsonl")), sources


_EDITION_LABELS = {"www", "www2", "www3", "jp", "ja", "m", "amp", "mobile"}


def publisher(host: str) -> str:
    """A host without its edition labels: www3.nhk.or.jp and nhk.or.jp are one publisher (a blog
    platform's users, alice.hatenablog.com and bob.hatenablog.com, stay apart)."""
    labels = host.lower().split(".")
    while len(labels) > 2 and labels[0] in _EDITION_LABELS:
        labels = labels[1:]
    return ".".join(labels)


def rebuild(stripped: Iterable[Mapping[str, Any]], texts: Mapping[str, str],
            ids: Optional[Set[str]] = None) -> List[Dict[str, Any]]:
    """Full records for every stripped record whose text is known (and in ``ids``, if given).

    Records without a text are left out with a warning; a text of another
    version raises ``HashMismatch``.
    """
    out = []
    for record in stripped:
        if ids is not None and record["id"] not in ids:
            continue
        if record["id"] not in texts:
            logger.warning("%s: no text; left out", record["id"])
            continue
        out.append(rebuild_record(record, texts[record["id"]]))
    return out


#: Characters that copies of one page spell differently (wave dash, minus, spaces), tried both ways.
_VARIANTS = (("\uff5e", "~"), ("~", "\uff5e"), ("\u301c", "\uff5e"), ("\uff5e", "\u301c"),
             ("\u2212", "-"), ("\u00a0", " "), ("\r\n", "\n"))


def _page_variants(page: str) -> List[str]:
    """The page as fetched and with each spelling variant of ``_VARIANTS`` applied."""
    out = [page]
    for old, new in _VARIANTS:
        if old in page:
            out.append(page.replace(old, new))
    return out


def find_texts(pages: Iterable[str], sources: Iterable[Mapping[str, Any]]) -> Dict[str, str]:
    """``{id: text}`` for every source record whose text (by length and sha256) is a substring of a page."""
    wanted: Dict[int, Dict[str, List[str]]] = {}
    for source in sources:  # one paragraph may be two records' (a statement quoted by two sites)
        wanted.setdefault(int(source["length"]), {}).setdefault(source["sha256"], []).append(source["id"])
    found: Dict[str, str] = {}
    for page in pages:
        for variant in _page_variants(page):
            for length, by_hash in wanted.items():
                for begin in range(0, len(variant) - length + 1):
                    window = variant[begin:begin + length]
                    for record_id in by_hash.get(text_hash(window), ()):
                        found[record_id] = window
    return found


def _write_jsonl(path: Path, records: Iterable[Mapping[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.realtext", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    st = sub.add_parser("strip", help="full gold records -> offsets-only gold")
    st.add_argument("full", type=Path)
    st.add_argument("--gold", type=Path, required=True, help="where the offsets-only records go")
    rb = sub.add_parser("rebuild", help="offsets-only gold + texts -> full gold records")
    rb.add_argument("gold", type=Path)
    rb.add_argument("--texts", type=Path, required=True, help="JSONL with id and text (e.g. the annotation file)")
    rb.add_argument("--sources", type=Path, action="append", default=[],
                    help="a sources file (id, sha256, ...) whose hashes the records lack; may repeat")
    rb.add_argument("--ids", type=Path, help="a file of ids, one a line: rebuild only these")
    rb.add_argument("--exclude", type=Path, help="a file of ids, one a line: leave these out")
    rb.add_argument("-o", "--output", type=Path, required=True)
    fd = sub.add_parser("find", help="pages fetched again -> the records' texts, found by length and sha256")
    fd.add_argument("pages", type=Path, nargs="+", help="plain-text pages (UTF-8)")
    fd.add_argument("--sources", type=Path, action="append", required=True,
                    help="a sources file (id, sha256, length); may repeat")
    fd.add_argument("--texts", type=Path, required=True, help="JSONL of id and text, appended to")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    if args.command == "find":
        known = {r["id"] for r in read_jsonl(args.texts)} if args.texts.exists() else set()
        sources = [r for path in args.sources for r in read_jsonl(path) if r["id"] not in known]
        found = find_texts((p.read_text(encoding="utf-8") for p in args.pages), sources)
        with open(args.texts, "a", encoding="utf-8") as f:
            for record_id in sorted(found):
                f.write(json.dumps({"id": record_id, "text": found[record_id]}, ensure_ascii=False) + "\n")
        logger.info("found %d texts: %s", len(found), " ".join(sorted(found)) or "-")
        return 0
    if args.command == "strip":
        _write_jsonl(args.gold, (strip_record(r) for r in read_jsonl(args.full)))
        return 0
    texts = {r["id"]: r["text"] for r in read_jsonl(args.texts) if "text" in r}
    ids = set(args.ids.read_text(encoding="utf-8").split()) if args.ids else None
    hashes = {r["id"]: r["sha256"] for path in args.sources for r in read_jsonl(path)}
    stripped = ({**r, "sha256": r.get("sha256") or hashes.get(r["id"])} for r in read_jsonl(args.gold))
    records = rebuild(stripped, texts, ids)
    if args.exclude:
        excluded = set(args.exclude.read_text(encoding="utf-8").split())
        records = [r for r in records if r["id"] not in excluded]
    _write_jsonl(args.output, records)
    logger.info("%d records written to %s", len(records), args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
