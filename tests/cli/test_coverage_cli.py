"""``layout-tool coverage``: exit codes 0/1/2, JSON equals the library, -o writes the page."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from layout_tool.cli.main import cli
from layout_tool.coverage import coverage_of_mapping
from layout_tool.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from layout_tool.mapping import load_mapping

pytestmark = pytest.mark.usefixtures("english")  # they assert English text

SPEC = """\
standard: chukan
version: "2.7"
provenance: modelled
area: {id: covtest, name: テスト, number: 99}
files:
  - id: main
    name: 本体
    items:
      - {no: 1, name: 番号, type: digits, length: 10, required: true}
      - {no: 2, name: 氏名, type: zenkaku, length: 20, required: true}
      - {no: 3, name: 備考, type: zenkaku, length: 40}
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def files(tmp_path: Path, name_width: int) -> tuple[Path, Path]:
    spec = tmp_path / "covtest.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        f"""\
mapping: 1
name: tiny
area: {spec}
lossless: false
sources:
  - id: s
    file: S.DAT
    format: fixed
    fields:
      - {{name: NO, length: 10}}
      - {{name: NAME, length: {name_width}}}
      - {{name: OWN, length: 5}}
targets:
  - file: main
    source: s
    items:
      番号: NO
      氏名: {{from: NAME, transforms: [trim]}}
""",
        encoding="utf-8",
    )
    return spec, mapping


def test_bundled_mapping_has_gaps_exit_1() -> None:
    result = run("coverage", "--mapping", "kakuu-densan/jumin")
    assert result.exit_code == EXIT_FINDINGS
    assert "FAIL: 5 required items missing" in result.stdout


def test_json_equals_library() -> None:
    result = run("coverage", "--mapping", "kaso-systems/kaigo", "--format", "json")
    assert result.exit_code == EXIT_FINDINGS
    expected = coverage_of_mapping(load_mapping("kaso-systems/kaigo")).to_dict()
    assert json.loads(result.stdout) == expected


def test_passing_mapping_exit_0(tmp_path: Path) -> None:
    _, mapping = files(tmp_path, name_width=40)
    result = run("coverage", "--mapping", str(mapping), "--format", "json")
    assert result.exit_code == EXIT_OK, result.output
    data = json.loads(result.stdout)
    assert data["passed"] is True
    assert data["summary"]["covered_pct"] == 66.7 and data["summary"]["required_pct"] == 100.0
    assert data["vendor_files"][0]["unplaced"] == [{"name": "OWN", "detail": "5 bytes"}]


def test_narrower_required_item_exit_1(tmp_path: Path) -> None:
    _, mapping = files(tmp_path, name_width=30)  # 15 全角 characters < 20
    result = run("coverage", "--mapping", str(mapping))
    assert result.exit_code == EXIT_FINDINGS
    assert "FAIL: 1 required item narrower" in result.stdout
    assert "at most 15 全角 characters; 桁数 is 20" in result.stdout


def test_html_to_file(tmp_path: Path) -> None:
    _, mapping = files(tmp_path, name_width=40)
    out = tmp_path / "coverage.html"
    result = run("coverage", "--mapping", str(mapping), "--format", "html", "-o", str(out))
    assert result.exit_code == EXIT_OK
    assert result.stdout == ""
    assert f"coverage: {out} (PASS)" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert "<h1>PASS</h1>" in page and "OWN" in page


def test_layout_workbook(tmp_path: Path) -> None:
    spec, _ = files(tmp_path, name_width=40)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "本体"
    rows: list[list[str | int]] = [
        ["データ項目名称", "データ型", "桁数"],
        ["番号", "数字", 10],
        ["氏名", "漢字", 20],
        ["独自項目", "文字", 8],
    ]
    for row in rows:
        sheet.append(row)
    table = tmp_path / "layout.xlsx"
    book.save(table)
    result = run("coverage", "--layout", str(table), "--spec", str(spec), "--format", "json")
    assert result.exit_code == EXIT_OK, result.output
    data = json.loads(result.stdout)
    assert data["kind"] == "layout" and data["summary"]["covered"] == 2
    assert [u["name"] for u in data["vendor_files"][0]["unplaced"]] == ["独自項目"]
    result = run("coverage", "--layout", str(table), "--spec", "jumin", "--match", "本体=setai")
    assert result.exit_code == EXIT_FINDINGS
    assert "[setai] 世帯 ← file1 (本体)" in result.stdout


def test_bad_input_exit_2(tmp_path: Path) -> None:
    spec, mapping = files(tmp_path, name_width=40)
    cases = [
        ([], "give either --mapping or --layout"),
        (["--mapping", str(mapping), "--layout", str(spec)], "give either"),
        (["--layout", str(spec)], "needs --spec"),
        (["--mapping", str(mapping), "--spec", "jumin"], "go with --layout"),
        (["--mapping", str(tmp_path / "nope.yaml")], "nope.yaml"),
        (["--layout", str(tmp_path / "nope.xlsx"), "--spec", "jumin"], "no such file"),
        (["--layout", str(spec), "--spec", "jumin", "--match", "oops"], "--match 'oops'"),
    ]
    for args, message in cases:
        result = run("coverage", *args)
        assert result.exit_code == EXIT_USAGE, (args, result.output)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output
