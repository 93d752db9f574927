"""Regenerate tests/cases/validate/: one golden folder per finding code.

Each folder holds a small handover set of 介護保険 (three files) with exactly one defect and
``expected.json`` listing the one finding it must produce (code, file_id, row, item, column).
``clean/`` has no defect and expects nothing. Never edit the folders by hand: run

    .venv/bin/python scripts/make_golden_validate.py
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from layout_tool.sample import generate, write
from layout_tool.sample.faults import Seeder
from layout_tool.spec.catalogue import load_area

ROOT = Path(__file__).resolve().parent.parent / "tests" / "cases" / "validate"
AREA = "kaigo"
ROWS = 40
SEED = 11
CHARSET = "sample_data/charsets/mjplus-synthetic"  # the synthetic MJ+ set
SEEDED = ["required", "type", "length", "code", "date", "check-digit", "gaiji", "key-duplicate",
          "reference"]  # fmt: skip


def expected(
    code: str, file_id: str, row: int | None, item: str | None, column: int | None
) -> dict[str, object]:
    return {"code": code, "file_id": file_id, "row": row, "item": item, "column": column}


def main() -> None:
    spec = load_area(AREA)
    shutil.rmtree(ROOT, ignore_errors=True)
    frames = generate(spec, ROWS, SEED)
    folder = ROOT / "clean"
    write(frames, spec, folder)
    _save(folder, [])
    for code in SEEDED:
        seeder = Seeder(frames, spec, SEED)
        fault = seeder.one(code)
        assert fault is not None, code
        folder = ROOT / code
        write(seeder.frames, spec, folder)
        item_codes = {"required", "type", "length", "code", "date", "check-digit", "gaiji"}
        names = spec.file(fault.file_id).item_names
        column = names.index(fault.item) + 1 if code in item_codes else None
        _save(folder, [expected(code, fault.file_id, fault.row, fault.item, column)])
    _byte_level_cases(spec.file("hihokensha").filename or "hihokensha")
    _rule_case()
    _missing_case()
    _character_cases(spec.file("hihokensha").filename or "hihokensha")


def _missing_case() -> None:
    """A partial handover set: the folder lacks 要介護認定 (a warning; --complete: an error)."""
    folder = ROOT / "file-missing"
    shutil.copytree(ROOT / "clean", folder)
    (folder / f"{load_area(AREA).file('nintei').filename}.csv").unlink()
    _save(folder, [expected("file-missing", "nintei", None, None, None)])


def _character_cases(stem: str) -> None:
    """A lost character (U+FFFD), and a plane-16 character the charset does not know."""
    clean = ROOT / "clean"
    name = f"{stem}.csv"
    lines = (clean / name).read_text(encoding="utf-8").split("\n")
    col = lines[0].split(",").index("氏名")
    for code, row, char, charset in (
        ("lost-char", 4, "\ufffd", None),
        ("charset", 6, "\U0010fff0", CHARSET),
    ):
        fields = lines[row].split(",")
        fields[col] = fields[col][:1] + char + fields[col][1:]
        folder = ROOT / code
        shutil.copytree(clean, folder)
        changed = [*lines[:row], ",".join(fields), *lines[row + 1 :]]
        (folder / name).write_text("\n".join(changed), encoding="utf-8")
        _save(folder, [expected(code, "hihokensha", row, "氏名", col + 1)], charset=charset)


def _rule_case() -> None:
    """kaigo has no area rules; 住民基本台帳 has (one 世帯主 per 世帯, 記載順位 1..n)."""
    spec = load_area("jumin")
    seeder = Seeder(generate(spec, ROWS, SEED), spec, SEED)
    fault = seeder.one("rule")
    assert fault is not None
    folder = ROOT / "rule"
    write(seeder.frames, spec, folder)
    _save(folder, [expected("rule", fault.file_id, fault.row, fault.item, None)], area="jumin")


def _byte_level_cases(stem: str) -> None:
    """Defects the generator cannot make: bytes, row shape, header."""
    clean = ROOT / "clean"
    name = f"{stem}.csv"
    lines = (clean / name).read_bytes().split(b"\n")
    header = lines[0].decode("utf-8").split(",")

    def case(code: str, data: bytes, finding: dict[str, object]) -> None:
        folder = ROOT / code
        shutil.copytree(clean, folder)
        (folder / name).write_bytes(data)
        _save(folder, [finding])

    # encoding: one byte that is not UTF-8, inside the 氏名 of data row 3
    row = lines[3].split(b",")
    col = header.index("氏名")
    row[col] = row[col][:3] + b"\xff" + row[col][3:]
    offset = sum(len(x) + 1 for x in lines[:3]) + sum(len(x) + 1 for x in row[:col]) + 3
    data = b"\n".join([*lines[:3], b",".join(row), *lines[4:]])
    case(
        "encoding",
        data,
        expected("encoding", "hihokensha", 3, "氏名", col + 1) | {"offset": offset},
    )
    # row-shape: data row 5 of 要介護認定 (a file nothing refers to) loses its last field
    nintei = f"{load_area(AREA).file('nintei').filename}.csv"
    rows = (clean / nintei).read_bytes().split(b"\n")
    short = rows[5].rsplit(b",", 1)[0]
    folder = ROOT / "row-shape"
    shutil.copytree(clean, folder)
    (folder / nintei).write_bytes(b"\n".join([*rows[:5], short, *rows[6:]]))
    _save(folder, [expected("row-shape", "nintei", 5, None, None)])
    # header: an unknown extra column at the end (a warning; every row gets an empty value)
    extra = [lines[0] + ",独自項目".encode()] + [ln + b"," if ln else ln for ln in lines[1:]]
    case(
        "header",
        b"\n".join(extra),
        expected("header", "hihokensha", None, "独自項目", len(header) + 1),
    )


def _save(
    folder: Path, findings: list[dict[str, object]], area: str = AREA, charset: str | None = None
) -> None:
    doc: dict[str, object] = {"area": area, "findings": findings}
    if charset is not None:
        doc["charset"] = charset  # relative to the checkout
    (folder / "expected.json").write_text(
        json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
