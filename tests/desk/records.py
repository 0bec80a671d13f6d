"""Example records for the desk tests, written for these tests (not from any corpus).

``make_records`` returns records in the batch format of docs/record-format.md:
nested spans (a WEAPON inside a MIL_UNIT), a fact with all participants,
a range quantity, a pair, a PLACE with coordinates, dates on facts and in
meta, and a text with characters that HTML must escape.
"""
from __future__ import annotations

from typing import Any, Dict, List


def _span(text: str, part: str, label: str, occurrence: int = 0, **attrs: Any) -> Dict[str, Any]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return {"start": start, "end": start + len(part), "label": label, "text": part, **attrs}


def _part(text: str, part: str) -> Dict[str, Any]:
    start = text.index(part)
    return {"start": start, "end": start + len(part), "text": part}


def fact_record() -> Dict[str, Any]:
    text = "北方軍によると、東方軍は5日未明、自爆型無人機約120機で港湾都市ミナトを攻撃した。"
    qty = _span(text, "約120機", "QUANTITY", value=120, unit="機", item="自爆型無人機", category="DRONE",
                approx=True, bound="exact", event="ATTACK", trigger=_part(text, "攻撃"), actor=_part(text, "東方軍"),
                weapon=_part(text, "自爆型無人機"), target=_part(text, "ミナト"), source=_part(text, "北方軍"),
                date="2031-04-05")
    return {"id": "ex-fact-1", "text": text, "meta": {"date": "2031-04-05"},
            "spans": [_span(text, "北方軍", "MIL_UNIT", canonical="Northern Army", side="other"),
                      _span(text, "東方軍", "MIL_UNIT", canonical="Eastern Army"),
                      _span(text, "自爆型無人機", "WEAPON", canonical="loitering munition",
                            weapon_class="loitering_munition"),
                      qty,
                      _span(text, "ミナト", "PLACE", canonical="Minato", country="XX", lat=41.5, lon=30.25)],
            "pairs": []}


def nested_record() -> Dict[str, Any]:
    text = "第3戦車旅団Tank Brigadeは戦車20~30両を失い、<b>負傷者</b>は1,200名以上に上った。"
    return {"id": "ex-nested-2", "text": text,
            "spans": [_span(text, "第3戦車旅団", "MIL_UNIT", canonical="3rd Tank Brigade", echelon="brigade",
                            number="3"),
                      _span(text, "戦車", "WEAPON", canonical="tank", weapon_class="tank"),
                      _span(text, "戦車", "WEAPON", occurrence=1, canonical="tank", weapon_class="tank"),
                      _span(text, "20~30両", "QUANTITY", value=20, value_max=30, unit="両", item="戦車",
                            category="VEHICLE", approx=False, bound="range", event="DESTROY",
                            weapon=_part(text, "戦車")),
                      _span(text, "1,200名以上", "QUANTITY", value=1200, unit="名", item="負傷者",
                            category="CASUALTY", casualty="wounded", approx=False, bound="at_least",
                            event="CASUALTY")],
            "pairs": [{"ja": _part(text, "戦車旅団"), "en": _part(text, "Tank Brigade")}]}


def plain_record() -> Dict[str, Any]:
    text = "湖の面積は約55平方キロで、観測所は3か所ある。"
    return {"id": "ex-plain-3", "text": text,
            "spans": [_span(text, "約55平方キロ", "QUANTITY", value=55, unit="km²", category="AREA", approx=True,
                            bound="exact"),
                      _span(text, "3か所", "QUANTITY", value=3, unit="か所", category="COUNT", approx=False,
                            bound="exact")],
            "pairs": []}


def make_records(copies: int = 1) -> List[Dict[str, Any]]:
    """The three example records, ``copies`` times over with distinct ids."""
    out = []
    for n in range(copies):
        for record in (fact_record(), nested_record(), plain_record()):
            if n:
                record["id"] = f"{record['id']}-{n}"
            out.append(record)
    return out
