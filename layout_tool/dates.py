"""Eras and the date shapes vendors write (BRIEF §5), one value at a time.

The validator's vectorised date checks (``checks.dates``) take their era table from here, and
the vendor-mapping transforms use the shapes below to move a date between a vendor's text and
the standard's. Every shape's parse has a format that inverts it exactly, so a lossless mapping
can be reversed; that is why parsing is strict (fixed widths, no optional padding) and why
``元年`` and ``1年`` are two shapes, not one shape with two spellings.

Unknown parts (年月日不詳) are month and/or day ``00``. :func:`convert_date_text` carries them
between the numeric shapes unchanged instead of inventing a day.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Era:
    """One 元号 with every code vendors and the standard use for it."""

    name: str  # 明治
    letter: str  # M
    code: str  # "01": this standard's 2-digit 年号コード
    digit: str  # "1": the 住基 1-digit code
    start: date  # 元年's first day
    end: date | None  # the next era's first day (exclusive); None for the current era

    @property
    def last_year(self) -> int | None:
        """The last western year with a day in this era (元年 + span - 1)."""
        return None if self.end is None else (self.end - timedelta(days=1)).year

    def western_year(self, era_year: int) -> int:
        """The western year of ``era_year`` (1 = 元年): the era year changes on 1 January."""
        return self.start.year + era_year - 1

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


# 明治 starts on 1868-01-23 to agree with the japanera package (its table of eras); 慶応4年1月1日,
# to which 明治元年 was made retroactive, is usually given as 1868-01-25. The lunisolar calendar
# before 明治6年 is not modelled: 明治1-5 are read as Gregorian dates.
ERAS: tuple[Era, ...] = (
    Era("明治", "M", "01", "1", date(1868, 1, 23), date(1912, 7, 30)),
    Era("大正", "T", "02", "2", date(1912, 7, 30), date(1926, 12, 25)),
    Era("昭和", "S", "03", "3", date(1926, 12, 25), date(1989, 1, 8)),
    Era("平成", "H", "04", "4", date(1989, 1, 8), date(2019, 5, 1)),
    Era("令和", "R", "05", "5", date(2019, 5, 1), None),
)

_BY_TOKEN: dict[str, Era] = {
    token: era for era in ERAS for token in (era.name, era.letter, era.code, era.digit)
}


def find_era(token: str) -> Era:
    """The era named by its kanji, letter, 2-digit code ("04") or 住基 digit ("4")."""
    try:
        return _BY_TOKEN[token]
    except KeyError:
        raise ValueError(f"unknown era {token!r}") from None


@dataclass(frozen=True)
class Wareki:
    """A complete 和暦 date; ``year`` 1 is 元年."""

    era: Era
    year: int
    month: int
    day: int

    def to_date(self) -> date:
        return from_wareki(self.era, self.year, self.month, self.day)


def to_wareki(day: date) -> Wareki:
    """The 和暦 of a western date; ValueError before 明治."""
    for era in reversed(ERAS):
        if era.contains(day):
            return Wareki(era, day.year - era.start.year + 1, day.month, day.day)
    raise ValueError(f"{day.isoformat()} is before 明治")


def from_wareki(era: Era | str, year: int, month: int, day: int) -> date:
    """The western date of a 和暦 date, strictly: ValueError unless the day exists in the era.

    So 平成31年5月1日 (that day is 令和元年) and 昭和64年1月8日 are errors, as is 平成0年.
    """
    if isinstance(era, str):
        era = find_era(era)
    if year < 1:
        raise ValueError(f"{era.name}{year}年: the first year is 1 (元年)")
    result = date(era.western_year(year), month, day)  # ValueError for 2月30日 etc.
    if not era.contains(result):
        raise ValueError(f"{era.name}{year}年{month}月{day}日 is not a day of {era.name}")
    return result


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


@dataclass(frozen=True)
class DateText:
    """A date as written: ``year`` is the era year when ``era`` is set; 0 = month/day unknown."""

    era: Era | None
    year: int
    month: int
    day: int


@dataclass(frozen=True)
class DateShape:
    """How one vendor shape is read and written; ``unknown_ok``: can it write 00 month/day."""

    name: str
    example: str
    wareki: bool
    unknown_ok: bool
    parse_text: Callable[[str], DateText]  # syntax only; see :func:`convert_date_text`
    format_text: Callable[[DateText], str]


SHAPES: dict[str, DateShape] = {}
"""The registry of date shapes by name."""


Codec = tuple[Callable[[str], DateText], Callable[[DateText], str]]


def _register(name: str, example: str, codec: Codec, *, wareki: bool, unknown_ok: bool) -> None:
    SHAPES[name] = DateShape(name, example, wareki, unknown_ok, codec[0], codec[1])


def _match(pattern: str, text: str, shape: str) -> tuple[str, ...]:
    m = re.fullmatch(pattern, text)
    if m is None:
        raise ValueError(f"{text!r} is not a {shape} date")
    return m.groups()


def _two(n: int, what: str) -> str:
    if not 0 <= n <= 99:
        raise ValueError(f"{what} {n} does not fit two digits")
    return f"{n:02d}"


def _era(text: DateText) -> Era:
    if text.era is None:
        raise ValueError("a 和暦 shape needs an era")
    return text.era


def _western(year: int) -> str:
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} does not fit four digits")
    return f"{year:04d}"


def _digit_wareki(prefix: Callable[[Era], str], sep: str, name: str) -> Codec:
    """Era prefix + YY sep MM sep DD (the standard's form, 住基's 4310101, H31.01.01)."""
    prefixes = "|".join(re.escape(prefix(era)) for era in ERAS)
    pattern = rf"({prefixes})([0-9]{{2}}){re.escape(sep)}([0-9]{{2}}){re.escape(sep)}([0-9]{{2}})"
    by_prefix = {prefix(era): era for era in ERAS}

    def parse(text: str) -> DateText:
        p, yy, mm, dd = _match(pattern, text, name)
        return DateText(by_prefix[p], int(yy), int(mm), int(dd))

    def format_(text: DateText) -> str:
        era = _era(text)
        parts = (_two(text.year, "era year"), _two(text.month, "month"), _two(text.day, "day"))
        return prefix(era) + sep.join(parts)

    return parse, format_


def _kanji(gannen: bool) -> Codec:
    """平成31年1月1日: numbers without leading zeros; year 1 is 元年 or 1年 (two shapes)."""
    names = "|".join(era.name for era in ERAS)
    year = "元|[2-9]|[1-9][0-9]+" if gannen else "[1-9][0-9]*"
    pattern = rf"({names})({year})年([1-9][0-9]?)月([1-9][0-9]?)日"

    def parse(text: str) -> DateText:
        era, yy, mm, dd = _match(pattern, text, "kanji")
        return DateText(find_era(era), 1 if yy == "元" else int(yy), int(mm), int(dd))

    def format_(text: DateText) -> str:
        era = _era(text)
        if text.month == 0 or text.day == 0 or text.year < 1:
            raise ValueError("the kanji shape cannot write an unknown year, month or day")
        year = "元" if gannen and text.year == 1 else str(text.year)
        return f"{era.name}{year}年{text.month}月{text.day}日"

    return parse, format_


def _western_shape(sep: str) -> Codec:
    """YYYY sep MM sep DD with zero padding (sep may be empty: YYYYMMDD)."""
    s = re.escape(sep)
    pattern = rf"([0-9]{{4}}){s}([0-9]{{2}}){s}([0-9]{{2}})"

    def parse(text: str) -> DateText:
        yyyy, mm, dd = _match(pattern, text, "western")
        return DateText(None, int(yyyy), int(mm), int(dd))

    def format_(text: DateText) -> str:
        if text.era is not None:
            raise ValueError("a western shape takes a western year")
        return sep.join((_western(text.year), _two(text.month, "month"), _two(text.day, "day")))

    return parse, format_


_register(
    "wareki",
    "04310101",
    _digit_wareki(lambda e: e.code, "", "wareki"),
    wareki=True,
    unknown_ok=True,
)
_register(
    "era-digit",
    "4310101",
    _digit_wareki(lambda e: e.digit, "", "era-digit"),
    wareki=True,
    unknown_ok=True,
)
_register(
    "era-letter",
    "H31.01.01",
    _digit_wareki(lambda e: e.letter, ".", "era-letter"),
    wareki=True,
    unknown_ok=True,
)
_register("kanji", "平成元年1月8日", _kanji(gannen=True), wareki=True, unknown_ok=False)
_register("kanji-no-gannen", "平成1年1月8日", _kanji(gannen=False), wareki=True, unknown_ok=False)
_register("compact", "19890108", _western_shape(""), wareki=False, unknown_ok=True)
_register("slash", "1989/01/08", _western_shape("/"), wareki=False, unknown_ok=True)
_register("iso", "1989-01-08", _western_shape("-"), wareki=False, unknown_ok=True)


def get_shape(name: str) -> DateShape:
    try:
        return SHAPES[name]
    except KeyError:
        known = ", ".join(SHAPES)
        raise ValueError(f"unknown date shape {name!r} (known: {known})") from None


def parse_date(text: str, shape: str) -> date:
    """A complete, existing date written in ``shape``; ValueError otherwise."""
    parts = get_shape(shape).parse_text(text)
    if parts.era is not None:
        return from_wareki(parts.era, parts.year, parts.month, parts.day)
    return date(parts.year, parts.month, parts.day)


def format_date(day: date, shape: str) -> str:
    """``day`` written in ``shape``; ValueError where the shape cannot hold it (before 明治)."""
    s = get_shape(shape)
    if s.wareki:
        w = to_wareki(day)
        return s.format_text(DateText(w.era, w.year, w.month, w.day))
    return s.format_text(DateText(None, day.year, day.month, day.day))


def _span(year: int, month: int, day: int, allow_unknown: bool) -> tuple[date, date]:
    """The first and last day a western date with unknown parts can mean (inclusive)."""
    if month == 0:
        return date(year, 1, 1), date(year, 12, 31)
    last = days_in_month(year, month)
    if day == 0 or (allow_unknown and day > last):
        return date(year, month, 1), date(year, month, last)
    d = date(year, month, day)  # ValueError for a day that does not exist
    return d, d


def _check(parts: DateText, allow_unknown: bool) -> tuple[date, date]:
    """Validate ``parts`` (as docs/checks.md, plus 00 month/day); return its western span."""
    if not (0 <= parts.month <= 12 and 0 <= parts.day <= 31):
        raise ValueError(f"month {parts.month} / day {parts.day} out of range")
    era = parts.era
    if era is None:
        if parts.year < 1:
            raise ValueError("year 0 does not exist")
        return _span(parts.year, parts.month, parts.day, allow_unknown)
    year = era.western_year(parts.year)
    last_year = era.last_year
    if parts.year < 1 or (last_year is not None and year > last_year):
        raise ValueError(f"{era.name}{parts.year}年 does not exist")
    first, last = _span(year, parts.month, parts.day, allow_unknown)
    if not allow_unknown and (last < era.start or (era.end is not None and first >= era.end)):
        raise ValueError(
            f"{era.name}{parts.year}年{parts.month}月{parts.day}日 is not in {era.name}"
        )
    return first, last


def _era_of_span(first: date, last: date) -> Era:
    """The one era covering a whole span; ValueError when the span crosses an era's start."""
    for era in ERAS:
        if era.contains(first) and era.contains(last):
            return era
    raise ValueError(f"{first}..{last} has no single era (an unknown month or day)")


def convert_date_text(value: str, src: str, dst: str, *, allow_unknown: bool = False) -> str:
    """Rewrite a date from shape ``src`` to shape ``dst``, exactly.

    Month and/or day ``00`` (不詳) are carried through where ``dst`` can write them (not into
    the kanji shapes). Everything else must be possible: an existing day inside its era, or,
    with ``allow_unknown``, the looser rules of docs/checks.md (day 01-31 in any month, and
    for 和暦 only the era year checked). A western date with unknown parts whose span crosses
    an era boundary (1989/00/00: 昭和64年 or 平成元年?) has no single 和暦: a ValueError.
    """
    s, d = get_shape(src), get_shape(dst)
    parts = s.parse_text(value)
    first, last = _check(parts, allow_unknown)
    if d.wareki and parts.era is None:
        era = _era_of_span(first, last)
        parts = DateText(era, parts.year - era.start.year + 1, parts.month, parts.day)
    elif not d.wareki and parts.era is not None:
        parts = DateText(None, parts.era.western_year(parts.year), parts.month, parts.day)
    return d.format_text(parts)
