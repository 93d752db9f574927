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
from layout_tool.i18n import Msg
from layout_tool.mapping.transforms.base import (
    Context,
    ParamError,
    Schema,
    Step,
    choice,
    options,
    schema_def,
    transform,
)
from layout_tool.mapping.transforms.flagged import UNKNOWN_KINDS
from layout_tool.mapping.transforms.memo import Memo


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

_BIG = 99_999_999


def _token(era: Era, form: str) -> str:
    return str(getattr(era, form))


def _ymd(day: Any) -> int:
    return int(day.year * 10_000 + day.month * 100 + day.day)


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


def _two(n: pl.Expr) -> pl.Expr:
    return n.cast(pl.String).str.zfill(2)


def _days_in_month(year: pl.Expr, month: pl.Expr) -> pl.Expr:
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    return _table(month, _DAYS) + (leap & (month == 2)).cast(pl.Int64)


def _era_of(ymd: pl.Expr) -> pl.Expr:
    """The era number of a YYYYMMDD integer (null before 明治)."""
    era: pl.Expr = pl.lit(None, pl.Int64)
    for n in range(1, len(ERAS) + 1):
        era = pl.when(ymd >= _START[n]).then(pl.lit(n, pl.Int64)).otherwise(era)
    return era


def _packed(s: Syntax) -> int | None:
    """Digits in a shape that is all digits (wareki 8, era-digit 7, compact 8), else None."""
    if s.sep or s.kanji or s.era not in (None, "code", "digit"):
        return None
    return 7 if s.era == "digit" else 8


def _parse_packed(frame: pl.DataFrame, s: Syntax, width: int, checked: bool) -> pl.DataFrame:
    """The all-digit shapes by integer arithmetic: one cast instead of a regex per part.

    ``checked``: ``v`` is already known to be ``width`` digits or null (no regex needed).
    """
    v = pl.col("v")
    number = v.cast(pl.Int64, strict=False)
    if not checked:
        number = pl.when(v.str.contains(f"^[0-9]{{{width}}}$")).then(number)
    frame = frame.with_columns(number.alias("n"))
    n = pl.col("n")
    if s.era is None:
        era, year = pl.lit(None, pl.Int64), n // 10_000
    else:
        era = pl.when((n // 1_000_000).is_between(1, len(ERAS))).then(n // 1_000_000)
        year = n // 10_000 % 100
    return frame.select(
        "v",
        era.alias("era"),
        year.alias("year"),
        (n // 100 % 100).alias("month"),
        (n % 100).alias("day"),
        (n.is_not_null() & (era.is_not_null() if s.era else pl.lit(True))).alias("ok"),
    )


def _parse(frame: pl.DataFrame, s: Syntax) -> pl.DataFrame:
    """Columns era (1..5, null for 西暦), year as written, month, day, ok.

    For the 西暦 shapes ``v`` becomes the date's eight digits (null where the shape is
    wrong), which a 西暦 output reuses instead of formatting the numbers again.
    """
    width = _packed(s)
    if width is not None:
        return _parse_packed(frame, s, width, checked=False)
    if not s.kanji:  # fixed layout: check the shape, then drop separators and read digits
        v = pl.col("v")
        digits = v.str.replace_all(s.sep, "", literal=True)
        plain = Syntax("digit") if s.era == "letter" else Syntax(s.era)
        if s.era == "letter":
            letters = {e.letter: e.digit for e in ERAS}
            digits = digits.str.replace_many(letters)
        shaped = pl.when(v.str.contains(_pattern(s))).then(digits)
        frame = frame.select(shaped.alias("v"))
        return _parse_packed(frame, plain, _packed(plain) or 0, checked=True)
    frame = frame.with_columns(pl.col("v").str.extract_groups(_pattern(s)).alias("g"))
    if s.era is None:
        fields = {"year": "1", "month": "2", "day": "3"}
    else:
        fields = {"year": "2", "month": "3", "day": "4"}
    parts = [
        pl.col("g").struct.field(i).cast(pl.Int64, strict=False).alias(name)
        for name, i in fields.items()
    ]
    if s.era is None:
        parts.append(pl.lit(None, pl.Int64).alias("era"))
    else:
        codes = {_token(e, s.era): n for e, n in _NUM.items()}
        era_text = pl.col("g").struct.field("1")
        parts.append(
            era_text.replace_strict(codes, default=None, return_dtype=pl.Int64).alias("era")
        )
        if s.gannen:
            gannen = pl.col("g").struct.field("2") == "元"
            parts[0] = pl.when(gannen).then(pl.lit(1, pl.Int64)).otherwise(parts[0]).alias("year")
    # The first group is not optional: it is present exactly where the pattern matched.
    ok = pl.col("g").struct.field("1").is_not_null()
    return frame.select("v", *parts, ok.alias("ok")).with_columns(
        pl.col("ok") & pl.col("year").is_not_null()
    )


def convert_series(values: pl.Series, src: str, dst: str, allow_unknown: bool) -> pl.Series:
    """``values`` from shape ``src`` to ``dst``, null where a value cannot be converted.

    The same answers as ``layout_tool.dates.convert_date_text`` value by value. Computed in
    stages over a frame so each intermediate column is evaluated once.
    """
    s, d = SYNTAX[src], SYNTAX[dst]
    year, month, day, era = pl.col("year"), pl.col("month"), pl.col("day"), pl.col("era")
    frame = _parse(values.rename("v").to_frame(), s)
    if s.era is None:
        western, year_ok = year, year >= 1
    else:
        western = _table(era, _START_YEAR) + year - 1
        year_ok = (year >= 1) & (western <= _table(era, _LAST_YEAR))
    frame = frame.with_columns(
        western.alias("y"),
        (pl.col("ok") & month.is_between(0, 12) & day.is_between(0, 31) & year_ok).alias("ok"),
    )
    y = pl.col("y")
    frame = frame.with_columns(
        _days_in_month(y, month).alias("dim"), (pl.col("ok") & y.is_between(1, 9999)).alias("ok")
    )
    dim = pl.col("dim")
    whole = (day == 0) | ((day > dim) if allow_unknown else pl.lit(False))
    base = y * 10_000
    first = pl.when(month == 0).then(base + 101).when(whole).then(base + month * 100 + 1)
    last = pl.when(month == 0).then(base + 1231).when(whole).then(base + month * 100 + dim)
    exact = base + month * 100 + day
    frame = frame.with_columns(
        first.otherwise(exact).alias("first"),
        last.otherwise(exact).alias("last"),
        (pl.col("ok") & ((month == 0) | whole | (day <= dim))).alias("ok"),
    )
    first_day, last_day, ok = pl.col("first"), pl.col("last"), pl.col("ok")
    if s.era is not None and not allow_unknown:
        in_era = (last_day >= _table(era, _START)) & (first_day < _table(era, _END))
        frame = frame.with_columns((ok & in_era).alias("ok"))
    if d.era is not None and s.era is None:
        frame = frame.with_columns(_era_of(first_day).alias("era"), _era_of(last_day).alias("e2"))
        frame = frame.with_columns((ok & (era == pl.col("e2")).fill_null(False)).alias("ok"))
    if d.era is None:
        frame = frame.with_columns((ok & y.is_between(1, 9999)).alias("ok"))
        text = _western_text(d.sep, y, month, day, pl.col("v") if s.era is None else None)
    else:
        frame = frame.with_columns((y - _table(era, _START_YEAR) + 1).alias("n"))
        n = pl.col("n")
        tokens = {k: _token(e, d.era) for e, k in _NUM.items()}
        token = era.replace_strict(tokens, default=None, return_dtype=pl.String)
        if d.kanji:
            frame = frame.with_columns((ok & (month >= 1) & (day >= 1) & (n >= 1)).alias("ok"))
            year_text = n.cast(pl.String)
            if d.gannen:
                year_text = pl.when(n == 1).then(pl.lit("元")).otherwise(year_text)
            parts = [token, year_text, pl.lit("年"), month.cast(pl.String), pl.lit("月")]
            text = pl.concat_str(*parts, day.cast(pl.String), pl.lit("日"))
        elif _packed(d) is not None:
            frame = frame.with_columns((ok & n.is_between(0, 99)).alias("ok"))
            packed = era * 1_000_000 + n * 10_000 + month * 100 + day
            text = packed.cast(pl.String).str.zfill(_packed(d) or 0)
        else:
            frame = frame.with_columns((ok & n.is_between(0, 99)).alias("ok"))
            sep = pl.lit(d.sep)
            text = pl.concat_str(token, _two(n), sep, _two(month), sep, _two(day))
    out = frame.select(pl.when(ok.fill_null(False)).then(text).alias(values.name))
    return out.to_series()


def _western_text(
    sep: str, y: pl.Expr, month: pl.Expr, day: pl.Expr, digits: pl.Expr | None
) -> pl.Expr:
    """YYYY sep MM sep DD; from a 西暦 input's eight ``digits`` by cutting, not formatting."""
    if digits is not None:
        if not sep:
            return digits
        pieces = (digits.str.slice(0, 4), digits.str.slice(4, 2), digits.str.slice(6, 2))
        return pl.concat_str(pieces[0], pl.lit(sep), pieces[1], pl.lit(sep), pieces[2])
    if not sep:
        return (y * 10_000 + month * 100 + day).cast(pl.String).str.zfill(8)
    return pl.concat_str(y.cast(pl.String).str.zfill(4), pl.lit(sep), _two(month), pl.lit(sep),
                         _two(day))  # fmt: skip


def convert(value: pl.Expr, src: str, dst: str, allow_unknown: bool) -> pl.Expr:
    """The column form of :func:`convert_series` (null where a value cannot be converted).

    Dates repeat, and parsing one is many string operations: each distinct value is
    converted once per step and remembered across batches (see ``memo``).
    """
    memo = Memo(lambda s: convert_series(s, src, dst, allow_unknown))
    return value.map_batches(memo, return_dtype=pl.String, is_elementwise=True)


def default_shape(ctx: Context) -> str:
    """The standard item's own shape: 和暦 ``wareki``, or ``date`` in its format."""
    item = ctx.item
    if item.type == "wareki":
        return "wareki"
    formats = {None: "compact", "%Y%m%d": "compact", "%Y/%m/%d": "slash", "%Y-%m-%d": "iso"}
    if item.type == "date" and item.format in formats:
        return formats[item.format]
    raise ParamError(Msg("param.say-to", item=item.name, type=item.type, format=item.format))


_STANDARD_SHAPE = "wareki"
_DATE_SHAPE = schema_def(
    "dateShape",
    {
        "enum": list(SYNTAX),
        "description": ", ".join(
            f"{name} {SHAPES[name].example}"
            + (" (the standard)" if name == _STANDARD_SHAPE else "")
            for name in SYNTAX
        ),
    },
)
_UNKNOWN_KIND: Schema = {"enum": list(UNKNOWN_KINDS)}


@transform(
    "date",
    "date shapes: era-digit 4310101, H31.01.01, 平成31年1月1日, … ⇄ standard",
    {
        "oneOf": [
            _DATE_SHAPE,
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["from"],
                "properties": {
                    "from": _DATE_SHAPE,
                    "to": _DATE_SHAPE,
                    "allow_unknown": {"type": "boolean"},
                    "unknown_flag": {
                        "type": "string",
                        "description": "a field that says which parts of the date are unknown"
                        " (不詳フラグ)",
                    },
                    "unknown": {
                        "oneOf": [
                            _UNKNOWN_KIND,
                            {"type": "object", "additionalProperties": _UNKNOWN_KIND},
                        ],
                        "description": "flag value → unknown parts; a bare kind means flag 1",
                    },
                    "known": {
                        "type": "string",
                        "description": "the flag value of a complete date (default 0)",
                    },
                },
            },
        ]
    },
)
def date(raw: Any, ctx: Context) -> Step:
    if isinstance(raw, dict) and "unknown_flag" in raw:  # rules.py joins the flag field in
        from layout_tool.mapping.transforms.flagged import flagged_date

        shapes = tuple(SYNTAX)
        src = choice(raw.get("from"), "date", "from", shapes)
        return flagged_date(
            raw, ctx, src, choice(raw.get("to") or default_shape(ctx), "date", "to", shapes)
        )
    opts = options(raw, "date", {"from": str, "to": str, "allow_unknown": bool}, scalar="from")
    shapes = tuple(SYNTAX)
    if "from" not in opts:
        raise ParamError(Msg("param.say-from", name="date", shapes=", ".join(shapes)))
    src = choice(opts["from"], "date", "from", shapes)
    dst = choice(opts.get("to") or default_shape(ctx), "date", "to", shapes)
    allow = bool(opts.get("allow_unknown", ctx.item.allow_unknown_date))
    # Exact: the same calendar both ways, or only real days (which the item check demands):
    # 和暦 ⇄ 西暦 of a month with an unknown day can be ambiguous at an era's first month.
    example = SHAPES[src].example
    return Step(
        "date",
        lambda v: convert(v, src, dst, allow),
        lambda v: convert(v, dst, src, allow),
        fails=True,
        inverse_fails=True,
        exact=SHAPES[src].wareki == SHAPES[dst].wareki
        or not (allow or ctx.item.allow_unknown_date),
        code="date",
        inverse_code="date",
        failure=Msg("xform.date", src=src, example=example),
        inverse_failure=Msg("xform.date-back", src=src),
    )


def _check_shapes() -> None:
    missing = set(SHAPES) - set(SYNTAX)
    if missing:  # a shape added to layout_tool.dates needs its column form here too
        raise RuntimeError(f"date shapes without a vectorised form: {sorted(missing)}")


_check_shapes()
