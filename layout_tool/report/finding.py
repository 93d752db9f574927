"""Findings: bad data as data, with a stable code and a full location."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from layout_tool.safety.masking import mask

__all__ = ["CODES", "Finding", "Severity", "mask"]

Severity = Literal["error", "warning"]

# The contract's finding codes (stable identities) with a short title each.
CODES: dict[str, str] = {
    "encoding": "bytes that do not decode",
    "row-shape": "malformed row",
    "header": "header column problem",
    "required": "required item is empty",
    "type": "value of the wrong type",
    "length": "value longer than the item's 桁数",
    "code": "value not in the code table",
    "date": "impossible or malformed date",
    "check-digit": "wrong check digit",
    "gaiji": "外字 (private-use character)",
    "key-duplicate": "duplicate primary key",
    "reference": "key missing in the referenced file",
    "count": "file set or row count differs from the manifest / 件数表",
    "xsd": "XML schema violation",
    "rule": "rule of the area broken",
    "round-trip": "row would not convert back exactly (lossless mapping)",
    "file-missing": "a file of the area is not among the inputs",
    "charset": "character outside the spec's character set, or an unregistered IVS",
    "lost-char": "lost character: escape text (◆…◆, {MJ…}, &#x…;) or U+FFFD",
}


@dataclass(frozen=True)
class Finding:
    """One problem in the data. ``row`` is the 1-based data row (header not counted)."""

    code: str
    severity: Severity
    message: str
    file: str | None = None
    file_id: str | None = None
    row: int | None = None
    item: str | None = None
    column: int | None = None
    value: str | None = None
    offset: int | None = None
    line: int | None = None
    xpath: str | None = None

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown finding code {self.code!r}")

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "file_id": self.file_id,
            "row": self.row,
            "item": self.item,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }
        for extra in ("offset", "line", "xpath"):
            if getattr(self, extra) is not None:
                out[extra] = getattr(self, extra)
        return out

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file or "", self.row or 0, self.column or 0, self.code)
