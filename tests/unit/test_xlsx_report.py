"""The Excel report: summary, findings and 外字 sheets; data stays data."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import validate_people
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from layout_tool.cli.main import main
from layout_tool.report.report import Report
from layout_tool.report.xlsx import MAX_CELL, clean, render_xlsx

E0 = "\ue000"
ROWS = [
    f"00001,山{E0}郎,123456789012,東京",
    "00002,=HYPERLINK(1),12345678901X,大阪",
    "00003,田中,,a\x07b",
    f",{E0},,",
]


def make(tmp_path: Path, **filter_args: object) -> tuple[Report, Path]:
    return validate_people(tmp_path, "PEOPLE.csv", ROWS, **filter_args), tmp_path / "PEOPLE.csv"


def sheet_rows(ws: Worksheet) -> list[tuple[object, ...]]:
    return list(ws.iter_rows(values_only=True))


def test_every_sheet_heading_in_japanese_by_default_and_english_on_request(
    tmp_path: Path,
) -> None:
    """Sheet names, the 指摘 sheet's headers, the 外字 sheet's and the summary's headings
    are Japanese by default, English with --lang en; finding codes stay as they are."""
    from layout_tool.i18n import use_lang

    report, _ = make(tmp_path)
    ja = load_workbook(io.BytesIO(render_xlsx(report)))
    with use_lang("en"):
        en = load_workbook(io.BytesIO(render_xlsx(report)))
    assert ja.sheetnames == ["概要", "指摘", "外字"]
    assert en.sheetnames == ["Summary", "Findings", "Gaiji"]
    ja_head, en_head = sheet_rows(ja["指摘"])[0], sheet_rows(en["Findings"])[0]
    assert ja_head[:9] == ("重大度", "コード", "ファイル", "ファイルID", "データ行", "項目", "列",
                           "値", "メッセージ")  # fmt: skip
    assert ja_head[-1] == "Excel行"
    assert en_head[:9] == ("severity", "code", "file", "file id", "row", "item", "column",
                           "value", "message")  # fmt: skip
    ascii_only = {"XPath", "SHA-256"}
    for cell in ja_head:  # every heading of the 指摘 sheet is Japanese (but XPath)
        assert cell in ascii_only or any(ord(c) > 0x3000 for c in str(cell)), cell
    assert sheet_rows(ja["外字"])[0][:3] == ("コードポイント", "文字", "出現数")
    assert sheet_rows(en["Gaiji"])[0][:3] == ("code point", "char", "count")
    ja_codes = [r[1] for r in sheet_rows(ja["指摘"])[1:]]
    assert ja_codes == [r[1] for r in sheet_rows(en["Findings"])[1:]]  # codes stay English
    assert {r[0] for r in sheet_rows(ja["指摘"])[1:]} <= {"エラー", "警告"}
    heads = [r[0] for r in sheet_rows(ja["概要"]) if r and len(r) == 1 and r[0]]
    for text in heads:  # section headings of the summary
        assert any(ord(c) > 0x3000 for c in str(text)), text


def test_three_sheets_with_exact_counts(tmp_path: Path) -> None:
    report, _ = make(tmp_path)
    wb = load_workbook(io.BytesIO(render_xlsx(report)))
    assert wb.sheetnames == ["概要", "指摘", "外字"]
    summary = {r[0]: r[1] for r in sheet_rows(wb["概要"]) if r and r[0]}
    assert summary["結果"] == "不合格"  # Japanese by default
    assert summary["エラー"] == report.errors
    assert summary["警告"] == report.warnings
    assert summary["行数"] == 4
    assert summary["外字（出現数）"] == 2
    findings = sheet_rows(wb["指摘"])
    assert len(findings) == len(report.findings) + 1
    assert findings[0][:2] == ("重大度", "コード")
    assert wb["指摘"].freeze_panes == "A2" and wb["指摘"].auto_filter.ref
    gaiji = sheet_rows(wb["外字"])
    assert gaiji[1][:3] == ("U+E000", E0, 2)


def test_values_stay_text_masked_and_legal(tmp_path: Path) -> None:
    report, _ = make(tmp_path)
    wb = load_workbook(io.BytesIO(render_xlsx(report)))
    ws = wb["指摘"]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.column == 8]
    values = [c.value for c in cells]
    formula = next(c for c in cells if c.value == "=HYPERLINK(1)")
    assert formula.data_type == "s"
    assert "1234********" in values and "12345678901X" not in values
    assert "a[U+0007]b" in values


def test_clean() -> None:
    assert clean(None) is None and clean(3) == 3
    long = clean("x" * (MAX_CELL + 10))
    assert isinstance(long, str) and len(long) == MAX_CELL and long.endswith("…")


def test_cli_needs_an_output_file_for_xlsx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, path = make(tmp_path)
    args = ["validate", "--spec", str(tmp_path / "spec.yaml"), str(path), "--format", "xlsx"]
    with pytest.raises(SystemExit) as ended:
        main(args)
    assert ended.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "-o" in captured.err
    out = tmp_path / "report.xlsx"
    with pytest.raises(SystemExit) as ended:
        main([*args, "-o", str(out)])
    assert ended.value.code == 1
    assert load_workbook(out).sheetnames == ["概要", "指摘", "外字"]
    assert not list(tmp_path.glob(".report.xlsx.*"))  # no temporary file left behind
