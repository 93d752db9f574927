"""Findings of a conversion batch as one long frame (``layout_tool.findings.frame``).

Each source of findings (reader problems, failed transforms, the validation engine's item
checks, rows that would not convert back) contributes a small frame filtered to the rows it
concerns; nothing is turned into Python objects except what a report lists.
"""

from __future__ import annotations

import polars as pl

from layout_tool.findings.frame import (
    CODE,
    ORDER,
    ROW,
    SCHEMA,
    SEVERITY,
    VALUE,
    combine,
    empty,
    findings,
    from_findings,
)
from layout_tool.io.rejects import summarise

__all__ = [
    "SCHEMA",
    "combine",
    "consequences_dropped",
    "empty",
    "from_findings",
    "piece",
    "quoted",
    "summarise",
]


def piece(
    frame: pl.LazyFrame,
    where: pl.Expr,
    *,
    item: str | None,
    code: pl.Expr | str,
    severity: str,
    message: pl.Expr | str,
    value: pl.Expr | None,
    order: int,
) -> pl.LazyFrame:
    """The findings of one kind: one per row of ``frame`` where ``where`` holds."""
    return frame.filter(where.fill_null(False)).select(
        findings(item=item, code=code, severity=severity, message=message, value=value, order=order)
    )


def consequences_dropped(long: pl.DataFrame) -> pl.DataFrame:
    """Findings that only repeat a cause already on the row are left out.

    A value shown with U+FFFD failed because of its bytes (the ``encoding`` finding says
    so; the reader's, with its byte offset, is preferred to the converter's own), and a row
    with any other error cannot convert back (``round-trip`` adds nothing).
    Every dropped finding's row keeps at least the finding that explains it.
    """
    if long.height == 0:
        return long
    code, severity, order = pl.col(CODE), pl.col(SEVERITY), pl.col(ORDER)
    garbled = (code != "encoding") & pl.col(VALUE).str.contains("\ufffd", literal=True)
    long = long.filter(~garbled.fill_null(False))
    located = long.filter((code == "encoding") & (order < 0)).get_column(ROW)
    long = long.filter(~((code == "encoding") & (order > 0) & pl.col(ROW).is_in(located.implode())))
    caused = long.filter((severity == "error") & (code != "round-trip")).get_column(ROW)
    return long.filter(~((code == "round-trip") & pl.col(ROW).is_in(caused.implode())))


def quoted(value: pl.Expr) -> pl.Expr:
    return pl.concat_str(pl.lit("'"), value.fill_null(""), pl.lit("'"))
