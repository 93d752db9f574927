"""Findings of a conversion batch as one long frame: row, item, code, severity, message, value.

Each source of findings (reader problems, failed transforms, the validation engine's item
checks, rows that would not convert back) contributes a small frame filtered to the rows it
concerns; nothing is turned into Python objects except what a report lists.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from layout_tool.i18n import t
from layout_tool.io.csvsource import ROW
from layout_tool.report.finding import Finding

SCHEMA = {
    ROW: pl.Int64,
    "item": pl.String,
    "code": pl.String,
    "severity": pl.String,
    "message": pl.String,
    "value": pl.String,
    "order": pl.Int64,
}


def empty() -> pl.DataFrame:
    return pl.DataFrame(schema=SCHEMA)


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
        pl.col(ROW).cast(pl.Int64),
        _lit(item).alias("item"),
        _lit(code).cast(pl.String).alias("code"),
        pl.lit(severity).alias("severity"),
        _lit(message).cast(pl.String).alias("message"),
        (value if value is not None else pl.lit(None, pl.String)).cast(pl.String).alias("value"),
        pl.lit(order, pl.Int64).alias("order"),
    )


def _lit(value: pl.Expr | str | None) -> pl.Expr:
    return value if isinstance(value, pl.Expr) else pl.lit(value, pl.String)


def from_findings(findings: Iterable[Finding], order: int = -1) -> pl.DataFrame:
    rows = [(f.row or 0, f.item, f.code, f.severity, _located(f), f.value, order) for f in findings]
    return pl.DataFrame(rows, schema=SCHEMA, orient="row") if rows else empty()


def combine(parts: list[pl.DataFrame]) -> pl.DataFrame:
    parts = [p for p in parts if p.height]
    if not parts:
        return empty()
    return pl.concat(parts).sort(ROW, "order", maintain_order=True)


def consequences_dropped(long: pl.DataFrame) -> pl.DataFrame:
    """Findings that only repeat a cause already on the row are left out.

    A value shown with U+FFFD failed because of its bytes (the ``encoding`` finding says
    so; the reader's, with its byte offset, is preferred to the converter's own), and a row
    with any other error cannot convert back (``round-trip`` adds nothing).
    Every dropped finding's row keeps at least the finding that explains it.
    """
    if long.height == 0:
        return long
    code, severity, order = pl.col("code"), pl.col("severity"), pl.col("order")
    garbled = (code != "encoding") & pl.col("value").str.contains("\ufffd", literal=True)
    long = long.filter(~garbled.fill_null(False))
    located = long.filter((code == "encoding") & (order < 0)).get_column(ROW)
    long = long.filter(~((code == "encoding") & (order > 0) & pl.col(ROW).is_in(located.implode())))
    caused = long.filter((severity == "error") & (code != "round-trip")).get_column(ROW)
    return long.filter(~((code == "round-trip") & pl.col(ROW).is_in(caused.implode())))


def summarise(long: pl.DataFrame, rows: pl.Series) -> pl.DataFrame:
    """Per rejected row: its finding codes and messages, in item order (for the rejects file)."""
    errors = long.filter(pl.col(ROW).is_in(rows.implode()))
    text = pl.concat_str(
        pl.col("item").fill_null("-"), pl.lit(": "), pl.col("code"), pl.lit(": "), pl.col("message")
    )
    return errors.group_by(ROW, maintain_order=True).agg(
        pl.col("code").unique(maintain_order=True).str.join(";").alias("codes"),
        text.str.join(" | ").alias("findings"),
    )


def quoted(value: pl.Expr) -> pl.Expr:
    return pl.concat_str(pl.lit("'"), value.fill_null(""), pl.lit("'"))


def _located(f: Finding) -> str:
    """The message, with the byte offset of an ``encoding`` finding or the line and XPath
    of an XML one (the conversion report has no columns for them)."""
    offset = t("where.offset", offset=f.offset) if f.offset is not None else None
    line = t("where.line", line=f.line) if f.line else None
    where = [w for w in (offset, line, f.xpath) if w]
    if not where:
        return f.text()
    return t("where.extra", where=f.text(), extra=t("where.sep").join(where))
