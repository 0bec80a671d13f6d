"""Split tokens that hide a boundary our spans need, before any gunji span exists.

1. A noun token that swallowed the ``数`` of a vague numeral (``機数|十|機`` → ``機|数|十|機``).
2. A katakana token that ends in a katakana class noun (``リュティドローン`` → ``リュティ|ドローン``).
3. ``軍兵`` ("soldiers") glued after a force's name (``露|軍兵`` → ``露|軍|兵``): the force is a MIL_UNIT.
4. A slash glued to the letter of the next designation (``M|142|/M|270`` → ``M|142|/|M|270``).
5. The anaphoric ``同`` glued to an echelon's first character (``同師|団`` → ``同|師|団``, ``同軍|管区``).
6. ``式中`` ("during a ceremony") after a number: a type designation and a modifier
   (``03|式中|距離`` → ``03|式|中|距離``, ``九七|式中|戦車``: the Type 03 medium-range missile,
   the Type 97 medium tank).
7. A measure glued to the designation after it (``30|mmCIWS`` → ``30|mm|CIWS``: a 30 mm CIWS), or to
   the barrel count of a mount (``25|mm3|連装`` → ``25|mm|3|連装``: a 25 mm triple mount).
8. ``両分`` after a number (``105|両分`` → ``105|両|分``: 105 vehicles' worth).
9. An ``x`` for the times sign glued to its figure after a Japanese word (``潜水艦|x1`` → ``潜水艦|x|1``).
10. A bracketed gloss glued to its word in Sudachi's dictionary (``陸軍(イギリス)`` → ``陸軍|(|イギリス|)``).
11. ``内約`` before a number (``市|内約|5,600|棟`` → ``市|内|約|5,600|棟``: about 5,600 in the city).
12. Two one-kanji countries before ``両軍`` (``英仏|両軍`` → ``英|仏|両軍``: the forces of both).
13. A numbered echelon's title (``第|8|師団長`` → ``第|8|師団|長``: the commander of the 8th Division).

Sudachi (split mode C, also under ja_ginza) reads ``無人機数十機`` as
``無人 / 機数 / 十 / 機`` and ``死者数十人`` as ``死者数 / 十人``: the ``数`` of
``数十`` ("some tens") is glued to the noun before it, so neither the WEAPON
``無人機`` nor the QUANTITY ``数十機`` lies on token boundaries and both are lost.
``split_vague_numerals`` cuts such a token before its final ``数`` when the next
token starts with a magnitude (十, 百, 千, 万), the one shape in which the
``数`` belongs to the number; ``人数`` or ``機数`` before anything else is left alone.

Each recogniser calls it first, so whichever runs first splits before any
gunji span exists; it is idempotent. spaCy keeps ``doc.ents`` through a split;
span groups (token-indexed) are rebuilt from their character offsets, and
per-token lists in ``doc.user_data`` (ja_ginza's bunsetu labels, sub-tokens)
get an entry for the new token so they stay aligned.
"""
from __future__ import annotations

import logging
import re
import weakref
from typing import Collection, List, Sequence, Tuple

from spacy.tokens import Doc

from .gazetteer import token_view

logger = logging.getLogger(__name__)

_MAGNITUDES = ("十", "百", "千", "万")
_NUMERAL_TAG = "名詞-数詞"
_NUMERAL_POS = "NUM"
CLASS_HEADS = ("ミサイル", "ドローン", "コルベット", "フリゲート", "ミサイルシステム", "システム")  # katakana class nouns Sudachi glues unknown katakana words to
_KATAKANA = re.compile(r"[ァ-ヺー]+")


def _cuts(texts: Sequence[str]) -> List[int]:
    """Indices of tokens ``X数`` followed by a token that starts with a magnitude."""
    out = []
    for i in range(len(texts) - 1):
        text = texts[i]
        if len(text) >= 2 and text.endswith("数") and texts[i + 1].startswith(_MAGNITUDES) \
                and not text[-2].isdigit():
            out.append(i)
    return out


def split_vague_numerals(doc: Doc) -> int:
    """Split ``X数`` before a magnitude into ``X`` and ``数`` in place; return how many tokens were split."""
    view = token_view(doc)
    if "数" not in view.text:  # most docs: no token can end in it, so no token loop
        return 0
    texts = view.texts
    return _split(doc, [(i, len(texts[i]) - 1, _NUMERAL_TAG, _NUMERAL_POS) for i in _cuts(texts)])


def split_glued_class_heads(doc: Doc) -> int:
    """Split a katakana token that ends in a katakana class noun (``リュティドローン``, ``ザリャーミサイル``).

    Sudachi joins an unknown katakana word to the katakana word after it, so a
    name (or a type word) glued to ``ドローン``/``ミサイル``, or to the ship types
    ``コルベット``/``フリゲート`` (``カラクルトコルベット``), becomes one token and
    neither the name nor the class lies on a token boundary. The token is cut
    before the class noun when at least two katakana remain in front of it.
    """
    view = token_view(doc)
    if not any(head in view.text for head in CLASS_HEADS):  # most docs: no token can end in one, so no token loop
        return 0
    plan = []
    for i, text in enumerate(view.texts):  # the cached texts: no Token object per token
        if not text.endswith(CLASS_HEADS):  # one C-level test per token before the per-head checks
            continue
        for head in CLASS_HEADS:
            if len(text) >= len(head) + 2 and text.endswith(head) and _KATAKANA.fullmatch(text):
                token = doc[i]
                plan.append((i, len(text) - len(head), token.tag_, token.pos_ or "NOUN"))
                break
    return _split(doc, plan) if plan else 0


_GLUED_SOLDIERS = ("軍兵士",)
_SOLDIER_TAG = "名詞-普通名詞-一般"


def split_force_soldiers(doc: Doc) -> int:
    """Split ``軍兵`` glued after a noun into ``軍`` and ``兵``: ``露軍兵594人`` holds the force ``露軍``;
    and ``兵士`` off a force Sudachi's dictionary glues to it (``米軍兵士`` → ``米軍|兵士``).

    Sudachi reads ``露軍兵`` and ``ロシア軍兵`` as ``露 / 軍兵``: the word ``軍兵``
    (soldiers) swallows the ``軍`` of the force, so the MIL_UNIT ``露軍`` (the
    soldiers are outside, as in ``ロシア軍兵士``) lies on no token boundary.
    """
    view = token_view(doc)
    if "軍兵" not in view.text:  # the usual case: one scan in C, no Token objects
        return 0
    texts = view.texts
    plan = []
    for i in range(len(texts)):
        if i and texts[i] == "軍兵" and not doc[i - 1].whitespace_ and doc[i - 1].pos_ in ("NOUN", "PROPN", ""):
            token = doc[i]
            plan.append((i, 1, token.tag_, token.pos_ or "NOUN"))
        elif len(texts[i]) > 3 and texts[i].endswith(_GLUED_SOLDIERS):
            # 米軍兵士, アメリカ軍兵士: one dictionary word holding the force 米軍 (the soldiers stay outside)
            plan.append((i, len(texts[i]) - 2, _SOLDIER_TAG, "NOUN"))
    if plan:
        doc.vocab.strings.add(_SOLDIER_TAG)
    return _split(doc, plan) if plan else 0


_SLASH_LETTER = re.compile(r"[/／][A-Z]")
_SLASH_TAG = "補助記号-一般"


def split_slash_designations(doc: Doc) -> int:
    """Split ``/M`` between two designations: ``M142/M270`` holds two systems.

    Sudachi's dictionary has ``/M`` as a word, so ``M142/M270`` is read
    ``M / 142 / /M / 270`` and the second designation (``M270``, ``M109`` in
    ``M777/M109``) starts inside a token, where no gazetteer hit can begin. The
    token is cut after the slash where a number ends right before it and a
    number follows it, the shape of a designation list; ``3/M`` alone is left.
    """
    view = token_view(doc)
    if not _SLASH_LETTER.search(view.text):  # most docs: no slash before a capital, so no token loop
        return 0
    texts = view.texts
    plan = []
    for i in range(1, len(texts) - 1):
        text = texts[i]
        if len(text) == 2 and _SLASH_LETTER.fullmatch(text) and texts[i - 1][-1:].isdigit() \
                and texts[i + 1][:1].isdigit() and not doc[i - 1].whitespace_ and not doc[i].whitespace_:
            token = doc[i]
            plan.append((i, 1, token.tag_, token.pos_ or "NOUN", _SLASH_TAG, "PUNCT"))
    if not plan:
        return 0
    doc.vocab.strings.add(_SLASH_TAG)  # the retokenizer stores the tag's hash only
    return _split(doc, plan)


# Sudachi reads 同師団 as 同師 / 団, 同大隊 as 同大 / 隊 and 同軍管区 as 同軍 / 管区 (同師, 同大, 同軍: words of
# their own): the echelon or command the anaphoric 同 points at lies on no token boundary
_GLUED_ANAPHORA = {("同師", "団"), ("同大", "隊"), ("同小", "隊"), ("同軍", "管区")}
_ECHELON_TAG, _PREFIX_TAG = "名詞-普通名詞-一般", "接頭辞"


def split_anaphoric_echelons(doc: Doc) -> int:
    """Cut ``同師 / 団`` to ``同 / 師 / 団`` (and ``同大隊``, ``同小隊``), so that the echelon after
    the anaphoric ``同`` starts on a token: ANNOTATION.md's ``同旅団`` → ``旅団``."""
    view = token_view(doc)
    if "同" not in view.text:
        return 0
    texts = view.texts
    plan = [(i, 1, _ECHELON_TAG, "NOUN", _PREFIX_TAG, "NOUN") for i in range(len(texts) - 1)
            if (texts[i], texts[i + 1]) in _GLUED_ANAPHORA and not doc[i].whitespace_]
    if not plan:
        return 0
    doc.vocab.strings.add(_ECHELON_TAG)  # the retokenizer stores the tags' hashes only
    doc.vocab.strings.add(_PREFIX_TAG)
    return _split(doc, plan)


_TYPE_MARK_TAG = "名詞-普通名詞-一般"


def _cut_after_number(doc: Doc, words: Collection[str], marker: str, cut: int, first_tag: str,
                      second_tag: str) -> int:
    """Cut every token of ``words`` glued right after a number token ``cut`` characters in (a negative ``cut``
    counts from its end, as a slice does); ``marker`` is a substring every such word holds, a cheap test of
    the doc's text first."""
    view = token_view(doc)
    if marker not in view.text:
        return 0
    texts = view.texts
    plan = [(i, cut if cut > 0 else len(texts[i]) + cut, second_tag, "NOUN", first_tag, "NOUN")
            for i in range(1, len(texts))
            if texts[i] in words and doc[i - 1].tag_ == _NUMERAL_TAG and not doc[i - 1].whitespace_]
    if not plan:
        return 0
    doc.vocab.strings.add(first_tag)  # the retokenizer stores the tags' hashes only
    doc.vocab.strings.add(second_tag)
    return _split(doc, plan)


def split_type_designations(doc: Doc) -> int:
    """Cut ``式中`` right after a number token into ``式`` and ``中`` (Sudachi reads ``03式中距離…`` as
    ``03 / 式中 / 距離``, so the designation ``03式`` ended inside a token)."""
    return _cut_after_number(doc, ("式中",), "式中", 1, _TYPE_MARK_TAG, _TYPE_MARK_TAG)


_GLUED_MEASURE = re.compile(r"(mm|cm|km|ミリ)(?=[A-Z][A-Za-z0-9\-]*$|(?P<mount>[0-9])$)")
_GLUED_MEASURE_IN_TEXT = re.compile(r"[0-9０-９](?:mm|cm|km|ミリ)(?:[A-Z]|[0-9]連)")  # the same shape in the doc's text
_MEASURE_TAG = "名詞-普通名詞-助数詞可能"


def split_glued_measures(doc: Doc) -> int:
    """Cut a calibre or length unit off the Latin designation glued to it after a number
    (Sudachi reads ``30mmCIWS`` as ``30 / mmCIWS``, so neither the QUANTITY ``30mm`` nor the
    WEAPON ``CIWS`` lay on a token boundary)."""
    view = token_view(doc)
    if not _GLUED_MEASURE_IN_TEXT.search(view.text):
        return 0
    texts = view.texts
    plan = []
    for i in range(1, len(texts)):
        m = _GLUED_MEASURE.match(texts[i])
        if m and m.group("mount") and not (i + 1 < len(texts) and texts[i + 1].startswith("連")):
            continue  # mm3 is a cubic millimetre unless a mount's barrel count (25mm|3|連装機銃) follows
        if m and len(texts[i]) > m.end() and doc[i - 1].tag_ == _NUMERAL_TAG and not doc[i - 1].whitespace_:
            token = doc[i]
            second = (_NUMERAL_TAG, _NUMERAL_POS) if m.group("mount") else (token.tag_, token.pos_ or "NOUN")
            plan.append((i, m.end(), *second, _MEASURE_TAG, "NOUN"))
    if not plan:
        return 0
    doc.vocab.strings.add(_MEASURE_TAG)
    return _split(doc, plan)


_WORTH_TAG = "名詞-普通名詞-副詞可能"


def split_counted_worth(doc: Doc) -> int:
    """Cut ``両分`` after a number into ``両|分`` (``戦車105両分``: 105 tanks' worth). Sudachi's dictionary holds
    ``両分`` ("halving"), so after a number the vehicles' counter and the "worth" suffix are one token and the
    QUANTITY ``105両`` ends inside it; every other counter stays apart from its ``分`` already."""
    return _cut_after_number(doc, ("両分",), "両分", 1, _MEASURE_TAG, _WORTH_TAG)


_TIMES_GLUED = re.compile(r"[xXｘ][0-9]{1,4}")


def split_times_counts(doc: Doc) -> int:
    """Cut an ``x`` written for the times sign off the figure glued to it after a Japanese word
    (``潜水艦|x1`` → ``潜水艦|x|1``): Sudachi's dictionary holds ``x1`` as one word, so the count of the
    tally (``潜水艦x1 軽巡洋艦x1``) would end inside it; ``哨戒艇x2`` is cut so already."""
    view = token_view(doc)
    if "x" not in view.text and "X" not in view.text and "ｘ" not in view.text:
        return 0
    texts = view.texts
    plan = [(i, 1, _NUMERAL_TAG, _NUMERAL_POS) for i in range(1, len(texts))
            if _TIMES_GLUED.fullmatch(texts[i]) and not doc[i - 1].whitespace_
            and "\u3040" <= texts[i - 1][-1:] <= "\u9fff"]
    return _split(doc, plan) if plan else 0


_AMONG_GLUED = re.compile(r"中[0-9０-９]{1,2}")  # 中3 (Sudachi's word for a third-year junior high pupil)
_AMONG_IN_TEXT = re.compile(r"[0-9０-９]\D中[0-9０-９]")  # the same shape in the doc's text: 4発中3
_AMONG_TAG = "名詞-普通名詞-副詞可能"


def split_among_counts(doc: Doc) -> int:
    """Cut ``中3`` after a counted figure into ``中|3`` (``4発中3発`` → ``4|発|中|3|発``): Sudachi's
    dictionary holds ``中3`` (a pupil's school year) as one word, so the second count of "three of
    four" would start inside it; after anything but a number and its counter (``中3の生徒``) the
    word stays."""
    view = token_view(doc)
    if _AMONG_IN_TEXT.search(view.text) is None:  # 中 is in most docs; a figure, a counter, 中 and a digit are not
        return 0
    texts = view.texts
    plan = [(i, 1, _NUMERAL_TAG, _NUMERAL_POS, _AMONG_TAG, "NOUN") for i in range(2, len(texts))
            if _AMONG_GLUED.fullmatch(texts[i]) and texts[i - 2][-1:].isdigit()
            and not texts[i - 1][:1].isdigit() and not doc[i - 1].whitespace_]
    if not plan:
        return 0
    doc.vocab.strings.add(_AMONG_TAG)
    return _split(doc, plan)


_APPROX_TAG = "接頭辞"
_NUMBER_START = re.compile(r"[0-9０-９〇一二三四五六七八九十百千数]")


def split_glued_approx(doc: Doc) -> int:
    """Cut ``内約`` before a number into ``内|約`` (``市内約5,600棟`` → ``市|内|約|5,600|棟``).

    Sudachi's dictionary has ``内約`` ("a private agreement"), so after 市, 州 or 県 the ``約``
    ("about") of the figure is glued to the ``内`` of the place and the QUANTITY ``約5,600棟`` would
    start inside a token, losing its 約; before anything but a number the word stays.
    """
    view = token_view(doc)
    if "内約" not in view.text:
        return 0
    texts = view.texts
    plan = [(i, 1, _APPROX_TAG, "NOUN") for i in range(len(texts) - 1)
            if texts[i] == "内約" and not doc[i].whitespace_ and _NUMBER_START.match(texts[i + 1])]
    if not plan:
        return 0
    doc.vocab.strings.add(_APPROX_TAG)  # the retokenizer stores the tag's hash only
    return _split(doc, plan)


_COUNTRY_LETTERS = frozenset("米英仏独露中韓朝印伊加豪ウ")  # not 日 (also "day"): no affiliation of its own
_COUNTRY_TAG = "名詞-固有名詞-地名-国"


def split_paired_countries(doc: Doc) -> int:
    """Cut two one-kanji countries Sudachi reads as one word before ``両軍`` (``英仏|両軍`` → ``英|仏|両軍``),
    so that the grammar finds ``仏両軍`` and ``unit_joint`` joins ``英`` to it, as it does ``露|ウ|両軍``:
    the forces of both, one MIL_UNIT (``英仏両軍``, ``韓米両軍``: the real-text gold, 3 of 3)."""
    view = token_view(doc)
    if "両軍" not in view.text:
        return 0
    texts = view.texts
    plan = [(i, 1, _COUNTRY_TAG, "PROPN", _COUNTRY_TAG, "PROPN") for i in range(len(texts) - 1)
            if len(texts[i]) == 2 and texts[i][0] in _COUNTRY_LETTERS and texts[i][1] in _COUNTRY_LETTERS
            and texts[i + 1].startswith("両軍") and not doc[i].whitespace_]
    if not plan:
        return 0
    doc.vocab.strings.add(_COUNTRY_TAG)  # the retokenizer stores the tag's hash only
    return _split(doc, plan)


# Sudachi reads 師団長, 中隊長 (a commander) as one word, so in 第8師団長 the numbered unit ends inside a token.
# Only after a number: a bare 旅団長 names a post, no unit (the rewritten gold tags 第1師団長's unit, 3 of 3,
# and no bare 連隊長 or 旅団長).
_ECHELON_TITLES = frozenset(("師団長", "旅団長", "連隊長", "聯隊長", "大隊長", "中隊長", "小隊長", "戦隊長",
                             "軍団長", "航空団長", "飛行隊長"))
_TITLE_TAG = "接尾辞-名詞的-一般"


def split_numbered_titles(doc: Doc) -> int:
    """Cut an echelon's title right after a number (``第|8|師団長`` → ``第|8|師団|長``), so that the
    numbered unit ends on a token; the post's 長 stays outside it."""
    return _cut_after_number(doc, _ECHELON_TITLES, "長", -1, _ECHELON_TAG, _TITLE_TAG)


_GLUED_BRACKET = re.compile(r"[^()（）]+(?P<open>[(（])[^()（）]+(?P<close>[)）])")
_OPEN_TAG, _CLOSE_TAG, _BRACKETED_TAG = "補助記号-括弧開", "補助記号-括弧閉", "名詞-固有名詞-一般"


def split_glued_brackets(doc: Doc) -> int:
    """Cut a bracketed gloss off the word it is glued to (``陸軍(イギリス)`` → ``陸軍|(|イギリス|)``).

    Sudachi's dictionary holds Wikipedia's disambiguated titles as single words (``陸軍(イギリス)``,
    ``空軍(アメリカ)``, ``海兵隊(アメリカ)``, ``軍(ロシア)``, ``省(ロシア)``), so in ``英陸軍(イギリス)``
    the force ``英陸軍`` ends inside a token and no recogniser can find it. Only the shape word +
    bracketed word is cut; a word that is all bracket (``(株)``) stays.
    """
    view = token_view(doc)
    if "(" not in view.text and "（" not in view.text:
        return 0
    texts = view.texts
    glued = [(i, _GLUED_BRACKET.fullmatch(texts[i])) for i in range(len(texts))
             if len(texts[i]) > 3 and ("(" in texts[i] or "（" in texts[i])]
    glued = [(i, m) for i, m in glued if m]
    if not glued:
        return 0
    for tag in (_OPEN_TAG, _CLOSE_TAG, _BRACKETED_TAG):
        doc.vocab.strings.add(tag)  # the retokenizer stores the tags' hashes only
    # three passes, one cut per token each: word | (gloss) → ( | gloss) → gloss | ); an index moves by the
    # cuts made before it in the same pass
    _split(doc, [(i, m.start("open"), _OPEN_TAG, "PUNCT", doc[i].tag_, doc[i].pos_ or "NOUN") for i, m in glued])
    opened = [i + k + 1 for k, (i, _) in enumerate(glued)]
    _split(doc, [(i, 1, _BRACKETED_TAG, "PROPN", _OPEN_TAG, "PUNCT") for i in opened])
    bracketed = [i + k + 1 for k, i in enumerate(opened)]
    _split(doc, [(i, len(doc[i].text) - 1, _CLOSE_TAG, "PUNCT", _BRACKETED_TAG, "PROPN") for i in bracketed])
    return len(glued)


# Docs whose tokens a pass of ``split_tokens`` left unchanged, with the token view it saw. Three
# recognisers call ``split_tokens`` on every doc; a pass that splits nothing is a fixed point, so
# while the doc keeps that view (no retokenizer ran since: splits always add tokens) another pass
# would find nothing either and is skipped. Weak keys: an entry goes with its doc.
_UNCHANGED: "weakref.WeakKeyDictionary[Doc, object]" = weakref.WeakKeyDictionary()


def split_tokens(doc: Doc) -> int:
    """Every split of this module, in place (idempotent); the number of tokens split."""
    view = token_view(doc)
    if _UNCHANGED.get(doc) is view:
        return 0
    count = (split_vague_numerals(doc) + split_glued_class_heads(doc) + split_force_soldiers(doc)
             + split_slash_designations(doc) + split_anaphoric_echelons(doc) + split_type_designations(doc)
             + split_glued_measures(doc) + split_counted_worth(doc) + split_times_counts(doc)
             + split_glued_brackets(doc) + split_glued_approx(doc) + split_paired_countries(doc)
             + split_numbered_titles(doc) + split_among_counts(doc))
    if not count:
        _UNCHANGED[doc] = view
    return count


def _split(doc: Doc, plan: List[Tuple]) -> int:
    """Cut each token ``i`` at ``at`` characters; the second piece gets ``tag`` and ``pos``, the
    first keeps the token's own unless the plan entry gives a ``first_tag`` and ``first_pos`` too."""
    if not plan:
        return 0
    cuts = [entry[0] for entry in plan]
    n_before = len(doc)
    groups: List[Tuple[str, List[Tuple[int, int, str, str]]]] = [
        (key, [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in group]) for key, group in doc.spans.items()]
    with doc.retokenize() as retokenizer:
        for i, at, tag, pos, *first_tag_pos in plan:
            token = doc[i]
            first, second = token.text[:at], token.text[at:]
            first_tag, first_pos = first_tag_pos or (token.tag_, token.pos_ or "NOUN")
            heads = [(token, 1), token.head if token.head.i != token.i else (token, 1)]
            attrs = {"TAG": [first_tag, tag], "POS": [first_pos, pos],
                     "LEMMA": [first, second], "NORM": [first, second]}
            if doc.has_annotation("DEP"):
                attrs["DEP"] = ["compound", token.dep_]
            retokenizer.split(token, [first, second], heads=heads, attrs=attrs)
    _align_user_data(doc, cuts, n_before)
    for key, spans in groups:
        rebuilt = [doc.char_span(s, e, label=label, kb_id=kb) for s, e, label, kb in spans]
        doc.spans[key] = [span for span in rebuilt if span is not None]
    logger.debug("split %d tokens", len(cuts))
    return len(cuts)


def _align_user_data(doc: Doc, cuts: List[int], n_before: int) -> None:
    """Keep ja_ginza's per-token data aligned after the splits.

    An old token index ``j`` moves by the number of cuts before it; a split token
    is represented by its second piece (``数`` takes the original head and dep).
    Per-token lists get an entry for the first piece (bunsetu labels: the first
    piece keeps ``B``/``I`` and ``数`` continues; position types: the first piece
    is ``CONT``); index-valued data (``bunsetu_heads``, ``clause_heads``,
    ``clauses``) is renumbered.
    """
    cut_set = set(cuts)

    def new(j: int) -> int:
        return j + sum(1 for c in cuts if c <= j)

    for key, value in list(doc.user_data.items()):
        if isinstance(value, dict) and all(isinstance(k, int) for k in value):
            doc.user_data[key] = {new(k): _renumber(v, new, cut_set) for k, v in value.items()}
        elif isinstance(value, (list, tuple)) and len(value) == n_before:
            out = []
            for i, item in enumerate(value):
                item = new(item) if _is_index(item) else item
                if i in cut_set:
                    first, second = item, item
                    if key == "bunsetu_bi_labels":
                        second = "I"
                    elif key == "bunsetu_position_types":
                        first = "CONT"
                    out += [first, second]
                else:
                    out.append(item)
            doc.user_data[key] = type(value)(out)
        elif isinstance(value, (list, tuple)) and value and all(_is_index(v) for v in value):
            doc.user_data[key] = type(value)(new(v) for v in value)


def _is_index(item: object) -> bool:
    return isinstance(item, int) and not isinstance(item, bool)


def _renumber(value: object, new, cut_set: set) -> object:
    """A list of token indices renumbered, with the first piece of each split token added."""
    if not isinstance(value, (list, tuple)) or not all(_is_index(v) for v in value):
        return value
    out = []
    for v in value:
        if v in cut_set:
            out.append(new(v) - 1)
        out.append(new(v))
    return type(value)(out)
