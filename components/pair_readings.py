"""Latin letters read out in kana: ``AK47 (エーケー47)``, ``T-64[てぃー64]`` name one thing (no spaCy).

A designation's letters have Japanese names (エー, ケー, ティー …), and pages that explain a weapon's name
write them out beside the Latin form. Sound similarity cannot see it (エーケー sounds like nothing in
``AK``), so the reading is spelled back into letters here and compared with the designation, digits and
hyphens aside. Hiragana readings (``てぃー64``) count as katakana ones.
"""
from __future__ import annotations

import re
from typing import Dict, Optional

from .phonetics import hiragana_to_katakana

# the names of the Latin letters as Japanese writes them (JIS Z 8202 and common usage: エー/エイ, ジェー/ジェイ …)
_LETTER_NAMES: Dict[str, str] = {
    "エー": "A", "エイ": "A", "ビー": "B", "シー": "C", "ディー": "D", "デー": "D", "イー": "E", "エフ": "F",
    "ジー": "G", "エイチ": "H", "エッチ": "H", "アイ": "I", "ジェー": "J", "ジェイ": "J", "ケー": "K", "ケイ": "K",
    "エル": "L", "エム": "M", "エヌ": "N", "オー": "O", "ピー": "P", "キュー": "Q", "アール": "R", "エス": "S",
    "ティー": "T", "テー": "T", "ユー": "U", "ブイ": "V", "ヴィー": "V", "ダブリュー": "W", "ダブル": "W",
    "エックス": "X", "ワイ": "Y", "ゼット": "Z", "ズィー": "Z",
}
_LONGEST = max(map(len, _LETTER_NAMES))
_SKIPPED = set("-‐・ 　")
_DESIGNATION_CHARS = re.compile(r"[A-Za-z0-9]+")


def spelled_letters(kana: str) -> Optional[str]:
    """``エーケー47`` → ``AK47``: the letters a kana reading spells, digits kept; None when some kana is no
    letter's name (a word, not a spelled designation) or no letter is spelled at all."""
    text, out, i, letters = hiragana_to_katakana(kana), [], 0, 0
    while i < len(text):
        ch = text[i]
        if ch.isdigit():
            out.append(str(int(ch)))  # full-width digits as ASCII
            i += 1
            continue
        if ch in _SKIPPED:
            i += 1
            continue
        for size in range(min(_LONGEST, len(text) - i), 1, -1):
            letter = _LETTER_NAMES.get(text[i:i + size])
            if letter is not None:
                out.append(letter)
                letters += 1
                i += size
                break
        else:
            return None
    return "".join(out) if letters else None


def reads_as(latin: str, kana: str) -> bool:
    """Whether ``kana`` spells out the designation ``latin`` letter by letter (``AK47`` / ``エーケー47``)."""
    spelled = spelled_letters(kana)
    return spelled is not None and spelled == "".join(_DESIGNATION_CHARS.findall(latin)).upper()
