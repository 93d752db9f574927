"""The validation report as an Excel workbook: what municipal staff forward by mail.

Three sheets: 概要 (summary: verdict, figures, rows per file, counts by code and item),
指摘 (one finding per row, with a filter), 外字 (the inventory). Written with openpyxl in
write-only mode, so a report of many findings stays in bounded memory. Data never becomes
a formula (a value starting with ``=`` stays text) and characters that XML cannot hold are
shown as code points instead of failing the whole report.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from layout_tool import __version__
from layout_tool.i18n import code_action, code_title, t, text
from layout_tool.report.head import Positions, encoding, head_lines, legend
from layout_tool.report.report import Report

MAX_CELL = 32_767  # Excel's limit on the characters of one cell
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE1E6")
TITLE_FONT = Font(bold=True, size=14)
PASS_FILL = PatternFill("solid", fgColor="C6EFCE")
FAIL_FILL = PatternFill("solid", fgColor="FFC7CE")
WRAP = Alignment(wrap_text=True, vertical="top")

Value = str | int | float | None

FINDING_COLUMNS: list[tuple[str, float]] = [
    ("col.severity", 10),
    ("col.code", 14),
    ("col.file", 36),
    ("col.file-id", 14),
    ("col.row", 9),
    ("col.item", 22),
    ("col.column", 9),
    ("col.value", 30),
    ("col.message", 60),
    ("col.offset", 12),
    ("col.line", 10),
    ("col.xpath", 30),
    ("col.file-name", 28),
    ("col.excel-row", 10),
]
"""The 指摘 sheet's columns: heading (a text id, said in the language of the run), width."""
GAIJI_COLUMNS: list[tuple[str, float]] = [
    ("col.code-point", 16),
    ("col.char", 8),
    ("col.occurrences", 12),
    ("col.items", 30),
    ("col.files-list", 40),
    ("col.first-rows", 50),
]


def clean(value: Value) -> Value:
    """A value Excel can hold: no XML-illegal characters, at most ``MAX_CELL`` characters."""
    if not isinstance(value, str):
        return value
    value = _ILLEGAL.sub(lambda m: f"[U+{ord(m.group()):04X}]", value)
    return value if len(value) <= MAX_CELL else value[: MAX_CELL - 1] + "…"


def cell(
    ws: WriteOnlyWorksheet,
    value: Value,
    *,
    font: Font | None = None,
    fill: PatternFill | None = None,
    wrap: bool = False,
) -> Cell:
    out = WriteOnlyCell(ws, value=clean(value))
    if isinstance(value, str) and out.data_type == "f":
        out.data_type = "s"  # data that starts with "=" is text, never a formula
    if font is not None:
        out.font = font
    if fill is not None:
        out.fill = fill
    if wrap:
        out.alignment = WRAP
    return out


def _append(ws: WriteOnlyWorksheet, values: Sequence[Value]) -> None:
    """One row of data: every string goes through ``cell`` (text, never a formula)."""
    ws.append([cell(ws, v) for v in values])


def _header(ws: WriteOnlyWorksheet, labels: Sequence[str]) -> None:
    ws.append([cell(ws, label, font=HEADER_FONT, fill=HEADER_FILL) for label in labels])


def untyped_sheet(ws: WriteOnlyWorksheet) -> Any:
    """The sheet untyped: openpyxl's stubs lack the write-only sheet's column_dimensions
    and auto_filter, which exist at run time and are written with the sheet (public: the
    compare workbook uses it too)."""
    return ws


def _widths(ws: WriteOnlyWorksheet, widths: Sequence[float]) -> None:
    for i, width in enumerate(widths, start=1):
        untyped_sheet(ws).column_dimensions[get_column_letter(i)].width = width


def render_xlsx(report: Report) -> bytes:
    """The workbook as bytes (write them with ``-o``: it is binary)."""
    wb = Workbook(write_only=True)
    _summary(wb.create_sheet(t("sheet.summary")), report)
    _findings(wb.create_sheet(t("sheet.findings")), report)
    _gaiji(wb.create_sheet(t("sheet.gaiji")), report)
    wb.properties.creator = f"layout-tool {__version__}"
    wb.properties.title = f"{t('xlsx.title')} {report.area}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _summary(ws: WriteOnlyWorksheet, report: Report) -> None:
    _widths(ws, [34, 22, 14, 22, 40])
    verdict = t("verdict.pass" if report.valid else "verdict.fail")
    ws.append([cell(ws, t("xlsx.title"), font=TITLE_FONT)])
    ws.append(
        [
            cell(ws, t("xlsx.result"), font=HEADER_FONT),
            cell(ws, verdict, font=HEADER_FONT, fill=PASS_FILL if report.valid else FAIL_FILL),
            *([cell(ws, report.coverage())] if report.coverage() else []),
        ]
    )
    figures: list[tuple[str, Value]] = [
        *head_lines(report),
        (t("fig.area"), report.area),
        (t("fig.errors"), report.errors),
        (t("fig.warnings"), report.warnings),
        (t("fig.files"), len(report.files)),
        (t("fig.rows"), report.rows),
        (t("fig.gaiji"), len(report.gaiji.entries())),
        (t("fig.gaiji-total"), report.gaiji.total),
        (t("fig.listed"), len(report.findings)),
        (t("fig.all"), sum(report.by_code.values())),
        (
            t("fig.values"),
            t("xlsx.unmasked") if report.filter.show_values else t("xlsx.masked"),
        ),
    ]
    if report.profile:
        figures.append((t("head.profile"), report.profile["path"]))
        figures.append((f"{t('head.profile')} SHA-256", report.profile["sha256"]))
    for label, value in figures:
        ws.append([cell(ws, label, font=HEADER_FONT), cell(ws, value)])
    ws.append([])
    ws.append([cell(ws, t("h.files"), font=TITLE_FONT)])
    _header(ws, [t("col.file"), t("col.file-id"), t("col.rows"), t("col.encoding"), "SHA-256"])
    for f in report.files:
        _append(ws, [f.path, f.file_id, f.rows, encoding(f), f.sha256])
    ws.append([])
    ws.append([cell(ws, t("h.by-code"), font=TITLE_FONT)])
    _header(ws, [t("col.code"), t("col.meaning"), t("col.count"), t("col.action")])
    for code, n in report.codes_by_count():
        _append(ws, [code, code_title(code), n, code_action(code)])
    ws.append([])
    ws.append([cell(ws, t("h.by-item"), font=TITLE_FONT)])
    _header(
        ws,
        [t("col.item"), t("col.code"), t("col.count"), t("col.first-rows"), t("col.first-values")],
    )
    for (item, code), n in report.items_by_count():
        examples = report.examples.get((item, code), [])
        rows = ", ".join(str(e.row) for e in examples if e.row is not None)
        values = " / ".join(e.value for e in examples if e.value is not None)
        _append(ws, [item, code, n, rows, values])
    if report.notes:
        ws.append([])
        ws.append([cell(ws, t("h.notes"), font=TITLE_FONT)])
        for note in report.notes:
            _append(ws, [text(note)])
    ws.append([])
    ws.append([cell(ws, t("sec.legend"), font=TITLE_FONT)])
    for line in legend():
        _append(ws, [line])


def _findings(ws: WriteOnlyWorksheet, report: Report) -> None:
    _widths(ws, [w for _, w in FINDING_COLUMNS])
    ws.freeze_panes = "A2"
    findings = report.sorted_findings()
    last = get_column_letter(len(FINDING_COLUMNS))
    untyped_sheet(ws).auto_filter.ref = f"A1:{last}{len(findings) + 1}"
    _header(ws, [t(label) for label, _ in FINDING_COLUMNS])
    where = Positions(report)
    for f in findings:
        _append(
            ws,
            [
                t("severity." + f.severity),
                f.code,
                f.file,
                f.file_id,
                f.row,
                f.item,
                f.column,
                f.value,
                f.text(),
                f.offset,
                f.line,
                f.xpath,
                where.file(f),
                where.excel_row(f),
            ],
        )


def _gaiji(ws: WriteOnlyWorksheet, report: Report) -> None:
    _widths(ws, [w for _, w in GAIJI_COLUMNS])
    ws.freeze_panes = "A2"
    entries = report.gaiji.entries()
    last = get_column_letter(len(GAIJI_COLUMNS))
    untyped_sheet(ws).auto_filter.ref = f"A1:{last}{len(entries) + 1}"
    _header(ws, [t(label) for label, _ in GAIJI_COLUMNS])
    for e in entries:
        _append(
            ws,
            [
                e.codepoints,
                e.token,
                e.count,
                ", ".join(e.items),
                ", ".join(e.files),
                ", ".join(f"{r.file}:{r.row}（{r.item}）" for r in e.first_rows),
            ],
        )
