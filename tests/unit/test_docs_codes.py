"""docs/checks.md holds the finding codes' 意味 and 対応方法 exactly as the catalogue has them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_codes_table_in_checks_md_is_the_catalogues() -> None:
    spec = importlib.util.spec_from_file_location("docs_codes", ROOT / "scripts/make_docs_codes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert module.updated(text) == text, "rerun scripts/make_docs_codes.py"
