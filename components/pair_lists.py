"""Glossary and vocabulary lists: ``・US Air Force アメリカ空軍`` pairs the Latin term with the
Japanese gloss after it, on lines that are list entries.

English-study pages and glossaries of war reporting list terms a line each, Latin first (with a
bullet, or with none where three or more lines of a text have that shape: ``drone /droʊn/ ドローン``),
then the Japanese gloss; several glosses are separated by ``、`` and the first is the pair
(``spydrone 偵察ドローン、無人偵察機`` → ``偵察ドローン``), or joined by a colon either way round
(``- 弾道ミサイル: ballistic missile``, ``refugee:難民``), or by a part-of-speech tag (``navy 【名詞】 海軍``).
Only nouns pair: a gloss with hiragana outside its parentheses (``crash 墜落する``, an aid list's
``・ATACMS ミサイルの供与``) or with a placeholder (``land in ~に着弾する``, ``accuse A of B``) is a
verb or a phrase pattern, not a term (NOTES-real8). ``ICBM(=大陸間弾道ミサイル)``, a gloss in
parentheses after ``=``, is the same evidence in running text.
"""
from __future__ import annotations

import re
from itertools import chain
from typing import List, Tuple

Span = Tuple[int, int]

_JA = r"[\u3040-\u30ff\u4e00-\u9fff々ー・()（）]"
_ENTRY = re.compile(
    r"^[ \t\u3000]*[・•·\-*][ \t\u3000]*(?P<en>[A-Za-z][A-Za-z0-9'’.\- ]{0,60}?[A-Za-z0-9])[ \t\u3000]+"
    rf"(?P<ja>{_JA}+?)(?=[、,，。;；/／]|[ \t\u3000]*$)", re.MULTILINE)
_PLACEHOLDER = re.compile(r"[~〜～]|\b[A-Z]\b(?! [A-Z])|\bsb\b|\bsth\b|\bsomeone\b|\bsomething\b")
_HIRAGANA = re.compile(r"[\u3040-\u309f]")  # a particle or an ending: a phrase (ミサイルの供与, 墜落する), not a term
_PAREN = re.compile(r"[(（][^()（）]*[)）]")
_EQ_GLOSS = re.compile(r"(?<![A-Za-z0-9])(?P<en>[A-Z][A-Z0-9\-]{1,9})[(（][=＝](?P<ja>[\u30a0-\u30ff\u4e00-\u9fff々・]{2,})[)）]")
MAX_WORDS = 6
# A learner page's gloss in running text: ``landmine「地雷」のこと``, ``sanctionは「制裁」のことです``: an English
# word (up to four), the Japanese in corner brackets, and the words that say it is the meaning. Without
# that tail a quote after a Latin name is a quotation (``Reuters「ロシア軍が…」``), not a gloss.
_QUOTED_GLOSS = re.compile(
    r"(?<![A-Za-z0-9'’\-])(?P<en>[A-Za-z][A-Za-z'’\-]{1,30}(?: [A-Za-z][A-Za-z'’\-]*){0,3})[ \t\u3000]*"
    r"(?:は|とは|って)?「(?P<ja>[\u30a0-\u30ff\u4e00-\u9fff々・ー]{1,12})」(?=のこと|という意味|の意味|と訳|を意味)")
# A vocabulary list of a learner page without bullets: ``drone /droʊn/ ドローン``, ``air defense systems
# 防空システム``, a term (with its pronunciation between slashes) and its gloss alone on a line.
_VOCAB_LINE = re.compile(
    r"^[ \t\u3000]*(?P<en>[A-Za-z][A-Za-z'’\- ]{0,60}?[A-Za-z])(?:[ \t\u3000]+/[^/\n]{1,40}/)?[ \t\u3000]+"
    rf"(?P<ja>{_JA}+?)[ \t\u3000]*$", re.MULTILINE)
# A word list that gives the reading first: ``むじんき (無人機) : drone; unmanned aircraft`` (each English
# gloss after the colon pairs with the term, as the annotators mark two English forms of one term)
_READING_GLOSS = re.compile(  # starts where a hiragana run does, so a long run without a gloss is read once
    r"(?<![\u3041-\u309f])[\u3041-\u309f]+[ \t\u3000]*[(（](?P<ja>[\u30a0-\u30ff\u4e00-\u9fff々・]{1,20})[)）][ \t\u3000]*[:：][ \t\u3000]*"
    r"(?P<en>[A-Za-z][A-Za-z'’\- ]{0,40}[A-Za-z])(?=[ \t\u3000]*(?:[;；,、]|$))", re.MULTILINE)
_MORE_GLOSS = re.compile(r"[ \t\u3000]*[;；][ \t\u3000]*(?P<en>[A-Za-z][A-Za-z'’\- ]{0,40}[A-Za-z])(?=[ \t\u3000]*(?:[;；]|$))",
                         re.MULTILINE)
# A learner's dictionary line: the term, its part of speech in lenticular brackets, then the gloss, with a
# usage label before it where the dictionary gives one (``navy 【名詞】 海軍``, ``coastguard 【名詞】 〈英〉沿岸警備隊``,
# ``Crimea 【名詞】 <地名>クリミア半島、…``). The bracketed part of speech marks the list, so one line is enough;
# verbs and phrases drop out as in the other lists (``seize 【他動詞】 をつかむ``).
_POS_GLOSS = re.compile(
    r"^[ \t\u3000]*(?P<en>[A-Za-z][A-Za-z'’\- ]{0,40}?[A-Za-z])[ \t\u3000]*【[^】\n]{1,8}】[ \t\u3000]*"
    rf"(?:[<〈＜《][^>〉＞》\n]{{1,8}}[>〉＞》][ \t\u3000]*)?(?P<ja>{_JA}+?)(?=[、,，。;；/／]|[ \t\u3000]*$)", re.MULTILINE)
VOCAB_MIN_LINES = 3  # lines of that shape that make a list (one such line may be a caption or a headline)
# A glossary of term and gloss joined by a colon, either way round, a line each (bullet optional):
# ``- 弾道ミサイル: ballistic missile``, ``refugee:難民``. The English ends at a comma, a semicolon, a
# bracket or a dash that opens a note (``砲弾: shell, artillery round — …``: the first gloss pairs), and
# an article before it is not part of the term (``The Russian-Ukrainian crisis:…``). One colon line is a
# caption or a credit (``出典: Reuters``, ``Photo: ロイター``); a list needs ``VOCAB_MIN_LINES`` of them.
_BULLET = r"(?:[・•·\-*][ \t\u3000]*)?"
_EN_TERM = r"(?:(?:The|the|An|an|A)[ \t]+)?(?P<en>[A-Za-z][A-Za-z'’\- ]{0,60}?[A-Za-z])"
_COLON = r"[ \t\u3000]*[:：][ \t\u3000]*"
_COLON_JA_FIRST = re.compile(
    rf"^[ \t\u3000]*{_BULLET}(?P<ja>{_JA}+?){_COLON}{_EN_TERM}(?=[ \t\u3000]*(?:[,，;；(（—–]|[-‐][ \t]|$))",
    re.MULTILINE)
_COLON_EN_FIRST = re.compile(
    rf"^[ \t\u3000]*{_BULLET}{_EN_TERM}{_COLON}(?P<ja>{_JA}+?)[ \t\u3000]*(?=[、,，。;；/／(（—–]|$)", re.MULTILINE)


# A vocabulary list whose entries give a pronunciation between slashes, the gloss after it on the same line
# or the next (``troop(s) /trúːp(s)/ 軍隊、部隊``, ``reconnaissance /rɪkάnəzns/⏎偵察、偵察隊``): the slashes mark
# each entry, and the first gloss after them pairs with the term
_IPA_ENTRY = re.compile(
    r"(?<![A-Za-z0-9'’\-])(?P<en>[A-Za-z][A-Za-z'’\-]{1,30}(?:\([a-z]{1,3}\))?(?: [A-Za-z][A-Za-z'’\-]*){0,2})"
    r"[ \t\u3000]+/[^/\n]{1,40}/[ \t\u3000]*\n?[ \t\u3000]*(?P<ja>[\u30a0-\u30ff\u4e00-\u9fff々・ー]+)(?=[、,，。;；/／\s]|$)")


# A learner's quoted gloss: ``「大陸間弾道ミサイル」=“intercontinental ballistic missile”`` (the Japanese quoted,
# an equals sign, the English in quotes) and ``“missile”(ミサイル)`` (the English quoted, its Japanese in brackets)
_QUOTED_EQUALS = re.compile(
    r"「(?P<ja>[\u30a0-\u30ff\u4e00-\u9fff々・ー]{1,20})」[ \t\u3000]*[=＝][ \t\u3000]*[“\"](?P<en>[A-Za-z][A-Za-z'’\- ]{0,60}[A-Za-z])[”\"]")
_QUOTED_EN_GLOSS = re.compile(
    r"[“\"](?P<en>[A-Za-z][A-Za-z'’\- ]{0,40}[A-Za-z])[”\"][(（](?P<ja>[\u30a0-\u30ff\u4e00-\u9fff々・ー]{1,20})[)）]")


# An acronym glossary a line per field: ``ALCM⏎Air-launched Cruise Missile⏎航空機発射巡航ミサイル⏎…``: the
# acronym, its expansion (whose initials spell it), then the Japanese term; the expansion pairs with the term
_ACRONYM_BLOCK = re.compile(
    r"^[ \t\u3000]*(?P<acr>[A-Z][A-Za-z0-9]{1,9})[ \t\u3000]*\n[ \t\u3000]*(?P<en>[A-Za-z][A-Za-z0-9'’\- ]{2,80}[A-Za-z0-9])"
    r"[ \t\u3000]*\n[ \t\u3000]*(?P<ja>[\u30a0-\u30ff\u4e00-\u9fff々・ー]{2,30})[ \t\u3000]*(?=\n|$)", re.MULTILINE)
# The same with the Japanese term second: ``NATO⏎北大西洋条約機構⏎the North Atlantic Treaty Organizationを略した語``
# (a dictionary entry: headword, translation, then the definition opening with the expansion): the term pairs
# with the acronym and with the expansion (an article before it is not part of it)
_ACRONYM_TERM_BLOCK = re.compile(
    r"^[ \t\u3000]*(?P<acr>[A-Z][A-Za-z0-9]{1,9})[ \t\u3000]*\n[ \t\u3000]*(?P<ja>[\u30a0-\u30ff\u4e00-\u9fff々・ー]{2,30})"
    r"[ \t\u3000]*\n[ \t\u3000]*(?:(?:The|the|An|an|A)[ \t]+)?(?P<en>[A-Z][A-Za-z0-9'’\-]*(?: [A-Za-z][A-Za-z0-9'’\-]*){1,9})",
    re.MULTILINE)
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "to", "in", "on", "a", "an"})
# A glossary line of an English term in corner brackets, an equals sign and its Japanese, a usage label in
# brackets allowed before it: ``●「aeromedical airlift squadron」=(米軍)航空医療空輸飛行隊``
_QUOTED_TERM_EQUALS = re.compile(
    r"「(?P<en>[A-Za-z][A-Za-z'’\- ]{0,60}[A-Za-z])」[ \t\u3000]*[=＝][ \t\u3000]*(?:[(（][^()（）\n]{1,6}[)）])?"
    r"(?P<ja>[\u30a0-\u30ff\u4e00-\u9fff々・ー]{2,30})(?=[ \t\u3000]*(?:\n|$|[、。,，;；]))")


def _spells(acronym: str, expansion: str) -> bool:
    """Whether the initials of ``expansion``'s words (hyphenated parts too, small words optional) spell ``acronym``."""
    words = [w for w in re.split(r"[ \-]+", expansion) if w]
    full = "".join(w[0] for w in words).upper()
    short = "".join(w[0] for w in words if w.lower() not in _SMALL_WORDS).upper()
    return acronym.upper() in (full, short)


def _noun_entry(en: str, ja: str) -> bool:
    """Whether a list entry pairs a term with a noun gloss: no verb or phrase (hiragana outside the
    parentheses), no placeholder, balanced parentheses, a short term."""
    return not (len(en.split()) > MAX_WORDS or _PLACEHOLDER.search(en) or _PLACEHOLDER.search(ja)
                or _HIRAGANA.search(_PAREN.sub("", ja)) or ja.count("(") + ja.count("（") != ja.count(")") + ja.count("）"))


def list_pairs(text: str) -> List[Tuple[Span, Span]]:
    """``(ja, en)`` character spans of list-entry pairs, ``ACR(=訳語)`` glosses and ``word「訳語」のこと`` glosses
    in ``text``."""
    found: List[Tuple[Span, Span]] = []
    vocab = list(_VOCAB_LINE.finditer(text)) if "\n" in text else []
    colon = list(chain(_COLON_JA_FIRST.finditer(text), _COLON_EN_FIRST.finditer(text))) \
        if "\n" in text and (":" in text or "：" in text) else []
    pos_glosses = _POS_GLOSS.finditer(text) if "【" in text else ()
    for m in chain(_ENTRY.finditer(text), pos_glosses, vocab if len(vocab) >= VOCAB_MIN_LINES else (),
                   colon if len(colon) >= VOCAB_MIN_LINES else ()):
        if _noun_entry(m.group("en"), m.group("ja")):
            found.append(((m.start("ja"), m.end("ja")), (m.start("en"), m.end("en"))))
    for m in _READING_GLOSS.finditer(text):
        ja = (m.start("ja"), m.end("ja"))
        found.append((ja, (m.start("en"), m.end("en"))))
        more = _MORE_GLOSS.match(text, m.end())
        while more:
            found.append((ja, (more.start("en"), more.end("en"))))
            more = _MORE_GLOSS.match(text, more.end())
    if "/" in text:
        ipa = [m for m in _IPA_ENTRY.finditer(text) if _noun_entry(m.group("en"), m.group("ja"))]
        if len(ipa) >= 2:  # two entries make a list; one may be a slashed aside
            taken = [ja for ja, _ in found]
            found += [((m.start("ja"), m.end("ja")), (m.start("en"), m.end("en"))) for m in ipa
                      if not any(m.start("ja") < b and a < m.end("ja") for a, b in taken)]
    if "\n" in text:
        for m in _ACRONYM_BLOCK.finditer(text):
            if _spells(m.group("acr"), m.group("en")):
                found.append(((m.start("ja"), m.end("ja")), (m.start("en"), m.end("en"))))
        for m in _ACRONYM_TERM_BLOCK.finditer(text):
            if _spells(m.group("acr"), m.group("en")):
                ja = (m.start("ja"), m.end("ja"))
                found += [(ja, (m.start("acr"), m.end("acr"))), (ja, (m.start("en"), m.end("en")))]
    quoted = chain(_QUOTED_EQUALS.finditer(text), _QUOTED_EN_GLOSS.finditer(text)) if ("“" in text or '"' in text) else ()
    bracketed = chain(_QUOTED_GLOSS.finditer(text), _QUOTED_TERM_EQUALS.finditer(text)) if "「" in text else ()
    for m in chain(_EQ_GLOSS.finditer(text), bracketed, quoted):
        found.append(((m.start("ja"), m.end("ja")), (m.start("en"), m.end("en"))))
    return found
