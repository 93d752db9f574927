"""Loading mappings: the bundled ones load and prove lossless; broken ones give one line each."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout_tool.errors import LayoutToolError
from layout_tool.mapping import load_mapping
from layout_tool.mapping.loader import resolve_path
from layout_tool.spec.catalogue import bundled_root

# The wording these tests pin is the English one (--lang en); Japanese: test_lang_errors.py
pytestmark = pytest.mark.usefixtures("english")

BASE = """\
mapping: 1
name: test
area: jumin
lossless: true
codes:
  性別:
    map: {"M": "1", "F": "2"}
sources:
  - id: kojin
    file: K.csv
    format: csv
    fields: [ID, SETAI, NAME, SEX]
targets:
  - file: kojin
    source: kojin
    items:
      宛名番号: ID
      世帯番号: SETAI
      氏名: NAME
      性別: {from: SEX, transforms: [{code: 性別}]}
"""

FIXED = """\
mapping: 1
area: jumin
lossless: true
sources:
  - id: k
    file: K.DAT
    format: fixed
    fields:
      - {name: ID, start: 1, length: 15}
      - {name: NAME, start: 16, length: 20}
targets:
  - file: kojin
    source: k
    items:
      宛名番号: ID
      氏名: {from: NAME, transforms: [trim]}
"""


LOSSY = {"shisaku-data"}  # a wide export: household and history columns are not in 個人


def bundled() -> list[Path]:
    return sorted(bundled_root("mappings").glob("*/*.yaml"))


@pytest.mark.parametrize("path", bundled(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_bundled_mappings_load_and_are_lossless(path: Path) -> None:
    mapping = load_mapping(path)
    if path.parent.name in LOSSY:  # says so, and why
        assert not mapping.lossless and mapping.lossy_reasons
        return
    assert mapping.lossless and mapping.lossy_reasons == ()
    for target in mapping.targets:
        source = mapping.source(target.source)
        restored = {name for r in target.restorers for name in r.fields}
        assert restored == set(source.field_names)


def test_bundled_names_resolve() -> None:
    assert resolve_path("kakuu-densan/jumin").name == "jumin.yaml"
    assert load_mapping("kaso-systems/kaigo").area.id == "kaigo"


def test_base_is_valid() -> None:
    mapping = load_mapping(Path("mapping.yaml"), text=BASE)
    assert [r.item.name for r in mapping.targets[0].rules] == [
        "宛名番号",
        "世帯番号",
        "氏名",
        "性別",
    ]
    assert load_mapping(Path("fixed.yaml"), text=FIXED).sources[0].record_length == 35


def test_a_lossy_mapping_says_why() -> None:
    text = BASE.replace("lossless: true", "lossless: false").replace(
        "      氏名: NAME", "      氏名: {from: NAME, transforms: [{default: 無名}]}"
    )
    mapping = load_mapping(Path("m.yaml"), text=text)
    assert not mapping.lossless
    assert "transform default is lossy" in mapping.lossy_reasons[0]


CASES: list[tuple[str, str, str, int | None, str]] = [
    ("yaml syntax", "BASE", "      氏名: NAME", 19, "YAML"),
    ("unknown top key", "mapping: 1", "mappping: 1", 1, "unknown key 'mappping'"),
    ("lossless missing", "lossless: true\n", "", None, "'lossless' is a required property"),
    ("unknown area", "area: jumin", "area: jumim", 3, "unknown area 'jumim'"),
    ("bad format", "format: csv", "format: fixd", 11, "'fixd' is not one of csv, fixed"),
    ("unknown transform", "{code: 性別}", "trimm", 20, "'trimm' is not one of"),
    ("unquoted code", '{"M": "1", "F": "2"}', '{01: "1"}', 7, "quote it"),
    ("no such item", "      氏名: NAME", "      氏名X: NAME", 19, "has no item '氏名X'"),
    (
        "no such field",
        "      氏名: NAME",
        "      氏名: NAMEX",
        19,
        "source kojin has no field 'NAMEX'",
    ),
    (
        "two kinds",
        "      氏名: NAME",
        "      氏名: {from: NAME, const: 山田}",
        19,
        "say exactly one of",
    ),
    (
        "key with kind",
        "      氏名: NAME",
        "      氏名: {from: NAME, sep: '-'}",
        19,
        "'sep' does not go with 'from'",
    ),
    (
        "code outside table",
        '{"M": "1", "F": "2"}',
        '{"M": "1", "F": "3"}',
        20,
        "'3' is not in code table 性別",
    ),
    (
        "lossless trim",
        "      氏名: NAME",
        "      氏名: {from: NAME, transforms: [trim]}",
        19,
        "declared lossless: true, but 氏名: transform trim is lossy",
    ),
    (
        "unmapped field",
        "[ID, SETAI, NAME, SEX]",
        "[ID, SETAI, NAME, SEX, EXTRA]",
        12,
        "field EXTRA of source kojin is not mapped",
    ),
    (
        "unknown target file",
        "  - file: kojin",
        "  - file: kojn",
        14,
        "area jumin has no file 'kojn'",
    ),
    ("unknown source", "    source: kojin", "    source: kojn", 15, "no source 'kojn'"),
    ("param error", "{code: 性別}", "{trim: {pad: x}}", 20, "pad must be one of the trimmed chars"),
    ("date shape", "{code: 性別}", "{date: heisei}", 20, "'heisei' is not one of"),
    (
        "split part",
        "      氏名: NAME",
        "      氏名: NAME\n      氏: {split: NAME, part: 3}",
        20,
        "part 3 of only 2 parts",
    ),
    (
        "length on csv",
        "[ID, SETAI, NAME, SEX]",
        "[ID, SETAI, NAME, {name: SEX, length: 1}]",
        12,
        "start/length are for fixed-width sources",
    ),
    (
        "lookup source",
        "      氏名: NAME",
        "      氏名: {lookup: {source: x, on: [ID], field: NAME}}",
        19,
        "lookup in unknown source 'x'",
    ),
    ("empty", "BASE", "", 1, "empty file"),
]

FIXED_CASES: list[tuple[str, str, str, int | None, str]] = [
    (
        "gap",
        "start: 16",
        "start: 17",
        10,
        "starts at byte 17, but the fields before it end at byte 15",
    ),
    (
        "record length",
        "    fields:",
        "    record_length: 40\n    fields:",
        8,
        "record_length is 40, but the fields add up to 35 bytes",
    ),
    ("encoding", "    format: fixed", "    format: fixed\n    encoding: utf-8", 8, "read as cp932"),
    (
        "delimiter",
        "    format: fixed",
        "    format: fixed\n    delimiter: ','",
        8,
        "'delimiter' is for csv",
    ),
    ("no length", "{name: NAME, start: 16, length: 20}", "{name: NAME}", 10, "needs `length`"),
    ("duplicate field", "name: NAME", "name: ID", 10, "duplicate field name 'ID'"),
]


def _error(text: str) -> LayoutToolError:
    with pytest.raises(LayoutToolError) as caught:
        load_mapping(Path("m.yaml"), text=text)
    return caught.value


@pytest.mark.parametrize(
    ("old", "new", "line", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_broken_mapping_gives_one_line(old: str, new: str, line: int | None, message: str) -> None:
    if old == "BASE":
        text = new or ""
        if new:
            text = BASE.replace("      氏名: NAME", "      氏名: [NAME")
    else:
        assert old in BASE, old
        text = BASE.replace(old, new, 1)
    err = _error(text)
    assert message in err.message, str(err)
    assert err.path == "m.yaml"
    if line is not None:
        assert err.line == line, str(err)
    assert "\n" not in str(err)


@pytest.mark.parametrize(
    ("old", "new", "line", "message"), [c[1:] for c in FIXED_CASES], ids=[c[0] for c in FIXED_CASES]
)
def test_broken_fixed_width_source(old: str, new: str, line: int | None, message: str) -> None:
    assert old in FIXED, old
    err = _error(FIXED.replace(old, new, 1))
    assert message in err.message, str(err)
    assert err.line == line, str(err)


def test_missing_file() -> None:
    with pytest.raises(LayoutToolError, match="file not found"):
        load_mapping("no/such/mapping.yaml")
