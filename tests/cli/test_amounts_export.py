"""An Excel-saved 住民税 課税明細 (CP932, CRLF, amounts as people type them): the verdict a
municipality sees.

The number items are judged by an integer cast where they are plain integers and by the
regex only on the rest (``checks.items.number_rest``), and an unquoted line is proved whole
by summing field bytes (``io.csvparse``); this holds both to what a user must see on the
shapes a real export has: a thousands separator or a unit, full-width digits, a leading ``+``, an
exponent, a decimal in an integer item, ``-0`` (a plain integer), and a line cut one field
short.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from layout_tool.cli.main import cli

pytestmark = pytest.mark.usefixtures("english")

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "handover" / "kojin_juminzei"
ITEM = "給与収入額"  # number, 12 digits, no decimals


def _export(tmp_path: Path, quoted: bool, end: str) -> Path:
    lines = (SAMPLE / "KOJIN_KAZEI_MEISAI.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    at = header.index(ITEM)
    # rows 1..6 of the data; a thousands separator needs quotes, so the unquoted export
    # (read on the fast path) has a unit instead
    typed = ["1,000" if quoted else "1000円", "１０００", "+500", "1e3", "100.0", "-0"]
    rows = [line.split(",") for line in lines[1:]]
    for row, value in zip(rows, typed, strict=False):
        row[at] = f'"{value}"' if quoted or "," in value else value
    rows[9] = rows[9][:-1]  # data row 10 lost its last field
    text = end.join(",".join(r) for r in [header, *rows]) + end
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "KOJIN_KAZEI_MEISAI.csv").write_bytes(text.encode("cp932"))
    return folder


@pytest.mark.parametrize("end", ["\r\n", "\n"])  # as Excel saves it; as a Unix export
@pytest.mark.parametrize("quoted", [False, True])
def test_typed_amounts_and_a_short_line_are_each_one_finding(
    tmp_path: Path, quoted: bool, end: str
) -> None:
    folder = _export(tmp_path, quoted, end)
    result = CliRunner().invoke(
        cli,
        ["validate", "--spec", "kojin_juminzei", "--file", "kazei_meisai", str(folder),
         "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert report["valid"] is False
    assert report["files"][0]["encoding"] == "cp932"
    found = [f for f in report["findings"] if f["file_id"] == "kazei_meisai"]
    got = sorted((f["row"], f["item"] or "", f["code"]) for f in found)
    assert got == [
        (1, ITEM, "type"),  # 1,000 / 1000円
        (2, ITEM, "type"),  # １０００
        (3, ITEM, "type"),  # +500
        (4, ITEM, "type"),  # 1e3
        (5, ITEM, "length"),  # 100.0: a decimal in an item of no decimals
        (10, "", "row-shape"),
    ]  # -0 (row 6) is a plain integer: no finding
    assert [f["value"] for f in sorted(found, key=lambda f: f["row"])][:5] == [
        "1,000" if quoted else "1000円", "１０００", "+500", "1e3", "100.0"
    ]  # fmt: skip
    others = {f["code"] for f in report["findings"] if f["file_id"] != "kazei_meisai"}
    assert others == {"file-missing"}  # the other two files of the area, as warnings
