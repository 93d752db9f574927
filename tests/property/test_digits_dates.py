"""Properties: check digits agree with reference formulas, dates round-trip, and the vectorised
date check agrees with a scalar oracle written from docs/checks.md."""

from __future__ import annotations

import re
from datetime import date

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from layout_tool import identifiers
from layout_tool.checks.dates import date_ok
from layout_tool.checks.digits import check_digit_expr, check_digit_ok
from layout_tool.dates import (
    ERAS,
    SHAPES,
    convert_date_text,
    days_in_month,
    find_era,
    format_date,
    from_wareki,
    parse_date,
    to_wareki,
)
from layout_tool.identifiers import M11Policy

# --- reference check digits, by integer arithmetic on the whole number ------------------------


def _digits_from_right(body: str) -> list[int]:
    n, out = int(body), []
    for _ in body:
        n, d = divmod(n, 10)
        out.append(d)
    return out  # out[0] is P(1)


def reference_digit(kind: str, body: str, policy: M11Policy) -> str | None:
    p = _digits_from_right(body)
    if kind == "mynumber":
        r = sum(d * (n + 2 if n < 6 else n - 4) for n, d in enumerate(p)) % 11
        return str(0 if r in (0, 1) else 11 - r)
    if kind == "corporate":
        return str(9 - sum(d * (2 if n % 2 else 1) for n, d in enumerate(p)) % 9)
    if kind == "lgcode":
        return str((11 - sum(d * (n + 2) for n, d in enumerate(p)) % 11) % 10)
    r = sum(d * (n % 6 + 2) for n, d in enumerate(p)) % 11
    if r == 1 and policy == "invalid":
        return None
    return str(0 if r <= 1 else 11 - r)


BODY_LENGTHS = {"mynumber": 11, "corporate": 12, "lgcode": 5}


@st.composite
def kind_and_bodies(draw: st.DrawFn) -> tuple[str, M11Policy, list[str]]:
    kind = draw(st.sampled_from(["mynumber", "corporate", "lgcode", "m11"]))
    policy: M11Policy = draw(st.sampled_from(["zero", "invalid"]))
    if kind == "m11":
        sizes = st.integers(1, 30).map(lambda n: (n, n))
    else:
        sizes = st.just((BODY_LENGTHS[kind], BODY_LENGTHS[kind]))
    bodies = draw(
        st.lists(
            sizes.flatmap(lambda mm: st.text("0123456789", min_size=mm[0], max_size=mm[1])),
            min_size=1,
            max_size=40,
        )
    )
    return kind, policy, bodies


@settings(max_examples=150, deadline=None)
@given(kind_and_bodies())
def test_check_digits_agree_with_reference(case: tuple[str, M11Policy, list[str]]) -> None:
    kind, policy, bodies = case
    expected = [reference_digit(kind, b, policy) for b in bodies]
    frame = pl.DataFrame({"b": bodies}, schema={"b": pl.String})
    got = frame.select(check_digit_expr(pl.col("b"), kind, policy, max_body=30).alias("c"))
    assert got["c"].to_list() == expected
    for body, digit in zip(bodies, expected, strict=True):
        whole = identifiers.with_check(kind, body, policy)
        if digit is None:
            assert whole is None
        else:
            assert whole == (digit + body if kind == "corporate" else body + digit)


@settings(max_examples=100, deadline=None)
@given(kind_and_bodies(), st.integers(1, 9))
def test_generated_numbers_pass_and_a_changed_check_digit_fails(
    case: tuple[str, M11Policy, list[str]], shift: int
) -> None:
    kind, policy, bodies = case
    numbers = [identifiers.with_check(kind, b, policy) for b in bodies]
    valid = [n for n in numbers if n is not None and len(n) >= 2]
    if not valid:
        return
    wrong = []
    for n in valid:
        at = 0 if kind == "corporate" else len(n) - 1
        changed = str((int(n[at]) + shift) % 10)
        wrong.append(n[:at] + changed + n[at + 1 :])
    frame = pl.DataFrame({"v": valid + wrong})
    ok = frame.select(check_digit_ok(pl.col("v"), kind, policy, max_length=31).alias("ok"))
    assert ok["ok"].to_list() == [True] * len(valid) + [False] * len(wrong)
    assert all(identifiers.is_valid(kind, n, policy) for n in valid)


# --- date shapes round-trip ----------------------------------------------------------------------

DAYS = st.dates(min_value=date(1868, 1, 23), max_value=date(2100, 12, 31))


@settings(max_examples=200, deadline=None)
@given(DAYS)
def test_every_shape_round_trips(day: date) -> None:
    for name in SHAPES:
        text = format_date(day, name)
        assert parse_date(text, name) == day
        for other in SHAPES:
            converted = convert_date_text(text, name, other)
            assert converted == format_date(day, other)
            assert convert_date_text(converted, other, name) == text
    w = to_wareki(day)
    assert from_wareki(w.era, w.year, w.month, w.day) == day


@settings(max_examples=200, deadline=None)
@given(DAYS, st.sampled_from(["day", "month"]))
def test_unknown_parts_round_trip(day: date, unknown: str) -> None:
    w = to_wareki(day)
    month = 0 if unknown == "month" else w.month
    text = f"{w.era.code}{w.year:02d}{month:02d}00"
    western = convert_date_text(text, "wareki", "slash")
    assert western == f"{day.year:04d}/{month:02d}/00"
    try:
        back = convert_date_text(western, "slash", "wareki")
    except ValueError as err:
        assert "no single era" in str(err)
        first = date(day.year, month or 1, 1)
        last = date(day.year, month or 12, days_in_month(day.year, month or 12))
        assert not any(era.contains(first) and era.contains(last) for era in ERAS)
    else:
        assert back == text
        letter = convert_date_text(back, "wareki", "era-letter")
        assert letter == f"{w.era.letter}{w.year:02d}.{month:02d}.00"


# --- the vectorised date check against a scalar oracle ------------------------------------------


def oracle(text: str, item_type: str, fmt: str, unknown: bool) -> bool:
    """docs/checks.md "Dates", one value at a time."""
    if item_type == "time":
        m = re.fullmatch(r"([0-9]{2})([0-9]{2})([0-9]{2})", text)
        return m is not None and int(m[1]) <= 23 and int(m[2]) <= 59 and int(m[3]) <= 59
    if item_type == "yearmonth":
        m = re.fullmatch(r"([0-9]{4})([0-9]{2})", text)
        return m is not None and int(m[1]) >= 1 and (0 if unknown else 1) <= int(m[2]) <= 12
    if item_type == "wareki":
        m = re.fullmatch(r"([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})", text)
        if m is None or m[1] not in {era.code for era in ERAS}:
            return False
        era, yy, mm, dd = find_era(m[1]), int(m[2]), int(m[3]), int(m[4])
        try:
            from_wareki(era, yy, mm, dd)
        except ValueError:
            pass
        else:
            return True
        if not unknown:
            return False
        end = era.last_year
        in_span = yy >= 1 and (end is None or era.western_year(yy) <= end)
        try:  # a real calendar day outside the era is wrong even when parts may be unknown
            date(era.western_year(yy), mm, dd)
        except ValueError:
            return in_span and mm <= 12 and dd <= 31
        return False
    widths = {"%Y": r"([0-9]{4})", "%m": r"([0-9]{2})", "%d": r"([0-9]{2})"}
    pattern = "".join(widths.get(part, re.escape(part)) for part in re.split(r"(%.)", fmt))
    m = re.fullmatch(pattern, text)
    if m is None:
        return False
    order: list[str] = re.findall(r"%(.)", fmt)
    fields: dict[str, int] = dict(zip(order, map(int, m.groups()), strict=True))
    y, mo, d = fields["Y"], fields["m"], fields["d"]
    if unknown:
        return y >= 1 and mo <= 12 and d <= 31
    try:
        date(y, mo, d)
    except ValueError:
        return False
    return True


_FORMATS = {"date": ["%Y%m%d", "%Y/%m/%d", "%d.%m.%Y"], "wareki": [""], "yearmonth": [""]}


@st.composite
def date_column(draw: st.DrawFn) -> tuple[str, str, bool, list[str]]:
    item_type = draw(st.sampled_from(["date", "wareki", "yearmonth", "time"]))
    fmt = draw(st.sampled_from(_FORMATS.get(item_type, [""])))
    unknown = draw(st.booleans())
    n = st.integers
    if item_type == "wareki":
        near = st.tuples(n(0, 7), n(0, 99), n(0, 13), n(0, 32)).map(
            lambda t: "".join(f"{x:02d}" for x in t)
        )
    elif item_type == "date":
        near = st.tuples(n(0, 2400), n(0, 13), n(0, 32)).map(
            lambda t: (
                fmt.replace("%Y", f"{t[0]:04d}")
                .replace("%m", f"{t[1]:02d}")
                .replace("%d", f"{t[2]:02d}")
            )
        )
    elif item_type == "yearmonth":
        near = st.tuples(n(0, 2100), n(0, 13)).map(lambda t: f"{t[0]:04d}{t[1]:02d}")
    else:
        near = st.tuples(n(0, 25), n(0, 61), n(0, 61)).map(lambda t: "".join(f"{x:02d}" for x in t))
    junk = st.text("0123456789０/.-年 x", min_size=1, max_size=10)
    values = draw(st.lists(st.one_of(near, near, junk), min_size=1, max_size=60))
    return item_type, fmt, unknown, values


@settings(max_examples=200, deadline=None)
@given(date_column())
def test_vectorised_dates_agree_with_the_oracle(case: tuple[str, str, bool, list[str]]) -> None:
    item_type, fmt, unknown, values = case
    frame = pl.DataFrame({"v": values}, schema={"v": pl.String})
    got = frame.select(date_ok(pl.col("v"), item_type, fmt or None, unknown).alias("ok"))
    expected = [oracle(v, item_type, fmt or "%Y%m%d", unknown) for v in values]
    assert got["ok"].to_list() == expected
