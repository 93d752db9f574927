"""Eras, date shapes and the vectorised date check (docs/checks.md "Dates")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import polars as pl
import pytest
from japanera import EraDate

from layout_tool.checks.dates import date_ok
from layout_tool.dates import (
    ERAS,
    SHAPES,
    DateText,
    Wareki,
    convert_date_text,
    find_era,
    format_date,
    from_wareki,
    parse_date,
    to_wareki,
)
from layout_tool.errors import LayoutToolError


def check(
    values: Sequence[str | None], item_type: str, fmt: str | None = None, unknown: bool = False
) -> list[bool | None]:
    frame = pl.DataFrame({"v": list(values)}, schema={"v": pl.String})
    return frame.select(date_ok(pl.col("v"), item_type, fmt, unknown).alias("ok"))["ok"].to_list()


# --- the era table against japanera, every day -----------------------------------------------


def test_eras_agree_with_japanera_on_every_day() -> None:
    """1868-01-01..2100-12-31: same era and year where japanera has one of ours, else none."""
    names = {era.name for era in ERAS}
    first, last = date(1868, 1, 1), date(2100, 12, 31)
    texts: list[str] = []  # each day in the standard's form, for the vectorised pass below
    wrong: list[str] = []  # the same day under every other era code (2-digit years only)
    day = first
    while day <= last:
        theirs = EraDate.from_date(day)
        if theirs.era.kanji in names:
            ours = to_wareki(day)
            assert (ours.era.name, ours.year) == (theirs.era.kanji, int(theirs.strftime("%-Y")))
            assert ours.to_date() == day
            texts.append(f"{ours.era.code}{ours.year:02d}{day:%m%d}")
            for other in ERAS:
                era_year = day.year - other.start.year + 1
                if other != ours.era and 1 <= era_year <= 99:
                    wrong.append(f"{other.code}{era_year:02d}{day:%m%d}")
        else:
            with pytest.raises(ValueError, match="before 明治"):
                to_wareki(day)
        day += timedelta(days=1)
    assert len(texts) == (last - date(1868, 1, 23)).days + 1
    assert all(check(texts, "wareki"))
    assert not any(check(wrong, "wareki"))
    assert all(check(texts, "wareki", unknown=True))


def test_meiji_starts_where_japanera_says() -> None:
    assert find_era("明治").start == date(1868, 1, 23)
    assert to_wareki(date(1868, 1, 23)) == Wareki(find_era("01"), 1, 1, 23)
    assert check(["01010122", "01010123"], "wareki") == [False, True]


@pytest.mark.parametrize(
    ("era", "year", "month", "day"),
    [("平成", 31, 5, 1), ("昭和", 64, 1, 8), ("明治", 45, 7, 30), ("大正", 15, 12, 25)],
)
def test_days_after_an_era_ended_do_not_exist(era: str, year: int, month: int, day: int) -> None:
    with pytest.raises(ValueError, match="not a day of"):
        from_wareki(era, year, month, day)
    code = find_era(era).code
    assert check([f"{code}{year:02d}{month:02d}{day:02d}"], "wareki") == [False]
    # the day before is the era's last day
    before = date(find_era(era).western_year(year), month, day) - timedelta(days=1)
    assert to_wareki(before).era.name == era


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("04310430", True),
        ("04310501", False),
        ("05010501", True),
        ("05010430", False),
        ("03640107", True),
        ("03640108", False),
        ("04010108", True),
        ("04010107", False),
        ("04000101", False),  # 平成0年
        ("00010101", False),
        ("06010101", False),
        ("04020229", False),  # 平成2年 = 1990, not a leap year
        ("04040229", True),  # 平成4年 = 1992, leap
        ("05990101", True),
        ("0431043", False),
        ("043104301", False),
        ("0431O430", False),
        ("０４３１０４３０", False),
        (" 4310430", False),
    ],
)
def test_wareki_strict(text: str, expected: bool) -> None:
    assert check([text], "wareki") == [expected]


def test_nothing_to_say_about_missing_values() -> None:
    for item_type in ("wareki", "date", "yearmonth", "time"):
        assert check([None, ""], item_type) == [None, None]


def test_unknown_parts_of_wareki() -> None:
    values = ["04310000", "04310400", "04310229", "04310431", "04310501", "04320100", "04001200"]
    assert check(values, "wareki", unknown=True) == [True, True, True, True, False, False, False]
    assert check(values, "wareki") == [False] * 7
    assert check(["04311300", "04310032", "03650101", "02160101"], "wareki", unknown=True) == [
        False,
        False,
        False,
        False,
    ]


def test_western_dates() -> None:
    values = ["20240229", "20230229", "19000229", "20000229", "00010101", "00000101", "20241301"]
    assert check(values, "date") == [True, False, False, True, True, False, False]
    assert check(["20230229", "20230000", "20230431", "20231232"], "date", unknown=True) == [
        True,
        True,
        True,
        False,
    ]


def test_date_formats_are_parsed_strictly() -> None:
    assert check(["2024/02/29", "2024/2/29", "2024-02-29", "20240229"], "date", "%Y/%m/%d") == [
        True,
        False,
        False,
        False,
    ]
    assert check(["29.02.2024", "29.02.2023"], "date", "%d.%m.%Y") == [True, False]
    assert check(["2024年02月29日", "2024年2月29日"], "date", "%Y年%m月%d日") == [True, False]
    assert check(["2024/00/00"], "date", "%Y/%m/%d", unknown=True) == [True]
    # other directives go through polars' parser, still strictly
    assert check(["2024060", "2024366", "202460"], "date", "%Y%j") == [True, True, False]


def test_bad_date_specs_are_spec_errors() -> None:
    with pytest.raises(LayoutToolError, match="allow_unknown_date"):
        date_ok(pl.col("v"), "date", "%Y%j", True)
    with pytest.raises(LayoutToolError, match="cannot be checked"):
        date_ok(pl.col("v"), "date", "%Y%m", False)
    with pytest.raises(LayoutToolError, match="not a date type"):
        date_ok(pl.col("v"), "zenkaku", None, False)


def test_yearmonth_and_time() -> None:
    assert check(["202401", "202412", "202400", "202413", "000001", "20241"], "yearmonth") == [
        True,
        True,
        False,
        False,
        False,
        False,
    ]
    assert check(["202400"], "yearmonth", unknown=True) == [True]
    times = ["000000", "235959", "240000", "236000", "235960", "23595", "12:00:00"]
    assert check(times, "time") == [True, True, False, False, False, False, False]


# --- scalar conversions and shapes ------------------------------------------------------------


def test_find_era_by_every_token() -> None:
    for token in ("平成", "H", "04", "4"):
        assert find_era(token).name == "平成"
    with pytest.raises(ValueError, match="unknown era"):
        find_era("X")


def test_gannen_and_year_zero() -> None:
    assert from_wareki("令和", 1, 5, 1) == date(2019, 5, 1)
    with pytest.raises(ValueError, match="first year"):
        from_wareki("令和", 0, 5, 1)
    with pytest.raises(ValueError):
        from_wareki("令和", 5, 2, 30)


@pytest.mark.parametrize(
    ("shape", "text"),
    [
        ("wareki", "04310101"),
        ("era-digit", "4310101"),
        ("era-letter", "H31.01.01"),
        ("kanji", "平成31年1月1日"),
        ("kanji-no-gannen", "平成31年1月1日"),
        ("compact", "20190101"),
        ("slash", "2019/01/01"),
        ("iso", "2019-01-01"),
    ],
)
def test_every_shape_reads_and_writes_the_brief_examples(shape: str, text: str) -> None:
    assert parse_date(text, shape) == date(2019, 1, 1)
    assert format_date(date(2019, 1, 1), shape) == text


def test_gannen_is_its_own_shape() -> None:
    assert format_date(date(1989, 1, 8), "kanji") == "平成元年1月8日"
    assert format_date(date(1989, 1, 8), "kanji-no-gannen") == "平成1年1月8日"
    assert parse_date("平成元年1月8日", "kanji") == date(1989, 1, 8)
    for text, shape in (("平成1年1月8日", "kanji"), ("平成元年1月8日", "kanji-no-gannen")):
        with pytest.raises(ValueError, match="not a kanji date"):
            parse_date(text, shape)


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("H31.1.1", "era-letter"),
        ("h31.01.01", "era-letter"),
        ("平成31年01月01日", "kanji"),
        ("2019/1/1", "slash"),
        ("2019-01-01T00:00", "iso"),
        ("6310101", "era-digit"),
        ("H31.05.01", "era-letter"),
        ("20190229", "compact"),
        ("２０１９０１０１", "compact"),
    ],
)
def test_parsing_is_strict(text: str, shape: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text, shape)


def test_shapes_that_cannot_hold_a_date() -> None:
    with pytest.raises(ValueError, match="before 明治"):
        format_date(date(1868, 1, 1), "wareki")
    with pytest.raises(ValueError, match="two digits"):
        format_date(date(2118, 1, 1), "era-letter")  # 令和100年
    assert format_date(date(2118, 1, 1), "kanji") == "令和100年1月1日"
    with pytest.raises(ValueError, match="unknown date shape"):
        format_date(date(2000, 1, 1), "julian")
    assert {"wareki", "era-digit", "era-letter", "kanji", "compact", "slash", "iso"} <= set(SHAPES)


def test_unknown_parts_are_carried_through() -> None:
    assert convert_date_text("H31.04.00", "era-letter", "wareki") == "04310400"
    assert convert_date_text("04310000", "wareki", "slash") == "2019/00/00"
    assert convert_date_text("2019/05/00", "slash", "wareki") == "05010500"
    assert convert_date_text("1989/02/00", "slash", "era-digit") == "4010200"
    assert convert_date_text("19890100", "compact", "iso") == "1989-01-00"
    assert convert_date_text("平成31年4月30日", "kanji", "wareki") == "04310430"


def test_impossible_or_ambiguous_conversions_fail() -> None:
    cases = [
        ("1989/00/00", "slash", "wareki", "no single era"),  # 昭和64年 or 平成元年
        ("1989/01/00", "slash", "wareki", "no single era"),
        ("1868/00/00", "slash", "wareki", "no single era"),  # partly 慶応
        ("04310500", "wareki", "slash", "not in 平成"),
        ("04320000", "wareki", "slash", "does not exist"),
        ("2019/04/31", "slash", "wareki", "day is out of range"),
        ("2019/13/01", "slash", "iso", "out of range"),
        ("04310400", "wareki", "kanji", "cannot write an unknown"),
        ("0000/01/01", "slash", "iso", "year 0"),
    ]
    for value, src, dst, message in cases:
        with pytest.raises(ValueError, match=message):
            convert_date_text(value, src, dst)


def test_allow_unknown_conversion_mirrors_the_validator() -> None:
    assert convert_date_text("2023/02/29", "slash", "wareki", allow_unknown=True) == "05050229"
    assert convert_date_text("04310431", "wareki", "iso", allow_unknown=True) == "2019-04-31"
    with pytest.raises(ValueError, match="does not exist"):
        convert_date_text("04320100", "wareki", "iso", allow_unknown=True)


def test_shape_metadata_tells_the_truth() -> None:
    for shape in SHAPES.values():
        parts = shape.parse_text(shape.example)
        assert shape.format_text(parts) == shape.example
        assert (parts.era is not None) == shape.wareki
        partial = DateText(parts.era, parts.year, parts.month, 0)
        if shape.unknown_ok:
            assert shape.format_text(partial).endswith("00")
        else:
            with pytest.raises(ValueError, match="unknown"):
                shape.format_text(partial)
