"""Coverage as text (for a terminal or a mail) and as JSON (``Coverage.to_dict()``).

The text lists what needs a decision (missing items, required first; narrower items with
the reason; constants; vendor fields with no standard home) and leaves the full item-by-item
list to JSON and HTML, so it stays short enough to read.
"""

from __future__ import annotations

import json

from layout_tool.coverage.model import Coverage, Figures, FileCoverage, ItemCoverage
from layout_tool.i18n import t
from layout_tool.safety.text import inert_lines
from layout_tool.spec.render import table


def pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"


def render_json(coverage: Coverage) -> str:
    return json.dumps(coverage.to_dict(), ensure_ascii=False, indent=2) + "\n"


def verdict(coverage: Coverage) -> str:
    """PASS, or FAIL with how many required items are missing or narrower."""
    s = coverage.summary()
    if coverage.passed:
        return t("cov.pass", n=s.required)
    parts = []
    if s.required_missing:
        parts.append(t("cov.missing", n=s.required_missing))
    if s.required_narrower:
        parts.append(t("cov.narrower", n=s.required_narrower))
    return t("cov.fail", what=t("where.sep").join(parts))


def heading(coverage: Coverage) -> list[str]:
    area = coverage.area
    by = t("cov.by-mapping" if coverage.kind == "mapping" else "cov.by-layout")
    vendor = t("cov.vendor", vendor=coverage.vendor) if coverage.vendor else ""
    return [
        t("cov.title", name=area.name, area=area.id, version=area.version,
          provenance=t(f"provenance.{area.provenance}")),
        t("cov.by", by=by, title=coverage.title, vendor=vendor),
        f"  {coverage.subject}",
    ]  # fmt: skip


SUMMARY_COLUMNS = (
    "file", "name", "vendor", "items", "covered", "narrower", "constant", "missing",
    "covered-pct", "required", "req-covered", "required-pct",
)  # fmt: skip
"""The summary table's columns (``covcol.*`` headings, in the language of the run)."""


def summary_rows(coverage: Coverage) -> tuple[list[str], list[list[str]]]:
    """The per-file figures and the area's total, as table cells."""
    headers = [t(f"covcol.{c}") for c in SUMMARY_COLUMNS]
    rows = []
    for f in coverage.files:
        rows.append([f.file.id, f.file.name, f.vendor or "-", *_figures(f.summary())])
    rows.append([t("covcol.area"), coverage.area.name, "", *_figures(coverage.summary())])
    return headers, rows


def _figures(s: Figures) -> list[str]:
    counts = (s.items, s.covered, s.narrower, s.constant, s.missing)
    return [
        *(str(n) for n in counts),
        pct(s.covered_pct),
        str(s.required),
        str(s.required_covered),
        pct(s.required_pct),
    ]


def _mark(i: ItemCoverage) -> str:
    return t("cov.required-mark") if i.item.required else ""


def _file_lines(f: FileCoverage) -> list[str]:
    s = f.summary()
    source = f" ← {f.vendor}" if f.vendor else " ← " + t("cov.no-vendor-file")
    out = [
        f"[{f.file.id}] {f.file.name}{source}: "
        + t(
            "cov.file",
            covered=s.covered,
            items=s.items,
            pct=pct(s.covered_pct),
            req_covered=s.required_covered,
            required=s.required,
            req_pct=pct(s.required_pct),
        )
    ]
    missing = f.missing_required_first()
    if missing:
        out.append("  " + t("cov.missing-list", n=len(missing)))
        rows = [[_mark(i), str(i.item.no), i.item.name, i.item.type, str(i.item.length)]
                for i in missing]  # fmt: skip
        heads = ["", t("covcol.no"), t("covcol.item"), t("covcol.type"), t("covcol.length")]
        out += ["    " + line for line in table(heads, rows)]
    narrower = f.with_status("narrower")
    if narrower:
        out.append("  " + t("cov.narrower-list", n=len(narrower)))
        rows = [
            [
                _mark(i),
                i.item.name,
                f"{i.item.type} {i.item.length}",
                i.via or "",
                "; ".join(f"{x.kind}: {x.message}" for x in i.issues),
            ]
            for i in sorted(narrower, key=lambda i: (not i.item.required, i.item.no))
        ]
        heads = ["", t("covcol.item"), t("covcol.standard"), t("covcol.from"), t("covcol.why")]
        out += ["    " + line for line in table(heads, rows)]
    constant = f.with_status("constant")
    if constant:
        out.append("  " + t("cov.constant-list", n=len(constant)))
        rows = [[_mark(i), i.item.name, i.via or ""] for i in constant]
        heads = ["", t("covcol.item"), t("covcol.value")]
        out += ["    " + line for line in table(heads, rows)]
    return out


def _vendor_lines(coverage: Coverage) -> list[str]:
    what = t("cov.fields" if coverage.kind == "mapping" else "cov.items")
    out = [t("cov.unplaced", what=what, n=coverage.unplaced_count)]
    for v in coverage.vendor_files:
        names = ", ".join(
            f"{u.name} ({u.detail})" if u.detail else u.name for u in v.unplaced
        ) or t("head.none")
        said = t("cov.vendor-line", id=v.id, name=v.name, n=len(v.unplaced), of=v.fields,
                 names=names)  # fmt: skip
        out.append(f"  {said}")
    return out


def render_text(coverage: Coverage) -> str:
    headers, rows = summary_rows(coverage)
    out = [*heading(coverage), "", *table(headers, rows), ""]
    for f in coverage.files:
        out += [*_file_lines(f), ""]
    out += [*_vendor_lines(coverage), ""]
    if coverage.notes:
        out += [t("sec.notes") + ":", *(f"  {n}" for n in coverage.notes), ""]
    out.append(verdict(coverage))
    return inert_lines("\n".join(out)) + "\n"  # no escape sequence reaches a terminal
