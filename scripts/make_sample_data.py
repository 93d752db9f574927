"""Regenerate the bundled sample data (synthetic and fictitious) from the area specs.

    python scripts/make_sample_data.py

Writes ``sample_data/handover/<area>/`` for every bundled area (valid data, about 200 rows
in each area's main file) and ``sample_data/faulty/jumin/`` (the same kind of data with 12
known faults, listed in its faults.csv). Seeds are fixed, so a run with the same pinned
environment reproduces the files byte for byte; stale CSV files in those folders are removed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from layout_tool.sample import sample_to_dir
from layout_tool.spec.catalogue import load_area

ROOT = Path(__file__).resolve().parent.parent
AREAS = ("jumin", "kojin_juminzei", "kotei", "kokuho", "kaigo", "kouki")
ROWS = 200
SEED = 20240401
FAULTY = ("jumin", 12)


def regenerate(folder: Path, area: str, faults: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = sample_to_dir(load_area(area), ROWS, SEED, folder, faults=faults)
    for stale in folder.glob("*.csv"):
        if stale not in paths:
            stale.unlink()
    return paths


def main() -> int:
    written: list[Path] = []
    for area in AREAS:
        written += regenerate(ROOT / "sample_data" / "handover" / area, area)
    area, faults = FAULTY
    written += regenerate(ROOT / "sample_data" / "faulty" / area, area, faults)
    for path in written:
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
