"""Per-item checks as polars expressions: one finding code (or null) per cell.

The order of docs/checks.md is encoded here once: required, type, length, then the item's
own check (code, date or check digit). ``gaiji`` is independent and is its own expression.

Scanning text for a character class is the costly part of checking zenkaku, kana and text
items, and both the type check and the 外字 check do it. ``char_screen`` does it once for
both: one regex for the union of the two classes keeps the few values that may fail either,
and the two exact checks then run on that mostly-null column (``chars=``), where they cost
next to nothing.
"""

from __future__ import annotations

import polars as pl

from layout_tool.charset.length import DEFAULT as DEFAULT_COUNT
from layout_tool.charset.length import size as counted_size
from layout_tool.checks.dates import date_ok
from layout_tool.checks.digits import check_digit_ok, non_digit
from layout_tool.spec.model import DATE_TYPES, CodeTable, Item

PUA = "\ue000-\uf8ff\U000f0000-\U0010fffd"
# Controls, and the bidi embeddings/overrides/isolates (U+202A–U+202E, U+2066–U+2069) that
# reorder what a screen shows: never valid 全角 or printable text (docs/security.md).
CONTROL = "\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
# A character that makes the value not of the type (regex classes; PUA judged by `gaiji`).
BAD_CHAR: dict[str, str] = {
    "zenkaku": f"[{CONTROL}\x20-\x7e\uff61-\uff9f]",
    # 中黒 ・ and ＝ separate the parts of foreign residents' readings (ヤマダ＝タロウ).
    "kana": f"[^\u30a1-\u30f6\u30fb\u30fc\u30fd\u30fe\u3000\uff1d{PUA}]",
    "hankaku": "[^\x20-\x7e]",
    "text": f"[{CONTROL}]",
    "digits": "[^0-9]",
}
NUMBER = r"^-?[0-9]+(\.[0-9]+)?$"
ASCII_TYPES = frozenset({"digits", "hankaku"})
GAIJI = f"[{PUA}]"
# Characters the character checks of layout_tool.charset look for: escape marks (◆ { &),
# U+FFFD and IVS selectors, so that those checks can read the screened column too.
CHARSET_MARKS = "◆{&\ufffd\U000e0100-\U000e01ef"
# A character that may fail the type check or be 外字: the union of BAD_CHAR and GAIJI.
SCREEN: dict[str, str] = {
    "zenkaku": f"[{CONTROL}\x20-\x7e\uff61-\uff9f{PUA}{CHARSET_MARKS}]",
    "kana": "[^\u30a1-\u30f6\u30fb\u30fc\u30fd\u30fe\u3000\uff1d]",
    "text": f"[{CONTROL}{PUA}{CHARSET_MARKS}]",
}


def number_long(value: pl.Expr, length: int, scale: int) -> pl.Expr:
    """More than ``length`` digits, or more than ``scale`` decimals (for a number item).

    Exact where the value passed the type check (``-?[0-9]+(\\.[0-9]+)?``), the only place
    where the length check decides: its digits are its bytes but a sign and a point, its
    decimals the bytes after the point. Literal searches only, no regex or new strings.
    """
    size = value.str.len_bytes().cast(pl.Int64)
    signed = value.str.starts_with("-").cast(pl.Int64)
    if scale == 0:  # any point brings a decimal: the type check wants a digit after it
        has_point = value.str.contains(".", literal=True)
        return (size - signed - has_point.cast(pl.Int64) > length) | has_point
    point = value.str.find(".", literal=True).cast(pl.Int64)
    digits = size - signed - point.is_not_null().cast(pl.Int64)
    decimals = (size - point - 1).fill_null(0)
    return (digits > length) | (decimals > scale)


def char_screen(item: Item, value: pl.Expr) -> pl.Expr | None:
    """The value where it holds a character that may fail the type or 外字 check, else null.

    Pass it as ``chars`` to ``finding_code`` and to ``gaiji_present``: the result is the
    same as with the value itself, after one regex scan instead of two. None for types
    whose class check is not a regex over the same characters (digits, number, hankaku...).
    """
    if item.type not in SCREEN:
        return None
    return pl.when(value.str.contains(SCREEN[item.type])).then(value)


def type_bad(item: Item, value: pl.Expr, chars: pl.Expr | None = None) -> pl.Expr | None:
    """True where the value has a character outside the item's class (or breaks its pattern).

    ``chars``: the value where it may hold such a character, null elsewhere (``char_screen``).
    """
    bad: pl.Expr | None = None
    if item.type == "digits":
        bad = non_digit(value)
    elif item.type in BAD_CHAR:
        bad = (value if chars is None else chars).str.contains(BAD_CHAR[item.type])
    elif item.type == "number":
        bad = ~value.str.contains(NUMBER)
    if item.pattern is not None:
        off = ~value.str.contains(f"^(?:{item.pattern})$")
        bad = off if bad is None else bad | off
    return bad


def length_bad(item: Item, value: pl.Expr, count: str = DEFAULT_COUNT) -> pl.Expr | None:
    """True where the value is too long (for ``fixed``: not exactly ``length``).

    It decides only where the type check passed (docs/checks.md order), as in ``finding_code``.
    ``count``: how 桁数 is counted (``layout_tool.charset.length``; default code points).
    """
    if item.type == "code" or item.type in DATE_TYPES:
        return None
    if item.type == "number":
        return number_long(value, item.length, item.scale or 0)
    # Bytes are characters in an ASCII-only type wherever this check decides: any other
    # character is a type finding, which comes first (and bytes are cheaper to count).
    if count != DEFAULT_COUNT and item.type not in ASCII_TYPES:
        size = counted_size(value, count)
    else:
        size = value.str.len_bytes() if item.type in ASCII_TYPES else value.str.len_chars()
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
        ok = check_digit_ok(value, item.check, item.check_policy, max_length=item.length)
        return "check-digit", ~ok
    if item.code is not None:
        return "code", ~value.is_in(list(codes[item.code].values))
    return None


def finding_code(
    item: Item,
    value: pl.Expr,
    codes: dict[str, CodeTable],
    chars: pl.Expr | None = None,
    count: str = DEFAULT_COUNT,
) -> pl.Expr:
    """The first failing check's code for each cell, or null (docs/checks.md order).

    ``chars``: ``char_screen(item, value)``, when the caller scans for 外字 too.
    """
    steps: list[tuple[str, pl.Expr]] = []
    if item.required:
        steps.append(("required", value.is_null()))
    bad = type_bad(item, value, chars)
    if bad is not None:
        steps.append(("type", bad))
    bad = length_bad(item, value, count)
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


def gaiji_present(value: pl.Expr, pattern: str = GAIJI) -> pl.Expr:
    """True where the value holds a private-use character (also given ``char_screen``'s).

    ``pattern``: the 外字 class of a charset (``CharPolicy.gaiji_pattern``), when one is loaded.
    """
    return value.str.contains(pattern).fill_null(False)
