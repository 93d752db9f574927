"""The validate command: exit codes, report formats, masking, filters, hostile input."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from layout_tool.cli.main import cli
from layout_tool.report.report import Filter
from layout_tool.spec.catalogue import load_area
from layout_tool.validate import Options, validate_paths

pytestmark = pytest.mark.usefixtures("english")  # they assert English text

CASES = Path(__file__).resolve().parent.parent / "cases" / "validate"


def run(*args: str) -> tuple[int, str, str]:
    """The installed entry point in a subprocess: real exit code, real stderr."""
    proc = subprocess.run(
        [sys.executable, "-m", "layout_tool", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "CI": "1"},
    )
    return proc.returncode, proc.stdout, proc.stderr


def test_clean_set_passes_with_exit_0() -> None:
    result = CliRunner().invoke(cli, ["validate", "--spec", "kaigo", str(CASES / "clean")])
    assert result.exit_code == 0, result.output
    assert "Result: PASS" in result.output


def test_findings_give_exit_1_and_json_equals_the_library_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # both runs made in the same second
    folder = CASES / "check-digit"
    result = CliRunner().invoke(
        cli, ["validate", "--spec", "kaigo", str(folder), "--format", "json"]
    )
    assert result.exit_code == 1
    data = json.loads(result.output)
    report = validate_paths(load_area("kaigo"), [folder])
    assert data == json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert data["valid"] is False and data["summary"]["by_code"] == {"check-digit": 1}
    assert set(data) >= {"tool", "version", "spec", "valid", "summary", "files", "findings"}
    assert all(len(f["sha256"]) == 64 for f in data["files"])


def test_sensitive_values_are_masked_unless_asked(tmp_path: Path) -> None:
    spec = load_area("kaigo")
    names = spec.file("hihokensha").item_names
    src = (CASES / "clean" / "KAIGO_HIHOKENSHA.csv").read_text(encoding="utf-8").splitlines()
    rows = list(csv.reader(src))
    col = names.index("個人番号")
    rows[1][col] = "999912345670"  # wrong check digit
    target = tmp_path / "KAIGO_HIHOKENSHA.csv"
    with target.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    args = ["validate", "--spec", "kaigo", "--file", "hihokensha", str(target), "--format", "json"]
    masked = json.loads(CliRunner().invoke(cli, args).output)
    shown = json.loads(CliRunner().invoke(cli, [*args, "--show-values"]).output)
    bad = [f for f in masked["findings"] if f["item"] == "個人番号"]
    assert [f["value"] for f in bad] == ["9999********"]
    assert [f["value"] for f in shown["findings"] if f["item"] == "個人番号"] == ["999912345670"]
    text = CliRunner().invoke(cli, args[:-2]).output
    assert "999912345670" not in text and "9999********" in text


def test_csv_report_has_bom_and_one_line_per_finding(tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    folder = CASES / "type"
    result = CliRunner().invoke(
        cli, ["validate", "--spec", "kaigo", str(folder), "--format", "csv", "-o", str(out)]
    )
    assert result.exit_code == 1
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(r["code"], r["item"]) for r in rows] == [("type", "方書")]


def test_max_findings_caps_the_list_not_the_counts() -> None:
    folder = Path(__file__).resolve().parents[2] / "sample_data" / "faulty" / "jumin"
    result = CliRunner().invoke(
        cli, ["validate", "--spec", "jumin", str(folder), "--format", "json", "--max-findings", "3"]
    )
    data = json.loads(result.output)
    assert len(data["findings"]) == 3
    assert data["summary"]["errors"] + data["summary"]["warnings"] == 12
    assert data["summary"]["truncated"] is True


def test_select_and_ignore() -> None:
    folder = str(Path(__file__).resolve().parents[2] / "sample_data" / "faulty" / "jumin")
    only = json.loads(
        CliRunner()
        .invoke(
            cli, ["validate", "--spec", "jumin", folder, "--format", "json", "--select", "type"]
        )
        .output
    )
    assert set(only["summary"]["by_code"]) == {"type"}
    rest = json.loads(
        CliRunner()
        .invoke(
            cli,
            ["validate", "--spec", "jumin", folder, "--format", "json", "--ignore", "type,rule"],
        )
        .output
    )
    assert not {"type", "rule"} & set(rest["summary"]["by_code"])
    bad = CliRunner().invoke(cli, ["validate", "--spec", "jumin", folder, "--select", "nonsense"])
    assert bad.exit_code == 2


def test_report_option_filter_is_the_library_filter() -> None:
    report = validate_paths(
        load_area("kaigo"), [CASES / "type"], Options(filter=Filter(ignore=frozenset({"type"})))
    )
    assert report.valid and report.findings == []


HOSTILE: dict[str, bytes] = {
    "empty.csv": b"",
    "header_only.csv": "被保険者番号,氏名\n".encode(),
    "garbage.csv": bytes(range(256)) * 20,
    "some_nul.csv": "保険者番号,氏名\n000001,試\x00験\n".encode(),
    "ragged.csv": "保険者番号,被保険者番号\n1\n1,2,3,4\n".encode(),
    "mixed.csv": "保険者番号,氏名\n000001,試験\n".encode() + "000002,試験\n".encode("cp932"),
    "quote.csv": b'\xe4\xbf\x9d\xe9\x99\xba\xe8\x80\x85\xe7\x95\xaa\xe5\x8f\xb7\n"never closed\n',
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_give_findings_not_tracebacks(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    code, out, err = run("validate", "--spec", "kaigo", "--file", "hihokensha", str(path))
    assert code == 1, (out, err)
    assert "Traceback" not in out + err
    assert "Result: FAIL" in out


def test_a_file_of_nuls_is_refused_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b"\x00" * 2000)
    code, out, err = run("validate", "--spec", "kaigo", "--file", "hihokensha", str(path))
    assert code == 2 and out == ""
    assert err.strip().endswith("nul.csv: binary data, not text")


def test_a_50_mb_single_line(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_bytes("保険者番号\n".encode() + b"9" * 50_000_000 + b"\n")
    code, out, err = run("validate", "--spec", "kaigo", "--file", "hihokensha", str(path))
    assert code == 1 and "Traceback" not in err
    assert "length" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "--spec", "nowhere", "x.csv"], "unknown area"),
        (["validate", "--spec", "kaigo", "missing.csv"], "no such file"),
        (["validate", "--spec", "kaigo", "--file", "nope", str(CASES / "clean")], "no file"),
        (["validate", "--spec", "inkan", "x.csv"], "no detailed spec"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str], message: str) -> None:
    code, _out, err = run(*args)
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_unrecognised_file_in_a_folder_is_a_warning(tmp_path: Path) -> None:
    for src in (CASES / "clean").glob("*.csv"):
        (tmp_path / src.name).write_bytes(src.read_bytes())
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    report = validate_paths(load_area("kaigo"), [tmp_path])
    assert report.valid
    assert [(f.code, f.severity, f.file) for f in report.findings] == [
        ("header", "warning", str(tmp_path / "notes.csv"))
    ]


def test_json_report_is_the_same_every_run(tmp_path: Path) -> None:
    """Same input, same bytes: across processes with different hash seeds (set order)."""
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"r{seed}.json"
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1800000000"}
        args = [sys.executable, "-m", "layout_tool", "validate", "--spec", "jumin",
                str(CASES.parents[2] / "sample_data/faulty/jumin"), "--format", "json",
                "-o", str(out)]  # fmt: skip
        subprocess.run(args, env=env, check=False, capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] and b'"gaiji"' in outputs[0]
