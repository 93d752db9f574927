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

import re

import polars as pl

from layout_tool.charset.length import DEFAULT as DEFAULT_COUNT
from layout_tool.charset.length import size as counted_size
from layout_tool.checks.dates import date_ok
from layout_tool.checks.digits import check_digit_ok, digits_as_int, non_digit
from layout_tool.checks.signs import leading
from layout_tool.spec.itemtypes import DIGITS_ONLY, ITEM_TYPE_DEFS, NUMBER, item_type
from layout_tool.spec.itemtypes import GAIJI as GAIJI  # re-exported: the checks' 外字 class
from layout_tool.spec.model import CodeTable, Item

# The classes are declared per type in ``layout_tool.spec.itemtypes``; these views keep the
# names the checks (and their tests) use.
BAD_CHAR: dict[str, str] = {n: d.bad_char for n, d in ITEM_TYPE_DEFS.items() if d.bad_char}
ASCII_TYPES = frozenset(n for n, d in ITEM_TYPE_DEFS.items() if d.length == "bytes")
# A character that may fail the type check or be 外字: the union of BAD_CHAR and GAIJI.
SCREEN: dict[str, str] = {n: d.screen for n, d in ITEM_TYPE_DEFS.items() if d.screen}
_PUA_RE = re.compile(GAIJI)


def number_long(value: pl.Expr, length: int, scale: int) -> pl.Expr:
    """More than ``length`` digits, or more than ``scale`` decimals (for a number item).

    Exact where the value passed the type check (``-?[0-9]+(\\.[0-9]+)?``), the only place
    where the length check decides: its digits are its bytes but a sign and a point, its
    decimals the bytes after the point. Literal searches only, no regex or new strings.
    """
    size = value.str.len_bytes().cast(pl.Int64)
    signed = leading(value, "-").cast(pl.Int64)
    if scale == 0:  # any point brings a decimal: the type check wants a digit after it
        has_point = value.str.contains(".", literal=True)
        return (size - signed - has_point.cast(pl.Int64) > length) | has_point
    point = value.str.find(".", literal=True).cast(pl.Int64)
    digits = size - signed - point.is_not_null().cast(pl.Int64)
    decimals = (size - point - 1).fill_null(0)
    return (digits > length) | (decimals > scale)


def number_rest(value: pl.Expr) -> pl.Expr:
    """A number item's value where it is not a plain integer, else null.

    polars casts a string to a signed integer only if it is ASCII digits after an optional
    ``-`` or ``+`` (no spaces, points or exponents; nothing past 64 bits), so a value that
    casts and does not start with ``+`` matches ``-?[0-9]+``: the common case of a number
    item, decided without the regex, its digits counted by its bytes. Only the rest (mostly
    null) is searched. tests/property/test_fast_checks_agree.py holds this to the regex.
    """
    return pl.when(value.cast(pl.Int64, strict=False).is_null()).then(value)


def _number_bad(value: pl.Expr, rest: pl.Expr) -> pl.Expr:
    """``~value.str.contains(NUMBER)``, the regex run on ``number_rest(value)`` only."""
    return leading(value, "+") | ~rest.str.contains(NUMBER)


def _number_long_fast(value: pl.Expr, rest: pl.Expr, length: int, scale: int) -> pl.Expr:
    """``number_long``, plain integers (``rest`` null) counted by their bytes."""
    digits = value.str.len_bytes().cast(pl.Int64) - leading(value, "-").cast(pl.Int64)
    return (rest.is_null() & (digits > length)) | number_long(rest, length, scale)


def precomputed(item: Item, value: pl.Expr) -> tuple[str, pl.Expr] | None:
    """The one column several checks of the item read, to compute once: ("as_int", the
    UInt64 cast of a digits item) or ("rest", ``number_rest`` of a number item)."""
    kind = item_type(item.type)
    if kind.bad_char == DIGITS_ONLY:
        return "as_int", digits_as_int(value)
    if kind.length == "number":
        return "rest", number_rest(value)
    return None


def char_screen(item: Item, value: pl.Expr) -> pl.Expr | None:
    """The value where it holds a character that may fail the type or 外字 check, else null.

    Pass it as ``chars`` to ``finding_code`` and to ``gaiji_present``: the result is the
    same as with the value itself, after one regex scan instead of two. None for types
    whose class check is not a regex over the same characters (digits, number, hankaku...).
    """
    if item.type not in SCREEN:
        return None
    return pl.when(value.str.contains(SCREEN[item.type])).then(value)


def type_bad(
    item: Item,
    value: pl.Expr,
    chars: pl.Expr | None = None,
    as_int: pl.Expr | None = None,
    rest: pl.Expr | None = None,
) -> pl.Expr | None:
    """True where the value has a character outside the item's class (or breaks its pattern).

    ``chars``: the value where it may hold such a character, null elsewhere (``char_screen``).
    ``as_int`` / ``rest``: ``precomputed(item, value)``'s column, computed once.
    """
    bad: pl.Expr | None = None
    kind = item_type(item.type)
    if kind.bad_char == DIGITS_ONLY:
        bad = non_digit(value, as_int)
    elif kind.bad_char is not None:
        bad = (value if chars is None else chars).str.contains(kind.bad_char)
    elif kind.length == "number":
        bad = ~value.str.contains(NUMBER) if rest is None else _number_bad(value, rest)
    if item.pattern is not None:
        off = ~value.str.contains(f"^(?:{item.pattern})$")
        bad = off if bad is None else bad | off
    return bad


def length_bad(
    item: Item, value: pl.Expr, count: str = DEFAULT_COUNT, rest: pl.Expr | None = None
) -> pl.Expr | None:
    """True where the value is too long (for ``fixed``: not exactly ``length``).

    It decides only where the type check passed (docs/checks.md order), as in ``finding_code``.
    ``rest``: for a number item, ``number_rest(value)`` computed once.
    ``count``: how 桁数 is counted (``layout_tool.charset.length``; default code points).
    """
    rule = item_type(item.type).length
    if rule == "none":
        return None
    if rule == "number":
        if rest is not None:
            return _number_long_fast(value, rest, item.length, item.scale or 0)
        return number_long(value, item.length, item.scale or 0)
    # Bytes are characters in an ASCII-only type wherever this check decides: any other
    # character is a type finding, which comes first (and bytes are cheaper to count).
    if count != DEFAULT_COUNT and item.type not in ASCII_TYPES:
        size = counted_size(value, count)
    elif item.type in ASCII_TYPES:
        size = value.str.len_bytes()
    elif item.fixed:
        size = value.str.len_chars()
    else:  # at most ``length`` bytes is at most ``length`` characters: count only the rest
        long = pl.when(value.str.len_bytes() > item.length).then(value)
        return long.str.len_chars() > item.length
    return size != item.length if item.fixed else size > item.length


def own_check(
    item: Item,
    value: pl.Expr,
    codes: dict[str, CodeTable],
    as_int: pl.Expr | None = None,
    after_type: bool = False,
) -> tuple[str, pl.Expr] | None:
    """The item's last check: (finding code, bad expression).

    ``after_type``: the result is read only where the type check passed (as in
    ``finding_code``), so a check digit need not test the digits again.
    """
    own = item_type(item.type).own_check
    if own == "code" and item.code is not None:
        return "code", ~value.is_in(list(codes[item.code].values))
    if own == "date":
        return "date", ~date_ok(value, item.type, item.format, item.allow_unknown_date)
    if item.check is not None:
        digits_known = after_type and item_type(item.type).bad_char == DIGITS_ONLY
        ok = check_digit_ok(
            value,
            item.check,
            item.check_policy,
            max_length=item.length,
            as_int=as_int,
            digits_known=digits_known,
        )
        return "check-digit", ~ok
    if item.code is not None:
        return "code", ~value.is_in(list(codes[item.code].values))
    return None


CHECK_CODES: tuple[str, ...] = ("required", "type", "length", "code", "date", "check-digit")
"""The per-cell finding codes, in the order ``finding_index`` numbers them."""


def check_steps(
    item: Item,
    value: pl.Expr,
    codes: dict[str, CodeTable],
    chars: pl.Expr | None = None,
    count: str = DEFAULT_COUNT,
    as_int: pl.Expr | None = None,
    rest: pl.Expr | None = None,
) -> list[tuple[str, pl.Expr]]:
    """(finding code, bad condition) of each check of the item, in docs/checks.md order.

    ``chars``: ``char_screen(item, value)``, when the caller scans for 外字 too.
    ``as_int`` / ``rest``: ``precomputed(item, value)``'s column, when the caller computes
    it once for the several checks that read it.
    """
    steps: list[tuple[str, pl.Expr]] = []
    if item.required:
        steps.append(("required", value.is_null()))
    bad = type_bad(item, value, chars, as_int, rest)
    if bad is not None:
        steps.append(("type", bad))
    bad = length_bad(item, value, count, rest)
    if bad is not None:
        steps.append(("length", bad))
    own = own_check(item, value, codes, as_int, after_type=True)
    if own is not None:
        steps.append(own)
    return steps


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
    result = pl.lit(None, dtype=pl.String)
    for code, cond in reversed(check_steps(item, value, codes, chars, count)):
        result = pl.when(cond).then(pl.lit(code)).otherwise(result)  # null: passes
    return result


def finding_index(steps: list[tuple[str, pl.Expr]]) -> pl.Expr:
    """As ``finding_code``, the code's place in ``CHECK_CODES`` (UInt8): 1 byte a cell, not a
    string view of 16.

    A null condition passes: ``when`` takes null as false, so the conditions need no
    ``fill_null(False)`` (about 230 expression nodes fewer for 住民 個人, 8 % of the batch
    query's CPU: on 16,000-row batches polars' cost per node is a third of the work).
    """
    result = pl.lit(None, dtype=pl.UInt8)
    for code, cond in reversed(steps):
        index = pl.lit(CHECK_CODES.index(code), dtype=pl.UInt8)
        result = pl.when(cond).then(index).otherwise(result)
    return result


def gaiji_present(value: pl.Expr, pattern: str = GAIJI) -> pl.Expr:
    """True where the value holds a private-use character (also given ``char_screen``'s).

    ``pattern``: the 外字 class of a charset (``CharPolicy.gaiji_pattern``), when one is loaded.
    """
    return value.str.contains(pattern).fill_null(False)


def gaiji_fails_checks(item: Item, codes: dict[str, CodeTable]) -> bool:
    """Whether a 外字 anywhere in a value always makes the item's own checks fail.

    The one 外字 policy (``ItemTypeDef.gaiji``) that validate and convert share: where it
    holds, a row with a 外字 already has a finding (a failed check, or a failed transform that
    suppressed it), so the 外字 flag need only be looked for on such rows instead of
    scanning every value. Text types (zenkaku, kana, text) accept 外字; a date whose format,
    or a code whose table, holds one may too.
    """
    policy = item_type(item.type).gaiji
    if policy == "date-format":
        return not _PUA_RE.search(item.format or "")
    if policy == "code-values":
        if item.code not in codes:
            return False
        return not any(_PUA_RE.search(v) for v in codes[item.code].values)
    return policy == "fails"
