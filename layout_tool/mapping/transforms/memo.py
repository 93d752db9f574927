"""Remember a costly per-value conversion across the batches of a file.

Some columns repeat a small set of values over millions of rows (dates of a few events,
processing days, 生年月日 of a population, columns that are mostly empty), and some
conversions cost many string operations per value (a 和暦 date in kanji takes a regular
expression with four groups, integer arithmetic and formatting back). A :class:`Memo`
wraps such a conversion: each batch is joined with the values seen so far (one hash per
row), only values never seen are converted, and they join the table. The answer is the
conversion's own, value for value; only how often it is computed changes.

A column that hardly repeats would grow the table without gaining anything, so the table
stops growing at ``limit`` values (those already in it still help); short batches are
converted directly, the detour costing more than it saves.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import polars as pl

Convert = Callable[[pl.Series], pl.Series]
"""A pure, elementwise conversion of a String column (null in, null out)."""

SMALL = 4096
LIMIT = 1 << 18


class Memo:
    """``convert``, computed once per distinct value over every call (thread-safe)."""

    def __init__(self, convert: Convert, *, small: int = SMALL, limit: int = LIMIT) -> None:
        self.convert = convert
        self.small = small
        self.limit = limit
        self.table = pl.DataFrame(schema={"v": pl.String, "o": pl.String, "hit": pl.Boolean})
        self.lock = threading.Lock()

    def __call__(self, values: pl.Series) -> pl.Series:
        if values.len() < self.small:
            return self.convert(values)
        with self.lock:
            table = self.table
        frame = values.rename("v").to_frame()
        known = frame.join(table, on="v", how="left", maintain_order="left")
        new = known.filter(pl.col("hit").is_null() & pl.col("v").is_not_null()).select(
            pl.col("v").unique()
        )
        if new.height == 0:
            return known.get_column("o").rename(values.name)
        fresh = new.with_columns(
            self.convert(new.get_column("v")).alias("o"), pl.lit(True).alias("hit")
        )
        with self.lock:  # another thread may have added some of them meanwhile
            if self.table.height + fresh.height <= self.limit:
                extra = fresh.join(self.table, on="v", how="anti")
                self.table = pl.concat([self.table, extra]).rechunk()
        found = frame.join(fresh, on="v", how="left", maintain_order="left").get_column("o")
        return known.get_column("o").fill_null(found).rename(values.name)
