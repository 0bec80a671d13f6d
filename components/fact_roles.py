"""Who did it, with what, to whom, according to whom: the participants of a fact.

Roles come from the particles of the chunks around the predicate
(ANNOTATION.md, Facts):

- ``actor``: a subject (``が``/``は``) of an active predicate, or of the
  predicates above it (the topic of the sentence, the subject of ``と発表した``);
  of a passive one only the agent (``によって``, ``に``); a name that looks like
  an agent (a MIL_UNIT, a country, an organisation);
- ``weapon``: the WEAPON written with the number (``無人機「シャヘド」など約240機``,
  ``10点の敵ミサイル``), else the instrument (``FPVドローンにより``, ``ドローン攻撃``);
- ``target``: the object (``を``) of an attack, the goal (``に``/``へ``) of a
  strike, a delivery or a deployment, the subject of a passive attack, the
  side a casualty count belongs to (``ロシア軍の死傷者``);
- ``source``: see ``components.fact_source``.

A name is a MIL_UNIT or WEAPON span where the chunk holds one, else a GiNZA
entity, else the chunk's content words without titles (``大統領``) or place
words (``方面``).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from math import inf
from typing import FrozenSet, List, Optional, Sequence, Tuple

from .fact_chunks import Chunk, ChunkedDoc
from .fact_rules import SUBJECT_TAILS, is_kind
from .fact_tables import FactTables, split_suffix

Offsets = Tuple[int, int]
WEAPON_GAP = "「」『』()（）・、 \u3000"
OWNER_ENDINGS = tuple("州市県省国軍府庁局町村")
RANKS = ("高官", "当局者", "関係者")  # a rank, not an office: アメリカ政府高官 speaks for アメリカ政府
DATE_WORDS = frozenset({"年", "月", "日", "時", "分", "夜", "朝", "未明", "末", "初旬", "中旬", "下旬", "上旬", "昨年", "今年"})
AGENT_TAGS = ("名詞-固有名詞-地名-国", "名詞-固有名詞-組織", "名詞-固有名詞-人名")
AGENT_ENT_LABELS = frozenset({"Country", "GPE", "Government", "Military", "Organization", "International_Organization",
                              "Political_Organization", "Political_Party", "Person", "NORP", "ORG", "PERSON",
                              "Nationality", "Corporation", "Company", "Show_Organization"})
AGENT_TAILS = ("によって", "により", "による", "に", "から")
ACCORDING_TAILS = ("によると", "によれば", "によりますと")  # a source, never an agent
QUOTE_TAILS = ("と", "との", "とし", "とも", "と、", "として")
VICTIM_EVENTS = ("CASUALTY", "DESTROY", "CAPTURE", "INTERCEPT", "HIT")
GOAL_EVENTS = ("SUPPLY", "DEPLOY", "HIT")
AGENT_PARTICLES = ("による", "によって", "により", "によれば", "によると")
GOAL_TAILS = ("に", "へ", "への", "に対する", "に対して", "に向け")


@dataclass
class Mentions:
    """Spans earlier components wrote: units, weapons and (full config) GiNZA's entities, as char offsets."""

    units: Sequence[Offsets]
    weapons: Sequence[Offsets]
    ents: Sequence[Tuple[int, int, str]]
    quantities: Sequence[Offsets] = ()
    titles: FrozenSet[str] = frozenset()  # a person named by a title (知事, 報道官) can be a source
    agent_endings: Tuple[str, ...] = ()  # words that end an organisation's name (軍, 省, 当局)
    named_weapons: FrozenSet[Offsets] = frozenset()  # the WEAPON spans that name a system (with a canonical)
    places: Sequence[Offsets] = ()  # PLACE spans: where an attack, a strike or a loss happened


def _chunk_chars(cd: ChunkedDoc, chunk: Chunk) -> Offsets:
    """The chunk's content, without a date or number run before the name (``10月スウェーデン``)."""
    first = chunk.start
    while first < chunk.content_end - 1 and (cd.tags[first].startswith(("名詞-数詞", "補助記号", "接頭辞", "接続詞",
                                                                       "副詞", "連体詞"))
                                             or "助数詞" in cd.tags[first] and first > chunk.start
                                             or cd.texts[first] in DATE_WORDS):  # 局|長: a counter only after a number
        first += 1
    last = chunk.content_end - 1 if chunk.content_end > chunk.start else chunk.start
    return cd.idx[first], cd.idx[last] + len(cd.texts[last])


class SpanList(list):
    """Span offsets sorted by start, with the longest span's length: a lookup bisects to the spans that can
    lie in a window instead of passing over every span of the doc for every count (a long doc has thousands)."""

    def __init__(self, offsets: Sequence[Offsets] = ()) -> None:
        super().__init__(sorted(offsets))
        self.reach = max((e - s for s, e in self), default=0)

    def starting_in(self, lo: int, hi: int) -> List[Offsets]:
        """The spans that start at ``lo`` to ``hi``, both included."""
        return self[bisect_left(self, (lo,)):bisect_right(self, (hi, inf))]



def _inside(spans: Sequence[Offsets], where: Offsets) -> List[Offsets]:
    """Spans that lie in ``where``."""
    near = spans.starting_in(where[0], where[1]) if isinstance(spans, SpanList) else spans
    return [s for s in near if where[0] <= s[0] and s[1] <= where[1]]


def _ending_in(spans: Sequence[Offsets], where: Offsets) -> List[Offsets]:
    """Spans that end in ``where`` (a long unit name a chunk boundary cuts: …第7|迅速対応軍団は)."""
    near = spans.starting_in(where[0] - spans.reach, where[1]) if isinstance(spans, SpanList) else spans
    return [s for s in near if where[0] < s[1] <= where[1]]


def agent_like(cd: ChunkedDoc, m: Mentions, chunk: Chunk) -> bool:
    """Whether a chunk names a possible actor or source (unit, country, organisation, person);
    a weapon (``FPVドローンにより``) or a number is none."""
    where = _chunk_chars(cd, chunk)
    if _ending_in(m.units, where):
        return True
    if _inside(m.weapons, where) or _inside(m.quantities, (cd.idx[chunk.start], where[1])):
        return False
    if any(label in AGENT_ENT_LABELS for s, e, label in m.ents
                                      if where[0] <= s and e <= where[1]):
        return True
    if any(cd.tags[i].startswith(AGENT_TAGS) for i in range(chunk.start, chunk.content_end)):
        return True
    content = cd.content(chunk)
    if content and all(ch.isascii() for ch in content) and any(ch.isalpha() for ch in content):
        return True  # an organisation written in Latin letters (Open Source Centre)
    return content.endswith(m.agent_endings) or content in m.titles or split_suffix(content, m.titles)[1] != "" \
        or _KIND_BEFORE_NAME.search(content) is not None  # イスラム組織ハマス: a body, by the kind before its name


def name(cd: ChunkedDoc, tables: FactTables, m: Mentions, chunk: Chunk, role: str) -> Optional[Offsets]:
    """The name a chunk gives for ``role``, as char offsets, without particles, titles or place words."""
    where = _chunk_chars(cd, chunk)
    spans = _inside(m.weapons, where) if role == "weapon" else _ending_in(m.units, where)
    if spans:
        return spans[-1]
    if role == "weapon":
        return None
    if role == "target":
        place = _place_ending(m, where)
        if place is not None:
            return place  # 西部リビウ州を: the place, without the direction before it
    own = cd.text[where[0]:where[1]]
    glossed = term_before_gloss(cd, chunk) if ")" in own or "）" in own else None
    if glossed is not None:  # EEZ|(排他的経済水域)内に: the gloss in brackets names the term before it
        return name(cd, tables, m, glossed, role)
    if len(own) >= 2 and own[0] == "同" and not agent_like_text(own[1:]):
        return _antecedent(cd, m, chunk, own[1:])  # 同省 → the ministry named before
    ents = [(s, e) for s, e, label in m.ents if where[0] <= s and e <= where[1] and label in AGENT_ENT_LABELS]
    if ents and role != "target":
        return ents[-1]
    head = chunk.content_end - 1 if chunk.content_end > chunk.start else chunk.start
    if _inside(m.quantities, (cd.idx[chunk.start], where[1])) or "副詞可能" in cd.tags[head] \
            or cd.tags[head].startswith("形状詞") \
            or cd.texts[head] in tables.cue("time_word") or _DATE.fullmatch(cd.content(chunk)):
        return None  # a number, a date (25日には), an adverbial or time noun (同時に, 今回は, 夜間に) or an
        # adjectival noun (新たに): no one
    before = cd.chunks[chunk.index - 1] if chunk.index > 0 else None
    if before is not None and before.sent == chunk.sent and not before.tail and not before.pred \
            and before.content_end == chunk.start and not _inside(m.quantities, _chunk_chars(cd, before)) \
            and cd.tags[before.content_end - 1].startswith("名詞") and not cd.texts[before.content_end - 1].isascii() \
            and not cd.texts[chunk.start].isascii():
        where = (_chunk_chars(cd, before)[0], where[1])  # one noun the bunsetu cut: オデーサ|州を
    text = cd.text[where[0]:where[1]]
    text = text.lstrip("「『（(・、 ")
    start = where[1] - len(text)
    if role == "actor":
        owner = _owner_of_titled(cd, tables, m, chunk, text)
        if owner is not None:
            return owner
    stripped = _without_gloss(text)
    for kind in ("title", "place_suffix"):
        shorter, _ = split_suffix(stripped, tables.cue(kind))
        if kind == "title" and (len(shorter) < 2 or shorter.endswith(OWNER_ENDINGS)) \
                and not stripped.endswith(RANKS):
            continue  # 州知事, ハルキウ州知事: the title of a place or body is the name (not a rank: 政府高官)
        if kind == "place_suffix" and len(shorter) < 2:
            continue  # 市内に着弾: the word is the place (キーウ市内 -> キーウ, EEZ内 -> EEZ)
        if kind == "title" and shorter != stripped:
            again, _ = split_suffix(shorter, tables.cue("title"))  # 大統領|補佐官: a title of two titles
            if len(again) >= 2 and not again.endswith(OWNER_ENDINGS) and _NAME_BEFORE_TITLE.search(again):
                shorter = again
        stripped = shorter
    stripped = stripped.rstrip("「『（(・、 ")
    if len(stripped) >= 2 and stripped[0] == "同" and not agent_like_text(stripped[1:]):
        return _antecedent(cd, m, chunk, stripped[1:]) or None  # 同省 → the ministry named before
    glossed = _glossed_name_before(cd, chunk) if (stripped or text) in tables.cue("title") else None
    if glossed is not None:
        return name(cd, tables, m, glossed, role)  # ブダノフ(Kyrylo Budanov)局長は: the name before the gloss
    if not stripped and text in tables.cue("title"):
        stripped = text  # 知事は: the title is the name (with its の-modifier as a source)
    if not stripped or stripped in tables.cue("deictic") or stripped in tables.cue("place_suffix"):
        return None
    end = start + len(stripped)
    kind = _KIND_BEFORE_NAME.match(stripped)
    if kind is not None:
        start += kind.end()  # 民兵組織フーシ派, イスラム組織ハマス: the name without the kind of body before it
    if stripped[:1].isascii() and stripped[:1].isalpha():  # a Latin name the parse cut (Open Source | Centre)
        full = cd.text
        while start > 0 and full[start - 1].isascii() and (full[start - 1].isalnum() or full[start - 1] == " "):
            start -= 1
        while full[start] == " ":
            start += 1
    return start, end


# a kind of body written before a katakana name (民兵組織フーシ派, イスラム組織ハマス, 武装勢力ヒズボラ)
_KIND_BEFORE_NAME = re.compile(r"[\u4e00-\u9fffー\u30a0-\u30ff]{0,4}?(?:組織|勢力|団体)(?=[\u30a1-\u30fa][\u30a1-\u30fc])")


# a person's name written in katakana (with its middle dot) or kanji before a title: only then is a second title
# stripped (メディンスキー|大統領|補佐官), not the body a title belongs to (国防省|報道官 stays as the first strip leaves it)
_NAME_BEFORE_TITLE = re.compile(r"[\u30a1-\u30fa][\u30a1-\u30fc・]*$")


def _place_ending(m: Mentions, where: Offsets) -> Optional[Offsets]:
    """The last PLACE inside ``where`` that ends where it ends (西部リビウ州を: リビウ州), or None."""
    inside = [p for p in _inside(m.places, where) if p[1] == where[1]]
    return inside[-1] if inside else None


def _owner_of_titled(cd, tables, m, chunk: Chunk, text: str) -> Optional[Offsets]:
    """The body a titled person or a bare title speaks for, as the actor (ウクライナ海軍の報道官は…撃沈した,
    ウクライナ空軍のイフナト報道官は…撃墜した: the navy, the air force did it, not the spokesman), where the
    body is a MIL_UNIT or an agent-like name right before it with の."""
    if chunk.index == 0 or not split_suffix(text, tables.cue("title"))[1] and text not in tables.cue("title"):
        return None
    owner = cd.chunks[chunk.index - 1]
    if owner.sent != chunk.sent or owner.tail != "の" or owner.pred or not _ending_in(m.units, _chunk_chars(cd, owner)):
        return None
    return name(cd, tables, m, owner, "actor")


# a date or a time of day as a whole chunk's content (25日, 3月, 18日未明, 2024年): when, never a participant
_DATE = re.compile(r"[0-9０-９〇一二三四五六七八九十百千]+(?:年|月|日|時|分)(?:[0-9０-９〇一二三四五六七八九十]+(?:月|日|時|分))*"
                   r"(?:夜|朝|未明|早朝|午前|午後|深夜|夕方)?")


def term_before_gloss(cd: ChunkedDoc, chunk: Chunk) -> Optional[Chunk]:
    """The chunk of the term a bracketed note glosses, where ``chunk`` is that note: the chunk right before it in
    its sentence, with words of its own, ending with the opening bracket (``EEZ(|排他的経済水域)内に``,
    ``ロイター通信(|4月14日付)は``), or None."""
    if chunk.index == 0:
        return None
    before = cd.chunks[chunk.index - 1]
    if before.sent != chunk.sent or not before.tail.endswith(("(", "（")) or before.content_end <= before.start:
        return None
    return before


def _glossed_name_before(cd: ChunkedDoc, chunk: Chunk) -> Optional[Chunk]:
    """The chunk of a name glossed in brackets right before a title's chunk (``ブダノフ(|Kyrylo Budanov)|局長は``),
    or None."""
    if chunk.index < 2:
        return None
    gloss, named = cd.chunks[chunk.index - 1], cd.chunks[chunk.index - 2]
    if gloss.sent != chunk.sent or named.sent != chunk.sent:
        return None
    if gloss.tail.rstrip() in (")", "）") and named.tail.rstrip() in ("(", "（") and named.content_end > named.start:
        return named
    return None


def agent_like_text(text: str) -> bool:
    """Whether the rest of a 同-word is a full name by itself (同盟国 is not 同 + 盟国)."""
    return len(text) > 2


def _antecedent(cd: ChunkedDoc, m: Mentions, chunk: Chunk, head: str) -> Optional[Offsets]:
    """The latest earlier name ending with ``head`` (``同省`` → ``ロシア国防省``), from units, entities
    or agent-like chunks before ``chunk``."""
    before = cd.idx[chunk.start]
    names = [(s, e) for s, e in m.units if e <= before] + [(s, e) for s, e, _ in m.ents if e <= before]
    names = [n for n in names if cd.text[n[0]:n[1]].endswith(head) and n[1] - n[0] > len(head)]
    # of the agent-like chunks only the latest such counts (a later chunk ends later): a search back through
    # the doc's agent-like chunks, found once per doc, not agent_like on every chunk before it for every 同-word
    # (a long doc has hundreds of 同省)
    agents = _agent_chunks(cd, m)
    for k in range(bisect_left(agents, (chunk.index,)) - 1, -1, -1):
        _, where, named = agents[k]
        if named.endswith(head) and where[1] - where[0] > len(head):
            names.append(where)
            break
    return max(names, key=lambda n: n[1]) if names else None


def _agent_chunks(cd: ChunkedDoc, m: Mentions) -> List[Tuple[int, Offsets, str]]:
    """``(index, offsets, text)`` of the doc's agent-like chunks that are no 同-word themselves, in order (once per
    doc: kept on the ChunkedDoc, which has one Mentions)."""
    found = cd.memo.get("agent_chunks")
    if found is None:
        found = cd.memo["agent_chunks"] = []
        for other in cd.chunks:
            where = _chunk_chars(cd, other)
            named = cd.text[where[0]:where[1]]
            if not named.startswith("同") and agent_like(cd, m, other):
                found.append((other.index, where, named))
    return found


def _without_gloss(text: str) -> str:
    """A Japanese name without the Latin gloss written after it (``製油所Oil refineries`` → ``製油所``)."""
    for k in range(1, len(text)):
        if not text[k - 1].isascii() and text[k].isascii() and text[k].isalpha() and text[k:].isascii():
            return text[:k]
    return text


# "and others" before the case particle (リビウ州などを攻撃, ロシア軍らが): the particle after it marks the role
_EXAMPLE_MARKS = ("など", "等", "ら")


def case_tail(tail: str) -> str:
    """A chunk's particles without a leading ``など``/``等``/``ら`` that a case particle follows."""
    for mark in _EXAMPLE_MARKS:
        if tail.startswith(mark) and len(tail) > len(mark) and tail[len(mark)] not in "、,，の":
            return tail[len(mark):]
    return tail


def _children(cd: ChunkedDoc, chunk: Chunk, tails: Tuple[str, ...], skip: Sequence[int] = ()) -> List[Chunk]:
    """Children whose particles start with one of ``tails`` (に never matches によって/によると)."""
    agentive = any(t.startswith("によ") for t in tails)
    out = []
    for k in reversed(chunk.children):
        tail = case_tail(cd.chunks[k].tail)
        if k not in skip and tail.startswith(tails) and not tail.startswith(ACCORDING_TAILS) \
                and (agentive or not tail.startswith(AGENT_PARTICLES)):
            out.append(cd.chunks[k])
    return out


def _ancestors(cd: ChunkedDoc, chunk: Chunk, limit: int = 6) -> List[Chunk]:
    out = []
    while chunk.parent >= 0 and len(out) < limit:
        chunk = cd.chunks[chunk.parent]
        out.append(chunk)
    return out


def find_actor(cd, tables, m, pred: Chunk, skip: Sequence[int], climb: bool, event: str = "") -> Optional[Offsets]:
    """The actor: an agent of a passive predicate, else a subject of it or of the predicates above.

    A count named by its noun (``死者11名``) takes only an agent (``ロシアの攻撃による``), and the
    subject of a reporting verb (``Xが捕虜2名を公表``) is its source, not its actor."""
    if not climb or is_kind(cd, tables, pred, "report_verb"):
        return _agent_only(cd, tables, m, pred, skip)
    if pred.passive:
        tails = AGENT_TAILS if event not in GOAL_EVENTS else AGENT_TAILS[:3]  # ロシアに派遣された: a goal
        if event in ("SUPPLY", "DEPLOY"):
            tails += ("から",)  # 英国からウクライナへ送られた: the giver
        for child in _children(cd, pred, tails, skip):
            if agent_like(cd, m, child) and not _toward(child):
                return name(cd, tables, m, child, "actor")  # (飛行場に向けて撃ち込まれ: a direction, no agent)
        return None
    for child in _children(cd, pred, SUBJECT_TAILS + ("による", "によって", "により"), skip):
        if agent_like(cd, m, child):
            return name(cd, tables, m, child, "actor")
    if not climb:
        return None
    subjects = _children(cd, pred, ("が",), skip)
    if subjects:
        # the clause has a subject of its own that is no agent (ウクライナ軍の無人機が…殺害したと主張した):
        # its owner acts, if named; the topic of a verb above (the claimant) does not
        for subject in subjects:
            owners = _children(cd, subject, ("の",), skip)
            for owner in owners:  # (米軍の|地対空ミサイル・|パトリオットが: the owner of the subject's modifier too)
                owners.extend(c for c in _children(cd, owner, ("の", "・"), skip) if len(owners) < 6)
                if agent_like(cd, m, owner):
                    return name(cd, tables, m, owner, "actor")
        return None
    for clause in [cd.chunks[k] for k in reversed(pred.children) if k not in skip]:
        # a subject the parse hung from an adverbial verb of the same clause (ロシア軍が未明にかけて…攻撃)
        if clause.pred and (clause.tail.endswith(("て", "で")) or is_kind(cd, tables, clause, "instrument_verb")) \
                and not clause.passive \
                and not any(tables.triggers.get(cd.lemmas[i]) for i in range(clause.start, clause.content_end)):
            for child in _children(cd, clause, ("が", "は"), skip):  # ロシア軍は無人機50機を使って攻撃した
                if agent_like(cd, m, child):
                    return name(cd, tables, m, child, "actor")
    for above in _ancestors(cd, pred):
        if above.passive and not is_kind(cd, tables, above, "report_verb"):
            return None
        for child in _children(cd, above, SUBJECT_TAILS, skip):
            if child.index < pred.index and agent_like(cd, m, child):
                return name(cd, tables, m, child, "actor")
    return None


def _toward(chunk: Chunk) -> bool:
    """Whether a chunk is a direction (Xに向けて, Xに向け): never the agent of a passive."""
    return case_tail(chunk.tail).startswith("に向け")


def _agent_only(cd, tables, m, pred: Chunk, skip: Sequence[int]) -> Optional[Offsets]:
    """An agent written with による/によって/により."""
    for child in _children(cd, pred, ("による", "によって", "により"), skip):
        if agent_like(cd, m, child):
            return name(cd, tables, m, child, "actor")
    return None


def _cause_agent(cd, tables, m, pred: Chunk, event: str) -> Optional[Offsets]:
    """The attacker named in the cause of a loss (``ロシア軍の砲撃で住民2人が死亡``)."""
    if event not in ("CASUALTY", "DESTROY", "HIT"):
        return None
    for last in _children(cd, pred, ("で", "により", "による", "によって")):
        # ロシア軍による砲撃と|無人機攻撃で: the causes listed before the last one name the attacker too
        for cause in [last] + _children(cd, last, ("と", "や")):
            if tables.trigger(cd.content(cause)) is None and not any(
                    tables.triggers.get(cd.lemmas[i]) for i in range(cause.start, cause.content_end)):
                continue
            for child in _children(cd, cause, ("の", "による", "によって")):
                if agent_like(cd, m, child):
                    return name(cd, tables, m, child, "actor")
    return None


_TOTAL_GAP = re.compile(r"(?:[がをはも]|[)）」』]?)(?:計|合計|総計|全部で|あわせて|合わせて|合計で)")  # (無人機)計158機


def find_weapon(cd, tables, m, q: Chunk, q_start_char: int, pred: Chunk, trigger_chunk: Chunk,
                trigger_start: int) -> Optional[Offsets]:
    """The WEAPON the count is about (written with it), else the instrument of the predicate."""
    first = cd.chunk_at(cd.token_at(q_start_char))
    lo = cd.idx[cd.chunks[max(first.index - 2, 0)].start]
    window = _inside(m.weapons, (lo, q_start_char))
    between = [cd.text[w[1]:q_start_char] for w in window]
    before = [w for w, gap in zip(window, between)
              if (gap.lstrip("」』”)）") in ("が", "を", "は", "も")  # a floating count: 無人機が100機飛来した, 「シャヘド136」を10機
                   or _TOTAL_GAP.fullmatch(gap)  # 発射した無人機は計120機: a total after the topic
                   or not gap.replace("など", "").strip(WEAPON_GAP)  # 「シャヘド」など約240機
                   or (gap[:1] == "の" and 1 < len(gap) <= 5 and not any(p in gap[1:] for p in "がをはにでと、")))]
    if before:
        nearest = max(before, key=lambda w: w[1])
        after = _weapon_after(cd, m, q_start_char) if "、" in cd.text[nearest[1]:q_start_char] else None
        if after is not None:
            return after  # …誘導航空爆弾、50発を超えるミサイル: a list's next count names its own weapon
        # シャヘド型|無人機約90機, T-90M|戦車10両: a class noun right after a system's name classifies it;
        # the count is about the named system (as the real-text fact annotators took it)
        named = [w for w in m.named_weapons if w[1] == nearest[0]] if nearest not in m.named_weapons else []
        return named[0] if named else nearest
    if q.tail.rstrip("「『“") == "の" and q.index + 1 < len(cd.chunks):  # 9機の「シャヘド136」を
        found = name(cd, tables, m, cd.chunks[q.index + 1], "weapon")
        if found:
            return found
    for child in _children(cd, pred, ("で", "により", "による", "によって"), (q.index,)):
        found = name(cd, tables, m, child, "weapon") or next(
            (w for owner in _children(cd, child, ("の", "などの")) for w in [name(cd, tables, m, owner, "weapon")] if w),
            None)  # 地雷などの爆発物で: the weapon named in the cause's modifier
        if found:
            return found
    for child in _children(cd, trigger_chunk, ("による", "によって", "により", "で"), (q.index,)):
        found = name(cd, tables, m, child, "weapon")  # ドローンによる負傷者
        if found:
            return found
    in_trigger = _inside(m.weapons, (cd.idx[trigger_chunk.start], trigger_start))
    return in_trigger[-1] if in_trigger else None


def _is_use(cd, tables, chunk: Chunk) -> bool:
    """Whether the chunk's verb is one of use (使用, 使う, 用いる): its を-object is the means, not a target."""
    return any(cd.lemmas[i] in USE_VERBS or cd.lemmas[i] in tables.cue("instrument_verb")
               for i in range(chunk.start, chunk.content_end))


USE_VERBS = frozenset({"使用"})


def _weapon_after(cd, m, q_start_char: int) -> Optional[Offsets]:
    """The WEAPON right after the count that starts at ``q_start_char`` (after の, or after its bound
    verb: ``50発を超えるミサイル``), or None."""
    q_end = next((e for s, e in _starting_at(m.quantities, q_start_char)), None)
    if q_end is None:
        return None
    at = q_end + 1 if cd.text[q_end:q_end + 1] == "の" else q_end
    return next(iter(_starting_at(m.weapons, at)), None)


def _starting_at(spans: Sequence[Offsets], at: int) -> List[Offsets]:
    """The spans that start at ``at``, in order."""
    return spans.starting_in(at, at) if isinstance(spans, SpanList) else [s for s in spans if s[0] == at]


def find_target(cd, tables, m, event: str, q: Chunk, pred: Chunk, trigger_chunk: Chunk,
                found_by: str, q_first: Chunk) -> Optional[Offsets]:
    """The place, side or object attacked, or the recipient of a delivery or deployment; with none named,
    the place an attack, a strike or a loss happened in (``_place_attacked``)."""
    skip = tuple(range(q_first.index, q.index + 1)) + (trigger_chunk.index,) \
        + ((q.parent,) if q.tail == "の" else ())
    found = _named_target(cd, tables, m, event, q, pred, trigger_chunk, found_by, q_first, skip)
    if found is None and event in PLACE_EVENTS:
        found = _place_attacked(cd, m, (pred, trigger_chunk), skip)
    if found is None and event == "CASUALTY":
        found = _side_before(cd, tables, m, q_first)
    if found is None and event in LOSS_PLACE_EVENTS:
        found = _place_of_sentence(cd, m, q_first)
    return found


def _side_before(cd, tables, m, q_first: Chunk) -> Optional[Offsets]:
    """The side a casualty count belongs to, as the topic right before it (ロシア側は2万人以上が死亡し)."""
    if q_first.index == 0:
        return None
    topic = cd.chunks[q_first.index - 1]
    if topic.sent != q_first.sent or topic.pred or not case_tail(topic.tail).startswith("は") \
            or not agent_like(cd, m, topic):
        return None
    return name(cd, tables, m, topic, "target")


# losses whose place may stand anywhere before the count in its sentence, on another predicate
# (リヴィウでロシアのロケット弾が集合住宅に当たり、少なくとも4人が死亡; ハルキウでは…17日に5人が死亡)
LOSS_PLACE_EVENTS = ("CASUALTY", "DESTROY")


def _place_of_sentence(cd, m, q_first: Chunk) -> Optional[Offsets]:
    """The last PLACE marked with で (では, でも) before the count in the count's sentence: where the
    losses it reports happened, as the annotators take it where no object or goal names a target."""
    for chunk in reversed(cd.sent_chunks(q_first.sent)):
        if chunk.index >= q_first.index or not case_tail(chunk.tail).startswith("で"):
            continue
        place = _place_ending(m, _chunk_chars(cd, chunk))
        if place is not None:
            return place
    return None


# events whose place is the place attacked (キーウ州で…717人を殺害: キーウ州 is the target; ANNOTATION.md, Facts)
PLACE_EVENTS = ("ATTACK", "HIT", "DESTROY", "CASUALTY")


def _place_attacked(cd, m, preds: Sequence[Chunk], skip: Sequence[int]) -> Optional[Offsets]:
    """A PLACE marked with で (or では) under the predicate or the trigger: where the attack, the strike or
    the loss happened, which is the place attacked where no object says what was."""
    for pred in preds:
        for child in _children(cd, pred, ("で",), skip):
            place = _place_ending(m, _chunk_chars(cd, child))
            if place is not None:
                return place
    return None


# the sea a missile is fired into (日本海へ, 周辺海域に向けて): a direction, not a place attacked
_OPEN_WATERS = ("海", "海域", "洋", "沖", "公海")


_AIM_NOUNS = frozenset({"標的", "目標", "ターゲット"})  # Xを標的に (aimed at X): the noun names no target itself


def _aimed_at(cd, chunk: Chunk, skip: Sequence[int]) -> Chunk:
    """The object of an aim noun (フーシ派を|標的に: フーシ派), else the chunk itself."""
    if cd.content(chunk) not in _AIM_NOUNS or chunk.index == 0:
        return chunk
    before = cd.chunks[chunk.index - 1]  # the particle guess hangs Xを on the next predicate, not on 標的
    return before if before.sent == chunk.sent and case_tail(before.tail) == "を" and before.index not in skip \
        else chunk


def _named_target(cd, tables, m, event: str, q: Chunk, pred: Chunk, trigger_chunk: Chunk,
                  found_by: str, q_first: Chunk, skip: Tuple[int, ...]) -> Optional[Offsets]:
    """The target the particles name: an object, a goal, the side a casualty count belongs to."""
    if found_by in ("item", "subject"):
        owner = ("の",) if event in VICTIM_EVENTS else ()  # ロシア軍の死傷者, but 日本の支援 is the giver's
        for child in _children(cd, trigger_chunk, owner + GOAL_TAILS, skip):
            child = _aimed_at(cd, child, skip)
            if agent_like(cd, m, child) or child.tail.startswith(GOAL_TAILS):
                return name(cd, tables, m, child, "target")
        return None
    if event in ("SUPPLY", "DEPLOY", "HIT", "ATTACK"):
        for child in _children(cd, pred, GOAL_TAILS, skip):
            if event == "ATTACK" and cd.content(child).endswith(_OPEN_WATERS):
                continue  # 弾道ミサイル1発を日本海へ向けて撃ち: a launch into the sea has no target
            child = _aimed_at(cd, child, skip)
            if not (pred.passive and child.tail.startswith(AGENT_TAILS) and not _toward(child)
                    and agent_like(cd, m, child)
                    and not (event in ("SUPPLY", "DEPLOY") and case_tail(child.tail) in ("に", "に、")
                             and _place_ending(m, _chunk_chars(cd, child)) is not None)):
                # (ロシアに派遣された, ウクライナに供与された: sent or given to, not by)
                found = name(cd, tables, m, child, "target")
                if found is not None:  # 25日には…飛行場に向けて: a date names no goal, the next child may
                    return found
    if event == "ATTACK" and not _is_use(cd, tables, trigger_chunk):
        tails = (("が", "は") if cd.parsed else ("が",)) if pred.passive else ("を",)
        for child in _children(cd, pred, tails, skip):
            if pred.passive and child.index == q_first.index - 1 and _inside(m.weapons, _chunk_chars(cd, child)):
                continue  # ドローンが20機投入された: what the number counts, not a target
            return name(cd, tables, m, child, "target")
    return None
