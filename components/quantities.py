"""``quantity_extractor``: numbers with their counters or units as QUANTITY spans.

Writes ``QUANTITY`` spans to ``doc.spans[spans_key]`` (default ``"quantities"``)
and stores, through ``components.attributes.set_span_attrs``, the attributes
``value``, ``value_max`` (ranges only), ``unit``, ``item``, ``category``,
``casualty`` (CASUALTY only), ``approx`` and ``bound`` (ANNOTATION.md, QUANTITY).

The finding is one pass of compiled regexes over ``doc.text``
(``components.quantity_rules``); item and category come from the words around
the number (``components.quantity_context``). Both read their tables from
``components/data/`` (``quantity_units.tsv``, ``quantity_categories.tsv``),
which ``to_disk``/``from_disk`` copy with the pipeline. When the WEAPON
recogniser ran before (``weapons_key``), a weapon counted by a number decides
its category by weapon class (``Tu-22M3を1機`` → AIRCRAFT); when the place recogniser ran before
(``places_key``), the bare figures of a list of places are counts (``パキスタンが16、中国が6``). Hits are aligned to
tokens with ``doc.char_span`` (strict); a hit whose qualifier does not align is
shrunk to the tokens that still hold the number and its counter. The
counted noun is trimmed to whole tokens when the tokenizer splits it off.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from bisect import bisect_left, bisect_right
from itertools import accumulate
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from spacy.language import Language
from spacy.tokens import Doc, Span


from .registration import factory
from .token_splits import split_tokens
from .attributes import get_span_attrs, register_extensions, set_span_attrs
from .quantity_context import CategoryRules, Inference, PreviousCounts, WeaponList, infer
from .gazetteer import token_view
from .tables import TablePipe
from .quantity_rules import Hit, Unit, compile_patterns, find_quantities, listed_nouns, load_units

logger = logging.getLogger(__name__)

SPANS_KEY = "quantities"
LABEL = "QUANTITY"
UNITS_FILE = "quantity_units.tsv"
CATEGORIES_FILE = "quantity_categories.tsv"


@factory(
    "quantity_extractor",
    assigns=["doc.spans"],
    requires=["token.tag"],
    default_config={
        "spans_key": SPANS_KEY,
        "weapons_key": "weapons",
        "places_key": "places",
        "units_path": None,
        "categories_path": None,
        "scorer": {"@scorers": "spacy.overlapping_labeled_spans_scorer.v1", "spans_key": SPANS_KEY},
    },
    default_score_weights={f"spans_{SPANS_KEY}_f": 0.0, f"spans_{SPANS_KEY}_p": None,
                           f"spans_{SPANS_KEY}_r": None},
)
def make_quantity_extractor(nlp: Language, name: str, *, spans_key: str, weapons_key: Optional[str],
                            places_key: Optional[str], units_path: Optional[str], categories_path: Optional[str],
                            scorer: Optional[Callable]) -> "QuantityExtractor":
    """Build the extractor; the paths override the packaged unit and category TSVs."""
    return QuantityExtractor(nlp.vocab, name, spans_key=spans_key, weapons_key=weapons_key, places_key=places_key,
                             units_path=units_path, categories_path=categories_path, scorer=scorer)


class QuantityExtractor(TablePipe):
    """Finds QUANTITY spans and their value, unit, item and category.

    Args:
        vocab (Vocab): The shared vocabulary.
        name (str): The component name.
        spans_key (str): Span group to write (spans already there are kept).
        weapons_key (Optional[str]): Span group of WEAPON spans written by an earlier
            component, read as evidence of what is counted; None (or absent) to ignore.
        places_key (Optional[str]): Span group of PLACE spans written by an earlier component, for the
            bare figures of a list of countries (``パキスタンが16、中国が6``); None (or absent) to ignore.
        units_path (Optional[str]): Unit table TSV (counter → normalised unit).
        categories_path (Optional[str]): Category rule TSV (item/verb/context words).
        scorer (Optional[Callable]): Scoring function for ``nlp.evaluate``.
    """

    def __init__(self, vocab, name: str = "quantity_extractor", *, spans_key: str = SPANS_KEY,
                 weapons_key: Optional[str] = "weapons",
                 places_key: Optional[str] = "places",
                 units_path: Optional[Union[str, Path]] = None,
                 categories_path: Optional[Union[str, Path]] = None,
                 scorer: Optional[Callable] = None) -> None:
        register_extensions()
        self.vocab = vocab
        self.name = name
        self.spans_key = spans_key
        self.weapons_key = weapons_key
        self.places_key = places_key
        self.scorer = scorer
        self._init_tables({UNITS_FILE: units_path, CATEGORIES_FILE: categories_path})

    def _load(self) -> None:
        """Read both tables and compile the finder regexes once."""
        with self.tables[UNITS_FILE].open(encoding="utf-8") as f:
            self.units: Dict[str, Unit] = load_units(f)
        with self.tables[CATEGORIES_FILE].open(encoding="utf-8") as f:
            self.rules = CategoryRules.from_lines(f)
        self.patterns = compile_patterns(self.units)
        self.listed = listed_nouns(rule.pattern for rule in self.rules.by_kind.get("item", []))

    def find(self, doc: Doc) -> List[Tuple[Span, Hit, Inference]]:
        """Find, align and classify the quantities of ``doc``."""
        split_tokens(doc)  # 機数|十 → 機|数|十, リュティドローン → リュティ|ドローン (components.token_splits)
        text = token_view(doc).text
        found: List[Tuple[Span, Hit, Inference]] = []
        done = PreviousCounts()
        hits = find_quantities(text, self.units, self.patterns, self.listed)
        has_digit = _HAS_DIGIT.search(text) is not None
        weapons = WeaponList(self._weapons(doc) if hits or has_digit else [])
        place_counts = _counts_after_places(text, self._places(doc), hits) if has_digit else []
        after_place = {id(hit) for hit in place_counts}  # the place before the figure is no counted item
        hits = sorted(hits + _counts_before_latin_names(text, weapons, hits, self.rules)
                      + _counts_after_times_signs(text, weapons, hits, self.rules)
                      + _counts_glued_before_classes(text, weapons, hits, self.rules)
                      + place_counts, key=lambda h: h.start)
        inside_weapon = _Covers([(start, end) for start, end, _ in weapons])
        for hit in hits:
            if inside_weapon(hit.start, hit.end):
                if not _calibre_mid_name(text, hit):
                    continue  # Challenger 2 tanks, Leopard 2: the number is the weapon's name
            elif inside_weapon.opens_inside(hit.start):
                continue  # ミラージュ2000機1機: the figure ends the weapon's name, so its counter counts nothing
            span = self._align(doc, hit)
            if span is None:
                logger.debug("quantity %r at %d not token-aligned", text[hit.start:hit.end], hit.start)
                continue
            hit.start, hit.end = span.start_char, span.end_char
            inference = infer(text, hit, self.rules, done, weapons)
            if id(hit) in after_place:
                inference.item = None
            inference.item = _token_item(doc, text, span, inference.item)
            done.append((hit, inference))
            found.append((span, hit, inference))
        return found

    def _weapons(self, doc: Doc) -> List[Tuple[int, int, str]]:
        """``(start_char, end_char, weapon_class)`` of the WEAPON spans an earlier component wrote."""
        if not self.weapons_key or self.weapons_key not in doc.spans:
            return []
        return [(s.start_char, s.end_char, get_span_attrs(s).get("weapon_class") or "")
                for s in doc.spans[self.weapons_key]]

    def _places(self, doc: Doc) -> List[Tuple[int, int]]:
        """``(start_char, end_char)`` of the PLACE spans an earlier component wrote."""
        if not self.places_key or self.places_key not in doc.spans:
            return []
        return [(s.start_char, s.end_char) for s in doc.spans[self.places_key]]

    @staticmethod
    def _align(doc: Doc, hit: Hit) -> Optional[Span]:
        """The token span of a hit; shrunk to whole tokens that still hold number and counter."""
        span = doc.char_span(hit.start, hit.end, label=LABEL)
        if span is not None:
            return span
        span = doc.char_span(hit.start, hit.end, label=LABEL, alignment_mode="contract")
        if span is not None and span.start_char <= hit.core[0] and span.end_char >= hit.core[1]:
            return span
        return None

    def set_annotations(self, doc: Doc, found: Iterable[Tuple[Span, Hit, Inference]]) -> None:
        """Write the spans and their attributes."""
        group = list(doc.spans[self.spans_key]) if self.spans_key in doc.spans else []
        new = []
        for span, hit, inference in found:
            set_span_attrs(span, {
                "value": hit.value, "value_max": hit.value_max, "unit": hit.unit,
                "item": inference.item, "category": inference.category,
                "casualty": inference.casualty if inference.category == "CASUALTY" else None,
                "approx": hit.approx, "bound": hit.bound,
            })
            new.append(span)
        doc.spans[self.spans_key] = group + new

_HAS_DIGIT = re.compile(r"[0-9]")
# give 28 Challenger 2 main battle tanks: a plain number right before a Latin weapon name counts it
_EN_COUNT_BEFORE = re.compile(r"(?<![\w.,/-])(?!(?:19|20)[0-9]{2} )([1-9][0-9]{0,2}(?:,[0-9]{3})*|[1-9][0-9]*) $")  # no year


def _calibre_mid_name(text: str, hit: Hit) -> bool:
    """``99式自走155mmりゅう弾砲``: a calibre glued after a kana or kanji word inside a Japanese weapon's name
    measures the gun; it is a QUANTITY inside the WEAPON (no part of a designation, as ``Leopard 2``'s is)."""
    return hit.unit == "mm" and hit.start > 0 and unicodedata.name(text[hit.start - 1], "").startswith(
        ("CJK UNIFIED", "HIRAGANA", "KATAKANA"))


class _Covers:
    """Whether one of ``spans`` holds ``start:end`` and is longer: a binary search over the spans
    sorted by start with the running maximum of their ends, so a long doc with many quantities and
    many weapons costs n log n, not n x m."""

    def __init__(self, spans: Sequence[Tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]
        self.max_end = list(accumulate(self.ends, max))

    def __call__(self, start: int, end: int) -> bool:
        before = bisect_left(self.starts, start)  # spans that start earlier: any end at or after ``end``
        if before and self.max_end[before - 1] >= end:
            return True
        same = bisect_right(self.starts, start)  # spans that start with it: a longer one
        return any(self.ends[k] > end for k in range(before, same))

    def opens_inside(self, start: int) -> bool:
        """Whether a span that starts earlier runs past ``start`` (a figure that begins inside a name)."""
        before = bisect_left(self.starts, start)
        return bool(before) and self.max_end[before - 1] > start


def _counts_before_latin_names(text: str, weapons: Sequence[Tuple[int, int, str]], hits: Sequence[Hit],
                               rules: CategoryRules) -> List[Hit]:
    """Hits for ``28 Challenger 2``, ``14 Leopard``: English counts a WEAPON name written in Latin script
    follows directly (the Latin finder only knows counted common nouns: ``28 tanks``); the weapon's
    class gives the category, as a weapon counted in Japanese does."""
    out: List[Hit] = []
    for start, end, weapon_class in weapons:
        if not ("A" <= text[start:start + 1] <= "Z"):
            continue
        m = _EN_COUNT_BEFORE.search(text, max(0, start - 12), start)
        hit = _weapon_count(text, m, start, end, weapon_class, rules, list(hits) + out) if m else None
        if hit is not None:
            out.append(hit)
    return out


def _held(hits: Sequence[Hit], start: int, end: int) -> bool:
    """Whether a hit of ``hits`` already holds any of ``start:end`` (a figure another finder took)."""
    return any(h.start < end and start < h.end for h in hits)


def _weapon_count(text: str, figure: re.Match, start: int, end: int, weapon_class: Optional[str],
                  rules: CategoryRules, taken: Sequence[Hit]) -> Optional[Hit]:
    """A bare figure (``figure``'s group 1, digits with thousands commas) counting the WEAPON span
    ``text[start:end]``: unit none, as written, the weapon's class giving the category; None where a hit of
    ``taken`` already holds the figure. The one hit the three finders of counts beside weapons build."""
    if _held(taken, figure.start(1), figure.end(1)):
        return None
    rule = rules.class_rule(weapon_class) if weapon_class else None
    return Hit(start=figure.start(1), end=figure.end(1), core=(figure.start(1), figure.end(1)),
               value=int(figure.group(1).replace(",", "")), unit_category=rule.category if rule else None,
               item=text[start:end])


# 130mm連装砲×1、ヘリコプター×3, KN-23弾道ミサイル×4, 哨戒艇x2 (an x for the sign): a specification list or a
# tally counts a weapon with a bare figure after a times sign; a counter (×48機), a measure (×30mm), a decimal or a second factor
# (4×4, ×1.5) is no such count, and a year is none either.
_TIMES_COUNT = re.compile(r"[ \u3000]?[×✕xXｘ][ \u3000]?([0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,4})(?![0-9.．×✕xX]|,[0-9]|[A-Za-zａ-ｚ㎜㎝㎞㍉㌔]"
                          r"|[\u4e00-\u9fff\u30a1-\u30fa](?<![飛撃])|[\u3041-\u3093](?<![をがはもとのでにや]))")


# What may stand between a weapon and the times sign in one item of a list: a launcher, tube or
# mount noun in kanji (5連装魚雷発射管×2) or a Latin acronym (S-300F SAM VLS×12); never a particle (戦車とトラック×3).
_LIST_ITEM_REST = re.compile(r"(?:[\u4e00-\u9fff]{1,4}| [A-Z]{2,5})?")


def _counts_after_times_signs(text: str, weapons: Sequence[Tuple[int, int, str]], hits: Sequence[Hit],
                              rules: CategoryRules) -> List[Hit]:
    """Hits for ``ヘリコプター×3``: a bare figure after a times sign right after a WEAPON span counts that
    weapon (unit none, as written); its class gives the category. A figure another finder already
    took (``ボルスク×1,400輌``) is left to it."""
    out: List[Hit] = []
    for n, (start, end, weapon_class) in enumerate(weapons):
        gap = _LIST_ITEM_REST.match(text, end)  # 魚雷発射管×2, SAM VLS×12: the rest of the list item first
        m = _TIMES_COUNT.match(text, gap.end())
        if m is not None and gap.end() > end and n + 1 < len(weapons) and weapons[n + 1][0] < m.start(1):
            continue  # another weapon stands nearer the figure
        hit = _weapon_count(text, m, start, end, weapon_class, rules, hits) if m else None
        if hit is not None:
            out.append(hit)
    return out


# 3,600戦車, 4,389航空機: a machine translation writes a count with its thousands comma glued before the class
# noun and no counter; the comma makes it a count (a designation's number never has one), and nothing
# Latin, digit or hyphen may stand before it
_GLUED_BEFORE_CLASS = re.compile(r"(?<![0-9A-Za-z\-‐.,，〜~～])([0-9]{1,3}(?:,[0-9]{3})+)$")


def _counts_glued_before_classes(text: str, weapons: Sequence[Tuple[int, int, str]], hits: Sequence[Hit],
                                 rules: CategoryRules) -> List[Hit]:
    """Hits for ``3,600戦車``: a figure with a thousands comma glued right before a WEAPON class span counts it
    (unit none, as written); the class gives the category. A figure another finder took is left to it."""
    out: List[Hit] = []
    for start, end, weapon_class in weapons:
        m = _GLUED_BEFORE_CLASS.search(text, max(0, start - 12), start)
        hit = _weapon_count(text, m, start, end, weapon_class, rules, hits) if m else None
        if hit is not None:
            out.append(hit)
    return out


# パキスタンが16、中国が6 / 米国約4,760、ロシア約4,380: a list of countries (places) each with a bare figure, closed
# as a list member is; an acronym in brackets may stand between (アラブ首長国連邦(UAE)が3)
_FIGURE_AFTER_PLACE = re.compile(r"(?:[（(][A-Z]{2,6}[）)])?(?:が|は)?[ 　]?(?P<pre>約|およそ)?"
                                 r"(?P<num>[1-9][0-9]{0,2}(?:,[0-9]{3})+|[1-9][0-9]*|0)(?![0-9,，]|[.．][0-9])"
                                 r"(?=[、，,。;；]|[.．](?![0-9])|\n|\s*$)")
_PLACE_LIST_MIN = 2  # one figure after a place is a name or a date as often as a count


def _counts_after_places(text: str, places: Sequence[Tuple[int, int]], hits: Sequence[Hit]) -> List[Hit]:
    """Hits for the bare figures of a list of places (``パキスタンが16、中国が6、エジプトが1``): COUNT, unit none,
    where two or more places of the text are each followed by one; a figure another finder took is left to it."""
    if len(places) < _PLACE_LIST_MIN:
        return []
    out: List[Hit] = []
    for start, end in places:
        m = _FIGURE_AFTER_PLACE.match(text, end)
        if m is None or _held(hits, m.start("num"), m.end("num")):
            continue
        first = m.start("pre") if m.group("pre") else m.start("num")
        out.append(Hit(start=first, end=m.end("num"), core=(m.start("num"), m.end("num")),
                       value=int(m.group("num").replace(",", "")), unit_category="COUNT",
                       approx=bool(m.group("pre")), bound="exact"))
    return out if len(out) >= _PLACE_LIST_MIN else []


def _token_item(doc: Doc, text: str, span: Span, item: Optional[str]) -> Optional[str]:
    """Trim an item found before the number to whole tokens, dropping a split-off date
    part (``10月死者`` gives ``月死者`` by characters, ``死者`` by tokens)."""
    if not item or span.start == 0:
        return _token_item_after(doc, text, span, item)
    start = span.start_char - len(item)
    if text[start:span.start_char] != item:
        return _token_item_after(doc, text, span, item)
    first = span.start - 1
    while first > 0 and doc[first - 1].idx >= start:
        first -= 1
    if doc[first].idx < start or doc[first].tag_.startswith(("名詞-数詞", "接尾辞-名詞的-助数詞")):
        first += 1
    while first < span.start and doc[first].tag_ in ("名詞-普通名詞-助数詞可能",) and first + 1 < span.start:
        first += 1
    return text[doc[first].idx:span.start_char] if first < span.start else item


def _token_item_after(doc: Doc, text: str, span: Span, item: Optional[str]) -> Optional[str]:
    """Trim an item found after the number (``…の車両失い``) to its leading noun tokens.

    An item that is only part of a word (``引`` of ``引き渡し``, ``行`` of ``行い``) is no item.
    """
    if not item:
        return item
    start = text.find(item, span.end_char, span.end_char + 4)
    if start < 0:
        return item
    end, limit = start, start + len(item)
    for token in doc[span.end:]:
        token_end = token.idx + len(token.text)
        if token_end <= start:
            continue
        if token.idx < start:
            return None  # the item starts inside a word
        if token.idx >= limit or not token.tag_.startswith(("名詞", "接尾辞", "接頭辞")) or token_end > limit:
            break  # a verb (行い) or a word running on past the item (引き渡し): not the counted noun
        end = token_end
    return text[start:end] if end > start else None
