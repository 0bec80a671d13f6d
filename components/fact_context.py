"""``fact_context``: where and when each fact happened.

Runs after the fact extractor, which gives a QUANTITY that counts an event
an ``event`` key and role objects (``trigger``, ``actor``, ``weapon``,
``target``, ``source``: ``{"start", "end", "text"}``) in the attribute store.
For each such QUANTITY this component adds

- ``place``: ``{"start", "end", "text", "canonical", "country", "lat", "lon"}``,
  the PLACE where the event happened, and ``lat``/``lon`` beside it;
- ``time``: ``{"start", "end", "text"}``, the TIME it happened.

The place is the target where the target is a PLACE (``キーウ州を攻撃``),
else the nearest PLACE of the sentence, clause first, that is no actor or
source (``ロシアは`` launches; it is not where the drones fell) nor a country
owning what is counted (``ロシアの無人機50機を撃墜``). Places written
together (``ドネツク州ポクロウスク``, ``クリミア半島西部のサキ``) are one
description and the most specific of them is taken (town over oblast);
a country only where the sentence names nothing smaller. With no place in
the sentence, the previous sentence's is used (news states the place first
and the toll in the next sentence). The time is the nearest TIME of the
sentence, else the first TIME of the paragraph before the fact (its lead).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Any, Dict, List, Optional, Sequence, Tuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from .batching import BatchedPipe
from .attributes import get_span_attrs, register_extensions, set_span_attrs
from .gazetteer import token_view
from .places import SPECIFICITY
from .registration import factory

SENTENCE_END = re.compile(r"[。！？!?\n]")
CLAUSE_END = re.compile(r"[。！？!?\n、，,；;]")
CHAIN_GAP = re.compile(r"^(?:の|・|\s|[東西南北中]部の?|北東部の?|北西部の?|南東部の?|南西部の?|州都|の町|の村|の都市|郊外の?)*$")
ROLE_KEYS = ("actor", "source")
ORIGIN_REACH = 12  # characters from ``…の`` to the counted thing: ``ロシアの自爆型無人機50機``


def _bounds(text: str, pos: int, pattern: re.Pattern) -> Tuple[int, int]:
    """The [start, end) of the piece of ``text`` (sentence or clause) holding ``pos``: from the end of the last
    break before ``pos`` to the end of the first at or after it (both patterns match one character)."""
    ends = _break_ends(text, pattern)
    k = bisect_right(ends, pos)
    return (ends[k - 1] if k else 0), (ends[k] if k < len(ends) else len(text))


@lru_cache(maxsize=4)
def _break_ends(text: str, pattern: re.Pattern) -> List[int]:
    """Where each break of ``text`` ends, in order: computed once per doc, not once per count (a long doc's
    thousands of counts each scanned the text up to themselves)."""
    return [m.end() for m in pattern.finditer(text)]


def _chains(places: Sequence[Span], text: str) -> List[List[Span]]:
    """Places written together as one description (``ドネツク州ポクロウスク``)."""
    chains: List[List[Span]] = []
    for span in sorted(places, key=lambda s: s.start_char):
        if chains and CHAIN_GAP.match(text[chains[-1][-1].end_char:span.start_char]):
            chains[-1].append(span)
        else:
            chains.append([span])
    return chains


def _specific(chain: Sequence[Span]) -> Span:
    """The most specific place of a chain; the later one on ties."""
    return min(reversed(list(chain)), key=lambda s: SPECIFICITY.get(get_span_attrs(s).get("kind", ""), 3))


def _is_country(span: Span) -> bool:
    return get_span_attrs(span).get("kind") == "country"


def _distance(span: Span, q: Span) -> int:
    return max(span.start_char - q.end_char, q.start_char - span.end_char, 0)


def _overlaps(span: Span, role: Optional[Dict[str, Any]]) -> bool:
    return bool(role) and span.start_char < role["end"] and role["start"] < span.end_char


def _origin(p: Span, q: Span, attrs: Dict[str, Any], text: str) -> bool:
    """A country written as the owner of what is counted (``ロシアの無人機50機``), not a location."""
    if not _is_country(p) or text[p.end_char:p.end_char + 1] != "の":
        return False
    weapon = attrs.get("weapon")
    near = [q.start_char] + ([weapon["start"]] if weapon else [])
    return any(0 < at - p.end_char <= ORIGIN_REACH for at in near)


def choose_place(q: Span, attrs: Dict[str, Any], places: Sequence[Span], text: str) -> Optional[Span]:
    """The PLACE where the fact counted by ``q`` happened, or None."""
    target = attrs.get("target")
    hit = [p for p in places if _overlaps(p, target)]
    if hit:
        return _specific(hit)
    free = [p for p in places if not any(_overlaps(p, attrs.get(k)) for k in ROLE_KEYS)
            and not _origin(p, q, attrs, text)]
    s0, s1 = _bounds(text, q.start_char, SENTENCE_END)
    c0, c1 = _bounds(text, q.start_char, CLAUSE_END)
    in_sentence = [p for p in free if s0 <= p.start_char < s1]
    if not in_sentence and s0 > 0:
        p0, _ = _bounds(text, s0 - 1, SENTENCE_END)
        in_sentence = [p for p in free if p0 <= p.start_char < s0]
    if not in_sentence:
        return None
    chains = _chains(in_sentence, text)
    best = min(chains, key=lambda ch: (all(_is_country(p) for p in ch),
                                       not any(c0 <= p.start_char < c1 for p in ch),
                                       min(_distance(p, q) for p in ch)))
    return _specific(best)


def choose_time(q: Span, times: Sequence[Span], text: str) -> Optional[Span]:
    """The TIME of the fact: nearest in the sentence, else the paragraph's first before it."""
    s0, s1 = _bounds(text, q.start_char, SENTENCE_END)
    in_sentence = [t for t in times if s0 <= t.start_char < s1]
    if in_sentence:
        return min(in_sentence, key=lambda t: (_distance(t, q), t.start_char > q.start_char))
    before = [t for t in times if t.end_char <= q.start_char]
    return min(before, key=lambda t: t.start_char) if before else None


def _ref(span: Span) -> Dict[str, Any]:
    return {"start": span.start_char, "end": span.end_char, "text": span.text}


@factory("fact_context", assigns=["doc._.gunji_attrs"],
         default_config={"quantities_key": "quantities", "places_key": "places", "times_key": "times"})
def make_fact_context(nlp: Language, name: str, *, quantities_key: str, places_key: str,
                      times_key: str) -> "FactContext":
    """Build the component; the keys name the span groups it reads."""
    return FactContext(name, quantities_key=quantities_key, places_key=places_key, times_key=times_key)


class FactContext(BatchedPipe):
    """Adds ``place``, ``lat``, ``lon`` and ``time`` to each QUANTITY that has an ``event``."""

    def __init__(self, name: str = "fact_context", *, quantities_key: str = "quantities",
                 places_key: str = "places", times_key: str = "times") -> None:
        register_extensions()
        self.name = name
        self.quantities_key = quantities_key
        self.places_key = places_key
        self.times_key = times_key

    def __call__(self, doc: Doc) -> Doc:
        if self.quantities_key not in doc.spans:
            return doc
        facts = [(q, get_span_attrs(q)) for q in doc.spans[self.quantities_key]]
        facts = [(q, a) for q, a in facts if a.get("event")]
        if not facts:
            return doc
        text = token_view(doc).text  # cached per doc; Doc.text builds a Token per token
        places = list(doc.spans[self.places_key]) if self.places_key in doc.spans else []
        times = list(doc.spans[self.times_key]) if self.times_key in doc.spans else []
        for q, attrs in facts:
            place = choose_place(q, attrs, places, text)
            if place is not None:
                p = get_span_attrs(place)
                attrs["place"] = dict(_ref(place), **{k: p[k] for k in ("canonical", "country", "lat", "lon")
                                                      if k in p})
                attrs["lat"], attrs["lon"] = p.get("lat"), p.get("lon")
            when = choose_time(q, times, text)
            if when is not None:
                attrs["time"] = _ref(when)
            set_span_attrs(q, attrs)
        return doc

    def to_disk(self, path, *, exclude=tuple()) -> None:
        """Nothing to save."""

    def from_disk(self, path, *, exclude=tuple()) -> "FactContext":
        return self

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        """Nothing to learn."""
