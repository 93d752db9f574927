"""Check digits: published examples, independent reference formulas, and the column forms."""

from __future__ import annotations

import itertools
import random

import polars as pl
import pytest

from layout_tool import identifiers
from layout_tool.checks.digits import check_digit_expr, check_digit_ok
from layout_tool.identifiers import M11Policy

# --- reference implementations, written from BRIEF §4's statutory wording -----------------


def ref_mynumber(body: str) -> str:
    """P(n): n-th digit from the right of the 11; Q(n) = n+1 (n <= 6), n-5 (n >= 7)."""
    assert len(body) == 11
    total = sum(int(body[-n]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    r = total % 11
    return "0" if r <= 1 else str(11 - r)


def ref_corporate(body: str) -> str:
    """Odd positions from the right weigh 1, even ones 2; check = 9 - (sum mod 9)."""
    assert len(body) == 12
    odd = sum(map(int, body[::-1][0::2]))
    even = sum(map(int, body[::-1][1::2]))
    return str(9 - (odd + 2 * even) % 9)


def ref_lgcode(body: str) -> str:
    """Weights 6,5,4,3,2; check = the last digit of 11 - (sum mod 11)."""
    r = sum(int(d) * w for d, w in zip(body, range(6, 1, -1), strict=True)) % 11
    return str(11 - r)[-1]


def ref_m11(body: str, policy: M11Policy) -> str | None:
    """Weights 2,3,4,5,6,7,2,3,... from the right; remainder 0 → 0, 1 → policy."""
    r = sum(int(d) * w for d, w in zip(reversed(body), itertools.cycle(range(2, 8)))) % 11
    if r == 1:
        return "0" if policy == "zero" else None
    return str((11 - r) % 11)


def reference(kind: str, body: str, policy: M11Policy) -> str | None:
    if kind == "mynumber":
        return ref_mynumber(body)
    if kind == "corporate":
        return ref_corporate(body)
    if kind == "lgcode":
        return ref_lgcode(body)
    return ref_m11(body, policy)


def expr_digits(
    bodies: list[str | None], kind: str, policy: M11Policy = "zero", max_body: int = 18
) -> list[str | None]:
    frame = pl.DataFrame({"b": bodies}, schema={"b": pl.String})
    expr = check_digit_expr(pl.col("b"), kind, policy, max_body=max_body)
    return frame.select(expr.alias("c"))["c"].to_list()


def expr_ok(
    values: list[str | None], kind: str, policy: M11Policy = "zero", max_length: int = 19
) -> list[bool | None]:
    frame = pl.DataFrame({"v": values}, schema={"v": pl.String})
    expr = check_digit_ok(pl.col("v"), kind, policy, max_length=max_length)
    return frame.select(expr.alias("ok"))["ok"].to_list()


# --- published and hand-worked examples ----------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "number"),
    [
        ("lgcode", "131016"),  # 千代田区 (BRIEF §4)
        ("lgcode", "011011"),  # 札幌市中央区 (BRIEF §4)
        ("lgcode", "271004"),  # 大阪市
        ("mynumber", "123456789018"),  # the usual specimen 個人番号
        ("corporate", "7000012050002"),  # 国税庁's 法人番号
        ("m11", "19"),  # 1·2 = 2 → 11 - 2 = 9
        ("m11", "51"),  # 5·2 = 10 → 1
        ("m11", "60"),  # 6·2 = 12, remainder 1 → 0 under "zero"
    ],
)
def test_known_numbers_are_valid_everywhere(kind: str, number: str) -> None:
    assert identifiers.is_valid(kind, number)
    assert expr_ok([number], kind) == [True]
    body, digit = (number[1:], number[0]) if kind == "corporate" else (number[:-1], number[-1])
    assert expr_digits([body], kind) == [digit]


def test_lgcode_examples_of_the_brief() -> None:
    assert identifiers.with_check("lgcode", "13101") == "131016"
    assert identifiers.with_check("lgcode", "01101") == "011011"
    assert expr_digits(["13101", "01101"], "lgcode") == ["6", "1"]


def test_m11_remainder_one_follows_the_policy() -> None:
    assert expr_digits(["6"], "m11", policy="zero") == ["0"]
    assert expr_digits(["6"], "m11", policy="invalid") == [None]
    assert expr_ok(["60"], "m11", policy="invalid") == [False]
    assert identifiers.m11_check("6", "invalid") is None


# --- applicability: null where type/length checks report instead --------------------------


def test_not_applicable_values_are_null() -> None:
    values = [
        None,
        "",
        "12345678901",
        "1234567890189",
        "12345678901a",
        "１２３４５６７８９０１８",
        " 23456789018",
    ]
    assert expr_ok(values, "mynumber") == [None] * len(values)
    assert expr_ok(["0", "1" * 20], "m11") == [None, None]
    assert expr_ok(["13101", "1310166"], "lgcode") == [None, None]


def test_wrong_digits_are_false() -> None:
    assert expr_ok(["123456789017", "123456789018", "223456789018"], "mynumber") == [
        False,
        True,
        False,
    ]
    assert expr_ok(["131015"], "lgcode") == [False]
    assert expr_ok(["8000012050002"], "corporate") == [False]
    assert expr_ok(["18"], "m11") == [False]


def test_long_m11_numbers_need_max_length() -> None:
    body = "1234567890" * 4  # 40 digits: three chunks of the column form
    number = body + (ref_m11(body, "zero") or "")
    assert expr_ok([number], "m11") == [None]
    assert expr_ok([number], "m11", max_length=41) == [True]
    assert expr_digits([body], "m11", max_body=40) == [number[-1]]


def test_bodies_of_the_wrong_shape_have_no_digit() -> None:
    assert expr_digits([None, "", "1234567890", "12345678901x"], "mynumber") == [None] * 4


def test_unknown_kind_is_refused_when_building() -> None:
    with pytest.raises(ValueError, match="unknown check kind"):
        check_digit_ok(pl.col("v"), "isbn")
    with pytest.raises(ValueError, match="unknown check kind"):
        check_digit_expr(pl.col("v"), "isbn")


# --- scalar and column forms against the references on many random bodies ------------------


@pytest.mark.parametrize(
    ("kind", "length"), [("mynumber", 11), ("corporate", 12), ("lgcode", 5), ("m11", 14)]
)
def test_column_form_matches_references_on_random_bodies(kind: str, length: int) -> None:
    rng = random.Random(20240401)
    bodies = ["".join(rng.choice("0123456789") for _ in range(length)) for _ in range(3000)]
    policies: tuple[M11Policy, ...] = ("zero", "invalid")
    for policy in policies:
        expected = [reference(kind, b, policy) for b in bodies]
        assert expr_digits(list(bodies), kind, policy) == expected
        whole = [identifiers.with_check(kind, b, policy) for b in bodies]
        scalar = [None if w is None else (w[0] if kind == "corporate" else w[-1]) for w in whole]
        assert scalar == expected
