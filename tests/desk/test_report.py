"""report.html: offline SVG charts, totals, and a page that degrades without facts or places."""
from __future__ import annotations

import json
import re

import pytest

pytest.importorskip("altair")
pytest.importorskip("vl_convert")

from pipeline.report import render_report, write_report  # noqa: E402
from pipeline.report_data import gather  # noqa: E402
from tests.desk.records import make_records, plain_record  # noqa: E402


def _no_network(html: str) -> None:
    assert not re.search(r'(src|href)\s*=\s*"https?:', html)
    assert "<script" not in html and "@import" not in html and "url(http" not in html


def test_figures_count_facts_by_event_class_day_and_names():
    figures = gather(make_records(copies=2))
    assert figures.records == 6 and figures.facts == 6
    assert figures.facts_by_event_class[("ATTACK", "loitering_munition")] == 2
    assert figures.facts_by_event_class[("DESTROY", "tank")] == 2
    assert figures.facts_by_event_class[("CASUALTY", "(none)")] == 2
    assert figures.facts_by_day_event[("2031-04-05", "ATTACK")] == 2 and figures.facts_without_day == 4
    assert figures.units["3rd Tank Brigade"] == 2 and figures.weapons["tank"] == 4
    assert figures.places[("Minato", "XX", 41.5, 30.25)] == 2
    assert figures.value_sums[("CASUALTY", "CASUALTY", "名")] == 2400
    assert figures.fact_actors == {"Eastern Army": 2}  # the MIL_UNIT's canonical name, not its text
    assert figures.fact_sources == {"Northern Army": 2}


def test_report_has_inline_svg_charts_and_totals(tmp_path):
    src = tmp_path / "annotations.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in make_records(3)), encoding="utf-8")
    html = write_report(tmp_path, tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 7  # event, day, units, weapons, actors, sources, places
    for word in ("ATTACK", "DESTROY", "3rd Tank Brigade", "Minato", "loitering munition"):
        assert word in html
    assert re.search(r"<td>records</td><td class=\"n\">9</td>", html)
    _no_network(html)


def test_report_degrades_without_facts_or_places():
    html = render_report(gather([plain_record()]))
    assert "<svg" not in html
    assert "No facts in this batch" in html and "No PLACE spans" in html and "No MIL_UNIT spans" in html
    assert "AREA" in html  # the totals still list the quantities
    _no_network(html)


def test_report_of_an_empty_batch():
    html = render_report(gather([]))
    assert "<td>records</td><td class=\"n\">0</td>" in html and "<svg" not in html


def test_facts_by_day_bars_or_lines():
    from pipeline.report import MAX_DAY_BARS, facts_by_day_chart
    from pipeline.report_data import BatchFigures

    figures = BatchFigures()
    figures.facts_by_day_event.update({("2031-04-05", "ATTACK"): 2, ("2031-04-07", "INTERCEPT"): 1})
    assert facts_by_day_chart(figures).to_dict()["mark"]["type"] == "bar"
    for day in range(MAX_DAY_BARS + 1):
        figures.facts_by_day_event[(f"2031-{1 + day // 28:02d}-{1 + day % 28:02d}", "ATTACK")] += 1
    spec = facts_by_day_chart(figures).to_dict()
    assert spec["mark"]["type"] == "line" and spec["encoding"]["x"]["timeUnit"] == "utcyearmonthdate"
