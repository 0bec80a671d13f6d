"""Japanese date and time expressions: find them, parse them, resolve them to an ISO date.

Pure functions, no spaCy: ``find_times(text)`` gives ``(start, end, attrs)``
for each expression, ``resolve_date(attrs, anchor)`` turns the attributes into
an ISO 8601 date given the publication date of the text.

What one expression is (the ``TIME`` span):

- A date with what narrows it: ``2025年11月8日``, ``11日夜``, ``10日午前9時``,
  ``昨年秋``, ``今月初め``; the particle and ``の時点で`` stay outside
  (``8日10時の時点で`` → ``8日10時``).
- A range is one span, from its first date to ``にかけて`` and a following
  part of day: ``9日夜から10日朝にかけて``, ``8日から9日にかけての夜間``.
  ``10月9日にかけての夜間`` (overnight into the 9th) is one span too.
- A relative word: ``先週``, ``昨年``, ``今月``, ``昨日``, ``3日前``; and the
  anaphoric ``同日``/``前日``/``翌日`` (kept as a span, resolved by no anchor).
- Not a time: durations and rates (``3日間``, ``1日あたり``, ``1日に最大100機``,
  ``24時間``), a bare
  part of day (``夜間``), years written with fewer than four digits.

Attributes (absent when unknown): ``year``, ``month``, ``day``, ``hour``,
``minute``, ``part`` (``night``, ``morning``, ``predawn`` …), ``period``
(``early``/``mid``/``late``/``season``), relative offsets ``rel_year``,
``rel_month``, ``rel_week``, ``rel_day``, ``ref`` (``same``/``previous``/
``next`` for 同日/前日/翌日), ``into`` (true for "overnight into"), and for a
range ``until`` (a dict of the same keys for the last date).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any, Dict, List, Optional, Tuple

D = r"[0-9０-９]"
PARTS = {"未明": "predawn", "明け方": "dawn", "夜明け": "dawn", "早朝": "early_morning", "朝方": "morning",
         "朝": "morning", "午前中": "am", "午前": "am", "正午": "noon", "昼間": "day", "昼": "noon", "日中": "day",
         "午後": "pm", "夕方": "evening", "夕刻": "evening", "夜間": "night", "深夜": "late_night", "夜": "night",
         "晩": "night", "未明ごろ": "predawn"}
PERIODS = {"初め": "early", "初旬": "early", "上旬": "early", "初頭": "early", "中旬": "mid", "半ば": "mid",
           "下旬": "late", "末": "late", "春": "season", "夏": "season", "秋": "season", "冬": "season"}
REL_YEAR = {"一昨年": -2, "昨年": -1, "去年": -1, "今年": 0, "本年": 0, "来年": 1}
REL_MONTH = {"先月": -1, "今月": 0, "来月": 1}
REL_WEEK = {"先週末": -1, "先週": -1, "今週末": 0, "今週": 0, "来週": 1}
REL_DAY = {"一昨日": -2, "おととい": -2, "昨日": -1, "昨夜": -1, "昨晩": -1, "今日": 0, "本日": 0, "今朝": 0,
           "今夜": 0, "今晩": 0, "明日": 1}
REF = {"同日": "same", "前日": "previous", "翌日": "next"}  # 当日 is mostly "on the day of X" (クリスマス当日)
_DAY_PART = {"昨夜": "night", "昨晩": "night", "今朝": "morning", "今夜": "night", "今晩": "night"}


def _alt(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_PART = rf"(?P<part>{_alt(PARTS)})?"
_HOUR = rf"(?:(?P<ampm>午前|午後)?(?P<hour>{D}{{1,2}})時(?:(?P<minute>{D}{{1,2}})分|(?P<half>半))?(?!間))?"
_WEEKDAY = r"(?:[（(][月火水木金土日][)）])?"
_DATE = (rf"(?:(?P<rely>{_alt(REL_YEAR)})|(?P<year>(?:19|20){D}{{2}})年(?!度|間|代))?"
         rf"(?:(?P<relm>{_alt(REL_MONTH)})|(?P<month>{D}{{1,2}})月(?!間))?"
         rf"(?:(?P<day>{D}{{1,2}})日(?!間|以内|あたり|当たり|分|連続|ぶり|目|前|後|平均|以上|未満|ほど|程度|余り|近く|超){_WEEKDAY})?")
_SEASONLESS = [p for p, v in PERIODS.items() if v != "season"]
# a season follows a year (昨年秋), never a month (10月冬を前に)
_TAIL = rf"(?P<period>(?(month)(?:{_alt(_SEASONLESS)})|(?:{_alt(PERIODS)})))?{_PART}{_HOUR}"
_DATE_RE = re.compile(rf"(?<![0-9０-９.,．，]){_DATE}{_TAIL}")
_WORD_RE = re.compile(rf"(?P<word>{_alt([*REL_WEEK, *REL_DAY, *REF])})(?P<part>{_alt(PARTS)})?")
_AGO_RE = re.compile(rf"(?<![0-9０-９.,])(?P<n>{D}{{1,2}})(?P<unit>日|週間|カ月|か月|ヶ月|年)前(?!後)")
_LINK_RE = re.compile(r"(?:から|～|〜|~|－|-)")
# "1日に最大100機" is a rate (per day), not the first of the month
_RATE_RE = re.compile(rf"に(?:{D}|約|最大|平均|計|およそ|少なくとも)")
_INTO_RE = re.compile(rf"にかけて(?:の)?(?P<part>{_alt(PARTS)})?")


def _num(text: Optional[str]) -> Optional[int]:
    return int(unicodedata.normalize("NFKC", text)) if text else None


def _date_attrs(m: re.Match) -> Optional[Dict[str, Any]]:
    g = m.groupdict()
    attrs: Dict[str, Any] = {}
    if g["rely"]:
        attrs["rel_year"] = REL_YEAR[g["rely"]]
    if g["relm"]:
        attrs["rel_month"] = REL_MONTH[g["relm"]]
    for key in ("year", "month", "day", "hour", "minute"):
        if g.get(key):
            attrs[key] = _num(g[key])
    if not ({"year", "month", "day", "rel_year", "rel_month"} & set(attrs)):
        return None
    if not (1 <= attrs.get("month", 1) <= 12 and 1 <= attrs.get("day", 1) <= 31 and attrs.get("hour", 0) <= 24):
        return None
    if g["period"] and ("day" in attrs):
        return None  # 11日末 is no date expression
    if g["period"]:
        attrs["period"] = PERIODS[g["period"]]
    if g["half"]:
        attrs["minute"] = 30
    part = g["part"] or g["ampm"]
    if part in ("午後", "夜", "夕方") and attrs.get("hour", 12) < 12:
        attrs["hour"] += 12
    if part:
        attrs["part"] = PARTS[part]
    return attrs


def _match_at(text: str, pos: int) -> Optional[Tuple[int, Dict[str, Any]]]:
    """A date or relative word starting exactly at ``pos``: ``(end, attrs)``."""
    m = _DATE_RE.match(text, pos)
    if m and m.end() > pos:
        attrs = _date_attrs(m)
        if attrs is not None:
            return m.end(), attrs
    m = _WORD_RE.match(text, pos)
    if m:
        word = m.group("word")
        attrs = {}
        if word in REL_WEEK:
            attrs["rel_week"] = REL_WEEK[word]
        elif word in REL_DAY:
            attrs["rel_day"] = REL_DAY[word]
        else:
            attrs["ref"] = REF[word]
        part = m.group("part") or _DAY_PART.get(word)
        if part:
            attrs["part"] = PARTS.get(part, part)
        return m.end(), attrs
    m = _AGO_RE.match(text, pos)
    if m:
        key = {"日": "rel_day", "週間": "rel_week", "年": "rel_year"}.get(m.group("unit"), "rel_month")
        return m.end(), {key: -_num(m.group("n"))}
    return None


_DIGIT_START = re.compile(rf"(?<![0-9０-９.,．，]){D}")
_WORD_START = re.compile(_alt([*REL_YEAR, *REL_MONTH, *REL_WEEK, *REL_DAY, *REF]))


def _starts(text: str) -> List[int]:
    """Positions where an expression may start (digits after a non-digit, and the word list)."""
    out = {m.start() for m in _DIGIT_START.finditer(text)}
    out.update(m.start() for m in _WORD_START.finditer(text))
    return sorted(out)


def find_times(text: str) -> List[Tuple[int, int, Dict[str, Any]]]:
    """Every time expression of ``text`` as ``(start, end, attrs)``, left to right, not overlapping."""
    found: List[Tuple[int, int, Dict[str, Any]]] = []
    last = 0
    for pos in _starts(text):
        if pos < last:
            continue
        hit = _match_at(text, pos)
        if hit is None:
            continue
        end, attrs = hit
        if attrs == {"day": 1} and _RATE_RE.match(text, end):
            continue
        link = _LINK_RE.match(text, end)
        second = _match_at(text, link.end()) if link else None
        if second is not None:
            into = _INTO_RE.match(text, second[0])
            attrs = dict(attrs, until=second[1])
            end = second[0]
            if into:
                end = into.end()
                if into.group("part"):
                    attrs["until"] = dict(second[1], part=PARTS[into.group("part")])
        else:
            into = _INTO_RE.match(text, end)
            if into and "day" in attrs:
                attrs = dict(attrs, into=True)
                if into.group("part"):
                    attrs["part"] = PARTS[into.group("part")]
                end = into.end()
        found.append((pos, end, attrs))
        last = end
    return found


def _latest_day(day: int, month: Optional[int], anchor: dt.date) -> Optional[dt.date]:
    """The latest date with that day (and month, when given) not after ``anchor``."""
    for k in range(0, 49 if month else 13):
        if month is None:
            year, mon = _shift_month(anchor.year, anchor.month, -k)
        elif k < 5:
            year, mon = anchor.year - k, month
        else:
            return None
        try:
            cand = dt.date(year, mon, day)
        except ValueError:
            continue
        if cand <= anchor:
            return cand
    return None


def _shift_month(year: int, month: int, delta: int) -> Tuple[int, int]:
    total = year * 12 + (month - 1) + delta
    return total // 12, total % 12 + 1


_ANCHOR = re.compile(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])")


def anchor_date(anchor: Optional[str]) -> Optional[dt.date]:
    """A publication date as a day: ``2025-11-12``, ``2025/11/12`` or an ISO timestamp; None for
    anything less (``2024-02``, a month, anchors no day) or malformed, so a record is never lost to it."""
    match = _ANCHOR.match(anchor) if isinstance(anchor, str) else None
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def resolve_date(attrs: Dict[str, Any], anchor: Optional[str]) -> Optional[str]:
    """The ISO 8601 date a time expression names, at the precision it has.

    Args:
        attrs (dict): The attributes of a TIME span (as ``find_times`` gives them).
        anchor (Optional[str]): The publication date ``YYYY-MM-DD`` of the text.

    Returns:
        Optional[str]: ``YYYY-MM-DD``, or ``YYYY-MM``/``YYYY``/``YYYY-Www`` for a
        month, year or week; None where the expression needs an anchor and
        there is none, or refers to another date in the text (``同日``). A
        day without a month is the latest such day not after the anchor; a
        range resolves to its first day; "overnight into the 9th" to the 8th.
    """
    base = anchor_date(anchor)
    if "ref" in attrs:
        return None
    if "until" in attrs and not {"year", "month"} & set(attrs) and "day" in attrs:
        end = resolve_date(attrs["until"], anchor)
        if end is None or len(end) != 10:
            return None
        got = _latest_day(attrs["day"], None, dt.date.fromisoformat(end))
        return got.isoformat() if got else None
    if "rel_day" in attrs:
        return (base + dt.timedelta(days=attrs["rel_day"])).isoformat() if base else None
    if "rel_week" in attrs:
        if base is None:
            return None
        y, w, _ = (base + dt.timedelta(weeks=attrs["rel_week"])).isocalendar()
        return f"{y}-W{w:02d}"
    year, month, day = attrs.get("year"), attrs.get("month"), attrs.get("day")
    if "rel_year" in attrs:
        if base is None:
            return None
        year = base.year + attrs["rel_year"]
    if "rel_month" in attrs:
        if base is None:
            return None
        year, month = _shift_month(base.year, base.month, attrs["rel_month"])
    if year is None:
        if base is None or (month is None and day is None):
            return None
        if day is None:
            year = base.year if month <= base.month else base.year - 1
            return f"{year}-{month:02d}"
        got = _latest_day(day, month, base)
        if got is None:
            return None
        return (got - dt.timedelta(days=1) if attrs.get("into") else got).isoformat()
    if month is None:
        return f"{year}"
    if day is None:
        return f"{year}-{month:02d}"
    try:
        got = dt.date(year, month, day)
    except ValueError:
        return None
    return (got - dt.timedelta(days=1) if attrs.get("into") else got).isoformat()
