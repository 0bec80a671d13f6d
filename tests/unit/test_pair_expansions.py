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
