"""The compare report as text (a summary to read first), JSON (the contract) and CSV."""

from __future__ import annotations

import csv
import io
import json

from layout_tool.compare.model import CompareReport, Difference
from layout_tool.i18n import t
from layout_tool.spec.render import table

FIRST_DIFFERENCES = 20
CSV_COLUMNS = [
    "file_id", "kind", "key", "item", "old", "new", "row_old", "row_new", "normalised",
]  # fmt: skip
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render_json(report: CompareReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def verdict(report: CompareReport) -> str:
    return t("cmp.same" if report.same else "cmp.different")


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
        t("cmp.title", area=report.area, version=report.spec_version),
        t("cmp.result", verdict=verdict(report), rows_old=s["rows_old"], rows_new=s["rows_new"],
          matched=s["matched"], only_old=s["only_old"], only_new=s["only_new"],
          changed_values=s["changed_values"], changed_rows=s["changed_rows"],
          duplicates=s["duplicate_keys"]),
    ]  # fmt: skip
    if report.mapping:
        m = report.mapping
        side = t("cmp.side-old" if m["side"] == "old" else "cmp.side-new")
        said = t("cmp.mapped", side=side, mapping=m["mapping"], rows_in=m["rows_in"],
                 rejected=m["rows_rejected"])  # fmt: skip
        lines.append(f"  {said}")
    lines += ["", t("cmp.sec-counts")]
    rows = [
        [f.file_id, _n(f.rows_old), _n(f.rows_new), _n(f.matched), _n(f.only_old),
         _n(f.only_new), _n(f.changed_rows), f"{f.duplicate_keys_old}/{f.duplicate_keys_new}"]
        for f in report.files
    ]  # fmt: skip
    columns = ("file", "old", "new", "matched", "only-old", "only-new", "changed-rows", "dup")
    headers = [t(f"cmpcol.{c}") for c in columns]
    lines += ["  " + ln for ln in table(headers, rows)]
    if report.items:
        lines += ["", t("cmp.sec-items")]
        allowed = t("cmpcol.allowed")
        rows = [
            [i.file_id, i.item, _n(i.changed), _n(i.normalised), allowed if i.allowed else ""]
            for i in report.items
        ]
        heads = [t(f"cmpcol.{c}") for c in ("file", "item", "changed", "normalised", "allowed")]
        lines += ["  " + ln for ln in table(heads, rows)]
    shown = report.differences[:FIRST_DIFFERENCES]
    if shown:
        lines += ["", t("cmp.sec-first", shown=len(shown), total=len(report.differences))]
        heads = [t(f"cmpcol.{c}") for c in ("file", "key", "item", "old", "new")]
        lines += ["  " + ln for ln in table(heads, [_diff_row(d) for d in shown])]
    for f in report.files:
        for label, keys, total in (
            (t("cmp.only-old-keys"), f.only_old_keys, f.only_old),
            (t("cmp.only-new-keys"), f.only_new_keys, f.only_new),
        ):
            if keys:
                more = "" if len(keys) >= total else " …"
                lines.append(
                    f"  {f.file_id} {label}: " + "; ".join(key_text(k) for k in keys[:5]) + more
                )
        for dup in f.duplicate_keys[:5]:
            key = dup["key"]
            assert isinstance(key, dict)
            side = t("cmp.side-old" if dup["side"] == "old" else "cmp.side-new")
            said = t("cmp.dup", side=side, rows=dup["rows"])
            lines.append(f"  {f.file_id} {said}: {key_text(key)}")
    changed_totals = [s for s in report.totals if s.diff or not s.within]
    if report.totals:
        lines += ["", t("cmp.sec-totals", sums=len(report.totals), differ=len(changed_totals))]
        rows = [
            [s.file_id, s.item, key_text(s.by) if s.by else "-", *_sums(s.to_dict()),
             "OK" if s.within else "NG"]
            for s in (changed_totals or report.totals[:10])
        ]  # fmt: skip
        heads = [t(f"cmpcol.{c}") for c in ("file", "item", "by", "old", "new", "diff", "judged")]
        lines += ["  " + ln for ln in table(heads, rows)]
    if report.notes:
        lines += ["", t("sec.notes")] + [f"  - {n}" for n in report.notes]
    return "\n".join(lines) + "\n"


def _sums(d: dict[str, object]) -> list[str]:
    return [str(d["old"]), str(d["new"]), str(d["diff"])]


def _diff_row(d: Difference) -> list[str]:
    return [d.file_id, key_text(d.key), d.item + (t("cmp.normalised-mark") if d.normalised else ""),
            _short(d.old), _short(d.new)]  # fmt: skip


def _short(value: str | None, width: int = 24) -> str:
    if value is None:
        return t("cmp.empty")
    clean = value.replace("\n", "⏎").replace("\r", "")
    return clean if len(clean) <= width else clean[: width - 1] + "…"
