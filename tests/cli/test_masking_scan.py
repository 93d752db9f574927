"""The one masking rule: 個人番号 values never appear in any output without --show-values.

A generated set of wrong 個人番号 (too long, full-width, letters, bad check digit) goes
through every command that reads data: validate in every format, convert (vendor → standard,
--reverse, standard ⇄ XML) with text and JSON reports, gaiji, manifest and verify, and an
internal error whose message quotes one. Reports, rejects' finding columns, stdout, stderr
and crash files are scanned for the values (data files and rejects' record columns hold the
records by design). With --show-values they do appear: the scan can fail.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest

from layout_tool.cli.main import main

# The wording these tests pin is the English one (--lang en); Japanese: test_lang_errors.py
pytestmark = pytest.mark.usefixtures("english")

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "sample_data" / "vendors" / "kaso-systems" / "jumin"
SECRETS = ["9999485546717", "９９９９４８５５４６７１", "99994855467X", "999948554672"]


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        main(args)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    got = capsys.readouterr()
    return code, got.out + got.err


def _vendor_set(folder: Path) -> None:
    shutil.copytree(VENDOR, folder)
    path = folder / "KSJ_JUMIN_KOJIN.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    at = rows[0].index("個人番号")
    for row, secret in zip(rows[1:], SECRETS, strict=False):
        row[at] = secret
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_text("\ufeff" + out.getvalue(), encoding="utf-8")


def _standard_set(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, said = _run(["sample", "jumin", "--rows", "6", "-o", str(folder)], capsys)
    assert code == 0, said
    path = folder / "JUMIN_KOJIN.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    at = rows[0].index("個人番号")
    for row, secret in zip(rows[1:], SECRETS, strict=False):
        row[at] = secret
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _reported(path: Path) -> str:
    if path.name.endswith(".rejects.csv"):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return "\n".join(f"{r['codes']} {r['findings']}" for r in csv.DictReader(fh))
    if path.suffix == ".xlsx":
        import zipfile

        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return path.read_bytes().decode("utf-8", "replace")


def _commands(std: Path, vendor: Path, out: Path, extra: list[str]) -> list[list[str]]:
    """Every command over the set, each writing its outputs under ``out``."""
    runs = [
        ["validate", "--spec", "jumin", str(std), "--format", f, "-o", str(out / f"v.{f}"), *extra]
        for f in ("text", "json", "csv", "html", "xlsx")
    ]
    runs += [["validate", "--spec", "jumin", str(std), *extra]]
    runs += [
        [
            "convert",
            "--mapping",
            "kaso-systems/jumin",
            str(vendor),
            "-o",
            str(out / "fw"),
            "--format",
            "json",
            *extra,
        ],
        ["convert", "--mapping", "kaso-systems/jumin", str(vendor), "-o", str(out / "fw2"), *extra],
        [
            "convert",
            "--mapping",
            "kaso-systems/jumin",
            "--reverse",
            str(std),
            "-o",
            str(out / "rv"),
            *extra,
        ],
        [
            "convert",
            "--mapping",
            "kaso-systems/jumin",
            "--reverse",
            str(std),
            "-o",
            str(out / "rv2"),
            "--format",
            "json",
            *extra,
        ],
        ["convert", "--spec", "jumin", str(std), "-o", str(out / "xml"), "--to", "xml"],
        ["gaiji", str(std), "--format", "csv", "-o", str(out / "g.csv")],
        ["gaiji", str(std), "--format", "json"],
        ["manifest", str(std), "-o", str(out / "manifest.json")],
        ["verify", str(std), "--manifest", str(out / "manifest.json")],
    ]
    return runs


def _leaks(out: Path, printed: list[str]) -> list[str]:
    found = []
    for text, where in [*((p, "stdout/stderr") for p in printed)]:
        found += [f"{s} in {where}" for s in SECRETS if s in text]
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(out).parts
        if len(rel) == 2 and rel[0] in ("fw", "fw2", "rv", "rv2", "xml"):
            continue  # the converted data itself
        text = _reported(path)
        found += [f"{s} in {path.relative_to(out)}" for s in SECRETS if s in text]
    return found


def test_no_output_of_any_command_shows_a_mynumber(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    std, vendor, out = tmp_path / "std", tmp_path / "vendor", tmp_path / "out"
    _standard_set(std, capsys)
    _vendor_set(vendor)
    out.mkdir()
    printed = []
    for args in _commands(std, vendor, out, []):
        code, said = _run(args, capsys)
        assert code in (0, 1), (args, said)
        printed.append(said)
    assert not _leaks(out, printed)
    # the scan can fail: with --show-values the values are there
    shown = tmp_path / "shown"
    shown.mkdir()
    printed = []
    for args in _commands(std, vendor, shown, ["--show-values"]):
        if "--show-values" in args:
            printed.append(_run(args, capsys)[1])
    assert _leaks(shown, printed)


def test_an_internal_error_quoting_a_mynumber_is_masked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    std = tmp_path / "std"
    _standard_set(std, capsys)

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"unexpected value {SECRETS[0]} in a row")

    monkeypatch.setattr("layout_tool.cli.validate_cmd.validate_paths", boom)
    code, said = _run(["validate", "--spec", "jumin", str(std)], capsys)
    assert code == 3
    crash = Path(re.search(r"details: (\S+)\)", said).group(1))  # type: ignore[union-attr]
    text = crash.read_text(encoding="utf-8")
    crash.unlink()
    assert SECRETS[0] not in said and SECRETS[0] not in text
    assert "9999*********" in text
