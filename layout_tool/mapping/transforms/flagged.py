"""A date with a companion 不詳フラグ field ⇄ the standard's unknown-part form (``00``).

Many exports write a complete date and say in another field that part of it is unknown:
``生年月日 = 1950-01-01, 生年月日_不詳フラグ = 2`` for "1950, month and day unknown". The
standard writes ``03250000`` instead. The rule compiler turns a ``from`` rule whose ``date``
transform names an ``unknown_flag`` field into a join of the two fields (joined by
:data:`SEP`, which no date contains), and this step converts the pair:

- flag empty or ``known`` (default ``"0"``): the date is converted as it is;
- a flag value listed in ``unknown`` (``day`` or ``month-day``): those parts must be the
  placeholder ``01`` in the vendor's date, and become ``00``;
- any other flag value, or a placeholder that is not ``01``: the row fails (``date``).

The inverse writes ``00`` parts back as ``01`` with the flag that says so, and ``known`` for
a complete date; an empty standard value gives both fields empty.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from layout_tool.dates import SHAPES, DateText, convert_date_text, get_shape
from layout_tool.i18n import Msg
from layout_tool.mapping.transforms.base import Context, ParamError, Step, choice, options
from layout_tool.mapping.transforms.memo import Memo

SEP = "\x1f"  # joins the date and its flag inside the rule (never in a date or a flag)
UNKNOWN_KINDS = ("day", "month-day")


def flag_options(raw: dict[str, Any]) -> tuple[str, dict[str, str], str]:
    """(flag field, flag value → unknown kind, known flag value) of a ``date`` entry."""
    opts = options(
        raw,
        "date",
        {"from": str, "to": str, "allow_unknown": bool, "unknown_flag": str,
         "unknown": (str, dict), "known": str},
    )  # fmt: skip
    unknown = opts.get("unknown", "month-day")
    table = {"1": unknown} if isinstance(unknown, str) else {str(k): v for k, v in unknown.items()}
    for value, kind in table.items():
        choice(kind, "date", f"unknown ({value})", UNKNOWN_KINDS)
    known = opts.get("known", "0")
    if known in table:
        raise ParamError(Msg("param.flag-both", known=repr(known)))
    if len(set(table.values())) != len(table):
        raise ParamError(Msg("param.flag-same"))
    return str(opts["unknown_flag"]), table, known


def _forward(value: str, src: str, dst: str, table: dict[str, str], known: str) -> str | None:
    day, _, flag = value.partition(SEP)
    if not day:
        return "" if flag in ("", known) else None
    try:
        if flag in ("", known):
            return convert_date_text(day, src, dst, allow_unknown=True)
        kind = table.get(flag)
        if kind is None:
            return None
        shape = get_shape(src)
        parts = shape.parse_text(day)
        if parts.day != 1 or (kind == "month-day" and parts.month != 1):
            return None  # the placeholder is 01: anything else would not come back
        month = 0 if kind == "month-day" else parts.month
        blank = shape.format_text(DateText(parts.era, parts.year, month, 0))
        return convert_date_text(blank, src, dst, allow_unknown=True)
    except ValueError:
        return None


def _inverse(value: str, src: str, dst: str, back: dict[str, str], known: str) -> str | None:
    try:
        text = convert_date_text(value, dst, src, allow_unknown=True)
        shape = get_shape(src)
        parts = shape.parse_text(text)
    except ValueError:
        return None
    if parts.month == 0 or parts.day == 0:
        kind = "month-day" if parts.month == 0 else "day"
        flag = back.get(kind)
        if flag is None:
            return None
        full = DateText(parts.era, parts.year, parts.month or 1, 1)
        return shape.format_text(full) + SEP + flag
    return text + SEP + known


def _column(fn: Any) -> Any:
    def convert_series(values: pl.Series) -> pl.Series:
        return pl.Series(values.name, [None if v is None else fn(v) for v in values], pl.String)

    memo = Memo(convert_series)
    return lambda v: v.map_batches(memo, return_dtype=pl.String, is_elementwise=True)


def flagged_date(raw: dict[str, Any], ctx: Context, src: str, dst: str) -> Step:
    """The step over ``date`` + SEP + ``flag`` (see the module's docstring)."""
    _, table, known = flag_options(raw)
    if not SHAPES[src].unknown_ok or not SHAPES[dst].unknown_ok:
        raise ParamError(Msg("param.flag-shapes", src=src, dst=dst))
    back = {kind: value for value, kind in table.items()}
    return Step(
        "date",
        _column(lambda v: _forward(v, src, dst, table, known)),
        _column(lambda v: _inverse(v, src, dst, back, known)),
        fails=True,
        inverse_fails=True,
        code="date",
        inverse_code="date",
        failure=Msg("xform.flagged", src=src, known=known, flags=", ".join(table)),
        inverse_failure=Msg("xform.flagged-back", src=src),
    )
