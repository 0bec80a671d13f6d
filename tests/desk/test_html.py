"""annotations.html: text by character offsets, nested and crossing marks, facts, pairs, paging, escaping."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Dict, List

from pipeline.html import write_annotation_pages
from pipeline.html_marks import render_marked_text, span_marks
from tests.desk.records import fact_record, make_records, nested_record


class _TextOf(HTMLParser):
    """The text content of each div.text, and every mark's attributes, depth and covered text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: List[str] = []
        self.marks: List[Dict[str, str]] = []
        self.open: List[Dict[str, str]] = []
        self.depth = 0
        self.in_text = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and attrs.get("class") == "text":
            self.in_text = 1
            self.texts.append("")
        elif tag == "mark" and self.in_text:
            self.depth += 1
            self.marks.append({**attrs, "depth": str(self.depth), "covered": ""})
            self.open.append(self.marks[-1])
        elif self.in_text and tag not in ("mark",):
            raise AssertionError(f"unexpected tag {tag} inside the text")

    def handle_endtag(self, tag):
        if tag == "mark" and self.in_text:
            self.depth -= 1
            self.open.pop()
        elif tag == "div" and self.in_text:
            self.in_text = 0

    def handle_data(self, data):
        if self.in_text:
            self.texts[-1] += data
            for mark in self.open:
                mark["covered"] += data


def _parse(html: str) -> _TextOf:
    parser = _TextOf()
    parser.feed(html)
    return parser


def _write(tmp_path: Path, records, page_size=200):
    src = tmp_path / "annotations.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return write_annotation_pages(src, tmp_path / "html", page_size=page_size)


def test_text_content_is_the_record_text_exactly(tmp_path):
    records = make_records()
    paths = _write(tmp_path, records)
    page = _parse(paths[1].read_text(encoding="utf-8"))
    assert page.texts == [r["text"] for r in records]  # nothing inserted, nothing lost, escaping undone


def test_markup_in_text_is_escaped(tmp_path):
    html = _write(tmp_path, [nested_record()])[1].read_text(encoding="utf-8")
    assert "<b>負傷者</b>" not in html
    assert "&lt;b&gt;負傷者&lt;/b&gt;" in html


def test_weapon_nested_inside_unit_and_pair():
    record = nested_record()
    html = render_marked_text(record["text"], span_marks(record), "r1")
    marks = _parse(f'<div class="text">{html}</div>').marks
    unit = next(m for m in marks if "lab-MIL_UNIT" in m["class"])
    weapon = next(m for m in marks if "lab-WEAPON" in m["class"])
    assert unit["depth"] == "1" and weapon["depth"] == "2"
    assert "canonical: 3rd Tank Brigade" in unit["title"]
    assert unit["data-tag"] == "UNIT"


def test_crossing_spans_are_cut_into_nesting_fragments():
    text = "ABCDEFGH"
    marks = [{"start": 0, "end": 5, "kind": "span", "index": 0, "label": "MIL_UNIT", "tag": "UNIT", "title": "a",
              "fact": False},
             {"start": 3, "end": 8, "kind": "span", "index": 1, "label": "WEAPON", "tag": "WEAPON", "title": "b",
              "fact": False}]
    html = render_marked_text(text, marks, "r1")
    parsed = _parse(f'<div class="text">{html}</div>')
    assert parsed.texts == [text]
    weapon = [m for m in parsed.marks if "lab-WEAPON" in m["class"]]
    assert len(weapon) == 2  # D-E inside the unit, F-H after it
    assert [m["depth"] for m in weapon] == ["2", "1"]
    assert "data-tag" not in weapon[0] and weapon[1]["data-tag"] == "WEAPON"  # label once, at the span's end
    assert weapon[0]["id"] == "r1-s1" and "id" not in weapon[1]


def test_quantity_tag_shows_value_and_category_and_facts_are_listed(tmp_path):
    html = _write(tmp_path, [fact_record(), nested_record()])[1].read_text(encoding="utf-8")
    marks = _parse(html).marks
    tags = [m.get("data-tag") for m in marks if "lab-QUANTITY" in m["class"]]
    assert tags == ["~120 機 DRONE", "20–30 両 VEHICLE", "≥1,200 名 CASUALTY"]
    fact = next(m for m in marks if "lab-QUANTITY" in m["class"])
    assert "fact" in fact["class"] and "event: ATTACK" in fact["title"]
    assert "<td>ATTACK</td>" in html and "<td>東方軍</td>" in html and "<td>北方軍</td>" in html
    assert "<td>2031-04-05</td>" in html and "<td>DESTROY</td>" in html
    pair_sides = [m for m in marks if "pair" in m["class"].split()]
    assert [m["data-tag"] for m in pair_sides] == ["ja1", "en1"]
    assert "戦車旅団 ⇄ Tank Brigade" in html


def test_all_records_are_paged_with_navigation(tmp_path):
    records = make_records(copies=4)  # 12 records
    out = tmp_path / "html"
    out.mkdir()
    (out / "annotations-0009.html").write_text("stale", encoding="utf-8")
    paths = _write(tmp_path, records, page_size=5)
    assert [p.name for p in paths] == ["annotations.html", "annotations-0001.html", "annotations-0002.html",
                                       "annotations-0003.html"]
    assert not (out / "annotations-0009.html").exists()
    shown = [t for p in paths[1:] for t in _parse(p.read_text(encoding="utf-8")).texts]
    assert len(shown) == 12
    ids = [r["id"] for r in records]
    for p in paths[1:]:
        html = p.read_text(encoding="utf-8")
        assert "http://" not in html and "https://" not in html  # self-contained
    second = paths[2].read_text(encoding="utf-8")
    assert 'href="annotations-0001.html"' in second and 'href="annotations-0003.html"' in second
    index = paths[0].read_text(encoding="utf-8")
    assert "12 records" in index and ids[5] in index and ids[9] in index and ids[-1] in index


def test_empty_batch_writes_an_index(tmp_path):
    paths = _write(tmp_path, [])
    assert [p.name for p in paths] == ["annotations.html"]
    assert "no records" in paths[0].read_text(encoding="utf-8")


def test_fact_participants_are_marked_for_their_fact(tmp_path):
    record = fact_record()
    html = _write(tmp_path, [record])[1].read_text(encoding="utf-8")
    page = _parse(html)
    assert page.texts == [record["text"]]
    roles = {m["title"].split(" of ")[0]: m for m in page.marks if m["class"] == "m role"}
    assert set(roles) == {"trigger", "actor", "weapon", "target", "source"}
    qty = next(m for m in page.marks if "lab-QUANTITY" in m["class"])
    assert all(qty["data-span"] in m["data-facts"].split() for m in roles.values())
    assert f'<tr class="fact-row" data-span="{qty["data-span"]}">' in html


def test_a_broken_line_does_not_break_the_navigation(tmp_path):
    records = make_records(2)
    src = tmp_path / "annotations.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.insert(3, "{not json")
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    paths = write_annotation_pages(src, tmp_path / "html", page_size=3)
    assert [p.name for p in paths][1:] == ["annotations-0001.html", "annotations-0002.html"]
    assert "page 2 of 2" in paths[2].read_text(encoding="utf-8")
    assert "6 records" in paths[0].read_text(encoding="utf-8")


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@st.composite
def _text_and_marks(draw):
    text = draw(st.text(alphabet=st.sampled_from(list("東方軍戦車<>&\"' 1２\nAb")), min_size=1, max_size=30))
    marks = []
    for index in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        label = draw(st.sampled_from(["MIL_UNIT", "WEAPON", "QUANTITY", "X<y>"]))
        marks.append({"start": start, "end": end, "kind": "span", "index": index, "label": label,
                      "tag": label, "title": f"t{index}", "fact": False})
    return text, marks


@settings(max_examples=200, deadline=None)
@given(_text_and_marks())
def test_any_spans_render_well_nested_with_the_text_unchanged(case):
    text, marks = case
    parser = _parse(f'<div class="text">{render_marked_text(text, marks, "r1")}</div>')
    assert parser.texts == [text]
    assert parser.depth == 0  # every mark closed
    for mark in marks:  # each span's label is drawn exactly once, on its last fragment
        ids = [m for m in parser.marks if m.get("data-span") == f"r1-s{mark['index']}"]
        assert sum(1 for m in ids if "data-tag" in m) == 1
        assert sum(1 for m in ids if "id" in m) == 1
        assert "".join(m["covered"] for m in ids) == text[mark["start"]:mark["end"]]  # fragments cover the span


def test_index_carries_every_id_safely(tmp_path):
    records = make_records(2)
    records[4]["id"] = '</script><script>alert("x")</script>'
    index = _write(tmp_path, records, page_size=4)[0].read_text(encoding="utf-8")
    pattern = r'<script type="application/json" id="gunji-ids" data-page-size="4">(.*?)</script>'
    data = re.search(pattern, index).group(1)
    assert json.loads(data) == [r["id"] for r in records]
    assert "<script>alert" not in index
