"""``layout-tool spec list|show``: JSON equals the library's ``to_dict()``, text names it all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from layout_tool.cli.main import cli, main
from layout_tool.errors import EXIT_USAGE
from layout_tool.spec.catalogue import catalogue, load_area
from layout_tool.spec.model import AreaSpec

# The wording these tests pin is the English one (--lang en); Japanese: test_lang_errors.py
pytestmark = pytest.mark.usefixtures("english")

DETAILED = [e.spec for e in catalogue() if e.spec is not None]
LIST_KEYS = {"id", "name", "number", "version", "provenance", "files", "items"}
SHOW_KEYS = {"standard", "version", "provenance", "area", "files", "codes", "references"}
ITEM_KEYS = {"no", "name", "type", "length", "required", "gaiji", "code", "check", "sensitive"}
ROOT = Path(__file__).resolve().parents[2]


def invoke(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_list_json_equals_library() -> None:
    data = json.loads(invoke("spec", "list", "--format", "json").stdout)
    assert data == [e.to_dict() for e in catalogue()]


def test_list_json_contract_keys_and_counts() -> None:
    data = json.loads(invoke("spec", "list", "--format", "json").stdout)
    assert len(data) == len(catalogue()) > 6
    for row in data:
        assert set(row) >= LIST_KEYS, row
    detailed = {row["id"]: row for row in data if row["files"] > 0}
    assert set(detailed) == {s.id for s in DETAILED}
    assert len(detailed) == 6
    for row in detailed.values():
        assert row["items"] > 0
        assert (row["version"], row["provenance"]) == ("2.7", "modelled")
    for row in data:
        if row["id"] not in detailed:
            assert (row["files"], row["items"]) == (0, 0)


def test_list_text_names_every_area() -> None:
    out = invoke("spec", "list").stdout
    for entry in catalogue():
        assert entry.id in out
        assert entry.name in out
    assert f"{len(catalogue())} areas, 6 with detailed specs" in out


@pytest.mark.parametrize("spec", DETAILED, ids=lambda s: s.id)
def test_show_json_equals_library(spec: AreaSpec) -> None:
    data = json.loads(invoke("spec", "show", spec.id, "--format", "json").stdout)
    assert data == spec.to_dict()
    assert data == load_area(spec.id).to_dict()


@pytest.mark.parametrize("spec", DETAILED, ids=lambda s: s.id)
def test_show_json_contract_keys(spec: AreaSpec) -> None:
    data = json.loads(invoke("spec", "show", spec.id, "--format", "json").stdout)
    assert set(data) >= SHOW_KEYS
    assert data["standard"] == "chukan"
    assert data["area"] == {"id": spec.id, "name": spec.name, "number": spec.number}
    assert data["files"]
    for f in data["files"]:
        assert {"id", "name", "key", "items"} <= set(f)
        for item in f["items"]:
            assert set(item) >= ITEM_KEYS, item
    named = {i["code"] for f in data["files"] for i in f["items"] if i["code"]}
    assert named <= set(data["codes"])
    for table in data["codes"].values():
        assert {"name", "values"} <= set(table)
    for ref in data["references"]:
        assert set(ref) == {"from", "to"}
        assert set(ref["from"]) == set(ref["to"]) == {"file", "items"}


@pytest.mark.parametrize("spec", DETAILED, ids=lambda s: s.id)
def test_show_text_names_every_item(spec: AreaSpec) -> None:
    out = invoke("spec", "show", spec.id).stdout
    lines = out.splitlines()
    for f in spec.files:
        assert f"[{f.id}] {f.name}" in out
        for item in f.items:
            assert any(line.split()[:2] == [str(item.no), item.name] for line in lines), item
    for table_id in spec.used_codes():
        assert f"  {table_id} [" in out


@pytest.mark.parametrize("key", ["1", "住民基本台帳", "specs/v2.7/jumin.yaml"])
def test_show_accepts_number_name_and_path(key: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    data = json.loads(invoke("spec", "show", key, "--format", "json").stdout)
    assert data == load_area("jumin").to_dict()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["spec", "show", "nosuch"], "error: unknown area 'nosuch'"),
        (["spec", "show", "inkan"], "has no detailed spec yet"),
        (["spec", "show", "/nonexistent/x.yaml"], "/nonexistent/x.yaml: file not found"),
    ],
)
def test_show_errors_are_one_line_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1
    assert message in err


def test_bad_format_option_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["spec", "list", "--format", "xml"])
    assert exited.value.code == EXIT_USAGE
    assert "Traceback" not in capsys.readouterr().err


def test_main_ok_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["spec", "list", "--format", "json"])
    assert exited.value.code == 0
    assert json.loads(capsys.readouterr().out) == [e.to_dict() for e in catalogue()]


def test_broken_spec_in_a_real_process_has_no_traceback() -> None:
    """The whole program, as a user runs it: exit 2 and one stderr line."""
    broken = ROOT / "tests" / "spec_errors" / "duplicate_item_name.yaml"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run(
        [sys.executable, "-m", "layout_tool", "spec", "show", str(broken)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
        timeout=60,
    )
    assert done.returncode == EXIT_USAGE
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert "duplicate_item_name.yaml:12: duplicate item name '宛名番号'" in done.stderr
    assert "Traceback" not in done.stderr
