"""``charset import``: synthetic MJ (Strict xlsx), GJ (CSV) and IVD tables → a charset folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from xlsx_strict import write_strict_xlsx

from layout_tool.charset.loader import load_charset
from layout_tool.cli.main import cli
from layout_tool.errors import LayoutToolError

MJ_ROWS = [
    ["MJ文字情報一覧表 (synthetic)"],
    ["MJ文字図形名", "対応するUCS", "実装したUCS", "実装したMoji_JohoコレクションIVS"],
    ["MJ000001", "U+4E00", "U+4E00", "4E00_E0100"],
    ["MJ012345", "U+845B", "U+845B", "845B_E0102"],
    ["MJ054321", "U+9AD9", "U+9AD9", ""],
    ["MJ0BAD", "U+9AD9", "", ""],
]
GJ_CSV = (
    "GJ番号,コードポイント,代替\n"
    "GJ000001,U+100001,ヱ\nGJ000554,U+100229,\n555,U+100307,\nGJ000999,U+4E00,\n"
)
IVD = "# IVD (synthetic)\n845B E0100; Adobe-Japan1; CID+0001\n845B E0102; Moji_Joho; MJ012345\n"


def tables(tmp_path: Path) -> tuple[Path, Path, Path]:
    mj = write_strict_xlsx(tmp_path / "mj.xlsx", [("MJ", MJ_ROWS)])
    gj = tmp_path / "gj.csv"
    gj.write_text(GJ_CSV, encoding="utf-8")
    ivd = tmp_path / "IVD_Sequences.txt"
    ivd.write_text(IVD, encoding="utf-8")
    return mj, gj, ivd


def test_import_builds_a_loadable_charset(tmp_path: Path) -> None:
    mj, gj, ivd = tables(tmp_path)
    out = tmp_path / "mjplus"
    args = ["charset", "import", "--mj", str(mj), "--gj", str(gj), "--ivd", str(ivd)]
    args += ["--version", "9.9", "--source", "synthetic tables", "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "3 mj, 3 gj, 2 ivs" in result.output
    cs = load_charset(out)
    assert cs.label == "mjplus 9.9"
    assert cs.mj["MJ000001"] == "一\U000e0100" and cs.mj["MJ054321"] == "髙"
    assert cs.gj_by_number["GJ000555"].codepoint == 0x100307  # number without GJ prefix
    assert cs.gj[0x100001].fallback == "ヱ"
    assert "葛\U000e0101" not in cs.ivs and "葛\U000e0100" in cs.ivs
    assert "一\U000e0100" in cs.ivs  # an MJ character's IVS is registered too
    shown = CliRunner().invoke(cli, ["charset", "show", str(out), "--format", "json"])
    assert '"gj": 3' in shown.output


def test_import_only_some_ivd_collections(tmp_path: Path) -> None:
    _, _, ivd = tables(tmp_path)
    args = ["charset", "import", "--ivd", str(ivd), "--collection", "Moji_Joho"]
    args += ["--version", "1", "--source", "x", "-o", str(tmp_path / "cs")]
    assert CliRunner().invoke(cli, args).exit_code == 0
    assert load_charset(tmp_path / "cs").ivs == frozenset({"葛\U000e0102"})


def test_import_needs_a_table_and_known_columns(tmp_path: Path) -> None:
    args = ["charset", "import", "--version", "1", "--source", "x", "-o", str(tmp_path / "c")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and "--mj, --gj or --ivd" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, [*args[:-2], "--gj", str(bad), "-o", str(tmp_path / "c")])
    assert result.exit_code == 2 and "no sheet with the columns" in result.output


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("gj,ucs\nGJ1,U+100001\n", "GJ . six digits"),
        ("gj,ucs\nGJ000001,U+4E00\n", "plane 16"),
        ("gj,ucs\nGJ000001,U+100001\nGJ000002,U+100001\n", "also GJ000001"),
    ],
)
def test_bad_gj_table_is_a_file_line_error(tmp_path: Path, text: str, message: str) -> None:
    folder = tmp_path / "cs"
    folder.mkdir()
    (folder / "charset.yaml").write_text(
        'charset: t\nname: t\nversion: "1"\nsource: t\ntables: {gj: gj.csv}\n', encoding="utf-8"
    )
    (folder / "gj.csv").write_text(text, encoding="utf-8")
    with pytest.raises(LayoutToolError, match=message) as info:
        load_charset(folder)
    assert str(info.value).startswith(str(folder / "gj.csv") + ":")


def test_gj_table_as_transitional_xlsx_and_show_text(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["GJ一覧 (synthetic)"], ["GJ番号", "UCS", "代替"], ["GJ000554", "U+100229", ""]):
        sheet.append(row)
    book.save(tmp_path / "gj.xlsx")
    out = tmp_path / "cs"
    args = ["charset", "import", "--gj", str(tmp_path / "gj.xlsx"), "--id", "gjonly"]
    args += ["--version", "2", "--source", "synthetic", "-o", str(out)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    assert load_charset(out).gj[0x100229].number == "GJ000554"
    shown = CliRunner().invoke(cli, ["charset", "show", str(out)]).output
    assert "id: gjonly" in shown and "gj: 1" in shown


def test_unknown_key_in_charset_yaml_is_a_file_line_error(tmp_path: Path) -> None:
    (tmp_path / "charset.yaml").write_text(
        'charset: t\nname: t\nversion: "1"\nsource: t\ncolour: red\n', encoding="utf-8"
    )
    with pytest.raises(LayoutToolError, match="不明なキー 'colour'") as info:
        load_charset(tmp_path)
    assert str(info.value).startswith(f"{tmp_path / 'charset.yaml'}:5:")
