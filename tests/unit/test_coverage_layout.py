"""``coverage_of_layout``: a vendor's declared item table (a workbook made here) vs the standard."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from layout_tool.coverage import coverage_of_layout, read_layout
from layout_tool.coverage.model import Coverage, ItemCoverage
from layout_tool.coverage.of_layout import compatibility
from layout_tool.errors import LayoutToolError
from layout_tool.spec.catalogue import load_area
from layout_tool.spec.dump import dump_area
from layout_tool.spec.model import AreaSpec, FileSpec, Item, ItemType

JUMIN = load_area("jumin")
HEADER = ["項番", "データ項目名称", "データ型", "桁数", "必須"]


def workbook(path: Path, sheets: dict[str, list[tuple[object, ...]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        sheet.append([f"移行ファイル名：{title}"])
        sheet.append(HEADER)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


KOJIN_ROWS: list[tuple[object, ...]] = [
    (1, "市区町村コード", "数字", 6, "○"),
    (2, "宛名番号", "数値", 15, "○"),  # digits vs number
    (3, "氏名", "半角", 60, "○"),  # hankaku cannot hold 全角
    (4, "氏名フリガナ", "カナ", 60, ""),  # shorter than 120
    (5, "生年月日", "和暦", 8, ""),  # 和暦 in a 和暦 item
    (6, "氏名(アルファベット)", "半角", 100, ""),  # half-width brackets: normalised match
    (7, "独自区分", "文字", 3, ""),  # no standard home
    (8, "<b>メモ</b>", "文字", 10, ""),  # a name to escape
    (9, "性別", "数字", 1, "○"),  # digit codes fit a digits field
    (10, "続柄", "数値", 2, "○"),  # a number loses the leading zero of "02"
]


def coverage(tmp_path: Path, sheets: dict[str, list[tuple[object, ...]]]) -> Coverage:
    path = workbook(tmp_path / "layout.xlsx", sheets)
    vendor, warnings = read_layout(path, JUMIN)
    assert vendor.provenance == "imported"
    return coverage_of_layout(vendor, JUMIN, subject=str(path), notes=tuple(warnings))


def item(found: Coverage, file_id: str, name: str) -> ItemCoverage:
    f = next(f for f in found.files if f.file.id == file_id)
    return next(i for i in f.items if i.item.name == name)


def test_declared_layout_statuses(tmp_path: Path) -> None:
    found = coverage(tmp_path, {"個人": KOJIN_ROWS})
    kojin = next(f for f in found.files if f.file.id == "kojin")
    assert kojin.vendor == "kojin (個人)"  # the import gives the modelled spec's id
    got = {i.item.name: i.status for i in kojin.items if i.status != "missing"}
    assert got == {
        "市区町村コード": "covered",
        "宛名番号": "narrower",
        "氏名": "narrower",
        "氏名フリガナ": "narrower",
        "生年月日": "covered",
        "氏名（アルファベット）": "covered",
        "性別": "covered",
        "続柄": "narrower",
    }
    assert "先頭の0が失われます" in item(found, "kojin", "宛名番号").issues[0].message
    assert "全角" in item(found, "kojin", "氏名").issues[0].message
    kana = item(found, "kojin", "氏名フリガナ")
    assert [x.kind for x in kana.issues] == ["length"] and kana.capacity == 60
    alpha = item(found, "kojin", "氏名（アルファベット）")
    assert alpha.via is not None and "全角・半角を揃えて" in alpha.via
    assert alpha.vendor == ("kojin.氏名(アルファベット)",)
    s = found.summary()
    assert (s.items, s.covered, s.narrower, s.missing) == (115, 8, 4, 107)
    # kojin has 11 required items, of which 5 are declared; setai and ido_rireki 5 each.
    assert (s.required, s.required_covered, s.required_narrower) == (21, 5, 3)
    assert s.covered_pct == round(100 * 8 / 115, 1) and s.required_pct == round(100 * 5 / 21, 1)
    assert not found.passed
    (vendor,) = found.vendor_files
    assert vendor.standard_file == "kojin" and vendor.fields == 10
    assert [u.name for u in vendor.unplaced] == ["独自区分", "<b>メモ</b>"]
    assert vendor.unplaced[0].detail == "text 3"
    missing = kojin.missing_required_first()
    assert [i.item.required for i in missing[:6]] == [True] * 6
    assert not missing[6].item.required


def test_unmatched_vendor_file_and_match_option(tmp_path: Path) -> None:
    rows: list[tuple[object, ...]] = [(1, "世帯番号", "数字", 15, "○"), (2, "独自", "文字", 5, "")]
    found = coverage(tmp_path, {"世帯情報": rows})
    assert all(f.vendor is None for f in found.files)
    assert found.vendor_files[0].standard_file is None
    assert [u.name for u in found.vendor_files[0].unplaced] == ["世帯番号", "独自"]
    assert any("--match" in n for n in found.notes)
    vendor, _ = read_layout(tmp_path / "layout.xlsx", JUMIN)
    paired = coverage_of_layout(vendor, JUMIN, pairs={"世帯情報": "setai"})
    assert item(paired, "setai", "世帯番号").status == "covered"
    assert [u.name for u in paired.vendor_files[0].unplaced] == ["独自"]
    with pytest.raises(LayoutToolError, match="no file 'nosuch'"):
        coverage_of_layout(vendor, JUMIN, pairs={"世帯情報": "nosuch"})


def tiny(items: tuple[Item, ...], file_id: str = "main", name: str = "本体") -> AreaSpec:
    return AreaSpec(
        standard="chukan",
        version="2.7",
        provenance="imported",
        id="covtest",
        name="テスト",
        number=99,
        files=(FileSpec(file_id, name, items),),
    )


def test_spec_yaml_layout_and_single_file_pairing(tmp_path: Path) -> None:
    ours = tiny((Item(1, "番号", "digits", 10, required=True), Item(2, "名称", "zenkaku", 20)))
    theirs = tiny(
        (Item(1, "番号", "digits", 12), Item(2, "名称", "text", 20)), file_id="x", name="他社"
    )
    path = tmp_path / "vendor.yaml"
    path.write_text(dump_area(theirs), encoding="utf-8")
    vendor, warnings = read_layout(path, ours)
    assert warnings == []
    found = coverage_of_layout(vendor, ours)  # one file on each side: paired
    assert [i.status for i in found.items] == ["covered", "covered"]
    assert found.passed and found.summary().covered_pct == 100.0


def check(ours: ItemType, theirs: ItemType, length: int = 10, code: str | None = None) -> set[str]:
    standard = JUMIN
    mine = Item(1, "x", ours, 10, code=code)
    return {i.kind for i in compatibility(standard, mine, Item(1, "x", theirs, length))}


@pytest.mark.parametrize(
    ("ours", "theirs", "kinds"),
    [
        ("zenkaku", "zenkaku", set()),
        ("zenkaku", "text", set()),
        ("zenkaku", "hankaku", {"type"}),
        ("kana", "zenkaku", set()),
        ("zenkaku", "kana", {"type"}),
        ("hankaku", "zenkaku", {"type"}),
        ("digits", "number", {"type"}),
        ("number", "digits", {"type"}),
        ("digits", "hankaku", set()),
        ("date", "wareki", set()),
        ("date", "digits", set()),
        ("date", "zenkaku", {"type"}),
        ("time", "digits", set()),
    ],
)
def test_type_compatibility(ours: ItemType, theirs: ItemType, kinds: set[str]) -> None:
    assert check(ours, theirs) == kinds


def test_length_and_code_rules() -> None:
    assert check("zenkaku", "zenkaku", length=9) == {"length"}
    assert check("date", "wareki", length=7) == set()  # shapes of dates do not compare
    assert check("date", "digits", length=7) == {"length"}
    assert check("code", "digits", code="性別") == set()  # 1, 2, 9 are digits
    assert check("code", "number", code="性別") == {"type"}
    number = Item(1, "x", "number", 12, scale=2)
    assert compatibility(JUMIN, number, Item(1, "x", "number", 12, scale=2)) == []
    kinds = [i.kind for i in compatibility(JUMIN, number, Item(1, "x", "number", 10, scale=0))]
    assert kinds == ["type"]  # 10 integer digits hold 10; no decimals
    kinds = [i.kind for i in compatibility(JUMIN, number, Item(1, "x", "number", 9, scale=0))]
    assert kinds == ["length", "type"]
