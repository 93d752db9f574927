"""Spreadsheet cell safety: nothing written for Excel starts a formula.

Every CSV meant for spreadsheets (validation CSV reports, rejects files, 外字 CSV, 件数表
exports) passes its cells through :func:`safe_cell`. A value starting with ``= + - @``, a
tab or a carriage return gets a leading apostrophe, as OWASP recommends for CSV injection;
Excel then shows it as text. Where the exact original matters (rejects), :func:`raw_record`
keeps the record as a JSON array, which starts with ``[`` and so is never a formula.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import polars as pl

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Full-width forms Excel also reads as formula starts (IME input).
WIDE_TRIGGERS = ("＝", "＋", "－", "＠")
_PATTERN = r"^([=+\-@\t\r＝＋－＠])"


def safe_cell(value: object) -> str:
    """The text of a cell as Excel will show it, never as a formula."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(TRIGGERS) or text.startswith(WIDE_TRIGGERS):
        return "'" + text
    return text


def safe_row(values: Sequence[object]) -> list[str]:
    return [safe_cell(v) for v in values]


def safe_column(expr: pl.Expr) -> pl.Expr:
    """:func:`safe_cell` for a polars String column (nulls stay null)."""
    return expr.str.replace(_PATTERN, "'$1")


def raw_record(fields: Sequence[str | None]) -> str:
    """The exact fields of a record as a JSON array (``null`` for an absent field)."""
    return json.dumps(list(fields), ensure_ascii=False)
