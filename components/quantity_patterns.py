"""The QUANTITY finder's unit table and compiled regexes, without spaCy.

``load_units`` reads ``components/data/quantity_units.tsv`` (counter or unit
as written → normalised unit, default category, flags, characters that must
not follow); ``compile_patterns`` builds from it the two regexes that
``components.quantity_rules.find_quantities`` runs once over a text: one for
Japanese numerals with counters (``約114万人``, ``20~30機ほど``, ``55 km²``) and
one for Latin-script amounts (``$2,240``, ``200,000 rubles``, ``1,200 Russians``).
Both start on a numeral character, so ``re`` can skip ahead to candidates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, Iterator, Optional, Pattern, Tuple

from .numerals import COUNTING_UP_COMMA, KANJI_DIGITS, NUMBER_SPACES

# Some outlets write the decimal point as ・ (63・2%, 1・25キロ); only before a measure or a magnitude,
# so that 1・2号機 (reactors 1 and 2) stays two numbers.
_DOT_DECIMAL_BEFORE = r"(?=[%％倍万億兆㍍㌧㌔㌢㍉㌫]|キロ|km|ｋｍ|メートル|ミリ|センチ|インチ|ポイント|パーセント|トン|ノット|デシベル|[〜~～][0-9０-９]+・[0-9０-９])"  # 二七・八トン, 16・4㍍
# Thousands spaced apart (1 000人, 1\u00a0000人, 12 500発: machine translations from European languages) only
# where the number is not the tail of a designation (BM-21 100発 is two numbers)
_SPACED_THOUSANDS = rf"(?<![A-Za-zＡ-Ｚａ-ｚ\-‐－/])[0-9０-９]{{1,3}}(?:[{NUMBER_SPACES}][0-9０-９]{{3}})+(?![0-9０-９])"
# Translations from Ukrainian and Russian keep the decimal comma (最大5,5キロメートル, 8,5億ユーロ, 8,5mm): one or
# two digits after a comma, before a measure or a magnitude (a thousands comma takes three), unless the digits
# count up by one (3,4つ, 2,3万人: Japanese "three or four", a range)
_COMMA_DECIMAL = (rf"(?!{COUNTING_UP_COMMA})[,，][0-9０-９]{{1,2}}(?![0-9０-９])"
                  r"(?=\s?(?:[%％倍万億兆㍍㌧㌔㌢㍉㌫]|キロ|km|ｋｍ|mm|ｍｍ|cm|メートル|ミリ|センチ|平方|トン|ユーロ|ドル))")
ARAB = rf"(?:{_SPACED_THOUSANDS}|[0-9０-９]+(?:[,，][0-9０-９]{{3}})*)(?:[.．][0-9０-９]+|・[0-9０-９]+{_DOT_DECIMAL_BEFORE}|{_COMMA_DECIMAL})?"
KAN = rf"[{KANJI_DIGITS}十百千]"
# Every repetition below starts with a character class the previous part cannot end with,
# so a failed match backtracks linearly (no nested ``(\d+)+``: long digit runs stay fast).
# 十一・八億円 (Diet answers write decimals in kanji too): kanji digits after ・, before a magnitude or measure
# 三、七〇〇余人, 四、七三〇トン: vertical newspaper prose writes a thousands 、 between positional kanji digits
_KANJI_THOUSANDS = rf"(?:、[{KANJI_DIGITS}]{{3}}(?![{KANJI_DIGITS}十百千]))*"
SEGMENT = rf"(?:{ARAB}(?:(?:(?<=[0-9０-９])[ \u00a0])?[十百千](?:{ARAB})?)*|{KAN}+{_KANJI_THOUSANDS}(?:・[{KANJI_DIGITS}]+{_DOT_DECIMAL_BEFORE})?)"
# Machine-translated and digit-spaced pages put a space around a magnitude (402 億 70 万ユーロ,
# 1,200 万ドル: NOTES-real12); one space is taken before a magnitude after a digit, and after a
# magnitude only before digits that carry a magnitude of their own, so 3億 2022年 stays apart.
_SPACED_MAGNITUDE = r"(?:(?<=[0-9０-９])[ \u00a0])?"
_SPACED_SEGMENT = (r"(?:[ \u00a0](?=[0-9０-９][0-9０-９,，]*[ \u00a0]?[万億兆])"
                   # 22 万 3800 発: after a spaced magnitude (a space before it too), the last digits take
                   # the counter after one more space, as such pages space every part of a number
                   r"|(?<=[0-9０-９][ \u00a0][万億兆])[ \u00a0](?=[0-9０-９][0-9０-９,，]*[ \u00a0](?![年月日時分秒歳])[\u4e00-\u9fff]))?")
# 百数十両, 1千数百㎢, 4万数千発, 二百数十キロ: "a hundred and some tens", a vague lower place after a magnitude
# (parse_number drops 数: 110, 1100, 41000, 210, approximate, as the rewritten gold has them)
_VAGUE_TAIL = r"(?:(?<=[百千万億])数[十百千万](?![0-9０-９〇一二三四五六七八九]))?"
NUM = rf"(?:十数|[1１][0０]数|数(?![0-9０-９])|何)?{SEGMENT}?(?:{_SPACED_MAGNITUDE}[万億兆]{_SPACED_SEGMENT}{SEGMENT}?)*{_VAGUE_TAIL}"
# 数 before Arabic digits is the end of a word (軍人数31万人: the number of soldiers), not "several"
# "at least", as written: すくなくとも, 少なくも, すくなくも as 少なくとも (NOTES-real62), and the colloquial
# 少なくても of blogs and boards (NOTES-real93 m)
AT_LEAST_WORDS = ("少なくとも", "すくなくとも", "少なくも", "すくなくも", "少なくても", "すくなくても")
JA_PREFIX = (r"約|≈|おおよそ|およそ|ざっと|凡そ|おおむね|概ね|大体|最大|せいぜい|" + "|".join(AT_LEAST_WORDS)
             + r"|最低でも|最低|わずか|僅か|たった|ほぼ|マイナス|氷点下|零下")  # たった: NOTES-real6; おおよそ, 大体 as およそ (NOTES-real20); 推定 stays outside (NOTES-real10 gold: 推定120万人 -> 120万人, not approx)
EN_PREFIX = (r"(?:about|around|approximately|nearly|almost|over|more than|at least|up to|some|"
             r"roughly|under|less than|fewer than|as many as)\s+")
BARE_SUFFIX = (r"以上|以下|未満|超え(?![る])|超|余り|あまり|余(?![地波裕計白韻剰談])|程度|前後|近く|近い|ほど|程|くらい|ぐらい"
               r"|かそこら"  # 6個かそこら ("six or so", Kojien: そこら): approximate, as ほど
               r"|強(?![盗化制力硬調行国襲奪度大者敵固烈引みいくめさ気風靭権])|弱(?![\u4e00-\u9fff])")  # 5キロ強後退 (NOTES-real1)
# 足らず qualifies a counted figure only (25万人足らず): after a bare number it is no count (1万足らずの兵力)
SUFFIX = BARE_SUFFIX + r"|足らず" + r"|台(?=[でにのをはがと、。)）〜~]|から|まで|$)"  # 155円台, 数百人台: "in the range of"
RANGE_SEP = (r"(?:[〜~～\-‐－–—─―−]|から(?=[約およそ最大0-9０-９〇一二三四五六七八九十百千数])|、(?=[0-9０-９]|[二三四五六七八九十](?![、・]))|[,，](?=[0-9０-９](?![0-9０-９,，.．]))"  # 、 and ,: 2、3人, 二、三百発, 4,5人 only (quantity_rules)
             # 500キロ以上5500キロ未満, 5度以上10度以下: a lower and an upper bound, one range (the rewritten gold, 2 of 2)
             r"|以上(?=[0-9０-９][0-9０-９,，.．万千億]*[^\s0-9０-９、。]{0,5}(?:以下|未満)))")
# A verb that changes the meaning of the count belongs to the span (ANNOTATION.md): を超える/を上回る make a
# lower bound, に満たない/を下回る an upper one; verbs that only report (に上る, に達する) stay outside.
# A space may stand before the verb in web text (12万人 を超えた). An inflected 超える ends the span at its stem:
# 2,500人を超え|た, 24億円を超え|ています, 60万円を超え|ました (the rewritten real-text gold of parts 53-67 cuts there
# every time, as it keeps the dictionary form を超える whole); 上回る keeps its endings (を上回った, NOTES-real21, -real22).
# を超えようとしている, を超えそうだ ("about to pass") state no bound (NOTES-real38), nor does を超えない/超えず.
VERB_AT_LEAST = (r"[ \u00a0]?を(?:[超越]え(?:る|(?!よう|そう|な|ず))|[超越][すし]"
                 r"|上回(?:っています|っていました|っている|っていた|ります|りました|る|った|り))"  # 越え: NOTES-real6
                 # 5万人を突破, 100万人突破: "passed", a lower bound as を超える (the rewritten gold, 5 of 5)
                 r"|[ \u00a0]?を?突破(?!口|力|作戦|戦|し?よう|でき|を)")
VERB_AT_MOST = (r"[ \u00a0]?(?:に満た(?:ない|なかった|ず)"
                r"|を下回(?:っています|っていました|っている|っていた|ります|りました|る|った|り)"
                r"|を(?:切|割)(?:っています|っていました|っている|っていた|ります|りました|る|った)"  # 100人を切った
                r"|を割り込(?:んでいる|んだ|む))")  # fell below: a bound as を下回る
# ISO 4217 codes written before a figure (SEK185m, USD 2bn): the currencies of the war's reporting and of the
# countries that pay for arms
CURRENCY_CODES = ("USD", "EUR", "RUB", "GBP", "JPY", "UAH", "CNY", "SEK", "NOK", "DKK", "PLN", "CHF", "CAD", "AUD",
                  "KRW", "CZK")
_CURRENCY_ALTERNATION = "|".join(CURRENCY_CODES)
# An English counted noun: a plural head, optionally after up to two modifiers or a
# designation (``armored vehicles``, ``Shahed-136 drones``, ``Iskander-M missiles``).
EN_NOUN_PHRASE = (r"(?:[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*\s+){0,2}(?:[A-Za-z][a-z]+s|people|children|men|women)"
                  r"|(?:killed|dead|died|wounded|injured)")  # 63 killed, 400 died: the casualties named by the verb


@dataclass(frozen=True)
class Unit:
    """One row of the unit table.

    Args:
        surface (str): The counter or unit as written (``カ所``, ``キロ``).
        unit (str): Its normalised form (``か所``, ``km``).
        category (Optional[str]): Category implied by the unit alone, or None.
        flags (frozenset): ``latin``, ``symbol``, ``temp``, ``digits``, ``case``, ``small`` or ``needs:WORD`` (see the TSV header).
        not_before (str): Characters that must not follow the counter.
    """

    surface: str
    unit: str
    category: Optional[str]
    flags: frozenset = field(default_factory=frozenset)
    not_before: str = ""


def load_units(lines: Iterable[str]) -> Dict[str, Unit]:
    """Parse the unit TSV (``surface unit category flags not_before source``)."""
    units: Dict[str, Unit] = {}
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.rstrip("\n").split("\t") + [""] * 6)[:6]
        surface, unit, category, flags, not_before, _source = cols
        units[surface] = Unit(surface, unit, None if category in ("", "-") else category,
                              frozenset(f for f in flags.split(",") if f), not_before)
    return units


_COUNT_GOES_ON = "体制|生産|生き|生還|生存|当たり|当り|って"  # 1人当たり (per head) counts one, as 1人あたり does;
# 70万人って (colloquial: "as many as 700,000"), where 人っ子 is no count


_CALIBRES = frozenset({"mm", "ｍｍ"})


def _unit_alternation(units: Iterable[Unit]) -> str:
    """Regex alternation of unit surfaces, longest first, each with its lookahead."""
    parts = []
    for u in sorted(units, key=lambda u: -len(u.surface)):
        # 体制 after a counter is "an N-strong set-up" (90万人体制, 3人体制) and 生産 "produced" (2万4000発生産),
        # a real count whatever follows the counter otherwise (人体 is a body, 人体制 is not; 発生 occurs);
        # so is 生き/生還/生存 after it (ただ1人生き延びた, 3人生存: 人生 is a life, 1人生き is not)
        guard = f"(?!(?!{_COUNT_GOES_ON})[{re.escape(u.not_before)}])" if u.not_before else ""
        # 25mm3連装機銃, 46cm3連装砲塔: a ship's gun list glues the barrel count of the mount to the calibre
        if u.surface in _CALIBRES:  # 30mmCIWS, 20mmM61: a calibre before a designation in capitals
            guard += "(?!(?-i:[a-z]))(?![0-9](?!連))(?![-‐][0-9])"
        elif u.flags & {"latin", "symbol"}:
            guard += "(?![A-Za-z])(?![0-9](?!連))(?![-‐][0-9])"  # 3M22, 3M-14: a designation, not metres
        surface = f"(?-i:{re.escape(u.surface)})" if "case" in u.flags else re.escape(u.surface)
        parts.append(surface + "(?!目)" + guard)
    return "|".join(parts)


# A number with no counter also stands as a predicate or a subject/object (損失は兵士で20,800です,
# 死者は1万2000に上る, さらに20万を動員, 4万は死傷: NOTES-real5, -real6);
# only a thousand or more written with a magnitude or separators passes (quantity_rules._bare_ok).
BARE_PREDICATE = (r"です|でした|だっ|だ。|(?<=[万億兆])で[、，,]|に上[るっり]|にのぼ[るっり]|に達[しす]|に満た|[はをが](?=[\u4e00-\u9fff\u30a1-\u30fa])"  # 20万を動員, 4万は死傷, 20万がポーランドへ
                  # 約5万と推定, 200万と書いてある: a figure quoted as an estimate or a report; 負傷は約60万〜70万で、:
                  # a magnitude ending its clause's predicate
                  r"|と(?=推定|見積|見られ|みられ|され|い[うわ]|言[うわ]|報じ|伝え|発表|書|試算|算出|指摘)")


def compile_patterns(units: Dict[str, Unit]) -> Tuple[Pattern, Pattern, Pattern]:
    """Compile the Japanese, the Latin-script and the Japanese single-number (no range) regexes."""
    ja_units = _unit_alternation(u for u in units.values() if not u.flags & {"latin", "symbol"})
    sp_units = _unit_alternation(u for u in units.values() if u.flags & {"latin", "symbol"})
    ja = re.compile(
        rf"(?<![0-9０-９〇一二三四五六七八九十百千万億兆,，.．])(?<![数何](?=[〇一二三四五六七八九十百千]))"
        rf"(?=[0-9０-９〇一二三四五六七八九十百千数何])(?P<num>{NUM})"
        rf"(?:(?:(?P<unit1>{ja_units})|[ \u00a0]?(?P<sunit1>{sp_units}))?(?:[ \u00a0](?=[〜~～]|[\-–—－][ \u00a0]))?(?P<sep>{RANGE_SEP})"
        rf"(?:(?<=[\-–—－〜~～])[ \u00a0](?=[0-9０-９]))?(?P<pre2>{JA_PREFIX})?(?P<num2>{NUM}))?"  # 900 - 1,500人, 70,000 ~ 150,000 人: spaced
        rf"(?P<mid>余|あまり)?"
        rf"(?:(?:(?<=[0-9０-９])[ \u00a0])?(?P<unit>{ja_units})|[ \u00a0]?(?P<sunit>{sp_units})"
        rf"|(?P<bare>(?=(?:{BARE_SUFFIX})?(?:の|[ \u3000]?もの|{BARE_PREDICATE}|{VERB_AT_LEAST}|{VERB_AT_MOST}))"  # 30もの拠点: "as many as"
        rf"|(?<=[万億兆])(?=[、。）)」])))"  # ロシアが140万、ウクライナは21万。: a magnitude closing a clause (NOTES-real66)
        # a hard line break inside a sentence (1000機⏎近く。) does not cut the qualifier off (NOTES-real21)
        # and web text's space before one (排水量は4500t 前後で, 1万人 以上が) does not either
        rf"(?P<brk>\n(?=(?:{SUFFIX})(?:[。、，．」）)]|$))|[ \u00a0](?=(?:前後|以上|以下|未満|程度)(?![\u4e00-\u9fff])))?"
        rf"(?P<suf>{SUFFIX})?"
        rf"(?P<verb>{VERB_AT_LEAST}|{VERB_AT_MOST})?")
    latin = re.compile(
        rf"(?P<cur>US\$|[$€£¥￥₴₽]|(?:{_CURRENCY_ALTERNATION})\s?)?(?<![0-9.,])"
        rf"(?P<num>[0-9]+(?:,[0-9]{{3}})*(?:\.[0-9]+)?)(?:\s?(?P<mult>thousand|million|billion|trillion|bn|tn|mn)(?![A-Za-z])"
        rf"|(?(cur)(?P<abbr>[TBMK])(?![A-Za-z0-9])|(?!)))?"
        rf"(?:\s?(?P<sunit>{sp_units}|%)|\s+(?P<noun>{EN_NOUN_PHRASE})\b|(?(cur)|(?!)))"
        rf"(?P<suf>{SUFFIX})?", re.IGNORECASE)
    single = re.compile(ja.pattern.replace("(?P<sep>", "(?P<sep>(?!)"))  # the same without ranges
    return ja, latin, single


# Where a Latin-script quantity can start: its number (ASCII digits not inside a longer number), or up to
# four characters before it for a currency (``USD ``, ``US$``, ``€``).
_LATIN_NUMBER_START = re.compile(r"(?<![0-9.,])[0-9]")
_MAX_CURRENCY = 4


def latin_matches(latin: Pattern, text: str) -> Iterator[re.Match]:
    """``latin.finditer(text)``, tried only near numbers.

    The Latin regex (``compile_patterns``) has no literal prefix, so ``finditer``
    tries it at every character of a Japanese text. Every match holds an ASCII
    number within its first five characters, so the same scan, left to right and
    non-overlapping, needs only the positions up to four before each number.
    """
    pos = 0
    for number in _LATIN_NUMBER_START.finditer(text):
        digit = number.start()
        for start in range(max(pos, digit - _MAX_CURRENCY), digit + 1):
            m = latin.match(text, start)
            if m is not None and m.end() > m.start():
                yield m
                pos = m.end()
                break
