"""The compare report as text (a summary to read first), JSON (the contract) and CSV."""

from __future__ import annotations

import csv
import io
import json

from layout_tool.compare.model import CompareReport, Difference
from layout_tool.spec.render import table

FIRST_DIFFERENCES = 20
CSV_COLUMNS = [
    "file_id", "kind", "key", "item", "old", "new", "row_old", "row_new", "normalised",
]  # fmt: skip
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render_json(report: CompareReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def verdict(report: CompareReport) -> str:
    return "一致 SAME" if report.same else "差異あり DIFFERENT"


def key_text(key: dict[str, str]) -> str:
    return " ".join(f"{k}={v}" for k, v in key.items())


def safe_cell(value: object) -> str:
    """A CSV cell Excel will not run as a formula: ``'`` before = + - @ tab CR."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def render_csv(report: CompareReport) -> str:
    """Every listed difference (values, then rows on one side only, then repeated keys);
    UTF-8 with BOM so Excel reads the Japanese text."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for d in report.differences:
        writer.writerow(
            [safe_cell(v) for v in (d.file_id, "normalised" if d.normalised else "changed",
             key_text(d.key), d.item, d.old, d.new, d.row_old, d.row_new, d.normalised)]
        )  # fmt: skip
    for f in report.files:
        for kind, keys in (("only_old", f.only_old_keys), ("only_new", f.only_new_keys)):
            for key in keys:
                writer.writerow([safe_cell(v) for v in (f.file_id, kind, key_text(key))] + [""] * 6)
        for dup in f.duplicate_keys:
            dkey = dup["key"]
            assert isinstance(dkey, dict)
            writer.writerow(
                [safe_cell(v) for v in (f.file_id, f"duplicate_{dup['side']}", key_text(dkey))]
                + ["", "", "", "", "", ""]
            )
    return out.getvalue()


def _n(value: int) -> str:
    return f"{value:,}"


def render_text(report: CompareReport) -> str:
    s = report.summary()
    lines = [
        f"layout-tool compare — area {report.area}, 中間標準レイアウト仕様 v{report.spec_version}",
        f"結果 Result: {verdict(report)} — 旧 {_n(s['rows_old'])} 行, "
        f"新 {_n(s['rows_new'])} 行, 照合 {_n(s['matched'])} 行, "
        f"旧のみ {s['only_old']}, 新のみ {s['only_new']}, 変更 {s['changed_values']} 値"
        f" ({s['changed_rows']} 行), キー重複 {s['duplicate_keys']}",
    ]
    if report.mapping:
        lines.append(
            f"  ({report.mapping['side']} side converted with mapping {report.mapping['mapping']}:"
            f" {report.mapping['rows_in']} rows in, {report.mapping['rows_rejected']} rejected)"
        )
    lines += ["", "件数 Counts per file"]
    rows = [
        [f.file_id, _n(f.rows_old), _n(f.rows_new), _n(f.matched), _n(f.only_old),
         _n(f.only_new), _n(f.changed_rows), f"{f.duplicate_keys_old}/{f.duplicate_keys_new}"]
        for f in report.files
    ]  # fmt: skip
    headers = [
        "file",
        "旧 old",
        "新 new",
        "照合 matched",
        "旧のみ",
        "新のみ",
        "変更行",
        "重複 old/new",
    ]
    lines += ["  " + ln for ln in table(headers, rows)]
    if report.items:
        lines += ["", "項目別の差異 Differences per item"]
        rows = [
            [i.file_id, i.item, _n(i.changed), _n(i.normalised), "allowed" if i.allowed else ""]
            for i in report.items
        ]
        lines += ["  " + ln for ln in table(["file", "item", "変更", "正規化のみ", "許容"], rows)]
    shown = report.differences[:FIRST_DIFFERENCES]
    if shown:
        lines += [
            "",
            f"最初の差異 First differences ({len(shown)} of {len(report.differences)} listed)",
        ]
        lines += ["  " + ln for ln in table(
            ["file", "key", "item", "旧 old", "新 new"], [_diff_row(d) for d in shown]
        )]  # fmt: skip
    for f in report.files:
        for label, keys in (
            ("旧のみ only in OLD", f.only_old_keys),
            ("新のみ only in NEW", f.only_new_keys),
        ):
            if keys:
                more = "" if len(keys) >= (f.only_old if "OLD" in label else f.only_new) else " …"
                lines.append(
                    f"  {f.file_id} {label}: " + "; ".join(key_text(k) for k in keys[:5]) + more
                )
        for dup in f.duplicate_keys[:5]:
            key = dup["key"]
            assert isinstance(key, dict)
            lines.append(
                f"  {f.file_id} キー重複 ({dup['side']}, {dup['rows']} rows): {key_text(key)}"
            )
    changed_totals = [t for t in report.totals if t.diff or not t.within]
    if report.totals:
        lines += ["", f"金額照合 Totals ({len(report.totals)} sums, {len(changed_totals)} differ)"]
        rows = [
            [t.file_id, t.item, key_text(t.by) if t.by else "-", *_sums(t.to_dict()),
             "OK" if t.within else "NG"]
            for t in (changed_totals or report.totals[:10])
        ]  # fmt: skip
        lines += [
            "  " + ln
            for ln in table(["file", "item", "by", "旧 old", "新 new", "差 diff", "判定"], rows)
        ]
    if report.notes:
        lines += ["", "Notes"] + [f"  - {n}" for n in report.notes]
    return "\n".join(lines) + "\n"


def _sums(d: dict[str, object]) -> list[str]:
    return [str(d["old"]), str(d["new"]), str(d["diff"])]


def _diff_row(d: Difference) -> list[str]:
    return [d.file_id, key_text(d.key), d.item + (" (正規化)" if d.normalised else ""),
            _short(d.old), _short(d.new)]  # fmt: skip


def _short(value: str | None, width: int = 24) -> str:
    if value is None:
        return "(空)"
    clean = value.replace("\n", "⏎").replace("\r", "")
    return clean if len(clean) <= width else clean[: width - 1] + "…"
