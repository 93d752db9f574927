"""A 外字 table applied to every value a conversion reads (``convert --gaiji-map``).

Forward, each source of the table (a private-use character or a vendor code) becomes its
target before the transforms and checks, so a mapped 外字 is no longer a ``gaiji`` finding.
Reversed, each target becomes its source again, so the receiving vendor gets its own 外字;
the item checks still read the standard values as they were (``ORIGINAL`` columns).

The values as read stay beside the mapped ones, so rejected rows are written as they came.
A target that already occurs as ordinary text is counted: converting back with the same
table would turn it into a 外字, so the report says so.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import polars as pl

from layout_tool.conversion.batch import ORIGINAL
from layout_tool.conversion.report import FileConversion
from layout_tool.gaiji.maptable import MapTable, apply_map, count_hits
from layout_tool.io.csvsource import ROW, Batch


class GaijiStep:
    def __init__(self, table: MapTable, reverse: bool) -> None:
        self.table = table.inverted() if reverse else table
        self.reverse = reverse
        # The other direction's sources, only to count them (duplicates do not matter here).
        swapped = tuple(replace(e, source=e.target, target=e.source) for e in self.table.entries)
        self.targets = MapTable(table.path, swapped)

    def apply(self, batch: Batch, result: FileConversion | None = None) -> None:
        """Map every value of ``batch`` in place; count replacements and clashes."""
        names = [c for c in batch.frame.columns if c != ROW and not c.startswith(ORIGINAL)]
        if not names:
            return
        hits = pl.sum_horizontal(count_hits(pl.col(n), self.table).cast(pl.Int64) for n in names)
        clashes = pl.sum_horizontal(
            count_hits(pl.col(n), self.targets).cast(pl.Int64) for n in names
        )
        done, clashing = batch.frame.select(hits.sum(), clashes.sum().alias("c")).row(0)
        batch.frame = batch.frame.with_columns(
            *[pl.col(n).alias(ORIGINAL + n) for n in names],
            *([apply_map(pl.col(n), self.table).alias(n) for n in names] if done else []),
        )
        if result is not None:
            result.gaiji_mapped += int(done or 0)
            result.gaiji_clashes += int(clashing or 0)

    def clash_note(self, path: Path, count: int) -> str:
        what = "a 外字 of the table" if self.reverse else "a target of the 外字 table"
        back = "" if self.reverse else "; converting back with the same table would make them 外字"
        return (
            f"{path}: {count:,} characters already were {what} before mapping"
            f" ({self.table.path}){back}"
        )
