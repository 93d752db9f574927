"""``layout-tool manifest`` / ``verify``, and ``validate`` on a folder with a manifest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from layout_tool.cli.main import cli
from layout_tool.integrity.manifest import load_manifest
from layout_tool.integrity.verify import verify_folder
from layout_tool.spec.catalogue import load_area

pytestmark = pytest.mark.usefixtures("english")  # they assert English text

JUMIN = load_area("jumin")


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def data_file(folder: Path, file_id: str, rows: int) -> Path:
    spec = JUMIN.file(file_id)
    lines = [",".join(spec.item_names)] + [",".join(["x"] * len(spec.items))] * rows
    path = folder / f"{spec.filename}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def handover(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    data_file(folder, "kojin", 4)
    data_file(folder, "setai", 2)
    return folder


def test_manifest_then_verify_passes(tmp_path: Path) -> None:
    folder = handover(tmp_path)
    result = invoke("manifest", str(folder), "--spec", "jumin")
    assert result.exit_code == 0, result.output
    assert "2 files, 6 rows" in result.stderr
    # beside the folder, never inside it (received media are often read-only)
    assert not (folder / "manifest.json").exists()
    made = load_manifest(tmp_path / "in.manifest.json")
    assert {f.path: f.rows for f in made.files} == {"JUMIN_KOJIN.csv": 4, "JUMIN_SETAI.csv": 2}
    result = invoke("verify", str(folder))
    assert result.exit_code == 0, result.output
    assert "Result: PASS" in result.stdout


def test_verify_finds_differences_with_exit_1_and_json_equals_the_library(tmp_path: Path) -> None:
    folder = handover(tmp_path)
    out = tmp_path / "m.json"
    assert invoke("manifest", str(folder), "-o", str(out)).exit_code == 0
    data_file(folder, "setai", 3)
    result = invoke("verify", str(folder), "--manifest", str(out), "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["summary"]["by_code"] == {"count": 1}
    (finding,) = data["findings"]
    assert finding["file_id"] == "setai" and "says 2 rows" in finding["message"]
    library = verify_folder(folder, load_manifest(out))
    expected = json.loads(json.dumps(library.to_dict(), ensure_ascii=False))
    assert data == expected


def test_manifest_outside_the_folder_and_to_stdout(tmp_path: Path) -> None:
    folder = handover(tmp_path)
    inside = folder / "handover-manifest.json"
    assert invoke("manifest", str(folder), "-o", str(inside)).exit_code == 0
    paths = {f.path for f in load_manifest(inside).files}
    assert paths == {"JUMIN_KOJIN.csv", "JUMIN_SETAI.csv"}  # not itself
    result = invoke("manifest", str(folder), "-o", "-")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["spec"]["area"] == "jumin"
    assert {f["path"] for f in data["files"]} == paths | {"handover-manifest.json"}
    assert not (folder / "manifest.json").exists()


def test_verify_with_a_count_sheet(tmp_path: Path) -> None:
    folder = handover(tmp_path)
    sheet = tmp_path / "件数表.csv"
    sheet.write_text("ファイル名,件数\n個人,4\n世帯,9\n", encoding="utf-8")
    result = invoke("verify", str(folder), "--manifest", str(sheet), "--spec", "jumin")
    assert result.exit_code == 1
    assert "the 件数表 says 9 rows" in result.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    folder = handover(tmp_path)
    result = invoke("verify", str(folder))
    assert result.exit_code == 2 and "give --manifest" in result.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    result = invoke("verify", str(folder), "--manifest", str(bad))
    assert result.exit_code == 2 and "not JSON" in result.stderr
    result = invoke("manifest", str(tmp_path / "missing"))
    assert result.exit_code == 2


def test_validate_folder_with_count_sheet_exit_1(tmp_path: Path) -> None:
    folder = handover(tmp_path)
    args = ["validate", "--spec", "jumin", str(folder), "--select", "count", "--format", "json"]
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    (folder / "件数表.csv").write_text("ファイル名,件数\nJUMIN_KOJIN,4\n", encoding="utf-8")
    result = invoke(*args)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [f["message"].split(":")[0] for f in data["findings"]] == ["added"]
    assert data["findings"][0]["file_id"] == "setai"


def test_real_exit_codes_and_quiet_pipes(tmp_path: Path) -> None:
    folder = handover(tmp_path)
    env = {**os.environ, "CI": "1"}
    run = [sys.executable, "-m", "layout_tool"]
    made = subprocess.run([*run, "manifest", str(folder)], capture_output=True, text=True, env=env)
    assert made.returncode == 0 and made.stdout == ""
    assert made.stderr.strip().startswith("manifest:")  # no progress bar in a pipe
    (folder / "JUMIN_SETAI.csv").unlink()
    checked = subprocess.run([*run, "verify", str(folder)], capture_output=True, text=True, env=env)
    assert checked.returncode == 1 and "missing: JUMIN_SETAI.csv" in checked.stdout
    assert checked.stderr == ""
