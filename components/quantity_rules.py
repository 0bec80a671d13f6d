"""Finding QUANTITY candidates in raw text, without spaCy.

One pass of two compiled regexes (Japanese and Latin-script) finds a number
with its counter or unit and the qualifiers that change its meaning
(ANNOTATION.md, QUANTITY): ``約114万人``, ``1,200名以上``, ``20~30機ほど``,
``マイナス20度程度``, ``about 200,000 rubles``, ``$2,240``, ``55 km²``.
Numbers with no counter count only before ``の`` with a large magnitude
(``数万の兵力``, ``17万のロシア部隊``) or before an English plural noun
(``1,200 Russians``).

Dates, clock times, durations, ages, floors and years never match because
their counters (年 月 日 時 分 カ月 週間 歳 階 ...) are not in the unit table;
ordinals (``第7``, ``3人目``), numbers inside names (``AK-47``, ``T-72``)
and "one of" idioms (``方法の一つ``, ``もう一つ``) are filtered here.
The unit table and the regexes live in ``components.quantity_patterns``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Collection, Dict, Iterable, List, Optional, Pattern, Tuple

from .numerals import Number, is_vague, parse_number
from .quantity_forms import Form, find_fractions, find_mach, find_slash_fractions
from .quantity_patterns import (AT_LEAST_WORDS, CURRENCY_CODES, EN_PREFIX, JA_PREFIX, KAN, VERB_AT_LEAST,
                                VERB_AT_MOST, Unit, compile_patterns, latin_matches, load_units)

__all__ = ["Hit", "Unit", "compile_patterns", "find_quantities", "load_units"]

INSIDE_BEFORE = set("0123456789０１２３４５６７８９.,．，/") | {chr(c) for c in range(0x41, 0x5B)} | \
    {chr(c) for c in range(0x61, 0x7B)} | {chr(c) for c in range(0xFF21, 0xFF3B)} | {chr(c) for c in range(0xFF41, 0xFF5B)}
HYPHENS = set("-‐－–−")
ACRONYM_RE = re.compile(r"(?<![A-Za-zＡ-Ｚａ-ｚ0-9０-９\-－])[A-ZＡ-Ｚ]{3,}$")  # ATACMS, full-width ＨＩＭＡＲＳ too
# 約, 最大約: up to two qualifiers before the number; web text may leave a space after them (約 6700個)
JA_PREFIX_RE = re.compile(rf"(?:{JA_PREFIX}){{1,2}}[ \u00a0\u3000]?$")
JA_PREFIX_PART = re.compile(JA_PREFIX)
EN_PREFIX_RE = re.compile(rf"{EN_PREFIX}$", re.IGNORECASE)
KANJI_RE = re.compile(r"[\u4e00-\u9fff々]")
COUNT_FOLLOWERS = re.compile("規模|相当|撃墜|撃破|破壊|発射|投入|配備|供与|保有|損傷|喪失|死亡|負傷|戦死|捕獲"
                             "|使用|運用|生産|製造|調達|輸出|提供|導入|購入|受領|確認|発見|搭載|展開|追加"
                             "|行[いうっわえ]|師団|旅団|連隊|大隊|中隊|小隊|軍団"  # 一個師団, 一ヶ連隊: echelons counted
                             "|当たり|当り"  # 一人当たり, 一発当たり: per one, as 一人あたり
                             # a verb that takes the count as its object or subject (ドローンを二機飛ばした, 戦車を
                             # 五両失った, 三発命中): kanji with its okurigana, not a compound (一人乗り, 一人残らず stay out)
                             "|失[いうっわえ]|飛[ばびぶべんぼ]|飛来|命中|着弾|撃[ちつったて]|落[とちさ]|送[りるっらろれ]"
                             "|持[ちつっ]|放[ちつった]|積[みむんま]|配置|到着|到達|参加|派遣|出撃|出動|帰還|沈没|大破|中破"
                             "|炎上|墜落|迎撃|残[りるっさしす]"
                             "|亡くな|亡くし|死[なにぬねん]|殺[さしすせ]")  # 兵士も一人亡くなった, 三人殺された
KANJI_WORD_BEFORE = set("第唯同統均単随逐択画万")
ONE_OF_UNITS = {"つ", "人", "名", "個", "本", "点", "社", "機", "台", "基"}
# the counters after which a one may be "one of" (艦艇の1隻, もう1弾は); after うち only つ is (_is_one_of)
ONE_OF_AFTER_UCHI = ONE_OF_UNITS | {"隻", "発", "両", "弾"}
EN_STOP = {"years", "months", "days", "hours", "minutes", "seconds", "weeks", "decades", "centuries",
           "times", "km", "miles", "percent", "rubles", "roubles", "dollars", "euros"}
EN_FUNCTION = {"of", "and", "or", "the", "a", "an", "in", "on", "at", "to", "for", "from", "by", "with", "was",
               "were", "is", "are", "has", "have", "had", "its", "this", "as", "us", "than", "per"}
MONTH_BEFORE = re.compile(r"\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
                          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+$")
EN_MULT = {"thousand": 1_000, "million": 10 ** 6, "billion": 10 ** 9, "trillion": 10 ** 12, "bn": 10 ** 9,
           "tn": 10 ** 12, "mn": 10 ** 6, "k": 1_000, "m": 10 ** 6, "b": 10 ** 9, "t": 10 ** 12}
# RUB13.5T, $2.4B, €300M: finance shorthand, a letter multiplier right after an amount with its currency
CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "￥": "JPY", "₴": "UAH", "₽": "RUB",
                  **{code: code for code in CURRENCY_CODES}}
NOT_TEMP_BEFORE = re.compile(r"(?:緯|経|震度|角度|傾斜)約?$")
TEMP_CONTEXT = re.compile(r"気温|温度|水温|海水温|体温|暑|寒|冷え|氷点|摂氏|℃|熱波|猛暑|最高|最低"
                          r"|溶鉄|溶解|溶か|溶け|高温|灼熱|燃焼|テルミット")  # 2200度の溶鉄: thermite drones

AT_LEAST = {"以上", "超", "超え", *AT_LEAST_WORDS, "最低", "最低でも", "over", "more than", "at least"}
AT_MOST = {"以下", "未満", "足らず", "以内", "最大", "せいぜい", "up to", "under", "less than", "fewer than"}
APPROX = {"約", "≈", "おおよそ", "およそ", "ざっと", "大体", "凡そ", "おおむね", "概ね", "ほぼ", "余り", "あまり", "余", "程度", "前後", "近く", "近い", "ほど", "程",
          "くらい", "ぐらい", "かそこら", "強", "弱", "台", "about", "around", "approximately", "nearly", "almost", "some", "roughly"}
NEGATIVE = {"マイナス", "氷点下", "零下"}
VERB_AT_MOST_RE = re.compile(VERB_AT_MOST)
# 7.5%から7%に下げた, 14両から28両と倍増: a change; 100人から200人に上る (a reporting verb after に)
# and 10人から20人と見られる are still ranges
_CHANGE_AFTER = re.compile(r"へ|に(?!満た|上|のぼ|達|及|とどま|留ま|も)|まで(?:引き|減|増|下|上)"
                           r"|と(?:倍増|半減|増|減|拡大|縮小|引き上|引き下)"
                           r"|と(?:し|する|した)(?![てた]?い)")  # 定員を132万人から150万人とし: a new figure set


@dataclass
class Hit:
    """A QUANTITY candidate: character offsets and attributes.

    Args:
        start (int): Span start (prefix included).
        end (int): Span end (suffix included).
        core (Tuple[int, int]): Offsets of number plus counter, without qualifiers.
        value (Number): The number (low end of a range).
        value_max (Optional[Number]): High end of a range.
        unit (Optional[str]): Normalised unit, None for a bare number.
        unit_category (Optional[str]): Category implied by the unit.
        approx (bool): Approximate figure.
        bound (str): ``exact``, ``at_least``, ``at_most`` or ``range``.
        item (Optional[str]): Counted noun found by the finder (English nouns).
    """

    start: int
    end: int
    core: Tuple[int, int]
    value: Number
    value_max: Optional[Number] = None
    unit: Optional[str] = None
    unit_category: Optional[str] = None
    approx: bool = False
    bound: str = "exact"
    item: Optional[str] = None


def _bound_and_approx(qualifiers: Iterable[Optional[str]], approx: bool) -> Tuple[str, bool]:
    """Bound and approx from the prefix/suffix words present."""
    bound = "exact"
    for q in qualifiers:
        if not q:
            continue
        q = q.strip().lower()
        if q in AT_LEAST:
            bound = "at_least"
        elif q in AT_MOST:
            bound = "at_most"
        if q in APPROX:
            approx = True
    return bound, approx


_FIGURE_NEXT = re.compile(r"[ \u3000]?(?:約|およそ|計)?[0-9０-９〇一二三四五六七八九十百千]")
_COUNTED_CATEGORIES = frozenset({"-", "COUNT", "VEHICLE"})  # a counter of things (機, 人, 両, 発), not a measure
_MACHINE_COUNTERS = frozenset({"機", "台", "基"})
_TOWN_NUMERALS = frozenset("一二三五六七八九")  # 一戸 … 九戸 (no 四戸): the Nanbu towns


# 三個戦車師団, 二個狙撃兵師団: 個 before a unit whose type word comes first counts the units, as 一個師団 does
_TYPED_ECHELON_AFTER = re.compile(r"[\u4e00-\u9fff]{1,5}?(?:師団|旅団|連隊|大隊|中隊|小隊|軍団)")


def _skip_kanji_idiom(text: str, m: re.Match) -> bool:
    """True for kanji words that only look like numerals (同一, 一人一人, 二人三脚).

    Only for kanji numerals: news prose writes real counts in Arabic digits, so a
    kanji numeral whose counter runs on into another kanji is an idiom.
    """
    num = m.group("num")
    start = m.start("num")
    if not re.match(KAN, num) and not num.startswith("数"):
        return False
    if start and text[start - 1] in KANJI_WORD_BEFORE:
        return True
    if text.startswith("真っ", max(0, start - 2)) and start >= 2:
        return True  # 真っ二つに割れて: "in two", an idiom
    if num == "一" and text[max(0, start - 2):start] in ("世界", "日本", "東洋"):
        return True  # 東洋一の航空基地, 日本一, 世界一: "the best in", an idiom
    if num in _TOWN_NUMERALS and m.group("unit") == "戸":
        return True  # 八戸, 三戸, 九戸, 一戸: towns of Aomori and Iwate, not dwellings (those are written 8戸)
    if JA_PREFIX_RE.search(text, max(0, start - 6), start):
        return False  # 少なくとも二門, 約三百人: a qualifier marks a real count
    end = m.end("unit") if m.group("unit") else m.end("num")
    core = text[start:end]
    if not is_vague(num) and not (m.group("suf") or m.group("verb")) and KANJI_RE.match(text, m.end()) \
            and not COUNT_FOLLOWERS.match(text, m.end()) \
            and not (m.group("unit") == "個" and _TYPED_ECHELON_AFTER.match(text, m.end())):
        return True  # 二人三脚, 一発逆転, 百人一首: the counter starts a compound (not after 千棟を超える|建物)
    return text.startswith(core, end) or text[max(0, start - len(core)):start] == core


def _is_one_of(text: str, start: int, end: int, value: Number, unit: Optional[str]) -> bool:
    """``方法の一つ``, ``もう一つ``, ``部隊の1人``: "one of", not a count; ``一つでも多く``: an idiom."""
    if value != 1 or unit not in ONE_OF_AFTER_UCHI:
        return False
    if unit == "個" and _NOUN_START.match(text, end):
        return False  # ウクライナの1個旅団: 個 glued to the noun it counts is a count (of brigades), not "one of"
    if _AS_MANY_AS.match(text, end):
        return True  # 一つでも多くの命, 1人でも早く: "as many / as soon as possible"
    before = text[max(0, start - 2):start]
    if before == "うち":
        # このうち1機は, 3台。うち1台は: the one is counted, as the rewritten development gold takes it (six of seven,
        # rw65 to rw100), against NOTES-real11, -17, -19 and -26 of the first published sets; そのうち1つ stays "one of"
        return unit == "つ"
    # 5発を迎撃…残り1発 is a count, of what was left (NOTES-real87, -88 and the rewritten development gold, three of
    # three; only NOTES-real26 left it out)
    if before == "もう" and text.startswith(("は", "が"), end):
        return True  # 1弾は…、もう1弾は: "the other one"; もう1隻建造 stays a count (NOTES-real19)
    if (start == 0 or text[start - 1] in "。\n") and text.startswith("は", end) and _counted_before(text, start, unit):
        return True  # 2弾の着弾が確認された。1弾は…: one of the two just counted (NOTES-real26)
    if unit == "つ" and (_ONE_ABSTRACT.match(text, end) or _INTO_ONE.match(text, end)):
        return True  # 一つのきっかけ, 1つの要因: "a chance", "a factor"; 一つにまとめた: "into one", not a count
    if unit not in ONE_OF_UNITS and unit != "隻":
        return False
    if text[max(0, start - 1):start] == "の":
        # 部隊の1人, 「影の船団」の一隻とされ: one of a group (the development gold of part 93, two of two); 別の1隻 ("another
        # ship"), 最初の1隻 count one more ship (rw87)
        return unit != "隻" or not _ONE_MORE_BEFORE.search(text, max(0, start - 4), start)
    # もう一つ, もう1人: "another one", an idiom; もう1機, もう1台: one more aircraft or vehicle, a count (2 of 2 in
    # the development gold: もう1機撃ち落とした, もう1機のヘリにも命中)
    return before == "もう" and unit in ONE_OF_UNITS and unit not in _MACHINE_COUNTERS


_ONE_MORE_BEFORE = re.compile(r"(?:別|他|最初|最後|残り)の$")
# Abstract nouns after 一つの: the phrase means "a", not one counted thing (一つのきっかけ, 一つの目安)
_ONE_ABSTRACT = re.compile(r"の(?:きっかけ|契機|転機|節目|区切り|方法|手段|理由|要因|原因|例|答え|目安|指標|選択肢|課題|"
                           r"問題|見方|考え方|可能性|側面|視点|手がかり|目標|成果|教訓|象徴|試み|結論|存在)")  # ただ一つの存在: "unique"
# 一つにまとめた, 一つになる: "(combine) into one", a manner
_INTO_ONE = re.compile(r"に(?:まとめ|まとま|なっ|なる|なり|統合|集約|絞|結集|束ね)")
_NOUN_START = re.compile(r"[\u4e00-\u9fff\u30a1-\u30fa]")
_THE_AFFAIR_BEFORE = re.compile(r"(?:という|といった|この|その|あの|今回の|例の|先の|一連の|本|(?<=[\u3041-\u3096])た)$")  # 撃ち落とされた一件
_AS_MANY_AS = re.compile(r"でも(?:多く|早く|少なく|長く)")
# 1発も撃墜できていない, 一人もいなかった: "not even one", a negated verb closing the clause
_NOT_EVEN_ONE = re.compile(r"も[^。、！？\n]{0,20}?(?:ない|なかった|なく|ず|ません|ませんでした)")
_ONE_OF_WINDOW = 150  # characters before a sentence-opening "1X は" in which the group's count must stand


def _counted_before(text: str, start: int, unit: str) -> bool:
    """Whether a count of two or more with the same counter stands shortly before ``start`` (2弾の…)."""
    return re.search(rf"(?<![0-9０-９])(?:[2-9２-９]|[1-9１-９][0-9０-９]+){re.escape(unit)}",
                     text[max(0, start - _ONE_OF_WINDOW):start]) is not None


def _inside_name(text: str, start: int, counted: bool = True) -> bool:
    """True when the number at ``start`` continues a number, a name or an ordinal (``AK-47``, ``KN23``, ``第4``).

    A number glued to an all-caps name and followed by a counter counts it (``ATACMS10発``, where
    ``counted``); followed by a Latin unit it is the name's own (``AIM9M`` is no 9 metres).
    """
    if start == 0:
        return False
    before = text[start - 1]
    if before == "第" or before in " \u3000" and text[start - 2:start - 1] == "第":
        return True  # 第4; 第 6回: a typeset page may put a space after 第
    if before in "/／":  # Su-27/30 continues a name; 5万人/20,000 troops and ユーロ/€1.5bn start anew
        return start >= 2 and text[start - 2] in INSIDE_BEFORE
    if before in INSIDE_BEFORE:
        return not (counted and _acronym_before(text, start))
    return before in HYPHENS and start >= 2 and text[start - 2] in INSIDE_BEFORE


def _acronym_before(text: str, start: int) -> bool:
    """True after a glued all-caps name (``ATACMS10発``, ``HIMARS20基``): the number is a count."""
    m = ACRONYM_RE.search(text, max(0, start - 12), start)
    return bool(m)


def _prefix(text: str, start: int, pattern: Pattern, width: int = 16) -> Tuple[Optional[str], int]:
    """The qualifier written right before ``start`` (``約``, ``about``) and where it begins."""
    m = pattern.search(text, max(0, start - width), start)
    return (m.group(0), m.start()) if m else (None, start)


_NEEDS_WINDOW = 300  # characters before a needs:WORD counter (3行, 16体) in which WORD must have been written


def _needed_word(unit: Unit) -> Optional[str]:
    """The word a counter's ``needs:WORD`` flag asks for before it (銀行 for 行), or None."""
    for flag in unit.flags:
        if flag.startswith("needs:"):
            return flag[len("needs:"):]
    return None


def _temperature_ok(text: str, m: re.Match, pre: Optional[str]) -> bool:
    """``度`` is a temperature only after マイナス/氷点下 or near 気温-like words."""
    if pre in NEGATIVE:
        return True
    if not re.match(r"[0-9０-９]", m.group("num")) or NOT_TEMP_BEFORE.search(text, max(0, m.start() - 4), m.start()):
        return False
    window = text[max(0, m.start() - 40):m.end() + 10]
    before, _, after = window.partition(m.group(0))
    return bool(TEMP_CONTEXT.search(before.rsplit("。", 1)[-1]) or TEMP_CONTEXT.search(after.split("。", 1)[0]))


# what may stand right before a count of units written without 個: not a letter, digit, hyphen or 第 (A3大隊,
# K2大隊, 第3師団), nor a kanji word other than a force (東京麻布3連隊 names a regiment; ロシア軍1中隊 counts one)
_SMALL_COUNT_BEFORE = re.compile(r"[0-9０-９A-Za-zＡ-Ｚａ-ｚ\-‐－第\u30a1-\u30fa]|[\u4e00-\u9fff々](?<!軍)")
_SMALL_DIGITS = frozenset("123456789１２３４５６７８９一二三四五六七八九")


def _small_count(text: str, m: re.Match, units: Dict[str, Unit]) -> bool:
    """Whether a number before an echelon written without 個 counts units (4師団を旅団に縮め, 1小隊あたり4輌,
    ロシア軍1中隊ごとに): one digit, one to nine, with nothing glued before it that makes it part of a name.
    Units are named by longer numbers or with 第 (162師団, 49連隊, 第3師団)."""
    num = m.group("num")
    if num not in _SMALL_DIGITS or m.group("num2"):
        return False
    if m.start() == 0 or not _SMALL_COUNT_BEFORE.match(text, m.start() - 1):
        return True
    # 9師団6旅団: a list of counts, one echelon (a counter with the same flag) after another
    return text.endswith(tuple(u.surface for u in units.values() if "small" in u.flags), 0, m.start())


def _ja_unit(text: str, m: re.Match, units: Dict[str, Unit], pre: Optional[str]) -> Tuple[bool, Optional[Unit]]:
    """The unit of a Japanese match and whether the match is acceptable at all."""
    surface = m.group("unit") or m.group("sunit")
    unit = units.get(surface) if surface else None
    if unit is None:
        num = m.group("num")
        listed = _BARE_COUNTED.match(text, m.end()) or (
            _WHOLE_DIGITS.fullmatch(num) and _DIGITS_COUNTED.match(text, m.end())
            and _DIGITS_AFTER.search(text[max(0, m.start() - 3):m.start()])) or _MONO_COUNTED.match(text, m.end())
        counted = (bool(listed) and not _NAME_BEFORE.match(text[max(0, m.start() - 1):m.start()])
                   and not (_YEAR.fullmatch(num) and text.startswith("の", m.end())))
        approx_plain = pre in _APPROX_PREFIXES and _PLAIN_THOUSANDS.fullmatch(num) is not None \
            and not text.startswith("の", m.end())
        return _bare_ok(num) or counted or approx_plain or _verb_counted(text, m) or _bound_reported(text, m), None
    if "temp" in unit.flags and _SALVO_AFTER.match(text, m.end()) and not _temperature_ok(text, m, pre):
        return True, Unit(surface, surface, "COUNT")  # 1度の発射: a salvo count, not a temperature (NOTES-real4)
    if "temp" in unit.flags and _times(text, m) and not _temperature_ok(text, m, pre):
        return True, Unit(surface, surface, "COUNT")  # ゆうべも二度、ミサイルが落ち: a count of times
    if "temp" in unit.flags and not _temperature_ok(text, m, pre):
        return False, unit
    if "digits" in unit.flags and not m.group("num")[:1].isdigit():  # ASCII or full-width
        return False, unit  # 9個人 in a sanctions list, but 一個人として is "as an individual"
    if "small" in unit.flags and not _small_count(text, m, units):
        return False, unit  # 162師団, 第3師団, 東京麻布3連隊: a unit's own number, not a count of units
    needed = _needed_word(unit)
    if needed and needed not in text[max(0, m.start() - _NEEDS_WINDOW):m.start()]:
        return False, unit  # 3行 counts banks only where banks were named (行 is also a line of text)
    first = m.group("unit1") or m.group("sunit1")
    if first and units[first].unit != unit.unit:
        return False, unit  # 1人から3万円: two different things, no range
    return True, unit


def _ja_hit(text: str, m: re.Match, units: Dict[str, Unit]) -> Optional[Hit]:
    """Turn one Japanese-regex match into a Hit, or None when it is filtered out."""
    if _inside_name(text, m.start()) and not (m.group("unit") == "度" or m.group("sunit") in ("℃", "°C")):
        return None
    if m.group("sep") == "から" and _CHANGE_AFTER.match(text, m.end()):
        return None  # 16.5%から16%に引き下げ: a change from one figure to another, not a range
    first = parse_number(m.group("num"))
    second = parse_number(m.group("num2")) if m.group("num2") else None
    if first is None or (m.group("num2") and second is None) or _skip_kanji_idiom(text, m):
        return None
    if m.group("unit") == "発" and text.startswith(m.group("num") + "中", m.end()):
        return None  # 百発百中, 100発100中 ("never misses"): an idiom, not a count of rounds
    if m.group("num") == "一" and m.group("unit") == "件" \
            and _THE_AFFAIR_BEFORE.search(text, max(0, m.start() - 4), m.start()):
        return None  # という一件, この一件, 今回の一件: "the affair", not a count of incidents
    if m.group("num") == "一" and not m.group("num2") and text.startswith("ずつ", m.end()):
        return None  # 一発ずつ詰める, 一人ずつ: "one at a time", a manner, not a count
    if m.group("num") == "一" and m.group("unit") == "人" and text.startswith("で", m.end()):
        return None  # 一人で成田を発った: "alone", a manner (2 of 2 untagged in the development gold)
    if text.startswith("たりとも", m.end()) or (first.value == 1 and _NOT_EVEN_ONE.match(text, m.end())):
        return None  # 一隻たりとも損傷していない, 1発も撃墜できていない ("not a single one"): no count is reported
    listed_scale = 1
    if m.group("sep") in ("、", ",", "，"):
        listed_scale = _next_figure_scale(m.group("num"), m.group("num2"), first, second)
        if m.group("unit1") or m.group("sunit1") or listed_scale is None:
            return None  # 2、3人, 二、三百発 ("two or three") are a range; 3人、5人 or 10、20 are a list
    if second is not None and m.group("sep") == "から" and second.value < first.value:
        return None  # 1800両から50両減少した: "from 1800, by 50", two figures (read again one by one)
    chain, start = _prefix(text, m.start(), JA_PREFIX_RE)
    parts = JA_PREFIX_PART.findall(chain) if chain else []
    pre = next((p for p in parts if p in NEGATIVE), parts[-1] if parts else None)
    ok, unit = _ja_unit(text, m, units, pre)
    norm = unit.unit if unit else None
    if not ok or _is_one_of(text, m.start(), m.end(), first.value, norm):
        return None
    if norm in ("人", "名") and text.startswith("乗り", m.end()) and m.group("suf") is None:
        return None  # 4人乗りの車内, 二人乗り: a vehicle's seats, no count of people (the development gold, 7 of 7)
    if norm == "か国" and text[max(0, start - 2):start] in ("主要", "先進"):
        return None  # 主要7カ国(G7), 先進7カ国, 主要20カ国・地域: the name of a group
    if norm == "便" and _AIRLINE_BEFORE.search(text, max(0, start - 6), start):
        return None  # マレーシア航空17便, 日航123便: a flight's number, not a count of flights
    category = unit.category if unit else None
    if norm == "km" and m.group("unit") == "キロ" and _WEIGHT_BEFORE.search(text, max(0, start - 6), start):
        norm, category = "kg", "COUNT"  # 重さ約90キロ: kilograms (NOTES-real9)
    if norm == "km" and text[max(0, start - 2):start] in _SPEED:
        norm, category, start = _SPEED[text[start - 2:start]], "COUNT", start - 2  # 時速60キロ: a speed, no speed category (NOTES-real4)
    if category == "TEMPERATURE" and text[max(0, start - 2):start] == "摂氏":
        start -= 2  # 摂氏0度, 摂氏2200度: the scale is written as part of the figure, as ℃ is (the corpus gold)
    if norm == "bbl" and text[max(0, start - 2):start] == "日量":
        norm, start = "bbl/d", start - 2  # 日量(約)24万バレル: "a day" makes the unit, as バレル/日量 does
    elif norm == "bbl" and _PER_DAY_BEFORE.search(text, max(0, start - 6), start):
        norm = "bbl/d"  # 1日当たり170万バレル: a daily rate; the span stays the figure (NOTES-real19)
    weight = _WEIGHT_OF.get(m.group("unit") or m.group("sunit") or "")
    if weight and _MUNITION_AFTER.match(text, m.end()):
        norm, category = weight, "COUNT"  # 500ポンド爆弾, 250キロ爆弾: a bomb's weight class, not money or distance
    elif weight == "lb" and _METRIC_WEIGHT_AFTER.match(text, m.end()):
        norm, category = weight, "COUNT"  # 9ポンド(約4キロ): the bracket converts a weight, not money
    elif weight == "kg" and _POUNDS_BEFORE.search(text, max(0, start - 8), start):
        norm, category = weight, "COUNT"  # 9ポンド(約4キロ): the converted weight, not a distance
    bound, approx = _bound_and_approx((*parts, m.group("pre2"), m.group("mid"), m.group("suf")),
                                      first.approx or bool(second and second.approx))
    # 目標の500万ユーロを上回る600万ユーロ: a verb before another figure compares the two; it bounds neither
    verb = m.group("verb") if m.group("verb") and not _FIGURE_NEXT.match(text, m.end()) else None
    if verb:
        bound = _verb_bound(verb)
    value = first.value
    if pre == "マイナス" and m.group("unit") and (category or "-") in _COUNTED_CATEGORIES and not (unit and unit.flags):
        pre, start = None, m.start()  # Su34がマイナス1機: a tally's loss of one, a count of one (no count is negative)
    if pre in NEGATIVE or (norm in _SIGNED_UNITS and _sign_before(text, m.start(), HYPHENS)):
        value = -value
        start = start if pre in NEGATIVE else m.start() - 1
    elif start == m.start() and m.start() and text[m.start() - 1] in _TRIANGLE_MINUS:
        value, start = -value, m.start() - 1  # ▲2.8%, ▲50億円: Japanese accounts write a minus as ▲ or △
    elif (norm in _SIGNED_UNITS or category == "MONEY") and start == m.start() \
            and _sign_before(text, m.start(), _PLUS_SIGNS):
        start = m.start() - 1  # 成長率+2.9%, 終値は2,867円、+311円: the sign is written as part of the figure
    elif _inside_name(text, m.start()):
        return None
    if bound == "exact" and second is None:
        bound = _separated_bound(text, start) or bound
    if bound == "exact" and _WITHIN_AFTER.match(text, m.end()):
        bound = "at_most"
    core_end = (m.start("brk") if m.group("brk") else m.start("suf") if m.group("suf")
                else m.start("verb") if m.group("verb") else m.end())
    end = m.end() if verb or not m.group("verb") else m.start("verb")
    if text.startswith("台", end) and (norm in _DECADE_UNITS or category == "MONEY") \
            and not text.startswith(("台数", "台湾"), end):
        end, approx = end + 1, True  # 900人台: "in the nine hundreds" (NOTES-real4); 100ドル台, 7.27ドル台 too
    hit = Hit(start=start, end=end, core=(m.start("num"), core_end), value=value, unit=norm,
              unit_category=category, approx=approx, bound=bound)
    if second is not None:
        hit.value_max, hit.bound = second.value, "range"
        if listed_scale > 1:
            hit.value = first.value * listed_scale  # 二、三百発: "two or three hundred", 200 to 300
        scale = _shared_magnitude(m.group("num"), m.group("num2"))
        if scale and not (m.group("unit1") or m.group("sunit1")) and first.value * scale < second.value:
            hit.value = first.value * scale  # 7〜8万人: the magnitude covers both ends (NOTES-real9)
    return hit


_ONE_TO_NINE = "一二三四五六七八九"
_KANJI_SCALES = {"十": 10, "百": 100, "千": 1_000, "万": 10_000}  # 二、三 (no magnitude) is the next figure up, above


def _next_figure_scale(num: str, num2: Optional[str], first: Optional[Number], second: Optional[Number]) -> Optional[int]:
    """The magnitude of a 、 range of two neighbouring figures (``2、3人`` → 1, ``二、三百発`` → 100), else None.

    Only a figure and the next one up make a range ("two or three"); 3、5 or 10、20 are a list. In kanji the
    second may carry the magnitude of both (二、三百 is 200 to 300, 四、五千 4,000 to 5,000).
    """
    if first is None or second is None or not first.value < 10:
        return None
    if second.value == first.value + 1:
        return 1
    if num in _ONE_TO_NINE and num2 and num2[0] in _ONE_TO_NINE:
        scale = _KANJI_SCALES.get(num2[1:])
        if scale and second.value == (first.value + 1) * scale:
            return scale
    return None


_PLAIN = re.compile(r"[0-9０-９]+")
_MAGNITUDE_END = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?([万億兆])")  # 29~48.5万人: the second may have a decimal
_MAGNITUDES = {"万": 10_000, "億": 100_000_000, "兆": 1_000_000_000_000}


def _shared_magnitude(first: str, second: Optional[str]) -> Optional[int]:
    """The magnitude a range's plain first number borrows from its second (``7〜8万`` → 10,000), else None."""
    m = _MAGNITUDE_END.fullmatch(second or "")
    return _MAGNITUDES[m.group(1)] if m and _PLAIN.fullmatch(first) else None


_SPEED = {"時速": "km/h", "秒速": "km/s", "毎時": "km/h"}  # 毎時約130キロ: per hour, as 時速
_PER_DAY_BEFORE = re.compile(r"(?:1|１|一)日(?:当たり|あたり|当り)[、 ]?$")
_WEIGHT_BEFORE = re.compile(r"重さ|重量|体重|積載量|弾頭重量")
_SALVO_AFTER = re.compile(r"の(?:発射|攻撃|砲撃|斉射|空爆|爆撃|戦闘|攻勢|襲撃)|にわた[るりっ]")  # 6度にわたる攻勢
# After N度 outside a temperature context, what makes it a count of times: a comma (二度、ミサイルが落ち),
# 行う (配布を二度行いました), も ("as many as"; 一度も "never" is excluded by the figure below 2), a space
# (3度 アラート機が), or a kanji word that is no change of temperature, no angle, no line and no ordinal
# (2度砲撃された, 七度訪ね: the development gold counts these; 2度上昇, 5度傾く, 38度線, 3度目 stay out)
_TIMES_AFTER = re.compile(r"[、,，]|行[いうっわえ]|も(?!の|と)|[ 　](?=[\u30a1-\u30fa\u4e00-\u9fff])"
                          r"|(?=[\u4e00-\u9fff])(?!上|下|低|高|昇|降|暖|寒|冷|傾|回|旋|線|目|台|差|前|以|未|程|近|超|強|弱"
                          r"|C|Ｃ|の|分|角)")


def _times(text: str, m: re.Match) -> bool:
    """N度 counts times (two or more: 一度に, もう一度 and 4年に1度 are idioms, 二度と is "never again")."""
    if m.group("num2") or not _TIMES_AFTER.match(text, m.end()):
        return False
    if NOT_TEMP_BEFORE.search(text, max(0, m.start() - 4), m.start()) or "角" in text[max(0, m.start() - 8):m.start()]:
        return False  # 北緯38度、 角度は15度、: latitudes and angles
    parsed = parse_number(m.group("num"))
    return parsed is not None and not parsed.approx and parsed.value >= 2


_DECADE_UNITS = {"人", "名", "回", "件", "機", "発"}


# A weight before a munition (NOTES-real3: 500ポンド → lb; weights are COUNT, quantity_units.tsv)
_WEIGHT_OF = {"ポンド": "lb", "キロ": "kg"}
# a pound figure converted in brackets (50ポンド(約22.7キロ)): both are weights
_METRIC_WEIGHT_AFTER = re.compile(r"[(（]約?[0-9０-９.,，]+(?:キロ(?:グラム)?|kg|ｋｇ|グラム)[)）]")
_POUNDS_BEFORE = re.compile(r"ポンド[(（]$")
_MUNITION_AFTER = re.compile(r"級?の?(?:小型|大型|超大型|高性能|強力な|重)?(?:誘導|滑空|航空|無誘導|精密誘導|通常)?"
                             r"(?:爆弾|弾頭|爆薬|爆発物|炸薬|TNT)")  # 1.5キロの小型爆弾


# 少なくとも死者50人, 最大で全体の50%, 少なくとも、1つの…: a bound word separated from the number by its
# item or a comma stays outside the span, but the bound follows it (NOTES-real1, NOTES-real2)
_SEPARATED = re.compile("(" + "|".join(AT_LEAST_WORDS) + r"|最低でも|最大でも|最大で|最多で)、?(?:[\u4e00-\u9fff\u30a1-\u30faー]{1,8}の?)?$")


def _separated_bound(text: str, start: int) -> Optional[str]:
    """``at_least``/``at_most`` from a bound word a few characters before the span, else None."""
    m = _SEPARATED.search(text, max(0, start - 14), start)
    if m is None:
        return None
    return "at_most" if m.group(1).startswith("最") and m.group(1) != "最低でも" else "at_least"


# Units whose figures carry a written sign: temperatures (-20℃) and rates of change (-8.5%, +2.9%)
_SIGNED_UNITS = frozenset({"°C", "%"})
_PLUS_SIGNS = frozenset("+＋")
_TRIANGLE_MINUS = frozenset("▲△")
_AIRLINE_BEFORE = re.compile(r"(?:航空|日航|全日空|エアラインズ?|[A-Z]{2,3})$")


def _sign_before(text: str, start: int, signs: Collection[str]) -> bool:
    """One of ``signs`` written right before the number at ``start`` as its sign (``-20℃``, ``-8.5%``,
    ``+2.9%``), not a hyphen in a name or an operator (``Kh-10%``, ``1+2%``)."""
    if start == 0 or text[start - 1] not in signs:
        return False
    return start == 1 or text[start - 2] not in INSIDE_BEFORE


# 44の集落, 65のグループ, 3000以上の大型装備, 約200のミサイル: a bare number before の counts these nouns (unit null,
# ANNOTATION.md ``17万のロシア部隊``); other bare numbers before の are names, years or numbering (背番号10の)
_BARE_COUNTED = re.compile(r"(?:以上|超|余り)?の(?:[^\s。、]{0,4}?)(?:集落|町|村|都市|拠点|陣地|グループ|部隊|旅団|大隊|"
                           r"装備|兵器|標的|目標|工場|施設|基地|飛行場|企業|国|地域|"
                           r"ミサイル|ドローン|無人機|砲弾|ロケット弾|戦車|航空機)")  # 約200のミサイルやドローン
# 158の飛翔体, 12のパイロン, 20以上の自治体: a number in digits before の and any noun counts it too (the
# development annotators marked 21 of the 23 such numbers); names, years and numbering stay out by the
# callers' tests (ルート3の, 第3の, 背番号10の, 2024の); 数十の and kanji numbers only before the nouns above
_DIGITS_COUNTED = re.compile(r"(?:以上|超|余り|前後|近く)?の(?=[\u4e00-\u9fff\u30a1-\u30fa])")
_WHOLE_DIGITS = re.compile(r"[0-9０-９][0-9０-９,，]*")
# 30もの拠点, 何百もの村, 2,000 もの核兵器: "as many as", a count of the noun after it (3 of 3 in the
# development gold)
_MONO_COUNTED = re.compile(r"[ \u3000]?もの(?=[\u4e00-\u9fff\u30a1-\u30fa])")
# …で3000以上の, 、12の, 約200の: what the annotated ones follow (震度6の, レベル3の name a level, not a count)
_DIGITS_AFTER = re.compile(r"(?:^|[\u3041-\u3096、。，,・\s「『（(]|約|計|最大|最低|およそ|概ね|ほぼ)$")


_YEAR = re.compile(r"(?:19|20)[0-9]{2}|(?:１９|２０)[０-９]{2}")
_NAME_BEFORE = re.compile(r"[\u30a1-\u30faーA-Za-zＡ-Ｚａ-ｚ第号]")  # ルート3の町, 第3の: a name or an ordinal


# 約3000に上る: a plain number of four or five digits stands alone as a figure after "about" (a year is
# never "about 2025"); before の it may still be a year or a code, so only as a predicate or subject
_APPROX_PREFIXES = frozenset({"約", "およそ", "おおよそ", "凡そ", "おおむね", "概ね", "ほぼ"})
_PLAIN_THOUSANDS = re.compile(r"[1-9][0-9]{3,4}")


# 500 を超える家族, 150を超え、: a verb qualifier makes a bare number in digits a count of what follows
# (NOTES-real58, -real60), as a counter would; what ends it must be a noun or a comma, and what stands
# before it must not make it a name, a level or a year (レベル3を超える, 震度5を超え, 2020年を超え)
_AFTER_VERB = re.compile(r"[\u4e00-\u9fff\u30a1-\u30fa、，,]")


def _verb_counted(text: str, m: re.Match) -> bool:
    """A bare number in digits with a verb qualifier (``500 を超える家族``) counts the noun after it."""
    num = m.group("num")
    return bool(m.group("verb")) and _WHOLE_DIGITS.fullmatch(num) is not None and not _YEAR.fullmatch(num) \
        and _AFTER_VERB.match(text, m.end()) is not None \
        and _DIGITS_AFTER.search(text[max(0, m.start() - 3):m.start()]) is not None


_REPORTED_AFTER = re.compile(r"に上[るっり]|にのぼ[るっり]|に達[しす]")
_BOUND_SUFFIXES = frozenset({"以上", "超", "余り", "あまり", "近く"})


def _bound_reported(text: str, m: re.Match) -> bool:
    """A bare number in digits with a bound and a reporting verb (目標は500以上に上る, 2700以上にのぼる車両):
    the bound and the verb make it a count where a bare figure alone would not be one (a year, a page)."""
    num = m.group("num")
    return m.group("suf") in _BOUND_SUFFIXES and _WHOLE_DIGITS.fullmatch(num) is not None \
        and not _YEAR.fullmatch(num) and _REPORTED_AFTER.match(text, m.end()) is not None


def _bare_ok(num: str) -> bool:
    """A number with no counter counts only from a thousand up, written with a magnitude or
    separators (``数万``, ``数千``, ``17万``, ``1,200``); ``数十の`` or ``2025の`` do not."""
    if not re.search(r"[千万億兆,，]", num):
        return False
    parsed = parse_number(num)
    return parsed is not None and parsed.value >= 1000


def _latin_unit(m: re.Match, units: Dict[str, Unit]) -> Optional[Tuple[Optional[str], Optional[str]]]:
    """Normalised unit and category of a Latin match; None when it has no unit, currency or noun."""
    cur, sunit, noun = m.group("cur"), m.group("sunit"), m.group("noun")
    if sunit:
        unit = units.get(sunit) or units.get(sunit.lower())
        return (unit.unit, unit.category) if unit else ("%", "PERCENT")
    if cur:
        return CURRENCY_SIGNS[cur.strip().upper()], "MONEY"
    if noun:
        words = noun.lower().split()
        year_like = "," not in m.group("num") and 1900 <= float(m.group("num")) <= 2100
        if words[-1] not in EN_STOP and not EN_FUNCTION.intersection(words) and not year_like:
            return None, None
    return None


def _latin_hit(text: str, m: re.Match, units: Dict[str, Unit]) -> Optional[Hit]:
    """Turn one Latin-script match into a Hit, or None when it is filtered out."""
    found = _latin_unit(m, units)
    if found is None or _inside_name(text, m.start(), counted=False):
        return None
    if m.group("noun") and MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return None  # "On March 5 Ukrainian drones ...": a date
    norm, category = found
    parsed = parse_number(m.group("num"))
    if parsed is None:
        return None
    value = parsed.value
    mult = m.group("mult") or m.group("abbr")
    if mult:
        value = value * EN_MULT[mult.lower()]
        value = int(value) if float(value).is_integer() else value
    pre, start = _prefix(text, m.start(), EN_PREFIX_RE, 24)
    bare_noun = m.group("noun") and not (m.group("cur") or m.group("sunit"))
    # $2,500以下: a Japanese qualifier after a Latin amount; none after a noun ($400 million in weapons:
    # the span ends at the amount, as it does before a counted noun)
    suffix = None if m.group("noun") else m.group("suf")
    bound, approx = _bound_and_approx((pre, suffix), False)
    end = max(m.end(g) for g in ("num", "mult", "abbr") if m.group(g)) if m.group("noun") else m.end()
    core_end = m.start("suf") if suffix else end
    hit = Hit(start=start, end=end, core=(m.start("num"), core_end), value=value, unit=norm,
              unit_category=category, approx=approx, bound=bound)
    if bare_noun:
        hit.item = m.group("noun")
    return hit


def _form_hit(f: Form, unit: Optional[str], category: str) -> Hit:
    """A Hit for a form of components.quantity_forms: ``3分の1`` (unit null, RATIO), ``マッハ11`` (Mach, COUNT)."""
    bound, approx = _bound_and_approx((f.pre, f.suf), False)
    if f.verb:
        bound = _verb_bound(f.verb)
    return Hit(start=f.start, end=f.end, core=f.core, value=f.value, unit=unit, unit_category=category,
               approx=approx, bound=bound)


def _ja_hits(text: str, units: Dict[str, Unit], ja: Pattern, single: Pattern) -> Iterable[Hit]:
    """Japanese hits in order; a rejected range (``1人から3万円``) is read again as a single number."""
    pos = 0
    while True:
        m = ja.search(text, pos)
        if m is None:
            return
        hit = _ja_hit(text, m, units)
        if hit is None and m.group("sep"):
            one = single.match(text, m.start())
            hit = _ja_hit(text, one, units) if one else None
            pos = one.end() if hit is not None else m.start() + 1
        else:
            pos = m.end()
        if hit is not None:
            yield hit


# 賛成141、反対5、棄権35: a vote's tally writes bare figures after the side (the annotators count them:
# 反対は5, 賛成86、反対11); a counter after the figure (141カ国) is the ordinary finder's
_VOTE = re.compile(r"(?:賛成|反対|棄権)(?:は|が)?[ \u3000]?([0-9０-９]{1,3})(?![0-9０-９.,．，]|[\u4e00-\u9fff\u30a1-\u30fa%％])")


def _vote_counts(text: str) -> List[Hit]:
    """Hits for the bare figures of a vote's tally (``賛成86、反対11``)."""
    out = []
    for m in _VOTE.finditer(text):
        parsed = parse_number(m.group(1))
        if parsed is not None:
            out.append(Hit(start=m.start(1), end=m.end(1), core=(m.start(1), m.end(1)), value=parsed.value,
                           unit_category="COUNT"))
    return out


# The traditional forms old documents and Chinese-language copy write (3億3780萬ドル, 一萬一千餘噸): the finders
# read them as 万 and 余; the annotators of parts 96 and 104 (pre-war and Chinese-sourced pages) counted them so;
# 憶 for 億 is the input method's slip (1憶3,009万円), read only where a figure stands before it
_OLD_NUMERAL_FORMS = str.maketrans("萬餘憶", "万余億")
# ○ (a white circle) typed for 〇 after a kanji digit (五○○, 二○二○年); ○○部隊, a placeholder, stays
_CIRCLE_ZERO = re.compile("(?<=[一二三四五六七八九〇])○+")
_SIGNS_BEFORE_BARE = frozenset(sign for sign in CURRENCY_SIGNS if len(sign) == 1)


def find_quantities(text: str, units: Dict[str, Unit],
                    patterns: Optional[Tuple[Pattern, Pattern]] = None,
                    listed: Optional["ListedNouns"] = None) -> List[Hit]:
    """Find every QUANTITY candidate in ``text``.

    Args:
        text (str): The text, unchanged (offsets refer to it).
        units (Dict[str, Unit]): The unit table (``load_units``).
        patterns (Optional[Tuple[Pattern, Pattern]]): Precompiled regexes from
            ``compile_patterns(units)``; compiled here when not given.
        listed (Optional[ListedNouns]): ``listed_nouns(...)`` of the counted nouns, for loss
            tallies with bare figures (人員1170、戦車4); none looked for when not given.

    Returns:
        List[Hit]: Non-overlapping hits in text order (the longer wins).
    """
    ja, latin, single = patterns or compile_patterns(units)
    if "萬" in text or "餘" in text or "憶" in text:
        text = text.translate(_OLD_NUMERAL_FORMS)  # one character each way: every offset holds
    if "○" in text:
        text = _CIRCLE_ZERO.sub(lambda m: "〇" * len(m.group()), text)  # 五○○余人: the circle for the kanji zero
    hits = list(_ja_hits(text, units, ja, single))
    for hit in hits:
        if hit.unit is None and hit.start > 0 and text[hit.start - 1] in _SIGNS_BEFORE_BARE:
            # ¥7,000を超える: a bare figure with its Japanese qualifier, the currency sign written before it
            hit.start -= 1
            hit.unit, hit.unit_category = CURRENCY_SIGNS[text[hit.start]], "MONEY"
    if "分の" in text:
        hits += [_form_hit(f, None, "RATIO") for f in find_fractions(text)]
    if "/" in text or "／" in text:
        hits += [_form_hit(f, None, "RATIO") for f in find_slash_fractions(text)]
    if "マッハ" in text:
        hits += [_form_hit(f, "Mach", "COUNT") for f in find_mach(text)]
    if re.search(r"[0-9]", text):
        hits += [h for h in (_latin_hit(text, m, units) for m in latin_matches(latin, text)) if h]
        hits += find_listed_counts(text, listed)
        if "賛成" in text or "反対" in text or "棄権" in text:
            hits += _vote_counts(text)
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: List[Hit] = []
    for hit in hits:
        if kept and hit.start < kept[-1].end:
            if hit.end - hit.start > kept[-1].end - kept[-1].start:
                kept[-1] = hit
            continue
        kept.append(hit)
    for hit in kept:
        if hit.bound == "exact":
            hit.bound = _verb_after_aside(text, hit.end) or hit.bound
        if not hit.approx and _APPROX_AFTER_ASIDE.match(text, hit.end):
            hit.approx = True  # 150〜200平方メートル（約40〜60坪）ほど, 20万人(?)ほど: the figure before the aside
    return kept


# 300億ユーロ(約5兆4900億円)を超える, マッハ11(音速の11倍)を超えた: the verb after a parenthesised
# conversion bounds the figure before it (NOTES-real4, NOTES-real6), as does 以上 (520万ルーブル(約800万円)以上,
# NOTES-real10); the aside keeps its own bound
_ASIDE = r"[(（][^()（）。]{1,30}[)）]"  # a parenthesised conversion or remark right after a figure
_ASIDE_VERB = re.compile(rf"{_ASIDE}(?:(?P<verb>{VERB_AT_LEAST}|{VERB_AT_MOST})|(?P<suf>以上|超|以下|未満|以内))")
# 5キロ以内, 5キロ圏内: "within" bounds the figure but stays outside its span (NOTES-real22; ANNOTATION.md does
# not list 以内 among the qualifiers in the span)
_WITHIN_AFTER = re.compile(r"(?:以内|圏内)")


_APPROX_AFTER_ASIDE = re.compile(rf"{_ASIDE}(?:ほど|程度|前後|近く|くらい|ぐらい)")


def _verb_after_aside(text: str, end: int) -> Optional[str]:
    """``at_least``/``at_most`` from a verb qualifier or a bound word right after a parenthesis at ``end``, else None."""
    m = _ASIDE_VERB.match(text, end)
    if m is None:
        return None
    return _verb_bound(m.group("verb")) if m.group("verb") else _bound_and_approx((m.group("suf"),), False)[0]


def _verb_bound(verb: str) -> str:
    """The bound a verb qualifier sets: ``at_most`` for に満たない/を下回る, else ``at_least`` (を超える)."""
    return "at_most" if VERB_AT_MOST_RE.match(verb) else "at_least"


# Loss tallies written as noun + bare figure (人員1170、戦車4、装甲車7、…): a known counted noun glued to a
# figure that a list mark (a slash or bar too: 戦車 5,128/航空機 2,110), a line end, the text's end or the day's
# change in brackets (戦車：9,517（+4）)
# closes. Only where a text holds two or more of them (a list), since one noun glued to a figure may be a
# name or a code (T-72 is Latin; 第3 has 第).
_LISTED_COUNT_MIN = 2
# a figure right after a Japanese character, closed as a list member is; the noun before it is checked after
_LISTED_FIGURE = re.compile(r"(?<=[\u3041-\u30ff\u4e00-\u9fff々ー）)])[ 　:：]?"
                            r"(?P<num>[1-9][0-9]{0,2}(?:,[0-9]{3})+|[1-9][0-9]*|0)"
                            r"(?=[、，,。;；/／|｜]|\n(?![人名機発両門隻基台個件輌])|\s*$|と(?:なっ|な[りる])"
                            r"|[ 　]?[（(](?:前日比)?[+＋][0-9,]+[）)])")
_MAX_ITEM = 12
_MAX_QUALIFIER = 16  # a bracketed qualifier between the noun and its figure


@dataclass(frozen=True)
class ListedNouns:
    """The counted nouns a loss tally may name (``quantity_categories.tsv`` item rows), as a set by length."""

    words: frozenset
    lengths: Tuple[int, ...]


def listed_nouns(items: Iterable[str]) -> Optional[ListedNouns]:
    """The counted nouns for ``find_listed_counts`` (Japanese item words; None when there are none)."""
    words = frozenset(w for w in items if w and not w.isascii() and len(w) <= _MAX_ITEM)
    if not words:
        return None
    return ListedNouns(words, tuple(sorted({len(w) for w in words}, reverse=True)))


def find_listed_counts(text: str, nouns: Optional[ListedNouns]) -> List[Hit]:
    """Bare figures of a loss tally, each right after its counted noun (``戦車4``, ``人員1170``).

    A cheap scan finds figures closed like list members first; the noun before each is
    looked up only where a text has two or more such figures.
    """
    if nouns is None:
        return []
    figures = list(_LISTED_FIGURE.finditer(text))
    if len(figures) < _LISTED_COUNT_MIN:
        return []
    hits = []
    for m in figures:
        end = m.start()
        if text[end - 1] in "）)":  # 無人機（作戦戦術レベル）：20,149: the noun stands before the bracket
            floor = max(0, end - _MAX_QUALIFIER)
            end = max(text.rfind("（", floor, end), text.rfind("(", floor, end))
            if end < 0:
                continue
        before = text[max(0, end - _MAX_ITEM):end]
        if not any(len(before) >= n and before[-n:] in nouns.words for n in nouns.lengths):
            continue
        parsed = parse_number(m.group("num"))
        if parsed is not None:
            hits.append(Hit(m.start("num"), m.end("num"), (m.start("num"), m.end("num")), parsed.value, None,
                            None, None, False, "exact"))
    return hits if len(hits) >= _LISTED_COUNT_MIN else []
