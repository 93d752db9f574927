"""The conversion report: where every row of every input went, and why rows were rejected.

``rows_in = rows_out + rows_rejected`` per file is the guarantee (CONTRACT.md); counts by
finding code are exact, the listed findings are capped like the validation report's, and
values of sensitive items are masked unless asked otherwise. No timings or dates: the same
input gives the same report, byte for byte.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import polars as pl

from layout_tool import __version__
from layout_tool.findings import DEFAULT_MAX_FINDINGS, FIRST_FINDINGS
from layout_tool.gaiji.maptable import MapTable
from layout_tool.i18n import code_title, counted, t
from layout_tool.mapping.model import Mapping
from layout_tool.report.core import Tallied, Tally
from layout_tool.report.tables import file_name, notes_lines, one_line
from layout_tool.safety.text import inert_lines
from layout_tool.spec.render import table

__all__ = [
    "DEFAULT_MAX_FINDINGS",
    "FIRST_FINDINGS",
    "ConversionReport",
    "FileConversion",
    "render_json",
    "render_text",
]


@dataclass
class FileConversion:
    """One input file and what became of its rows."""

    input: str
    source: str  # vendor source id
    file_id: str  # standard file id
    output: str
    rejects: str | None  # None: no row was rejected, and no rejects file written
    encoding: str | None = None
    detected_by: str | None = None
    rows_in: int = 0
    rows_out: int = 0
    rows_rejected: int = 0
    rows_filtered: int = 0  # left out by the target's where
    rows_merged: int = 0  # merged into another row of their distinct group
    sha256: str | None = None
    gaiji_mapped: int = 0  # characters the 外字 table replaced
    gaiji_clashes: int = 0  # characters that already were the table's targets
    unread: bool = False  # the input could not be read to its end (a broken XML document)
    document_errors: int = 0  # errors about an XML document as a whole (no row of their own)

    def to_dict(self) -> dict[str, object]:
        return {
            "input": self.input,
            "source": self.source,
            "file_id": self.file_id,
            "output": self.output,
            "rejects": self.rejects,
            "encoding": self.encoding,
            "detected_by": self.detected_by,
            "rows_in": self.rows_in,
            "rows_out": self.rows_out,
            "rows_rejected": self.rows_rejected,
            "rows_filtered": self.rows_filtered,
            "rows_merged": self.rows_merged,
            "sha256": self.sha256,
            "gaiji_mapped": self.gaiji_mapped,
            "read_to_end": not self.unread,
            "document_errors": self.document_errors,
        }


@dataclass
class ConversionReport(Tallied):
    mapping: Mapping
    reverse: bool = False
    max_findings: int | None = DEFAULT_MAX_FINDINGS
    show_values: bool = False
    files: list[FileConversion] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    gaiji_map: MapTable | None = None
    profile: dict[str, str] | None = None  # {"name", "path", "sha256"} of a --profile
    # counts, the capped list and masking (layout_tool.report.core)
    tally: Tally = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.tally = Tally(self.max_findings, self.show_values)

    @property
    def rows_in(self) -> int:
        return sum(f.rows_in for f in self.files)

    @property
    def rows_out(self) -> int:
        return sum(f.rows_out for f in self.files)

    @property
    def rows_rejected(self) -> int:
        return sum(f.rows_rejected for f in self.files)

    @property
    def rows_filtered(self) -> int:
        return sum(f.rows_filtered for f in self.files)

    @property
    def rows_merged(self) -> int:
        return sum(f.rows_merged for f in self.files)

    @property
    def ok(self) -> bool:
        return self.rows_rejected == 0 and not any(
            f.unread or f.document_errors for f in self.files
        )

    def add(self, result: FileConversion, long: pl.DataFrame, sensitive: set[str]) -> None:
        """Count a batch's findings exactly; keep the first ones as Finding objects."""
        self.tally.add_frame(long, file=result.input, file_id=result.file_id, sensitive=sensitive)

    def to_dict(self) -> dict[str, object]:
        area = self.mapping.area
        return {
            "tool": "layout-tool",
            "version": __version__,
            "command": "convert",
            "direction": "reverse" if self.reverse else "forward",
            "mapping": self.mapping.to_dict(),
            "gaiji_map": None
            if self.gaiji_map is None
            else {"path": self.gaiji_map.path, "entries": len(self.gaiji_map.entries)},
            "spec": {"standard": area.standard, "version": area.version, "area": area.id},
            **({"profile": dict(self.profile)} if self.profile is not None else {}),
            "ok": self.ok,
            "summary": {
                "files": len(self.files),
                "rows_in": self.rows_in,
                "rows_out": self.rows_out,
                "rows_rejected": self.rows_rejected,
                "rows_filtered": self.rows_filtered,
                "rows_merged": self.rows_merged,
                "errors": self.tally.errors,
                "warnings": self.tally.warnings,
                "by_code": self.tally.by_code_dict(),
                "truncated": self.tally.truncated,
                "listed": self.tally.listed,
            },
            "files": [f.to_dict() for f in self.files],
            "notes": list(self.notes),
            "findings": [f.to_dict() for f in self.findings],
        }


def render_json(report: ConversionReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_text(report: ConversionReport) -> str:
    m = report.mapping
    direction = t("convert.reverse" if report.reverse else "convert.forward")
    lines = [
        t(
            "convert.title",
            name=m.name,
            direction=direction,
            area=m.area.id,
            version=m.area.version,
        ),
        t(
            "convert.mapping",
            path=m.path,
            kind=t("convert.lossless" if m.lossless else "convert.lossy"),
        ),
        *_gaiji_line(report),
        *(
            [f"Profile: {report.profile['path']} (sha256 {report.profile['sha256']})"]
            if report.profile
            else []
        ),
        t(
            "convert.result",
            verdict=t("convert.ok" if report.ok else "convert.rejected"),
            rows_in=counted(report.rows_in, "row"),
            rows_out=report.rows_out,
            rejected=report.rows_rejected,
            warnings=counted(report.by_severity["warning"], "warning"),
        )
        + _derived(report),
        "",
        t("sec.files"),
    ]
    derived = any(f.rows_filtered or f.rows_merged for f in report.files)
    rows = [
        [
            f.input,
            f.output,
            f.encoding or "-",
            f"{f.rows_in:,}",
            f"{f.rows_out:,}",
            f"{f.rows_rejected:,}",
            *([f"{f.rows_filtered:,}", f"{f.rows_merged:,}"] if derived else []),
        ]
        for f in report.files
    ]
    header = [t(f"col.{c}") for c in
              ("input", "output", "encoding", "rows-in", "rows-out", "rows-rejected")]  # fmt: skip
    if derived:  # rows_in = rows_out + rows_rejected + rows_filtered + rows_merged
        header += [t("col.rows-filtered"), t("col.rows-merged")]
    lines += ["  " + ln for ln in table(header, rows)]
    if report.by_code:
        lines += ["", t("sec.by-code")]
        by_code = report.tally.codes_by_count()
        lines += [
            "  " + ln
            for ln in table(
                [t("col.code"), t("col.count"), t("col.meaning")],
                [[c, f"{n:,}", code_title(c)] for c, n in by_code],
            )
        ]
        shown = report.findings[:FIRST_FINDINGS]
        lines += ["", t("sec.first", shown=len(shown), total=report.tally.total)]
        rows = [
            [
                file_name(f.file) + (" " + t("where.row", row=f.row) if f.row is not None else ""),
                f.item or "-",
                f.code,
                t("severity." + f.severity),
                one_line(f.text(), 90),
            ]
            for f in shown
        ]
        heads = ["col.where", "col.item", "col.code", "col.severity", "col.message"]
        lines += ["  " + ln for ln in table([t(h) for h in heads], rows)]
    if report.rows_rejected:
        lines += ["", t("convert.rejects-where")]
    lines += notes_lines(report.notes)
    return inert_lines("\n".join(lines)) + "\n"  # no escape sequence reaches a terminal


def _derived(report: ConversionReport) -> str:
    """Rows left out by ``where`` and merged by ``distinct`` (only where there are any)."""
    if not (report.rows_filtered or report.rows_merged):
        return ""
    return t("convert.derived", filtered=report.rows_filtered, merged=report.rows_merged)


def _gaiji_line(report: ConversionReport) -> list[str]:
    table = report.gaiji_map
    if table is None:
        return []
    done = sum(f.gaiji_mapped for f in report.files)
    way = t("convert.gaiji-back" if report.reverse else "convert.gaiji-replaced", n=done)
    return [t("convert.gaiji", path=table.path, entries=counted(len(table.entries), "entry"),
              way=way)]  # fmt: skip
