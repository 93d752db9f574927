"""Transforms real exports need, several targets per source, and the wide sample vendor."""

# ruff: noqa: E501 - rows of data, kept on one line each

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from layout_tool.conversion import ConvertOptions, convert
from layout_tool.errors import LayoutToolError
from layout_tool.mapping import load_mapping
from layout_tool.mapping.transforms import Context, build
from layout_tool.mapping.transforms.base import Step
from layout_tool.spec.catalogue import shared_codes
from layout_tool.spec.loader import load_area_file
from layout_tool.spec.model import Item
from layout_tool.validate.run import validate_paths

# The wording these tests pin is the English one (--lang en)
pytestmark = pytest.mark.usefixtures("english")

ROOT = Path(__file__).resolve().parents[2]
WIDE = ROOT / "sample_data" / "vendors" / "shisaku-data" / "jumin"
YM = Item(1, "児童手当受給開始年月", "yearmonth", 6)
TIME = Item(2, "処理時刻", "time", 6)


def run(step: Step, values: list[str | None], inverse: bool = False) -> list[str | None]:
    fn = step.inverse if inverse else step.forward
    assert fn is not None
    frame = pl.DataFrame({"v": values}, schema={"v": pl.String})
    out = frame.select(fn(pl.col("v")).alias("o"))["o"].to_list()
    return ["FAIL" if v is not None and o is None else o for v, o in zip(values, out, strict=True)]


@pytest.mark.parametrize(
    ("shape", "given", "expected"),
    [
        ("iso", ["2016-01", "2016-13", "2016-1", None], ["201601", "FAIL", "FAIL", None]),
        ("compact", ["201601", "20161"], ["201601", "FAIL"]),
        ("slash", ["2016/01"], ["201601"]),
        ("era-letter", ["H28.01", "H31.04", "H31.05", "H01.01", "R01.05"],
         ["201601", "201904", "FAIL", "FAIL", "201905"]),
        ("kanji", ["平成28年1月", "平成元年2月", "平成28年01月"], ["201601", "198902", "FAIL"]),
    ],
)  # fmt: skip
def test_yearmonth_shapes(shape: str, given: list[str | None], expected: list[str]) -> None:
    step = build("yearmonth", shape, Context(item=YM))
    assert run(step, given) == expected
    ok = [g for g, e in zip(given, expected, strict=True) if e not in ("FAIL", None)]
    back = run(step, [e for e in expected if e not in ("FAIL", None)], inverse=True)
    assert back == ok


@pytest.mark.parametrize(
    ("shape", "given", "expected"),
    [
        ("colon", ["09:00:00", "23:59:59", "24:00:00", "9:00:00"], ["090000", "235959", "FAIL", "FAIL"]),
        ("hhmm", ["0900", "2360"], ["090000", "FAIL"]),
        ("colon-hm", ["09:05"], ["090500"]),
        ("compact", ["090000"], ["090000"]),
    ],
)  # fmt: skip
def test_time_shapes(shape: str, given: list[str], expected: list[str]) -> None:
    step = build("time", shape, Context(item=TIME))
    assert run(step, list(given)) == expected


def test_time_that_a_shape_cannot_carry_fails_back() -> None:
    step = build("time", "hhmm", Context(item=TIME))
    assert run(step, ["090000", "090030"], inverse=True) == ["0900", "FAIL"]


LOSSLESS = """\
mapping: 1
area: {spec}
lossless: true
codes:
  続柄: {{map: {{"2": "02", "12": "12", "20": "20"}}}}
sources:
  - id: s
    file: WIDE.csv
    format: csv
    encoding: utf-8
    fields: [宛名番号, 履歴, 最新, 世帯番号, 続柄, 氏, 名, 生年月日, 生年月日_不詳フラグ, 処理時刻, 開始年月]
targets:
  - file: kojin
    source: s
    items:
      市区町村コード: {{const: "990019"}}
      宛名番号: 宛名番号
      個人履歴番号: 履歴
      最新フラグ: 最新
      世帯番号: 世帯番号
      住民種別: {{const: "1"}}
      住民状態: {{const: "1"}}
      氏名: {{join: [氏, 名]}}
      氏: 氏
      名: 名
      性別: {{const: "1"}}
      生年月日:
        from: 生年月日
        transforms: [{{date: {{from: iso, unknown_flag: 生年月日_不詳フラグ, unknown: {{"1": day, "2": month-day}}}}}}]
      続柄: {{from: 続柄, transforms: [{{code: 続柄}}]}}
      記載順位: {{const: "1"}}
      処理時刻: {{from: 処理時刻, transforms: [{{time: colon}}]}}
      児童手当受給開始年月: {{from: 開始年月, transforms: [{{yearmonth: iso}}]}}
  - file: setai
    source: s
    where: {{最新: "1"}}
    distinct: [世帯番号]
    pick: [{{where: {{"item:続柄": "02"}}}}, first]
    items:
      市区町村コード: {{const: "990019"}}
      世帯番号: 世帯番号
      世帯主の宛名番号: 宛名番号
      世帯主氏名: {{join: [氏, 名]}}
      世帯状態: {{const: "1"}}
      世帯員数: {{count: {{where: {{"item:続柄": {{not: "02"}}}}}}}}
"""

HEADER = "宛名番号,履歴,最新,世帯番号,続柄,氏,名,生年月日,生年月日_不詳フラグ,処理時刻,開始年月"
ROWS = [
    "999910000000001,1,1,999920000000001,2,見本,太郎,1950-01-01,2,09:00:00,2016-01",
    "999910000000002,1,0,999920000000001,12,見本,花子,1952-03-01,1,10:30:00,",
    "999910000000002,2,1,999920000000001,12,見本,花子,1952-03-01,1,10:30:00,",
    "999910000000003,1,1,999920000000002,20,試験,一郎,1990-05-06,0,24:00:00,",
    "999910000000004,1,1,999920000000002,20,試験,次郎,1991-05-06,7,,",
    "999910000000005,1,1,999920000000003,20,例示,三郎,1993-05-06,0,,",
]


@pytest.fixture
def no_m11(tmp_path: Path) -> Path:
    """The bundled 住基 spec without the M11 checks (the sample numbers are plain serials)."""
    text = (ROOT / "specs" / "v2.7" / "jumin.yaml").read_text(encoding="utf-8")
    path = tmp_path / "jumin.yaml"
    path.write_text(text.replace(", check: m11}", "}"), encoding="utf-8")
    return path


def _mapping(tmp_path: Path, spec: Path, text: str = LOSSLESS) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text(text.format(spec=spec), encoding="utf-8")
    return path


def test_several_targets_account_for_every_row(tmp_path: Path, no_m11: Path, english: None) -> None:
    mapping = load_mapping(_mapping(tmp_path, no_m11))
    assert mapping.lossless
    src = tmp_path / "in" / "WIDE.csv"
    src.parent.mkdir()
    src.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    report = convert(mapping, [src], tmp_path / "out")
    counts = {f.file_id: (f.rows_in, f.rows_out, f.rows_rejected, f.rows_filtered, f.rows_merged)
              for f in report.files}  # fmt: skip
    # 個人: row 4 has 24:00:00, row 5 an unknown flag 7
    assert counts["kojin"] == (6, 4, 2, 0, 0)
    # 世帯: row 2 is not 最新 (filtered); 3 groups of 4 最新 rows (... and row 5, broken, rejected)
    assert counts["setai"] == (6, 3, 0, 1, 2)
    setai = pl.read_csv(tmp_path / "out" / "JUMIN_SETAI.csv", infer_schema=False)
    assert setai.select("世帯番号", "世帯主の宛名番号", "世帯員数").rows() == [
        ("999920000000001", "999910000000001", "1"),
        ("999920000000002", "999910000000003", "2"),
        ("999920000000003", "999910000000005", "1"),
    ]
    kojin = pl.read_csv(tmp_path / "out" / "JUMIN_KOJIN.csv", infer_schema=False)
    assert kojin["生年月日"].to_list() == ["03250000", "03270300", "03270300", "04050506"]
    assert kojin["処理時刻"].to_list()[:1] == ["090000"]
    assert kojin["児童手当受給開始年月"].to_list()[:1] == ["201601"]
    data = json.loads((tmp_path / "out" / "conversion" / "report.json").read_text("utf-8"))
    assert data["summary"]["rows_filtered"] == 1 and data["summary"]["rows_merged"] == 2
    text = (tmp_path / "out" / "conversion" / "report.txt").read_text("utf-8")
    assert "1 filtered, 2 merged" in text and "rows_merged" in text
    back = tmp_path / "back"
    rev = convert(mapping, [tmp_path / "out"], back, ConvertOptions(reverse=True))
    assert any("derived from source s" in n for n in rev.notes)
    lines = (back / "WIDE.csv").read_text("utf-8-sig").splitlines()
    assert lines == [HEADER, *[r for n, r in enumerate(ROWS, 1) if n not in (4, 5)]]


def test_a_source_with_only_derived_targets_is_lossy(tmp_path: Path, no_m11: Path) -> None:
    text = LOSSLESS.replace(
        "  - file: kojin\n    source: s\n",
        '  - file: kojin\n    source: s\n    where: {{最新: "1"}}\n',
    )
    with pytest.raises(LayoutToolError, match="filters or merges rows"):
        load_mapping(_mapping(tmp_path, no_m11, text))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('where: {{最新: "1"}}', "where: {{最新: 1}}", 'quote it: "1"'),
        ('where: {{最新: "1"}}', 'where: {{無い: "1"}}', "neither a field of source s"),
        ("    distinct: [世帯番号]\n", "", "pick: goes with distinct"),
        ("distinct: [世帯番号]", "distinct: [無い]", "has no field '無い'"),
        ("sep_none", "", ""),
    ],
)
def test_mistakes_in_derived_targets(
    tmp_path: Path, no_m11: Path, old: str, new: str, message: str
) -> None:
    if old == "sep_none":
        text = LOSSLESS.replace("氏名: {{join: [氏, 名]}}", '氏名: {{split: 氏, sep: ""}}', 1)
        message = "split needs a non-empty sep"
    else:
        assert old in LOSSLESS
        text = LOSSLESS.replace(old, new, 1)
    with pytest.raises(LayoutToolError, match=message):
        load_mapping(_mapping(tmp_path, no_m11, text))


def test_join_with_empty_sep_is_lossy_unless_its_fields_have_rules(
    tmp_path: Path, no_m11: Path
) -> None:
    text = LOSSLESS.replace("氏名: {{join: [氏, 名]}}", '氏名: {{join: [氏, 名], sep: ""}}')
    assert load_mapping(_mapping(tmp_path, no_m11, text)).lossless  # 氏 and 名 restore them
    text = text.replace("      氏: 氏\n      名: 名\n", "")
    with pytest.raises(LayoutToolError, match="sep '' cannot be split back"):
        load_mapping(_mapping(tmp_path, no_m11, text))


def test_wide_vendor_converts_and_validates(tmp_path: Path, no_m11: Path) -> None:
    bundled = load_mapping("shisaku-data/jumin")
    report = convert(bundled, [WIDE], tmp_path / "as-is")
    # the bundled spec checks M11 on 宛名番号/世帯番号; the vendor's serials have none
    assert set(report.by_code) <= {"check-digit"}
    text = (ROOT / "mappings" / "shisaku-data" / "jumin.yaml").read_text("utf-8")
    path = tmp_path / "m.yaml"
    path.write_text(text.replace("area: jumin", f"area: {no_m11}"), encoding="utf-8")
    mapping = load_mapping(path)
    out = tmp_path / "out"
    report = convert(mapping, [WIDE], out)
    assert report.rows_rejected == 0
    got = {f.file_id: (f.rows_in, f.rows_out, f.rows_filtered, f.rows_merged) for f in report.files}
    assert got == {"kojin": (36, 36, 0, 0), "setai": (36, 8, 0, 28), "ido_rireki": (36, 26, 10, 0)}
    result = validate_paths(load_area_file(no_m11, shared_codes("2.7")), [out])
    assert result.errors == 0, [f.message for f in result.findings][:5]


def test_a_group_without_the_row_pick_asks_for_is_rejected(tmp_path: Path, no_m11: Path) -> None:
    text = LOSSLESS.replace(
        'pick: [{{where: {{"item:続柄": "02"}}}}, first]', 'pick: {{where: {{"item:続柄": "02"}}}}'
    )
    mapping = load_mapping(_mapping(tmp_path, no_m11, text))
    src = tmp_path / "WIDE.csv"
    src.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    report = convert(mapping, [src], tmp_path / "out")
    setai = next(f for f in report.files if f.file_id == "setai")
    # groups 2 and 3 have no 世帯主 (続柄 02): their first rows are rejected, the rest merged
    assert (setai.rows_out, setai.rows_rejected, setai.rows_filtered, setai.rows_merged) == (
        1,
        2,
        1,
        2,
    )
    assert report.by_code["rule"] == 2


def test_reverse_of_a_lossy_mapping_names_its_first_reason(tmp_path: Path) -> None:
    mapping = load_mapping("shisaku-data/jumin")
    with pytest.raises(
        LayoutToolError, match=r"is lossy \(転入前住所: a join with sep '' .*; and \d+ more\)"
    ):
        convert(mapping, [tmp_path], tmp_path / "out", ConvertOptions(reverse=True))


def test_lookup_keys_can_be_transformed(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        """\
mapping: 1
area: jumin
lossless: false
sources:
  - {id: p, file: P.csv, format: csv, encoding: utf-8, fields: [番号, 世帯]}
  - {id: h, file: H.csv, format: csv, encoding: utf-8, fields: [世帯番号, 世帯主]}
targets:
  - file: kojin
    source: p
    items:
      宛名番号: 番号
      世帯主氏名:
        lookup: {source: h, on: [世帯], key: [世帯番号], field: 世帯主, on_transforms: [{zfill: 15}]}
""",
        encoding="utf-8",
    )
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "P.csv").write_text(
        "番号,世帯\n999910000000001,12\n999910000000002,13\n", "utf-8"
    )
    (tmp_path / "in" / "H.csv").write_text("世帯番号,世帯主\n000000000000012,見本　太郎\n", "utf-8")
    convert(load_mapping(path), [tmp_path / "in"], tmp_path / "out")
    rejects = pl.read_csv(
        tmp_path / "out" / "conversion" / "JUMIN_KOJIN.rejects.csv", infer_schema=False
    )  # (every row lacks required items here; only the lookup matters)
    codes = dict(zip(rejects["row"], rejects["codes"], strict=True))
    assert "reference" not in codes["1"]  # 12 → 000000000000012 found its 世帯
    assert "reference" in codes["2"]  # 13 → 000000000000013 has none


def test_reverse_needs_the_primary_target(tmp_path: Path, no_m11: Path) -> None:
    mapping = load_mapping(_mapping(tmp_path, no_m11))
    src = tmp_path / "in" / "WIDE.csv"
    src.parent.mkdir()
    src.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    convert(mapping, [src], tmp_path / "out")
    only = tmp_path / "out" / "JUMIN_SETAI.csv"
    with pytest.raises(
        LayoutToolError, match=r"rebuilds its sources from \(kojin \(JUMIN_KOJIN\)\)"
    ):
        convert(mapping, [only], tmp_path / "back", ConvertOptions(reverse=True))
