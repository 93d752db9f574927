"""The findings core: codes declared once, one findings-frame schema, one report core (exact
counts, capping, masking, stable order) and one rejects writer for every convert mode."""

from __future__ import annotations

import ast
import csv
import io
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from layout_tool.conversion import findings as conversion_findings
from layout_tool.findings import CODES, DEFAULT_MAX_FINDINGS, Finding
from layout_tool.findings.frame import (
    ROW,
    SCHEMA,
    combine,
    counts,
    empty,
    findings,
    from_findings,
)
from layout_tool.i18n.catalogue import TEMPLATES
from layout_tool.i18n.codes import CODE_INFO
from layout_tool.io.rejects import RejectsWriter
from layout_tool.report.core import Tally, severity

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "layout_tool"


# -- codes ---------------------------------------------------------------------------------
def test_every_code_is_declared_once_with_its_texts_template_and_anchor() -> None:
    assert list(CODES) == list(CODE_INFO)  # the same codes, in the same order
    docs = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    for code, declared in CODES.items():
        assert declared.code == code
        assert declared.severity in ("error", "warning")
        assert declared.template is None or declared.template in TEMPLATES, code
        assert declared.template is None or declared.template.split(".")[0] == code
        path, anchor = declared.anchor.split("#")
        assert path == "docs/checks.md" and f'<a id="{anchor}"></a>' in docs
        assert declared.title("ja") == CODE_INFO[code].title_ja
        assert declared.title("en") == CODE_INFO[code].title_en


def test_an_undeclared_code_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown finding code"):
        Finding("no-such-code", "error", "x")


def test_the_core_sits_at_the_bottom() -> None:
    """layout_tool.findings imports only the standard library, polars, errors and i18n."""
    allowed = ("layout_tool.findings", "layout_tool.i18n", "layout_tool.errors")
    for path in (PACKAGE / "findings").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("layout_tool"):
                assert (node.module or "").startswith(allowed), (path.name, node.module)


def test_no_private_name_is_imported_across_packages() -> None:
    for path in PACKAGE.rglob("*.py"):
        here = path.relative_to(PACKAGE).parts[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not node.module:
                continue
            parts = node.module.split(".")
            if parts[0] != "layout_tool" or len(parts) < 2 or parts[1] == here:
                continue
            private = [a.name for a in node.names if a.name.startswith("_")]
            assert not private, f"{path.relative_to(PACKAGE)} imports {private} from {node.module}"


# -- the findings frame --------------------------------------------------------------------
def test_every_way_of_making_a_findings_frame_has_the_one_schema() -> None:
    frame = pl.DataFrame({ROW: [1, 2], "v": ["a", None]})
    made = frame.select(findings(item="氏名", code="required", value=pl.col("v")))
    assert made.schema == SCHEMA and made["severity"].to_list() == ["error", "error"]
    piece = conversion_findings.piece(
        frame.lazy(), pl.col("v").is_null(), item="氏名", code="type", severity="warning",
        message="m", value=pl.col("v"), order=3,
    ).collect()  # fmt: skip
    assert piece.schema == SCHEMA and piece[ROW].to_list() == [2]
    listed = from_findings([Finding("row-shape", "error", "broken", row=4)])
    assert listed.schema == SCHEMA and listed["order"].to_list() == [-1]
    assert empty().schema == SCHEMA and combine([]).schema == SCHEMA
    assert combine([piece, listed])[ROW].to_list() == [2, 4]
    assert sorted(counts(combine([made, listed])).rows(), key=str) == [
        ("required", "氏名", "error", 2),
        ("row-shape", None, "error", 1),
    ]


def test_declared_default_severity_is_used_when_none_is_given() -> None:
    frame = pl.DataFrame({ROW: [1]})
    made = frame.select(findings(item=None, code="file-missing"))
    assert made["severity"].to_list() == ["warning"]


# -- the report core -----------------------------------------------------------------------
FINDINGS = st.lists(
    st.tuples(
        st.sampled_from(["required", "type", "gaiji"]), st.sampled_from(["error", "warning"])
    ),
    max_size=40,
)


@given(found=FINDINGS, cap=st.one_of(st.none(), st.integers(0, 50)))
def test_counts_are_exact_whatever_the_cap(found: list[tuple[str, str]], cap: int | None) -> None:
    tally = Tally(max_findings=cap)
    for n, (code, sev) in enumerate(found):
        tally.add(Finding(code, severity(sev), "m", row=n + 1))
    assert tally.by_code == Counter(code for code, _ in found)
    assert tally.errors + tally.warnings == tally.total == len(found)
    shown = len(found) if cap is None else min(cap, len(found))
    assert [f.row for f in tally.findings] == list(range(1, shown + 1))
    assert tally.truncated == (shown < len(found))


@given(found=FINDINGS, cap=st.integers(0, 50))
def test_a_frame_counts_as_its_findings_one_by_one(found: list[tuple[str, str]], cap: int) -> None:
    frame = pl.DataFrame(
        [(n + 1, "氏名", code, sev, "m", None, 0) for n, (code, sev) in enumerate(found)],
        schema=SCHEMA,
        orient="row",
    )
    one_by_one, at_once = Tally(max_findings=cap), Tally(max_findings=cap)
    for n, (code, sev) in enumerate(found):
        one_by_one.add(
            Finding(code, severity(sev), "m", file="f", file_id="k", row=n + 1, item="氏名")
        )
    at_once.add_frame(frame, file="f", file_id="k")
    assert at_once.by_code == one_by_one.by_code
    assert at_once.by_severity == one_by_one.by_severity
    assert at_once.findings == one_by_one.findings


def test_sensitive_values_are_masked_unless_asked() -> None:
    finding = Finding(
        "type", "error", "'999912345678' is wrong", item="個人番号", value="999912345678"
    )
    masked, shown = Tally(), Tally(show_values=True)
    masked.add(finding, sensitive=True)
    shown.add(finding, sensitive=True)
    assert (
        masked.findings[0].value == "9999********" and "12345678" not in masked.findings[0].text()
    )
    assert masked.masked == Counter({"個人番号": 1})
    assert shown.findings[0] == finding


def test_order_is_the_same_every_run() -> None:
    tally = Tally()
    for code, row in [("type", 3), ("required", 1), ("type", 2), ("code", 1)]:
        tally.add(Finding(code, "error", "m", file="a.csv", row=row))
    assert tally.codes_by_count() == [("type", 2), ("code", 1), ("required", 1)]
    assert [(f.row, f.code) for f in tally.sorted_findings()] == [
        (1, "code"), (1, "required"), (2, "type"), (3, "type"),
    ]  # fmt: skip
    assert Tally().max_findings == DEFAULT_MAX_FINDINGS


# -- the rejects writer --------------------------------------------------------------------
def test_no_rejects_file_when_nothing_is_rejected(tmp_path: Path) -> None:
    with ExitStack() as stack:
        writer = RejectsWriter(tmp_path / "X.rejects.csv", ["氏名"], stack)
        writer.write(pl.DataFrame(schema={ROW: pl.Int64, "codes": pl.String}))
    assert writer.written is None and not list(tmp_path.iterdir())


def test_rejects_file_format(tmp_path: Path) -> None:
    path = tmp_path / "X.rejects.csv"
    long = from_findings(
        [
            Finding("row-shape", "error", "broken", row=2),
            Finding("type", "error", "=bad", row=2, item="氏名"),
            Finding("type", "error", "bad too", row=2, item="住所"),
        ]
    )
    with ExitStack() as stack:
        writer = RejectsWriter(path, ["氏名", "row"], stack)
        writer.write_found(pl.DataFrame({ROW: [2], "氏名": ["=1+1"], "row": ["x"]}), long)
        assert not path.exists()  # renamed into place with the run's other outputs
    assert writer.written == str(path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    [record] = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(record) == ["row", "codes", "findings", "氏名", "row (input)", "raw"]
    assert record["row"] == "2" and record["codes"] == "row-shape;type"
    assert record["findings"] == "'-: row-shape: broken | 氏名: type: =bad | 住所: type: bad too"
    assert record["氏名"] == "'=1+1" and record["raw"] == '["=1+1", "x"]'
