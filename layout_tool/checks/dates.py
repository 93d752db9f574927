"""The ``date`` check over whole columns: docs/checks.md "Dates", as polars expressions.

Why integers rather than ``str.to_date``: a fixed-width digit string is cast to one integer per
row, its fields are cut out arithmetically, and day-in-month and era bounds are a few integer
comparisons and table look-ups. That is exact (no lenient parser accepting ``2023-2-3``), it
supports the 00 month/day of ``allow_unknown_date`` that no date parser would, and it runs at
ten million rows a second or more on a two-core machine. Only a ``date`` format with other
directives than ``%Y %m %d`` falls back to polars' parser, made strict by formatting back.

The era table comes from ``layout_tool.dates`` so the scalar and vectorised sides agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import polars as pl

from layout_tool.checks.signs import leading
from layout_tool.dates import ERAS, Era
from layout_tool.errors import LayoutToolError

DEFAULT_FORMAT = "%Y%m%d"

_FIELD_WIDTHS = {"Y": 4, "m": 2, "d": 2}

_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

_YMD_LIMIT = 10**8
"""Every 8-digit YYYYMMDD value is below this."""

_WAREKI_LIMIT = (len(ERAS) + 1) * 1_000_000
"""Every valid 8-digit 和暦 value, read as an integer, is below this (era codes 01..05)."""


@lru_cache(maxsize=2)
def _wareki_table(allow_unknown: bool) -> pl.Series:
    """Validity of every integer below _WAREKI_LIMIT read as 年号コード YY MM DD.

    A cache of the rules, built once from the era table: checking a column is then one cast
    and one look-up per row. Strict: every day of every era (2-digit years). With unknown
    parts: the era year exists (YY >= 01, the western year has a day in the era), month
    00-12 and day 00-31; a value that *is* a real calendar day must still lie inside its era
    (平成31年05月01日 stays bad). Made of one 10,000-entry block (MMDD) per era year, and
    only an era's first and last year need their own block, so it costs milliseconds.
    """
    eras = {int(era.code): era for era in ERAS}
    blocks: list[pl.Series] = []
    for code in range(_WAREKI_LIMIT // 1_000_000):
        era = eras.get(code)
        last = 0 if era is None else min(99, (era.last_year or 9999) - era.start.year + 1)
        for era_year in range(100):
            if era is None or not 1 <= era_year <= last:
                blocks.append(_block(None, allow_unknown, None))
                continue
            year = era.western_year(era_year)
            edge = year == era.start.year or (era.end is not None and year == era.end.year)
            blocks.append(_block(year, allow_unknown, era if edge else None))
    return pl.concat(blocks, rechunk=True)


def _is_day(year: int, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= _DAYS[month] + (1 if month == 2 and _leap(year) else 0)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _block(year: int | None, allow_unknown: bool, era: Era | None) -> pl.Series:
    """Validity of MMDD 0000-9999 in ``year`` (None: nothing is valid), as 10,000 booleans.

    Valid: a real day (inside ``era`` when one is given: only an era's first and last year
    need it), or with ``allow_unknown`` any month 00-12 and day 00-31 that is not a real day.
    """
    if era is None:  # then the block depends on the year only through February
        return _plain_block(None if year is None else 2000 if _leap(year) else 2001, allow_unknown)
    return _make_block(year, allow_unknown, era)


@lru_cache(maxsize=8)
def _plain_block(year: int | None, allow_unknown: bool) -> pl.Series:
    return _make_block(year, allow_unknown, None)


def _make_block(year: int | None, allow_unknown: bool, era: Era | None) -> pl.Series:
    flags = [False] * 10_000
    if year is not None:
        for month in range(13):
            for day in range(32):
                real = _is_day(year, month, day)
                inside = real and (era is None or era.contains(date(year, month, day)))
                flags[month * 100 + day] = inside or (allow_unknown and not real)
    return pl.Series(flags, dtype=pl.Boolean)


def _digits(value: pl.Expr, length: int) -> pl.Expr:
    """The value as UInt32 where it is exactly ``length`` (at most 9) ASCII digits, else null.

    A cast rather than a regex (a fifth of the time): polars reads a string as an unsigned
    integer only if it is ASCII digits after an optional ``+`` (never ``-``, spaces or other
    digits), so a value of ``length`` bytes that does not start with ``+`` and casts is
    exactly ``length`` ASCII digits. tests/property/test_fast_checks_agree.py holds it to the
    regex ``^[0-9]{length}$``.
    """
    shaped = (value.str.len_bytes() == length) & ~leading(value, "+")
    return pl.when(shaped).then(value.cast(pl.UInt32, strict=False))


@lru_cache(maxsize=2)
def _ymd_table(allow_unknown: bool) -> pl.Series:
    """Validity of every YYYYMMDD below 10**8 (year 0000 is never valid).

    Looking a value up is one operation per row where month, day, day-in-month and leap-year
    arithmetic would be a dozen, and a table of every value, not of the 400-year cycle,
    saves the remainder too. 10,000 blocks of 10,000 booleans, each a common or a leap
    year's (or, with unknown parts, one block for every year): 12.5 MB, built in
    milliseconds.
    """
    zero = _block(None, allow_unknown, None)
    years = [
        _block(2000 if allow_unknown else year, allow_unknown, None) for year in range(1, 10_000)
    ]
    return pl.concat([zero, *years], rechunk=True)


def _ymd_ok(n: pl.Expr, allow_unknown: bool) -> pl.Expr:
    """YYYYMMDD as an integer below 10**8 (or null): year 0001 or later and the day exists
    (or is 00 / unknown)."""
    return pl.lit(_ymd_table(allow_unknown)).gather(n)


def _wareki_ok(value: pl.Expr, allow_unknown: bool) -> pl.Expr:
    """年号コード(2) + YY MM DD: year 1 or later, and the day inside the era (see docs)."""
    v = _digits(value, 8)
    return pl.lit(_wareki_table(allow_unknown)).gather(pl.when(v < _WAREKI_LIMIT).then(v))


def _yearmonth_ok(value: pl.Expr, allow_unknown: bool) -> pl.Expr:
    v = _digits(value, 6)
    return (v // 100 >= 1) & (v % 100).is_between(0 if allow_unknown else 1, 12)


def _time_ok(value: pl.Expr) -> pl.Expr:
    v = _digits(value, 6)
    return (v // 10_000 <= 23) & (v // 100 % 100 <= 59) & (v % 100 <= 59)


@dataclass(frozen=True)
class _Layout:
    """A format of only %Y %m %d (once each), %% and literals without digits."""

    pattern: str  # the whole value, fields as [0-9]{n}
    literals: tuple[str, ...]  # removed to leave the 8 digits of the fields
    order: str  # the fields in the order they are written, e.g. "Ymd" or "dmY"


def _layout(fmt: str) -> _Layout | None:
    """The layout of ``fmt``, or None for other directives (polars' parser then decides)."""
    pattern, order, literals = "", "", set()
    for token in re.findall(r"%.|[^%]+|%$", fmt, flags=re.DOTALL):
        if token.startswith("%") and token != "%%":
            name = token[1:]
            if name not in _FIELD_WIDTHS or name in order:
                return None
            order += name
            pattern += f"[0-9]{{{_FIELD_WIDTHS[name]}}}"
        else:
            text = "%" if token == "%%" else token
            if any(ch.isdigit() for ch in text):
                return None
            literals.add(text)
            pattern += pl.escape_regex(text)
    if sorted(order) != sorted("Ymd"):
        return None
    return _Layout(f"^{pattern}$", tuple(sorted(literals)), order)


def _formatted_date_ok(value: pl.Expr, fmt: str, allow_unknown: bool) -> pl.Expr:
    layout = _layout(fmt)
    if layout is not None:
        shaped: pl.Expr | None = None
        n: pl.Expr
        if layout.literals:
            digits = value
            for literal in layout.literals:
                digits = digits.str.replace_all(literal, "", literal=True)
            whole = digits.cast(pl.Int64, strict=False)
            n = pl.when(whole.is_between(0, _YMD_LIMIT - 1)).then(whole.cast(pl.UInt32))
            shaped = value.str.contains(layout.pattern)
        else:  # the fields alone: 8 digits, checked by the cast
            n = _digits(value, 8)
        if layout.order != "Ymd":  # reorder the fields into YYYYMMDD arithmetically
            parts, shift = {}, 8
            for name in layout.order:
                width = _FIELD_WIDTHS[name]
                shift -= width
                parts[name] = n // 10**shift % 10**width
            n = parts["Y"] * 10_000 + parts["m"] * 100 + parts["d"]
        ok = _ymd_ok(n, allow_unknown)
        return ok if shaped is None else shaped & ok
    if allow_unknown:
        raise LayoutToolError(
            f"allow_unknown_date needs a format made of %Y, %m, %d and literals, not {fmt!r}"
        )
    _probe(fmt)
    parsed = value.str.to_date(fmt, strict=False)
    return parsed.dt.strftime(fmt) == value  # strict: only the canonical spelling


def _probe(fmt: str) -> None:
    """Refuse, when the check is built, a format that cannot write and read back a date."""
    sample = date(2001, 2, 3)
    try:
        text = sample.strftime(fmt)
        back = pl.Series([text]).str.to_date(fmt, strict=False).item()
    except (ValueError, pl.exceptions.PolarsError):
        back = None
    if back != sample:
        raise LayoutToolError(f"date format {fmt!r} cannot be checked (it must read back a date)")


def date_ok(value: pl.Expr, item_type: str, fmt: str | None, allow_unknown: bool) -> pl.Expr:
    """True for a valid value of a date type, false otherwise; null for a null or empty value.

    ``item_type`` is ``date`` (``fmt``, default ``%Y%m%d``), ``wareki``, ``yearmonth`` or
    ``time``; ``allow_unknown`` is the item's ``allow_unknown_date`` (ignored for ``time``).
    Empty values are the ``required`` check's business, so they are left null here too.
    """
    if item_type == "wareki":
        ok = _wareki_ok(value, allow_unknown)
    elif item_type == "yearmonth":
        ok = _yearmonth_ok(value, allow_unknown)
    elif item_type == "time":
        ok = _time_ok(value)
    elif item_type == "date":
        ok = _formatted_date_ok(value, fmt or DEFAULT_FORMAT, allow_unknown)
    else:
        raise LayoutToolError(f"{item_type!r} is not a date type")
    return pl.when(value.str.len_bytes() > 0).then(ok.fill_null(False))
