"""Which event a quantity counts, and the word that says so.

A count reports an event when a trigger word governs it (ANNOTATION.md,
Facts). Three general places hold that word, tried in this order:

1. the counted noun itself, next to the number (``死者11名``, ``11名の負傷者``,
   ``攻撃30回``): a noun that names what happened to what it counts;
2. the subject of a predicate that only states an amount (``死傷者は約114万人
   に上る``, ``落下が4か所で確認された``);
3. the predicate the number hangs from, up the chunk tree to the first
   predicate (``約240機でキーウ州を攻撃した``); through a light verb to its
   object (``攻撃を繰り返す``), and through an existential relative clause
   (``…にあるアパートが破壊された``).

A count with no trigger of its own that opens a breakdown (``内訳は…``,
``うち6名``) or that a bare amount verb states (``9月は31回を数えた``) takes the
event of the count reported just before it, in the same or the previous
sentence. The event is then the trigger's, for people or munitions where the
table says so, and none for measures (distances, areas, temperatures,
ratios), for money outside aid, and for percentages the trigger does not
govern directly.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from .fact_chunks import Chunk, ChunkedDoc
from .fact_tables import FactTables, Trigger

PEOPLE_UNITS = frozenset({"人", "名"})
PEOPLE_CATEGORIES = frozenset({"PERSONNEL", "CASUALTY"})
MUNITION_CATEGORIES = frozenset({"DRONE", "MISSILE"})
MEASURE_CATEGORIES = frozenset({"DISTANCE", "AREA", "TEMPERATURE", "VOLUME", "RATIO"})
EXISTENTIAL = frozenset({"ある", "いる", "位置", "所在", "存在", "する"})
MAX_HOPS = 6
RATE_WORDS = frozenset({"あたり", "当たり", "につき", "ごと", "毎"})
PERSON_SUFFIXES = frozenset({"者", "兵"})
TIME_SUFFIXES = frozenset({"後", "中", "時", "直後", "以降", "以来", "前"})
FREQUENCY_UNITS = frozenset({"回", "度"})  # 攻撃を30回: a frequency modifies its verb directly


@dataclass
class Fact:
    """What one quantity reports: event, trigger token and how it was found."""

    event: str
    trigger: Tuple[int, int]            # char offsets of the trigger word
    trigger_chunk: int
    predicate: int                      # chunk whose arguments are the participants
    found_by: str                       # item | subject | path | inherited
    roles: Dict[str, Tuple[int, int]] = field(default_factory=dict)


MUNITION_UNITS = frozenset({"機", "発", "弾", None})


def counts_munitions(attrs: Dict) -> bool:
    """Whether the quantity counts drones or missiles as munitions (not launchers: IRIS-T 3基)."""
    return attrs.get("category") in MUNITION_CATEGORIES and attrs.get("unit") in MUNITION_UNITS


def counts_people(attrs: Dict) -> bool:
    """Whether the quantity counts people (人, 名, troops, casualties)."""
    return attrs.get("unit") in PEOPLE_UNITS or attrs.get("category") in PEOPLE_CATEGORIES


def count_event(trig: Trigger, attrs: Dict) -> Optional[str]:
    """The event ``trig`` reports for a quantity with ``attrs`` (people lost are casualties, drones
    destroyed are shot down), before ``allowed_event`` checks the quantity's kind."""
    return trig.event_for(counts_people(attrs), counts_munitions(attrs))


def trigger_at(cd: ChunkedDoc, tables: FactTables, i: int) -> Optional[Tuple[Trigger, Tuple[int, int]]]:
    """The trigger token ``i`` is (by lemma or surface, or ending with one) and its char offsets."""
    if cd.tags[i].startswith(("助", "補助記号", "接頭辞")):
        return None
    idx = cd.idx[i]
    text = cd.texts[i]
    found = tables.triggers.get(cd.lemmas[i]) or tables.triggers.get(text)
    if found is not None:
        end = idx + len(text)
        if i + 2 < len(cd.texts) and cd.texts[i + 1] in ("て", "で") and cd.lemmas[i + 2] in _COMING:
            end = cd.idx[i + 2] + len(cd.texts[i + 2])  # 飛んでき(た): the verb of motion toward the writer
        elif i + 2 < len(cd.texts) and text in _LIFE and cd.texts[i + 1] in ("を", "が") \
                and cd.lemmas[i + 2] in _LIFE_VERBS:
            end = cd.idx[i + 2] + len(cd.texts[i + 2])  # 命を落とし, 命が奪わ(れ): the idiom is the trigger
        if i + 1 < len(cd.texts) and cd.texts[i + 1] in PERSON_SUFFIXES and cd.tags[i + 1].startswith("接尾辞"):
            end += len(cd.texts[i + 1])  # 戦死 + 者: the noun is the trigger (戦死者)
        return found, (idx, end)
    found = tables.trigger(text)
    if found is None and i + 1 < len(cd.texts):  # a word the tokenizer split (無力|化, 撃ち|落とし)
        pair = tables.triggers.get(text + cd.texts[i + 1]) or tables.triggers.get(text + cd.lemmas[i + 1])
        if pair is not None:
            return pair, (idx, idx + len(text) + len(cd.texts[i + 1]))
    if found is None:
        return None
    start = idx + len(text) - len(found.word)
    return found, (start, idx + len(text))


_COMING = frozenset({"来る", "くる"})
_LIFE = frozenset({"命", "生命", "人命"})
_LIFE_VERBS = frozenset({"落とす", "奪う", "失う", "絶つ"})


def _in_chunk(cd: ChunkedDoc, tables: FactTables, chunk: Chunk, last: bool = True, start: Optional[int] = None):
    """The last (or first) trigger among a predicate chunk's content tokens (from token ``start``);
    of a noun chunk only its head noun (``電力供給システム`` is a system, not a supply), before
    a time suffix (``拘束後``)."""
    first = chunk.start if start is None else max(start, chunk.start)
    end = chunk.content_end
    if not chunk.pred:
        reports = tables.cue("report_verb")
        while end - 1 > first and (cd.texts[end - 1] in TIME_SUFFIXES or cd.texts[end - 1] in reports):
            end -= 1  # 拘束後, 殺害確認: the event is the word before
        first = max(first, end - 1)
    order = range(end - 1, first - 1, -1) if last else range(first, end)
    for i in order:
        found = trigger_at(cd, tables, i)
        if found is not None:
            return found
    return None


def _item_trigger(cd: ChunkedDoc, tables: FactTables, q_start: int, q_end: int):
    """A trigger noun written as the counted noun: just before the number or after it with の."""
    chunk = cd.chunk_at(q_end - 1)
    for i in range(q_start - 1, max(chunk.start, q_start - 3) - 1, -1):
        found = trigger_at(cd, tables, i)
        if found is None and i < q_start - 1:  # a noun the tokenizer split (死|者4人)
            joined = tables.triggers.get("".join(cd.texts[i:q_start]))
            if joined is not None:
                found = joined, (cd.idx[i], cd.idx[q_start - 1] + len(cd.texts[q_start - 1]))
        if found is not None:
            return found, chunk
        if cd.tags[i].startswith("名詞-普通名詞") and not cd.tags[i].startswith("名詞-普通名詞-助数詞"):
            break  # 迎撃|ミサイル数百発: the counted noun is no event, and a word before it only modifies it
    first = cd.chunk_at(q_start)
    if first.start == q_start and first.index > 0:
        before = cd.chunks[first.index - 1]
        if before.sent == first.sent and not before.tail and before.content_end > before.start:
            found = trigger_at(cd, tables, before.content_end - 1)
            if found is not None:
                return found, chunk
    if q_end < chunk.content_end:  # 60回以上攻撃され: the number and its verb in one chunk
        found = _in_chunk(cd, tables, chunk, start=q_end)
        if found is not None:
            return found, chunk
    if chunk.tail == "の" and chunk.index + 1 < len(cd.chunks) \
            and cd.texts[cd.chunks[chunk.index + 1].start] not in tables.cue("list_cue"):  # 4発のうち: a part
        following = cd.chunks[chunk.index + 1]
        found = _in_chunk(cd, tables, following)
        if found is not None:
            return found, following
    return None


# particles that end a clause of its own (…を発射し、 …して …したが …したと); a clause ending otherwise
# (…した, …された, …する) before a noun modifies it
_CLAUSE_ENDS = ("、", "て", "で", "し", "が", "と", "。", "ものの")  # ものの: "although", a clause's end


def _attributive_clause(chunk: Chunk) -> bool:
    """Whether a predicate chunk can be a relative clause on the noun after it (``捕らえられた|ロシア兵``)."""
    return chunk.pred and not chunk.tail.endswith(_CLAUSE_ENDS)


def _relative_trigger(cd: ChunkedDoc, tables: FactTables, q_start: int):
    """A trigger verb in a relative clause on the counted noun (``捕らえられたロシア兵3人``)."""
    first = cd.chunk_at(q_start)
    if first.index == 0:
        return None
    before = cd.chunks[first.index - 1]
    if before.sent != first.sent or not _attributive_clause(before):
        return None
    found = _in_chunk(cd, tables, before)
    return (found, before) if found is not None else None


_CLEFT_LINKS = ("と", "や", "、", "の", "および", "及び", "(", "（")  # and a gloss opened in brackets


def _cleft_trigger(cd: ChunkedDoc, tables: FactTables, q_start: int):
    """The verb of a cleft before a list of counts (``発射したのは巡航ミサイル10発とドローン40機だった``,
    ``出動したのは100機以上の戦闘機と10隻以上の駆逐艦だ``): back over the list's chunks to ``…のは``."""
    first = cd.chunk_at(q_start)
    k = first.index - 1
    while k >= 0 and cd.chunks[k].sent == first.sent:
        chunk = cd.chunks[k]
        if chunk.pred:
            if not chunk.tail.rstrip("、").endswith("のは"):
                return None
            found = _in_chunk(cd, tables, chunk)
            return (found, chunk) if found is not None else None
        if not chunk.tail.startswith(_CLEFT_LINKS) and chunk.tail.lstrip(")）」』") not in ("が", "は"):
            return None  # (…のは|ドローンが|170機、ミサイルが|30発: the focus may name each item as a subject)
        k -= 1
    return None


def _head_lemmas(cd: ChunkedDoc, chunk: Chunk) -> List[str]:
    return [cd.lemmas[i] for i in range(chunk.start, chunk.content_end)]


def is_kind(cd: ChunkedDoc, tables: FactTables, chunk: Chunk, kind: str) -> bool:
    """Whether one of the chunk's content words is a cue of ``kind``."""
    words = tables.cue(kind)
    return any(lemma in words for lemma in _head_lemmas(cd, chunk))


SUBJECT_TAILS = ("は", "が", "も", "では", "には")


def _noun_or_clause_trigger(cd: ChunkedDoc, tables: FactTables, noun: Chunk):
    """A trigger in a subject noun, else in the relative clause right before it (``昨夜発射した|無人機は``):
    ``(found, chunk)`` or None."""
    found = _in_chunk(cd, tables, noun)
    if found is not None:
        return found, noun
    k = noun.index - 1
    while k >= 0 and cd.chunks[k].tail in ("の", "と", "や") and not cd.chunks[k].pred and cd.chunks[k].sent == noun.sent:
        k -= 1  # 駐留する|ワグネルの|戦闘員は, 放った|ミサイルと|無人機は: the clause is on the whole noun phrase
    if k < 0:
        return None
    clause = cd.chunks[k]
    if clause.sent != noun.sent or not _attributive_clause(clause):
        return None  # only an attributive clause (…した無人機は), not a clause of its own (…を発射し、無人機は)
    found = _in_chunk(cd, tables, clause)
    if found is None and is_kind(cd, tables, clause, "light_verb"):
        return _object_trigger(cd, tables, clause, noun.index)  # 被害を受けた|アパートは: the light verb's object
    return (found, clause) if found is not None else None


def _subject_trigger(cd: ChunkedDoc, tables: FactTables, pred: Chunk, skip: int):
    """A trigger in a subject of ``pred`` (``死者は…に上る``), or in a relative clause on the subject
    (``ロシア軍が昨夜発射した無人機は計120機に上った``)."""
    for k in reversed(pred.children):
        child = cd.chunks[k]
        if k != skip and child.tail.startswith(SUBJECT_TAILS):
            found = _noun_or_clause_trigger(cd, tables, child)
            if found is not None:
                return found
    return None


def _object_trigger(cd: ChunkedDoc, tables: FactTables, pred: Chunk, skip: int,
                    tails: Tuple[str, ...] = ("を", "の", "も", "に"), nouns_only: bool = False):
    """A trigger in a child of ``pred`` marked with one of ``tails``: the object of a light verb
    (``攻撃を繰り返す``, ``捕虜になる``), or with ``tails=("に",)`` and ``nouns_only`` the purpose a passive verb
    of using names (``攻撃には…ミサイル30発が使われた``: they were launched). ``(found, chunk)`` or None."""
    for k in reversed(pred.children):
        child = cd.chunks[k]
        if k != skip and child.tail.startswith(tails) and not (nouns_only and child.pred):
            found = _in_chunk(cd, tables, child)
            if found is not None:
                return found, child
    return None


# the copula's continuative or concessive form after a count (776両で、…; 5機ですが、…): the count ends a clause as
# 776両だ would, so the topic before it names what was counted
_COPULA_GOES_ON = ("で、", "で,", "で，", "であり、", "であり", "ですが、", "ですが", "だが、", "であるが、",
                   "だと", "であると", "だとして", "だという",  # 被害を受けたアパートは50戸以上だと語った: quoted
                   "、", ",", "，")  # …に投じられた傭兵は5万人、そのうち…: the copula left out before the comma


# verbs that put a figure as an estimate or hearsay (約4000人とみられ, 5万人とされる, 1万人と推定される)
_ESTIMATE_VERBS = frozenset({"見る", "みる", "する", "推定", "推計", "見積もる", "考える"})


def _estimated(cd: ChunkedDoc, q_chunk: Chunk) -> bool:
    """Whether a count quoted with と is the figure an estimate verb right after it puts (…は約4000人とみられ)."""
    if q_chunk.tail != "と" or q_chunk.index + 1 >= len(cd.chunks):
        return False
    verb = cd.chunks[q_chunk.index + 1]
    return verb.pred and verb.sent == q_chunk.sent and cd.lemmas[verb.start] in _ESTIMATE_VERBS


def _topic_before(cd: ChunkedDoc, tables: FactTables, q_first: Chunk, reach: int = 3):
    """A trigger in a subject or topic just before the count, with only non-predicates between
    (人的損失は4万3000人以上にのぼる可能性がある: the topic hangs from a later verb, the amount is its)."""
    k = q_first.index - 1
    while k >= 0 and q_first.index - k <= reach:
        chunk = cd.chunks[k]
        if chunk.sent != q_first.sent or chunk.pred:
            return None
        if chunk.tail.startswith(SUBJECT_TAILS):
            return _noun_or_clause_trigger(cd, tables, chunk)
        k -= 1
    return None


def _subject_found(subj, pred: Chunk, hops: int):
    """``find_trigger``'s answer for a trigger found in a subject or topic of ``pred`` (死傷者は約114万人) or in a
    relative clause on it, whose own participants the fact takes (中国軍が放った弾道ミサイルは計11発)."""
    (trig, where), chunk = subj
    if chunk.pred:
        return trig, where, chunk.index, chunk.index, "relative", hops + 1
    return trig, where, chunk.index, pred.index, "subject", hops


def find_trigger(cd: ChunkedDoc, tables: FactTables, q_start: int, q_end: int):
    """``(trigger, offsets, trigger chunk, predicate chunk, found_by, hops)`` for a quantity, or None."""
    q_chunk = cd.chunk_at(q_end - 1)
    if q_end < len(cd.texts) and (cd.lemmas[q_end] in RATE_WORDS or cd.tags[q_end].startswith("名詞-数詞")):
        return None  # 1発あたり300万ドル, 1機500ドル: a rate, not a count of what happened
    item = _item_trigger(cd, tables, q_start, q_end)
    if item is not None:
        (trig, where), chunk = item
        # an event noun (50億ユーロの支援を拠出) keeps the predicate's participants; a participant
        # noun (死者11名, 捕虜2名) names its own event
        verbal = any("サ変" in cd.tags[i] and where[1] == cd.idx[i] + len(cd.texts[i])
                     for i in range(chunk.start, chunk.content_end)
                     if cd.idx[i] <= where[0] < cd.idx[i] + len(cd.texts[i]))
        return trig, where, chunk.index, first_predicate(cd, q_chunk).index, "path" if verbal else "item", 0
    topic = _subject_trigger(cd, tables, q_chunk, -1)  # 死傷者は約114万人: the number is the predicate
    if topic is not None:
        return _subject_found(topic, first_predicate(cd, q_chunk), 0)
    relative = _relative_trigger(cd, tables, q_start) or _cleft_trigger(cd, tables, q_start)
    if relative is not None:
        (trig, where), chunk = relative
        return trig, where, chunk.index, chunk.index, "relative", 1
    if not q_chunk.pred and (q_chunk.tail in _COPULA_GOES_ON or _estimated(cd, q_chunk)):
        # 失った戦車は776両で、…; 駐留する…戦闘員は約4000人とみられ: the count is the topic's predicate
        subj = _topic_before(cd, tables, cd.chunk_at(q_start))
        if subj is not None:
            return _subject_found(subj, q_chunk, 0)
    chunk, hops = q_chunk, 0
    while True:
        if chunk is not q_chunk:
            found = _in_chunk(cd, tables, chunk)
            if found is not None and not is_kind(cd, tables, chunk, "report_verb"):
                return found[0], found[1], chunk.index, chunk.index, "path", hops
        if chunk.pred or chunk.parent < 0:
            if is_kind(cd, tables, chunk, "light_verb"):
                obj = _object_trigger(cd, tables, chunk, q_chunk.index)
                if obj is not None:
                    return obj[0][0], obj[0][1], obj[1].index, chunk.index, "path", hops
            if is_kind(cd, tables, chunk, "amount_verb") or chunk is q_chunk:
                subj = _subject_trigger(cd, tables, chunk, q_chunk.index) \
                    or _topic_before(cd, tables, cd.chunk_at(q_start))
                if subj is not None:
                    return _subject_found(subj, chunk, hops)
            means = is_kind(cd, tables, chunk, "instrument_verb")
            if means and chunk.passive:  # 攻撃には440機のドローンが使われた: what they were used for
                purpose = _object_trigger(cd, tables, chunk, q_chunk.index, tails=("に",), nouns_only=True)
                if purpose is not None:
                    return purpose[0][0], purpose[0][1], purpose[1].index, chunk.index, "path", hops
            means = means and chunk.parent >= 0  # …を使い攻撃した
            if not means and not (chunk.pred and not chunk.tail and set(_head_lemmas(cd, chunk)) & EXISTENTIAL
                                  and chunk is not q_chunk and chunk.parent >= 0):
                return None
        if chunk.parent < 0 or hops >= MAX_HOPS:
            return None
        chunk, hops = cd.chunks[chunk.parent], hops + 1


def first_predicate(cd: ChunkedDoc, chunk: Chunk) -> Chunk:
    hops = 0
    while not chunk.pred and chunk.parent >= 0 and hops < MAX_HOPS:
        chunk, hops = cd.chunks[chunk.parent], hops + 1
    return chunk


def allowed_event(event: Optional[str], attrs: Dict, hops: int) -> Optional[str]:
    """The event, unless the quantity's kind cannot count it."""
    category = attrs.get("category")
    if event is None or (category in MEASURE_CATEGORIES and not (category == "AREA" and event == "CAPTURE")):
        return None  # an area taken is places taken (約505平方キロを占領: corpus/facts_gold, real2); other areas are sizes
    if category == "MONEY" and event != "SUPPLY":
        return None
    if (category == "PERCENT" or attrs.get("unit") in FREQUENCY_UNITS) and hops > 1:
        return None
    if event == "CASUALTY" and attrs.get("unit") not in (None, *PEOPLE_UNITS) \
            and attrs.get("category") not in PEOPLE_CATEGORIES:
        return None
    return event


def opens_breakdown(cd: ChunkedDoc, tables: FactTables, q_start: int) -> bool:
    """Whether a list cue (内訳, うち) comes before the quantity in its sentence."""
    sent = cd.chunk_at(q_start).sent
    start = cd.sent_bounds[sent][0]
    cues = tables.cue("list_cue")
    return any(cd.texts[i] in cues or cd.lemmas[i] in cues or cd.texts[i] + cd.texts[i + 1] in cues
               for i in range(start, q_start))  # (その|中には: a cue of two words)


def states_amount(cd: ChunkedDoc, tables: FactTables, q_end: int) -> bool:
    """Whether the quantity's predicate only states an amount (数える, 上る)."""
    chunk = first_predicate(cd, cd.chunk_at(q_end - 1))
    return is_kind(cd, tables, chunk, "amount_verb") or not chunk.pred
