"""Merge our span groups into ``doc.ents`` by a configurable policy.

Our recognisers write to span groups (``doc.spans["quantities"]`` and so on)
and never touch ``doc.ents``; that stays ja_ginza's until this component, which
runs last, folds our spans in. The policy is spaCy's own ``ents_filter`` hook,
the one ``span_ruler`` uses:

- ``spacy.prioritize_new_ents_filter.v1`` (default): ours win on overlap, and
  any ja_ginza entity that overlaps one of ours is dropped.
- ``spacy.prioritize_existing_ents_filter.v1``: ja_ginza's entities win.

``drop_labels`` removes ja_ginza entities whose labels our components replace
(its ``Military``/``Weapon``/``N_Product`` guesses, say) even where they do not
overlap ours; by default nothing is dropped.
"""
from __future__ import annotations

from typing import Callable, Iterable, List, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .batching import BatchedPipe
from .registration import factory

EntsFilter = Callable[[Iterable[Span], Iterable[Span]], List[Span]]

DEFAULT_SPANS_KEYS = ["military_units", "weapons", "quantities"]


@factory(
    "gunji_ents_merger",
    assigns=["doc.ents"],
    requires=["doc.spans"],
    default_config={
        "spans_keys": DEFAULT_SPANS_KEYS,
        "ents_filter": {"@misc": "spacy.prioritize_new_ents_filter.v1"},
        "drop_labels": [],
    },
    default_score_weights={"ents_f": None, "ents_p": None, "ents_r": None},
)
def make_ents_merger(
    nlp: Language,
    name: str,
    *,
    spans_keys: Sequence[str],
    ents_filter: EntsFilter,
    drop_labels: Sequence[str],
) -> "EntsMerger":
    """Build the merger; see the module docstring for the policy options."""
    return EntsMerger(name, spans_keys=spans_keys, ents_filter=ents_filter, drop_labels=drop_labels)


class EntsMerger(BatchedPipe):
    """Copy the spans of ``spans_keys`` into ``doc.ents`` through ``ents_filter``."""

    def __init__(
        self,
        name: str = "gunji_ents_merger",
        *,
        spans_keys: Sequence[str] = tuple(DEFAULT_SPANS_KEYS),
        ents_filter: EntsFilter,
        drop_labels: Sequence[str] = (),
    ) -> None:
        self.name = name
        self.spans_keys = list(spans_keys)
        self.ents_filter = ents_filter
        self.drop_labels = set(drop_labels)

    def __call__(self, doc: Doc) -> Doc:
        ours: List[Span] = []
        for key in self.spans_keys:
            ours.extend(doc.spans.get(key, []))
        # Our groups may overlap each other (a weapon inside a unit name);
        # doc.ents may not, so the longest span wins among ours first.
        ours = filter_spans(ours)
        existing = [ent for ent in doc.ents if ent.label_ not in self.drop_labels]
        doc.ents = self.ents_filter(existing, ours)
        return doc
