"""Golden conversions: every case in tests/cases/convert/ converts to exactly its ``out/``.

The cases are written by scripts/make_golden_convert.py (never by hand): one per source
format (CSV UTF-8 with BOM, CP932 with tabs and no header, fixed-width CRLF and back to
back, broken CSV) and per family of transforms, forward and ``--reverse``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from layout_tool.conversion import ConvertOptions, convert
from layout_tool.gaiji.maptable import load_map
from layout_tool.mapping import load_mapping

CASES = Path(__file__).resolve().parent.parent / "cases" / "convert"


def case_dirs() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if (p / "mapping.yaml").is_file())


def files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def without_version(data: bytes) -> dict[str, object]:
    report: dict[str, object] = json.loads(data)
    report.pop("version")
    return report


@pytest.mark.parametrize("case", case_dirs(), ids=lambda p: p.name)
def test_golden_case(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(case / "input", tmp_path / "input")
    shutil.copyfile(case / "mapping.yaml", tmp_path / "mapping.yaml")
    args = json.loads((case / "args.json").read_text())
    monkeypatch.chdir(tmp_path)
    if (case / "gaiji.csv").is_file():
        shutil.copyfile(case / "gaiji.csv", "gaiji.csv")
        args["gaiji_map"] = load_map(Path("gaiji.csv"))
    report = convert(
        load_mapping(Path("mapping.yaml")), [Path("input")], Path("out"), ConvertOptions(**args)
    )
    for f in report.files:
        assert f.rows_in == f.rows_out + f.rows_rejected
    expected, got = files(case / "out"), files(tmp_path / "out")
    assert sorted(got) == sorted(expected)
    for name, data in expected.items():
        if name.endswith("report.json"):
            assert without_version(got[name]) == without_version(data), name
        else:
            assert got[name] == data, name


def test_there_are_cases_for_each_format_and_direction() -> None:
    names = {p.name for p in case_dirs()}
    assert {"csv-utf8-bom", "csv-cp932-tab-no-header", "fixed-crlf-lookup"} <= names
    assert {"gaiji-map", "gaiji-map-reverse", "xml-out", "reverse-xml"} <= names
    assert {"fixed-back-to-back", "reverse-fixed", "reverse-csv-cp932", "broken-csv"} <= names
