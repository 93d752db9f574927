"""Column generators per item type: valid-by-construction values as polars expressions.

Two families. ``index_value`` turns an integer (a person's number, a version number) into the
item's value injectively, so keys built from it are unique and every file that renders the same
index gets the same identifier. ``typed_value`` draws a random valid value of the item's type
(the fallback when the item's name means nothing special to ``semantic``). Both respect the
rules of docs/checks.md: character classes, 桁数 (exactly where ``fixed``), code tables, real
dates inside their era, and check digits computed with ``checks.digits``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import polars as pl

from layout_tool import dates
from layout_tool.checks.digits import check_digit_expr
from layout_tool.sample.pattern import length_of, parse, pattern_value
from layout_tool.sample.rand import below, between, chance, choose, full_width_digits, pick
from layout_tool.spec.itemtypes import item_type
from layout_tool.spec.model import CodeTable, Item

BASE_YEAR = 2024
"""The 課税年度 / 年度 of generated data (a constant keeps multi-file year keys consistent)."""

# Era starts (``layout_tool.dates.ERAS``): code, first day, the Gregorian year of 元年.
ERAS: tuple[tuple[str, dt.date, int], ...] = tuple(
    (era.code, era.start, era.start.year) for era in dates.ERAS
)
_KANA_DIGITS = tuple("アイウエオカキクケコ")
_EPOCH = dt.date(2000, 1, 1)


def is_year_item(item: Item) -> bool:
    """A 年度 (fiscal year) item: rendered as a plausible year, constant when part of a key."""
    return item.type in {"digits", "number"} and item.length >= 4 and "年度" in item.name


def _zfill(expr: pl.Expr, width: int) -> pl.Expr:
    return expr.cast(pl.String).str.zfill(width)


Stage = Callable[[pl.Expr], pl.Expr]
"""Materialises an expression as a scratch column and returns a reference to it.

polars does not share a string subexpression that feeds several others (a check digit reads
its body six times), so bodies and dates are computed once into scratch columns by the
renderer and referenced from there. ``inline`` (no scratch) is for one-off evaluations.
"""


def inline(expr: pl.Expr) -> pl.Expr:
    return expr


def constant(expr: pl.Expr) -> pl.Expr:
    """A row-independent expression evaluated once, as a literal that broadcasts to any height."""
    return pl.lit(pl.select(expr.cast(pl.String)).item(), pl.String)


def m11_number(prefix: pl.Expr, width: int, stage: Stage = inline) -> pl.Expr:
    """``width`` prefix digits + one adjust digit + the M11 check digit.

    The adjust digit has weight 2: when ``0`` would leave the undefined remainder 1 it becomes
    ``1`` (remainder 3, check digit 8). The number is then valid whichever remainder-1 policy
    the validator uses, and distinct prefixes still give distinct numbers. ``prefix`` is an
    integer expression up to 17 digits (kept numeric so polars computes the body only once),
    or a digit string for longer numbers.
    """
    if width <= 17:
        body = stage(_zfill(prefix.cast(pl.UInt64) * 10, width + 1))
    else:
        body = stage(pl.concat_str([prefix, pl.lit("0")]))
    check = check_digit_expr(body, "m11", "invalid", max_body=max(width + 1, 18))
    # Where the check is undefined the concat is null, and the adjusted form takes over.
    adjusted = pl.concat_str([body.str.head(-1), pl.lit("18")])
    return pl.coalesce(pl.concat_str([body, check]), adjusted)


def with_check(kind: str, number: pl.Expr, width: int, stage: Stage = inline) -> pl.Expr:
    """The identifier for an integer body of ``width`` digits (個人番号, 法人番号, 団体コード)."""
    body = stage(_zfill(number, width))
    digit = check_digit_expr(body, kind)
    if kind == "corporate":
        return pl.concat_str([digit, body])
    return pl.concat_str([body, digit])


def _tag_digit(tag: str) -> str:
    return str(1 + sum(tag.encode("utf-8")) % 9)


def index_digits(item: Item, idx: pl.Expr, tag: str | None, stage: Stage = inline) -> pl.Expr:
    """An injective digit string for ``idx`` (0-based) that fits the item and its check."""
    n = idx.cast(pl.Int64)
    length = item.length
    if item.check == "lgcode":
        return with_check("lgcode", 99000 + n % 999 + 1, 5, stage)
    if item.check == "mynumber":
        return with_check("mynumber", 99990000000 + n % 10**7, 11, stage)
    if item.check == "corporate":
        return with_check("corporate", 999900000000 + n % 10**8, 12, stage)
    if item.check == "m11":
        width = max(length - 2, 1)  # prefix digits: length minus adjust and check digit
        if width > 17:
            serial = _zfill(n + 1, width - 1)
            return m11_number(pl.concat_str([pl.lit(_tag_digit(tag or "")), serial]), width, stage)
        if tag is not None and width >= 6:
            return m11_number(int(_tag_digit(tag)) * 10 ** (width - 1) + (n + 1), width, stage)
        return m11_number(n + 1, width, stage)
    if is_year_item(item):
        return (pl.lit(BASE_YEAR, pl.Int64) - n).cast(pl.String)
    if tag is not None and length >= 6:
        return pl.concat_str([pl.lit(_tag_digit(tag)), _zfill(n + 1, length - 1)])
    if item.fixed:
        return _zfill(n + 1, length)
    return (n + 1).cast(pl.String)


def capacity(item: Item, tag: str | None, codes: Mapping[str, CodeTable]) -> int:
    """How many distinct values ``index_value`` can give the item (keys cannot exceed it)."""
    kind, length = item.type, item.length
    if kind == "code" and item.code is not None:
        return len(codes[item.code].values)
    if kind in {"date", "wareki"}:
        return 30000
    if kind == "yearmonth":
        return 12 * 7999
    if kind == "time":
        return 86400
    if kind == "number":
        return int(10 ** min(length, 18)) - 1
    sizes = {"lgcode": 999, "mynumber": 10**7, "corporate": 10**8}
    if item.check in sizes:
        return sizes[item.check]
    if item.check == "m11":
        width = max(length - 2, 1)
        return int(10 ** min(width - 1 if tag is not None and width >= 6 else width, 18)) - 1
    if is_year_item(item):
        return 1000
    return int(10 ** min(length - 1 if tag is not None and length >= 6 else length, 18)) - 1


def index_value(
    item: Item,
    idx: pl.Expr,
    tag: str | None,
    codes: Mapping[str, CodeTable],
    stage: Stage = inline,
) -> pl.Expr:
    """``idx`` rendered as the item's type, injectively where the type allows it."""
    n = idx.cast(pl.Int64)
    kind = item.type
    if kind == "code" and item.code is not None:
        values = list(codes[item.code].values)
        return pick(values, n % len(values))
    if kind in {"date", "wareki"}:
        return format_date(item, stage(pl.lit(_EPOCH) + pl.duration(days=n)))
    if kind == "yearmonth":
        month = n + 2000 * 12
        return pl.concat_str([_zfill(month // 12, 4), _zfill(month % 12 + 1, 2)])
    if kind == "time":
        sec = n % 86400
        return pl.concat_str(
            [_zfill(sec // 3600, 2), _zfill(sec // 60 % 60, 2), _zfill(sec % 60, 2)]
        )
    if kind == "number":
        return (n + 1).cast(pl.String)
    digits = index_digits(item, idx, tag, stage)
    if kind == "zenkaku":
        return full_width_digits(digits)
    if kind == "kana":
        return digits.str.replace_many(list("0123456789"), list(_KANA_DIGITS))
    return digits


def date_between(lo: dt.date, hi: dt.date, key: pl.Expr, salt_: int) -> pl.Expr:
    """A uniform calendar date in [lo, hi]."""
    span = (hi - lo).days
    return pl.lit(lo) + pl.duration(days=below(key, salt_, span + 1).cast(pl.Int64))


def wareki(date: pl.Expr) -> pl.Expr:
    """年号コード (2 digits) + YYMMDD for a Date on or after 1868-01-25."""
    year = date.dt.year().cast(pl.Int64)
    code: pl.Expr = pl.lit(ERAS[0][0])
    era_year: pl.Expr = year - ERAS[0][2] + 1
    for era, start, first in ERAS[1:]:
        later = date >= pl.lit(start)
        code = pl.when(later).then(pl.lit(era)).otherwise(code)
        era_year = pl.when(later).then(year - first + 1).otherwise(era_year)
    return pl.concat_str([code, _zfill(era_year, 2), date.dt.strftime("%m%d")])


def format_date(item: Item, date: pl.Expr) -> pl.Expr:
    if item.type == "wareki":
        return wareki(date)
    if item.type == "yearmonth":
        return date.dt.strftime("%Y%m")
    return date.dt.strftime(item.format or "%Y%m%d")


def date_range(name: str) -> tuple[dt.date, dt.date]:
    """Plausible bounds for a date item, from what its name says it records."""
    if "生年月日" in name or "生年" in name:
        return dt.date(1928, 1, 1), dt.date(2023, 12, 31)
    if "処理" in name or "操作" in name:
        return dt.date(2024, 4, 1), dt.date(2025, 3, 31)
    if "満了" in name or "終了" in name or "有効期間" in name:
        return dt.date(2025, 4, 1), dt.date(2029, 12, 31)
    if "建築" in name:
        return dt.date(1965, 1, 1), dt.date(2023, 12, 31)
    return dt.date(1995, 1, 1), dt.date(2024, 12, 31)


def date_value(item: Item, key: pl.Expr, salt_: int, stage: Stage = inline) -> pl.Expr:
    """A real date of the item's type; a few 日不詳 (day 00) where unknown dates are allowed."""
    lo, hi = date_range(item.name)
    value = format_date(item, stage(date_between(lo, hi, key, salt_)))
    default_form = item.type == "wareki" or (item.format or "%Y%m%d") == "%Y%m%d"
    if item.allow_unknown_date and item.type in {"date", "wareki"} and default_form:
        value = stage(value)
        unknown = chance(key, salt_ + 1, 0.02)
        value = (
            pl.when(unknown).then(pl.concat_str([value.str.head(6), pl.lit("00")])).otherwise(value)
        )
    return value


def code_value(table: CodeTable, key: pl.Expr, salt_: int) -> pl.Expr:
    """A code of the table: the first (usually the ordinary case) most of the time."""
    values = list(table.values)
    if len(values) == 1:
        return pl.lit(values[0])
    first = chance(key, salt_, 0.7)
    return pl.when(first).then(pl.lit(values[0])).otherwise(choose(values[1:], key, salt_ + 1))


def random_digits(width: int, key: pl.Expr, salt_: int) -> pl.Expr:
    """Exactly ``width`` random decimal digits."""
    parts: list[pl.Expr] = []
    remaining, part = width, 0
    while remaining > 0:
        take = min(remaining, 15)
        parts.append(_zfill(below(key, salt_ + part, 10**take), take))
        remaining -= take
        part += 1
    if len(parts) == 1:
        return parts[0]
    return pl.concat_str(parts) if parts else pl.lit("")


def digits_value(item: Item, key: pl.Expr, salt_: int, stage: Stage = inline) -> pl.Expr:
    length, name = item.length, item.name
    if item.check == "lgcode":
        return with_check("lgcode", 99000 + between(key, salt_, 1, 999), 5, stage)
    if item.check == "mynumber":
        return with_check(
            "mynumber", 99990000000 + below(key, salt_, 10**7).cast(pl.Int64), 11, stage
        )
    if item.check == "corporate":
        return with_check(
            "corporate", 999900000000 + below(key, salt_, 10**8).cast(pl.Int64), 12, stage
        )
    if item.check == "m11":
        width = max(length - 2, 1)
        if width > 17:
            return m11_number(random_digits(width, key, salt_), width, stage)
        return m11_number(below(key, salt_, 10**width).cast(pl.Int64), width, stage)
    if is_year_item(item) or (length == 4 and name.endswith("年")):
        return between(key, salt_, BASE_YEAR - 9, BASE_YEAR + 5).cast(pl.String)
    if name.endswith("数") or "順位" in name or "階" in name:
        top = min(10**length - 1, 6)
        value = between(key, salt_, 1, top).cast(pl.String)
        return value.str.zfill(length) if item.fixed else value
    if item.fixed:
        if item.sensitive and length >= 8:
            return pl.concat_str([pl.lit("9999"), random_digits(length - 4, key, salt_)])
        return random_digits(length, key, salt_)
    top = 10 ** min(length, 6) - 1
    return between(key, salt_, 1, top).cast(pl.String)


def number_value(item: Item, key: pl.Expr, salt_: int) -> pl.Expr:
    """A non-negative decimal with at most ``length`` digits and exactly ``scale`` decimals."""
    scale = min(item.scale or 0, max(item.length - 1, 0))
    int_digits = max(item.length - scale, 1)
    if any(word in item.name for word in ("率", "割合", "水準")) and int_digits >= 3:
        whole = between(key, salt_, 0, 100)
    else:
        cap = min(int_digits, 7)
        magnitude = between(key, salt_, 1, cap)
        whole = below(key, salt_ + 1, 10**cap).cast(pl.Int64) % pl.lit(10, pl.Int64).pow(magnitude)
        if cap >= 4 and scale == 0 and "額" in item.name:
            whole = whole // 100 * 100
    text = whole.cast(pl.String)
    if scale == 0:
        return text
    frac = _zfill(below(key, salt_ + 2, 10**scale), scale)
    return pl.concat_str([text, pl.lit("."), frac])


def text_value(item: Item, key: pl.Expr, salt_: int) -> pl.Expr:
    """Generic text of the item's character class, marked as test data."""
    number = below(key, salt_, 10**6).cast(pl.String)
    if item.type == "hankaku":
        return pl.concat_str([pl.lit("TEST"), number])
    if item.type == "kana":
        kana = number.str.replace_many(list("0123456789"), list(_KANA_DIGITS))
        return pl.concat_str([pl.lit("シケン"), kana])
    return pl.concat_str([pl.lit("試験"), full_width_digits(number)])


def typed_value(
    item: Item,
    key: pl.Expr,
    salt_: int,
    codes: Mapping[str, CodeTable],
    stage: Stage = inline,
) -> pl.Expr:
    """A random valid value of the item's type (before fitting to its length)."""
    sample = item_type(item.type).sample  # the generator the type declares
    if item.pattern is not None and sample in {"text", "digits"}:
        atoms = parse(item.pattern)
        if atoms is not None:
            size = length_of(atoms)
            if size == item.length or (not item.fixed and size <= item.length):
                return pattern_value(atoms, key, salt_)
    if sample == "code" and item.code is not None:
        return code_value(codes[item.code], key, salt_)
    if sample == "date":
        return date_value(item, key, salt_, stage)
    if sample == "time":
        sec = below(key, salt_, 86400)
        return pl.concat_str(
            [_zfill(sec // 3600, 2), _zfill(sec // 60 % 60, 2), _zfill(sec % 60, 2)]
        )
    if sample == "digits":
        return digits_value(item, key, salt_, stage)
    if sample == "number":
        return number_value(item, key, salt_)
    return text_value(item, key, salt_)


def fit(item: Item, value: pl.Expr) -> pl.Expr:
    """Cut to 桁数, and pad to exactly 桁数 where the item is fixed."""
    pad = item_type(item.type).pad
    if pad is None:
        return value
    value = value.str.slice(0, item.length)
    if item.fixed:
        if pad == "0":
            return value.str.zfill(item.length)
        return value.str.pad_end(item.length, pad)
    return value
