"""Split a token that swallowed a bracketed gloss: ``無人機(ドローン)`` → ``無人機|(|ドローン|)``.

SudachiDict holds reading and synonym glosses as single words: ``無人機(ドローン)``,
``塹壕(ざんごう)``. Japanese newspapers write the first one constantly, and as one
token neither ``無人機`` nor ``ドローン`` lies on token boundaries, so both WEAPON
spans are lost (ANNOTATION.md: each is a span). ``split_glosses`` cuts such a token
into its word, the brackets and the gloss when ``known`` accepts the word or the
gloss (the weapon recogniser passes its gazetteer), and leaves other tokens alone.

As in :mod:`components.token_splits`, it is idempotent, span groups are rebuilt
from character offsets, and per-token lists in ``doc.user_data`` (ja_ginza's
bunsetu data) stay aligned: the word keeps the token's data, the other pieces
continue its bunsetu.
"""
from __future__ import annotations

import logging
import re
from typing import Callable, Dict, List, Tuple

from spacy.tokens import Doc

from .gazetteer import token_view

logger = logging.getLogger(__name__)

GLOSSED = re.compile(r"^([^()（）]+)([(（])([^()（）]+)([)）])\Z")
_OPEN_TAG, _CLOSE_TAG, _NOUN_TAG = "補助記号-括弧開", "補助記号-括弧閉", "名詞-普通名詞-一般"


def gloss_parts(text: str) -> List[str]:
    """``["無人機", "(", "ドローン", ")"]`` for a glossed token text, else ``[]``."""
    m = GLOSSED.match(text)
    return list(m.groups()) if m else []


def split_glosses(doc: Doc, known: Callable[[str], bool]) -> int:
    """Split glossed tokens whose word or gloss ``known`` accepts; return how many were split."""
    view = token_view(doc)  # the cached text and token texts: ``Doc.text`` builds a Token per token
    if "(" not in view.text and "（" not in view.text:
        return 0
    cuts: Dict[int, List[str]] = {}
    for i, text in enumerate(view.texts):
        if ")" not in text and "）" not in text:  # cheap test before the regex: a glossed token ends in one
            continue
        parts = gloss_parts(text)
        if parts and (known(parts[0]) or known(parts[2])):
            cuts[i] = parts
    if not cuts:
        return 0
    n_before = len(doc)
    groups: List[Tuple[str, List[Tuple[int, int, str, str]]]] = [
        (key, [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in group]) for key, group in doc.spans.items()]
    for tag in (_OPEN_TAG, _NOUN_TAG, _CLOSE_TAG):
        doc.vocab.strings.add(tag)
    with doc.retokenize() as retokenizer:
        for i, parts in cuts.items():
            token = doc[i]
            first = token.head if token.head.i != token.i else (token, 0)
            heads = [first, (token, 0), (token, 0), (token, 0)]
            attrs = {"TAG": [token.tag_, _OPEN_TAG, _NOUN_TAG, _CLOSE_TAG],
                     "POS": [token.pos_ or "NOUN", "PUNCT", "NOUN", "PUNCT"],
                     "LEMMA": parts, "NORM": parts}
            if doc.has_annotation("DEP"):
                attrs["DEP"] = [token.dep_, "punct", "appos", "punct"]
            retokenizer.split(token, parts, heads=heads, attrs=attrs)
    _align_user_data(doc, {i: len(p) for i, p in cuts.items()}, n_before)
    for key, spans in groups:
        rebuilt = [doc.char_span(s, e, label=label, kb_id=kb) for s, e, label, kb in spans]
        doc.spans[key] = [span for span in rebuilt if span is not None]
    logger.debug("split %d glossed tokens", len(cuts))
    return len(cuts)


def _align_user_data(doc: Doc, pieces: Dict[int, int], n_before: int) -> None:
    """Keep ja_ginza's per-token data aligned: an old token ``j`` maps to its first piece."""
    def new(j: int) -> int:
        return j + sum(n - 1 for c, n in pieces.items() if c < j)

    for key, value in list(doc.user_data.items()):
        if isinstance(value, dict) and value and all(isinstance(k, int) for k in value):
            doc.user_data[key] = {new(k): _renumber(v, new) for k, v in value.items()}
        elif isinstance(value, (list, tuple)) and len(value) == n_before:
            out: list = []
            for i, item in enumerate(value):
                item = new(item) if _is_index(item) else item
                out.append(item)
                extra = pieces.get(i, 1) - 1
                if extra:
                    rest = "I" if key == "bunsetu_bi_labels" else "CONT" if key == "bunsetu_position_types" else item
                    out += [rest] * extra
            doc.user_data[key] = type(value)(out)
        elif isinstance(value, (list, tuple)) and value and all(_is_index(v) for v in value):
            doc.user_data[key] = type(value)(new(v) for v in value)


def _is_index(item: object) -> bool:
    return isinstance(item, int) and not isinstance(item, bool)


def _renumber(value: object, new: Callable[[int], int]) -> object:
    if not isinstance(value, (list, tuple)) or not all(_is_index(v) for v in value):
        return value
    return type(value)(new(v) for v in value)
