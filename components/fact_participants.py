"""All participants of one fact, and what a report's earlier sentences supply to it.

``participants`` asks ``fact_roles`` and ``fact_source`` for each role in the
count's own sentence. Japanese reports leave known participants unsaid in
later sentences (zero anaphora), so general discourse rules fill gaps
from the sentence before (ANNOTATION.md: "a second sentence of the same
report"):

- a sentence with no subject or topic of its own continues the previous
  sentence's topic: it is the actor of an active event whose actor is open
  (``X旅団は…と報告した。…数十名を殲滅した。``), and the source where the
  previous sentence was that topic's report (``…と報告した。``);
- casualties counted after an attack in the same report were killed by the
  attack's weapon (``ミサイルによる…攻撃…。死者11名``), and, where their sentence
  refers back to it (``この攻撃で``), by its attacker at its object
  (``_previous_attack``);
- a loss, or an attack named by its noun, whose own clause names no attacker
  takes the attacker and the place of the nearest attack the report told
  (``_report_attack``: ANNOTATION.md, a passive report has no actor "unless
  the paragraph names one").
"""
from __future__ import annotations

from typing import Dict, Optional, Tuple

from .fact_chunks import Chunk, ChunkedDoc
from .fact_roles import (VICTIM_EVENTS, Mentions, Offsets, _agent_only, _cause_agent, _children, agent_like, case_tail,
                         find_actor, find_target, find_weapon, name)
from .fact_rules import SUBJECT_TAILS, _in_chunk, is_kind
from .fact_source import find_source
from .fact_tables import FactTables

CONTEXT_SENTENCES = 2  # how far back an attack's weapon reaches
INSTRUMENT_TAILS = ("による", "によって", "により", "で", "の")


def participants(cd: ChunkedDoc, tables: FactTables, m: Mentions, *, event: str, q: Chunk, q_start_char: int,
                 pred: Chunk, trigger_chunk: Chunk, trigger: Offsets, found_by: str) -> Dict[str, Offsets]:
    """Every role the text names for one fact (absent where it names none)."""
    roles: Dict[str, Optional[Offsets]] = {"trigger": trigger}
    skip = [q.index, trigger_chunk.index]
    if q.tail == "の" and q.parent >= 0:
        skip.append(q.parent)  # the counted noun (約2000人の北朝鮮兵士が死亡): not the actor
    subject = q.tail.startswith(("が", "は", "も")) or (q.tail == "の" and q.parent >= 0
                                                        and cd.chunks[q.parent].tail.startswith(("が", "は", "も")))
    actor_open = False
    if subject and not pred.passive and found_by == "path":
        # the count is the subject (市民5人が死亡した, 兵士1万人が集結): no one else did it
        roles["actor"] = _agent_only(cd, tables, m, pred, skip) or _cause_agent(cd, tables, m, pred, event)
    else:
        roles["actor"] = find_actor(cd, tables, m, pred, skip, climb=found_by in ("path", "relative"),
                                    event=event) \
            or _cause_agent(cd, tables, m, pred, event)
        actor_open = not pred.passive and found_by == "path"
    if roles["actor"] is None and event not in VICTIM_EVENTS:
        for child in _children(cd, trigger_chunk, ("の",), skip):  # 日本の対ウクライナ支援: the giver
            if agent_like(cd, m, child):
                roles["actor"] = name(cd, tables, m, child, "actor")
                break
    roles["weapon"] = find_weapon(cd, tables, m, q, q_start_char, pred, trigger_chunk, trigger[0])
    q_first = cd.chunk_at(cd.token_at(q_start_char))
    roles["target"] = find_target(cd, tables, m, event, q, pred, trigger_chunk, found_by, q_first)
    roles["source"] = find_source(cd, tables, m, pred, q_start_char)
    if event == "SUPPLY" and roles["actor"] is None and roles["source"] is not None \
            and _announced(cd, tables, trigger_chunk):
        roles["actor"] = roles["source"]  # 米国は…軍事支援を発表した: who announces a pledge of aid gives it
    if event == "HIT" and q.tail.startswith("に") and roles["weapon"] is not None:
        # 哨戒艇1隻に命中した: the count is what was struck, not what struck; the weapon is the subject
        roles["target"] = roles["weapon"]
        roles["weapon"] = next((found for child in _children(cd, pred, SUBJECT_TAILS, skip)
                                for found in [name(cd, tables, m, child, "weapon")] if found), None)
    if event == "SUPPLY" and roles["actor"] is None and not pred.passive \
            and any(cd.lemmas[i] in _ARRIVALS for i in range(pred.start, pred.content_end)):
        giver = next((c for c in _children(cd, pred, ("から",), skip) if agent_like(cd, m, c)), None)
        if giver is not None:  # 北朝鮮からロシアには数百万発の砲弾が届いている: what came from someone was given
            roles["actor"] = name(cd, tables, m, giver, "actor")
    if event in ("SUPPLY", "DEPLOY") and roles["actor"] is None and pred.passive:
        owner = _count_owner(cd, q_first)  # 北朝鮮の|兵士1万人が…派遣された: whose troops were sent sent them
        if owner is not None and agent_like(cd, m, owner):
            found = name(cd, tables, m, owner, "actor")
            roles["actor"] = found if found != roles.get("target") else None
    if event in UNDERGONE_EVENTS:
        _undergone(cd, tables, m, roles, q, q_first, trigger_chunk, skip)
    if roles["target"] is not None and roles["target"] == roles["actor"]:
        roles["target"] = None
    _carry(cd, tables, m, roles, pred.sent, event, actor_open)
    if event == "CASUALTY" and subject and (roles.get("actor") is None or roles.get("target") is None
                                            or roles.get("weapon") is None):
        _from_attack_before(cd, tables, m, roles, q_first)
    if (event in REPORT_LOSSES or event == "ATTACK" and (not trigger_chunk.pred or pred.passive)) \
            and (roles.get("actor") is None or roles.get("target") is None):
        # an attack named by its noun (攻撃には無人機440機が使われた) is the one the report told before
        attacker, attacked = _report_attack(cd, tables, m, roles, pred.sent)
        if roles.get("actor") is None and attacker != roles.get("target"):
            roles["actor"] = attacker
        if roles.get("target") is None and attacked != roles.get("actor"):
            roles["target"] = attacked
    return {k: v for k, v in roles.items() if v is not None}


UNDERGONE_EVENTS = frozenset({"ATTACK", "CASUALTY", "DESTROY"})
# verbs of arriving: what came from someone (北朝鮮から…砲弾が届いている) was given by them; not 受注 (an order
# received from a customer) or 購入 (bought from a seller: fact_cues buy_verb)
_ARRIVALS = frozenset({"届く", "渡る", "着く", "到着"})


def _count_owner(cd: ChunkedDoc, q_first: Chunk) -> Optional[Chunk]:
    """The ``Xの`` chunk right before the count's first chunk in its sentence (北朝鮮の|兵士1万人, ロシア軍の|無人機50機),
    or None."""
    if q_first.index == 0:
        return None
    owner = cd.chunks[q_first.index - 1]
    return owner if owner.sent == q_first.sent and owner.tail == "の" else None


def _undergone(cd: ChunkedDoc, tables: FactTables, m: Mentions, roles: Dict[str, Optional[Offsets]], q: Chunk,
               q_first: Chunk, trigger_chunk: Chunk, skip) -> None:
    """An event noun that is the object of a verb of undergoing (キーウは…ロシア軍の無人機50機による攻撃を受けた,
    ロシア軍は2万人の死傷者を出した): the verb's subject is the target, not the actor, and the actor is the owner
    written with の before the count or the event noun; ``roles`` is changed in place."""
    verb = cd.chunks[trigger_chunk.parent] if trigger_chunk.parent >= 0 else None
    if verb is None or not case_tail(trigger_chunk.tail).startswith("を") or not verb.pred or verb.passive \
            or not is_kind(cd, tables, verb, "undergo_verb"):
        return
    subject = next((c for c in _children(cd, verb, ("は", "が"), skip) if c.index != q.index), None)
    if subject is None:
        return
    target = name(cd, tables, m, subject, "target")
    if target is None or not (agent_like(cd, m, subject) or target in m.places):
        return
    if roles.get("actor") == target:
        roles["actor"] = None
    roles["target"] = target
    if roles.get("actor") is None:
        before = _count_owner(cd, q_first)
        owners = ([before] if before is not None else []) + _children(cd, trigger_chunk, ("の",), skip)
        owner = next((c for c in owners if agent_like(cd, m, c) and c.index != subject.index), None)
        if owner is not None:
            roles["actor"] = name(cd, tables, m, owner, "actor")


# a chunk ending in a case particle is a noun (無人機攻撃で: the cause), not a clause chained before the count
_CASE_PARTICLES = ("で", "に", "の", "を", "が", "は", "と", "も", "へ", "から", "まで", "より")


# verbs of striking that are no trigger by themselves (当たる is also "amounts to": 国土の4分の1に当たる), read
# as a strike only with a weapon as their subject
_STRIKE_VERBS = frozenset({"当たる", "落ちる"})


def _from_attack_before(cd: ChunkedDoc, tables: FactTables, m: Mentions, roles: Dict[str, Optional[Offsets]],
                        q_first: Chunk) -> None:
    """Casualties counted, as the subject, after an attack or a strike clause of the same sentence (ロシア軍が
    首都キーウを攻撃し、少なくとも28人が亡くなった; ロシアのロケット弾が…当たり、4人が死亡) were killed by it:
    an attack's attacker is the actor and the place it struck the target; a strike's weapon (its subject) is the
    weapon and that weapon's owner the actor; each where the count's own clause names none. ``roles`` is changed
    in place."""
    attack, event = None, None
    for c in reversed(cd.sent_chunks(q_first.sent)):
        if c.index >= q_first.index or not c.pred or c.passive or case_tail(c.tail).startswith(_CASE_PARTICLES):
            continue
        found = _in_chunk(cd, tables, c)
        event = found[0].event if found is not None and found[0].event is not None else \
            "HIT" if any(cd.lemmas[i] in _STRIKE_VERBS for i in range(c.start, c.content_end)) else None
        # (当たる, 落ちる are triggers for munitions only: a strike here by its weapon subject)
        if event in ("ATTACK", "HIT"):
            attack = c
            break
    if attack is None:
        return
    if event == "HIT":  # ロシアのロケット弾が集合住宅に当たり、4人が死亡: the weapon struck, its owner fired it
        struck = next((c for c in _children(cd, attack, ("が", "は")) if name(cd, tables, m, c, "weapon")), None)
        if struck is None:
            return
        if roles.get("weapon") is None:
            roles["weapon"] = name(cd, tables, m, struck, "weapon")
        owner = next((c for c in _children(cd, struck, ("の",)) if agent_like(cd, m, c)), None)
        if roles.get("actor") is None and owner is not None:
            roles["actor"] = name(cd, tables, m, owner, "actor")
        return
    _attack_roles(cd, tables, m, roles, attack, topic_too=False)


def _attack_roles(cd: ChunkedDoc, tables: FactTables, m: Mentions, roles: Dict[str, Optional[Offsets]],
                  attack: Chunk, topic_too: bool) -> None:
    """The actor (the attack's subject, or with ``topic_too`` its sentence's topic) and the target (its object)
    of an attack, each where ``roles`` has none; a target that is the actor is dropped."""
    if roles.get("actor") is None:
        agent = next((c for c in _children(cd, attack, ("は", "が")) if agent_like(cd, m, c)), None) \
            or (_topic(cd, m, attack.sent) if topic_too else None)
        roles["actor"] = name(cd, tables, m, agent, "actor") if agent is not None else None
    if roles.get("target") is None:
        attacked = next(iter(_children(cd, attack, ("を",))), None)
        roles["target"] = name(cd, tables, m, attacked, "target") if attacked is not None else None
    if roles.get("target") is not None and roles.get("target") == roles.get("actor"):
        roles["target"] = None


def _announced(cd: ChunkedDoc, tables: FactTables, trigger_chunk: Chunk) -> bool:
    """Whether the trigger is the object of a report verb (``支援を発表した``, ``供与を表明``): the event is
    what the reporter itself pledges, not a figure it reports about others."""
    return trigger_chunk.tail.startswith("を") and trigger_chunk.parent >= 0 \
        and is_kind(cd, tables, cd.chunks[trigger_chunk.parent], "report_verb")


def _topic(cd: ChunkedDoc, m: Mentions, sent: int) -> Optional[Chunk]:
    """The agent a sentence opens with (``Xは``/``Xが`` before its first predicate)."""
    for chunk in cd.sent_chunks(sent):
        if chunk.pred:
            return None
        if chunk.tail.startswith(("は", "が")) and agent_like(cd, m, chunk):
            return chunk
    return None


def _has_subject(cd: ChunkedDoc, m: Mentions, sent: int) -> bool:
    return any(c.tail.startswith(SUBJECT_TAILS) and agent_like(cd, m, c) for c in cd.sent_chunks(sent))


def _carry(cd: ChunkedDoc, tables: FactTables, m: Mentions, roles: Dict[str, Optional[Offsets]], sent: int,
           event: str, actor_open: bool) -> None:
    """Fill the actor, source and weapon the sentences before supply."""
    if sent > 0 and not _has_subject(cd, m, sent):
        topic = _topic(cd, m, sent - 1)
        if topic is not None:
            if roles.get("actor") is None and actor_open:
                roles["actor"] = name(cd, tables, m, topic, "actor")
            last = [c for c in cd.sent_chunks(sent - 1) if c.pred]
            if roles.get("source") is None and last and is_kind(cd, tables, last[-1], "report_verb") \
                    and not last[-1].passive:
                roles["source"] = name(cd, tables, m, topic, "source")
    if event == "CASUALTY" and roles.get("weapon") is None:
        roles["weapon"] = _attack_weapon(cd, tables, m, sent)
    if event == "CASUALTY" and (roles.get("actor") is None or roles.get("target") is None):
        attack = _previous_attack(cd, tables, sent)
        if attack is not None:  # …ハルキウ市中心部を攻撃した。この攻撃で市民4人が死亡: the attack's attacker and place
            _attack_roles(cd, tables, m, roles, attack, topic_too=True)


# losses that a report's attack caused when their own clause names no one (ロシア軍が…を攻撃した。…10棟が損壊し、
# 3人が死亡した): the attacker named earlier is the actor, as the annotators give it (ANNOTATION.md: a passive
# report has no actor "unless the paragraph names one")
REPORT_LOSSES = frozenset({"CASUALTY", "DESTROY", "HIT"})
REPORT_SENTENCES = 2  # how far back the attack may stand


def _report_attack(cd: ChunkedDoc, tables: FactTables, m: Mentions, roles: Dict[str, Optional[Offsets]],
                   sent: int) -> Tuple[Optional[Offsets], Optional[Offsets]]:
    """The attacker and the place attacked of the nearest attacks before the count's trigger, in its sentence or
    the ``REPORT_SENTENCES`` before, where they are a force or a country (a MIL_UNIT or PLACE span) and a place:
    the agent of an active attack verb (ロシア軍がキーウを攻撃し), or the owner or agent of an attack noun
    (ロシアの激しい攻撃を受け, ロシア軍による攻撃), and the verb's object. An attack that names no attacker
    (キーウをミサイルが襲い, この攻撃で) is passed over for the one before it, and one only asked about
    (大規模空爆か?) is none."""
    trigger = roles.get("trigger")
    attacked = None
    for n in range(sent, max(sent - REPORT_SENTENCES, 0) - 1, -1):
        for chunk in reversed(cd.sent_chunks(n)):
            if chunk.content_end <= chunk.start or trigger is not None and cd.idx[chunk.start] >= trigger[0]:
                continue
            found = _in_chunk(cd, tables, chunk)
            if found is None or found[0].event != "ATTACK" or _asked(chunk.tail):
                continue
            if attacked is None and chunk.pred and not chunk.passive:
                places = [name(cd, tables, m, c, "target") for c in _children(cd, chunk, ("を", "へ", "に向け"))]
                attacked = next((p for p in places if p in m.places), None)  # キーウを, ウクライナへ放った
            tails = ("の", "による", "によって", "により") if not chunk.pred else \
                ("によって", "により", "から") if chunk.passive else ("が", "は")
            agent = next((c for c in _children(cd, chunk, tails) if agent_like(cd, m, c)), None)
            if agent is None and not chunk.pred:
                agent = _owner_before(cd, m, chunk)
            named = name(cd, tables, m, agent, "actor") if agent is not None else None
            if named is not None and (named in m.units or named in m.places):
                return named, attacked  # a force or a country, not a person (ウクライナ兵が潜入し) or an office
    return None, attacked


def _asked(tail: str) -> bool:
    """Whether a chunk's particles ask a question (大規模空爆か?): an attack only wondered about, not reported."""
    return tail.startswith("か") and not tail.startswith("から")


def _owner_before(cd: ChunkedDoc, m: Mentions, noun: Chunk) -> Optional[Chunk]:
    """An agent-like ``Xの`` chunk a few chunks before an attack noun with only modifiers between
    (ロシアの|非常に|激しい|攻撃): the fast chunker hangs the owner on the nearest noun."""
    for k in range(noun.index - 1, max(noun.index - 4, -1), -1):
        chunk = cd.chunks[k]
        if chunk.sent != noun.sent:
            return None
        if chunk.tail == "の" and agent_like(cd, m, chunk):
            return chunk
        if chunk.tail not in ("", "に", "な", "の") and not chunk.pred:
            return None
    return None




def _previous_attack(cd: ChunkedDoc, tables: FactTables, sent: int) -> Optional[Chunk]:
    """The predicate of an attack (``攻撃した``, ``空爆した``) in the sentence just before ``sent``, where ``sent``
    refers back to it (``この攻撃で``, ``攻撃により``): the report's casualties are that attack's, its subject or
    topic whoever it is and its object whatever it is (``_report_attack`` takes only forces, countries and
    places, from the nearest attack with or without a word referring back)."""
    if sent == 0:
        return None
    if not any(cd.content(c).endswith(_ATTACK_WORDS) for c in cd.sent_chunks(sent)):
        return None
    for chunk in reversed(cd.sent_chunks(sent - 1)):
        if not chunk.pred:
            continue
        found = _in_chunk(cd, tables, chunk)
        if found is not None and found[0].event == "ATTACK":
            return chunk
    return None


# the words by which a casualty sentence names the attack it follows (この攻撃で, 同攻撃で, 空爆により)
_ATTACK_WORDS = ("攻撃", "空爆", "爆撃", "砲撃", "空襲", "襲撃")


def _attack_weapon(cd: ChunkedDoc, tables: FactTables, m: Mentions, sent: int) -> Optional[Offsets]:
    """The weapon of the latest attack named in this or the previous sentences (``ミサイルによる攻撃``)."""
    for n in range(sent, max(sent - CONTEXT_SENTENCES, -1) - 1, -1):
        for chunk in reversed(cd.sent_chunks(n)):
            found = tables.trigger(cd.content(chunk)) if chunk.content_end > chunk.start else None
            if found is None or found.event != "ATTACK":
                continue
            own = name(cd, tables, m, chunk, "weapon")
            if own is not None:
                return own
            # its instrument: a child, or a phrase just before it (ミサイルによる住宅への攻撃)
            near = [c for c in cd.chunks[max(chunk.index - 3, 0):chunk.index] if c.sent == chunk.sent]
            for child in _children(cd, chunk, INSTRUMENT_TAILS) + [c for c in reversed(near)
                                                                  if c.tail.startswith(INSTRUMENT_TAILS)]:
                weapon = name(cd, tables, m, child, "weapon")
                if weapon is not None:
                    return weapon
    return None
