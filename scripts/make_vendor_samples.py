"""Write the fictitious vendors' exports in sample_data/vendors/ (reproducibly).

For each bundled mapping: generate synthetic standard files (``layout_tool.sample``), make
the items a vendor derives agree with what it stores (氏 and 名 are the parts of 氏名),
convert them to the vendor's layout with the mapping in reverse, then plant the awkward
cases real exports have, each listed in sample_data/vendors/README.md with the finding it
should produce. Run: ``python scripts/make_vendor_samples.py`` (same seed, same bytes).
"""

# ruff: noqa: E501 - the README lines are data, kept on one line each

from __future__ import annotations

import csv
import io
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import polars as pl

from layout_tool.conversion import ConvertOptions, convert
from layout_tool.mapping import Mapping, load_mapping
from layout_tool.sample.generator import generate
from layout_tool.sample.wide import wide_rows, write_wide
from layout_tool.sample.writer import write

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "sample_data" / "vendors"
SEED = 20240401
ROWS = 24
VENDORS = ("kakuu-densan", "kaso-systems")
AREAS = ("jumin", "kaigo", "kojin_juminzei")

Edit = Callable[[Mapping, Path], list[str]]
GAIJI_TABLE = "gaiji.csv"
# The vendor's 外字 table as a municipality would keep it (the identification is fictitious).
KAKUU_GAIJI = """\
source,target,mj,note
U+E000,U+845B U+E0100,,葛 with IVS (fictitious identification for the sample)
"""


def standard_frames(mapping: Mapping) -> dict[str, pl.DataFrame]:
    """Synthetic standard files, with 氏 / 名 made the two parts of 氏名."""
    frames = generate(mapping.area, ROWS, SEED)
    wanted = {t.file.id for t in mapping.targets}
    out = {}
    for file_id, frame in frames.items():
        if file_id not in wanted:
            continue
        if {"氏名", "氏", "名"} <= set(frame.columns):
            parts = pl.col("氏名").str.splitn("\u3000", 2)
            frame = frame.with_columns(
                parts.struct.field("field_0").alias("氏"), parts.struct.field("field_1").alias("名")
            )
        out[file_id] = frame
    return out


def export(mapping: Mapping, folder: Path) -> None:
    """The vendor's files for the synthetic data (rows the vendor cannot hold are dropped)."""
    with tempfile.TemporaryDirectory() as tmp:
        std = Path(tmp) / "standard"
        write(standard_frames(mapping), mapping.area, std)
        report = convert(mapping, [std], Path(tmp) / "vendor", ConvertOptions(reverse=True))
        for f in report.files:
            if f.rows_rejected:
                print(f"  {f.file_id}: {f.rows_rejected} generated rows do not fit the layout")
        folder.mkdir(parents=True, exist_ok=True)
        for f in report.files:
            shutil.copyfile(f.output, folder / Path(f.output).name)


# -- editing the exports: fixed-width records by field, CSV rows by column ----------------


def fixed_edit(
    mapping: Mapping, path: Path, source: str, row: int, field: str, value: bytes
) -> None:
    """Overwrite one field of record ``row`` (1-based) with ``value`` padded with spaces."""
    src = mapping.source(source)
    start = sum(f.length or 0 for f in src.fields[: src.field_names.index(field)])
    length = src.field(field).length or 0
    records = path.read_bytes().split(b"\r\n")
    record = records[row - 1]
    records[row - 1] = (
        record[:start] + value.ljust(length, b" ")[:length] + record[start + length :]
    )
    path.write_bytes(b"\r\n".join(records))


def fixed_truncate(path: Path, row: int, keep: int) -> None:
    records = path.read_bytes().split(b"\r\n")
    records[row - 1] = records[row - 1][:keep]
    path.write_bytes(b"\r\n".join(records))


def csv_edit(path: Path, row: int, column: str, value: str) -> None:
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    rows[row][rows[0].index(column)] = value
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))


def name_with(mapping: Mapping, path: Path, source: str, row: int, field: str, text: str) -> None:
    padded = text.encode("cp932")
    length = mapping.source(source).field(field).length or 0
    padded += "\u3000".encode("cp932") * ((length - len(padded)) // 2)
    fixed_edit(mapping, path, source, row, field, padded)


def kakuu_jumin(m: Mapping, d: Path) -> list[str]:
    kojin = d / "JKKOJIN.DAT"
    name_with(m, kojin, "kojin", 2, "SHIMEI", "髙\ue000\u3000太郎")
    name_with(m, kojin, "kojin", 3, "KATAGAKI", "見本荘１～３号")
    fixed_edit(m, kojin, "kojin", 4, "SEINENGAPPI", b"3450400")
    name_with(m, kojin, "kojin", 5, "SHIMEI", "ﾔﾏﾀﾞ\u3000太郎")
    fixed_edit(m, kojin, "kojin", 6, "ZOKUGARA", b"77")
    name_with(m, kojin, "kojin", 7, "SHIMEI", "見本\ue001\u3000花子")
    (d.parent / GAIJI_TABLE).write_text(KAKUU_GAIJI, encoding="utf-8")
    return [
        "JKKOJIN.DAT row 2: 外字 U+E000 (CP932 F040) in SHIMEI → 氏名 keeps it, a `gaiji` warning;"
        f" with `--gaiji-map sample_data/vendors/kakuu-densan/{GAIJI_TABLE}` it becomes 葛󠄀"
        " (U+845B U+E0100)",
        "JKKOJIN.DAT row 7: 外字 U+E001 (CP932 F041) in SHIMEI, not in the vendor's 外字 table →"
        " a `gaiji` warning either way; `layout-tool gaiji OUT --map TABLE` lists it as unmapped",
        "JKKOJIN.DAT row 3: ～ (0x8160) in KATAGAKI → 方書 gets 〜 (the mapping's `replace`)",
        "JKKOJIN.DAT row 4: SEINENGAPPI 3450400 (day unknown) → 生年月日 03450400, accepted",
        "JKKOJIN.DAT row 5: half-width kana in SHIMEI → rejected, `type` (氏名 is 全角)",
        "JKKOJIN.DAT row 6: ZOKUGARA 77 is not in the code map → rejected, `code`",
    ]


def kakuu_kaigo(m: Mapping, d: Path) -> list[str]:
    hiho, nintei = d / "KGHIHO.DAT", d / "KGNINTEI.DAT"
    fixed_edit(m, hiho, "hihokensha", 2, "SEINENGAPPI", b"3450400")
    fixed_edit(m, hiho, "hihokensha", 3, "SHUTOKU_JIYU", b"X99")
    fixed_truncate(nintei, 2, 40)
    fixed_edit(m, nintei, "nintei", 3, "SHINSEI_KBN", b"\xa0")
    return [
        "KGHIHO.DAT row 2: SEINENGAPPI 3450400 → rejected, `date` (this 生年月日 must be a real day)",
        "KGHIHO.DAT row 3: SHUTOKU_JIYU X99 is not in the code map → rejected, `code`",
        "KGNINTEI.DAT row 2: a record cut short → rejected, `row-shape`",
        "KGNINTEI.DAT row 3: byte 0xA0 (not CP932) in SHINSEI_KBN → rejected, `encoding`",
    ]


def kakuu_kojin(m: Mapping, d: Path) -> list[str]:
    nozei = d / "KZNOZEI.DAT"
    fixed_edit(m, nozei, "nozei", 2, "NENZEIGAKU", b"0000012345-")
    fixed_edit(m, nozei, "nozei", 3, "NENZEIGAKU", b"00000123 45")
    return [
        "KZNOZEI.DAT row 2: NENZEIGAKU 0000012345- (trailing sign) → 年税額 -12345, accepted",
        "KZNOZEI.DAT row 3: NENZEIGAKU with a blank inside → rejected, `type`",
    ]


def kaso_jumin(m: Mapping, d: Path) -> list[str]:
    kojin = d / "KSJ_JUMIN_KOJIN.csv"
    csv_edit(kojin, 1, "方書", "見本荘１〜３号")
    csv_edit(kojin, 2, "方書", "見本荘１～３号")
    csv_edit(kojin, 3, "氏", "ｶﾅ")
    csv_edit(kojin, 4, "名", "\ue001子")
    csv_edit(kojin, 5, "生年月日", "S45.04.00")
    return [
        "KSJ_JUMIN_KOJIN.csv rows 1 and 2: 方書 with 〜 (U+301C) and ～ (U+FF5E), both kept as sent",
        "KSJ_JUMIN_KOJIN.csv row 3: half-width kana in 氏 → rejected, `type`",
        "KSJ_JUMIN_KOJIN.csv row 4: 外字 U+E001 in 名 → kept, `gaiji` warnings (名 and 氏名)",
        "KSJ_JUMIN_KOJIN.csv row 5: 生年月日 S45.04.00 (day unknown) → 03450400, accepted",
    ]


def kaso_kaigo(m: Mapping, d: Path) -> list[str]:
    hiho, nintei = d / "KSJ_KAIGO_HIHOKENSHA.csv", d / "KSJ_KAIGO_NINTEI.csv"
    csv_edit(hiho, 1, "生年月日", "1950-04-00")
    csv_edit(nintei, 1, "要介護度", "要介護6")
    csv_edit(nintei, 2, "支給限度額", "  12,345")
    return [
        "KSJ_KAIGO_HIHOKENSHA.csv row 1: 生年月日 1950-04-00 → rejected, `date`",
        "KSJ_KAIGO_NINTEI.csv row 1: 要介護度 要介護6 is not in the code map → rejected, `code`",
        "KSJ_KAIGO_NINTEI.csv row 2: 支給限度額 with a thousands comma → rejected, `type`",
    ]


def kaso_kojin(m: Mapping, d: Path) -> list[str]:
    nozei = d / "KSJ_KOJIN_NOZEI.csv"
    csv_edit(nozei, 1, "決定日", "平成元年5月1日")
    csv_edit(nozei, 2, "決定日", "平成31年5月1日")
    return [
        "KSJ_KOJIN_NOZEI.csv row 1: 決定日 平成元年5月1日, but this vendor writes 平成1年 → rejected, `date`",
        "KSJ_KOJIN_NOZEI.csv row 2: 決定日 平成31年5月1日 (that day is 令和元年) → rejected, `date`",
    ]


EDITS: dict[tuple[str, str], Edit] = {
    ("kakuu-densan", "jumin"): kakuu_jumin,
    ("kakuu-densan", "kaigo"): kakuu_kaigo,
    ("kakuu-densan", "kojin_juminzei"): kakuu_kojin,
    ("kaso-systems", "jumin"): kaso_jumin,
    ("kaso-systems", "kaigo"): kaso_kaigo,
    ("kaso-systems", "kojin_juminzei"): kaso_kojin,
}


WIDE_NOTES = [
    "ONE wide CSV (CP932, 101 columns, one row per version of a person), written directly by `layout_tool.sample.wide` (its mapping is lossy, so it cannot be made by --reverse); its mapping makes 個人 row for row, 世帯 one row per 世帯番号 (`distinct`, `pick`, `count`) and 異動履歴 from the rows with a 記載事由 (`where`)",
    "生年月日 `1969-01-01` with 生年月日_不詳フラグ 2 → 生年月日 03440000 (month and day unknown); flag 1 → day unknown",
    "除票 rows (住民状態 2, 消除事由 30, no 記載事由) → in 個人; filtered out of 異動履歴",
    "foreign residents (住民種別 2, 氏名_アルファベット, 在留カード等番号, 外国人住民となった年月日 with a 不詳フラグ)",
    "世帯 …0002: the 世帯主 moved out and the spouse became 世帯主 (記載事由 24): 世帯 takes the spouse's row (`pick`)",
    "世帯 …0003 and …0007: every member moved out → 世帯状態 2, 世帯員数 0, the last 世帯主's row",
    "宛名番号 and 世帯番号 are plain serials (no check digit): the bundled spec's `check: m11` rejects them until M11 checks are opt-in",
]


def main() -> int:
    if OUT.exists():
        shutil.rmtree(OUT)
    lines = [
        "# Fictitious vendor exports",
        "",
        "Written by `scripts/make_vendor_samples.py` from synthetic data; do not edit by hand.",
        "Convert one with e.g. `layout-tool convert --mapping kakuu-densan/jumin"
        " sample_data/vendors/kakuu-densan/jumin -o out/jumin`.",
        "",
        "Planted awkward cases and what `convert` says about them:",
        "",
    ]
    for vendor in VENDORS:
        for area in AREAS:
            mapping = load_mapping(ROOT / "mappings" / vendor / f"{area}.yaml")
            folder = OUT / vendor / area
            print(f"{vendor}/{area}")
            export(mapping, folder)
            lines += [f"## {vendor}/{area}", ""]
            lines += [f"- {note}" for note in EDITS[(vendor, area)](mapping, folder)]
            lines.append("")
    print("shisaku-data/jumin")
    write_wide(OUT / "shisaku-data" / "jumin" / "JUMIN_ICHIRAN.csv", wide_rows(SEED))
    lines += ["## shisaku-data/jumin", "", *WIDE_NOTES, ""]
    (OUT / "README.md").write_text("\n".join(lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
