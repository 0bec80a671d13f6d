"""Letters read out in kana beside a designation (components.pair_readings)."""
import pytest

from components.pair_readings import reads_as, spelled_letters
from components.pair_rules import find_pairs


@pytest.mark.parametrize("kana,letters", [
    ("エーケー47", "AK47"),
    ("てぃー64", "T64"),  # hiragana as katakana
    ("エイチ・ケー", "HK"),
    ("ティー３４", "T34"),  # full-width digits
    ("エヌエイチケー", "NHK"),
])
def test_spelled_letters(kana, letters):
    assert spelled_letters(kana) == letters


@pytest.mark.parametrize("kana", ["カラシニコフ", "47", "エーケーライフル"])
def test_a_word_or_bare_digits_spell_nothing(kana):
    assert spelled_letters(kana) is None


def test_reads_as_ignores_hyphens_and_case():
    assert reads_as("T-64", "てぃー64") and reads_as("ak47", "エーケー47")
    assert not reads_as("AK74", "エーケー47")


@pytest.mark.parametrize("text,expected", [
    ("戦場に必ず現れる AK47 (エーケー47) アサルトライフル", [("エーケー47", "AK47")]),
    ("エーケー47(AK47)を持つ", [("エーケー47", "AK47")]),
    ("T-64[てぃー64]", [("てぃー64", "T-64")]),
])
def test_a_designation_and_its_reading_pair(text, expected):
    pairs = find_pairs(text, {})
    assert [(text[p.ja[0]:p.ja[1]], text[p.en[0]:p.en[1]]) for p in pairs] == expected
