"""Phonetic similarity between a katakana word and a Latin-script name.

Used to decide whether ``ポクロウスク`` and ``Pokrovsk`` name the same thing,
and how far a Japanese term reaches before its Latin counterpart. Both sides
are reduced to a coarse *phonetic key* in which the sounds that Japanese
transliteration of Slavic and English names blurs fall together: ``v``/``w``/
``b``/``f`` (ヴ, ウ, フ, ブ all stand for Ukrainian ``v``), ``l``/``r``,
``kh``/``h``, ``zh``/``j``/``dzh``, ``y``/``i``, vowel length and doubled
consonants (ッ, ー). Katakana is romanised with our own table rather than
pykakasi, because pykakasi renders ``ティ`` as ``tei`` and ``ヴィ`` as ``vi``
inconsistently; see the method comparison in the helper report.

Pure Python plus rapidfuzz; no spaCy.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Callable, Dict, Optional, Sequence

from rapidfuzz import fuzz

_DIGRAPHS: Dict[str, str] = {
    "キャ": "kya", "キュ": "kyu", "キョ": "kyo", "シャ": "sha", "シュ": "shu", "ショ": "sho", "シェ": "she",
    "チャ": "cha", "チュ": "chu", "チョ": "cho", "チェ": "che", "ニャ": "nya", "ニュ": "nyu", "ニョ": "nyo",
    "ヒャ": "hya", "ヒュ": "hyu", "ヒョ": "hyo", "ミャ": "mya", "ミュ": "myu", "ミョ": "myo",
    "リャ": "rya", "リュ": "ryu", "リョ": "ryo", "ギャ": "gya", "ギュ": "gyu", "ギョ": "gyo",
    "ジャ": "ja", "ジュ": "ju", "ジョ": "jo", "ジェ": "je", "ビャ": "bya", "ビュ": "byu", "ビョ": "byo",
    "ピャ": "pya", "ピュ": "pyu", "ピョ": "pyo", "ヂャ": "ja", "ヂュ": "ju", "ヂョ": "jo",
    "ティ": "ti", "ディ": "di", "トゥ": "tu", "ドゥ": "du", "テュ": "tyu", "デュ": "dyu",
    "ファ": "fa", "フィ": "fi", "フェ": "fe", "フォ": "fo", "フュ": "fyu",
    "ヴァ": "va", "ヴィ": "vi", "ヴェ": "ve", "ヴォ": "vo", "ヴュ": "vyu",
    "ウィ": "wi", "ウェ": "we", "ウォ": "wo", "ツァ": "tsa", "ツィ": "tsi", "ツェ": "tse", "ツォ": "tso",
    "イェ": "ye", "クァ": "kwa", "クィ": "kwi", "クェ": "kwe", "クォ": "kwo", "グァ": "gwa",
    "スィ": "si", "ズィ": "zi", "シィ": "si", "チィ": "ti",
}
_ROWS = {
    "": "アイウエオ", "k": "カキクケコ", "g": "ガギグゲゴ", "s": "サシスセソ", "z": "ザジズゼゾ",
    "t": "タチツテト", "d": "ダヂヅデド", "n": "ナニヌネノ", "h": "ハヒフヘホ", "b": "バビブベボ",
    "p": "パピプペポ", "m": "マミムメモ", "y": "ヤ-ユ-ヨ", "r": "ラリルレロ", "w": "ワヰ-ヱヲ",
}
_MONO: Dict[str, str] = {}
for _cons, _kana in _ROWS.items():
    for _vowel, _ch in zip("aiueo", _kana):
        if _ch != "-":
            _MONO[_ch] = _cons + _vowel
_MONO.update({"シ": "shi", "チ": "chi", "ツ": "tsu", "フ": "fu", "ジ": "ji", "ヂ": "ji", "ヅ": "zu",
              "ヴ": "vu", "ン": "n", "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o",
              "ャ": "ya", "ュ": "yu", "ョ": "yo", "ヮ": "wa"})

# Ordered rewrites on a lower-case romanisation (either side) to a coarse key.
_KEY_RULES = [
    (r"shch|sch", "s"), (r"dzh|dž|dj", "j"), (r"zh|ž", "j"), (r"kh|ch(?=[rl])", "h"), (r"tch|ch|č", "C"),
    (r"sh|š", "s"), (r"ts|tz|c(?=[ei])|ц", "C"), (r"ph", "f"), (r"th", "t"), (r"ck|q|c", "k"), (r"x", "ks"),
    (r"^hu", "fu"), (r"ay(?![aeiou])", "ei"), (r"(?<=[^aeiou])[eo]r$", "a"), (r"n(?=[bp])", "m"), (r"C", "c"), (r"[vwfb]", "b"), (r"l", "r"), (r"j", "z"), (r"y", "i"),
    (r"ii+|iy", "i"), (r"([a-z])\1+", r"\1"),
]
_KEY_RE = [(re.compile(p), r) for p, r in _KEY_RULES]
_VOWELS = re.compile(r"[aeiou]")
_CODE_RE = re.compile(r"[A-Z0-9]{1,3}$")


def is_katakana(text: str) -> bool:
    """True when ``text`` is katakana only (with ・, ー, =, spaces allowed)."""
    letters = [ch for ch in text if ch not in "・ー=＝ 　"]
    return bool(letters) and all("\u30a1" <= ch <= "\u30fa" for ch in letters)


def hiragana_to_katakana(text: str) -> str:
    """Hiragana as katakana, one code point for one (``てぃー`` → ``ティー``); every other character as it is."""
    return "".join(chr(ord(ch) + 0x60) if "\u3041" <= ch <= "\u3096" else ch for ch in text)


def kana_to_roman(text: str) -> str:
    """Romanise katakana (hiragana is folded first); non-kana characters are dropped.

    Args:
        text (str): Katakana such as ``ポクロウスク``.

    Returns:
        str: Hepburn-like romaji, ``ti`` for ティ and ``vi`` for ヴィ.
    """
    text = hiragana_to_katakana(text)
    out = []
    i = 0
    while i < len(text):
        pair = text[i:i + 2]
        if pair in _DIGRAPHS:
            out.append(_DIGRAPHS[pair])
            i += 2
            continue
        ch = text[i]
        prev = out[-1] if out else ""
        if ch == "ウ" and prev[-1:] in ("a", "i", "e", "o", "u"):
            out.append("w")  # ポクロウスク, キーウ: ウ after a vowel writes Slavic v
        elif ch == "ー" and prev[-1:] in ("a", "i", "u", "e", "o"):
            out.append(prev[-1])
        elif ch in _MONO:
            out.append(_MONO[ch])
        i += 1
    return "".join(out)


@lru_cache(maxsize=65536)
def latin_key(text: str) -> str:
    """The phonetic key of a Latin-script form: ``Zaporizhzhia`` → ``zaporiziza``-like."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if ch.isascii() and ch.isalpha())
    for pattern, repl in _KEY_RE:
        text = pattern.sub(repl, text)
    return text


@lru_cache(maxsize=65536)
def kana_key(text: str) -> str:
    """The phonetic key of a katakana form, comparable with ``latin_key``."""
    roman = kana_to_roman(text)
    # Katakana adds a vowel after every final consonant: ク = k(u), ト = t(o).
    roman = re.sub(r"(?<=[kgszhbpmrfvn])u(?=[^aeiouy]|$)", "", roman)
    roman = re.sub(r"(?<=[td])o(?=[^aeiouy]|$)", "", roman)
    return latin_key(roman)


def skeleton(key: str) -> str:
    """Consonants only: vowel quality is the least reliable part of a transliteration."""
    return _VOWELS.sub("", key)


def similarity(kana: str, latin: str) -> float:
    """How alike a katakana form and a Latin form sound, in [0, 1].

    The mean of a fuzzy ratio over the full keys and over the consonant
    skeletons, so that ``ポクロウスク``/``Pokrovsk`` (0.8+) and
    ``キーウ``/``Kyiv`` score high and unrelated names stay below about 0.5.

    Args:
        kana (str): Katakana form (middle dots and spaces ignored).
        latin (str): Latin form (spaces, hyphens, diacritics ignored).

    Returns:
        float: Similarity between 0 and 1.
    """
    return _blended_ratio(kana_key(kana), latin_key(latin))


def kana_similarity(a: str, b: str) -> float:
    """Similarity of two katakana forms (variants of one name), in [0, 1]."""
    return _blended_ratio(kana_key(a), kana_key(b))


def _blended_ratio(a: str, b: str) -> float:
    """Mean of the keys' edit similarity and their consonant skeletons' (vowels vary most across spellings)."""
    if not a or not b:
        return 0.0
    full = fuzz.ratio(a, b) / 100.0
    sa, sb = skeleton(a), skeleton(b)
    skel = fuzz.ratio(sa, sb) / 100.0 if sa and sb else full
    return (full + skel) / 2.0


def edges_agree(a_key: str, b_key: str) -> bool:
    """Whether two keys share their first consonant and final consonants.

    Transliterations of one name vary in the middle (ポクロフスク/パコフスク) but
    rarely at the edges, while look-alikes differ there (フランス/ブリャンスク).
    """
    sa, sb = skeleton(a_key), skeleton(b_key)
    if not sa or not sb:
        return a_key[:1] == b_key[:1]
    n = 2 if min(len(sa), len(sb)) >= 3 else 1
    return sa[0] == sb[0] and sa[-n:] == sb[-n:]


@lru_cache(maxsize=1)
def _english_reader() -> Optional[Callable[[str], str]]:
    """e2k's English-to-katakana model (a small numpy model), or None where e2k is missing.

    The model multiplies small vectors by small matrices, one character at a time. OpenBLAS
    spreads each product over every core by default, and the threads' hand-offs cost more than
    the product: a word took 8 ms on two idle cores and 40-60 ms when the cores were busy (two
    worker processes, or anything else running), against 5-7 ms on one thread. So each reading
    runs with BLAS held to one thread (threadpoolctl, which sets and restores the limit for the
    call only, so nothing else in the process is changed).
    """
    try:
        import e2k
    except ImportError:  # pragma: no cover - e2k is a declared dependency
        return None
    model = e2k.C2K()
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - threadpoolctl is a declared dependency
        return model
    controller = ThreadpoolController()

    def read(word: str) -> str:
        with controller.limit(limits=1, user_api="blas"):
            return model(word)

    return read


@lru_cache(maxsize=65536)
def english_katakana(word: str) -> str:
    """How Japanese writes an English word by its sound: ``Fire`` → ``ファイヤ``, ``Hubble`` → ``ハブル``.

    Our key reads Latin letters as spelled, which suits Slavic names
    (``Pokrovsk``) but not English spelling (``Fire``, ``Knight``); e2k
    converts by sound. Only ASCII letters are read; anything else gives ``""``.
    """
    low = word.lower()
    if low in _ENGLISH_NAMES:
        return _ENGLISH_NAMES[low]
    reader = _english_reader()
    if reader is None or not low.isascii() or not low.isalpha():
        return ""
    return reader(low)


# English given names whose spelling misleads both our key and e2k (Michael read ミチェル, 0.47 against
# マイケル): their usual katakana, as Japanese news writes them (マイケル・グゥトライン(Michael Guetlein))
_ENGLISH_NAMES = {"michael": "マイケル", "matthew": "マシュー", "hugh": "ヒュー"}


def english_similarity(kana: str, words: Sequence[str]) -> float:
    """Similarity of a katakana form to English words read by sound (each word converted on its own)."""
    converted = [english_katakana(w) for w in words]
    if not all(converted):
        return 0.0
    return kana_similarity(kana, "".join(converted))


# Between these, our spelling-based key may be misreading an English word (ファイア/Fire 0.58,
# ハッブル/Hubble 0.56), and e2k's reading is tried too; below the floor the forms are unrelated
# (measured: no true pair was lifted from under 0.5, and each e2k reading costs about 1.5 ms).
ENGLISH_FLOOR, ENGLISH_RETRY = 0.5, 0.8
# ...except where the spelling hides an English soft g (Georgia ジョージア 0.25, General ジェネラル): our key
# reads g as hard, as Slavic names want (Gerasimov ゲラシモフ), so those words are read by sound whatever
# the spelled score
_SOFT_G = re.compile(r"[Gg][eiy]")


# coded_similarity by (kana, words): the pairing rules ask for the same comparison many times
# (every run of an item's words against every katakana unit before it, the anchor and the span
# grown from it), and a name recurs across a batch. Cleared when full, so memory stays flat.
_CODED: Dict[tuple, float] = {}
_CODED_MAX = 1 << 16


def coded_similarity(kana: str, words: Sequence[str]) -> float:
    """Similarity of a katakana name to Latin words, reading a glued code as written (memoised).

    See ``_coded_similarity``.
    """
    key = (kana, *words)
    value = _CODED.get(key)
    if value is None:
        if len(_CODED) >= _CODED_MAX:
            _CODED.clear()
        value = _CODED[key] = _coded_similarity(kana, words)
    return value


def _coded_similarity(kana: str, words: Sequence[str]) -> float:
    """Similarity of a katakana name to Latin words, reading a glued code as written.

    ``マグラV5``/``Magura V5``, ``アイリスT``/``IRIS-T``: when the katakana ends
    in a Latin code and the last word is that code, the kana part is compared
    with the other words, so the code neither helps nor hurts the sound match.
    Words are read both as spelled (Slavic names) and, when that is not
    convincing, as English by sound (``ファイア・ポイント``/``Fire Point``).
    """
    code = _CODE_RE.search(kana) if kana and not is_katakana(kana[-1]) else None
    if code and len(words) >= 2 and words[-1].upper() == code.group():
        kana, words = kana[:code.start()], words[:-1]
    spelled = similarity(kana, "".join(words))
    if spelled >= ENGLISH_RETRY or not kana or (spelled < ENGLISH_FLOOR and not any(map(_SOFT_G.search, words))
                                                 and not any(w.lower() in _ENGLISH_NAMES for w in words)):
        return spelled
    return max(spelled, english_similarity(kana, words))
