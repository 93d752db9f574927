"""The look-up tables behind the date and check-digit checks, against rules written here.

The tables are assembled from blocks (one per year, shared between years alike), so these
rebuild them value by value the plain way and compare every entry, or, for the 10**8-entry
YYYYMMDD table, every distinct block and the total.
"""

from __future__ import annotations

import calendar
from datetime import date

import polars as pl
import pytest

from layout_tool.checks.dates import _wareki_table, _ymd_table
from layout_tool.checks.digits import GROUP, _table
from layout_tool.dates import ERAS


def real_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def year_block(year: int, allow_unknown: bool) -> list[bool]:
    """MMDD 0000-9999 of ``year``: valid days, or with unknown parts month 00-12 / day 00-31."""
    out = [False] * 10_000
    if year == 0:
        return out
    for month in range(13):
        for day in range(32):
            real = real_day(year, month, day)
            out[month * 100 + day] = real or allow_unknown
    return out


@pytest.mark.parametrize("allow_unknown", [False, True])
def test_every_yyyymmdd_is_looked_up_by_the_rules(allow_unknown: bool) -> None:
    table = _ymd_table(allow_unknown)
    assert table.len() == 10**8 and table.dtype == pl.Boolean
    for year in (0, 1, 3, 4, 100, 400, 1582, 1900, 2000, 2023, 2024, 2100, 9996, 9999):
        got = table.slice(year * 10_000, 10_000).to_list()
        assert got == year_block(year, allow_unknown), year
    leap_years = sum(calendar.isleap(y) for y in range(1, 10_000))
    per_year = 13 * 32 if allow_unknown else 365
    expected = 9999 * per_year + (0 if allow_unknown else leap_years)
    assert table.sum() == expected


@pytest.mark.parametrize("allow_unknown", [False, True])
def test_wareki_table_entry_by_entry(allow_unknown: bool) -> None:
    expected = [False] * (len(ERAS) + 1) * 1_000_000
    for era in ERAS:
        last = min(99, (era.last_year or 9999) - era.start.year + 1)
        for era_year in range(1, last + 1):
            year = era.start.year + era_year - 1
            for month in range(13):
                for day in range(32):
                    real = real_day(year, month, day)
                    inside = real and era.contains(date(year, month, day))
                    if inside or (allow_unknown and not real):
                        expected[int(era.code) * 10**6 + era_year * 10**4 + month * 100 + day] = (
                            True
                        )
    assert _wareki_table(allow_unknown).to_list() == expected


@pytest.mark.parametrize("weights", [(2, 3, 4, 5), (6, 7), (1,), (1, 2, 1, 2), (7, 2, 3)])
def test_digit_group_tables_hold_every_weighted_sum(weights: tuple[int, ...]) -> None:
    got = _table(weights).to_list()
    assert len(got) == 10**GROUP
    for value in (0, 1, 9, 10, 99, 1234, 5678, 9999, 4321, 1000):
        digits = [value // 10**i % 10 for i in range(GROUP)]  # from the right
        assert got[value] == sum(d * w for d, w in zip(digits, weights, strict=False))
    assert got == [
        sum(value // 10**i % 10 * w for i, w in enumerate(weights)) for value in range(10**GROUP)
    ]
