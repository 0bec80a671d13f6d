"""The acronym test of components.pair_expansions (its pairs are tested through the aligner)."""
from __future__ import annotations

import pytest

from components.pair_expansions import expands


@pytest.mark.parametrize("acronym,expansion,expected", [
    ("NATO", "North Atlantic Treaty Organization", True),
    ("ISW", "Institute for the Study of War", True),  # content words only
    ("DoD", "Department of Defense", True),  # all words, case aside
    ("OSCE", "Organization for Security and Co-operation in Europe", True),  # a hyphen cuts words
    ("EU", "European Union", True),
    ("EU", "Europe", False),  # one word spells nothing
    ("NATO", "Nordic Air Training", False),
    ("Abrams", "Leopard", False),
    ("UK", "United Kingdom of Great Britain", False),
])
def test_expands(acronym, expansion, expected):
    assert expands(acronym, expansion) is expected


def test_a_kanji_name_read_in_its_bracket_pairs_with_the_latin_form():
    """天安(チュナン、ROK Chonan): the reading's pair gives the kanji name the same Latin side."""
    from components.pair_expansions import spelling_pairs
    from components.pair_rules import Pair
    text = "哨戒艦 天安(チュナン、ROK Chonan)が沈んだ。"
    reading = (text.index("チュナン"), text.index("チュナン") + 4)
    latin = (text.index("ROK"), text.index("Chonan") + 6)
    added = spelling_pairs(text, [Pair(reading, latin, 1.0, "phonetic")])
    assert [(text[p.ja[0]:p.ja[1]], text[p.en[0]:p.en[1]]) for p in added] == [("天安", "ROK Chonan")]
    text = "天安(チュナン)、ROK Chonan"  # no bracket holding both: nothing added
    reading = (text.index("チュナン"), text.index("チュナン") + 4)
    latin = (text.index("ROK"), len(text))
    assert spelling_pairs(text, [Pair(reading, latin, 1.0, "phonetic")]) == []
