"""Many findings as one long polars frame: the one columnar form validate, convert and the
XML paths share.

One row per finding: the data row, the item, the code, the severity, the message (rendered
text), the value, and an ``order`` that keeps findings of one row in the order their checks
run (reader findings first: ``-1``). Checks build their part with :func:`findings`, readers'
``Finding`` objects come in through :func:`from_findings`; nothing becomes a Python object
except what a report lists.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from layout_tool.findings.codes import CODES
from layout_tool.findings.finding import Finding
from layout_tool.i18n import t

ROW = "__row"  # the 1-based data row; batch frames carry the same column (io.batch)
ITEM = "item"
CODE = "code"
SEVERITY = "severity"
MESSAGE = "message"
VALUE = "value"
ORDER = "order"

SCHEMA: dict[str, pl.DataType] = {
    ROW: pl.Int64(),
    ITEM: pl.String(),
    CODE: pl.String(),
    SEVERITY: pl.String(),
    MESSAGE: pl.String(),
    VALUE: pl.String(),
    ORDER: pl.Int64(),
}
COUNTS = (CODE, ITEM, SEVERITY, "n")  # exact counts: one row per code, item and severity
READER_ORDER = -1  # findings a reader made come before the checks' on their row


def empty() -> pl.DataFrame:
    return pl.DataFrame(schema=SCHEMA)


def findings(
    *,
    item: pl.Expr | str | None,
    code: pl.Expr | str,
    severity: pl.Expr | str | None = None,
    message: pl.Expr | str | None = None,
    value: pl.Expr | None = None,
    order: int | pl.Expr = 0,
) -> list[pl.Expr]:
    """The schema's columns, in order, for a ``select`` over a frame with ``ROW``.

    ``severity`` None: the code's declared default (``findings.codes``).
    """
    if severity is None:
        severity = severity_expr(code)
    return [
        pl.col(ROW).cast(pl.Int64),
        _lit(item).cast(pl.String).alias(ITEM),
        _lit(code).cast(pl.String).alias(CODE),
        _lit(severity).cast(pl.String).alias(SEVERITY),
        _lit(message).cast(pl.String).alias(MESSAGE),
        (value if value is not None else pl.lit(None, pl.String)).cast(pl.String).alias(VALUE),
        (order if isinstance(order, pl.Expr) else pl.lit(order, pl.Int64)).alias(ORDER),
    ]


def severity_expr(code: pl.Expr | str) -> pl.Expr:
    """Each code's declared default severity, as an expression."""
    if isinstance(code, str):
        return pl.lit(CODES[code].severity)
    table = {c.code: c.severity for c in CODES.values()}
    return code.replace_strict(table, default="error", return_dtype=pl.String)


def _lit(value: pl.Expr | str | None) -> pl.Expr:
    return value if isinstance(value, pl.Expr) else pl.lit(value, pl.String)


def from_findings(found: Iterable[Finding], order: int = READER_ORDER) -> pl.DataFrame:
    """Finding objects (a reader's, the XML paths') as rows of the findings frame."""
    rows = [(f.row or 0, f.item, f.code, f.severity, located(f), f.value, order) for f in found]
    return pl.DataFrame(rows, schema=SCHEMA, orient="row") if rows else empty()


def combine(parts: list[pl.DataFrame]) -> pl.DataFrame:
    """The parts as one frame, by row and then check order (stable)."""
    parts = [p for p in parts if p.height]
    if not parts:
        return empty()
    return pl.concat(parts).sort(ROW, ORDER, maintain_order=True)


def counts(long: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    """Exact counts per code, item and severity (columns ``COUNTS``)."""
    grouped = long.lazy().group_by(CODE, ITEM, SEVERITY).len("n").select(COUNTS)
    return grouped.collect()


def located(f: Finding) -> str:
    """The message, with the byte offset of an ``encoding`` finding or the line and XPath
    of an XML one (the frame has no columns for them)."""
    offset = t("where.offset", offset=f.offset) if f.offset is not None else None
    line = t("where.line", line=f.line) if f.line else None
    where = [w for w in (offset, line, f.xpath) if w]
    if not where:
        return f.text()
    return t("where.extra", where=f.text(), extra=t("where.sep").join(where))
