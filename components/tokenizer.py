"""A lean SudachiPy tokenizer for the fast config, the same tokens as spaCy's.

spaCy's ``JapaneseTokenizer`` in split mode C re-tokenizes every morpheme in
modes A and B to fill ``doc.user_data["sub_tokens"]``, builds a named tuple
per morpheme, and sets tag, POS, lemma, norm and morph one ``Token`` at a
time; that costs about five times Sudachi's own analysis. Our components read
only token texts, spaces and ``tag_``, and ``gunji_doc_cleaner`` throws the
sub-tokens away. This tokenizer asks one Sudachi tokenizer (mode C) for each
morpheme's fields once, and builds the Doc with ``Doc(words, spaces)`` and
one ``Doc.from_array`` call.

Tokens, spaces, ``tag_``, ``pos``, ``lemma_``, ``norm_`` and ``morph`` are
those of spaCy's tokenizer: the same empty-morpheme filter, the same merge of
consecutive Sudachi space morphemes, the same gap tokens (tag ``空白``) for
whitespace between words, the same ``resolve_pos`` bigram rules. ``fields``
chooses which of the attributes are filled (``tag`` always is); what is left
out keeps spaCy's default (lemma and norm read as the text, no POS or morph).
Sub-tokens are never computed.

Sudachi's input limit (49,149 bytes) applies as before; ``gunji annotate``
cuts longer texts first (``pipeline/chunking.py``). Sudachi is not thread-safe
(CONVENTIONS pitfall 4): use one tokenizer per process (``nlp.pipe(n_process=N)``
pickles the config and builds a fresh Sudachi tokenizer in each worker).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import numpy
import srsly
from spacy import util
from spacy.attrs import LEMMA, MORPH, NORM, POS, TAG
from spacy.lang.ja import resolve_pos
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

FIELDS = ("tag", "pos", "lemma", "norm", "morph")
GAP_TAG = "空白"
_READING_ESCAPE = re.compile("[=|]")
# A word's row: (surface, tag, inflection, lemma, norm, reading); reading None for gap tokens.
Row = Tuple[str, str, str, str, str, Optional[str]]


@registry.tokenizers("gunji.SudachiTokenizer.v1")
def create_tokenizer(split_mode: str = "C", fields: Sequence[str] = FIELDS) -> Callable[[Any], "SudachiTokenizer"]:
    """The config entry ``@tokenizers = "gunji.SudachiTokenizer.v1"``.

    Args:
        split_mode (str): Sudachi's split mode, ``"A"``, ``"B"`` or ``"C"``.
        fields (Sequence[str]): Token attributes to fill, of ``FIELDS`` (``tag`` is always filled).
    """
    def tokenizer_factory(nlp: Any) -> "SudachiTokenizer":
        return SudachiTokenizer(nlp.vocab, split_mode=split_mode, fields=fields)

    return tokenizer_factory


def _sudachi(split_mode: str) -> Any:
    """A Sudachi tokenizer in ``split_mode``, on the installed system dictionary (as spaCy's).

    All word-info fields are loaded: Sudachi's numeral-joining plugin reads the
    normalized form while it segments (without it ``一.1`` is cut in three), so
    loading fewer fields could change the tokens.
    """
    from sudachipy import Dictionary, SplitMode

    modes = {"A": SplitMode.A, "B": SplitMode.B, "C": SplitMode.C}
    if split_mode not in modes:
        raise ValueError(f"split_mode must be one of A, B, C, not {split_mode!r}")
    return Dictionary().create(mode=modes[split_mode])


class SudachiTokenizer:
    """Text → Doc with Sudachi's morphemes, without sub-tokens.

    Example:
        >>> nlp = spacy.blank("ja", config={"nlp": {"tokenizer": {"@tokenizers": "gunji.SudachiTokenizer.v1"}}})
        >>> [t.tag_ for t in nlp("3発を撃墜")]
    """

    def __init__(self, vocab: Vocab, split_mode: str = "C", fields: Iterable[str] = FIELDS) -> None:
        self.vocab = vocab
        self._configure(split_mode, fields)

    def _configure(self, split_mode: str, fields: Iterable[str]) -> None:
        unknown = set(fields) - set(FIELDS)
        if unknown:
            raise ValueError(f"unknown tokenizer fields {sorted(unknown)}; choose from {FIELDS}")
        self.split_mode = split_mode
        self.fields = tuple(f for f in FIELDS if f in set(fields) | {"tag"})
        self._tokenizer = _sudachi(split_mode)
        # One morpheme list, refilled by every call (Sudachi then allocates none).
        self._out = self._tokenizer.tokenize("")
        self._attrs = [{"tag": TAG, "pos": POS, "lemma": LEMMA, "norm": NORM, "morph": MORPH}[f]
                       for f in self.fields]
        self._rows = self.fields != ("tag",)
        self._pos_cache: Dict[int, Tuple[int, str, str]] = {}
        self._gap_tag = self.vocab.strings.add(GAP_TAG)
        self._morph_cache: Dict[Tuple[str, Optional[str]], int] = {}

    def __reduce__(self) -> Tuple[Any, ...]:
        return SudachiTokenizer, (self.vocab, self.split_mode, self.fields)

    def __call__(self, text: str) -> Doc:
        words, spaces, tags, rows = self.words(text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        if words:
            doc.from_array(self._attrs, self._array(tags, rows))
        return doc

    def words(self, text: str) -> Tuple[List[str], List[bool], List[int], List[Row]]:
        """Token texts, trailing spaces, tag hashes and (with more fields than ``tag``) rows.

        Aligned as spaCy's ``get_dtokens_and_spaces`` aligns them: empty
        morphemes are dropped; whitespace morphemes are not tokens; a single
        ``" "`` right after a word becomes that word's trailing space; other
        whitespace between words becomes a gap token tagged ``空白``; a text of
        whitespace alone is one gap token. (spaCy first merges runs of space
        morphemes, which changes none of this: only the morpheme right after
        a word is looked at, and it is never merged away.)
        """
        words: List[str] = []
        spaces: List[bool] = []
        tags: List[int] = []
        rows: List[Row] = []
        with_rows, lemma, norm = self._rows, "lemma" in self.fields, "norm" in self.fields
        reading = "morph" in self.fields
        pos_cache = self._pos_cache
        pos = 0
        after_word = False
        for m in self._tokenizer.tokenize(text, out=self._out):
            surface = m.surface()
            if not surface:
                continue
            if after_word:
                after_word = False
                if surface == " ":
                    spaces[-1] = True
                    pos += 1
            if surface.isspace():
                continue
            start = text.find(surface, pos)
            if start < 0:
                raise ValueError(f"Sudachi's tokens do not match the text at {pos}: {surface!r}")
            if start > pos:
                self._add_gap(text[pos:start], words, spaces, tags, rows)
            info = pos_cache.get(m.part_of_speech_id())
            if info is None:
                info = pos_cache[m.part_of_speech_id()] = self._pos_info(m.part_of_speech())
            words.append(surface)
            spaces.append(False)
            tags.append(info[0])
            if with_rows:
                rows.append((surface, info[1], info[2], m.dictionary_form() if lemma else "",
                             m.normalized_form() if norm else "", m.reading_form() if reading else None))
            pos = start + len(surface)
            after_word = True
        if pos < len(text):
            self._add_gap(text[pos:] if words else text, words, spaces, tags, rows)
        return words, spaces, tags, rows

    def _add_gap(self, gap: str, words: List[str], spaces: List[bool], tags: List[int], rows: List[Row]) -> None:
        words.append(gap)
        spaces.append(False)
        tags.append(self._gap_tag)
        if self._rows:
            rows.append((gap, GAP_TAG, "", gap, gap, None))

    def _pos_info(self, pos: Sequence[str]) -> Tuple[int, str, str]:
        """spaCy's tag (the first four POS levels, ``*`` left out) as hash and string, and inflection (the rest)."""
        tag = "-".join([x for x in pos[:4] if x != "*"])
        return self.vocab.strings.add(tag), tag, ";".join([x for x in pos[4:] if x != "*"])

    def _array(self, tags: List[int], rows: List[Row]) -> numpy.ndarray:
        if not self._rows:
            return numpy.array(tags, dtype="uint64").reshape(-1, 1)
        add = self.vocab.strings.add
        columns: List[List[int]] = [tags]
        for field in self.fields[1:]:
            if field == "pos":
                columns.append(_pos_column(rows))
            elif field == "lemma":
                columns.append([add(w[3] or w[0]) for w in rows])
            elif field == "norm":
                columns.append([add(w[4]) for w in rows])
            else:
                columns.append([self._morph(w[2], w[5]) for w in rows])
        return numpy.array(columns, dtype="uint64").T.copy()

    def _morph(self, inflection: str, reading: Optional[str]) -> int:
        """The morph hash spaCy's tokenizer gives (``Inflection``, ``Reading`` with = and | escaped)."""
        key = (inflection, reading)
        value = self._morph_cache.get(key)
        if value is None:
            features: Dict[str, str] = {}
            if inflection:
                features["Inflection"] = inflection
            if reading:
                features["Reading"] = _READING_ESCAPE.sub("_", reading)
            value = self._morph_cache[key] = self.vocab.morphology.add(features)
            self.vocab.strings.add(self.vocab.morphology.get(value))
        return value

    # --- serialisation: only the settings travel; Sudachi's dictionary is an installed package

    def _get_config(self) -> Dict[str, Any]:
        return {"split_mode": self.split_mode, "fields": list(self.fields)}

    def _set_config(self, config: Dict[str, Any]) -> None:
        self._configure(config.get("split_mode", "C"), config.get("fields", FIELDS))

    def to_bytes(self, **kwargs: Any) -> bytes:
        return util.to_bytes({"cfg": lambda: srsly.json_dumps(self._get_config())}, [])

    def from_bytes(self, data: bytes, **kwargs: Any) -> "SudachiTokenizer":
        util.from_bytes(data, {"cfg": lambda b: self._set_config(srsly.json_loads(b))}, [])
        return self

    def to_disk(self, path: Union[str, Path], **kwargs: Any) -> None:
        util.to_disk(util.ensure_path(path), {"cfg": lambda p: srsly.write_json(p, self._get_config())}, [])

    def from_disk(self, path: Union[str, Path], **kwargs: Any) -> "SudachiTokenizer":
        util.from_disk(util.ensure_path(path), {"cfg": lambda p: self._set_config(srsly.read_json(p))}, [])
        return self


def _pos_column(words: List[Row]) -> List[int]:
    """Universal POS per word by spaCy's own ``resolve_pos`` (orth map, tag bigrams, tag map)."""
    out: List[int] = []
    next_pos = None
    last = len(words) - 1
    for i, w in enumerate(words):
        if next_pos:
            out.append(next_pos)
            next_pos = None
        else:
            pos, next_pos = resolve_pos(w[0], w[1], words[i + 1][1] if i < last else None)
            out.append(pos)
    return out
