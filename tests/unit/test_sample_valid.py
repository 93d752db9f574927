"""Generated data satisfies docs/checks.md, checked here independently of the validator.

The checks below are written from docs/checks.md directly (regexes, Python dates, the scalar
check digits), so a bug shared by the generator and the validator would still show.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path

import polars as pl
import pytest

from layout_tool.identifiers import is_valid
from layout_tool.sample import generate
from layout_tool.sample.structure import analyse
from layout_tool.spec.catalogue import catalogue
from layout_tool.spec.loader import load_area_file
from layout_tool.spec.model import AreaSpec, Item

BUNDLED = [e.id for e in catalogue() if e.spec is not None]

CLASS = {
    "zenkaku": re.compile(r"^[^\x00-\x7e\x7f-\x9f\uff61-\uff9f]+$"),
    "kana": re.compile(r"^[\u30a1-\u30f6\u30fc\u30fd\u30fe\u3000]+$"),
    "hankaku": re.compile(r"^[\x20-\x7e]+$"),
    "text": re.compile(r"^[^\x00-\x1f\x7f-\x9f]+$"),
    "digits": re.compile(r"^[0-9]+$"),
    "number": re.compile(r"^-?[0-9]+(\.[0-9]+)?$"),
}
PUA = re.compile("[\ue000-\uf8ff\U000f0000-\U0010fffd]")
ERAS = {  # code: (first day, first day of the next era)
    "01": (dt.date(1868, 1, 25), dt.date(1912, 7, 30)),
    "02": (dt.date(1912, 7, 30), dt.date(1926, 12, 25)),
    "03": (dt.date(1926, 12, 25), dt.date(1989, 1, 8)),
    "04": (dt.date(1989, 1, 8), dt.date(2019, 5, 1)),
    "05": (dt.date(2019, 5, 1), dt.date(9999, 1, 1)),
}


def _date_ok(value: str, fmt: str, unknown: bool) -> bool:
    try:
        dt.datetime.strptime(value, fmt)
        return True
    except ValueError:
        pass
    if not unknown or fmt != "%Y%m%d" or len(value) != 8:
        return False
    month, day = int(value[4:6]), int(value[6:8])
    return 0 <= month <= 12 and 0 <= day <= 31


def _wareki_ok(value: str, unknown: bool) -> bool:
    if len(value) != 8 or value[:2] not in ERAS or not value.isdigit():
        return False
    start, end = ERAS[value[:2]]
    year = start.year + int(value[2:4]) - 1
    if int(value[2:4]) < 1:
        return False
    try:
        day = dt.date(year, int(value[4:6]), int(value[6:8]))
    except ValueError:
        if not unknown:
            return False
        return start.year <= year < end.year + 1 and 0 <= int(value[4:6]) <= 12
    return start <= day < end


def cell_problems(item: Item, values: list[str], spec: AreaSpec) -> list[str]:
    """Why values are invalid for ``item`` (empty when all are valid)."""
    bad: list[str] = []
    for value in values:
        if value == "":
            bad.append("empty string instead of null")
        if PUA.search(value):
            bad.append(f"gaiji {value!r}")
        pattern = CLASS.get(item.type)
        if pattern is not None and not pattern.match(value):
            bad.append(f"type {value!r}")
        if item.pattern is not None and not re.fullmatch(item.pattern, value):
            bad.append(f"pattern {value!r}")
        if item.type in {"zenkaku", "kana", "hankaku", "text", "digits"}:
            size = len(value)
            if size > item.length or (item.fixed and size != item.length):
                bad.append(f"length {value!r}")
        if item.type == "number":
            whole, _, decimals = value.lstrip("-").partition(".")
            if len(whole) + len(decimals) > item.length or len(decimals) > (item.scale or 0):
                bad.append(f"number length {value!r}")
        if (
            item.type == "code"
            and item.code is not None
            and value not in spec.codes[item.code].values
        ):
            bad.append(f"code {value!r}")
        if item.type == "date" and not _date_ok(
            value, item.format or "%Y%m%d", item.allow_unknown_date
        ):
            bad.append(f"date {value!r}")
        if item.type == "wareki" and not _wareki_ok(value, item.allow_unknown_date):
            bad.append(f"wareki {value!r}")
        if item.type == "yearmonth" and not _date_ok(value + "01", "%Y%m%d", False):
            bad.append(f"yearmonth {value!r}")
        if item.type == "time" and not _date_ok("20000101" + value, "%Y%m%d%H%M%S", False):
            bad.append(f"time {value!r}")
        if item.check is not None and not (
            is_valid(item.check, value) and is_valid(item.check, value, "invalid")
        ):
            bad.append(f"check digit {value!r}")
    return bad


def problems(spec: AreaSpec, frames: Mapping[str, pl.DataFrame]) -> list[str]:
    """Every per-cell, key, reference and rule problem of the frames."""
    found: list[str] = []
    for file_id, frame in frames.items():
        fspec = spec.file(file_id)
        assert frame.columns == fspec.item_names
        assert all(dtype == pl.String for dtype in frame.dtypes)
        for item in fspec.items:
            column = frame[item.name]
            if item.required and column.null_count():
                found.append(f"{file_id}.{item.name}: required but empty")
            values = column.drop_nulls().to_list()
            found += [f"{file_id}.{item.name}: {p}" for p in cell_problems(item, values, spec)[:3]]
        if fspec.key:
            keys = frame.select(fspec.key)
            if keys.null_count().sum_horizontal().item() or keys.is_duplicated().any():
                found.append(f"{file_id}: key not unique and complete")
    for ref in spec.references:
        source, target = frames.get(ref.source.file), frames.get(ref.target.file)
        if source is None or target is None:
            continue
        wanted = target.select(ref.target.items).rename(
            dict(zip(ref.target.items, ref.source.items, strict=True))
        )
        used = source.select(ref.source.items).drop_nulls()
        missing = used.join(wanted.unique(), on=list(ref.source.items), how="anti")
        if missing.height:
            found.append(f"{ref.source.file} → {ref.target.file}: {missing.height} dangling")
    for rule in spec.rules:
        ruled = frames.get(rule.file)
        if ruled is None or rule.item is None:
            continue
        rows = ruled
        for name, value in rule.where.items():
            rows = rows.filter(pl.col(name) == value)
        for _, group in rows.group_by(list(rule.group)):
            values = group[rule.item].to_list()
            if rule.rule == "one-per-group" and values.count(rule.value) != 1:
                found.append(f"{rule.file}: group without exactly one {rule.item}={rule.value}")
            if rule.rule == "sequence-in-group" and sorted(int(v) for v in values) != list(
                range(1, len(values) + 1)
            ):
                found.append(f"{rule.file}: {rule.item} not 1..n in a group")
    return found


@pytest.mark.parametrize("area", BUNDLED)
def test_bundled_area_is_valid(area: str) -> None:
    spec = next(e.spec for e in catalogue() if e.id == area)
    assert spec is not None
    for seed in (1, 2):
        frames = generate(spec, 150, seed)
        assert set(frames) == {f.id for f in spec.files}
        assert problems(spec, frames) == []
        assert frames[analyse(spec).main].height == 150


@pytest.mark.parametrize("area", BUNDLED)
def test_one_row_gives_every_file_a_row(area: str) -> None:
    spec = next(e.spec for e in catalogue() if e.id == area)
    assert spec is not None
    frames = generate(spec, 1, 5)
    assert all(frame.height >= 1 for frame in frames.values())
    assert problems(spec, frames) == []


def test_zero_rows_gives_empty_files_with_columns() -> None:
    spec = next(e.spec for e in catalogue() if e.id == "jumin")
    assert spec is not None
    frames = generate(spec, 0, 1)
    assert all(frame.height == 0 for frame in frames.values())
    assert frames["kojin"].columns == spec.file("kojin").item_names


def test_main_file_gets_exactly_rows_and_history() -> None:
    spec = next(e.spec for e in catalogue() if e.id == "jumin")
    assert spec is not None
    kojin = generate(spec, 300, 3)["kojin"]
    assert kojin.height == 300
    history = kojin.filter(pl.col("個人履歴番号") != "1")
    assert history.height > 0
    latest = kojin.group_by("宛名番号").agg(
        pl.col("個人履歴番号").cast(pl.Int64).max().alias("top"),
        pl.col("個人履歴番号").filter(pl.col("最新フラグ") == "1").cast(pl.Int64).alias("flagged"),
    )
    assert all(row["flagged"] == [row["top"]] for row in latest.iter_rows(named=True))
    assert (kojin["個人番号"].drop_nulls().str.starts_with("9999")).all()


def test_household_head_is_consistent_across_files() -> None:
    spec = next(e.spec for e in catalogue() if e.id == "jumin")
    assert spec is not None
    frames = generate(spec, 200, 4)
    heads = frames["kojin"].filter(
        (pl.col("最新フラグ") == "1") & (pl.col("住民状態") == "1") & (pl.col("続柄") == "02")
    )
    joined = frames["setai"].join(heads, left_on="世帯番号", right_on="世帯番号", how="inner")
    assert joined.height > 0
    assert (joined["世帯主の宛名番号"] == joined["宛名番号"]).all()
    assert (joined["世帯主氏名"] == joined["氏名"]).all()


@pytest.mark.parametrize(("file_id", "rows"), [("kojin", 37), ("setai", 41), ("ido_rireki", 53)])
def test_one_file_gets_exactly_rows(file_id: str, rows: int) -> None:
    spec = next(e.spec for e in catalogue() if e.id == "jumin")
    assert spec is not None
    frames = generate(spec, rows, 9, file_id)
    assert list(frames) == [file_id]
    assert frames[file_id].height == rows
    assert problems(spec, frames) == []
    assert frames[file_id].equals(generate(spec, rows, 9, file_id)[file_id])


SMALL = """
standard: chukan
version: "2.7"
provenance: modelled
area: {id: shiken, name: 試験業務, number: 99}
files:
  - id: person
    name: 個人
    key: [団体コード, 宛名番号]
    items:
      - {no: 1, name: 団体コード, type: digits, length: 6, fixed: true, required: true,
         check: lgcode}
      - {no: 2, name: 宛名番号, type: digits, length: 12, fixed: true, required: true, check: m11}
      - {no: 3, name: 家族番号, type: digits, length: 8, required: true}
      - {no: 4, name: 区分, type: code, length: 1, required: true, code: 区分}
      - {no: 5, name: 立場, type: code, length: 1, required: true, code: 立場}
      - {no: 6, name: 順番, type: number, length: 3, required: true}
      - {no: 7, name: 氏名, type: zenkaku, length: 10, required: true}
      - {no: 8, name: 氏名フリガナ, type: kana, length: 12, fixed: true}
      - {no: 9, name: 英字, type: hankaku, length: 9, pattern: "^[A-Z]{3}-[0-9]{5}$"}
      - {no: 10, name: メモ, type: text, length: 5}
      - {no: 11, name: 個人番号, type: digits, length: 12, fixed: true, check: mynumber}
      - {no: 12, name: 法人番号, type: digits, length: 13, fixed: true, check: corporate}
      - {no: 13, name: 金額, type: number, length: 6, scale: 2}
      - {no: 14, name: 登録日, type: date, length: 10, format: "%Y-%m-%d"}
      - {no: 15, name: 生年月日, type: wareki, length: 8, allow_unknown_date: true}
      - {no: 16, name: 年月, type: yearmonth, length: 6}
      - {no: 17, name: 時刻, type: time, length: 6}
      - {no: 18, name: 扶養者の宛名番号, type: digits, length: 12, fixed: true, check: m11}
      - {no: 19, name: 固定長, type: zenkaku, length: 4, fixed: true, required: true}
      - {no: 20, name: 長い番号, type: digits, length: 24, fixed: true, check: m11}
  - id: family
    name: 家族
    key: [家族番号]
    items:
      - {no: 1, name: 家族番号, type: digits, length: 8, required: true}
      - {no: 2, name: 代表者の宛名番号, type: digits, length: 12, fixed: true, required: true,
         check: m11}
      - {no: 3, name: 住所, type: zenkaku, length: 30}
  - id: history
    name: 履歴
    key: [宛名番号, 連番]
    items:
      - {no: 1, name: 宛名番号, type: digits, length: 12, fixed: true, required: true, check: m11}
      - {no: 2, name: 連番, type: digits, length: 3, required: true}
      - {no: 3, name: 家族番号, type: digits, length: 8}
      - {no: 4, name: 発生日, type: date, length: 8, required: true}
codes:
  区分: {name: 区分, status: modelled, values: {"A": 有効, "B": 無効}}
  立場: {name: 立場, status: modelled, values: {"1": 代表, "2": 構成員}}
references:
  - {from: {file: person, items: [家族番号]}, to: {file: family, items: [家族番号]}}
  - {from: {file: family, items: [代表者の宛名番号]}, to: {file: person, items: [宛名番号]}}
  - {from: {file: history, items: [宛名番号]}, to: {file: person, items: [宛名番号]}}
  - {from: {file: person, items: [扶養者の宛名番号]}, to: {file: person, items: [宛名番号]}}
rules:
  - {rule: one-per-group, file: person, group: [家族番号], item: 立場, value: "1",
     where: {区分: "A"}}
  - {rule: sequence-in-group, file: person, group: [家族番号], item: 順番, where: {区分: "A"}}
"""


@pytest.fixture
def small(tmp_path: Path) -> AreaSpec:
    path = tmp_path / "shiken.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return load_area_file(path, {})


def test_a_spec_of_every_type_and_shape_is_valid(small: AreaSpec) -> None:
    for rows in (1, 20, 400):
        frames = generate(small, rows, 11)
        assert frames["person"].height == rows
        assert problems(small, frames) == []
    frames = generate(small, 400, 11)
    assert frames["person"]["団体コード"].n_unique() == 1
    assert (frames["history"]["連番"].cast(pl.Int64) > 1).any()
    assert frames["person"]["扶養者の宛名番号"].drop_nulls().len() > 0
    matching = frames["person"].filter(pl.col("区分") == "A")
    assert matching["家族番号"].n_unique() < matching.height  # real groups, not singletons


def test_reading_matches_name() -> None:
    spec = next(e.spec for e in catalogue() if e.id == "jumin")
    assert spec is not None
    kojin = generate(spec, 100, 2)["kojin"]
    full = kojin.filter(pl.col("氏").is_not_null() & pl.col("名").is_not_null())
    assert (full["氏名"] == full["氏"] + "　" + full["名"]).all()
    readings = kojin.filter(
        pl.col("氏名フリガナ").is_not_null()
        & pl.col("氏フリガナ").is_not_null()
        & pl.col("名フリガナ").is_not_null()
    )
    assert readings.height > 0
    assert (
        readings["氏名フリガナ"] == readings["氏フリガナ"] + "　" + readings["名フリガナ"]
    ).all()
