"""Check digits of the identifiers the standard carries (BRIEF §4), one value at a time.

The vectorised forms used by validation live in ``checks.digits``; these scalar forms are
what the generator and the tests use, and what the vectorised forms are tested against.
"""

from __future__ import annotations

from typing import Literal

M11Policy = Literal["zero", "invalid"]
"""What a modulus-11 remainder of 1 yields: check digit 0, or no valid check digit at all."""


def mynumber_check(body: str) -> int:
    """個人番号: check digit for the first 11 digits (番号法施行令 第8条)."""
    total = 0
    for n, ch in enumerate(reversed(body), start=1):
        q = n + 1 if n <= 6 else n - 5
        total += int(ch) * q
    r = total % 11
    return 0 if r <= 1 else 11 - r


def corporate_check(body: str) -> int:
    """法人番号: check digit (the *first* digit) for the other 12 digits."""
    total = 0
    for n, ch in enumerate(reversed(body), start=1):
        total += int(ch) * (1 if n % 2 else 2)
    return 9 - total % 9


def lgcode_check(body: str) -> int:
    """全国地方公共団体コード: check digit for the 5-digit code (weights 6..2)."""
    total = sum(int(ch) * w for ch, w in zip(body, (6, 5, 4, 3, 2), strict=True))
    return (11 - total % 11) % 10


def m11_check(body: str, policy: M11Policy = "zero") -> int | None:
    """宛名番号 / 世帯番号: modulus 11, weights 2..7 from the right; None if undefined."""
    total = 0
    for n, ch in enumerate(reversed(body)):
        total += int(ch) * (2 + n % 6)
    r = total % 11
    if r == 0:
        return 0
    if r == 1:
        return 0 if policy == "zero" else None
    return 11 - r


def with_check(kind: str, body: str, policy: M11Policy = "zero") -> str | None:
    """The full identifier for ``body``, or None where no check digit exists."""
    if kind == "mynumber":
        return body + str(mynumber_check(body))
    if kind == "corporate":
        return str(corporate_check(body)) + body
    if kind == "lgcode":
        return body + str(lgcode_check(body))
    if kind == "m11":
        digit = m11_check(body, policy)
        return None if digit is None else body + str(digit)
    raise ValueError(f"unknown check kind {kind!r}")


LENGTHS: dict[str, int] = {"mynumber": 12, "corporate": 13, "lgcode": 6}
"""Fixed lengths; an M11 number may have any length of two digits or more."""


def is_valid(kind: str, value: str, policy: M11Policy = "zero") -> bool:
    """True when ``value`` is all digits, of the kind's length, and its check digit is right."""
    if not value.isascii() or not value.isdigit() or len(value) < 2:
        return False
    if len(value) != LENGTHS.get(kind, len(value)):
        return False
    body = value[1:] if kind == "corporate" else value[:-1]
    return with_check(kind, body, policy) == value
