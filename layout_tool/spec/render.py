"""Readable text for the catalogue and for one area (a table per file)."""

from __future__ import annotations

import unicodedata

from layout_tool.i18n import t
from layout_tool.safety.text import inert
from layout_tool.spec.model import STANDARD_NAMES, AreaSpec, CatalogueEntry, Item


def display_width(text: str) -> int:
    """Terminal columns: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """Left-aligned columns that line up with Japanese text; cells are inert (a line break
    or an escape sequence in a value is shown escaped, never acted on: safety/text.py)."""
    rows = [[inert(c) for c in row] for row in rows]
    widths = [display_width(h) for h in headers]
    for row in rows:
        widths = [max(w, display_width(c)) for w, c in zip(widths, row, strict=True)]

    def line(cells: list[str]) -> str:
        return "  ".join(pad(c, w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return [line(headers), "  ".join("-" * w for w in widths), *[line(row) for row in rows]]


def render_catalogue(entries: tuple[CatalogueEntry, ...], hint: str | None = None) -> str:
    rows = []
    for e in entries:
        d = e.to_dict()
        detail = "" if e.spec else t("spec.no-detail-files")
        rows.append(
            [
                str(e.number) if e.family == "chukan" else f"{e.number:03d}",
                e.ref,
                e.name,
                str(d["version"] or "-"),
                str(d["provenance"] or "-"),
                str(d["files"]),
                str(d["items"]),
                detail or e.status,
            ]
        )
    columns = ["no", "id", "area", "version", "provenance", "files", "items", "status"]
    headers = [t(f"speccol.{c}") for c in columns]
    detailed = sum(1 for e in entries if e.spec)
    footer = t("spec.footer", areas=len(entries), detailed=detailed)
    return "\n".join([*table(headers, rows), "", footer, *([hint] if hint else [])]) + "\n"


def _flags(item: Item) -> str:
    flags = []
    if item.required:
        flags.append("必須")
    if item.fixed:
        flags.append("固定長")
    if item.gaiji:
        flags.append("外字可")
    if item.sensitive:
        flags.append("要保護")
    if item.allow_unknown_date:
        flags.append("不詳可")
    if item.check:
        flags.append(f"check:{item.check}")
    if item.scale:
        flags.append(f"scale:{item.scale}")
    return " ".join(flags)


def render_area(spec: AreaSpec) -> str:
    out = [
        t(
            "spec.title",
            name=spec.name,
            id=spec.id,
            number=str(spec.number),
            standard=STANDARD_NAMES.get(spec.standard, spec.standard),
            version=spec.version,
        ),
        t("spec.provenance", provenance=t(f"provenance.{spec.provenance}"))
        + (f" — {spec.note}" if spec.note else ""),
        *(
            [t("spec.edition", edition=spec.edition) + (f" ({spec.date})" if spec.date else "")]
            if spec.edition
            else []
        ),
        *([t("spec.charset", charset=spec.charset)] if spec.charset else []),
        *([t("spec.length-count", count=spec.length_count)] if spec.length_count else []),
        "",
    ]
    for f in spec.files:
        key = ", ".join(f.key) or "-"
        out.append(t("spec.file", id=f.id, name=f.name, filename=f.filename or "-", key=key))
        rows = [
            [str(i.no), i.name, i.type, str(i.length), i.code or "", _flags(i)] for i in f.items
        ]
        heads = [t(f"speccol.{c}") for c in ("no", "name", "type", "length", "code")]
        out += table([*heads, ""], rows)
        out.append("")
    if spec.references:
        out.append(t("spec.references"))
        for r in spec.references:
            src = f"{r.source.file}({', '.join(r.source.items)})"
            dst = f"{r.target.file}({', '.join(r.target.items)})"
            out.append(f"  {src} → {dst}")
        out.append("")
    codes = spec.used_codes()
    if codes:
        out.append(t("spec.code-tables"))
        for table_id, code_table in codes.items():
            values = ", ".join(f"{k}={v}" for k, v in code_table.values.items())
            out.append(f"  {table_id} [{code_table.status}]: {values}")
    return "\n".join(out).rstrip() + "\n"
