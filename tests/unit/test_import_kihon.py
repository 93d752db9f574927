"""``spec import`` of a 基本データリスト-shaped workbook saved as Strict Open XML."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from xlsx_strict import write_strict_xlsx

from layout_tool.cli.main import cli
from layout_tool.spec.catalogue import load_area
from layout_tool.spec.import_read import read_tables
from layout_tool.spec.importer import ImportOptions, import_table

SHEET = [
    ["基本データリスト 001 住民基本台帳 (synthetic)"],
    ["データグループID", "データグループ名", "No", "データ項目名称（論理名）", "データ型", "最大長",
     "必須・任意", "主キー区分", "外字", "備考"],
    ["001001", "住民情報", "1", "宛名番号", "数字", "15", "必須", "〇", "", ""],
    ["001001", "住民情報", "2", "氏名", "全角文字", "60", "必須", "", "", "MJ+"],
    ["001001", "住民情報", "3", "生年月日", "日付(YYYYMMDD)", "8", "任意", "", "", ""],
    ["001002", "世帯情報", "1", "世帯番号", "数字", "15", "必須", "〇", "", ""],
    ["001002", "世帯情報", "2", "世帯主氏名", "全角文字", "60", "任意", "", "", ""],
]  # fmt: skip


def workbook(tmp_path: Path) -> Path:
    name = "001_住民基本台帳_基本データリスト【第2.1版】.xlsx"
    return write_strict_xlsx(tmp_path / name, [("データ項目一覧", SHEET)])


def test_strict_workbook_is_read(tmp_path: Path) -> None:
    import openpyxl

    path = workbook(tmp_path)
    with pytest.warns(UserWarning):
        assert openpyxl.load_workbook(path).worksheets == []  # what openpyxl sees
    tables = read_tables(path)
    assert tables[0].sheet == "データ項目一覧" and tables[0].rows[2][3] == "宛名番号"


def test_kihon_import_groups_edition_charset(tmp_path: Path) -> None:
    result = import_table(workbook(tmp_path), ImportOptions(area="kihon:001"))
    spec = result.spec
    assert (spec.standard, spec.version, spec.edition) == ("kihon", "2.1", "第2.1版")
    assert spec.charset == "mjplus" and spec.provenance == "imported"
    assert [(f.name, f.group) for f in spec.files] == [
        ("住民情報", "001001"),
        ("世帯情報", "001002"),
    ]
    first = spec.files[0]
    assert [i.name for i in first.items] == ["宛名番号", "氏名", "生年月日"]
    assert [i.length for i in first.items] == [15, 60, 8]
    assert first.items[0].required and not first.items[2].required
    assert first.key == ("宛名番号",)
    out = tmp_path / "kihon_jumin.yaml"
    out.write_text(result.text, encoding="utf-8")
    assert load_area(str(out)).files[1].group == "001002"


def test_import_cli_with_family(tmp_path: Path) -> None:
    out = tmp_path / "s.yaml"
    args = ["spec", "import", str(workbook(tmp_path)), "--area", "kihon:001", "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "standard: kihon" in out.read_text(encoding="utf-8")
