"""金額照合: exact sums of the ``number`` items, per file and per code of a grouping item.

Values are summed as decimals (polars' 128-bit decimal per batch, Python ``Decimal``
across batches), never as floats. A value that is not a plain signed decimal (``1,000``,
full-width digits, text) is left out of the sum and counted as invalid, so a total never
silently absorbs a bad value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import polars as pl

from layout_tool.compare.model import Total
from layout_tool.spec.model import FileSpec

SUM_SCALE = 6  # fractional digits summed exactly; a value with more is counted as invalid
NUMBER = rf"^[+-]?[0-9]+(\.[0-9]{{0,{SUM_SCALE}}})?$"
GROUP = "__by"


@dataclass
class Sums:
    """The running sums of one file on one side: (item, group) → (sum, invalid)."""

    sums: dict[tuple[str, str | None], Decimal] = field(default_factory=dict)
    invalid: dict[tuple[str, str | None], int] = field(default_factory=dict)


def number_items(fspec: FileSpec) -> list[str]:
    return [i.name for i in fspec.items if i.type == "number"]


def add(sums: Sums, frame: pl.DataFrame, items: list[str], by: str | None) -> None:
    """Add one chunk's values to the running sums (by file, and by ``by`` when it is there)."""
    present = [i for i in items if i in frame.columns]
    if not present or frame.height == 0:
        return
    exprs: list[pl.Expr] = []
    for name in present:
        value = pl.col(name).str.strip_chars(" ")
        ok = value.str.contains(NUMBER)
        number = pl.when(ok).then(value).cast(pl.Decimal(38, SUM_SCALE), strict=False)
        exprs.append(number.alias(name))
        # not a plain decimal, or too many digits for the 128-bit sum: counted, not summed
        exprs.append((value.is_not_null() & number.is_null()).alias("__bad" + name))
    group = (
        [pl.col(by).fill_null("").alias(GROUP)] if by is not None and by in frame.columns else []
    )
    grouped = bool(group)
    base = frame.select(*exprs, *group)
    aggs = [pl.col(n).sum() for n in present] + [pl.col("__bad" + n).sum() for n in present]
    _take(sums, base.select(aggs), present, None)
    if grouped:
        for row in base.group_by(GROUP).agg(aggs).iter_rows(named=True):
            _take_row(sums, row, present, str(row[GROUP]))


def _take(sums: Sums, agg: pl.DataFrame, present: list[str], group: str | None) -> None:
    _take_row(sums, agg.row(0, named=True), present, group)


def _take_row(sums: Sums, row: dict[str, object], present: list[str], group: str | None) -> None:
    for name in present:
        k = (name, group)
        value = row[name]
        sums.sums[k] = sums.sums.get(k, Decimal(0)) + (
            value if isinstance(value, Decimal) else Decimal(0)
        )
        bad = row["__bad" + name]
        sums.invalid[k] = sums.invalid.get(k, 0) + (bad if isinstance(bad, int) else 0)


def totals(
    fspec: FileSpec, old: Sums, new: Sums, by: str | None, tolerance: Decimal
) -> list[Total]:
    """The totals of one file, file-wide first, then per group in code order."""
    out: list[Total] = []
    scales = {i.name: i.scale or 0 for i in fspec.items}
    keys = sorted(set(old.sums) | set(new.sums), key=lambda k: (k[1] is not None, k[1] or "", 0))
    order = {name: n for n, name in enumerate(number_items(fspec))}
    keys.sort(key=lambda k: (k[1] is not None, k[1] or "", order.get(k[0], 0)))
    for name, group in keys:
        total = Total(
            fspec.id,
            name,
            None if group is None or by is None else {by: group},
            old=old.sums.get((name, group), Decimal(0)),
            new=new.sums.get((name, group), Decimal(0)),
            scale=scales.get(name, 0),
            invalid_old=old.invalid.get((name, group), 0),
            invalid_new=new.invalid.get((name, group), 0),
        )
        total.within = abs(total.diff) <= tolerance
        out.append(total)
    return out
