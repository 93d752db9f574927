"""Header checks: which column holds which item, and what is wrong with the header."""

from __future__ import annotations

from dataclasses import dataclass, field

from layout_tool.findings import Finding, Severity
from layout_tool.i18n import Msg
from layout_tool.spec.model import FileSpec


@dataclass
class ColumnMap:
    positions: dict[str, int]  # item name → 0-based column
    ncols: int
    findings: list[Finding] = field(default_factory=list)


def map_columns(spec: FileSpec, header: list[str] | None, label: str) -> ColumnMap:
    """Match columns to items by name (or by position when there is no header)."""
    if header is None:
        return ColumnMap({item.name: i for i, item in enumerate(spec.items)}, len(spec.items))
    found: list[Finding] = []
    if not header:  # the reader has said why (empty file, unreadable first line)
        return ColumnMap({}, 0, found)

    def finding(severity: Severity, message: Msg, item: str | None, column: int | None) -> None:
        found.append(
            Finding(
                "header", severity, message, file=label, file_id=spec.id, item=item, column=column
            )
        )

    if not any(spec.has_item(name) for name in header):
        finding(
            "error",
            Msg("header.no-item", file=spec.name, n=len(header), first=repr(_short(header[0]))),
            None,
            None,
        )
        return ColumnMap({}, len(header), found)
    positions: dict[str, int] = {}
    for i, name in enumerate(header):
        if name in positions:
            finding(
                "error",
                Msg("header.duplicate", name=repr(name), first=positions[name] + 1),
                name,
                i + 1,
            )
        elif spec.has_item(name):
            positions[name] = i
        else:
            finding(
                "warning",
                Msg("header.unknown", name=repr(_short(name)), file=spec.name),
                _short(name),
                i + 1,
            )
    for item in spec.items:
        if item.name not in positions:
            what = "header.missing-required" if item.required else "header.missing"
            finding("error", Msg(what, item=repr(item.name)), item.name, None)
    order = [n for n in header if n in positions]
    expected = [n for n in spec.item_names if n in positions]
    seen: list[str] = []
    for n in order:
        if n not in seen:
            seen.append(n)
    if seen != expected:
        first = next(a for a, b in zip(seen, expected, strict=True) if a != b)
        finding(
            "warning",
            Msg("header.order", item=repr(first)),
            first,
            positions[first] + 1,
        )
    return ColumnMap(positions, len(header), found)


def _short(name: str, width: int = 40) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"
