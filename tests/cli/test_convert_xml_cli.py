"""Mapped conversions and the XML form: ``convert --mapping M --to xml`` and ``--reverse``
from XML documents, against the CSV route and against xmlschema; hostile XML given to
``--reverse`` gives findings or a one-line error, never a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import xmlschema
from click.testing import CliRunner

from layout_tool.cli.main import cli
from layout_tool.spec.catalogue import bundled_root, load_area
from layout_tool.xml.xsd import build_xsd

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_data" / "vendors"
HOSTILE = ROOT / "tests" / "cases" / "hostile_xml"
MAPPINGS = sorted(p.relative_to(bundled_root("mappings")).with_suffix("").as_posix()
                  for p in bundled_root("mappings").glob("*/*.yaml")
                  if "lossless: true" in p.read_text(encoding="utf-8"))  # fmt: skip


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def data_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("name", MAPPINGS)
def test_xml_route_gives_what_the_csv_route_gives(name: str, tmp_path: Path) -> None:
    vendor = SAMPLES / name
    runs = {}
    for to in ("csv", "xml"):
        std, back = tmp_path / f"std-{to}", tmp_path / f"back-{to}"
        code, out, err = invoke("convert", "--mapping", name, str(vendor), "-o", str(std),
                                "--to", to, "--format", "json")  # fmt: skip
        assert code in (0, 1), err
        forward = json.loads(out)
        assert all(f["output"].endswith(f".{to}") for f in forward["files"])
        code, out, err = invoke("convert", "--mapping", name, "--reverse", str(std), "-o",
                                str(back), "--format", "json")  # fmt: skip
        assert code == 0, err  # what was converted comes back without rejects
        runs[to] = (forward, json.loads(out), data_files(back))
    (csv_fwd, csv_rev, csv_back), (xml_fwd, xml_rev, xml_back) = runs["csv"], runs["xml"]
    assert xml_fwd["summary"] == csv_fwd["summary"]
    assert xml_rev["summary"] == csv_rev["summary"]
    assert xml_back == csv_back and xml_back  # byte for byte, the same vendor files


@pytest.mark.parametrize("name", ["kakuu-densan/jumin", "kaso-systems/kaigo"])
def test_xml_output_is_valid_to_xmlschema(name: str, tmp_path: Path) -> None:
    std = tmp_path / "std"
    invoke("convert", "--mapping", name, str(SAMPLES / name), "-o", str(std), "--to", "xml")
    documents = sorted(std.glob("*.xml"))
    assert documents
    area = load_area(name.split("/")[1])
    schema = xmlschema.XMLSchema(build_xsd(area).decode())
    for doc in documents:
        assert schema.is_valid(str(doc)), doc.name


def test_reverse_with_to_xml_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = invoke("convert", "--mapping", "kaso-systems/kaigo", "--reverse", str(tmp_path),
                          "-o", str(tmp_path / "o"), "--to", "xml")  # fmt: skip
    assert code == 2
    assert "--reverse は移行元のレイアウトで書きます" in err


@pytest.mark.parametrize("doc", sorted(HOSTILE.glob("*.xml")), ids=lambda p: p.stem)
def test_hostile_xml_to_reverse_never_crashes(doc: Path, tmp_path: Path) -> None:
    given = tmp_path / "in" / "KAIGO_HIHOKENSHA.xml"
    given.parent.mkdir()
    shutil.copyfile(doc, given)
    out_dir = tmp_path / "out"
    code, out, err = invoke("convert", "--mapping", "kaso-systems/kaigo", "--reverse",
                            str(given), "-o", str(out_dir), "--format", "json")  # fmt: skip
    assert "Traceback" not in err
    if code == 2:  # refused before reading: one line, nothing written
        assert len(err.strip().splitlines()) == 1 and str(given) in err
        assert not out_dir.exists()
        return
    report = json.loads(out)
    f = report["files"][0]
    assert f["rows_in"] == f["rows_out"] + f["rows_rejected"]
    expected = json.loads((HOSTILE / "expected.json").read_text())[doc.stem]
    if doc.stem == "valid":
        assert code == 0 and f["rows_out"] > 0
    else:
        assert code == 1, (doc.stem, report["summary"])
        assert set(report["summary"]["by_code"]) & set(expected["codes"]) or not f["read_to_end"]


def test_truncated_document_converts_the_rows_before_the_cut(tmp_path: Path) -> None:
    std = tmp_path / "std"
    invoke("convert", "--mapping", "kaso-systems/kaigo", str(SAMPLES / "kaso-systems/kaigo"),
           "-o", str(std), "--to", "xml")  # fmt: skip
    doc = std / "KAIGO_HIHOKENSHA.xml"
    data = doc.read_bytes()
    cut = data.index("<レコード>".encode(), len(data) // 2)
    given = tmp_path / "in" / doc.name
    given.parent.mkdir()
    given.write_bytes(data[: cut + 40])
    back = tmp_path / "back"
    code, out, err = invoke("convert", "--mapping", "kaso-systems/kaigo", "--reverse",
                            str(given), "-o", str(back), "--format", "json")  # fmt: skip
    assert code == 1, err
    report = json.loads(out)
    f = report["files"][0]
    assert f["read_to_end"] is False and report["ok"] is False
    assert f["rows_out"] == data[:cut].count("<レコード>".encode())
    assert f["rows_in"] == f["rows_out"] + f["rows_rejected"]


def test_document_level_error_fails_the_run_but_converts_the_records(tmp_path: Path) -> None:
    std = tmp_path / "std"
    invoke("convert", "--mapping", "kaso-systems/kaigo", str(SAMPLES / "kaso-systems/kaigo"),
           "-o", str(std), "--to", "xml")  # fmt: skip
    doc = std / "KAIGO_HIHOKENSHA.xml"
    given = tmp_path / "in" / doc.name
    given.parent.mkdir()
    given.write_bytes(doc.read_bytes().replace(b'version="2.7"', b'version="2.7" extra="1"', 1))
    back = tmp_path / "back"
    code, out, err = invoke("convert", "--mapping", "kaso-systems/kaigo", "--reverse",
                            str(given), "-o", str(back), "--format", "json")  # fmt: skip
    assert code == 1, err
    report = json.loads(out)
    f = report["files"][0]
    assert f["read_to_end"] is True and f["document_errors"] == 1 and report["ok"] is False
    assert f["rows_out"] == f["rows_in"] > 0
