"""Bunsetsu chunks of a doc and how they hang together, from GiNZA or from particles alone.

The fact rules reason about phrases, not tokens: the phrase a number sits in
(``約240機で``), the predicate it hangs from (``攻撃した``), that predicate's
subject (``ロシア軍は``) and object (``キーウ州を``). Japanese marks these roles
with the particle at the end of each bunsetsu, so one list of chunks with
their closing particles and their head chunk serves every rule.

With ja_ginza's parser and ``bunsetu_recognizer`` (full config) the chunks
are GiNZA's bunsetu (``doc.user_data["bunsetu_bi_labels"]``) and a chunk's
head is the chunk of its head token's syntactic head. Without a parser (fast
config: ``dep_`` is empty) the chunks come from Sudachi's part-of-speech tags
(a content word after a function word starts one) and the head is guessed
from the particle: after ``の``, a coordinating ``と``/``や``/``、`` or no
particle the next chunk, else the next predicate (Japanese is head-final).
Both are built from ``Doc.to_array`` rows, once per doc that has a quantity.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import compress
from typing import Any, Collection, Dict, FrozenSet, List, Optional, Sequence, Tuple

from spacy.attrs import HEAD, IDX, LEMMA, SPACY, TAG
from spacy.tokens import Doc

from .gazetteer import token_view

FUNCTION_TAGS = ("助詞", "助動詞", "補助記号", "空白")
# verbs that are part of a compound particle after に (によると, に対する, における; へ向けて too)
PARTICLE_VERBS = frozenset({"よる", "対する", "おける", "関する", "つく", "とる", "わたる", "伴う", "向ける"})
PREDICATE_TAGS = ("動詞", "形容詞")
_PERIODS = ("月", "年", "週", "年度", "世紀", "時期", "段階")  # a period before に入る: 今月に入り
SENT_END = frozenset({"。", "！", "？", "!", "?", "\n"})
# A bunsetsu of real prose has a few content words (``ウクライナ空挺部隊第7迅速対応軍団`` is ten
# tokens); a run with no particle for longer than this (a table flattened into one line, a
# pasted list with no punctuation) is cut into chunks of this many tokens, since the rules
# scan a chunk once per quantity in it and would otherwise take time quadratic in its length.
MAX_CHUNK_TOKENS = 48
GENITIVE_TAILS = ("の", "と", "や", "・", "及び", "および", "など", "（", "(", "「", "」", "『", "』")


@dataclass
class Chunk:
    """One bunsetsu: tokens ``start:end``, content tokens ``start:content_end``, then its particles."""

    index: int
    start: int
    end: int
    content_end: int
    head: int
    sent: int
    tail: str
    pred: bool
    passive: bool
    parent: int = -1
    children: List[int] = field(default_factory=list)


def token_index(token_starts: Sequence[int], char: int) -> int:
    """The index of the token holding character ``char``, given each token's start offset in order."""
    return max(bisect_right(token_starts, char) - 1, 0)


@dataclass
class ChunkedDoc:
    """The chunks of a doc with per-token lookups the rules need."""

    doc: Doc
    texts: Sequence[str]
    lemmas: Sequence[str]
    tags: Sequence[str]
    chunks: List[Chunk]
    chunk_of: List[int]
    sent_bounds: List[Tuple[int, int]]
    parsed: bool = False
    text: str = ""
    idx: Sequence[int] = ()
    # what the rules compute once per doc and look up for every count (the chunks' sentences, the agent-like
    # chunks of ``fact_roles``), by name
    memo: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def token_at(self, char: int) -> int:
        """The token holding character ``char``."""
        return token_index(self.idx, char)

    def chunk_at(self, token: int) -> Chunk:
        """The chunk holding token ``token``."""
        return self.chunks[self.chunk_of[token]]

    def content(self, chunk: Chunk) -> str:
        """The chunk's content words as written, without its closing particles."""
        return "".join(self.texts[chunk.start:chunk.content_end])

    def sent_chunks(self, sent: int) -> List[Chunk]:
        """The chunks of sentence ``sent`` in order (chunks run in text order, so their sentences never go back:
        two bisections, not a pass over every chunk of the doc for every count)."""
        sents = self.memo.get("sents")
        if sents is None:
            sents = self.memo["sents"] = [c.sent for c in self.chunks]
        return self.chunks[bisect_left(sents, sent):bisect_right(sents, sent)]


def _is_function(i: int, texts: Sequence[str], lemmas: Sequence[str], tags: Sequence[str]) -> bool:
    if not texts[i].strip():  # a space inside a Latin name (Open Source Centre) is part of it
        return not (0 < i < len(texts) - 1 and texts[i - 1][-1:].isascii() and texts[i + 1][:1].isascii()
                    and texts[i - 1][-1:].isalnum() and texts[i + 1][:1].isalnum())
    if texts[i] in ("・", "･") and 0 < i < len(texts) - 1 and _katakana(texts[i - 1]) and _katakana(texts[i + 1]):
        return False  # ヴィャチェスラフ・マモノフ: one name
    if texts[i] in ("-", "‐", "－") and 0 < i < len(texts) - 1 and texts[i - 1][-1:].isalnum() \
            and texts[i + 1][:1].isalnum() and texts[i - 1][-1:].isascii():
        return False  # F-35B, Kh-101: one designation, not a name cut at its hyphen
    if tags[i].startswith(FUNCTION_TAGS):
        return True
    if texts[i] == "もの" and i > 0 and i + 1 < len(texts) and texts[i + 1] == "の" \
            and tags[i - 1].startswith(("助動詞", "動詞")):
        return True  # 7発は撃墜されたものの1発が着弾: ものの is a conjunction ("although"), もの no noun
    if lemmas[i] == "する" and 1 < i < len(texts) - 1 and texts[i - 1] == "と" and texts[i + 1] == "て" \
            and not tags[i - 2].startswith(("助動詞", "動詞")):
        return True  # 実行犯として逮捕し: として ("as") is a compound particle, not a predicate (…を失ったとしている
        # is a claim: と quotes the clause before, する is the verb)
    if lemmas[i] == "入る" and i > 1 and texts[i - 1] == "に" and texts[i - 2].endswith(_PERIODS):
        return True  # 今月に入り, 今年に入って: "since the start of", an adverbial phrase, no predicate
    return lemmas[i] in PARTICLE_VERBS and i > 0 and (texts[i - 1] == "に" or texts[i - 1] == "へ" and lemmas[i] == "向ける")


def _katakana(text: str) -> bool:
    return bool(text) and all("\u30a0" <= ch <= "\u30ff" for ch in text)


def _sentences(texts: Sequence[str]) -> List[Tuple[int, int]]:
    bounds, start = [], 0
    for i in [i for i, text in enumerate(texts) if text in SENT_END or text.endswith("\n")]:  # the few ends
        bounds.append((start, i + 1))
        start = i + 1
    if start < len(texts):
        bounds.append((start, len(texts)))
    return bounds


def _spaced_breaks(texts: Sequence[str], spaces: Sequence[int]) -> FrozenSet[int]:
    """Tokens after a space between a Japanese word and a Japanese word or a figure: a headline's phrases are set apart by spaces, not
    particles (ウクライナ防空が220点撃墜 64点は消失), so the word after one opens a chunk."""
    if not any(spaces):
        return frozenset()
    return frozenset(i + 1 for i in range(len(texts) - 1)
                     if spaces[i] and not texts[i][-1:].isascii()
                     and not (texts[i + 1][:1].isascii() and texts[i + 1][:1].isalpha()))


def _fast_starts(texts, tags, functions, sent_starts, keep: Optional[Sequence[bool]] = None,
                 breaks: Collection[int] = frozenset()) -> List[int]:
    """Chunk starts from tags: a content word after a function word (or at a sentence start).

    With ``keep`` (whole sentences), only kept tokens are read and returned: a
    kept token is either a sentence start or follows a kept token of its
    sentence, so skipping the others changes nothing for the kept ones. The tag
    tests run only for a content word that is not a sentence start.
    """
    starts = []
    prev_function = True
    for i in range(len(texts)) if keep is None else compress(range(len(texts)), keep):
        function = functions[i]
        if i in sent_starts:
            starts.append(i)
        elif not function:
            tag = tags[i]
            suffix = tag.startswith("接尾辞") or (tag.startswith(("動詞-非自立可能", "形容詞-非自立可能"))
                                               and not (i > 0 and tags[i - 1].startswith(("助詞-格助詞", "助詞-係助詞"))))
            after_verb = i > 0 and tag.startswith(("名詞", "代名詞", "接頭辞")) \
                and tags[i - 1].startswith(PREDICATE_TAGS)  # 続けるロシアに (prev_function is False here)
            if (prev_function or after_verb or i in breaks) and not suffix:
                starts.append(i)
        prev_function = function
    return starts


def _capped(starts: List[int], sent_ends: List[int]) -> List[int]:
    """``starts`` with a start added every ``MAX_CHUNK_TOKENS`` tokens inside a longer chunk
    (``sent_ends``: the end of each start's sentence, where its chunk stops at the latest)."""
    if not starts:
        return starts
    ends = [min(following, sent_end) for following, sent_end in zip(starts[1:] + sent_ends[-1:], sent_ends)]
    if all(end - start <= MAX_CHUNK_TOKENS for start, end in zip(starts, ends)):
        return starts
    out: List[int] = []
    for start, end in zip(starts, ends):
        out.extend(range(start, end, MAX_CHUNK_TOKENS))
    return out


def _ginza_starts(doc: Doc, sent_starts) -> Optional[List[int]]:
    labels = doc.user_data.get("bunsetu_bi_labels")
    if not labels or len(labels) != len(doc):
        return None
    return [i for i, label in enumerate(labels) if label == "B" or i in sent_starts]


def chunk_doc(doc: Doc, focus: Optional[Sequence[int]] = None, before: int = 2,
              not_predicates: Collection[int] = (), claim_verbs: Collection[str] = frozenset(),
              parse: bool = True) -> ChunkedDoc:
    """Chunk ``doc`` and link each chunk to its head chunk (GiNZA's parse where there is one).

    Args:
        doc (Doc): The doc.
        focus (Optional[Sequence[int]]): Token indices (the quantities); only their sentences and
            the ``before`` sentences ahead of each are chunked (the rest is never read), else all.
        before (int): Sentences before a focus sentence that the rules may read.
        not_predicates (Collection[int]): Tokens whose verb makes no predicate: the verb of a
            quantity's bound (``50発を超えるミサイルを使用``: the count hangs from 使用, not 超える).
        claim_verbs (Collection[str]): Lemmas of verbs that report a clause quoted with と; without a
            parse, a topic before such a clause hangs from the verb (its claimant), not from the clause.
        parse (bool): Read GiNZA's bunsetu and dependency parse where the doc has them; False chunks and
            links by particles and clause order alone, as for a doc without a parse.
    """
    rows = doc.to_array([TAG, LEMMA, HEAD, IDX, SPACY]).tolist() if len(doc) else []
    strings = doc.vocab.strings
    view = token_view(doc)  # token texts and the doc text, built once per doc and shared
    texts = view.texts
    parsed = parse and doc.has_annotation("DEP")
    bounds = _sentences(texts)
    sent_starts = {s for s, _ in bounds}
    sent_of = [0] * len(texts)
    for n, (s, e) in enumerate(bounds):
        sent_of[s:e] = [n] * (e - s)
    wanted = set(range(len(bounds))) if focus is None else \
        {n for i in focus for n in range(max(sent_of[i] - before, 0), sent_of[i] + 1)}
    keep = [n in wanted for n in sent_of]
    # tags and lemmas only where the rules read them (a long doc's other sentences are skipped)
    tags = [strings[r[0]] if k else "" for r, k in zip(rows, keep)]
    lemmas = [(strings[r[1]] or t) if k else t for r, k, t in zip(rows, keep, texts)]
    heads = [i + (r[2] if r[2] < 2 ** 63 else r[2] - 2 ** 64) for i, r in enumerate(rows)] if parsed else []
    functions = [False] * len(texts)
    for i in compress(range(len(texts)), keep):  # only the sentences the rules read
        functions[i] = _is_function(i, texts, lemmas, tags)
    spaced = _spaced_breaks(texts, [r[4] for r in rows])
    fast = _fast_starts(texts, tags, functions, sent_starts, keep, spaced)
    ginza = _ginza_starts(doc, sent_starts) if parsed else None
    if ginza is not None:
        # GiNZA's bunsetu, split further where a particle or comma closes one (its labels can run
        # across ``軍団は、ロディンスケ`` after a long name)
        fast = sorted({i for i in ginza if keep[i]} | {i for i in fast if i > 0 and functions[i - 1]})
    starts = _capped(fast, [bounds[sent_of[start]][1] for start in fast])
    chunks: List[Chunk] = []
    chunk_of = [-1] * len(texts)
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(texts)
        end = min(end, bounds[sent_of[start]][1])  # a skipped sentence follows
        content = [i for i in range(start, end) if not functions[i]]
        content_end = content[-1] + 1 if content else start
        head = content[-1] if content else start
        if parsed:
            outside = [i for i in range(start, end) if not start <= heads[i] < end or heads[i] == i]
            head = outside[0] if outside else head
        tail = "".join(texts[content_end:end]).strip()
        pred = any(tags[i].startswith(PREDICATE_TAGS) and i not in not_predicates for i in content) \
            or (end in sent_starts or end == len(texts)) and bool(content)
        if not parsed and not pred and content and "サ変可能" in tags[content[-1]] \
                and (tail[:1] in ("、", "。", "") or tail == "と") and k > 0 and chunks \
                and chunks[-1].tail[:1] in ("を", "に", "へ", "が") and not chunks[-1].tail.startswith("によ"):
            pred = True  # 体言止め / 連用中止 of a verbal noun (…を排除。, …へ供与と); after による the noun is
            # modified, no predicate (ロシア軍による砲撃と無人機攻撃で)
        window = lemmas[start:end]
        passive = ("れる" in window or "られる" in window) and any(
            lemmas[i] in ("れる", "られる") and tags[i].startswith("助動詞") for i in range(start, end))
        chunks.append(Chunk(k, start, end, content_end, head, sent_of[start], tail, pred, passive))
        for i in range(start, end):
            chunk_of[i] = k
    _link(chunks, chunk_of, heads if parsed else None, lemmas, claim_verbs)
    return ChunkedDoc(doc, texts, lemmas, tags, chunks, chunk_of, bounds, parsed, view.text, [r[3] for r in rows])


def _attributive(chunks: List[Chunk], pred: Chunk) -> bool:
    """Whether a predicate modifies the noun after it (ウクライナ侵攻を続ける|ロシアに)."""
    nxt = pred.index + 1
    if nxt >= len(chunks) or chunks[nxt].sent != pred.sent or chunks[nxt].pred:
        return False
    return not pred.tail.endswith(("、", ",", "て", "で", "と", "が", "し", "ば", "ながら", "り", "も", "けど", "ものの"))


HEARSAY_VERBS = frozenset({"言う", "いう"})  # …したという: the writer's hearsay, no one's claim


def _claims(pred: Chunk, lemmas: Sequence[str], claim_verbs: Collection[str]) -> bool:
    """Whether a predicate is an active verb of claiming or reporting (主張した, 発表した), not hearsay."""
    return not pred.passive and any(lemmas[i] in claim_verbs and lemmas[i] not in HEARSAY_VERBS
                                    for i in range(pred.start, pred.content_end))


def _link(chunks: List[Chunk], chunk_of: List[int], heads: Optional[List[int]],
          lemmas: Sequence[str] = (), claim_verbs: Collection[str] = frozenset()) -> None:
    """Set each chunk's parent: from the parse, else by particle (head-final guess)."""
    if heads is not None:
        for chunk in chunks:
            parent = chunk_of[heads[chunk.head]]
            chunk.parent = parent if parent != chunk.index else -1
    else:
        by_sent: dict = {}
        for chunk in chunks:
            by_sent.setdefault(chunk.sent, []).append(chunk)
        for members in by_sent.values():
            # Right to left, keeping the nearest predicate after each chunk, and the nearest one that
            # does not modify a noun: one pass per sentence instead of a search after every chunk.
            after: Optional[Chunk] = None
            next_pred = next_main = -1
            for chunk in reversed(members):
                if after is not None:
                    bare = chunk.tail.rstrip("、,，")
                    if chunk.pred and chunk.tail and not bare and next_pred >= 0:
                        chunk.parent = next_pred  # 使い、港を攻撃した: a clause cut by a comma leads to a predicate
                    elif not bare or bare.endswith(GENITIVE_TAILS) and not chunk.pred:
                        chunk.parent = after.index
                    elif bare.startswith("は") and not chunk.pred:
                        chunk.parent = next_main  # a topic never sits inside a relative clause
                    else:
                        chunk.parent = next_pred
                if chunk.pred:
                    # a clause quoted with と before a verb of claiming (…殺害したと主張した) is no main
                    # predicate: a topic before it is the claimant's; not before hearsay (…したという,
                    # …したとされる), where the topic stays the clause's own
                    quoted = next_pred >= 0 and chunk.tail.rstrip("、,，").endswith("と") \
                        and (_claims(chunks[next_pred], lemmas, claim_verbs)
                             or lemmas[chunks[next_pred].start] == "する" and not chunks[next_pred].passive)
                    # …を失ったと|している states it; …したと|される is hearsay: the topic stays the clause's
                    next_pred = chunk.index
                    if not _attributive(chunks, chunk) and not quoted:
                        next_main = chunk.index
                after = chunk
    for chunk in chunks:
        if chunk.parent >= 0:
            chunks[chunk.parent].children.append(chunk.index)
