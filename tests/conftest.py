"""Shared test helpers: a small made-up area for the report tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from layout_tool.report.report import Filter, Report
from layout_tool.spec.catalogue import load_area
from layout_tool.validate import Options, validate_paths

# Hypothesis profiles: "ci" replays the same examples on every run (no flaky CI, no example
# database); "dev" (the default) explores. HYPOTHESIS_PROFILE selects one (make test sets
# "ci" under CI; .ci/run sets it too).
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev")
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)

PEOPLE_HEAD = """\
standard: chukan
version: "2.7"
provenance: modelled
area: {id: demo, name: デモ, number: 901}
files:
  - id: people
    name: 住民
    filename: PEOPLE
"""
"""The demo area with its one file, 住民 (PEOPLE), up to its keys and items."""
PEOPLE_SPEC = (
    PEOPLE_HEAD
    + """\
    items:
      - {no: 1, name: 番号, type: digits, length: 5, required: true}
      - {no: 2, name: 氏名, type: zenkaku, length: 30, gaiji: true}
      - {no: 3, name: 個人番号, type: digits, length: 12, sensitive: true}
      - {no: 4, name: 住所, type: text, length: 40}
"""
)
PEOPLE_HEADER = "番号,氏名,個人番号,住所"


def validate_people(tmp_path: Path, name: str, rows: list[str], **filter_args: object) -> Report:
    """Validate ``rows`` (CSV lines) as file ``name`` of the 住民 demo area (spec.yaml)."""
    (tmp_path / "spec.yaml").write_text(PEOPLE_SPEC, encoding="utf-8")
    path = tmp_path / name
    path.write_text(PEOPLE_HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    spec = load_area(str(tmp_path / "spec.yaml"))
    options = Options(filter=Filter(**filter_args))  # type: ignore[arg-type]
    return validate_paths(spec, [path], options)


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """For tests that assert English text: messages and headings in English (--lang en)."""
    from layout_tool.i18n import use_lang

    monkeypatch.setenv("LAYOUT_TOOL_LANG", "en")
    with use_lang("en"):
        yield


@pytest.fixture(autouse=True)
def _japanese_first() -> Iterator[None]:
    """Every test starts in Japanese: a CLI run with --lang en sets the language of the
    process (as the CLI does once per run), which must not leak into the next test."""
    from layout_tool.i18n import use_lang

    with use_lang("ja"):
        yield
