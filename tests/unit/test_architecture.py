"""The shape of the codebase: the library never imports the CLI; modules stay small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "layout_tool"
MODULES = sorted(PACKAGE.rglob("*.py"))
LIBRARY = [p for p in MODULES if p.relative_to(PACKAGE).parts[0] not in {"cli", "__main__.py"}]
MAX_LINES = 450


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", LIBRARY, ids=[str(p.relative_to(PACKAGE)) for p in LIBRARY])
def test_library_modules_do_not_import_the_cli(path: Path) -> None:
    assert not {n for n in imported(path) if n.startswith(("layout_tool.cli", "click"))}


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_modules_stay_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES
