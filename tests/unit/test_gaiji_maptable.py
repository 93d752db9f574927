"""外字 mapping tables: loading with file:line errors, and the vectorised ``apply_map``."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout_tool.errors import LayoutToolError
from layout_tool.gaiji.maptable import apply_map, load_map, parse_map, parse_sequence

E0, E1 = "\ue000", "\ue001"
IVS = "\U000e0100"
TABLE = f"""\
source,target,mj,note
U+E000,U+845B U+E0100,MJ012345,葛（異体字）
{E1},髙,,
#G12,𠮷,MJ000123,vendor code
#G1,吉,,shorter code
"""


def test_parse_table_with_code_points_characters_and_vendor_codes() -> None:
    table = parse_map(TABLE, "map.csv")
    assert table.sources == [E0, E1, "#G12", "#G1"]
    first = table.entries[0]
    assert (first.target, first.mj, first.note, first.line) == (
        "葛" + IVS,
        "MJ012345",
        "葛（異体字）",
        2,
    )
    assert table.lookup(E1) is not None and table.lookup("x") is None
    d = first.to_dict()
    assert d["target_codepoints"] == "U+845B U+E0100"


def test_japanese_headers_and_blank_lines() -> None:
    table = parse_map(f"外字,変換先,MJ文字図形名,備考\n\n{E0},葛,MJ012345,\n,,,\n")
    assert table.as_dict() == {E0: "葛"}


def test_parse_sequence() -> None:
    assert parse_sequence("U+20BB7") == "𠮷"
    assert parse_sequence("U+845B, U+E0100") == "葛" + IVS
    assert parse_sequence("u+845b") == "u+845b"  # lower-case prefix: a literal vendor code
    with pytest.raises(ValueError, match="scalar"):
        parse_sequence("U+D800")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "empty"),
        ("source,target,extra\n", 1, "unknown column 'extra'"),
        ("source,source,target\n", 1, "appears twice"),
        ("source,mj\n", 1, "no 'target' column"),
        ("source,target\nU+E000,\n", 2, "has no target"),
        ("source,target\n,葛\n", 2, "empty source"),
        ("source,target\nU+E000,葛\n\nU+E000,髙\n", 4, "first at line 2"),
        ("source,target\nU+E000,U+E001\n", 2, "private-use"),
        ("source,target\nU+E000,U+E0100\n", 2, "starts with a variation selector"),
        ("source,target\nU+E000,U+845B U+E0100 U+E0101\n", 2, "two variation selectors"),
        ("source,target,mj\nU+E000,葛,MJ12\n", 2, "MJ文字図形名"),
        ("source,target\nU+E000,葛,x\n", 2, "3 fields"),
        ("source,target\nU+110000,葛\n", 2, "scalar"),
        ("source,target\n葛,葛\n", 2, "maps to itself"),
        ("source,target\nU+E000,a\x01\n", 2, "control"),
        ('source,target\n"U+E000,葛\n', 2, "broken CSV"),
    ],
)
def test_table_errors_name_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(LayoutToolError) as caught:
        parse_map(text, "map.csv")
    assert str(caught.value).startswith(f"map.csv:{line}: ")
    assert message in str(caught.value)


def test_load_map_reads_cp932_and_utf8_bom(tmp_path: Path) -> None:
    cp932 = tmp_path / "cp932.csv"
    cp932.write_bytes(b"source,target,note\n" + b"\xf0\x40,\x8a\x8b,\x94\xf5\x8d\x6c\n")
    table = load_map(cp932)
    assert table.as_dict() == {E0: "葛"} and table.entries[0].note == "備考"
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + TABLE.encode())
    assert len(load_map(bom).entries) == 4


def test_load_map_errors(tmp_path: Path) -> None:
    with pytest.raises(LayoutToolError, match="cannot read"):
        load_map(tmp_path / "missing.csv")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"source,target\n\xef\xbb\xbf\xff\xfe,x\n")
    with pytest.raises(LayoutToolError, match=r"bad\.csv:2: bytes that do not decode"):
        load_map(bad)


def test_apply_map_to_an_expression_longest_first_without_chaining() -> None:
    table = parse_map("source,target\n#G1,吉\n#G12,𠮷\nU+E000,#G1\n")
    s = pl.Series("v", ["#G12#G1x", f"山{E0}", None, "plain"])
    out = pl.select(apply_map(pl.lit(s), table)).to_series().to_list()
    assert out == ["𠮷吉x", "山#G1", None, "plain"]


def test_apply_map_to_frames_only_touches_string_columns_or_the_named_ones() -> None:
    table = parse_map(TABLE)
    df = pl.DataFrame({"__row": [1, 2], "a": [E0, E1], "b": [E1, "x"]})
    assert apply_map(df, table).to_dict(as_series=False) == {
        "__row": [1, 2],
        "a": ["葛" + IVS, "髙"],
        "b": ["髙", "x"],
    }
    lazy = apply_map(df.lazy(), table, columns=["b"]).collect()
    assert lazy["a"].to_list() == [E0, E1] and lazy["b"].to_list() == ["髙", "x"]
    empty = parse_map("source,target\n")
    assert apply_map(df, empty).equals(df)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["a", "山", E0, E1, "#", "G", "1"]), max_size=12).map("".join))
def test_apply_map_equals_a_python_leftmost_longest_scan(value: str) -> None:
    table = parse_map(TABLE)
    mapping = table.as_dict()
    sources = sorted(mapping, key=len, reverse=True)
    expected, i = [], 0
    while i < len(value):
        hit = next((s for s in sources if value.startswith(s, i)), None)
        expected.append(mapping[hit] if hit else value[i])
        i += len(hit) if hit else 1
    got = pl.select(apply_map(pl.lit(value), table)).item()
    assert got == "".join(expected)
