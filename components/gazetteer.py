"""Gazetteer lookup that ignores width, dashes, middle dots and spacing.

Names of weapons and units are written many ways: ``Kh-47M2``, ``Ｋｈ−４７Ｍ２``
and ``Kh47M2``; ``ロシア空挺軍`` and ``ロシア 空挺 軍``; ``ヴ`` or ``ブ``. Sudachi
also cuts such strings differently from one context to the next, so a
token-sequence ``PhraseMatcher`` misses many of them. Instead we *fold* each
token's text (``fold``), join the folded tokens into one string, and walk a
character trie of folded gazetteer terms from every token start. A match
counts only where it both starts and ends on a token boundary, so every hit is
a clean ``doc[start:end]`` span (CONVENTIONS pitfall 8) and building the trie
runs no pipeline component (pitfall 7).
"""
from __future__ import annotations

import unicodedata
import weakref
from functools import lru_cache
from dataclasses import dataclass
from typing import Any, Dict, Generic, Iterable, Iterator, List, Optional, Sequence, Tuple, TypeVar

from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc

T = TypeVar("T")

# Characters that carry no identity in a name: spacing, middle dots, dashes,
# quotes and the like. Katakana ー is kept (it is a vowel), except after a
# Latin letter or digit, where it stands for a hyphen (``KNー23``).
_DROP = set(" \t\u3000・･·‧･-‐‑‒–—―−－~〜~'\"’‘“”")
_VU = {"ヴァ": "バ", "ヴィ": "ビ", "ヴェ": "ベ", "ヴォ": "ボ", "ヴ": "ブ"}
_END = "\0"


def fold(text: str) -> str:
    """Fold a string for gazetteer lookup.

    NFKC (full width to half width), lower case, no spacing, dashes, quotes or
    middle dots, ``ヴァ``→``バ`` and the like.

    Args:
        text (str): Any surface string.

    Returns:
        str: The folded key; ``fold("Ｋｈ−４７Ｍ２") == fold("kh47m2")``.
    """
    text = unicodedata.normalize("NFKC", text).lower()
    out: List[str] = []
    for ch in text:
        if ch in _DROP:
            continue
        if ch == "ー" and out and out[-1].isascii() and out[-1].isalnum():
            continue
        out.append(ch)
    folded = "".join(out)
    if "ヴ" in folded:
        for src, dst in _VU.items():
            folded = folded.replace(src, dst)
    return folded


_fold_token = lru_cache(maxsize=65536)(fold)


@dataclass(frozen=True)
class GazetteerMatch(Generic[T]):
    """A gazetteer hit over tokens ``doc[start:end]`` with the entry's payload."""

    start: int
    end: int
    payload: T


class FoldedGazetteer(Generic[T]):
    """A trie of folded terms, matched on token boundaries.

    Example:
        >>> gaz = FoldedGazetteer()
        >>> gaz.add("Kh-47M2", {"canonical": "Kh-47M2 Kinzhal"})
        >>> [(m.start, m.end) for m in gaz.find(doc)]
    """

    def __init__(self) -> None:
        self._root: Dict[str, Any] = {}
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def add(self, term: str, payload: T) -> None:
        """Add ``term`` (folded here); a later entry for the same key replaces the earlier."""
        key = fold(term)
        if not key:
            return
        node = self._root
        for ch in key:
            node = node.setdefault(ch, {})
        if _END not in node:
            self._size += 1
        node[_END] = payload

    def add_all(self, entries: Iterable[Tuple[str, T]]) -> None:
        """Add ``(term, payload)`` pairs."""
        for term, payload in entries:
            self.add(term, payload)

    def lookup(self, term: str) -> Optional[T]:
        """The payload stored for exactly ``term`` (after folding), or None."""
        node = self._root
        for ch in fold(term):
            node = node.get(ch)
            if node is None:
                return None
        return node.get(_END)

    def find(self, doc: Doc, longest_only: bool = True) -> List[GazetteerMatch[T]]:
        """All matches in ``doc`` that start and end on token boundaries.

        Args:
            doc (Doc): The document.
            longest_only (bool): Keep only the longest match at each start token.

        Returns:
            List[GazetteerMatch]: Matches ordered by start token, possibly overlapping.
        """
        view = token_view(doc)
        folded, starts, ends, end_token = view.folded, view.starts, view.ends, view.end_token
        matches: List[GazetteerMatch[T]] = []
        root = self._root
        for i, pos in enumerate(starts):
            if ends[i] == pos or folded[pos] not in root:  # folds to nothing, or no key starts here
                continue
            found = list(self._walk(folded, pos, end_token))
            if longest_only and found:
                found = found[-1:]
            matches.extend(GazetteerMatch(i, j + 1, payload) for j, payload in found)
        return matches

    def _walk(self, folded: str, pos: int, end_token: Dict[int, int]) -> Iterator[Tuple[int, T]]:
        node = self._root
        for k in range(pos, len(folded)):
            node = node.get(folded[k])
            if node is None:
                return
            if _END in node and (k + 1) in end_token:
                yield end_token[k + 1], node[_END]


@dataclass(frozen=True)
class TokenView:
    """What every rule component reads of a doc's tokens, computed once per doc.

    ``Doc.text`` builds a ``Token`` object per token, and each recogniser used
    to read the token texts and fold them again; four components did this for
    every doc. The view is cached per Doc object (weakly, so it goes with the
    doc) and recomputed when the number of tokens changes (a retokenizer ran).

    Attributes:
        texts: Token texts.
        text: The doc's text (``Doc.text``).
        folded: The folded text of all tokens joined (``fold`` per token).
        starts: Each token's start in ``folded``.
        ends: Each token's end in ``folded``.
        end_token: ``folded`` offset → index of the token ending there (non-empty tokens).
    """

    texts: Tuple[str, ...]
    text: str
    folded: str
    starts: Tuple[int, ...]
    ends: Tuple[int, ...]
    end_token: Dict[int, int]


_VIEWS: "weakref.WeakKeyDictionary[Doc, Tuple[int, TokenView]]" = weakref.WeakKeyDictionary()


def token_view(doc: Doc) -> TokenView:
    """The doc's :class:`TokenView`, from the cache while the doc keeps its tokens."""
    cached = _VIEWS.get(doc)
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    strings = doc.vocab.strings
    rows = doc.to_array([ORTH, SPACY]).tolist() if len(doc) else []
    texts = tuple(strings[orth] for orth, _ in rows)
    text = "".join([t + " " if space else t for t, (_, space) in zip(texts, rows)])
    folded, starts, ends = _fold_all(texts)
    end_token = {pos: i for i, pos in reversed(list(enumerate(ends))) if pos > starts[i]}
    view = TokenView(texts, text, folded, tuple(starts), tuple(ends), end_token)
    _VIEWS[doc] = (len(doc), view)
    return view


def _fold_all(texts: Iterable[str]) -> Tuple[str, List[int], List[int]]:
    parts: List[str] = []
    starts: List[int] = []
    ends: List[int] = []
    pos = 0
    for text in texts:
        piece = _fold_token(text)
        starts.append(pos)
        pos += len(piece)
        ends.append(pos)
        parts.append(piece)
    return "".join(parts), starts, ends


def non_overlapping(matches: Sequence[GazetteerMatch[T]]) -> List[GazetteerMatch[T]]:
    """Keep the longest of overlapping matches, earlier first on ties."""
    chosen: List[GazetteerMatch[T]] = []
    taken: set = set()
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if not taken.intersection(range(m.start, m.end)):
            chosen.append(m)
            taken.update(range(m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)
