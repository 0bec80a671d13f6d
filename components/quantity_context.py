"""Item, category and casualty type of a QUANTITY, from the words around it.

Pure logic, no spaCy. The rules are data (``components/data/quantity_categories.tsv``):

1. A unit that decides the category alone (km → DISTANCE, ルーブル → MONEY,
   倍 → RATIO, 割 → PERCENT) wins.
2. Otherwise the counted noun (``item``) decides: the noun written directly
   before the number (``無人機458機``, ``死者11名``) or after it joined by の
   (``1,200名以上の死傷者``, ``3匹のキツネ``), matched on its ending
   (``北朝鮮兵士`` ends with ``兵士``).
3. People (soldiers, civilians, or a bare 人/名) followed by a killing or
   wounding verb (``ロシア兵3名を排除``, ``717人の市民殺害``) are CASUALTY.
4. With no item, a counter takes the category of the previous quantity of the
   same unit in the sentence (``負傷者11名(うち6名が…)``), then a keyword in
   the sentence (``…ドローンが20~30機``) or, for 機 and 発, in the sentences just
   before (``無人機を投入した。…約20機を保有``); two keywords of different
   categories side by side (``ミサイルと無人機は計300発``) make a mixed COUNT.
   People counts are civilians (COUNT) when a civilian word is nearer than a
   military one in the sentence (``数千人が避難``), else troops in military context.
5. A people count named by a relative clause of killing or wounding before it
   (``死亡が確認された兵士は…300人``, ``失った兵員は…``) is CASUALTY.
6. A WEAPON the recogniser found right before the count (``弾道ミサイル「イスカンデル」6発``,
   ``A-50など計41機``, ``Tu-22M3を1機``) or after it joined by の (``3隻の水上ドローン``)
   decides by its weapon class (``class`` rows: ``aew_aircraft`` ends in ``aircraft`` → AIRCRAFT),
   when the counted noun does not.
7. The subject of the clause (``人的損失が過去24時間で1,090人``) decides like a counted noun;
   a people count with no evidence in its sentence takes the category of the same counter
   in the sentence before (``死傷者1,200名…。1日あたり80〜100名``), unless civilians are nearer
   or a deployment verb (``派遣``, ``送り込む``) says they are troops.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

from .quantity_rules import Hit
from .quantity_people import after_window, captured, troop_loss

NOUN_CHARS = r"[\u4e00-\u9fff\u30a1-\u30fa\u30fcA-Za-zＡ-Ｚａ-ｚ々〆]"
# 工兵など約6000人, 無人機計120機, 船舶を計557隻: the noun before など and before 計 ("in total", not part
# of the item); a particle only together with 計 (ロシア軍は120機 names no item)
# ・対砲兵レーダー 4機: lists of aid put one space between the item and its count; 戦車：9,517 and
# 無人機（作戦戦術レベル）：20,149: a tally's label ends with a colon, a bracketed qualifier before it
_BEFORE = re.compile("(" + NOUN_CHARS + r"{1,14}?)(?:など|等)?(?:[をがはも]?(?:合計|累計|総計|(?<![合累総])計|あわせて|合わせて|延べ|のべ)|だけで|のみで)?[ 　]?"
                     r"(?:(?:[（(][^（）()\n]{1,14}[）)])?[:：][ 　]{0,2})?[「『]?$")  # 死傷者「3千人」: a quoted figure
_TOTAL_WORD = re.compile(r"(?:合計|累計|総計|計|延べ)$")  # 全土に合計550機: a total word alone names no item
# 50発以上の様々な種類のミサイル: words that say "of various kinds" stand between the count and its item
_KINDS_FILLER = r"(?:(?:様々な|さまざまな|多様な|異なる|あらゆる|いろいろな)(?:種類の|型の|タイプの)?|各種の?)?"
_AFTER = re.compile(r"(?:規模|も)?の" + _KINDS_FILLER + "(" + NOUN_CHARS + r"{1,14})")
_DIRECT = re.compile(NOUN_CHARS + r"{1,14}")
_WHOSE = re.compile(r".{1,8}(?:国|製|側|産)|北朝鮮|ロシア|ウクライナ|イラン|日本|中国|韓国|米国|英国|アメリカ|イギリス|フランス|ドイツ"
                    r"|ポーランド|イスラエル|トルコ|インド|パキスタン|台湾|フィリピン|ベラルーシ")
# the modifier's list and の before the head noun: (・陸・海・空)の自衛隊員, の兵士
_HEAD_AFTER_MODIFIER = re.compile(r"(?:・" + NOUN_CHARS + r"{1,6}){0,4}の(" + NOUN_CHARS + r"{1,14})")
# 防空部隊は計30点を撃墜: a force or body as the topic or subject before 計 is who acted, not what was counted
# ミサイル55発中39発: "39 of the 55"; the second count takes the first's item (the sentence's earlier
# quantity, as うち6名 does), not 中 as a noun
_OUT_OF = re.compile(r"[0-9０-９一二三四五六七八九十百千万][^\s0-9０-９]{0,2}中$")
_ACTOR_TOPIC = re.compile(r"(?:軍|部隊|隊|旅団|師団|連隊|大隊|艦隊|司令部|省|政府|当局)[はが](?:合計|累計|総計|計|あわせて|合わせて)$")
# 日米あわせて約2,050名の隊員, 両軍合わせて7万人の軍人: the sides a total adds up (one-character country
# abbreviations run together, 両国, 双方) say whose, not what; the noun after の is the item
_PARTIES = re.compile(r"[日米英豪韓中露仏独比印加伊蘭朝台越泰宇]{2,4}|両国|両軍|双方|各国|両陣営")
# 推定120万人の人的損失: an estimate word before the figure says how it was counted, not what
_ESTIMATE_WORD = re.compile(r"(?:推定|推計|概算|試算)$")
# 年4千人の新兵, 常時10人弱の日本人義勇兵: a time or frequency word before the count names no item; the noun after
# it does
_TIME_WORD = re.compile(r"(?:年|毎年|年間|月|毎月|日|毎日|週|毎週|常時|現在|今年|昨年|当時|一時|例年|今月|先月|今週|先週"
                        r"|今日|昨日|同日|前半|後半|上半期|下半期|週末|年末|月末|今回|前回)$")
# IRIS-T SLMの追加1基, 追加の2基: "more of" is no item; the noun before の追加 is (a Latin name with its
# digits, hyphens and spaces too)
_ADDITION_WORD = re.compile(r"(?:追加|新規|新た)$")
_ADDED_ITEM = re.compile(r"([\u4e00-\u9fff\u30a1-\u30fa\u30fcA-Za-z0-9々](?:[\u4e00-\u9fff\u30a1-\u30fa\u30fcA-Za-z0-9々\-]| (?=[A-Za-z0-9])){0,19})の追加$")
# 60機を超える規模, 1000万機を超える可能性: a word of scale, pace or likelihood after the verb names no item
_SCALE_WORD = re.compile(r"(?:規模|ペース|水準|レベル|数|量|可能性|見込み|見通し|恐れ|おそれ)$")
_OF_BEFORE = re.compile("(" + NOUN_CHARS + r"{1,14})の$")
# 死傷者（行方不明者を含む）が約180万人: a bracketed aside may stand between the noun and its particle
_ASIDE = r"(?:[（(][^（()）。]{1,24}[）)])?"
_TOPIC = re.compile("(" + NOUN_CHARS + r"{1,14})" + _ASIDE + r"[はがも]$")
# ロケット弾は3日間で1,500発, 無人機は一晩で120機, 船は26日の時点で185隻: the topic, then the span of time the count
# took or the day it stood at
_TOPIC_OVER_TIME = re.compile("(" + NOUN_CHARS + r"{1,14})" + _ASIDE + r"[はがも]、?[「『]?"
                              r"(?:(?:[0-9０-９一二三四五六七八九十数]+(?:日間|時間|週間|カ月|か月|ヶ月|年間)|一晩|一夜|一日|1日)"
                              r"(?:だけ)?(?:で|のうちに|に)"
                              r"|(?:[0-9０-９]{1,2}月)?[0-9０-９]{1,2}日(?:の)?時点で|現時点で)[「『]?$")
# 戦死者を「約1万5000人」とする, 戦死者を17万人と見積もる: the noun an estimate puts a figure on, before を
_ESTIMATED = re.compile("(" + NOUN_CHARS + r"{1,14})を(?:推定で|暫定で|少なくとも)?[「『]?$")  # 死傷者を推定で約21万人と
_QUOTED_AS = re.compile(r"[」』]?と")
# 死者数が1日あたり、約100人, 死傷者が、数百人: one short aside with a comma (or the comma alone) may stand
# between the subject and its count; も marks it as は does (死者も最も多い378人に上った)
_SUBJECT = re.compile("(" + NOUN_CHARS + r"{1,14})" + _ASIDE
                      + r"[はがも](?=[^。、,，はが]{0,16}$|(?:[^。、,，はが]{0,7}[^。、,，はがしてでた])?、[^。、,，はが]{0,6}$)")
# Between a WEAPON and the count it is counted by: a closing quote, a particle, 計 (``A-50など計41機``).
# MQ-9B×4機; 「ATACMS(アタクムス)」8発: the name's reading or gloss in brackets inside its quotes
_WEAPON_BEFORE = re.compile(r"(?:[(（][^()（）「」\n]{1,20}[)）])?[」』）)]?(?:など|等|を|が|は|も|の)?(?:計|合計|累計|総計)?[ 　]?"
                            r"(?:[×✕][ 　]?)?$")
_WEAPON_AFTER = re.compile(r"(?:規模|も)?の" + _KINDS_FILLER)
# the longest gaps the two patterns match (tests/unit/test_quantity_context_real.py checks them against the patterns)
WEAPON_BEFORE_REACH = 30
WEAPON_AFTER_REACH = 12
_HIRAGANA = re.compile(r"[\u3041-\u3096]")
_KANA_LEAD = re.compile(r"[\u3041-\u3096]{1,3}$")
WeaponSpan = Tuple[int, int, str]  # start_char, end_char, weapon_class


class WeaponList(list):
    """A doc's WEAPON mentions (``WeaponSpan``, in the order given) with the positions of the ones that can be
    counted by a hit: those ending or starting within the gap reaches of ``_counted_weapon``'s patterns, found
    by offset instead of a pass over every weapon of the doc for every count (a long doc has thousands)."""

    def __init__(self, weapons: Sequence[WeaponSpan] = ()) -> None:
        super().__init__(weapons)
        self._by_end: Dict[int, List[int]] = {}
        self._by_start: Dict[int, List[int]] = {}
        for k, (start, end, _cls) in enumerate(self):
            self._by_end.setdefault(end, []).append(k)
            self._by_start.setdefault(start, []).append(k)

    def near(self, start: int, end: int) -> List[int]:
        """Positions, in order, of the weapons ending at most ``WEAPON_BEFORE_REACH`` before ``start`` or starting
        at most ``WEAPON_AFTER_REACH`` after ``end``."""
        ks = [k for pos in range(start - WEAPON_BEFORE_REACH, start + 1) for k in self._by_end.get(pos, ())]
        ks += [k for pos in range(end, end + WEAPON_AFTER_REACH + 1) for k in self._by_start.get(pos, ())]
        return sorted(set(ks))


class PreviousCounts(list):
    """The ``(Hit, Inference)`` of a text's counts so far, with the set of their end offsets (is a count right
    after another one: a lookup, not a pass over all of them)."""

    def __init__(self) -> None:
        super().__init__()
        self.ends: Set[int] = set()

    def append(self, item: Tuple[Hit, "Inference"]) -> None:
        super().append(item)
        self.ends.add(item[0].end)


SENTENCE_MARKS = "。！？!?\n"
_SENTENCE_END = re.compile(f"[{SENTENCE_MARKS}]")
PEOPLE_UNITS = {"人", "名"}
NO_COUNTER = "none"  # the units-column name of a figure with no counter (負傷は約60万〜70万)
SOLDIER_COUNTER = "兵"  # 28万兵を動員 (NOTES-real6): a counter that is itself the item
UNIT_FAMILY = {"名": "人"}


def unit_family(unit: Optional[str]) -> Optional[str]:
    """The counter a unit counts like: 名 counts as 人."""
    return UNIT_FAMILY.get(unit or "", unit)
CONTEXT_WINDOW = 150
NO_BEFORE = {"DISTANCE", "AREA", "MONEY", "VOLUME", "TEMPERATURE"}
NO_AFTER = {"DISTANCE", "TEMPERATURE"}
DIRECT_AFTER_UNITS = {"回"}
INSTALLATION_UNITS = {"基"}
# Weapon classes that name a whole air-defence system: counted in 機/基/台/セット it is the system (COUNT,
# as annotators of real reporting marked NASAMS 2機 in an aid list); counted in 発 its missiles.
AIR_DEFENCE_SYSTEMS = {"sam", "air_defence_system"}
SYSTEM_UNITS = {"機", "基", "台", "セット", "式", "システム"}
# what a named system (…システム) is counted in as an installation; in 台/両 it stays a vehicle, as both
# real-text annotators took 地対空ミサイルシステム1台 and 防空システム12両 (the rewritten gold is split)
SYSTEM_COUNTERS = (SYSTEM_UNITS - {"台"}) | {"門", "個", "つ"}
EXTENDED_CONTEXT_UNITS = {"機", "発"}
MIXED_GAP = 12
# A military word used as a point in time (侵攻前, 侵攻以降) says nothing about who is counted.
_TIME_AFTER = re.compile(r"前|後|以降|以前|直後|直前|開始|当初")
_CLAUSE_MARKS = re.compile(r"[。、,，!?！？\n]")


@dataclass(frozen=True)
class Rule:
    """One row of the category table."""

    kind: str
    pattern: str
    category: str
    casualty: Optional[str]
    units: frozenset = field(default_factory=frozenset)


@dataclass
class Inference:
    """What the context says about a quantity."""

    item: Optional[str]
    category: str
    casualty: Optional[str] = None


class CategoryRules:
    """The category table, indexed by kind.

    Args:
        rules (Iterable[Rule]): Rows of ``quantity_categories.tsv``.
    """

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.by_kind: Dict[str, List[Rule]] = {}
        for rule in rules:
            self.by_kind.setdefault(rule.kind, []).append(rule)
        for rows in self.by_kind.values():
            rows.sort(key=lambda r: -len(r.pattern))
        self.verb_re = self._alternation("verb")
        self.military_re = self._alternation("military")
        self.civil_re = self._alternation("civil")
        self.deploy_re = self._alternation("deploy")
        self.capture_re = self._alternation("capture")
        self.loss_re = self._alternation("loss")
        self.tally_re = self._alternation("tally")
        self.class_rows = {r.pattern: r for r in self.by_kind.get("class", [])}
        # each item pattern lowered and each context keyword compiled once (item_rule and context run for
        # every quantity), and item_rule's answers memoised by (item, unit), cleared when full
        self._item_patterns = [(rule.pattern.lower(), rule) for rule in self.by_kind.get("item", [])]
        self._item_memo: Dict[Tuple[str, Optional[str]], Optional[Rule]] = {}
        # けが人30人, 救難えい船1隻, 車いす1000台: the item patterns with hiragana inside, which _BEFORE's
        # noun characters stop at; found whole (with the nouns before them) right before a count
        kana = sorted((p for p, _ in self._item_patterns if _HIRAGANA.search(p)), key=len, reverse=True)
        self.kana_item_re = (re.compile("(" + NOUN_CHARS + "{0,8}(?:" + "|".join(map(re.escape, kana)) + "))"
                                        r"(?:など|等)?[ 　]?$") if kana else None)
        self._context_patterns = [(re.compile(re.escape(rule.pattern)), rule) for rule in self.by_kind.get("context", [])]
        words = "|".join(re.escape(r.pattern) for r in self.by_kind.get("verb", []) + self.by_kind.get("loss", []))
        # 死亡したロシア軍兵士の数は7000人: "the number of" may follow the noun; 死亡したのは12人: the clause itself
        # names who was counted (no noun: group 2 is None)
        self.relative_re = (re.compile(rf"({words})(?!者)[^。、,]{{0,12}}?た(?:({NOUN_CHARS}{{1,10}})(?:の(?:総?数|人数))?|の)[はがも]")
                            if words else None)

    def _alternation(self, kind: str) -> Optional[re.Pattern]:
        rows = self.by_kind.get(kind, [])
        # longest first, so 戦死傷 (killed or wounded) wins over its prefix 戦死 (killed) at one position
        patterns = sorted({r.pattern for r in rows}, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, patterns))) if rows else None

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> "CategoryRules":
        """Parse the TSV (``kind pattern category casualty units source``)."""
        rows = []
        for line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            kind, pattern, category, casualty, units = (line.rstrip("\n").split("\t") + [""] * 5)[:5]
            rows.append(Rule(kind, pattern, category, casualty or None,
                             frozenset(u for u in units.split(",") if u)))
        return cls(rows)

    def item_rule(self, item: str, unit: Optional[str]) -> Optional[Rule]:
        """The longest item rule whose pattern ends ``item`` (and allows ``unit``)."""
        memo = self._item_memo
        key = (item, unit)
        if key in memo:
            return memo[key]
        folded = unicodedata.normalize("NFKC", item).lower()  # ＡＴＡＣＭＳ (full-width, as newspapers) as ATACMS
        found = None
        for pattern, rule in self._item_patterns:
            if folded.endswith(pattern) and (not rule.units or (unit or NO_COUNTER) in rule.units):
                found = rule
                break
        if found is not None and "無人" in folded and folded != "無人機" and (
                found.category == "AIRCRAFT" or found.category == "VEHICLE" and folded.endswith(_BOAT_ENDS)):
            # 無人偵察機, 無人攻撃機: unmanned, a drone (not 偵察機's aircraft); 無人爆弾艇: a sea drone (not a boat);
            # 無人運搬車 stays a vehicle
            found = self.item_rule("無人機", unit) or found
        if len(memo) >= 1 << 16:
            memo.clear()
        memo[key] = found
        return found

    def class_rule(self, weapon_class: str) -> Optional[Rule]:
        """The ``class`` row for a weapon class: the whole class, else its last ``_`` words."""
        parts = weapon_class.split("_")
        for k in range(len(parts)):
            rule = self.class_rows.get("_".join(parts[k:]))
            if rule is not None:
                return rule
        return None

    def verb(self, window: str) -> Optional[Rule]:
        """The casualty verb at the start of ``window`` (after particles), if any."""
        if self.verb_re is None:
            return None
        m = self.verb_re.search(window)
        if not m or _NEGATED.match(window, m.end()):
            return None  # けがはなかった: no one was hurt
        return next(r for r in self.by_kind["verb"] if r.pattern == m.group(0))

    def context(self, window: str, pos: int, unit: Optional[str]) -> Optional[Rule]:
        """The context keyword nearest to ``pos`` in ``window`` for this unit's counter.

        A keyword of another category within ``MIXED_GAP`` characters of the nearest
        one (``ミサイルと無人機``) makes a mixed count: a COUNT rule is returned.
        """
        found: List[Tuple[int, int, Rule]] = []
        for pattern, rule in self._context_patterns:
            if unit in rule.units:
                found += [(m.start(), m.end(), rule) for m in pattern.finditer(window)]
        if not found:
            return None
        # 無人航空機: a keyword inside a longer one (航空機) is that one's part, not a keyword of its own
        if len(found) > 1:
            found = [f for f in found if not any(o[0] <= f[0] and f[1] <= o[1] and o[1] - o[0] > f[1] - f[0] for o in found)]
        start, end, best = min(found, key=lambda f: abs(f[0] - pos))
        for other_start, other_end, other in found:
            near = other_start - end <= MIXED_GAP and start - other_end <= MIXED_GAP
            if other.category != best.category and near and not (start <= other_start < end):
                return Rule("context", best.pattern, "COUNT", None)
        return best


# what befalls people who are neither killed nor wounded, right after their count: civilians counted (COUNT)
_UNHURT_FATE_AFTER = re.compile(r"(?:以上|余り|あまり|近く|ほど)?(?:が|は|も)(?:住まいを追われ|家を追われ|家を失|避難|行方不明|連れ去られ"
                                r"|拉致|救助|救出|保護|取り残され)")
_WHOLE_GROUP = re.compile(r"(?:全員|全体|総数|一同|以下)$")
_BOAT_ENDS = ("艇", "ボート", "船")  # not 艦: an unmanned warship (無人艦6隻) stays a vessel, as the development gold has it
_COUNTED_SUBJECT = re.compile(r"[0-9０-９一二三四五六七八九十百千万](?:人|名)(?:が|は|も)?$")
_NEGATED = re.compile(r"(?:者|人)?(?:は|も)?(?:なかった|ない|なし|無し|無かった|ありません|いません|いない|出ていない|出なかった)")


def find_item(text: str, hit: Hit) -> Tuple[Optional[str], Optional[int]]:
    """The counted noun next to a quantity and where it ends.

    Args:
        text (str): The whole text.
        hit (Hit): The quantity.

    Returns:
        Tuple[Optional[str], Optional[int]]: The noun (directly before the
        number, else after it joined by の) and the offset where it ends.
    """
    if hit.item:
        return hit.item, text.find(hit.item, hit.end) + len(hit.item)
    category = hit.unit_category
    # 多連装ロケットシステム（MLRS）：1,243: a bracketed qualifier widens the reach back to the noun
    reach = 32 if any(c in "）)" for c in text[max(0, hit.start - 3):hit.start]) else 16
    before = _BEFORE.search(text, max(0, hit.start - reach), hit.start)
    if before and category not in NO_BEFORE and not _ACTOR_TOPIC.search(before.group(0)) \
            and not _OUT_OF.search(text, max(0, hit.start - 4), hit.start) \
            and not _ESTIMATE_WORD.fullmatch(before.group(1)) and not _TOTAL_WORD.fullmatch(before.group(1)) \
            and not _TIME_WORD.fullmatch(before.group(1)) and not _counter_of_figure(text, before.start(1)):
        if _PARTIES.fullmatch(before.group(1)):
            noun = _noun_after(text, hit, category)
            if noun is not None:
                return noun
        if not _ADDITION_WORD.fullmatch(before.group(1)):
            return before.group(1), hit.start
        added = _ADDED_ITEM.search(text, max(0, hit.start - 24), before.end(1))
        return (added.group(1), added.end(1)) if added else (None, None)
    if text.startswith(("を", "に"), hit.core[1], hit.end):  # 60機を超える無人機: the head after the verb
        head = _DIRECT.match(text, hit.end)
        if head and text.startswith("の", head.end()):
            further = _DIRECT.match(text, head.end() + 1)
            head = further or head  # 1万人を超える民間の死者: the noun after の is the head, 民間 its modifier
        if head and category not in NO_AFTER and not _SCALE_WORD.fullmatch(head.group(0)):
            return head.group(0), head.end()
    if category == "PERCENT":
        of = _OF_BEFORE.search(text, max(0, hit.start - 15), hit.start)
        if of:
            return of.group(1), hit.start
    noun = _noun_after(text, hit, category)
    if noun is not None:
        return noun
    direct = _DIRECT.match(text, hit.end)
    if direct and hit.unit in DIRECT_AFTER_UNITS:
        return direct.group(0), direct.end()
    return None, None


# counters that end a figure: a noun run right after a digit that opens with one is the end of another figure
# (ウクライナ防空が120機撃墜 20機は消失: 機撃墜 is no item of 20機), not a class after a model number (T-72戦車)
_FIGURE_COUNTERS = frozenset("機発人名両台隻門基棟件回")


def _counter_of_figure(text: str, start: int) -> bool:
    """Whether the noun run at ``start`` opens with the counter of a figure written right before it."""
    return start > 0 and text[start - 1].isdigit() and text[start:start + 1] in _FIGURE_COUNTERS


_NOT_COUNTED_AFTER = frozenset({"間", "範囲", "幅"})  # words after a figure and の that place it, naming nothing
_NUMBER_AFTER = re.compile(r"[0-9０-９一二三四五六七八九十百千数]")


def _noun_after(text: str, hit: Hit, category: Optional[str]) -> Optional[Tuple[str, int]]:
    """The noun joined to the quantity by の after it (``50発のミサイル``) and where it ends, or None."""
    after = _AFTER.match(text, hit.end)
    if after is None or category in NO_AFTER or after.group(1) in _NOT_COUNTED_AFTER \
            or _NUMBER_AFTER.match(text, after.end(1)):
        return None  # 50万から60万の間 ("between"); 50万〜60万人の約2倍 (約 opens the next figure)
    head = _HEAD_AFTER_MODIFIER.match(text, after.end(1))
    if head is not None and (head.group(0).startswith("・") or _WHOSE.fullmatch(after.group(1))):
        # 約1万人の北朝鮮の兵士, 9万2400人の陸・海・空の自衛隊員: a country or a list of services says whose,
        # the noun after it is counted (not 10点の敵ミサイルの落下: the missiles fall)
        return head.group(1), head.end(1)
    return after.group(1), after.end(1)


# A crew is troops aboard a warship, a tank or a military aircraft and civilians aboard a merchant ship:
# 乗組員25人 of a tanker or a cargo ship is COUNT, 乗組員334人 of a destroyer PERSONNEL (the rewritten
# development gold: 4 of 4 merchant crews COUNT, every crew of a 艦, 戦車 or 機 PERSONNEL or CASUALTY).
_CREW_WORDS = re.compile(r"乗組員|乗員|船員")
_MERCHANT_SHIP = re.compile(r"タンカー|貨物船|商船|漁船|客船|民間船|フェリー|コンテナ船|油槽船|ばら積み船|(?<![艦軍兵])船(?![団隊])")
_MILITARY_CRAFT = re.compile(r"艦|戦車|(?:航空|輸送|戦闘|爆撃|哨戒|偵察|攻撃|軍用|給油|警戒|対潜)機|ヘリ|軍|兵")


def _merchant_crew(text: str, hit: Hit, item: Optional[str]) -> bool:
    """The crew counted is a merchant ship's (civilians): a merchant ship in the sentence or the one
    before, and no warship, tank, aircraft or force there."""
    if not item or not _CREW_WORDS.search(item):
        return False
    s_start, s_end = sentence_bounds(text, hit.start)
    p_start, _ = sentence_bounds(text, max(0, s_start - 1))
    window = _CREW_WORDS.sub("", text[p_start:s_end])
    return _MERCHANT_SHIP.search(window) is not None and _MILITARY_CRAFT.search(window) is None


def sentence_bounds(text: str, pos: int) -> Tuple[int, int]:
    """Start and end offsets of the sentence around ``pos``."""
    start = max(text.rfind(mark, 0, pos) for mark in SENTENCE_MARKS) + 1
    m = _SENTENCE_END.search(text, pos)
    return start, m.start() if m else len(text)


def infer(text: str, hit: Hit, rules: CategoryRules, previous: Sequence[Tuple[Hit, Inference]] = (),
          weapons: Sequence[WeaponSpan] = ()) -> Inference:
    """Item, category and casualty type for one quantity.

    Args:
        text (str): The whole text.
        hit (Hit): The quantity.
        rules (CategoryRules): The category table.
        previous (Sequence[Tuple[Hit, Inference]]): Earlier quantities of the
            same text with what was inferred for them (for ``うち6名``).
        weapons (Sequence[WeaponSpan]): WEAPON mentions of the text, ``(start, end, weapon_class)``.

    Returns:
        Inference: item (None when not named), category, casualty.
    """
    item, item_end = find_item(text, hit)
    if rules.kana_item_re is not None and (item is None or item_end == hit.start):
        kana = rules.kana_item_re.search(text, max(0, hit.start - 24), hit.start)
        if kana is not None and len(kana.group(1)) > len(item or ""):
            item, item_end = kana.group(1), hit.start
    if item_end == hit.start and (hit.start in previous.ends if isinstance(previous, PreviousCounts)
                                  else any(earlier.end == hit.start for earlier, _ in previous)):
        # 10種類215台の発電機: the word before is the earlier count's own counter, no item of this one; the
        # noun after の is
        after = _AFTER.match(text, hit.end)
        item, item_end = (after.group(1), after.end(1)) if after and hit.unit_category not in NO_AFTER else (None, None)
    if item and item.endswith("システム") and hit.unit in SYSTEM_COUNTERS and item_end == hit.start:
        # 防空システム2基, ロケットシステム3セット: a system counted is an installation, not the missiles or
        # aircraft it is made of (COUNT in the rewritten gold)
        return Inference(item, "COUNT")
    if hit.unit_category:
        if item and hit.unit in _PIECE_COUNTERS and item_end is not None and item_end > hit.end:
            # 144個のミサイル: pieces of a weapon named after them are that weapon (not ヘリコプター1個飛行隊)
            rule = rules.item_rule(item, hit.unit)
            if rule is not None and rule.category in _WEAPON_CATEGORIES:
                return Inference(item, rule.category)
        return Inference(item, hit.unit_category)
    if hit.unit == BODY_COUNTER:
        return Inference(item, "CASUALTY", "killed")  # 遺体を50体ずつ交換: 体 counts bodies only (after 遺体 was written)
    rule = rules.item_rule(item, hit.unit) if item else None
    if rule is None and item and item.isascii() and " " in item:
        item, rule = _english_head(item, hit, rules)  # 111 drones overnight across: the noun is the first word
    if rule is not None and item_end == hit.start and _mixed_pair(text, hit, item, rule, rules):
        return Inference(None, "COUNT")  # ドローンやミサイルあわせて400機: a mixed total (NOTES-real1)
    if rule is not None and item_end is not None and item_end > hit.end and _mixed_after(text, item_end, rule, hit, rules):
        return Inference(item, "COUNT")  # 1万4,333点の車両・火砲・航空機・船舶: a mixed total (NOTES-real2)
    if item and rule is None:
        item, rule = _trim_item(item, hit, rules)
    if item_end == hit.start and (rule is None or rule.category in ("COUNT", "PERSONNEL")) and hit.unit in PEOPLE_UNITS:
        # 両国合わせて約200人の死者: a count between a noun and の + the dead counts the dead (the noun before says
        # whose); the casualty noun after it wins over a noun before that names no casualty
        after = _AFTER.match(text, hit.end)
        after_rule = rules.item_rule(after.group(1), hit.unit) if after else None
        if after_rule is not None and after_rule.category == "CASUALTY":
            item, item_end, rule = after.group(1), after.end(1), after_rule
    if rule is None and hit.unit == SOLDIER_COUNTER:
        rule = rules.item_rule(SOLDIER_COUNTER, hit.unit)  # 28万兵: the counter names soldiers (troops, or losses)
    # a count that names its own item after it (22基の石油貯蔵タンク) counts neither a weapon nearby nor its topic
    named_after = (item is not None and item_end is not None and item_end > hit.end and len(item) > 1
                   and text.startswith("の", hit.end)
                   and not any(start < item_end and hit.end < end for start, end, _cls in weapons))
    self_propelled = False
    if rule is None and not named_after:
        weapon = _counted_weapon(text, hit, weapons, rules)
        if weapon is not None:
            name, rule, weapon_class = weapon
            item = item or name
            self_propelled = weapon_class.startswith("self_propelled")
    if rule is None and not named_after:
        topic = _TOPIC.search(text, max(0, hit.start - 15), hit.start)
        if topic is None and hit.unit in PEOPLE_UNITS and _QUOTED_AS.match(text, hit.end):
            topic = _ESTIMATED.search(text, max(0, hit.start - 15), hit.start)  # 戦死者を17万人と見積もる
        if topic is None and hit.unit in PEOPLE_UNITS:  # 人的損失が過去24時間で1,090人
            topic = _SUBJECT.search(text, max(0, hit.start - 30), hit.start)
        over_time = None
        if topic is None and hit.unit not in PEOPLE_UNITS:  # ロケット弾は「3日間で1,500発以上」: a span of time between
            topic = over_time = _TOPIC_OVER_TIME.search(text, max(0, hit.start - 30), hit.start)
        noun = topic.group(1) if topic else None
        topic_rule = rules.item_rule(noun, hit.unit) if topic else None
        if over_time is not None and topic_rule is None:  # the topic a WEAPON span: its class says the category
            topic_rule = next((rules.class_rule(cls) for start, end, cls in weapons
                               if end == over_time.end(1) and cls and rules.class_rule(cls) is not None), None)
        if topic is not None and topic_rule is None:
            noun, topic_rule = _kana_led_noun(text, topic.start(1), noun, hit, rules)  # けが人は50人以上
        if topic is not None and (topic_rule is None or topic_rule.category == "COUNT") and hit.unit in PEOPLE_UNITS:
            joined = _JOINED_BEFORE.search(text, max(0, topic.start(1) - 14), topic.start(1))
            joined_rule = rules.item_rule(joined.group(1), hit.unit) if joined else None
            if joined is not None and _COUNTED_SUBJECT.search(text, max(0, joined.start() - 12), joined.start()):
                joined_rule = None  # 162人が戦死、米国は530人: the casualty word has its own count
            if joined_rule is not None and joined_rule.category == "CASUALTY":
                noun, topic_rule = joined.group(1), joined_rule  # 死傷者・行方不明者は120万人: the casualties named first
        if topic_rule is not None and hit.unit in PEOPLE_UNITS and topic_rule.category in _WEAPON_CATEGORIES:
            topic_rule = None  # 無人機が直撃し、12人が死亡: a weapon subject does not make people weapons
        if topic_rule is not None:
            item, rule = noun, topic_rule
    if rule is not None and item and not named_after and _mixed_pair(text, hit, item, rule, rules):
        return Inference(None, "COUNT")  # 戦車、装甲車、火砲、対空ミサイルは約3000: joined weapons of several kinds
    verb = _casualty_verb(text, hit, item_end, rules)
    if verb is None and hit.unit in PEOPLE_UNITS and (rule is None or rule.category in ("PERSONNEL", "COUNT")):
        verb = _casualty_topic(text, hit, rules)  # 死者は、イスラエル兵士1人、…30人: the dead, listed by side
    if verb is None and (rule is not None and rule.category == "PERSONNEL" or rule is None and hit.unit in PEOPLE_UNITS):
        verb = troop_loss(text, hit, item, item_end, rules)  # also 約7500人、戦車11両…を失った (no item)
    if captured(text, hit, item_end, rules, verb) and (
            (rule is None and hit.unit in PEOPLE_UNITS) or (rule is not None and rule.category in ("PERSONNEL", "CASUALTY"))):
        return Inference(item, "PERSONNEL")  # 2人を捕虜にした: prisoners are troops, not casualties
    if verb is None and hit.unit in PEOPLE_UNITS and (rule is None or rule.category == "COUNT") \
            and _force_size(text, hit, rules):
        return Inference(item, "PERSONNEL")
    if rule is not None:
        if rule.category in ("PERSONNEL", "COUNT") and verb and _is_people(hit, rule):
            return Inference(item, "CASUALTY", verb.casualty)
        if rule.category == "PERSONNEL" and _merchant_crew(text, hit, item):
            return Inference(item, "COUNT")  # タンカーの乗組員15人: a merchant ship's crew are civilians
        if item and rule.category in ("PERSONNEL", "COUNT") and _is_people(hit, rule):
            whole = _casualties_of_which(text, hit, item, previous)
            if whole is not None:  # 1万1520人が死亡し、そのうち子供は633人: a part of the dead
                return Inference(item, "CASUALTY", whole.casualty)
            among = _among_casualties(text, hit, rules)
            if among is not None:  # 犠牲者には2人の乳児と1人の女性が含まれる
                return Inference(item, "CASUALTY", among)
        if hit.unit == "発" and rule.category == "VEHICLE":
            return Inference(item, "MISSILE")  # 17発のHIMARS MLRS, 4発の「トーチカU」: 発 counts a launcher's rounds
        if hit.unit == "門" and rule.category == "VEHICLE" and "自走" not in (item or "") and not self_propelled:
            return Inference(item, "COUNT")  # 榴弾砲12門: guns are counted; only a self-propelled one (K9 24門) is a vehicle
        if rule.category == "VEHICLE" and hit.unit in INSTALLATION_UNITS:
            return Inference(item, "COUNT")  # HIMARS1基, 多連装ロケットシステム1545基: launchers counted as installations
        if rule.kind == "class" and rule.pattern in AIR_DEFENCE_SYSTEMS and hit.unit in SYSTEM_UNITS:
            return Inference(item, "COUNT")  # NASAMS 2機: air-defence systems (batteries), not missiles or aircraft
        return Inference(item, rule.category, rule.casualty)
    return _without_item(text, hit, item, verb, rules, previous)


def _counted_weapon(text: str, hit: Hit, weapons: Sequence[WeaponSpan],
                    rules: CategoryRules) -> Optional[Tuple[str, Rule, str]]:
    """The WEAPON counted by ``hit`` (right before it, or after it joined by の), its class row and its class."""
    for k in weapons.near(hit.start, hit.end) if isinstance(weapons, WeaponList) else range(len(weapons)):
        start, end, weapon_class = weapons[k]
        # the gaps either pattern can match are short: no regex for the doc's other weapons (a long doc's
        # thousands, for each of its thousands of counts)
        before = 0 <= hit.start - end <= WEAPON_BEFORE_REACH and _WEAPON_BEFORE.fullmatch(text, end, hit.start) is not None
        after = 0 <= start - hit.end <= WEAPON_AFTER_REACH and _WEAPON_AFTER.fullmatch(text, hit.end, start) is not None
        if after and hit.unit in _ROUND_COUNTERS:  # 9発のHIMARSロケット弾: rounds of the class glued to the name
            for next_start, next_end, next_class in weapons[k + 1:]:
                if next_start != end or not next_class:
                    break
                end, weapon_class = next_end, next_class
        if (before or after) and weapon_class:
            rule = rules.class_rule(weapon_class)
            if rule is not None:
                return text[start:end], rule, weapon_class
    return None


_ROUND_COUNTERS = {"発", "弾"}
_PIECE_COUNTERS = {"個", "つ"}  # generic counters of things: the counted noun says what they are
_JOINED_BEFORE = re.compile("(" + NOUN_CHARS + r"{1,12})(?:と|や|および|及び|・|、)$")
_WEAPON_CATEGORIES = {"DRONE", "MISSILE", "AIRCRAFT", "VEHICLE"}


MAX_JOINED = 6
# ドローン（無人機）とミサイル: a gloss in brackets may stand before the joining word
_JOINED_AFTER = re.compile(r"(?:[（(][^（()）]{1,12}[）)])?(?:・|や|と|および|及び)(" + NOUN_CHARS + r"{1,12})")


# a count of its own right after a noun (弾道ミサイル1発) or right before it (64機の|ドローン): a noun so counted
# is listed beside the count, not summed into it (64機のドローンと弾道ミサイル1発: drones, and a missile)
_OWN_COUNT_AFTER = re.compile(r"[ \u3000]?(?:約|およそ)?[0-9０-９一二三四五六七八九十百千]")
_OWN_COUNT_BEFORE = re.compile(r"[0-9０-９][0-9０-９,，.万千百]*[^\s0-9０-９、。のと]{1,3}の$")


def _joined_after(text: str, at: int) -> Iterator[str]:
    """The nouns joined after ``at`` (車両・火砲・航空機), nearest first; none that has a count of its own."""
    for _ in range(MAX_JOINED):
        m = _JOINED_AFTER.match(text, at)
        if m is None or _OWN_COUNT_AFTER.match(text, m.end()):
            return
        yield m.group(1)
        at = m.end()


def _joined_before(text: str, at: int) -> Iterator[str]:
    """The nouns joined before ``at`` (戦車、装甲車、火砲、), nearest first; none that has a count of its own."""
    for _ in range(MAX_JOINED):
        m = _JOINED_BEFORE.search(text, max(0, at - 14), at) if at > 0 else None
        if m is None or _OWN_COUNT_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            return
        yield m.group(1)
        at = m.start()


def _another_kind(nouns: Iterable[str], rule: Rule, hit: Hit, rules: CategoryRules) -> bool:
    """Whether any of ``nouns`` counts a weapon of another category than ``rule``'s: a mixed total."""
    if rule.category not in _WEAPON_CATEGORIES:
        return False
    for noun in nouns:
        other = rules.item_rule(noun, hit.unit)
        if other is not None and other.category in _WEAPON_CATEGORIES and other.category != rule.category:
            return True
    return False


def _mixed_after(text: str, item_end: int, rule: Rule, hit: Hit, rules: CategoryRules) -> bool:
    """Whether the item after the count is the first of joined nouns of different weapon categories."""
    return _another_kind(_joined_after(text, item_end), rule, hit, rules)


def _mixed_pair(text: str, hit: Hit, item: str, rule: Rule, rules: CategoryRules) -> bool:
    """Whether the item before the count is the last of joined nouns of different weapon categories
    (ドローンやミサイル, 戦車、装甲車、火砲、対空ミサイル)."""
    return _another_kind(_joined_before(text, text.rfind(item, max(0, hit.start - 24), hit.start)), rule, hit, rules)


def _english_head(item: str, hit: Hit, rules: CategoryRules) -> Tuple[str, Optional[Rule]]:
    """The longest leading words of an English noun phrase that name a counted item (``drones`` of
    ``drones overnight across``), else the phrase with no rule."""
    words = item.split()
    for k in range(len(words) - 1, 0, -1):
        head = " ".join(words[:k])
        rule = rules.item_rule(head, hit.unit)
        if rule is not None:
            return head, rule
    return item, None


def _trim_item(item: str, hit: Hit, rules: CategoryRules) -> Tuple[str, Optional[Rule]]:
    """Cut an after-の run at a casualty verb (``市民殺害確認`` → ``市民``), or a whole-group word off the end
    (``戦闘員全員`` → ``戦闘員``), and look it up again."""
    if rules.verb_re is not None:
        m = rules.verb_re.search(item)
        if m and m.start() > 0:
            head = item[: m.start()]
            return head, rules.item_rule(head, hit.unit)
    whole = _WHOLE_GROUP.search(item)
    if whole is not None and whole.start() > 0:
        head = item[: whole.start()]
        return head, rules.item_rule(head, hit.unit)
    return item, None


def _is_people(hit: Hit, rule: Rule) -> bool:
    """People counts: a people counter, no counter, or an item that names people."""
    return hit.unit in PEOPLE_UNITS or hit.unit is None or rule.category == "PERSONNEL"


def _kana_led_noun(text: str, start: int, noun: str, hit: Hit,
                   rules: CategoryRules) -> Tuple[str, Optional[Rule]]:
    """A table noun that starts in hiragana (``けが人``) before a topic particle: the topic pattern takes
    only its kanji tail (``人``, the ``noun`` at ``start``), which names nothing. Returns the noun
    with its hiragana lead and its rule, or ``noun`` and None."""
    lead = _KANA_LEAD.search(text, max(0, start - 3), start)
    if lead is not None:
        for k in range(start - 1, lead.start() - 1, -1):  # the shortest lead first: けが人, not のけが人
            rule = rules.item_rule(text[k:start] + noun, hit.unit)
            if rule is not None:
                return text[k:start] + noun, rule
    return noun, None


def _casualty_verb(text: str, hit: Hit, item_end: Optional[int], rules: CategoryRules) -> Optional[Rule]:
    """A killing or wounding word right after the quantity (or its item), or right before it."""
    # 北朝鮮兵約1万2000人のうち4000人以上が死傷した: the verb after "of which" is the subset's, not the whole's
    window = "" if _OF_WHICH.match(text, hit.end) else after_window(text, hit, item_end)
    own = _NEXT_CLAUSE_COUNT.search(window)
    if own is not None:  # 601人が入国して162人が戦死: the verb after the next clause's count is that count's
        window = window[:own.start()]
    verb = rules.verb(window)
    if verb is None:
        before = _SUBSET_OF.sub("", text[max(0, hit.start - 24):hit.start])  # 戦死したロシア兵のうち、12万人
        if re.search(r"(され|した|れた|った|んだ)(?:" + NOUN_CHARS + r"+の)?" + NOUN_CHARS + r"*[はがも]?$", before) \
                and not _COUNTED_SUBJECT_CLAUSE.search(re.split(r"[。、,]", before)[-1]):
            # 戦死したロシア兵, 死傷したロシア軍の兵士はおよそ…, 亡くなった兵士は, 死んだソ連兵は: the relative
            # clause's verb is the count's
            verb = rules.verb(re.split(r"[。、,]", before)[-1])
    if verb is None and hit.unit in PEOPLE_UNITS:
        listed = _LISTED_PEOPLE.match(text, hit.end)
        if listed:  # キーウ州で2人、キロボフラード州で1人が負傷した: the listed counts share the verb
            verb = rules.verb(text[listed.end():listed.end() + 12])
    if verb is None and hit.unit in PEOPLE_UNITS and rules.relative_re is not None:
        verb = _relative_casualty(text, hit, rules)
    return verb


# 601人が入国して162人が戦死: a clause ends (て, し, り) and the next one has a people count of its own
_NEXT_CLAUSE_COUNT = re.compile(r"(?<=[てしり])(?:約|およそ)?[0-9０-９一二三四五六七八九十百千][0-9０-９,，万千百十]*(?:人|名)")
# 272人が帰国した, 530人が入って: a count with a verb of its own after が or は
_OWN_PREDICATE = re.compile(r"(?:以上|余り|あまり|ほど)?[がは][\u4e00-\u9fff]{1,4}(?:し|して|した|する|され|って|った|り|る)")
# 7人が殺され2人が連れ去られる: the clause before has its own counted subject, so its verb is not this count's
_COUNTED_SUBJECT_CLAUSE = re.compile(r"[0-9０-９一二三四五六七八九十][人名](?:以上|余り|あまり)?[がは]")


# a casualty noun as the topic a list of people counts follows (死者は、イスラエル兵士1人、ガザ側で…30人): each
# count in the list is of the dead; no clause ends between (a verb, a full stop)
# (戦死は部隊464名、船砲隊21名: the bare noun of the act as topic, as 戦死者は); and a casualty verb before a colon
# that opens the list (55名の乗組員が亡くなった: 将校 22 名、士官候補生 7 名…)
_CASUALTY_TOPIC = re.compile(r"(死者|死傷者|負傷者|戦死者|犠牲者|死亡者|人的被害|戦死|戦病死)(?:数)?(?:は|も)、?[^。！？\n]{0,40}$"
                             r"|(亡くなっ|死亡し|戦死し|殺され|死傷し|負傷し)た[:：][^。！？\n]{0,40}$")
_VERB_NOUNS = {"亡くなっ": "死者", "死亡し": "死者", "戦死し": "戦死者", "殺され": "死者", "死傷し": "死傷者",
               "負傷し": "負傷者", "戦死": "戦死者", "戦病死": "死者"}
_CLAUSE_END = re.compile(r"(?:た|て|し|り|で)[、,，]|[。！？]")
_OTHER_SUBJECT = re.compile(r"[はがも]")


def _casualty_topic(text: str, hit: Hit, rules: CategoryRules) -> Optional[Rule]:
    """The casualty type of a casualty noun that heads, as topic, the list a people count stands in."""
    m = _CASUALTY_TOPIC.search(text, max(0, hit.start - 56), hit.start)
    if m is None:
        return None
    group = 1 if m.group(1) else 2
    after = m.end(group) + (1 if group == 2 else 0)  # the verb's た
    if _CLAUSE_END.search(text, after, hit.start):
        return None
    if _OTHER_SUBJECT.search(text, after + 1, hit.start):
        return None  # 死傷者は4万人超、行方不明者は約3万5千人: the later count has a topic of its own
    return rules.item_rule(_VERB_NOUNS.get(m.group(group), m.group(group)), hit.unit)


_SUBSET_OF = re.compile(r"のうち、?$")
# 1万2000人のうち4000人, 団員1600人のうち戦死者220人: a subset's noun may stand before its count
_OF_WHICH = re.compile(r"(?:の)?うち、?[^\s、。0-9０-９]{0,6}?[0-9０-９一二三四五六七八九十百千数約]")
# A people count followed, across 、, by another people count of the same list (with its place before it)
_LISTED_PEOPLE = re.compile(r"(?:、[^、。\n]{0,12}?[0-9０-９]+(?:人|名))+(?:が|は|も)?")


def _relative_casualty(text: str, hit: Hit, rules: CategoryRules) -> Optional[Rule]:
    """A killing or wounding relative clause on the topic of the clause before a people count
    (``死亡が確認された兵士が集計で300人``, ``失った兵員は1日平均900人``)."""
    start = max(0, hit.start - 30)
    for m in _CLAUSE_MARKS.finditer(text, start, hit.start):
        if m.group(0) not in "、,，" or m.start() == 0 or text[m.start() - 1] not in "はがも":  # topic comma goes on
            start = m.end()
    m = None
    for m in rules.relative_re.finditer(text, max(0, start), hit.start):
        pass
    if m is None:
        return None
    verb = rules.verb(m.group(1))
    if verb is not None:
        return verb
    # "lost" makes casualties of troops only (失った兵員), not of civilians (家を失った住民)
    noun = rules.item_rule(m.group(2), hit.unit) if m.group(2) else None
    loss = next(r for r in rules.by_kind["loss"] if r.pattern == m.group(1))
    return loss if noun is not None and noun.category == "PERSONNEL" else None


_PEOPLE_HEAD_AFTER = re.compile(r"の[^\s、。「」()（）の]{1,8}?人[がはも]")


def _civil_after(text: str, hit: Hit, rules: CategoryRules) -> bool:
    """A civilian verb or noun right after a people count (``12万人が避難``): civilians, whatever came before."""
    if rules.civil_re is None:
        return False
    window = after_window(text, hit, None)[:16]
    head = _PEOPLE_HEAD_AFTER.match(window)  # 約98,000人のロシア人が入国: the people noun, then the verb
    if head:
        return rules.civil_re.match(window, head.end()) is not None
    window = window[:6]
    m = rules.civil_re.search(window)
    return m is not None and m.start() <= 1 + (window[:1] in "がをはも")


def _civilians(text: str, hit: Hit, s_start: int, s_end: int, rules: CategoryRules) -> bool:
    """True when a civilian word is nearer to the count than any military word in ``text[s_start:s_end]``
    (its sentence, or a wider window when the sentence says nothing)."""
    if rules.civil_re is None:
        return False
    sentence, pos = text[s_start:s_end], hit.start - s_start
    civil = [abs(m.start() - pos) for m in rules.civil_re.finditer(sentence)]
    if not civil:
        return False
    military = [abs(m.start() - pos) for m in (rules.military_re.finditer(sentence) if rules.military_re else ())
                if not _TIME_AFTER.match(sentence, m.end())]
    return not military or min(civil) < min(military)


def _previous_sentence(text: str, hit: Hit, s_start: int, family: Optional[str],
                       previous: Sequence[Tuple[Hit, Inference]]) -> Optional[Inference]:
    """What the last count of the same counter in the sentence before said (``死傷者1,200名…。80〜100名``)."""
    p_start, _ = sentence_bounds(text, max(0, s_start - 1))
    for prev_hit, prev in reversed(previous):
        if prev_hit.start < p_start:
            return None
        if prev_hit.end <= s_start and unit_family(prev_hit.unit) == family:
            return prev
    return None


# 訓練を行うのは陸上自衛隊の参加者40名, 訓練は…当初見込んだ参加者は1万人: participants in a drill or an exercise
# are troops (the rewritten gold, 4 of 4), in a lecture or a ceremony civilians (参加者は学生と教職員で約100人)
_PARTICIPANTS = ("参加者", "参加人数")
_EXERCISE = re.compile(r"訓練|演習")


# Planes hit where they stand: an airfield in the sentence and a damage verb right after the count
_GROUND_AIRCRAFT = re.compile(r"飛行場|空軍基地|航空基地|空港")
_DAMAGED_AFTER = re.compile(r"(?:以上|超)?[がはも]?(?:損傷|破壊|撃破|炎上|被弾|大破)")


# A bare figure right before a people verb counts people: さらに20万を動員, そのうち4万は死傷 (NOTES-real6)
_PEOPLE_VERB_AFTER = re.compile(r"[はがを](?:死傷|死亡|戦死|負傷|動員|派遣|投入|徴兵|招集|召集)")


_OF_WHICH_BEFORE = re.compile(r"うち[、,，]?$")
_PART_GAP = 40  # characters between the whole's count and the part's


def _casualties_of_which(text: str, hit: Hit, item: Optional[str], previous: Sequence[Tuple[Hit, Inference]]
                         ) -> Optional[Inference]:
    """The casualty count a people count is part of: ``(その)うち子供は633人`` right after one, or with no noun
    before the count (``そのうち408人は子ども``: ``item`` None, the count itself follows うち)."""
    at = text.rfind(item, max(0, hit.start - len(item) - 4), hit.start) if item else hit.start
    if at < 0 or not _OF_WHICH_BEFORE.search(text, max(0, at - 4), at):
        return None
    for prev_hit, prev in reversed(previous):
        if prev_hit.unit in PEOPLE_UNITS and prev_hit.end <= at:
            return prev if prev.category == "CASUALTY" and at - prev_hit.end <= _PART_GAP else None
    return None


# 犠牲者には2人の乳児と1人の女性が含まれる: people counted among casualties named before them with には, the
# sentence saying they are included (the rewritten development gold, 4 of 4)
_AMONG_CASUALTIES = re.compile(r"(犠牲者|死者|死亡者|負傷者|けが人|死傷者)には[^。]*$")
_AMONG_AFTER = re.compile(r"[^。]*?(?:含ま|含む|含め)")


def _among_casualties(text: str, hit: Hit, rules: CategoryRules) -> Optional[str]:
    """The casualty type of a people count inside ``…には … が含まれる`` after a casualty noun, or None; the
    type is the noun's own item row's (死者 killed, 負傷者 wounded, 死傷者 killed_or_wounded)."""
    s_start, s_end = sentence_bounds(text, hit.start)
    m = _AMONG_CASUALTIES.search(text, s_start, hit.start)
    if m is None or _AMONG_AFTER.match(text, hit.end, s_end) is None:
        return None
    noun = rules.item_rule(m.group(1), hit.unit)
    return noun.casualty if noun is not None and noun.category == "CASUALTY" else None


# a people noun the item rules do not know, ending in a kanji that is no mark of troops, a nationality or a
# rank, or a doer whose side the context tells (ロシア人, 空挺兵, 予備軍, 偵察隊, 操縦士, 狙撃手, 士官, 救助者 stay with
# the context: the rescued of a sunk cruiser are its crew)
_OTHER_PEOPLE = re.compile(r"[\u4e00-\u9fff\u30a1-\u30faー・]*[\u4e00-\u9fff](?<![人兵軍隊士手官将団者])(?<!団員)(?<!人数)(?<!員数)")  # 旅団の団員; 人数, 人員数: "the number of people" names nobody


BODY_COUNTER = "体"  # quantity_units.tsv: 体 is a counter only where 遺体 (bodies) was written before it
_FORCE_SIZE_AFTER = re.compile(r"規模|の体制")
_STRENGTH_BEFORE = re.compile(r"(?:定員|実員)(?:は|が)?$")


def _force_size(text: str, hit: Hit, rules: CategoryRules) -> bool:
    """``30万人規模``, ``70人の体制``, ``定員15万590人``: the size or strength of a force, troops (the rewritten
    development gold: 規模 9 of 10, 定員/実員 10 of 10), unless civilians are what the sentence counts."""
    if not (_FORCE_SIZE_AFTER.match(text, hit.end) or _STRENGTH_BEFORE.search(text, max(0, hit.start - 3), hit.start)):
        return False
    s_start, s_end = sentence_bounds(text, hit.start)
    return not _civilians(text, hit, s_start, s_end, rules)


def _without_item(text: str, hit: Hit, item: Optional[str], verb: Optional[Rule],
                  rules: CategoryRules, previous: Sequence[Tuple[Hit, Inference]]) -> Inference:
    """Category of a counter with no known item: verb, earlier quantity, sentence keyword, context."""
    people = (hit.unit in PEOPLE_UNITS or bool(hit.unit is None and item and item[0].isupper())
              or (hit.unit is None and _PEOPLE_VERB_AFTER.match(text, hit.end) is not None))
    if people and verb is not None:
        return Inference(item, "CASUALTY", verb.casualty)
    among = _among_casualties(text, hit, rules) if people else None
    if among is not None:  # けが人には2名の児童と1名の妊婦が含まれる: the children are among the wounded
        return Inference(item, "CASUALTY", among)
    whole = _casualties_of_which(text, hit, None, previous) if people and hit.unit in PEOPLE_UNITS else None
    if whole is not None:  # 6557人が命を奪われ、そのうち408人は子ども: part of the dead, whoever they were
        return Inference(item, "CASUALTY", whole.casualty)
    if people and _civil_after(text, hit, rules):
        return Inference(item, "COUNT")  # 住民12人が死亡、12万1千人が避難した: the evacuees are civilians
    if people and item and hit.unit in PEOPLE_UNITS and _OTHER_PEOPLE.fullmatch(item):
        # 職員11人, 医師1人, 何十人もの男性: people the text names, and the troops' words
        # (兵士, 隊員, 要員, 戦闘員 …) all have rules, so these are others; "anything else counted,
        # civilians included" is COUNT (ANNOTATION.md), whatever military words stand nearby
        return Inference(item, "COUNT")
    if people and hit.unit in PEOPLE_UNITS and _UNHURT_FATE_AFTER.match(text, hit.end):
        return Inference(item, "COUNT")  # 66万人以上が住まいを追われた, 27人が行方不明: displaced, missing, taken
    s_start, s_end = sentence_bounds(text, hit.start)
    family = unit_family(hit.unit)
    for prev_hit, prev in reversed(previous):
        if prev_hit.end <= s_start:
            break
        if unit_family(prev_hit.unit) == family and hit.unit is not None and not item \
                and not (prev.category == "CASUALTY" and _OWN_PREDICATE.match(text, hit.end)):
            # うち6名; not 死者1人と救助者396人, nor 378人が戦死、272人が帰国した (the count's own verb says what
            # befell it)
            return Inference(item, prev.category, prev.casualty)
    if people and item and item.endswith(_PARTICIPANTS) and _EXERCISE.search(text, s_start, s_end):
        return Inference(item, "PERSONNEL")  # 訓練を行うのは陸上自衛隊の参加者40名: an exercise's participants are troops
    if hit.unit == "機" and _GROUND_AIRCRAFT.search(text, s_start, s_end) and _DAMAGED_AFTER.match(text, hit.end):
        return Inference(item, "AIRCRAFT")  # 飛行場が無人機に攻撃され、1機が損傷: the planes on the ground (NOTES-real3)
    keyword = rules.context(text[s_start:s_end], hit.start - s_start, hit.unit)
    if keyword is None and hit.unit in EXTENDED_CONTEXT_UNITS:
        w_start = max(0, s_start - CONTEXT_WINDOW)
        keyword = rules.context(text[w_start:s_start], s_start - w_start, hit.unit)
    if keyword is not None:
        return Inference(item, keyword.category, keyword.casualty)
    if people and _civilians(text, hit, s_start, s_end, rules):
        return Inference(item, "COUNT")
    if people and rules.deploy_re is not None and rules.deploy_re.search(text, s_start, s_end):
        return Inference(item, "PERSONNEL")  # 約1万1000人を送り込み: deployed people are troops
    carried = _previous_sentence(text, hit, s_start, family, previous) if people and not item else None
    if carried is not None:
        return Inference(item, carried.category, carried.casualty)
    if people and rules.military_re is not None:
        w_start, w_end = max(0, hit.start - CONTEXT_WINDOW), hit.end + CONTEXT_WINDOW
        if _civilians(text, hit, w_start, w_end, rules):
            return Inference(item, "COUNT")  # …難民危機。受け入れ先はポーランドの約183万人: refugees, nearer than 侵攻
        if rules.military_re.search(text, w_start, w_end):
            return Inference(item, "PERSONNEL")
    default = next((r for r in rules.by_kind.get("default", []) if r.pattern == hit.unit), None)
    # 柱 (the dead at a memorial): a default row may carry the casualty type its counter implies
    return Inference(item, default.category, default.casualty) if default else Inference(item, "COUNT")
