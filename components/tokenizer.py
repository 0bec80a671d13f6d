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
out keeps spaCy's default (empty lemma and POS, no morph, the lexeme's norm,
i.e. the text). Sub-tokens are never computed. The fast config fills ``tag``
alone, which is all its components read; a component that reads ``pos_``,
``lemma_``, ``norm_`` or ``morph`` needs that field added in the config.

Sudachi refuses an input over 49,149 bytes; a longer text is tokenized piece
by piece, cut at sentence ends (``components.text_pieces``), so ``nlp(text)``
takes any text spaCy's ``max_length`` allows. (``gunji annotate`` cuts long
texts into docs of their own first: ``pipeline/chunking.py``.) Sudachi is not thread-safe
(CONVENTIONS pitfall 4): use one tokenizer per process (``nlp.pipe(n_process=N)``
pickles the config and builds a fresh Sudachi tokenizer in each worker).
"""
from __future__ import annotations

import re
from operator import itemgetter
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

from .text_pieces import split_text

FIELDS = ("tag", "pos", "lemma", "norm", "morph")
GAP_TAG = "空白"
_READING_ESCAPE = re.compile("[=|]")
_WHITESPACE = re.compile(r"\s")


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


def _sudachi(split_mode: str) -> Tuple[Any, Any]:
    """The installed system dictionary (as spaCy's) and a Sudachi tokenizer on it in ``split_mode``.

    All word-info fields are loaded: Sudachi's numeral-joining plugin reads the
    normalized form while it segments (without it ``一.1`` is cut in three), so
    loading fewer fields could change the tokens.
    """
    from sudachipy import Dictionary, SplitMode

    modes = {"A": SplitMode.A, "B": SplitMode.B, "C": SplitMode.C}
    if split_mode not in modes:
        raise ValueError(f"split_mode must be one of A, B, C, not {split_mode!r}")
    dictionary = Dictionary()
    return dictionary, dictionary.create(mode=modes[split_mode])


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
        self._dictionary, self._tokenizer = _sudachi(split_mode)
        # One morpheme list, refilled by every call (Sudachi then allocates none).
        self._out = self._tokenizer.tokenize("")
        self._attrs = [{"tag": TAG, "pos": POS, "lemma": LEMMA, "norm": NORM, "morph": MORPH}[f]
                       for f in self.fields]
        self._pos_infos = _PosInfos(self.vocab, self._dictionary)
        self._gap_info = (self.vocab.strings.add(GAP_TAG, allow_transient=False), GAP_TAG, "")
        self._morph_cache: Dict[Tuple[str, Optional[str]], int] = {}

    def __reduce__(self) -> Tuple[Any, ...]:
        return SudachiTokenizer, (self.vocab, self.split_mode, self.fields)

    def __call__(self, text: str) -> Doc:
        pieces = split_text(text)
        if len(pieces) == 1:
            morphemes: Any = self._tokenizer.tokenize(text, out=self._out)
        else:  # over Sudachi's input limit: a morpheme list per piece (each keeps its own list alive)
            morphemes = [m for piece in pieces for m in self._tokenizer.tokenize(piece)]
        surfaces = [m.surface() for m in morphemes]
        words, spaces, order = align(surfaces, text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        if words:
            doc.from_array(self._attrs, self._array(morphemes, words, order))
        return doc

    def _array(self, morphemes: Any, words: List[str], order: List[int]) -> numpy.ndarray:
        """One row per word, one column per field; ``order`` maps words to morphemes (-1: a gap token)."""
        infos = self._pos_infos
        pos_ids = [m.part_of_speech_id() for m in morphemes]
        if len(self.fields) == 1 and len(order) == len(pos_ids) and -1 not in order:
            # tags alone and one word per morpheme, in order (no gap token, no empty morpheme): in C
            return numpy.array(list(map(itemgetter(0), map(infos.__getitem__, pos_ids))), dtype="uint64").reshape(-1, 1)
        rows = [infos[pos_ids[i]] if i >= 0 else self._gap_info for i in order]
        columns: List[List[int]] = [[r[0] for r in rows]]
        if "pos" in self.fields:
            columns.append(_pos_column(words, [r[1] for r in rows]))
        if "lemma" in self.fields:
            add = self.vocab.strings.add
            lemmas = [m.dictionary_form() for m in morphemes]
            columns.append([add((lemmas[i] or words[k]) if i >= 0 else words[k]) for k, i in enumerate(order)])
        if "norm" in self.fields:
            add = self.vocab.strings.add
            norms = [m.normalized_form() for m in morphemes]
            columns.append([add(norms[i] if i >= 0 else words[k]) for k, i in enumerate(order)])
        if "morph" in self.fields:
            readings = [m.reading_form() for m in morphemes]
            columns.append([self._morph(r[2], readings[i] if i >= 0 else None) for r, i in zip(rows, order)])
        if len(columns) == 1:
            return numpy.array(columns[0], dtype="uint64").reshape(-1, 1)
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
            self.vocab.strings.add(self.vocab.morphology.get(value), allow_transient=False)
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


class _PosInfos(dict):
    """Sudachi POS id → (tag hash, tag, inflection) in spaCy's form: the first four levels joined
    by ``-`` and the rest by ``;``, ``*`` left out. Filled on first sight from the dictionary."""

    def __init__(self, vocab: Vocab, dictionary: Any) -> None:
        super().__init__()
        self._vocab, self._dictionary = vocab, dictionary

    def __missing__(self, pos_id: int) -> Tuple[int, str, str]:
        pos = self._dictionary.pos_of(pos_id)
        tag = "-".join([x for x in pos[:4] if x != "*"])
        info = self[pos_id] = (self._vocab.strings.add(tag, allow_transient=False), tag, ";".join([x for x in pos[4:] if x != "*"]))
        return info


def align(surfaces: List[str], text: str) -> Tuple[List[str], List[bool], List[int]]:
    """Words, trailing spaces, and each word's morpheme index (-1 for a gap token), as spaCy aligns them.

    As in spaCy's ``get_dtokens_and_spaces``: empty morphemes are dropped;
    whitespace morphemes are not words; a single ``" "`` right after a word
    becomes that word's trailing space; other whitespace between words becomes
    a gap token (tagged ``空白``); a text of whitespace alone is one gap token.
    (spaCy first merges runs of space morphemes, which changes none of this:
    only the morpheme right after a word is looked at, and it is never merged
    away.) Sudachi's surfaces tile the text, so only the runs of whitespace
    morphemes need handling; the words between them are copied in slices.
    """
    if "" in surfaces:
        return _align_each(surfaces, text)
    n = len(surfaces)
    if not _WHITESPACE.search(text):
        return surfaces, [False] * n, list(range(n))
    words: List[str] = []
    spaces: List[bool] = []
    order: List[int] = []
    copied = 0
    for start, end in _runs([i for i, surface in enumerate(surfaces) if surface.isspace()]):
        words += surfaces[copied:start]
        spaces += [False] * (start - copied)
        order += range(copied, start)
        gap = "".join(surfaces[start:end])
        if start > 0 and surfaces[start] == " ":  # the word before keeps one space
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
            order.append(-1)
        copied = end
    words += surfaces[copied:]
    spaces += [False] * (n - copied)
    order += range(copied, n)
    return words, spaces, order


def _runs(indices: List[int]) -> List[Tuple[int, int]]:
    """Maximal runs of consecutive integers in the sorted ``indices``, as ``(first, last + 1)``."""
    runs: List[Tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _align_each(surfaces: List[str], text: str) -> Tuple[List[str], List[bool], List[int]]:
    """``align`` morpheme by morpheme, for the rare analysis with empty morphemes (``…`` may give some)."""
    words: List[str] = []
    spaces: List[bool] = []
    order: List[int] = []
    pos = 0
    after_word = False
    for i, surface in enumerate(surfaces):
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
            words.append(text[pos:start])
            spaces.append(False)
            order.append(-1)
        words.append(surface)
        spaces.append(False)
        order.append(i)
        pos = start + len(surface)
        after_word = True
    if pos < len(text):
        words.append(text[pos:] if words else text)
        spaces.append(False)
        order.append(-1)
    return words, spaces, order


def _pos_column(words: List[str], tags: List[str]) -> List[int]:
    """Universal POS per word by spaCy's own ``resolve_pos`` (orth map, tag bigrams, tag map)."""
    out: List[int] = []
    next_pos = None
    last = len(words) - 1
    for i, word in enumerate(words):
        if next_pos:
            out.append(next_pos)
            next_pos = None
        else:
            pos, next_pos = resolve_pos(word, tags[i], tags[i + 1] if i < last else None)
            out.append(pos)
    return out
