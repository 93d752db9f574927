"""Dates between vendor shapes and the standard's, vectorised (BRIEF §5).

``layout_tool.dates.convert_date_text`` is the reference: it converts one value at a time
and defines what is valid (an existing day inside its era; 00 for an unknown month or day,
carried through; with ``allow_unknown``, the looser rules of docs/checks.md). This module
does the same over whole columns with integer arithmetic on the parsed parts, so a million
dates cost a few polars expressions instead of a million Python calls. The property tests
hold the two to the same answers, including which values fail.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from layout_tool.dates import ERAS, SHAPES, Era
from layout_tool.mapping.transforms.base import (
    Context,
    ParamError,
    Result,
    Step,
    choice,
    options,
    transform,
)


@dataclass(frozen=True)
class Syntax:
    """How a shape is spelled: ``era`` names the era token's form, None for 西暦 shapes."""

    era: str | None
    sep: str = ""
    kanji: bool = False
    gannen: bool = False


SYNTAX: dict[str, Syntax] = {
    "wareki": Syntax("code"),
    "era-digit": Syntax("digit"),
    "era-letter": Syntax("letter", "."),
    "kanji": Syntax("name", kanji=True, gannen=True),
    "kanji-no-gannen": Syntax("name", kanji=True),
    "compact": Syntax(None),
    "slash": Syntax(None, "/"),
    "iso": Syntax(None, "-"),
}

_TOKEN = {"code": "code", "digit": "digit", "letter": "letter", "name": "name"}
_BIG = 99_999_999


def _token(era: Era, form: str) -> str:
    return str(getattr(era, form))


def _ymd(day: Any) -> int:
    return int(day.year * 10_000 + day.month * 100 + day.day)


def _era_map(values: dict[int, int]) -> dict[int, int]:
    return values


_NUM = {era: n for n, era in enumerate(ERAS, start=1)}
_START_YEAR = {n: era.start.year for era, n in _NUM.items()}
_LAST_YEAR = {n: era.last_year or 9999 for era, n in _NUM.items()}
_START = {n: _ymd(era.start) for era, n in _NUM.items()}
_END = {n: _ymd(era.end) if era.end else _BIG for era, n in _NUM.items()}
_DAYS = {m: d for m, d in enumerate((31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), start=1)}


def _table(value: pl.Expr, table: dict[int, int]) -> pl.Expr:
    return value.replace_strict(table, default=None, return_dtype=pl.Int64)


def _pattern(shape: Syntax) -> str:
    sep = pl.escape_regex(shape.sep)
    if shape.era is None:
        return rf"^([0-9]{{4}}){sep}([0-9]{{2}}){sep}([0-9]{{2}})$"
    tokens = "|".join(pl.escape_regex(_token(e, shape.era)) for e in ERAS)
    if shape.kanji:
        year = "元|[2-9]|[1-9][0-9]+" if shape.gannen else "[1-9][0-9]*"
        return rf"^({tokens})({year})年([1-9][0-9]?)月([1-9][0-9]?)日$"
    return rf"^({tokens})([0-9]{{2}}){sep}([0-9]{{2}}){sep}([0-9]{{2}})$"


@dataclass(frozen=True)
class Parts:
    """Parsed columns: era number 1..5 (null for 西暦), the written year, month, day."""

    era: pl.Expr | None
    year: pl.Expr
    month: pl.Expr
    day: pl.Expr
    ok: pl.Expr


def parse(value: pl.Expr, shape: Syntax) -> Parts:
    groups = value.str.extract_groups(_pattern(shape))
    ok = value.str.contains(_pattern(shape))

    def number(i: int) -> pl.Expr:
        return groups.struct.field(str(i)).cast(pl.Int64, strict=False)

    if shape.era is None:
        return Parts(None, number(1), number(2), number(3), ok)
    era_text = groups.struct.field("1")
    codes = {_token(e, shape.era): n for e, n in _NUM.items()}
    era = era_text.replace_strict(codes, default=None, return_dtype=pl.Int64)
    year_text = groups.struct.field("2")
    year = pl.when(year_text == "元").then(pl.lit(1, pl.Int64)).otherwise(number(2))
    return Parts(era, year, number(3), number(4), ok & year.is_not_null())


def _days_in_month(year: pl.Expr, month: pl.Expr) -> pl.Expr:
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    return _table(month, _DAYS) + (leap & (month == 2)).cast(pl.Int64)


def _era_of(ymd: pl.Expr) -> pl.Expr:
    chain = pl.when(ymd >= _START[len(ERAS)]).then(pl.lit(len(ERAS), pl.Int64))
    for n in range(len(ERAS) - 1, 0, -1):
        chain = chain.when(ymd >= _START[n]).then(pl.lit(n, pl.Int64))
    return chain.otherwise(pl.lit(None, pl.Int64))


def _two(n: pl.Expr) -> pl.Expr:
    return n.cast(pl.String).str.zfill(2)


def convert(value: pl.Expr, src: str, dst: str, allow_unknown: bool) -> Result:
    """``value`` from shape ``src`` to ``dst``: (converted, failed), as convert_date_text."""
    s, d = SYNTAX[src], SYNTAX[dst]
    p = parse(value, s)
    month, day = p.month, p.day
    ok = p.ok & month.is_between(0, 12) & day.is_between(0, 31)
    if p.era is None:
        western = p.year
        ok = ok & (western >= 1)
    else:
        western = _table(p.era, _START_YEAR) + p.year - 1
        ok = ok & (p.year >= 1) & (western <= _table(p.era, _LAST_YEAR))
    ok = ok & western.is_between(1, 9999)
    dim = _days_in_month(western, month)
    whole_month = (day == 0) | ((day > dim) if allow_unknown else pl.lit(False))
    ok = ok & ((month == 0) | whole_month | (day <= dim))
    base = western * 10_000
    first = pl.when(month == 0).then(base + 101).when(whole_month).then(base + month * 100 + 1)
    first = first.otherwise(base + month * 100 + day)
    last = pl.when(month == 0).then(base + 1231).when(whole_month).then(base + month * 100 + dim)
    last = last.otherwise(base + month * 100 + day)
    era = p.era
    if era is not None and not allow_unknown:
        ok = ok & (last >= _table(era, _START)) & (first < _table(era, _END))
    if d.era is not None and era is None:
        era = _era_of(first)
        ok = ok & (era == _era_of(last)).fill_null(False)
    year = western if d.era is None else western - _table(era, _START_YEAR) + 1  # type: ignore[arg-type]
    if d.era is None:
        ok = ok & year.is_between(1, 9999)
        sep = pl.lit(d.sep)
        text = pl.concat_str(year.cast(pl.String).str.zfill(4), sep, _two(month), sep, _two(day))
    else:
        tokens = {n: _token(e, d.era) for e, n in _NUM.items()}
        token = era.replace_strict(tokens, default=None, return_dtype=pl.String)  # type: ignore[union-attr]
        if d.kanji:
            ok = ok & (month >= 1) & (day >= 1) & (year >= 1)
            year_text = year.cast(pl.String)
            if d.gannen:
                year_text = pl.when(year == 1).then(pl.lit("元")).otherwise(year_text)
            parts = [token, year_text, pl.lit("年"), month.cast(pl.String), pl.lit("月")]
            text = pl.concat_str(*parts, day.cast(pl.String), pl.lit("日"))
        else:
            ok = ok & year.is_between(0, 99)
            sep = pl.lit(d.sep)
            text = pl.concat_str(token, _two(year), sep, _two(month), sep, _two(day))
    ok = ok.fill_null(False)
    return pl.when(ok).then(text), value.is_not_null() & ~ok


def default_shape(ctx: Context) -> str:
    """The standard item's own shape: 和暦 ``wareki``, or ``date`` in its format."""
    item = ctx.item
    if item.type == "wareki":
        return "wareki"
    formats = {None: "compact", "%Y%m%d": "compact", "%Y/%m/%d": "slash", "%Y-%m-%d": "iso"}
    if item.type == "date" and item.format in formats:
        return formats[item.format]
    raise ParamError(f"date: say `to:` (item {item.name} is {item.type}, format {item.format})")


@transform("date", "date shapes: era-digit 4310101, H31.01.01, 平成31年1月1日, … ⇄ standard")
def date(raw: Any, ctx: Context) -> Step:
    opts = options(raw, "date", {"from": str, "to": str, "allow_unknown": bool}, scalar="from")
    shapes = tuple(SYNTAX)
    if "from" not in opts:
        raise ParamError(f"date: say which shape the vendor writes (from: {', '.join(shapes)})")
    src = choice(opts["from"], "date", "from", shapes)
    dst = choice(opts.get("to") or default_shape(ctx), "date", "to", shapes)
    allow = bool(opts.get("allow_unknown", ctx.item.allow_unknown_date))
    example = SHAPES[src].example
    return Step(
        "date",
        lambda v: convert(v, src, dst, allow),
        lambda v: convert(v, dst, src, allow),
        code="date",
        inverse_code="date",
        failure=f"is not a {src} date (like {example}) that exists",
        inverse_failure=f"cannot be written as a {src} date",
    )


def _check_shapes() -> None:
    missing = set(SHAPES) - set(SYNTAX)
    if missing:  # a shape added to layout_tool.dates needs its column form here too
        raise RuntimeError(f"date shapes without a vectorised form: {sorted(missing)}")


_check_shapes()
