"""Year-months and times between vendor shapes and the standard's, with exact inverses.

The standard writes a ``yearmonth`` item as ``YYYYMM`` and a ``time`` item as ``HHMMSS``.
Vendors write ``2016-01``, ``2016/01``, ``H28.01`` or ``平成28年1月``; ``09:00:00``, ``09:00``
or ``0900``. Each shape is parsed strictly (fixed widths, no optional padding) so that its
format inverts the parse exactly; a value that does not fit its shape, a month outside
1-12 (00 where the item allows unknown parts), a year-month outside its era, or a time
that the shape cannot write back (``0900`` cannot carry seconds) fails and becomes a
finding on its row. Values are converted once per distinct value (``memo``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import polars as pl

from layout_tool.dates import ERAS, Era, find_era
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
from layout_tool.mapping.transforms.memo import Memo

YM_SHAPES = ("compact", "iso", "slash", "era-letter", "kanji")
TIME_SHAPES = ("compact", "colon", "colon-hm", "hhmm")
_LETTERS = "|".join(e.letter for e in ERAS)
_NAMES = "|".join(e.name for e in ERAS)


def _ym_parse(text: str, shape: str) -> tuple[int, int, Era | None] | None:
    """(western year, month, era) of ``text`` in ``shape``; None where it does not fit."""
    patterns = {
        "compact": r"([0-9]{4})([0-9]{2})",
        "iso": r"([0-9]{4})-([0-9]{2})",
        "slash": r"([0-9]{4})/([0-9]{2})",
    }
    if shape in patterns:
        m = re.fullmatch(patterns[shape], text)
        return None if m is None else (int(m[1]), int(m[2]), None)
    if shape == "era-letter":
        m = re.fullmatch(rf"({_LETTERS})([0-9]{{2}})\.([0-9]{{2}})", text)
    else:
        m = re.fullmatch(rf"({_NAMES})(元|[2-9]|[1-9][0-9]+)年(0|[1-9]|1[0-2])月", text)
    if m is None:
        return None
    era = find_era(m[1])
    year = 1 if m[2] == "元" else int(m[2])
    if year < 1:
        return None
    return era.western_year(year), int(m[3]), era


def _era_of(year: int, month: int) -> Era | None:
    """The era of a year-month: the one whose span holds all of it (None across a change)."""
    hits = []
    for era in ERAS:
        first = era.start.year * 100 + era.start.month
        last = 999_999 if era.end is None else era.end.year * 100 + era.end.month
        if era.end is not None and era.end.day == 1:
            last = era.end.year * 100 + era.end.month - 1
        if month == 0:
            if first // 100 <= year <= last // 100:
                hits.append(era)
        elif first <= year * 100 + month <= last:
            hits.append(era)
    return hits[0] if len(hits) == 1 else None


def _ym_format(year: int, month: int, shape: str) -> str | None:
    if shape == "compact":
        return f"{year:04d}{month:02d}"
    if shape == "iso":
        return f"{year:04d}-{month:02d}"
    if shape == "slash":
        return f"{year:04d}/{month:02d}"
    era = _era_of(year, month)
    if era is None:
        return None
    n = year - era.start.year + 1
    if shape == "era-letter":
        return f"{era.letter}{n:02d}.{month:02d}" if n <= 99 else None
    if month == 0:
        return None
    return f"{era.name}{'元' if n == 1 else n}年{month}月"


def convert_yearmonth(text: str, src: str, dst: str, allow_unknown: bool) -> str | None:
    """One year-month from shape ``src`` to ``dst``; None where it cannot be converted."""
    parsed = _ym_parse(text, src)
    if parsed is None:
        return None
    year, month, era = parsed
    if not 1 <= year <= 9999 or not (0 if allow_unknown else 1) <= month <= 12:
        return None
    if era is not None and _era_of(year, month) is not era:
        return None
    return _ym_format(year, month, dst)


_TIME = {
    "compact": (r"([0-9]{2})([0-9]{2})([0-9]{2})", "{h:02d}{m:02d}{s:02d}"),
    "colon": (r"([0-9]{2}):([0-9]{2}):([0-9]{2})", "{h:02d}:{m:02d}:{s:02d}"),
    "colon-hm": (r"([0-9]{2}):([0-9]{2})", "{h:02d}:{m:02d}"),
    "hhmm": (r"([0-9]{2})([0-9]{2})", "{h:02d}{m:02d}"),
}


def convert_time(text: str, src: str, dst: str) -> str | None:
    """One time from shape ``src`` to ``dst``; None where it cannot be converted."""
    m = re.fullmatch(_TIME[src][0], text)
    if m is None:
        return None
    h, mi = int(m[1]), int(m[2])
    s = int(m[3]) if m.lastindex == 3 else 0
    if h > 23 or mi > 59 or s > 59:
        return None
    if dst in ("colon-hm", "hhmm") and s != 0:
        return None
    return _TIME[dst][1].format(h=h, m=mi, s=s)


def _column(fn: Callable[[str], str | None]) -> Callable[[pl.Expr], pl.Expr]:
    def convert_series(values: pl.Series) -> pl.Series:
        return pl.Series(
            values.name, [None if v is None else fn(v) for v in values], dtype=pl.String
        )

    memo = Memo(convert_series)

    def direction(value: pl.Expr) -> pl.Expr:
        return value.map_batches(memo, return_dtype=pl.String, is_elementwise=True)

    return direction


def _shapes(raw: Any, name: str, shapes: tuple[str, ...], ctx: Context) -> tuple[str, str]:
    opts = options(raw, name, {"from": str, "to": str}, scalar="from")
    if "from" not in opts:
        raise ParamError(Msg("param.say-from", name=name, shapes=", ".join(shapes)))
    src = choice(opts["from"], name, "from", shapes)
    dst = choice(opts.get("to", "compact"), name, "to", shapes)
    return src, dst


def _shape_params(shape: Schema) -> Schema:
    """A shape, or ``{from: shape, to: shape}``."""
    pair = {"from": shape, "to": shape}
    return {
        "oneOf": [
            shape,
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["from"],
                "properties": pair,
            },
        ]
    }


_YM_SHAPE = schema_def(
    "ymShape",
    {
        "enum": list(YM_SHAPES),
        "description": "compact 201601 (the standard), iso 2016-01, slash 2016/01,"
        " era-letter H28.01, kanji 平成28年1月",
    },
)
_TIME_SHAPE = schema_def(
    "timeShape",
    {
        "enum": list(TIME_SHAPES),
        "description": "compact 090000 (the standard), colon 09:00:00, colon-hm 09:00, hhmm 0900",
    },
)


@transform(
    "yearmonth",
    "year-months: 2016-01, 2016/01, H28.01, 平成28年1月 ⇄ 201601",
    _shape_params(_YM_SHAPE),
)
def yearmonth(raw: Any, ctx: Context) -> Step:
    src, dst = _shapes(raw, "yearmonth", YM_SHAPES, ctx)
    allow = ctx.item.allow_unknown_date
    return Step(
        "yearmonth",
        _column(lambda v: convert_yearmonth(v, src, dst, allow)),
        _column(lambda v: convert_yearmonth(v, dst, src, allow)),
        fails=True,
        inverse_fails=True,
        exact=True,
        code="date",
        inverse_code="date",
        failure=Msg("xform.yearmonth", src=src),
        inverse_failure=Msg("xform.yearmonth-back", src=src),
    )


@transform("time", "times: 09:00:00, 09:00, 0900 ⇄ 090000", _shape_params(_TIME_SHAPE))
def time(raw: Any, ctx: Context) -> Step:
    src, dst = _shapes(raw, "time", TIME_SHAPES, ctx)
    return Step(
        "time",
        _column(lambda v: convert_time(v, src, dst)),
        _column(lambda v: convert_time(v, dst, src)),
        fails=True,
        inverse_fails=True,
        exact=True,
        code="date",
        inverse_code="date",
        failure=Msg("xform.time", src=src, example=_TIME[src][1].format(h=9, m=5, s=0)),
        inverse_failure=Msg("xform.time-back", src=src),
    )
