"""Regenerate the synthetic 基本データリスト 001 (kihon:001) handover sets in sample_data/.

From the clean 住民基本台帳 sample (sample_data/handover/jumin, synthetic), files named by
their file group ids (001001 個人, 001002 世帯, 001003 異動履歴):

- sample_data/handover/kihon_jumin/: one GJ character (GJ000554, U+100229) in a 氏 and its
  氏名 — passes with the MJ+ charset (``--charset sample_data/charsets/mjplus-synthetic``),
  fails without it (a private-use character in an item that does not allow 外字);
- sample_data/faulty/kihon_jumin/: the same, plus one plane-15 character (U+F0123) that no
  charset knows, in a 住所町字 — a ``charset`` finding.

Run (again after scripts/make_sample_data.py):  .venv/bin/python scripts/make_kihon_sample.py
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "sample_data" / "handover" / "jumin"
GROUPS = {"JUMIN_KOJIN": "001001", "JUMIN_SETAI": "001002", "JUMIN_IDO_RIREKI": "001003"}
GJ = "\U00100229"  # GJ000554
UNKNOWN = "\U000f0123"  # plane 15, in no charset


def _edit(path: Path, row: int, changes: dict[str, tuple[int, str]]) -> None:
    """Insert a character into items of data row ``row``: item → (position, character)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(",")
    cells = lines[row].split(",")
    for item, (at, char) in changes.items():
        col = header.index(item)
        cells[col] = cells[col][:at] + char + cells[col][at:]
    lines[row] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")


def _write(folder: Path, unknown: bool) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for stem, group in GROUPS.items():
        shutil.copyfile(SOURCE / f"{stem}.csv", folder / f"{group}.csv")
    kojin = folder / "001001.csv"
    _edit(kojin, 3, {"氏名": (1, GJ), "氏": (1, GJ)})
    if unknown:
        _edit(kojin, 7, {"住所町字": (2, UNKNOWN)})


def main() -> None:
    _write(ROOT / "sample_data" / "handover" / "kihon_jumin", unknown=False)
    _write(ROOT / "sample_data" / "faulty" / "kihon_jumin", unknown=True)


if __name__ == "__main__":
    main()
