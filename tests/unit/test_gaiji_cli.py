"""``layout-tool gaiji``: the inventory in text, JSON and CSV; --map; exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import PEOPLE_HEAD

from layout_tool.cli.main import main
from layout_tool.gaiji.scan import scan_paths

pytestmark = pytest.mark.usefixtures("english")  # they assert English text

E0, E1, SUPP = "\ue000", "\ue001", "\U000f0001"
SPEC = (
    PEOPLE_HEAD
    + """\
    items:
      - {no: 1, name: 番号, type: digits, length: 5}
      - {no: 2, name: 氏名, type: zenkaku, length: 20, gaiji: true}
      - {no: 3, name: 住所, type: text, length: 40}
"""
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as ended:
        main(list(args))
    out = capsys.readouterr()
    return int(ended.value.code or 0), out.out, out.err


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "PEOPLE.csv").write_text(
        f"番号,氏名,住所\n00001,山{E0}郎,東京\n00002,田{E0}{E0},大阪{E1}\n00003,#G12,{SUPP}\n",
        encoding="utf-8",
    )
    (folder / "other.csv").write_bytes(
        "名前,メモ\r\n".encode("cp932") + b"\x8e\x52\xf0\x40,\xf0\x41\r\n"
    )
    (folder / "faults.csv").write_text(f"x\n{E0}\n", encoding="utf-8")  # ignored by name
    return folder


def test_text_inventory_of_a_folder_any_encoding(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    code, out, _ = run(capsys, "gaiji", str(data))
    assert code == 1  # unmapped 外字 remain
    assert "2 files, 4 rows" in out and "3 distinct 外字, 7 occurrences" in out
    line = next(ln for ln in out.splitlines() if ln.strip().startswith("U+E000"))
    assert " 4 " in line and "名前" in line and "氏名" in line and "PEOPLE.csv:1" in line


def test_json_and_csv_agree_with_the_library(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    _, out, _ = run(capsys, "gaiji", str(data), "--format", "json")
    doc = json.loads(out)
    assert doc == json.loads(json.dumps(scan_paths([data]).to_dict()))
    chars = {c["codepoints"]: c for c in doc["characters"]}
    assert chars["U+E000"]["count"] == 4
    assert chars["U+F0001"]["items"] == ["住所"]
    assert chars["U+E001"]["places"] == [
        {"file": str(data / "PEOPLE.csv"), "item": "住所", "count": 1},
        {"file": str(data / "other.csv"), "item": "メモ", "count": 1},
    ]
    assert doc["summary"]["unmapped"] == 3 and doc["table"] is None
    _, out, _ = run(capsys, "gaiji", str(data), "--format", "csv")
    assert out.startswith("\ufeffcodepoints,character,count")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert [r["codepoints"] for r in rows] == ["U+E000", "U+E001", "U+F0001"]
    assert rows[0]["count"] == "4" and rows[0]["mapped"] == ""


def test_map_reports_mapped_and_unmapped(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    table = tmp_path / "map.csv"
    table.write_text(
        "source,target,mj\nU+E000,U+845B U+E0100,MJ012345\nU+E001,髙,\nU+F0001,吉,\n#G12,𠮷,\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "gaiji", str(data), "--map", str(table), "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["summary"]["unmapped"] == 0 and doc["summary"]["mapped"] == 4
    first = doc["characters"][0]
    assert first["target"]["target_codepoints"] == "U+845B U+E0100"
    assert first["target"]["mj"] == "MJ012345"
    vendor = next(c for c in doc["characters"] if c["character"] == "#G12")
    assert vendor["count"] == 1 and vendor["mapped"]
    table.write_text("source,target\nU+E000,葛\n", encoding="utf-8")
    code, out, _ = run(capsys, "gaiji", str(data), "--map", str(table))
    assert code == 1
    assert "1 mapped, 2 still unmapped" in out
    unmapped = out.split("Still unmapped")[1].split("Mapped")[0]
    assert "U+E001" in unmapped and "U+E000" not in unmapped


def test_a_table_kept_in_the_data_folder_is_not_inventoried(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    table = data / "gaiji_map.csv"
    table.write_text("source,target\nU+E000,葛\n", encoding="utf-8")
    _, out, _ = run(capsys, "gaiji", str(data), "--map", str(table), "--format", "json")
    assert str(table) not in {f["path"] for f in json.loads(out)["files"]}


def test_bad_table_is_exit_2_with_file_and_line(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    table = tmp_path / "map.csv"
    table.write_text("source,target\nU+E000,葛\nU+E000,髙\n", encoding="utf-8")
    code, out, err = run(capsys, "gaiji", str(data), "--map", str(table))
    assert code == 2 and out == ""
    assert f"{table}:3:" in err and "first at line 2" in err


def test_missing_input_is_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "gaiji", str(tmp_path / "nope.csv"))
    assert code == 2 and "no such file" in err


def test_spec_names_columns_of_a_file_without_header(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "spec.yaml").write_text(SPEC, encoding="utf-8")
    path = tmp_path / "PEOPLE.csv"
    path.write_text(f"00001,山{E0},東京\n00002,x,y,z\n00003,a,b{E1}\n", encoding="utf-8")
    spec = str(tmp_path / "spec.yaml")
    code, out, _ = run(capsys, "gaiji", str(path), "--spec", spec, "--no-header", "-f", "json")
    assert code == 2  # -f is not an option
    args = ["gaiji", str(path), "--spec", spec, "--no-header", "--format", "json"]
    code, out, _ = run(capsys, *args)
    doc = json.loads(out)
    assert code == 1
    assert {c["codepoints"]: c["items"] for c in doc["characters"]} == {
        "U+E000": ["氏名"],
        "U+E001": ["住所"],
    }
    assert doc["files"][0]["file_id"] == "people"
    assert doc["summary"]["unread_rows"] == 1 and "could not be read" in doc["notes"][0]
    plain = scan_paths([path], has_header=False)
    assert {e.items for e in plain.entries()} == {("列2",), ("列3",)}


def test_output_file_and_no_gaiji(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "clean.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    target = tmp_path / "out" / "list.txt"
    code, out, err = run(capsys, "gaiji", str(path), "-o", str(target))
    assert code == 0 and out == "" and "0 unmapped" in err
    assert "No 外字 found." in target.read_text(encoding="utf-8")
