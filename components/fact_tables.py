"""The word tables of ``fact_extractor``: triggers (what happened) and cues (who says so).

``fact_triggers.tsv`` maps a trigger word to its event, with the event it
takes when the quantity counts people (``排除`` of three soldiers is a
casualty, ``失う`` of fifty vehicles a destruction) or drones and missiles
(``投入`` of 300 drones is an attack). ``fact_cues.tsv`` lists the words that
attribute, quote, carry or break down a fact (``によると``, ``と発表``,
``攻撃を繰り返す``, ``に上る``, ``内訳は``) and the titles and place words left
out of a participant's name. Both are plain TSV with a source per row.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, FrozenSet, Iterable, Optional, Tuple

EVENTS = ("ATTACK", "INTERCEPT", "HIT", "DESTROY", "CASUALTY", "CAPTURE", "SUPPLY", "DEPLOY", "PRODUCE")
CUE_KINDS = ("according", "report_verb", "report_noun", "light_verb", "instrument_verb", "amount_verb",
             "list_cue", "title", "place_suffix", "deictic", "loss_verb",
             "buy_verb", "undergo_verb", "join_verb", "exercise_word", "war_context", "war_party", "agent_ending",
             "time_word")
NONE = "-"


@dataclass(frozen=True)
class Trigger:
    """One trigger row: the default event and its overrides for people and munitions."""

    word: str
    event: Optional[str]
    person_event: Optional[str]
    munition_event: Optional[str]

    def event_for(self, person: bool, munition: bool) -> Optional[str]:
        """The event this trigger reports for a quantity of people, munitions or anything else."""
        if person:
            return self.person_event
        if munition:
            return self.munition_event
        return self.event


@dataclass
class FactTables:
    """Triggers by word, the longest trigger length, and cue word sets by kind."""

    triggers: Dict[str, Trigger] = field(default_factory=dict)
    cues: Dict[str, FrozenSet[str]] = field(default_factory=dict)
    max_len: int = 0

    def trigger(self, word: str) -> Optional[Trigger]:
        """The trigger that ``word`` is, or ends with (``無人機攻撃`` → ``攻撃``); None if none."""
        found = self.triggers.get(word)
        if found is not None:
            return found
        for size in range(min(len(word) - 1, self.max_len), 1, -1):
            found = self.triggers.get(word[-size:])
            if found is not None:
                return found
        return None

    def cue(self, kind: str) -> FrozenSet[str]:
        """The words of one cue kind (empty for an unknown kind)."""
        return self.cues.get(kind, frozenset())


def _event(value: str, default: Optional[str]) -> Optional[str]:
    value = value.strip()
    if not value:
        return default
    if value == NONE:
        return None
    if value not in EVENTS:
        raise ValueError(f"unknown event {value!r} in fact_triggers.tsv")
    return value


def load_triggers(lines: Iterable[str]) -> Dict[str, Trigger]:
    """Parse ``trigger event person_event munition_event source`` rows (``#`` starts a comment)."""
    out: Dict[str, Trigger] = {}
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        word, event, person, munition = (line.rstrip("\n").split("\t") + [""] * 4)[:4]
        default = _event(event, None)
        out[word.strip()] = Trigger(word.strip(), default, _event(person, default), _event(munition, default))
    return out


def load_cues(lines: Iterable[str]) -> Dict[str, FrozenSet[str]]:
    """Parse ``kind cue source`` rows into word sets by kind."""
    sets: Dict[str, set] = {kind: set() for kind in CUE_KINDS}
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        kind, cue = (line.rstrip("\n").split("\t") + [""])[:2]
        if kind not in sets:
            raise ValueError(f"unknown cue kind {kind!r} in fact_cues.tsv")
        sets[kind].add(cue.strip())
    return {kind: frozenset(words) for kind, words in sets.items()}


def load_tables(trigger_lines: Iterable[str], cue_lines: Iterable[str]) -> FactTables:
    """Both tables, ready for lookups."""
    triggers = load_triggers(trigger_lines)
    return FactTables(triggers, load_cues(cue_lines), max((len(w) for w in triggers), default=0))


def split_suffix(word: str, suffixes: FrozenSet[str]) -> Tuple[str, str]:
    """``word`` without the longest of ``suffixes`` it ends with, and that suffix (``""`` if none)."""
    for suffix in sorted(suffixes, key=len, reverse=True):
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)], suffix
    return word, ""
