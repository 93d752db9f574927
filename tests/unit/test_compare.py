"""compare on a small made-up area: each kind of difference, masking, options, formats."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import PEOPLE_HEAD

from layout_tool.cli.main import main
from layout_tool.compare import Options, compare_paths
from layout_tool.compare.output import render
from layout_tool.compare.render import safe_cell
from layout_tool.spec.catalogue import load_area
from layout_tool.spec.model import AreaSpec

SPEC = (
    PEOPLE_HEAD
    + """\
    key: [番号]
    items:
      - {no: 1, name: 番号, type: digits, length: 5, required: true}
      - {no: 2, name: 氏名, type: zenkaku, length: 30}
      - {no: 3, name: 個人番号, type: digits, length: 12, sensitive: true}
      - {no: 4, name: 区分, type: text, length: 2}
      - {no: 5, name: 金額, type: number, length: 12, scale: 2}
"""
)
HEADER = "番号,氏名,個人番号,区分,金額"
BASE = [
    "00001,山田　太郎,999912345678,A,100.10",
    "00002,試験　花子,999987654321,B,200",
    "00003,架空　次郎,,A,-50.5",
]


def _setup(tmp_path: Path, old: list[str], new: list[str]) -> tuple[AreaSpec, Path, Path]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "spec.yaml").write_text(SPEC, encoding="utf-8")
    for side, rows in (("old", old), ("new", new)):
        (tmp_path / side).mkdir()
        text = HEADER + "\n" + "\n".join(rows) + "\n"
        (tmp_path / side / "PEOPLE.csv").write_text(text, encoding="utf-8")
    return load_area(str(tmp_path / "spec.yaml")), tmp_path / "old", tmp_path / "new"


def _run(tmp_path: Path, old: list[str], new: list[str], **kw: object):  # type: ignore[no-untyped-def]
    spec, a, b = _setup(tmp_path, old, new)
    return compare_paths(spec, [a], [b], Options(**kw))  # type: ignore[arg-type]


def test_same_data_is_same(tmp_path: Path) -> None:
    r = _run(tmp_path, BASE, BASE)
    assert r.same and r.items == [] and r.differences == []
    assert r.files[0].matched == 3


def test_rows_only_on_one_side_and_duplicates(tmp_path: Path) -> None:
    new = [BASE[0], BASE[0].replace("山田", "重複"), "00009,新規　一郎,,A,1"]
    r = _run(tmp_path, BASE, new)
    f = r.files[0]
    assert (f.rows_old, f.rows_new, f.matched) == (3, 3, 0)
    assert [k["番号"] for k in f.only_old_keys] == ["00002", "00003"]
    assert [k["番号"] for k in f.only_new_keys] == ["00009"]
    assert f.duplicate_keys_new == 1 and f.duplicate_keys_old == 0
    assert (f.duplicate_rows_old, f.duplicate_rows_new) == (1, 2)  # not matched, not guessed
    assert f.duplicate_keys == [{"side": "new", "key": {"番号": "00001"}, "rows": 2}]
    assert not r.same


def test_changed_values_are_listed_and_sensitive_ones_masked(tmp_path: Path) -> None:
    new = [BASE[0].replace("999912345678", "999912340000"), BASE[1].replace(",B,", ",C,"), BASE[2]]
    r = _run(tmp_path, BASE, new)
    assert [(i.item, i.changed) for i in r.items] == [("個人番号", 1), ("区分", 1)]
    masked = r.differences[0]
    assert (masked.old, masked.new) == ("9999********", "9999********")
    assert "999912345678" not in render(r, "json")
    shown = _run(tmp_path / "x", BASE, new, show_values=True)
    assert shown.differences[0].old == "999912345678"


def test_normalise_counts_width_and_space_apart(tmp_path: Path) -> None:
    new = [
        BASE[0].replace("山田　太郎", "山田　太郎　"),  # a trailing full-width space
        BASE[1].replace("試験　花子", "試験 花子"),  # half-width space inside
        BASE[2].replace("架空　次郎", "架空　三郎"),  # a real change
    ]
    plain = _run(tmp_path, BASE, new)
    assert [(i.item, i.changed, i.normalised) for i in plain.items] == [("氏名", 3, 0)]
    norm = _run(tmp_path / "n", BASE, new, normalise=True)
    assert [(i.item, i.changed, i.normalised) for i in norm.items] == [("氏名", 1, 2)]
    assert norm.files[0].changed_rows == 1
    assert [d.normalised for d in norm.differences] == [False, True, True]  # real ones first


def test_variants_with_normalise(tmp_path: Path) -> None:
    new = [BASE[0].replace("太郎", "太ゐ"), BASE[1], BASE[2]]
    old = [BASE[0].replace("太郎", "太ヰ"), BASE[1], BASE[2]]
    r = _run(tmp_path, old, new, normalise=True)
    assert r.items[0].normalised == 1  # ひらがな → カタカナ
    r = _run(tmp_path / "v", [BASE[0].replace("太郎", "太ヱ")], [BASE[0].replace("太郎", "太ヰ")],
             normalise=True, variants=(("ヱ", "ヰ"),))  # fmt: skip
    assert (r.items[0].changed, r.items[0].normalised) == (0, 1)


def test_totals_are_exact_and_grouped(tmp_path: Path) -> None:
    new = [BASE[0].replace("100.10", "100.11"), BASE[1], BASE[2]]
    r = _run(tmp_path, BASE, new, by="区分")
    total = [t.to_dict() for t in r.totals]
    assert total[0] == {
        "file_id": "people", "item": "金額", "by": None, "old": "249.60", "new": "249.61",
        "diff": "0.01", "invalid_old": 0, "invalid_new": 0, "within_tolerance": False,
    }  # fmt: skip
    assert [(t["by"], t["diff"]) for t in total[1:]] == [
        ({"区分": "A"}, "0.01"),
        ({"区分": "B"}, "0.00"),
    ]
    ok = _run(tmp_path / "t", BASE, new, tolerance=Decimal("0.01"), allow=frozenset({"金額"}))
    assert ok.same and ok.items[0].allowed


def test_invalid_amounts_are_counted_not_summed(tmp_path: Path) -> None:
    new = [BASE[0].replace("100.10", "１００"), BASE[1], BASE[2]]
    r = _run(tmp_path, BASE, new)
    t = r.totals[0]
    assert (t.invalid_old, t.invalid_new, str(t.new)) == (0, 1, "149.500000")
    huge = _run(tmp_path / "h", BASE, [BASE[0].replace("100.10", "9" * 40), BASE[1], BASE[2]])
    assert (huge.totals[0].invalid_new, str(huge.totals[0].new)) == (1, "149.500000")


def test_csv_cells_never_become_formulas(tmp_path: Path) -> None:
    new = [BASE[0].replace(",A,", ",=1,"), BASE[1].replace(",B,", ",@x,"), BASE[2]]
    r = _run(tmp_path, BASE, new)
    out = render(r, "csv")
    assert isinstance(out, str) and out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out[1:])))
    assert [row[5] for row in rows[1:3]] == ["'=1", "'@x"]
    assert [safe_cell(v) for v in ("-1", "+1", "\tx", "\rx", "a=b")] == [
        "'-1", "'+1", "'\tx", "'\rx", "a=b",
    ]  # fmt: skip


def test_every_format_renders(tmp_path: Path) -> None:
    r = _run(tmp_path, BASE, [BASE[0]])
    for fmt in ("text", "json", "csv", "html"):
        assert isinstance(render(r, fmt), str)
    assert json.loads(str(render(r, "json")))["summary"]["only_old"] == 2
    assert isinstance(render(r, "xlsx"), bytes)
    text = str(render(r, "text"))
    assert text.splitlines()[1].startswith("結果: 差異あり — 旧 3行、新 1行")  # Japanese first
    from layout_tool.i18n import use_lang

    with use_lang("en"):
        english = str(render(r, "text"))
    assert english.splitlines()[1].startswith("Result: DIFFERENT — 3 rows old, 1 new")
    assert "Counts per file" in english and "Counts per file" not in text
    assert "差異あり" not in english


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _spec, a, b = _setup(tmp_path, BASE, BASE[:2])
    args = ["compare", "--spec", str(tmp_path / "spec.yaml")]
    for argv, code in (
        ([*args, str(a), str(a)], 0),
        ([*args, str(a), str(b)], 1),
        ([*args, str(a), str(tmp_path / "nope")], 2),
        ([*args, str(a), str(b), "--by", "無い項目"], 2),
        ([*args, str(a), str(b), "--tolerance", "x"], 2),
        ([*args, str(a), str(b), "--format", "xlsx"], 2),
    ):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == code, argv
    err = capsys.readouterr().err
    assert "Traceback" not in err


def test_cli_writes_reports(tmp_path: Path) -> None:
    _spec, a, b = _setup(tmp_path, BASE, BASE[:2])
    for fmt in ("json", "xlsx", "html"):
        out = tmp_path / f"r.{fmt}"
        with pytest.raises(SystemExit):
            main(["compare", "--spec", str(tmp_path / "spec.yaml"), str(a), str(b),
                  "--format", fmt, "-o", str(out)])  # fmt: skip
        assert out.stat().st_size > 0
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["same"] is False and data["summary"]["only_old"] == 1


def test_xml_side_against_csv_side(tmp_path: Path) -> None:
    """The same data as XML (written by convert --spec) and as CSV compares equal."""
    spec, a, b = _setup(tmp_path, BASE, BASE)
    with pytest.raises(SystemExit) as exc:
        main(["convert", "--spec", str(tmp_path / "spec.yaml"), str(a), "-o",
              str(tmp_path / "xml"), "--to", "xml"])  # fmt: skip
    assert exc.value.code == 0
    r = compare_paths(spec, [tmp_path / "xml"], [b], Options())
    assert r.same and r.files[0].matched == 3, r.notes


def test_workbook_sheets_and_html_escaping(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    new = [BASE[0].replace("山田　太郎", "<script>x</script>"), BASE[1], BASE[2]]
    r = _run(tmp_path, BASE, new, by="区分")
    data = render(r, "xlsx")
    assert isinstance(data, bytes)
    book = load_workbook(io.BytesIO(data), read_only=True)
    assert book.sheetnames == ["概要", "件数", "項目別", "差異", "金額"]
    html = str(render(r, "html"))
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "999912345678" not in html


def test_cp932_side_against_utf8_side(tmp_path: Path) -> None:
    spec, a, b = _setup(tmp_path, BASE, BASE)
    path = a / "PEOPLE.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp932"))
    r = compare_paths(spec, [a], [b], Options())
    assert r.same and r.files[0].matched == 3


def test_spool_fetches_rows_from_the_right_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import polars as pl

    from layout_tool.compare.spool import SEQ, Spool

    spool = Spool(["番号"], ["番号", "氏名"], 3, tmp_path / "spool")
    monkeypatch.setattr("layout_tool.compare.spool.KEEP_ROWS", 10)  # a piece per batch
    for batch in range(5):
        numbers = [f"{batch * 10 + i:05d}" for i in range(10)]
        kept = spool.add(pl.DataFrame({"__row": range(10), "番号": numbers, "氏名": numbers}))
        assert kept is not None
        spool.keep(kept[0])  # (what the window would keep: here every row)
    got = spool.fetch(pl.Series([49, 0, 15]), ["氏名"]).sort(SEQ)
    assert len(spool.full_pieces) == 5
    assert got.rows() == [(0, "00000"), (15, "00015"), (49, "00049")]
    assert spool.fetch(pl.Series([], dtype=pl.Int64), ["氏名"]).height == 0
    narrow = pl.concat([spool.narrow(b) for b in range(3)])
    assert sorted(narrow[SEQ].to_list()) == list(range(50))
    spool.close()
