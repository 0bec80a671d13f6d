"""``fact_extractor``: what a QUANTITY that counts an event reports (ANNOTATION.md, Facts).

For each span of ``doc.spans[quantities_key]`` it finds the trigger word that
says what happened to what the number counts (``components.fact_rules``)
and the event's participants (``components.fact_roles``), and adds to the
span's attributes in the store (``components.attributes``):

- ``event``: ``ATTACK``, ``INTERCEPT``, ``HIT``, ``DESTROY``, ``CASUALTY``,
  ``CAPTURE``, ``SUPPLY``, ``DEPLOY`` or ``PRODUCE``;
- ``trigger``, ``actor``, ``weapon``, ``target``, ``source``: each
  ``{"start", "end", "text"}`` with character offsets into the doc text,
  absent where the text names none.

Keeping them in the store (plain data) makes them survive ``DocBin`` and
``nlp.pipe(n_process=N)`` like every other attribute. The component must run
after ``quantity_extractor`` (and the unit and weapon recognisers, whose
spans name actors and weapons) and before ``gunji_doc_cleaner``, which drops
GiNZA's bunsetu data. It reads the tables along particles and clause order
alone, in the fast config and by default in the full one too: with
``use_ginza = true`` it reads GiNZA's bunsetu, parse and entities instead.
The two are level on text the rules never saw (a blind set: ARGS 0.383 with
the parse, 0.378 without) and the particle reading is ahead on the sets the
rules grew on, so the default keeps full and fast reporting the same facts.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Dict, List, Optional, Tuple, Union

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span

from .attributes import get_span_attrs, register_extensions, set_span_attrs
from .fact_chunks import ChunkedDoc, chunk_doc, token_index
from .fact_lists import OPENER as LIST_OPENER, headers, members, own_weapon, roles_for_member
from .fact_participants import participants
from .fact_roles import Mentions, SpanList, _children, _inside, agent_like, name
from .fact_rules import (allowed_event, count_event, counts_people, find_trigger, first_predicate, opens_breakdown,
                         states_amount)
from .fact_tables import FactTables, Trigger, load_tables
from .gazetteer import token_view
from .registration import factory
from .tables import TablePipe

logger = logging.getLogger(__name__)
# A count's fact: its event, its roles (offsets) and the trigger it was found by (a count that takes
# another's fact recomputes the event from the trigger: people lost are casualties, vehicles destroyed)
Fact = Tuple[str, Dict[str, Tuple[int, int]], Trigger]

TRIGGERS_FILE = "fact_triggers.tsv"
CUES_FILE = "fact_cues.tsv"
ROLES = ("trigger", "actor", "weapon", "target", "source")
FACT_KEYS = ("event",) + ROLES


@factory(
    "fact_extractor",
    assigns=["doc._.gunji_attrs"],
    requires=["doc.spans"],
    default_config={"quantities_key": "quantities", "units_key": "military_units", "weapons_key": "weapons",
                    "places_key": "places", "triggers_path": None, "cues_path": None, "use_ginza": False},
)
def make_fact_extractor(nlp: Language, name: str, *, quantities_key: str, units_key: str, weapons_key: str,
                        places_key: str, triggers_path: Optional[str], cues_path: Optional[str],
                        use_ginza: bool) -> "FactExtractor":
    """Build the extractor; the paths override the packaged trigger and cue TSVs."""
    return FactExtractor(nlp.vocab, name, quantities_key=quantities_key, units_key=units_key,
                         weapons_key=weapons_key, places_key=places_key, triggers_path=triggers_path,
                         cues_path=cues_path, use_ginza=use_ginza)


def _item_follows(text: str, span: Span, attrs: Dict) -> bool:
    """Whether the counted noun (``attrs``' item) comes right after the quantity (``50発を超えるミサイル``)."""
    item = attrs.get("item")
    return bool(item) and text.startswith(item, span.end_char)


class FactExtractor(TablePipe):
    """Adds ``event`` and its participants to the QUANTITY spans that count an event.

    Args:
        vocab (Vocab): The shared vocabulary.
        name (str): The component name.
        quantities_key (str): Span group of the QUANTITY spans.
        units_key (str): Span group of MIL_UNIT spans (actor names).
        weapons_key (str): Span group of WEAPON spans (weapon names).
        places_key (str): Span group of PLACE spans (the place attacked where no object names one).
        triggers_path (Optional[str]): Trigger table TSV (word → event).
        cues_path (Optional[str]): Cue table TSV (source, light and amount verbs, titles).
        use_ginza (bool): Read GiNZA's dependency parse, bunsetu and entities where the pipeline has them
            (full config). Off by default: the rules read particles and clause order alone in both configs
            and full and fast report the same facts; the two readings are level on blind text
            (docs/measurements.md, thirty-eighth session).
    """

    def __init__(self, vocab, name: str = "fact_extractor", *, quantities_key: str = "quantities",
                 units_key: str = "military_units", weapons_key: str = "weapons", places_key: str = "places",
                 triggers_path: Optional[Union[str, Path]] = None,
                 cues_path: Optional[Union[str, Path]] = None, use_ginza: bool = False) -> None:
        register_extensions()
        self.use_ginza = use_ginza
        self.vocab = vocab
        self.name = name
        self.quantities_key = quantities_key
        self.units_key = units_key
        self.weapons_key = weapons_key
        self.places_key = places_key
        self._init_tables({TRIGGERS_FILE: triggers_path, CUES_FILE: cues_path})

    def _load(self) -> None:
        with self.tables[TRIGGERS_FILE].open(encoding="utf-8") as t, \
                self.tables[CUES_FILE].open(encoding="utf-8") as c:
            self.facts: FactTables = load_tables(t, c)

    def _offsets(self, doc: Doc, key: str) -> SpanList:
        if key not in doc.spans:
            return SpanList()
        return SpanList((s.start_char, s.end_char) for s in doc.spans[key])

    def find(self, doc: Doc) -> List[Tuple[Span, Dict[str, object]]]:
        """Each quantity that reports an event with its fact keys (record format)."""
        if self.quantities_key not in doc.spans or not len(doc.spans[self.quantities_key]):
            return []
        units, weapons = self._offsets(doc, self.units_key), self._offsets(doc, self.weapons_key)
        text = token_view(doc).text
        war = bool(units or weapons) or any(word in text for word in self.facts.cue("war_context"))
        # not war reporting: 2点を奪い, 住宅27棟が全半壊 (a typhoon) report no fact; but aid to a country at war
        # is (日本政府はウクライナに45億ドルの追加支援を表明: no war word), so there supplies alone are kept
        aid_only = not war and any(word in text for word in self.facts.cue("war_party"))
        if not war and not aid_only:
            return []
        quantities = sorted(doc.spans[self.quantities_key], key=lambda s: s.start)
        attrs_of = [get_span_attrs(span) for span in quantities]  # copies from the store, read by every pass below
        focus = [s.start for s in quantities] + [s.end - 1 for s in quantities]
        openers = [m.start() for m in LIST_OPENER.finditer(text)]
        if openers:  # a list's header may stand several lines before its counts
            token_starts = doc.to_array(IDX).tolist()  # not a Token object per token
            focus += [token_index(token_starts, p) for p in openers]
        # a bound verb inside a quantity that modifies the noun after it (50発を超えるミサイルを使用) is part
        # of the number, not a predicate; one that ends a clause (飛来が120回を超え、) stays the predicate
        bound_verbs = {i for s, attrs in zip(quantities, attrs_of) if s.end - s.start > 1
                       and _item_follows(text, s, attrs) for i in range(s.start + 1, s.end)}
        ginza = self.use_ginza and doc.has_annotation("DEP")
        cd = chunk_doc(doc, focus=focus, not_predicates=bound_verbs, claim_verbs=self.facts.cue("report_verb"),
                       parse=ginza)
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents] if ginza else []
        named = frozenset((s.start_char, s.end_char) for s in doc.spans[self.weapons_key]
                          if get_span_attrs(s).get("canonical")) if weapons else frozenset()
        mentions = Mentions(units, weapons, ents,
                            self._offsets(doc, self.quantities_key), self.facts.cue("title"),
                            tuple(self.facts.cue("agent_ending")), named, self._offsets(doc, self.places_key))
        found: List[Tuple[Span, Dict[str, object]]] = []
        facts: List[Optional[Fact]] = []
        previous: List[Tuple[int, Fact]] = []  # (sentence, fact) of the counts so far that report one
        for span, attrs in zip(quantities, attrs_of):
            fact = self._fact(cd, mentions, span, attrs, previous)
            facts.append(fact)
            if fact is not None:
                sent = cd.chunk_at(span.start).sent
                _same_report_source(fact, sent, previous)
                previous.append((sent, fact))
        if openers and None in facts:
            self._listed(cd, mentions, quantities, attrs_of, facts)
        for k in range(len(quantities) - 2, -1, -1):  # from the end: 戦車36両を含む装甲車両130両を失った
            if facts[k] is None and facts[k + 1] is not None \
                    and _INCLUDED_IN_NEXT.match(cd.text, quantities[k].end_char, quantities[k + 1].start_char):
                _, roles, trig = facts[k + 1]
                facts[k] = _included(mentions, quantities[k], attrs_of[k], roles, trig)
        _roles_of_counts_before(cd, quantities, attrs_of, facts)
        for span, fact in zip(quantities, facts):
            if fact is not None and (not aid_only or fact[0] == "SUPPLY"):
                found.append((span, _record(cd.text, fact[0], fact[1])))
        return found

    def _fact(self, cd: ChunkedDoc, m: Mentions, span: Span, attrs: Dict,
              previous: List) -> Optional[Fact]:
        tables = self.facts
        q_chunk = cd.chunk_at(span.end - 1)
        hit = find_trigger(cd, tables, span.start, span.end)
        if hit is None:
            return self._inherit(cd, m, span, attrs, previous)
        trig, where, trigger_chunk, pred, found_by, hops = hit
        event = allowed_event(count_event(trig, attrs), attrs, hops)
        joined = event is None and trig.word in tables.cue("join_verb") and _in_exercise(cd, tables, cd.chunks[pred])
        if joined:
            event = allowed_event("DEPLOY", attrs, hops)  # 演習に約20万人が参加した: forces deployed for it
        if event is not None and trig.word in tables.cue("loss_verb") and found_by == "path" \
                and _is_subject(cd, q_chunk) and not cd.chunks[pred].passive:  # 5200名が失われた: lost
            return None  # 約100万世帯が電力を失った: the count lost something, it was not lost
        if event is None:
            return None
        if found_by == "path" and cd.text.startswith(_WHOLE_OF, span.end_char):
            return None  # 総員6800名のうち5200名が失われた: the whole the part after it is taken from; the verb is the part's
        roles = participants(cd, tables, m, event=event, q=q_chunk, q_start_char=span.start_char,
                             pred=cd.chunks[pred], trigger_chunk=cd.chunks[trigger_chunk], trigger=where,
                             found_by=found_by)
        _loser_is_target(tables, trig, roles)
        if joined and "target" in roles and any(word in cd.text[slice(*roles["target"])]
                                                for word in tables.cue("exercise_word")):
            del roles["target"]  # 演習に加わった: the exercise is what they joined, not a place sent to
        if trig.word in tables.cue("buy_verb"):
            _buyer_is_target(cd, tables, m, cd.chunks[pred], roles)
        if attrs.get("category") in ("PERCENT", "RATIO") and not set(roles) & {"actor", "weapon", "target"}:
            return None  # a share that names no side, weapon or place is a statistic (体積の3%が失われ)
        return event, roles, trig

    def _listed(self, cd: ChunkedDoc, m: Mentions, quantities: List[Span], attrs_of: List[Dict],
                facts: List[Optional[Fact]]) -> None:
        """Counts under a header (``ロシア軍の損失は以下の通り。人員…``) that found no fact take the
        header's (``components.fact_lists``); ``facts`` is filled in place."""
        offsets = [(q.start_char, q.end_char) for q in quantities]
        for list_start, trig, where, token in headers(cd, self.facts):
            listed = [k for k in members(cd.text, list_start, offsets) if facts[k] is None]
            if not listed:
                continue
            chunk = cd.chunk_at(token)
            pred = first_predicate(cd, chunk)
            frames: Dict[str, Dict[str, Tuple[int, int]]] = {}
            for k in listed:
                attrs = attrs_of[k]
                event = allowed_event(count_event(trig, attrs), attrs, 0)
                if event is None:
                    continue
                if event not in frames:
                    roles = participants(cd, self.facts, m, event=event, q=chunk, q_start_char=where[0], pred=pred,
                                         trigger_chunk=chunk, trigger=where, found_by="item")
                    _loser_is_target(self.facts, trig, roles)
                    frames[event] = roles
                facts[k] = (event, roles_for_member(frames[event], own_weapon(m.weapons, offsets[k][0])), trig)

    def _inherit(self, cd: ChunkedDoc, m: Mentions, span: Span, attrs: Dict,
                 previous: List) -> Optional[Fact]:
        """A breakdown (内訳は…, うち…) or a bare amount takes the fact reported just before it."""
        if not previous:
            return None
        sent = cd.chunk_at(span.start).sent
        last_sent, (_, roles, trig) = previous[-1]
        if sent - last_sent > 1:
            return None
        breakdown = opens_breakdown(cd, self.facts, span.start)
        if not (breakdown or states_amount(cd, self.facts, span.end)):
            return None
        if not breakdown and _amount_is_another_figure(cd, m, span):
            return None  # 迎撃ミサイル1発が数百万ドルに達する: the amount is a price, the count its subject
        event = count_event(trig, attrs)  # 兵士2万人、戦車135両…を失った: casualties, then vehicles destroyed
        if allowed_event(event, attrs, 0) is None or attrs.get("category") in ("PERCENT", "RATIO"):
            return None  # a share after a count (…に達した) is a statistic, not a part of the count
        weapon = own_weapon(m.weapons, span.start_char)
        own = roles_for_member(roles, weapon)
        if weapon is None and "weapon" in roles and counts_people(attrs):
            own["weapon"] = roles["weapon"]  # people killed by the weapon of the count before
        return event, own, trig

    def set_annotations(self, doc: Doc, found: List[Tuple[Span, Dict[str, object]]]) -> None:
        """Add the fact keys to each quantity's stored attributes."""
        for span, keys in found:
            attrs = get_span_attrs(span)
            attrs.update(keys)
            set_span_attrs(span, attrs)


# counters of munitions and aircraft: a bare count in one of them goes on counting what the count before counted
_SAME_THING_UNITS = frozenset({"発", "機", "弾"})
_LOSSES = frozenset({"CASUALTY", "DESTROY"})


def _roles_of_counts_before(cd: ChunkedDoc, quantities: List[Span], attrs_of: List[Dict],
                            facts: List[Optional[Fact]]) -> None:
    """A bare count (no item, no weapon of its own: ``7発は撃墜されたものの1発が着弾``) in the same counter as a
    count with a weapon in its sentence or the one before (``ATACMS8発が撃ち込まれ``) counts the same weapon
    (ANNOTATION.md: the nearest mention the count is about), and a bare count that struck with no place of its
    own struck where the attack before was aimed; a loss with no target of its own is the same side's or place's
    as the loss before it in its sentence or the one before; ``facts`` is changed in place."""
    last: Dict[str, Tuple[int, Tuple[int, int]]] = {}  # counter -> (sentence, weapon) of the latest count with one
    aimed: Dict[str, Tuple[int, Tuple[int, int]]] = {}  # counter -> (sentence, target) of the latest attack with one
    lost: Optional[Tuple[int, Tuple[int, int]]] = None  # (sentence, target) of the latest loss with a target
    for span, attrs, fact in zip(quantities, attrs_of, facts):
        if fact is None:
            continue
        unit = attrs.get("unit")
        sent = cd.chunk_at(span.start).sent
        event, roles = fact[0], fact[1]
        if event in _LOSSES:  # ウクライナ軍の損失は230人以上に上り、戦車1台…が破壊された: the same side's losses
            if "target" in roles:
                lost = (sent, roles["target"])
            elif lost is not None and sent - lost[0] <= 1:
                roles["target"] = lost[1]
        if unit not in _SAME_THING_UNITS:
            continue
        bare = not attrs.get("item")
        if "weapon" in roles:
            last[unit] = (sent, roles["weapon"])
        elif bare and unit in last and sent - last[unit][0] <= 1:
            roles["weapon"] = last[unit][1]
        if event == "ATTACK" and "target" in roles:
            aimed[unit] = (sent, roles["target"])
        elif event == "HIT" and "target" not in roles and bare and unit in aimed and sent - aimed[unit][0] <= 1:
            roles["target"] = aimed[unit][1]  # …飛行場に向けて8発が撃ち込まれ、…1発が着弾: where the attack was aimed


_WHOLE_OF = ("のうち", "の内", "の中で", "中")


def _in_exercise(cd: ChunkedDoc, tables: FactTables, pred) -> bool:
    """Whether the predicate's sentence or the one before names a military exercise or drill (演習, 訓練)."""
    start, end = cd.sent_bounds[max(pred.sent - 1, 0)][0], cd.sent_bounds[pred.sent][1]
    return any(word in text for text in cd.texts[start:end] for word in tables.cue("exercise_word"))


def _amount_is_another_figure(cd: ChunkedDoc, m: Mentions, span: Span) -> bool:
    """Whether another QUANTITY hangs from the count's predicate (``1発が数百万ドルに達する``): the verb
    states that figure, so the count is a subject with an amount of its own, not a bare amount."""
    q_chunk = cd.chunk_at(span.end - 1)
    pred = first_predicate(cd, q_chunk)
    for k in pred.children:
        chunk = cd.chunks[k]
        if k == q_chunk.index or chunk.content_end <= chunk.start:
            continue
        last = chunk.content_end - 1
        if _inside(m.quantities, (cd.idx[chunk.start], cd.idx[last] + len(cd.texts[last]))):
            return True
    return False


def _loser_is_target(tables: FactTables, trig: Trigger, roles: Dict[str, Tuple[int, int]]) -> None:
    """For a loss (ウクライナ側は装甲車23台を失った, ロシア軍の損失) the side that lost what is counted
    is the target, not the actor; ``roles`` is changed in place."""
    if trig.word in tables.cue("loss_verb") and "actor" in roles:
        roles.setdefault("target", roles.pop("actor"))


def _same_report_source(fact: Fact, sent: int, previous: List[Tuple[int, Fact]]) -> None:
    """A fact with no attribution of its own in the sentence right after an attributed one (or in the same
    sentence) continues that report (ロシア国防省の説明では、…狙った。…ATACMS3発を破壊した。…8発が撃ち込まれ
    …という。): it takes that source, as the annotators do for "a second sentence of the same report";
    ``fact``'s roles are changed in place."""
    roles = fact[1]
    if "source" in roles or not previous:
        return
    last_sent, last = previous[-1]
    if sent - last_sent <= 1 and "source" in last[1]:
        roles["source"] = last[1]["source"]


def _buyer_is_target(cd: ChunkedDoc, tables: FactTables, m: Mentions, pred, roles: Dict[str, Tuple[int, int]]) -> None:
    """For a purchase (ロシア側は中国メーカーからドローン100機を買い付けた) the buyer is the recipient, the
    target, and the seller named with から the supplier, the actor (ANNOTATION.md: the actor is the supplier);
    ``roles`` is changed in place."""
    buyer = roles.pop("actor", None)
    if buyer is not None:
        roles["target"] = buyer
    seller = next((c for c in _children(cd, pred, ("から",)) if agent_like(cd, m, c)), None)
    if seller is not None:
        found = name(cd, tables, m, seller, "actor")
        if found is not None and found != roles.get("target"):
            roles["actor"] = found


# A count inside the next one (戦車36両を含む装甲車両130両, 民間人20人を含め計50人): it takes the next
# count's fact, with a weapon of its own where one stands just before it.
_INCLUDED_IN_NEXT = re.compile(r"(?:の[^、。\n]{0,12})?を含(?:む|め|めて|んだ)[^、。\n]{0,16}$")


def _included(m: Mentions, span: Span, attrs: Dict, roles: Dict[str, Tuple[int, int]],
              trig: Trigger) -> Optional[Fact]:
    event = count_event(trig, attrs)
    if allowed_event(event, attrs, 0) is None:
        return None
    return event, roles_for_member(roles, own_weapon(m.weapons, span.start_char)), trig


def _is_subject(cd: ChunkedDoc, q_chunk) -> bool:
    """Whether the count is its predicate's subject (…が, …は, or …の head noun with が/は)."""
    if q_chunk.tail.startswith(("が", "は", "も")):
        return True
    return q_chunk.tail == "の" and q_chunk.parent >= 0 and cd.chunks[q_chunk.parent].tail.startswith(("が", "は"))


def _record(text: str, event: str, roles: Dict[str, Tuple[int, int]]) -> Dict[str, object]:
    out: Dict[str, object] = {"event": event}
    for role in ROLES:
        if role in roles:
            start, end = roles[role]
            out[role] = {"start": start, "end": end, "text": text[start:end]}
    return out
