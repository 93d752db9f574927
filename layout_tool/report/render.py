"""Report renderers: text for people, JSON per the contract, CSV for Excel."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict

from layout_tool.gaiji.inventory import first_rows_text
from layout_tool.report.finding import CODES
from layout_tool.report.report import Report
from layout_tool.safety.cells import safe_cell
from layout_tool.safety.text import inert_lines
from layout_tool.safety.text import shown as inert_value
from layout_tool.spec.model import STANDARD_NAMES
from layout_tool.spec.render import table

FIRST_FINDINGS = 20
CSV_COLUMNS = ["code", "severity", "file", "file_id", "row", "item", "column", "value", "message"]


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_csv(report: Report) -> str:
    """One finding per line, UTF-8 with BOM so Excel opens the Japanese text right."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*CSV_COLUMNS, "offset", "line", "xpath"])
    for f in report.sorted_findings():
        d = f.to_dict()
        writer.writerow(
            [_cell(d.get(k)) for k in CSV_COLUMNS]
            + [_cell(d.get(k)) for k in ("offset", "line", "xpath")]
        )
    return out.getvalue()


def _cell(value: object) -> str:
    """A cell as Excel shows it: never a formula (``safety.cells``)."""
    return safe_cell(value)


def render_text(report: Report) -> str:
    verdict = "PASS" if report.valid else "FAIL"
    lines = [
        f"layout-tool {report.kind} — area {report.area},"
        f" {STANDARD_NAMES.get(report.standard, report.standard)} v{report.spec_version}",
        f"Result: {verdict} — {report.errors:,} errors, {report.warnings:,} warnings"
        f" in {len(report.files)} files, {report.rows:,} rows"
        + (f" ({report.coverage()})" if report.coverage() else ""),
        *(
            [f"Profile: {report.profile['path']} (sha256 {report.profile['sha256']})"]
            if report.profile
            else []
        ),
        "",
        "Files",
    ]
    rows = [
        [f.path, f.file_id or "-", f"{f.rows:,}", f"{f.encoding} ({f.detected_by})"]
        for f in report.files
    ]
    lines += ["  " + ln for ln in table(["file", "file id", "rows", "encoding"], rows)]
    if report.by_code:
        lines += ["", "Findings by code"]
        rows = [
            [c, f"{n:,}", CODES[c]]
            for c, n in sorted(report.by_code.items(), key=lambda kv: -kv[1])
        ]
        lines += ["  " + ln for ln in table(["code", "count", "meaning"], rows)]
        lines += ["", "Findings by item (with first rows)"]
        first_rows: dict[tuple[str, str], list[str]] = defaultdict(list)
        for (item, code), examples in report.examples.items():
            first_rows[(item, code)] = [str(e.row) for e in examples if e.row is not None]
        rows = [
            [item, code, f"{n:,}", ", ".join(first_rows.get((item, code), [])) or "-"]
            for (item, code), n in report.items_by_count()
        ]
        lines += ["  " + ln for ln in table(["item", "code", "count", "first rows"], rows)]
        shown = report.sorted_findings()[:FIRST_FINDINGS]
        total = sum(report.by_code.values())
        lines += ["", f"First findings ({len(shown)} of {total:,})"]
        rows = [
            [
                f"{f.file_id or f.file or '-'}:{f.row if f.row is not None else '-'}"
                + (f" (line {f.line})" if f.line is not None else ""),
                f.item or "-",
                f.code,
                _short(f.value),
                inert_value(f.message.replace("\n", "⏎")),
            ]
            for f in shown
        ]
        lines += ["  " + ln for ln in table(["where", "item", "code", "value", "message"], rows)]
        if report.truncated:
            lines.append(
                f"  (the list holds {len(report.findings):,} findings; counts above are exact)"
            )
    if report.gaiji:
        entries = report.gaiji.entries()
        several = len({f for e in entries for f in e.files}) > 1
        lines += ["", f"外字 inventory ({len(entries)} distinct, {report.gaiji.total} in all)"]
        rows = [
            [e.codepoints, str(e.count), ", ".join(e.items), first_rows_text(e, several)]
            for e in entries
        ]
        lines += ["  " + ln for ln in table(["code point", "count", "items", "first rows"], rows)]
    if report.notes:
        lines += ["", "Notes"] + [
            f"  - {inert_value(n, 'MAX_REPORT_MESSAGE')}" for n in report.notes
        ]
    return inert_lines("\n".join(lines)) + "\n"  # no escape sequence reaches a terminal


def _short(value: str | None, width: int = 24) -> str:
    if value is None:
        return ""
    clean = inert_value(value.replace("\n", "⏎"))
    return clean if len(clean) <= width else clean[: width - 1] + "…"
