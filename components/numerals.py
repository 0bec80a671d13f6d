"""Numeral parsing for Japanese and Latin-script text, without spaCy.

Handles Arabic digits (``458``, ``1,200``, ``2.5``), full-width digits
(``１２０``), kanji and mixed numerals (``二``, ``三十``, ``35万3千``,
``1万5000``, ``35万4,416``, ``1.5万``) and vague magnitudes (``数十`` → 10,
``数百`` → 100, ``数万`` → 10000, ``十数`` → 10, all approximate; a bare ``数``
is not a number).

Kanji numerals are converted with the maintained ``kanjize`` library
(``kanji2number``): it already handles positional kanji (``三千五百``), the
large magnitudes (万, 億, 兆) and Arabic/kanji mixtures (``1億2000万``). It
does not strip thousands separators, truncates plain decimals (``2.5`` → 2)
and rejects the vague ``数`` forms, so this module wraps it with exactly
those three steps.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Union

from kanjize import kanji2number

Number = Union[int, float]

_WIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_DECIMAL_MAG = re.compile(r"([0-9]+\.[0-9]+)([万億兆])")
_MAGNITUDES = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "億": 10 ** 8, "兆": 10 ** 12}
_VAGUE = ("数", "何")
MAX_LENGTH = 40  # longer digit runs are codes or garbage, not amounts


@dataclass(frozen=True)
class ParsedNumber:
    """A parsed numeral.

    Args:
        value (Number): The number (int when whole, else float); the low
            figure for vague magnitudes.
        approx (bool): True for vague magnitudes (``数百``, ``十数``).
    """

    value: Number
    approx: bool = False


def fold_digits(text: str) -> str:
    """Fold full-width digits, commas and points to ASCII, keeping the length.

    Args:
        text (str): Any text.

    Returns:
        str: The same text with ``０-９，．`` replaced by ``0-9,.``.
    """
    return text.translate(_WIDTH)


def _tidy(value: float) -> Number:
    """Return an int when ``value`` is whole, so 1200.0 reads as 1200."""
    return int(value) if float(value).is_integer() else value


def _decimal_magnitude(text: str) -> Optional[Number]:
    """Parse ``1.5万`` and ``2.3億``-style decimals before a magnitude."""
    total = 0.0
    rest = text
    for match in _DECIMAL_MAG.finditer(text):
        total += float(match.group(1)) * _MAGNITUDES[match.group(2)]
        rest = rest.replace(match.group(0), "", 1)
    if rest:
        tail = _kanji_value(rest)
        if tail is None:
            return None
        total += tail
    return _tidy(total)


KANJI_DIGITS = "〇一二三四五六七八九"  # zero to nine, in order
_KANJI_DECIMAL = re.compile(rf"([{KANJI_DIGITS}十百千]+)\.([{KANJI_DIGITS}]+)([万億兆]?)")
_KANJI_DIGIT = {ch: str(i) for i, ch in enumerate(KANJI_DIGITS)}


@lru_cache(maxsize=4096)
def _kanji_value(text: str) -> Optional[Number]:
    """Convert a (mixed) kanji numeral with kanjize; None when it is not one."""
    if _PLAIN.fullmatch(text):
        return _tidy(float(text)) if "." in text else int(text)
    decimal = _KANJI_DECIMAL.fullmatch(text)
    if decimal:  # 十一・八億 (the caller reads ・ as the point): 11.8 × 10^8
        whole = _kanji_value(decimal.group(1))
        if whole is None:
            return None
        fraction = float("0." + "".join(_KANJI_DIGIT[ch] for ch in decimal.group(2)))
        return _tidy((whole + fraction) * _MAGNITUDES.get(decimal.group(3), 1))
    if _DECIMAL_MAG.search(text):
        return _decimal_magnitude(text)
    if text[0] in "万億兆":
        text = "一" + text
    try:
        return kanji2number(text)
    except (ValueError, KeyError, IndexError):
        return None


def kanji_number(text: str) -> Optional[Number]:
    """The value of a numeral in kanji (``四十七``, ``一〇``, ``三・五万``) or ASCII digits; None otherwise.

    Args:
        text (str): The numeral alone, digits folded to ASCII, no separators.
    """
    return _kanji_value(text) if text else None


# spaces a numeral may hold (402 億 70 万, 1 000, 12\u202f500): plain, no-break, thin and narrow no-break
NUMBER_SPACES = " \u00a0\u2009\u202f"
_SPACES = str.maketrans("", "", NUMBER_SPACES)


# A comma between a digit and the next one up, and nothing after (3,4 / ３，４): Japanese "three or four", a range,
# never a decimal comma; one pattern for the quantity pattern (quantity_patterns) and for parse_number.
COUNTING_UP_COMMA = "|".join(f"(?<=[{d}{chr(0xFF10 + d)}])[,，][{d + 1}{chr(0xFF11 + d)}](?![0-9０-９])"
                             for d in range(9))
# a comma with one or two digits after it, the last of the numeral's digits: a decimal comma (5,5 -> 5.5); a
# thousands comma always has three (the quantity pattern admits the short form only before a measure)
_DECIMAL_COMMA = re.compile(f"(?!{COUNTING_UP_COMMA})" + r",(?=[0-9]{1,2}(?![0-9,]))")


def parse_number(text: str) -> Optional[ParsedNumber]:
    """Parse one numeral as written in the text.

    Args:
        text (str): The numeral alone, e.g. ``"1,200"``, ``"35万3千"``,
            ``"数百"``, ``"１２０"``, ``"三十"``.

    Returns:
        Optional[ParsedNumber]: The value and whether it is approximate, or
        None when ``text`` is not a number (``"数"``, ``"一方"``).
    """
    # 63・2: a decimal point; 402 億 70 万, 1 000: the spaces of spaced pages; 三、七〇〇: a kanji thousands mark
    folded = _DECIMAL_COMMA.sub(".", fold_digits(text))  # 5,5 (a translation's decimal comma), not 1,500
    folded = folded.replace(",", "").replace("、", "").replace("・", ".").translate(_SPACES).strip()
    if not folded or len(folded) > MAX_LENGTH:
        return None
    approx = False
    if any(ch in folded for ch in _VAGUE):
        approx = True
        folded = folded.replace("数", "").replace("何", "")
        if not folded or folded in "万億兆":
            folded = "一" + folded if folded else ""
        if not folded:
            return None
    value = _kanji_value(folded)
    if value is None:
        return None
    return ParsedNumber(value=value, approx=approx)


def is_vague(text: str) -> bool:
    """True for numerals such as ``数百`` or ``十数`` that give only a magnitude."""
    return any(ch in text for ch in _VAGUE)
