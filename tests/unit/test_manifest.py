"""Manifests and 件数表: measuring a folder, loading, and finding every difference."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from layout_tool.errors import LayoutToolError
from layout_tool.findings import Finding
from layout_tool.integrity.counts import load_count_sheet
from layout_tool.integrity.manifest import build_manifest, load_manifest, write_manifest
from layout_tool.integrity.verify import verify_folder
from layout_tool.spec.catalogue import load_area
from layout_tool.validate import validate_paths

JUMIN = load_area("jumin")


def data_file(folder: Path, file_id: str, rows: int, encoding: str = "utf-8") -> Path:
    """A CSV of ``rows`` records with the file's header (values are irrelevant here)."""
    spec = JUMIN.file(file_id)
    width = len(spec.items)
    lines = [",".join(spec.item_names)] + [",".join(["x"] * width) for _ in range(rows)]
    path = folder / f"{spec.filename}.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def handover(tmp_path: Path) -> Path:
    folder = tmp_path / "handover"
    folder.mkdir()
    data_file(folder, "kojin", 5)
    data_file(folder, "setai", 3, encoding="cp932")
    (folder / "説明.pdf").write_bytes(b"%PDF-1.4 not really")
    (folder / ".DS_Store").write_bytes(b"hidden")
    return folder


def messages(findings: list[Finding]) -> list[str]:
    return sorted(
        f.text("en").split(":")[0] + ":" + (f.file or "").rsplit("/", 1)[-1] for f in findings
    )


def test_manifest_lists_every_file_with_counts_and_hashes(tmp_path: Path) -> None:
    folder = handover(tmp_path)
    made = build_manifest(folder, JUMIN)
    by_path = {f.path: f for f in made.files}
    assert set(by_path) == {"JUMIN_KOJIN.csv", "JUMIN_SETAI.csv", "説明.pdf"}
    kojin, setai, pdf = by_path["JUMIN_KOJIN.csv"], by_path["JUMIN_SETAI.csv"], by_path["説明.pdf"]
    assert (kojin.rows, kojin.file_id, kojin.area, kojin.encoding) == (5, "kojin", "jumin", "utf-8")
    assert (setai.rows, setai.file_id, setai.encoding) == (3, "setai", "cp932")
    assert (pdf.rows, pdf.file_id, pdf.encoding) == (None, None, None)
    for entry in made.files:
        body = (folder / entry.path).read_bytes()
        assert entry.sha256 == hashlib.sha256(body).hexdigest()
        assert entry.bytes == len(body)
    assert (made.area, made.version, made.standard) == ("jumin", "2.7", "chukan")
    assert made.created and made.created[:2] == "20"


def test_rows_are_records_not_lines(tmp_path: Path) -> None:
    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "free.csv").write_text('a,b\n1,"two\nlines"\n2,x\n', encoding="utf-8")
    (folder / "empty.csv").write_text("a,b\n", encoding="utf-8")
    made = build_manifest(folder)
    assert {f.path: f.rows for f in made.files} == {"free.csv": 2, "empty.csv": 0}
    assert made.area is None  # nothing recognised


def test_area_is_recognised_without_a_spec(tmp_path: Path) -> None:
    made = build_manifest(handover(tmp_path))
    assert made.area == "jumin"
    assert {f.file_id for f in made.files} == {"kojin", "setai", None}


def test_subfolders_are_listed_with_relative_paths(tmp_path: Path) -> None:
    folder = handover(tmp_path)
    (folder / "sub").mkdir()
    (folder / "sub" / "note.txt").write_text("h\nv\n", encoding="utf-8")
    (folder / "manifest.json").write_text("{}", encoding="utf-8")
    paths = [f.path for f in build_manifest(folder, JUMIN).files]
    assert "sub/note.txt" in paths and "manifest.json" not in paths


def test_write_and_load_round_trip(tmp_path: Path) -> None:
    folder = handover(tmp_path)
    made = build_manifest(folder, JUMIN)
    out = tmp_path / "m.json"
    write_manifest(made, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) >= {"tool", "spec", "created", "files"}
    assert data["spec"] == {"standard": "chukan", "version": "2.7", "area": "jumin"}
    assert set(data["files"][0]) == {
        "path", "area", "file_id", "rows", "bytes", "sha256", "encoding",
    }  # fmt: skip
    loaded = load_manifest(out)
    assert loaded.files == made.files and loaded.area == "jumin"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{", "not JSON"),
        ("[]", "no `files` list"),
        ('{"files": [{"path": "../x.csv"}]}', "without .."),
        ('{"files": [{"path": "/etc/x"}]}', "relative"),
        ('{"files": [{"path": "a.csv", "rows": "7"}]}', "`rows` must be a whole number"),
        ('{"files": [{"path": "a.csv", "sha256": "xyz"}]}', "64 hex digits"),
        ('{"files": [{"path": "a.csv"}, {"path": "a.csv"}]}', "listed twice"),
    ],
)
def test_bad_manifests_are_usage_errors(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "m.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LayoutToolError) as err:
        load_manifest(path)
    assert expected in str(err.value) and "m.json" in str(err.value)


def test_unchanged_folder_verifies_clean(tmp_path: Path) -> None:
    folder = handover(tmp_path)
    report = verify_folder(folder, build_manifest(folder, JUMIN), JUMIN)
    assert report.valid and report.findings == []
    assert len(report.files) == 3 and report.rows == 8


def test_every_kind_of_difference_is_a_count_finding(tmp_path: Path) -> None:
    folder = handover(tmp_path)
    made = build_manifest(folder, JUMIN)
    data_file(folder, "kojin", 6)  # one row more
    (folder / "説明.pdf").write_bytes(b"%PDF-1.4 changed")  # same size class, other bytes
    (folder / "JUMIN_SETAI.csv").unlink()
    data_file(folder, "ido_rireki", 1)  # not in the manifest
    report = verify_folder(folder, made, JUMIN)
    assert not report.valid
    assert {f.code for f in report.findings} == {"count"}
    assert {f.severity for f in report.findings} == {"error"}
    assert messages(report.findings) == [
        "added:JUMIN_IDO_RIREKI.csv",
        "changed:説明.pdf",
        "missing:JUMIN_SETAI.csv",
        "row count:JUMIN_KOJIN.csv",
    ]
    counted = next(f for f in report.findings if f.text("en").startswith("row count"))
    assert "says 5 rows" in counted.text("en") and "has 6" in counted.text("en")
    assert counted.file_id == "kojin"


COUNT_SHEET = 'ファイル名,件数\r\nJUMIN_KOJIN.csv,5\r\n世帯,"3件"\r\n合計,8\r\n'


def test_count_sheet_matches_by_name_stem_or_spec_name(tmp_path: Path) -> None:
    folder = handover(tmp_path)
    sheet = tmp_path / "件数表.csv"
    sheet.write_bytes(COUNT_SHEET.encode("cp932"))
    expected = load_count_sheet(sheet)
    assert [(e.path, e.rows) for e in expected.files] == [("JUMIN_KOJIN.csv", 5), ("世帯", 3)]
    assert verify_folder(folder, expected, JUMIN).findings == []
    data_file(folder, "kojin", 4)
    data_file(folder, "ido_rireki", 2)
    report = verify_folder(folder, expected, JUMIN)
    assert messages(report.findings) == ["added:JUMIN_IDO_RIREKI.csv", "row count:JUMIN_KOJIN.csv"]
    assert any("件数表 says 5 rows" in f.text("en") for f in report.findings)


def test_count_sheet_headings_and_numbers(tmp_path: Path) -> None:
    sheet = tmp_path / "counts.csv"
    sheet.write_text('受領データ件数表\nfile,records\nA.csv,"1,234"\nB,０\n', encoding="utf-8")
    assert [(e.path, e.rows, e.line) for e in load_count_sheet(sheet).files] == [
        ("A.csv", 1234, 3),
        ("B", 0, 4),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("名前,数\nA,1\n", "not a 件数表"),
        ("ファイル名,件数\nA,many\n", "'many' is not a whole number"),
        ("ファイル名,件数\nA,1\nA,2\n", "listed twice"),
    ],
)
def test_bad_count_sheets(tmp_path: Path, text: str, expected: str) -> None:
    sheet = tmp_path / "件数表.csv"
    sheet.write_text(text, encoding="utf-8")
    with pytest.raises(LayoutToolError) as err:
        load_count_sheet(sheet)
    assert expected in str(err.value)


def test_ambiguous_count_sheet_entry(tmp_path: Path) -> None:
    folder = handover(tmp_path)
    (folder / "JUMIN_KOJIN.txt").write_text("a\n1\n", encoding="utf-8")
    sheet = tmp_path / "c.csv"
    sheet.write_text("ファイル名,件数\nJUMIN_KOJIN,5\nJUMIN_SETAI.csv,3\n", encoding="utf-8")
    report = verify_folder(folder, load_count_sheet(sheet), JUMIN)
    assert any("matches several files" in f.text("en") for f in report.findings)


def test_validate_on_a_folder_uses_its_manifest(tmp_path: Path) -> None:
    folder = handover(tmp_path)
    plain = validate_paths(JUMIN, [folder])
    assert plain.by_code["count"] == 0
    write_manifest(build_manifest(folder, JUMIN), folder / "manifest.json")
    assert validate_paths(JUMIN, [folder]).by_code["count"] == 0
    data_file(folder, "kojin", 7)
    report = validate_paths(JUMIN, [folder])
    counts = [f for f in report.findings if f.code == "count"]
    assert [f.file_id for f in counts] == ["kojin"]
    assert "says 5 rows" in counts[0].text("en") and "has 7" in counts[0].text("en")
    assert any("manifest" in note for note in report.notes)


def test_validate_on_a_folder_uses_its_count_sheet(tmp_path: Path) -> None:
    folder = handover(tmp_path)
    (folder / "件数表.csv").write_text(
        "移行ファイル名,レコード件数\n個人,5\n世帯,4\n", encoding="utf-8"
    )
    report = validate_paths(JUMIN, [folder])
    counts = [f for f in report.findings if f.code == "count"]
    assert [(f.file_id, "says 4 rows" in f.text("en")) for f in counts] == [("setai", True)]


def test_progress_reports_rows_per_file(tmp_path: Path) -> None:
    """The label is the file's path (the bar counts the files itself: n/N, bytes)."""
    folder = handover(tmp_path)
    seen: list[tuple[str, int]] = []
    build_manifest(folder, JUMIN, progress=lambda label, rows: seen.append((label, rows)))
    assert [s for s in seen if s[1]] == [
        (str(folder / "JUMIN_KOJIN.csv"), 5),
        (str(folder / "JUMIN_SETAI.csv"), 3),
    ]
    # every file is announced first (rows 0), data or not, so the bar counts n/N and bytes
    listed = {str(p) for p in folder.iterdir() if not p.name.startswith(".")}
    assert {label for label, rows in seen if rows == 0} == listed
