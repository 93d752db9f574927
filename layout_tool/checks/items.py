"""Per-item checks as polars expressions: one finding code (or null) per cell.

The order of docs/checks.md is encoded here once: required, type, length, then the item's
own check (code, date or check digit). ``gaiji`` is independent and is its own expression.
"""

from __future__ import annotations

import polars as pl

from layout_tool.checks.dates import date_ok
from layout_tool.checks.digits import check_digit_ok
from layout_tool.spec.model import DATE_TYPES, CodeTable, Item

PUA = "\ue000-\uf8ff\U000f0000-\U0010fffd"
CONTROL = "\x00-\x1f\x7f-\x9f"
# A character that makes the value not of the type (regex classes; PUA judged by `gaiji`).
BAD_CHAR: dict[str, str] = {
    "zenkaku": f"[{CONTROL}\x20-\x7e\uff61-\uff9f]",
    "kana": f"[^\u30a1-\u30f6\u30fc\u30fd\u30fe\u3000{PUA}]",
    "hankaku": "[^\x20-\x7e]",
    "text": f"[{CONTROL}]",
    "digits": "[^0-9]",
}
NUMBER = r"^-?[0-9]+(\.[0-9]+)?$"
GAIJI = f"[{PUA}]"


def type_bad(item: Item, value: pl.Expr) -> pl.Expr | None:
    """True where the value has a character outside the item's class (or breaks its pattern)."""
    bad: pl.Expr | None = None
    if item.type in BAD_CHAR:
        bad = value.str.contains(BAD_CHAR[item.type])
    elif item.type == "number":
        bad = ~value.str.contains(NUMBER)
    if item.pattern is not None:
        off = ~value.str.contains(f"^(?:{item.pattern})$")
        bad = off if bad is None else bad | off
    return bad


def length_bad(item: Item, value: pl.Expr) -> pl.Expr | None:
    if item.type == "code" or item.type in DATE_TYPES:
        return None
    if item.type == "number":
        digits = value.str.replace_all(r"[-.]", "").str.len_chars()
        decimals = value.str.extract(r"\.([0-9]*)$", 1).str.len_chars().fill_null(0)
        return (digits > item.length) | (decimals > (item.scale or 0))
    size = value.str.len_chars()
    return size != item.length if item.fixed else size > item.length


def own_check(
    item: Item, value: pl.Expr, codes: dict[str, CodeTable]
) -> tuple[str, pl.Expr] | None:
    """The item's last check: (finding code, bad expression)."""
    if item.type == "code" and item.code is not None:
        return "code", ~value.is_in(list(codes[item.code].values))
    if item.type in DATE_TYPES:
        return "date", ~date_ok(value, item.type, item.format, item.allow_unknown_date)
    if item.check is not None:
        return "check-digit", ~check_digit_ok(value, item.check, max_length=item.length)
    if item.code is not None:
        return "code", ~value.is_in(list(codes[item.code].values))
    return None


def finding_code(item: Item, value: pl.Expr, codes: dict[str, CodeTable]) -> pl.Expr:
    """The first failing check's code for each cell, or null (docs/checks.md order)."""
    steps: list[tuple[str, pl.Expr]] = []
    if item.required:
        steps.append(("required", value.is_null()))
    bad = type_bad(item, value)
    if bad is not None:
        steps.append(("type", bad))
    bad = length_bad(item, value)
    if bad is not None:
        steps.append(("length", bad))
    own = own_check(item, value, codes)
    if own is not None:
        steps.append(own)
    if not steps:
        return pl.lit(None, dtype=pl.String)
    result = pl.lit(None, dtype=pl.String)
    for code, cond in reversed(steps):
        result = pl.when(cond.fill_null(False)).then(pl.lit(code)).otherwise(result)
    return result


def gaiji_present(value: pl.Expr) -> pl.Expr:
    return value.str.contains(GAIJI).fill_null(False)
