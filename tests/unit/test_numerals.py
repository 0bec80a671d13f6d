"""Numeral parsing (components.numerals): pure, no spaCy."""
from __future__ import annotations

import pytest

from components.numerals import fold_digits, is_vague, parse_number


@pytest.mark.parametrize(
    "text,value,approx",
    [
        ("458", 458, False),
        ("1,200", 1200, False),
        ("200,000", 200000, False),
        ("１２０", 120, False),
        ("１，５００", 1500, False),
        ("二", 2, False),
        ("三十", 30, False),
        ("四十一", 41, False),
        ("千二百", 1200, False),
        ("三千五百万", 35_000_000, False),
        ("35万3千", 353_000, False),
        ("114万", 1_140_000, False),
        ("1万5000", 15_000, False),
        ("35万4,416", 354_416, False),
        ("63万7000", 637_000, False),
        ("1億2000万", 120_000_000, False),
        ("2.5", 2.5, False),
        ("0.8", 0.8, False),
        ("1.5万", 15_000, False),
        ("3.2億", 320_000_000, False),
        ("5,5", 5.5, False),  # a translation's decimal comma
        ("8,5億", 850_000_000, False),
        ("15,5万", 155_000, False),
        ("〇", 0, False),
        ("0", 0, False),
        ("十数", 10, True),
        ("十数万", 100_000, True),
        ("数十", 10, True),
        ("数百", 100, True),
        ("数千", 1000, True),
        ("数万", 10_000, True),
        ("数十万", 100_000, True),
        ("数百万", 1_000_000, True),
        ("何百", 100, True),
    ],
)
def test_parse_number(text, value, approx):
    parsed = parse_number(text)
    assert parsed is not None
    assert parsed.value == value
    assert isinstance(parsed.value, type(value))
    assert parsed.approx is approx


@pytest.mark.parametrize("text", ["数", "", "一方", "何", "万一方", "abc"])
def test_not_a_number(text):
    assert parse_number(text) is None


def test_fold_digits_keeps_length():
    assert fold_digits("１２０，５") == "120,5"
    assert len(fold_digits("約１２０機")) == len("約１２０機")


@pytest.mark.parametrize("text,vague", [("数百", True), ("十数", True), ("三百", False), ("300", False)])
def test_is_vague(text, vague):
    assert is_vague(text) is vague
