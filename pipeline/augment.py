"""Orth-variant augmentation for Japanese training data with Sudachi tags.

spaCy's ``spacy.orth_variants.v1`` augmenter swaps a token for a variant when
the token's *tag* is listed in the variants table. spacy-lookups-data's
Japanese table ``ja_orth_variants`` names its tags English-style (``":"``,
``"."``, ``","``, ``"「"``, ``"」"``), but our reference docs carry the
Sudachi tags the Japanese tokenizer assigns (``補助記号-句点`` for 。 and ？,
``補助記号-読点`` for 、, ``補助記号-括弧開``/``補助記号-括弧閉`` for 「」『』), so
the stock table never fires on them. ``gunji.ja_orth_variants.v1`` loads the
table and rewrites its tags to Sudachi's, keeping the variants; the augmenter
still requires the token text to be one of the variants, so a shared tag such
as ``補助記号-句点`` (。 and ？) never turns a full stop into a question mark.

    [corpora.train.augmenter]
    @augmenters = "spacy.orth_variants.v1"
    level = 0.1
    lower = 0.0

    [corpora.train.augmenter.orth_variants]
    @misc = "gunji.ja_orth_variants.v1"
"""
from __future__ import annotations

import gzip
import json
import logging
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional

from spacy.util import registry

logger = logging.getLogger(__name__)

TABLE_NAME = "ja_orth_variants"
# English-style tags of the lookups table → the Sudachi tag of the same marks.
SUDACHI_TAGS: Dict[str, str] = {
    ".": "補助記号-句点",
    "?": "補助記号-句点",
    "!": "補助記号-句点",
    ",": "補助記号-読点",
    ":": "補助記号-一般",
    "「": "補助記号-括弧開",
    "『": "補助記号-括弧開",
    "」": "補助記号-括弧閉",
    "』": "補助記号-括弧閉",
}

OrthVariants = Dict[str, List[Dict[str, Any]]]


def load_table(path: Optional[Path] = None) -> OrthVariants:
    """The ``ja_orth_variants`` table of spacy-lookups-data (or the JSON(.gz) file at ``path``)."""
    if path is None:
        import spacy_lookups_data

        path = Path(spacy_lookups_data.__file__).parent / "data" / f"{TABLE_NAME}.json.gz"
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def _map_tags(tags: List[str], mapping: Mapping[str, str]) -> List[str]:
    return [mapping.get(tag, tag) for tag in tags]


def to_sudachi_tags(table: Mapping[str, List[Mapping[str, Any]]],
                    mapping: Mapping[str, str] = SUDACHI_TAGS) -> OrthVariants:
    """The table with its tags rewritten to Sudachi's; entries that become identical are kept once.

    Args:
        table: ``{"single": [{"tags", "variants"}], "paired": [...]}`` as in spacy-lookups-data.
        mapping: English-style tag → Sudachi tag.
    """
    out: OrthVariants = {}
    for kind in ("single", "paired"):
        entries: List[Dict[str, Any]] = []
        for entry in table.get(kind, []):
            new = {"tags": _map_tags(list(entry["tags"]), mapping), "variants": entry["variants"]}
            if new not in entries:
                entries.append(new)
        out[kind] = entries
    return out


@registry.misc("gunji.ja_orth_variants.v1")
def ja_orth_variants(path: Optional[str] = None) -> OrthVariants:
    """spacy-lookups-data's Japanese orth variants, with Sudachi tags (for ``spacy.orth_variants.v1``).

    Args:
        path (Optional[str]): Another table in the same JSON format; default: the packaged one.
    """
    table = to_sudachi_tags(load_table(Path(path) if path else None))
    logger.debug("orth variants: %d single, %d paired", len(table["single"]), len(table["paired"]))
    return table
