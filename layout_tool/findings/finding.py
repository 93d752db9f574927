"""Findings: bad data as data, with a stable code and a full location."""

from __future__ import annotations

from dataclasses import dataclass

from layout_tool.findings.codes import CODES, Severity
from layout_tool.i18n import Msg, Text, text


@dataclass(frozen=True)
class Finding:
    """One problem in the data. ``row`` is the 1-based data row (header not counted)."""

    code: str
    severity: Severity
    message: Text  # a Msg (id + parameters, rendered per language) or a plain string
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

    def text(self, lang: str | None = None) -> str:
        """The message in the language asked for (default: the current one)."""
        return text(self.message, lang)

    @property
    def msg_id(self) -> str | None:
        return self.message.id if isinstance(self.message, Msg) else None

    def to_dict(self, lang: str | None = None) -> dict[str, object]:
        out: dict[str, object] = {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "file_id": self.file_id,
            "row": self.row,
            "item": self.item,
            "column": self.column,
            "value": self.value,
            "message": self.text(lang),
        }
        for extra in ("offset", "line", "xpath"):
            if getattr(self, extra) is not None:
                out[extra] = getattr(self, extra)
        return out

    def sort_key(self) -> tuple[str, int, int, str]:
        """The order reports list findings in: file, row, column, code (the same every run)."""
        return (self.file or "", self.row or 0, self.column or 0, self.code)
