"""``layout-tool spec import`` and ``spec diff``: outputs, warnings and exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner, Result

from layout_tool.cli.main import cli
from layout_tool.spec.catalogue import load_area
from layout_tool.spec.diff import diff_specs

HEADER = ["項番", "データ項目名称", "データ型", "桁数", "外字使用", "コード", "必須"]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def book(path: Path, rows: list[list[object]], title: str = "個人") -> Path:
    wb = openpyxl.Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    codes = wb.create_sheet("コード")
    for code_row in [["コード名", "コード", "名称"], ["区分", "1", "甲"], ["区分", "2", "乙"]]:
        codes.append(code_row)
    wb.save(path)
    return path


ROWS: list[list[Any]] = [
    HEADER,
    [1, "宛名番号", "数字", 15, "", "", "○"],
    [2, "氏名", "漢字", 60, "○", "", "○"],
    [3, "区分", "コード", 1, "", "区分", ""],
    [4, "備考欄", "自由記述", 200, "", "", ""],
]


def test_import_writes_a_loadable_spec_and_lists_warnings(tmp_path: Path) -> None:
    out = tmp_path / "jumin_official.yaml"
    result = invoke("spec", "import", str(book(tmp_path / "t.xlsx", ROWS)), "--area", "jumin",
                    "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "warning: sheet 個人 row 5 (備考欄): データ型 '自由記述' not recognised" in result.stdout
    assert "imported 1 files, 4 items, 1 code tables" in result.stdout
    spec = load_area(str(out))
    assert spec.provenance == "imported"
    assert [(i.name, i.type) for i in spec.files[0].items] == [
        ("宛名番号", "digits"), ("氏名", "zenkaku"), ("区分", "code"), ("備考欄", "text"),
    ]  # fmt: skip
    shown = invoke("spec", "show", str(out), "--format", "json")
    assert shown.exit_code == 0
    assert json.loads(shown.stdout)["provenance"] == "imported"


def test_import_to_stdout_keeps_the_summary_on_stderr(tmp_path: Path) -> None:
    result = invoke("spec", "import", str(book(tmp_path / "t.xlsx", ROWS)), "--area", "jumin",
                    "-o", "-")  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout.startswith("# 住民基本台帳 (jumin) — imported from t.xlsx")
    assert "provenance: imported" in result.stdout
    assert "imported 1 files" in result.stderr and "imported 1 files" not in result.stdout


def test_unrecognised_layout_exits_2_naming_the_columns_found(tmp_path: Path) -> None:
    rows: list[list[object]] = [["名前", "種類", "長さ"], ["宛名番号", "数字", 15]]
    path = book(tmp_path / "odd.xlsx", rows)
    out = tmp_path / "x.yaml"
    result = invoke("spec", "import", str(path), "--area", "jumin", "-o", str(out))
    assert result.exit_code == 2
    assert "no データ項目一覧表 found" in result.stderr
    assert "個人: found 名前, 種類, 長さ" in result.stderr
    assert not out.exists()
    fixed = invoke("spec", "import", str(path), "--area", "jumin", "-o", str(out),
                   "--column", "項目名=名前", "--column", "データ型=種類")  # fmt: skip
    assert fixed.exit_code == 0, fixed.output
    assert out.exists()


def test_invalid_table_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    rows = [*ROWS, [5, "氏名", "漢字", 30, "", "", ""]]
    out = tmp_path / "x.yaml"
    result = invoke("spec", "import", str(book(tmp_path / "d.xlsx", rows)), "--area", "jumin",
                    "-o", str(out))  # fmt: skip
    assert result.exit_code == 2
    assert "item '氏名' appears twice" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_diff_exit_codes_and_json(tmp_path: Path) -> None:
    out = tmp_path / "imp.yaml"
    path = book(tmp_path / "t.xlsx", ROWS)
    assert invoke("spec", "import", str(path), "--area", "jumin", "-o", str(out)).exit_code == 0
    same = invoke("spec", "diff", str(out), str(out))
    assert same.exit_code == 0 and "no differences" in same.stdout
    differ = invoke("spec", "diff", "jumin", str(out), "--format", "json")
    assert differ.exit_code == 1
    data = json.loads(differ.stdout)
    library = diff_specs(load_area("jumin"), load_area(str(out))).to_dict()
    assert data == json.loads(json.dumps(library, ensure_ascii=False))
    assert data["equal"] is False and data["b"]["provenance"] == "imported"
    assert [f["id"] for f in data["files"]["removed"]] == ["setai", "ido_rireki"]
    text = invoke("spec", "diff", "jumin", str(out))
    assert text.exit_code == 1 and "+ 備考欄: text(200)" in text.stdout


def test_diff_of_a_missing_spec_exits_2() -> None:
    result = invoke("spec", "diff", "jumin", "nowhere.yaml")
    assert result.exit_code == 2 and "nowhere.yaml" in result.stderr
