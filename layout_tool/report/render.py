"""Report renderers: text for people, JSON per the contract, CSV for Excel.

Headings, summary lines and messages follow the current language (``layout_tool.i18n``);
JSON keys, CSV column names and finding codes stay English.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict

from layout_tool.findings import FIRST_FINDINGS
from layout_tool.gaiji.inventory import first_rows_text
from layout_tool.i18n import code_title, counted, get_lang, t, text
from layout_tool.report.head import Positions, encoding, head_lines, legend
from layout_tool.report.report import Report
from layout_tool.safety.cells import safe_cell
from layout_tool.safety.text import inert_lines
from layout_tool.safety.text import shown as inert_value
from layout_tool.spec.model import STANDARD_NAMES
from layout_tool.spec.render import table

CSV_COLUMNS = ["code", "severity", "file", "file_id", "row", "item", "column", "value", "message"]


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(get_lang()), ensure_ascii=False, indent=2) + "\n"


def render_csv(report: Report) -> str:
    """One finding per line, UTF-8 with BOM so Excel opens the Japanese text right."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*CSV_COLUMNS, "offset", "line", "xpath", "file_name", "excel_row"])
    where = Positions(report)
    lang = get_lang()
    for f in report.sorted_findings():
        d = f.to_dict(lang)
        writer.writerow(
            [_cell(d.get(k)) for k in CSV_COLUMNS]
            + [_cell(d.get(k)) for k in ("offset", "line", "xpath")]
            + [where.file(f), _cell(where.excel_row(f))]
        )
    return out.getvalue()


def _cell(value: object) -> str:
    """A cell as Excel shows it: never a formula (``safety.cells``)."""
    return safe_cell(value)


def verdict(report: Report) -> str:
    return t("verdict.pass" if report.valid else "verdict.fail")


def title_line(report: Report) -> str:
    kind = t(f"kind.{report.kind}") if report.kind in ("validation", "verification") else ""
    return t(
        "report.title",
        kind=kind or report.kind,
        area=report.area,
        standard=STANDARD_NAMES.get(report.standard, report.standard),
        version=report.spec_version,
    )


def result_line(report: Report) -> str:
    return t(
        "report.result",
        verdict=verdict(report),
        errors=counted(report.errors, "error"),
        warnings=counted(report.warnings, "warning"),
        files=counted(len(report.files), "file"),
        rows=counted(report.rows, "row"),
    ) + (f" ({report.coverage()})" if report.coverage() else "")


def render_text(report: Report) -> str:
    lines = [title_line(report), result_line(report)]
    lines += [f"  {label}: {value}" for label, value in head_lines(report)]
    lines += ["", t("sec.files")]
    rows = [[f.path, f.file_id or "-", f"{f.rows:,}", encoding(f)] for f in report.files]
    heads = [t("col.file"), t("col.file-id"), t("col.rows"), t("col.encoding")]
    lines += ["  " + ln for ln in table(heads, rows)]
    if report.by_code:
        lines += ["", t("sec.by-code")]
        rows = [[c, f"{n:,}", code_title(c)] for c, n in report.codes_by_count()]
        lines += [
            "  " + ln for ln in table([t("col.code"), t("col.count"), t("col.meaning")], rows)
        ]
        lines += ["", t("sec.by-item")]
        first_rows: dict[tuple[str, str], list[str]] = defaultdict(list)
        where = Positions(report)
        several = len(report.files) > 1
        for (item, code), examples in report.examples.items():
            first_rows[(item, code)] = [
                f"{where.file(e)}:{e.row}" if several else str(e.row)
                for e in examples
                if e.row is not None
            ]
        rows = [
            [item, code, f"{n:,}", ", ".join(first_rows.get((item, code), [])) or "-"]
            for (item, code), n in report.items_by_count()
        ]
        heads = [t("col.item"), t("col.code"), t("col.count"), t("col.first-rows")]
        lines += ["  " + ln for ln in table(heads, rows)]
        lines += _first_findings(report)
    if report.gaiji:
        entries = report.gaiji.entries()
        several = len({f for e in entries for f in e.files}) > 1
        lines += ["", t("sec.gaiji", distinct=len(entries), total=report.gaiji.total)]
        rows = [
            [e.codepoints, str(e.count), ", ".join(e.items), first_rows_text(e, several)]
            for e in entries
        ]
        heads = [t("col.code-point"), t("col.count"), t("col.items"), t("col.first-rows")]
        lines += ["  " + ln for ln in table(heads, rows)]
    if report.notes:
        lines += ["", t("sec.notes")] + [
            f"  - {inert_value(text(n), 'MAX_REPORT_MESSAGE')}" for n in report.notes
        ]
    return inert_lines("\n".join(lines)) + "\n"  # no escape sequence reaches a terminal


def _first_findings(report: Report) -> list[str]:
    shown = report.sorted_findings()[:FIRST_FINDINGS]
    total = sum(report.by_code.values())
    where = Positions(report)
    lines = ["", t("sec.first", shown=len(shown), total=total)]
    rows = [[where.where(f), f.item or "-", f.code, _short(f.value), f.text()] for f in shown]
    heads = [t("col.where"), t("col.item"), t("col.code"), t("col.value"), t("col.message")]
    lines += ["  " + ln for ln in table(heads, rows)]
    if report.truncated:
        lines.append("  " + t("sec.truncated", listed=len(report.findings)))
    lines += ["", t("sec.legend")] + [f"  - {x}" for x in legend()]
    return lines


def _short(value: str | None, width: int = 24) -> str:
    if value is None:
        return ""
    clean = inert_value(value.replace("\n", "⏎"))
    return clean if len(clean) <= width else clean[: width - 1] + "…"
