"""A displaCy page of annotated docs: our units, weapons, quantities, places, times and bilingual spans."""
from __future__ import annotations

import warnings
from pathlib import Path
from typing import Iterable, List

from spacy import displacy
from spacy.tokens import Doc

from pipeline.records import doc_spans

VIEW_KEY = "gunji_view"
COLORS = {"MIL_UNIT": "#f4a582", "WEAPON": "#92c5de", "QUANTITY": "#b8e186", "JA": "#e0e0e0", "EN": "#e0e0e0",
          "PLACE": "#fdd49e", "TIME": "#d9d9f3"}


def render_html(docs: Iterable[Doc], limit: int = 500) -> str:
    """One HTML page showing at most ``limit`` docs with their (possibly overlapping) spans."""
    shown: List[Doc] = []
    for doc in docs:
        if len(shown) >= limit:
            break
        view = doc.copy()
        spans = doc_spans(view) + [s for s in view.spans.get("bilingual", [])]
        view.spans[VIEW_KEY] = spans
        shown.append(view)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W117\]")  # a doc with no spans is fine here
        return displacy.render(shown, style="span", page=True, jupyter=False,
                               options={"spans_key": VIEW_KEY, "colors": COLORS})


def write_html(docs: Iterable[Doc], path: Path, limit: int = 500) -> None:
    """Write ``render_html`` to ``path``."""
    Path(path).write_text(render_html(docs, limit), encoding="utf-8")
