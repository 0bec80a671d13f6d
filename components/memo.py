"""Bounded memos of per-token work that recurs from doc to doc (no spaCy).

Most token texts of a batch recur in every doc, so work done per token (a fold, a
normalisation) is done once per distinct token and looked up after. The lookups run with
``map(dict.get)`` over a whole doc at once: no Python loop per token when every token is known.
A memo is cleared when full, so memory stays flat on an endless stream of new tokens
(numbers, names).
"""
from __future__ import annotations

from typing import Callable, Dict, List, TypeVar

K = TypeVar("K")
V = TypeVar("V")


def memo_map(memo: Dict[K, V], keys: List[K], compute: Callable[[K], V], maximum: int = 1 << 16) -> List[V]:
    """``[compute(k) for k in keys]``, read from ``memo`` where known and stored where not.

    Args:
        memo (Dict[K, V]): The memo; cleared when it holds more than ``maximum`` entries.
        keys (List[K]): The keys, in order.
        compute (Callable[[K], V]): The work for a key not in the memo; it never returns None.
        maximum (int): The memo's bound.
    """
    values = list(map(memo.get, keys))
    if None in values:
        if len(memo) > maximum:
            memo.clear()
        for i, value in enumerate(values):
            if value is None:
                values[i] = memo[keys[i]] = compute(keys[i])
    return values
