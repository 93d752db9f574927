"""The compare (or rehearsal) report as a workbook: 概要, then one sheet per table
(件数, 項目別, 差異, 金額 — or ファイル, コード別, ファイル×コード for a rehearsal).

The validation workbook's cell helpers are reused: data never becomes a formula and
characters XML cannot hold are shown as code points.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from layout_tool import __version__
from layout_tool.compare.model import CompareReport
from layout_tool.compare.rehearsal import RehearsalReport
from layout_tool.compare.tables import Shown, Table, shown
from layout_tool.i18n import t
from layout_tool.report.xlsx import (
    FAIL_FILL,
    HEADER_FILL,
    HEADER_FONT,
    PASS_FILL,
    TITLE_FONT,
    cell,
    untyped_sheet,
)

WIDTH = 18.0


def render_xlsx(report: CompareReport | RehearsalReport) -> bytes:
    s = shown(report)
    wb = Workbook(write_only=True)
    _summary(wb.create_sheet(t("sheet.summary")), s)
    for table in s.tables:
        _table(wb.create_sheet(table.sheet), table)
    wb.properties.creator = f"layout-tool {__version__}"
    wb.properties.title = s.title
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _summary(ws: WriteOnlyWorksheet, s: Shown) -> None:
    ws.append([cell(ws, s.title, font=TITLE_FONT)])
    ws.append([cell(ws, s.verdict, font=TITLE_FONT, fill=PASS_FILL if s.same else FAIL_FILL)])
    for line in s.lines:
        ws.append([cell(ws, line)])
    ws.append([])
    for _, label, value in s.figures:
        ws.append([cell(ws, label, font=HEADER_FONT), value])
    if s.notes:
        ws.append([])
        ws.append([cell(ws, t("sec.notes"), font=HEADER_FONT)])
        for note in s.notes:
            ws.append([cell(ws, note)])


def _table(ws: WriteOnlyWorksheet, t: Table) -> None:
    dims = untyped_sheet(ws).column_dimensions
    for i in range(len(t.headers)):
        dims[chr(ord("A") + i) if i < 26 else "Z"].width = WIDTH
    ws.append([cell(ws, h, font=HEADER_FONT, fill=HEADER_FILL) for h in t.headers])
    for row in t.rows:
        ws.append([v if isinstance(v, int) else cell(ws, v) for v in row])
