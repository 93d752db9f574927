"""Regenerate tests/cases/compare/: one golden folder per kind of difference.

Each folder holds ``spec.yaml`` (a small made-up area: 住民 keyed by 番号, 世帯 keyed by
世帯番号), ``old/`` and ``new/`` (synthetic CSV, names and numbers obviously fictitious),
``case.json`` (the options) and ``expected.json`` (the report, as ``--format json`` writes
it, without the tool version). Never edit the folders by hand: run

    .venv/bin/python scripts/make_golden_compare.py
"""

from __future__ import annotations

import json
import os
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

from layout_tool.compare import Options, compare_paths
from layout_tool.spec.catalogue import load_area

ROOT = Path(__file__).resolve().parent.parent / "tests" / "cases" / "compare"
SPEC = """\
standard: chukan
version: "2.7"
provenance: modelled
area: {id: golden, name: 比較の見本, number: 902}
files:
  - id: people
    name: 住民
    filename: PEOPLE
    key: [番号]
    items:
      - {no: 1, name: 番号, type: digits, length: 5, required: true}
      - {no: 2, name: 氏名, type: zenkaku, length: 30}
      - {no: 3, name: 個人番号, type: digits, length: 12, sensitive: true}
      - {no: 4, name: 年度, type: digits, length: 4}
      - {no: 5, name: 税額, type: number, length: 12, scale: 0}
  - id: household
    name: 世帯
    filename: HOUSEHOLD
    key: [世帯番号]
    items:
      - {no: 1, name: 世帯番号, type: digits, length: 5, required: true}
      - {no: 2, name: 世帯主, type: zenkaku, length: 30}
"""
PEOPLE = "番号,氏名,個人番号,年度,税額"
HOUSEHOLD = "世帯番号,世帯主"
BASE = [
    "99001,試験　太郎,999900000001,2023,1000",
    "99002,架空　花子,999900000002,2023,2500",
    "99003,見本　次郎,999900000003,2024,300",
    "99004,仮設　三郎,,2024,0",
]
HOMES = ["99101,試験　太郎", "99102,架空　花子"]


def _swap(rows: list[str], i: int, old: str, new: str) -> list[str]:
    out = list(rows)
    out[i] = out[i].replace(old, new)
    return out


# name → (old people rows, new people rows, options, households on each side)
CASES: dict[str, tuple[list[str], list[str], dict[str, Any], tuple[bool, bool]]] = {
    "same": (BASE, BASE, {}, (True, True)),
    "only_old": (BASE, BASE[:3], {}, (True, True)),
    "only_new": (BASE[:3], BASE, {}, (True, True)),
    "duplicate_key": (BASE, [*BASE, "99002,重複　花子,,2023,2500"], {}, (True, True)),
    "changed_value": (BASE, _swap(BASE, 1, "架空　花子", "架空　華子"), {}, (True, True)),
    "normalised": (
        BASE, _swap(BASE, 0, "試験　太郎", "試験　太郎　"), {"normalise": True}, (True, True),
    ),
    "sensitive_masked": (
        BASE, _swap(BASE, 2, "999900000003", "999900000033"), {}, (True, True),
    ),
    "allowed_item": (
        BASE, _swap(BASE, 1, "架空　花子", "架空　華子"), {"allow": ["氏名"]}, (True, True),
    ),
    "totals_by_year": (BASE, _swap(BASE, 2, ",300", ",350"), {"by": "年度"}, (True, True)),
    "totals_within_tolerance": (
        BASE, _swap(BASE, 0, ",1000", ",1001"), {"tolerance": "1", "allow": ["税額"]},
        (True, True),
    ),
    "file_only_old": (BASE, BASE, {}, (True, False)),
}  # fmt: skip


def options(raw: dict[str, Any]) -> Options:
    return Options(
        normalise=bool(raw.get("normalise", False)),
        by=raw.get("by"),
        allow=frozenset(raw.get("allow", [])),
        tolerance=Decimal(str(raw.get("tolerance", "0"))),
    )


def expected(folder: Path) -> dict[str, Any]:
    """The report of a case folder, run from inside it (so paths are relative)."""
    raw = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    here = Path.cwd()
    os.chdir(folder)
    try:
        spec = load_area("spec.yaml")
        report = compare_paths(spec, [Path("old")], [Path("new")], options(raw))
    finally:
        os.chdir(here)
    data = report.to_dict()
    data.pop("version")
    return data


def main() -> None:
    shutil.rmtree(ROOT, ignore_errors=True)
    for name, (old, new, raw, homes) in CASES.items():
        folder = ROOT / name
        for side, rows, home in (("old", old, homes[0]), ("new", new, homes[1])):
            (folder / side).mkdir(parents=True)
            text = PEOPLE + "\n" + "\n".join(rows) + "\n"
            (folder / side / "PEOPLE.csv").write_text(text, encoding="utf-8")
            if home:
                text = HOUSEHOLD + "\n" + "\n".join(HOMES) + "\n"
                (folder / side / "HOUSEHOLD.csv").write_text(text, encoding="utf-8")
        (folder / "spec.yaml").write_text(SPEC, encoding="utf-8")
        (folder / "case.json").write_text(json.dumps(raw, ensure_ascii=False) + "\n", "utf-8")
        data = expected(folder)
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        (folder / "expected.json").write_text(text, encoding="utf-8")
        print(f"{name}: same={data['same']}")


if __name__ == "__main__":
    main()
