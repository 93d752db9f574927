"""Verdicts you can trust: the cases of tests/cases/trust (scripts/make_trust_cases.py),
and the ones git cannot hold (file modes, odd names, FIFOs), made here in a temp folder."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from layout_tool.cli.main import cli

# The wording these tests pin is the English one (--lang en); Japanese: test_lang_errors.py
pytestmark = pytest.mark.usefixtures("english")

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted(p for p in (ROOT / "tests" / "cases" / "trust").iterdir() if p.is_dir())
JUMIN = ROOT / "sample_data" / "handover" / "jumin"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("folder", CASES, ids=[p.name for p in CASES])
def test_trust_case(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # mapping paths in case.json are relative to the checkout
    case = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    subst = {"{input}": str(folder / "input"), "{case}": str(folder), "{out}": str(tmp_path)}
    args = []
    for arg in case["args"]:
        for key, value in subst.items():
            arg = arg.replace(key, value)
        args.append(arg)
    result = invoke(*args)
    assert result.exit_code == case["exit"], (result.stdout, result.stderr)
    for phrase in case.get("stderr", []):
        assert phrase in result.stderr
    if case["exit"] == 2:
        assert result.stdout == ""
        assert result.stderr.startswith("error: ")
        return
    data = json.loads(result.stdout)
    if args[0] == "convert":
        summary = data["summary"]
        want = summary["rows_in"] if case["rejected"] == "all" else case["rejected"]
        assert summary["rows_rejected"] == want > 0 or summary["rows_rejected"] == want == 0
        assert summary["rows_in"] == summary["rows_out"] + summary["rows_rejected"]
        return
    assert data["valid"] is case["valid"]
    assert data["summary"]["by_code"] == case["by_code"]
    assert len(data["findings"]) == sum(case["by_code"].values())
    for code, severity in case.get("severity", {}).items():
        assert {f["severity"] for f in data["findings"] if f["code"] == code} == {severity}
    if "area_files" in case:
        assert data["summary"]["area_files"] == case["area_files"]
    if "rows" in case:
        assert data["summary"]["rows"] == case["rows"]
    if "encoding" in case:
        assert {f["encoding"] for f in data["files"]} == {case["encoding"]}
    if "message" in case:
        assert all(case["message"] in f["message"] for f in data["findings"])
    if "file" in case:  # every finding names this file (a part of a split file, say)
        assert {Path(f["file"]).name for f in data["findings"]} == {case["file"]}
    if "note" in case:
        assert any(case["note"] in n for n in data["notes"])


def test_one_bad_byte_is_located_to_its_cell() -> None:
    folder = ROOT / "tests" / "cases" / "trust" / "cp932-one-bad-byte" / "input"
    data = json.loads(invoke("validate", "--spec", "jumin", str(folder), "--format", "json").stdout)
    (bad,) = [f for f in data["findings"] if f["code"] == "encoding"]
    assert bad["file_id"] == "kojin" and bad["row"] == 5
    assert bad["item"] is not None and bad["column"] is not None and bad["offset"] > 0
    kojin = next(f for f in data["files"] if f["file_id"] == "kojin")
    assert kojin["encoding_confidence"] == "high" and kojin["encoding_failures"]["cp932"] == 1


def copy_jumin(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for src in JUMIN.glob("*.csv"):
        shutil.copy(src, dest / src.name)
    return dest


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_output_folder_fails_before_reading(tmp_path: Path) -> None:
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = invoke("validate", "--spec", "jumin", str(JUMIN), "-o", str(out / "r.txt"))
    finally:
        out.chmod(0o755)
    assert result.exit_code == 2 and "cannot write there" in result.stderr
    assert result.stdout == ""


def test_output_under_a_file_fails_before_reading(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    missing_input = tmp_path / "never-read"
    result = invoke("validate", "--spec", "jumin", str(missing_input), "-o", str(blocker / "r"))
    assert result.exit_code == 2
    assert "is a file, not a folder" in result.stderr  # the output, not the missing input
    result = invoke("convert", "--mapping", "x.yaml", str(missing_input), "-o", str(blocker))
    assert result.exit_code == 2 and "is a file, not a folder" in result.stderr


@pytest.mark.parametrize(
    ("fmt", "name"), [("text", "validation-report.txt"), ("html", "validation-report.html")]
)
def test_output_may_name_a_folder(tmp_path: Path, fmt: str, name: str, english: None) -> None:
    result = invoke("validate", "--spec", "jumin", str(JUMIN), "--format", fmt, "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert "3 of 3 files of the area checked" in (tmp_path / name).read_text(encoding="utf-8")


def test_coverage_is_shown_next_to_the_verdict_in_every_report(
    tmp_path: Path, english: None
) -> None:
    partial = ROOT / "tests" / "cases" / "trust" / "partial-handover" / "input"
    text = invoke("validate", "--spec", "jumin", str(partial)).stdout
    verdict = next(line for line in text.splitlines() if line.startswith("Result:"))
    assert verdict.endswith("(1 of 3 files of the area checked)")
    html = invoke("validate", "--spec", "jumin", str(partial), "--format", "html").stdout
    assert '<p id="coverage">' in html and "1 of 3 files of the area checked" in html
    out = tmp_path / "r.xlsx"
    invoke("validate", "--spec", "jumin", str(partial), "--format", "xlsx", "-o", str(out))
    from openpyxl import load_workbook

    sheet = load_workbook(out).worksheets[0]
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "1 of 3 files of the area checked" in cells


def test_manifest_goes_beside_a_read_only_folder(tmp_path: Path) -> None:
    folder = copy_jumin(tmp_path / "HANDOVER")
    result = invoke("manifest", str(folder))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "HANDOVER.manifest.json").is_file()
    assert not (folder / "manifest.json").exists()
    assert invoke("verify", str(folder)).exit_code == 0


def test_odd_entries_in_a_folder_are_skipped_with_a_note(tmp_path: Path) -> None:
    folder = copy_jumin(tmp_path / "in")
    (folder / "dangling.csv").symlink_to(tmp_path / "nowhere.csv")
    outside = tmp_path / "outside.csv"
    outside.write_text("a,b\n1,2\n", encoding="utf-8")
    (folder / "link.csv").symlink_to(outside)
    os.mkfifo(folder / "pipe.csv")
    (folder / "stray.csv").write_bytes(b"a\rb\n")  # a bare CR in its first line
    name = os.fsdecode(b"K\xff\xfe\x81.csv")  # a CP932 name from a Windows zip
    (folder / name).write_bytes(b"x,y\n1,2\n")
    result = invoke("validate", "--spec", "jumin", str(folder), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    notes = "\n".join(data["notes"])
    assert "dangling.csv: a symbolic link to nothing; skipped" in notes
    assert "link.csv: a symbolic link out of the folder; skipped" in notes
    assert "pipe.csv: a FIFO (named pipe), not a file; skipped" in notes
    assert data["summary"]["rows"] == 572
    files = {f["file"] for f in data["findings"] if f["code"] == "header"}
    assert any(r"K\xff\xfe\x81.csv" in f for f in files)  # shown escaped
    assert any(f.endswith("stray.csv") for f in files)
    for fmt in ("text", "csv", "html"):
        assert invoke("validate", "--spec", "jumin", str(folder), "--format", fmt).exit_code == 0


def test_the_same_folder_twice_is_read_once(tmp_path: Path) -> None:
    folder = copy_jumin(tmp_path / "in")
    result = invoke("validate", "--spec", "jumin", str(folder), str(folder), "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["summary"]["rows"] == 572
    assert sum("read once" in n for n in data["notes"]) == 3


def test_cr_only_lines_are_rows_in_manifest_and_convert(tmp_path: Path) -> None:
    folder = ROOT / "tests" / "cases" / "trust" / "cr-only" / "input"
    result = invoke("manifest", str(folder), "-o", "-")
    data = json.loads(result.stdout)
    assert sum(f["rows"] for f in data["files"]) == 572
    result = invoke("convert", "--spec", "jumin", str(folder), "-o", str(tmp_path), "--to", "xml")
    assert result.exit_code == 0, result.stderr


def test_profile_changes_severity_and_adds_code_values(tmp_path: Path) -> None:
    folder = copy_jumin(tmp_path / "in")
    rows = (folder / "JUMIN_IDO_RIREKI.csv").read_text(encoding="utf-8").split("\n")
    head = rows[0].split(",")
    at = head.index("異動事由")
    first = rows[1].split(",")
    first[at] = "99"
    rows[1] = ",".join(first)
    (folder / "JUMIN_IDO_RIREKI.csv").write_text("\n".join(rows), encoding="utf-8")
    args = ["validate", "--spec", "jumin", str(folder), "--format", "json"]
    plain = json.loads(invoke(*args).stdout)
    # 異動事由 is a modelled table: a value outside it is a warning by default
    assert plain["summary"]["by_code"] == {"code": 1} and plain["valid"] is True
    assert plain["findings"][0]["severity"] == "warning"
    profile = tmp_path / "p.yaml"
    profile.write_text('profile: 例市\ncodes:\n  異動事由: {"99": その他}\n', encoding="utf-8")
    args += ["--profile", str(profile)]
    data = json.loads(invoke(*args).stdout)
    assert data["valid"] is True and data["summary"]["by_code"] == {}
    assert data["profile"]["name"] == "例市" and len(data["profile"]["sha256"]) == 64
    profile.write_text("profile: 例市\nseverity:\n  codes: {code: error}\n", encoding="utf-8")
    data = json.loads(invoke(*args).stdout)
    assert data["valid"] is False and data["summary"]["errors"] == 1


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("profile: x\nitems:\n  宛名番号x: {check: m11}\n", "p.yaml:3: no item '宛名番号x'"),
        ("profile: x\nitems:\n  宛名番号: {check: m12}\n", "p.yaml:3: items.宛名番号.check"),
        ("profile: x\narea: kaigo\n", "p.yaml:2: the profile is for area kaigo"),
        ("profile: x\nseverity:\n  codes: {nope: warning}\n", "p.yaml:3: unknown finding code"),
        ("profile: x\ncodes:\n  無い表: {'1': a}\n", "p.yaml:3: no code table '無い表'"),
    ],
)
def test_bad_profiles_are_file_line_errors(tmp_path: Path, text: str, where: str) -> None:
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    args = ["validate", "--spec", "jumin", str(JUMIN), "--profile", str(tmp_path / "p.yaml")]
    result = invoke(*args)
    assert result.exit_code == 2 and where in result.stderr, result.stderr


def test_names_that_are_not_utf8_never_crash_any_command(tmp_path: Path) -> None:
    folder = copy_jumin(tmp_path / "in")
    odd = os.fsdecode(b"K\xff\xfe\x81.csv")
    (folder / odd).write_bytes(b"x,y\n1,2\n")
    shutil.move(folder / "JUMIN_SETAI.csv", folder / os.fsdecode(b"JUMIN_SETAI\xff.csv"))
    manifest = tmp_path / "m.json"
    assert invoke("manifest", str(folder), "-o", str(manifest)).exit_code == 0
    paths = [f["path"] for f in json.loads(manifest.read_text(encoding="utf-8"))["files"]]
    assert r"K\xff\xfe\x81.csv" in paths
    assert invoke("verify", str(folder), "--manifest", str(manifest)).exit_code == 0
    assert invoke("gaiji", str(folder)).exit_code == 0
    result = invoke("convert", "--spec", "jumin", str(folder), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert r"K\xff\xfe\x81.csv" in (tmp_path / "out" / "conversion" / "report.txt").read_text(
        encoding="utf-8"
    )
    result = invoke("validate", "--spec", "jumin", str(folder), "--format", "json")
    files = [f["path"] for f in json.loads(result.stdout)["files"]]
    assert any(p.endswith(r"JUMIN_SETAI\xff.csv") for p in files)


def test_cr_only_vendor_export_converts_every_row(tmp_path: Path) -> None:
    source = ROOT / "tests" / "cases" / "trust" / "no-check-digit-convert" / "input"
    folder = tmp_path / "in"
    folder.mkdir()
    for path in source.iterdir():
        (folder / path.name).write_bytes(path.read_bytes().replace(b"\r\n", b"\r"))
    mapping = str(ROOT / "mappings" / "kaso-systems" / "jumin.yaml")
    args = ["convert", "--mapping", mapping, str(folder), "-o", str(tmp_path / "o")]
    result = invoke(*args, "--format", "json")
    summary = json.loads(result.stdout)["summary"]
    assert result.exit_code == 0 and summary["rows_in"] == summary["rows_out"] == 30


def test_gaiji_and_manifest_read_a_wrong_encoding_without_a_flood(tmp_path: Path) -> None:
    folder = ROOT / "tests" / "cases" / "trust" / "utf8-read-as-cp932" / "input"
    result = invoke("gaiji", str(folder), "--encoding", "cp932", "--format", "json")
    assert result.exit_code == 0, result.stderr
    notes = json.loads(result.stdout)["notes"]
    assert sum("decodes cleanly as utf-8" in n for n in notes) == 3
    manifest = json.loads(invoke("manifest", str(folder), "-o", "-").stdout)
    assert {f["encoding"] for f in manifest["files"]} == {"utf-8"}
