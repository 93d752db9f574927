"""The unit every reader yields: a frame of string columns plus the reader's findings."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from layout_tool.findings import Finding
from layout_tool.findings.frame import ROW  # the data-row column (findings frames too)

__all__ = ["ROW", "SIGNS", "Batch", "col", "signs_absent"]

SIGNS = frozenset("+-")
"""The leading signs a value's type check tests for (``checks.signs``)."""


def signs_absent(data: bytes) -> frozenset[str]:
    """The signs that occur nowhere in ``data`` (UTF-8 bytes: a ``+`` byte is a ``+``)."""
    return frozenset(s for s in SIGNS if s.encode() not in data)


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
    # signs (``+``, ``-``) that occur nowhere in the batch's bytes (``checks.signs``): its
    # checks may skip testing each value for them. Empty: not known, every test runs.
    signs_absent: frozenset[str] = frozenset()
