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

import re
import unicodedata
import weakref
from functools import lru_cache
from itertools import accumulate, compress
from operator import itemgetter
from dataclasses import dataclass
from typing import Any, Dict, FrozenSet, Generic, Iterable, List, Optional, Sequence, Tuple, TypeVar

from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc

from .en_items import INVISIBLE
from .memo import memo_map

T = TypeVar("T")

# Characters that carry no identity in a name: spacing, middle dots, dashes,
# quotes, zero-width and soft-hyphen characters and the like. Katakana ー is kept (it is a vowel), except after a
# Latin letter or digit, where it stands for a hyphen (``KNー23``).
_QUOTES = "'\"’‘“”＂＇"
_QUOTE_SET = frozenset(_QUOTES)
# NUL too: it is the tries' end-of-key marker (_END), so a stray NUL in a text (a damaged record the binary
# sniff lets through) would be read as a key's end and crash the lookups
_DROP = set(INVISIBLE + "\0\ufeff \t\u3000・･·‧･-‐‑‒–—―−－─━~〜~" + _QUOTES)
_VU = {"ヴァ": "バ", "ヴィ": "ビ", "ヴェ": "ベ", "ヴォ": "ボ", "ヴ": "ブ"}
# Small vowels written or not: クァッドコプター and クアッドコプター, ウォッカ and ウオッカ (same length); the old
# character 輌 for 両 (戦闘車輌, 装甲車輌: Kojien gives 車輌 as a spelling of 車両), one character for one
_SMALL_VOWELS = str.maketrans("ァィゥェォ輌", "アイウエオ両")
_END = "\0"


def _hyphen_bar_after(before: str) -> bool:
    """Whether a ``ー`` after ``before`` (a character, or "") stands for a hyphen: after a Latin letter or digit."""
    return before.isascii() and before.isalnum()


def fold(text: str) -> str:
    """Fold a string for gazetteer lookup.

    NFKC (full width to half width), lower case, no spacing, dashes, quotes or
    middle dots, ``ヴァ``→``バ`` and the like, ``ィヤ``→``ィア`` (the -ия ending written both ways),
    small vowels as large ones (``クァ``→``クア``), ``輌`` as ``両``.

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
        if ch == "ー" and out and _hyphen_bar_after(out[-1]):
            continue
        out.append(ch)
    folded = "".join(out)
    if "ヴ" in folded:
        for src, dst in _VU.items():
            folded = folded.replace(src, dst)
    if "ィヤ" in folded:  # Russian/Ukrainian -ия written both ways: アカーツィヤ = アカーツィア
        folded = folded.replace("ィヤ", "ィア")
    return folded.translate(_SMALL_VOWELS)  # after ヴァ→バ, which reads the small vowel


# A reading in brackets after kanji (空挺(くうてい)部隊, 榴弾砲（りゅうだんほう）): TV and school news
# write one after a hard word. It is no part of the name, so a token's fold leaves it out, and
# ``_drop_readings`` empties the fold of a reading that Sudachi cut into several tokens.
_KANJI_END = re.compile(r"[\u4e00-\u9fff々]$")
_READING_IN_TOKEN = re.compile(r"(?<=[\u4e00-\u9fff々])[(（][\u3041-\u309fー]+[)）]")
_HIRAGANA = re.compile(r"[\u3041-\u309fー]+")


def _fold_piece(text: str) -> str:
    """``fold`` of one token's text, without a bracketed reading inside it (``空挺(くうてい)`` → ``空挺``)."""
    if "(" in text or "（" in text:
        text = _READING_IN_TOKEN.sub("", text)
    return fold(text)


_fold_token = lru_cache(maxsize=65536)(_fold_piece)


def _drop_readings(texts: Sequence[str], pieces: List[str]) -> None:
    """Empty the folds of ``(`` reading ``)`` tokens that follow a token ending in kanji (in place)."""
    size = len(texts)
    for i, text in enumerate(texts):
        if text not in ("(", "（") or i == 0 or not _KANJI_END.search(texts[i - 1]):
            continue
        j = i + 1
        while j < size and _HIRAGANA.fullmatch(texts[j]):
            j += 1
        if j > i + 1 and j < size and texts[j] in (")", "）"):
            pieces[i:j + 1] = [""] * (j + 1 - i)


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
        folded, end_token, start_token = view.folded, view.end_token, view.start_token
        size = len(folded)
        cuts, soft = view.quote_cuts, view.soft_breaks
        matches: List[GazetteerMatch[T]] = []
        root = self._root
        # Only token starts (a token folding to nothing starts nowhere) whose character starts some key,
        # picked in C (compress over map), in text order; the walk is inlined.
        for pos, i in compress(start_token.items(), map(root.__contains__, map(folded.__getitem__, start_token))):
            node = root[folded[pos]]
            found: List[GazetteerMatch[T]] = []
            k = pos + 1
            while node is not None:
                if _END in node and k in end_token and not _glued_digits(doc, folded, k, end_token[k]):
                    found.append(GazetteerMatch(i, end_token[k] + 1, node[_END]))
                if k == size or (cuts and k in cuts):
                    break
                if soft and k in soft and _END not in node:
                    # 地対地ミ⏎サイル: a key goes on across a line break inside a word; not after a whole key
                    # (ミサイル⏎ドローン: two lines of a list, though ミサイルドローン is a class too)
                    after = k + 2 if folded.startswith("\r\n", k) else k + 1
                    if after < size and folded[after] in node:
                        k = after
                node = node.get(folded[k])
                k += 1
            if found:
                matches.extend(found[-1:] if longest_only else found)
        return matches


def _glued_digits(doc: Doc, folded: str, k: int, last: int) -> bool:
    """Whether a key ending in a digit at folded offset ``k`` runs on into more digits glued after it
    (``K2`` in ``K239``, which Sudachi cuts K2|39): a longer number, not the listed name."""
    return (k < len(folded) and folded[k - 1].isdigit() and folded[k].isdigit()
            and not doc[last].whitespace_)


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
        start_token: ``folded`` offset → index of the token starting there (non-empty tokens).
        quote_cuts: ``folded`` offsets where a token of quote marks alone stands: no match runs
            across one (``T-90M “Proryv”`` is a designation and a quoted nickname, not one name).
        soft_breaks: ``folded`` offsets of a line break standing alone between two word characters
            (``地対地ミ⏎サイル``): a page wrapped at a fixed width, or a paste from a PDF, breaks lines
            inside words, so a listed term may run on across one (``_soft_breaks``).
    """

    texts: Tuple[str, ...]
    text: str
    folded: str
    starts: Tuple[int, ...]
    ends: Tuple[int, ...]
    end_token: Dict[int, int]
    start_token: Dict[int, int]
    quote_cuts: FrozenSet[int] = frozenset()
    soft_breaks: FrozenSet[int] = frozenset()


_VIEWS: "weakref.WeakKeyDictionary[Doc, Tuple[int, TokenView]]" = weakref.WeakKeyDictionary()


def token_view(doc: Doc) -> TokenView:
    """The doc's :class:`TokenView`, from the cache while the doc keeps its tokens."""
    cached = _VIEWS.get(doc)
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    if len(doc):
        rows = doc.to_array([ORTH, SPACY])
        texts, pieces = _texts_and_folds(doc, rows[:, 0].tolist())
        spaced = rows[:, 1].tolist()
        text = "".join([t + " " if space else t for t, space in zip(texts, spaced)]) if any(spaced) \
            else "".join(texts)
    else:
        texts, pieces, text = (), [], ""
    view = _view(texts, pieces, text)
    _VIEWS[doc] = (len(doc), view)
    return view


# Token text and its fold by ORTH id (a hash of the text, the same in every vocab). Looked up
# with ``map(dict.get)``: an int key hashes for free, while a str fresh from the string store
# would be hashed again on every doc, and the text comes back as one shared object. Cleared
# when full, so memory stays flat on an endless stream of new tokens (numbers, names).
_BY_ORTH: Dict[int, Tuple[str, str]] = {}
_BY_ORTH_MAX = 1 << 16  # as many as the fold cache keeps


def _texts_and_folds(doc: Doc, orths: List[int]) -> Tuple[Tuple[str, ...], List[str]]:
    """The texts of tokens ``orths`` and their folds (``fold``), from ``_BY_ORTH`` where known."""
    strings = doc.vocab.strings

    def text_and_fold(orth: int) -> Tuple[str, str]:
        text = strings[orth]
        return text, _fold_token(text)

    entries = memo_map(_BY_ORTH, orths, text_and_fold, _BY_ORTH_MAX)
    texts, pieces = tuple(map(itemgetter(0), entries)), list(map(itemgetter(1), entries))
    if "(" in texts or "（" in texts:
        _drop_readings(texts, pieces)
    if "ー" in texts:
        _drop_dash_bars(texts, pieces)
    if not _LONG_VOWEL_DASHES.isdisjoint(texts):
        _read_dashes_as_long_vowels(texts, pieces)
    return texts, pieces


# Dashes that stand in for the long vowel ー in text typed or converted without it (ドロ−ン, ヘリコプタ―,
# メ－トル): Sudachi cuts each off as a token of its own, which ``fold`` drops, so ドロ|−|ン folded to ドロン
_LONG_VOWEL_DASHES = frozenset("-‐‑‒–—―−－─━")
_LONG_BARS = frozenset("―—─━")  # drawn long: a long vowel before a figure too (ヘリコプタ―80台)
_KATAKANA_WORD = re.compile(r"[\u30a1-\u30fa\u30fc]")


def _read_dashes_as_long_vowels(texts: Sequence[str], pieces: List[str]) -> None:
    """Fold a lone dash token after katakana to ``ー`` (in place) where it lengthens the vowel before it.

    Between two katakana (ドロ|−|ン, ヨ|―|ロッパ) it does: a dash between two katakana words
    (ロシア―ウクライナ) folds to ``ー`` too, which costs nothing, as both words still match on their own
    token boundaries. Before a Latin letter it is a designation's hyphen (ガルピヤ―A1), and so is a short
    dash before a figure (シャヘド-136); before anything else, or a long bar before a figure, a long vowel.
    """
    last = len(texts) - 1
    for i in range(1, len(texts)):
        dash = texts[i]
        if dash not in _LONG_VOWEL_DASHES or not _KATAKANA_WORD.match(texts[i - 1][-1:]) \
                or texts[i - 1].endswith(("ー", "ン", "ッ")):
            continue
        after = texts[i + 1][:1] if i < last else ""
        if after.isascii() and after.isalpha() or after.isdigit() and dash not in _LONG_BARS:
            continue
        pieces[i] = "ー"


def _drop_dash_bars(texts: Sequence[str], pieces: List[str]) -> None:
    """Empty the fold of a lone ``ー`` token after a Latin letter or digit (in place): ``Cー2`` is ``C-2``.

    ``fold`` drops such a ``ー`` inside one string (``KNー23``); a tokenizer that cuts it off as a
    token of its own left it in the folded text, so the designation did not match.
    """
    for i in range(1, len(texts)):
        if texts[i] == "ー" and _hyphen_bar_after(texts[i - 1][-1:]):
            pieces[i] = ""


def _view(texts: Tuple[str, ...], pieces: List[str], text: str) -> TokenView:
    """The view of tokens ``texts`` folded to ``pieces``, doc text ``text`` (C-level loops: map, accumulate, zip)."""
    ends = tuple(accumulate(map(len, pieces)))
    starts = (0,) + ends[:-1] if ends else ()
    quote_cuts: FrozenSet[int] = frozenset()
    if "" in pieces:  # a token folding to nothing ends where the one before it does: the first one counts
        end_token = {pos: i for i, pos in reversed(list(enumerate(ends))) if pos > starts[i]}
        start_token = {pos: i for i, pos in enumerate(starts) if ends[i] > pos}
        if not _QUOTE_SET.isdisjoint(text):  # most docs hold no quote mark: no per-token pass for them
            quote_cuts = frozenset(starts[i] for i, piece in enumerate(pieces)
                                   if not piece and texts[i] and not texts[i].strip(_QUOTES))
    else:
        end_token = dict(zip(ends, range(len(ends))))
        start_token = dict(zip(starts, range(len(starts))))
    soft_breaks = _soft_breaks(texts, starts) if "\n" in text else frozenset()
    return TokenView(texts, text, "".join(pieces), starts, ends, end_token, start_token, quote_cuts, soft_breaks)


_LINE_BREAKS = frozenset({"\n", "\r\n"})


def _soft_breaks(texts: Tuple[str, ...], starts: Tuple[int, ...]) -> FrozenSet[int]:
    """The folded offsets of the tokens that are one line break between a word character and another
    (``ミ|⏎|サイル``, ``高|⏎|機能``): where a line may have been broken inside a word. A listed term may run
    on across one; a blank line, a space, a bracket or a full stop beside it keeps the lines apart."""
    return frozenset(starts[i] for i in range(1, len(texts) - 1)
                     if texts[i] in _LINE_BREAKS and texts[i - 1][-1:].isalnum() and texts[i + 1][:1].isalnum())


def non_overlapping(matches: Sequence[GazetteerMatch[T]]) -> List[GazetteerMatch[T]]:
    """Keep the longest of overlapping matches, earlier first on ties."""
    chosen: List[GazetteerMatch[T]] = []
    taken: set = set()
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if not taken.intersection(range(m.start, m.end)):
            chosen.append(m)
            taken.update(range(m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)
