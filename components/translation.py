"""Pairs that are translations, scored word by word with JMdict (``components.dictionary``).

Sound pairs a katakana name with its Latin form; a translated term
(``決戦``/``decisive battle``, ``南極の氷河``/``Antarctic glacier``) shares no
sound with its English, and an acronym (``EIA``) shares only initials. Two tests:

- ``translation_score``: cut the Japanese into dictionary words (longest match)
  and count how many English content words some word's glosses contain
  (``decisive`` ← 決戦's "decisive battle"); the score is the share of English
  words covered, and every Japanese word must contribute.
- ``acronym_letters``: in the spirit of Schwartz and Hearst (2003), an acronym's
  letters are the initials of its expansion. The expansion here is the
  glosses of the Japanese words before it, and the Japanese side reaches
  back only as far as words whose glosses give one of its letters (``UAE``:
  アラブ "Arab" opens アラブ首長国連邦; ``ISW``: シンクタンク "think tank" does
  not open 戦争研究所).

Both answer "no" when JMdict is not installed, so rules that use them keep
their cheaper behaviour; look-ups are cached per word.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import FrozenSet, List, Optional, Sequence, Tuple

from . import dictionary
from .numerals import fold_digits
from .phonetics import kana_to_roman

_STOP = frozenset("a an the of and or in on at to for by with from de la".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
MAX_WORD = 6


_SIBILANTS = ("s", "x", "z", "ch", "sh")  # where a plural adds -es rather than -s
_POSSESSIVE = re.compile(r"['’]s$")


@lru_cache(maxsize=65536)
def translation_stem(word: str) -> str:
    """A crude English stem, applied until it settles: ``glaciers``/``glacier``, ``Antarctic``/
    ``Antarctica``, ``Designated``/``designation``, ``Nationals``/``national``, ``Specially``/``special``;
    a hyphen inside is dropped, as English writes one word both ways (``cease-fire``/``ceasefire``)."""
    word = _POSSESSIVE.sub("", word.lower()).strip("'’-").replace("-", "")  # People's → people
    for _ in range(3):
        for suffix in ("ations", "ation", "ally", "ated", "ates", "ate", "ies", "es", "ed", "ly", "al", "ica",
                       "ic", "a", "s", "y"):
            if suffix == "es" and not word[:-2].endswith(_SIBILANTS):
                continue  # guarantees → guarantee (as the gloss), taxes → tax
            if len(word) > len(suffix) + 3 and word.endswith(suffix):
                word = word[: -len(suffix)]
                break
        else:
            break
    return word


def derived_form(stem: str, glossed: FrozenSet[str]) -> bool:
    """Whether ``stem`` and one of ``glossed`` are forms of one word that ``translation_stem`` leaves apart
    (``precision``/``precise``, ``russian``/``russi``): they share all but at most the last
    character of the shorter, at least four characters, and the longer adds at most three
    (``mediazon`` is no form of ``medi``)."""
    for other in glossed:
        shorter, longer = sorted((len(stem), len(other)))
        if shorter >= 4 and longer - shorter <= 3 and stem[:4] == other[:4]:
            common = 4
            while common < shorter and stem[common] == other[common]:
                common += 1
            if common >= shorter - 1 and longer - common <= 3:
                return True
    return False


@lru_cache(maxsize=65536)
def gloss_stems(word: str) -> FrozenSet[str]:
    """Stems of every word of ``word``'s JMdict glosses (``決戦`` → decis, battl, match, play-off …)."""
    return frozenset(translation_stem(w) for g in dictionary.glosses(word) for w in _WORD.findall(g) if w.lower() not in _STOP)


@lru_cache(maxsize=65536)
def part_stems(word: str) -> FrozenSet[str]:
    """Gloss stems of the dictionary words a kanji compound is made of, where they make it up whole
    (``人民戦線`` is a headword glossed "popular front", and its parts 人民 "people" + 戦線 "front" are what
    ``People's Front`` translates word for word); empty for a word of fewer than three characters."""
    if len(word) < 3:
        return frozenset()
    parts: List[str] = []
    i = 0
    while i < len(word):
        for n in range(min(MAX_WORD, len(word) - i - (i == 0)), 1, -1):  # a part of two characters or more
            if dictionary.glosses(word[i:i + n]):
                parts.append(word[i:i + n])
                i += n
                break
        else:
            return frozenset()
    return frozenset().union(*map(gloss_stems, parts))


@lru_cache(maxsize=65536)
def gloss_initials(word: str) -> FrozenSet[str]:
    """Upper-case initials of the content words of ``word``'s glosses (``アラブ`` → {"A"})."""
    return frozenset(w[0].upper() for g in dictionary.glosses(word) for w in _WORD.findall(g)
                     if w.lower() not in _STOP)


CONTENT_CHAR = re.compile(r"[\u4e00-\u9fff々ァ-ヺー]")  # a kanji or katakana character: where words can be


def segment(ja: str) -> List[str]:
    """Longest-match cut of ``ja`` into JMdict headwords; kana particles (の) and unknown characters are skipped."""
    out: List[str] = []
    i = 0
    while i < len(ja):
        if not CONTENT_CHAR.match(ja[i]):
            i += 1
            continue
        for n in range(min(MAX_WORD, len(ja) - i), 0, -1):
            piece = ja[i:i + n]
            if dictionary.glosses(piece):
                out.append(piece)
                i += n
                break
        else:
            i += 1
    return out


def translation_score(ja: str, english: Sequence[str], derived: bool = False) -> float:
    """Share of the English content words that the Japanese words' glosses account for, in [0, 1].

    0 unless every Japanese dictionary word accounts for at least one English
    word (so ``決戦の準備``/``decisive battle`` is no match: 準備 is left over).
    With ``derived``, a derived form of a gloss word counts too (``精密`` "precise" /
    precision); that is looser (指定 "specification" / Specially), so callers try it
    only where the exact test finds nothing.
    """
    words = [w for w in english if w.lower() not in _STOP]
    if not words or not dictionary.available():
        return 0.0
    pieces = segment(ja)
    if not pieces:
        return 0.0
    stems = [translation_stem(w) for w in words]
    covered = set()
    for piece in pieces:
        glossed = gloss_stems(piece) | part_stems(piece)
        mine = {i for i, s in enumerate(stems) if s in glossed or (derived and derived_form(s, glossed))}
        if not mine:
            return 0.0
        covered |= mine
    return len(covered) / len(words)


def opens_acronym(ja_word: str, acronym: str) -> bool:
    """Whether a Japanese word (or, for a run of several, any of its words) gives one of the acronym's letters."""
    letters = set(acronym.upper())
    return bool(gloss_initials(ja_word) & letters) or any(gloss_initials(w) & letters for w in segment(ja_word))


@lru_cache(maxsize=65536)
def gloss_acronyms(word: str) -> FrozenSet[str]:
    """The initials of each gloss's content words, as strings (``北大西洋条約`` → ``{"NAT", ...}``)."""
    return frozenset("".join(w[0].upper() for w in _WORD.findall(g) if w.lower() not in _STOP)
                     for g in dictionary.glosses(word))


_KATA_RUN = re.compile(r"[ァ-ヺー]+")


def acronym_words(ja: str) -> List[str]:
    """``ja`` cut into the words an acronym's letters may come from.

    A katakana run is one word unless JMdict cuts it into words that cover it
    exactly (``ファーストパーソンビュー`` → first / person / view; not
    ``イニシアティブ`` → イニ / シア / ティ); a kanji run is cut by JMdict.
    """
    out: List[str] = []
    for m in re.finditer(r"[ァ-ヺー]+|[\u4e00-\u9fff々]+", ja):
        run = m.group()
        if run in _PLACE_SUFFIXES and out and m.start() and _KATA_RUN.fullmatch(ja[m.start() - 1]):
            out[-1] += run  # カスピ海, ドネツ川: one place name, one letter (C of CPC, Caspian Pipeline Consortium)
            continue
        words = segment(run)
        # マーティン cut into マ / ー / ティ / ン covers the run but names no words: every piece three characters
        # or more that starts no mora of its own, or the known words then the loanword
        if _KATA_RUN.fullmatch(run) and ("".join(words) != run or len(words) > 1 and any(
                len(w) < 3 or w[0] in _NO_WORD_START for w in words)):
            words = _known_words_then_loanword(run, words)
        out.extend(words)
    return out


_NO_WORD_START = "ーンッャュョァィゥェォヮ"
_PLACE_SUFFIXES = frozenset("海湾州島川山港峡")  # one kanji glued after a katakana name makes a place name


def _known_words_then_loanword(run: str, words: List[str]) -> List[str]:
    """A katakana run that JMdict cuts into words up to a loanword it does not list: those words, then the
    rest as one word (``ガバメントクラウドファンディング`` → government / crowd / ファンディング, the GCF
    of its acronym); each known word three characters or more and the rest too, so ``イニシアティブ``
    (イニ / シア / ティ) stays one word. Else the run whole."""
    for k in range(len(words), 0, -1):
        head = "".join(words[:k])
        rest = run[len(head):]
        if run.startswith(head) and all(len(w) >= 3 for w in words[:k]) and len(rest) >= 3 \
                and rest[0] not in _NO_WORD_START:
            return list(words[:k]) + [rest]
    return [run]


# letters a katakana word's first sound may be written with in the Latin name: ラ行 writes both R and L
# (ルハンシク gives the L of LPR), バ行 B, V and W (ベグマン, Wegmann: the W of KMW), カ行 K and C (クラウン, Crown),
# サ行 S and C (センター, Center), ジャ行 J and G (ジェネラル, General)
_SOUNDS_WRITTEN = {"r": "L", "b": "VW", "v": "BW", "k": "C", "s": "C", "j": "G"}


def _word_letters(word: str) -> FrozenSet[str]:
    """What one word can give an acronym: its glosses' initials, or a katakana word's first sound."""
    out = set(gloss_acronyms(word)) | set(gloss_initials(word))
    if _KATA_RUN.fullmatch(word):
        roman = kana_to_roman(word)
        if roman:
            out.add(roman[0].upper())
            out.update(_SOUNDS_WRITTEN.get(roman[0].lower(), ""))
    return frozenset(out)


def gives_letter(word: str, letter: str) -> bool:
    """Whether one word can give ``letter`` as an acronym's letter (a gloss's initial, a katakana word's first
    sound): ``キーウ`` gives the K of KSE (Kyiv School of Economics), ``経済`` does not."""
    return any(g.startswith(letter.upper()) for g in _word_letters(word))


def spells_acronym(ja: str, acronym: str) -> bool:
    """Whether ``ja``'s words, in order, give the acronym's letters (Schwartz–Hearst, by translation).

    Each word gives one letter (an initial of its glosses, or a katakana
    loanword's first sound) or several at once where one of its glosses has
    exactly those initials: ``ファーストパーソンビュー`` → F, P, V; ``ウクライナ
    安全保障支援イニシアティブ`` → U, S, A, I; ``北大西洋条約機構`` → NAT, O.
    Every word must give at least one letter and every letter must be given;
    two words may also give them in the English order (``ウクライナ軍`` → AF, U).
    """
    words, letters = acronym_words(ja), acronym.upper()
    if len(words) < 2 and len(letters) > 1 and not any(letters == a for a in gloss_acronyms(ja)):
        return False
    # English puts "X of Y" where Japanese writes Y X: ウクライナ軍 (AFU, Armed Forces of Ukraine)
    return _spelled_in_order(words, letters) or (len(words) == 2 and _spelled_in_order(words[::-1], letters))


def shares_acronym_letters(ja: str, acronym: str) -> bool:
    """A looser test than ``spells_acronym`` for a term the text itself equates with an acronym
    (``IISS=国際戦略研究所``, ``UAE=アラブ首長国連邦``): every word gives one of its letters and every
    letter is given, in any order (English and Japanese order the words differently), and there are
    no more words than letters (``NATO=加盟国``: no pair)."""
    words, letters = acronym_words(ja), set(acronym.upper())
    if not words or len(words) > len(letters) + 1:
        return False
    given = [{ch for g in _word_letters(word) if g and letters.issuperset(g) for ch in g} for word in words]
    return all(given) and set().union(*given) == letters  # every word gives a letter, every letter is given


def _spelled_in_order(words: Sequence[str], letters: str) -> bool:
    """Whether ``words``, in this order, give all of ``letters``, each word at least one."""
    reach = {0}
    for word in words:
        gives = _word_letters(word)
        reach = {i + len(g) for i in reach for g in gives if g and letters.startswith(g, i)}
        if not reach:
            return False
    return len(letters) in reach


def word_count(ja: str) -> int:
    """How many dictionary words ``ja`` is cut into (0 where none is known)."""
    return len(segment(ja))


# a Japanese term: kanji and katakana words, with の between them (南極の氷河)
_JA_TERM = r"[\u4e00-\u9fff々ァ-ヺー・]+(?:の[\u4e00-\u9fff々ァ-ヺー・]+)*"
_JA_RUN = re.compile(_JA_TERM + "$")
MAX_EN_WORDS = 5


def translated_start(text: str, end: int, english: Sequence[str]) -> int:
    """Where a Japanese term ending at ``end`` starts if it translates ``english`` word for word; -1 if none.

    The shortest run of Japanese words (with の between them) before ``end``
    that accounts for every English content word, each Japanese word for at
    least one (``特別指定国民``/``Specially Designated Nationals``; ``南極の氷河``/
    ``Antarctic glacier``).
    """
    content = [w for w in english if w.lower() not in _STOP]
    if not content or len(content) > MAX_EN_WORDS or not dictionary.available():
        return -1
    m = _JA_RUN.search(text, max(0, end - 24), end)
    if m is None:
        return -1
    run_start = m.start()
    for derived in (False, True):  # exact glosses first, everywhere; derived forms only where they find nothing
        for start in range(end - 1, run_start - 1, -1):
            if start > run_start and not CONTENT_CHAR.match(text[start]):
                continue
            if start > run_start and _KATA_RUN.fullmatch(text, start - 1, start + 1):
                continue  # ミサ|イル「SCALP」: a katakana loanword is one word, never cut (イ glosses "scale")
            if translation_score(text[start:end], content, derived) >= 1.0:
                return _longest_start(text, _word_start(text, start, end, run_start, content, derived), end,
                                      run_start, content, derived)
    return -1


def _longest_start(text: str, start: int, end: int, run_start: int, english: Sequence[str], derived: bool) -> int:
    """The earliest start before ``start`` whose words all still translate (安全の保証 / security guarantees, not
    保証 alone, which glosses both; 装甲車両 / armored vehicles, not 両): a word joins only where it accounts for an
    English word too, whole (the text from it to ``start`` is dictionary words and の, nothing skipped)."""
    best = start
    for begin in range(start - 1, max(run_start, start - 2 * MAX_WORD) - 1, -1):
        if not CONTENT_CHAR.match(text[begin]) or not _whole_words(text[begin:best]):
            continue
        if translation_score(text[begin:end], english, derived) >= 1.0:
            best = begin
    return best


def _whole_words(piece: str) -> bool:
    """Whether ``piece`` is dictionary words (``segment``) and の, with no character skipped or cut."""
    rest = piece
    for word in segment(piece):
        at = rest.find(word)
        if at < 0 or rest[:at].strip("の"):
            return False
        rest = rest[at + len(word):]
    return not rest.strip("の")


def _word_start(text: str, start: int, end: int, run_start: int, english: Sequence[str], derived: bool) -> int:
    """``start``, or the start of a dictionary word it cuts into that still translates (``戦略爆撃機``/
    ``strategic bomber``: 略 alone glosses "strategy" too, but the word is 戦略)."""
    for begin in range(start - 1, max(run_start, start - MAX_WORD + 1) - 1, -1):
        if any(dictionary.glosses(text[begin:stop]) for stop in range(start + 1, min(begin + MAX_WORD, end) + 1)) \
                and translation_score(text[begin:end], english, derived) >= 1.0:
            return begin
    return start


# what may stand between a Japanese term and the Latin chunk after it (a space, a bracket, a quote, a colon)
GAP_CHARS = " 　(（[［「」『』\"“”:："
_GAP = re.compile(f"[{GAP_CHARS}]*$")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


# a numbered part of a treaty or law: 第5条(Article 5), 第7章(Chapter VII is left out: Roman numerals)
_NUMBERED_EN = re.compile(r"(Article|Chapter|Section|Paragraph)\s+([0-9]+)\b")
_NUMBERED_JA = {"Article": "条", "Chapter": "章", "Section": "節", "Paragraph": "項"}


def _numbered_pair(text: str, end: int, numbered: re.Match) -> Optional[Tuple[Tuple[int, int], Tuple[int, int]]]:
    """``第5条(Article 5)``: the Japanese ordinal of the same number and kind right before the Latin chunk."""
    ja = f"第{numbered.group(2)}{_NUMBERED_JA[numbered.group(1)]}"
    if fold_digits(text[max(0, end - len(ja)):end]) != ja:
        return None
    return (end - len(ja), end), numbered.span()


def translation_pair(text: str, cs: int, ce: int) -> Optional[Tuple[Tuple[int, int], Tuple[int, int]]]:
    """``((ja_start, ja_end), (en_start, en_end))`` when the Latin chunk ``text[cs:ce]`` translates the
    Japanese term right before it (after a space, bracket, quote or colon), else None.

    ``決戦(decisive battle)``, ``「影の船団」(shadow fleet)``, ``特別指定国民 Specially Designated Nationals``.
    Chunks with digits are codes or counts, not translations.
    """
    gap = _GAP.search(text, max(0, cs - 4), cs)
    end = gap.start() if gap else cs
    for opening, closing in (("(", ")"), ("[", "]")):  # 対戦車地雷(anti-tank mines)、landmines: the bracket ends it
        close = text.find(closing, cs, ce) if gap and opening in gap.group() else -1
        if close != -1:
            ce = close
    numbered = _NUMBERED_EN.match(text, cs, ce)
    if numbered is not None:
        return _numbered_pair(text, end, numbered)
    words = list(_EN_WORD.finditer(text, cs, ce))
    if not words or end == 0 or any(ch.isdigit() for ch in text[cs:ce]):
        return None
    start = translated_start(text, end, [m.group() for m in words])
    if start < 0:
        return None
    return (start, end), (cs, words[-1].end())


# an English term with its Japanese translation in the bracket right after it: cease-fire（停戦）; or after a
# glossary's colon (Distributed Denial of Service attack:分散型サービス拒否攻撃)
_BRACKETED_JA = re.compile(r"[ \u3000]*(?:\((" + _JA_TERM + r")\)|(?:[:：=＝]|(?<=[ \u3000])[–—―](?=[ \u3000]))[ \u3000]*("
                           + _JA_TERM + r"))")  # also a glossary's spaced dash (battalion – 大隊) and = (Government in exile=亡命政府)


def translation_before(text: str, cs: int, ce: int) -> Optional[Tuple[Tuple[int, int], Tuple[int, int]]]:
    """``((ja_start, ja_end), (en_start, en_end))`` when the English words that end the Latin chunk
    ``text[cs:ce]`` are translated by a Japanese term in the bracket or after the colon right after them
    (``decisive battle（決戦）``, ``decisive battle: 決戦``, ``Government in exile=亡命政府``, a glossary's
    ``battalion – 大隊``: the English written
    first), else None. The English side is the longest run of
    the chunk's last words that the bracketed term translates word for word, each word of it accounted
    for (``translation_score`` 1.0), so a sentence before the term stays out. Brackets are folded to
    half width by the caller (``find_pairs``)."""
    words = list(_EN_WORD.finditer(text, cs, ce))
    if not words or any(ch.isdigit() for ch in text[words[0].start():words[-1].end()]):
        return None
    bracket = _BRACKETED_JA.match(text, words[-1].end())  # only spaces between the word and the bracket
    if bracket is None or not dictionary.available():
        return None
    group = 1 if bracket.group(1) is not None else 2
    ja = bracket.group(group)
    for derived in (False, True):  # the exact glosses first; a derived form (distributed/分散) only where none fits
        for k in range(max(0, len(words) - 2 * MAX_EN_WORDS), len(words)):
            english = [m.group() for m in words[k:]]
            if english[0].lower() in _STOP or sum(w.lower() not in _STOP for w in english) > MAX_EN_WORDS:
                continue
            if translation_score(ja, english, derived) >= 1.0:
                return bracket.span(group), (words[k].start(), words[-1].end())
    return None
