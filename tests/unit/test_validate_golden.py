"""One golden folder per finding code, made by scripts/make_golden_validate.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from layout_tool.charset.loader import load_charset
from layout_tool.charset.policy import CharPolicy
from layout_tool.report.report import Filter
from layout_tool.spec.catalogue import load_area
from layout_tool.validate import Options, validate_paths

CASES = Path(__file__).resolve().parent.parent / "cases" / "validate"
FOLDERS = sorted(p for p in CASES.iterdir() if p.is_dir())
KEYS = ("code", "file_id", "row", "item", "column", "offset")


def test_every_finding_code_but_xsd_and_count_has_a_case() -> None:
    from layout_tool.findings import CODES

    convert_only = {"round-trip"}  # a conversion finding; validate never reports it
    assert {p.name for p in FOLDERS} == (set(CODES) - {"xsd", "count"} - convert_only) | {"clean"}


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_golden_case(folder: Path) -> None:
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    spec = load_area(expected["area"])
    chars = CharPolicy()
    if "charset" in expected:  # a case that needs a character set (the synthetic MJ+ one)
        chars = CharPolicy(charset=load_charset(CASES.parents[2] / expected["charset"]))
    options = Options(filter=Filter(max_findings=None), chars=chars)
    report = validate_paths(spec, [folder], options)
    got = [{k: f.to_dict().get(k) for k in KEYS} for f in report.sorted_findings()]
    want = [{k: f.get(k) for k in KEYS} for f in expected["findings"]]
    assert got == want
    warnings = {"header", "file-missing"}
    assert report.valid == all(f["code"] in warnings for f in expected["findings"])
