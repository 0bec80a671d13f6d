"""Number forms the counter regex cannot read: fractions and Mach numbers.

Fractions written ``N分のM`` (``3分の1``, ``4分の1余り``, ``十分の一``): QUANTITY, value M/N, unit null,
category RATIO.

Three annotators of published reporting took them so, each on their own (NOTES-real4 ``4分の1余り``,
NOTES-real5 ``3分の1``, NOTES-real6 ``10分の1``). ``分`` alone is no counter here (minutes are not
counted), so the general number regex never reads these; this module finds them on their own and
``quantity_rules.find_quantities`` merges them, the longer hit winning on overlap.

Fractions written with a slash (``1/3を占め``, ``1/4の兵数``), two annotators each on their own
(NOTES-real6, NOTES-real12): the same, where they cannot be a designation (``Kh59/69``, ``シャヘド131/136``:
a letter, katakana or digit before), a size (``1/2t``: a letter after) or a date (``4/16``: only a numerator
below a denominator of at most 10, in lowest terms (``3/6``, ``2/6`` are dates: a fraction is written reduced),
and only before a particle or punctuation, never before ``時点``; before ``に`` or ``と`` only where a particle
comes before the fraction too, ``死者の1/10にすぎない``, ``装甲の1/10と``, while ``1/3に発表`` is a date).

Mach numbers (``マッハ11``, ``マッハ5を超える``) put the unit before the figure: unit ``Mach``,
category COUNT (no speed category; NOTES-real6 and NOTES-real7, like real4's ``時速60キロ``).
"""
from __future__ import annotations

import math
import re
from typing import Iterator, NamedTuple, Optional

from .numerals import parse_number
from .quantity_patterns import ARAB, JA_PREFIX, KAN, SUFFIX, VERB_AT_LEAST, VERB_AT_MOST

_FRACTION = re.compile(
    rf"(?<![0-9０-９〇一二三四五六七八九十百千万億兆,，.．])"
    rf"(?P<pre>(?:{JA_PREFIX})[ \u00a0]?)?"
    rf"(?P<den>{ARAB}|{KAN}+)(?P<gap>[ \u00a0]?)分の(?P=gap)(?P<num>{ARAB}|{KAN}+)(?![0-9０-９〇一二三四五六七八九十百千万億兆])"
    rf"(?P<suf>{SUFFIX})?(?P<verb>{VERB_AT_LEAST}|{VERB_AT_MOST})?")  # 3分の1を下回る: a bound, in the span
# (a space on both sides of 分の, as web text spaces its figures: 10 分の 1, one fraction too)


_SLASH_FRACTION = re.compile(
    r"(?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ\u30a0-\u30ff\-‐－/／.．,，])"
    rf"(?P<pre>(?:{JA_PREFIX})[ \u00a0]?)?"
    r"(?P<num>[1-9１-９])[/／](?P<den>10|１０|[2-9２-９])(?![0-9０-９A-Za-zＡ-Ｚａ-ｚ/／.．\-])"
    rf"(?=(?:{SUFFIX})?(?P<after>[のをがはもにと、。，．」）)]|$))"
    rf"(?P<suf>{SUFFIX})?")
_PARTICLES_BEFORE = frozenset("のはがも")  # 死者の1/10に, 軍事は1/3に: a fraction of something, not a date


_MACH = re.compile(
    rf"(?P<pre>(?:{JA_PREFIX})[ \u00a0]?)?マッハ[ \u00a0]?(?P<num>[0-9０-９]+(?:[.．][0-9０-９]+)?)(?![0-9０-９])"
    rf"(?P<suf>{SUFFIX})?(?P<verb>{VERB_AT_LEAST}|{VERB_AT_MOST})?")


class Form(NamedTuple):
    """One fraction or Mach number: offsets (qualifiers included), the core offsets, the value, and the
    qualifier words before and after it (``verb``: a verb qualifier such as ``を超える``, Mach only)."""

    start: int
    end: int
    core: tuple
    value: float
    pre: Optional[str]
    suf: Optional[str]
    verb: Optional[str] = None


def find_fractions(text: str) -> Iterator[Form]:
    """Every ``N分のM`` in ``text`` with a proper denominator (2 or more) and 0 < M < N."""
    for m in _FRACTION.finditer(text):
        den, num = parse_number(m.group("den")), parse_number(m.group("num"))
        if den is None or num is None or not (den.value >= 2 and 0 < num.value < den.value):
            continue
        yield Form(m.start(), m.end(), (m.start("den"), m.end("num")), num.value / den.value,
                   m.group("pre"), m.group("suf"), m.group("verb"))


def find_slash_fractions(text: str) -> Iterator[Form]:
    """Every ``M/N`` fraction in ``text`` (``_SLASH_FRACTION``) with 0 < M < N <= 10, in lowest terms."""
    for m in _SLASH_FRACTION.finditer(text):
        den, num = parse_number(m.group("den")), parse_number(m.group("num"))
        if den is None or num is None or not 0 < num.value < den.value:
            continue
        if math.gcd(int(num.value), int(den.value)) > 1:
            continue
        if m.group("after") in ("に", "と") and (m.start() == 0 or text[m.start() - 1] not in _PARTICLES_BEFORE):
            continue
        yield Form(m.start(), m.end(), (m.start("num"), m.end("den")), num.value / den.value,
                   m.group("pre"), m.group("suf"))


def find_mach(text: str) -> Iterator[Form]:
    """Every ``マッハN`` in ``text``."""
    for m in _MACH.finditer(text):
        num = parse_number(m.group("num"))
        if num is None:
            continue
        yield Form(m.start(), m.end(), (m.start("num"), m.end("num")), num.value, m.group("pre"),
                   m.group("suf"), m.group("verb"))
