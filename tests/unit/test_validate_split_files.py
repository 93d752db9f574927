"""A file delivered in two parts (JUMIN_KOJIN_1.csv, _2.csv) is one file to the checks
across rows, and every finding names the part and the row where the record is.

The checks across rows once kept only row numbers, under the first part's name: a dangling
reference in part 2 was reported in part 1, and two findings could land on one row, whose
order then changed from run to run (and between ``--jobs 1`` and ``--jobs 2``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from layout_tool.report.render import render_json
from layout_tool.sample.generator import sample_to_dir
from layout_tool.spec.catalogue import load_area
from layout_tool.validate import Options, validate_paths


@pytest.fixture(scope="module")
def split(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = load_area("jumin")
    folder = tmp_path_factory.mktemp("split")
    sample_to_dir(spec, 40, 5, folder)
    kojin = folder / "JUMIN_KOJIN.csv"
    header, *lines = kojin.read_text(encoding="utf-8").splitlines()
    names = header.split(",")
    first, second = lines[: len(lines) // 2], lines[len(lines) // 2 :]
    setai = names.index("世帯番号")
    row = second[3].split(",")
    row[setai] = "600000000099999"  # part 2, row 4: a 世帯 that JUMIN_SETAI.csv lacks
    second[3] = ",".join(row)
    second.append(second[0])  # part 2, last row: repeats part 2's row 1
    second.append(first[1])  # and then part 1's row 2
    kojin.unlink()
    for n, part in ((1, first), (2, second)):
        text = header + "\n" + "".join(line + "\n" for line in part)
        (folder / f"JUMIN_KOJIN_{n}.csv").write_text(text, encoding="utf-8")
    return folder


def _findings(folder: Path, jobs: int) -> list[tuple[str, int, str, str]]:
    report = validate_paths(load_area("jumin"), [folder], Options(jobs=jobs))
    return [
        (Path(f.file or "").name, f.row or 0, f.code, str(f.message))
        for f in report.findings
        if f.code in ("reference", "key-duplicate")
    ]


def test_cross_row_findings_name_the_part_and_its_row(split: Path) -> None:
    second = (split / "JUMIN_KOJIN_2.csv").read_text(encoding="utf-8").splitlines()
    rows = len(second) - 1
    found = _findings(split, 1)
    assert ("JUMIN_KOJIN_2.csv", 4, "reference") in [f[:3] for f in found]
    dups = [f for f in found if f[2] == "key-duplicate"]
    assert [(f[0], f[1]) for f in dups] == [
        ("JUMIN_KOJIN_2.csv", rows - 1),
        ("JUMIN_KOJIN_2.csv", rows),
    ]
    assert "JUMIN_KOJIN_1.csv" not in dups[0][3]  # repeats row 1 of its own part
    assert "JUMIN_KOJIN_1.csv" in dups[1][3]  # repeats row 2 of the other part


def test_the_report_is_the_same_with_jobs(split: Path) -> None:
    spec = load_area("jumin")
    one = validate_paths(spec, [split], Options(jobs=1))
    two = validate_paths(spec, [split], Options(jobs=2))
    drop = {"made"}
    a = {k: v for k, v in json.loads(render_json(one)).items() if k not in drop}
    b = {k: v for k, v in json.loads(render_json(two)).items() if k not in drop}
    assert a == b
