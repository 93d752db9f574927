"""``validate`` on XML: the same findings as for the same data in CSV, located by line and XPath."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from layout_tool.cli.main import cli
from layout_tool.conversion.forms import convert_standard
from layout_tool.errors import LayoutToolError
from layout_tool.findings import Finding
from layout_tool.spec.catalogue import load_area
from layout_tool.validate import Options, validate_paths

pytestmark = pytest.mark.usefixtures("english")  # they assert English text

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"
FAULTY = SAMPLES / "faulty" / "jumin"


@pytest.fixture(scope="module")
def faulty_xml(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xml")
    report = convert_standard(load_area("jumin"), [FAULTY], out, "xml")
    assert report.ok, report.to_dict()
    return out


def key(f: Finding) -> tuple[object, ...]:
    return (f.code, f.severity, f.file_id, f.row, f.item, f.column, f.value, f.text("en"))


def test_xml_gives_the_findings_csv_gives(faulty_xml: Path) -> None:
    spec = load_area("jumin")
    csv = validate_paths(spec, [FAULTY])
    xml = validate_paths(spec, [faulty_xml])
    assert csv.rows == xml.rows > 0
    assert dict(csv.by_code) == dict(xml.by_code) and csv.errors > 0
    assert sorted(map(key, csv.findings)) == sorted(map(key, xml.findings))
    expected = [line.split(",") for line in (FAULTY / "faults.csv").read_text().split()[1:]]
    got = {(f.code, f.file_id, str(f.row), f.item) for f in xml.findings}
    assert {tuple(e) for e in expected} <= got


def test_every_finding_on_a_record_has_its_line_and_xpath(faulty_xml: Path) -> None:
    report = validate_paths(load_area("jumin"), [faulty_xml])
    on_records = [f for f in report.findings if f.row is not None]
    assert on_records and {f.code for f in on_records} >= {"type", "code", "length"}
    for f in on_records:
        assert (
            f.row is not None and f.line == f.row + 3
        )  # declaration, root, file element, then a record a line
        assert f.xpath is not None
        assert f.xpath.startswith(f"/移行データ/{f.file_id}/レコード[{f.row}]")
    for examples in report.examples.values():
        assert all(f.line is not None for f in examples if f.row is not None)


def test_references_across_xml_documents_are_checked(faulty_xml: Path, tmp_path: Path) -> None:
    for name in ("JUMIN_KOJIN.xml", "JUMIN_IDO_RIREKI.xml"):
        shutil.copy(faulty_xml / name, tmp_path / name)
    report = validate_paths(load_area("jumin"), [tmp_path])
    assert len(report.files) == 2
    assert any("not checked" in n and "setai" in n for n in report.notes)


def test_a_folder_of_csv_and_xml_is_one_set(faulty_xml: Path, tmp_path: Path) -> None:
    shutil.copy(FAULTY / "JUMIN_KOJIN.csv", tmp_path)
    shutil.copy(faulty_xml / "JUMIN_SETAI.xml", tmp_path)
    shutil.copy(faulty_xml / "JUMIN_IDO_RIREKI.xml", tmp_path)
    mixed = validate_paths(load_area("jumin"), [tmp_path])
    whole = validate_paths(load_area("jumin"), [FAULTY])
    assert sorted(f.file_id or "" for f in mixed.files) == ["ido_rireki", "kojin", "setai"]
    assert dict(mixed.by_code) == dict(whole.by_code)


def test_an_unknown_file_id_is_a_usage_error(faulty_xml: Path) -> None:
    with pytest.raises(LayoutToolError, match="no file 'nope'"):
        validate_paths(load_area("jumin"), [faulty_xml], Options(file_id="nope"))


def test_cli_exit_codes_and_json_on_xml(faulty_xml: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    bad = runner.invoke(cli, ["validate", "--spec", "jumin", str(faulty_xml), "--format", "json"])
    assert bad.exit_code == 1
    data = json.loads(bad.output)
    assert all("line" in f and "xpath" in f for f in data["findings"] if f["row"] is not None)
    clean = tmp_path / "clean"
    convert_standard(load_area("kaigo"), [SAMPLES / "handover" / "kaigo"], clean, "xml")
    good = runner.invoke(cli, ["validate", "--spec", "kaigo", str(clean)])
    assert good.exit_code == 0, good.output
    assert "Result: PASS" in good.output
