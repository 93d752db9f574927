"""The rehearsal diff as text, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json

from layout_tool.compare.rehearsal import RehearsalReport
from layout_tool.compare.render import safe_cell
from layout_tool.i18n import t
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
    verdict = t("reh.regressed" if report.regressed else "reh.ok")
    lines = [
        t("reh.text-title", area=report.area),
        t("reh.old-line", path=report.old, kind=report.kinds[0]),
        t("reh.new-line", path=report.new, kind=report.kinds[1]),
        t("reh.result", verdict=verdict, old=s["findings_old"], new=s["findings_new"],
          codes_new=s["codes_new"], fixed=s["codes_fixed"], open=s["codes_open"]),
    ]  # fmt: skip
    if report.rows:
        lines += ["", t("reh.sec-rows")]
        rows = [[str(r["file_id"]), str(r["rows_old"]), str(r["rows_new"]), f"{r['change']:+}"]
                for r in report.rows]  # fmt: skip
        heads = [t(f"cmpcol.{c}") for c in ("file", "old", "new", "change")]
        lines += ["  " + ln for ln in table(heads, rows)]
    for title, changes in ((t("reh.sec-codes"), report.by_code),
                           (t("reh.sec-file-codes"), report.codes)):  # fmt: skip
        if changes:
            lines += ["", title]
            rows = [[c.file_id, c.code, str(c.old), str(c.new), f"{c.change:+}",
                     t(f"reh.status-{c.status}")] for c in changes]  # fmt: skip
            heads = [t(f"cmpcol.{c}") for c in ("file", "code", "old", "new", "change", "status")]
            lines += ["  " + ln for ln in table(heads, rows)]
    if report.notes:
        lines += ["", t("sec.notes")] + [f"  - {n}" for n in report.notes]
    return "\n".join(lines) + "\n"
