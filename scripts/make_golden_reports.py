"""Regenerate tests/cases/reports/: every finding message rendered in both languages.

One report holds one finding per message template of the catalogue (layout_tool/i18n), with
sample parameters, and is written as text, CSV, JSON, HTML and (as a cell dump) XLSX, in
Japanese and in English. tests/unit/test_report_golden.py rebuilds them and compares byte for
byte. Never edit the folder by hand: run

    .venv/bin/python scripts/make_golden_reports.py
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from layout_tool.findings import Finding, Severity
from layout_tool.i18n import Msg, fields, use_lang
from layout_tool.i18n.catalogue import TEMPLATES
from layout_tool.i18n.findings import FINDING_TEMPLATES
from layout_tool.report.report import FileResult, Report

ROOT = Path(__file__).resolve().parent.parent / "tests" / "cases" / "reports"
MADE = "1800000000"  # SOURCE_DATE_EPOCH: 2027-01-15T08:00:00+00:00
SAMPLE: dict[str, object] = {
    "item": "氏名", "kind": "全角", "type": "zenkaku", "pattern": "[0-9]{7}", "length": 30,
    "scale": 0, "table": "続柄", "check": "m11", "bytes": "82 ff", "encoding": "cp932",
    "field": "SHIMEI", "start": 16, "end": 45, "after": "KANA", "max": 10, "n": 9,
    "fields": 1, "got": 120, "size": 121, "detail": "Premature end of data", "line": 7,
    "file": "個人", "first": 3, "name": "'氏名'", "area": "jumin", "key": "宛名番号, 個人履歴番号",
    "items": "宛名番号", "target": "kojin", "target_items": "宛名番号", "what": "件数表",
    "rule": "世帯主は1人",
    "value": "02", "expected": 5, "path": "JUMIN_KOJIN_2.csv", "old": "0123456789ab",
    "new": "ba9876543210", "old_bytes": 1024, "new_bytes": 1100, "names": "A.csv, B.csv",
    "where": "", "rows": "", "fixed": "'2.7'", "later": "setai", "order": "kojin, setai",
    "root": "移行データ", "record": "レコード", "count": 1234, "consequence": "",
    "why": "空か、見出し行がありません", "filename": ", JUMIN_KOJIN", "of": 3, "checked": 2,
    "limit": 10485760, "unit": "バイト（CP932）", "counting": "bytes:cp932",
    "charset": "mjplus-synthetic 1.0", "gj": "gj.csv", "ivs": "", "outside": "",
}  # fmt: skip
FILES = ["data/a/JUMIN_KOJIN_1.csv", "data/a/JUMIN_KOJIN_2.csv", "data/b/JUMIN_KOJIN_2.csv"]


def build_report() -> Report:
    """The report of every finding message; the same every run."""
    os.environ["SOURCE_DATE_EPOCH"] = MADE
    report = Report(area="jumin", spec_version="2.7", inputs=["data/a", "data/b"],
                    provenance="modelled")  # fmt: skip
    report.files = [FileResult(p, "kojin", rows=40, encoding="utf-8", detected_by="sample")
                    for p in FILES]  # fmt: skip
    for i, msg_id in enumerate(sorted(FINDING_TEMPLATES)):
        params = {name: SAMPLE[name] for name in sorted(fields(TEMPLATES[msg_id]["en"]))}
        code = msg_id.split(".")[0]
        severity: Severity = "warning" if msg_id in ("gaiji.allowed", "header.order") else "error"
        report.add(
            Finding(
                code, severity, Msg(msg_id, **params), file=FILES[i % 3], file_id="kojin",
                row=i + 1, item="氏名", column=2, value="ｼｹﾝ" if code == "type" else None,
                line=i + 2 if code == "xsd" else None,
            )
        )  # fmt: skip
    report.notes.append(Msg("header.not-recognised", area="jumin"))
    return report


def xlsx_dump(data: bytes) -> str:
    """The workbook's cells, sheet by sheet, one row a line (the zip itself has timestamps)."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    out = []
    for ws in wb.worksheets:
        out.append(f"== {ws.title}")
        for row in ws.iter_rows(values_only=True):
            out.append("\t".join("" if v is None else str(v) for v in row).rstrip("\t"))
    return "\n".join(out) + "\n"


def render_all(lang: str) -> dict[str, str]:
    from layout_tool.report.html import render_html
    from layout_tool.report.render import render_csv, render_json, render_text
    from layout_tool.report.xlsx import render_xlsx

    with use_lang(lang):
        report = build_report()
        return {
            "report.txt": render_text(report),
            "report.csv": render_csv(report),
            "report.json": render_json(report),
            "report.html": render_html(report),
            "report.xlsx.txt": xlsx_dump(render_xlsx(report)),
        }


def main() -> None:
    for lang in ("ja", "en"):
        folder = ROOT / lang
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in render_all(lang).items():
            (folder / name).write_text(text, encoding="utf-8", newline="")
        print(f"{folder}: {sorted(p.name for p in folder.iterdir())}")


if __name__ == "__main__":
    main()
