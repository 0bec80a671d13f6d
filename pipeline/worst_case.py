"""Worst-case inputs: the fast pipeline's speed on long texts of one repeated piece.

No single record may stall a batch. Each piece below once made a rule's cost grow faster than
the text (a regular expression that backtracked exponentially on an unclosed bracket of katakana,
searches anchored at the end of a long prefix, a chunk with no particle scanned once per quantity in
it, a dotted acronym re-read from each of its letters; docs/measurements.md, eighteenth session),
or is a shape real text has in bulk (a flattened table, a list of designations). ``gunji bench
--worst-case N`` runs the pipeline on each piece repeated to about N/2 and N characters and
reports the speed at N and the growth (time at N ÷ time at N/2: 2.0 is linear, 4.0 quadratic), and
the slowest piece's speed as a ratio to the pipeline's speed on ordinary text in the same run.
"""
from __future__ import annotations

import time
from typing import Any, Dict, List, Sequence

from pipeline.chunking import SUDACHI_MAX_BYTES

LONG_PIECES = (
    "ポクロフスク(", "ア・", "は", "S-300/", "無人機10機", "ロシア軍は", "the ", "\u3000", "A.", "ミサイル",
    "第1旅団", "ポクロフスク(Pokrovsk)", "1,", "Ｓｕ－２７", "（ISW）", "navy 【名詞】 海軍\n", "約100人が死亡し、",
    # a fact in every sentence, its source a 同-word (同省: the ministry named before), the sentence's counts
    # and weapons for the fact rules to look up (quadratic, and cubic for 同省, before they bisected)
    "第47旅団は前進した。同旅団は戦車3両を破壊したと同省が発表した。",
    "ロシア軍は無人機50機を発射し、ウクライナ空軍は45機を撃墜した。",
)


def repeated(piece: str, chars: int) -> str:
    """``piece`` repeated to about ``chars`` characters and no more than Sudachi takes in one call."""
    count = min(max(1, chars // len(piece)), max(1, SUDACHI_MAX_BYTES // len(piece.encode("utf-8"))))
    return piece * count


def _best_seconds(nlp: Any, text: str, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        nlp(text)
        best = min(best, time.perf_counter() - started)
    return best


def measure_worst_case(nlp: Any, chars: int, pieces: Sequence[str] = LONG_PIECES, repeats: int = 2) -> Dict[str, Any]:
    """Speed and growth of ``nlp`` on each piece repeated to about ``chars`` characters and half as many.

    Args:
        nlp (Any): The pipeline (called on each text).
        chars (int): The longer length; the shorter is half of it.
        pieces (Sequence[str]): The repeated pieces.
        repeats (int): Runs per text, the fastest kept.

    Returns:
        Dict[str, Any]: ``pieces`` (one row each: piece, chars, chars_per_second, growth), and the
        slowest speed and largest growth over them.
    """
    rows: List[Dict[str, Any]] = []
    for piece in pieces:
        full = repeated(piece, chars)
        half = piece * max(1, len(full) // len(piece) // 2)  # half the pieces of the longer text
        t_half, t_full = _best_seconds(nlp, half, repeats), _best_seconds(nlp, full, repeats)
        growth = t_full / t_half if t_half > 0 and len(full) >= 2 * len(half) else None
        rows.append({"piece": piece, "chars": len(full), "seconds": t_full,
                     "chars_per_second": len(full) / t_full if t_full > 0 else None, "growth": growth})
    speeds = [r["chars_per_second"] for r in rows if r["chars_per_second"]]
    growths = [r["growth"] for r in rows if r["growth"]]
    return {"chars": chars, "pieces": rows, "slowest_chars_per_second": min(speeds) if speeds else None,
            "largest_growth": max(growths) if growths else None}
