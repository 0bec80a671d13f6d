"""Folded gazetteer lookup: width, dash, dot and spacing variants, token boundaries."""
from __future__ import annotations

import pytest

from components.gazetteer import FoldedGazetteer, fold, non_overlapping


@pytest.mark.parametrize("a,b", [
    ("Ｋｈ−４７Ｍ２", "Kh-47M2"), ("KN-23", "KN23"), ("S‐400", "s400"), ("ストーム・シャドー", "ストームシャドー"),
    ("ヴァンパイア", "バンパイア"), ("KNー23", "KN23"), ("ロシア 空挺 軍", "ロシア空挺軍"),
    ("クァッドコプター", "クアッドコプター"), ("ヴォルチャンスク", "ボルチャンスク"),  # small vowels; ヴォ first
    ("アカーツィア", "アカーツィヤ"), ("コアリツィア", "コアリツィヤ"),  # the -ия ending written both ways
    ("HI\u200bMARS", "HIMARS"), ("ジャベ\u00adリン", "ジャベリン"), ("\ufeffシャヘド", "シャヘド"),  # invisible characters of web copy
    ("戦闘車輌", "戦闘車両"),  # the old character 輌
])
def test_fold_equates_variants(a, b):
    assert fold(a) == fold(b)


def test_fold_keeps_katakana_long_vowel():
    assert fold("ストーム") != fold("ストム")


@pytest.fixture()
def gazetteer():
    gaz = FoldedGazetteer()
    gaz.add_all([("Kh-47M2", "kinzhal"), ("ロシア空挺軍", "vdv"), ("ロシア軍", "ru"), ("シャヘド", "shahed")])
    return gaz


@pytest.mark.parametrize("text,expected", [
    ("露はＫｈ−４７Ｍ２を発射", [("Ｋｈ−４７Ｍ２", "kinzhal")]),
    ("ロシア 空挺 軍が降下", [("ロシア 空挺 軍", "vdv")]),
    ("ロシア軍陣地を攻撃", [("ロシア軍", "ru")]),
    ("シャヘド倉庫が燃えた", [("シャヘド", "shahed")]),
    ("親ロシア軍事ブロガー", []),
    ("露はＫｈ−４７\u200bＭ２を発射", [("Ｋｈ−４７\u200bＭ２", "kinzhal")]),  # a zero-width space pasted inside
    ("Kh-47 “M2”", []),
    ("露はKhー47M2を発射", [("Khー47M2", "kinzhal")]),  # the long-vowel bar for a hyphen  # a quoted part is a name of its own (T-90M “Proryv”), not the rest of one
    ("ロシア“空挺”軍", []),
])
def test_find_on_token_boundaries(nlp_blank, gazetteer, text, expected):
    doc = nlp_blank(text)
    assert [(doc[m.start:m.end].text, m.payload) for m in gazetteer.find(doc)] == expected


@pytest.mark.parametrize("text,expected", [
    ("地対地ミ\nサイルを供与", [("地対地ミ\nサイル", "ssm")]),  # a line broken inside a word (a fixed-width page)
    ("地対地ミ\r\nサイルを供与", [("地対地ミ\r\nサイル", "ssm")]),  # a Windows line break too
    ("ミサイル\nドローン", [("ミサイル", "missile"), ("ドローン", "drone")]),  # after a whole key: two lines
    ("地対地ミ\n\nサイル", []),  # a blank line parts them
    ("地対地ミ。\nサイル", []),  # so does a full stop
    ("地対地ミ\n・サイル", []),  # and a list mark after the break
])
def test_a_key_runs_across_a_line_break_inside_a_word(nlp_blank, text, expected):
    gaz = FoldedGazetteer()
    gaz.add_all([("地対地ミサイル", "ssm"), ("ミサイル", "missile"), ("ドローン", "drone"),
                 ("ミサイルドローン", "missile drone")])
    doc = nlp_blank(text)
    assert [(doc[m.start:m.end].text, m.payload) for m in non_overlapping(gaz.find(doc))] == expected


def test_lookup_and_len(gazetteer):
    assert gazetteer.lookup("kh47m2") == "kinzhal" and gazetteer.lookup("Kh-47") is None
    assert len(gazetteer) == 4


def test_non_overlapping_prefers_longest(nlp_blank):
    gaz = FoldedGazetteer()
    gaz.add_all([("ロシア", "country"), ("ロシア軍", "force"), ("軍", "bare")])
    doc = nlp_blank("ロシア軍")
    matches = gaz.find(doc, longest_only=False)
    assert len(matches) == 3
    assert [(m.start, m.end, m.payload) for m in non_overlapping(matches)] == [(0, 2, "force")]


def test_token_view_is_shared_and_follows_retokenization(nlp_blank):
    from components.gazetteer import token_view
    doc = nlp_blank("ロシア 空挺 軍が前進した。")
    view = token_view(doc)
    assert token_view(doc) is view  # computed once per doc
    assert view.text == doc.text and list(view.texts) == [t.text for t in doc]
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:3])
    again = token_view(doc)
    assert again is not view and list(again.texts) == [t.text for t in doc] and again.text == doc.text


def _raw_lookup(gaz, key):
    """The payload stored under the already folded ``key``, or None."""
    node = gaz._root
    for ch in key:
        node = node.get(ch)
        if node is None:
            return None
    return node.get("\0")


def _long_vowel_dash(texts, k):
    """A lone dash after a katakana (not ー, ン, ッ) that is not a hyphen: before a Latin letter, or a short
    dash before a digit."""
    if texts[k] not in "-‐‑‒–—―−－─━" or not k or not texts[k - 1] or texts[k - 1][-1] in "ーンッ" \
            or not "\u30a1" <= texts[k - 1][-1] <= "\u30fa":
        return False
    after = texts[k + 1][:1] if k + 1 < len(texts) else ""
    return not (after.isascii() and after.isalpha()) and not (after.isdigit() and texts[k] in "-‐‑‒–−－")


def _brute_force(gaz, doc):
    """Every (start, end, payload) whose joined folded token texts are a key, token by token."""
    from components.gazetteer import fold

    texts = [t.text for t in doc]
    # each token folded on its own, as the view folds them, except a lone ー after a Latin letter or
    # digit, which stands for a hyphen (Cー2) and folds to nothing
    pieces = ["" if text == "ー" and k and texts[k - 1][-1:].isascii() and texts[k - 1][-1:].isalnum()
              else "ー" if _long_vowel_dash(texts, k) else fold(text) for k, text in enumerate(texts)]
    out = []
    for i in range(len(doc)):
        if not pieces[i]:
            continue
        for j in range(i + 1, len(doc) + 1):
            if not pieces[j - 1]:
                continue  # a match ends on a token that folds to something
            if any(text in _QUOTE_WORDS for text in texts[i:j]):
                break  # no match runs across a quote mark
            payload = _raw_lookup(gaz, "".join(pieces[i:j]))
            after = "".join(pieces[j:])[:1]  # a key ending in a digit does not end before glued digits (K2|39)
            if payload is not None and not (pieces[j - 1][-1].isdigit() and after.isdigit()
                                            and not doc[j - 1].whitespace_):
                out.append((i, j, payload))
    return out


_QUOTE_WORDS = ("“", "”", "'")
_WORDS = ["ロシア", "軍", "空挺", "・", " ", "－", "Kh", "-", "47", "M2", "シャヘド", "が", "ー", "ウクライナ", "136",
          *_QUOTE_WORDS]


@pytest.mark.parametrize("seed", range(40))
def test_find_equals_brute_force_on_random_token_sequences(nlp_blank, seed):
    """The inlined trie walk finds what trying every token span finds, incl. tokens that fold to nothing."""
    import random

    from spacy.tokens import Doc

    rnd = random.Random(seed)
    gaz = FoldedGazetteer()
    gaz.add_all([("ロシア軍", 1), ("ロシア空挺軍", 2), ("Kh-47M2", 3), ("シャヘド136", 4), ("ロシア", 5),
                 ("軍", 6), ("M2", 7), ("ウクライナ軍", 8)])
    words = [rnd.choice(_WORDS) for _ in range(rnd.randint(1, 12))]
    words = [w for w in words if w != " "] or ["軍"]
    doc = Doc(nlp_blank.vocab, words=words, spaces=[rnd.random() < 0.2 for _ in words])
    found = [(m.start, m.end, m.payload) for m in gaz.find(doc, longest_only=False)]
    assert sorted(found) == sorted(_brute_force(gaz, doc))
    longest = {}
    for start, end, payload in found:
        if end > longest.get(start, (0, None))[0]:
            longest[start] = (end, payload)
    assert [(m.start, m.end, m.payload) for m in gaz.find(doc)] == [(s, e, p) for s, (e, p) in sorted(longest.items())]


def test_token_texts_survive_a_full_cache(nlp_blank, monkeypatch):
    """The ORTH → (text, fold) cache is cleared when full; views stay right across the clear."""
    from components import gazetteer
    from components.gazetteer import token_view

    monkeypatch.setattr(gazetteer, "_BY_ORTH", {})
    monkeypatch.setattr(gazetteer, "_BY_ORTH_MAX", 3)
    for text in ["ロシア軍が前進した。", "Ｋｈ−４７Ｍ２ を 2 発", "ウクライナ空軍の発表", "ロシア軍が前進した。"]:
        doc = nlp_blank(text)
        view = token_view(doc)
        assert list(view.texts) == [t.text for t in doc] and view.text == doc.text
        assert view.folded == "".join(fold(t.text) for t in doc)
        assert len(gazetteer._BY_ORTH) <= 3 + len(doc)


@pytest.mark.parametrize("text,expected", [
    ("新型ドロ−ンの飛距離", [("ドロ−ン", "drone")]), ("ドロ－ンとミサイル", [("ドロ－ン", "drone")]),
    ("ヘリコプタ―80台", [("ヘリコプタ―", "heli")]),  # a long bar before a figure lengthens the vowel too
    ("ロシア―ウクライナ戦争", [("ロシア", "ru"), ("ウクライナ", "ua")]),  # a dash between two words keeps both
    ("シャヘド-136を発射", [("シャヘド-136", "shahed136")]),  # a short dash before a figure is a hyphen
    ("ガルピヤ―A1", [("ガルピヤ―A1", "harpy")]),  # any dash before a Latin letter is a hyphen
])
def test_dash_after_katakana_read_as_long_vowel(nlp_blank, text, expected):
    gaz = FoldedGazetteer()
    gaz.add_all([("ドローン", "drone"), ("ヘリコプター", "heli"), ("ロシア", "ru"), ("ウクライナ", "ua"),
                 ("シャヘド136", "shahed136"), ("ガルピヤA1", "harpy")])
    doc = nlp_blank(text)
    assert [(doc[m.start:m.end].text, m.payload) for m in gaz.find(doc)] == expected


def test_fold_drops_nul_the_tries_end_marker():
    assert fold("旅\x00団") == fold("旅団")
