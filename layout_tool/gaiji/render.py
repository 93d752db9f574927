"""Text, JSON and CSV for ``layout-tool gaiji``: one line per character (code point)."""

from __future__ import annotations

import csv
import io
import json

from layout_tool.gaiji.inventory import GaijiEntry, codepoints, first_rows_text
from layout_tool.gaiji.scan import GaijiScan
from layout_tool.safety.cells import safe_row
from layout_tool.safety.text import inert, inert_lines
from layout_tool.spec.render import table

CSV_COLUMNS = [
    "codepoints",
    "character",
    "count",
    "files",
    "items",
    "first_rows",
    "mapped",
    "target",
    "target_codepoints",
    "mj",
    "note",
]


def render_json(scan: GaijiScan) -> str:
    return json.dumps(scan.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_csv(scan: GaijiScan) -> str:
    """UTF-8 with BOM and CRLF so that Excel opens it; lists joined with ``; ``."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(safe_row(CSV_COLUMNS))
    for entry in scan.entries():
        found = scan.mapping(entry)
        writer.writerow(
            safe_row(
                [
                    entry.codepoints,
                    entry.token,
                    entry.count,
                    "; ".join(entry.files),
                    "; ".join(entry.items),
                    "; ".join(f"{r.file}:{r.row}" for r in entry.first_rows),
                    "" if scan.table is None else ("yes" if found else "no"),
                    found.target if found else "",
                    codepoints(found.target) if found else "",
                    (found.mj or "") if found else "",
                    (found.note or "") if found else "",
                ]
            )
        )
    return out.getvalue()


def render_text(scan: GaijiScan) -> str:
    entries = scan.entries()
    several = len(scan.files) > 1
    lines = [
        f"layout-tool gaiji — {len(scan.files)} files, {scan.rows:,} rows:"
        f" {len(entries):,} distinct 外字, {scan.inventory.total:,} occurrences",
    ]
    if scan.table is not None:
        unmapped = scan.unmapped()
        lines.append(
            f"Mapping table {scan.table.path} ({len(scan.table.entries):,} entries):"
            f" {len(entries) - len(unmapped):,} mapped, {len(unmapped):,} still unmapped"
        )
    if not entries:
        lines += ["", "No 外字 found."]
    elif scan.table is None:
        lines += ["", "外字", *_indent(_plain_table(entries, several))]
    else:
        lines += ["", f"Still unmapped ({len(scan.unmapped()):,})"]
        lines += _indent(_plain_table(scan.unmapped(), several)) if scan.unmapped() else ["  none"]
        lines += ["", f"Mapped ({len(scan.mapped()):,})"]
        lines += _indent(_mapped_table(scan, several)) if scan.mapped() else ["  none"]
    if scan.suggestions is not None:
        lines += [
            "",
            f"Suggested candidates ({len(scan.suggestions):,}; never applied: check each)",
        ]
        lines += _indent(_suggested_table(scan.suggestions)) if scan.suggestions else ["  none"]
    if scan.notes:
        lines += ["", "Notes"] + [f"  - {inert(n)}" for n in scan.notes]
    return inert_lines("\n".join(lines)) + "\n"  # no escape sequence reaches a terminal


def _indent(rows: list[str]) -> list[str]:
    return ["  " + r for r in rows]


def _shown(token: str) -> str:
    """Vendor codes as written; single private-use characters are blank on most screens."""
    return token if len(token) > 1 else f"[{token}]"


def _plain_table(entries: list[GaijiEntry], several: bool) -> list[str]:
    rows = [
        [
            e.codepoints if len(e.token) == 1 else e.token,
            _shown(e.token),
            f"{e.count:,}",
            str(len(e.files)),
            ", ".join(e.items),
            first_rows_text(e, several),
        ]
        for e in entries
    ]
    return table(["code point", "char", "count", "files", "items", "first rows"], rows)


def _mapped_table(scan: GaijiScan, several: bool) -> list[str]:
    rows = []
    for e in scan.mapped():
        found = scan.mapping(e)
        assert found is not None
        rows.append(
            [
                e.codepoints if len(e.token) == 1 else e.token,
                f"{e.count:,}",
                f"{found.target} ({codepoints(found.target)})",
                found.mj or "-",
                ", ".join(e.items),
                first_rows_text(e, several),
            ]
        )
    return table(["source", "count", "target", "MJ", "items", "first rows"], rows)


def _suggested_table(suggestions: list[dict[str, object]]) -> list[str]:
    rows = []
    for s in suggestions:
        source = str(s["source"])
        shown = str(s["source_codepoints"] or source)
        candidates = s["candidates"]
        assert isinstance(candidates, list)
        for c in candidates:
            rows.append([shown, str(s["mj"] or "-"), f"{c['character']} ({c['codepoints']})",
                         str(c["category"])])  # fmt: skip
    return table(["source", "MJ", "candidate", "evidence"], rows)
