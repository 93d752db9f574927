"""What every report says before its findings, and how it names positions.

The head: when it was made, which inputs were checked, the spec (family, version, provenance),
the profile (if any) and the tool's version. Positions: the file's name (its path when two
inputs share a name), the data row, the physical line and, for a CSV file, the Excel row.
"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePath

from layout_tool import __version__
from layout_tool.findings import Finding
from layout_tool.i18n import counted, t
from layout_tool.i18n.catalogue import TEMPLATES
from layout_tool.report.report import FileResult, Report

CSV_SUFFIXES = (".csv", ".tsv", ".txt")


def head_lines(report: Report) -> list[tuple[str, str]]:
    """(label, value) pairs of the report's head, in the current language."""
    inputs = ", ".join(report.inputs) or "-"
    spec = t(
        "head.spec-value",
        standard=report.standard,
        version=report.spec_version,
        area=report.area,
        provenance=provenance(report.provenance),
    )
    if report.profile:
        profile = f"{report.profile.get('path', '')} (SHA-256 {report.profile.get('sha256', '')})"
    else:
        profile = t("head.none")
    return [
        (t("head.made"), report.made),
        (
            t("head.inputs"),
            t("head.inputs-value", inputs=inputs, files=counted(len(report.files), "file")),
        ),
        (t("head.spec"), spec),
        (t("head.profile"), profile),
        (t("head.tool"), f"layout-tool {__version__}"),
    ]


def encoding(f: FileResult) -> str:
    """``utf-8（内容から推定）`` / ``utf-8 (sample)``: the encoding and how it was found."""
    how = f.detected_by or "-"
    shown = t(f"detect.{how}") if f"detect.{how}" in TEMPLATES else how
    return t("where.extra", where=f.encoding or "-", extra=shown)


def provenance(value: str | None) -> str:
    if value in ("modelled", "imported", "official"):
        return t(f"provenance.{value}")
    return value or "-"


class Positions:
    """Names files and rows the way people find them again."""

    def __init__(self, report: Report) -> None:
        names = Counter(PurePath(f.path).name for f in report.files)
        self.ambiguous = {n for n, k in names.items() if k > 1}
        self.has_header = report.has_header

    def file(self, f: Finding) -> str:
        if f.file is None:
            return f.file_id or "-"
        name = PurePath(f.file).name
        return f.file if name in self.ambiguous else name

    def excel_row(self, f: Finding) -> int | None:
        """The row a spreadsheet shows for a CSV record (header row 1)."""
        if f.row is None or f.file is None or not f.file.lower().endswith(CSV_SUFFIXES):
            return None
        return f.row + 1 if self.has_header else f.row

    def where(self, f: Finding) -> str:
        """``KAIGO_HIHOKENSHA.csv 19行目（Excel 20行）`` — file, data row, line, Excel row."""
        parts = [self.file(f)]
        if f.row is not None:
            parts.append(t("where.row", row=f.row))
        extra = []
        if f.line is not None:
            extra.append(t("where.line", line=f.line))
        excel = self.excel_row(f)
        if excel is not None:
            extra.append(t("where.excel", excel=excel))
        text = " ".join(parts)
        return t("where.extra", where=text, extra=t("where.sep").join(extra)) if extra else text


def legend() -> list[str]:
    return [t("legend.row"), t("legend.line"), t("legend.excel")]
