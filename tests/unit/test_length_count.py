"""桁数 counted three ways (and with IVS) on the same values; the finding says which count."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from charset_fixtures import validate_mj
from hypothesis import given
from hypothesis import strategies as st

from layout_tool.charset.length import COUNTS, size, size_of
from layout_tool.errors import LayoutToolError
from layout_tool.spec.catalogue import load_area

NAME = "ヤマダ　タロウ"  # 7 code points, 14 CP932 bytes, 21 UTF-8 bytes
KUZU = "葛\U000e0102西"  # 3 code points, 2 characters with the IVS


@pytest.mark.parametrize(
    ("count", "expected"),
    [("codepoints", 7), ("characters", 7), ("bytes:cp932", 14), ("bytes:utf-8", 21)],
)
def test_three_counts_of_one_value(count: str, expected: int) -> None:
    got = pl.select(size(pl.lit(NAME), count)).item()
    assert got == expected == size_of(NAME, count)


def test_ivs_counts_with_its_base() -> None:
    assert size_of(KUZU, "codepoints") == 3
    assert size_of(KUZU, "characters") == 2
    assert pl.select(size(pl.lit(KUZU), "characters")).item() == 2


@given(st.text(alphabet=st.sampled_from("アイ　ｱ1a葛\U000e0100\U000e0102西-"), max_size=30))
def test_vectorised_count_equals_python(text: str) -> None:
    for count in COUNTS:
        assert pl.select(size(pl.lit(text), count)).item() == size_of(text, count), count


@pytest.mark.parametrize(
    ("count", "length_findings"),
    [("codepoints", 0), ("bytes:cp932", 1), ("bytes:utf-8", 1)],
)
def test_validate_counts_as_told(tmp_path: Path, count: str, length_findings: int) -> None:
    # 氏名 has 桁数 10: 7 characters fit, 14 or 21 bytes do not.
    report = validate_mj(tmp_path, [f"99991,{NAME},"], count=count)
    assert report.by_code.get("length", 0) == length_findings
    if length_findings:
        message = report.findings[0].message
        assert count in message and "bytes" in message


def test_characters_count_accepts_ivs_that_codepoints_reject(tmp_path: Path) -> None:
    value = "葛\U000e0102" * 6  # 12 code points, 6 characters with their IVS; 桁数 10
    assert validate_mj(tmp_path, [f"99991,{value},"], count="codepoints").by_code["length"] == 1
    assert validate_mj(tmp_path, [f"99991,{value},"], count="characters").valid


def test_spec_declares_the_count_per_file_and_item(tmp_path: Path) -> None:
    text = """\
standard: chukan
version: "2.7"
provenance: modelled
length_count: bytes:utf-8
area: {id: lc, name: デモ, number: 903}
files:
  - id: people
    name: 住民
    length_count: bytes:cp932
    items:
      - {no: 1, name: 氏名, type: zenkaku, length: 10, length_count: characters}
      - {no: 2, name: 住所, type: zenkaku, length: 10}
"""
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    spec = load_area(str(tmp_path / "s.yaml"))
    assert spec.length_count == "bytes:utf-8"
    assert spec.files[0].length_count == "bytes:cp932"
    assert spec.files[0].items[0].length_count == "characters"
    assert spec.to_dict()["length_count"] == "bytes:utf-8"
    (tmp_path / "s.yaml").write_text(text.replace("characters", "glyphs"), encoding="utf-8")
    with pytest.raises(LayoutToolError, match="glyphs"):
        load_area(str(tmp_path / "s.yaml"))
