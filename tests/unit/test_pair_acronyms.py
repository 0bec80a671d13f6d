"""Acronyms paired with the Japanese names ``acronyms.jsonl`` lists for them (components.pair_acronyms).

Every example sentence is written for these tests (invented wording).
"""
import json

import pytest

from components.bilingual import ACRONYM_FILE, DATA_FILE, KNOWN_FILE
from components.pair_acronyms import listed_acronym_pair, load_acronyms
from components.pair_rules import find_pairs, load_heads, load_known
from components.tables import DATA_DIR

TABLE = load_acronyms([
    json.dumps({"acronym": "HUR", "expansion": ["Main Directorate of Intelligence"], "ja": ["情報総局", "国防省情報総局"],
                "source": "test"}, ensure_ascii=False),
    json.dumps({"acronym": "UAV", "expansion": ["unmanned aerial vehicle"], "ja": ["無人機", "無人航空機"],
                "source": "test"}, ensure_ascii=False),
    json.dumps({"acronym": "ZZA", "expansion": ["Zeta Zone Agency"], "ja": ["ゼータ庁"], "source": "test"},
               ensure_ascii=False),
])


def listed(text, acronym):
    start = text.index(acronym)
    found = listed_acronym_pair(text, start, start + len(acronym), TABLE)
    return None if found is None else (text[found[0][0]:found[0][1]], text[found[1][0]:found[1][1]])


@pytest.mark.parametrize("text,acronym,expected", [
    ("国防省情報総局(HUR)が発表した。", "HUR", ("国防省情報総局", "HUR")),  # the longest listed name written
    ("ウクライナ情報総局 (HUR)の部隊", "HUR", ("情報総局", "HUR")),  # the country is where it works, outside
    ("「情報総局」(HUR)によれば", "HUR", ("情報総局", "HUR")),  # quotes between
    ("UAV(無人航空機)が飛来した。", "UAV", ("無人航空機", "UAV")),  # the name after the acronym
    ("UAV[*注:無人航空機]の戦術", "UAV", ("無人航空機", "UAV")),  # a translator's note
    ("ZZA=ゼータ庁の局長", "ZZA", ("ゼータ庁", "ZZA")),
    ("多数のUAVs(無人機)を投入した。", "UAVs", ("無人機", "UAVs")),  # a plural acronym
    ("敵の部隊(HUR)", "HUR", None),  # no listed name beside it
    ("ベータゼータ庁(ZZA)", "ZZA", None),  # a listed katakana name may not start inside a longer word
    ("ゼータ庁「ZZA」の職員", "ZZA", None),  # a quoted name after a noun, not its gloss
    # a glossary line: the listed name after a colon or a spaced dash
    ("用語 UAV:無人航空機 HUR:情報総局", "UAV", ("無人航空機", "UAV")),
    ("ZZA – ゼータ庁は声明を出した。", "ZZA", ("ゼータ庁", "ZZA")),
    ("ZZA: 独自の報告書", "ZZA", None),  # a headline's colon before no listed name
    ("最新のZZA『ゼータ庁』の方針", "ZZA", ("ゼータ庁", "ZZA")),  # the listed name quoted after the acronym
])
def test_listed_names_beside_an_acronym(text, acronym, expected):
    assert listed(text, acronym) == expected


def test_find_pairs_uses_the_table_where_spelling_fails():
    heads = load_heads((DATA_DIR / DATA_FILE).read_text(encoding="utf-8").splitlines())
    known = load_known((DATA_DIR / KNOWN_FILE).read_text(encoding="utf-8").splitlines())
    text = "ウクライナ情報総局(HUR)の部隊が攻撃した。"
    pairs = [(text[p.ja[0]:p.ja[1]], text[p.en[0]:p.en[1]]) for p in find_pairs(text, heads, known, TABLE)]
    assert pairs == [("情報総局", "HUR")]


def test_packaged_rows_are_complete_and_unique():
    rows = [json.loads(line) for line in (DATA_DIR / ACRONYM_FILE).read_text(encoding="utf-8").splitlines()
            if line.strip()]
    assert rows
    for row in rows:
        assert row["acronym"] and row["expansion"] and row["ja"] and row["source"], row
    acronyms = [row["acronym"] for row in rows]
    assert len(acronyms) == len(set(acronyms)), "one row per acronym"


def test_the_packaged_table_pairs_the_interceptors_by_their_japanese_descriptions():
    """Wire copy glosses SM3 and PAC3 with descriptions, not transliterations (海上配備型迎撃ミサイル(SM3))."""
    table = load_acronyms((DATA_DIR / ACRONYM_FILE).read_text(encoding="utf-8").splitlines())
    for text, acronym, name in [("イージス艦が海上配備型迎撃ミサイル(SM3)を発射した。", "SM3", "海上配備型迎撃ミサイル"),
                                ("迎撃試験で海上配備型迎撃ミサイル(SM-3)を使った。", "SM-3", "海上配備型迎撃ミサイル"),
                                ("基地に地上配備型迎撃ミサイル(PAC3)を展開した。", "PAC3", "地上配備型迎撃ミサイル")]:
        start = text.index(acronym)
        found = listed_acronym_pair(text, start, start + len(acronym), table)
        assert found and text[found[0][0]:found[0][1]] == name
    text = "地対空誘導弾パトリオット(PAC3)を配備した。"  # a variant of the named system: no gloss (the real-text gold)
    start = text.index("PAC3")
    assert listed_acronym_pair(text, start, start + 4, table) is None
