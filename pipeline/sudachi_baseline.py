"""SudachiPy alone, as ``gunji bench``'s floor: what any Japanese pipeline on Sudachi must pay.

``gunji bench`` compares the fast config with spaCy's ``JapaneseTokenizer``
(the Doc our components start from) and also with this: one SudachiPy
tokenizer in split mode C that reads, for every morpheme, the fields a
tokenizer needs (surface, part of speech, dictionary form, reading, normalized
form) and builds no Doc. ``fast ÷ sudachi`` says how much of Sudachi's own
speed is left after spaCy's Doc and our components.
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator, List, Tuple

Fields = Tuple[str, Tuple[str, ...], str, str, str]


class RawSudachi:
    """A stand-in with ``pipe`` and ``pipe_names`` like a ``Language``, so the bench times it alike.

    Only ``n_process=1`` is supported: Sudachi is not thread-safe, and a
    process pool would time the pool rather than Sudachi.
    """

    pipe_names: List[str] = []

    def __init__(self, split_mode: str = "C") -> None:
        from sudachipy import Dictionary, SplitMode

        self._tokenizer = Dictionary().create(mode=getattr(SplitMode, split_mode))

    def __call__(self, text: str) -> List[Fields]:
        return [(m.surface(), m.part_of_speech(), m.dictionary_form(), m.reading_form(), m.normalized_form())
                for m in self._tokenizer.tokenize(text)]

    def pipe(self, texts: Iterable[str], batch_size: int = 1, n_process: int = 1, **_: Any) -> Iterator[List[Fields]]:
        """The fields of each text's morphemes, one list per text."""
        if n_process != 1:
            raise ValueError("RawSudachi runs in one process only")
        for text in texts:
            yield self(text)
