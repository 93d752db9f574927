"""The safety rules one by one (docs/security.md): cells, masking, inert text, limits,
paths, YAML bounds, workbooks, 外字 tables."""

from __future__ import annotations

import json
import time
import zipfile
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from layout_tool.errors import LayoutToolError
from layout_tool.gaiji.maptable import count_hits, parse_map
from layout_tool.safety.cells import raw_record, safe_cell, safe_column
from layout_tool.safety.limits import limit
from layout_tool.safety.masking import mask, mask_findings_frame, mask_message
from layout_tool.safety.paths import check_no_overlap, plain_name_problem
from layout_tool.safety.text import clip, inert, inert_lines
from layout_tool.safety.workbook import check_workbook
from layout_tool.yamlsource import parse_yaml


@pytest.mark.parametrize(
    "value", ["=1+1", "+SUM(1)", "-2+3", "@SUM(1)", "\tx", "\rx", "＝１", "=cmd|' /C calc'!A0"]
)
def test_formula_starts_are_neutralised(value: str) -> None:
    assert safe_cell(value) == "'" + value
    frame = pl.DataFrame({"a": [value, "ok", None]})
    assert frame.select(safe_column(pl.col("a"))).to_series().to_list() == ["'" + value, "ok", None]


@pytest.mark.parametrize("value", ["山田", "123", "a=b", "", "'=x"])
def test_ordinary_cells_are_kept(value: str) -> None:
    assert safe_cell(value) == value


@given(st.lists(st.one_of(st.none(), st.text()), max_size=6))
def test_raw_records_round_trip_and_never_start_a_formula(fields: list[str | None]) -> None:
    raw = raw_record(fields)
    assert json.loads(raw) == fields
    assert safe_cell(raw) == raw


def test_messages_take_the_masked_value() -> None:
    said = "standard value of 個人番号 '9999485546717' is longer than the field (12)"
    assert mask_message(said, ["9999485546717"]) == (
        "standard value of 個人番号 '9999*********' is longer than the field (12)"
    )
    assert "9999485546717" not in mask_message("value 9999485546717 unquoted")
    assert "４８５５" not in mask_message("全角 ９９９９４８５５４６７１")
    assert mask("123") == "***"


def test_the_findings_frame_is_masked_for_sensitive_items_only() -> None:
    long = pl.DataFrame(
        {
            "__row": [1, 2],
            "item": ["個人番号", "氏名"],
            "message": ["'9999485546717' is wrong", "'山田太郎' is wrong"],
            "value": ["9999485546717", "山田太郎"],
        }
    )
    out = mask_findings_frame(long, {"個人番号"})
    assert out["message"].to_list() == ["'9999*********' is wrong", "'山田太郎' is wrong"]
    assert out["value"].to_list() == ["9999*********", "山田太郎"]


def test_text_is_inert() -> None:
    assert inert("a\x1b]0;x\x07b") == "a\\x1b]0;x\\x07b"
    assert inert("\u202etxt") == "\\u202etxt"
    assert inert_lines("a\nb\x1b") == "a\nb\\x1b"
    assert clip("あ" * 300).startswith("あ" * 200) and "+100 characters" in clip("あ" * 300)


def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert limit("MAX_REPORT_VALUE") == 200
    monkeypatch.setenv("LAYOUT_TOOL_MAX_REPORT_VALUE", "50")
    assert limit("MAX_REPORT_VALUE") == 50
    monkeypatch.setenv("LAYOUT_TOOL_MAX_REPORT_VALUE", "many")
    with pytest.raises(LayoutToolError, match="not a whole number"):
        limit("MAX_REPORT_VALUE")


@pytest.mark.parametrize("name", ["../x.csv", "/tmp/x", "a/b", "a\\b", "..", "", "x\x00", "c:x"])
def test_output_names_are_plain(name: str) -> None:
    assert plain_name_problem(name) is not None


def test_outputs_never_overlap_inputs(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    data = tmp_path / "in" / "A.csv"
    data.write_text("x\n", encoding="utf-8")
    with pytest.raises(LayoutToolError):
        check_no_overlap([tmp_path / "in"], tmp_path / "in", folder=True)
    with pytest.raises(LayoutToolError):
        check_no_overlap([data], tmp_path / "in", folder=True)
    with pytest.raises(LayoutToolError):
        check_no_overlap([data], data, folder=False)
    with pytest.raises(LayoutToolError):
        check_no_overlap([tmp_path / "in"], tmp_path / "in" / "report.txt", folder=False)
    (tmp_path / "link").symlink_to(tmp_path / "in")
    with pytest.raises(LayoutToolError):
        check_no_overlap([tmp_path / "in"], tmp_path / "link", folder=True)
    check_no_overlap([tmp_path / "in"], tmp_path / "out", folder=True)


def test_yaml_alias_bombs_are_refused_quickly(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    started = time.monotonic()
    with pytest.raises(LayoutToolError, match="aliases expand"):
        parse_yaml(tmp_path / "b.yaml", "\n".join(lines) + "\n")
    assert time.monotonic() - started < 2
    parse_yaml(tmp_path / "ok.yaml", "a: &x [1, 2]\nb: *x\n")  # small aliases are fine


def test_deep_yaml_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LayoutToolError, match="deeper"):
        parse_yaml(tmp_path / "d.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n")


def test_workbooks_with_a_dtd_are_refused(tmp_path: Path) -> None:
    book = tmp_path / "x.xlsx"
    with zipfile.ZipFile(book, "w") as z:
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>')
    with pytest.raises(LayoutToolError, match="DTD"):
        check_workbook(book)


def test_gaiji_tables_refuse_plain_sources_and_need_no_regex() -> None:
    with pytest.raises(LayoutToolError, match="plain ASCII"):
        parse_map("source,target\n9,8\n")
    table = parse_map("source,target\n#G1,葛\nU+E000,U+845B\n")
    got = pl.DataFrame({"v": ["#G1\ue000#G1", None, "x"]}).select(count_hits(pl.col("v"), table))
    assert got.to_series().to_list() == [3, 0, 0]


def test_table_cells_cannot_break_lines_or_emit_escapes() -> None:
    from layout_tool.spec.render import table

    lines = table(["file", "rows"], [["evil\nname\x1b[31m.csv", "1"], ["\u202eok", "2"]])
    assert len(lines) == 4
    assert not any("\x1b" in ln or "\u202e" in ln for ln in lines)


def test_environment_errors_are_named() -> None:
    import errno

    from layout_tool.safety.environment import environment_error

    assert environment_error(OSError(errno.ENOSPC, "x", "/o/f")) == (
        "/o/f: no space left on the device (ENOSPC)"
    )
    assert environment_error(OSError(errno.EACCES, "x")) == "permission denied (EACCES)"
    assert environment_error(RuntimeError("io error: No space left on device (os error 28)"))
    assert environment_error(RecursionError()) is not None
    assert environment_error(ValueError("a bug")) is None
    assert environment_error(OSError(errno.ENOSPC, "x", "a\x1b[31m")) == (
        "a\\x1b[31m: no space left on the device (ENOSPC)"
    )
