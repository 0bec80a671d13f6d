"""One canonical per pair: the Japanese and Latin halves of a pair name one thing.

The unit and weapon recognisers resolve each half on its own: ``第3強襲旅団``
by the unit grammar (``3rd Assault Brigade``, no side), the English beside it
by the gazetteer (``3rd Separate Assault Brigade``, UA). A pair says they are
the same thing, so after pairing both halves get one canonical and one side
(``origin`` for weapons), with the text's own English winning where the two
disagree: the writer chose that English, the grammar only guessed a
translation. Attributes only one half has are copied to the other.

Also here: ``trim_count``, which keeps the digits of a count out of a Latin
half (``キンジャールKinzhal3発``: three Kinzhals, not a "Kinzhal3").
"""
from __future__ import annotations

import re
from typing import Dict, Iterable, List, Tuple

from spacy.tokens import Doc, Span

from .attributes import STORE_ATTR, store_key

# label → (span group, the attributes that must agree between the halves)
UNIFIED: Dict[str, Tuple[str, Tuple[str, ...]]] = {
    "MIL_UNIT": ("military_units", ("canonical", "side")),
    "WEAPON": ("weapons", ("canonical", "origin")),
}
COUNTERS = "発機基両門隻台個本"
_COUNT_TAIL = re.compile(r"(?<=[A-Za-z][a-z]{2})[0-9]+$")

Offsets = Tuple[int, int]


def trim_count(text: str, en: Offsets) -> Offsets:
    """``Kinzhal3`` before ``発`` → ``Kinzhal``: glued digits before a counter count the items.

    Only a word with lower-case letters loses its digits: ``PAC3発`` is left alone,
    since all-capital designations end in digits of their own.
    """
    start, end = en
    if text[end:end + 1] and text[end] in COUNTERS:
        m = _COUNT_TAIL.search(text, start, end)
        if m and m.start() > start:
            return start, m.start()
    return en


# attributes a Latin gloss takes from its Japanese half: what the recognisers know of the named thing
_GLOSS_KEEPS = ("canonical", "side", "unit_type", "echelon", "number", "weapon_class", "origin")


def label_glosses(doc: Doc, pairs: Iterable[Tuple[Offsets, Offsets]]) -> int:
    """``ミサイル巡洋艦・モスクワ(Moskva)``: the Latin half of a pair whose Japanese half is a MIL_UNIT or
    WEAPON span is that label too, where no unit or weapon span covers it; returns how many were added.

    The recognisers only know the Latin names their gazetteers list, but the pair says the
    gloss names the same unit or weapon (in the development gold, 72 of the 75 pairs whose
    Japanese half is a unit or weapon carry the label on the Latin half too).
    """
    store = doc._.get(STORE_ATTR)
    pairs = list(pairs)
    if not store or not pairs:
        return 0
    groups = {label: list(doc.spans[key]) if key in doc.spans else [] for label, (key, _) in UNIFIED.items()}
    taken = [(s.start_char, s.end_char) for spans in groups.values() for s in spans]
    added = 0
    for ja, en in pairs:
        if any(en[0] < e and s < en[1] for s, e in taken):
            continue
        for label, spans in groups.items():
            attrs = store.get(store_key(label, *ja))
            span = doc.char_span(en[0], en[1], label=label, kb_id=attrs.get("canonical") or "") if attrs else None
            if span is None:
                continue
            store[store_key(label, *en)] = {k: attrs[k] for k in _GLOSS_KEEPS if attrs.get(k) is not None}
            spans.append(span)
            taken.append(en)
            added += 1
            break
    if added:
        for label, (key, _) in UNIFIED.items():
            doc.spans[key] = groups[label]
    return added


def unify_pairs(doc: Doc, pairs: Iterable[Tuple[Offsets, Offsets]]) -> int:
    """Give both halves of each pair the same canonical and side/origin; returns how many changed.

    Args:
        doc (Doc): A doc whose MIL_UNIT/WEAPON spans and attribute store are set.
        pairs: ``((ja_start, ja_end), (en_start, en_end))`` per pair.
    """
    store = doc._.get(STORE_ATTR) or {}
    changed: Dict[str, Dict[Offsets, str]] = {}
    for ja, en in pairs:
        for label, (group_key, keys) in UNIFIED.items():
            ja_attrs = store.get(store_key(label, *ja))
            en_attrs = store.get(store_key(label, *en))
            if ja_attrs is None or en_attrs is None:
                continue
            if en_attrs.get("canonical"):
                first, second = en_attrs, ja_attrs  # the text's own English wins
            else:
                first, second = ja_attrs, en_attrs
            merged = {k: first.get(k, second.get(k)) for k in keys if first.get(k, second.get(k)) is not None}
            for where, attrs in ((ja, ja_attrs), (en, en_attrs)):
                if any(attrs.get(k) != v for k, v in merged.items()):
                    attrs.update(merged)
                    changed.setdefault(group_key, {})[where] = merged.get("canonical", "")
    for group_key, kb_ids in changed.items():
        _set_kb_ids(doc, group_key, kb_ids)
    return sum(len(v) for v in changed.values())


def _set_kb_ids(doc: Doc, group_key: str, kb_ids: Dict[Offsets, str]) -> None:
    """Rewrite the spans of one group whose canonical changed (a Span's kb_id is fixed once made)."""
    if group_key not in doc.spans:
        return
    spans: List[Span] = []
    for span in doc.spans[group_key]:
        kb_id = kb_ids.get((span.start_char, span.end_char))
        if kb_id is not None and kb_id != span.kb_id_:
            span = Span(doc, span.start, span.end, label=span.label, kb_id=kb_id)
        spans.append(span)
    doc.spans[group_key] = spans
