"""Every command finds the same inputs and reads every form of them the same way.

One folder of CSV files and the same data as XML documents (``convert --spec --to xml``):
``gaiji`` finds the same 外字 in both, ``manifest`` counts the same records in both, and
``validate``, ``gaiji``, ``manifest`` and ``compare`` pick the same files out of a folder
that also holds what no command reads (hidden files, the tool's outputs, a FIFO, a link
out of the folder, a second name for a file, a workbook under a .csv name).
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import polars as pl
import pytest

from layout_tool.compare.sides import Side, read_side
from layout_tool.conversion.forms import convert_standard
from layout_tool.errors import LayoutToolError
from layout_tool.gaiji.scan import GaijiScan, scan_paths
from layout_tool.integrity.manifest import build_manifest
from layout_tool.readers.inputs import find, skipped
from layout_tool.readers.registry import FORMATS, by_suffix, data_suffixes
from layout_tool.sample import sample_to_dir
from layout_tool.spec.catalogue import load_area
from layout_tool.validate import Options, validate_paths

AREA = load_area("jumin")
PUA = ["\ue000", "\ue001", "\uf8f0"]


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(CSV folder, XML folder) holding the same records, some of them with 外字."""
    root = tmp_path_factory.mktemp("forms")
    csv = root / "csv"
    written = sample_to_dir(AREA, 40, 7, csv)
    kojin = next(p for p in written if "KOJIN" in p.name)
    frame = pl.read_csv(kojin, infer_schema=False)
    name = next(i.name for i in AREA.file("kojin").items if i.type == "zenkaku")
    marked = [
        (v or "") + PUA[n % len(PUA)] if n % 5 == 0 else v
        for n, v in enumerate(frame[name].to_list())
    ]
    frame.with_columns(pl.Series(name, marked, dtype=pl.String)).write_csv(kojin)
    xml = root / "xml"
    done = convert_standard(AREA, [csv], xml, "xml")
    assert done.ok
    return csv, xml


def test_gaiji_on_an_xml_folder_finds_what_it_finds_in_the_csv_folder(
    forms: tuple[Path, Path],
) -> None:
    csv, xml = forms
    by_csv, by_xml = scan_paths([csv]), scan_paths([xml])
    assert by_csv.inventory.total > 0

    def seen(scan: GaijiScan) -> list[tuple[str, int, tuple[str, ...]]]:
        return sorted((e.token, e.count, e.items) for e in scan.entries())

    assert seen(by_xml) == seen(by_csv)
    assert by_xml.rows == by_csv.rows
    assert len(by_xml.files) == len(by_csv.files) == len(AREA.files)
    assert {f.file_id for f in by_xml.files} == {f.id for f in AREA.files}  # named in the XML


def test_gaiji_with_a_spec_reads_xml_too(forms: tuple[Path, Path]) -> None:
    csv, xml = forms
    assert scan_paths([xml], spec=AREA).inventory.total == scan_paths([csv]).inventory.total


def test_manifest_counts_the_records_of_xml_documents(forms: tuple[Path, Path]) -> None:
    csv, xml = forms
    rows_csv = {f.file_id: f.rows for f in build_manifest(csv).files}
    made = build_manifest(xml)
    documents = [f for f in made.files if f.path.endswith(".xml")]
    assert len(documents) == len(AREA.files)
    assert {f.file_id: f.rows for f in documents} == rows_csv
    assert all(f.rows and f.encoding for f in documents)
    assert made.area == AREA.id


@pytest.fixture
def cluttered(tmp_path: Path, forms: tuple[Path, Path]) -> Path:
    """A folder with data in both forms, and everything no command reads as data."""
    csv, xml = forms
    folder = tmp_path / "in"
    folder.mkdir()
    for path in [csv / "JUMIN_KOJIN.csv", xml / "JUMIN_SETAI.xml"]:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / ".hidden.csv").write_text("a,b\n", encoding="utf-8")
    for name in ["faults.csv", "x.rejects.csv", "conversion-report.txt", "a.part"]:
        (folder / name).write_text("a,b\n1,2\n", encoding="utf-8")
    with zipfile.ZipFile(folder / "book.csv", "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    outside = tmp_path / "outside.csv"
    outside.write_bytes((csv / "JUMIN_IDO_RIREKI.csv").read_bytes())
    (folder / "link-out.csv").symlink_to(outside)
    (folder / "again.csv").symlink_to(folder / "JUMIN_KOJIN.csv")
    os.mkfifo(folder / "pipe.csv")
    return folder


def test_every_command_reads_the_same_files_of_a_folder(cluttered: Path) -> None:
    expected = {"JUMIN_KOJIN.csv", "JUMIN_SETAI.xml"}
    found = find([cluttered])
    assert {e.path.name for e in found.entries if e.refused is None} == expected
    assert {e.path.name for e in found.entries if e.refused is not None} == {"book.csv"}
    noted = "\n".join(found.notes)
    assert "link-out.csv" in noted and "pipe.csv" in noted and "again.csv" in noted

    report = validate_paths(AREA, [cluttered], Options())
    assert {Path(f.path).name for f in report.files if f.file_id} == expected

    scan = scan_paths([cluttered])
    assert {Path(f.path).name for f in scan.files} == expected
    assert "book.csv" in "\n".join(scan.notes) and "pipe.csv" in "\n".join(scan.notes)

    made = build_manifest(cluttered)
    assert {f.path for f in made.files if f.rows is not None} == expected
    assert any("pipe.csv" in n for n in made.notes)
    assert any("link-out.csv" in n for n in made.notes)

    converted = convert_standard(AREA, [cluttered], cluttered.parent / "out", "csv")
    assert {Path(f.input).name for f in converted.files} == expected

    side = Side("old")
    for _ in read_side(AREA, [cluttered], side, "auto", True):
        pass
    assert {Path(p).name for paths in side.labels.values() for p in paths} == expected


def test_skip_rules_and_suffixes_come_from_one_place() -> None:
    assert data_suffixes() == frozenset({".csv", ".txt", ".tsv", ".dat", ".xml"})
    assert by_suffix(Path("A.XML")) is FORMATS["xml"]
    assert by_suffix(Path("a.fix")) is None  # fixed-width: only where a mapping says so
    never = [".x.csv", "manifest.json", "件数表.csv", "a.rejects.csv", "conversion-report.json"]
    for name in never:
        assert skipped(name)
    assert not skipped("JUMIN_KOJIN.csv")


def test_the_cli_reads_an_xml_folder_in_gaiji_and_manifest(forms: tuple[Path, Path]) -> None:
    from click.testing import CliRunner

    from layout_tool.cli.main import cli

    _, xml = forms
    gaiji = CliRunner().invoke(cli, ["gaiji", str(xml), "--format", "json"])
    assert gaiji.exit_code == 0, gaiji.output  # no table given: nothing to be unmapped against
    assert json.loads(gaiji.stdout)["summary"]["occurrences"] > 0
    made = CliRunner().invoke(cli, ["manifest", str(xml), "-o", "-"])
    assert made.exit_code == 0, made.output
    rows = [f["rows"] for f in json.loads(made.stdout)["files"] if f["path"].endswith(".xml")]
    assert len(rows) == len(AREA.files) and all(isinstance(n, int) and n > 0 for n in rows)


def test_a_document_of_no_known_area_is_a_note_in_a_folder_and_an_error_named(
    tmp_path: Path, forms: tuple[Path, Path]
) -> None:
    csv, _ = forms
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "JUMIN_KOJIN.csv").write_bytes((csv / "JUMIN_KOJIN.csv").read_bytes())
    stray = folder / "other.xml"
    stray.write_text('<?xml version="1.0"?><root xmlns="urn:example"/>', encoding="utf-8")
    scan = scan_paths([folder])
    assert [Path(f.path).name for f in scan.files] == ["JUMIN_KOJIN.csv"]
    assert any("other.xml" in n for n in scan.notes)
    with pytest.raises(LayoutToolError, match="not an XML document of a bundled area"):
        scan_paths([stray])
    assert next(f for f in build_manifest(folder).files if f.path == "other.xml").rows is None
