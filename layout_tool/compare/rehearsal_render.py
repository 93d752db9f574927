"""The rehearsal diff as text, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json

from layout_tool.compare.rehearsal import RehearsalReport
from layout_tool.compare.render import safe_cell
from layout_tool.spec.render import table


def rehearsal_json(report: RehearsalReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def rehearsal_csv(report: RehearsalReport) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["file_id", "code", "old", "new", "change", "status"])
    for c in [*report.by_code, *report.codes]:
        writer.writerow(
            [safe_cell(v) for v in (c.file_id, c.code, c.old, c.new, c.change, c.status)]
        )
    return out.getvalue()


def rehearsal_text(report: RehearsalReport) -> str:
    s = report.summary()
    verdict = "新たな指摘あり REGRESSED" if report.regressed else "改善・変化なし OK"
    lines = [
        f"layout-tool compare (rehearsal) — area {report.area}",
        f"旧 OLD: {report.old} ({report.kinds[0]})",
        f"新 NEW: {report.new} ({report.kinds[1]})",
        f"結果 Result: {verdict} — 指摘 {s['findings_old']:,} → {s['findings_new']:,};"
        f" codes new {s['codes_new']}, fixed {s['codes_fixed']}, still open {s['codes_open']}",
    ]
    if report.rows:
        lines += ["", "行数 Rows per file"]
        rows = [[str(r["file_id"]), str(r["rows_old"]), str(r["rows_new"]), f"{r['change']:+}"]
                for r in report.rows]  # fmt: skip
        lines += ["  " + ln for ln in table(["file", "旧 old", "新 new", "change"], rows)]
    for title, changes in (
        ("コード別 Per code", report.by_code),
        ("ファイル・コード別 Per file and code", report.codes),
    ):
        if changes:
            lines += ["", title]
            rows = [[c.file_id, c.code, str(c.old), str(c.new), f"{c.change:+}", c.status]
                    for c in changes]  # fmt: skip
            lines += [
                "  " + ln
                for ln in table(["file", "code", "旧 old", "新 new", "change", "status"], rows)
            ]
    if report.notes:
        lines += ["", "Notes"] + [f"  - {n}" for n in report.notes]
    return "\n".join(lines) + "\n"
