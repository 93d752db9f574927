"""Character checks with and without a charset: GJ, vendor PUA, unknown planes, IVS, escapes."""

from __future__ import annotations

from pathlib import Path

import pytest
from charset_fixtures import (
    GJ001,
    GJ554,
    GJ555,
    IVS_BAD,
    IVS_OK,
    UNKNOWN15,
    UNKNOWN16,
    VENDOR,
    charset,
    validate_mj,
)

from layout_tool.charset.model import subtract
from layout_tool.errors import LayoutToolError


def codes(report: object) -> dict[str, int]:
    return dict(report.by_code)  # type: ignore[attr-defined]


def test_synthetic_charset_loads() -> None:
    cs = charset()
    assert cs.label == "mjplus-synthetic 0.1"
    assert cs.synthetic
    assert cs.gj[0x100229].number == "GJ000554"
    assert cs.gj[0x100001].fallback == "ヱ"
    assert IVS_OK in cs.ivs and IVS_BAD not in cs.ivs
    assert cs.mj["MJ054321"] == "髙"


def test_gj_passes_with_charset_and_fails_without(tmp_path: Path) -> None:
    rows = [f"99991,山{GJ554}太郎,東京都{GJ555}町", f"99992,{GJ001}川,"]
    with_cs = validate_mj(tmp_path, rows)
    assert with_cs.valid, with_cs.findings
    assert with_cs.charset is not None and with_cs.charset["version"] == "0.1"
    assert any("mjplus-synthetic 0.1" in n for n in with_cs.notes)
    without = validate_mj(tmp_path, rows, use_charset=False)
    assert not without.valid
    assert codes(without) == {"gaiji": 3}
    # The spec names the charset: without it the report says it was not loaded.
    assert any("読み込まれていません" in n for n in without.notes)


def test_unknown_plane_15_16_is_a_charset_finding(tmp_path: Path) -> None:
    report = validate_mj(tmp_path, [f"99991,山{UNKNOWN16},{UNKNOWN15}"])
    assert codes(report) == {"charset": 2}
    finding = report.findings[0]
    assert finding.severity == "error"
    assert "mjplus-synthetic 0.1" in finding.message and "gj.csv" in finding.message


def test_vendor_pua_stays_gaiji(tmp_path: Path) -> None:
    report = validate_mj(tmp_path, [f"99991,山{VENDOR},"])
    assert codes(report) == {"gaiji": 1}
    assert [e.token for e in report.gaiji.entries()] == [VENDOR]


def test_registered_and_unregistered_ivs(tmp_path: Path) -> None:
    assert validate_mj(tmp_path, [f"99991,{IVS_OK}西,"]).valid
    report = validate_mj(tmp_path, [f"99991,{IVS_BAD}西,"])
    assert codes(report) == {"charset": 1}
    assert "ivs.txt" in report.findings[0].message
    # Without a charset an IVS is not judged (as before).
    assert validate_mj(tmp_path, [f"99991,{IVS_BAD}西,"], use_charset=False).valid


@pytest.mark.parametrize(
    "text",
    ["有馬◆UF929◆人", "山{MJ012345}", "{GJ000554}川", "&#x9AD9;橋", "&#40857;", "山\ufffd"],
)
def test_escapes_and_replacement_are_lost_characters(tmp_path: Path, text: str) -> None:
    for use in (True, False):
        report = validate_mj(tmp_path, [f"99991,,{text}"], use_charset=use)
        assert codes(report) == {"lost-char": 1}, (use, report.findings)
        assert len(report.gaiji.entries()) == 1  # counted in the 外字 inventory


def test_ordinary_text_with_braces_is_not_an_escape(tmp_path: Path) -> None:
    assert validate_mj(tmp_path, ["99991,,{MJ01}&amp;◆"]).valid


def test_missing_charset_option_is_a_usage_error(tmp_path: Path) -> None:
    from layout_tool.charset.loader import resolve_charset

    with pytest.raises(LayoutToolError, match="not found"):
        resolve_charset(str(tmp_path / "nothing"))


def test_subtract_ranges() -> None:
    assert subtract([(1, 10)], {3, 4, 10}) == [(1, 2), (5, 9)]
    assert subtract([(1, 10)], set(), [(2, 3), (8, 20)]) == [(1, 1), (4, 7)]


def test_character_findings_in_every_report_format(tmp_path: Path) -> None:
    import io
    import json

    from openpyxl import load_workbook

    from layout_tool.report.html import render_html
    from layout_tool.report.render import render_csv, render_json, render_text
    from layout_tool.report.xlsx import render_xlsx

    rows = [
        f"99991,山{GJ554},",  # accepted
        f"99992,山{UNKNOWN16},",  # charset
        f"99993,山{VENDOR},",  # gaiji
        f"99994,{IVS_BAD},",  # charset (IVS)
        "99995,有馬◆UF929◆人,",  # lost-char (and type: ASCII in zenkaku)
        "99996,,{GJ000554}&#x9AD9;\ufffd",  # lost-char
    ]
    report = validate_mj(tmp_path, rows)
    assert report.by_code["charset"] == 2 and report.by_code["lost-char"] == 2
    assert report.by_code["gaiji"] == 1
    doc = json.loads(render_json(report))
    assert {f["code"] for f in doc["findings"]} >= {"charset", "lost-char", "gaiji"}
    assert doc["charset"]["id"] == "mjplus-synthetic"
    tokens = {e["character"] for e in doc["gaiji"]}
    assert {UNKNOWN16, VENDOR, "◆UF929◆", "{GJ000554}", "&#x9AD9;", "\ufffd"} <= tokens
    assert GJ554 not in tokens
    for text in (render_text(report), render_csv(report), render_html(report)):
        assert "charset" in text and "lost-char" in text
    book = load_workbook(io.BytesIO(render_xlsx(report)))
    cells = {str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row}
    assert "charset" in cells and "lost-char" in cells


def test_gaiji_command_with_and_without_charset(tmp_path: Path) -> None:
    import json

    from charset_fixtures import SYNTHETIC
    from click.testing import CliRunner

    from layout_tool.cli.main import cli

    data = tmp_path / "PEOPLE.csv"
    data.write_text(f"番号,氏名,住所\n99991,山{GJ554},有馬◆UF929◆人\n99992,{UNKNOWN16},{VENDOR}\n")
    plain = json.loads(CliRunner().invoke(cli, ["gaiji", str(data), "--format", "json"]).output)
    kinds = {c["character"]: c["kind"] for c in plain["characters"]}
    assert kinds == {GJ554: "gaiji", UNKNOWN16: "gaiji", VENDOR: "gaiji", "◆UF929◆": "lost-char"}
    args = ["gaiji", str(data), "--format", "json", "--charset", str(SYNTHETIC)]
    result = CliRunner().invoke(cli, args)  # (the command's exit code is main()'s to return)
    kinds = {c["character"]: c["kind"] for c in json.loads(result.output)["characters"]}
    assert kinds == {UNKNOWN16: "charset", VENDOR: "gaiji", "◆UF929◆": "lost-char"}
