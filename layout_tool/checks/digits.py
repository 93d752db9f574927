"""Check digits over whole columns (BRIEF §4), as polars expressions.

Why integer arithmetic and lookup tables rather than one ``str.slice`` per character: a body of
up to 18 digits fits an unsigned 64-bit integer, so one string-to-integer cast per row, then a
division, a remainder and one table look-up per *four* digits, replace a string allocation per
character. Ten million rows then take about a second on a two-core machine, which the
synthetic-data generator needs as much as validation does.

Digits are counted from the right, as the statutory formulas count them, so the weight of a
digit never depends on the body's length. Modulus-11 numbers may be longer than 18 digits:
their weights repeat every 6 positions and 18 is a multiple of 6, so a long body is cut into
18-digit chunks from the right whose weighted sums simply add up.

The scalar forms in ``layout_tool.identifiers`` are the reference these are tested against.
"""

from __future__ import annotations

from functools import lru_cache, reduce
from operator import add

import polars as pl

from layout_tool.checks.signs import leading
from layout_tool.identifiers import LENGTHS, M11Policy

CHUNK = 18
"""Digits per integer chunk: a multiple of 6 (the modulus-11 weight period) below 20 digits."""

GROUP = 5
"""Digits looked up at once: a table of 10**5 small integers (200 KB) stays in the CPU cache,
and a 14-digit body takes three look-ups (four at 4 digits: 0.53 → 0.41 CPU s per 1M rows
for the nine check-digit items of 住民 個人)."""

M11_MAX_BODY = CHUNK
"""Default longest 宛名番号 / 世帯番号 body (a 15-digit number has a 14-digit body)."""

KINDS: tuple[str, ...] = ("mynumber", "corporate", "lgcode", "m11")

_BODY_LENGTHS: dict[str, int] = {kind: length - 1 for kind, length in LENGTHS.items()}
"""Fixed-length kinds: the body is the number without its one check digit."""


def non_digit(value: pl.Expr, as_int: pl.Expr | None = None) -> pl.Expr:
    """True where the value holds a character other than ASCII 0-9 (as ``[^0-9]``).

    Half the time of the regex: polars casts a string to an unsigned integer only if it is
    ASCII digits after an optional ``+`` (never ``-``, spaces or other digits), so a value
    that casts and does not start with ``+`` is all digits; only the values that do not cast
    (other characters, or more digits than 64 bits hold) are searched. The cast is the one
    the check digit reads: pass it as ``as_int`` (``digits_as_int(value)``) to compute it
    once for both. tests/property/test_fast_checks_agree.py holds this to the regex.
    """
    n = _as_int(value) if as_int is None else as_int
    unread = pl.when(n.is_null()).then(value)
    return leading(value, "+") | unread.str.contains("[^0-9]").fill_null(False)


def all_digits(value: pl.Expr) -> pl.Expr:
    """True where the value is one or more ASCII digits (as ``^[0-9]+$``)."""
    return (value.str.len_bytes() > 0) & ~non_digit(value)


def _weights(kind: str) -> tuple[int, ...]:
    """Weight of each body digit by position from the right (index 0 = the rightmost digit)."""
    if kind == "mynumber":
        # 番号法施行令 第8条: Q(n) = n + 1 for n <= 6, n - 5 for n >= 7 (n counted from 1).
        return tuple(n + 1 if n <= 6 else n - 5 for n in range(1, 12))
    if kind == "corporate":
        return tuple(1 if n % 2 else 2 for n in range(1, 13))
    if kind == "lgcode":
        return (2, 3, 4, 5, 6)  # 6,5,4,3,2 from the left over five digits
    if kind == "m11":
        return tuple(2 + k % 6 for k in range(CHUNK))
    raise ValueError(f"unknown check kind {kind!r}")


@lru_cache(maxsize=32)
def _table(weights: tuple[int, ...]) -> pl.Series:
    """Weighted digit sum of every GROUP-digit number, for the group's weights (from the right).

    Made by polars over the 10**GROUP numbers at once (a millisecond, where a Python loop
    took 15 ms a table at GROUP 5).
    """
    n = pl.int_range(0, 10**GROUP, dtype=pl.UInt32, eager=True)
    sums = pl.repeat(0, 10**GROUP, dtype=pl.UInt32, eager=True)
    for i, w in enumerate(weights[:GROUP]):
        sums = sums + (n // 10**i % 10) * w
    return sums.cast(pl.UInt16)


def _weighted_sum(chunk: pl.Expr, weights: tuple[int, ...]) -> pl.Expr:
    """Σ digit(k)·weight(k) over a UInt64 column, digit(k) being its k-th digit from the right."""
    parts = []
    for start in range(0, len(weights), GROUP):
        shifted = chunk // 10**start if start else chunk
        group = (shifted % 10**GROUP).cast(pl.UInt32)
        parts.append(pl.lit(_table(weights[start : start + GROUP])).gather(group))
    return reduce(add, parts)  # at most 3 chunks · 18 digits · 9 · 7 < 2**16


@lru_cache(maxsize=8)
def _digit_table(kind: str, policy: M11Policy) -> pl.Series:
    """The check digit for each remainder of the weighted sum (mod 9 or 11); None = undefined."""
    if kind == "mynumber":
        digits: list[int | None] = [0 if r <= 1 else 11 - r for r in range(11)]
    elif kind == "corporate":
        digits = [9 - r for r in range(9)]
    elif kind == "lgcode":
        digits = [(11 - r) % 10 for r in range(11)]
    else:
        digits = [0 if r == 0 else 11 - r for r in range(11)]
        digits[1] = 0 if policy == "zero" else None
    return pl.Series([None if d is None else str(d) for d in digits], dtype=pl.String)


def digits_as_int(digits: pl.Expr) -> pl.Expr:
    """A digit string as UInt64: the one cast ``non_digit`` and ``check_digit_ok`` read."""
    return _as_int(digits)


def _as_int(digits: pl.Expr) -> pl.Expr:
    """A digit string as UInt64 (callers have checked it is digits only; "" becomes null)."""
    return digits.cast(pl.UInt64, strict=False)


def _digit(body: pl.Expr, kind: str, policy: M11Policy, max_body: int) -> pl.Expr:
    """The check digit of a body already known to be digits only and of a usable length."""
    weights = _weights(kind)
    if kind == "m11":
        # A body of at most one chunk needs no slicing (longer ones are masked out by callers).
        chunks = [body if max_body <= CHUNK else body.str.slice(-CHUNK)]
        chunks += [
            body.str.head(-CHUNK * j).str.slice(-CHUNK) for j in range(1, -(-max_body // CHUNK))
        ]
        total = _weighted_sum(_as_int(chunks[0]), weights)
        for chunk in chunks[1:]:
            total = total + _weighted_sum(_as_int(chunk).fill_null(0), weights)
    else:
        total = _weighted_sum(_as_int(body), weights)
    modulus = 9 if kind == "corporate" else 11
    return pl.lit(_digit_table(kind, policy)).gather((total % modulus).cast(pl.UInt8))


def check_digit_expr(
    body: pl.Expr, kind: str, policy: M11Policy = "zero", *, max_body: int = M11_MAX_BODY
) -> pl.Expr:
    """The check digit (a one-character String) for each body; null where there is none.

    ``body`` is the number without its check digit: for ``corporate`` the last 12 digits
    (the check is the *first* digit of a 法人番号). Null comes back for a null body, one that
    is not all ASCII digits or not of the kind's body length (11, 12 or 5; 1..``max_body``
    for ``m11``), and for a modulus-11 remainder of 1 under ``policy="invalid"``.
    """
    _weights(kind)
    length = body.str.len_bytes()
    if kind == "m11":
        right_length = (length >= 1) & (length <= max_body)
    else:
        right_length = length == _BODY_LENGTHS[kind]
    usable = all_digits(body) & right_length
    return pl.when(usable).then(_digit(body, kind, policy, max_body))


def check_digit_ok(
    value: pl.Expr,
    kind: str,
    policy: M11Policy = "zero",
    *,
    max_length: int = M11_MAX_BODY + 1,
    as_int: pl.Expr | None = None,
    digits_known: bool = False,
) -> pl.Expr:
    """True where the check digit is right, false where wrong, null where not applicable.

    Not applicable: a null or empty value, one with any character other than ASCII 0-9, or
    the wrong length for the kind (12 個人番号, 13 法人番号, 6 団体コード, 2..``max_length``
    for ``m11``; pass the item's 桁数 for longer numbers). Those are the ``type`` and
    ``length`` checks' findings, and a cell gets at most one finding. A value whose body has
    no valid check digit at all (``policy="invalid"``, remainder 1) is false.

    ``as_int``: ``digits_as_int(value)``, when the caller computes it once for several checks.
    ``digits_known``: the caller only reads the result where the value is all ASCII digits
    (the item's ``type`` check came first), so that part of the applicability is not
    computed again; the result elsewhere is then meaningless.
    """
    _weights(kind)
    length = value.str.len_bytes()
    if kind == "m11":
        right_length = (length >= 2) & (length <= max_length)
    else:
        right_length = length == LENGTHS[kind]
    applicable = right_length if digits_known else all_digits(value) & right_length
    if max_length <= CHUNK + 1 or kind != "m11":
        body_digits = max(max_length - 1, 1) if kind == "m11" else _BODY_LENGTHS[kind]
        ok = _ok_by_integer(value, kind, policy, body_digits, as_int)
    else:
        if kind == "corporate":
            body, given = value.str.slice(1), value.str.head(1)
        else:
            body, given = value.str.head(-1), value.str.tail(1)
        ok = (_digit(body, kind, policy, max(max_length - 1, 1)) == given).fill_null(False)
    return pl.when(applicable).then(ok)


@lru_cache(maxsize=8)
def _int_digit_table(kind: str, policy: M11Policy) -> pl.Series:
    """As ``_digit_table``, as small integers (10 stands for "no check digit")."""
    digits = _digit_table(kind, policy).to_list()
    return pl.Series([10 if d is None else int(d) for d in digits], dtype=pl.UInt8)


def _ok_by_integer(
    value: pl.Expr, kind: str, policy: M11Policy, max_body: int, n: pl.Expr | None = None
) -> pl.Expr:
    """Whole number as one UInt64: body and check digit split arithmetically, no substrings.

    Used when the value has at most 19 digits (every kind but a long M11 number); only the
    weights of the ``max_body`` rightmost body digits are summed (for M11: a 15-digit
    宛名番号 needs four table look-ups, not five).
    """
    n = _as_int(value) if n is None else n
    if kind == "corporate":
        body, given = n % 10**12, n // 10**12
    else:
        body, given = n // 10, n % 10
    total = _weighted_sum(body, _weights(kind)[:max_body])
    modulus = 9 if kind == "corporate" else 11
    expected = pl.lit(_int_digit_table(kind, policy)).gather((total % modulus).cast(pl.UInt8))
    # Compared as UInt64: a corporate number too long for its 桁数 (a length finding) has a
    # "check digit" past 255, which a strict UInt8 cast would refuse for the whole batch.
    return (expected.cast(pl.UInt64) == given).fill_null(False)
