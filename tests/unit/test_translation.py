"""Translation and acronym tests backed by JMdict (skipped where jamdict-data is not installed)."""
import pytest

from components import dictionary

pytestmark = pytest.mark.skipif(not dictionary.available(), reason="jamdict-data not installed")


def test_ordinary_words_and_names():
    assert dictionary.is_ordinary_word("ブログ") and dictionary.is_ordinary_word("ルーブル")
    assert not dictionary.is_ordinary_word("ポクロフスク")


def test_translation_score_word_by_word():
    from components.translation import translation_score
    assert translation_score("決戦", ["decisive", "battle"]) == 1.0
    assert translation_score("特別指定国民", ["Specially", "Designated", "Nationals"]) == 1.0
    assert translation_score("決戦の準備", ["decisive", "battle"]) == 0.0  # 準備 accounts for nothing
    assert translation_score("氷河", ["decisive", "battle"]) == 0.0
    # a derived form of a gloss word counts (精密 "precise" / precision), a longer name does not
    assert translation_score("精密打撃", ["precision", "strike"]) == 0.0
    assert translation_score("精密打撃", ["precision", "strike"], derived=True) == 1.0
    assert translation_score("メディア", ["Mediazona"], derived=True) == 0.0
    assert translation_score("保証", ["guarantees"]) == 1.0  # -s after a vowel: the e stays (guarantee)
    assert translation_score("人民戦線", ["People’s", "Front"]) == 1.0  # by its parts, the possessive dropped
    assert translation_score("人民戦線", ["People’s", "Army"]) < 1.0  # nothing accounts for Army


@pytest.mark.parametrize("text,expected", [
    ("両軍は東部で決戦(decisive battle)に備えている。", ("決戦", "decisive battle")),
    # a name cut at its lower-case words by the name-cutter takes the whole translated chunk
    ("ミャンマーの亡命政府(Government in exile)を自称する組織", ("亡命政府", "Government in exile")),
    # the English first, joined by =
    ("ミャンマーのGovernment in exile=亡命政府を自称する組織", ("亡命政府", "Government in exile")),
    ("ロシアが使う「影の船団」(shadow fleet)をめぐり議論が続く。", ("影の船団", "shadow fleet")),
    ("米財務省は特別指定国民 Specially Designated Nationals のリストに加えた。",
     ("特別指定国民", "Specially Designated Nationals")),
    ("長射程の精密打撃（precision strike）能力を高める。", ("精密打撃", "precision strike")),
    # the whole translated name, not the country that sounds like its last word
    ("ウクライナ国家警察（National Police of Ukraine）が発表した。", ("ウクライナ国家警察", "National Police of Ukraine")),
    # the Japanese side starts at a word, not inside one (略 alone also glosses "strategy")
    ("戦略爆撃機(strategic bomber)が飛来した。", ("戦略爆撃機", "strategic bomber")),
    # English writes one word with or without its hyphen (JMdict: 停戦 "cease-fire")
    ("停戦合意（ceasefire agreement）が結ばれた。", ("停戦合意", "ceasefire agreement")),
    ("停戦（cease-fire）を求めた。", ("停戦", "cease-fire")),
    # the bracket that opened before the English closes it: a list after it is not part of the pair
    ("対戦車地雷（anti-tank mines）、landminesも見つかった。", ("対戦車地雷", "anti-tank mines")),
    # the longest run whose every word translates, not the shortest: 保証 alone glosses "security" too,
    # and 両 is a counter for armour; a plural in -s keeps its e (guarantees → guarantee)
    ("安全の保証（security guarantees）が問題だ。", ("安全の保証", "security guarantees")),
    ("装甲車両（armored vehicles）が並ぶ。", ("装甲車両", "armored vehicles")),
    # a possessive 's is no part of the stem, and a headword with an idiomatic gloss (人民戦線 "popular
    # front") translates by its parts (人民 "people" + 戦線 "front"), not from inside it (民戦線)
    ("ウクライナ人民戦線（People's Front）を率いた。", ("人民戦線", "People's Front")),
    # the English written first, its translation in the bracket after it; a sentence before it stays out
    ("双方はcease-fire（停戦）に合意した。", ("停戦", "cease-fire")),
    ("Russia is preparing a decisive battle（決戦）.", ("決戦", "decisive battle")),
    # ...or after a glossary's colon, a derived form counting where no gloss is exact (distributed/分散)
    ("いわゆるDDoS攻撃(Distributed Denial of Service attack:分散型サービス拒否攻撃)とみられる。",
     ("分散型サービス拒否攻撃", "Distributed Denial of Service attack")),
    ("英軍はdecisive battle: 決戦と呼んだ。", ("決戦", "decisive battle")),
])
def test_translated_pairs(text, expected):
    from pathlib import Path
    from components.pair_rules import find_pairs, load_heads, load_known
    data = Path(__file__).resolve().parents[2] / "components" / "data"
    heads = load_heads((data / "bilingual_heads.tsv").read_text(encoding="utf-8").splitlines())
    known = load_known((data / "exonyms.jsonl").read_text(encoding="utf-8").splitlines())
    pairs = [(text[p.ja[0]:p.ja[1]], text[p.en[0]:p.en[1]]) for p in find_pairs(text, heads, known)]
    assert expected in pairs


def test_hashtag_pairs():
    """A Japanese hashtag and the English one after it pair where the words translate or sound alike."""
    from components.pair_rules import hashtag_pairs
    text = "投稿の末尾。\n#越境攻撃#CrossBorderAttack #ドローン攻撃 #DroneAttack #ヘルソン#Kherson #英国#チャレンジャー2 #停戦交渉 #Ceasefire"
    pairs = [(text[p.ja[0]:p.ja[1]], text[p.en[0]:p.en[1]]) for p in hashtag_pairs(text)]
    assert ("ドローン攻撃", "DroneAttack") in pairs and ("ヘルソン", "Kherson") in pairs
    assert not any(ja in ("英国", "停戦交渉") for ja, _ in pairs)  # no English tag; a word left over


def test_no_translation_pair_for_an_english_sentence():
    from pathlib import Path
    from components.pair_rules import find_pairs, load_heads
    data = Path(__file__).resolve().parents[2] / "components" / "data"
    heads = load_heads((data / "bilingual_heads.tsv").read_text(encoding="utf-8").splitlines())
    assert find_pairs("大統領は「We will win this battle」と述べた。", heads) == []


def test_no_translation_from_inside_a_katakana_word():
    """ミサ|イル「SCALP」: イ alone glosses "scale", which SCALP resembles; a loanword is not cut."""
    from pathlib import Path
    from components.pair_rules import find_pairs, load_heads
    data = Path(__file__).resolve().parents[2] / "components" / "data"
    heads = load_heads((data / "bilingual_heads.tsv").read_text(encoding="utf-8").splitlines())
    assert find_pairs("仏製の長距離巡航ミサイル「SCALP」が使われた。", heads) == []


def test_a_katakana_run_ends_in_a_loanword_the_dictionary_lacks():
    from components.translation import acronym_words, spells_acronym
    assert acronym_words("ガバメントクラウドファンディング") == ["ガバメント", "クラウド", "ファンディング"]
    assert spells_acronym("ガバメントクラウドファンディング", "GCF")
    assert acronym_words("イニシアティブ") == ["イニシアティブ"]  # short pieces are no words of it
    # a run the dictionary cuts into one-mora pieces (マ / ー / ティ / ン) is one loanword
    assert acronym_words("ロッキード・マーティン") == ["ロッキード", "マーティン"]
    assert spells_acronym("ロッキード・マーティン", "LM")  # ラ行 writes the L


def test_a_place_suffix_joins_the_katakana_name_before_it():
    from components.translation import acronym_words, spells_acronym
    assert acronym_words("カスピ海パイプラインコンソーシアム") == ["カスピ海", "パイプライン", "コンソーシアム"]
    assert spells_acronym("カスピ海パイプラインコンソーシアム", "CPC")  # Caspian Pipeline Consortium
    assert acronym_words("ウクライナ軍") == ["ウクライナ", "軍"]  # 軍 is a word of its own (AFU)


def test_acronym_letters_decide_the_extent():
    from components.translation import opens_acronym
    assert opens_acronym("アラブ", "UAE")  # Arab
    assert not opens_acronym("シンクタンク", "ISW")  # think tank


def test_a_forked_process_opens_its_own_connection(monkeypatch):
    assert dictionary.available()
    first = dictionary._conn
    monkeypatch.setattr(dictionary, "_pid", -1)  # as if this process were a fork of the one that opened it
    assert dictionary._connection() is not first and dictionary.available()


def test_translation_in_two_processes():
    """nlp.pipe(n_process=2) forks after the parent may have used the dictionary."""
    import multiprocessing
    from components.translation import translation_score
    assert translation_score("決戦", ["decisive", "battle"]) == 1.0
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(2) as pool:
        found = pool.map(_fresh_glosses, ["決戦", "ポクロフスク", "氷河"])
    assert "decisive battle" in found[0] and found[1] == frozenset() and "glacier" in found[2]


def _fresh_glosses(word):
    """Glosses without the per-process cache, so the worker queries its own connection."""
    dictionary.glosses.cache_clear()
    return dictionary.glosses(word)


@pytest.mark.parametrize("text,expected", [
    ("国際エネルギー機関(IEA)は需要予測を下げた。", "国際エネルギー機関"),
    ("アラブ首長国連邦(UAE)が捕虜交換を仲介した。", "アラブ首長国連邦"),
    ("米シンクタンク戦争研究所(ISW)によると", "戦争研究所"),
    ("米エネルギー情報局(EIA)によると", "エネルギー情報局"),
])
def test_acronym_extent(text, expected):
    from pathlib import Path
    from components.pair_rules import find_pairs, load_heads
    data = Path(__file__).resolve().parents[2] / "components" / "data"
    heads = load_heads((data / "bilingual_heads.tsv").read_text(encoding="utf-8").splitlines())
    assert [text[p.ja[0]:p.ja[1]] for p in find_pairs(text, heads)] == [expected]


def test_the_dictionary_can_be_switched_off(monkeypatch):
    monkeypatch.setenv("GUNJI_NO_DICTIONARY", "1")
    assert dictionary._db_path() is None


def test_no_english_first_pair_without_a_whole_translation():
    from components.translation import translation_before
    text = "a decisive battle（決戦の準備）"  # 準備 accounts for nothing
    assert translation_before(text, 0, len(text)) is None
    text = "Offensive 2024（決戦）"  # digits: a code or a count, not a translation
    assert translation_before(text, 0, len(text)) is None


def test_an_acronym_outside_its_expansion_and_translation_pairs_too():
    """FPV(First Person View:一人称視点): the expansion pairs with its translation, and the acronym with it."""
    from components.bilingual import ACRONYM_FILE
    from components.pair_acronyms import load_tables
    from components.pair_expansions import expansion_pairs
    from components.pair_rules import find_pairs, load_heads, load_known
    from pathlib import Path
    data = Path(__file__).resolve().parents[2] / "components" / "data"
    heads = load_heads((data / "bilingual_heads.tsv").read_text(encoding="utf-8").splitlines())
    known = load_known((data / "exonyms.jsonl").read_text(encoding="utf-8").splitlines())
    expansions = load_tables((data / ACRONYM_FILE).read_text(encoding="utf-8").splitlines())[1]
    text = "新しいFPV(First Person View:一人称視点)ドローンを買った。"
    pairs = find_pairs(text, heads, known)
    found = {(text[p.ja[0]:p.ja[1]], text[p.en[0]:p.en[1]]) for p in pairs + expansion_pairs(text, pairs, expansions)}
    assert {("一人称視点", "First Person View"), ("一人称視点", "FPV")} <= found
