"""Text, JSON and CSV for ``layout-tool gaiji``: one line per character (code point)."""

from __future__ import annotations

import csv
import io
import json

from layout_tool.gaiji.inventory import GaijiEntry, codepoints, first_rows_text
from layout_tool.gaiji.scan import GaijiScan
from layout_tool.i18n import counted, t
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
        t(
            "gaiji.title",
            files=counted(len(scan.files), "file"),
            rows=counted(scan.rows, "row"),
            distinct=len(entries),
            total=counted(scan.inventory.total, "occurrence"),
        ),
    ]
    if scan.table is not None:
        unmapped = scan.unmapped()
        lines.append(
            t(
                "gaiji.table",
                path=scan.table.path,
                entries=counted(len(scan.table.entries), "entry"),
                mapped=len(entries) - len(unmapped),
                unmapped=len(unmapped),
            )
        )
    none = "  " + t("head.none")
    if not entries:
        lines += ["", t("gaiji.none-found")]
    elif scan.table is None:
        lines += ["", "外字", *_indent(_plain_table(entries, several))]
    else:
        lines += ["", t("gaiji.unmapped", n=len(scan.unmapped()))]
        lines += _indent(_plain_table(scan.unmapped(), several)) if scan.unmapped() else [none]
        lines += ["", t("gaiji.mapped", n=len(scan.mapped()))]
        lines += _indent(_mapped_table(scan, several)) if scan.mapped() else [none]
    if scan.suggestions is not None:
        lines += [
            "",
            f"Suggested candidates ({len(scan.suggestions):,}; never applied: check each)",
        ]
        lines += _indent(_suggested_table(scan.suggestions)) if scan.suggestions else [none]
    if scan.notes:
        lines += ["", t("sec.notes")] + [f"  - {inert(n)}" for n in scan.notes]
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
    heads = ["col.code-point", "col.char", "col.count", "col.files", "col.items", "col.first-rows"]
    return table([t(h) for h in heads], rows)


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
    heads = ["col.source", "col.count", "col.target", "MJ", "col.items", "col.first-rows"]
    return table([t(h) if h.startswith("col.") else h for h in heads], rows)


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
