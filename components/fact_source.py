"""Who reports a fact: the ``source`` participant (ANNOTATION.md, Facts).

Three general ways a Japanese report attributes a figure, tried in order:

- the count's own predicate is a reporting verb with a subject
  (``ウクライナ情報部が捕虜2名を公表``);
- the clause is quoted with ``と``/``との`` by a reporting verb or noun
  (``…と発表した``, ``…との見方を示した``): its subject, or the subject of the
  verbs it hangs from (``米国は…と明らかにした``), else the topic that opens
  the sentence, which both GiNZA and the particle guess often hang from the
  quote's first verb; a passive hearsay verb (``とされる``) names no one
  unless an agent is written (``によって``);
- ``Xによると``/``Xによれば``/``Xの発表では`` before the number in its
  sentence, or in the sentence before (a second sentence of the same report).

A source is a name that looks like an agent; a common noun keeps the proper
names it is owned by (``韓国の情報機関``), a person loses the title.
"""
from __future__ import annotations

from typing import List, Optional

from .fact_chunks import Chunk, ChunkedDoc
from .fact_roles import (ACCORDING_TAILS, QUOTE_TAILS, Offsets, _ancestors, _chunk_chars, _children,
                         agent_like, name, term_before_gloss)
from .fact_rules import SUBJECT_TAILS, is_kind
from .fact_tables import FactTables


def _according(cd, tables, m, sent: int, before_char: int) -> Optional[Offsets]:
    """``Xによると`` / ``Xの発表では`` in sentence ``sent`` before ``before_char``."""
    cues = tables.cue("according")
    for chunk in reversed(cd.sent_chunks(sent)):
        if cd.idx[chunk.start] >= before_char or not chunk.tail.startswith(tuple(cues)):
            continue
        if chunk.content_end > chunk.start and cd.lemmas[chunk.content_end - 1] in tables.cue("report_noun"):
            # the chunk's head is the report noun (英国防省の発表では); 情報機関 is a body, 情報 no head there
            owners = []  # the の-chain before the report noun: 英国防省の11月4日の公表では
            k = chunk.index - 1
            while k >= 0 and cd.chunks[k].tail == "の" and chunk.index - k <= 3:
                owners.append(cd.chunks[k])
                k -= 1
            owners = [c for c in owners if agent_like(cd, m, c)]
            if owners:
                return _source_name(cd, tables, m, owners[0])
            teller = _teller(cd, tables, m, chunk)
            if teller is not None:
                return teller
        # a name by itself (also one whose words hold a report noun: 情報機関によると, 情報 + 機関)
        if not chunk.tail.startswith("では") and agent_like(cd, m, chunk):
            return _source_name(cd, tables, m, chunk)
    return None


def _teller(cd, tables, m, noun: Chunk) -> Optional[Offsets]:
    """The subject of a relative clause right before a report noun (ショイグ国防相が示した|数字によると, 英国防省が
    公表した|推計によれば): who gave the figures is the source."""
    if noun.index == 0:
        return None
    clause = cd.chunks[noun.index - 1]
    if not clause.pred or clause.passive or clause.sent != noun.sent or clause.tail.endswith(("、", ",", "て", "で")):
        return None
    subject = next((c for c in _children(cd, clause, SUBJECT_TAILS) if agent_like(cd, m, c)), None)
    return _source_name(cd, tables, m, subject) if subject is not None else None


def _bracketed_topic(cd, m, chunk: Chunk) -> Optional[Chunk]:
    """The name before a bracketed note that the topic particle follows (ロイター通信|(4月14日付)は): the name is
    the topic, the note in brackets only dates it."""
    tail = chunk.tail.lstrip(")）")
    if tail == chunk.tail or not tail.startswith("は"):
        return None
    before = term_before_gloss(cd, chunk)
    return before if before is not None and agent_like(cd, m, before) else None


def _source_name(cd, tables, m, chunk: Chunk) -> Optional[Offsets]:
    """A source's name, with its の/と modifiers when it is a common noun (韓国の情報機関)."""
    found = name(cd, tables, m, chunk, "source")
    head_tag = cd.tags[chunk.content_end - 1] if chunk.content_end > chunk.start else ""
    if found is None or "固有名詞" in head_tag or found != _chunk_chars(cd, chunk) or not head_tag.startswith("名詞"):
        return found
    start = chunk
    while start.index > 0 and cd.chunks[start.index - 1].tail in ("の", "と") \
            and cd.chunks[start.index - 1].sent == chunk.sent and chunk.index - start.index < 2 \
            and (_proper(cd, cd.chunks[start.index - 1]) or agent_like(cd, m, cd.chunks[start.index - 1])
                 or any("\u30a0" <= ch <= "\u30ff" for ch in cd.content(cd.chunks[start.index - 1]))
                 or _joined_to_proper(cd, cd.chunks[start.index - 1])):
        start = cd.chunks[start.index - 1]
    return found if start is chunk else (_chunk_chars(cd, start)[0], found[1])


def _joined_to_proper(cd: ChunkedDoc, chunk: Chunk) -> bool:
    """Whether an の-modifier is the second of two joined by と whose first is a proper name (韓国と|欧米の情報機関):
    the pair modifies the body together."""
    return chunk.tail == "の" and chunk.index > 0 and cd.chunks[chunk.index - 1].tail == "と" \
        and cd.chunks[chunk.index - 1].sent == chunk.sent and _proper(cd, cd.chunks[chunk.index - 1])


def _proper(cd: ChunkedDoc, chunk: Chunk) -> bool:
    return any("固有名詞" in cd.tags[i] for i in range(chunk.start, chunk.content_end))


def _reports(cd: ChunkedDoc, tables: FactTables, chunk: Chunk) -> bool:
    """Whether a chunk is a reporting verb, also as ``明らかに|する`` (GiNZA hangs the quote from する) and as
    する itself after a quoted clause (``…と|している``, ``…と|した``)."""
    if is_kind(cd, tables, chunk, "report_verb"):
        return True
    if chunk.pred and cd.lemmas[chunk.start] == "する" and not chunk.passive:
        return True  # …を失ったと|している: する after a quoted clause states it (called for quoted clauses only)
    return chunk.pred and any(is_kind(cd, tables, c, "report_verb") for c in _children(cd, chunk, ("に",)))


def _reporter(cd, tables, m, pred: Chunk, report: Chunk, above: List[Chunk]) -> Optional[Offsets]:
    """Who says the quoted clause: the subject of the reporting verb or of the verbs it hangs from
    (``米国は…と明らかにした``); the agent of a passive one (``とされる`` names none)."""
    if report.passive and _reports(cd, tables, report):
        for child in _children(cd, report, ("によって", "により", "から")):
            if agent_like(cd, m, child):
                return _source_name(cd, tables, m, child)
        return None
    for chunk in [report] + above:
        for child in _children(cd, chunk, SUBJECT_TAILS):
            if agent_like(cd, m, child):
                return _source_name(cd, tables, m, child)
        if chunk.passive:
            break
    if _reports(cd, tables, report):
        # the topic that opens the sentence (Xは、…と述べた): GiNZA and the particle guess both
        # often hang it from the first verb of the quote
        topic = next((found for c in cd.sent_chunks(pred.sent) if c.index < pred.index
                      and not any(p.pred for p in cd.sent_chunks(pred.sent) if p.index < c.index)
                      for found in [c if c.tail.startswith("は") and agent_like(cd, m, c)
                                    else _bracketed_topic(cd, m, c)] if found is not None), None)
        if topic is not None:
            return _source_name(cd, tables, m, topic)
    return None


def find_source(cd, tables, m, pred: Chunk, q_start_char: int) -> Optional[Offsets]:
    """The reporter: the subject of a verb quoting the clause, else Xによると before the number."""
    if is_kind(cd, tables, pred, "report_verb") and not pred.passive:  # Xが捕虜2名を公表
        for child in _children(cd, pred, SUBJECT_TAILS):
            if agent_like(cd, m, child):
                return _source_name(cd, tables, m, child)
    quoted = pred.tail.endswith(QUOTE_TAILS)
    chain = _ancestors(cd, pred)
    for n, above in enumerate(chain):
        if quoted and (_reports(cd, tables, above) or is_kind(cd, tables, above, "report_noun")):
            found = _reporter(cd, tables, m, pred, above, chain[n + 1:])
            if found is not None:
                return found
            break
        quoted = quoted or (above.pred and above.tail.endswith(QUOTE_TAILS))
    found = _according(cd, tables, m, pred.sent, q_start_char)
    if found is None and pred.sent > 0:
        found = _according(cd, tables, m, pred.sent - 1, len(cd.text) + 1)
    return found
