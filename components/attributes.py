"""Where the attributes of our spans live, and how to read them back.

spaCy keys ``Span._`` extension values by ``(start_char, end_char)`` only, so
two spans at the same offsets share values even when their labels differ
(CONVENTIONS pitfall 2, spaCy #9706). We therefore keep every attribute in one
Doc-level store, ``doc._.gunji_attrs``, keyed by ``"LABEL:start:end"``. The
store is a plain dict of msgpack-friendly values (str, int, float, bool,
None, lists, dicts), so it survives ``DocBin(store_user_data=True)`` and the
``to_bytes`` hop that ``nlp.pipe(n_process=N)`` makes (pitfalls 1 and 4).

Span-level access is read-only and derived: ``span._.gunji`` returns a copy of
that span's attributes, looked up by its label and offsets. A span in
``doc.ents`` and one in ``doc.spans[...]`` with the same label and offsets are
the same mention and read the same values; a span with another label at the
same offsets reads its own.

The canonical name of a unit or weapon also goes to ``span.kb_id_``, spaCy's
own slot for "which real-world thing", which span groups and ``doc.ents``
serialise natively.

Extensions are registered at import and again from each component's
``__init__`` (idempotent), which works under fork and spawn.
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, Mapping, Optional

from spacy.tokens import Doc, Span

STORE_ATTR = "gunji_attrs"
SPAN_ATTR = "gunji"
# Attributes whose value is a ``[start_char, end_char]`` pair in the same doc
# (a bilingual span's other side); shifted with the span when docs are joined,
# as is every dict value with ``start`` and ``end`` (a fact's role objects).
OFFSET_ATTRS = ("counterpart",)
# Attributes whose value is a list of ``[start_char, end_char, ...]`` in the same doc: the further
# counterparts of a pair half shared by two pairs (NATO and its expansion, two spellings of Odessa).
OFFSET_LIST_ATTRS = ("more_counterparts",)

AttrValue = Any  # msgpack-friendly: str, int, float, bool, None, list, dict


def register_extensions() -> None:
    """Register ``Doc._.gunji_attrs`` and ``Span._.gunji``; safe to call twice."""
    if not Doc.has_extension(STORE_ATTR):
        Doc.set_extension(STORE_ATTR, default=None)
    if not Span.has_extension(SPAN_ATTR):
        Span.set_extension(SPAN_ATTR, getter=get_span_attrs)


def store_key(label: str, start_char: int, end_char: int) -> str:
    """The store key of a span: its label and character offsets."""
    return f"{label}:{start_char}:{end_char}"


def parse_store_key(key: str) -> tuple[str, int, int]:
    """Split a store key back into ``(label, start_char, end_char)``."""
    label, start, end = key.rsplit(":", 2)
    return label, int(start), int(end)


# Where spaCy keeps the value of the plain Doc extension ``STORE_ATTR`` (no getter, setter or method):
# ``doc._.get``/``doc._.set`` read and write ``doc.user_data`` under this key, after building an
# ``Underscore`` object per call; the store is read for every span of every doc, so it is read here directly.
_STORE_KEY = ("._.", STORE_ATTR, None, None)


def _store(doc: Doc) -> Dict[str, Dict[str, AttrValue]]:
    store = doc.user_data.get(_STORE_KEY)
    if store is None:
        store = {}
        doc.user_data[_STORE_KEY] = store
    return store


def set_span_attrs(span: Span, attrs: Mapping[str, AttrValue]) -> None:
    """Store ``attrs`` for ``span`` (by label and offsets), replacing what was there.

    Keys whose value is None are dropped, so a record only carries what is known.
    """
    clean = {k: v for k, v in attrs.items() if v is not None}
    _store(span.doc)[store_key(span.label_, span.start_char, span.end_char)] = clean


def get_span_attrs(span: Span) -> Dict[str, AttrValue]:
    """A copy of the attributes stored for ``span``; empty when none are."""
    store = span.doc.user_data.get(_STORE_KEY) or {}
    return dict(store.get(store_key(span.label_, span.start_char, span.end_char), {}))


def iter_store(doc: Doc) -> Iterable[tuple[str, int, int, Dict[str, AttrValue]]]:
    """Every stored entry as ``(label, start_char, end_char, attrs)``."""
    for key, attrs in (doc._.get(STORE_ATTR) or {}).items():
        label, start, end = parse_store_key(key)
        yield label, start, end, attrs


def merge_stores(stores_with_offsets: Iterable[tuple[Optional[Mapping[str, Dict]], int]]) -> Dict[str, Dict]:
    """Join the stores of consecutive pieces of one text into one store.

    Args:
        stores_with_offsets: ``(store, char_offset)`` for each piece, where
            ``char_offset`` is where the piece starts in the joined text.

    Returns:
        One store whose keys refer to offsets in the joined text.
    """
    merged: Dict[str, Dict] = {}
    for store, offset in stores_with_offsets:
        for key, attrs in (store or {}).items():
            label, start, end = parse_store_key(key)
            moved = dict(attrs)
            for name, value in moved.items():
                if name in OFFSET_ATTRS and isinstance(value, (list, tuple)):
                    moved[name] = [value[0] + offset, value[1] + offset]
                elif name in OFFSET_LIST_ATTRS and isinstance(value, (list, tuple)):
                    moved[name] = [[v[0] + offset, v[1] + offset, *v[2:]] for v in value]
                elif isinstance(value, dict) and "start" in value and "end" in value:
                    # a role object of a fact ({"start", "end", "text"}): same doc, same shift
                    moved[name] = {**value, "start": value["start"] + offset, "end": value["end"] + offset}
            merged[store_key(label, start + offset, end + offset)] = moved
    return merged


register_extensions()
