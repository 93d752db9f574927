"""Write the golden drafts of `layout-tool mapping init` (tests/cases/init/), reproducibly.

For each bundled CSV vendor export, the draft mapping `mapping init` writes for it. The
test (tests/unit/test_mapping_init.py) compares today's drafts with these files; rerun
this script when the matcher or the guesses change on purpose, and read the diff.
Run: ``python scripts/make_golden_init.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from layout_tool.mapping import load_mapping
from layout_tool.mapping.draft import draft

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "cases" / "init"
EXPORTS = ("kaso-systems/jumin", "kaso-systems/kaigo", "kaso-systems/kojin_juminzei",
           "shisaku-data/jumin")  # fmt: skip


def exports(name: str) -> list[Path]:
    folder = ROOT / "sample_data" / "vendors" / name
    return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv")


def golden(name: str) -> Path:
    return OUT / f"{name.replace('/', '__')}.yaml"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in EXPORTS:
        mapping = load_mapping(name)
        text = draft(mapping.area, exports(name))
        golden(name).write_text(text.replace(str(ROOT) + "/", ""), encoding="utf-8")
        print(golden(name).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
