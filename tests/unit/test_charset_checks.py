"""Character checks with and without a charset: GJ, vendor PUA, unknown planes, IVS, escapes."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout_tool.charset.model import subtract
from layout_tool.errors import LayoutToolError
from tests.charset_fixtures import (
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
    assert any("not loaded" in n for n in without.notes)


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
