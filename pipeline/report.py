"""``report.html``: one page of charts and totals for a batch, drawn offline.

Charts are Vega-Lite specs built with Altair and rendered here, in Python,
to SVG by ``vl-convert-python`` (which bundles the Vega engine): the page
holds the SVG inline and needs no JavaScript, no CDN and no network, so it
opens the same on an air-gapped analyst's machine and in a mail attachment.
Both packages are the ``report`` extra (``pip install 'gunji[report]'``);
importing this module without them raises ImportError, which the CLI reports.

Every section degrades to a sentence when its data is absent (a batch with no
facts, no dates or no geocoded places).
"""
from __future__ import annotations

import logging
from html import escape
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

import altair as alt
import vl_convert as vlc

from pipeline.record_view import format_number
from pipeline.report_data import BatchFigures, gather_batch

logger = logging.getLogger(__name__)

TOP_N = 15
MAX_DAY_BARS = 90  # up to this many days: one bar per day; more: lines over a time axis
COUNT_AXIS = alt.Axis(tickMinStep=1, format="d")  # counts are whole numbers
WIDTH = 560
CSS = """
body{font-family:system-ui,"Hiragino Sans","Noto Sans CJK JP",sans-serif;margin:1.5em auto;max-width:64em;
padding:0 1em;color:#222;background:#fff}
section{margin:1.6em 0}h2{font-size:1.1em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;font-size:.9em;margin:.5em 0}td,th{border:1px solid #ddd;padding:2px 8px;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f4f4f4}.muted{color:#777}
.chart svg{max-width:100%;height:auto}
"""


def _vl_version() -> Optional[str]:
    """The Vega-Lite version Altair writes, where vl-convert has it (else vl-convert's default)."""
    wanted = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return wanted if wanted in vlc.get_vegalite_versions() else None


def chart_svg(chart: alt.TopLevelMixin) -> str:
    """An Altair chart as an inline SVG string, rendered offline."""
    version = _vl_version()
    spec = chart.to_dict()
    svg = vlc.vegalite_to_svg(spec, vl_version=version) if version else vlc.vegalite_to_svg(spec)
    return svg[svg.index("<svg"):]  # drop an XML declaration if there is one: the SVG sits inside HTML


def _bar(rows: List[Dict[str, Any]], y: str, title: str, color: Optional[str] = None) -> alt.Chart:
    encode = {"x": alt.X("count:Q", title="count", axis=COUNT_AXIS), "y": alt.Y(f"{y}:N", sort="-x", title=None),
              "tooltip": [f"{y}:N", "count:Q"]}
    if color:
        encode["color"] = alt.Color(f"{color}:N", title=color.replace("_", " "))
        encode["tooltip"] = [f"{y}:N", f"{color}:N", "count:Q"]
    return alt.Chart(alt.Data(values=rows), title=title).mark_bar().encode(**encode).properties(width=WIDTH)


def facts_by_event_chart(figures: BatchFigures) -> Optional[alt.Chart]:
    """Facts by event, stacked by the class of the weapon each fact is about."""
    rows = [{"event": e, "weapon_class": c, "count": n} for (e, c), n in figures.facts_by_event_class.items()]
    return _bar(rows, "event", "Facts by event and weapon class", color="weapon_class") if rows else None


def facts_by_day_chart(figures: BatchFigures) -> Optional[alt.Chart]:
    """Facts per day (from each fact's ``date`` or the record's ``meta.date``), by event.

    Up to ``MAX_DAY_BARS`` days, one stacked bar per day (days without facts are not shown);
    beyond that, one line per event on a time axis (UTC days: ISO day strings parse as UTC).
    """
    rows = [{"day": d, "event": e, "count": n} for (d, e), n in sorted(figures.facts_by_day_event.items())]
    if not rows:
        return None
    y = alt.Y("sum(count):Q", title="facts", axis=COUNT_AXIS)
    chart = alt.Chart(alt.Data(values=rows), title="Facts by day")
    if len({r["day"] for r in rows}) <= MAX_DAY_BARS:
        chart = chart.mark_bar().encode(x=alt.X("day:O", title="day", sort="ascending"), y=y,
                                        color=alt.Color("event:N"), tooltip=["day:O", "event:N", "count:Q"])
        return chart.properties(width=alt.Step(16), height=200)  # a bar's width, not the chart's: one day is not a wall
    else:
        chart = chart.mark_line(point=True).encode(
            x=alt.X("day:T", timeUnit="utcyearmonthdate", title="day"), y=y, color=alt.Color("event:N"),
            tooltip=[alt.Tooltip("day:T", timeUnit="utcyearmonthdate"), "event:N", "count:Q"])
    return chart.properties(width=WIDTH)


def top_chart(figures: BatchFigures, counter_name: str, title: str) -> Optional[alt.Chart]:
    """The most mentioned units or weapons, by canonical name (the text where none)."""
    rows = [{"name": name, "count": n} for name, n in figures.top(getattr(figures, counter_name), TOP_N)]
    return _bar(rows, "name", title) if rows else None


def places_chart(figures: BatchFigures) -> Optional[alt.Chart]:
    """Places with coordinates on a longitude/latitude plane, sized by mentions (no base map: offline)."""
    rows = [{"place": name, "country": country, "lat": lat, "lon": lon, "mentions": n}
            for (name, country, lat, lon), n in figures.places.items()]
    if not rows:
        return None
    base = alt.Chart(alt.Data(values=rows), title="Places mentioned").encode(
        x=alt.X("lon:Q", scale=alt.Scale(zero=False, nice=True), title="longitude"),
        y=alt.Y("lat:Q", scale=alt.Scale(zero=False, nice=True), title="latitude"))
    points = base.mark_circle(opacity=0.7).encode(size=alt.Size("mentions:Q", title="mentions",
                                                                legend=alt.Legend(format="d")),
                                                   tooltip=["place:N", "country:N", "lat:Q", "lon:Q", "mentions:Q"])
    labels = base.mark_text(align="left", dx=7, fontSize=10).encode(text="place:N")
    return alt.layer(points, labels).properties(width=WIDTH, height=360)


def _table(head: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f'<td class="n">{format_number(c)}</td>' if isinstance(c, (int, float))
                                    and not isinstance(c, bool) else f"<td>{escape(str(c))}</td>" for c in row)
                   + "</tr>" for row in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def totals_html(figures: BatchFigures) -> str:
    """Batch totals, spans by label, quantities by category and the sums of fact values."""
    rows = [("records", figures.records), ("characters", figures.chars),
            ("spans", sum(figures.spans_by_label.values())), ("pairs", figures.pairs), ("facts", figures.facts),
            ("facts with a day", figures.facts - figures.facts_without_day),
            ("places with coordinates", sum(figures.places.values()))]
    parts = [_table(("batch", "count"), rows)]
    if figures.spans_by_label:
        parts.append(_table(("label", "spans"), figures.top(figures.spans_by_label, 100)))
    if figures.quantities_by_category:
        parts.append(_table(("quantity category", "spans"), figures.top(figures.quantities_by_category, 100)))
    if figures.value_sums:
        sums = sorted(figures.value_sums.items(), key=lambda kv: kv[0])
        parts.append("<p>Sum of the values of the facts (as reported; a figure reported by two sources "
                     "counts twice):</p>" + _table(("event", "category", "unit", "sum of values"), [(*k, v) for k, v in sums]))
    return "".join(parts)


def _section(title: str, chart: Optional[alt.Chart], absent: str) -> str:
    if chart is None:
        return f'<section><h2>{escape(title)}</h2><p class="muted">{escape(absent)}</p></section>'
    return f'<section><h2>{escape(title)}</h2><div class="chart">{chart_svg(chart)}</div></section>'


def render_report(figures: BatchFigures, title: str = "gunji batch report") -> str:
    """The whole report page as one self-contained HTML string."""
    sections = [
        f"<section><h2>Batch totals</h2>{totals_html(figures)}</section>",
        _section("Facts by event and weapon class", facts_by_event_chart(figures),
                 "No facts in this batch: no QUANTITY span carries an event."),
        _section("Facts by day", facts_by_day_chart(figures),
                 "No fact has a known day (no date on the facts, no meta.date on the records)."),
        _section("Top units", top_chart(figures, "units", f"Top {TOP_N} units"), "No MIL_UNIT spans."),
        _section("Top weapons", top_chart(figures, "weapons", f"Top {TOP_N} weapons"), "No WEAPON spans."),
        _section("Who acts", top_chart(figures, "fact_actors", f"Top {TOP_N} actors of facts"),
                 "No fact names its actor."),
        _section("Who reports", top_chart(figures, "fact_sources", f"Top {TOP_N} sources of facts"),
                 "No fact names its source (or the batch has no facts)."),
        _section("Places", places_chart(figures), "No PLACE spans with coordinates (lat/lon) in this batch."),
    ]
    return ('<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body><h1>{escape(title)}</h1>"
            + "".join(sections) + "</body></html>")


def write_report(source: Path, path: Path) -> Path:
    """Write ``report.html`` for the batch at ``source`` (a directory or annotations.jsonl) to ``path``."""
    figures = gather_batch(source)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(figures, f"gunji batch report: {Path(source).name}"), encoding="utf-8")
    logger.debug("report of %d records -> %s", figures.records, path)
    return path
