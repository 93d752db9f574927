"""Generated wide exports through a lossless mapping with derived targets, and back.

For any generated wide 住民記録 export (``layout_tool.sample.wide``, a subset of its columns
that 個人 holds completely), with some values broken on purpose: every target accounts for
every row (in = written + rejected + filtered + merged), and ``--reverse`` of 個人 (the
primary target) reproduces every accepted row byte for byte; 世帯 and 異動履歴 are derived.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout_tool.conversion import ConvertOptions, convert
from layout_tool.mapping import load_mapping
from layout_tool.sample.wide import wide_rows

ROOT = Path(__file__).resolve().parents[2]
COLUMNS = [
    "団体コード", "宛名番号", "個人履歴番号", "最新フラグ", "世帯番号", "住民種別", "住民状態",
    "住民票コード", "個人番号", "氏", "名", "氏_フリガナ", "名_フリガナ", "性別", "生年月日",
    "生年月日_不詳フラグ", "続柄", "続柄_表記", "世帯主_氏名", "記載順位", "住所_町字",
    "住所_郵便番号", "住民となった年月日", "住民となった年月日_不詳フラグ", "記載事由",
    "記載年月日", "児童手当_受給開始年月", "処理日", "処理時刻",
]  # fmt: skip
FLAG = '{date: {from: iso, unknown_flag: @, unknown: {"1": day, "2": month-day}}}'
MAPPING = """\
mapping: 1
area: @SPEC@
lossless: true
codes:
  続柄: {map: {"2": "02", "12": "12", "20": "20"}}
sources:
  - id: w
    file: WIDE.csv
    format: csv
    encoding: cp932
    fields: [@FIELDS@]
targets:
  - file: kojin
    source: w
    items:
      市区町村コード: 団体コード
      宛名番号: 宛名番号
      個人履歴番号: 個人履歴番号
      最新フラグ: 最新フラグ
      世帯番号: 世帯番号
      住民種別: 住民種別
      住民状態: 住民状態
      住民票コード: 住民票コード
      個人番号: 個人番号
      氏名: {join: [氏, 名]}
      氏: 氏
      名: 名
      氏名フリガナ: {join: [氏_フリガナ, 名_フリガナ], each: [katakana]}
      性別: 性別
      生年月日: {from: 生年月日, transforms: [@FLAG1@]}
      生年月日（西暦）: {from: 生年月日, transforms: [@FLAG1@]}
      続柄: {from: 続柄, transforms: [{code: 続柄}]}
      続柄表記: 続柄_表記
      世帯主氏名: 世帯主_氏名
      記載順位: 記載順位
      住所町字: 住所_町字
      郵便番号: {from: 住所_郵便番号, transforms: [hankaku]}
      住民となった年月日: {from: 住民となった年月日, transforms: [@FLAG2@]}
      記載事由: 記載事由
      記載年月日: {from: 記載年月日, transforms: [{date: iso}]}
      児童手当受給開始年月: {from: 児童手当_受給開始年月, transforms: [{yearmonth: iso}]}
      処理年月日: {from: 処理日, transforms: [{date: slash}]}
      処理時刻: {from: 処理時刻, transforms: [{time: colon}]}
  - file: setai
    source: w
    distinct: [世帯番号]
    pick: [{where: {最新フラグ: "1", 住民状態: "1", "item:続柄": "02"}}, first]
    items:
      市区町村コード: 団体コード
      世帯番号: 世帯番号
      世帯主の宛名番号: 宛名番号
      世帯主氏名: {join: [氏, 名]}
      世帯状態: {const: "1"}
      世帯員数: {count: {where: {最新フラグ: "1", 住民状態: "1"}}}
  - file: ido_rireki
    source: w
    where: {記載事由: {not: null}}
    items:
      市区町村コード: 団体コード
      宛名番号: 宛名番号
      異動連番: 個人履歴番号
      異動事由: 記載事由
      異動年月日: {from: 記載年月日, transforms: [{date: iso}]}
"""
MAPPING = (
    MAPPING.replace("@FIELDS@", ", ".join(COLUMNS))
    .replace("@FLAG1@", FLAG.replace("@", "生年月日_不詳フラグ"))
    .replace("@FLAG2@", FLAG.replace("@", "住民となった年月日_不詳フラグ"))
)
BROKEN = {
    "生年月日_不詳フラグ": ["0", "1", "2", "7", ""],
    "処理時刻": ["09:00:00", "25:00:00", "0900", ""],
    "住民となった年月日": ["2001-02-29", "2001-02-01", ""],
    "続柄": ["2", "02", "99"],
    "児童手当_受給開始年月": ["2016-01", "2016-13", "201601"],
}


def _render(rows: list[dict[str, str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([[r[c] for c in COLUMNS] for r in rows])
    return buf.getvalue().encode("cp932")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    households=st.integers(1, 7),
    edits=st.lists(
        st.tuples(st.integers(0, 40), st.sampled_from(sorted(BROKEN)), st.integers(0, 4)),
        max_size=4,
    ),
)
def test_wide_export_round_trip(
    seed: int, households: int, edits: list[tuple[int, str, int]]
) -> None:
    rows = wide_rows(seed, households)
    for n, column, k in edits:
        values = BROKEN[column]
        rows[n % len(rows)][column] = values[k % len(values)]
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        text = (ROOT / "specs" / "v2.7" / "jumin.yaml").read_text(encoding="utf-8")
        spec = base / "jumin.yaml"  # the sample's numbers are plain serials: no M11 here
        spec.write_text(text.replace(", check: m11}", "}"), encoding="utf-8")
        (base / "m.yaml").write_text(MAPPING.replace("@SPEC@", str(spec)), encoding="utf-8")
        mapping = load_mapping(base / "m.yaml")
        assert mapping.lossless
        (base / "in").mkdir()
        original = _render(rows)
        (base / "in" / "WIDE.csv").write_bytes(original)
        report = convert(mapping, [base / "in"], base / "std")
        for f in report.files:
            assert f.rows_in == len(rows)
            assert f.rows_in == f.rows_out + f.rows_rejected + f.rows_filtered + f.rows_merged
        kojin = next(f for f in report.files if f.file_id == "kojin")
        assert kojin.rows_filtered == kojin.rows_merged == 0
        path = base / "std" / "conversion" / "JUMIN_KOJIN.rejects.csv"
        rejects = path.read_text("utf-8-sig") if kojin.rows_rejected else ""  # none: no file
        rejected = {int(r["row"]) for r in csv.DictReader(io.StringIO(rejects))}
        assert len(rejected) == kojin.rows_rejected
        convert(mapping, [base / "std"], base / "back", ConvertOptions(reverse=True))
        lines = original.split(b"\r\n")
        kept = [lines[0]] + [ln for i, ln in enumerate(lines[1:-1], 1) if i not in rejected]
        assert (base / "back" / "WIDE.csv").read_bytes() == b"\r\n".join(kept) + b"\r\n"
