"""``spec import``: workbooks generated here (never committed) become valid imported specs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from layout_tool.errors import LayoutToolError
from layout_tool.spec.catalogue import load_area
from layout_tool.spec.importer import ImportOptions, import_table, write_spec

HEADER = [
    "項番",
    "データ項目名称",
    "データ型",
    "桁数",
    "外字使用",
    "コード",
    "必須",
    "繰返し",
    "備考",
]
ROWS: list[list[object]] = [
    [1, "宛名番号", "数字", 15, "×", None, "○", None, "主キー"],
    [2, "氏名", "漢字", 60, "○", None, "○", None, None],
    [3, "氏名カナ", "全角カナ", 120, None, None, None, None, None],
    [4, "性別", "コード", 1, None, "性別", "○", None, None],
    [5, "生年月日", "和暦年月日", None, None, None, None, None, None],
    [6, "税額", "数値", "12,2", None, None, None, None, None],
    [7, "続柄", "コード", 2, None, "続柄コード", None, None, None],
    [8, "電話番号", "半角英数字", 15, None, None, None, "3", "ハイフン可"],
]
Sheet = Sequence[Any]  # rows of cell values


def workbook(
    path: Path, sheets: Mapping[str, Sheet], formats: dict[str, str] | None = None
) -> Path:
    """An .xlsx with the given sheets; ``formats`` sets number formats ("sheet!A2": "00")."""
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    for where, fmt in (formats or {}).items():
        title, cell = where.split("!")
        book[title][cell].number_format = fmt
    book.save(path)
    return path


def standard_book(tmp_path: Path) -> Path:
    codes = [["コード名", "コード", "名称"], ["続柄", "02", "世帯主"], [None, "03", "妻"]]
    return workbook(
        tmp_path / "items.xlsx",
        {
            "表紙": [["中間標準レイアウト仕様 データ項目一覧表"]],
            "個人": [["データ項目一覧表"], ["移行ファイル名：個人"], [], HEADER, *ROWS],
            "コード一覧": codes,
        },
    )


def test_standard_workbook_gives_the_expected_items(tmp_path: Path) -> None:
    result = import_table(standard_book(tmp_path), ImportOptions(area="jumin"))
    spec = result.spec
    assert spec.provenance == "imported" and spec.id == "jumin" and spec.number == 1
    (f,) = spec.files
    assert (f.id, f.name) == ("kojin", "個人")  # id taken from the modelled spec's file 個人
    got = {i.name: (i.type, i.length, i.scale, i.required, i.gaiji, i.code) for i in f.items}
    assert got == {
        "宛名番号": ("digits", 15, None, True, False, None),
        "氏名": ("zenkaku", 60, None, True, True, None),
        "氏名カナ": ("kana", 120, None, False, False, None),
        "性別": ("code", 1, None, True, False, "性別"),  # a bundled shared table
        "生年月日": ("wareki", 8, None, False, False, None),  # 桁数 empty: the type's own
        "税額": ("number", 12, 2, False, False, None),
        "続柄": ("code", 2, None, False, False, "続柄"),  # 続柄コード → the sheet's 続柄
        "電話番号": ("hankaku", 15, None, False, False, None),
    }
    assert [i.no for i in f.items] == list(range(1, 9))
    assert f.item("電話番号").repeat and f.item("電話番号").description == "ハイフン可"
    assert dict(spec.codes["続柄"].values) == {"02": "世帯主", "03": "妻"}
    assert spec.codes["続柄"].status == "imported"
    assert spec.local_codes == ("続柄",)
    assert result.warnings == []
    assert any("表紙: skipped" in s for s in result.sheets)


def test_written_spec_loads_and_import_is_text_stable(tmp_path: Path) -> None:
    book = standard_book(tmp_path)
    first = import_table(book, ImportOptions(area="jumin"))
    out = tmp_path / "jumin_imported.yaml"
    write_spec(first, out)
    loaded = load_area(str(out))
    assert loaded.provenance == "imported"
    assert [i.to_dict() for i in loaded.files[0].items] == [
        i.to_dict() for i in first.spec.files[0].items
    ]
    again = import_table(book, ImportOptions(area="jumin"))
    assert again.text == first.text == out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "header",
    [
        ["データ項目名称", "データ型", "桁数", "必須"],
        ["項目名", "属性", "桁", "必須項目"],
        ["項目名称\n(論理名)", "データ型（属性）", "桁数(文字)", "必須区分"],
        ["ﾃﾞｰﾀ項目名称", "ﾃﾞｰﾀ型", "桁数", "必須"],  # half-width kana headings
        ["Name", "Type", "Length", "Required"],
        ["※データ項目名", "型", "最大桁数", "必須有無"],
    ],
    ids=["official", "short", "remarks", "hankaku", "english", "marks"],
)
def test_header_variants(tmp_path: Path, header: list[str]) -> None:
    rows = [["title"], header, ["宛名番号", "数字", 15, "○"], ["氏名", "全角", 60, ""]]
    book = workbook(tmp_path / "v.xlsx", {"世帯": rows})
    spec = import_table(book, ImportOptions(area="jumin")).spec
    (f,) = spec.files
    assert f.id == "setai"
    assert [(i.name, i.type, i.length, i.required) for i in f.items] == [
        ("宛名番号", "digits", 15, True),
        ("氏名", "zenkaku", 60, False),
    ]


def test_column_override_names_an_unknown_heading(tmp_path: Path) -> None:
    rows = [["名前", "種類", "長さ"], ["宛名番号", "数字", 15]]
    book = workbook(tmp_path / "o.xlsx", {"個人": rows})
    with pytest.raises(LayoutToolError) as err:
        import_table(book, ImportOptions(area="jumin"))
    message = str(err.value)
    assert "found 名前, 種類, 長さ" in message and "長さ → length" in message
    assert "--column" in message
    options = ImportOptions(area="jumin", columns=("データ項目名称=名前", "型=種類"))
    (f,) = import_table(book, options).spec.files
    assert [(i.name, i.type, i.length) for i in f.items] == [("宛名番号", "digits", 15)]


def test_override_wins_over_a_synonym(tmp_path: Path) -> None:
    rows = [["項目名", "データ型", "属性", "桁数"], ["氏名", "文字", "全角", 10]]
    book = workbook(tmp_path / "w.xlsx", {"個人": rows})
    default = import_table(book, ImportOptions(area="jumin")).spec.files[0].items[0]
    assert default.type == "text"
    chosen = import_table(book, ImportOptions(area="jumin", columns=("type=属性",)))
    assert chosen.spec.files[0].items[0].type == "zenkaku"


def test_unknown_type_word_becomes_text_with_a_warning(tmp_path: Path) -> None:
    rows = [HEADER[:4], [1, "謎", "ほげ型", 5], [2, "宛名番号", "数字", 15]]
    book = workbook(tmp_path / "u.xlsx", {"個人": rows})
    result = import_table(book, ImportOptions(area="jumin"))
    assert result.spec.files[0].item("謎").type == "text"
    assert len(result.warnings) == 1
    assert "'ほげ型' not recognised" in result.warnings[0] and "row 2" in result.warnings[0]
    typed = import_table(book, ImportOptions(area="jumin", type_words=("ほげ型=zenkaku",)))
    assert typed.spec.files[0].item("謎").type == "zenkaku" and typed.warnings == []


def test_missing_code_table_keeps_the_item_checkable_and_warns(tmp_path: Path) -> None:
    rows = [
        HEADER[:6],
        [1, "区分", "コード", 2, None, "謎区分"],
        [2, "種別", "数字", 1, None, "謎種別"],
    ]
    book = workbook(tmp_path / "c.xlsx", {"個人": rows})
    result = import_table(book, ImportOptions(area="jumin"))
    f = result.spec.files[0]
    assert (f.item("区分").type, f.item("区分").code) == ("text", None)
    assert (f.item("種別").type, f.item("種別").code) == ("digits", None)
    assert "謎区分" in (f.item("区分").description or "")
    assert sum("謎区分" in w for w in result.warnings) == 1


def test_code_sheet_keeps_zero_padded_numbers_and_many_tables(tmp_path: Path) -> None:
    codes = [
        ["コード表名", "コード値", "内容"],
        ["区分A", 1, "いち"],
        [None, 2, "に"],
        ["区分B", "X", "エックス"],
    ]
    rows = [HEADER[:6], [1, "区分", "コード", 2, None, "区分A"], [2, "種別", "属性", 1, None, "○"]]
    book = workbook(
        tmp_path / "z.xlsx",
        {"個人": rows, "コード": codes},
        formats={"コード!B2": "00", "コード!B3": "00"},
    )
    result = import_table(book, ImportOptions(area="jumin", type_words=("属性=code",)))
    spec = result.spec
    assert dict(spec.codes["区分A"].values) == {"01": "いち", "02": "に"}
    assert dict(spec.codes["区分B"].values) == {"X": "エックス"}
    assert spec.files[0].item("区分").code == "区分A"
    # ○ in the コード column: the table is named like the item; 種別 has none → text
    assert spec.files[0].item("種別").type == "text"


def test_number_lengths_from_float_cells(tmp_path: Path) -> None:
    rows = [
        HEADER[:4],
        [1, "金額", "金額", 12.2],
        [2, "件数", "数値", 9.0],
        [3, "率", "数値", "5(3)"],
    ]
    book = workbook(tmp_path / "n.xlsx", {"個人": rows})
    items = import_table(book, ImportOptions(area="jumin")).spec.files[0].items
    assert [(i.length, i.scale) for i in items] == [(12, 2), (9, None), (5, 3)]


def test_key_column_and_file_id_override(tmp_path: Path) -> None:
    rows = [
        ["データ項目名称", "データ型", "桁数", "キー"],
        ["番号", "数字", 5, "○"],
        ["名", "全角", 5, ""],
    ]
    book = workbook(tmp_path / "k.xlsx", {"独自ファイル": rows})
    spec = import_table(book, ImportOptions(area="jumin", file_ids=("独自ファイル=dokuji",))).spec
    assert (spec.files[0].id, spec.files[0].key) == ("dokuji", ("番号",))
    fallback = import_table(book, ImportOptions(area="jumin")).spec
    assert fallback.files[0].id == "file1"


def test_physical_name_label_gives_id_and_filename(tmp_path: Path) -> None:
    rows = [
        ["ファイルID", "KOJIN_EXTRA"],
        ["データ項目名称", "データ型", "桁数"],
        ["番号", "数字", 5],
    ]
    book = workbook(tmp_path / "p.xlsx", {"個人追加": rows})
    (f,) = import_table(book, ImportOptions(area="jumin")).spec.files
    assert (f.id, f.filename, f.name) == ("kojin_extra", "KOJIN_EXTRA", "個人追加")


def test_file_column_splits_one_sheet_into_files(tmp_path: Path) -> None:
    rows = [
        ["移行ファイル", "データ項目名称", "データ型", "桁数"],
        ["個人", "宛名番号", "数字", 15],
        [None, "氏名", "全角", 60],  # merged cell: carries the file forward
        ["世帯", "世帯番号", "数字", 15],
    ]
    book = workbook(tmp_path / "f.xlsx", {"一覧": rows})
    spec = import_table(book, ImportOptions(area="jumin")).spec
    assert [(f.id, f.item_names) for f in spec.files] == [
        ("kojin", ["宛名番号", "氏名"]),
        ("setai", ["世帯番号"]),
    ]


def test_heading_rows_and_repeated_headers_are_skipped(tmp_path: Path) -> None:
    rows = [
        HEADER[:4],
        [None, "【基本】", None, None],
        [1, "番号", "数字", 5],
        HEADER[:4],
        [2, "名", "全角", 5],
    ]
    book = workbook(tmp_path / "h.xlsx", {"個人": rows})
    result = import_table(book, ImportOptions(area="jumin"))
    assert result.spec.files[0].item_names == ["番号", "名"]
    assert any("【基本】" in w and "skipped" in w for w in result.warnings)


def test_csv_table_with_options(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    text = "データ項目名称,データ型,桁数,外字使用\r\n氏名,全角,60,有\r\n生年月日,日付,8,\r\n"
    path.write_bytes(text.encode("cp932"))
    options = ImportOptions(area="jumin", file_ids=("kojin2",), file_name="個人その2")
    (f,) = import_table(path, options).spec.files
    assert (f.id, f.name) == ("kojin2", "個人その2")
    assert [(i.name, i.type, i.gaiji) for i in f.items] == [
        ("氏名", "zenkaku", True),
        ("生年月日", "date", False),
    ]


def test_csv_table_with_file_column_and_separate_codes(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "移行ファイル名,項目名,属性,桁数,コード\n個人,区分,コード,1,区分表\n世帯,番号,数字,3,\n",
        encoding="utf-8-sig",
    )
    codes = tmp_path / "codes.csv"
    codes.write_text("コード名,コード,名称\n区分表,1,甲\n区分表,2,乙\n", encoding="utf-8")
    spec = import_table(path, ImportOptions(area="jumin", code_paths=(codes,))).spec
    assert [f.id for f in spec.files] == ["kojin", "setai"]
    assert spec.files[0].item("区分").code == "区分表"
    assert dict(spec.codes["区分表"].values) == {"1": "甲", "2": "乙"}


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([HEADER[:4], [1, "名", "全角", 5], [2, "名", "全角", 6]], "'名' appears twice"),
        ([HEADER[:4], [1, "名", "全角", "たくさん"]], "桁数 'たくさん' is not a number"),
        ([HEADER[:4], [1, "名", "全角", None]], "桁数 is empty"),
        ([HEADER[:4], [1, "名", "全角", 0]], "at least 1"),
    ],
    ids=["duplicate", "length-word", "length-empty", "length-zero"],
)
def test_broken_tables_are_clear_errors(tmp_path: Path, rows: Sheet, expected: str) -> None:
    book = workbook(tmp_path / "b.xlsx", {"個人": rows})
    with pytest.raises(LayoutToolError) as err:
        import_table(book, ImportOptions(area="jumin"))
    assert expected in str(err.value)
    assert "sheet 個人 row" in str(err.value)


def test_option_errors(tmp_path: Path) -> None:
    book = standard_book(tmp_path)
    cases: list[tuple[ImportOptions, str]] = [
        (ImportOptions(area="newarea"), "--area-name and --number"),
        (ImportOptions(area="New Area"), "not usable as an id"),
        (ImportOptions(area="jumin", columns=("色=名前",)), "unknown field"),
        (ImportOptions(area="jumin", columns=("データ型",)), "FIELD=HEADING"),
        (ImportOptions(area="jumin", type_words=("文字=kanji",)), "WORD=TYPE"),
        (ImportOptions(area="jumin", file_ids=("個人=Kojin",)), "not a usable id"),
    ]
    for options, expected in cases:
        with pytest.raises(LayoutToolError) as err:
            import_table(book, options)
        assert expected in str(err.value), options


def test_new_area_and_version(tmp_path: Path) -> None:
    options = ImportOptions(area="dokuji", area_name="独自業務", number=901, version="2.6")
    spec = import_table(standard_book(tmp_path), options).spec
    assert (spec.id, spec.name, spec.number, spec.version) == ("dokuji", "独自業務", 901, "2.6")
    assert spec.files[0].id == "file1"  # no modelled spec to borrow ids from


def test_unreadable_inputs(tmp_path: Path) -> None:
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"not a zip file")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    for path, expected in [
        (bad, "not a readable .xlsx"),
        (old, "save it as .xlsx"),
        (tmp_path / "none.xlsx", "no such file"),
    ]:
        with pytest.raises(LayoutToolError) as err:
            import_table(path, ImportOptions(area="jumin"))
        assert expected in str(err.value)


def test_a_template_sheet_without_items_is_left_out(tmp_path: Path) -> None:
    sheets = {"個人": [HEADER[:4], [1, "番号", "数字", 5]], "様式": [HEADER[:4], [1], [2]]}
    result = import_table(workbook(tmp_path / "e.xlsx", sheets), ImportOptions(area="jumin"))
    assert [f.name for f in result.spec.files] == ["個人"]
    assert any("様式" in w and "left out" in w for w in result.warnings)
    only_template = workbook(tmp_path / "t.xlsx", {"様式": [HEADER[:4], [1]]})
    with pytest.raises(LayoutToolError, match="no items below them"):
        import_table(only_template, ImportOptions(area="jumin"))
