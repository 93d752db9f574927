"""``convert --spec … --to csv|xml``: each row in the output or the rejects; outputs re-read."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from layout_tool.cli.forms_cmd import run_forms
from layout_tool.cli.main import cli
from layout_tool.conversion.forms import SIDE, convert_standard
from layout_tool.errors import LayoutToolError
from layout_tool.spec.catalogue import catalogue, load_area

pytestmark = pytest.mark.usefixtures("english")  # they assert English text

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data" / "handover"
AREAS = [e.spec.id for e in catalogue() if e.spec is not None and (SAMPLES / e.spec.id).is_dir()]


@pytest.mark.parametrize("area", AREAS)
def test_sample_data_round_trips_byte_for_byte(area: str, tmp_path: Path) -> None:
    spec = load_area(area)
    there = convert_standard(spec, [SAMPLES / area], tmp_path / "xml", "xml")
    back = convert_standard(spec, [tmp_path / "xml"], tmp_path / "csv", "csv")
    assert there.ok and back.ok
    for original in sorted((SAMPLES / area).glob("*.csv")):
        assert (tmp_path / "csv" / original.name).read_bytes() == original.read_bytes()
    # nothing rejected: no rejects file, and the reports say none
    assert sorted(p.name for p in (tmp_path / "xml" / SIDE).iterdir()) == [
        "report.json",
        "report.txt",
    ]
    assert all(f.rejects is None for f in there.files + back.files)
    assert "rejects.csv" not in (tmp_path / "xml" / SIDE / "report.txt").read_text("utf-8")


def write_csv(path: Path, rows: list[str]) -> Path:
    spec = load_area("kaigo").file("hihokensha")
    path.write_text(",".join(spec.item_names) + "\n" + "".join(r + "\n" for r in rows))
    return path


def test_rows_the_forms_cannot_hold_go_to_the_rejects_file(tmp_path: Path) -> None:
    spec = load_area("kaigo")
    width = len(spec.file("hihokensha").items)
    good = ",".join(["200001", "9000000001"] + ["x"] * (width - 2))
    source = write_csv(
        tmp_path / "KAIGO_HIHOKENSHA.csv",
        [good, "only,three,fields", good.replace("x", "bell\x07", 1), good],
    )
    report = convert_standard(spec, [source], tmp_path / "out", "xml")
    [result] = report.files
    assert (result.rows_in, result.rows_out, result.rows_rejected) == (4, 2, 2)
    assert not report.ok
    assert result.rejects is not None
    rejects = pl.read_csv(Path(result.rejects), infer_schema=False)
    assert rejects["row"].to_list() == ["3", "2"]
    assert rejects["codes"].to_list() == ["type", "row-shape"]
    assert rejects["保険者番号"].to_list() == ["200001", None]
    assert Path(result.output).read_text(encoding="utf-8").count("<レコード>") == 2


def test_broken_xml_records_are_rejected_with_their_findings(tmp_path: Path) -> None:
    spec = load_area("kaigo")
    first = convert_standard(spec, [SAMPLES / "kaigo"], tmp_path / "xml", "xml")
    assert first.ok
    path = tmp_path / "xml" / "KAIGO_NINTEI.xml"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[4] = lines[4].replace("<申請区分>", "<unknown/><申請区分>", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    report = convert_standard(spec, [path], tmp_path / "csv", "csv")
    [result] = report.files
    assert result.rows_rejected == 1 and result.rows_in == result.rows_out + 1
    [finding] = report.findings
    assert (finding.code, finding.row, finding.line) == ("xsd", 2, 5)
    assert result.rejects is not None
    rejects = pl.read_csv(Path(result.rejects), infer_schema=False)
    assert rejects["row"].to_list() == ["2"] and "unknown" in rejects["findings"][0]


def test_reports_are_written_beside_the_outputs(tmp_path: Path) -> None:
    spec = load_area("kaigo")
    report = convert_standard(spec, [SAMPLES / "kaigo"], tmp_path, "xml", file_id="fuka")
    data = json.loads((tmp_path / SIDE / "report.json").read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert data["summary"]["rows_in"] == data["summary"]["rows_out"] > 0
    assert [f["file_id"] for f in data["files"]] == ["fuka"]
    assert "Result: OK" in (tmp_path / SIDE / "report.txt").read_text(encoding="utf-8")


def test_usage_errors(tmp_path: Path) -> None:
    spec = load_area("kaigo")
    with pytest.raises(LayoutToolError, match="no file 'nope'"):
        convert_standard(spec, [SAMPLES / "kaigo"], tmp_path, "xml", file_id="nope")
    with pytest.raises(LayoutToolError, match="--to csv or --to xml"):
        run_forms("kaigo", (SAMPLES / "kaigo",), tmp_path, None)


def test_command_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(
        cli, ["convert", "--spec", "kaigo", str(SAMPLES / "kaigo"), "-o", str(tmp_path / "a"),
              "--to", "xml", "--format", "json"],
    )  # fmt: skip
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["ok"] is True
    bad_input = write_csv(tmp_path / "KAIGO_HIHOKENSHA.csv", ["1,2"])
    bad = runner.invoke(
        cli,
        ["convert", "--spec", "kaigo", str(bad_input), "-o", str(tmp_path / "b"), "--to", "xml"],
    )
    assert bad.exit_code == 1 and "rejected" in bad.output
