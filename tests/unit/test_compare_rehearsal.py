"""compare on two reports (rehearsal N and N+1), and on a vendor export (--mapping)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from layout_tool.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_data"


def _exit(argv: list[str]) -> int:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    return int(exc.value.code or 0)


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("reports")
    faulty, clean = out / "n1.json", out / "n2.json"
    for folder, path in (
        (SAMPLES / "faulty" / "jumin", faulty),
        (SAMPLES / "handover" / "jumin", clean),
    ):
        _exit(["validate", "--spec", "jumin", str(folder), "--format", "json", "-o", str(path)])
    return faulty, clean


def test_rehearsal_shows_fixed_codes(reports: tuple[Path, Path], tmp_path: Path) -> None:
    faulty, clean = reports
    out = tmp_path / "diff.json"
    assert (
        _exit(
            [
                "compare",
                "--spec",
                "jumin",
                str(faulty),
                str(clean),
                "--format",
                "json",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["kind"] == "rehearsal" and data["regressed"] is False
    want = json.loads(faulty.read_text(encoding="utf-8"))["summary"]["by_code"]
    assert {c["code"]: (c["old"], c["new"], c["status"]) for c in data["by_code"]} == {
        code: (n, 0, "fixed") for code, n in want.items()
    }
    per_file = {(c["file_id"], c["code"]) for c in data["codes"]}
    assert ("kojin", "type") in per_file and ("setai", "required") in per_file


def test_rehearsal_the_other_way_is_a_regression(
    reports: tuple[Path, Path], tmp_path: Path
) -> None:
    faulty, clean = reports
    assert _exit(["compare", "--spec", "jumin", str(clean), str(faulty)]) == 1
    for fmt in ("csv", "html", "xlsx"):
        out = tmp_path / f"r.{fmt}"
        assert (
            _exit(
                [
                    "compare",
                    "--spec",
                    "jumin",
                    str(clean),
                    str(faulty),
                    "--format",
                    fmt,
                    "-o",
                    str(out),
                ]
            )
            == 1
        )
        assert out.stat().st_size > 0
    assert _exit(["compare", "--spec", "jumin", str(faulty), str(faulty)]) == 0


def test_rehearsal_rejects_other_json(reports: tuple[Path, Path], tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"a": 1}', encoding="utf-8")
    assert _exit(["compare", "--spec", "jumin", str(other), str(reports[0])]) == 2
    assert _exit(["compare", "--spec", "kaigo", str(reports[0]), str(reports[1])]) == 2


def test_vendor_export_against_its_conversion(tmp_path: Path) -> None:
    """The vendor side is converted in memory: it equals what convert wrote."""
    vendor = SAMPLES / "vendors" / "kaso-systems" / "kaigo"
    converted = tmp_path / "converted"
    _exit(["convert", "--mapping", "kaso-systems/kaigo", str(vendor), "-o", str(converted)])
    out = tmp_path / "cmp.json"
    code = _exit(["compare", "--spec", "kaigo", "--mapping", "kaso-systems/kaigo", str(vendor),
                  str(converted), "--format", "json", "-o", str(out)])  # fmt: skip
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["mapping"]["side"] == "old"
    assert data["summary"]["changed_values"] == 0 and data["summary"]["only_old"] == 0
    assert data["summary"]["matched"] == data["summary"]["rows_new"] > 0
    assert code == 1 and data["same"] is False  # 3 rows of the export were rejected
    assert data["mapping"]["rows_rejected"] == 3
    assert all(str(vendor) in f["old"] for f in data["files"] if f["old"])
    # and the other way round: the vendor's side given as NEW
    code = _exit(["compare", "--spec", "kaigo", "--mapping", "kaso-systems/kaigo", "--mapped-side",
                  "new", str(converted), str(vendor)])  # fmt: skip
    assert code == 1
