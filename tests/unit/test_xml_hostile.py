"""Hostile XML: each case is decided quickly, with its expected finding and exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from layout_tool.cli.main import cli

pytestmark = pytest.mark.usefixtures("english")  # they assert English text

CORPUS = Path(__file__).resolve().parents[1] / "cases" / "hostile_xml"
EXPECTED: dict[str, dict[str, object]] = json.loads(
    (CORPUS / "expected.json").read_text(encoding="utf-8")
)


def test_the_corpus_is_complete() -> None:
    assert {p.stem for p in CORPUS.glob("*.xml")} == set(EXPECTED)
    assert {"billion_laughs", "external_entity_file", "external_entity_http", "deep_nesting",
            "truncated", "not_xml", "wrong_namespace", "wrong_root"} <= set(EXPECTED)  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_case(name: str) -> None:
    expected = EXPECTED[name]
    start = time.perf_counter()
    result = CliRunner().invoke(
        cli, ["validate", "--spec", "kaigo", str(CORPUS / f"{name}.xml"), "--format", "json"]
    )
    elapsed = time.perf_counter() - start
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == expected["exit"], result.output
    report = json.loads(result.output)
    codes = sorted({f["code"] for f in report["findings"]})
    assert codes == expected["codes"]
    if expected["message"]:
        assert str(expected["message"]) in report["findings"][0]["message"]
    assert elapsed < 2.0


@pytest.mark.parametrize("name", ["billion_laughs", "deep_nesting", "not_xml", "wrong_root"])
def test_real_exit_code_and_no_traceback(name: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "layout_tool", "validate", "--spec", "kaigo",
         str(CORPUS / f"{name}.xml")],
        capture_output=True, text=True, env={**os.environ, "CI": "1"}, timeout=30,
    )  # fmt: skip
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "Result: FAIL" in proc.stdout


def test_the_generator_script_writes_the_same_cases(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "scripts/make_hostile_xml.py", str(tmp_path)],
        capture_output=True, text=True, timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert json.loads((tmp_path / "expected.json").read_text(encoding="utf-8")) == EXPECTED
