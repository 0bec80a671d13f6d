"""Split texts too long for Sudachi or ``nlp.max_length``, and join their docs back.

SudachiPy refuses inputs over 49,149 bytes of UTF-8 (CONVENTIONS pitfall 9)
and spaCy refuses texts over ``nlp.max_length`` characters. A long text is cut
into pieces at sentence ends (``。！？`` and newlines), else at commas or
spaces, else anywhere, each piece under both limits (``components.text_pieces``). The pieces are annotated
as usual and joined with ``Doc.from_docs``; our attribute store is re-keyed so
every span and offset refers to the original text, which is the pieces
concatenated, unchanged.
"""
from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc

from components.attributes import STORE_ATTR, merge_stores, register_extensions
from components.text_pieces import DEFAULT_MAX_BYTES, SUDACHI_MAX_BYTES, split_text  # noqa: F401  (re-exported)


def join_docs(docs: Sequence[Doc]) -> Doc:
    """One doc from the docs of consecutive pieces, offsets shifted to the joined text."""
    if len(docs) == 1:
        return docs[0]
    register_extensions()
    joined = Doc.from_docs(list(docs), ensure_whitespace=False, exclude=["user_data"])
    offsets, pos = [], 0
    for doc in docs:
        offsets.append(pos)
        pos += len(doc.text)
    store = merge_stores((doc._.get(STORE_ATTR), offset) for doc, offset in zip(docs, offsets))
    joined._.set(STORE_ATTR, store or None)
    return joined
