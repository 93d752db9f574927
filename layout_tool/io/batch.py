"""The unit every reader yields: a frame of string columns plus the reader's findings."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from layout_tool.findings import Finding
from layout_tool.findings.frame import ROW  # the data-row column (findings frames too)

__all__ = ["ROW", "Batch", "col"]


def col(i: int) -> str:
    """The frame column of the ``i``-th field (0-based)."""
    return f"c{i}"


@dataclass
class Batch:
    frame: pl.DataFrame  # c0..c{n-1} (String, null when empty) and __row (1-based data row)
    findings: list[Finding] = field(default_factory=list)
    records: int = 0  # every record read, good or bad
    # row → the record's text as read, for rows the frame lacks (row-shape): rejects keep it
    raw: dict[int, str] = field(default_factory=dict)
