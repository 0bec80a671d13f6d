"""``annotations.html``: every record of a batch, marked by character offsets, in static pages.

Read from the batch's ``annotations.jsonl`` (not from the DocBin shards), so
the page shows exactly the records a user gets, facts and pairs included.

Paging: ``annotations.html`` is an index (batch totals, per page its first
and last record id, and a finder for any record id) and the records are in ``annotations-0001.html``,
``annotations-0002.html``, … with ``PAGE_SIZE`` records each and
first/previous/next/last links. Static page files, not one page with
client-side paging, because a batch may hold 100 000 records: one file would
make the browser parse the whole batch before showing anything, and building
it would hold every record in memory. Here records are streamed, a page at a
time, and any page opens at once. Each page is self-contained: inline CSS
and a few lines of inline JavaScript (hover a pair side to light up its
partner, a fact row to light up its quantity and participants), no network.
"""
from __future__ import annotations

import logging
from html import escape
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

from pipeline.html_index import index_body
from pipeline.html_marks import fact_rows, pair_marks, render_marked_text, role_marks, span_marks
from pipeline.record_view import annotations_path, is_fact, iter_records, record_spans

logger = logging.getLogger(__name__)

PAGE_SIZE = 200
INDEX_NAME = "annotations.html"
PAGE_PATTERN = "annotations-{:04d}.html"
FACT_COLUMNS = ("quantity", "value", "category", "event", "trigger", "actor", "weapon", "target", "source",
                "place", "date")

CSS = """
body{font-family:system-ui,"Hiragino Sans","Noto Sans CJK JP","Yu Gothic",sans-serif;margin:1.5em auto;
max-width:72em;padding:0 1em;color:#222;background:#fff}
nav{margin:.8em 0;font-size:.95em}nav a,nav span{margin-right:.7em}
article{border-top:1px solid #ccc;padding:.6em 0 1em}
h2{font-size:.95em;margin:.2em 0;font-family:ui-monospace,monospace;color:#555}
.text{font-size:1.05em;line-height:2.6;word-break:break-all;white-space:pre-wrap}
mark.m{background:transparent;color:inherit;border-radius:3px;padding:0 1px;
box-decoration-break:clone;-webkit-box-decoration-break:clone}
mark.m[data-tag]::after{content:attr(data-tag);font-size:.6em;vertical-align:super;line-height:1;
margin-left:1px;padding:0 2px;border-radius:2px;background:#555;color:#fff;white-space:nowrap;
font-family:ui-monospace,monospace}
mark.lab-MIL_UNIT{background:#fbd3bd;border-bottom:3px solid #d6604d}
mark.lab-WEAPON{background:#c6e2f0;border-bottom:3px solid #2166ac}
mark.lab-QUANTITY{background:#d9efb6;border-bottom:3px solid #4d9221}
mark.lab-PLACE{background:#e7d4f7;border-bottom:3px solid #7b3294}
mark.lab-other{background:#eee;border-bottom:3px solid #888}
mark.lab-MIL_UNIT[data-tag]::after{background:#b2182b}mark.lab-WEAPON[data-tag]::after{background:#2166ac}
mark.lab-QUANTITY[data-tag]::after{background:#4d9221}mark.lab-PLACE[data-tag]::after{background:#7b3294}
mark.fact{outline:1px solid #4d9221}
mark.pair{background:transparent;border-bottom:2px dotted #666}
mark.pair[data-tag]::after{background:#999}
mark.role{background:transparent;padding:0}mark.role.lit{background:#fff3d6}
.lit{box-shadow:0 0 0 2px #f1a340}
table{border-collapse:collapse;font-size:.85em;margin:.4em 0}
td,th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
th{background:#f4f4f4}tr.fact-row:hover{background:#fff3d6}
.pairs{font-size:.85em;color:#444;margin:.3em 0}.pairs li{display:inline;margin-right:1.2em}
.legend mark{margin-right:.8em}.muted{color:#777}
"""

# Hover a pair side or a fact row: light up the marks it refers to. Guarded so a
# page without pairs or facts runs it without error.
JS = """
(function(){
  function light(sel,on){document.querySelectorAll(sel).forEach(function(e){e.classList.toggle('lit',on);});}
  document.querySelectorAll('mark.pair').forEach(function(m){
    var sel='mark.pair[data-pair="'+m.getAttribute('data-pair')+'"]';
    m.addEventListener('mouseenter',function(){light(sel,true);});
    m.addEventListener('mouseleave',function(){light(sel,false);});
  });
  document.querySelectorAll('tr.fact-row').forEach(function(r){
    var id=r.getAttribute('data-span');
    var sel='mark[data-span="'+id+'"],mark.role[data-facts~="'+id+'"]';
    r.addEventListener('mouseenter',function(){light(sel,true);});
    r.addEventListener('mouseleave',function(){light(sel,false);});
  });
})();
"""


def page_name(number: int) -> str:
    """The file name of page ``number`` (1-based)."""
    return PAGE_PATTERN.format(number)


def render_record(record: Mapping[str, Any], position: int, spans: Optional[List[Dict[str, Any]]] = None) -> str:
    """One record as an ``<article>``: id, marked text, facts table, pairs list.

    Args:
        record: The record.
        position (int): Its 1-based position in the batch (element ids derive from it).
        spans: ``record_spans(record)`` where the caller has it already.
    """
    rid = str(record.get("id", f"#{position}"))
    anchor = f"r{position}"
    text = record["text"]
    spans = record_spans(record) if spans is None else spans
    marks = span_marks(record, spans) + pair_marks(record) + role_marks(record, anchor, spans)
    parts = [f'<article id="{anchor}" data-id="{escape(rid)}"><h2>{escape(rid)}'
             f' <span class="muted">({len(spans)} spans, {len(record.get("pairs") or [])} pairs)'
             f'</span></h2>',
             f'<div class="text">{render_marked_text(text, marks, anchor)}</div>']
    rows = fact_rows(record, anchor, spans)
    if rows:
        head = "".join(f"<th>{c}</th>" for c in FACT_COLUMNS)
        body = "".join(f'<tr class="fact-row" data-span="{r["span"]}">'
                       + "".join(f"<td>{escape(r[c])}</td>" for c in FACT_COLUMNS) + "</tr>" for r in rows)
        parts.append(f'<table class="facts"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')
    pairs = [p for p in record.get("pairs") or []
             if isinstance(p, dict) and isinstance(p.get("ja"), dict) and isinstance(p.get("en"), dict)]
    if pairs:
        items = "".join(f"<li>{escape(str(p['ja'].get('text', '')))} ⇄ {escape(str(p['en'].get('text', '')))}</li>"
                        for p in pairs)
        parts.append(f'<ul class="pairs">{items}</ul>')
    parts.append("</article>")
    return "".join(parts)


def _document(title: str, body: str) -> str:
    return ('<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>{body}"
            f"<script>{JS}</script></body></html>")


def _nav(number: int, total: int) -> str:
    links = [f'<a href="{INDEX_NAME}">index</a>']
    for label, target in (("« first", 1), ("‹ previous", number - 1), ("next ›", number + 1), ("last »", total)):
        if 1 <= target <= total and target != number:
            links.append(f'<a href="{page_name(target)}">{label}</a>')
        else:
            links.append(f'<span class="muted">{label}</span>')
    links.append(f"<span>page {number} of {total}</span>")
    return "<nav>" + "".join(links) + "</nav>"


LEGEND = ('<p class="legend"><mark class="m lab-MIL_UNIT" data-tag="UNIT">部隊</mark>'
          '<mark class="m lab-WEAPON" data-tag="WEAPON">兵器</mark>'
          '<mark class="m lab-QUANTITY" data-tag="value category">数量</mark>'
          '<mark class="m lab-QUANTITY fact" data-tag="fact">事実</mark>'
          '<mark class="m pair" data-tag="ja1">対訳</mark>'
          '<span class="muted">hover a mark for its attributes and canonical name</span></p>')


def _chunks(records: Iterable[Dict[str, Any]], size: int) -> Iterable[List[Dict[str, Any]]]:
    chunk: List[Dict[str, Any]] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _count_lines(source: Path) -> int:
    """Non-blank lines of the batch's JSONL: the record count, read without parsing (checked after)."""
    with annotations_path(source).open("rb") as f:
        return sum(1 for line in f if line.strip())


def write_annotation_pages(source: Path, outdir: Path, page_size: int = PAGE_SIZE,
                           expected: Optional[int] = None) -> List[Path]:
    """Write ``annotations.html`` (index) and its page files for all records of ``source``.

    Args:
        source (Path): A batch directory or an ``annotations.jsonl`` file.
        outdir (Path): Where the pages go (page files of an earlier, longer run are removed).
        page_size (int): Records per page file.
        expected (Optional[int]): The record count, where known (else the non-blank lines are counted;
            if some line is not a record, the pages are written again with the true count).
    Returns:
        The paths written, index first.
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    for stale in outdir.glob("annotations-[0-9][0-9][0-9][0-9].html"):
        stale.unlink()
    page_size = max(1, page_size)
    total_records = _count_lines(source) if expected is None else expected
    total_pages = max(1, -(-total_records // page_size))
    summaries: List[Tuple[str, str, int, int, int]] = []
    written: List[Path] = []
    position = 0
    ids: List[str] = []
    for number, chunk in enumerate(_chunks(iter_records(source), page_size), 1):
        articles = []
        spans = facts = 0
        for record in chunk:
            position += 1
            ids.append(str(record.get("id", f"#{position}")))
            record_spans_ = record_spans(record)
            articles.append(render_record(record, position, record_spans_))
            spans += len(record_spans_)
            facts += sum(1 for s in record_spans_ if is_fact(s))
        nav = _nav(number, total_pages)
        body = (f"<h1>gunji annotations, page {number}</h1>{nav}{LEGEND}" + "".join(articles) + nav)
        path = outdir / page_name(number)
        path.write_text(_document(f"gunji annotations {number}/{total_pages}", body), encoding="utf-8")
        written.append(path)
        summaries.append((str(chunk[0].get("id", "")), str(chunk[-1].get("id", "")), len(chunk), spans, facts))
    if position != total_records:  # a line was not a record: the navigation counted wrong pages
        return write_annotation_pages(source, outdir, page_size, expected=position)
    index = outdir / INDEX_NAME
    body = index_body(summaries, ids, page_size, page_name)
    index.write_text(_document("gunji annotations", body), encoding="utf-8")
    logger.debug("%d records on %d pages -> %s", total_records, len(written), index)
    return [index] + written
