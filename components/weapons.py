"""``weapon_recognizer``: named weapon systems and weapon classes as ``WEAPON`` spans.

Writes to ``doc.spans[spans_key]`` (default ``"weapons"``). Each span stores
``{"canonical", "weapon_class", "origin", "kind"}`` through
``components.attributes.set_span_attrs`` (``kind`` is ``name``, ``family``,
``class``, ``quoted`` or ``ner``); a canonical name also goes to ``span.kb_id_``.

One pass of one folded trie (``FoldedGazetteer``) over the doc finds every
known surface form: system names (``イスカンデルM``, ``Ｋｈ−４７Ｍ２``), class
heads (``ミサイル``, ``drones``), type modifiers (``自爆型``, ``long-range``),
cue words and stop phrases. The rules then compose them:

- modifiers directly before a head join it and refine its class
  (``空中発射型弾道ミサイル`` → air_launched_ballistic_missile), while origin and
  evaluative words (``国産``, ``北朝鮮製``, ``最新鋭``) are simply not modifiers;
- a name followed by ``型``/``系`` and a head is one span (``シャヘド型無人機``);
- designation families (``Su``/``MiG``/``T``/``BMP`` + number) cover models
  missing from the gazetteer;
- an alias that is also a common word (``Lancet``, ``ネプチューン``) needs
  military context nearby;
- a quoted katakana or Latin name right after a class noun is a system or a
  ship even when no table lists it (``揚陸艦「…」``, ``迎撃ドローン「…」Sting``);
- ja_ginza's ``Weapon``/``Aircraft``/``Ship`` entities may add unknown names.
The rules live in :mod:`components.weapon_rules` and :mod:`components.weapon_compose`,
the knowledge in
``data/weapons.jsonl`` and ``data/weapon_classes.jsonl``.
"""
from __future__ import annotations

import dataclasses
import logging
import re
from itertools import repeat
from pathlib import Path
from typing import Iterable, List, Optional, Sequence, Tuple, Union

from spacy.attrs import ENT_TYPE, SPACY, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span


from .registration import factory
from .token_splits import split_tokens
from .gloss_tokens import split_glosses
from .attributes import register_extensions, set_span_attrs
from .gazetteer import FoldedGazetteer, token_view
from .tables import TablePipe
from .weapon_compose import Candidate, Tok, choose_candidates, trie_entries
from .weapon_rules import KATAKANA_WORD, Grammar, grammar_from_records, names_from_records, read_jsonl

logger = logging.getLogger(__name__)
_PLURAL_ACRONYM = re.compile(r"[A-Z]{3,}(?<!S)")  # HARM → HARMs; never ATACMS, HIMARS

SPANS_KEY = "weapons"
LABEL = "WEAPON"
NAMES_FILE = "weapons.jsonl"
CLASSES_FILE = "weapon_classes.jsonl"
NER_LABELS = ["Weapon", "Aircraft", "Ship"]
UNITS_KEY = "military_units"  # the military_unit_recognizer's group: unit names are not guessed weapons
GUESSES = ("ner", "unknown")  # candidate kinds found by NER or by shape, not from a table


@factory(
    "weapon_recognizer",
    assigns=["doc.spans"],
    default_config={
        "spans_key": SPANS_KEY,
        "data_path": None,
        "classes_path": None,
        "use_ner_signal": True,
        "ner_labels": NER_LABELS,
        "context_window": 20,
        "yield_to": [],
    },
    default_score_weights={f"spans_{SPANS_KEY}_f": None},
)
def make_weapon_recognizer(nlp: Language, name: str, *, spans_key: str, data_path: Optional[str],
                           classes_path: Optional[str], use_ner_signal: bool, ner_labels: List[str],
                           context_window: int, yield_to: List[str]) -> "WeaponRecognizer":
    """Build the recogniser; ``data_path``/``classes_path`` override the packaged JSONL files."""
    return WeaponRecognizer(nlp.vocab, name, spans_key=spans_key, data_path=data_path,
                            classes_path=classes_path, use_ner_signal=use_ner_signal,
                            ner_labels=ner_labels, context_window=context_window, yield_to=yield_to)


def _inside_japanese_unit(tokens: Sequence[Tok], cand: Candidate, units: Sequence[Tuple[int, int]]) -> bool:
    """Whether a Japanese weapon word lies inside a longer unit name: ``戦車大隊``, ``地対空ミサイル部隊``.

    Annotators of published reporting mark such a compound as one MIL_UNIT and
    no WEAPON inside it (corpus/realtext NOTES-real1 to real4, every case); a listed
    hyphenated designation is a WEAPON inside it too (``F-35A飛行隊``); inside an English unit name a
    weapon word stays a WEAPON (``Rocket Squad`` in the shared dev gold), as a
    separate word.
    """
    if cand.kind == "name" and _HYPHENATED_CODE.fullmatch("".join(t.text for t in tokens[cand.start:cand.end])):
        return False  # F-35A飛行隊, RS-24大隊: a listed hyphenated designation naming a unit stays a WEAPON too
    return any(s <= cand.start and cand.end <= e and e - s > cand.end - cand.start
               and not all(t.text.isascii() for t in tokens[s:e]) for s, e in units)  # 戦車大隊: one unit


# a Latin designation with a hyphen and a digit (F-35A, RS-24, S-400): the annotators of parts 67 to 76 marked
# it a WEAPON inside the unit it names in all six cases (F-4EJ飛行隊, S-400ミサイル部隊), where real32's
# annotator had not (S-400対空大隊); a short code (K2大隊, a Ukrainian unit's name) stays inside the unit
_HYPHENATED_CODE = re.compile(r"[A-Z]{1,4}-[0-9]{1,4}[A-Z]{0,3}")


_OPEN_QUOTES = {"「", "『", "“", '"'}
# CUAVテクノロジー社, Brahmosエアロスペース社: a name glued before a company word and 社 is the maker's name
_COMPANY_AFTER = re.compile(r"(?:テクノロジー|テクノロジーズ|エアロスペース|インダストリー|インダストリーズ|システムズ"
                            r"|ホールディングス|ダイナミクス|ディフェンス)社")
_ATTACK_AFTER = re.compile(r"(?:[(（][^()（）]{1,8}[)）])?(?:による|の|で)?(?:攻撃|空爆|空襲|襲撃)")


# a system word after the dot is what the name is (オレシュニク・システム: the Oreshnik system), no longer name
_SYSTEM_WORDS = frozenset({"システム", "ミサイルシステム"})


def _inside_dotted_name(tokens: Sequence[Tok], chosen: Sequence[Candidate]) -> List[Candidate]:
    """Drop a listed katakana name joined by ``・`` to a katakana word that is no weapon: ``ウラン・ウデ``
    is a city, not the Kh-35 (``ウラン``); ``シャヘド・ドローン`` keeps both (``ドローン`` is a candidate), and
    ``オレシュニク・システム`` keeps the name (the system it is)."""
    covered = {i for c in chosen for i in range(c.start, c.end)}
    n = len(tokens)

    def joined(dot: int, other: int) -> bool:
        return (0 <= other < n and tokens[dot].text == "・" and other not in covered
                and bool(KATAKANA_WORD.fullmatch(tokens[other].text)) and tokens[other].text not in _SYSTEM_WORDS)

    return [c for c in chosen if c.kind != "name" or not KATAKANA_WORD.fullmatch(tokens[c.start].text)
            or not ((c.end < n and joined(c.end, c.end + 1)) or (c.start > 1 and joined(c.start - 1, c.start - 2)))]


def _toks(doc: Doc) -> List[Tok]:
    """A ``Tok`` per token, from arrays and the shared token view, not a Token object per token.

    A doc has a few dozen distinct tags and entity types and hundreds of tokens,
    so each string is read from the store once (``names``) and the columns are
    zipped into ``Tok`` by ``map``, with no Python loop per token.
    """
    if not len(doc):
        return []
    rows = doc.to_array([SPACY, ENT_TYPE, TAG])
    spaces, ents, tags = rows[:, 0].tolist(), rows[:, 1].tolist(), rows[:, 2].tolist()
    strings = doc.vocab.strings
    names = {key: strings[key] for key in set(ents).union(tags) if key}
    names[0] = ""
    # ``tuple.__new__(Tok, row)`` builds the NamedTuple in C (``Tok(...)`` runs its Python-level ``__new__``)
    return list(map(tuple.__new__, repeat(Tok), zip(token_view(doc).texts, map(bool, spaces),
                                                     map(names.__getitem__, ents), map(names.__getitem__, tags))))


class WeaponRecognizer(TablePipe):
    """Finds weapon systems and weapon classes.

    Args:
        vocab (Vocab): The shared vocabulary.
        name (str): The component name.
        spans_key (str): Span group to write; spans already there are kept.
        data_path (Optional[str]): Named systems JSONL (``weapons.jsonl``).
        classes_path (Optional[str]): Class grammar JSONL (``weapon_classes.jsonl``).
        use_ner_signal (bool): Let ja_ginza's entities add unknown names.
        ner_labels (Sequence[str]): Which ja_ginza entity labels count as weapons.
        context_window (int): Tokens either side searched for military context
            before an ambiguous alias or an NER guess is accepted.
        yield_to (Sequence[str]): Span groups (set by earlier components) whose
            spans hold no WEAPON, e.g. ``["military_units"]`` to drop ``ドローン`` in
            ``ドローン部隊``. Empty by default: ANNOTATION.md counts a weapon word
            inside a longer noun, and the shared dev gold nests ``Rocket`` in
            ``Rocket Squad``.
    """

    def __init__(self, vocab, name: str = "weapon_recognizer", *, spans_key: str = SPANS_KEY,
                 data_path: Optional[Union[str, Path]] = None,
                 classes_path: Optional[Union[str, Path]] = None, use_ner_signal: bool = True,
                 ner_labels: Sequence[str] = tuple(NER_LABELS), context_window: int = 20,
                 yield_to: Sequence[str] = ()) -> None:
        register_extensions()
        self.vocab = vocab
        self.name = name
        self.spans_key = spans_key
        self.use_ner_signal = use_ner_signal
        self.ner_labels = list(ner_labels)
        self.context_window = context_window
        self.yield_to = list(yield_to)
        self._init_tables({NAMES_FILE: data_path, CLASSES_FILE: classes_path})

    def _load(self) -> None:
        """Read both data files into one trie; runs no pipeline component."""
        with self.tables[NAMES_FILE].open(encoding="utf-8") as f:
            names = names_from_records(read_jsonl(f))
        with self.tables[CLASSES_FILE].open(encoding="utf-8") as f:
            self.grammar: Grammar = grammar_from_records(read_jsonl(f))
        # English plurals of acronym names (HARMs, NOTES-real19), after every listed name so none is shadowed
        names = list(names) + [(alias + "s", dataclasses.replace(name, alias=alias + "s")) for alias, name in names
                                 if _PLURAL_ACRONYM.fullmatch(alias)]
        self.gazetteer: FoldedGazetteer = FoldedGazetteer()
        for term, payload in trie_entries(names, self.grammar).items():
            self.gazetteer.add(term, payload)
        logger.debug("weapon_recognizer: %d trie keys", len(self.gazetteer))

    def _known(self, word: str) -> bool:
        """Whether ``word`` is a listed name or class head (a glossed token worth splitting)."""
        payload = self.gazetteer.lookup(word)
        return bool(payload) and ("name" in payload or "head" in payload)

    def _coordinated(self, tokens: Sequence[Tok], cand: Candidate) -> List[Candidate]:
        """``ミサイル・ドローン攻撃`` is an attack by missiles and drones: before an attack word, a class span
        whose ``・`` joins two whole class heads is two spans (NOTES-real9). Elsewhere ``ミサイル・ドローン`` is
        the Ukrainian jet "missile drone" class, and ``空中給油・輸送機`` (a modifier first) is one class."""
        if cand.kind != "class" or cand.end - cand.start != 3 or tokens[cand.start + 1].text != "・":
            return [cand]
        after = "".join(t.text for t in tokens[cand.end:cand.end + 8])
        if not _ATTACK_AFTER.match(after):
            return [cand]
        heads = [self.gazetteer.lookup(tokens[i].text) or {} for i in (cand.start, cand.start + 2)]
        if not all("head" in h for h in heads):
            return [cand]
        return [Candidate(i, i + 1, None, h["head"].weapon_class, None, "class")
                for i, h in zip((cand.start, cand.start + 2), heads)]

    def find(self, doc: Doc) -> List[Candidate]:
        """The chosen, non-overlapping candidates for ``doc`` (one trie pass)."""
        split_glosses(doc, self._known)  # 無人機(ドローン) → 無人機|(|ドローン|) (components.gloss_tokens)
        split_tokens(doc)  # 機数|十 → 機|数|十, リュティドローン → リュティ|ドローン (components.token_splits)
        hits = [(m.start, m.end, m.payload) for m in self.gazetteer.find(doc, longest_only=False)]
        tokens = _toks(doc)
        # no entity on any token (the fast config): no NER guesses to look for, so no pass over the tokens
        labels = self.ner_labels if self.use_ner_signal and doc.has_annotation("ENT_TYPE") else ()
        chosen = _inside_dotted_name(tokens, choose_candidates(tokens, hits, self.grammar, self.context_window, labels))
        chosen = [part for cand in chosen for part in self._coordinated(tokens, cand)]
        chosen = [c for c in chosen if c.end >= len(tokens) or tokens[c.end - 1].space
                  or not _COMPANY_AFTER.match("".join(t.text for t in tokens[c.end:c.end + 4]))]
        units = [(s.start, s.end) for s in doc.spans[UNITS_KEY]] if UNITS_KEY in doc.spans else []
        if units:  # 部隊「ルビコン」: a guessed name that is a unit's name is no weapon
            quoted_units = {(s, e) for s, e in units if s > 0 and tokens[s - 1].text in _OPEN_QUOTES}
            chosen = [c for c in chosen if (not any(s <= c.start and c.end <= e for s, e in units)
                      or (c.kind not in GUESSES and not _inside_japanese_unit(tokens, c, units)))
                      and (c.start, c.end) not in quoted_units]  # 第47旅団(“マグラ”): the brigade's name, not the drone
        held = [(s.start, s.end) for key in self.yield_to if key in doc.spans for s in doc.spans[key]]
        if not held:
            return chosen
        return [c for c in chosen if not any(s <= c.start and c.end <= e for s, e in held)]

    def set_annotations(self, doc: Doc, candidates: Iterable[Candidate]) -> None:
        """Write the chosen candidates as ``WEAPON`` spans with their attributes."""
        group = list(doc.spans[self.spans_key]) if self.spans_key in doc.spans else []
        new: List[Span] = []
        for cand in candidates:
            span = Span(doc, cand.start, cand.end, label=LABEL, kb_id=cand.canonical or "")
            set_span_attrs(span, {"canonical": cand.canonical, "weapon_class": cand.weapon_class,
                                  "origin": cand.origin, "kind": cand.kind})
            new.append(span)
        doc.spans[self.spans_key] = group + new
