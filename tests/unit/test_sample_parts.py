"""The generator's parts: pools, patterns, identifiers, salts and the area structure."""

from __future__ import annotations

import datetime as dt
import re

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout_tool.identifiers import is_valid
from layout_tool.sample import pools
from layout_tool.sample.pattern import parse, pattern_value
from layout_tool.sample.rand import salt, weighted
from layout_tool.sample.structure import analyse
from layout_tool.sample.values import index_value, wareki
from layout_tool.spec.catalogue import load_area
from layout_tool.spec.model import Item

ZENKAKU = re.compile(r"^[^\x00-\x7f\uff61-\uff9f]+$")
KANA = re.compile(r"^[\u30a1-\u30f6\u30fc\u3000]+$")


def test_pools_are_of_their_character_class_and_cp932() -> None:
    people = pools.SURNAMES + pools.MALE_GIVEN + pools.FEMALE_GIVEN
    for kanji, kana, romaji in people:
        assert ZENKAKU.match(kanji) and KANA.match(kana) and re.fullmatch("[A-Z]+", romaji)
    texts = [
        *(k for k, _ in pools.COMPANY_STEMS + pools.COMPANY_FORMS),
        *pools.DEPARTMENTS,
        *pools.PREFECTURES,
        *pools.CITIES,
        *pools.TOWNS,
        *(c for c in pools.CHOME if c),
        *pools.BUILDINGS,
        *pools.NATIONALITIES,
        *pools.RESIDENCE_STATUSES,
        *pools.RESIDENCE_PERIODS,
        *pools.REMARKS,
    ]
    for text in texts:
        assert ZENKAKU.match(text), text
    for _, kana in pools.COMPANY_STEMS + pools.COMPANY_FORMS:
        assert KANA.match(kana)
    for text in texts + [p[0] + p[1] for p in people]:
        text.encode("cp932")
    assert all(
        "架空" in p or "見本" in p or "試験" in p or "模擬" in p or "例示" in p
        for p in pools.PREFECTURES
    )


def test_pattern_parser() -> None:
    atoms = parse("^[A-Z]{2}[0-9]{8}[A-Z]{2}$")
    assert atoms is not None and sum(n for _, n in atoms) == 12
    assert parse(r"^\d{3}-\d{4}$") is not None
    assert parse("^(a|b)+$") is None
    assert parse("[^0-9]") is None
    frame = pl.DataFrame({"k": list(range(200))}).select(
        pattern_value(atoms, pl.col("k"), 5).alias("v")
    )
    assert frame["v"].str.contains(r"^[A-Z]{2}[0-9]{8}[A-Z]{2}$").all()
    assert frame["v"].n_unique() > 150


def test_salt_is_stable_and_separates_purposes() -> None:
    assert salt(1, "a", "b") == salt(1, "a", "b")
    assert len({salt(1, "a"), salt(2, "a"), salt(1, "b"), salt(1, "a", "b")}) == 4
    assert 0 <= salt(123, "x") < 2**63


def test_weighted_follows_weights() -> None:
    picks = pl.select(weighted((70, 20, 10), pl.int_range(20000, dtype=pl.UInt64), 9).alias("w"))[
        "w"
    ]
    shares = picks.value_counts().sort("w")["count"].to_list()
    assert [round(s / 20000, 1) for s in shares] == [0.7, 0.2, 0.1]


@pytest.mark.parametrize(
    ("check", "length"),
    [("m11", 15), ("m11", 8), ("mynumber", 12), ("corporate", 13), ("lgcode", 6)],
)
def test_index_values_are_valid_and_distinct(check: str, length: int) -> None:
    item = Item(1, "番号", "digits", length, fixed=True, check=check)  # type: ignore[arg-type]
    n = 999 if check == "lgcode" else 5000
    values = pl.select(index_value(item, pl.int_range(n), "番号", {}).alias("v"))["v"].to_list()
    assert len(set(values)) == n
    assert all(
        len(v) == length and is_valid(check, v) and is_valid(check, v, "invalid") for v in values
    )


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=dt.date(1868, 1, 25), max_value=dt.date(2117, 12, 31)))
def test_wareki_round_trips_through_the_era_table(day: dt.date) -> None:
    value = pl.select(wareki(pl.lit(day)).alias("w"))["w"][0]
    starts = {"01": 1868, "02": 1912, "03": 1926, "04": 1989, "05": 2019}
    assert starts[value[:2]] + int(value[2:4]) - 1 == day.year
    assert value[4:] == day.strftime("%m%d")
    assert int(value[2:4]) >= 1


def test_structure_of_jumin() -> None:
    structure = analyse(load_area("jumin"))
    assert structure.main == "kojin"
    assert structure.order == ("kojin", "setai", "ido_rireki")
    assert structure.parent == {"ido_rireki": 2}
    assert structure.entity["kojin"] == "宛名番号" and structure.sequence["kojin"] == (
        "個人履歴番号",
    )
    assert structure.deferred == frozenset({0})
    assert structure.tag("setai", "世帯主の宛名番号") == structure.tag("kojin", "宛名番号")
    assert structure.tag("ido_rireki", "異動前世帯番号") == structure.tag("setai", "世帯番号")


def test_structure_of_kojin_juminzei() -> None:
    structure = analyse(load_area("kojin_juminzei"))
    assert structure.order == ("tokucho_gimusha", "nozeigimusha", "kazei_meisai")
    assert structure.parent == {"kazei_meisai": 0}
    assert structure.tag("nozeigimusha", "課税年度") in structure.constant
    assert structure.entity["tokucho_gimusha"] == "特別徴収義務者指定番号"
