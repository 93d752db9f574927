"""One golden folder per kind of difference, made by scripts/make_golden_compare.py."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases" / "compare"
FOLDERS = sorted(p for p in CASES.iterdir() if p.is_dir())


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_golden_compare", ROOT / "scripts" / "make_golden_compare.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_script_makes_every_folder() -> None:
    assert {p.name for p in FOLDERS} == set(_script().CASES)


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_golden_case(folder: Path) -> None:
    want = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    assert _script().expected(folder) == want
