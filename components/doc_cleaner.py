"""Drop bulky per-doc data that nothing downstream reads.

ja_ginza's tok2vec leaves a float tensor on every doc, and the Japanese
tokenizer in split mode C keeps Sudachi's sub-tokens in
``doc.user_data["sub_tokens"]``. ``nlp.pipe(n_process=N)`` ships each doc back
to the parent through ``Doc.to_bytes``, and ``DocBin(store_user_data=True)``
writes user data to disk, so both would travel and be stored for nothing.
The sub-tokens also come back from a DocBin as plain tuples, on which
``ginza.sub_tokens()`` fails (CONVENTIONS pitfall 3). spaCy's own
``doc_cleaner`` sets attributes but cannot delete a user-data key, hence this.
"""
from __future__ import annotations

from typing import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from .registration import factory


@factory(
    "gunji_doc_cleaner",
    default_config={"drop_tensor": True, "drop_user_data": ["sub_tokens"]},
)
def make_doc_cleaner(nlp: Language, name: str, *, drop_tensor: bool, drop_user_data: Sequence[str]) -> "DocCleaner":
    """Build the cleaner; it should run last."""
    return DocCleaner(drop_tensor=drop_tensor, drop_user_data=drop_user_data)


class DocCleaner:
    """Remove ``doc.tensor`` and the named ``doc.user_data`` keys."""

    def __init__(self, *, drop_tensor: bool = True, drop_user_data: Sequence[str] = ("sub_tokens",)) -> None:
        self.drop_tensor = drop_tensor
        self.drop_user_data = list(drop_user_data)

    def __call__(self, doc: Doc) -> Doc:
        if self.drop_tensor and doc.tensor is not None and doc.tensor.size:
            doc.tensor = None
        for key in self.drop_user_data:
            doc.user_data.pop(key, None)
        return doc
