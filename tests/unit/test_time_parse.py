"""Tests for the time grammar and ``resolve_date`` (components.time_parse); sentences written for the tests."""
from __future__ import annotations

import pytest

from components.time_parse import find_times, resolve_date


def spans(text):
    return [(text[s:e], a) for s, e, a in find_times(text)]


@pytest.mark.parametrize("text,surface", [
    ("ロシア軍は11日夜、無人機で攻撃した。", "11日夜"),
    ("8日10時の時点で戦闘が続いた。", "8日10時"),
    ("2025年11月8日、港が攻撃された。", "2025年11月8日"),
    ("10月9日にかけての夜間に攻撃があった。", "10月9日にかけての夜間"),
    ("9日夜から10日朝にかけて警報が続いた。", "9日夜から10日朝にかけて"),
    ("先週の攻撃", "先週"),
    ("昨年秋以降", "昨年秋"),
    ("１５日未明", "１５日未明"),
    ("10日午前9時ごろ", "10日午前9時"),
])
def test_span_surface(text, surface):
    assert [s for s, _ in spans(text)] == [surface]


@pytest.mark.parametrize("text", ["3日間の停戦", "1日あたり100機", "24時間体制", "2日目の協議", "第3旅団", "夜間の攻撃",
                                  "1年9カ月", "2024年度予算", "1日に最大400機", "10日後に", "3日以上続いた"])
def test_not_times(text):
    assert [s for s, _ in spans(text) if not s.startswith("2024年")] == []


def test_first_of_the_month_is_still_a_date():
    assert [s for s, _ in spans("1日に攻撃があった。")] == ["1日"]


def test_parsed_fields():
    (_, a), = spans("10日午後3時半")
    assert a == {"day": 10, "hour": 15, "minute": 30, "part": "pm"}
    (_, a), = spans("9日夜から10日朝にかけて")
    assert a["day"] == 9 and a["part"] == "night" and a["until"] == {"day": 10, "part": "morning"}
    (_, a), = spans("10月9日にかけての夜間")
    assert a == {"month": 10, "day": 9, "into": True, "part": "night"}
    (_, a), = spans("3日前")
    assert a == {"rel_day": -3}
    (_, a), = spans("2025年10月冬を前に")  # a season follows a year, not a month
    assert a == {"year": 2025, "month": 10}


@pytest.mark.parametrize("text,anchor,date", [
    ("11日夜", "2025-11-12", "2025-11-11"),
    ("15日", "2025-11-12", "2025-10-15"),          # the latest 15th not after the anchor
    ("31日", "2025-03-02", "2025-01-31"),          # February has no 31st
    ("12月30日", "2026-01-02", "2025-12-30"),
    ("2025年11月8日", None, "2025-11-08"),         # absolute: no anchor needed
    ("10月9日にかけての夜間", "2025-10-10", "2025-10-08"),
    ("9日夜から10日朝にかけて", "2025-07-11", "2025-07-09"),
    ("30日から11月1日にかけて", "2025-11-05", "2025-10-30"),
    ("先週", "2025-11-20", "2025-W46"),
    ("昨年", "2025-03-15", "2024"),
    ("今月", "2025-03-15", "2025-03"),
    ("先月15日", "2025-01-20", "2024-12-15"),
    ("昨日", "2025-03-01", "2025-02-28"),
    ("11月", "2025-03-15", "2024-11"),
])
def test_resolve(text, anchor, date):
    (_, attrs), = spans(text)
    assert resolve_date(attrs, anchor) == date


@pytest.mark.parametrize("text", ["11日夜", "先週", "昨年", "3月"])
def test_relative_needs_anchor(text):
    (_, attrs), = spans(text)
    assert resolve_date(attrs, None) is None


@pytest.mark.parametrize("anchor,date", [
    ("2025/03/01", "2025-02-28"), ("2025-03-01T09:30:00+09:00", "2025-02-28"),
    ("2025-03", None), ("2025", None), ("yesterday", None), ("2025-02-30", None), (20250301, None),
])
def test_publication_dates_as_outlets_give_them(anchor, date):
    """A month-only or malformed meta.date anchors no day and raises nothing (a record was lost to
    '2024-02' before)."""
    (_, attrs), = spans("昨日")
    assert resolve_date(attrs, anchor) == date


def test_anaphoric_day_is_not_resolved():
    (_, attrs), = spans("同日夜")
    assert attrs["ref"] == "same" and resolve_date(attrs, "2025-01-01") is None
